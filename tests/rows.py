"""Hand-made rows shared by the rule tests (unit and integration)."""

from datetime import date, datetime

from models import Activity
from models.enums import ActivityStatus, FollowUp, Schedule, Section


def activity(
    status: ActivityStatus,
    deadline: date | None,
    completed: date | None = None,
    updated: datetime | None = None,
    text: str = "Utbildning",
) -> Activity:
    """A deadline activity, or löpande without a deadline."""
    return Activity(
        section=Section.PREVENTIVE,
        description=text,
        responsible="Samordnare",
        schedule=Schedule.DEADLINE if deadline else Schedule.CONTINUOUS,
        deadline=deadline,
        follow_up=FollowUp.VB,
        status=status,
        completed_on=completed,
        last_update_at=updated,
    )
