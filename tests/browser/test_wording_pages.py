"""Swedish and finished where a user clicks: Översikt's key figures and overdue grid link to what
they say, Att göra opens the activity itself, a saved completion date shows at once, the grid's
paging and the chart toolbar speak Swedish, and no word is broken mid-word."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from dashboard.db import Database
from models import Activity, Council
from models.base import stockholm_today
from models.enums import ActivityStatus
from models.queries.overview import OverviewFilter, overdue_activities
from models.queries.todo import todo_for_council
from tests.browser.conftest import log_in, settled

# Every word of headings, key figures, grid cells and labels on one line: a word split over two
# lines ("Arbetsmarknadsnämn-den") is what `word-break`/`overflow-wrap` must never do. Words are
# cut at spaces and dashes, where a line may legitimately end.
BROKEN_WORDS = """() => {
    const broken = [];
    const places = "h1, h2, h3, .lb-kpi-label, .lb-kpi-value, .ag-cell, .ag-header-cell-text, "
        + "label";
    for (const el of document.querySelectorAll(places)) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            for (const m of node.data.matchAll(/[^\\s\\-\\u2013\\u2014\\/]+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const lines = new Set(Array.from(range.getClientRects())
                    .filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (lines.size > 1) { broken.push(m[0]); }
            }
        }
    }
    return broken;
}"""


def _settled(page: Page) -> None:
    settled(page)
    expect(page.locator("[data-dash-is-loading='true']")).to_have_count(0)


def _overdue(database: Database, today: date) -> list[tuple[str, str]]:
    with database.session() as session:
        rows = overdue_activities(session, OverviewFilter(today.year), today)
    return [(r.council, r.council_code) for r in rows]


@pytest.mark.parametrize("width", [1440, 390])
def test_overview_links_go_where_they_say(
    page: Page, live_server: str, demo_db: Database, today: date, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    overdue = _overdue(demo_db, today)
    assert overdue, "the demo data has overdue activities this year"
    log_in(page, live_server, "admin")
    _settled(page)
    assert page.evaluate(BROKEN_WORDS) == [], f"words broken at {width} px"

    # Overdue → the overdue grid on the same page, without scrolling past the charts.
    page.locator("#kpi-overdue").get_by_role("link", name="Förfallna aktiviteter").click()
    expect(page).to_have_url(re.compile(r"/(\?year=\d+)?#overview-overdue-title$"))
    expect(page.get_by_role("heading", name="Förfallna aktiviteter")).to_be_in_viewport()
    grid = page.locator("#overview-overdue")
    expect(grid.locator(".ag-row")).to_have_count(min(len(overdue), 20))

    # The grid's paging in Swedish: "1–7 av 7", "Sida 1 av 1".
    summary = grid.locator(".ag-paging-row-summary-panel")
    shown = min(len(overdue), 20)
    expect(summary).to_have_text(re.compile(rf"^\s*1\s*–\s*{shown}\s*av\s*{len(overdue)}\s*$"))
    assert summary.evaluate("e => e.children[1].textContent") == "–"
    expect(grid.locator(".ag-paging-description")).to_have_text(re.compile(r"Sida\s*1\s*av\s*\d+"))

    # A council's name in the grid opens its page for the same year, named in the tab.
    name, code = overdue[0]
    grid.get_by_role("link", name=name, exact=True).first.click()
    expect(page).to_have_url(f"{live_server}/namnd/{code}?year={today.year}")
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    expect(page).to_have_title(f"{name} – Nämnd – Lägesbild")

    # Plans → Plankvalitet, awareness → Enkäter, for the same year.
    page.goto(f"{live_server}/?year=2023")
    page.locator("#kpi-plans").get_by_role("link", name="Planer godkända av KS").click()
    expect(page).to_have_url(f"{live_server}/plankvalitet?year=2023")
    page.goto(f"{live_server}/?year=2023")
    page.locator("#kpi-awareness").get_by_role("link").click()
    expect(page).to_have_url(f"{live_server}/enkater?year=2023")

    # Activities done → the councils compared by completion, filters kept.
    page.goto(f"{live_server}/?year=2023&period=t2")
    page.locator("#kpi-activities").get_by_role("link", name="Aktiviteter genomförda").click()
    expect(page).to_have_url(
        f"{live_server}/?year=2023&period=t2&measure=completion#overview-councils-title"
    )
    expect(page.locator("#overview-councils-title")).to_have_text(
        "Nämnderna jämförda: genomförda aktiviteter (%)"
    )
    expect(page.locator("#overview-councils-title")).to_be_in_viewport()

    # Incidents → their chart on the page.
    page.locator("#kpi-incidents").get_by_role("link").click()
    expect(page.locator("#overview-trend")).to_be_in_viewport()
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_charts_offer_two_swedish_buttons_and_no_cloud(page: Page, live_server: str) -> None:
    log_in(page, live_server, "ks")
    _settled(page)
    charts = page.locator("#page .js-plotly-plot")
    expect(charts).to_have_count(3)
    for i in range(3):
        buttons = charts.nth(i).locator(".modebar-btn")
        expect(buttons).to_have_count(2)
        expect(buttons.nth(0)).to_have_attribute("aria-label", "Ladda ned diagrammet som PNG")
        expect(buttons.nth(1)).to_have_attribute("aria-label", "Återställ axlarna")
    toolbar_text = " ".join(
        b.get_attribute("data-title") or "" for b in page.locator(".modebar-btn").all()
    )
    for english in ("Chart Studio", "Download plot", "Plotly", "Autoscale", "Zoom", "Pan"):
        assert english not in toolbar_text
    assert page.locator(".modebar-btn[data-title*='Chart Studio'], .modebar a").count() == 0


def _open_activity(database: Database, council: str, year: int) -> Activity:
    with database.session() as session:
        return next(
            a
            for a in session.scalars(
                select(Activity).join(Activity.plan).join(Council).where(Council.code == council)
            )
            if a.plan.year == year
            and a.status in (ActivityStatus.NOT_STARTED, ActivityStatus.ONGOING)
        )


@pytest.mark.parametrize("width", [1440, 390])
def test_a_saved_completion_date_shows_at_once(
    page: Page, live_server_writable: str, demo_db_writable: Database, today: date, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    activity = _open_activity(demo_db_writable, "SKA", today.year)
    log_in(page, live_server_writable, "skarpnack", then="/aktiviteter")
    grid = page.locator("#activities-grid")
    expect(grid.locator(".ag-header-cell-text")).to_contain_text(["Slutdatum", "Genomförd"])
    _settled(page)
    assert page.evaluate(BROKEN_WORDS) == [], f"words broken at {width} px"
    row = grid.locator(f".ag-row[row-id='{activity.id}']").first
    row.locator("[col-id='description']").click()
    expect(page.locator("#activity-form-description")).to_have_text(activity.description)
    expect(page.locator("#activity-form .btn-close")).to_have_attribute("aria-label", "Stäng")
    # Required fields are marked before anyone saves.
    expect(page.get_by_label("Status")).to_have_attribute("required", "")
    expect(page.locator("#activity-form .lb-required-legend")).to_have_text("* obligatoriskt")

    done_on = date(today.year, 1, 15).isoformat()
    page.get_by_label("Status").select_option(label="Genomförd")
    page.get_by_label("Genomförd den (ÅÅÅÅ-MM-DD)").fill(done_on)
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("#activity-save-result")).to_contain_text("Sparat.")
    newest = page.locator("#activity-history li").first
    expect(newest).to_contain_text("→ Genomförd")
    expect(newest).to_contain_text(f"genomförd den {done_on}")
    page.keyboard.press("Escape")
    expect(row.locator("[col-id='completed']")).to_have_text(done_on)
    expect(row.locator("[col-id='status']")).to_have_text("Genomförd")

    # Saved as done without a date: the day recorded (today) shows in the form at once.
    other = _open_activity(demo_db_writable, "SKA", today.year)
    grid.locator(f".ag-row[row-id='{other.id}'] [col-id='description']").first.click()
    expect(page.locator("#activity-form-description")).to_have_text(other.description)
    page.get_by_label("Status").select_option(label="Genomförd")
    page.get_by_role("button", name="Spara", exact=True).click()
    # Today as the app sees it now: Stockholm's midnight may have passed since the session began.
    expect(page.get_by_label("Genomförd den (ÅÅÅÅ-MM-DD)")).to_have_value(
        stockholm_today().isoformat()
    )
    page.keyboard.press("Escape")
    expect(grid.locator(f".ag-row[row-id='{other.id}'] [col-id='completed']")).to_have_text(
        today.isoformat()
    )
    assert page.console_errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [1440, 390])
def test_att_gora_opens_the_activity_itself(
    page: Page, live_server: str, demo_db: Database, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    with demo_db.session() as session:
        nin = session.scalars(select(Council).where(Council.code == "NIN")).one()
        first = todo_for_council(session, nin.id, stockholm_today()).overdue[0]
        wanted = (first.id, first.description, first.plan.year)
    log_in(page, live_server, "norrainnerstaden", then="/att-gora")
    _settled(page)
    assert page.evaluate(BROKEN_WORDS) == [], f"words broken at {width} px"
    page.evaluate("window.lbSameDocument = true")
    page.locator("#todo-overdue").get_by_role("link", name=wanted[1]).first.click()
    expect(page).to_have_url(re.compile(rf"/aktiviteter\?.*activity={wanted[0]}"))
    expect(page.locator("#activity-form-description")).to_have_text(wanted[1])
    assert page.evaluate("window.lbSameDocument === true"), "opened inside the app, no reload"
    expect(page.get_by_label("Planår")).to_have_value(str(wanted[2]))
    # Closed, the same row opens again with a click, and the address forgets it.
    page.keyboard.press("Escape")
    expect(page).not_to_have_url(re.compile(r"activity="))
    row = page.locator(f"#activities-grid .ag-row[row-id='{wanted[0]}'] [col-id='description']")
    row.first.click()
    expect(page.locator("#activity-form-description")).to_have_text(wanted[1])
    assert page.console_errors == []  # type: ignore[attr-defined]
