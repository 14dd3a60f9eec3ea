"""The demo data: the real organisation and plans, the documents' figures, marked synthetic rest."""

from collections import Counter
from datetime import date

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.personal_data import find_personal_data
from models import (
    ActionPlan,
    Activity,
    AppMeta,
    Council,
    CouncilPopulation,
    DataNote,
    Incident,
    SurveyRound,
    User,
)
from models.enums import CouncilKind, Schedule
from seed.demo import seed_demo
from seed.plans import real_plans


def _districts_on(session: Session, day: date) -> set[str]:
    rows = session.scalars(
        select(Council.code).where(
            Council.kind == CouncilKind.DISTRICT,
            Council.valid_from <= day,
            (Council.valid_to.is_(None)) | (Council.valid_to >= day),
        )
    )
    return set(rows)


def test_district_history_14_13_11(demo_db: Database) -> None:
    with demo_db.session() as session:
        assert len(_districts_on(session, date(2020, 6, 30))) == 14
        assert len(_districts_on(session, date(2020, 7, 1))) == 13
        assert len(_districts_on(session, date(2023, 6, 30))) == 13
        after = _districts_on(session, date(2023, 7, 1))
        assert len(after) == 11 and {"JAR", "NIN", "HAE"} <= after
        specialists = session.scalar(
            select(func.count(Council.id)).where(Council.kind == CouncilKind.SPECIALIST)
        )
        assert specialists == 5
        jarva = session.scalar(select(Council).where(Council.code == "JAR"))
        assert jarva is not None
        assert {c.code for c in jarva.predecessors} == {"RIK", "SPT"}
        hae = session.scalar(select(Council).where(Council.code == "HAE"))
        assert hae is not None and {p.name for p in hae.police_areas} == {"Skärholmen", "Globen"}


def test_population_has_a_stated_source(demo_db: Database) -> None:
    with demo_db.session() as session:
        row = session.scalar(
            select(CouncilPopulation)
            .join(Council)
            .where(Council.code == "SKA", CouncilPopulation.year == 2021)
        )
        assert row is not None and row.population == 47_600
        assert "demoantagande" in row.source


def test_all_activities_of_the_four_real_plans_are_loaded(demo_db: Database) -> None:
    with demo_db.session() as session:
        for plan_data in real_plans():
            plan = session.scalar(
                select(ActionPlan)
                .join(Council)
                .where(Council.code == plan_data["council"], ActionPlan.year == plan_data["year"])
            )
            assert plan is not None and not plan.is_synthetic
            assert plan.dnr == plan_data["dnr"]
            stored = Counter((a.section.value, a.description) for a in plan.activities)
            expected = Counter((a["section"], a["description"]) for a in plan_data["activities"])
            assert stored == expected
            for activity, data in zip(plan.activities, plan_data["activities"], strict=True):
                assert activity.schedule.value == data["schedule"]
                assert activity.deadline == data["deadline"]
                assert activity.follow_up.value == data["follow_up"]
                assert not activity.is_synthetic


def test_real_plans_cover_every_section_and_both_schedule_kinds() -> None:
    plans = {(p["council"], p["year"]): p for p in real_plans()}
    assert set(plans) == {("OST", 2021), ("OST", 2023), ("SKA", 2021), ("BRO", 2020)}
    assert plans[("OST", 2023)]["dnr"] == "OST 2022/949"
    assert plans[("SKA", 2021)]["dnr"] == "SKA 2021/165"
    for plan in plans.values():
        sections = {a["section"] for a in plan["activities"]}
        assert {"preventive", "preventing", "competence"} <= sections
        kinds = {a["schedule"] for a in plan["activities"]}
        assert kinds <= {s.value for s in Schedule}
        for activity in plan["activities"]:
            assert (activity["schedule"] == "deadline") == (activity["deadline"] is not None)
            assert "Ã" not in activity["description"]  # no mojibake left from the OCR
    # Real plans run activities past their own year (KS accepts it).
    assert any(
        a["deadline"] and a["deadline"].year > 2021 for a in plans[("SKA", 2021)]["activities"]
    )
    target = [a for a in plans[("OST", 2021)]["activities"] if a.get("target")]
    assert any("10" in a["target"] for a in target)


def test_document_figures_are_incidents(demo_db: Database) -> None:
    with demo_db.session() as session:

        def total(code: str, year: int, **where: str) -> int:
            stmt = (
                select(func.coalesce(func.sum(Incident.count), 0))
                .join(Council)
                .where(Council.code == code, Incident.year == year, ~Incident.is_synthetic)
            )
            for column, value in where.items():
                stmt = stmt.where(getattr(Incident, column) == value)
            return int(session.scalar(stmt) or 0)

        # Östermalm 2020: 4 graffiti via Trafikkontoret, 2 via SISAB, 3 forms from schools.
        assert total("OST", 2020, source="traffic_office") == 4
        assert total("OST", 2020, source="traffic_office", milieu="autonomous") == 2
        assert total("OST", 2020, source="sisab") == 2
        assert total("OST", 2020, source="form") == 3
        # Skarpnäck 2020: Nazi graffiti 6 times, no IA reports.
        assert total("SKA", 2020, category="graffiti", milieu="white_power") == 6
        assert total("SKA", 2020, source="ia") == 0
        assert total("SKA", 2020, source="social_services") == 2
        # Bromma 2019: white-power graffiti, mainly in Blackeberg.
        blackeberg = session.scalar(
            select(func.count(Incident.id))
            .join(Council)
            .where(Council.code == "BRO", Incident.year == 2019, Incident.sub_area == "Blackeberg")
        )
        assert blackeberg


def test_real_survey_of_ostermalm_2022(demo_db: Database) -> None:
    with demo_db.session() as session:
        survey = session.scalar(
            select(SurveyRound)
            .join(Council)
            .where(Council.code == "OST", SurveyRound.year == 2022, ~SurveyRound.is_synthetic)
        )
        assert survey is not None and survey.sent == 26
        assert round(survey.response_rate) == 65
        results = {r.indicator.value: r.percent for r in survey.results}
        assert results["knows_plan"] == 82 and results["believes_staff_know_plan"] == 29


def test_synthetic_rows_are_marked_and_the_demo_flag_is_set(demo_db: Database) -> None:
    with demo_db.session() as session:
        assert session.get(AppMeta, "demo_data") is not None
        # Other tests add plans of their own to this shared database: look at the seed's plans.
        in_synthetic_plans = (
            select(Activity.is_synthetic).join(ActionPlan).where(ActionPlan.is_synthetic)
        )
        assert all(session.scalars(in_synthetic_plans))
        real = session.scalar(
            select(func.count(Activity.id))
            .join(ActionPlan)
            .join(Council)
            .where(
                ~Activity.is_synthetic,
                tuple_(Council.code, ActionPlan.year).in_(
                    [(p["council"], p["year"]) for p in real_plans()]
                ),
            )
        )
        assert real == sum(len(p["activities"]) for p in real_plans())
        synthetic_plans = session.scalar(
            select(func.count(ActionPlan.id)).where(ActionPlan.is_synthetic)
        )
        assert synthetic_plans and synthetic_plans > 50
        roles = dict(session.execute(select(User.username, User.role)).all())
        assert roles["ostermalm"].value == "coordinator" and roles["ks"].value == "reader"


def test_seed_holds_no_personal_data(demo_db: Database) -> None:
    with demo_db.session() as session:
        texts = list(session.scalars(select(Incident.description).distinct()))
        texts += [a.comment or "" for a in session.scalars(select(Activity))]
        for plan in session.scalars(select(ActionPlan).where(~ActionPlan.is_synthetic)):
            texts += [plan.lagesbild, plan.sources, plan.analysis]
    assert [t for t in texts if find_personal_data(t)] == []


def test_seeding_twice_changes_nothing(empty_db: Database) -> None:
    today = date(2026, 11, 24)
    with empty_db.session() as session:
        assert seed_demo(session, today).loaded

    def counts() -> tuple[int, ...]:
        with empty_db.session() as session:
            return tuple(
                int(session.scalar(select(func.count()).select_from(m)) or 0)
                for m in (Council, ActionPlan, Activity, Incident, SurveyRound, User, DataNote)
            )

    before = counts()
    assert before[-1] == 10  # data notes: 6 on figures, one per real plan on its decision days
    with empty_db.session() as session:
        assert not seed_demo(session, today).loaded
    assert counts() == before
