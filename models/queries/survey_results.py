"""Survey results across the city: council × indicator, response rates, change since last year.

Several rounds of a council in one year (different audiences) are combined weighted by the
number of answers, as is the city average."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Council
from models.data_version import Topic, reads
from models.enums import SurveyIndicator
from models.queries.survey_shares import indicator_shares, shares, weighted_shares
from models.survey import SurveyResult, SurveyRound

LOW_RESPONSE_RATE = 50.0  # percent; below this a result says little about the whole staff


def survey_round(session: Session, council_id: int, year: int, audience: str) -> SurveyRound | None:
    """The council's survey of the year to this audience, if one is registered."""
    return session.scalar(
        select(SurveyRound).where(
            SurveyRound.council_id == council_id,
            SurveyRound.year == year,
            SurveyRound.audience == audience,
        )
    )


@reads(Topic.SURVEYS)
def survey_years(session: Session) -> list[int]:
    stmt = select(SurveyRound.year).distinct().order_by(SurveyRound.year.desc())
    return [int(y) for y in session.scalars(stmt)]


def _by_council(
    session: Session, years: list[int]
) -> dict[tuple[int, int, SurveyIndicator], float]:
    """(council id, year, indicator) → percent, weighted by answers."""
    stmt = weighted_shares(SurveyRound.council_id, SurveyRound.year, SurveyResult.indicator)
    rows = session.execute(stmt.where(SurveyRound.year.in_(years)))
    return {(c, y, i): v for c, y, i, v in shares(rows)}


@dataclass(frozen=True)
class CouncilSurvey:
    code: str
    name: str
    sent: int
    answered: int
    results: dict[SurveyIndicator, float]
    previous: dict[SurveyIndicator, float]

    @property
    def response_rate(self) -> float:
        return 100 * self.answered / self.sent if self.sent else 0.0

    @property
    def low_response(self) -> bool:
        return self.response_rate < LOW_RESPONSE_RATE

    def change(self, indicator: SurveyIndicator) -> float | None:
        """Percentage points since last year, or None when either year is missing."""
        if indicator in self.results and indicator in self.previous:
            return self.results[indicator] - self.previous[indicator]
        return None


@dataclass(frozen=True)
class SurveyYear:
    year: int
    councils: list[CouncilSurvey]
    city: dict[SurveyIndicator, float]


@reads(Topic.SURVEYS, Topic.COUNCILS)
def survey_year(session: Session, year: int) -> SurveyYear:
    """Every council that surveyed in `year`, with last year's results beside."""
    rounds = session.execute(
        select(
            Council.id,
            Council.code,
            Council.name,
            func.sum(SurveyRound.sent),
            func.sum(SurveyRound.answered),
        )
        .join(Council, SurveyRound.council_id == Council.id)
        .where(SurveyRound.year == year)
        .group_by(Council.id, Council.code, Council.name)
        .order_by(Council.name)
    ).all()
    values = _by_council(session, [year, year - 1])
    city = indicator_shares(session, year)
    councils = [
        CouncilSurvey(
            code=code,
            name=name,
            sent=int(sent or 0),
            answered=int(answered or 0),
            results={i: v for (c, y, i), v in values.items() if c == cid and y == year},
            previous={i: v for (c, y, i), v in values.items() if c == cid and y == year - 1},
        )
        for cid, code, name, sent, answered in rounds
    ]
    return SurveyYear(year, councils, city)
