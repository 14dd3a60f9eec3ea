"""The incident register (Händelser): incidents filtered by council, police area, period, source,
category, milieu and sub-area, one page at a time, and the withdrawn incidents beside them.

Only one page of rows is read; the count is one `count(*)` with the same conditions. A police
area's incidents are those of its councils while they were in it (models.queries.police_areas,
`in_area`, the one place for that rule).
"""

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from models import Council, Incident, IncidentWithdrawal, User
from models.base import in_stockholm
from models.enums import DatePrecision, IncidentCategory, IncidentSource, Milieu, label
from models.queries.police_areas import EARLIEST, LATEST, Membership, in_area

PAGE_SIZE = 100
# Escape character for LIKE: the user's `%` and `_` (and this character) are matched literally.
LIKE_ESCAPE = "/"
# SQLite's LIKE and lower() fold A–Z only; these are the other capitals a sub-area name has.
FOLDED = (("Å", "å"), ("Ä", "ä"), ("Ö", "ö"), ("É", "é"), ("Ü", "ü"))


@dataclass(frozen=True)
class IncidentFilter:
    """What the register shows. `area` holds the chosen police area's memberships (None for no
    area filter); `first`/`last` bound the date, both days included."""

    council_id: int | None = None
    area: tuple[Membership, ...] | None = None
    first: date | None = None
    last: date | None = None
    source: IncidentSource | None = None
    category: IncidentCategory | None = None
    milieu: Milieu | None = None
    sub_area: str | None = None


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


def fold(text: str) -> str:
    """Lower case, as `Folded` compares in SQL (both databases alike)."""
    return text.lower()


class Folded(FunctionElement[str]):
    """A text column in lower case for a case-insensitive LIKE. PostgreSQL: lower(). SQLite's
    LIKE already ignores the case of A–Z, and its lower() folds nothing else, so there only the
    capitals a Stockholm sub-area name has beyond A–Z are folded (three times faster over a
    million rows than lower() and the same replacements)."""

    type = String()
    name = "folded"
    inherit_cache = True


@compiles(Folded)
def _folded_default(element: Folded, compiler: SQLCompiler, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(Folded, "sqlite")
def _folded_sqlite(element: Folded, compiler: SQLCompiler, **kw: Any) -> str:
    sql = compiler.process(element.clauses, **kw)
    for upper, lower in FOLDED:
        sql = f"replace({sql}, '{upper}', '{lower}')"
    return sql


def like_pattern(text: str) -> str:
    """`%text%` with the text's own `%`, `_` and escape character taken literally."""
    escaped = (
        text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )
    return f"%{escaped}%"


def _period(
    first: date | None,
    last: date | None,
    date_column: InstrumentedAttribute[date],
) -> list[ColumnElement[bool]]:
    where = []
    if first is not None:
        where.append(date_column >= first)
    if last is not None:
        where.append(date_column <= last)
    return where


def conditions(f: IncidentFilter) -> list[ColumnElement[bool]]:
    """The filter as SQL conditions on `incidents`. The dates alone bound the period: with the
    register's index on the date the count needs no table row (repeating them as year bounds
    made SQLite read every row of the year, 45 times slower)."""
    where = _period(f.first, f.last, Incident.occurred_on)
    if f.council_id is not None:
        where.append(Incident.council_id == f.council_id)
    if f.area is not None:
        where.append(
            in_area(
                list(f.area),
                Incident.council_id,
                Incident.occurred_on,
                f.first or EARLIEST,
                f.last or LATEST,
            )
        )
    if f.source is not None:
        where.append(Incident.source == f.source)
    if f.category is not None:
        where.append(Incident.category == f.category)
    if f.milieu is not None:
        where.append(Incident.milieu == f.milieu)
    if f.sub_area:
        where.append(
            Folded(Incident.sub_area).like(like_pattern(fold(f.sub_area)), escape=LIKE_ESCAPE)
        )
    return where


def _last_page_offset(offset: int, total: int, limit: int) -> int:
    return max(0, min(offset, (max(total, 1) - 1) // limit * limit))


def shown_date(day: date, precision: DatePrecision | str) -> str:
    """`YYYY-MM` when only the month is known."""
    month_only = precision in (DatePrecision.MONTH, DatePrecision.MONTH.value)
    return day.isoformat()[:7] if month_only else day.isoformat()


def incident_page(
    session: Session, f: IncidentFilter, offset: int = 0, limit: int = PAGE_SIZE
) -> IncidentPage:
    """Newest first. Only one page of rows is read."""
    where = conditions(f)
    total = session.scalar(select(func.count()).select_from(Incident).where(*where)) or 0
    offset = _last_page_offset(offset, total, limit)
    stmt = (
        select(Incident, Council.name)
        .join(Council, Incident.council_id == Council.id)
        .where(*where)
        .order_by(Incident.occurred_on.desc(), Incident.id.desc())
        .offset(offset)
        .limit(limit)
    )
    rows = [
        {
            "id": i.id,
            "date": shown_date(i.occurred_on, i.date_precision),
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


def _snapshot_matches(f: IncidentFilter, snapshot: dict[str, Any]) -> bool:
    """The filters a withdrawal keeps only in its snapshot."""
    for name, wanted in (("source", f.source), ("category", f.category), ("milieu", f.milieu)):
        if wanted is not None and snapshot.get(name) != wanted.value:
            return False
    if f.sub_area:
        return fold(f.sub_area) in fold(str(snapshot.get("sub_area") or ""))
    return True


def _label_of(enum: type[IncidentSource | IncidentCategory | Milieu], code: object) -> str:
    try:
        return label(enum(str(code)))
    except ValueError:
        return str(code)


def withdrawn_page(
    session: Session, f: IncidentFilter, offset: int = 0, limit: int = PAGE_SIZE
) -> IncidentPage:
    """The withdrawn incidents the filter matches, the latest withdrawal first, with the reason,
    who and when. Council, police area and period are SQL conditions; source, category, milieu
    and sub-area live in the snapshot and are matched here (withdrawals are few)."""
    w = IncidentWithdrawal
    where = _period(f.first, f.last, w.occurred_on)
    if f.council_id is not None:
        where.append(w.council_id == f.council_id)
    if f.area is not None:
        where.append(
            in_area(
                list(f.area), w.council_id, w.occurred_on, f.first or EARLIEST, f.last or LATEST
            )
        )
    stmt = (
        select(w, Council.name, User.username)
        .join(Council, w.council_id == Council.id)
        .outerjoin(User, w.withdrawn_by_id == User.id)
        .where(*where)
        .order_by(w.withdrawn_at.desc(), w.id.desc())
    )
    matching = []
    for withdrawal, council_name, username in session.execute(stmt):
        snapshot = json.loads(withdrawal.snapshot)
        if _snapshot_matches(f, snapshot):
            matching.append((withdrawal, council_name, username, snapshot))
    offset = _last_page_offset(offset, len(matching), limit)
    rows = [
        {
            "id": withdrawal.incident_id,
            "council_id": withdrawal.council_id,
            "date": shown_date(withdrawal.occurred_on, str(snapshot.get("date_precision"))),
            "council": council_name,
            "sub_area": snapshot.get("sub_area") or "",
            "source": _label_of(IncidentSource, snapshot.get("source")),
            "category": _label_of(IncidentCategory, snapshot.get("category")),
            "milieu": _label_of(Milieu, snapshot.get("milieu")),
            "count": snapshot.get("count"),
            "description": snapshot.get("description") or "",
            "reason": withdrawal.reason,
            "withdrawn_by": username or "okänd användare",
            "withdrawn_at": in_stockholm(withdrawal.withdrawn_at).strftime("%Y-%m-%d %H:%M"),
        }
        for withdrawal, council_name, username, snapshot in matching[offset : offset + limit]
    ]
    return IncidentPage(rows, len(matching), offset)
