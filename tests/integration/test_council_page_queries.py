"""The council page's queries: a merged council's lines continue its predecessors', sub-areas,
and survey indicators against the city and the previous year."""

from datetime import date

from dashboard.db import Database
from models import Council, CouncilSuccession, Incident, SurveyResult, SurveyRound
from models.enums import CouncilKind, IncidentCategory, IncidentSource, Milieu, SurveyIndicator
from models.queries import council_page as q


def _council(code: str, valid_from: date, valid_to: date | None = None) -> Council:
    return Council(
        code=code,
        name=code.title(),
        kind=CouncilKind.DISTRICT,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def _incident(council: Council, day: date, count: int, sub_area: str | None = None) -> Incident:
    incident = Incident(
        council=council,
        source=IncidentSource.TRAFFIC_OFFICE,
        category=IncidentCategory.GRAFFITI,
        milieu=Milieu.WHITE_POWER,
        count=count,
        sub_area=sub_area,
    )
    incident.set_date(day)
    return incident


def _round(council: Council, year: int, answered: int, knows_plan: float) -> SurveyRound:
    return SurveyRound(
        council=council,
        year=year,
        audience="Enhetschefer",
        sent=40,
        answered=answered,
        results=[SurveyResult(indicator=SurveyIndicator.KNOWS_PLAN, percent=knows_plan)],
    )


def test_merged_council_lines_and_survey_comparison(empty_db: Database) -> None:
    with empty_db.session() as session:
        rik = _council("RIK", date(2007, 1, 1), date(2023, 6, 30))
        spt = _council("SPT", date(2007, 1, 1), date(2023, 6, 30))
        jar = _council("JAR", date(2023, 7, 1))
        other = _council("FAR", date(2007, 1, 1))
        merger = date(2023, 7, 1)
        session.add_all(
            [
                CouncilSuccession(predecessor=rik, successor=jar, effective_on=merger),
                CouncilSuccession(predecessor=spt, successor=jar, effective_on=merger),
                _incident(rik, date(2022, 5, 1), 2, "Husby"),
                _incident(spt, date(2022, 6, 1), 3, "Tensta"),
                _incident(jar, date(2024, 2, 1), 4, "Husby"),
                _incident(other, date(2022, 5, 1), 7),
                _round(jar, 2024, 30, 60.0),
                _round(jar, 2023, 20, 50.0),
                _round(other, 2024, 10, 100.0),
            ]
        )
        session.flush()
        assert q.first_incident_year(session) == 2022  # the charts start here, not at zeros
        area = [c.id for c in q.lineage(session, jar.id)]
        assert sorted(area) == sorted([rik.id, spt.id, jar.id])
        assert [c.code for c in q.successors(session, rik.id)] == ["JAR"]
        rows = q.incidents_by(session, "milieu", area, 2022, 2024)
        assert sorted((y, n) for y, _, n in rows) == [(2022, 5), (2024, 4)]
        sub_areas = q.incidents_by_sub_area(session, area, 2022, 2024)
        assert sub_areas == [("Husby", 2022, 2), ("Husby", 2024, 4), ("Tensta", 2022, 3)]
        (knows,) = q.survey_comparison(session, jar.id, 2024)
        assert knows.council == 60.0 and knows.previous_year == 50.0
        assert knows.city == (60.0 * 30 + 100.0 * 10) / 40  # weighted by answers
        assert q.response_rate(session, jar.id, 2024) == (40, 30)
        assert q.response_rate(session, jar.id, 2020) is None


def test_no_incidents_no_first_year(empty_db: Database) -> None:
    with empty_db.session() as session:
        assert q.first_incident_year(session) is None
