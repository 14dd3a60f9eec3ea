"""Approval is a decision with a date: the nämnd's and KS's decision dates are entered with the
status change (default today), validated in the service with Swedish messages naming the field,
and shown on Handlingsplan and the council page. Bad input changes nothing."""

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.services import plans
from dashboard.services.errors import PermissionDenied, ValidationFailed
from layouts.plan_editor import TEXTS
from models import ActionPlan, AuditEntry, Council, User
from models.enums import PlanStatus, Role
from tests.dash_calls import call, council_page
from tests.rows import council as _council

TODAY = date(2025, 3, 1)


@pytest.fixture
def world(empty_db: Database) -> Database:
    """Skarpnäck's 2025 plan as a draft, and one marked nämndbehandlad without a date (as an
    import could leave it)."""
    with empty_db.session() as session:
        ska, far = _council("SKA", "Skarpnäck"), _council("FAR", "Farsta")
        session.add_all(
            [
                ActionPlan(council=ska, year=2025, status=PlanStatus.DRAFT),
                ActionPlan(council=far, year=2025, status=PlanStatus.COUNCIL_APPROVED),
            ]
        )
        for name, role, council in (
            ("ska", Role.COORDINATOR, ska),
            ("admin", Role.ADMIN, None),
        ):
            user = User(username=name, role=role, council=council)
            user.set_password("x")
            session.add(user)
    return empty_db


def _user(session: Session, name: str) -> User:
    return session.scalars(select(User).where(User.username == name)).one()


def _plan(session: Session, code: str) -> ActionPlan:
    return session.scalars(select(ActionPlan).join(Council).where(Council.code == code)).one()


def _snapshot(session: Session, plan: ActionPlan) -> tuple[Any, ...]:
    audits = session.scalar(select(func.count()).select_from(AuditEntry))
    return plan.status, plan.version, plan.council_approved_on, plan.ks_approved_on, audits


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-03-02", "Nämndens beslutsdatum kan inte ligga i framtiden."),
        ("2025-02-30", "Nämndens beslutsdatum måste vara ett datum i formen ÅÅÅÅ-MM-DD."),
        ("2023-12-31", "Nämndens beslutsdatum kan inte ligga före 2024 för planen 2025."),
    ],
)
def test_a_bad_council_decision_date_changes_nothing(
    world: Database, value: str, message: str
) -> None:
    with world.session() as session:
        plan = _plan(session, "SKA")
        before = _snapshot(session, plan)
        with pytest.raises(ValidationFailed) as refused:
            plans.set_status(
                session, _user(session, "ska"), plan.id, "council_approved", 1, TODAY, value
            )
        assert refused.value.errors == {"council_approved_on": message}
        assert _snapshot(session, plan) == before


def test_decisions_are_dated_and_ks_follows_the_council(world: Database) -> None:
    with world.session() as session:
        plan, admin = _plan(session, "SKA"), _user(session, "admin")
        plans.set_status(
            session, _user(session, "ska"), plan.id, "council_approved", 1, TODAY, "2025-02-03"
        )
        assert (plan.status, plan.council_approved_on) == (
            PlanStatus.COUNCIL_APPROVED,
            date(2025, 2, 3),
        )
        # KS the day before the nämnd: refused, naming the nämnd's date.
        before = _snapshot(session, plan)
        with pytest.raises(ValidationFailed) as early:
            plans.set_status(
                session, admin, plan.id, "ks_approved", plan.version, TODAY, "2025-02-02"
            )
        assert early.value.errors == {
            "ks_approved_on": "KS:s beslutsdatum kan inte ligga före nämndens beslut 2025-02-03."
        }
        with pytest.raises(ValidationFailed, match="i framtiden"):
            plans.set_status(
                session, admin, plan.id, "ks_approved", plan.version, TODAY, "2025-03-02"
            )
        assert _snapshot(session, plan) == before
        # The coordinator may not approve for KS whatever the date (admin only, as before).
        with pytest.raises(PermissionDenied, match="admin"):
            plans.set_status(
                session, _user(session, "ska"), plan.id, "ks_approved", plan.version, TODAY
            )
        # Same day as the nämnd is fine; no date given means today.
        plans.set_status(session, admin, plan.id, "ks_approved", plan.version, TODAY, "2025-02-03")
        assert (plan.status, plan.ks_approved_on) == (PlanStatus.KS_APPROVED, date(2025, 2, 3))
        audit = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert audit is not None and '"decided_on": "2025-02-03"' in audit.detail


def test_ks_approval_needs_the_councils_decision(world: Database) -> None:
    with world.session() as session:
        plan = _plan(session, "FAR")  # nämndbehandlad, but no date recorded
        before = _snapshot(session, plan)
        with pytest.raises(ValidationFailed) as refused:
            plans.set_status(session, _user(session, "admin"), plan.id, "ks_approved", 1, TODAY)
        assert refused.value.errors == {
            "ks_approved_on": "KS:s beslutsdatum: KS godkännande kräver nämndens beslut, men "
            "planen saknar nämndens beslutsdatum."
        }
        assert _snapshot(session, plan) == before


def test_default_decision_date_is_today(world: Database) -> None:
    with world.session() as session:
        plan = _plan(session, "SKA")
        plans.set_status(session, _user(session, "ska"), plan.id, "council_approved", 1, TODAY)
        assert plan.council_approved_on == TODAY


# --- through Handlingsplan's Dash callback and on the council page -----------------------------


def _approve_council(client: Any, plan: ActionPlan, decided: str | None) -> dict[str, Any]:
    """Norra innerstaden's coordinator presses "Markera som nämndbehandlad" on the plan."""
    inputs = [
        {"id": b, "property": "n_clicks", "value": 1 if b == "plan-approve-council" else 0}
        for b in ("plan-approve-council", "plan-approve-ks", "plan-save-texts", "plan-create")
    ]
    state = [
        {"id": "plan-state", "property": "data", "value": {"id": plan.id, "version": 1}},
        *[{"id": f"plan-{name}", "property": "value", "value": ""} for name, _ in TEXTS],
        {"id": "plan-council", "property": "value", "value": "NIN"},
        {"id": "plan-year", "property": "value", "value": str(plan.year)},
        {"id": "plan-carry-over", "property": "value", "value": []},
        {"id": "plan-refresh", "property": "data", "value": 0},
        {"id": "plan-council-approved-on", "property": "value", "value": decided},
        {"id": "plan-ks-approved-on", "property": "value", "value": None},
    ]
    return call(client, None, inputs, state, output_has="plan-message")


def test_handlingsplan_records_the_councils_decision_date(
    login_as_writable: Any, demo_db_writable: Database, today: date
) -> None:
    year = today.year + 1
    with demo_db_writable.session() as session:
        coordinator = session.scalars(select(User).where(User.username == "norrainnerstaden"))
        plans.create_next_plan(session, coordinator.one(), "NIN", year, [])
        session.commit()
        plan = session.scalars(
            select(ActionPlan).join(Council).where(Council.code == "NIN", ActionPlan.year == year)
        ).one()
        session.expunge_all()
    client = login_as_writable("norrainnerstaden")
    # Two days ahead: in the future on Stockholm's clock whatever the server's zone.
    ahead = date.fromordinal(today.toordinal() + 2).isoformat()
    refused = _approve_council(client, plan, ahead)
    assert refused["plan-council-approved-on"]["invalid"] is True
    feedback = refused["plan-council-approved-on-feedback"]["children"]
    assert feedback == "Nämndens beslutsdatum kan inte ligga i framtiden."
    with demo_db_writable.session() as session:
        stored = session.get(ActionPlan, plan.id)
        assert stored is not None
        assert (stored.status, stored.council_approved_on) == (PlanStatus.DRAFT, None)

    decided = date(today.year, 1, 1).isoformat()  # the year before the plan's: allowed
    saved = _approve_council(client, plan, decided)
    assert saved["plan-council-approved-on"]["invalid"] is False
    assert "Nämndbehandlad" in json.dumps(saved["plan-message"], ensure_ascii=False)
    with demo_db_writable.session() as session:
        stored = session.get(ActionPlan, plan.id)
        assert stored is not None and stored.council_approved_on == date(today.year, 1, 1)


def test_the_council_page_shows_both_decision_dates(login_as: Any, demo_db: Database) -> None:
    with demo_db.session() as session:
        plan = session.scalars(
            select(ActionPlan)
            .join(Council)
            .where(Council.code == "OST", ActionPlan.status == PlanStatus.KS_APPROVED)
            .order_by(ActionPlan.year.desc())
        ).first()
        assert plan is not None and plan.council_approved_on and plan.ks_approved_on
    page = council_page(login_as("ks"), "OST", plan.year)
    text = json.dumps(page["council-lagesbild"], ensure_ascii=False)
    assert f"Nämndens beslut {plan.council_approved_on.isoformat()}" in text
    assert f"KS:s beslut {plan.ks_approved_on.isoformat()}" in text
