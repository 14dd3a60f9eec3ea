"""The database itself refuses rows that break the domain rules, whatever client writes them."""

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, StatementError

from dashboard.db import Database
from models import ActionPlan, Council, Incident, SurveyResult, SurveyRound
from models.enums import CouncilKind, IncidentCategory, IncidentSource, Milieu


def _council(database: Database, code: str = "OST") -> int:
    with database.session() as session:
        council = Council(
            code=code, name="Östermalm", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        session.add(council)
        session.flush()
        return council.id


def _raw(database: Database, sql: str, **params: object) -> None:
    with database.engine.begin() as conn:
        conn.execute(text(sql), params)


def _incident(council_id: int, count: int) -> Incident:
    incident = Incident(
        council_id=council_id,
        source=IncidentSource.SISAB,
        category=IncidentCategory.GRAFFITI,
        milieu=Milieu.WHITE_POWER,
        count=count,
    )
    incident.set_date(date(2022, 3, 14))
    return incident


def test_incident_count_must_be_at_least_one(empty_db: Database) -> None:
    council_id = _council(empty_db)
    with empty_db.session() as session:
        session.add(_incident(council_id, 3))
    with pytest.raises(IntegrityError), empty_db.session() as session:
        session.add(_incident(council_id, 0))


def test_unknown_code_is_refused_by_the_database(empty_db: Database) -> None:
    council_id = _council(empty_db)
    insert = (
        "INSERT INTO incidents (council_id, occurred_on, date_precision, year, month, tertial,"
        " source, category, milieu, count, description, is_synthetic, created_at, version)"
        " VALUES (:c, '2022-03-01', 'day', 2022, 3, 1, 'sisab', 'graffiti', :milieu, 1, '',"
        " false, '2022-03-01 10:00:00', 1)"
    )
    _raw(empty_db, insert, c=council_id, milieu="white_power")
    with pytest.raises(IntegrityError):
        _raw(empty_db, insert, c=council_id, milieu="nazi")


def test_orm_refuses_unknown_code_before_the_database(empty_db: Database) -> None:
    council_id = _council(empty_db)
    incident = _incident(council_id, 1)
    incident.milieu = "nazi"  # type: ignore[assignment]
    with pytest.raises((StatementError, LookupError)), empty_db.session() as session:
        session.add(incident)


def test_percentages_stay_within_0_and_100(empty_db: Database) -> None:
    council_id = _council(empty_db)
    with pytest.raises(IntegrityError), empty_db.session() as session:
        session.add(
            SurveyRound(
                council_id=council_id,
                year=2022,
                audience="Enhetschefer",
                sent=26,
                answered=17,
                results=[SurveyResult(indicator="knows_plan", percent=101)],
            )
        )


def test_answered_cannot_exceed_sent(empty_db: Database) -> None:
    council_id = _council(empty_db)
    with pytest.raises(IntegrityError), empty_db.session() as session:
        session.add(
            SurveyRound(council_id=council_id, year=2022, audience="Alla", sent=26, answered=27)
        )


def test_one_plan_per_council_and_year(empty_db: Database) -> None:
    council_id = _council(empty_db)
    with empty_db.session() as session:
        session.add(ActionPlan(council_id=council_id, year=2023))
    with pytest.raises(IntegrityError), empty_db.session() as session:
        session.add(ActionPlan(council_id=council_id, year=2023))


def test_deadline_schedule_needs_a_date(empty_db: Database) -> None:
    council_id = _council(empty_db)
    with empty_db.session() as session:
        plan = ActionPlan(council_id=council_id, year=2021)
        session.add(plan)
        session.flush()
        plan_id = plan.id
    insert = (
        "INSERT INTO activities (plan_id, position, section, description, responsible, schedule,"
        " deadline, schedule_text, follow_up, follow_up_text, status, is_synthetic, version)"
        " VALUES (:p, 0, 'competence', 'Utbildning', 'Samordnare', :schedule, :deadline, '',"
        " 'vb', '', 'not_started', false, 1)"
    )
    _raw(empty_db, insert, p=plan_id, schedule="continuous", deadline=None)
    _raw(empty_db, insert, p=plan_id, schedule="deadline", deadline=date(2022, 12, 31))
    with pytest.raises(IntegrityError):
        _raw(empty_db, insert, p=plan_id, schedule="deadline", deadline=None)
    with pytest.raises(IntegrityError):
        _raw(empty_db, insert, p=plan_id, schedule="continuous", deadline=date(2021, 12, 31))


def test_coordinator_must_belong_to_a_council(empty_db: Database) -> None:
    insert = (
        "INSERT INTO users (username, password_hash, role, council_id, active, created_at)"
        " VALUES (:u, 'x', :role, NULL, true, '2026-01-01 00:00:00')"
    )
    _raw(empty_db, insert, u="ks2", role="reader")
    with pytest.raises(IntegrityError):
        _raw(empty_db, insert, u="samordnare", role="coordinator")


def test_incident_needs_an_existing_council(empty_db: Database) -> None:
    with pytest.raises(IntegrityError), empty_db.session() as session:
        session.add(_incident(9999, 1))
