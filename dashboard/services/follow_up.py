"""A tertial or VB follow-up report: what the Uppföljning page shows and the exports write.

One function reads the request (year, period, council) with Swedish messages for what cannot be
a report; another gathers everything a report holds, as it stood at the period's end, so the
page, the Excel file and the Word document cannot disagree.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager

from dashboard.formatting import fmt_day, genitive
from dashboard.services.errors import NotFound, ServiceError
from models import ActionPlan, Council, rules
from models.base import in_stockholm
from models.queries import follow_up as fq
from models.queries.council_page import merged_into
from models.queries.follow_up import ActivityAsOf, Counts, IncidentCounts


@dataclass(frozen=True)
class ReportRequest:
    period: rules.Period
    council: Council | None  # None: the whole city


def parse_request(
    session: Session, year: object, period: object, council: object, today: date
) -> ReportRequest:
    """The report a URL or form asks for; a ServiceError says in Swedish what is wrong. A
    council must have existed on the period's last day (a merged one reports under its
    successor, and the message says which)."""
    chosen_year = rules.parse_year(year, today)
    if chosen_year is None:
        raise ServiceError(f"Välj ett år mellan {rules.FIRST_YEAR} och {today.year}.")
    code = rules.parse_period_code(period)
    if code is None:
        raise ServiceError("Välj period: T1 (t1), T2 (t2) eller helår (vb).")
    report = rules.period(chosen_year, code)
    if council in (None, ""):
        return ReportRequest(report, None)
    found = rules.find_council(session, council)
    if found is None:
        raise NotFound("Nämnden finns inte. Välj en nämnd i listan.")
    if not found.is_valid_on(report.end):
        merged = [(c, day) for c, day in merged_into(session, found.id) if day <= report.end]
        if merged:
            into, day = merged[0]
            raise ServiceError(
                f"{found.name} gick upp i {into.name} den {fmt_day(day)}. Välj {into.name}:"
                f" dess uppföljning tar med {genitive(found.name)} aktiviteter."
            )
        raise ServiceError(f"{found.name} fanns inte den {fmt_day(report.end)}. Välj ett annat år.")
    return ReportRequest(report, found)


@dataclass
class CouncilReport:
    council: Council
    plans: list[ActionPlan]  # the year's plans it reports: its own, or its predecessors'
    counts: fq.CouncilCounts
    last_year: Counts  # the same period last year, for the same area
    incidents: IncidentCounts
    activities: list[ActivityAsOf] = field(default_factory=list)


@dataclass
class FollowUpReport:
    period: rules.Period
    cutoff: fq.Cutoff
    council: Council | None
    councils: list[CouncilReport]
    total: Counts
    total_last_year: Counts
    incidents: IncidentCounts
    made_at: datetime

    @property
    def scope_name(self) -> str:
        return self.council.name if self.council else "Hela staden"

    @property
    def title(self) -> str:
        """Uppföljning T1 2026 – Östermalm."""
        return f"Uppföljning {self.period.name} {self.period.year} – {self.scope_name}"

    @property
    def as_of_text(self) -> str:
        """Läge per 30 april 2026 kl. 23.59 (or the moment while the period runs)."""
        if self.cutoff.closed:
            return f"Läge per {fmt_day(self.period.end)} kl. 23.59"
        moment = in_stockholm(self.cutoff.instant)
        return f"Läge per {fmt_day(moment.date())} kl. {moment:%H.%M} (perioden pågår)"

    @property
    def made_text(self) -> str:
        return f"Sammanställd {in_stockholm(self.made_at):%Y-%m-%d %H.%M}"


def _plans_by_council(
    session: Session, year: int, successors: dict[int, int], council_ids: list[int] | None
) -> dict[int, list[ActionPlan]]:
    """The year's plans per reporting council (its own, or its predecessors'), in one query."""
    stmt = (
        select(ActionPlan)
        .join(Council, ActionPlan.council_id == Council.id)
        .options(contains_eager(ActionPlan.council))
        .where(ActionPlan.year == year)
        .order_by(Council.name)
    )
    if council_ids is not None:
        stmt = stmt.where(ActionPlan.council_id.in_(council_ids))
    plans: dict[int, list[ActionPlan]] = {}
    for plan in session.scalars(stmt):
        plans.setdefault(rules.reporting_id(successors, plan.council_id), []).append(plan)
    return plans


def build_report(
    session: Session, request: ReportRequest, now: datetime, with_activities: bool = True
) -> FollowUpReport:
    """Everything a report holds, as it stood at the period's end."""
    period, scope = request.period, request.council
    scope_id = scope.id if scope else None
    councils = [scope] if scope else fq.reporting_councils(session, period.end)
    successors = rules.successor_map(session, period.end)
    area = fq.members(session, scope.id, period.end, successors) if scope else None
    counts = fq.counts(session, period, scope_id, now, area)
    # Last year's figures of the same area: a council formed since answers for its predecessors.
    last_year: dict[int, Counts] = {}
    last_period = rules.period(period.year - 1, period.code)
    for cid, c in fq.counts(session, last_period, None, now, area).items():
        last_year.setdefault(rules.reporting_id(successors, cid), Counts()).add(c.total)
    incidents = fq.incident_counts(session, period, scope_id)
    activities = fq.activities_as_of(session, period, scope_id, now) if with_activities else []
    plans = _plans_by_council(session, period.year, successors, area)
    by_council: dict[int, list[ActivityAsOf]] = {}
    for activity in activities:
        by_council.setdefault(activity.council_id, []).append(activity)
    reports = [
        CouncilReport(
            council,
            plans.get(council.id, []),
            counts.get(council.id, fq.CouncilCounts(council.id)),
            last_year.get(council.id, Counts()),
            incidents.get(council.id) or fq.empty_incident_counts(),
            by_council.get(council.id, []),
        )
        for council in councils
    ]
    total, total_last_year = Counts(), Counts()
    for r in reports:
        total.add(r.counts.total)
        total_last_year.add(r.last_year)
    return FollowUpReport(
        period,
        fq.cutoff(period, now),
        scope,
        reports,
        total,
        total_last_year,
        incidents[None],
        now,
    )
