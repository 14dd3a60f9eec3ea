"""The council page: real plan texts, activities by section, sub-areas, merger lines, survey."""

from playwright.sync_api import Page, expect
from sqlalchemy import text

from dashboard.db import Database
from models.base import stockholm_today
from tests.browser.conftest import log_in, serious_accessibility_violations


def _sum(database: Database, sql: str, **params: object) -> int:
    with database.engine.connect() as conn:
        return int(conn.execute(text(sql), params).scalar_one() or 0)


def test_council_page_shows_plan_activities_and_merged_lines(
    page: Page, live_server: str, demo_db: Database
) -> None:
    log_in(page, live_server, "polis", then="/namnd/BRO?year=2020")
    expect(page.get_by_role("heading", name="Bromma", exact=True)).to_be_visible()
    expect(page.locator("#council-lagesbild")).to_contain_text("Blackeberg")
    expect(page.locator("#council-sub-area-table")).to_contain_text("Blackeberg")
    bromma_2020 = _sum(
        demo_db,
        "SELECT COUNT(*) FROM activities a JOIN action_plans p ON a.plan_id = p.id "
        "JOIN councils c ON p.council_id = c.id WHERE c.code = 'BRO' AND p.year = 2020",
    )
    expect(page.locator("#council-activities .list-group-item")).to_have_count(bromma_2020)
    expect(page.locator("#council-activities")).to_contain_text("Kompetenshöjande (4)")
    expect(page.locator("#council-survey .bars path").first).to_be_visible()
    assert not serious_accessibility_violations(page), "Nämnd accessibility"

    # Järva before its formation: the line is Rinkeby-Kista + Spånga-Tensta.
    page.goto(f"{live_server}/namnd/JAR?year=2024")
    expect(page.locator("#council-lineage-note")).to_contain_text("Rinkeby-Kista")
    predecessors_2022 = _sum(
        demo_db,
        "SELECT SUM(i.count) FROM incidents i JOIN councils c ON i.council_id = c.id "
        "WHERE c.code IN ('RIK', 'SPT') AND i.year = 2022",
    )
    milieu_bars = page.locator("#council-by-milieu .bars path")
    expect(milieu_bars.first).to_be_visible()
    totals = page.evaluate(
        """() => {
            const fig = document.querySelector('#council-by-milieu .js-plotly-plot');
            const out = {};
            for (const trace of fig.data) trace.x.forEach((x, i) => {
                out[x] = (out[x] || 0) + trace.y[i];
            });
            return out;
        }"""
    )
    assert totals["2022"] == predecessors_2022 > 0

    # Only the years Järva existed (from 1 July 2023) are offered; a choice goes to the URL.
    years = page.locator("#council-year option:not([disabled])")
    expect(years.first).to_have_text(str(stockholm_today().year))
    expect(years.last).to_have_text("2023")
    page.get_by_label("År", exact=True).select_option("2023")
    expect(page).to_have_url(f"{live_server}/namnd/JAR?year=2023")
    expect(page.locator("#council-lagesbild")).to_contain_text("Lägesbild 2023")

    # A dissolved council opens on its last year, whatever year the address asks for.
    page.goto(f"{live_server}/namnd/ost?year=2026")
    expect(page).to_have_url(f"{live_server}/namnd/ost?year=2023")
    expect(page.locator("#council-year option:not([disabled])").first).to_have_text("2023")
    expect(page.locator("#council-year option:not([disabled])").last).to_have_text("2017")
    assert page.console_errors == []  # type: ignore[attr-defined]
