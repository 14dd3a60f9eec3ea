"""Field-level history of edits to records whose *definition* changes: a plan's texts and
dates, an activity's description or schedule, an incident's classification.

Status follow-ups of activities have their own table (`activity_updates`); this one keeps the old
and the new value of every other edited field, so a reader can see what a text said before.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import TIMESTAMP, Base, CodeString, utcnow
from models.council import Council
from models.enums import AuditEntity
from models.user import User


class Revision(Base):
    __tablename__ = "revisions"
    __table_args__ = (Index("ix_revisions_entity", "entity", "entity_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The council the user acted for (their own), when it differs from the record's council:
    # a successor's coordinator following up a predecessor's plan.
    acting_council_id: Mapped[int | None] = mapped_column(ForeignKey("councils.id"))
    entity: Mapped[AuditEntity | str] = mapped_column(CodeString(AuditEntity, 40))
    entity_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User | None] = relationship()
    acting_council: Mapped[Council | None] = relationship()


class DataNote(Base):
    """Where the demo data knowingly differs from, or simplifies, what a plan says: shown beside
    the figure it concerns (council page, that year)."""

    __tablename__ = "data_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    council: Mapped[Council] = relationship()
