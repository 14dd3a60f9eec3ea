"""The meeting log's service and queries, and the council ↔ police-area rule they rest on: who may
write a meeting and its follow-ups, what a bad, stale or forbidden save leaves (nothing), and
which meetings a police area sees on which date."""

import re
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.services import meetings, validation
from dashboard.services.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from models import (
    AuditEntry,
    CooperationMeeting,
    MeetingFollowUp,
    PoliceArea,
    Revision,
    User,
    council_police_areas,
    rules,
)
from models.enums import AuditAction, AuditEntity, Role
from models.queries import police_areas
from models.queries.meetings import last_meeting, meeting_history, open_follow_ups
from models.queries.meetings import meetings as meetings_of
from tests.rows import council
from tests.unit.test_personal_data import generated_numbers

TODAY = date(2025, 3, 1)
SPLIT = date(2025, 1, 1)  # the Norrmalm police area was split into two


@pytest.fixture
def world(empty_db: Database) -> Database:
    """Skärholmen (SKH), Hägersten-Älvsjö (HAE, with both Skärholmen and Globen), Bromma (BRO,
    Vällingby) and Kungsholmen (KUN: Norrmalm until 2024, then Lidingö-Kungsholmen). Users: the
    coordinators of HAE and BRO, an admin, a reader, the police of Skärholmen, of Globen and one
    without an area."""
    with empty_db.session() as session:
        areas = {
            name: PoliceArea(name=name, region_area="Syd", valid_from=start, valid_to=end)
            for name, start, end in (
                ("Skärholmen", None, None),
                ("Globen", None, None),
                ("Vällingby", None, None),
                ("Norrmalm", None, date(2024, 12, 31)),
                ("Lidingö-Kungsholmen", SPLIT, None),
            )
        }
        councils = {
            "SKH": council("SKH", "Skärholmen"),
            "HAE": council("HAE", "Hägersten-Älvsjö", date(2020, 7, 1)),
            "BRO": council("BRO", "Bromma"),
            "KUN": council("KUN", "Kungsholmen"),
        }
        councils["SKH"].police_areas = [areas["Skärholmen"]]
        councils["HAE"].police_areas = [areas["Skärholmen"], areas["Globen"]]
        councils["BRO"].police_areas = [areas["Vällingby"]]
        councils["KUN"].police_areas = [areas["Norrmalm"], areas["Lidingö-Kungsholmen"]]
        session.add_all([*areas.values(), *councils.values()])
        for name, role, home, area in (
            ("hae", Role.COORDINATOR, "HAE", None),
            ("bromma", Role.COORDINATOR, "BRO", None),
            ("admin", Role.ADMIN, None, None),
            ("ks", Role.READER, None, None),
            ("polis", Role.POLICE, None, "Skärholmen"),
            ("globen", Role.POLICE, None, "Globen"),
            ("polis_utan", Role.POLICE, None, None),
        ):
            user = User(
                username=name,
                role=role,
                council=councils[home] if home else None,
                police_area=areas[area] if area else None,
            )
            user.set_password("x")
            session.add(user)
    return empty_db


def _user(session: Session, name: str) -> User:
    return session.scalars(select(User).where(User.username == name)).one()


def _area(session: Session, name: str) -> PoliceArea:
    return session.scalars(select(PoliceArea).where(PoliceArea.name == name)).one()


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _meeting(
    council_code: str, held_on: str, area: PoliceArea | None, **more: Any
) -> dict[str, Any]:
    return {
        "council": council_code,
        "held_on": held_on,
        "forum": "Lokal samverkansgrupp",
        "police_area": area.id if area else "",
        "vbe_on_agenda": True,
        "participants": "Samordnare VBE\nKommunpolis",
        "notes": "Genomgång av lägesbilden: klotter i centrum.",
        "decisions": "Trygghetsvandring i april.",
    } | more


def _log(session: Session, council_code: str, held_on: str, area: str | None) -> int:
    meeting = meetings.create_meeting(
        session,
        _user(session, "admin"),
        _meeting(council_code, held_on, _area(session, area) if area else None),
        TODAY,
    )
    return meeting.id


# --- the council ↔ police-area rule on the real organisation (demo data) -----------------------


def _codes(members: list[police_areas.Membership]) -> set[str]:
    return {m.council_code for m in members}


def test_the_norrmalm_split_moves_kungsholmen_on_new_years_day(demo_db: Database) -> None:
    with demo_db.session() as session:
        areas = {a.name: a for a in session.scalars(select(PoliceArea))}
        kun = rules.find_council(session, "KUN")
        assert kun is not None
        assert [
            a.name for a in police_areas.areas_of_council(session, kun.id, date(2024, 12, 31))
        ] == ["Norrmalm"]
        assert [a.name for a in police_areas.areas_of_council(session, kun.id, SPLIT)] == [
            "Lidingö-Kungsholmen"
        ]
        norrmalm = areas["Norrmalm"].id
        # Before the 2023 merger Norrmalm and Östermalm, then Norra innerstaden; never both.
        assert _codes(police_areas.councils_on(session, norrmalm, date(2023, 6, 30))) == {
            "KUN",
            "NOR",
            "OST",
        }
        assert _codes(police_areas.councils_on(session, norrmalm, date(2024, 12, 31))) == {
            "KUN",
            "NIN",
        }
        assert police_areas.councils_on(session, norrmalm, SPLIT) == []
        assert _codes(police_areas.councils_on(session, areas["Norra innerstaden"].id, SPLIT)) == {
            "NIN"
        }
        lk = areas["Lidingö-Kungsholmen"].id
        assert _codes(police_areas.councils_on(session, lk, SPLIT)) == {"KUN"}
        assert police_areas.councils_on(session, lk, date(2024, 12, 31)) == []
        names_then = {a.name for a in police_areas.areas_on(session, date(2024, 12, 31))}
        names_now = {a.name for a in police_areas.areas_on(session, SPLIT)}
        assert "Norrmalm" in names_then and "Lidingö-Kungsholmen" not in names_then
        assert "Norrmalm" not in names_now
        assert {"Lidingö-Kungsholmen", "Norra innerstaden"} <= names_now


def test_hagersten_alvsjo_works_with_both_skarholmen_and_globen(demo_db: Database) -> None:
    with demo_db.session() as session:
        areas = {a.name: a for a in session.scalars(select(PoliceArea))}
        hae = rules.find_council(session, "HAE")
        assert hae is not None
        day = date(2024, 5, 1)
        assert [a.name for a in police_areas.areas_of_council(session, hae.id, day)] == [
            "Globen",
            "Skärholmen",
        ]
        assert _codes(police_areas.councils_on(session, areas["Skärholmen"].id, day)) == {
            "HAE",
            "SKH",
        }
        assert {"HAE", "SKA"} <= _codes(police_areas.councils_on(session, areas["Globen"].id, day))
        # Before the 2020 reform its predecessors: Hägersten-Liljeholmen and Älvsjö.
        before = police_areas.councils_on(session, areas["Skärholmen"].id, date(2020, 6, 30))
        assert _codes(before) == {"HAL", "ALV", "SKH"}
        assert police_areas.areas_of_council(session, hae.id, date(2020, 6, 30)) == []
        for bad in ("abc", "0", "9" * 20, -1, None, 1.5):
            assert police_areas.find_area(session, bad) is None
        assert police_areas.find_area(session, str(areas["Globen"].id)) == areas["Globen"]


def test_a_links_own_dates_narrow_it(world: Database) -> None:
    with world.session() as session:
        globen = _area(session, "Globen")
        hae = rules.find_council(session, "HAE")
        assert hae is not None
        session.execute(
            council_police_areas.update()
            .where(council_police_areas.c.police_area_id == globen.id)
            .values(valid_from=date(2022, 1, 1))
        )
        assert [
            a.name for a in police_areas.areas_of_council(session, hae.id, date(2021, 6, 1))
        ] == ["Skärholmen"]
        assert len(police_areas.areas_of_council(session, hae.id, date(2022, 1, 1))) == 2
        session.execute(
            insert(council_police_areas).values(
                council_id=hae.id,
                police_area_id=_area(session, "Vällingby").id,
                valid_from=date(2019, 1, 1),
                valid_to=date(2020, 1, 1),
            )
        )
        # The link ended before the council existed: no membership at all.
        vallingby = _area(session, "Vällingby").id
        assert "HAE" not in _codes(police_areas.memberships(session, vallingby))


# --- which meetings a council or police area sees ------------------------------------------------


def test_a_police_areas_meetings_follow_the_date(world: Database) -> None:
    with world.session() as session:
        skh = _log(session, "SKH", "2024-03-01", "Skärholmen")
        hae_globen = _log(session, "HAE", "2024-04-01", "Globen")
        hae_none = _log(session, "HAE", "2024-05-01", None)
        bro = _log(session, "BRO", "2024-06-01", "Vällingby")
        kun_2024 = _log(session, "KUN", "2024-12-31", None)
        kun_2025 = _log(session, "KUN", "2025-01-01", None)

        def ids(**where: Any) -> list[int]:
            return [m.id for m in meetings_of(session, **where)]

        area = {name: _area(session, name).id for name in ("Skärholmen", "Globen", "Norrmalm")}
        lk = _area(session, "Lidingö-Kungsholmen").id
        # Newest first; a meeting held with another area (Globen) is not Skärholmen's.
        assert ids(police_area_id=area["Skärholmen"]) == [hae_none, skh]
        assert ids(police_area_id=area["Globen"]) == [hae_none, hae_globen]
        assert ids(police_area_id=area["Norrmalm"]) == [kun_2024]
        assert ids(police_area_id=lk) == [kun_2025]
        hae = rules.find_council(session, "HAE")
        assert hae is not None
        assert ids(council_id=hae.id) == [hae_none, hae_globen]
        assert ids(first=date(2024, 5, 1), last=date(2024, 12, 31)) == [kun_2024, bro, hae_none]
        assert ids() == [kun_2025, kun_2024, bro, hae_none, hae_globen, skh]
        latest = last_meeting(session, police_area_id=area["Skärholmen"], before=date(2024, 4, 30))
        assert latest is not None and latest.id == skh
        assert last_meeting(session, council_id=hae.id, before=date(2024, 1, 1)) is None


def test_open_follow_ups_earliest_due_first(world: Database) -> None:
    with world.session() as session:
        admin = _user(session, "admin")
        meeting = meetings.create_meeting(
            session,
            admin,
            _meeting(
                "SKH",
                "2024-03-01",
                _area(session, "Skärholmen"),
                follow_ups=[
                    {"what": "Informera rektorerna.", "owner_role": "Samordnare VBE"},
                    {
                        "what": "Trygghetsvandring.",
                        "owner_role": "Områdespolis",
                        "due_on": "2024-04-15",
                    },
                    {"what": "Sanera klottret.", "due_on": "2024-03-20"},
                ],
            ),
            TODAY,
        )
        _log(session, "BRO", "2024-03-02", "Vällingby")
        first = meeting.follow_ups[2]
        meetings.update_follow_up(
            session, admin, first.id, {"version": first.version, "done": True}, TODAY
        )
        skh_area = _area(session, "Skärholmen").id
        assert [f.what for f in open_follow_ups(session, police_area_id=skh_area)] == [
            "Trygghetsvandring.",
            "Informera rektorerna.",
        ]
        bro = rules.find_council(session, "BRO")
        assert bro is not None
        assert open_follow_ups(session, council_id=bro.id) == []


# --- writing meetings ----------------------------------------------------------------------------


def test_a_coordinator_logs_a_meeting_with_follow_ups(world: Database) -> None:
    with world.session() as session:
        user = _user(session, "hae")
        meeting = meetings.create_meeting(
            session,
            user,
            {
                "held_on": TODAY.isoformat(),  # today is allowed
                "forum": "  SSP  ",
                "police_area": str(_area(session, "Globen").id),
                "vbe_on_agenda": False,
                "participants": ["Samordnare VBE", "Kommunpolis", "", "Kommunpolis"],
                "notes": "Lägesbilden per 2025-02-28: tre klotterfall (Dnr HAE 2025/12).",
                "follow_ups": [{"what": "Återkoppla till skolorna.", "due_on": "2025-04-01"}],
            },
            TODAY,
        )
        meeting_id = meeting.id
    with world.session() as session:
        saved = meetings.get_meeting(session, meeting_id)
        assert saved.council.code == "HAE"  # a coordinator's own council when none is named
        assert saved.police_area is not None and saved.police_area.name == "Globen"
        assert (saved.forum, saved.vbe_on_agenda) == ("SSP", False)
        assert saved.participants == "Samordnare VBE\nKommunpolis"
        assert [(f.what, f.due_on, f.done_on) for f in saved.follow_ups] == [
            ("Återkoppla till skolorna.", date(2025, 4, 1), None)
        ]
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.action, entry.entity, entry.entity_id) == (
            AuditAction.CREATE,
            AuditEntity.MEETING,
            meeting_id,
        )
        with pytest.raises(NotFound, match="Mötet finns inte"):
            meetings.get_meeting(session, meeting_id + 1000)


PERSONNUMMER = "19811218-9876"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"notes": f"Gäller ungdom {PERSONNUMMER}."}, "notes"),
        ({"notes": f"Gäller {generated_numbers(1, coordination=True)[0]}"}, "notes"),
        ({"decisions": "Maila kommunpolis@polisen.se"}, "decisions"),
        ({"participants": "Samordnare VBE\nRing 070-123 45 67"}, "participants"),
        ({"participants": ["Samordnare"] + [f"Roll {i}" for i in range(30)]}, "participants"),
        ({"participants": ["x" * 121]}, "participants"),
        ({"participants": 12}, "participants"),
        # A personnummer split over two lines: each line passes alone, the stored text would not.
        ({"participants": "Polis 811218\n-9876"}, "participants"),
        ({"participants": "Samordnare VBE\n19811218\n9876"}, "participants"),
        ({"participants": ["Kommunpolis", "811218", "9876"]}, "participants"),
        ({"participants": "Ring 070-123\n45 67"}, "participants"),
        # Vertical tabs are line breaks too: 40 roles on 4 lines are 40 roles.
        (
            {
                "participants": "\n".join(
                    "\x0b".join(f"R{i}{j}" for j in range(10)) for i in range(4)
                )
            },
            "participants",
        ),
        ({"follow_ups": [{"what": f"Kontakta {PERSONNUMMER}"}]}, "follow_ups.0.what"),
        ({"follow_ups": [{"what": "Ok", "due_on": "2024-01-01"}]}, "follow_ups.0.due_on"),
        ({"follow_ups": [{"owner_role": "Kommunpolis"}]}, "follow_ups.0.what"),
        ({"held_on": "2025-03-02"}, "held_on"),  # tomorrow
        ({"held_on": "2025-02-30"}, "held_on"),
        ({"held_on": ""}, "held_on"),
        ({"held_on": "2019-06-01"}, "held_on"),  # before Hägersten-Älvsjö existed
        ({"forum": ""}, "forum"),
        ({"forum": "F" * 201}, "forum"),
        ({"vbe_on_agenda": "kanske"}, "vbe_on_agenda"),
        ({"police_area": "999"}, "police_area"),
        ({"police_area": "Globen"}, "police_area"),
        ({"council": "ZZZ"}, "council"),
    ],
)
def test_a_bad_meeting_is_refused_in_swedish_and_nothing_is_stored(
    world: Database, change: dict[str, Any], field: str
) -> None:
    with world.session() as session:
        data = _meeting("HAE", "2024-05-01", _area(session, "Skärholmen")) | change
        with pytest.raises(ValidationFailed) as refused:
            meetings.create_meeting(session, _user(session, "hae"), data, TODAY)
        assert field in refused.value.errors
        assert refused.value.message.startswith("Uppgifterna kunde inte sparas.")
        assert _count(session, CooperationMeeting) == _count(session, MeetingFollowUp) == 0
        assert _count(session, AuditEntry) == 0


def test_a_personnummer_in_the_notes_names_what_was_found(world: Database) -> None:
    with world.session() as session:
        data = _meeting("HAE", "2024-05-01", None, notes=f"Oro för {PERSONNUMMER}.")
        with pytest.raises(ValidationFailed) as refused:
            meetings.create_meeting(session, _user(session, "hae"), data, TODAY)
        assert "Anteckningar" in refused.value.errors["notes"]
        assert "personnummer" in refused.value.errors["notes"]


def test_a_personnummer_split_over_two_participant_lines_is_refused(world: Database) -> None:
    with world.session() as session:
        user = _user(session, "hae")
        for participants in ("Polis 811218\n-9876", ["Samordnare VBE", "19811218", "9876"]):
            data = _meeting("HAE", "2024-05-01", None, participants=participants)
            with pytest.raises(ValidationFailed) as refused:
                meetings.create_meeting(session, user, data, TODAY)
            assert refused.value.errors["participants"].startswith(
                "Deltagare (raderna tillsammans): Texten verkar innehålla personnummer eller "
                "samordningsnummer."
            )
        saved = meetings.create_meeting(session, user, _meeting("HAE", "2024-05-01", None), TODAY)
        with pytest.raises(ValidationFailed) as changed:
            meetings.update_meeting(
                session,
                user,
                saved.id,
                {"version": saved.version, "participants": "Kommunpolis\n811218\n-9876"},
                TODAY,
            )
        assert "personnummer" in changed.value.errors["participants"]
        assert meetings.get_meeting(session, saved.id).participants == "Samordnare VBE\nKommunpolis"
        assert _count(session, Revision) == 0


def test_a_long_participant_list_is_refused_before_any_line_is_checked(
    world: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pasted list of thousands of lines is refused at once: the sizes are checked before the
    personal-data guard runs over each line."""
    checked: list[Any] = []
    real_text = validation.text

    def spy(errors: Any, field: str, value: Any, *args: Any) -> str | None:
        if field == "participants":
            checked.append(value)
        return real_text(errors, field, value, *args)

    monkeypatch.setattr("dashboard.services.meetings.text", spy)
    too_many = "Deltagare: ange högst 30 roller, en per rad."
    too_long = "Deltagare får vara högst 4000 tecken. Skriv roller, en per rad."
    with world.session() as session:
        user = _user(session, "hae")
        for participants, message in (
            ("\n".join(f"Roll {i}" for i in range(31)), too_many),
            ([f"Roll {i}" for i in range(31)], too_many),
            ("\n".join(f"Roll {i % 25}" for i in range(200_000)), too_long),
            ([f"Roll {i % 25}" for i in range(200_000)], too_many),
            (["Roll"] * 3 + ["x" * 4000], too_long),
            ("\n".join(f"Roll {i}" for i in range(200_000)), too_long),
            ([f"Roll {i}" for i in range(200_000)], too_many),
        ):
            data = _meeting("HAE", "2024-05-01", None, participants=participants)
            with pytest.raises(ValidationFailed) as refused:
                meetings.create_meeting(session, user, data, TODAY)
            assert checked == []  # no line went through the guard
            assert refused.value.errors["participants"] == message
        assert _count(session, CooperationMeeting) == 0
        # Thirty roles, repeats and blank lines between them are still fine.
        roles = [f"Roll {i}" for i in range(30)]
        data = _meeting("HAE", "2024-05-01", None, participants="\n\n".join(roles + roles))
        saved = meetings.create_meeting(session, user, data, TODAY)
        assert saved.participants.split("\n") == roles
        assert len(checked) == 60


def test_the_police_area_must_be_one_the_council_worked_with_that_day(world: Database) -> None:
    with world.session() as session:
        admin = _user(session, "admin")
        norrmalm = _area(session, "Norrmalm")
        with pytest.raises(ValidationFailed) as refused:
            meetings.create_meeting(session, admin, _meeting("KUN", "2025-01-01", norrmalm), TODAY)
        assert refused.value.errors["police_area"] == (
            "Kungsholmen samverkade inte med lokalpolisområde Norrmalm 1 januari 2025. "
            "Välj något av: Lidingö-Kungsholmen, eller inget."
        )
        with pytest.raises(ValidationFailed, match="Vällingby"):
            meetings.create_meeting(
                session, admin, _meeting("SKH", "2024-05-01", _area(session, "Vällingby")), TODAY
            )
        saved = meetings.create_meeting(
            session, admin, _meeting("KUN", "2024-12-31", norrmalm), TODAY
        )
        # Moving the meeting past the split keeps its police area, which is then wrong.
        with pytest.raises(ValidationFailed) as moved:
            meetings.update_meeting(
                session, admin, saved.id, {"version": saved.version, "held_on": "2025-01-02"}, TODAY
            )
        assert "police_area" in moved.value.errors


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("bromma", "Du kan bara ändra uppgifter för din egen nämnd."),
        ("ks", "Din roll (Läsare) får bara läsa uppgifter i Lägesbild."),
        ("polis", "Som polis kan du lägga till och stänga mötets åtaganden."),
    ],
)
def test_only_the_councils_coordinator_and_admin_write_a_meeting(
    world: Database, username: str, message: str
) -> None:
    with world.session() as session:
        meeting_id = _log(session, "HAE", "2024-05-01", "Skärholmen")
        user = _user(session, username)
        meeting = meetings.get_meeting(session, meeting_id)
        assert message in (meetings.meeting_refusal(session, user, meeting) or "")
        # Refused before the data is looked at: even a bad one gets the refusal.
        with pytest.raises(PermissionDenied, match=re.escape(message)):
            meetings.create_meeting(session, user, _meeting("HAE", "2024-05-02", None), TODAY)
        with pytest.raises(PermissionDenied, match=re.escape(message)):
            meetings.create_meeting(session, user, {"council": "HAE", "held_on": "x"}, TODAY)
        with pytest.raises(PermissionDenied, match=re.escape(message)):
            meetings.update_meeting(session, user, meeting_id, {"version": 1, "forum": "X"}, TODAY)
        assert _count(session, CooperationMeeting) == 1
        assert meetings.get_meeting(session, meeting_id).forum == "Lokal samverkansgrupp"
        assert meetings.meeting_refusal(session, _user(session, "hae"), meeting) is None
        assert (
            meetings.meeting_refusal(session, _user(session, "admin"), meeting.council_id) is None
        )


def test_a_change_keeps_old_and_new_values_and_a_stale_one_changes_nothing(
    world: Database,
) -> None:
    with world.session() as session:
        user = _user(session, "hae")
        meeting_id = _log(session, "HAE", "2024-05-01", "Skärholmen")
        meeting = meetings.get_meeting(session, meeting_id)
        seen = meeting.version
        changed = meetings.update_meeting(
            session,
            user,
            meeting_id,
            {
                "version": seen,
                "forum": "BRÅ",
                "police_area": "",
                "vbe_on_agenda": False,
                "participants": "Samordnare VBE\nKommunpolis\nRektor",
            },
            TODAY,
        )
        assert changed.version == seen + 1
        assert changed.notes == "Genomgång av lägesbilden: klotter i centrum."  # left out: kept
        history = {r.revision.field: r.revision for r in meeting_history(session, meeting_id)}
        assert set(history) == {"forum", "police_area", "vbe_on_agenda", "participants"}
        assert (history["forum"].old_value, history["forum"].new_value) == (
            "Lokal samverkansgrupp",
            "BRÅ",
        )
        assert (history["police_area"].old_value, history["police_area"].new_value) == (
            "Skärholmen",
            None,
        )
        assert history["vbe_on_agenda"].new_value == "false"
        assert history["forum"].username == "hae"

        revisions_before = _count(session, Revision)
        with pytest.raises(Conflict, match="ändrats av någon annan") as stale:
            meetings.update_meeting(
                session, user, meeting_id, {"version": seen, "forum": "SSP"}, TODAY
            )
        assert stale.value.detail.current["forum"] == "BRÅ"
        # Nothing changed: no revision, and the same values again write nothing either.
        same = meetings.update_meeting(
            session, user, meeting_id, {"version": seen + 1, "forum": "BRÅ"}, TODAY
        )
        assert same.version == seen + 1 and _count(session, Revision) == revisions_before
        with pytest.raises(ValidationFailed) as no_version:
            meetings.update_meeting(session, user, meeting_id, {"forum": "SSP"}, TODAY)
        assert "version" in no_version.value.errors
        with pytest.raises(ValidationFailed, match="nämnd kan inte ändras"):
            meetings.update_meeting(
                session, user, meeting_id, {"version": seen + 1, "council": "SKH"}, TODAY
            )
        assert meetings.get_meeting(session, meeting_id).forum == "BRÅ"


# --- follow-ups ----------------------------------------------------------------------------------


def test_the_police_add_and_close_follow_ups_in_their_area_only(world: Database) -> None:
    with world.session() as session:
        polis = _user(session, "polis")
        own = meetings.get_meeting(session, _log(session, "SKH", "2024-03-01", "Skärholmen"))
        no_area = meetings.get_meeting(session, _log(session, "HAE", "2024-05-01", None))
        globens = meetings.get_meeting(session, _log(session, "HAE", "2024-04-01", "Globen"))
        bromma = meetings.get_meeting(session, _log(session, "BRO", "2024-06-01", "Vällingby"))

        for meeting in (own, no_area):
            assert meetings.follow_up_refusal(session, polis, meeting) is None
            added = meetings.add_follow_up(
                session,
                polis,
                meeting.id,
                {"what": "Återkoppla polisens bild.", "owner_role": "Kommunpolis"},
                TODAY,
            )
            closed = meetings.update_follow_up(
                session,
                polis,
                added.id,
                {"version": added.version, "done": True, "done_note": "Återkopplat i SSP."},
                TODAY,
            )
            assert closed.done_on == TODAY and closed.done_note == "Återkopplat i SSP."

        written = _count(session, MeetingFollowUp), _count(session, AuditEntry)
        for meeting in (globens, bromma):
            refusal = meetings.follow_up_refusal(session, polis, meeting)
            assert refusal == (
                "Som polis kan du bara lägga till och stänga åtaganden från möten i ditt "
                "lokalpolisområde (Skärholmen)."
            )
            with pytest.raises(PermissionDenied, match="ditt lokalpolisområde"):
                meetings.add_follow_up(session, polis, meeting.id, {"what": "Ok"}, TODAY)
        assert meetings.follow_up_refusal(session, _user(session, "globen"), globens) is None
        without_area = _user(session, "polis_utan")
        assert "inte knutet till något lokalpolisområde" in (
            meetings.follow_up_refusal(session, without_area, own) or ""
        )
        reader = _user(session, "ks")
        assert meetings.follow_up_refusal(session, reader, own) is not None
        follow_up = own.follow_ups[0]
        for user in (without_area, reader, _user(session, "bromma")):
            with pytest.raises(PermissionDenied):
                meetings.update_follow_up(
                    session,
                    user,
                    follow_up.id,
                    {"version": follow_up.version, "done": False},
                    TODAY,
                )
        assert (_count(session, MeetingFollowUp), _count(session, AuditEntry)) == written
        assert follow_up.done_on == TODAY


def test_the_police_close_and_reopen_a_follow_up_but_do_not_rewrite_it(world: Database) -> None:
    """The police add and close follow-ups; what was agreed, by whom and by when stays the
    council's: a change to it is refused and nothing is written."""
    with world.session() as session:
        data = _meeting(
            "SKH",
            "2024-03-01",
            _area(session, "Skärholmen"),
            follow_ups=[
                {"what": "Sanera klottret.", "owner_role": "Fastighet", "due_on": "2024-04-01"}
            ],
        )
        meeting = meetings.create_meeting(session, _user(session, "admin"), data, TODAY)
        follow_up = meeting.follow_ups[0]
        polis = _user(session, "polis")
        written = _count(session, Revision), _count(session, AuditEntry)
        for change in (
            {"what": "Något annat."},
            {"what": ""},
            {"owner_role": "Kommunpolis"},
            {"owner_role": ""},
            {"due_on": "2024-09-01"},
            {"due_on": None},
            {"due_on": "inte ett datum"},
            {"done": True, "done_note": "Klart.", "what": "Sanera klottret snart."},
        ):
            with pytest.raises(PermissionDenied) as refused:
                meetings.update_follow_up(
                    session, polis, follow_up.id, {"version": follow_up.version, **change}, TODAY
                )
            assert refused.value.message == (
                "Som polis kan du stänga ett åtagande och öppna det igen, men inte ändra vad som "
                "ska göras, ansvarig roll eller datum för klart senast. Ingenting sparades. Be "
                "nämndens samordnare ändra åtagandet."
            ), change
        assert (_count(session, Revision), _count(session, AuditEntry)) == written
        assert (follow_up.what, follow_up.owner_role, follow_up.due_on, follow_up.done_on) == (
            "Sanera klottret.",
            "Fastighet",
            date(2024, 4, 1),
            None,
        )
        assert follow_up.version == 1

        # The whole follow-up sent back as it was, closing it: allowed.
        sent = {
            "version": 1,
            "what": " Sanera klottret. ",
            "owner_role": "Fastighet",
            "due_on": "2024-04-01",
            "done": True,
            "done_on": "2024-05-02",
            "done_note": "Sanerat.",
        }
        closed = meetings.update_follow_up(session, polis, follow_up.id, sent, TODAY)
        assert (closed.done_on, closed.done_note, closed.version) == (
            date(2024, 5, 2),
            "Sanerat.",
            2,
        )
        # Reopening is the inverse of closing: allowed too.
        reopened = meetings.update_follow_up(
            session, polis, follow_up.id, {"version": 2, "done": False}, TODAY
        )
        assert reopened.done_on is None
        # The coordinator and the admin may still rewrite it.
        rewritten = meetings.update_follow_up(
            session,
            _user(session, "admin"),
            follow_up.id,
            {"version": 3, "what": "Sanera klottret i centrum."},
            TODAY,
        )
        assert rewritten.what == "Sanera klottret i centrum."


def test_a_page_of_follow_ups_reads_the_police_area_memberships_once(
    world: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Samverkan page asks, for each follow-up shown, whether the user may close it. For a
    police user and meetings without a police area that depends on the councils' memberships,
    which are read once for the page, not once per follow-up, with the same answers."""
    with world.session() as session:
        admin = _user(session, "admin")
        shown = []
        for council_code, day, area in (
            ("HAE", "2024-05-01", None),
            ("HAE", "2024-06-01", None),
            ("SKH", "2024-06-01", None),
            ("BRO", "2024-06-01", None),
            ("HAE", "2024-07-01", "Globen"),
        ):
            data = _meeting(
                council_code,
                day,
                _area(session, area) if area else None,
                follow_ups=[{"what": "Återkoppla."}, {"what": "Sanera."}],
            )
            shown += meetings.create_meeting(session, admin, data, TODAY).follow_ups
        one_by_one = {
            name: {
                f.id: meetings.follow_up_refusal(session, _user(session, name), f.meeting)
                for f in shown
            }
            for name in ("polis", "globen", "polis_utan", "hae", "ks")
        }
        reads: list[int | None] = []
        real = police_areas.memberships

        def counting(session: Session, police_area_id: int | None = None) -> list[Any]:
            reads.append(police_area_id)
            return real(session, police_area_id)

        monkeypatch.setattr(police_areas, "memberships", counting)
        for name, expected in one_by_one.items():
            reads.clear()
            assert meetings.follow_up_refusals(session, _user(session, name), shown) == expected
            assert len(reads) == (1 if name in ("polis", "globen") else 0), name
        polis = one_by_one["polis"]
        assert [polis[f.id] is None for f in shown] == [True] * 6 + [False] * 4
        assert [one_by_one["globen"][f.id] is None for f in shown] == [True] * 4 + [False] * 4 + [
            True
        ] * 2


def test_closing_and_reopening_a_follow_up(world: Database) -> None:
    with world.session() as session:
        user = _user(session, "hae")
        meeting = meetings.create_meeting(
            session,
            user,
            _meeting("HAE", "2024-05-01", None, follow_ups=[{"what": "Sanera klottret."}]),
            TODAY,
        )
        follow_up = meeting.follow_ups[0]

        def update(**data: Any) -> MeetingFollowUp:
            return meetings.update_follow_up(
                session, user, follow_up.id, {"version": follow_up.version, **data}, TODAY
            )

        for bad, field in (
            ({"done": True, "done_on": "2024-04-30"}, "done_on"),  # before the meeting
            ({"done": True, "done_on": "2025-03-02"}, "done_on"),  # tomorrow
            ({"done": "ja"}, "done"),
            ({"what": ""}, "what"),
            ({"due_on": "2024-04-01"}, "due_on"),
            ({"done_note": f"Klart, {PERSONNUMMER} informerad."}, "done_note"),
        ):
            with pytest.raises(ValidationFailed) as refused:
                update(**bad)
            assert field in refused.value.errors, bad
        assert follow_up.done_on is None and follow_up.version == 1

        assert update(done=True, done_on="2024-06-10").done_on == date(2024, 6, 10)
        assert update(done=True).done_on == date(2024, 6, 10)  # already closed: the day is kept
        assert update(done=False).done_on is None
        assert update(done_on="2024-07-01").done_on == date(2024, 7, 1)  # a day closes it
        assert update(owner_role="Områdespolis", due_on="2024-08-01").owner_role == "Områdespolis"
        with pytest.raises(Conflict, match="Åtagandet har ändrats"):
            meetings.update_follow_up(
                session, user, follow_up.id, {"version": 1, "done": False}, TODAY
            )
        assert follow_up.done_on == date(2024, 7, 1)
        with pytest.raises(NotFound, match="Åtagandet finns inte"):
            meetings.update_follow_up(session, user, follow_up.id + 99, {"version": 1}, TODAY)

        done_on = [
            (r.revision.old_value, r.revision.new_value)
            for r in reversed(meeting_history(session, meeting.id))
            if r.revision.field == "done_on"
        ]
        assert done_on == [
            (None, "2024-06-10"),
            ("2024-06-10", None),
            (None, "2024-07-01"),
        ]
        assert {r.follow_up_id for r in meeting_history(session, meeting.id)} == {follow_up.id}
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == AuditEntity.MEETING_FOLLOW_UP)
        ).all()
        assert len(entries) == 4 and {e.action for e in entries} == {AuditAction.UPDATE}


def test_a_meeting_cannot_move_past_its_follow_ups(world: Database) -> None:
    with world.session() as session:
        user = _user(session, "hae")
        data = _meeting(
            "HAE", "2024-05-01", None, follow_ups=[{"what": "Ok", "due_on": "2024-06-01"}]
        )
        meeting = meetings.create_meeting(session, user, data, TODAY)
        with pytest.raises(ValidationFailed) as refused:
            meetings.update_meeting(
                session, user, meeting.id, {"version": 1, "held_on": "2024-06-02"}, TODAY
            )
        assert refused.value.errors["held_on"].startswith(
            "Mötet kan inte flyttas till 2 juni 2024: ett av dess åtaganden ska vara eller blev "
            "klart 1 juni 2024."
        )
        moved = meetings.update_meeting(
            session, user, meeting.id, {"version": 1, "held_on": "2024-06-01"}, TODAY
        )
        assert moved.held_on == date(2024, 6, 1)
