"""Trendlarm in the browser: a coordinator finds the rise in their council, follows the link
to its incidents, and marks the alert reviewed with a comment; a reader sees it without a form.
The page has no serious accessibility finding, at desktop and phone width."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from dashboard.db import Database
from models import Council, Incident
from models.enums import IncidentCategory, IncidentSource, Milieu
from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def bromma_rise(demo_db_writable: Database, today: date) -> Database:
    """40 Islamist-milieu incidents in Bromma last month."""
    with demo_db_writable.session() as session:
        bromma = session.scalars(select(Council).where(Council.code == "BRO")).one()
        incident = Incident(
            council=bromma,
            source=IncidentSource.SCHOOL,
            category=IncidentCategory.PROPAGANDA,
            milieu=Milieu.ISLAMIST,
            count=40,
            description="Affischer vid skolor, nedtagna.",
        )
        incident.set_date(today.replace(day=1) - timedelta(days=20))
        session.add(incident)
    return demo_db_writable


def test_the_coordinator_reviews_the_alert_of_their_council(
    page: Page, bromma_rise: Database, live_server_writable: str
) -> None:
    log_in(page, live_server_writable, "bromma", then="/trendlarm?visa=council-BRO")
    card = page.locator(".lb-alert", has_text="Islamistiska miljön i Bromma").first
    expect(card).to_contain_text("händelser i")
    expect(card).to_contain_text("Inte granskad.")
    link = card.get_by_role("link", name="Visa händelserna bakom larmet")
    href = link.get_attribute("href") or ""
    assert href.startswith("/handelser?council=BRO&from=") and href.endswith("milieu=islamist")
    assert not serious_accessibility_violations(page)

    card.get_by_role("button", name="Markera som granskad").click()  # no comment yet
    expect(card.get_by_role("status")).to_contain_text("Skriv en kommentar")
    card.get_by_label("Kommentar").fill("Ring 070-123 45 67")
    card.get_by_role("button", name="Markera som granskad").click()
    expect(card.get_by_role("status")).to_contain_text("Ingenting sparades")
    card.get_by_label("Kommentar").fill("Kampanj med affischer, polisen informerad.")
    card.get_by_role("button", name="Markera som granskad").click()
    expect(card.get_by_role("status")).to_contain_text("Granskningen sparades.")
    expect(card).to_contain_text("Granskad av bromma")
    expect(card).to_contain_text("Kampanj med affischer, polisen informerad.")
    expect(card.get_by_label("Kommentar")).to_have_value("")
    expect(card.get_by_role("button", name="Uppdatera granskningen")).to_be_visible()

    page.reload()  # the review is kept, and shown to others too
    card = page.locator(".lb-alert", has_text="Islamistiska miljön i Bromma").first
    expect(card).to_contain_text("Granskad av bromma")
    expect(card.get_by_role("button", name="Uppdatera granskningen")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    assert not serious_accessibility_violations(page)
    assert not page.console_errors  # type: ignore[attr-defined]


def test_a_reader_sees_the_alerts_without_a_review_form(
    page: Page, bromma_rise: Database, live_server_writable: str
) -> None:
    log_in(page, live_server_writable, "ks")
    expect(page.locator(".lb-alert-list")).to_contain_text("Islamistiska miljön i Bromma")
    page.get_by_role("link", name="Alla trendlarm").click()
    card = page.locator(".lb-alert", has_text="Islamistiska miljön i Bromma").first
    expect(card).to_be_visible()
    expect(card.get_by_role("button")).to_have_count(0)
    assert not page.console_errors  # type: ignore[attr-defined]
