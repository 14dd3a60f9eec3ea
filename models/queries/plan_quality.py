"""Plankvalitet: how well each action plan of a year meets the KS memo of 15 June 2017.

The memo asked every plan for a clear table of activities with schedule and responsible
operation, a description of how plan and lägesbild are followed up and revised (yearly, from a
current lägesbild), and how grants and premises are checked; lägesbilder are drawn up together
with the police. This module turns that into a checklist over what is *registered* for a plan —
it cannot judge the quality of the text itself.

Everything is aggregated in SQL with a handful of GROUP BY queries for the whole year (never one
query per plan, never whole tables into Python).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, Subquery, and_, case, func, or_, select, union_all
from sqlalchemy.orm import Session

from models import (
    ActionPlan,
    Activity,
    CooperationMeeting,
    Council,
    CouncilSuccession,
    SurveyRound,
)
from models.enums import CouncilKind, PlanStatus, Schedule, Section, label

NBSP = "\u00a0"

# Check keys, in the order the drill-down shows them, with their Swedish labels.
SECTIONS = "sections"
ACTIVITY_FIELDS = "activity_fields"
LAGESBILD = "lagesbild"
SURVEY = "survey"
GRANTS_PREMISES = "grants_premises"
POLICE = "police"
COUNCIL_APPROVED = "council_approved"
KS_APPROVED = "ks_approved"

CHECK_LABELS: dict[str, str] = {
    SECTIONS: "Aktiviteter i alla fyra avsnitt",
    ACTIVITY_FIELDS: "Ansvarig, tidplan och uppföljning för varje aktivitet",
    LAGESBILD: "Reviderad lägesbild",
    SURVEY: "Aktuell enkät",
    GRANTS_PREMISES: "Kontroll av föreningsbidrag och lokaler",
    POLICE: "Samverkan med polisen",
    COUNCIL_APPROVED: "Nämndens beslut",
    KS_APPROVED: "Godkännande av KS",
}


@dataclass(frozen=True)
class CheckItem:
    key: str
    label: str
    passed: bool
    detail: str  # Swedish; names what is missing when not passed


@dataclass(frozen=True)
class PlanQuality:
    plan_id: int
    year: int
    council_code: str
    council_name: str
    council_kind: CouncilKind
    status: PlanStatus
    items: tuple[CheckItem, ...]
    survey_response_rate: float | None  # percent, of the survey the check used

    @property
    def passed(self) -> int:
        return sum(item.passed for item in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def percent(self) -> float:
        return 100.0 * self.passed / self.total if self.total else 0.0

    @property
    def missing(self) -> list[CheckItem]:
        return [item for item in self.items if not item.passed]

    def item(self, key: str) -> CheckItem | None:
        return next((item for item in self.items if item.key == key), None)


def _fmt_int(value: int) -> str:
    """`1 234` (as dashboard.formatting; models do not import the web package)."""
    return f"{value:,}".replace(",", NBSP)


def _fmt_percent(value: float) -> str:
    """`65,4 %`."""
    return f"{value:.1f}".replace(".", ",") + f"{NBSP}%"


def _fmt_date(value: date | None) -> str:
    return value.isoformat() if value else "–"


def lagesbild_window(year: int) -> tuple[date, date]:
    """The rule for "lägesbild revised this year": `lagesbild_revised_on` falls within the twelve
    months before the plan year starts (1 January of the previous year onwards: a plan is written
    in the autumn from that year's picture) or within the plan year itself (the yearly revision
    with T1, as the KS memo asks). Earlier or missing dates fail."""
    return date(year - 1, 1, 1), date(year, 12, 31)


def evidence_years(year: int) -> tuple[int, int]:
    """Survey and police cooperation count if recorded in the plan year or the year before: the
    plan is written from the previous year's picture, and the plan year's own survey or meetings
    show the same work being carried on. A council formed by a merger also counts its
    predecessors' surveys and meetings (its first plan builds on their picture)."""
    return year - 1, year


def _plans(
    year: int, council_code: str | None
) -> Select[int, PlanStatus, date | None, date | None, date | None, str, str, CouncilKind]:
    """The plans of a year, for councils valid at some time during that year."""
    stmt = (
        select(
            ActionPlan.id,
            ActionPlan.status,
            ActionPlan.council_approved_on,
            ActionPlan.ks_approved_on,
            ActionPlan.lagesbild_revised_on,
            Council.code,
            Council.name,
            Council.kind,
        )
        .join(Council, ActionPlan.council_id == Council.id)
        .where(
            ActionPlan.year == year,
            Council.valid_from <= date(year, 12, 31),
            or_(Council.valid_to.is_(None), Council.valid_to >= date(year, 1, 1)),
        )
        .order_by(Council.name)
    )
    if council_code is not None:
        stmt = stmt.where(Council.code == council_code)
    return stmt


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _activity_stats(plan_ids: Select[int]) -> Select[int, Section, int, int, int, int, int]:
    """Per plan and section: number of activities and how many lack each required field."""
    no_responsible = func.coalesce(func.trim(Activity.responsible), "") == ""
    no_schedule = or_(
        Activity.schedule.is_(None),
        and_(Activity.schedule == Schedule.DEADLINE, Activity.deadline.is_(None)),
    )
    no_follow_up = Activity.follow_up.is_(None)
    return (
        select(
            Activity.plan_id,
            Activity.section,
            func.count(Activity.id),
            _flag(or_(no_responsible, no_schedule, no_follow_up)),
            _flag(no_responsible),
            _flag(no_schedule),
            _flag(no_follow_up),
        )
        .where(Activity.plan_id.in_(plan_ids))
        .group_by(Activity.plan_id, Activity.section)
    )


def _council_scope(plan_ids: Select[int]) -> Subquery:
    """(plan id, council id) for each plan's own council and the councils it succeeded."""
    own = select(ActionPlan.id.label("plan_id"), ActionPlan.council_id.label("council_id")).where(
        ActionPlan.id.in_(plan_ids)
    )
    predecessors = (
        select(ActionPlan.id.label("plan_id"), CouncilSuccession.predecessor_id.label("council_id"))
        .join(CouncilSuccession, CouncilSuccession.successor_id == ActionPlan.council_id)
        .where(ActionPlan.id.in_(plan_ids))
    )
    return union_all(own, predecessors).subquery("scope")


def _surveys(plan_ids: Select[int], year: int) -> Select[int, int, int, int, int]:
    """Per plan and survey year (within the evidence years): rounds, sent and answered."""
    scope = _council_scope(plan_ids)
    first, last = evidence_years(year)
    return (
        select(
            scope.c.plan_id,
            SurveyRound.year,
            func.count(SurveyRound.id),
            func.sum(SurveyRound.sent),
            func.sum(SurveyRound.answered),
        )
        .join(SurveyRound, SurveyRound.council_id == scope.c.council_id)
        .where(SurveyRound.year.between(first, last))
        .group_by(scope.c.plan_id, SurveyRound.year)
    )


def _meetings(plan_ids: Select[int], year: int) -> Select[int, int, int]:
    """Per plan: police cooperation meetings in the evidence years, and those with VBE on the
    agenda."""
    scope = _council_scope(plan_ids)
    first, last = evidence_years(year)
    return (
        select(
            scope.c.plan_id,
            func.count(CooperationMeeting.id),
            _flag(CooperationMeeting.vbe_on_agenda.is_(True)),
        )
        .join(CooperationMeeting, CooperationMeeting.council_id == scope.c.council_id)
        .where(CooperationMeeting.held_on.between(date(first, 1, 1), date(last, 12, 31)))
        .group_by(scope.c.plan_id)
    )


@dataclass
class _ActivityTotals:
    sections: dict[Section, int]
    total: int = 0
    lacking: int = 0
    no_responsible: int = 0
    no_schedule: int = 0
    no_follow_up: int = 0


def plan_quality(session: Session, year: int, council_code: str | None = None) -> list[PlanQuality]:
    """The checklist for every plan of `year` (or only `council_code`'s), best score first.

    Police cooperation is checked for district councils only: the memo asks the
    stadsdelsnämnder to work with the police, and specialist councils have no local police area.
    """
    plan_ids = _plans(year, council_code).with_only_columns(ActionPlan.id).order_by(None)
    plans = session.execute(_plans(year, council_code)).all()
    if not plans:
        return []

    activities: dict[int, _ActivityTotals] = defaultdict(lambda: _ActivityTotals({}))
    for plan_id, section, n, lacking, no_resp, no_sched, no_follow in session.execute(
        _activity_stats(plan_ids)
    ):
        totals = activities[plan_id]
        totals.sections[section] = int(n)
        totals.total += int(n)
        totals.lacking += int(lacking or 0)
        totals.no_responsible += int(no_resp or 0)
        totals.no_schedule += int(no_sched or 0)
        totals.no_follow_up += int(no_follow or 0)

    surveys: dict[int, tuple[int, int, int, int]] = {}  # latest survey year per plan
    for plan_id, survey_year, rounds, sent, answered in session.execute(_surveys(plan_ids, year)):
        if plan_id not in surveys or survey_year > surveys[plan_id][0]:
            surveys[plan_id] = (int(survey_year), int(rounds), int(sent), int(answered))

    meetings = {
        plan_id: (int(n), int(vbe or 0))
        for plan_id, n, vbe in session.execute(_meetings(plan_ids, year))
    }

    result = []
    for plan_id, status, council_on, ks_on, revised_on, code, name, kind in plans:
        totals = activities.get(plan_id) or _ActivityTotals({})
        survey = surveys.get(plan_id)
        items = [
            _sections_item(totals),
            _activity_fields_item(totals),
            _lagesbild_item(year, revised_on),
            _survey_item(year, survey),
            _grants_item(totals),
        ]
        if kind is CouncilKind.DISTRICT:
            items.append(_police_item(year, meetings.get(plan_id, (0, 0))))
        items += [_council_item(status, council_on), _ks_item(status, ks_on)]
        result.append(
            PlanQuality(
                plan_id=plan_id,
                year=year,
                council_code=code,
                council_name=name,
                council_kind=kind,
                status=status,
                items=tuple(items),
                survey_response_rate=100.0 * survey[3] / survey[2] if survey else None,
            )
        )
    result.sort(key=lambda p: (-p.percent, p.council_name))
    return result


def _item(key: str, passed: bool, detail: str) -> CheckItem:
    return CheckItem(key=key, label=CHECK_LABELS[key], passed=passed, detail=detail)


def _sections_item(totals: _ActivityTotals) -> CheckItem:
    missing = [label(s) for s in Section if not totals.sections.get(s)]
    if not missing:
        return _item(SECTIONS, True, "Alla fyra avsnitt har aktiviteter.")
    return _item(SECTIONS, False, "Inga aktiviteter i: " + ", ".join(missing) + ".")


def _activity_fields_item(totals: _ActivityTotals) -> CheckItem:
    if totals.total == 0:
        return _item(ACTIVITY_FIELDS, False, "Planen har inga aktiviteter.")
    if totals.lacking == 0:
        return _item(
            ACTIVITY_FIELDS,
            True,
            f"Alla {_fmt_int(totals.total)} aktiviteter har ansvarig, tidplan och uppföljning.",
        )
    parts = [
        f"{what} saknas för {_fmt_int(n)}"
        for what, n in (
            ("ansvarig", totals.no_responsible),
            ("tidplan", totals.no_schedule),
            ("uppföljning", totals.no_follow_up),
        )
        if n
    ]
    return _item(
        ACTIVITY_FIELDS,
        False,
        f"{_fmt_int(totals.lacking)} av {_fmt_int(totals.total)} aktiviteter är ofullständiga: "
        + ", ".join(parts)
        + ".",
    )


def _lagesbild_item(year: int, revised_on: date | None) -> CheckItem:
    first, last = lagesbild_window(year)
    if revised_on is None:
        return _item(LAGESBILD, False, "Datum för när lägesbilden reviderades saknas.")
    if first <= revised_on <= last:
        return _item(LAGESBILD, True, f"Reviderad {_fmt_date(revised_on)}.")
    if revised_on < first:
        return _item(
            LAGESBILD,
            False,
            f"Senast reviderad {_fmt_date(revised_on)}; för planår {year} ska lägesbilden vara "
            f"reviderad {_fmt_date(first)} eller senare.",
        )
    return _item(
        LAGESBILD,
        False,
        f"Revideringsdatumet {_fmt_date(revised_on)} ligger efter planåret {year}.",
    )


def _survey_item(year: int, survey: tuple[int, int, int, int] | None) -> CheckItem:
    first, last = evidence_years(year)
    if survey is None:
        return _item(SURVEY, False, f"Ingen enkät registrerad för {first} eller {last}.")
    survey_year, rounds, sent, answered = survey
    what = f"Enkät {survey_year}" if rounds == 1 else f"{rounds} enkäter {survey_year}"
    rate = _fmt_percent(100.0 * answered / sent)
    return _item(
        SURVEY,
        True,
        f"{what}: svarsfrekvens {rate} ({_fmt_int(answered)} av {_fmt_int(sent)} svarade).",
    )


def _grants_item(totals: _ActivityTotals) -> CheckItem:
    n = totals.sections.get(Section.GRANTS_PREMISES, 0)
    section = label(Section.GRANTS_PREMISES)
    if n == 0:
        return _item(GRANTS_PREMISES, False, f"Ingen aktivitet i avsnittet {section}.")
    word = "aktivitet" if n == 1 else "aktiviteter"
    return _item(GRANTS_PREMISES, True, f"{_fmt_int(n)} {word} i avsnittet {section}.")


def _police_item(year: int, meetings: tuple[int, int]) -> CheckItem:
    first, last = evidence_years(year)
    n, with_vbe = meetings
    if with_vbe:
        word = "samverkansmöte" if with_vbe == 1 else "samverkansmöten"
        return _item(
            POLICE, True, f"{_fmt_int(with_vbe)} {word} med VBE på dagordningen {first}–{last}."
        )
    detail = f"Inget samverkansmöte med polisen med VBE på dagordningen {first}–{last}"
    if n:
        detail += f" ({_fmt_int(n)} {'möte' if n == 1 else 'möten'} utan VBE)"
    return _item(POLICE, False, detail + ".")


def _council_item(status: PlanStatus, approved_on: date | None) -> CheckItem:
    if status is PlanStatus.DRAFT:
        return _item(COUNCIL_APPROVED, False, "Planen är ett utkast och inte behandlad av nämnden.")
    when = f" {_fmt_date(approved_on)}" if approved_on else " (datum saknas)"
    return _item(COUNCIL_APPROVED, True, f"Behandlad av nämnden{when}.")


def _ks_item(status: PlanStatus, approved_on: date | None) -> CheckItem:
    if status is not PlanStatus.KS_APPROVED:
        return _item(KS_APPROVED, False, f"Inte godkänd av KS (status: {label(status)}).")
    return _item(KS_APPROVED, True, f"Godkänd av KS {_fmt_date(approved_on)}.")
