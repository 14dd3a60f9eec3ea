"""Översikt's aggregates on a small data set whose answers are worked out by hand."""

from datetime import date

from dashboard.db import Database
from models import ActionPlan, Activity, Council, Incident
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
)
from models.queries import overview as q

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
        ost = Council(
            code="OST",
            name="Östermalm",
            kind=CouncilKind.DISTRICT,
            valid_from=date(2007, 1, 1),
            valid_to=date(2023, 6, 30),
        )
        nin = Council(
            code="NIN",
            name="Norra innerstaden",
            kind=CouncilKind.DISTRICT,
            valid_from=date(2023, 7, 1),
        )
        soc = Council(
            code="SOC",
            name="Socialnämnden",
            kind=CouncilKind.SPECIALIST,
            valid_from=date(2007, 1, 1),
        )
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


def test_incidents_sum_counts_per_year_and_milieu(empty_db: Database) -> None:
    _load(empty_db)
    with empty_db.session() as session:
        rows = q.incidents_by_year_and_milieu(session, 2022, 2026)
    assert (2022, Milieu.WHITE_POWER, 4) in rows
    assert (2022, Milieu.AUTONOMOUS, 2) in rows
    assert (2025, Milieu.ISLAMIST, 6) in rows
    assert sum(n for _, _, n in rows) == 16


def test_same_period_last_year(empty_db: Database) -> None:
    _load(empty_db)
    with empty_db.session() as session:
        assert q.incident_total(session, 2026, up_to_month=TODAY.month) == 4
        assert q.incident_total(session, 2025, up_to_month=TODAY.month) == 1
        assert q.incident_total(session, 2025) == 6


def test_activity_status_and_overdue(empty_db: Database) -> None:
    _load(empty_db)
    with empty_db.session() as session:
        counts = q.activity_status_counts(session, 2026)
        assert counts[ActivityStatus.ONGOING] == 2
        assert counts[ActivityStatus.DONE] == 1
        assert counts[ActivityStatus.DELAYED] == 0
        assert q.overdue_activity_count(session, 2026, TODAY) == 1


def test_plan_approval_counts_councils_existing_on_1_january(empty_db: Database) -> None:
    _load(empty_db)
    with empty_db.session() as session:
        approval = q.plan_approval(session, 2026)
        assert (approval.ks_approved, approval.councils) == (1, 2)
        # In 2023 Östermalm still existed on 1 January; Norra innerstaden came in July.
        assert q.plan_approval(session, 2023).councils == 2
