"""Samverkan in the browser: the police user opens it on their own police area and sees the
incidents since the last meeting summed over the area's councils (checked against SQL); a
coordinator logs a meeting with a follow-up and closes the follow-up later; presentation mode
moves section by section with the keyboard; on paper the forms are left out; axe finds nothing
serious."""

import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import and_, func, or_, select

from dashboard.db import Database
from dashboard.formatting import fmt_int
from models import CooperationMeeting, Council, Incident, MeetingFollowUp
from models.base import stockholm_today
from tests.browser.conftest import log_in, serious_accessibility_violations, settled

pytestmark = pytest.mark.browser


def _wait_for_agenda(page: Page) -> None:
    page.locator("#samverkan-incidents .lb-kpi").first.wait_for()
    settled(page)


def _since_in_address(page: Page) -> date:
    query = parse_qs(urlparse(page.url).query)
    return date.fromisoformat(query["since"][0])


def _expected_skarholmen(demo_db: Database, first: date, last: date) -> int:
    """Skärholmen's police area today: Skärholmen and Hägersten-Älvsjö (SQL written here, not
    the page's query)."""
    with demo_db.session() as session:
        ids = list(session.scalars(select(Council.id).where(Council.code.in_(("SKH", "HAE")))))
        total = session.scalar(
            select(func.coalesce(func.sum(Incident.count), 0)).where(
                or_(
                    *[
                        and_(Incident.council_id == i, Incident.occurred_on.between(first, last))
                        for i in ids
                    ]
                )
            )
        )
    return int(total or 0)


def test_police_sees_its_area_since_the_last_meeting_summed_over_its_councils(
    page: Page, live_server: str, demo_db: Database
) -> None:
    log_in(page, live_server, "polis", then="/samverkan")
    _wait_for_agenda(page)
    expect(page.locator("#samverkan-area option:checked")).to_have_text("Skärholmen")
    since = _since_in_address(page)
    with demo_db.session() as session:
        last = session.scalar(
            select(func.max(CooperationMeeting.held_on)).where(
                CooperationMeeting.police_area_id == 9
            )
        )
    assert since == last  # the last recorded meeting with the area
    # Wide enough to hold incidents for sure: the police area since the start of the year.
    page.fill("#samverkan-since", f"{stockholm_today().year}-01-01")
    page.locator("#samverkan-since").press("Enter")
    first = date(stockholm_today().year, 1, 1)
    expected = _expected_skarholmen(demo_db, first, stockholm_today())
    assert expected > 0
    expect(page.locator("#samverkan-total .lb-kpi-value")).to_have_text(fmt_int(expected))
    expect(page.locator("#samverkan-by-council")).to_contain_text("Hägersten-Älvsjö")
    expect(page.locator("#samverkan-scope")).to_contain_text(
        "Hägersten-Älvsjö samverkar också med Globen; dess händelser räknas i båda områdena"
    )
    expect(page.locator("#samverkan-register-link")).to_have_attribute(
        "href", f"/handelser?area=9&from={first.isoformat()}&to={stockholm_today().isoformat()}"
    )
    # The police may not log a meeting: the form says why before anyone tries.
    expect(page.locator("#meeting-access")).to_contain_text("nämndens samordnare")
    expect(page.locator("#meeting-save")).to_be_disabled()
    # The area's own trend alerts, with the way to review them.
    expect(page.locator("#samverkan-alerts a", has_text="trendlarm")).to_have_attribute(
        "href", "/trendlarm?visa=area-9"
    )
    assert serious_accessibility_violations(page) == []
    assert not page.console_errors  # type: ignore[attr-defined]


def test_a_coordinator_logs_a_meeting_with_a_follow_up_and_closes_it_later(
    page: Page, live_server_writable: str, demo_db_writable: Database
) -> None:
    today = stockholm_today()
    log_in(page, live_server_writable, "skarpnack", then="/samverkan")
    _wait_for_agenda(page)
    expect(page.locator("#samverkan-council option:checked")).to_have_text("Skarpnäck")
    page.fill("#meeting-held-on", today.isoformat())
    page.fill("#meeting-forum", "Lokal BRÅ")
    page.get_by_label("Kommunpolis").check()
    page.get_by_label("Samordnare VBE").check()
    page.fill("#meeting-more-roles", "Trygghetssamordnare")
    page.fill("#meeting-notes", "Genomgång av klotter vid tunnelbanan.")
    page.fill("#meeting-decisions", "Gemensam sanering.")
    page.fill("#meeting-fu-what", "Teståtagande: kontakta fastighetsägaren")
    page.fill("#meeting-fu-owner-role", "Kommunpolis")
    page.fill("#meeting-fu-due-on", (today + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Spara mötet").click()
    expect(page.locator("#meeting-saved")).to_contain_text("Mötet sparades: Skarpnäck")
    item = page.locator("#samverkan-last-follow-ups li", has_text="Teståtagande")
    expect(item).to_contain_text("Kommunpolis")
    expect(page.locator("#samverkan-meetings")).to_contain_text("Lokal BRÅ")

    # Later: the page opened anew, the follow-up closed.
    page.goto(f"{live_server_writable}/samverkan?council=SKA")
    _wait_for_agenda(page)
    item = page.locator("#samverkan-last-follow-ups li", has_text="Teståtagande")
    item.get_by_role("button", name="Markera som klart: Teståtagande").click()
    expect(page.locator("#samverkan-closed")).to_contain_text("Teståtagande")
    expect(item).to_contain_text(f"klart {today.isoformat()}")
    with demo_db_writable.session() as session:
        follow_up = session.scalars(
            select(MeetingFollowUp).where(MeetingFollowUp.what.like("Teståtagande%"))
        ).one()
        assert follow_up.done_on == today
        # Roles, one a line: the ticked ones and the one written in.
        assert set(follow_up.meeting.participants.split("\n")) == {
            "Samordnare VBE",
            "Kommunpolis",
            "Trygghetssamordnare",
        }
    assert not page.console_errors  # type: ignore[attr-defined]


def test_a_meeting_with_personal_data_is_refused_in_swedish_and_nothing_saved(
    page: Page, live_server_writable: str, demo_db_writable: Database
) -> None:
    with demo_db_writable.session() as session:
        before = session.scalar(select(func.count()).select_from(CooperationMeeting))
    log_in(page, live_server_writable, "bromma", then="/samverkan")
    _wait_for_agenda(page)
    page.fill("#meeting-held-on", stockholm_today().isoformat())
    page.fill("#meeting-forum", "SSP")
    page.fill("#meeting-notes", "Ring 070-123 45 67 om eleven.")
    page.get_by_role("button", name="Spara mötet").click()
    expect(page.locator("#meeting-result")).to_contain_text("Ingenting sparades")
    expect(page.locator("#meeting-notes")).to_have_class(re.compile(r"is-invalid"))
    with demo_db_writable.session() as session:
        assert session.scalar(select(func.count()).select_from(CooperationMeeting)) == before


def test_presentation_mode_moves_with_the_keyboard_and_print_leaves_out_the_forms(
    page: Page, live_server: str
) -> None:
    log_in(page, live_server, "skarpnack", then="/samverkan")
    _wait_for_agenda(page)
    page.get_by_role("button", name="Visningsläge").click()
    counter = page.locator("#samverkan-counter")
    expect(counter).to_have_text("1 av 6")
    expect(page.locator(".lb-navbar")).to_be_hidden()
    expect(page.locator("#samverkan-section-incidents")).to_be_visible()
    expect(page.locator("#samverkan-section-forms")).to_be_hidden()
    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("2 av 6")
    expect(page.locator("#samverkan-section-forms")).to_be_visible()
    expect(page.locator("#samverkan-section-incidents")).to_be_hidden()
    # Focus moves to the section's heading, so a screen reader reads where you are.
    expect(page.locator("#samverkan-section-forms-title")).to_be_focused()
    page.keyboard.press("PageDown")
    page.keyboard.press(" ")
    expect(counter).to_have_text("4 av 6")
    page.keyboard.press("End")
    expect(counter).to_have_text("6 av 6")
    expect(page.locator("#meeting-form")).to_be_hidden()  # no forms on the big screen
    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("6 av 6")
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text("5 av 6")
    assert serious_accessibility_violations(page) == []
    page.keyboard.press("Escape")
    expect(page.locator(".lb-navbar")).to_be_visible()
    expect(page.locator("#samverkan-section-incidents")).to_be_visible()
    expect(page.get_by_role("button", name="Visningsläge")).to_be_focused()

    # The address starts it too: a link for the meeting room's computer.
    page.goto(f"{live_server}/samverkan?council=SKA&visning=1")
    expect(page.locator("#samverkan-counter")).to_have_text("1 av 6")

    page.goto(f"{live_server}/samverkan?council=SKA")
    _wait_for_agenda(page)
    page.emulate_media(media="print")
    expect(page.locator("#meeting-form")).to_be_hidden()
    expect(page.locator(".lb-samverkan-filters")).to_be_hidden()
    expect(page.locator("#samverkan-section-log-title")).to_be_visible()
    expect(page.locator("#samverkan-meetings")).to_be_visible()
    assert page.pdf(format="A4")[:4] == b"%PDF"
    assert not page.console_errors  # type: ignore[attr-defined]


def test_the_police_adds_a_follow_up_to_its_areas_meeting_and_closes_it(
    page: Page, live_server_writable: str, demo_db_writable: Database
) -> None:
    log_in(page, live_server_writable, "polis", then="/samverkan")
    _wait_for_agenda(page)
    expect(page.locator("#follow-up-save")).to_be_enabled()
    page.fill("#follow-up-what", "Polisens åtagande: trygghetsvandring vid torget")
    page.fill("#follow-up-owner", "Områdespolis")
    page.get_by_role("button", name="Lägg till åtagandet").click()
    expect(page.locator("#follow-up-saved")).to_contain_text("trygghetsvandring vid torget")
    item = page.locator("#samverkan-last-follow-ups li", has_text="vid torget")
    item.get_by_role("button", name="Markera som klart: Polisens åtagande").click()
    expect(page.locator("#samverkan-closed")).to_contain_text("vid torget")
    with demo_db_writable.session() as session:
        follow_up = session.scalars(
            select(MeetingFollowUp).where(MeetingFollowUp.what.like("Polisens åtagande%"))
        ).one()
        assert follow_up.done_on == stockholm_today()
        assert follow_up.meeting.police_area_id == 9
    assert not page.console_errors  # type: ignore[attr-defined]
