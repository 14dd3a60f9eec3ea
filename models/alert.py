"""Reviews of trend alerts. Alerts themselves are computed from the incidents whenever asked
(models.trend_alerts); a review records that someone looked at one, and what they concluded."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, SmallInteger, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import TIMESTAMP, Base, code_enum, utcnow
from models.enums import AlertScope, Milieu
from models.user import User


class TrendAlertReview(Base):
    __tablename__ = "trend_alert_reviews"
    __table_args__ = (UniqueConstraint("scope", "scope_id", "milieu", "year", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[AlertScope] = mapped_column(code_enum(AlertScope, "alert_scope"))
    scope_id: Mapped[int] = mapped_column(Integer)  # a council's or a police area's id
    milieu: Mapped[Milieu] = mapped_column(code_enum(Milieu, "milieu"))
    year: Mapped[int] = mapped_column(SmallInteger)
    month: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    reviewed_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
