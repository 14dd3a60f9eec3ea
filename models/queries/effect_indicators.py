"""Effect indicators: what KS asked for beyond "activities done". Awareness over the years, and
reporting volume (forms and IA reports) beside knowledge of the form, per council: low reporting
with low knowledge more likely means under-reporting than a calm district."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Council, CouncilPopulation, Incident, rules
from models.data_version import Topic, reads
from models.enums import IncidentSource, SurveyIndicator
from models.queries.overview import fold_into_successors
from models.queries.survey_shares import shares, weighted_shares
from models.survey import SurveyResult, SurveyRound

AWARENESS = (
    SurveyIndicator.KNOWS_PLAN,
    SurveyIndicator.KNOWS_COORDINATOR,
    SurveyIndicator.KNOWS_FORM,
    SurveyIndicator.KNOWS_SUPPORT_MATERIAL,
    SurveyIndicator.KNOWLEDGE_ADEQUATE,
)
REPORTING = (IncidentSource.FORM, IncidentSource.IA)


@reads(Topic.SURVEYS)
def awareness_by_year(session: Session) -> dict[int, dict[SurveyIndicator, float]]:
    """City-wide share per indicator and year, weighted by answers."""
    stmt = weighted_shares(SurveyRound.year, SurveyResult.indicator).where(
        SurveyResult.indicator.in_(AWARENESS)
    )
    out: dict[int, dict[SurveyIndicator, float]] = {}
    for year, indicator, value in shares(session.execute(stmt)):
        out.setdefault(int(year), {})[indicator] = value
    return dict(sorted(out.items()))


@reads(Topic.INCIDENTS)
def reporting_by_year(session: Session) -> list[tuple[int, IncidentSource, int]]:
    """City-wide incidents reported through the form and IA, per year."""
    stmt = (
        select(Incident.year, Incident.source, func.sum(Incident.count))
        .where(Incident.source.in_(REPORTING))
        .group_by(Incident.year, Incident.source)
        .order_by(Incident.year)
    )
    return [(int(y), s, int(n)) for y, s, n in session.execute(stmt)]


@dataclass(frozen=True)
class KnowledgeAndReporting:
    code: str
    name: str
    knows_form: float | None
    reports: int
    population: int | None

    @property
    def reports_per_10k(self) -> float | None:
        return self.reports * 10_000 / self.population if self.population else None


@reads(Topic.SURVEYS, Topic.INCIDENTS, Topic.COUNCILS)
def knowledge_and_reporting(session: Session, year: int) -> list[KnowledgeAndReporting]:
    """Per council that surveyed in `year`: knowledge of the form against reports made."""
    knows_stmt = weighted_shares(SurveyRound.council_id).where(
        SurveyRound.year == year, SurveyResult.indicator == SurveyIndicator.KNOWS_FORM
    )
    knows = dict(shares(session.execute(knows_stmt)))
    by_council = session.execute(
        select(Incident.council_id, func.sum(Incident.count))
        .where(Incident.year == year, Incident.source.in_(REPORTING))
        .group_by(Incident.council_id)
    )
    # A council formed in the year also answers for its predecessors' reports of that year.
    folded = fold_into_successors(
        {cid: (n,) for cid, n in by_council}, rules.successor_map(session, date(year, 12, 31))
    )
    reports = {cid: numbers[0] for cid, numbers in folded.items()}
    population = dict(
        session.execute(
            select(CouncilPopulation.council_id, CouncilPopulation.population).where(
                CouncilPopulation.year == year
            )
        ).all()
    )
    councils = session.execute(
        select(Council.id, Council.code, Council.name)
        .where(Council.id.in_(select(SurveyRound.council_id).where(SurveyRound.year == year)))
        .order_by(Council.name)
    )
    return [
        KnowledgeAndReporting(
            code, name, knows.get(cid), int(reports.get(cid, 0)), population.get(cid)
        )
        for cid, code, name in councils
    ]
