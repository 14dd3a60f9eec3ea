"""Editing plans: approval rules, stale saves, activity definitions and next year's plan."""

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.services import plans
from dashboard.services.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)
from models import ActionPlan, Activity, AuditEntry, Council, CouncilSuccession, Revision, User
from models.base import stockholm_today
from models.enums import ActivityStatus, CouncilKind, PlanStatus, Role
from tests.rows import activity as _activity


def _council(code: str, name: str, valid_from: date, valid_to: date | None = None) -> Council:
    return Council(
        code=code, name=name, kind=CouncilKind.DISTRICT, valid_from=valid_from, valid_to=valid_to
    )


def _user(session: Session, name: str, role: Role, council: Council | None = None) -> User:
    user = User(username=name, role=role, council=council)
    user.set_password("x")
    session.add(user)
    return user


@pytest.fixture
def world(empty_db: Database) -> Database:
    """Skarpnäck with a 2025 plan; Järva formed from Rinkeby-Kista and Spånga-Tensta."""
    with empty_db.session() as session:
        ska = _council("SKA", "Skarpnäck", date(2007, 1, 1))
        rik = _council("RIK", "Rinkeby-Kista", date(2007, 1, 1), date(2023, 6, 30))
        spt = _council("SPT", "Spånga-Tensta", date(2007, 1, 1), date(2023, 6, 30))
        jar = _council("JAR", "Järva", date(2023, 7, 1))
        session.add_all([ska, rik, spt, jar])
        session.flush()
        session.add_all(
            [
                CouncilSuccession(predecessor=rik, successor=jar, effective_on=date(2023, 7, 1)),
                CouncilSuccession(predecessor=spt, successor=jar, effective_on=date(2023, 7, 1)),
            ]
        )
        session.add(
            ActionPlan(
                council=ska,
                year=2025,
                activities=[
                    _activity("Löpande samverkan", ActivityStatus.ONGOING, None),
                    _activity("Utbildning klar", ActivityStatus.DONE, date(2025, 5, 31)),
                    _activity("Utbildning ej klar", ActivityStatus.DELAYED, date(2025, 10, 31)),
                    _activity("Inställd", ActivityStatus.CANCELLED, date(2025, 3, 31)),
                ],
            )
        )
        session.add(
            ActionPlan(
                council=rik,
                year=2023,
                activities=[_activity("Rinkebys öppna", ActivityStatus.ONGOING, date(2023, 5, 1))],
            )
        )
        session.add(
            ActionPlan(
                council=spt,
                year=2023,
                activities=[_activity("Spångas klara", ActivityStatus.DONE, date(2023, 2, 1))],
            )
        )
        _user(session, "ska", Role.COORDINATOR, ska)
        _user(session, "jar", Role.COORDINATOR, jar)
        _user(session, "admin", Role.ADMIN)
        _user(session, "ks", Role.READER)
    return empty_db


def _get(session: Session, username: str) -> User:
    return session.scalars(select(User).where(User.username == username)).one()


def _plan(session: Session, code: str, year: int) -> ActionPlan:
    return session.scalars(
        select(ActionPlan).join(Council).where(Council.code == code, ActionPlan.year == year)
    ).one()


def test_next_plan_carries_over_open_and_continuous_activities(world: Database) -> None:
    with world.session() as session:
        offered = plans.carry_over_candidates(session, _plan(session, "SKA", 2025).council_id, 2026)
        assert sorted(a.description for a in offered) == ["Löpande samverkan", "Utbildning ej klar"]
        new = plans.create_next_plan(
            session, _get(session, "ska"), "SKA", 2026, [a.id for a in offered]
        )
        assert new.status is PlanStatus.DRAFT
        carried = {a.description: a for a in new.activities}
        assert carried["Utbildning ej klar"].deadline == date(2026, 12, 31)  # moved into 2026
        assert carried["Löpande samverkan"].deadline is None
        assert all(a.status is ActivityStatus.NOT_STARTED for a in new.activities)
        assert all(a.carried_from_id for a in new.activities)


def test_next_plan_refuses_duplicates_foreign_activities_and_other_councils(
    world: Database,
) -> None:
    with world.session() as session:
        ska = _get(session, "ska")
        done = session.scalars(select(Activity).where(Activity.description == "Utbildning klar"))
        with pytest.raises(ServiceError, match="kan inte föras över"):
            plans.create_next_plan(session, ska, "SKA", 2026, [done.one().id])
        with pytest.raises(PermissionDenied):
            plans.create_next_plan(session, ska, "JAR", 2026, [])
        with pytest.raises(ServiceError, match="redan en handlingsplan"):
            plans.create_next_plan(session, ska, "SKA", 2025, [])
        with pytest.raises(ServiceError, match="finns inte som nämnd"):
            plans.create_next_plan(session, _get(session, "admin"), "RIK", 2025, [])


def test_successor_is_offered_its_predecessors_open_activities(world: Database) -> None:
    with world.session() as session:
        council_id = session.scalar(select(Council.id).where(Council.code == "JAR"))
        assert council_id is not None
        offered = plans.carry_over_candidates(session, council_id, 2024)
        assert [a.description for a in offered] == ["Rinkebys öppna"]
        new = plans.create_next_plan(session, _get(session, "jar"), "JAR", 2024, [offered[0].id])
        assert new.activities[0].deadline == date(2024, 12, 31)


def test_approval_steps_and_roles(world: Database) -> None:
    with world.session() as session:
        plan = _plan(session, "SKA", 2025)
        with pytest.raises(PermissionDenied):
            plans.set_status(session, _get(session, "ks"), plan.id, "council_approved", 1)
        with pytest.raises(PermissionDenied):
            plans.set_status(session, _get(session, "jar"), plan.id, "council_approved", 1)
        with pytest.raises(ServiceError, match="nämndbehandlad"):
            plans.set_status(session, _get(session, "admin"), plan.id, "ks_approved", 1)
        plans.set_status(
            session, _get(session, "ska"), plan.id, "council_approved", 1, date(2025, 2, 3)
        )
        assert plan.council_approved_on == date(2025, 2, 3)
        with pytest.raises(PermissionDenied, match="admin"):
            plans.set_status(session, _get(session, "ska"), plan.id, "ks_approved", plan.version)
        plans.set_status(session, _get(session, "admin"), plan.id, "ks_approved", plan.version)
        assert plan.status is PlanStatus.KS_APPROVED


def test_stale_plan_save_changes_nothing(world: Database) -> None:
    with world.session() as session:
        plan = _plan(session, "SKA", 2025)
        ska = _get(session, "ska")
        plans.update_texts(session, ska, plan.id, {"lagesbild": "Första", "version": plan.version})
        with pytest.raises(Conflict):
            plans.update_texts(session, ska, plan.id, {"lagesbild": "Andra", "version": 1})
        assert plan.lagesbild == "Första"


def test_activity_definition_validation_names_the_field(world: Database) -> None:
    with world.session() as session:
        plan = _plan(session, "SKA", 2025)
        ska = _get(session, "ska")
        base = {
            "section": "preventing",
            "description": "Kartlägga lokaler",
            "responsible": "Enhetschef",
            "schedule": "deadline",
            "follow_up": "t2",
        }
        audits = session.scalar(select(func.count()).select_from(AuditEntry))
        with pytest.raises(ValidationFailed) as early:
            plans.save_activity_definition(session, ska, plan.id, base | {"deadline": "2024-12-31"})
        assert "planåret 2025" in early.value.errors["deadline"]
        with pytest.raises(ValidationFailed) as pnr:
            plans.save_activity_definition(
                session,
                ska,
                plan.id,
                base | {"deadline": "2025-12-31", "responsible": "Ring 070-123 45 67"},
            )
        assert "avidentifierad" in pnr.value.errors["responsible"]
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == audits
        later = plans.save_activity_definition(
            session, ska, plan.id, base | {"deadline": "2026-06-30"}
        )
        assert later.deadline == date(2026, 6, 30)  # past the plan year is allowed
        with pytest.raises(Conflict):
            plans.save_activity_definition(
                session,
                ska,
                plan.id,
                base | {"id": later.id, "version": 99, "deadline": "2026-01-31"},
            )


def test_only_a_changed_lagesbild_counts_as_revised(world: Database) -> None:
    with world.session() as session:
        ska, plan = _get(session, "ska"), _plan(session, "SKA", 2025)
        plans.update_texts(
            session, ska, plan.id, {"analysis": "Ny analys", "version": plan.version}
        )
        assert plan.lagesbild_revised_on is None  # Plankvalitet must not count this as revised
        plans.update_texts(
            session,
            ska,
            plan.id,
            {"lagesbild": "Ny lägesbild", "analysis": "Ny analys", "version": plan.version},
        )
        assert plan.lagesbild_revised_on == stockholm_today()


def test_carried_over_deadline_drops_the_old_plans_wording(world: Database) -> None:
    """ "Senast 31 okt 2025" is wrong beside a deadline moved to 31 December 2026; "Löpande under
    året" still holds for a löpande activity carried over."""
    with world.session() as session:
        plan = _plan(session, "SKA", 2025)
        wording = {"Utbildning ej klar": "Senast 31 okt 2025", "Löpande samverkan": "Löpande"}
        for activity in plan.activities:
            activity.schedule_text = wording.get(activity.description, "")
        offered = plans.carry_over_candidates(session, plan.council_id, 2026)
        new = plans.create_next_plan(
            session, _get(session, "ska"), "SKA", 2026, [a.id for a in offered]
        )
        carried = {a.description: a for a in new.activities}
        assert carried["Utbildning ej klar"].schedule_text == ""
        assert carried["Löpande samverkan"].schedule_text == "Löpande"
        assert new.next_revision == date(2027, 4, 30)  # with T1 of the next year


def test_a_new_deadline_clears_the_plans_wording_and_keeps_it_in_the_history(
    world: Database,
) -> None:
    with world.session() as session:
        plan = _plan(session, "SKA", 2025)
        activity = next(a for a in plan.activities if a.description == "Utbildning ej klar")
        activity.schedule_text, activity.follow_up_text = "Senast 31 okt 2025", "VB 2025"
        session.flush()
        data = {
            "id": activity.id,
            "version": activity.version,
            "section": activity.section.value,
            "description": activity.description,
            "responsible": activity.responsible,
            "schedule": "deadline",
            "deadline": "2025-11-30",
            "follow_up": "vb",
        }
        plans.save_activity_definition(session, _get(session, "ska"), plan.id, data)
        assert activity.deadline == date(2025, 11, 30)
        assert activity.schedule_text == ""
        assert activity.follow_up_text == "VB 2025"  # the follow-up did not change
        old = session.scalars(
            select(Revision.old_value).where(
                Revision.entity_id == activity.id, Revision.field == "schedule_text"
            )
        ).all()
        assert old == ["Senast 31 okt 2025"]


@pytest.mark.parametrize("forged", [10**20, "9" * 40, str(2**31), "²", "1e3", -1, [1]])
def test_an_activity_id_no_row_can_have_is_not_found(world: Database, forged: object) -> None:
    """By the one rule for ids (rules.parse_row_id): 10**20 overflowed the query (a database
    error, not a Swedish message) when the caller had not checked it first."""
    with world.session() as session:
        plan = _plan(session, "SKA", 2025)
        data = {
            "id": forged,
            "version": 1,
            "section": "preventing",
            "description": "Kartlägga lokaler",
            "responsible": "Enhetschef",
            "schedule": "deadline",
            "deadline": "2025-12-31",
            "follow_up": "t2",
        }
        with pytest.raises(NotFound, match="finns inte"):
            plans.save_activity_definition(session, _get(session, "ska"), plan.id, data)
