"""The import reads every enum column as a code or a Swedish label, in any case, and names a
council by its code or its whole name, never by a pattern."""

from datetime import date

import pytest
from sqlalchemy import select

from dashboard.db import Database
from dashboard.services import imports
from models import ActionPlan, User
from models.enums import (
    FollowUp,
    ImportKind,
    IncidentCategory,
    IncidentSource,
    Milieu,
    Role,
    Schedule,
    Section,
    label,
)
from tests.rows import council

TODAY = date(2026, 11, 24)


@pytest.fixture
def db(empty_db: Database) -> Database:
    with empty_db.session() as session:
        ost = council("OST", "Östermalm")
        session.add_all([ost, ActionPlan(council=ost, year=2026)])
        admin = User(username="admin", role=Role.ADMIN)
        admin.set_password("x")
        session.add(admin)
    return empty_db


def _preview(db: Database, kind: str, lines: list[str]) -> imports.ImportBatch:
    with db.session() as session:
        user = session.scalars(select(User).where(User.username == "admin")).one()
        content = "\n".join(lines).encode()
        return imports.preview(session, user, kind, "fil.csv", content, TODAY)


def test_incident_codes_and_labels(db: Database) -> None:
    batch = _preview(
        db,
        "incidents",
        [
            "Nämnd;Datum;Källa;Kategori;Miljö",
            "OST;2026-03-01;Polisen;Annat;vit makt-miljön",
            "ost;2026-03-02;POLICE;other;WHITE_POWER",
            "Östermalm;2026-03-03;Annan källa;Klotter;Autonoma miljön",
            "ÖSTERMALM;2026-03-04; annan KÄLLA ;klistermärken/affischer;islamistiska miljön",
        ],
    )
    assert [row.errors for row in batch.rows] == [[], [], [], []]
    values = [
        (r.data["council"], r.data["source"], r.data["category"], r.data["milieu"])
        for r in batch.rows
    ]
    assert values == [
        ("OST", "police", "other", "white_power"),
        ("OST", "police", "other", "white_power"),
        ("OST", "other", "graffiti", "autonomous"),
        ("OST", "other", "stickers", "islamist"),
    ]
    assert batch.kind is ImportKind.INCIDENTS


def test_every_code_and_label_of_every_incident_enum_is_read(db: Database) -> None:
    columns = (("Källa", IncidentSource), ("Kategori", IncidentCategory), ("Miljö", Milieu))
    for title, enum in columns:
        others = {"Källa": "ia", "Kategori": "graffiti", "Miljö": "unclear"}
        lines = ["Nämnd;Datum;Källa;Kategori;Miljö"]
        for member in enum:
            for text in (member.value, label(member), label(member).upper()):
                row = others | {title: text}
                lines.append(f"OST;2026-03-01;{row['Källa']};{row['Kategori']};{row['Miljö']}")
        batch = _preview(db, "incidents", lines)
        assert batch.error_rows == 0, [r.errors for r in batch.rows if r.errors]
        field = {"Källa": "source", "Kategori": "category", "Miljö": "milieu"}[title]
        assert [r.data[field] for r in batch.rows] == [m.value for m in enum for _ in range(3)]


@pytest.mark.parametrize("council", ["%", "Öster%", "_ST", "Öster", "O%"])
def test_a_pattern_is_no_council(db: Database, council: str) -> None:
    batch = _preview(
        db,
        "incidents",
        ["Nämnd;Datum;Källa;Kategori;Miljö", f"{council};2026-03-01;ia;klotter;oklar"],
    )
    assert batch.rows[0].data["council"] == council
    assert batch.rows[0].errors and batch.rows[0].errors[0][0] == "Nämnd"


@pytest.mark.parametrize("council", ["%", "Öster%", "_ST", "Öster", "O%"])
def test_a_pattern_names_no_council_for_an_activity_either(db: Database, council: str) -> None:
    batch = _preview(
        db,
        "activities",
        [
            "Nämnd;Planår;Avsnitt;Aktivitet;Ansvarig;Tidplan;Uppföljning",
            f"{council};2026;Förebyggande;Utbildning;Samordnare;2026-10-31;T2",
        ],
    )
    assert batch.error_rows == 1 and batch.rows[0].data["council"] == council


def test_activity_codes_and_labels(db: Database) -> None:
    batch = _preview(
        db,
        "Aktiviteter",  # the kind itself may be given by its label
        [
            "Nämnd;Planår;Avsnitt;Aktivitet;Ansvarig;Tidplan;Uppföljning",
            "östermalm;2026;Förebyggande;Utbildning;Samordnare;2026-10-31;T2",
            "OST;2026;competence;Kurs;Samordnare;LÖPANDE;ordinarie verksamhetsuppföljning",
            "OST;2026;Föreningsbidrag och lokaler;Kontroll;Enhetschef;continuous;plan_update",
        ],
    )
    assert batch.error_rows == 0, [r.errors for r in batch.rows]
    assert [(r.data["section"], r.data["schedule"], r.data["follow_up"]) for r in batch.rows] == [
        (Section.PREVENTIVE, Schedule.DEADLINE, FollowUp.T2),
        (Section.COMPETENCE, Schedule.CONTINUOUS, FollowUp.ORDINARY),
        (Section.GRANTS_PREMISES, Schedule.CONTINUOUS, FollowUp.PLAN_UPDATE),
    ]
    assert batch.kind is ImportKind.ACTIVITIES
