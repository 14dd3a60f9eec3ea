"""Local police areas (lokalpolisområden) and the councils they worked with on each date.

A council ↔ police-area link holds over the overlap of its own optional dates, the council's
and the police area's (models.council). This is the one place that applies it: a police area's
figures are the sums over its councils *as they were on each date*, so a police area that was
split, or a council that moved, counts each incident once in the area it belonged to then.
A council may work with two areas at once (Hägersten-Älvsjö with Skärholmen and Globen); its
incidents then count in both, and the pages say so.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from models.council import Council, PoliceArea, council_police_areas
from models.rules import parse_row_id

EARLIEST, LATEST = date.min, date.max


@dataclass(frozen=True)
class Membership:
    """A council's membership of a police area over [first, last] (both days included)."""

    council_id: int
    council_code: str
    council_name: str
    police_area_id: int
    first: date
    last: date

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


def memberships(session: Session, police_area_id: int | None = None) -> list[Membership]:
    """Every effective council ↔ police-area period (of one area, or of all), oldest first;
    links whose dates do not overlap are left out."""
    link = council_police_areas.c
    stmt = (
        select(
            Council.id,
            Council.code,
            Council.name,
            Council.valid_from,
            Council.valid_to,
            PoliceArea.id,
            PoliceArea.valid_from,
            PoliceArea.valid_to,
            link.valid_from,
            link.valid_to,
        )
        .join(council_police_areas, link.council_id == Council.id)
        .join(PoliceArea, PoliceArea.id == link.police_area_id)
    )
    if police_area_id is not None:
        stmt = stmt.where(PoliceArea.id == police_area_id)
    found = []
    for cid, code, name, c_from, c_to, aid, a_from, a_to, l_from, l_to in session.execute(stmt):
        first = max(d for d in (c_from, a_from, l_from, EARLIEST) if d is not None)
        last = min(d for d in (c_to, a_to, l_to, LATEST) if d is not None)
        if first <= last:
            found.append(Membership(cid, code, name, aid, first, last))
    return sorted(found, key=lambda m: (m.first, m.council_name))


def councils_on(session: Session, police_area_id: int, day: date) -> list[Membership]:
    """The councils the police area worked with on `day`."""
    return [m for m in memberships(session, police_area_id) if m.covers(day)]


def area_ids_of_council(members: Iterable[Membership], council_id: int, day: date) -> set[int]:
    """The ids of the police areas a council worked with on `day`, from `memberships()` (for a
    caller asking many times with the memberships read once)."""
    return {m.police_area_id for m in members if m.council_id == council_id and m.covers(day)}


def areas_of_council(session: Session, council_id: int, day: date) -> list[PoliceArea]:
    """The police areas a council worked with on `day`, by name."""
    ids = area_ids_of_council(memberships(session), council_id, day)
    if not ids:
        return []
    return list(
        session.scalars(select(PoliceArea).where(PoliceArea.id.in_(ids)).order_by(PoliceArea.name))
    )


def areas_on(session: Session, day: date) -> list[PoliceArea]:
    """The police areas that existed on `day`, by name (for a page's choice)."""
    areas = session.scalars(select(PoliceArea).order_by(PoliceArea.name))
    return [a for a in areas if a.is_valid_on(day)]


def find_area(session: Session, value: object) -> PoliceArea | None:
    """A police area by id (as the pages and the API pass it), or None."""
    area_id = parse_row_id(value)
    return session.get(PoliceArea, area_id) if area_id is not None else None


def in_area(
    members: list[Membership],
    council_column: InstrumentedAttribute[int],
    date_column: InstrumentedAttribute[date],
    first: date = EARLIEST,
    last: date = LATEST,
) -> ColumnElement[bool]:
    """SQL: a row of one of the area's councils dated while that council was in the area, and
    within [first, last]. Give it `memberships(session, area_id)`; with no members, nothing."""
    terms = []
    for m in members:
        start, end = max(m.first, first), min(m.last, last)
        if start <= end:
            terms.append(and_(council_column == m.council_id, date_column.between(start, end)))
    return or_(*terms) if terms else false()
