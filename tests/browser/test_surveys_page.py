"""Enkäter in a real browser: the heat map and response rates follow the chosen year."""

from playwright.sync_api import Page, expect

from dashboard.db import Database
from dashboard.formatting import fmt_int
from models.queries.survey_results import survey_year, survey_years
from tests.browser.conftest import log_in, serious_accessibility_violations


def test_survey_page_follows_the_year(page: Page, live_server: str, demo_db: Database) -> None:
    with demo_db.session() as session:
        latest, earlier = survey_years(session)[:2]
        now, before = survey_year(session, latest), survey_year(session, earlier)
    log_in(page, live_server, "ks", then="/enkater")
    expect(page.get_by_role("heading", name="Enkäter")).to_be_visible()
    summary = page.locator("#surveys-summary")
    expect(summary).to_contain_text(f"{fmt_int(len(now.councils))} nämnder genomförde enkäten")
    answered = sum(c.answered for c in now.councils)
    expect(summary).to_contain_text(f"{fmt_int(answered)} svar")
    expect(page.locator("#surveys-heatmap .hm")).to_have_count(1)
    # The heat map's numbers as a table, for screen readers and for copying.
    page.get_by_text("Visa siffrorna som tabell").first.click()
    table = page.locator("#surveys-heatmap-table table")
    expect(table).to_contain_text(now.councils[0].name)
    expect(table).to_contain_text("Staden (viktat snitt)")
    low = [c for c in now.councils if c.low_response]
    expect(page.locator("#surveys-response")).to_contain_text("låg svarsfrekvens" if low else "%")
    # The change grid keeps numbers sortable but shows them the Swedish way.
    change = page.locator("#surveys-change")
    expect(change).to_contain_text("\u00a0p.e.")
    expect(change).to_contain_text(",")
    assert not serious_accessibility_violations(page), "Enkäter accessibility"

    page.get_by_label("År", exact=True).select_option(str(earlier))
    answered = sum(c.answered for c in before.councils)
    expect(summary).to_contain_text(f"enkäten {earlier}: {fmt_int(answered)} svar")
    expect(page).to_have_url(f"{live_server}/enkater?year={earlier}")
    assert page.console_errors == []  # type: ignore[attr-defined]
