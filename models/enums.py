"""Stable codes shared by the database, the JSON API and the UI (see shared/domain.md).

Each enum's value is the code stored in the database; `LABELS` gives, per enum, the Swedish text
the UI shows.
"""

from enum import StrEnum
from typing import TypeVar


class CouncilKind(StrEnum):
    DISTRICT = "district"
    SPECIALIST = "specialist"


class PlanStatus(StrEnum):
    DRAFT = "draft"
    COUNCIL_APPROVED = "council_approved"
    KS_APPROVED = "ks_approved"


class Section(StrEnum):
    PREVENTIVE = "preventive"
    PREVENTING = "preventing"
    GRANTS_PREMISES = "grants_premises"
    COMPETENCE = "competence"


class ActivityStatus(StrEnum):
    NOT_STARTED = "not_started"
    ONGOING = "ongoing"
    DONE = "done"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


class Schedule(StrEnum):
    DEADLINE = "deadline"
    CONTINUOUS = "continuous"


class FollowUp(StrEnum):
    T1 = "t1"
    T2 = "t2"
    VB = "vb"
    ORDINARY = "ordinary"
    PLAN_UPDATE = "plan_update"


class IncidentSource(StrEnum):
    IA = "ia"
    TRAFFIC_OFFICE = "traffic_office"
    SISAB = "sisab"
    FORM = "form"
    POLICE = "police"
    SOCIAL_SERVICES = "social_services"
    SCHOOL = "school"
    SURVEY = "survey"
    OTHER = "other"


class IncidentCategory(StrEnum):
    GRAFFITI = "graffiti"
    STICKERS = "stickers"
    DEMONSTRATION = "demonstration"
    CONCERN = "concern"
    THREAT_VIOLENCE = "threat_violence"
    SCHOOL_INCIDENT = "school_incident"
    PROPAGANDA = "propaganda"
    OTHER = "other"


class Milieu(StrEnum):
    WHITE_POWER = "white_power"
    AUTONOMOUS = "autonomous"
    ISLAMIST = "islamist"
    UNCLEAR = "unclear"
    NOT_VBE = "not_vbe"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"


class SurveyIndicator(StrEnum):
    KNOWS_PLAN = "knows_plan"
    BELIEVES_STAFF_KNOW_PLAN = "believes_staff_know_plan"
    KNOWS_COORDINATOR = "knows_coordinator"
    KNOWS_FORM = "knows_form"
    KNOWS_SUPPORT_MATERIAL = "knows_support_material"
    KNOWLEDGE_ADEQUATE = "knowledge_adequate"
    OBSERVED_INCIDENT = "observed_incident"


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    READER = "reader"
    POLICE = "police"


class AuditAction(StrEnum):
    """What an audit-log entry records (audit_log.action; plain text in the database)."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    IMPORT = "import"
    WITHDRAW = "withdraw"
    RESTORE = "restore"
    REVIEW = "review"


class AuditEntity(StrEnum):
    """What an audit-log entry is about (audit_log.entity; plain text in the database)."""

    ACTIVITY = "activity"
    INCIDENT = "incident"
    SURVEY_ROUND = "survey_round"
    ACTION_PLAN = "action_plan"
    MEETING = "meeting"
    MEETING_FOLLOW_UP = "meeting_follow_up"
    TREND_ALERT = "trend_alert"


class RevisionField(StrEnum):
    """A field whose old and new values the revisions table keeps (revisions.field)."""

    # action plans
    LAGESBILD = "lagesbild"
    SOURCES = "sources"
    ANALYSIS = "analysis"
    DNR = "dnr"
    NEXT_REVISION = "next_revision"
    COUNCIL_APPROVED_ON = "council_approved_on"
    KS_APPROVED_ON = "ks_approved_on"
    # activities
    SECTION = "section"
    DESCRIPTION = "description"
    RESPONSIBLE = "responsible"
    SCHEDULE = "schedule"
    DEADLINE = "deadline"
    SCHEDULE_TEXT = "schedule_text"
    FOLLOW_UP = "follow_up"
    FOLLOW_UP_TEXT = "follow_up_text"
    TARGET = "target"
    # incidents (DESCRIPTION as above)
    DATE = "date"
    SUB_AREA = "sub_area"
    SOURCE = "source"
    CATEGORY = "category"
    MILIEU = "milieu"
    SEVERITY = "severity"
    COUNT = "count"
    # cooperation meetings
    HELD_ON = "held_on"
    FORUM = "forum"
    POLICE_AREA = "police_area"
    VBE_ON_AGENDA = "vbe_on_agenda"
    PARTICIPANTS = "participants"
    NOTES = "notes"
    DECISIONS = "decisions"
    # meeting follow-ups
    WHAT = "what"
    OWNER_ROLE = "owner_role"
    DUE_ON = "due_on"
    DONE_ON = "done_on"
    DONE_NOTE = "done_note"
    # incidents withdrawn or restored, and trend-alert reviews
    WITHDRAWN = "withdrawn"
    COMMENT = "comment"


class AlertScope(StrEnum):
    """What a trend alert's series covers."""

    COUNCIL = "council"
    POLICE_AREA = "police_area"


class ImportKind(StrEnum):
    """What an imported file holds."""

    INCIDENTS = "incidents"
    ACTIVITIES = "activities"


# One table per enum: equal codes of different enums (Role.POLICE and IncidentSource.POLICE are
# both "police") keep their own labels.
LABELS: dict[type[StrEnum], dict[StrEnum, str]] = {
    CouncilKind: {
        CouncilKind.DISTRICT: "Stadsdelsnämnd",
        CouncilKind.SPECIALIST: "Facknämnd",
    },
    PlanStatus: {
        PlanStatus.DRAFT: "Utkast",
        PlanStatus.COUNCIL_APPROVED: "Nämndbehandlad",
        PlanStatus.KS_APPROVED: "Godkänd av KS",
    },
    Section: {
        Section.PREVENTIVE: "Förebyggande",
        Section.PREVENTING: "Förhindrande",
        Section.GRANTS_PREMISES: "Föreningsbidrag och lokaler",
        Section.COMPETENCE: "Kompetenshöjande",
    },
    ActivityStatus: {
        ActivityStatus.NOT_STARTED: "Ej påbörjad",
        ActivityStatus.ONGOING: "Pågår",
        ActivityStatus.DONE: "Genomförd",
        ActivityStatus.DELAYED: "Försenad",
        ActivityStatus.CANCELLED: "Inställd",
    },
    Schedule: {
        Schedule.DEADLINE: "Datum",
        Schedule.CONTINUOUS: "Löpande",
    },
    FollowUp: {
        FollowUp.T1: "T1",
        FollowUp.T2: "T2",
        FollowUp.VB: "VB",
        FollowUp.ORDINARY: "Ordinarie verksamhetsuppföljning",
        FollowUp.PLAN_UPDATE: "Uppdatering av handlingsplanen",
    },
    IncidentSource: {
        IncidentSource.IA: "IA",
        IncidentSource.TRAFFIC_OFFICE: "Trafikkontoret",
        IncidentSource.SISAB: "SISAB",
        IncidentSource.FORM: "Blankett för avidentifierad information",
        IncidentSource.POLICE: "Polisen",
        IncidentSource.SOCIAL_SERVICES: "Socialtjänsten",
        IncidentSource.SCHOOL: "Skola",
        IncidentSource.SURVEY: "Enkät",
        IncidentSource.OTHER: "Annan källa",
    },
    IncidentCategory: {
        IncidentCategory.GRAFFITI: "Klotter",
        IncidentCategory.STICKERS: "Klistermärken/affischer",
        IncidentCategory.DEMONSTRATION: "Demonstration",
        IncidentCategory.CONCERN: "Oro för individ",
        IncidentCategory.THREAT_VIOLENCE: "Hot/våld",
        IncidentCategory.SCHOOL_INCIDENT: "Händelse i skola",
        IncidentCategory.PROPAGANDA: "Propaganda/rekrytering",
        IncidentCategory.OTHER: "Annat",
    },
    Milieu: {
        Milieu.WHITE_POWER: "Vit makt-miljön",
        Milieu.AUTONOMOUS: "Autonoma miljön",
        Milieu.ISLAMIST: "Islamistiska miljön",
        Milieu.UNCLEAR: "Oklar",
        Milieu.NOT_VBE: "Ej VBE-koppling",
    },
    DatePrecision: {
        DatePrecision.DAY: "Dag",
        DatePrecision.MONTH: "Månad",
    },
    SurveyIndicator: {
        SurveyIndicator.KNOWS_PLAN: "Känner till handlingsplanen",
        SurveyIndicator.BELIEVES_STAFF_KNOW_PLAN: "Tror att medarbetarna känner till planen",
        SurveyIndicator.KNOWS_COORDINATOR: "Känner till samordnaren",
        SurveyIndicator.KNOWS_FORM: "Känner till blanketten",
        SurveyIndicator.KNOWS_SUPPORT_MATERIAL: "Känner till stödmaterialet på intranätet",
        SurveyIndicator.KNOWLEDGE_ADEQUATE: "Tillräcklig egen kunskap",
        SurveyIndicator.OBSERVED_INCIDENT: "Har observerat händelse",
    },
    Role: {
        Role.ADMIN: "Central samordnare (admin)",
        Role.COORDINATOR: "Lokal samordnare",
        Role.READER: "Läsare",
        Role.POLICE: "Polis",
    },
    AuditAction: {
        AuditAction.CREATE: "Skapad",
        AuditAction.UPDATE: "Ändrad",
        AuditAction.DELETE: "Borttagen",
        AuditAction.IMPORT: "Import",
        AuditAction.WITHDRAW: "Återkallad",
        AuditAction.RESTORE: "Återställd",
        AuditAction.REVIEW: "Granskad",
    },
    AuditEntity: {
        AuditEntity.ACTIVITY: "Aktivitet",
        AuditEntity.INCIDENT: "Händelse",
        AuditEntity.SURVEY_ROUND: "Enkät",
        AuditEntity.ACTION_PLAN: "Handlingsplan",
        AuditEntity.MEETING: "Samverkansmöte",
        AuditEntity.MEETING_FOLLOW_UP: "Åtagande från möte",
        AuditEntity.TREND_ALERT: "Trendlarm",
    },
    RevisionField: {
        RevisionField.LAGESBILD: "Lokal lägesbild",
        RevisionField.SOURCES: "Kartläggning och källor",
        RevisionField.ANALYSIS: "Analys",
        RevisionField.DNR: "Dnr",
        RevisionField.NEXT_REVISION: "Nästa revidering",
        RevisionField.COUNCIL_APPROVED_ON: "Nämndens beslutsdatum",
        RevisionField.KS_APPROVED_ON: "KS:s beslutsdatum",
        RevisionField.SECTION: "Avsnitt",
        RevisionField.DESCRIPTION: "Beskrivning",
        RevisionField.RESPONSIBLE: "Ansvarig",
        RevisionField.SCHEDULE: "Tidplan",
        RevisionField.DEADLINE: "Slutdatum",
        RevisionField.SCHEDULE_TEXT: "Tidplan (planens ord)",
        RevisionField.FOLLOW_UP: "Uppföljning",
        RevisionField.FOLLOW_UP_TEXT: "Uppföljning (planens ord)",
        RevisionField.TARGET: "Mål",
        RevisionField.DATE: "Datum",
        RevisionField.SUB_AREA: "Delområde",
        RevisionField.SOURCE: "Källa",
        RevisionField.CATEGORY: "Kategori",
        RevisionField.MILIEU: "Miljö",
        RevisionField.SEVERITY: "Allvarlighetsgrad",
        RevisionField.COUNT: "Antal",
        RevisionField.HELD_ON: "Mötesdatum",
        RevisionField.FORUM: "Forum",
        RevisionField.POLICE_AREA: "Lokalpolisområde",
        RevisionField.VBE_ON_AGENDA: "VBE på dagordningen",
        RevisionField.PARTICIPANTS: "Deltagare (roller)",
        RevisionField.NOTES: "Anteckningar",
        RevisionField.DECISIONS: "Beslut",
        RevisionField.WHAT: "Åtagande",
        RevisionField.OWNER_ROLE: "Ansvarig roll",
        RevisionField.DUE_ON: "Klart senast",
        RevisionField.DONE_ON: "Klart",
        RevisionField.DONE_NOTE: "Kommentar vid avslut",
        RevisionField.WITHDRAWN: "Återkallad",
        RevisionField.COMMENT: "Kommentar",
    },
    AlertScope: {
        AlertScope.COUNCIL: "Nämnd",
        AlertScope.POLICE_AREA: "Lokalpolisområde",
    },
    ImportKind: {
        ImportKind.INCIDENTS: "Händelser",
        ImportKind.ACTIVITIES: "Aktiviteter",
    },
}

E = TypeVar("E", bound=StrEnum)
MAX_LABEL_LENGTH = 100


def label(code: StrEnum) -> str:
    """Swedish label for a stable code, from its own enum's table."""
    return LABELS[type(code)][code]


def from_label_or_code(enum_cls: type[E], text: object) -> E | None:
    """The member whose code or Swedish label this is, in any case and with spaces around it
    ("POLICE", "Polisen", " vit makt-miljön "); None for anything else."""
    if not isinstance(text, str) or len(text) > MAX_LABEL_LENGTH:
        return None
    wanted = text.strip().casefold()
    if not wanted:
        return None
    for member in enum_cls:
        if wanted in (member.value.casefold(), LABELS[enum_cls][member].casefold()):
            return member
    return None
