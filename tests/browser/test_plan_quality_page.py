"""The central coordinator opens Plankvalitet, changes the year and opens a plan's checklist."""

from datetime import date

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from dashboard.db import Database
from models.queries.plan_quality import PlanQuality, plan_quality
from tests.browser.conftest import log_in, serious_accessibility_violations

OTHER_YEAR = 2022  # before the 2023 merger, so the councils differ from today's


def _plans(database: Database, year: int) -> list[PlanQuality]:
    with database.session() as session:
        return plan_quality(session, year)


GRID_COUNCILS = """wanted => JSON.stringify([...document.querySelectorAll(
    "#quality-grid .ag-center-cols-container [col-id='council']")].map(c => c.innerText).sort())
    === JSON.stringify(wanted)"""


def expect_grid_councils(page: Page, plans: list[PlanQuality]) -> None:
    """The grid shows exactly these plans' councils, once it has drawn them (AG Grid draws a
    row's cells after the row, and keeps the old cells until new data has arrived)."""
    wanted = sorted(p.council_name for p in plans)
    try:
        page.wait_for_function(GRID_COUNCILS, arg=wanted, timeout=15_000)
    except PlaywrightTimeoutError:
        cells = page.locator("#quality-grid .ag-center-cols-container [col-id='council']")
        assert sorted(cells.all_inner_texts()) == wanted


def test_admin_reviews_plan_quality(
    page: Page, live_server: str, demo_db: Database, today: date
) -> None:
    current, other = _plans(demo_db, today.year), _plans(demo_db, OTHER_YEAR)
    assert current and other
    assert {p.council_name for p in current} != {p.council_name for p in other}

    log_in(page, live_server, "admin")
    page.get_by_role("link", name="Plankvalitet").click()
    expect(page).to_have_url(f"{live_server}/plankvalitet?year={today.year}")
    expect(page.get_by_role("heading", name="Plankvalitet", exact=True)).to_be_visible()
    expect(page.locator("#quality-explanation")).to_contain_text("15 juni 2017")
    expect(page.locator("#quality-chart .bars path")).to_have_count(len(current))
    grid_rows = page.locator("#quality-grid .ag-center-cols-container .ag-row")
    expect(grid_rows).to_have_count(len(current))
    expect_grid_councils(page, current)

    page.get_by_label("Planår").select_option(str(OTHER_YEAR))
    expect(grid_rows).to_have_count(len(other))
    expect(page.locator("#quality-chart .bars path")).to_have_count(len(other))
    expect(page.locator("#quality-summary")).to_contain_text(f"{len(other)} planer för 2022")
    expect_grid_councils(page, other)
    expect(page).to_have_url(f"{live_server}/plankvalitet?year={OTHER_YEAR}")

    # Open the drill-down of a plan that misses something, from the grid.
    weak = next(p for p in reversed(other) if p.missing)
    page.locator(
        "#quality-grid .ag-center-cols-container [col-id='council']", has_text=weak.council_name
    ).first.click()
    heading = page.locator("#quality-detail-heading")
    expect(heading).to_contain_text(
        f"{weak.council_name} {OTHER_YEAR}: {weak.passed} av {weak.total} punkter uppfyllda"
    )
    for item in weak.items:
        row = page.locator(f"#quality-item-{item.key}")
        expect(row).to_contain_text(item.label)
        expect(row).to_contain_text("✓ Uppfyllt" if item.passed else "✗ Inte uppfyllt")
        expect(row).to_contain_text(item.detail)
        expect(row).to_contain_text(item.quote)
    expect(page.get_by_label("Nämnd", exact=True)).to_have_value(weak.council_code)
    expect(page).to_have_url(
        f"{live_server}/plankvalitet?year={OTHER_YEAR}&council={weak.council_code}"
    )

    # The select opens another plan just as well.
    strong = other[0]
    page.get_by_label("Nämnd", exact=True).select_option(strong.council_code)
    expect(heading).to_contain_text(f"{strong.council_name} {OTHER_YEAR}: {strong.passed} av")
    expect(page.locator("#quality-grid .ag-row-selected [col-id='council']")).to_have_text(
        strong.council_name
    )
    assert "year=2022" in page.url

    assert not serious_accessibility_violations(page), "Plankvalitet accessibility"
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_link_reproduces_the_view_and_bars_open_plans(
    page: Page, live_server: str, demo_db: Database
) -> None:
    plan = _plans(demo_db, OTHER_YEAR)[-1]
    assert plan.missing
    log_in(
        page,
        live_server,
        "admin",
        then=f"/plankvalitet?year={OTHER_YEAR}&council={plan.council_code}",
    )
    expect(page.get_by_label("Planår")).to_have_value(str(OTHER_YEAR))
    expect(page.locator("#quality-detail-heading")).to_contain_text(
        f"{plan.council_name} {OTHER_YEAR}", timeout=20_000
    )
    expect(page.locator("#quality-grid .ag-row-selected [col-id='council']")).to_have_text(
        plan.council_name
    )

    # A bar of the chart opens its plan too (bars are drawn best first, top down).
    first = _plans(demo_db, OTHER_YEAR)[0]
    bar = page.locator("#quality-chart .bars path").first
    bar.hover(force=True)  # Plotly reports the point under the pointer
    bar.click(force=True)
    expect(page.locator("#quality-detail-heading")).to_contain_text(
        f"{first.council_name} {OTHER_YEAR}"
    )
    expect(page.get_by_label("Nämnd", exact=True)).to_have_value(first.council_code)
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_a_phone_reads_the_drill_down_with_the_memos_words(
    page: Page, live_server: str, demo_db: Database
) -> None:
    """Skarpnäck 2021 on a 390 px screen: district points under their own heading, each with the
    memo's words and what was found, and nothing wider than the screen."""
    with demo_db.session() as session:
        (plan,) = plan_quality(session, 2021, "SKA")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "ks", then="/plankvalitet?year=2021&council=SKA")
    # A phone on a busy test machine may need longer than the default 5 s for the first answer.
    expect(page.locator("#quality-detail-heading")).to_contain_text(
        f"Skarpnäck 2021: {plan.passed} av 17 punkter uppfyllda", timeout=20_000
    )
    expect(page.locator("#quality-scope-district")).to_contain_text("Krav på stadsdelsnämnderna")
    ssp = page.locator("#quality-item-ssp")
    expect(ssp).to_contain_text("Samtliga stadsdelsnämnder uppmanas att inom ramen för samverkan")
    expect(ssp).to_contain_text("Hittade: 'SSP' i aktivitet 3")
    # The plan's text section on grants and premises counts without an activity there.
    expect(page.locator("#quality-item-grants_premises")).to_contain_text("✓ Uppfyllt")
    ssp.scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not serious_accessibility_violations(page), "Plankvalitet accessibility at 390 px"
    assert page.console_errors == []  # type: ignore[attr-defined]
