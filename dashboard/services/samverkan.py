"""The samverkan agenda: what a meeting with the police goes through, for a council or a local
police area, since the last meeting. The page and the .docx export both build it here, so they
cannot disagree; a bad address gets a Swedish message (ServiceError), never another scope.

The sections follow the meeting's order: incidents since the last meeting, forms and concerns,
trend alerts (filled by the page), activities involving the police, the open follow-ups, and
the meeting log.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.formatting import fmt_day
from dashboard.services.errors import NotFound, ServiceError
from dashboard.services.validation import parse_iso_day
from models import CooperationMeeting, Council, MeetingFollowUp, rules
from models.enums import CouncilKind, Role
from models.queries import meetings as meeting_queries
from models.queries import samverkan as q
from models.queries.police_areas import find_area

# With no meeting logged, the agenda looks back this far.
DEFAULT_LOOK_BACK_DAYS = 90
SECTIONS = (
    ("incidents", "Sedan förra mötet"),
    ("forms", "Blanketter och oro"),
    ("alerts", "Trendlarm"),
    ("activities", "Aktiviteter med polisen"),
    ("follow-ups", "Förra mötets åtaganden"),
    ("log", "Mötesloggen"),
)
NO_SCOPE = "Välj en nämnd eller ett lokalpolisområde."
UNKNOWN_COUNCIL = "Nämnden {code!r} finns inte."
UNKNOWN_AREA = "Lokalpolisområdet {value!r} finns inte."
BAD_SINCE = "Datumet för förra mötet ska skrivas ÅÅÅÅ-MM-DD, t.ex. 2026-09-15."
FUTURE_SINCE = "Datumet för förra mötet kan inte ligga efter i dag ({today})."
EARLY_SINCE = f"Datumet för förra mötet kan inte ligga före {rules.FIRST_YEAR}."
OTHER_MEETING = "Mötet hör inte till {scope}."
# The police-involved activities as the page and the Word agenda show them.
ACTIVITY_HEADERS = ("Slutdatum", "Nämnd", "Aktivitet", "Ansvarig", "Uppföljning", "Status")


def activity_cells(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """One table row per activity, in ACTIVITY_HEADERS' order."""
    return [
        [
            r["deadline"] or "Löpande",
            r["council"],
            r["description"],
            r["responsible"],
            r["follow_up_text"],
            r["status"],
        ]
        for r in rows
    ]


@dataclass(frozen=True)
class Agenda:
    scope: q.Scope
    first: date  # the last meeting's day (or the chosen one)
    last: date  # today, or the logged meeting's day for its minutes
    last_meeting: CooperationMeeting | None  # the meeting `first` is the day of, by default
    incidents: q.IncidentSummary
    forms: q.FormsAndConcerns
    activities: q.PoliceActivities
    councils: list[q.ScopeCouncil]
    shared: list[q.SharedCouncil]
    council_areas: list[str]
    open_follow_ups: list[MeetingFollowUp]
    meetings: list[CooperationMeeting]
    meeting: CooperationMeeting | None = None  # the minutes' meeting

    @property
    def period_text(self) -> str:
        return f"{fmt_day(self.first)} – {fmt_day(self.last)}"

    def register_href(self) -> str:
        """The incident register (Händelser) for the same scope and period."""
        key, value = next(iter(self.scope.query.items()))
        return f"/handelser?{key}={value}&from={self.first.isoformat()}&to={self.last.isoformat()}"


def default_scope(session: Session, user: Any, today: date) -> q.Scope | None:
    """A coordinator's own council, a police user's own police area, anyone else the first
    district council that exists today."""
    role = getattr(user, "role", None)
    council: Council | None = getattr(user, "council", None)
    if role is Role.COORDINATOR and council is not None:
        return q.council_scope(council)
    area_id = getattr(user, "police_area_id", None)
    if role is Role.POLICE and area_id is not None:
        area = find_area(session, area_id)
        if area is not None:
            return q.area_scope(session, area)
    first = session.scalars(
        select(Council).where(Council.kind == CouncilKind.DISTRICT).order_by(Council.name)
    )
    found = next((c for c in first if c.is_valid_on(today)), None)
    return q.council_scope(found) if found else None


def resolve_scope(
    session: Session, council: object, area: object, user: Any, today: date
) -> q.Scope:
    """The scope an address or a form asks for (a police area wins over a council), else the
    user's default. An unknown one is refused in Swedish."""
    if area not in (None, ""):
        found = find_area(session, area)
        if found is None:
            raise NotFound(UNKNOWN_AREA.format(value=str(area)[:40]))
        return q.area_scope(session, found)
    if council not in (None, ""):
        chosen = rules.find_council(session, council)
        if chosen is None:
            raise NotFound(UNKNOWN_COUNCIL.format(code=str(council)[:40]))
        return q.council_scope(chosen)
    scope = default_scope(session, user, today)
    if scope is None:
        raise ServiceError(NO_SCOPE)
    return scope


def parse_since(value: object, today: date) -> date | None:
    """The chosen day of the last meeting, None when none was chosen; refused when bad."""
    if value in (None, ""):
        return None
    day = parse_iso_day(value)
    if day is None:
        raise ServiceError(BAD_SINCE)
    if day > today:
        raise ServiceError(FUTURE_SINCE.format(today=fmt_day(today)))
    if day.year < rules.FIRST_YEAR:
        raise ServiceError(EARLY_SINCE)
    return day


def scope_ids(scope: q.Scope) -> tuple[int | None, int | None]:
    """(council_id, police_area_id) as models.queries.meetings takes them."""
    return (None, scope.id) if scope.is_area else (scope.id, None)


def scope_meetings(session: Session, scope: q.Scope) -> list[CooperationMeeting]:
    """The scope's logged meetings, newest first (models.queries.meetings decides which)."""
    return meeting_queries.meetings(session, *scope_ids(scope))


def last_meeting(session: Session, scope: q.Scope, before: date) -> CooperationMeeting | None:
    return meeting_queries.last_meeting(session, *scope_ids(scope), before=before)


def default_since(session: Session, scope: q.Scope, today: date) -> date:
    """The last recorded meeting's day, or DEFAULT_LOOK_BACK_DAYS ago without one."""
    meeting = last_meeting(session, scope, today)
    return meeting.held_on if meeting else today - timedelta(days=DEFAULT_LOOK_BACK_DAYS)


def _meeting_of(
    session: Session, scope: q.Scope, meeting_id: object, today: date
) -> CooperationMeeting | None:
    if meeting_id in (None, ""):
        return None
    row_id = rules.parse_row_id(meeting_id)
    if row_id is None:
        raise NotFound("Mötet finns inte.")
    meeting = session.get(CooperationMeeting, row_id)
    ids = {m.id for m in meeting_queries.meetings(session, *scope_ids(scope))}
    if meeting is None:
        raise NotFound("Mötet finns inte.")
    if meeting.id not in ids:
        raise NotFound(OTHER_MEETING.format(scope=scope.title))
    return meeting


def build(
    session: Session,
    scope: q.Scope,
    since: date | None,
    today: date,
    meeting_id: object = None,
) -> Agenda:
    """The agenda for the scope since `since` (default: the last meeting). With a logged
    meeting (its minutes), the period ends on its day and "since" defaults to the meeting
    before it."""
    meeting = _meeting_of(session, scope, meeting_id, today)
    last = meeting.held_on if meeting else today
    previous = last_meeting(session, scope, last - timedelta(days=1) if meeting else today)
    first = since or (
        previous.held_on if previous else last - timedelta(days=DEFAULT_LOOK_BACK_DAYS)
    )
    if first > last:
        raise ServiceError(
            f"Datumet för förra mötet ({fmt_day(first)}) ligger efter mötet ({fmt_day(last)})."
        )
    ids = scope_ids(scope)
    return Agenda(
        scope=scope,
        first=first,
        last=last,
        last_meeting=previous if previous and previous.held_on == first else None,
        incidents=q.incident_summary(session, scope, first, last),
        forms=q.forms_and_concerns(session, scope, first, last),
        activities=q.police_activities(session, scope, first, last),
        councils=q.scope_councils(session, scope, first, last),
        shared=q.shared_councils(session, scope, first, last),
        council_areas=q.council_areas(session, scope, first, last),
        open_follow_ups=meeting_queries.open_follow_ups(session, *ids),
        meetings=meeting_queries.meetings(session, *ids),
        meeting=meeting,
    )
