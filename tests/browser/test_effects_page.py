"""Effektindikatorer in a real browser: the council comparison follows the chosen year."""

import re

from playwright.sync_api import Page, expect

from dashboard.db import Database
from models.queries.effect_indicators import knowledge_and_reporting
from models.queries.survey_results import survey_years
from tests.browser.conftest import log_in, serious_accessibility_violations


def _points(database: Database, year: int) -> int:
    with database.session() as session:
        rows = knowledge_and_reporting(session, year)
    return sum(1 for r in rows if r.knows_form is not None and r.reports_per_10k is not None)


def test_effect_page_follows_the_year(page: Page, live_server: str, demo_db: Database) -> None:
    with demo_db.session() as session:
        latest, _, oldest = (lambda y: (y[0], y[1], y[-1]))(survey_years(session))
    log_in(page, live_server, "ks", then="/effekt")
    expect(page.get_by_role("heading", name="Effektindikatorer")).to_be_visible()
    points = page.locator("#effects-scatter .scatterlayer .point")
    expect(points).to_have_count(_points(demo_db, latest))
    expect(page.locator("#effects-awareness .scatterlayer .trace")).to_have_count(5)
    expect(page.get_by_text("Så läser du diagrammet")).to_have_count(3)
    assert not serious_accessibility_violations(page), "Effektindikatorer accessibility"

    page.get_by_label("År för jämförelsen per nämnd").select_option(str(oldest))
    expect(page.locator("#effects-summary")).to_contain_text(f"{oldest}:")
    expect(points).to_have_count(_points(demo_db, oldest))
    # Each council's point in the table too, its share written the Swedish way ("44,9").
    page.locator("#effects-scatter-table").locator("xpath=..").locator("summary").click()
    rows = page.locator("#effects-scatter-table tbody tr")
    expect(rows).to_have_count(_points(demo_db, oldest))
    expect(rows.first.locator("td").first).to_have_text(re.compile(r"^\d+,\d$"))
    # One format per column: a whole share reads "59,0" beside "47,6", not "59".
    shares = rows.locator("td:first-of-type").all_text_contents()
    assert all(re.fullmatch(r"\d+,\d", share) for share in shares), shares
    expect(page).to_have_url(f"{live_server}/effekt?year={oldest}")
    assert page.console_errors == []  # type: ignore[attr-defined]
