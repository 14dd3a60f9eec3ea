"""A proposal, measured beside the product's reconstruction: `_states` with the latest entry
before the cutoff (and the first after it) found by a correlated `ORDER BY at DESC LIMIT 1`
lookup per activity instead of ROW_NUMBER windows joined back.

Why: SQLite joins the materialised window subquery by scanning it once per activity (EXPLAIN
QUERY PLAN: `SCAN before LEFT-JOIN`), ~1 s for the national city's 4 060 activities; a
lookup per activity is an index search. PostgreSQL hash-joins the windows and is a little
faster with them. bench/follow_up.py checks that both give the same answers.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, and_, case, func, literal, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import Subquery

from models import ActionPlan, Activity, ActivityUpdate
from models.enums import ActivityStatus, Schedule
from models.queries import follow_up as fq
from models.queries.follow_up import Cutoff, Standing


def correlated_states(period_year: int, plan_councils: list[int] | None, at: Cutoff) -> Subquery:
    """Same columns and rows as `follow_up._states`."""
    before = aliased(ActivityUpdate, name="before")
    after = aliased(ActivityUpdate, name="after")
    latest_before = (
        select(ActivityUpdate.id)
        .where(ActivityUpdate.activity_id == Activity.id, ActivityUpdate.at < at.instant)
        .order_by(ActivityUpdate.at.desc(), ActivityUpdate.id.desc())
        .limit(1)
        .correlate(Activity)
        .scalar_subquery()
    )
    first_after = (
        select(ActivityUpdate.id)
        .where(ActivityUpdate.activity_id == Activity.id, ActivityUpdate.at >= at.instant)
        .order_by(ActivityUpdate.at, ActivityUpdate.id)
        .limit(1)
        .correlate(Activity)
        .scalar_subquery()
    )
    has_before = before.id.is_not(None)
    has_after = after.id.is_not(None)
    status: ColumnElement[ActivityStatus] = case(
        (has_before, before.new_status),
        (has_after, func.coalesce(after.old_status, literal(ActivityStatus.NOT_STARTED.value))),
        else_=Activity.status,
    )
    untouched = and_(~has_before, ~has_after)
    outcome = case((has_before, before.outcome), (untouched, Activity.outcome), else_=None)
    comment = case((has_before, before.comment), (untouched, Activity.comment), else_=None)
    completed_on = case(
        (has_before, before.completed_on), (untouched, Activity.completed_on), else_=None
    )
    last_update = case(
        (has_before, before.at),
        (and_(untouched, Activity.last_update_at < at.instant), Activity.last_update_at),
        else_=None,
    )
    standing = case(
        (
            Activity.schedule == Schedule.CONTINUOUS,
            case(
                (last_update >= at.since, literal(Standing.CONTINUOUS_UPDATED.value)),
                else_=literal(Standing.CONTINUOUS_STALE.value),
            ),
        ),
        (
            status == ActivityStatus.DONE.value,
            case(
                (completed_on > Activity.deadline, literal(Standing.DONE_LATE.value)),
                else_=literal(Standing.DONE.value),
            ),
        ),
        (status == ActivityStatus.CANCELLED.value, literal(Standing.CANCELLED.value)),
        (Activity.deadline < at.as_of, literal(Standing.DELAYED.value)),
        else_=literal(Standing.UPCOMING.value),
    )
    due = and_(Activity.schedule == Schedule.DEADLINE, Activity.deadline <= at.period.end)
    stmt = (
        select(
            Activity.id.label("activity_id"),
            ActionPlan.council_id.label("council_id"),
            Activity.section.label("section"),
            status.label("status"),
            outcome.label("outcome"),
            comment.label("comment"),
            completed_on.label("completed_on"),
            last_update.label("last_update_at"),
            standing.label("standing"),
            case((due, 1), else_=0).label("due"),
        )
        .join(ActionPlan, Activity.plan_id == ActionPlan.id)
        .outerjoin(before, before.id == latest_before)
        .outerjoin(after, after.id == first_after)
        .where(ActionPlan.year == period_year)
    )
    if plan_councils is not None:
        stmt = stmt.where(ActionPlan.council_id.in_(plan_councils))
    return stmt.subquery("states")


@contextmanager
def correlated() -> Iterator[None]:
    """`follow_up`'s functions with the correlated reconstruction, for the time being."""
    original = fq._states
    fq._states = correlated_states
    try:
        yield
    finally:
        fq._states = original
