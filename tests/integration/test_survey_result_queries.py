"""Enkäter's numbers: rounds weighted by answers, the city average, change since last year."""

from datetime import date

import pytest

from dashboard.db import Database
from models import Council, SurveyResult, SurveyRound
from models.enums import CouncilKind, SurveyIndicator
from models.queries import survey_results as q

KNOWS_PLAN, KNOWS_FORM = SurveyIndicator.KNOWS_PLAN, SurveyIndicator.KNOWS_FORM


def _round(council: Council, year: int, audience: str, sent: int, answered: int, **pct: float):  # type: ignore[no-untyped-def]
    return SurveyRound(
        council=council,
        year=year,
        audience=audience,
        sent=sent,
        answered=answered,
        results=[SurveyResult(indicator=SurveyIndicator(k), percent=v) for k, v in pct.items()],
    )


def test_survey_year(empty_db: Database) -> None:
    with empty_db.session() as session:
        ost = Council(
            code="OST", name="Östermalm", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        far = Council(
            code="FAR", name="Farsta", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        session.add_all(
            [
                # Östermalm 2022 as in the plan of 2023: 26 unit heads, 17 answers.
                _round(ost, 2022, "Enhetschefer", 26, 17, knows_plan=82.0, knows_form=30.0),
                _round(ost, 2022, "Medarbetare", 100, 20, knows_plan=30.0),
                _round(ost, 2021, "Enhetschefer", 25, 20, knows_plan=70.0),
                _round(far, 2022, "Enhetschefer", 10, 9, knows_plan=90.0),
            ]
        )
        session.flush()
        assert q.survey_years(session) == [2022, 2021]
        data = q.survey_year(session, 2022)
    by_code = {c.code: c for c in data.councils}
    ost_2022 = by_code["OST"]
    assert (ost_2022.sent, ost_2022.answered) == (126, 37)
    assert ost_2022.results[KNOWS_PLAN] == pytest.approx((82 * 17 + 30 * 20) / 37)
    assert ost_2022.results[KNOWS_FORM] == pytest.approx(30.0)
    assert ost_2022.low_response and not by_code["FAR"].low_response
    assert ost_2022.change(KNOWS_PLAN) == pytest.approx((82 * 17 + 30 * 20) / 37 - 70.0)
    assert ost_2022.change(KNOWS_FORM) is None  # not asked the year before
    assert by_code["FAR"].change(KNOWS_PLAN) is None
    assert data.city[KNOWS_PLAN] == pytest.approx((82 * 17 + 30 * 20 + 90 * 9) / 46)
