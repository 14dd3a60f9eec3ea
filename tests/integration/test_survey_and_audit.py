"""Survey rounds (validation, own council only, no blind overwrite) and the filtered audit log."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.services.errors import PermissionDenied, ValidationFailed
from dashboard.services.surveys import save_survey
from models import AuditEntry, Council, SurveyRound, User
from models.base import STOCKHOLM
from models.enums import CouncilKind, Role
from models.queries.audit import audit_rows, readable_detail

TODAY = date(2026, 11, 24)


@pytest.fixture
def db(empty_db: Database) -> Database:
    with empty_db.session() as session:
        for code, name in (("SKA", "Skarpnäck"), ("FAR", "Farsta")):
            council = Council(
                code=code, name=name, kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
            )
            user = User(username=code.lower(), role=Role.COORDINATOR, council=council)
            user.set_password("x")
            session.add_all([council, user])
    return empty_db


def _user(session: Session, name: str) -> User:
    return session.scalars(select(User).where(User.username == name)).one()


def _round(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "year": 2026,
        "audience": "Enhetschefer",
        "sent": 26,
        "answered": 17,
        "results": {"knows_plan": "65", "knows_coordinator": "82,5 %"},
    }
    return data | changes


def test_invalid_rounds_name_the_field_and_write_nothing(db: Database) -> None:
    with db.session() as session:
        ska = _user(session, "ska")
        cases = {
            "answered": _round(answered=30),
            "knows_plan": _round(results={"knows_plan": "120"}),
            "audience": _round(audience="Chef, ring 08-508 000 00"),
            "year": _round(year=2027),
            "results": _round(results={}),
        }
        for field, data in cases.items():
            with pytest.raises(ValidationFailed) as error:
                save_survey(session, ska, data, TODAY)
            assert field in error.value.errors, field
        with pytest.raises(PermissionDenied):
            save_survey(session, ska, _round(council="FAR"), TODAY)
        assert session.scalar(select(func.count()).select_from(SurveyRound)) == 0


def test_a_second_save_must_know_the_version(db: Database) -> None:
    with db.session() as session:
        ska = _user(session, "ska")
        first = save_survey(session, ska, _round(), TODAY)
        assert {r.indicator.value: r.percent for r in first.results} == {
            "knows_plan": 65.0,
            "knows_coordinator": 82.5,
        }
        with pytest.raises(ValidationFailed, match="finns redan"):
            save_survey(session, ska, _round(answered=20), TODAY)
        assert first.answered == 17
        save_survey(session, ska, _round(answered=20, version=first.version), TODAY)
        assert first.answered == 20


def test_audit_log_filters_by_council_user_and_date(db: Database) -> None:
    with db.session() as session:
        save_survey(session, _user(session, "ska"), _round(), TODAY)
        save_survey(session, _user(session, "far"), _round(council="FAR"), TODAY)
        assert len(audit_rows(session)) == 2
        only_far = audit_rows(session, council_code="FAR")
        assert [(r["user"], r["council"], r["entity"]) for r in only_far] == [
            ("far", "Farsta", "Enkät")
        ]
        assert [r["council"] for r in audit_rows(session, username="ska")] == ["Skarpnäck"]
        today = datetime.now(STOCKHOLM).date()
        assert len(audit_rows(session, date_from=today, date_to=today)) == 2
        assert audit_rows(session, date_to=today - timedelta(days=1)) == []


def test_audit_log_reads_and_filters_by_stockholm_time(db: Database) -> None:
    """23:30 UTC on 24 November is half past midnight on the 25th in Stockholm."""
    with db.session() as session:
        session.add(
            AuditEntry(at=datetime(2026, 11, 24, 23, 30, tzinfo=UTC), action="update", entity="x")
        )
    with db.session() as session:
        (row,) = audit_rows(session, date_from=date(2026, 11, 25), date_to=date(2026, 11, 25))
        assert row["at"] == "2026-11-25 00:30:00"
        assert audit_rows(session, date_from=date(2026, 11, 24), date_to=date(2026, 11, 24)) == []


def test_the_log_reads_as_swedish_not_as_codes(db: Database) -> None:
    with db.session() as session:
        save_survey(session, _user(session, "ska"), _round(), TODAY)
        (row,) = audit_rows(session)
    assert row["detail"] == (
        "År: 2026 · Målgrupp: Enhetschefer · Utskick: 26 · Svar: 17 · "
        "Känner till handlingsplanen: 65 % · Känner till samordnaren: 82,5 %"
    )
    assert readable_detail('{"source": "ia", "new_status": "ks_approved"}') == (
        "Källa: IA · Till: Godkänd av KS"
    )


@pytest.mark.parametrize("year", [2016, 2027, "9" * 5000, "²⁰²³", True, None, "", 2023.0])
def test_a_surveys_year_is_an_offered_year(db: Database, year: object) -> None:
    """The year is read by the one rule for years (rules.parse_year), with one message."""
    with db.session() as session:
        with pytest.raises(ValidationFailed) as error:
            save_survey(session, _user(session, "ska"), _round(year=year), TODAY)
        assert error.value.errors["year"] == "År måste vara mellan 2017 och 2026."
        assert session.scalar(select(func.count()).select_from(SurveyRound)) == 0
