"""models.rules as SQL, on hand-made rows whose answers are worked out by hand (SQLite and
PostgreSQL), and the one council lookup."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import Database
from models import ActionPlan, Activity, Council, CouncilSuccession, rules
from models.enums import ActivityStatus, CouncilKind
from models.queries import overview as q
from models.queries.todo import todo_for_council
from tests.rows import activity as _activity
from tests.rows import council

TODAY = date(2026, 6, 10)  # in T2


def _load(session: Session) -> tuple[Council, Council]:
    ost = council("OST", "Östermalm", date(2007, 1, 1), date(2023, 6, 30))
    nin = Council(
        code="NIN", name="Norra innerstaden", kind=CouncilKind.DISTRICT, valid_from=date(2023, 7, 1)
    )
    ongoing, delayed, done = ActivityStatus.ONGOING, ActivityStatus.DELAYED, ActivityStatus.DONE
    original = _activity("utbildning", delayed, date(2023, 10, 31))
    session.add(
        ActionPlan(
            council=ost,
            year=2023,
            activities=[original, _activity("kvar i 2023", ongoing, date(2023, 5, 31))],
        )
    )
    session.flush()
    copy = _activity("utbildning", ongoing, date(2024, 12, 31))
    copy.carried_from_id = original.id
    session.add(ActionPlan(council=nin, year=2024, activities=[copy]))
    session.add(CouncilSuccession(predecessor=ost, successor=nin, effective_on=date(2023, 7, 1)))
    session.add(
        ActionPlan(
            council=nin,
            year=2026,
            activities=[
                _activity("förfallen", ongoing, date(2026, 3, 31)),
                _activity("i dag", ongoing, TODAY),
                _activity("sen", done, date(2026, 2, 28), date(2026, 3, 2)),
                _activity("i tid", done, date(2026, 4, 30), date(2026, 4, 30)),
                _activity("inställd", ActivityStatus.CANCELLED, date(2026, 1, 31)),
                _activity("löpande aldrig", ongoing, None),
                _activity("löpande april", ongoing, None, None, datetime(2026, 4, 2, tzinfo=UTC)),
                _activity("löpande maj", ongoing, None, None, datetime(2026, 5, 2, tzinfo=UTC)),
            ],
        )
    )
    session.flush()
    return ost, nin


def _texts(session: Session, *conditions: object) -> list[str]:
    return sorted(session.scalars(select(Activity.description).where(*conditions)))


def test_the_rules_as_sql(empty_db: Database) -> None:
    with empty_db.session() as session:
        _load(session)
        # The 2023 original was carried into 2024: followed up in the copy, never overdue.
        assert _texts(session, rules.carried_over()) == ["utbildning"]
        # "utbildning" here is the 2024 copy (deadline 2024-12-31), not the 2023 original.
        assert _texts(session, rules.overdue(TODAY)) == ["förfallen", "kvar i 2023", "utbildning"]
        assert _texts(session, rules.overdue(date(2024, 1, 1))) == ["kvar i 2023"]
        assert _texts(session, rules.done_late()) == ["sen"]
        assert _texts(session, rules.stale(date(2026, 5, 1))) == ["löpande aldrig", "löpande april"]
        assert _texts(session, rules.due_between(date(2026, 1, 1), date(2026, 4, 30))) == [
            "förfallen",
            "i tid",
            "inställd",
            "sen",
        ]
        # What the next plan may carry over: open, not already carried.
        assert "utbildning" in _texts(session, rules.is_open())
        assert _texts(session, rules.may_carry_over()) == [
            "förfallen",
            "i dag",
            "kvar i 2023",
            "löpande aldrig",
            "löpande april",
            "löpande maj",
            "utbildning",  # the 2024 copy
        ]


def test_the_three_paths_skip_the_carried_original(empty_db: Database) -> None:
    with empty_db.session() as session:
        ost, nin = _load(session)
        assert [a.description for a in todo_for_council(session, ost.id, TODAY).overdue] == [
            "kvar i 2023"
        ]
        todo = todo_for_council(session, nin.id, TODAY)
        assert [a.description for a in todo.overdue] == ["utbildning", "förfallen"]
        assert todo.years_text == "planerna 2024–2026"
        f = q.OverviewFilter(2023)
        assert [o.description for o in q.overdue_activities(session, f, TODAY)] == ["kvar i 2023"]
        assert q.activity_figures(session, f, TODAY).overdue == 1
        # Östermalm's spring is counted in Norra innerstaden, the district at the end of 2023.
        figures = {c.code: c.overdue for c in q.council_figures(session, f, TODAY)}
        assert figures == {"NIN": 1}


def test_a_report_counts_as_it_stood_on_its_last_day(empty_db: Database) -> None:
    with empty_db.session() as session:
        _load(session)
        t1 = q.activity_figures(session, q.OverviewFilter(2026, "t1"), TODAY)
        # Due jan–apr: förfallen, sen, i tid, inställd; done 2 (one late); overdue: förfallen.
        assert (t1.due, t1.done, t1.done_late, t1.overdue) == (4, 2, 1, 1)
        # In the running T2 (counted from 1 January) "i dag" is due but not yet overdue.
        t2 = q.activity_figures(session, q.OverviewFilter(2026, "t2"), TODAY)
        assert (t2.due, t2.done, t2.done_late, t2.overdue) == (5, 2, 1, 1)
        t1_in_june = q.overdue_activities(session, q.OverviewFilter(2026, "t1"), TODAY)
        assert [(o.description, o.days_over) for o in t1_in_june] == [("förfallen", 71)]


@pytest.mark.parametrize(
    ("text", "or_name", "found"),
    [
        ("OST", False, "OST"),
        ("ost", False, "OST"),
        (" Ost ", False, "OST"),
        ("Östermalm", False, None),  # a name is not a code
        ("Östermalm", True, "OST"),
        ("ÖSTERMALM", True, "OST"),
        ("norra innerstaden", True, "NIN"),
        ("%", True, None),
        ("Öster%", True, None),
        ("_ST", True, None),
        ("Öster", True, None),
        ("", True, None),
        (None, True, None),
        (42, True, None),
        ("O" * 5000, True, None),
    ],
)
def test_one_council_lookup(empty_db: Database, text: object, or_name: bool, found: str) -> None:
    with empty_db.session() as session:
        _load(session)
        council = rules.find_council(session, text, or_name=or_name)
        assert (council.code if council else None) == found
