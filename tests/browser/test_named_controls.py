"""Controls a screen reader tells apart, and an error shown where it belongs: on Trendlarm each
"Markera som granskad" button and each comment box is named after its alert; on Samverkan
personal data among the extra roles marks that box invalid and shows the message under it."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from dashboard.db import Database
from models import CooperationMeeting, Council, Incident
from models.base import stockholm_today
from models.enums import IncidentCategory, IncidentSource, Milieu
from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def two_rises(demo_db_writable: Database, today: date) -> Database:
    """Last month, 40 Islamist-milieu incidents in Bromma and 40 white-power ones."""
    with demo_db_writable.session() as session:
        bromma = session.scalars(select(Council).where(Council.code == "BRO")).one()
        for milieu in (Milieu.ISLAMIST, Milieu.WHITE_POWER):
            incident = Incident(
                council=bromma,
                source=IncidentSource.SCHOOL,
                category=IncidentCategory.PROPAGANDA,
                milieu=milieu,
                count=40,
                description="Affischer vid skolor, nedtagna.",
            )
            incident.set_date(today.replace(day=1) - timedelta(days=20))
            session.add(incident)
    return demo_db_writable


def test_each_review_control_is_named_after_its_alert(
    page: Page, two_rises: Database, live_server_writable: str
) -> None:
    log_in(page, live_server_writable, "bromma", then="/trendlarm?visa=council-BRO")
    cards = page.locator(".lb-alert")
    cards.first.wait_for()
    assert cards.count() >= 2
    names: set[str] = set()
    for index in range(cards.count()):
        card = cards.nth(index)
        title = card.locator("h2").inner_text()
        button = page.get_by_role("button", name=f"Markera som granskad ({title})", exact=True)
        expect(button).to_have_count(1)
        expect(page.get_by_label(f"Kommentar till larmet {title}")).to_have_count(1)
        names.add(title)
    assert len(names) == cards.count()
    page.screenshot(path="/tmp/fixcb-trendlarm-1440.png", full_page=False)
    assert not serious_accessibility_violations(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/fixcb-trendlarm-390.png", full_page=False)
    assert not serious_accessibility_violations(page)

    # After a review the button's visible text changes and its name still begins with it.
    first = cards.first
    title = first.locator("h2").inner_text()
    first.get_by_label(f"Kommentar till larmet {title}").fill("Kampanj, polisen informerad.")
    page.get_by_role("button", name=f"Markera som granskad ({title})", exact=True).click()
    expect(first.get_by_role("status")).to_contain_text("Granskningen sparades.")
    expect(
        page.get_by_role("button", name=f"Uppdatera granskningen ({title})", exact=True)
    ).to_have_count(1)
    assert not page.console_errors  # type: ignore[attr-defined]


def test_personal_data_among_the_extra_roles_marks_that_box(
    page: Page, live_server_writable: str, demo_db_writable: Database
) -> None:
    with demo_db_writable.session() as session:
        before = session.scalar(select(func.count()).select_from(CooperationMeeting))
    log_in(page, live_server_writable, "bromma", then="/samverkan")
    page.locator("#samverkan-incidents .lb-kpi").first.wait_for()
    page.fill("#meeting-held-on", stockholm_today().isoformat())
    page.fill("#meeting-forum", "SSP")
    page.fill("#meeting-more-roles", "Anna Andersson 070-123 45 67")
    page.get_by_role("button", name="Spara mötet").click()
    expect(page.locator("#meeting-result")).to_contain_text("Ingenting sparades")
    expect(page.locator("#meeting-more-roles")).to_have_class(re.compile(r"is-invalid"))
    feedback = page.locator("#meeting-more-roles-feedback")
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text("Deltagare")
    page.locator("#meeting-more-roles").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/fixcb-samverkan-roles-1440.png", full_page=False)
    with demo_db_writable.session() as session:
        assert session.scalar(select(func.count()).select_from(CooperationMeeting)) == before
    assert not page.console_errors  # type: ignore[attr-defined]
