"""Aggregates for the city overview (Översikt)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from models import ActionPlan, Activity, AppMeta, Council, Incident
from models.enums import ActivityStatus, CouncilKind, Milieu, PlanStatus, Schedule


def demo_data_loaded(session: Session) -> bool:
    return session.get(AppMeta, "demo_data") is not None


def incident_years(session: Session) -> list[int]:
    return list(session.scalars(select(Incident.year).distinct().order_by(Incident.year)))


def incidents_by_year_and_milieu(
    session: Session, first_year: int, last_year: int
) -> list[tuple[int, Milieu, int]]:
    """Incident counts (summing `count`, one row can stand for several cases) per year × milieu."""
    stmt = (
        select(Incident.year, Incident.milieu, func.sum(Incident.count))
        .where(Incident.year.between(first_year, last_year))
        .group_by(Incident.year, Incident.milieu)
        .order_by(Incident.year, Incident.milieu)
    )
    return [(int(y), m, int(n)) for y, m, n in session.execute(stmt)]


def incident_total(session: Session, year: int, up_to_month: int = 12) -> int:
    stmt = select(func.coalesce(func.sum(Incident.count), 0)).where(
        Incident.year == year, Incident.month <= up_to_month
    )
    return int(session.scalar(stmt) or 0)


def _activities_of_year(year: int) -> Select[tuple[ActivityStatus, int]]:
    return (
        select(Activity.status, func.count(Activity.id))
        .join(ActionPlan, Activity.plan_id == ActionPlan.id)
        .where(ActionPlan.year == year)
        .group_by(Activity.status)
    )


def activity_status_counts(session: Session, year: int) -> dict[ActivityStatus, int]:
    counts = dict.fromkeys(ActivityStatus, 0)
    for status, n in session.execute(_activities_of_year(year)):
        counts[status] = int(n)
    return counts


def overdue_activity_count(session: Session, year: int, today: date) -> int:
    """Deadline passed, neither done nor cancelled (domain rule)."""
    stmt = (
        select(func.count(Activity.id))
        .join(ActionPlan, Activity.plan_id == ActionPlan.id)
        .where(
            ActionPlan.year == year,
            Activity.schedule == Schedule.DEADLINE,
            Activity.deadline < today,
            Activity.status.not_in([ActivityStatus.DONE, ActivityStatus.CANCELLED]),
        )
    )
    return int(session.scalar(stmt) or 0)


@dataclass(frozen=True)
class PlanApproval:
    ks_approved: int
    councils: int


def plan_approval(session: Session, year: int) -> PlanApproval:
    """Plans approved by KS out of the councils that existed on 1 January: a council merged
    mid-year still writes that year's plan, and its successor starts with the next one."""
    councils = sum(council_count_by_kind(session, date(year, 1, 1)).values())
    approved = session.scalar(
        select(func.count(ActionPlan.id)).where(
            ActionPlan.year == year, ActionPlan.status == PlanStatus.KS_APPROVED
        )
    )
    return PlanApproval(ks_approved=int(approved or 0), councils=int(councils))


def council_count_by_kind(session: Session, on: date) -> dict[CouncilKind, int]:
    stmt = (
        select(Council.kind, func.count(Council.id))
        .where(Council.valid_from <= on, or_(Council.valid_to.is_(None), Council.valid_to >= on))
        .group_by(Council.kind)
    )
    return {kind: int(n) for kind, n in session.execute(stmt)}
