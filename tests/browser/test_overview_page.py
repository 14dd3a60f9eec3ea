"""A coordinator logs in and sees Översikt with live figures; the year filter changes them."""

from datetime import date

from playwright.sync_api import Page, expect
from sqlalchemy import text

from dashboard.db import Database
from dashboard.formatting import fmt_int
from tests.browser.conftest import log_in, serious_accessibility_violations


def _incidents(database: Database, year: int, months: int) -> int:
    with database.engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT COALESCE(SUM(count), 0) FROM incidents WHERE year = :y AND month <= :m"
                ),
                {"y": year, "m": months},
            ).scalar_one()
        )


def test_coordinator_sees_overview_and_changes_year(
    page: Page, live_server: str, demo_db: Database, today: date
) -> None:
    page.goto(live_server + "/")
    expect(page).to_have_url(f"{live_server}/login?next=/")
    assert not serious_accessibility_violations(page), "login page accessibility"

    log_in(page, live_server, "ostermalm")
    expect(page.get_by_role("heading", name="Översikt")).to_be_visible()
    expect(page.locator("#current-user")).to_contain_text(
        "ostermalm · Lokal samordnare · Östermalm"
    )
    expect(page.locator("#demo-banner")).to_contain_text("Demodata")

    kpi = page.locator("#kpi-incidents .lb-kpi-value")
    expect(kpi).to_have_text(fmt_int(_incidents(demo_db, today.year, today.month)))
    expect(page.locator("#overview-incidents .bars path").first).to_be_visible()

    page.get_by_label("År").select_option("2020")
    # Östermalm's and Skarpnäck's real 2020 figures are part of this total.
    expect(kpi).to_have_text(fmt_int(_incidents(demo_db, 2020, 12)))
    expect(page.locator("#kpi-incidents")).to_contain_text("Händelser 2020 (helår)")

    assert not serious_accessibility_violations(page), "Översikt accessibility"
    assert page.console_errors == []  # type: ignore[attr-defined]
