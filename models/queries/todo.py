"""What a coordinator must attend to: due this period, overdue, stale continuous activities."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session, aliased, joinedload

from models import ActionPlan, Activity
from models.base import stockholm_midnight
from models.enums import OPEN_STATUSES, Schedule


@dataclass(frozen=True)
class Period:
    """A follow-up period: T1 Jan–Apr, T2 May–Aug, and Sep–Dec which the VB covers."""

    year: int
    number: int
    start: date
    end: date

    @property
    def name(self) -> str:
        return {1: "T1", 2: "T2", 3: "VB-perioden (sep–dec)"}[self.number]


def period_of(day: date) -> Period:
    number = (day.month - 1) // 4 + 1
    start = date(day.year, 4 * (number - 1) + 1, 1)
    end = date(day.year, 4, 30) if number == 1 else date(day.year, 8, 31)
    if number == 3:
        end = date(day.year, 12, 31)
    return Period(day.year, number, start, end)


@dataclass(frozen=True)
class TodoList:
    period: Period
    due: list[Activity]
    overdue: list[Activity]
    stale: list[Activity]


def _council_activities(council_id: int) -> Select[tuple[Activity]]:
    """The council's activities, less those carried over into a later plan: the copy is the one
    to follow up, and the original would otherwise stay overdue for ever."""
    later = aliased(Activity)
    return (
        select(Activity)
        .join(ActionPlan, Activity.plan_id == ActionPlan.id)
        .where(
            ActionPlan.council_id == council_id,
            ~exists().where(later.carried_from_id == Activity.id),
        )
        .options(joinedload(Activity.plan))
        .order_by(Activity.deadline, Activity.position)
    )


def todo_for_council(session: Session, council_id: int, today: date) -> TodoList:
    period = period_of(today)
    base = _council_activities(council_id)
    due = session.scalars(
        base.where(
            Activity.schedule == Schedule.DEADLINE,
            Activity.deadline.between(max(today, period.start), period.end),
            Activity.status.in_(OPEN_STATUSES),
        )
    ).all()
    overdue = session.scalars(
        base.where(
            Activity.schedule == Schedule.DEADLINE,
            Activity.deadline < today,
            Activity.status.in_(OPEN_STATUSES),
        )
    ).all()
    period_start = stockholm_midnight(period.start)
    stale = session.scalars(
        base.where(
            ActionPlan.year == today.year,
            Activity.schedule == Schedule.CONTINUOUS,
            Activity.status.in_(OPEN_STATUSES),
            or_(Activity.last_update_at.is_(None), Activity.last_update_at < period_start),
        )
    ).all()
    return TodoList(period, list(due), list(overdue), list(stale))
