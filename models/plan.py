"""Action plans, their activities and each activity's update history."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    case,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import TIMESTAMP, Base, code_enum, utcnow
from models.council import Council
from models.enums import ActivityStatus, FollowUp, PlanStatus, Schedule, Section


class ActionPlan(Base):
    __tablename__ = "action_plans"
    __table_args__ = (
        UniqueConstraint("council_id", "year"),
        CheckConstraint("year BETWEEN 2015 AND 2100", name="year_range"),
        CheckConstraint(
            "status <> 'ks_approved' OR ks_approved_on IS NOT NULL", name="ks_approval_dated"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    dnr: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[PlanStatus] = mapped_column(
        code_enum(PlanStatus, "plan_status"), default=PlanStatus.DRAFT
    )
    council_approved_on: Mapped[date | None] = mapped_column(Date)
    ks_approved_on: Mapped[date | None] = mapped_column(Date)
    lagesbild: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[str] = mapped_column(Text, default="")
    analysis: Mapped[str] = mapped_column(Text, default="")
    lagesbild_revised_on: Mapped[date | None] = mapped_column(Date)
    next_revision: Mapped[date | None] = mapped_column(Date)
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    council: Mapped[Council] = relationship()
    activities: Mapped[list["Activity"]] = relationship(
        back_populates="plan", order_by="Activity.position", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Activity(Base):
    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint(
            "(schedule = 'deadline' AND deadline IS NOT NULL)"
            " OR (schedule = 'continuous' AND deadline IS NULL)",
            name="schedule_has_deadline",
        ),
        CheckConstraint("completed_on IS NULL OR status = 'done'", name="completed_only_when_done"),
        # Only the copies: rules.carried_over() looks them up for every activity counted.
        Index(
            "ix_activities_carried_from_id",
            "carried_from_id",
            sqlite_where=text("carried_from_id IS NOT NULL"),
            postgresql_where=text("carried_from_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("action_plans.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    section: Mapped[Section] = mapped_column(code_enum(Section, "activity_section"))
    description: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(String(200))
    schedule: Mapped[Schedule] = mapped_column(code_enum(Schedule, "activity_schedule"))
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    schedule_text: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[FollowUp] = mapped_column(code_enum(FollowUp, "follow_up_channel"))
    follow_up_text: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[ActivityStatus] = mapped_column(
        code_enum(ActivityStatus, "activity_status"), default=ActivityStatus.NOT_STARTED
    )
    outcome: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    completed_on: Mapped[date | None] = mapped_column(Date)
    last_update_at: Mapped[datetime | None] = mapped_column(TIMESTAMP)
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL")
    )
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    plan: Mapped[ActionPlan] = relationship(back_populates="activities")
    updates: Mapped[list["ActivityUpdate"]] = relationship(
        back_populates="activity", order_by="ActivityUpdate.at", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ActivityUpdate(Base):
    """One follow-up entry: who changed what, and when."""

    __tablename__ = "activity_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)
    old_status: Mapped[ActivityStatus | None] = mapped_column(
        code_enum(ActivityStatus, "update_old_status")
    )
    new_status: Mapped[ActivityStatus] = mapped_column(
        code_enum(ActivityStatus, "update_new_status")
    )
    outcome: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    completed_on: Mapped[date | None] = mapped_column(Date)
    # The council the user acted for, when not the activity's own (a successor's coordinator).
    acting_council_id: Mapped[int | None] = mapped_column(ForeignKey("councils.id"))
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)

    activity: Mapped[Activity] = relationship(back_populates="updates")
    acting_council: Mapped[Council | None] = relationship()


def section_order() -> Any:
    """The plan's own order of the four sections, for ORDER BY (codes sort differently)."""
    ranks = {section.value: rank for rank, section in enumerate(Section)}
    return case(ranks, value=Activity.section)
