"""The coordinator's to-do list: due this period, overdue, stale continuous activities."""

from datetime import UTC, date, datetime

from dashboard.db import Database
from models import ActionPlan, Council
from models.enums import ActivityStatus, CouncilKind
from models.queries.todo import todo_for_council
from models.rules import period_of
from tests.rows import activity as _activity

TODAY = date(2026, 6, 10)  # in T2 (as of 31 August, counted from 1 January; news since 1 May)
ONGOING = ActivityStatus.ONGOING


def test_periods_follow_the_reports() -> None:
    assert period_of(date(2026, 4, 30)).name == "T1"
    t2 = period_of(date(2026, 5, 1))
    assert (t2.name, t2.start, t2.end, t2.since) == (
        "T2",
        date(2026, 1, 1),
        date(2026, 8, 31),
        date(2026, 5, 1),
    )
    vb = period_of(date(2026, 12, 31))
    assert (vb.code, vb.start, vb.since) == ("vb", date(2026, 1, 1), date(2026, 9, 1))


def test_todo_lists(empty_db: Database) -> None:
    with empty_db.session() as session:
        council = Council(
            code="SKA", name="Skarpnäck", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        other = Council(
            code="FAR", name="Farsta", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        # Half past midnight on 1 May in Stockholm is still 30 April in UTC: it counts for T2.
        first_of_may = _activity("löpande första maj", ActivityStatus.ONGOING, None)
        first_of_may.last_update_at = datetime(2026, 4, 30, 22, 30, tzinfo=UTC)
        session.add(
            ActionPlan(
                council=council,
                year=2026,
                activities=[
                    _activity("förfallen", ActivityStatus.ONGOING, date(2026, 3, 31)),
                    _activity("försenad", ActivityStatus.DELAYED, date(2026, 6, 1)),
                    _activity("klar i tid", ActivityStatus.DONE, date(2026, 3, 31)),
                    _activity("inställd", ActivityStatus.CANCELLED, date(2026, 4, 30)),
                    _activity("i perioden", ActivityStatus.NOT_STARTED, date(2026, 8, 31)),
                    _activity("nästa period", ActivityStatus.NOT_STARTED, date(2026, 10, 31)),
                    _activity(
                        "löpande gammal", ActivityStatus.ONGOING, None, updated=date(2026, 4, 2)
                    ),
                    _activity("löpande aldrig", ActivityStatus.ONGOING, None),
                    _activity(
                        "löpande färsk", ActivityStatus.ONGOING, None, updated=date(2026, 5, 20)
                    ),
                    first_of_may,
                ],
            )
        )
        session.add(
            ActionPlan(
                council=other,
                year=2026,
                activities=[_activity("annan nämnd", ActivityStatus.ONGOING, date(2026, 1, 31))],
            )
        )
        session.flush()
        todo = todo_for_council(session, council.id, TODAY)
    assert [a.description for a in todo.overdue] == ["förfallen", "försenad"]
    assert [a.description for a in todo.due] == ["i perioden"]
    assert sorted(a.description for a in todo.stale) == ["löpande aldrig", "löpande gammal"]


def test_an_activity_carried_into_next_years_plan_is_followed_up_there(
    empty_db: Database,
) -> None:
    with empty_db.session() as session:
        council = Council(
            code="SKA", name="Skarpnäck", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        old = _activity("utbildning", ActivityStatus.DELAYED, date(2025, 10, 31))
        session.add(ActionPlan(council=council, year=2025, activities=[old]))
        session.flush()
        copy = _activity("utbildning", ActivityStatus.NOT_STARTED, date(2026, 8, 31))
        copy.carried_from_id = old.id
        session.add(ActionPlan(council=council, year=2026, activities=[copy]))
        session.flush()
        todo = todo_for_council(session, council.id, TODAY)
    assert todo.overdue == []  # not the 2025 original, for ever
    assert [a.deadline for a in todo.due] == [date(2026, 8, 31)]
