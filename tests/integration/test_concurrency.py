"""Two people saving the same record: the later save never overwrites the earlier unknowingly,
not even when both read the same version and write at the same moment."""

from datetime import date

import pytest
from sqlalchemy import func, select

from dashboard.db import Database
from dashboard.services import plans
from dashboard.services.activities import update_activity
from dashboard.services.errors import Conflict
from dashboard.services.surveys import save_survey
from models import ActionPlan, Activity, AuditEntry, Council, SurveyRound, User
from models.enums import ActivityStatus, CouncilKind, FollowUp, Role, Schedule, Section


@pytest.fixture
def world(empty_db: Database) -> Database:
    with empty_db.session() as session:
        council = Council(
            code="SKA", name="Skarpnäck", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        user = User(username="ska", role=Role.COORDINATOR, council=council)
        user.set_password("x")
        activity = Activity(
            section=Section.COMPETENCE,
            description="Chefer deltar i stadens utbildning om VBE.",
            responsible="Förvaltningsledningen",
            schedule=Schedule.DEADLINE,
            deadline=date(2026, 10, 31),
            follow_up=FollowUp.VB,
            status=ActivityStatus.ONGOING,
        )
        session.add_all([user, ActionPlan(council=council, year=2026, activities=[activity])])
    return empty_db


def _one(session, model):  # type: ignore[no-untyped-def]
    return session.scalars(select(model)).one()


def test_a_lost_race_on_an_activity_is_a_conflict(world: Database) -> None:
    with world.session() as mine:
        user, activity = _one(mine, User), _one(mine, Activity)
        seen = activity.version  # both read version 1 ...
        with world.session() as theirs:  # ... and the other save reaches the database first
            _one(theirs, Activity).comment = "Deras kommentar"
        with pytest.raises(Conflict):
            update_activity(
                mine, user, activity.id, {"status": "done", "comment": "Min", "version": seen}
            )
    with world.session() as session:
        assert _one(session, Activity).comment == "Deras kommentar"
        assert _one(session, Activity).status is ActivityStatus.ONGOING
        assert session.scalar(select(func.count(AuditEntry.id))) == 0


def test_a_lost_race_on_plan_texts_is_a_conflict(world: Database) -> None:
    with world.session() as mine:
        user, plan = _one(mine, User), _one(mine, ActionPlan)
        seen = plan.version
        with world.session() as theirs:
            _one(theirs, ActionPlan).analysis = "Deras analys"
        with pytest.raises(Conflict):
            plans.update_texts(mine, user, plan.id, {"analysis": "Min analys", "version": seen})
    with world.session() as session:
        assert _one(session, ActionPlan).analysis == "Deras analys"


def test_changing_only_survey_results_moves_the_version_on(world: Database) -> None:
    def data(percent: str, version: int | None = None) -> dict:
        return {
            "council": "SKA",
            "year": 2026,
            "audience": "Enhetschefer",
            "sent": 30,
            "answered": 20,
            "results": {"knows_plan": percent},
            "version": version,
        }

    with world.session() as session:
        user = _one(session, User)
        first = save_survey(session, user, data("60"), date(2026, 11, 24))
        seen = first.version
        save_survey(session, user, data("65", seen), date(2026, 11, 24))
    with world.session() as session:
        survey = _one(session, SurveyRound)
        assert survey.version == seen + 1  # so a third save on `seen` is refused
        assert [r.percent for r in survey.results] == [65.0]
