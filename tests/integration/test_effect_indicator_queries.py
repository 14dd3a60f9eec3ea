"""Effect indicators: weighted awareness per year, reporting via form and IA, per 10 000."""

from datetime import date

import pytest

from dashboard.db import Database
from models import (
    Council,
    CouncilPopulation,
    CouncilSuccession,
    Incident,
    SurveyResult,
    SurveyRound,
)
from models.enums import CouncilKind, IncidentCategory, IncidentSource, Milieu, SurveyIndicator
from models.queries import effect_indicators as q
from tests.rows import council


def _incident(council: Council, year: int, source: IncidentSource, count: int) -> Incident:
    incident = Incident(
        council=council,
        source=source,
        category=IncidentCategory.CONCERN,
        milieu=Milieu.UNCLEAR,
        count=count,
    )
    incident.set_date(date(year, 3, 1))
    return incident


def test_effect_indicators(empty_db: Database) -> None:
    with empty_db.session() as session:
        ska, far = (
            Council(code=c, name=n, kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1))
            for c, n in (("SKA", "Skarpnäck"), ("FAR", "Farsta"))
        )
        form, knows_plan = SurveyIndicator.KNOWS_FORM, SurveyIndicator.KNOWS_PLAN
        session.add_all(
            [
                SurveyRound(
                    council=ska,
                    year=2025,
                    audience="Chefer",
                    sent=20,
                    answered=10,
                    results=[
                        SurveyResult(indicator=form, percent=40.0),
                        SurveyResult(indicator=knows_plan, percent=80.0),
                    ],
                ),
                SurveyRound(
                    council=far,
                    year=2025,
                    audience="Chefer",
                    sent=40,
                    answered=30,
                    results=[SurveyResult(indicator=form, percent=60.0)],
                ),
                _incident(ska, 2025, IncidentSource.FORM, 2),
                _incident(ska, 2025, IncidentSource.IA, 1),
                _incident(ska, 2025, IncidentSource.TRAFFIC_OFFICE, 9),  # not a report made
                _incident(far, 2024, IncidentSource.IA, 4),
            ]
        )
        session.flush()
        session.add(
            CouncilPopulation(council_id=ska.id, year=2025, population=60_000, source="test")
        )
        session.flush()
        awareness = q.awareness_by_year(session)
        assert awareness[2025][form] == pytest.approx((40 * 10 + 60 * 30) / 40)
        assert awareness[2025][knows_plan] == pytest.approx(80.0)
        assert sorted(q.reporting_by_year(session)) == [
            (2024, IncidentSource.IA, 4),
            (2025, IncidentSource.FORM, 2),
            (2025, IncidentSource.IA, 1),
        ]
        rows = {r.code: r for r in q.knowledge_and_reporting(session, 2025)}
    assert rows["SKA"].reports == 3 and rows["SKA"].reports_per_10k == pytest.approx(0.5)
    assert rows["SKA"].knows_form == pytest.approx(40.0)
    assert rows["FAR"].reports == 0 and rows["FAR"].reports_per_10k is None  # no population


def test_a_council_formed_in_the_year_counts_its_predecessors_reports(empty_db: Database) -> None:
    """Järva from July 2023: Rinkeby-Kista's spring reports belong to Järva's 2023 figure."""
    with empty_db.session() as session:
        rik = council("RIK", "Rinkeby-Kista", date(2007, 1, 1), date(2023, 6, 30))
        jar = Council(
            code="JAR", name="Järva", kind=CouncilKind.DISTRICT, valid_from=date(2023, 7, 1)
        )
        session.add_all(
            [
                CouncilSuccession(predecessor=rik, successor=jar, effective_on=date(2023, 7, 1)),
                _incident(rik, 2023, IncidentSource.FORM, 3),  # March, before the merger
                _incident(jar, 2023, IncidentSource.IA, 2),
                SurveyRound(
                    council=jar,
                    year=2023,
                    audience="Chefer",
                    sent=10,
                    answered=5,
                    results=[SurveyResult(indicator=SurveyIndicator.KNOWS_FORM, percent=50.0)],
                ),
            ]
        )
        session.flush()
        session.add(
            CouncilPopulation(council_id=jar.id, year=2023, population=100_000, source="test")
        )
        session.flush()
        (row,) = q.knowledge_and_reporting(session, 2023)
    assert (row.code, row.reports) == ("JAR", 5)
    assert row.reports_per_10k == pytest.approx(0.5)
