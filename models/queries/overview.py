"""City-wide aggregates behind Översikt, all filtered and grouped in SQL.

One `OverviewFilter` carries the page's filters (year, period, milieu, source, council kind), so
every figure on the page answers the same question.
"""

from dataclasses import dataclass
from datetime import date
from typing import TypeVarTuple

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from models import (
    ActionPlan,
    Activity,
    AppMeta,
    Council,
    CouncilPopulation,
    Incident,
    rules,
)
from models.data_version import Topic, reads
from models.enums import (
    ActivityStatus,
    CouncilKind,
    IncidentSource,
    Milieu,
    PlanStatus,
    Section,
    SurveyIndicator,
)
from models.incident import tertial_of
from models.queries.survey_shares import shares, weighted_shares
from models.survey import SurveyResult, SurveyRound

Row = TypeVarTuple("Row")


def demo_data_loaded(session: Session) -> bool:
    return session.get(AppMeta, "demo_data") is not None


@dataclass(frozen=True)
class OverviewFilter:
    year: int
    period: str = "vb"  # a rules.PERIOD_CODES code: t1, t2 or vb (helår)
    milieu: Milieu | None = None
    source: IncidentSource | None = None
    kind: CouncilKind | None = None

    @property
    def report(self) -> rules.Period:
        return rules.period(self.year, self.period)

    def months(self, today: date) -> tuple[int, int]:
        """The period's months (cumulative from January: T2 is jan–aug); in the current year
        only those that have begun, so this year is compared with the same months of last year.
        Empty (last < first) before it begins."""
        first, last = self.report.months
        if self.year > today.year:
            return first, first - 1
        if self.year == today.year:
            last = min(last, today.month)
        return first, last

    def has_begun(self, today: date) -> bool:
        first, last = self.months(today)
        return last >= first

    def period_dates(self) -> tuple[date, date]:
        return self.report.start, self.report.end

    def as_of(self, today: date) -> date:
        """Overdue in the report: deadline before this day (see rules.Period.as_of)."""
        return self.report.as_of(today)


def _incidents(stmt: Select[*Row], f: OverviewFilter) -> Select[*Row]:
    if f.milieu:
        stmt = stmt.where(Incident.milieu == f.milieu)
    if f.source:
        stmt = stmt.where(Incident.source == f.source)
    if f.kind:
        stmt = stmt.where(Incident.council_id.in_(select(Council.id).where(Council.kind == f.kind)))
    return stmt


# --- incidents -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentComparison:
    this_year: dict[Milieu, int]
    last_year: dict[Milieu, int]
    months: tuple[int, int]

    @property
    def total(self) -> int:
        return sum(self.this_year.values())

    @property
    def total_last_year(self) -> int:
        return sum(self.last_year.values())


@reads(Topic.INCIDENTS, Topic.COUNCILS)
def incident_comparison(session: Session, f: OverviewFilter, today: date) -> IncidentComparison:
    first, last = f.months(today)
    stmt = _incidents(
        select(Incident.year, Incident.milieu, func.sum(Incident.count))
        .where(Incident.year.in_([f.year, f.year - 1]), Incident.month.between(first, last))
        .group_by(Incident.year, Incident.milieu),
        f,
    )
    this_year, last_year = dict.fromkeys(Milieu, 0), dict.fromkeys(Milieu, 0)
    for year, milieu, n in session.execute(stmt):
        (this_year if year == f.year else last_year)[milieu] = int(n)
    return IncidentComparison(this_year, last_year, (first, last))


@reads(Topic.INCIDENTS, Topic.COUNCILS)
def incident_trend(
    session: Session, f: OverviewFilter, first_year: int, by: str = "tertial"
) -> list[tuple[int, int, Milieu, int]]:
    """(year, month or tertial, milieu, incidents) from `first_year` to the filter's year.
    Grouped by month in SQL (the covering index has months, not tertials), then by tertial."""
    stmt = _incidents(
        select(Incident.year, Incident.month, Incident.milieu, func.sum(Incident.count))
        .where(Incident.year.between(first_year, f.year))
        .group_by(Incident.year, Incident.month, Incident.milieu),
        f,
    )
    totals: dict[tuple[int, int, Milieu], int] = {}
    for year, month, milieu, n in session.execute(stmt):
        bucket = tertial_of(month) if by == "tertial" else int(month)
        key = (int(year), bucket, milieu)
        totals[key] = totals.get(key, 0) + int(n)
    return [(y, b, m, n) for (y, b, m), n in sorted(totals.items())]


@dataclass(frozen=True)
class CouncilFigures:
    code: str
    name: str
    kind: CouncilKind
    incidents: int
    population: int | None
    due: int
    done: int
    overdue: int

    @property
    def per_10k(self) -> float | None:
        return self.incidents * 10_000 / self.population if self.population else None

    @property
    def completion(self) -> float | None:
        """Share of the activities due in the period that are done, in percent."""
        return 100 * self.done / self.due if self.due else None


def fold_into_successors(
    values: dict[int, tuple[int, ...]], successors: dict[int, int]
) -> dict[int, list[int]]:
    """Add a merged council's figures to its successor's (the successor's whole area)."""
    folded: dict[int, list[int]] = {}
    for council_id, numbers in values.items():
        target = folded.setdefault(rules.reporting_id(successors, council_id), [0] * len(numbers))
        for i, n in enumerate(numbers):
            target[i] += int(n or 0)
    return folded


@reads(Topic.INCIDENTS, Topic.ACTIVITIES, Topic.PLANS, Topic.COUNCILS)
def council_figures(session: Session, f: OverviewFilter, today: date) -> list[CouncilFigures]:
    """The councils as they stand at the end of the year (or today), each with its incidents in
    the period, population and activities. A council merged during the year is counted in its
    successor, so Järva 2023 covers Rinkeby-Kista and Spånga-Tensta for the whole year."""
    first, last = f.months(today)
    end = min(date(f.year, 12, 31), today)
    councils = select(Council.id, Council.code, Council.name, Council.kind).where(
        Council.valid_from <= end, or_(Council.valid_to.is_(None), Council.valid_to >= end)
    )
    if f.kind:
        councils = councils.where(Council.kind == f.kind)
    successors = rules.successor_map(session, end)
    incidents = fold_into_successors(
        {
            cid: (n,)
            for cid, n in session.execute(
                _incidents(
                    select(Incident.council_id, func.sum(Incident.count))
                    .where(Incident.year == f.year, Incident.month.between(first, last))
                    .group_by(Incident.council_id),
                    f,
                )
            )
        },
        successors,
    )
    population = dict(
        session.execute(
            select(CouncilPopulation.council_id, CouncilPopulation.population).where(
                CouncilPopulation.year == f.year
            )
        ).all()
    )
    activities = fold_into_successors(
        {
            cid: (due, done, overdue)
            for cid, due, done, overdue in session.execute(
                _activity_counts(f, today).group_by(ActionPlan.council_id)
            )
        },
        successors,
    )
    return [
        CouncilFigures(
            code,
            name,
            kind,
            incidents.get(cid, [0])[0],
            population.get(cid),
            *activities.get(cid, [0, 0, 0]),
        )
        for cid, code, name, kind in session.execute(councils.order_by(Council.name))
    ]


# --- activities ------------------------------------------------------------------------------


def _due_in_period(f: OverviewFilter) -> ColumnElement[bool]:
    """Activities of the year's plans whose deadline falls in the period (from 1 January)."""
    start, end = f.period_dates()
    return rules.due_between(start, end)


def _overdue_by_period_end(f: OverviewFilter, today: date) -> ColumnElement[bool]:
    """Overdue as the report stood on its last day (or today while it runs): a T2 report still
    shows what was due in T1 and is not done; carried-over originals never count."""
    return rules.overdue(f.as_of(today))


def _activity_counts(f: OverviewFilter, today: date) -> Select[int, int, int, int]:
    """Per council: due (deadline in the period), done of those, overdue by the period's end."""
    due = _due_in_period(f)
    done = and_(due, Activity.status == ActivityStatus.DONE)
    overdue = _overdue_by_period_end(f, today)
    stmt = (
        select(
            ActionPlan.council_id,
            func.sum(case((due, 1), else_=0)),
            func.sum(case((done, 1), else_=0)),
            func.sum(case((overdue, 1), else_=0)),
        )
        .join(ActionPlan, Activity.plan_id == ActionPlan.id)
        .where(ActionPlan.year == f.year)
    )
    if f.kind:
        stmt = stmt.where(
            ActionPlan.council_id.in_(select(Council.id).where(Council.kind == f.kind))
        )
    return stmt


@dataclass(frozen=True)
class ActivityFigures:
    due: int
    done: int
    done_late: int
    overdue: int
    total: int


@reads(Topic.ACTIVITIES, Topic.PLANS, Topic.COUNCILS)
def activity_figures(session: Session, f: OverviewFilter, today: date) -> ActivityFigures:
    due = _due_in_period(f)
    stmt = (
        select(
            func.sum(case((due, 1), else_=0)),
            func.sum(case((and_(due, Activity.status == ActivityStatus.DONE), 1), else_=0)),
            func.sum(case((and_(due, rules.done_late()), 1), else_=0)),
            func.sum(case((_overdue_by_period_end(f, today), 1), else_=0)),
            func.count(Activity.id),
        )
        .join(ActionPlan, Activity.plan_id == ActionPlan.id)
        .where(ActionPlan.year == f.year)
    )
    if f.kind:
        stmt = stmt.where(
            ActionPlan.council_id.in_(select(Council.id).where(Council.kind == f.kind))
        )
    row = session.execute(stmt).one()
    return ActivityFigures(*(int(x or 0) for x in row))


@dataclass(frozen=True)
class OverdueActivity:
    council: str
    council_code: str
    section: Section
    description: str
    responsible: str
    deadline: date
    days_over: int


@reads(Topic.ACTIVITIES, Topic.PLANS, Topic.COUNCILS)
def overdue_activities(
    session: Session, f: OverviewFilter, today: date, limit: int = 500
) -> list[OverdueActivity]:
    stmt = (
        select(
            Council.name,
            Council.code,
            Activity.section,
            Activity.description,
            Activity.responsible,
            Activity.deadline,
        )
        .join(ActionPlan, Activity.plan_id == ActionPlan.id)
        .join(Council, ActionPlan.council_id == Council.id)
        .where(
            ActionPlan.year == f.year,
            _overdue_by_period_end(f, today),
        )
        .order_by(Activity.deadline, Council.name)
        .limit(limit)
    )
    if f.kind:
        stmt = stmt.where(Council.kind == f.kind)
    return [
        OverdueActivity(name, code, section, text, responsible, deadline, (today - deadline).days)
        for name, code, section, text, responsible, deadline in session.execute(stmt)
        if deadline is not None  # always: overdue means a deadline has passed
    ]


# --- plans and surveys -----------------------------------------------------------------------


@reads(Topic.PLANS, Topic.COUNCILS)
def plans_approved(session: Session, f: OverviewFilter) -> tuple[int, int]:
    """(plans approved by KS, councils that existed on 1 January of the year)."""
    on = date(f.year, 1, 1)
    councils = select(func.count(Council.id)).where(
        Council.valid_from <= on, or_(Council.valid_to.is_(None), Council.valid_to >= on)
    )
    approved = (
        select(func.count(ActionPlan.id))
        .join(Council, ActionPlan.council_id == Council.id)
        .where(ActionPlan.year == f.year, ActionPlan.status == PlanStatus.KS_APPROVED)
    )
    if f.kind:
        councils = councils.where(Council.kind == f.kind)
        approved = approved.where(Council.kind == f.kind)
    return int(session.scalar(approved) or 0), int(session.scalar(councils) or 0)


@reads(Topic.SURVEYS, Topic.COUNCILS)
def survey_awareness(
    session: Session, f: OverviewFilter, indicator: SurveyIndicator = SurveyIndicator.KNOWS_PLAN
) -> float | None:
    """City-wide share knowing the plan, weighted by the number of answers."""
    stmt = weighted_shares().where(SurveyRound.year == f.year, SurveyResult.indicator == indicator)
    if f.kind:
        stmt = stmt.join(Council, SurveyRound.council_id == Council.id).where(
            Council.kind == f.kind
        )
    return next((value for (value,) in shares(session.execute(stmt))), None)
