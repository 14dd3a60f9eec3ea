"""De-identified incidents. `year`, `month` and `tertial` are stored so grouping needs no
date functions and can use the covering index."""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import TIMESTAMP, Base, code_enum, utcnow
from models.council import Council
from models.enums import DatePrecision, IncidentCategory, IncidentSource, Milieu


def tertial_of(month: int) -> int:
    """Tertial 1 is Jan–Apr, 2 May–Aug, 3 Sep–Dec."""
    return (month - 1) // 4 + 1


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (
        CheckConstraint("count >= 1", name="count_positive"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month_range"),
        CheckConstraint("tertial BETWEEN 1 AND 3", name="tertial_range"),
        CheckConstraint("severity IS NULL OR severity BETWEEN 1 AND 4", name="severity_range"),
        Index("ix_incidents_overview", "year", "month", "milieu", "source", "council_id", "count"),
        # The register (Händelser): a page newest first, for every council or one (0006).
        Index("ix_incidents_register", "occurred_on", "id"),
        Index("ix_incidents_register_council", "council_id", "occurred_on", "id"),
        # A withdrawn incident keeps its id for a restore: SQLite must never hand it out again.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"))
    occurred_on: Mapped[date] = mapped_column(Date)
    date_precision: Mapped[DatePrecision] = mapped_column(
        code_enum(DatePrecision, "date_precision"), default=DatePrecision.DAY
    )
    year: Mapped[int] = mapped_column(SmallInteger)
    month: Mapped[int] = mapped_column(SmallInteger)
    tertial: Mapped[int] = mapped_column(SmallInteger)
    sub_area: Mapped[str | None] = mapped_column(String(120))
    source: Mapped[IncidentSource] = mapped_column(code_enum(IncidentSource, "incident_source"))
    category: Mapped[IncidentCategory] = mapped_column(
        code_enum(IncidentCategory, "incident_category")
    )
    milieu: Mapped[Milieu] = mapped_column(code_enum(Milieu, "milieu"))
    severity: Mapped[int | None] = mapped_column(SmallInteger)
    count: Mapped[int] = mapped_column(Integer, default=1)
    description: Mapped[str] = mapped_column(Text, default="")
    import_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    council: Mapped[Council] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def set_date(self, day: date, precision: DatePrecision = DatePrecision.DAY) -> None:
        """Keep the derived period columns in step with the date."""
        if precision is DatePrecision.MONTH:
            day = day.replace(day=1)
        self.occurred_on = day
        self.date_precision = precision
        self.year, self.month, self.tertial = day.year, day.month, tertial_of(day.month)


class IncidentWithdrawal(Base):
    """An incident withdrawn with a reason (e.g. logged twice). The row leaves `incidents`, so
    no figure counts it, and its last values are kept here as JSON (`snapshot`, the API's form)
    beside who withdrew it, when and why: never a silent delete, and it can be restored under
    its own id."""

    __tablename__ = "incident_withdrawals"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(Integer, unique=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    snapshot: Mapped[str] = mapped_column(Text)
    # An imported incident's key stays reserved: importing the same file again must not bring
    # back what was withdrawn.
    import_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)

    council: Mapped[Council] = relationship()
