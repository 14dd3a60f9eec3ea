"""Police–city cooperation meetings (samverkan) and their follow-ups. Participants are roles,
never names; notes and decisions are de-identified (the services run the personal-data guard)."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import TIMESTAMP, Base, utcnow
from models.council import Council, PoliceArea
from models.user import User


class CooperationMeeting(Base):
    __tablename__ = "cooperation_meetings"
    __table_args__ = (Index("ix_cooperation_meetings_held_on", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    police_area_id: Mapped[int | None] = mapped_column(ForeignKey("police_areas.id"))
    held_on: Mapped[date] = mapped_column(Date)
    forum: Mapped[str] = mapped_column(String(200))
    vbe_on_agenda: Mapped[bool] = mapped_column(Boolean, default=True)
    # One role per line, e.g. "Samordnare VBE", "Kommunpolis".
    participants: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime | None] = mapped_column(TIMESTAMP, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    council: Mapped[Council] = relationship()
    police_area: Mapped[PoliceArea | None] = relationship()
    follow_ups: Mapped[list["MeetingFollowUp"]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        order_by="MeetingFollowUp.id",
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class MeetingFollowUp(Base):
    """Something a meeting agreed to do: what, whose role, by when, and when it was done."""

    __tablename__ = "meeting_follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("cooperation_meetings.id", ondelete="CASCADE"), index=True
    )
    what: Mapped[str] = mapped_column(Text)
    owner_role: Mapped[str] = mapped_column(String(120), default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    done_note: Mapped[str] = mapped_column(Text, default="")
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime | None] = mapped_column(TIMESTAMP, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[CooperationMeeting] = relationship(back_populates="follow_ups")
    created_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
