"""Handlingsplan in a real browser: next year's plan from the open activities, council approval
by the coordinator, KS approval refused to them, and a deadline before the plan year refused."""

from datetime import date

from playwright.sync_api import Page, expect
from sqlalchemy import select

from dashboard.db import Database
from dashboard.services.plans import carry_over_candidates
from models import ActionPlan, Council
from models.enums import PlanStatus
from tests.browser.conftest import log_in, serious_accessibility_violations


def test_coordinator_creates_and_approves_next_years_plan(
    page: Page, live_server_writable: str, demo_db_writable: Database, today: date
) -> None:
    year = today.year + 1
    with demo_db_writable.session() as session:
        council = session.scalars(select(Council).where(Council.code == "NIN")).one()
        offered = len(carry_over_candidates(session, council.id, year))
    assert offered > 0

    log_in(page, live_server_writable, "norrainnerstaden", then="/handlingsplan")
    expect(page.get_by_role("heading", name="Handlingsplan")).to_be_visible()
    page.get_by_label("Planår").select_option(str(year))
    expect(page.locator("#plan-create-title")).to_have_text(
        f"Skapa handlingsplan {year} för Norra innerstaden"
    )
    expect(page.locator("#plan-carry-over input:checked")).to_have_count(offered)
    assert not serious_accessibility_violations(page), "Handlingsplan (new plan) accessibility"
    page.get_by_role("button", name="Skapa plan").click()
    expect(page.locator("#plan-saved")).to_contain_text(f"({offered} aktiviteter)")
    expect(page.locator("#plan-status-text")).to_contain_text("Utkast")
    expect(page.locator("#plan-activities-grid .ag-center-cols-container .ag-row")).to_have_count(
        offered
    )

    # Text being typed survives a status change made meanwhile, and can then be saved.
    analysis = "Bedömningen är att problematiken är begränsad men ökar bland unga."
    page.get_by_label("Analys").fill(analysis)
    page.get_by_role("button", name="Markera som nämndbehandlad").click()
    expect(page.locator("#plan-saved")).to_contain_text("Nämndbehandlad")
    expect(page.get_by_label("Analys")).to_have_value(analysis)
    page.get_by_role("button", name="Spara texter").click()
    expect(page.locator("#plan-saved")).to_contain_text("Texterna sparades.")
    page.get_by_role("button", name="Godkänn för KS").click()
    expect(page.locator("#plan-message")).to_contain_text("Endast central samordnare (admin)")

    page.get_by_role("button", name="Ny aktivitet").click()
    page.get_by_role("textbox", name="Aktivitet").fill("Workshop om källkritik för unga")
    page.get_by_label("Ansvarig").fill("Enhetschef fritid")
    page.get_by_label("Slutdatum (ÅÅÅÅ-MM-DD)").fill(f"{year - 1}-12-31")
    page.get_by_role("button", name="Spara aktivitet").click()
    expect(page.locator("#plan-activity-deadline-feedback")).to_contain_text(f"planåret {year}")
    assert not serious_accessibility_violations(page), "Handlingsplan activity form accessibility"

    with demo_db_writable.session() as session:
        plan = session.scalars(
            select(ActionPlan).where(ActionPlan.council_id == council.id, ActionPlan.year == year)
        ).one()
        assert plan.status is PlanStatus.COUNCIL_APPROVED and plan.analysis == analysis
        assert len(plan.activities) == offered
    assert page.console_errors == []  # type: ignore[attr-defined]
