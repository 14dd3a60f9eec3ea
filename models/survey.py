"""Staff survey rounds and their indicator results (percent)."""

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, code_enum
from models.council import Council
from models.enums import SurveyIndicator


class SurveyRound(Base):
    __tablename__ = "survey_rounds"
    __table_args__ = (
        UniqueConstraint("council_id", "year", "audience"),
        CheckConstraint("sent > 0", name="sent_positive"),
        CheckConstraint("answered >= 0 AND answered <= sent", name="answered_within_sent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    audience: Mapped[str] = mapped_column(String(120))
    sent: Mapped[int] = mapped_column(Integer)
    answered: Mapped[int] = mapped_column(Integer)
    conducted_on: Mapped[date | None] = mapped_column(Date)
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    council: Mapped[Council] = relationship()
    results: Mapped[list["SurveyResult"]] = relationship(
        back_populates="round", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def response_rate(self) -> float:
        return 100.0 * self.answered / self.sent


class SurveyResult(Base):
    __tablename__ = "survey_results"
    __table_args__ = (
        UniqueConstraint("round_id", "indicator"),
        CheckConstraint("percent >= 0 AND percent <= 100", name="percent_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"))
    indicator: Mapped[SurveyIndicator] = mapped_column(
        code_enum(SurveyIndicator, "survey_indicator")
    )
    percent: Mapped[float] = mapped_column(Numeric(5, 1, asdecimal=False))

    round: Mapped[SurveyRound] = relationship(back_populates="results")
