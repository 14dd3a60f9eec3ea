"""What a coordinator must attend to: due this period, overdue, stale continuous activities.

The rules (period, overdue, stale, carried over) are models.rules'; this only lists them."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload

from models import ActionPlan, Activity, rules
from models.rules import Period


@dataclass(frozen=True)
class TodoList:
    period: Period
    due: list[Activity]
    overdue: list[Activity]
    stale: list[Activity]
    years: tuple[int, int] | None  # the first and last plan year the lists cover

    @property
    def years_text(self) -> str:
        return rules.years_text(self.years)


def _council_activities(council_id: int) -> Select[Activity]:
    return (
        select(Activity)
        .join(ActionPlan, Activity.plan_id == ActionPlan.id)
        .where(ActionPlan.council_id == council_id)
        .options(joinedload(Activity.plan))
        .order_by(Activity.deadline, Activity.position)
    )


def plan_years(session: Session, council_id: int) -> tuple[int, int] | None:
    first, last = session.execute(
        select(func.min(ActionPlan.year), func.max(ActionPlan.year)).where(
            ActionPlan.council_id == council_id
        )
    ).one()
    return (int(first), int(last)) if first is not None else None


def todo_for_council(session: Session, council_id: int, today: date) -> TodoList:
    period = rules.period_of(today)
    base = _council_activities(council_id)
    due = session.scalars(
        base.where(
            rules.due_between(max(today, period.start), period.end),
            rules.is_open(),
            rules.followed_up(),
        )
    ).all()
    overdue = session.scalars(base.where(rules.overdue(today))).all()
    stale = session.scalars(
        base.where(ActionPlan.year == today.year, rules.stale(period.since))
    ).all()
    return TodoList(period, list(due), list(overdue), list(stale), plan_years(session, council_id))
