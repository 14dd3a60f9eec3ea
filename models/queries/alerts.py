"""Current trend alerts per council (or police area) × milieu: the monthly sums in SQL, the
judgement in models.trend_alerts.

One GROUP BY over ≈ 29 months of incidents (year, month, milieu, council_id — the covering
index ix_incidents_overview answers it without touching the table) gives every council's series
and, summed, the city-wide series per milieu the seasonal factors come from. A merged council's
series continues over its predecessors' months (models.rules.successor_map / reporting_id), so
Järva is judged against Rinkeby-Kista's and Spånga-Tensta's history. A police area sums its
councils as they were on each date (models.queries.police_areas.in_area).

The months judged are the last three complete months, each against the history before it, and
the running month only when its count so far is already above the limit (counts only grow).
"""

from calendar import monthrange
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from models import Council, Incident, TrendAlertReview, User, rules
from models import trend_alerts as ta
from models.council import PoliceArea
from models.data_version import Topic, reads
from models.enums import AlertScope, Milieu, label
from models.queries.police_areas import Membership, in_area, memberships

MILIEUS = tuple(m for m in Milieu if m is not Milieu.NOT_VBE)
JUDGED_MONTHS = 3  # complete months judged, besides the running one
WINDOW = JUDGED_MONTHS + 1 + ta.HISTORY_MONTHS + 1  # months read, running month included

Month = tuple[int, int]
SumRow = tuple[int, Milieu, int, int, int]  # council_id, milieu, year, month, sum


@dataclass(frozen=True)
class AlertReview:
    comment: str
    reviewed_by: str | None  # the username
    reviewed_at: datetime
    version: int


@dataclass(frozen=True)
class TrendAlert:
    scope: AlertScope
    scope_id: int
    scope_name: str  # "Bromma" or the police area's name
    milieu: Milieu
    year: int
    month: int
    count: int
    usual_low: int
    usual_high: int
    limit: int  # the upper prediction limit
    probability: float  # P(at least this many | usual)
    text: str  # the Swedish sentence
    incidents_href: str  # the incident register, filtered to the incidents behind it
    review: AlertReview | None
    months: int = 1  # 1: the month alone; 2: the month and the one before, summed
    sparse: bool = False
    surprise: float = 0.0  # for ordering: larger = further beyond its limit
    running: bool = False  # the month is not over yet

    @property
    def key(self) -> str:
        """A stable id for the page: scope:scope_id:milieu:year:month."""
        return f"{self.scope.value}:{self.scope_id}:{self.milieu.value}:{self.year}:{self.month}"


def milieu_subject(milieu: Milieu) -> str:
    """The milieu as the subject of the sentence: "Vit makt-miljön", "Oklar miljö"."""
    return "Oklar miljö" if milieu is Milieu.UNCLEAR else label(milieu)


def _months(today: date) -> list[Month]:
    """The months read, oldest first, ending with today's (running) month."""
    index = today.year * 12 + today.month - 1
    return [(i // 12, i % 12 + 1) for i in range(index - WINDOW + 1, index + 1)]


def _month_index(month: Month) -> int:
    return month[0] * 12 + month[1] - 1


def _sums(session: Session, months: list[Month]) -> list[SumRow]:
    """(council_id, milieu, year, month, sum) over the months, `not_vbe` left out."""
    first, last = months[0], months[-1]
    stmt = (
        select(
            Incident.council_id,
            Incident.milieu,
            Incident.year,
            Incident.month,
            func.sum(Incident.count),
        )
        .where(Incident.year.between(first[0], last[0]), Incident.milieu.in_(MILIEUS))
        .group_by(Incident.year, Incident.month, Incident.milieu, Incident.council_id)
    )
    rows = session.execute(stmt).all()
    wanted = set(months)
    return [(c, Milieu(m), y, mo, int(t)) for c, m, y, mo, t in rows if (y, mo) in wanted]


def _seasons(rows: list[SumRow], months: list[Month]) -> dict[Milieu, list[float]]:
    """Each milieu's seasonal factors from the city-wide series (complete months only)."""
    pooled: dict[Milieu, dict[Month, int]] = {m: dict.fromkeys(months[:-1], 0) for m in MILIEUS}
    for _cid, milieu, year, month, total in rows:
        key = (year, month)
        if key in pooled[milieu]:
            pooled[milieu][key] += total
    return {m: ta.seasonal_factors(pooled[m]) for m in MILIEUS}


def _span(year: int, month: int, width: int, today: date) -> tuple[date, date]:
    start_index = year * 12 + month - 1 - (width - 1)
    first = date(start_index // 12, start_index % 12 + 1, 1)
    last = date(year, month, monthrange(year, month)[1])
    return first, min(last, today)


def _judge_series(
    counts: list[int],
    months: list[Month],
    starts_at: int,
    season: list[float],
    today: date,
) -> list[tuple[Month, ta.Judgement, bool]]:
    """The unusual months of one series (counts aligned with `months`, known from index
    `starts_at`): the last complete months, and the running one if already above its limit."""
    if starts_at >= len(months):  # nothing known yet (e.g. an area without councils)
        return []
    series = counts[starts_at:]
    first_month = months[starts_at][1]
    found: list[tuple[Month, ta.Judgement, bool]] = []
    last = len(series) - 1
    for index in range(last - JUDGED_MONTHS, last + 1):
        if index < 0:
            continue
        judgement = ta.judge_month(series, first_month, index, season)
        if judgement is None:
            continue
        if judgement.months == 2 and found and found[-1][0] == months[starts_at + index - 1]:
            # The summed test over a month that already raised its own alert: the same
            # incidents again, so one alert per rise.
            continue
        found.append((months[starts_at + index], judgement, index == last))
    return found


@dataclass(frozen=True)
class _Series:
    scope: AlertScope
    scope_id: int
    name: str
    href_key: str  # council=CODE or area=ID
    counts: dict[Milieu, list[int]]
    starts_at: int


def _alerts(series: list[_Series], seasons: dict[Milieu, list[float]], months: list[Month],
            today: date) -> list[TrendAlert]:  # fmt: skip
    alerts = []
    for s in series:
        for milieu in MILIEUS:
            found = _judge_series(s.counts[milieu], months, s.starts_at, seasons[milieu], today)
            for (year, month), j, running in found:
                first, last = _span(year, month, j.months, today)
                alerts.append(
                    TrendAlert(
                        scope=s.scope,
                        scope_id=s.scope_id,
                        scope_name=s.name,
                        milieu=milieu,
                        year=year,
                        month=month,
                        count=j.count,
                        usual_low=j.usual_low,
                        usual_high=j.usual_high,
                        limit=j.limit,
                        probability=j.probability,
                        text=ta.sentence(milieu_subject(milieu), s.name, j, year, month, running),
                        incidents_href=(
                            f"/handelser?{s.href_key}&from={first.isoformat()}"
                            f"&to={last.isoformat()}&milieu={milieu.value}"
                        ),
                        review=None,
                        months=j.months,
                        sparse=j.sparse,
                        surprise=j.surprise,
                        running=running,
                    )
                )
    return alerts


def _council_series(session: Session, today: date, months: list[Month],
                    rows: list[SumRow]) -> list[_Series]:  # fmt: skip
    """Every council valid today, its predecessors' months included."""
    successors = rules.successor_map(session, today)
    councils = list(session.scalars(select(Council)))
    valid = {c.id: c for c in councils if c.is_valid_on(today)}
    counts: dict[int, dict[Milieu, list[int]]] = {
        cid: {m: [0] * len(months) for m in MILIEUS} for cid in valid
    }
    began: dict[int, date] = {cid: c.valid_from for cid, c in valid.items()}
    for c in councils:  # a successor's series begins with its oldest predecessor
        target = rules.reporting_id(successors, c.id)
        if target in began:
            began[target] = min(began[target], c.valid_from)
    position = {m: i for i, m in enumerate(months)}
    for cid, milieu, year, month, total in rows:
        target = rules.reporting_id(successors, cid)
        if target in counts:
            counts[target][milieu][position[(year, month)]] += total
    out = []
    for cid, c in valid.items():
        start = began[cid]
        starts_at = max(0, _month_index((start.year, start.month)) - _month_index(months[0]))
        out.append(
            _Series(AlertScope.COUNCIL, cid, c.name, f"council={c.code}", counts[cid], starts_at)
        )
    return out


def _area_series(
    session: Session, area: PoliceArea, months: list[Month], rows: list[SumRow]
) -> _Series:
    """A police area's series: its councils' monthly sums while each was in the area. A month a
    council was in the area throughout comes from the councils' sums already read; a month it
    joined or left mid-way is counted exactly, day by day, in one more (usually empty) query."""
    members = memberships(session, area.id)
    position = {m: i for i, m in enumerate(months)}
    counts: dict[Milieu, list[int]] = {m: [0] * len(months) for m in MILIEUS}
    whole: set[tuple[int, Month]] = set()
    partial: list[Membership] = []  # the part of a month a council was in the area
    for member in members:
        for year, month in months:
            first = date(year, month, 1)
            last = date(year, month, monthrange(year, month)[1])
            if member.first <= first and last <= member.last:
                whole.add((member.council_id, (year, month)))
            elif member.first <= last and first <= member.last:
                partial.append(
                    replace(member, first=max(first, member.first), last=min(last, member.last))
                )
    for cid, milieu, year, month, total in rows:
        if (cid, (year, month)) in whole:
            counts[milieu][position[(year, month)]] += total
    if partial:
        stmt = (
            select(Incident.milieu, Incident.year, Incident.month, func.sum(Incident.count))
            .where(
                Incident.milieu.in_(MILIEUS),
                in_area(partial, Incident.council_id, Incident.occurred_on),
            )
            .group_by(Incident.year, Incident.month, Incident.milieu)
        )
        for milieu, year, month, total in session.execute(stmt):
            if (year, month) in position:
                counts[Milieu(milieu)][position[(year, month)]] += int(total)
    began = min((m.first for m in members), default=date.max)
    starts_at = (
        len(months)
        if began == date.max
        else max(0, _month_index((began.year, began.month)) - _month_index(months[0]))
    )
    return _Series(AlertScope.POLICE_AREA, area.id, area.name, f"area={area.id}", counts, starts_at)


def _with_reviews(session: Session, alerts: list[TrendAlert]) -> list[TrendAlert]:
    if not alerts:
        return alerts
    keys = {(a.scope, a.scope_id, a.milieu, a.year, a.month) for a in alerts}
    stmt = (
        select(TrendAlertReview, User.username)
        .outerjoin(User, User.id == TrendAlertReview.reviewed_by_id)
        .where(
            tuple_(TrendAlertReview.year, TrendAlertReview.month).in_(
                {(a.year, a.month) for a in alerts}
            )
        )
    )
    reviews = {}
    for review, username in session.execute(stmt):
        key = (review.scope, review.scope_id, review.milieu, review.year, review.month)
        if key in keys:
            reviews[key] = AlertReview(review.comment, username, review.reviewed_at, review.version)
    out = []
    for a in alerts:
        found = reviews.get((a.scope, a.scope_id, a.milieu, a.year, a.month))
        out.append(_replace_review(a, found) if found else a)
    return out


def _replace_review(alert: TrendAlert, review: AlertReview) -> TrendAlert:
    return replace(alert, review=review)


@reads(Topic.INCIDENTS, Topic.ALERTS, Topic.COUNCILS)
def current_alerts(
    session: Session,
    today: date,
    scope: AlertScope | None = None,
    scope_id: int | None = None,
) -> list[TrendAlert]:
    """The current alerts, most surprising first: every council's (scope None), one council's
    (COUNCIL + id), one police area's (POLICE_AREA + id) or every police area's (POLICE_AREA
    without id). Each carries its review, if any."""
    months = _months(today)
    if scope is AlertScope.POLICE_AREA:
        areas = (
            [a for a in [session.get(PoliceArea, scope_id)] if a is not None]
            if scope_id is not None
            else [a for a in session.scalars(select(PoliceArea)) if a.is_valid_on(today)]
        )
        rows = _sums(session, months)
        seasons = _seasons(rows, months)
        series = [_area_series(session, a, months, rows) for a in areas]
    else:
        rows = _sums(session, months)
        seasons = _seasons(rows, months)
        series = _council_series(session, today, months, rows)
        if scope_id is not None:
            series = [s for s in series if s.scope_id == scope_id]
    alerts = _alerts(series, seasons, months, today)
    alerts.sort(key=lambda a: (-a.surprise, a.scope_name, a.milieu.value, a.year, a.month))
    return _with_reviews(session, alerts)
