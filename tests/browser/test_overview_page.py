"""Översikt in a real browser: live figures, filters that change them and live in the URL, the
district map of the chosen year, and a click through to the council page."""

from datetime import date

from playwright.sync_api import Page, expect
from sqlalchemy import text

from dashboard.db import Database
from dashboard.formatting import fmt_int
from tests.browser.conftest import log_in, serious_accessibility_violations


def _incidents(database: Database, year: int, months: tuple[int, int], milieu: str = "") -> int:
    where = " AND milieu = :milieu" if milieu else ""
    with database.engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT COALESCE(SUM(count), 0) FROM incidents "
                    "WHERE year = :y AND month BETWEEN :a AND :b" + where
                ),
                {"y": year, "a": months[0], "b": months[1], "milieu": milieu},
            ).scalar_one()
        )


def _districts_at_end_of(database: Database, day: date) -> int:
    with database.engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT COUNT(*) FROM councils WHERE kind = 'district' AND valid_from <= :d "
                    "AND (valid_to IS NULL OR valid_to >= :d)"
                ),
                {"d": day},
            ).scalar_one()
        )


def test_coordinator_sees_overview_and_filters_it(
    page: Page, live_server: str, demo_db: Database, today: date
) -> None:
    page.goto(live_server + "/")
    expect(page).to_have_url(f"{live_server}/login?next=/")
    assert not serious_accessibility_violations(page), "login page accessibility"

    log_in(page, live_server, "ostermalm")
    expect(page.get_by_role("heading", name="Översikt")).to_be_visible()
    expect(page).to_have_title("Översikt – Lägesbild")  # each page names itself in the tab
    # Radio buttons are named groups for screen readers.
    expect(page.get_by_role("group", name="Visa per")).to_be_visible()
    expect(page.get_by_role("group", name="Jämför nämnderna med")).to_be_visible()
    expect(page.locator("#current-user")).to_contain_text(
        "ostermalm · Lokal samordnare · Östermalm"
    )
    expect(page.locator("#demo-banner")).to_contain_text("Demodata")

    kpi = page.locator("#kpi-incidents .lb-kpi-value")
    expect(kpi).to_have_text(fmt_int(_incidents(demo_db, today.year, (1, today.month))))
    expect(page.locator("#overview-trend .bars path").first).to_be_visible()
    tiles = page.locator("#overview-map .scatterlayer .point")
    expect(tiles).to_have_count(_districts_at_end_of(demo_db, today))
    assert not serious_accessibility_violations(page), "Översikt accessibility"

    page.get_by_label("År", exact=True).select_option("2020")
    # Östermalm's and Skarpnäck's real 2020 figures are part of this total.
    expect(kpi).to_have_text(fmt_int(_incidents(demo_db, 2020, (1, 12))))
    expect(page.locator("#kpi-incidents")).to_contain_text("Händelser 2020 (jan–dec)")
    expect(tiles).to_have_count(13)  # the 13 districts from July 2020
    # The trend's numbers as a table (the chart's text alternative): one row per tertial.
    page.locator("#overview-trend-table").locator("xpath=..").locator("summary").click()
    trend_rows = page.locator("#overview-trend-table tbody tr")
    expect(trend_rows).to_have_count(5 * 3)
    expect(trend_rows.first.locator("th")).to_have_text("2016 T1")
    # An open table follows its chart (tables are built when opened, layouts/chart_table.py).
    page.get_by_role("group", name="Visa per").get_by_label("Månad").check()
    expect(trend_rows).to_have_count(5 * 12)
    page.get_by_role("group", name="Visa per").get_by_label("Tertial").check()
    expect(trend_rows).to_have_count(5 * 3)
    expect(page).to_have_url(f"{live_server}/?year=2020")

    page.get_by_label("Period").select_option("t1")
    expect(kpi).to_have_text(fmt_int(_incidents(demo_db, 2020, (1, 4))))
    page.get_by_label("Miljö", exact=True).select_option("white_power")
    expect(kpi).to_have_text(fmt_int(_incidents(demo_db, 2020, (1, 4), "white_power")))
    expect(page).to_have_url(f"{live_server}/?year=2020&period=t1&milieu=white_power")

    # The address reproduces the view.
    page.goto(f"{live_server}/?year=2020&period=t1&milieu=white_power")
    expect(kpi).to_have_text(fmt_int(_incidents(demo_db, 2020, (1, 4), "white_power")))
    expect(page.get_by_label("Period")).to_have_value("t1")

    page.evaluate("window.lbSameDocument = true")
    page.locator("#overview-council-links").get_by_role("link", name="Skarpnäck").click()
    expect(page).to_have_url(f"{live_server}/namnd/SKA?year=2020")
    expect(page.get_by_role("heading", name="Skarpnäck", exact=True)).to_be_visible()
    assert page.evaluate("window.lbSameDocument === true"), "opened inside the app, no reload"
    expect(page).to_have_title("Skarpnäck – Nämnd – Lägesbild")  # the council by its name
    assert page.console_errors == []  # type: ignore[attr-defined]
