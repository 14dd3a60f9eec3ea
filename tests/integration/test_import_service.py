"""Import: every row previewed with its errors, nothing written before confirmation, and the
same file twice adds nothing."""

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.services import imports, incidents
from dashboard.services.errors import NotFound, ServiceError
from models import ActionPlan, Activity, Council, Incident, User
from models.enums import CouncilKind, Role
from tests.rows import xlsx
from tests.unit.test_personal_data import generated_numbers

TODAY = date(2026, 11, 24)
HEADER = "Datum;Källa;Kategori;Miljö;Antal;Delområde;Beskrivning"


@pytest.fixture
def db(empty_db: Database) -> Database:
    with empty_db.session() as session:
        far = Council(
            code="FAR", name="Farsta", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        ska = Council(
            code="SKA", name="Skarpnäck", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        session.add_all([far, ska, ActionPlan(council=ska, year=2026)])
        for name, role, council in (("ska", Role.COORDINATOR, ska), ("ks", Role.READER, None)):
            user = User(username=name, role=role, council=council)
            user.set_password("x")
            session.add(user)
    return empty_db


def _user(session: Session, name: str) -> User:
    return session.scalars(select(User).where(User.username == name)).one()


def _incidents(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Incident)) or 0


def test_bad_rows_are_listed_with_row_column_and_reason_and_nothing_is_written(
    db: Database,
) -> None:
    pnr = generated_numbers(1)[0]
    csv = "\n".join(
        [
            HEADER + ";Nämnd",
            "2026-03-04;Trafikkontoret;Klotter;Vit makt-miljön;2;Skarpnäcks centrum;Hakkors;",
            f"2026-03-05;ia;graffiti;white_power;1;;Elev {pnr} ritade;",
            "2026-03-06;ia;graffiti;okänd miljö;1;;;",
            "2026-13-01;ia;graffiti;autonomous;1;;;",
            "2026-03-07;ia;graffiti;autonomous;1;;;FAR",
        ]
    ).encode()
    with db.session() as session:
        user = _user(session, "ska")
        batch = imports.preview(session, user, "incidents", "klotter.csv", csv, TODAY)
        problems = {row.number: row.errors for row in batch.rows}
        assert problems[2] == []
        assert problems[3][0][0] == "Beskrivning" and "avidentifierad" in problems[3][0][1]
        assert problems[4][0][0] == "Miljö"
        assert problems[5][0][0] == "Datum"
        assert problems[6] == [("Nämnd", "Du kan bara ändra uppgifter för din egen nämnd.")]
        assert batch.error_rows == 4
        with pytest.raises(ServiceError, match="rader med fel"):
            imports.apply(session, user, batch, TODAY)
        assert _incidents(session) == 0


def test_the_same_file_twice_adds_nothing(db: Database) -> None:
    rows = [
        ["Datum", "Källa", "Kategori", "Miljö", "Antal"],
        [date(2026, 2, 1), "Trafikkontoret", "Klotter", "Vit makt-miljön", 3],
        [date(2026, 2, 1), "Trafikkontoret", "Klotter", "Vit makt-miljön", 3],  # a second tag
        ["2026-05", "SISAB", "Klistermärken/affischer", "Oklar", 1],
    ]
    content = xlsx(rows)
    with db.session() as session:
        user = _user(session, "ska")
        first = imports.preview(session, user, "incidents", "lista.xlsx", content, TODAY)
        assert (first.error_rows, first.new_rows) == (0, 3)
        assert imports.apply(session, user, first, TODAY) == (3, 0)
        assert imports.apply(session, user, first, TODAY) == (0, 3)  # a re-run is safe
        assert session.scalar(select(func.sum(Incident.count))) == 7
        again = imports.preview(session, user, "incidents", "lista.xlsx", content, TODAY)
        assert again.duplicate_rows == 3 and again.new_rows == 0
        assert imports.apply(session, user, again, TODAY) == (0, 3)
        assert _incidents(session) == 3


def test_read_only_role_and_missing_columns_are_refused(db: Database) -> None:
    with db.session() as session:
        ks = _user(session, "ks")
        csv = (HEADER + ";Nämnd\n2026-03-04;ia;graffiti;autonomous;1;;;SKA").encode()
        batch = imports.preview(session, ks, "incidents", "a.csv", csv, TODAY)
        assert "bara läsa" in batch.rows[0].errors[0][1]
        with pytest.raises(ServiceError, match=r"Kolumner saknas.*Miljö"):
            imports.preview(session, ks, "incidents", "a.csv", b"Datum;Antal\n2026-01-01;1", TODAY)
        with pytest.raises(ServiceError, match="CSV"):
            imports.preview(session, ks, "incidents", "a.pdf", b"%PDF", TODAY)


def test_activities_are_added_to_the_plan_once(db: Database) -> None:
    csv = "\n".join(
        [
            "Planår;Avsnitt;Aktivitet;Ansvarig;Tidplan;Uppföljning;Mål",
            "2026;Kompetenshöjande;Utbilda chefer i VBE;Avdelningschef;2026-10-31;VB;minst 10",
            "2026;Förebyggande;Samverkan med polisen;Samordnare;Löpande;T2;",
            "2026;Förebyggande;Tidig deadline;Samordnare;2025-01-01;T2;",
        ]
    ).encode("cp1252")  # as Excel on Windows saves it
    with db.session() as session:
        user = _user(session, "ska")
        batch = imports.preview(session, user, "activities", "plan.csv", csv, TODAY)
        assert [r.errors for r in batch.rows][:2] == [[], []]
        assert batch.rows[2].errors[0][0] == "Tidplan"
        batch.rows.pop()  # the user fixes the file: here, drop the bad row
        assert imports.apply(session, user, batch, TODAY) == (2, 0)
        stored = session.scalars(select(Activity).order_by(Activity.position)).all()
        assert [(a.schedule.value, a.deadline, a.target) for a in stored] == [
            ("deadline", date(2026, 10, 31), "minst 10"),
            ("continuous", None, None),
        ]
        again = imports.preview(session, user, "activities", "plan.csv", csv, TODAY)
        assert [r.duplicate for r in again.rows[:2]] == [True, True]


def test_staged_batches_belong_to_their_user(db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    staging = imports.StagingArea(tmp_path)
    csv = (HEADER + "\n2026-03-04;ia;graffiti;autonomous;1;;").encode()
    with db.session() as session:
        ska, ks = _user(session, "ska"), _user(session, "ks")
        batch = imports.preview(session, ska, "incidents", "a.csv", csv, TODAY)
        staging.save(batch)
        assert staging.load(batch.token, ska).rows[0].key == batch.rows[0].key
        with pytest.raises(NotFound):
            staging.load(batch.token, ks)
        with pytest.raises(NotFound):
            staging.load("../../etc/passwd", ska)


def test_a_month_column_keeps_month_precision_and_unread_columns_are_named(db: Database) -> None:
    rows = [
        ["Månad", "Källa", "Kategori", "Miljö", "Allvarlighet"],
        [date(2026, 3, 1), "Trafikkontoret", "Klotter", "Vit makt-miljön", "hög"],  # Excel's date
    ]
    with db.session() as session:
        user = _user(session, "ska")
        batch = imports.preview(session, user, "incidents", "månad.xlsx", xlsx(rows), TODAY)
        assert batch.error_rows == 0 and batch.rows[0].data["date"] == "2026-03"
        assert batch.ignored == ["Allvarlighet"]
        imports.apply(session, user, batch, TODAY)
        incident = session.scalars(select(Incident)).one()
        assert (incident.month, incident.date_precision.value) == (3, "month")


def test_activities_in_the_plans_own_words(db: Database) -> None:
    """Tidplan and Uppföljning as the plans word them; the words are kept. A season ("Hösten
    2026") names no day: the row is refused with a Swedish message in its Tidplan column."""
    csv = "\n".join(
        [
            "Planår;Avsnitt;Aktivitet;Ansvarig;Tidplan;Uppföljning",
            "2026;Kompetenshöjande;Utbilda chefer;Samordnare;Senast 31 dec 2026;VB 2026",
            "2026;Förebyggande;Fältarbete;Fältassistenter;Löpande under året;"
            "I ordinarie verksamhetsuppföljning",
            "2026;Förebyggande;Skolstöd;Enhetschef;T.o.m. 2026-06-30;Tertialrapport 1",
            "2026;Förebyggande;Information på APT;Samordnare;december 2026;"
            "Vid uppdatering av handlingsplanen",
            "2026;Förebyggande;Trygghetsvandring;Samordnare;Hösten 2026;T2",
            "2026;Förebyggande;Bidragskontroll;Samordnare;T1;Bedöms vid bidragsgivningen",
        ]
    ).encode()
    with db.session() as session:
        user = _user(session, "ska")
        batch = imports.preview(session, user, "activities", "plan.csv", csv, TODAY)
        assert [r.errors for r in batch.rows[:4]] == [[], [], [], []]
        (column, message), *rest = batch.rows[4].errors
        assert not rest and batch.rows[4].number == 6
        assert column == "Tidplan" and "”Hösten 2026” går inte att tolka" in message
        assert [c for c, _ in batch.rows[5].errors] == ["Uppföljning"]
        batch.rows[4:] = []
        assert imports.apply(session, user, batch, TODAY) == (4, 0)
        stored = session.scalars(select(Activity).order_by(Activity.position)).all()
        assert [
            (a.schedule.value, a.deadline, a.schedule_text, a.follow_up.value, a.follow_up_text)
            for a in stored
        ] == [
            ("deadline", date(2026, 12, 31), "Senast 31 dec 2026", "vb", "VB 2026"),
            (
                "continuous",
                None,
                "Löpande under året",
                "ordinary",
                "I ordinarie verksamhetsuppföljning",
            ),
            ("deadline", date(2026, 6, 30), "T.o.m. 2026-06-30", "t1", "Tertialrapport 1"),
            (
                "deadline",
                date(2026, 12, 31),
                "december 2026",
                "plan_update",
                "Vid uppdatering av handlingsplanen",
            ),
        ]


def test_the_header_may_stand_below_title_rows_and_rows_keep_their_numbers(db: Database) -> None:
    rows: list[list[object]] = [
        ["Klotterlista från Trafikkontoret"],
        ["Uttag 2026-03-10"],
        [],
        ["Datum", "Källa", "Kategori", "Miljö"],
        [date(2026, 3, 4), "Trafikkontoret", "Klotter", "Vit makt-miljön"],
        [],
        [date(2026, 3, 5), "Trafikkontoret", "Klotter", "Okänd"],
    ]
    with db.session() as session:
        user = _user(session, "ska")
        batch = imports.preview(session, user, "incidents", "lista.xlsx", xlsx(rows), TODAY)
        assert [(r.number, r.state) for r in batch.rows] == [(5, "new"), (7, "error")]
        buried = [["Rubrik"]] * 11 + rows[3:]
        with pytest.raises(ServiceError, match="en av de 10 första raderna"):
            imports.preview(session, user, "incidents", "lista.xlsx", xlsx(buried), TODAY)


def test_a_withdrawn_incident_does_not_come_back_when_its_file_is_imported_again(
    db: Database,
) -> None:
    content = xlsx(
        [
            ["Datum", "Källa", "Kategori", "Miljö", "Antal"],
            [date(2026, 2, 1), "Trafikkontoret", "Klotter", "Vit makt-miljön", 3],
            [date(2026, 2, 2), "SISAB", "Klotter", "Oklar", 1],
        ]
    )
    with db.session() as session:
        user = _user(session, "ska")
        first = imports.preview(session, user, "incidents", "lista.xlsx", content, TODAY)
        imports.apply(session, user, first, TODAY)
        logged_twice = session.scalars(select(Incident).where(Incident.count == 3)).one()
        incidents.withdraw_incident(
            session,
            user,
            logged_twice.id,
            {"version": logged_twice.version, "reason": "Registrerad två gånger."},
        )
        again = imports.preview(session, user, "incidents", "lista.xlsx", content, TODAY)
        assert again.duplicate_rows == 2 and again.new_rows == 0
        imports.apply(session, user, again, TODAY)
        assert session.scalar(select(func.sum(Incident.count))) == 1
