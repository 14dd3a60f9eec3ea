"""Rows for the coordinator's activity grid."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ActionPlan, Activity, Council
from models.base import in_stockholm
from models.enums import CouncilKind, Schedule, label
from models.plan import section_order


def council_activity_rows(session: Session, council_id: int, year: int) -> list[dict[str, Any]]:
    stmt = (
        select(Activity)
        .join(ActionPlan, Activity.plan_id == ActionPlan.id)
        .where(ActionPlan.council_id == council_id, ActionPlan.year == year)
        .order_by(section_order(), Activity.position)
    )
    return [activity_row(a) for a in session.scalars(stmt)]


def activity_row(a: Activity) -> dict[str, Any]:
    """One activity as the grid shows it."""
    return {
        "id": a.id,
        "section": label(a.section),
        "description": a.description,
        "responsible": a.responsible,
        "deadline": a.deadline.isoformat()
        if a.schedule is Schedule.DEADLINE and a.deadline
        else "Löpande",
        "schedule_text": a.schedule_text,
        "follow_up_text": a.follow_up_text,
        "status": label(a.status),
        "completed": a.completed_on.isoformat() if a.completed_on else "",
        "last_update": in_stockholm(a.last_update_at).date().isoformat()
        if a.last_update_at
        else "",
    }


def plan_years(session: Session, council_id: int) -> list[int]:
    stmt = (
        select(ActionPlan.year)
        .where(ActionPlan.council_id == council_id)
        .order_by(ActionPlan.year.desc())
    )
    return list(session.scalars(stmt))


def council_options(session: Session, kind: CouncilKind | None = None) -> list[dict[str, str]]:
    stmt = select(Council).order_by(Council.kind, Council.name)
    if kind is not None:
        stmt = stmt.where(Council.kind == kind)
    return [
        {
            "label": c.name + ("" if c.valid_to is None else f" (t.o.m. {c.valid_to})"),
            "value": c.code,
        }
        for c in session.scalars(stmt)
    ]
