"""What a samverkan meeting goes through, for a council or a local police area (lokalpolisområde)
over a period [first, last]: the incidents summed by category, milieu, source, sub-area and
council; the forms and concerns received; and the activities due or overdue whose Ansvarig or
Uppföljning involves the police.

A police area's figures are the sums over its councils *as they were on each date*
(models.queries.police_areas, the one place for that rule): across the Norrmalm split,
Kungsholmen's December 2024 incidents count in Norrmalm and its January 2025 ones in
Lidingö-Kungsholmen. A council in two areas at once (Hägersten-Älvsjö: Skärholmen and Globen)
counts in both, and `shared_councils` says so for the page. Overdue and due are models.rules'.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select
from sqlalchemy.orm import Session, joinedload

from models import ActionPlan, Activity, Council, Incident, PoliceArea, rules
from models.enums import (
    AlertScope,
    DatePrecision,
    IncidentCategory,
    IncidentSource,
    Schedule,
    label,
)
from models.queries.police_areas import Membership, in_area, memberships

COUNCIL, AREA = "council", "area"
# Activities due within this many days count as "due" (the meetings are about quarterly).
DUE_AHEAD_DAYS = 90
# The word every police role and channel contains: Polisen, kommunpolis, lokalpolisområdet.
POLICE_WORD = "polis"
NO_SUB_AREA = "Ej angivet"
MAX_LISTED = 200  # forms and concerns listed at most (the figures count them all)


@dataclass(frozen=True)
class Scope:
    """A council or a local police area; an area carries its memberships (all dates)."""

    kind: str  # COUNCIL | AREA
    id: int
    name: str
    code: str | None = None  # the council's code
    members: tuple[Membership, ...] = ()

    @property
    def is_area(self) -> bool:
        return self.kind == AREA

    @property
    def query(self) -> dict[str, str]:
        """The address's scope: {"council": "SKA"} or {"area": "7"}."""
        return {"area": str(self.id)} if self.is_area else {"council": self.code or ""}

    @property
    def alert_scope(self) -> AlertScope:
        """The trend alerts' name for this kind of scope (current_alerts(…, scope, id))."""
        return AlertScope.POLICE_AREA if self.is_area else AlertScope.COUNCIL

    @property
    def title(self) -> str:
        return f"lokalpolisområde {self.name}" if self.is_area else self.name


def council_scope(council: Council) -> Scope:
    return Scope(COUNCIL, council.id, council.name, council.code)


def area_scope(session: Session, area: PoliceArea) -> Scope:
    return Scope(AREA, area.id, area.name, None, tuple(memberships(session, area.id)))


@dataclass(frozen=True)
class ScopeCouncil:
    """A council in the scope over [first, last], the part of the period it belonged there."""

    id: int
    code: str
    name: str
    first: date
    last: date


def scope_councils(session: Session, scope: Scope, first: date, last: date) -> list[ScopeCouncil]:
    """The councils whose rows count in the scope during [first, last]: a council's own, or
    the police area's councils at any time in the period (each with its part of it)."""
    if not scope.is_area:
        council = session.get(Council, scope.id)
        if council is None:
            return []
        return [ScopeCouncil(council.id, council.code, council.name, first, last)]
    found: list[ScopeCouncil] = []
    for m in scope.members:
        start, end = max(m.first, first), min(m.last, last)
        if start <= end:
            found.append(ScopeCouncil(m.council_id, m.council_code, m.council_name, start, end))
    return found


@dataclass(frozen=True)
class SharedCouncil:
    """A council of the scope that worked with other police areas too during the period."""

    council_name: str
    other_areas: tuple[str, ...]

    @property
    def text(self) -> str:
        """ "Hägersten-Älvsjö samverkar också med Globen; dess händelser räknas i båda
        områdena"."""
        names = _join(self.other_areas)
        counted = "båda områdena" if len(self.other_areas) == 1 else "alla dessa områden"
        return f"{self.council_name} samverkar också med {names}; dess händelser räknas i {counted}"


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


def _area_names(session: Session) -> dict[int, str]:
    return {
        area_id: name for area_id, name in session.execute(select(PoliceArea.id, PoliceArea.name))
    }


def shared_councils(session: Session, scope: Scope, first: date, last: date) -> list[SharedCouncil]:
    """A police area's councils that worked with another area at the same time, within the
    period (Hägersten-Älvsjö in Skärholmen: also Globen). A council scope has none: the page
    names its areas instead (`council_areas`)."""
    if not scope.is_area:
        return []
    every = memberships(session)
    area_names = _area_names(session)
    shared: list[SharedCouncil] = []
    for c in scope_councils(session, scope, first, last):
        others = sorted(
            {
                area_names[m.police_area_id]
                for m in every
                if m.council_id == c.id
                and m.police_area_id != scope.id
                and max(m.first, c.first) <= min(m.last, c.last)
            }
        )
        if others:
            shared.append(SharedCouncil(c.name, tuple(others)))
    return shared


def council_areas(session: Session, scope: Scope, first: date, last: date) -> list[str]:
    """The police areas a council scope worked with during the period, by name."""
    if scope.is_area:
        return []
    names = _area_names(session)
    return sorted(
        {
            names[m.police_area_id]
            for m in memberships(session)
            if m.council_id == scope.id and max(m.first, first) <= min(m.last, last)
        }
    )


def incident_filter(scope: Scope, first: date, last: date) -> ColumnElement[bool]:
    """SQL: an incident of the scope dated in [first, last] (an area's councils as they were
    on the incident's date)."""
    if first > last:
        return false()
    if scope.is_area:
        return in_area(list(scope.members), Incident.council_id, Incident.occurred_on, first, last)
    return and_(Incident.council_id == scope.id, Incident.occurred_on.between(first, last))


# --- incidents -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    key: str  # the code (or the sub-area/council name)
    label: str
    count: int


@dataclass(frozen=True)
class IncidentSummary:
    """SUM(count) of the scope's incidents in the period, in total and per grouping."""

    first: date
    last: date
    total: int
    reports: int  # rows (one row may stand for several graffiti cases)
    by_category: list[Count]
    by_milieu: list[Count]
    by_source: list[Count]
    by_sub_area: list[Count]
    by_council: list[Count]


def _grouped(session: Session, where: ColumnElement[bool], column: Any) -> list[tuple[Any, int]]:
    total = func.sum(Incident.count)
    stmt = select(column, total).where(where).group_by(column).order_by(total.desc(), column)
    return [(key, int(n)) for key, n in session.execute(stmt)]


def incident_summary(session: Session, scope: Scope, first: date, last: date) -> IncidentSummary:
    where = incident_filter(scope, first, last)
    total, reports = session.execute(
        select(func.coalesce(func.sum(Incident.count), 0), func.count(Incident.id)).where(where)
    ).one()

    def coded(column: Any) -> list[Count]:
        return [Count(k.value, label(k), n) for k, n in _grouped(session, where, column)]

    sub_areas: dict[str, int] = {}
    for name, n in _grouped(session, where, Incident.sub_area):
        key = (name or "").strip() or NO_SUB_AREA
        sub_areas[key] = sub_areas.get(key, 0) + n
    by_sub_area = [
        Count(k, k, n)
        for k, n in sorted(sub_areas.items(), key=lambda kv: (kv[0] == NO_SUB_AREA, -kv[1], kv[0]))
    ]
    names = {c.id: c for c in scope_councils(session, scope, first, last)}
    by_council = [
        Count(
            names[cid].code if cid in names else str(cid),
            names[cid].name if cid in names else "",
            n,
        )
        for cid, n in _grouped(session, where, Incident.council_id)
    ]
    return IncidentSummary(
        first,
        last,
        int(total),
        int(reports),
        coded(Incident.category),
        coded(Incident.milieu),
        coded(Incident.source),
        by_sub_area,
        by_council,
    )


# --- forms and concerns -----------------------------------------------------------------------


@dataclass(frozen=True)
class FormsAndConcerns:
    """What staff reported on the de-identified form (source `form`) and concerns about an
    individual (category `concern`), in the period: figures are SUM(count); a row that is both
    counts once in `total`."""

    forms: int
    concerns: int
    total: int
    rows: list[dict[str, Any]]  # newest first, at most MAX_LISTED
    listed_all: bool


def is_form_or_concern() -> ColumnElement[bool]:
    return or_(
        Incident.source == IncidentSource.FORM, Incident.category == IncidentCategory.CONCERN
    )


def forms_and_concerns(
    session: Session, scope: Scope, first: date, last: date, limit: int = MAX_LISTED
) -> FormsAndConcerns:
    where = and_(incident_filter(scope, first, last), is_form_or_concern())

    def summed(condition: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(case((condition, Incident.count), else_=0)), 0)

    forms, concerns, total, rows_total = session.execute(
        select(
            summed(Incident.source == IncidentSource.FORM),
            summed(Incident.category == IncidentCategory.CONCERN),
            func.coalesce(func.sum(Incident.count), 0),
            func.count(Incident.id),
        ).where(where)
    ).one()
    stmt = (
        select(Incident, Council.name)
        .join(Council, Incident.council_id == Council.id)
        .where(where)
        .order_by(Incident.occurred_on.desc(), Incident.id.desc())
        .limit(limit)
    )
    rows = [
        {
            "id": i.id,
            "date": i.occurred_on.isoformat()[:7]
            if i.date_precision is DatePrecision.MONTH
            else i.occurred_on.isoformat(),
            "council": name,
            "source": label(i.source),
            "category": label(i.category),
            "milieu": label(i.milieu),
            "count": i.count,
            "description": i.description,
        }
        for i, name in session.execute(stmt)
    ]
    return FormsAndConcerns(int(forms), int(concerns), int(total), rows, len(rows) >= rows_total)


# --- activities involving the police --------------------------------------------------------------


def mentions_police() -> ColumnElement[bool]:
    """Ansvarig or Uppföljning names the police ("Polisen", "kommunpolis",
    "lokalpolisområdet"): lower() and LIKE, the same on SQLite and PostgreSQL (the word is
    ASCII, so SQLite's ASCII-only lower() is enough)."""
    pattern = f"%{POLICE_WORD}%"
    return or_(
        func.lower(Activity.responsible).like(pattern),
        func.lower(Activity.follow_up_text).like(pattern),
    )


@dataclass(frozen=True)
class PoliceActivities:
    """Open activities of the scope's councils' plans that involve the police: overdue as of
    `today`, and due from today to `due_until`."""

    today: date
    due_until: date
    overdue: list[dict[str, Any]]
    due: list[dict[str, Any]]


def _activity_row(a: Activity) -> dict[str, Any]:
    return {
        "id": a.id,
        "council": a.plan.council.name,
        "year": a.plan.year,
        "section": label(a.section),
        "description": a.description,
        "responsible": a.responsible,
        "deadline": a.deadline.isoformat()
        if a.schedule is Schedule.DEADLINE and a.deadline
        else "",
        "follow_up_text": a.follow_up_text or label(a.follow_up),
        "status": label(a.status),
    }


def police_activities(session: Session, scope: Scope, first: date, today: date) -> PoliceActivities:
    """The councils are those in the scope at any time in [first, today]."""
    ids = [c.id for c in scope_councils(session, scope, first, today)]
    due_until = today + timedelta(days=DUE_AHEAD_DAYS)
    base = (
        select(Activity)
        .join(ActionPlan, Activity.plan_id == ActionPlan.id)
        .where(ActionPlan.council_id.in_(ids), mentions_police())
        .options(joinedload(Activity.plan).joinedload(ActionPlan.council))
        .order_by(Activity.deadline, ActionPlan.council_id, Activity.position)
    )
    overdue = session.scalars(base.where(rules.overdue(today))).all()
    due = session.scalars(
        base.where(rules.due_between(today, due_until), rules.is_open(), rules.followed_up())
    ).all()
    return PoliceActivities(
        today, due_until, [_activity_row(a) for a in overdue], [_activity_row(a) for a in due]
    )


# --- the choices ----------------------------------------------------------------------------------


def area_options(session: Session) -> list[dict[str, str]]:
    """Every local police area, an ended one with its last day (Norrmalm, split in 2025)."""
    areas = session.scalars(select(PoliceArea).order_by(PoliceArea.name))
    return [
        {
            "label": a.name + ("" if a.valid_to is None else f" (t.o.m. {a.valid_to})"),
            "value": str(a.id),
        }
        for a in areas
    ]
