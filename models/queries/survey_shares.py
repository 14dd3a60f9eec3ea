"""Survey shares combined over rounds, weighted by the number of answers: a council's two
audiences, or the whole city, then count every respondent once instead of every round once."""

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from models.enums import SurveyIndicator
from models.survey import SurveyResult, SurveyRound


def weighted_shares(*keys: Any) -> Select[Any]:
    """`keys…, Σ percent × answered, Σ answered` grouped by the keys; callers add their WHERE
    and read the rows with `shares()`."""
    return (
        select(
            *keys,
            func.sum(SurveyResult.percent * SurveyRound.answered),
            func.sum(SurveyRound.answered),
        )
        .select_from(SurveyResult)
        .join(SurveyRound, SurveyResult.round_id == SurveyRound.id)
        .group_by(*keys)
    )


def shares(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """Each row's keys followed by its share in percent; rows without answers are left out.
    The division stays in Python: SQLite divides whole numbers as integers."""
    for *keys, weighted, answers in rows:
        if answers:
            yield (*keys, float(weighted) / float(answers))


def indicator_shares(
    session: Session, year: int, council_id: int | None = None
) -> dict[SurveyIndicator, float]:
    """Each indicator's share in `year`, for one council or (None) the whole city."""
    stmt = weighted_shares(SurveyResult.indicator).where(SurveyRound.year == year)
    if council_id is not None:
        stmt = stmt.where(SurveyRound.council_id == council_id)
    return dict(shares(session.execute(stmt)))
