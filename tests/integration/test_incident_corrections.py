"""Correcting and reclassifying incidents: the history keeps the old values, the figures follow
at once, and a bad, stale or forbidden correction changes nothing."""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.cache import QueryCache
from dashboard.db import Database
from dashboard.services import incidents
from dashboard.services.errors import Conflict, PermissionDenied, ValidationFailed
from models import AuditEntry, Incident, Revision, User
from models.enums import (
    AuditEntity,
    IncidentCategory,
    IncidentSource,
    Milieu,
    Role,
)
from models.queries.incidents import IncidentFilter, incident_page
from models.queries.overview import OverviewFilter, council_figures, incident_comparison
from models.queries.revisions import revisions
from tests.rows import council
from tests.unit.test_personal_data import generated_numbers

TODAY = date(2025, 3, 1)
YEAR_2024 = IncidentFilter(first=date(2024, 1, 1), last=date(2024, 12, 31))
REASON = "Granskat med polisen: klottret är ett tag utan koppling till vit makt-miljön."


def _incident(council_code: str, day: date, milieu: Milieu, count: int) -> dict[str, Any]:
    return {
        "council": council_code,
        "date": day.isoformat(),
        "source": IncidentSource.TRAFFIC_OFFICE.value,
        "category": IncidentCategory.GRAFFITI.value,
        "milieu": milieu.value,
        "count": count,
        "description": "Klotter på elskåp, sanerat.",
    }


@pytest.fixture
def world(empty_db: Database) -> Database:
    """Bromma 2024: white power 2 + 1 (graffiti in Blackeberg and elsewhere), autonomous 3;
    Skarpnäck 2024: white power 4. Coordinators of both, an admin, a reader and the police."""
    with empty_db.session() as session:
        bro, ska = council("BRO", "Bromma"), council("SKA", "Skarpnäck")
        session.add_all([bro, ska])
        users = {
            "bromma": User(username="bromma", role=Role.COORDINATOR, council=bro),
            "skarpnack": User(username="skarpnack", role=Role.COORDINATOR, council=ska),
            "admin": User(username="admin", role=Role.ADMIN),
            "ks": User(username="ks", role=Role.READER),
            "polis": User(username="polis", role=Role.POLICE),
        }
        for user in users.values():
            user.set_password("x")
            session.add(user)
        session.flush()
        admin = users["admin"]
        for code, day, milieu, count in (
            ("BRO", date(2024, 3, 10), Milieu.WHITE_POWER, 2),
            ("BRO", date(2024, 6, 1), Milieu.WHITE_POWER, 1),
            ("BRO", date(2024, 9, 20), Milieu.AUTONOMOUS, 3),
            ("SKA", date(2024, 4, 2), Milieu.WHITE_POWER, 4),
        ):
            created = incidents.create_incident(
                session, admin, _incident(code, day, milieu, count), TODAY
            )
            if day == date(2024, 3, 10):
                created.sub_area = "Blackeberg"
    return empty_db


def _user(session: Session, name: str) -> User:
    return session.scalars(select(User).where(User.username == name)).one()


def _blackeberg(session: Session) -> Incident:
    return session.scalars(select(Incident).where(Incident.sub_area == "Blackeberg")).one()


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _bromma(session: Session, milieu: Milieu | None) -> int:
    figures = council_figures(session, OverviewFilter(2024, milieu=milieu), TODAY)
    return next(f.incidents for f in figures if f.code == "BRO")


def test_reclassifying_to_not_vbe_moves_the_count_and_keeps_the_old_milieu(
    world: Database,
) -> None:
    with world.session() as session:
        whole_year = OverviewFilter(2024)
        before = incident_comparison(session, whole_year, TODAY).this_year
        # City: white power 2 + 1 + 4 = 7, autonomous 3, not VBE 0.
        assert (before[Milieu.WHITE_POWER], before[Milieu.AUTONOMOUS]) == (7, 3)
        assert before[Milieu.NOT_VBE] == 0
        assert _bromma(session, Milieu.WHITE_POWER) == 3
        cache = QueryCache()
        assert cache.get(session, _bromma, Milieu.WHITE_POWER) == 3

        incident = _blackeberg(session)
        seen = incident.version
        corrected = incidents.correct_incident(
            session,
            _user(session, "bromma"),
            incident.id,
            {"milieu": "not_vbe", "reason": REASON, "version": incident.version},
            TODAY,
        )
        assert corrected.version == seen + 1

    with world.session() as session:
        after = incident_comparison(session, OverviewFilter(2024), TODAY).this_year
        # The Blackeberg graffiti (2) leaves white power for "not VBE": 7 − 2 = 5 and 0 + 2.
        assert (after[Milieu.WHITE_POWER], after[Milieu.NOT_VBE], after[Milieu.AUTONOMOUS]) == (
            5,
            2,
            3,
        )
        assert _bromma(session, Milieu.WHITE_POWER) == 1
        assert _bromma(session, Milieu.NOT_VBE) == 2
        assert _bromma(session, None) == 6, "the incidents themselves are still there"
        # The write renewed the data version: a cached figure does not outlive it.
        assert cache.get(session, _bromma, Milieu.WHITE_POWER) == 1

        history = revisions(session, AuditEntity.INCIDENT, _blackeberg(session).id)
        assert [(r.field, r.old_value, r.new_value, r.reason, r.username) for r in history] == [
            ("milieu", "white_power", "not_vbe", REASON, "bromma")
        ]
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == AuditEntity.INCIDENT)
        ).all()
        assert "not_vbe" in audit[-1].detail and REASON in audit[-1].detail
        rows = incident_page(session, YEAR_2024).rows
        assert [r["milieu"] for r in rows if r["sub_area"] == "Blackeberg"] == ["Ej VBE-koppling"]


def test_a_correction_of_date_count_and_source_keeps_each_old_value(world: Database) -> None:
    with world.session() as session:
        incident = _blackeberg(session)
        incidents.correct_incident(
            session,
            _user(session, "admin"),
            incident.id,
            {
                "date": "2024-05",
                "count": 3,
                "source": "sisab",
                "severity": 2,
                "version": incident.version,
            },
            TODAY,
        )
    with world.session() as session:
        incident = _blackeberg(session)
        assert (incident.occurred_on, incident.month, incident.tertial) == (date(2024, 5, 1), 5, 2)
        changed = {
            r.field: (r.old_value, r.new_value)
            for r in revisions(session, AuditEntity.INCIDENT, incident.id)
        }
        assert changed == {
            "date": ("2024-03-10", "2024-05"),
            "count": ("2", "3"),
            "source": ("traffic_office", "sisab"),
            "severity": (None, "2"),
        }
        # Bromma's white power in T1 (jan–apr) lost the Blackeberg graffiti to May.
        t1 = council_figures(session, OverviewFilter(2024, "t1", Milieu.WHITE_POWER), TODAY)
        assert next(f.incidents for f in t1 if f.code == "BRO") == 0


def _unchanged(world: Database, attempt: Any) -> Exception:
    """Run a correction that must fail; nothing about the incident may change."""
    with world.session() as session:
        incident = _blackeberg(session)
        before = (incident.milieu, incident.description, incident.version)
        counts = (_count(session, Revision), _count(session, AuditEntry))
        with pytest.raises(Exception) as raised:
            attempt(session, incident)
        session.rollback()
    with world.session() as session:
        incident = _blackeberg(session)
        assert (incident.milieu, incident.description, incident.version) == before
        assert (_count(session, Revision), _count(session, AuditEntry)) == counts
    return raised.value


def test_a_new_milieu_without_a_reason_is_refused_in_swedish(world: Database) -> None:
    error = _unchanged(
        world,
        lambda s, i: incidents.correct_incident(
            s, _user(s, "bromma"), i.id, {"milieu": "not_vbe", "version": i.version}, TODAY
        ),
    )
    assert isinstance(error, ValidationFailed)
    assert error.errors["reason"].startswith("Ange en motivering när du ändrar miljö")


def test_a_stale_version_is_a_conflict(world: Database) -> None:
    error = _unchanged(
        world,
        lambda s, i: incidents.correct_incident(
            s,
            _user(s, "bromma"),
            i.id,
            {"milieu": "not_vbe", "reason": REASON, "version": i.version - 1 or 99},
            TODAY,
        ),
    )
    assert isinstance(error, Conflict)
    assert error.detail.current["milieu"] == "white_power"


@pytest.mark.parametrize("username", ["skarpnack", "ks", "polis"])
def test_other_councils_coordinator_readers_and_police_are_refused(
    world: Database, username: str
) -> None:
    error = _unchanged(
        world,
        lambda s, i: incidents.correct_incident(
            s,
            _user(s, username),
            i.id,
            {"milieu": "not_vbe", "reason": REASON, "version": i.version},
            TODAY,
        ),
    )
    assert isinstance(error, PermissionDenied)


def test_a_personal_identity_number_in_the_description_is_refused(world: Database) -> None:
    number = generated_numbers(1)[0]
    error = _unchanged(
        world,
        lambda s, i: incidents.correct_incident(
            s,
            _user(s, "bromma"),
            i.id,
            {"description": f"Gärningsperson {number}", "version": i.version},
            TODAY,
        ),
    )
    assert isinstance(error, ValidationFailed)
    assert "description" in error.errors


def test_saving_the_same_values_writes_no_history(world: Database) -> None:
    with world.session() as session:
        incident = _blackeberg(session)
        version = incident.version
        counts = (_count(session, Revision), _count(session, AuditEntry))
        values = incidents.current_values(incident) | {"version": version}
        saved = incidents.correct_incident(session, _user(session, "bromma"), incident.id, values)
        assert saved.version == version
    with world.session() as session:
        assert _blackeberg(session).version == version
        assert (_count(session, Revision), _count(session, AuditEntry)) == counts


def test_the_list_reads_one_page_newest_first(world: Database) -> None:
    with world.session() as session:
        first = incident_page(session, YEAR_2024, offset=0, limit=3)
        assert [r["date"] for r in first.rows] == ["2024-09-20", "2024-06-01", "2024-04-02"]
        assert (first.first, first.last, first.total) == (1, 3, 4)
        second = incident_page(session, YEAR_2024, offset=3, limit=3)
        assert [(r["date"], r["council"]) for r in second.rows] == [("2024-03-10", "Bromma")]
        assert (second.first, second.last) == (4, 4)
        # Past the end: the last page.
        assert incident_page(session, YEAR_2024, offset=99, limit=3).offset == 3
        skarpnack = incident_page(
            session, IncidentFilter(council_id=_user(session, "skarpnack").council_id)
        )
        assert [(r["milieu"], r["count"]) for r in skarpnack.rows] == [("Vit makt-miljön", 4)]
        year_2023 = IncidentFilter(first=date(2023, 1, 1), last=date(2023, 12, 31))
        assert incident_page(session, year_2023).total == 0
