"""Plankvalitet's year summary and grid when district and specialist plans have different
numbers of points."""

from layouts.plan_quality import RULES, grid_rows, summary
from models.enums import CouncilKind, PlanStatus
from models.queries.plan_quality import (
    HONOUR,
    PRIORITY,
    SSP,
    CheckItem,
    PlanQuality,
    points_for,
)


def _plan(code: str, name: str, kind: CouncilKind, missing: set[str]) -> PlanQuality:
    items = tuple(
        CheckItem(key=p.key, label=p.label, passed=p.key not in missing, detail="", scope=p.scope)
        for p in points_for(kind, code)
    )
    return PlanQuality(1, 2024, code, name, kind, PlanStatus.KS_APPROVED, items, None)


def test_district_and_specialist_plans_are_averaged_on_their_own_points() -> None:
    plans = [
        # 14 of 17 and 17 of 17: 91 % on average.
        _plan("SKA", "Skarpnäck", CouncilKind.DISTRICT, {SSP, PRIORITY, HONOUR}),
        _plan("BRO", "Bromma", CouncilKind.DISTRICT, set()),
        # 15 of 16 (utbildningsnämnden) and 12 of 13 (idrottsnämnden): 93 %.
        _plan("UTB", "Utbildningsnämnden", CouncilKind.SPECIALIST, {PRIORITY}),
        _plan("IDR", "Idrottsnämnden", CouncilKind.SPECIALIST, {PRIORITY}),
    ]
    assert [p.total for p in plans] == [17, 17, 16, 13]
    assert summary(plans, 2024) == (
        "4 planer för 2024. I genomsnitt uppfyller stadsdelsnämnderna 91\u00a0% av sina 17 "
        "punkter och facknämnderna 93\u00a0% av sina 13–16 punkter. 1 uppfyller alla sina "
        "punkter."
    )
    assert summary(plans[:1], 2024) == (
        "1 plan för 2024. I genomsnitt uppfyller stadsdelsnämnderna 82\u00a0% av sina 17 "
        "punkter. 0 uppfyller alla sina punkter."
    )
    rows = {row["code"]: row for row in grid_rows(plans)}
    assert rows["SKA"]["score"] == "14 av 17" and rows["SKA"]["percent"] == 82
    assert rows["SKA"]["missing"] == "Prioritet, SSP, nära relationer och heder"
    assert rows["IDR"]["score"] == "12 av 13" and rows["IDR"]["percent"] == 92
    assert rows["BRO"]["missing"] == "–"


def test_the_page_states_how_many_points_each_kind_of_council_is_checked_on() -> None:
    assert RULES[0].startswith(
        "Varje plan bedöms på de punkter promemorian ställer på just den nämnden: 12 på alla "
        "nämnder, för stadsdelsnämnderna 5 till (17), för facknämnderna 1 till och för "
        "utbildnings-, kultur- och socialnämnden deras egna (13–16)."
    )
