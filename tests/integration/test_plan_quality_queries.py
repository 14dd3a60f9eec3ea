"""Plankvalitet's checklist on plans built by hand, on SQLite and (when configured) PostgreSQL."""

from datetime import date

from sqlalchemy import event

from dashboard.db import Database
from models import (
    ActionPlan,
    Activity,
    CooperationMeeting,
    Council,
    CouncilSuccession,
    SurveyRound,
)
from models.enums import CouncilKind, FollowUp, PlanStatus, Schedule, Section
from models.queries.plan_quality import (
    ACTIVITY_FIELDS,
    CIVIL_SOCIETY,
    COUNCIL_APPROVED,
    CULTURE_GRANTS,
    CULTURE_LAGESBILD,
    GRANTS_FOLLOW_UP,
    GRANTS_PREMISES,
    GROUPS,
    HONOUR,
    INDIVIDUAL,
    KS_APPROVED,
    LAGESBILD,
    POLICE,
    PRIORITY,
    REVISION,
    SECTIONS,
    SSP,
    SUPPORT_DISTRICTS,
    SURVEY,
    TRAININGS,
    PlanQuality,
    lagesbild_window,
    plan_quality,
    revision_window,
)

YEAR = 2024
ALL_KEYS = [
    SECTIONS,
    ACTIVITY_FIELDS,
    GROUPS,
    LAGESBILD,
    SURVEY,
    TRAININGS,
    PRIORITY,
    REVISION,
    GRANTS_PREMISES,
    GRANTS_FOLLOW_UP,
    COUNCIL_APPROVED,
    KS_APPROVED,
    POLICE,
    SSP,
    INDIVIDUAL,
    CIVIL_SOCIETY,
    HONOUR,
]
# A plan that says everything the memo asks of a district council, one demand per activity.
COMPLETE_TEXTS = {
    Section.PREVENTIVE: "SSP-samverkan med skola och polis kring oro för radikalisering. "
    "Arbetet mot VBE har särskilt hög prioritet i nämndens brottsförebyggande arbete.",
    Section.PREVENTING: "Insatser ges efter individuell bedömning; kopplingen till stadens "
    "program mot våld i nära relationer och hedersrelaterat våld och förtryck beaktas.",
    Section.GRANTS_PREMISES: "Kontroll av demokrativillkor vid föreningsbidrag och upplåtande "
    "av lokaler; beviljade bidrag följs upp vid återrapporteringen.",
    Section.COMPETENCE: "Relevant personal deltar i stadens utbildningar om VBE.",
}


def _council(code: str, name: str, kind: CouncilKind = CouncilKind.DISTRICT, **dates) -> Council:  # type: ignore[no-untyped-def]
    return Council(
        code=code,
        name=name,
        kind=kind,
        valid_from=dates.get("valid_from", date(2007, 1, 1)),
        valid_to=dates.get("valid_to"),
    )


def _activity(
    section: Section, responsible: str = "Lokal samordnare", description: str = "Aktivitet"
) -> Activity:
    return Activity(
        section=section,
        description=description,
        responsible=responsible,
        schedule=Schedule.CONTINUOUS,
        follow_up=FollowUp.VB,
    )


def _plan(council: Council, sections: list[Section], **fields) -> ActionPlan:  # type: ignore[no-untyped-def]
    plan = ActionPlan(
        council=council,
        year=fields.pop("year", YEAR),
        lagesbild_revised_on=fields.pop("lagesbild_revised_on", date(YEAR - 1, 11, 15)),
        status=fields.pop("status", PlanStatus.KS_APPROVED),
        council_approved_on=fields.pop("council_approved_on", date(YEAR, 2, 10)),
        ks_approved_on=fields.pop("ks_approved_on", date(YEAR, 6, 12)),
        **fields,
    )
    plan.activities = [_activity(s) for s in sections]
    return plan


def _survey(council: Council, year: int, sent: int, answered: int) -> SurveyRound:
    return SurveyRound(
        council=council, year=year, audience="Enhetschefer", sent=sent, answered=answered
    )


def _meeting(council: Council, held_on: date, vbe: bool = True) -> CooperationMeeting:
    return CooperationMeeting(
        council=council, held_on=held_on, forum="Samverkansmöte", vbe_on_agenda=vbe
    )


def _load(database: Database) -> None:
    with database.session() as session:
        bro = _council("BRO", "Bromma")
        ska = _council("SKA", "Skarpnäck")
        kul = _council("KUL", "Kulturnämnden", CouncilKind.SPECIALIST)
        ost = _council("OST", "Östermalm", valid_to=date(2023, 6, 30))
        nin = _council("NIN", "Norra innerstaden", valid_from=date(2023, 7, 1))
        session.add_all([bro, ska, kul, ost, nin])
        session.add(
            CouncilSuccession(predecessor=ost, successor=nin, effective_on=date(2023, 7, 1))
        )

        # Bromma: everything in place.
        bro_plan = _plan(
            bro,
            [],
            lagesbild="Klotter från vit makt-miljön i Blackeberg.",
            next_revision=date(YEAR + 1, 4, 30),
        )
        bro_plan.activities = [_activity(s, description=t) for s, t in COMPLETE_TEXTS.items()]
        bro_plan.activities += [
            _activity(Section.GRANTS_PREMISES),
            _activity(Section.PREVENTIVE, description="Samverkan med föreningar i BRÅ."),
        ]
        session.add(bro_plan)
        session.add(_survey(bro, YEAR - 1, sent=40, answered=30))
        session.add(_meeting(bro, date(YEAR, 3, 10)))
        # The year before must not leak into the plan year's checklist.
        session.add(_plan(bro, [Section.PREVENTIVE], year=YEAR - 1, status=PlanStatus.DRAFT))

        # Skarpnäck: no preventing or grants activity, an old survey only, police meetings
        # without VBE on the agenda, still a draft.
        session.add(
            _plan(
                ska,
                [Section.PREVENTIVE, Section.COMPETENCE],
                status=PlanStatus.DRAFT,
                council_approved_on=None,
                ks_approved_on=None,
            )
        )
        session.add(_survey(ska, YEAR - 3, sent=20, answered=10))
        session.add(_meeting(ska, date(YEAR, 4, 2), vbe=False))
        session.add(_meeting(ska, date(YEAR - 2, 4, 2), vbe=True))  # too early

        # Kulturnämnden (specialist, so no police check): an activity without a responsible,
        # a stale lägesbild, approved by the council but not by KS.
        kul_plan = _plan(
            kul,
            list(Section),
            lagesbild_revised_on=date(YEAR - 2, 12, 31),
            status=PlanStatus.COUNCIL_APPROVED,
            ks_approved_on=None,
        )
        kul_plan.activities.append(_activity(Section.COMPETENCE, responsible="  "))
        session.add(kul_plan)
        session.add(_survey(kul, YEAR, sent=8, answered=2))

        # Norra innerstaden's first plans build on Östermalm's survey and meetings.
        session.add(_plan(nin, list(Section), next_revision=date(YEAR + 1, 3, 1)))
        session.add(_survey(ost, YEAR - 1, sent=26, answered=17))
        session.add(_meeting(ost, date(YEAR - 1, 2, 1)))
        # A plan of a council that no longer existed that year is left out.
        session.add(_plan(ost, list(Section)))


def _by_code(database: Database) -> dict[str, PlanQuality]:
    with database.session() as session:
        return {p.council_code: p for p in plan_quality(session, YEAR)}


def test_complete_plan_scores_full_marks(empty_db: Database) -> None:
    _load(empty_db)
    bro = _by_code(empty_db)["BRO"]
    assert [item.key for item in bro.items] == ALL_KEYS
    assert bro.missing == []
    assert (bro.passed, bro.total, bro.percent) == (17, 17, 100.0)
    assert bro.survey_response_rate == 75.0
    details = {item.key: item.detail for item in bro.items}
    assert details[SURVEY] == "Enkät 2023: svarsfrekvens 75,0\u00a0% (30 av 40 svarade)."
    assert details[GRANTS_PREMISES] == "2 aktiviteter i avsnittet Föreningsbidrag och lokaler."
    assert details[POLICE] == "1 samverkansmöte med VBE på dagordningen 2023–2024."
    assert details[KS_APPROVED] == "Godkänd av KS 2024-06-12."
    assert details[GROUPS] == "Lägesbilden reviderad 2023-11-15. Hittade: 'vit makt' i lägesbilden."
    assert details[REVISION] == (
        "Nästa revidering 2025-04-30, i samband med T1 2025 "
        "(1\u00a0januari–30\u00a0april\u00a02025)."
    )
    # Activities are numbered in the plan's order of sections, as the council page lists them.
    assert details[SSP] == (
        "Hittade: 'SSP' i aktivitet 1 (Förebyggande: ”SSP-samverkan med skola och polis kring "
        "oro för …”)."
    )
    assert details[CIVIL_SOCIETY] == (
        "Hittade: 'föreningar' och 'Samverkan' i aktivitet 2 (Förebyggande: ”Samverkan med "
        "föreningar i BRÅ.”)."
    )
    # The first two words of each group, in the order of the text.
    assert details[GRANTS_FOLLOW_UP] == (
        "Hittade: 'föreningsbidrag', 'beviljade bidrag', 'följs upp' och 'återrapporteringen' "
        "i aktivitet 4 (Föreningsbidrag och lokaler: ”Kontroll av demokrativillkor vid "
        "föreningsbidrag …”)."
    )
    # Every point quotes the memo (or the guidelines, for the survey).
    by_key = {item.key: item for item in bro.items}
    assert by_key[PRIORITY].quote == (
        "Tydliggöra att stadens insatser mot våldsbejakande extremism har särskilt hög prioritet "
        "inom stadens arbete för att förebygga kriminalitet."
    )
    assert by_key[PRIORITY].source == "Kommunstyrelsens promemoria 15 juni 2017"
    assert by_key[SURVEY].source.startswith("Stadens riktlinjer")
    assert all(item.quote for item in bro.items)


def test_incomplete_plan_names_what_is_missing(empty_db: Database) -> None:
    _load(empty_db)
    ska = _by_code(empty_db)["SKA"]
    missing = {item.key: item.detail for item in ska.missing}
    everywhere = "Sökt i lägesbilden, kartläggningen, analysen och aktiviteterna."
    assert missing == {
        SECTIONS: "Inga aktiviteter i: Förhindrande, Föreningsbidrag och lokaler.",
        GROUPS: "Saknas: lägesbilden och analysen nämner ingen miljö eller grupp (vit makt, "
        "nazism, höger- eller vänsterextremism, autonoma, islamism, extremistgrupper eller "
        "-miljöer).",
        SURVEY: "Ingen enkät registrerad för 2023 eller 2024.",
        TRAININGS: "Saknas: ingen kompetenshöjande aktivitet om stadens utbildningar "
        "(”utbildning” tillsammans med staden, stadsövergripande, stadsledningskontoret, "
        "webbaserad, utbildningsportalen eller intranätet). Sökt i de kompetenshöjande "
        "aktiviteterna.",
        PRIORITY: "Saknas: ingen text säger att arbetet har hög prioritet (”hög prioritet”, "
        "”högt prioriterat”) i det brottsförebyggande arbetet eller arbetet mot kriminalitet. "
        + everywhere,
        REVISION: "Saknas: datum för nästa revidering; den ska ske i T1 2025 "
        "(1\u00a0januari–30\u00a0april\u00a02025).",
        GRANTS_PREMISES: "Saknas: ingen aktivitet i avsnittet Föreningsbidrag och lokaler, och "
        "ingen text som nämner både bidrag (föreningsbidrag, ekonomiska medel, föreningsstöd) "
        "och lokaler (lokaler, upplåtande).",
        GRANTS_FOLLOW_UP: "Saknas: ingen text som nämner både bidrag (föreningsbidrag, beviljat "
        "stöd, ekonomiska medel) och hur de följs upp (uppföljning, följs upp, "
        "återrapportering, utvärdering). " + everywhere,
        COUNCIL_APPROVED: "Planen är ett utkast och inte behandlad av nämnden.",
        KS_APPROVED: "Inte godkänd av KS (status: Utkast).",
        POLICE: "Inget samverkansmöte med polisen med VBE på dagordningen 2023–2024 "
        "(1 möte utan VBE).",
        SSP: "Saknas: ingen text nämner SSP, eller skola, socialtjänst och polis tillsammans "
        "med samverkan eller rutin. " + everywhere,
        INDIVIDUAL: "Saknas: ingen text nämner individuell bedömning eller prövning, "
        "behovsprövade insatser eller orosanmälan. " + everywhere,
        CIVIL_SOCIETY: "Saknas: ingen text (utom kontrollen av bidrag) nämner civilsamhället, "
        "föreningar, trossamfund eller kyrkor tillsammans med samverkan, samarbete eller "
        "dialog. Sökt i planens texter och aktiviteter utom avsnittet Föreningsbidrag och "
        "lokaler.",
        HONOUR: "Saknas: ingen text nämner våld i nära relationer eller hedersrelaterat våld "
        "och förtryck. " + everywhere,
    }
    assert (ska.passed, ska.total) == (2, 17)
    assert ska.survey_response_rate is None


def test_specialist_council_activity_fields_and_stale_lagesbild(empty_db: Database) -> None:
    _load(empty_db)
    kul = _by_code(empty_db)["KUL"]
    keys = [item.key for item in kul.items]
    assert POLICE not in keys and SSP not in keys
    assert keys[-3:] == [SUPPORT_DISTRICTS, CULTURE_LAGESBILD, CULTURE_GRANTS]
    missing = {item.key: item.detail for item in kul.missing}
    assert missing[ACTIVITY_FIELDS] == "1 av 5 aktiviteter är ofullständiga: ansvarig saknas för 1."
    assert missing[LAGESBILD] == (
        "Senast reviderad 2022-12-31; för planår 2024 ska lägesbilden vara reviderad 2023-01-01 "
        "eller senare."
    )
    # A lägesbild not revised for the plan year is no updated description of the groups.
    assert missing[GROUPS] == (
        "Saknas: lägesbilden är inte reviderad för planår 2024 (senast 2022-12-31), så "
        "beskrivningen av grupperna är inte uppdaterad."
    )
    assert missing[KS_APPROVED] == "Inte godkänd av KS (status: Nämndbehandlad)."
    assert missing[CULTURE_LAGESBILD] == "Saknas: planen har ingen lägesbild registrerad."
    assert set(missing) == {
        ACTIVITY_FIELDS,
        GROUPS,
        LAGESBILD,
        TRAININGS,
        PRIORITY,
        REVISION,
        GRANTS_FOLLOW_UP,
        KS_APPROVED,
        SUPPORT_DISTRICTS,
        CULTURE_LAGESBILD,
        CULTURE_GRANTS,
    }
    assert (kul.passed, kul.total) == (4, 15)
    assert kul.survey_response_rate == 25.0


def test_successor_counts_predecessor_evidence_and_gone_councils_drop_out(
    empty_db: Database,
) -> None:
    _load(empty_db)
    plans = _by_code(empty_db)
    assert set(plans) == {"BRO", "SKA", "KUL", "NIN"}
    nin = plans["NIN"]
    for key in (SURVEY, POLICE, REVISION):
        item = nin.item(key)
        assert item is not None and item.passed, key
    survey = nin.item(SURVEY)
    assert survey is not None
    assert survey.detail.startswith("Enkät 2023: svarsfrekvens 65,4")


def test_order_filter_and_a_fixed_number_of_queries(empty_db: Database) -> None:
    _load(empty_db)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(empty_db.engine, "before_cursor_execute", count)
    try:
        with empty_db.session() as session:
            plans = plan_quality(session, YEAR)
    finally:
        event.remove(empty_db.engine, "before_cursor_execute", count)
    assert len(statements) <= 5, "one query per aspect, not per plan"
    # Best share of its own points first (Bromma 17/17, Norra innerstaden 8/17, Kulturnämnden
    # 4/15, Skarpnäck 2/17), ties by name.
    assert [p.council_code for p in plans] == ["BRO", "NIN", "KUL", "SKA"]
    with empty_db.session() as session:
        only = plan_quality(session, YEAR, "SKA")
        assert [p.council_code for p in only] == ["SKA"]
        assert plan_quality(session, 2030) == []


def test_lagesbild_window_is_the_year_before_and_the_plan_year() -> None:
    assert lagesbild_window(2024) == (date(2023, 1, 1), date(2024, 12, 31))


def test_revision_window_is_t1_of_the_next_year() -> None:
    assert revision_window(2024) == (date(2025, 1, 1), date(2025, 4, 30))
