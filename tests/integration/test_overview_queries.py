"""Översikt's aggregates on a small data set whose answers are worked out by hand."""

from datetime import date

import pytest
from sqlalchemy import select

from dashboard.db import Database
from models import ActionPlan, Activity, Council, CouncilPopulation, CouncilSuccession, Incident
from models.enums import (
    ActivityStatus,
    CouncilKind,
    FollowUp,
    IncidentCategory,
    IncidentSource,
    Milieu,
    PlanStatus,
    Schedule,
    Section,
    SurveyIndicator,
)
from models.queries import overview as q
from models.survey import SurveyResult, SurveyRound
from tests.rows import council

TODAY = date(2026, 5, 20)


def _incident(council: Council, day: date, milieu: Milieu, count: int) -> Incident:
    incident = Incident(
        council=council,
        source=IncidentSource.TRAFFIC_OFFICE,
        category=IncidentCategory.GRAFFITI,
        milieu=milieu,
        count=count,
    )
    incident.set_date(day)
    return incident


def _activity(status: ActivityStatus, deadline: date | None) -> Activity:
    return Activity(
        section=Section.COMPETENCE,
        description="Utbildning",
        responsible="Samordnare",
        schedule=Schedule.DEADLINE if deadline else Schedule.CONTINUOUS,
        deadline=deadline,
        follow_up=FollowUp.VB,
        status=status,
        completed_on=deadline if status is ActivityStatus.DONE else None,
    )


def _load(database: Database) -> None:
    with database.session() as session:
        ost = council("OST", "Östermalm", date(2007, 1, 1), date(2023, 6, 30))
        nin = council("NIN", "Norra innerstaden", date(2023, 7, 1))
        soc = council("SOC", "Socialnämnden", date(2007, 1, 1), None, CouncilKind.SPECIALIST)
        session.add_all([ost, nin, soc])
        session.add_all(
            [
                _incident(ost, date(2022, 3, 1), Milieu.WHITE_POWER, 3),
                _incident(ost, date(2022, 9, 1), Milieu.WHITE_POWER, 1),
                _incident(ost, date(2022, 10, 1), Milieu.AUTONOMOUS, 2),
                _incident(nin, date(2026, 2, 1), Milieu.WHITE_POWER, 4),
                _incident(nin, date(2025, 4, 30), Milieu.ISLAMIST, 1),
                _incident(nin, date(2025, 6, 1), Milieu.ISLAMIST, 5),
            ]
        )
        session.add(
            ActionPlan(
                council=nin,
                year=2026,
                status=PlanStatus.KS_APPROVED,
                ks_approved_on=date(2026, 5, 1),
                activities=[
                    _activity(ActivityStatus.DONE, date(2026, 3, 31)),
                    _activity(ActivityStatus.ONGOING, date(2026, 4, 30)),  # overdue
                    _activity(ActivityStatus.CANCELLED, date(2026, 4, 30)),  # not overdue
                    _activity(ActivityStatus.NOT_STARTED, date(2026, 12, 31)),
                    _activity(ActivityStatus.ONGOING, None),
                ],
            )
        )
        session.add(ActionPlan(council=soc, year=2026, status=PlanStatus.COUNCIL_APPROVED))


def test_this_period_against_the_same_months_last_year(empty_db: Database) -> None:
    _load(empty_db)
    with empty_db.session() as session:
        now = q.incident_comparison(session, q.OverviewFilter(2026), TODAY)
        assert now.months == (1, 5)  # up to May, as it is May
        assert (now.total, now.total_last_year) == (4, 1)
        assert now.this_year[Milieu.WHITE_POWER] == 4 and now.last_year[Milieu.ISLAMIST] == 1
        # T2 is cumulative: 30 April and 1 June 2025.
        t2 = q.incident_comparison(session, q.OverviewFilter(2025, "t2"), TODAY)
        assert (t2.months, t2.total) == ((1, 8), 6)
        only = q.OverviewFilter(2022, milieu=Milieu.AUTONOMOUS)
        assert q.incident_comparison(session, only, TODAY).total == 2
        specialist = q.OverviewFilter(2026, kind=CouncilKind.SPECIALIST)
        assert q.incident_comparison(session, specialist, TODAY).total == 0


def test_trend_sums_counts_per_tertial_and_month(empty_db: Database) -> None:
    _load(empty_db)
    with empty_db.session() as session:
        rows = q.incident_trend(session, q.OverviewFilter(2026), 2022, "tertial")
        assert (2022, 1, Milieu.WHITE_POWER, 3) in rows
        assert (2022, 3, Milieu.AUTONOMOUS, 2) in rows
        assert (2025, 2, Milieu.ISLAMIST, 5) in rows
        assert sum(n for *_, n in rows) == 16
        months = q.incident_trend(session, q.OverviewFilter(2022), 2022, "month")
        assert [(m, n) for _, m, _, n in months] == [(3, 3), (9, 1), (10, 2)]


def test_activity_figures_follow_the_domain_rules(empty_db: Database) -> None:
    _load(empty_db)
    with empty_db.session() as session:
        year = q.activity_figures(session, q.OverviewFilter(2026), TODAY)
        # Due in 2026: four with a deadline; done: one (on time); overdue: the ongoing one.
        assert (year.due, year.done, year.done_late, year.overdue, year.total) == (4, 1, 0, 1, 5)
        t1 = q.activity_figures(session, q.OverviewFilter(2026, "t1"), TODAY)
        assert (t1.due, t1.done, t1.overdue) == (3, 1, 1)
        # T2 counts from 1 January, so it holds T1's deadlines and the one still open.
        t2 = q.activity_figures(session, q.OverviewFilter(2026, "t2"), TODAY)
        assert (t2.due, t2.done, t2.overdue) == (3, 1, 1)
        assert len(q.overdue_activities(session, q.OverviewFilter(2026, "t2"), TODAY)) == 1
        overdue = q.overdue_activities(session, q.OverviewFilter(2026), TODAY)
        assert [(o.council_code, o.deadline, o.days_over) for o in overdue] == [
            ("NIN", date(2026, 4, 30), 20)
        ]


def test_councils_of_the_year_with_population_and_completion(empty_db: Database) -> None:
    _load(empty_db)
    with empty_db.session() as session:
        nin = session.query(Council).filter_by(code="NIN").one()
        session.add(
            CouncilPopulation(council_id=nin.id, year=2026, population=80_000, source="test")
        )
        session.flush()
        figures = {c.code: c for c in q.council_figures(session, q.OverviewFilter(2026), TODAY)}
        assert set(figures) == {"NIN", "SOC"}  # Östermalm ended in 2023
        assert figures["NIN"].incidents == 4 and figures["NIN"].per_10k == 0.5
        assert figures["NIN"].completion == 25.0
        assert figures["SOC"].per_10k is None and figures["SOC"].completion is None
        ost = session.query(Council).filter_by(code="OST").one()
        session.add(
            CouncilSuccession(predecessor=ost, successor=nin, effective_on=date(2023, 7, 1))
        )
        session.add(_incident(ost, date(2023, 2, 1), Milieu.UNCLEAR, 2))
        session.add(_incident(nin, date(2023, 9, 1), Milieu.UNCLEAR, 1))
        session.flush()
        in_2023 = {c.code: c for c in q.council_figures(session, q.OverviewFilter(2023), TODAY)}
        # The districts at the end of 2023, Östermalm's spring counted in Norra innerstaden.
        assert set(in_2023) == {"NIN", "SOC"} and in_2023["NIN"].incidents == 3
        in_2022 = {c.code for c in q.council_figures(session, q.OverviewFilter(2022), TODAY)}
        assert in_2022 == {"OST", "SOC"}


def test_plans_approved_out_of_councils_existing_on_1_january(empty_db: Database) -> None:
    _load(empty_db)
    with empty_db.session() as session:
        assert q.plans_approved(session, q.OverviewFilter(2026)) == (1, 2)
        # In 2023 Östermalm still existed on 1 January; Norra innerstaden came in July.
        assert q.plans_approved(session, q.OverviewFilter(2023))[1] == 2
        assert q.plans_approved(session, q.OverviewFilter(2026, kind=CouncilKind.SPECIALIST)) == (
            0,
            1,
        )


def test_awareness_counts_every_respondent_once(empty_db: Database) -> None:
    """Two rounds of different size: the city share is weighted by answers, not by rounds."""
    _load(empty_db)
    knows = SurveyIndicator.KNOWS_PLAN
    with empty_db.session() as session:
        nin, soc = (
            session.scalars(select(Council).where(Council.code == c)).one() for c in ("NIN", "SOC")
        )
        for council, answered, percent in ((nin, 30, 50.0), (soc, 10, 90.0)):
            session.add(
                SurveyRound(
                    council=council,
                    year=2026,
                    audience="Medarbetare",
                    sent=40,
                    answered=answered,
                    results=[SurveyResult(indicator=knows, percent=percent)],
                )
            )
    with empty_db.session() as session:
        assert q.survey_awareness(session, q.OverviewFilter(2026)) == pytest.approx(60.0)
        specialist = q.OverviewFilter(2026, kind=CouncilKind.SPECIALIST)
        assert q.survey_awareness(session, specialist) == pytest.approx(90.0)
        assert q.survey_awareness(session, q.OverviewFilter(2025)) is None


def test_a_period_that_has_not_begun_compares_nothing(empty_db: Database) -> None:
    _load(empty_db)
    next_year = q.OverviewFilter(2027, "t2")
    assert not next_year.has_begun(TODAY)
    # T2 counts from 1 January: on 30 April it has begun, and compares jan–apr with jan–apr.
    t2 = q.OverviewFilter(2026, "t2")
    end_of_april = date(2026, 4, 30)
    assert t2.has_begun(end_of_april)
    with empty_db.session() as session:
        comparison = q.incident_comparison(session, t2, end_of_april)
    assert comparison.months == (1, 4)
    assert (comparison.total, comparison.total_last_year) == (4, 1)
