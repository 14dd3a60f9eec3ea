"""Plankvalitet's keyword rules and which of the memo's points apply to which council."""

import time

from models.enums import CouncilKind
from models.queries.keywords import Rule, Text, part, search, start, word
from models.queries.plan_quality import (
    ACTIVITY_FIELDS,
    CIVIL_SOCIETY,
    CULTURE_GRANTS,
    CULTURE_LAGESBILD,
    GRANTS_FOLLOW_UP,
    GRANTS_PREMISES,
    HONOUR,
    INDIVIDUAL,
    OUTREACH,
    POLICE,
    PRIORITY,
    PROPAGANDA,
    RULES,
    SCHOOL_ROUTINES,
    SCHOOL_TOOLS,
    SSP,
    SUPPORT_DISTRICTS,
    TRAININGS,
    points_for,
)


def _text(body: str, where: str = "analysen") -> Text:
    return Text.of(where, "analysis", body)


def _meets(key: str, body: str) -> bool:
    return search(RULES[key], [_text(body)]) is not None


def test_word_start_and_part_respect_word_boundaries() -> None:
    ssp = Rule.any_of(word("SSP"))
    assert search(ssp, [_text("Vi deltar i SSP-möten varje månad.")]) is not None
    # "verksamhetsspecifika" holds the letters s-s-p, but no word SSP.
    assert search(ssp, [_text("verksamhetsspecifika analyser av nuläget")]) is None
    follow = Rule.any_of(start("uppföljning"))
    assert search(follow, [_text("Uppföljningen sker i VB.")]) is not None
    assert search(follow, [_text("I ordinarie verksamhetsuppföljning.")]) is None
    training = Rule.any_of(part("utbildning"))
    assert search(training, [_text("den webbaserade grundutbildningen")]) is not None


def test_a_match_names_the_words_as_written_and_where() -> None:
    rule = Rule.all_of([start("vit makt"), part("islamis")], [start("klotter")])
    match = search(
        rule,
        [
            _text("Inga incidenter.", "lägesbilden"),
            _text("Klotter kopplat till vit makt-miljön och islamistisk extremism.", "analysen"),
            _text("Klotter från vit makt-miljön.", "aktivitet 2"),
        ],
    )
    assert match is not None
    assert match.where == "analysen"
    assert match.words == ("vit makt", "islamistisk", "Klotter")
    assert match.others == 1


def test_every_group_of_an_alternative_must_be_met() -> None:
    # Grants without any word on how they are followed up: every activity's channel "I ordinarie
    # verksamhetsuppföljning" does not count.
    assert not _meets(GRANTS_FOLLOW_UP, "Föreningsbidrag. I ordinarie verksamhetsuppföljning.")
    assert _meets(GRANTS_FOLLOW_UP, "Beviljade bidrag följs upp vid återrapporteringen.")
    # Brottsförebyggande without a priority is not the memo's "särskilt hög prioritet".
    assert not _meets(PRIORITY, "SkarpBrå: Skarpnäcks brottsförebyggande råd.")
    assert _meets(
        PRIORITY,
        "Arbetet mot våldsbejakande extremism har särskilt hög prioritet i nämndens "
        "brottsförebyggande arbete.",
    )
    # School, social services and police named in a lägesbild are no routine.
    assert not _meets(SSP, "Skolor, socialtjänsten och polisen har inte noterat något.")
    assert _meets(SSP, "Rutin för samverkan mellan skola, socialtjänst och polis tas fram.")
    assert not _meets(GRANTS_PREMISES, "Kontroll av föreningsbidrag.")
    assert _meets(GRANTS_PREMISES, "Kontroll vid föreningsbidrag och upplåtande av lokaler.")
    # Granted interventions of the social services are no grants.
    assert not _meets(GRANTS_FOLLOW_UP, "Beviljade insatser följs upp av socialtjänsten.")
    # "bidragit" (from "bidra") is no grant.
    assert not _meets(GRANTS_FOLLOW_UP, "Trafikkontoret har bidragit; uppföljning i VB.")


def test_each_district_and_specialist_rule_finds_the_memos_own_words() -> None:
    memo = {
        TRAININGS: "Nämnden säkerställer att relevant personal deltar i de stadsövergripande "
        "utbildningar som anordnas.",
        INDIVIDUAL: "Alla insatser utgår från individuella bedömningar.",
        CIVIL_SOCIETY: "Utökad samverkan med olika aktörer i civilsamhället.",
        HONOUR: "Stadens program mot våld i nära relationer och hedersrelaterat våld och förtryck.",
        SUPPORT_DISTRICTS: "Nämnden tydliggör hur den avser att stödja stadsdelsnämnderna.",
        SCHOOL_TOOLS: "En kunskapsbank för lärare om ämnet.",
        PROPAGANDA: "Hur skolorna arbetar mot propaganda och för att göra eleverna källkritiska.",
        SCHOOL_ROUTINES: "Samtliga skolor samverkar löpande med socialtjänst och polis.",
        CULTURE_GRANTS: "Strukturen för kontroll av kulturstödet skärps.",
        OUTREACH: "Uppsökande arbete mot grupperna, inklusive på internet.",
    }
    for key, sentence in memo.items():
        assert _meets(key, sentence), key
        assert not _meets(key, "Aktiviteten genomförs under året."), key


def test_the_search_is_linear_in_the_length_of_the_text() -> None:
    """Rules over a text of 200 000 words take about ten times a text of 20 000 words (no
    regular expression backtracking, no term searched more than once per text)."""

    def seconds(n: int) -> float:
        began = time.perf_counter()
        text = _text("skola socialtjänst " * n + "polis")
        for rule in RULES.values():
            search(rule, [text])
        return time.perf_counter() - began

    # The best of five runs, so a busy machine does not decide the outcome; quadratic time would
    # take a hundred times as long.
    small = min(seconds(10_000) for _ in range(5))
    large = min(seconds(100_000) for _ in range(5))
    assert large < 40 * max(small, 1e-3)


def test_district_and_specialist_councils_are_checked_on_their_own_points() -> None:
    district = [p.key for p in points_for(CouncilKind.DISTRICT, "SKA")]
    assert len(district) == 17
    assert {POLICE, SSP, INDIVIDUAL, CIVIL_SOCIETY, HONOUR} <= set(district)
    assert SUPPORT_DISTRICTS not in district
    # A district council whose code happens to be a specialist's gets no specialist point.
    assert [p.key for p in points_for(CouncilKind.DISTRICT, "UTB")] == district

    def specialist(code: str) -> list[str]:
        return [p.key for p in points_for(CouncilKind.SPECIALIST, code)]

    common = [k for k in district if k not in {POLICE, SSP, INDIVIDUAL, CIVIL_SOCIETY, HONOUR}]
    assert specialist("AMN") == specialist("IDR") == [*common, SUPPORT_DISTRICTS]
    assert specialist("UTB") == [
        *common,
        SUPPORT_DISTRICTS,
        SCHOOL_TOOLS,
        PROPAGANDA,
        SCHOOL_ROUTINES,
    ]
    assert specialist("KUL") == [*common, SUPPORT_DISTRICTS, CULTURE_LAGESBILD, CULTURE_GRANTS]
    assert specialist("SOC") == [*common, SUPPORT_DISTRICTS, OUTREACH]
    assert common[1] == ACTIVITY_FIELDS and len(common) == 12
