"""Plankvalitet: how well each action plan of a year meets the KS memo of 15 June 2017.

The memo (`shared/seeds/ks-promemoria-lokala-handlingsplaner-2017-ocr.txt`) approved every
council's plan on condition that it was completed. Every plan was to have an updated description
of the groups linked to violent extremism, a clear table of activities with schedule and the
operation affected, a statement that staff attend the city's trainings, that the work has
särskilt hög prioritet within the city's crime prevention, how plan and lägesbild are followed up
and revised, and how grants and premises are checked; a plan for following up grants when they
are decided. District councils were asked for a school–social services–police routine,
individual assessment, cooperation with civil society and the link to the city's programme
against violence in close relationships and honour-related violence; the specialist councils for
their support to the districts, and three of them for points of their own. This module turns that
into a checklist over what is *registered* for a plan: its dates, survey rounds and police
meetings, and keyword rules over its texts (lägesbild, sources, analysis, and each activity's
description, responsible, schedule and follow-up wording; see `models.queries.keywords`).

A keyword check cannot judge quality: it finds that a plan mentions SSP or civil society, not
whether what it says is any good, nor text the plan has but nobody registered. Each point says
which words it found where, or what it looked for, so a reader can judge for themselves.

The figures come from a handful of queries for the whole year (never one query per plan, never
whole tables into Python): activity counts are aggregated in SQL; the texts of the year's plans
are read once and searched in Python, in time linear in their length.
"""

from collections import defaultdict
from collections.abc import Sequence
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
from models.data_version import Topic, reads
from models.enums import CouncilKind, PlanStatus, Schedule, Section, label
from models.plan import section_order
from models.queries.keywords import Match, Rule, Text, part, search, start, word
from models.rules import MONTH_NAMES, revision_window

NBSP = "\u00a0"

# Check keys, in the order the drill-down shows them.
SECTIONS = "sections"
ACTIVITY_FIELDS = "activity_fields"
GROUPS = "groups"
LAGESBILD = "lagesbild"
SURVEY = "survey"
TRAININGS = "trainings"
PRIORITY = "priority"
REVISION = "revision"
GRANTS_PREMISES = "grants_premises"
GRANTS_FOLLOW_UP = "grants_follow_up"
COUNCIL_APPROVED = "council_approved"
KS_APPROVED = "ks_approved"
POLICE = "police"
SSP = "ssp"
INDIVIDUAL = "individual"
CIVIL_SOCIETY = "civil_society"
HONOUR = "honour"
SUPPORT_DISTRICTS = "support_districts"
SCHOOL_TOOLS = "school_tools"
PROPAGANDA = "propaganda"
SCHOOL_ROUTINES = "school_routines"
CULTURE_LAGESBILD = "culture_lagesbild"
CULTURE_GRANTS = "culture_grants"
OUTREACH = "outreach"

# Whom a point applies to: every plan, district or specialist councils, or one specialist
# council by its code (the five of domain.md).
ALL = "all"
DISTRICT = "district"
SPECIALIST = "specialist"
EDUCATION, CULTURE, SOCIAL = "UTB", "KUL", "SOC"
# The five specialist councils (domain.md): social-, utbildnings-, arbetsmarknads-, kultur- and
# idrottsnämnden. The memo has points of their own for three of them.
SPECIALIST_CODES = ("SOC", "UTB", "AMN", "KUL", "IDR")

SCOPE_HEADINGS: dict[str, str] = {
    ALL: "Krav på alla nämnder",
    DISTRICT: "Krav på stadsdelsnämnderna",
    SPECIALIST: "Krav på facknämnderna",
    EDUCATION: "Krav på utbildningsnämnden",
    CULTURE: "Krav på kulturnämnden",
    SOCIAL: "Krav på socialnämnden",
}

MEMO = "Kommunstyrelsens promemoria 15 juni 2017"
GUIDELINES = "Stadens riktlinjer, så som planerna återger dem"

# Where a text came from (`Text.kind`): the plan's three texts, or an activity's section.
PLAN_TEXTS = ("lagesbild", "sources", "analysis")
_PLAN_TEXT_NAMES = {
    "lagesbild": "lägesbilden",
    "sources": "kartläggningen och källorna",
    "analysis": "analysen",
}
_ANY_TEXT = "lägesbilden, kartläggningen, analysen och aktiviteterna"

# --- the keyword rules (see models.queries.keywords for how a text is searched) -------------

GRANT_TERMS = (
    word("bidrag"),
    start("bidragen"),
    start("bidraget"),
    start("bidrags"),  # bidragsgivning, bidragsbeslut
    part("föreningsbidrag"),
    start("föreningsstöd"),
    part("kulturstöd"),
    start("beviljat stöd"),
    start("beviljade bidrag"),  # not "beviljade insatser", the social services' decisions
    start("beviljat bidrag"),
    start("beviljade medel"),
    start("ekonomiska medel"),
)
PREMISES_TERMS = (
    start("lokaler"),
    start("lokalen"),
    part("upplåt"),  # upplåtande, upplåtelse
    part("lokaluthyrning"),
    part("lokalbokning"),
)
FOLLOW_UP_TERMS = (
    start("uppföljning"),  # not "verksamhetsuppföljning", every activity's channel
    start("följs upp"),
    start("följas upp"),
    start("följa upp"),
    start("följer upp"),
    part("återrapport"),
    start("utvärder"),
    start("redovisa"),
)
MILIEU_TERMS = (
    start("vit makt"),
    part("vitmakt"),
    part("nazis"),
    part("högerextrem"),
    start("autonom"),
    part("vänsterautonom"),
    part("vänsterextrem"),
    part("islamis"),
    part("jihadis"),
    part("extremistgrupp"),
    part("extremistmiljö"),
    start("extremistiska grupp"),
    start("extremistiska miljö"),
    start("extremistiska organisation"),
)
SSP_RULE = Rule.any_of(word("SSP")) | Rule.all_of(
    [part("skol")],
    [part("socialtjänst")],
    [part("polis")],
    [part("samverk"), start("rutin"), part("samarbet")],
)
RULES: dict[str, Rule] = {
    GROUPS: Rule.any_of(*MILIEU_TERMS),
    TRAININGS: Rule.all_of(
        [part("utbildning")],
        [
            start("staden"),
            part("stadsövergripande"),
            part("stadsledningskontor"),
            start("webbaserad"),
            part("utbildningsportal"),
            part("intranät"),
        ],
    ),
    PRIORITY: Rule.all_of(
        [
            start("hög prioritet"),
            start("högsta prioritet"),
            start("högt prioriter"),
            start("särskilt prioriter"),
        ],
        [part("brottsförebygg"), part("brottsprevent"), part("kriminalitet")],
    ),
    GRANTS_PREMISES: Rule.all_of(GRANT_TERMS, PREMISES_TERMS),
    GRANTS_FOLLOW_UP: Rule.all_of(GRANT_TERMS, FOLLOW_UP_TERMS),
    SSP: SSP_RULE,
    INDIVIDUAL: Rule.any_of(
        start("individuell bedömning"),
        start("individuella bedömning"),
        start("individuell prövning"),
        start("individuella prövning"),
        part("behovsprövad"),
        part("behovsprövning"),
        part("orosanmäl"),
    ),
    CIVIL_SOCIETY: Rule.all_of(
        [
            part("civilsamhäll"),
            part("förening"),
            part("trossamfund"),
            part("kyrk"),
            part("moské"),
            part("församling"),
            start("ideell"),
        ],
        [part("samverk"), part("samarbet"), start("dialog"), start("tillsammans med")],
    ),
    HONOUR: Rule.any_of(start("nära relation"), start("heders")),
    SUPPORT_DISTRICTS: Rule.all_of(
        [part("stadsdelsnämnd"), part("stadsdelsförvaltning"), start("stadsdelar")],
        [start("stöd"), start("stötta"), start("dialog"), part("samverk"), part("samarbet")],
    ),
    SCHOOL_TOOLS: Rule.all_of(
        [
            part("kunskapsbank"),
            part("lärarhandledning"),
            start("verktyg"),
            part("metodstöd"),
            part("stödmaterial"),
            part("lektionsmaterial"),
            part("undervisningsmaterial"),
        ],
        [part("skol"), part("lärar"), start("elev")],
    ),
    PROPAGANDA: Rule.all_of([part("propaganda")], [part("källkriti")]),
    SCHOOL_ROUTINES: SSP_RULE,
    CULTURE_GRANTS: Rule.all_of(
        GRANT_TERMS,
        [part("kontroll"), part("granskning"), start("granska"), part("demokrativillkor")],
    ),
    OUTREACH: Rule.all_of(
        [part("uppsökande")],
        [
            start("internet"),
            start("nätet"),
            part("digital"),
            start("sociala medier"),
            start("online"),
            part("webb"),
        ],
    ),
}


@dataclass(frozen=True)
class Point:
    """One demand of the memo (or of the guidelines the plans follow), as the drill-down shows
    it: a short label, whom it applies to, the document's own words, and for a keyword point what
    it looks for when nothing is found."""

    key: str
    label: str
    scope: str
    quote: str
    source: str = MEMO
    short: str = ""  # a word or two for lists of what a plan misses
    # Keyword points: which texts are searched (None: all) and, in Swedish, what was looked for.
    kinds: tuple[str, ...] | None = None
    looked_for: str = ""


_COMPETENCE = (Section.COMPETENCE.value,)
_NOT_GRANTS = (*PLAN_TEXTS, *(s.value for s in Section if s is not Section.GRANTS_PREMISES))

POINTS: tuple[Point, ...] = (
    Point(
        SECTIONS,
        "Aktiviteter i alla fyra avsnitt",
        ALL,
        "… några generella medskick är vikten av tydlighet och tidsatta aktiviteter, behovet av "
        "utbildningsinsatser, stärkt samverkan, kontroll av föreningsbidrag och uppsökande "
        "verksamhet i tidigt radikaliseringsskede.",
        short="avsnitt",
    ),
    Point(
        ACTIVITY_FIELDS,
        "Ansvarig, tidplan och uppföljning för varje aktivitet",
        ALL,
        "En överskådlig tabell över aktiviteter som genomförs eller ska genomföras där det "
        "framgår tidsplan samt vilken verksamhet som berörs.",
        short="aktiviteternas uppgifter",
    ),
    Point(
        GROUPS,
        "Uppdaterad beskrivning av grupperna",
        ALL,
        "Uppdaterad beskrivning av grupper kopplade till våldsbejakande extremism (tas fram i "
        "samarbete med central samordnare).",
        kinds=("lagesbild", "analysis"),
        looked_for="lägesbilden och analysen nämner ingen miljö eller grupp (vit makt, nazism, "
        "höger- eller vänsterextremism, autonoma, islamism, extremistgrupper eller -miljöer)",
        short="grupperna",
    ),
    Point(
        LAGESBILD,
        "Reviderad lägesbild",
        ALL,
        "Handlingsplanerna ska utifrån aktuell lägesbild revideras årligen och kommunstyrelsen "
        "redovisar därefter en samlad lägesbild för staden.",
        short="lägesbild",
    ),
    Point(
        SURVEY,
        "Aktuell enkät",
        ALL,
        "Den lokala samordnaren ansvarar för att: … Den lokala lägesbilden uppdateras årligen "
        "och att medarbetarnas erfarenheter då inhämtas genom fastställd enkät.",
        source=GUIDELINES,
        short="enkät",
    ),
    Point(
        TRAININGS,
        "Personalen deltar i stadens utbildningar",
        ALL,
        "En skrivning om att nämnderna säkerställer att relevant personal deltar i de "
        "stadsövergripande utbildningar som anordnas.",
        kinds=_COMPETENCE,
        looked_for="ingen kompetenshöjande aktivitet om stadens utbildningar (”utbildning” "
        "tillsammans med staden, stadsövergripande, stadsledningskontoret, webbaserad, "
        "utbildningsportalen eller intranätet)",
        short="utbildningar",
    ),
    Point(
        PRIORITY,
        "Särskilt hög prioritet i det brottsförebyggande arbetet",
        ALL,
        "Tydliggöra att stadens insatser mot våldsbejakande extremism har särskilt hög prioritet "
        "inom stadens arbete för att förebygga kriminalitet.",
        looked_for="ingen text säger att arbetet har hög prioritet (”hög prioritet”, ”högt "
        "prioriterat”) i det brottsförebyggande arbetet eller arbetet mot kriminalitet",
        short="prioritet",
    ),
    Point(
        REVISION,
        "Uppföljning och revidering med T1",
        ALL,
        "Förutsättningarna för uppföljning och revidering av handlingsplan och lägesbild (tas "
        "fram i samarbete med central samordnare). Handlingsplanerna har behandlats av "
        "respektive nämnd i samband med tertialrapport 1.",
        short="revidering med T1",
    ),
    Point(
        GRANTS_PREMISES,
        "Kontroll av föreningsbidrag och lokaler",
        ALL,
        "En beskrivning kring hur kontroll och uppföljning av att ekonomiska medel eller lokaler "
        "inte upplåts till personer eller organisationer med koppling till våldsbejakande "
        "extremism.",
        looked_for="ingen aktivitet i avsnittet Föreningsbidrag och lokaler, och ingen text "
        "som nämner både bidrag (föreningsbidrag, ekonomiska medel, föreningsstöd) och lokaler "
        "(lokaler, upplåtande)",
        short="bidrag och lokaler",
    ),
    Point(
        GRANTS_FOLLOW_UP,
        "Plan för uppföljning av beviljade bidrag",
        ALL,
        "Det är också viktigt att bidrag följs upp noggrant och utvärderas av den "
        "bidragsgivande nämnden. I samband med beslut om bidrag ska en plan för uppföljning "
        "tydliggöras.",
        looked_for="ingen text som nämner både bidrag (föreningsbidrag, beviljat stöd, "
        "ekonomiska medel) och hur de följs upp (uppföljning, följs upp, återrapportering, "
        "utvärdering)",
        short="uppföljning av bidrag",
    ),
    Point(
        COUNCIL_APPROVED,
        "Nämndens beslut",
        ALL,
        "Handlingsplanerna har behandlats av respektive nämnd i samband med tertialrapport 1.",
        short="nämndens beslut",
    ),
    Point(
        KS_APPROVED,
        "Godkännande av KS",
        ALL,
        "De lokala handlingsplanerna ska, enligt kommunfullmäktiges beslut, föreläggas "
        "kommunstyrelsen för godkännande, vilket sker i detta ärende.",
        short="KS godkännande",
    ),
    Point(
        POLICE,
        "Samverkan med polisen",
        DISTRICT,
        "Lägesbilder har tagits fram i samverkan med polisen.",
        short="polisen",
    ),
    Point(
        SSP,
        "Rutin för skola, socialtjänst och polis (SSP)",
        DISTRICT,
        "Samtliga stadsdelsnämnder uppmanas att inom ramen för samverkan mellan skola och "
        "socialtjänst tillsammans med polis ta fram rutiner för gemensam hantering kring "
        "radikaliserade individer.",
        looked_for="ingen text nämner SSP, eller skola, socialtjänst och polis tillsammans med "
        "samverkan eller rutin",
        short="SSP",
    ),
    Point(
        INDIVIDUAL,
        "Individuell bedömning",
        DISTRICT,
        "Alla insatser utgår från individuella bedömningar. Nämnderna ska tydliggöra att det vid "
        "beslut om insatser ska tas särskild hänsyn till kunskap om individens aktivitet inom "
        "extremistiska organisationer och miljöer.",
        looked_for="ingen text nämner individuell bedömning eller prövning, behovsprövade "
        "insatser eller orosanmälan",
        short="individuell bedömning",
    ),
    Point(
        CIVIL_SOCIETY,
        "Samverkan med civilsamhället",
        DISTRICT,
        "Inom civilsamhället finns olika typer av kompetens som kan vara värdefull för staden i "
        "arbetet mot våldsbejakande extremism. Det är viktigt att stadsdelsnämnderna beaktar "
        "möjligheten till utökad samverkan med olika aktörer i civilsamhället i frågan.",
        kinds=_NOT_GRANTS,
        looked_for="ingen text (utom kontrollen av bidrag) nämner civilsamhället, föreningar, "
        "trossamfund eller kyrkor tillsammans med samverkan, samarbete eller dialog",
        short="civilsamhället",
    ),
    Point(
        HONOUR,
        "Koppling till programmet mot våld i nära relationer och hedersrelaterat våld",
        DISTRICT,
        "Stadsdelsnämnderna uppmanas vidare tydliggöra att nämnderna i arbetet mot "
        "våldsbejakande extremism kommer att beakta kopplingen till stadens program mot våld i "
        "nära relationer och hedersrelaterat våld och förtryck.",
        looked_for="ingen text nämner våld i nära relationer eller hedersrelaterat våld och "
        "förtryck",
        short="nära relationer och heder",
    ),
    Point(
        SUPPORT_DISTRICTS,
        "Stöd till stadsdelsnämnderna",
        SPECIALIST,
        "Samtliga berörda facknämnder uppmanas konkretisera lägesbilderna och tydliggöra hur de "
        "avser att stödja stadsdelsnämnderna i det lokala arbetet. Detta ska ske i dialog med "
        "stadsdelsnämnderna.",
        looked_for="ingen text nämner stadsdelsnämnderna eller stadsdelsförvaltningarna "
        "tillsammans med stöd, dialog eller samverkan",
        short="stöd till stadsdelarna",
    ),
    Point(
        SCHOOL_TOOLS,
        "Verktyg för skolorna, t.ex. en kunskapsbank för lärare",
        EDUCATION,
        "Nämnden behöver ta fram konkreta verktyg och aktiviteter för att stadens grund- och "
        "gymnasieskolor ska kunna hantera frågeställningen om våldsbejakande extremism. Detta kan "
        "exempelvis ske genom att skapa en kunskapsbank för lärare om ämnet där det kan samlas "
        "information om artiklar, böcker, föreläsare och befintliga lärarhandledningar.",
        looked_for="ingen text nämner verktyg, kunskapsbank, lärarhandledning eller stödmaterial "
        "tillsammans med skolor, lärare eller elever",
        short="verktyg för skolorna",
    ),
    Point(
        PROPAGANDA,
        "Skolornas arbete mot propaganda och för källkritik",
        EDUCATION,
        "Utbildningsnämnden ska beskriva hur skolorna arbetar mot propaganda och för att göra "
        "sina elever källkritiska och uppmärksamma på alternativ fakta.",
        looked_for="ingen text nämner både propaganda och källkritik",
        short="propaganda och källkritik",
    ),
    Point(
        SCHOOL_ROUTINES,
        "Skolornas samverkan med socialtjänst och polis",
        EDUCATION,
        "Det är därutöver av stor vikt att nämnden tillser att samtliga skolor i staden löpande "
        "samverkar med socialtjänst och polis för att, närhelst behov uppstår av gemensam "
        "hantering kring radikaliserade individer, ha väl inarbetade rutiner.",
        looked_for="ingen text nämner SSP, eller skola, socialtjänst och polis tillsammans med "
        "samverkan eller rutin",
        short="skolornas rutiner",
    ),
    Point(
        CULTURE_LAGESBILD,
        "Lägesbild för nämndens verksamheter",
        CULTURE,
        "Kulturnämnden uppmanas att, i enlighet med anvisningarna, ha med rubriken Lägesbild i "
        "sin handlingsplan och mer utförligt beskriva situation och problembild för nämndens "
        "verksamheter.",
        short="nämndens lägesbild",
    ),
    Point(
        CULTURE_GRANTS,
        "Skärpt kontroll av kulturstödet",
        CULTURE,
        "Kulturnämnden behöver i handlingsplanen även beskriva hur man avser skärpa strukturen "
        "för kontroll av kulturstödet.",
        looked_for="ingen text nämner kulturstöd eller bidrag tillsammans med kontroll, "
        "granskning eller demokrativillkor",
        short="kulturstödet",
    ),
    Point(
        OUTREACH,
        "Uppsökande arbete, även på internet",
        SOCIAL,
        "Socialnämnden uppmanas att utveckla sitt uppsökande arbete mot de grupper som finns i "
        "närheten av våldsbejakande extremistiska organisationer och miljöer, inklusive på "
        "internet.",
        looked_for="ingen text nämner uppsökande arbete tillsammans med internet, nätet, "
        "sociala medier eller digitalt",
        short="uppsökande på nätet",
    ),
)
POINTS_BY_KEY: dict[str, Point] = {p.key: p for p in POINTS}
CHECK_LABELS: dict[str, str] = {p.key: p.label for p in POINTS}
SHORT_LABELS: dict[str, str] = {p.key: p.short for p in POINTS}


def applies(point: Point, kind: CouncilKind, council_code: str) -> bool:
    """Whether the memo asks `point` of this council: every council, its kind, or itself."""
    if point.scope == ALL:
        return True
    if point.scope in (DISTRICT, SPECIALIST):
        return point.scope == kind.value
    return kind is CouncilKind.SPECIALIST and point.scope == council_code


def points_for(kind: CouncilKind, council_code: str) -> list[Point]:
    return [p for p in POINTS if applies(p, kind, council_code)]


@dataclass(frozen=True)
class CheckItem:
    key: str
    label: str
    passed: bool
    detail: str  # Swedish; what was found, or what is missing ("Hittade: …" / "Saknas: …")
    scope: str = ALL  # whom the memo asks it of (ALL, DISTRICT, SPECIALIST or a council code)
    quote: str = ""  # the memo's (or the guidelines') own words
    source: str = MEMO


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


def _fmt_day(value: date, with_year: bool = True) -> str:
    """`30 april 2025` (or `1 januari`), kept on one line."""
    parts = (str(value.day), MONTH_NAMES[value.month - 1])
    return NBSP.join((*parts, str(value.year)) if with_year else parts)


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
) -> Select[
    int,
    PlanStatus,
    date | None,
    date | None,
    date | None,
    str,
    str,
    CouncilKind,
    date | None,
    str,
    str,
    str,
]:
    """The plans of a year, for councils valid at some time during that year, with their
    texts."""
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
            ActionPlan.next_revision,
            ActionPlan.lagesbild,
            ActionPlan.sources,
            ActionPlan.analysis,
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


def _activity_texts(plan_ids: Select[int]) -> Select[int, Section, str, str, str, str]:
    """Each activity's texts, in the plan's own order (as the council page lists them)."""
    return (
        select(
            Activity.plan_id,
            Activity.section,
            Activity.description,
            Activity.responsible,
            Activity.schedule_text,
            Activity.follow_up_text,
        )
        .where(Activity.plan_id.in_(plan_ids))
        .order_by(Activity.plan_id, section_order(), Activity.position, Activity.id)
    )


EXCERPT_LENGTH = 50


def _excerpt(text: str) -> str:
    """The start of a description, cut at a word: "SSP (skola, socialtjänst, polis): …"."""
    text = " ".join(text.split())
    if len(text) <= EXCERPT_LENGTH:
        return text
    cut = text.rfind(" ", 0, EXCERPT_LENGTH)
    return text[: cut if cut > 0 else EXCERPT_LENGTH].rstrip(",.:;") + " …"


def _plan_texts(lagesbild: str, sources: str, analysis: str) -> list[Text]:
    fields = {"lagesbild": lagesbild, "sources": sources, "analysis": analysis}
    return [Text.of(_PLAN_TEXT_NAMES[k], k, fields[k]) for k in PLAN_TEXTS]


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


@dataclass(frozen=True)
class _Plan:
    """What the checklist knows of one plan."""

    year: int
    status: PlanStatus
    council_approved_on: date | None
    ks_approved_on: date | None
    lagesbild_revised_on: date | None
    next_revision: date | None
    lagesbild: str
    activities: _ActivityTotals
    survey: tuple[int, int, int, int] | None
    meetings: tuple[int, int]
    texts: list[Text]


@reads(Topic.PLANS, Topic.ACTIVITIES, Topic.MEETINGS, Topic.SURVEYS, Topic.COUNCILS)
def plan_quality(session: Session, year: int, council_code: str | None = None) -> list[PlanQuality]:
    """The checklist for every plan of `year` (or only `council_code`'s), best score first.

    Each plan is checked on the points the memo asks of its council (`points_for`): district
    councils on the points for every council and the district points (police cooperation among
    them: specialist councils have no local police area), specialist councils on the points for
    every council, the specialist point and their own. The percent is of the plan's own points.
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

    activity_texts: dict[int, list[Text]] = defaultdict(list)
    for (
        plan_id,
        section,
        description,
        responsible,
        schedule_text,
        follow_up_text,
    ) in session.execute(_activity_texts(plan_ids)):
        number = len(activity_texts[plan_id]) + 1
        where = f"aktivitet {number} ({label(section)}: ”{_excerpt(description)}”)"
        activity_texts[plan_id].append(
            Text.of(where, section.value, description, responsible, schedule_text, follow_up_text)
        )

    surveys: dict[int, tuple[int, int, int, int]] = {}  # latest survey year per plan
    for plan_id, survey_year, rounds, sent, answered in session.execute(_surveys(plan_ids, year)):
        if plan_id not in surveys or survey_year > surveys[plan_id][0]:
            surveys[plan_id] = (int(survey_year), int(rounds), int(sent), int(answered))

    meetings = {
        plan_id: (int(n), int(vbe or 0))
        for plan_id, n, vbe in session.execute(_meetings(plan_ids, year))
    }

    result = []
    for (
        plan_id,
        status,
        council_on,
        ks_on,
        revised_on,
        code,
        name,
        kind,
        next_revision,
        lagesbild,
        sources,
        analysis,
    ) in plans:
        survey = surveys.get(plan_id)
        plan = _Plan(
            year=year,
            status=status,
            council_approved_on=council_on,
            ks_approved_on=ks_on,
            lagesbild_revised_on=revised_on,
            next_revision=next_revision,
            lagesbild=lagesbild or "",
            activities=activities.get(plan_id) or _ActivityTotals({}),
            survey=survey,
            meetings=meetings.get(plan_id, (0, 0)),
            texts=_plan_texts(lagesbild or "", sources or "", analysis or "")
            + activity_texts.get(plan_id, []),
        )
        result.append(
            PlanQuality(
                plan_id=plan_id,
                year=year,
                council_code=code,
                council_name=name,
                council_kind=kind,
                status=status,
                items=tuple(_check(point, plan) for point in points_for(kind, code)),
                survey_response_rate=100.0 * survey[3] / survey[2] if survey else None,
            )
        )
    result.sort(key=lambda p: (-p.percent, p.council_name))
    return result


def _check(point: Point, plan: _Plan) -> CheckItem:
    """One point for one plan."""
    year, totals = plan.year, plan.activities
    if point.key == SECTIONS:
        return _sections_item(totals)
    if point.key == ACTIVITY_FIELDS:
        return _activity_fields_item(totals)
    if point.key == GROUPS:
        return _groups_item(year, plan.lagesbild_revised_on, _search(point, plan.texts))
    if point.key == LAGESBILD:
        return _lagesbild_item(year, plan.lagesbild_revised_on)
    if point.key == SURVEY:
        return _survey_item(year, plan.survey)
    if point.key == REVISION:
        return _revision_item(year, plan.next_revision)
    if point.key == GRANTS_PREMISES:
        return _grants_item(totals, _search(point, plan.texts))
    if point.key == COUNCIL_APPROVED:
        return _council_item(plan.status, plan.council_approved_on)
    if point.key == KS_APPROVED:
        return _ks_item(plan.status, plan.ks_approved_on)
    if point.key == POLICE:
        return _police_item(year, plan.meetings)
    if point.key == CULTURE_LAGESBILD:
        return _culture_lagesbild_item(plan.lagesbild)
    return _keyword_item(point, _search(point, plan.texts))


def _search(point: Point, texts: Sequence[Text]) -> Match | None:
    searched = texts if point.kinds is None else [t for t in texts if t.kind in point.kinds]
    return search(RULES[point.key], searched)


def _item(key: str, passed: bool, detail: str) -> CheckItem:
    point = POINTS_BY_KEY[key]
    return CheckItem(
        key=key,
        label=point.label,
        passed=passed,
        detail=detail,
        scope=point.scope,
        quote=point.quote,
        source=point.source,
    )


def _quoted(words: Sequence[str]) -> str:
    """'a', 'b' och 'c'."""
    shown = [f"'{w}'" for w in words]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " och " + shown[-1]


def found_text(match: Match) -> str:
    """Hittade: 'SSP' i aktivitet 3 (Förebyggande: ”SSP (skola, socialtjänst, polis): …”)."""
    text = f"Hittade: {_quoted(match.words)} i {match.where}"
    if match.others:
        other = "annan text" if match.others == 1 else "andra texter"
        text += f", och i {_fmt_int(match.others)} {other}"
    return text + "."


def _keyword_item(point: Point, match: Match | None) -> CheckItem:
    if match is None:
        where = (
            _ANY_TEXT
            if point.kinds is None
            else "planens texter och aktiviteter utom avsnittet Föreningsbidrag och lokaler"
            if point.kinds == _NOT_GRANTS
            else "de kompetenshöjande aktiviteterna"
            if point.kinds == _COMPETENCE
            else "lägesbilden och analysen"
        )
        return _item(point.key, False, f"Saknas: {point.looked_for}. Sökt i {where}.")
    return _item(point.key, True, found_text(match))


def _groups_item(year: int, revised_on: date | None, match: Match | None) -> CheckItem:
    first, last = lagesbild_window(year)
    if revised_on is None or not first <= revised_on <= last:
        when = f"senast {_fmt_date(revised_on)}" if revised_on else "datum saknas"
        return _item(
            GROUPS,
            False,
            f"Saknas: lägesbilden är inte reviderad för planår {year} ({when}), så beskrivningen "
            "av grupperna är inte uppdaterad.",
        )
    if match is None:
        return _item(GROUPS, False, f"Saknas: {POINTS_BY_KEY[GROUPS].looked_for}.")
    return _item(
        GROUPS, True, f"Lägesbilden reviderad {_fmt_date(revised_on)}. {found_text(match)}"
    )


def _revision_item(year: int, next_revision: date | None) -> CheckItem:
    first, last = revision_window(year)
    t1 = f"T1 {year + 1} ({_fmt_day(first, with_year=False)}–{_fmt_day(last)})"
    if next_revision is None:
        return _item(REVISION, False, f"Saknas: datum för nästa revidering; den ska ske i {t1}.")
    if first <= next_revision <= last:
        return _item(
            REVISION, True, f"Nästa revidering {_fmt_date(next_revision)}, i samband med {t1}."
        )
    return _item(
        REVISION,
        False,
        f"Nästa revidering {_fmt_date(next_revision)} ligger utanför {t1}, då planen ska "
        "revideras.",
    )


def _culture_lagesbild_item(lagesbild: str) -> CheckItem:
    words = len(lagesbild.split())
    if not words:
        return _item(CULTURE_LAGESBILD, False, "Saknas: planen har ingen lägesbild registrerad.")
    return _item(
        CULTURE_LAGESBILD,
        True,
        f"Lägesbild registrerad ({_fmt_int(words)} ord); hur utförlig den är kan bara en läsare "
        "bedöma.",
    )


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


def _grants_item(totals: _ActivityTotals, match: Match | None) -> CheckItem:
    """An activity in the section, or else a text describing the check (a plan may have the
    section as text only, as Skarpnäck's plan of 2021)."""
    n = totals.sections.get(Section.GRANTS_PREMISES, 0)
    section = label(Section.GRANTS_PREMISES)
    if n:
        noun = "aktivitet" if n == 1 else "aktiviteter"
        return _item(GRANTS_PREMISES, True, f"{_fmt_int(n)} {noun} i avsnittet {section}.")
    if match is None:
        return _item(
            GRANTS_PREMISES, False, f"Saknas: {POINTS_BY_KEY[GRANTS_PREMISES].looked_for}."
        )
    return _item(
        GRANTS_PREMISES,
        True,
        f"Ingen aktivitet i avsnittet {section}, men planens text beskriver kontrollen. "
        + found_text(match),
    )


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
