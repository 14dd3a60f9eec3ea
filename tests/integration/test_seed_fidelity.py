"""The demo data against the plan texts in shared/seeds, figure by figure (issue 9), worked out
by hand from the plans' sentences quoted beside each check."""

import json
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.db import Database
from layouts.activities import COLUMNS as ACTIVITY_COLUMNS
from layouts.plan_editor import ACTIVITY_COLUMNS as PLAN_COLUMNS
from models import ActionPlan, AppMeta, Council, DataNote, Incident, SurveyRound
from models.enums import IncidentSource, PlanStatus
from models.queries import council_page as q
from models.queries.activities import council_activity_rows
from seed.synthetic import decision_days
from tests.dash_calls import council_page


def _council(session: Session, code: str) -> Council:
    return session.scalars(select(Council).where(Council.code == code)).one()


def _by_source(session: Session, code: str, first: int, last: int) -> dict[tuple[int, str], int]:
    """What the council page's "Händelser per källa" chart is drawn from."""
    ids = [c.id for c in q.lineage(session, _council(session, code).id)]
    return {(y, str(s)): n for y, s, n in q.incidents_by(session, "source", ids, first, last)}


def test_ostermalm_sisab_three_at_the_end_of_2021_and_none_in_2022(demo_db: Database) -> None:
    """Plan 2023: "Under slutet av 2021 upptäcktes högerextremt klotter vid tre tillfällen på
    skolbyggnader av Sisab. Inga incidenter finns noterade därefter under 2022." """
    with demo_db.session() as session:
        counts = _by_source(session, "OST", 2021, 2022)
        assert counts.get((2022, "sisab"), 0) == 0
        ost = _council(session, "OST")
        late_2021 = session.execute(
            select(Incident.month, Incident.milieu, Incident.count, Incident.is_synthetic).where(
                Incident.council_id == ost.id,
                Incident.source == IncidentSource.SISAB,
                Incident.year == 2021,
                Incident.month >= 11,
            )
        ).all()
        assert sum(n for _m, _mil, n, _s in late_2021) == 3
        assert {(m, str(mil), s) for m, mil, _n, s in late_2021} <= {
            (11, "white_power", False),
            (12, "white_power", False),
        }


def test_nothing_invented_where_ostermalms_plan_2023_reports_everything(
    demo_db: Database,
) -> None:
    """Plan 2023 lists what was noted "sedan förra lägesbildens revidering i november 2021":
    "Trafikkontoret har fram till den 10 oktober 2022 inte noterat en enda skadegörelse", no IA
    report in 2022, no contact with the social services. No synthetic incident may fall there,
    and 2022 holds only the two forms from schools."""
    with demo_db.session() as session:
        ost = _council(session, "OST")
        invented = session.scalar(
            select(func.count(Incident.id)).where(
                Incident.council_id == ost.id,
                Incident.is_synthetic,
                Incident.occurred_on >= date(2021, 11, 1),
                Incident.occurred_on <= date(2022, 12, 31),
            )
        )
        assert invented == 0
        counts = _by_source(session, "OST", 2021, 2022)
        assert {s: n for (y, s), n in counts.items() if y == 2022} == {"form": 2}
        traffic_late_2021 = session.scalar(
            select(func.count(Incident.id)).where(
                Incident.council_id == ost.id,
                Incident.source == IncidentSource.TRAFFIC_OFFICE,
                Incident.year == 2021,
                Incident.month >= 11,
            )
        )
        assert traffic_late_2021 == 0


def test_ostermalm_survey_2022_has_the_plans_words(demo_db: Database) -> None:
    """ "ingen av de svarande enhetscheferna har noterat någon händelse" → 0 %; "bedömer också
    att deras och deras medarbetares kunskapsnivå är låg" → 18 % (3 of 17, the demo's stated
    choice); support material "omkring 65 procent" of the heads, staff "29-35 procent" in a
    note."""
    with demo_db.session() as session:
        ost = _council(session, "OST")
        survey = session.scalars(
            select(SurveyRound).where(SurveyRound.council_id == ost.id, SurveyRound.year == 2022)
        ).one()
        results = {r.indicator.value: r.percent for r in survey.results}
        assert results["observed_incident"] == 0
        assert results["knowledge_adequate"] == 18
        assert results["knows_support_material"] == 65
        notes = " ".join(
            session.scalars(
                select(DataNote.text).where(DataNote.council_id == ost.id, DataNote.year == 2022)
            )
        )
        assert "kunskapsnivå är låg" in notes and "18 %" in notes and "29–35 procent" in notes


def test_skarpnack_2020_graffiti_is_trafikkontorets(demo_db: Database) -> None:
    """Plan 2021: "Därtill har trafikkontoret bidragit med en sammanställning av förekomsten av
    klotter"; "Nazistiskt klotter … vid sex tillfällen", "Rasistiskt klotter och vänsterautonomt
    klotter har uppmärksammats vid två tillfällen" (read as two each: see the data note)."""
    with demo_db.session() as session:
        ska = _council(session, "SKA")
        rows = session.execute(
            select(Incident.source, Incident.milieu, func.sum(Incident.count))
            .where(
                Incident.council_id == ska.id,
                Incident.year == 2020,
                Incident.category == "graffiti",
            )
            .group_by(Incident.source, Incident.milieu)
        ).all()
        assert {(str(s), str(m)): int(n) for s, m, n in rows} == {
            ("traffic_office", "white_power"): 6,
            ("traffic_office", "unclear"): 2,
            ("traffic_office", "autonomous"): 2,
        }
        counts = _by_source(session, "SKA", 2020, 2020)
        assert counts[(2020, "traffic_office")] == 10
        assert (2020, "other") not in counts


def test_next_revision_is_t1_of_the_next_year(demo_db: Database) -> None:
    """Bromma 2020: "Nästa revidering sker i samband med tertialrapport 1 2021"; Östermalm and
    Skarpnäck 2021 the same with 2022: T1's last day, 30 April. Östermalm 2023 says instead
    "revideras årligen, i samband med verksamhetsplanering" and "Lägesbilden revideras under
    november 2022": its next revision is November 2023, and it was revised in November 2022."""
    with demo_db.session() as session:
        plans = session.execute(
            select(Council.code, ActionPlan.year, ActionPlan.next_revision).join(Council)
        ).all()
        assert len(plans) > 50
        for code, year, next_revision in plans:
            if (code, year) == ("OST", 2023):
                assert next_revision == date(2023, 11, 30)
            else:
                assert next_revision == date(year + 1, 4, 30), (code, year)
        ost_2023 = session.scalars(
            select(ActionPlan).join(Council).where(Council.code == "OST", ActionPlan.year == 2023)
        ).one()
        revised = ost_2023.lagesbild_revised_on
        assert revised is not None and (revised.year, revised.month) == (2022, 11)


def test_decision_days_follow_one_rule_and_never_lie_ahead(demo_db: Database) -> None:
    """The plans state no decision days: the nämnd decides between 8 December the year before
    and February, KS on the first Wednesday of June, never before the nämnd, never after the
    day the demo was loaded."""
    with demo_db.session() as session:
        meta = session.get(AppMeta, "demo_data")
        assert meta is not None
        loaded = date.fromisoformat(meta.value)
        plans = session.execute(
            select(
                Council.code,
                ActionPlan.year,
                ActionPlan.status,
                ActionPlan.council_approved_on,
                ActionPlan.ks_approved_on,
            ).join(Council)
        ).all()
        approved = 0
        for code, year, status, council_day, ks_day in plans:
            if status is PlanStatus.DRAFT:
                assert council_day is None and ks_day is None
                continue
            assert council_day == decision_days(code, year)[0]
            assert date(year - 1, 12, 8) <= council_day < date(year, 3, 1)
            assert council_day <= loaded and council_day.weekday() == 3  # a Thursday
            if status is PlanStatus.KS_APPROVED:
                approved += 1
                assert ks_day is not None and council_day < ks_day <= loaded
                assert ks_day.month == 6 and ks_day.day <= 7 and ks_day.weekday() == 2
            else:
                assert ks_day is None
        assert approved > 50
        # Östermalm 2023 (Dnr OST 2022/949): nämnd 23 Feb 2023, KS 7 June 2023 by the rule.
        assert decision_days("OST", 2023) == (date(2023, 2, 23), date(2023, 6, 7))
        notes = session.scalars(
            select(DataNote.text)
            .join(Council)
            .where(
                Council.code == "OST", DataNote.year == 2023, DataNote.text.contains("påhittade")
            )
        ).all()
        assert len(notes) == 1


def test_the_council_page_shows_the_notes_of_the_years_it_charts(login_as: Any) -> None:
    """Östermalm 2020's IA reports are counted once, as plan 2021 says ("I
    incidentrapporteringssystemet IA finns två anmälningar, vilka utgörs av incidenterna som
    nämns ovan"): the note stands under "Om siffrorna" beside the charts of 2020, and not on a
    page whose charts end before 2020."""
    client = login_as("ks")
    page_2020 = json.dumps(
        council_page(client, "OST", 2020)["council-data-notes"], ensure_ascii=False
    )
    assert "Om siffrorna" in page_2020
    assert "vilka utgörs av incidenterna som nämns ovan" in page_2020
    assert "2020, Östermalm" in page_2020
    assert "2022, Östermalm" not in page_2020  # a later year's note waits for its year
    page_2019 = council_page(client, "OST", 2019)["council-data-notes"]
    assert "incidenterna som nämns ovan" not in json.dumps(page_2019, ensure_ascii=False)
    # Norra innerstaden's page charts Östermalm's years too, and so shows their notes.
    page_nin = json.dumps(
        council_page(client, "NIN", 2024)["council-data-notes"], ensure_ascii=False
    )
    assert "Om siffrorna" in page_nin and "2022, Östermalm" in page_nin


def test_activities_carry_the_plans_own_wording(demo_db: Database) -> None:
    """Östermalm 2023: "Senast 31 dec 2023" and "Uppdatering handlingsplan mot VBE"; the
    Skarpnäckmodellen of 2021 "T.o.m. 2022-12-31", "I ordinarie verksamhetsuppföljning"."""
    wording_columns = {"schedule_text", "follow_up_text"}
    assert wording_columns <= {c["field"] for c in ACTIVITY_COLUMNS}
    assert wording_columns <= {c["field"] for c in PLAN_COLUMNS}
    headers = {c["headerName"] for c in ACTIVITY_COLUMNS}
    assert {"Tidplan (planens text)", "Uppföljning (planens text)"} <= headers
    with demo_db.session() as session:
        rows = council_activity_rows(session, _council(session, "OST").id, 2023)
        training = next(r for r in rows if r["description"].startswith("Alla handläggare"))
        assert training["deadline"] == "2023-12-31"
        assert training["schedule_text"] == "Senast 31 dec 2023"
        assert training["follow_up_text"] == "Uppdatering handlingsplan mot VBE"
        rows = council_activity_rows(session, _council(session, "SKA").id, 2021)
        model = next(r for r in rows if r["description"].startswith("Skarpnäcksmodellen"))
        assert (model["deadline"], model["schedule_text"], model["follow_up_text"]) == (
            "2022-12-31",
            "T.o.m. 2022-12-31",
            "I ordinarie verksamhetsuppföljning",
        )
        real = session.scalars(select(ActionPlan).where(~ActionPlan.is_synthetic)).all()
        assert len(real) == 4
        for plan in real:
            for activity in plan.activities:
                if activity.carried_from_id is None:
                    assert activity.schedule_text and activity.follow_up_text
