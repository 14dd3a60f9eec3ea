"""History in a real browser: a coordinator reclassifies an incident on Händelser and sees its
history; a plan's edited analysis shows on Handlingsplan as the words added."""

from playwright.sync_api import Page, expect
from sqlalchemy import select

from dashboard.db import Database
from models import Council, Incident
from models.enums import Milieu
from seed.plans.skarpnack_2021 import PLAN as SKARPNACK_2021
from tests.browser.conftest import log_in, serious_accessibility_violations


def _bromma_white_power(database: Database) -> Incident:
    with database.session() as session:
        incident = session.scalars(
            select(Incident)
            .join(Council)
            .where(Council.code == "BRO", Incident.year == 2024)
            .where(Incident.milieu == Milieu.WHITE_POWER)
            .order_by(Incident.occurred_on.desc())
        ).first()
        assert incident is not None
        session.expunge(incident)
        return incident


def _milieu(database: Database, incident_id: int) -> Milieu:
    with database.session() as session:
        stored = session.get(Incident, incident_id)
        assert stored is not None
        return stored.milieu


def test_coordinator_reclassifies_an_incident_and_sees_the_history(
    page: Page, live_server_writable: str, demo_db_writable: Database
) -> None:
    incident = _bromma_white_power(demo_db_writable)
    log_in(page, live_server_writable, "bromma", then="/handelser?year=2024")
    # A coordinator starts on their own council.
    expect(page.locator("#incidents-council")).to_have_value("BRO")
    row = page.locator(f'.ag-center-cols-container .ag-row[row-id="{incident.id}"]')
    expect(row).to_contain_text("Vit makt-miljön")
    row.click()
    expect(page.locator("#correct-milieu")).to_have_value("white_power")
    expect(page.locator("#correct-save")).to_be_enabled()
    expect(page.locator("#correct-history")).to_contain_text("Inga rättelser ännu.")

    # A new milieu without a reason: a Swedish message, nothing saved.
    page.locator("#correct-milieu").select_option("not_vbe")
    page.get_by_role("button", name="Spara rättelse").click()
    expect(page.locator("#correct-error")).to_contain_text("Ange en motivering")
    expect(page.locator("#correct-reason-feedback")).to_contain_text("Ange en motivering")
    assert _milieu(demo_db_writable, incident.id) is Milieu.WHITE_POWER

    page.get_by_label("Motivering").fill("Granskat: taggen saknar koppling till vit makt-miljön.")
    page.get_by_role("button", name="Spara rättelse").click()
    expect(page.locator("#correct-saved")).to_contain_text("Rättelsen sparades")
    history = page.locator("#correct-history-list li").first
    expect(history).to_contain_text("Miljö")
    expect(history).to_contain_text("bromma")
    expect(history.locator("del")).to_contain_text("Vit makt-miljön")
    expect(history.locator("ins")).to_contain_text("Ej VBE-koppling")
    expect(history).to_contain_text("Motivering: Granskat: taggen saknar koppling")
    # The grid follows, and so does the database.
    expect(row).to_contain_text("Ej VBE-koppling")
    assert _milieu(demo_db_writable, incident.id) is Milieu.NOT_VBE
    assert serious_accessibility_violations(page) == []
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_a_coordinator_sees_another_councils_incident_without_a_save(
    page: Page, live_server: str, demo_db: Database
) -> None:
    incident = _bromma_white_power(demo_db)
    log_in(page, live_server, "skarpnack", then="/handelser?year=2024&council=BRO")
    expect(page.locator("#incidents-council")).to_have_value("BRO")
    page.locator(f'.ag-center-cols-container .ag-row[row-id="{incident.id}"]').click()
    expect(page.locator("#correct-access")).to_contain_text("din egen nämnd")
    expect(page.locator("#correct-save")).to_be_disabled()


def test_an_edited_analysis_shows_as_added_words_in_the_plans_history(
    page: Page, live_server_writable: str
) -> None:
    added = "Klottret i Skarpnäck har dock ökat."
    log_in(page, live_server_writable, "skarpnack", then="/handlingsplan?year=2021")
    expect(page.get_by_label("Analys")).to_have_value(SKARPNACK_2021["analysis"])
    expect(page.locator("#plan-history")).to_contain_text("Texterna har inte ändrats")
    page.get_by_label("Analys").fill(f"{SKARPNACK_2021['analysis']} {added}")
    page.get_by_role("button", name="Spara texter").click()
    expect(page.locator("#plan-saved")).to_contain_text("Texterna sparades.")
    item = page.locator("#plan-history-list li").first
    expect(item).to_contain_text("Analys")
    expect(item).to_contain_text("skarpnack")
    # Screen readers hear "[tillagt: …]"; the eye sees the words underlined, the brackets not.
    expect(item.locator("ins")).to_have_text(f"[tillagt: {added}]")
    box = item.locator("ins .visually-hidden").first.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    assert "underline" in item.locator("ins").evaluate("e => getComputedStyle(e).textDecoration")
    expect(item.locator("del")).to_have_count(0)
    assert serious_accessibility_violations(page) == []
    assert page.console_errors == []  # type: ignore[attr-defined]
