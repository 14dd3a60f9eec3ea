"""The incidents of a year, one page at a time, for the Händelser grid."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Council, Incident
from models.enums import DatePrecision, label

PAGE_SIZE = 100


@dataclass(frozen=True)
class IncidentPage:
    rows: list[dict[str, Any]]
    total: int
    offset: int

    @property
    def first(self) -> int:
        """The first row's number, counted from 1 (0 when there is none)."""
        return self.offset + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.offset + len(self.rows)


def incident_page(
    session: Session, year: int, council_id: int | None, offset: int = 0, limit: int = PAGE_SIZE
) -> IncidentPage:
    """Newest first; `council_id` None for every council. Only one page of rows is read."""
    where = [Incident.year == year]
    if council_id is not None:
        where.append(Incident.council_id == council_id)
    total = session.scalar(select(func.count()).select_from(Incident).where(*where)) or 0
    offset = max(0, min(offset, (max(total, 1) - 1) // limit * limit))
    stmt = (
        select(Incident, Council.name)
        .join(Council, Incident.council_id == Council.id)
        .where(*where)
        # The month first (same order, since it is the date's month): the year's rows then come
        # off ix_incidents_overview month by month, and only the first months are sorted.
        .order_by(Incident.month.desc(), Incident.occurred_on.desc(), Incident.id.desc())
        .offset(offset)
        .limit(limit)
    )
    rows = [
        {
            "id": i.id,
            "date": i.occurred_on.isoformat()[:7]
            if i.date_precision is DatePrecision.MONTH
            else i.occurred_on.isoformat(),
            "council": name,
            "sub_area": i.sub_area or "",
            "source": label(i.source),
            "category": label(i.category),
            "milieu": label(i.milieu),
            "count": i.count,
            "description": i.description,
        }
        for i, name in session.execute(stmt)
    ]
    return IncidentPage(rows, total, offset)
