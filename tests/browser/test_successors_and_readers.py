"""In a real browser: Norra innerstaden's coordinator follows up an Östermalm 2023 activity and the
history names both councils; a reader chooses any council and meets no enabled save button; the
dissolved council's page links to its successor."""

from playwright.sync_api import Page, expect
from sqlalchemy import select

from dashboard.db import Database
from layouts.plan_editor import SAVE_BUTTONS
from models import ActionPlan, Activity, Council, rules
from models.enums import ActivityStatus
from tests.browser.conftest import log_in, serious_accessibility_violations


def test_successor_follows_up_an_ostermalm_2023_activity(
    page: Page, live_server_writable: str, demo_db_writable: Database
) -> None:
    with demo_db_writable.session() as session:
        activity = session.scalars(
            select(Activity)
            .join(ActionPlan)
            .join(Council)
            .where(
                Council.code == "OST",
                ActionPlan.year == 2023,
                Activity.status.in_(rules.OPEN_STATUSES),
            )
            .order_by(Activity.position)
        ).first()
        assert activity is not None
        description = activity.description
    log_in(page, live_server_writable, "norrainnerstaden", then="/aktiviteter")
    council = page.get_by_label("Nämnd", exact=True)
    expect(council).to_be_enabled()
    council.select_option(label="Östermalm (föregångare)")
    expect(page.get_by_label("Planår")).to_have_value("2023")
    page.locator("#activities-grid .ag-row").filter(has_text=description[:40]).first.click()
    expect(page.locator("#activity-form-description")).to_have_text(description)
    save = page.get_by_role("button", name="Spara", exact=True)
    expect(save).to_be_enabled()
    page.get_by_label("Status").select_option(label="Genomförd")
    save.click()
    expect(page.locator("#activity-save-result")).to_contain_text("Sparat.")
    expect(page.locator("#activity-history li").first).to_contain_text(
        "norrainnerstaden (Norra innerstaden) för Östermalm: "
    )
    with demo_db_writable.session() as session:
        stored = session.get(Activity, activity.id)
        assert stored is not None and stored.status is ActivityStatus.DONE
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_reader_chooses_any_council_but_saves_nothing(page: Page, live_server: str) -> None:
    log_in(page, live_server, "ks", then="/handlingsplan")
    council = page.get_by_label("Nämnd", exact=True)
    expect(council).to_be_enabled()
    council.select_option(label="Bromma")
    expect(page.locator("#plan-status-text")).to_contain_text("Dnr BRO")
    for button in SAVE_BUTTONS:
        if button != "plan-activity-save":  # in the activity form, opened below
            expect(page.locator(f"#{button}")).to_be_disabled()
    expect(page.get_by_label("Nämndens beslutsdatum")).to_be_disabled()
    expect(page.get_by_label("Analys")).not_to_be_editable()
    page.locator("#plan-activities-grid .ag-row").first.click()
    expect(page.locator("#plan-activity-modal")).to_be_visible()
    expect(page.locator("#plan-activity-save")).to_be_disabled()
    page.keyboard.press("Escape")
    assert not serious_accessibility_violations(page), "Handlingsplan (reader) accessibility"

    page.goto(f"{live_server}/aktiviteter")
    council = page.get_by_label("Nämnd", exact=True)
    expect(council).to_be_enabled()
    council.select_option(label="Skarpnäck")
    page.locator("#activities-grid .ag-row").first.click()
    expect(page.locator("#activity-form")).to_be_visible()
    expect(page.get_by_role("button", name="Spara", exact=True)).to_be_disabled()
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_dissolved_council_links_to_its_successor(page: Page, live_server: str) -> None:
    log_in(page, live_server, "polis", then="/namnd/OST")
    lineage = page.locator("#council-lineage-links")
    expect(lineage).to_have_text("Ersatt av Norra innerstaden från 1 juli 2023.")
    page.evaluate("window.lbSameDocument = true")
    lineage.get_by_role("link", name="Norra innerstaden").click()
    expect(page.get_by_role("heading", name="Norra innerstaden", exact=True)).to_be_visible()
    assert page.evaluate("window.lbSameDocument === true"), "opened inside the app, no reload"
    expect(page.locator("#council-lineage-links")).to_have_text(
        "Bildad 1 juli 2023 av Norrmalm och Östermalm."
    )
