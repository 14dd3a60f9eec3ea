"""The incident register (Händelser): its filters as a user sets them or a link gives them, and
withdrawing an incident with a reason and restoring it, with the figures following at once."""

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.services import incidents
from dashboard.services.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from dashboard.services.incidents import read_register_filters
from models import AuditEntry, Incident, IncidentWithdrawal, PoliceArea, Revision, User
from models.council import council_police_areas
from models.enums import AuditAction, AuditEntity, IncidentSource, Milieu, Role
from models.queries.council_page import incidents_by
from models.queries.incidents import IncidentFilter, incident_page, withdrawn_page
from models.queries.overview import OverviewFilter, council_figures, incident_comparison
from models.queries.police_areas import memberships
from models.queries.revisions import revisions
from tests.rows import council
from tests.unit.test_personal_data import generated_numbers

TODAY = date(2025, 11, 26)
REASON = "Registrerad två gånger: samma klotter finns som händelse från Trafikkontoret."

# (council, date, milieu, source, sub-area, count)
ROWS = (
    ("KUN", date(2024, 11, 5), Milieu.WHITE_POWER, "traffic_office", "Fridhemsplan", 1),
    ("KUN", date(2025, 2, 3), Milieu.WHITE_POWER, "traffic_office", "Kungsholmen 50% rabatt", 2),
    ("NOR", date(2023, 5, 31), Milieu.AUTONOMOUS, "police", "Vasastan", 1),
    ("OST", date(2023, 6, 1), Milieu.ISLAMIST, "school", "Östermalmstorg", 1),
    ("NIN", date(2025, 3, 15), Milieu.WHITE_POWER, "sisab", "ÖSTERMALMSTORG", 4),
    ("NIN", date(2025, 4, 1), Milieu.UNCLEAR, "ia", "Kungsholmen 50 procent", 1),
    ("SOD", date(2025, 1, 10), Milieu.WHITE_POWER, "ia", "Kungsholmen_x", 3),
)


@pytest.fixture
def world(empty_db: Database) -> Database:
    """Kungsholmen, Norrmalm and Östermalm (until 30 June 2023, then Norra innerstaden) and
    Södermalm. Police area Norrmalm worked with Kungsholmen, Norrmalm, Östermalm and Norra
    innerstaden until 31 December 2024, when it was split: Norra innerstaden went to the new area
    Norra innerstaden, Kungsholmen to Lidingö-Kungsholmen."""
    with empty_db.session() as session:
        kun, nor = (
            council("KUN", "Kungsholmen"),
            council("NOR", "Norrmalm", valid_to=date(2023, 6, 30)),
        )
        ost = council("OST", "Östermalm", valid_to=date(2023, 6, 30))
        nin = council("NIN", "Norra innerstaden", valid_from=date(2023, 7, 1))
        sod = council("SOD", "Södermalm")
        session.add_all([kun, nor, ost, nin, sod])
        norrmalm = PoliceArea(name="Norrmalm", region_area="City", valid_to=date(2024, 12, 31))
        nin_area = PoliceArea(
            name="Norra innerstaden", region_area="City", valid_from=date(2025, 1, 1)
        )
        lk = PoliceArea(name="Lidingö-Kungsholmen", region_area="City", valid_from=date(2025, 1, 1))
        session.add_all([norrmalm, nin_area, lk])
        session.flush()
        links = [
            (kun, norrmalm),
            (nor, norrmalm),
            (ost, norrmalm),
            (nin, norrmalm),
            (nin, nin_area),
            (kun, lk),
        ]
        session.execute(
            council_police_areas.insert(),
            [{"council_id": c.id, "police_area_id": a.id} for c, a in links],
        )
        users = {
            "kungsholmen": User(username="kungsholmen", role=Role.COORDINATOR, council=kun),
            "sodermalm": User(username="sodermalm", role=Role.COORDINATOR, council=sod),
            "admin": User(username="admin", role=Role.ADMIN),
            "ks": User(username="ks", role=Role.READER),
            "polis": User(username="polis", role=Role.POLICE),
        }
        for user in users.values():
            user.set_password("x")
            session.add(user)
        session.flush()
        for code, day, milieu, source, sub_area, count in ROWS:
            incidents.create_incident(
                session,
                users["admin"],
                {
                    "council": code,
                    "date": day.isoformat(),
                    "source": source,
                    "category": "graffiti",
                    "milieu": milieu.value,
                    "count": count,
                    "sub_area": sub_area,
                    "description": "Klotter, sanerat.",
                },
                TODAY,
            )
    return empty_db


def _area(session: Session, name: str) -> PoliceArea:
    return session.scalars(select(PoliceArea).where(PoliceArea.name == name)).one()


def _user(session: Session, name: str) -> User:
    return session.scalars(select(User).where(User.username == name)).one()


def _shown(session: Session, raw: dict[str, Any]) -> list[tuple[str, str]]:
    view = read_register_filters(session, raw, TODAY)
    return sorted((r["date"], r["council"]) for r in incident_page(session, view.filter).rows)


def test_a_police_area_counts_each_council_while_it_was_in_the_area(world: Database) -> None:
    with world.session() as session:
        norrmalm = str(_area(session, "Norrmalm").id)
        lk = str(_area(session, "Lidingö-Kungsholmen").id)
        nin = str(_area(session, "Norra innerstaden").id)
        # Norrmalm until the split: Kungsholmen, Norrmalm, Östermalm (2023); not 2025's rows.
        assert _shown(session, {"area": norrmalm}) == [
            ("2023-05-31", "Norrmalm"),
            ("2023-06-01", "Östermalm"),
            ("2024-11-05", "Kungsholmen"),
        ]
        # After the split Kungsholmen's incident counts in Lidingö-Kungsholmen only.
        assert _shown(session, {"area": lk}) == [("2025-02-03", "Kungsholmen")]
        assert _shown(session, {"area": nin, "from": "2025-01-01", "to": "2025-03-31"}) == [
            ("2025-03-15", "Norra innerstaden")
        ]
        # A period across the split, with the area and a council together.
        assert _shown(session, {"area": lk, "council": "KUN", "from": "2024-01-01"}) == [
            ("2025-02-03", "Kungsholmen")
        ]
        page = incident_page(session, read_register_filters(session, {"area": norrmalm}).filter)
        assert page.total == 3
        # The withdrawn list follows the same rule (read with the same memberships).
        members = tuple(memberships(session, int(lk)))
        assert withdrawn_page(session, IncidentFilter(area=members)).total == 0


def test_sub_area_is_a_case_insensitive_substring_with_literal_wildcards(
    world: Database,
) -> None:
    with world.session() as session:
        # "%" is a percent sign, not "anything": only "50% rabatt" matches, not "50 procent".
        assert _shown(session, {"sub_area": "50%"}) == [("2025-02-03", "Kungsholmen")]
        # "_" is an underscore, not "one character".
        assert _shown(session, {"sub_area": "kungsholmen_"}) == [("2025-01-10", "Södermalm")]
        # Case-insensitive, also for Å, Ä and Ö (SQLite's lower() alone leaves them).
        assert _shown(session, {"sub_area": "östermalmstorg"}) == [
            ("2023-06-01", "Östermalm"),
            ("2025-03-15", "Norra innerstaden"),
        ]
        assert _shown(session, {"sub_area": "%"}) == [("2025-02-03", "Kungsholmen")]


def test_milieu_source_category_and_period(world: Database) -> None:
    with world.session() as session:
        assert _shown(session, {"milieu": "white_power", "from": "2025-01-01"}) == [
            ("2025-01-10", "Södermalm"),
            ("2025-02-03", "Kungsholmen"),
            ("2025-03-15", "Norra innerstaden"),
        ]
        assert _shown(session, {"source": "police"}) == [("2023-05-31", "Norrmalm")]
        assert _shown(session, {"category": "graffiti", "to": "2023-12-31"}) == [
            ("2023-05-31", "Norrmalm"),
            ("2023-06-01", "Östermalm"),
        ]
        assert _shown(session, {"category": "concern"}) == []
        # Both days included.
        assert _shown(session, {"from": "2024-11-05", "to": "2025-01-10"}) == [
            ("2024-11-05", "Kungsholmen"),
            ("2025-01-10", "Södermalm"),
        ]
        # The year shortcut, and this year when an address gives no period at all.
        assert _shown(session, {"year": "2024"}) == [("2024-11-05", "Kungsholmen")]
        first_view = read_register_filters(session, {}, TODAY, default_this_year=True)
        assert (first_view.values["from"], first_view.values["to"]) == ("2025-01-01", "2025-12-31")
        assert first_view.values["year"] == "2025"
        assert len(_shown(session, {"year": "alla"})) == len(ROWS)


def test_bad_values_are_ignored_with_a_swedish_note(world: Database) -> None:
    with world.session() as session:
        raw = {
            "council": "XYZ",
            "area": "999",
            "from": "2025-13-45",
            "to": "igår",
            "milieu": "nazi",
            "source": "' OR 1=1 --",
            "category": "graffiti",
        }
        view = read_register_filters(session, raw, TODAY)
        assert view.filter == IncidentFilter(category=view.filter.category)
        assert view.values["milieu"] == "" and view.values["area"] == ""
        text = " ".join(view.notes)
        for said in ("Nämnden 'XYZ' finns inte", "Lokalpolisområdet '999'", "Miljön 'nazi'"):
            assert said in text
        assert "Fråndatumet '2025-13-45'" in text
        assert "Tilldatumet 'igår'" in text
        # Every incident is shown: nothing was filtered by a bad value.
        assert len(_shown(session, raw)) == len(ROWS)
        swapped = read_register_filters(session, {"from": "2025-03-01", "to": "2025-01-01"})
        assert (swapped.filter.first, swapped.filter.last) == (date(2025, 1, 1), date(2025, 3, 1))
        assert swapped.notes


# --- withdrawing and restoring ---------------------------------------------------------------


def _incident(session: Session, sub_area: str) -> Incident:
    return session.scalars(select(Incident).where(Incident.sub_area == sub_area)).one()


def _counts(session: Session) -> tuple[int, int, int, int]:
    return tuple(  # type: ignore[return-value]
        int(session.scalar(select(func.count()).select_from(m)) or 0)
        for m in (Incident, IncidentWithdrawal, Revision, AuditEntry)
    )


def _kungsholmen_2025(session: Session) -> int:
    figures = council_figures(session, OverviewFilter(2025), TODAY)
    return next(f.incidents for f in figures if f.code == "KUN")


def _city_white_power_2025(session: Session) -> int:
    return incident_comparison(session, OverviewFilter(2025), TODAY).this_year[Milieu.WHITE_POWER]


def _council_page_2025(session: Session, council_id: int) -> int:
    return sum(n for _y, _m, n in incidents_by(session, "milieu", [council_id], 2025, 2025))


def test_withdraw_and_restore_move_the_figures_and_keep_the_history(world: Database) -> None:
    with world.session() as session:
        incident = _incident(session, "Kungsholmen 50% rabatt")  # count 2, white power
        incident_id, council_id = incident.id, incident.council_id
        before = (
            _kungsholmen_2025(session),
            _city_white_power_2025(session),
            _council_page_2025(session, council_id),
        )
        assert before == (2, 9, 2)
        withdrawal = incidents.withdraw_incident(
            session,
            _user(session, "kungsholmen"),
            incident_id,
            {"version": incident.version, "reason": REASON},
        )
        assert withdrawal.reason == REASON

    with world.session() as session:
        assert session.get(Incident, incident_id) is None
        # The overview's and the council page's figures drop by the incident's count (2).
        assert (
            _kungsholmen_2025(session),
            _city_white_power_2025(session),
            _council_page_2025(session, council_id),
        ) == (0, 7, 0)
        kept = session.scalars(select(IncidentWithdrawal)).one()
        snapshot = json.loads(kept.snapshot)
        assert (snapshot["count"], snapshot["milieu"], snapshot["sub_area"]) == (
            2,
            "white_power",
            "Kungsholmen 50% rabatt",
        )
        assert kept.withdrawn_by_id == _user(session, "kungsholmen").id
        listed = withdrawn_page(session, IncidentFilter(milieu=Milieu.WHITE_POWER)).rows
        assert [(r["id"], r["reason"], r["withdrawn_by"]) for r in listed] == [
            (incident_id, REASON, "kungsholmen")
        ]
        assert withdrawn_page(session, IncidentFilter(milieu=Milieu.ISLAMIST)).total == 0
        # Not in the register any more, and asking for it says it was withdrawn.
        assert "Kungsholmen" not in [
            r["council"]
            for r in incident_page(session, IncidentFilter(first=date(2025, 1, 1))).rows
        ]
        with pytest.raises(NotFound, match="återkallades"):
            incidents.get_incident(session, incident_id)

        restored = incidents.restore_incident(
            session, _user(session, "admin"), incident_id, {"reason": "Var inte dubbel."}
        )
        assert restored.id == incident_id

    with world.session() as session:
        assert (
            _kungsholmen_2025(session),
            _city_white_power_2025(session),
            _council_page_2025(session, council_id),
        ) == before
        back = session.get(Incident, incident_id)
        assert back is not None
        assert (back.count, back.sub_area, back.occurred_on) == (
            2,
            "Kungsholmen 50% rabatt",
            date(2025, 2, 3),
        )
        assert session.scalar(select(func.count()).select_from(IncidentWithdrawal)) == 0
        history = revisions(session, AuditEntity.INCIDENT, incident_id)  # newest first
        assert [(r.field, r.old_value, r.new_value, r.reason, r.username) for r in history] == [
            ("withdrawn", "ja", "nej", "Var inte dubbel.", "admin"),
            ("withdrawn", "nej", "ja", REASON, "kungsholmen"),
        ]
        actions = session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity == AuditEntity.INCIDENT, AuditEntry.entity_id == incident_id)
            .order_by(AuditEntry.id)
        ).all()
        assert actions == [AuditAction.CREATE, AuditAction.WITHDRAW, AuditAction.RESTORE]


def _refused(world: Database, attempt: Any) -> Exception:
    """A withdrawal or restore that must fail and write nothing."""
    with world.session() as session:
        incident = _incident(session, "Fridhemsplan")
        counts, version = _counts(session), incident.version
        with pytest.raises(Exception) as raised:
            attempt(session, incident)
        session.rollback()
    with world.session() as session:
        assert _counts(session) == counts
        assert _incident(session, "Fridhemsplan").version == version
    return raised.value


@pytest.mark.parametrize("username", ["sodermalm", "ks", "polis"])
def test_only_the_councils_coordinator_or_an_admin_may_withdraw(
    world: Database, username: str
) -> None:
    error = _refused(
        world,
        lambda s, i: incidents.withdraw_incident(
            s, _user(s, username), i.id, {"version": i.version, "reason": REASON}
        ),
    )
    assert isinstance(error, PermissionDenied)


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_withdrawal_needs_a_reason(world: Database, reason: str | None) -> None:
    error = _refused(
        world,
        lambda s, i: incidents.withdraw_incident(
            s, _user(s, "kungsholmen"), i.id, {"version": i.version, "reason": reason}
        ),
    )
    assert isinstance(error, ValidationFailed)
    assert error.errors["reason"].startswith("Ange en motivering")


def test_a_reason_with_a_personal_identity_number_is_refused(world: Database) -> None:
    number = generated_numbers(1)[0]
    error = _refused(
        world,
        lambda s, i: incidents.withdraw_incident(
            s, _user(s, "kungsholmen"), i.id, {"version": i.version, "reason": f"Gäller {number}"}
        ),
    )
    assert isinstance(error, ValidationFailed)
    assert "reason" in error.errors


def test_a_stale_version_is_a_conflict(world: Database) -> None:
    error = _refused(
        world,
        lambda s, i: incidents.withdraw_incident(
            s, _user(s, "kungsholmen"), i.id, {"version": i.version + 1, "reason": REASON}
        ),
    )
    assert isinstance(error, Conflict)
    assert error.status == 409


def test_only_the_councils_coordinator_may_restore_and_with_a_reason(world: Database) -> None:
    with world.session() as session:
        incident = _incident(session, "Fridhemsplan")
        incident_id = incident.id
        incidents.withdraw_incident(
            session,
            _user(session, "admin"),
            incident_id,
            {"version": incident.version, "reason": REASON},
        )
    for username, data, error in (
        ("sodermalm", {"reason": "Åter."}, PermissionDenied),
        ("ks", {"reason": "Åter."}, PermissionDenied),
        ("kungsholmen", {"reason": ""}, ValidationFailed),
    ):
        with world.session() as session:
            with pytest.raises(error):
                incidents.restore_incident(session, _user(session, username), incident_id, data)
            session.rollback()
        with world.session() as session:
            assert session.get(Incident, incident_id) is None
    with world.session() as session:
        restored = incidents.restore_incident(
            session, _user(session, "kungsholmen"), incident_id, {"reason": "Åter."}
        )
        # A new version: a form opened before the withdrawal cannot overwrite the restored row.
        assert restored.version == 2
    with world.session() as session, pytest.raises(ValidationFailed):
        incidents.restore_incident(session, _user(session, "admin"), incident_id, {"reason": "x"})


def test_the_source_filter_uses_the_stable_codes(world: Database) -> None:
    with world.session() as session:
        view = read_register_filters(session, {"source": IncidentSource.SISAB.value})
        assert view.values["source"] == "sisab"
        assert [r["source"] for r in incident_page(session, view.filter).rows] == ["SISAB"]


def test_a_withdrawn_incidents_id_is_never_given_to_a_new_one(world: Database) -> None:
    """The newest incident withdrawn, then a new one logged: the new one gets an id of its own,
    and the withdrawn one comes back under its own id with its own history."""
    with world.session() as session:
        admin = _user(session, "admin")
        newest = session.scalars(select(Incident).order_by(Incident.id.desc())).first()
        assert newest is not None
        withdrawn_id = newest.id
        incidents.withdraw_incident(
            session, admin, withdrawn_id, {"version": newest.version, "reason": REASON}
        )
    with world.session() as session:
        admin = _user(session, "admin")
        fresh = incidents.create_incident(
            session,
            admin,
            {
                "council": "SOD",
                "date": "2025-03-01",
                "source": "ia",
                "category": "graffiti",
                "milieu": "autonomous",
                "count": 1,
            },
            TODAY,
        )
        assert fresh.id != withdrawn_id
    with world.session() as session:
        restored = incidents.restore_incident(
            session, _user(session, "admin"), withdrawn_id, {"reason": "Felaktigt återkallad."}
        )
        assert restored.id == withdrawn_id
        assert [r.field for r in revisions(session, AuditEntity.INCIDENT, fresh.id)] == []
