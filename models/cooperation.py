"""Police–city cooperation meetings (samverkan); notes are de-identified."""

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base
from models.council import Council, PoliceArea


class CooperationMeeting(Base):
    __tablename__ = "cooperation_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    police_area_id: Mapped[int | None] = mapped_column(ForeignKey("police_areas.id"))
    held_on: Mapped[date] = mapped_column(Date)
    forum: Mapped[str] = mapped_column(String(200))
    vbe_on_agenda: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    follow_ups: Mapped[str] = mapped_column(Text, default="")
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    council: Mapped[Council] = relationship()
    police_area: Mapped[PoliceArea | None] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
