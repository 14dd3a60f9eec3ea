"""The meeting log (samverkan with the police): meetings and the follow-ups they agree on.

The write-side rules of the other registers apply: permissions checked here (not by hiding
widgets), the version the user saw (409 when stale), the old and new value of every changed
field (revisions), an audit entry, and the personal-data guard on every text. Participants are
roles, never names. The caller commits.

Who may write: a meeting, the admin and its council's coordinator; its follow-ups, also a police
user of the meeting's police area (or, for a meeting without one, of an area its council worked
with on the meeting day: models.queries.police_areas).
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from dashboard.formatting import fmt_day
from dashboard.personal_data import personal_data_message
from dashboard.services import audit, revisions
from dashboard.services.concurrency import flush_or_conflict
from dashboard.services.errors import (
    Conflict,
    ConflictDetail,
    NotFound,
    PermissionDenied,
)
from dashboard.services.permissions import OTHER_COUNCIL, READ_ONLY
from dashboard.services.serialize import follow_up_to_dict, meeting_to_dict
from dashboard.services.validation import Errors, iso_date, not_in_future, text
from models import CooperationMeeting, Council, MeetingFollowUp, PoliceArea, User, rules
from models.base import stockholm_today
from models.enums import AuditAction, AuditEntity, Role, label
from models.queries import police_areas
from models.queries.police_areas import Membership

NO_MEETING = "Mötet finns inte."
NO_FOLLOW_UP = "Åtagandet finns inte."
STALE_MEETING = (
    "Mötet har ändrats av någon annan sedan du öppnade det. Ingenting sparades. "
    "Läs ändringarna i historiken och gör om din ändring."
)
STALE_FOLLOW_UP = (
    "Åtagandet har ändrats av någon annan sedan du öppnade det. Ingenting sparades. "
    "Läs ändringarna i historiken och gör om din ändring."
)
POLICE_MEETING = (
    "Mötet registreras och ändras av nämndens samordnare. Som polis kan du lägga till och "
    "stänga mötets åtaganden."
)
POLICE_NO_AREA = (
    "Ditt konto är inte knutet till något lokalpolisområde, så du kan bara läsa mötena. "
    "Kontakta den centrala samordnaren."
)
POLICE_OTHER_AREA = (
    "Som polis kan du bara lägga till och stänga åtaganden från möten i ditt lokalpolisområde "
    "({area})."
)
POLICE_REWRITE = (
    "Som polis kan du stänga ett åtagande och öppna det igen, men inte ändra vad som ska göras, "
    "ansvarig roll eller datum för klart senast. Ingenting sparades. Be nämndens samordnare "
    "ändra åtagandet."
)
NO_VERSION = "Version saknas: ladda om och försök igen."

FORUM_MAX, ROLE_MAX, ROLES_MAX, TEXT_MAX, WHAT_MAX, FOLLOW_UPS_MAX = 200, 120, 30, 4000, 1000, 50
# Checked before any line goes through the personal-data guard, so that a pasted list of
# thousands of lines is refused at once: all the text, and the lines (blank ones included).
PARTICIPANTS_MAX, PARTICIPANT_LINES_MAX = 4000, 200
# The fields of a meeting a user may change (the council may not: log the meeting anew).
MEETING_FIELDS = (
    "held_on",
    "forum",
    "police_area",
    "vbe_on_agenda",
    "participants",
    "notes",
    "decisions",
)
FOLLOW_UP_FIELDS = ("what", "owner_role", "due_on", "done_on", "done_note")
# What the police may not change of a follow-up: they add and close follow-ups (and reopen them,
# the inverse of closing), but what was agreed, by whom and by when is the council's record.
POLICE_FIXED_FIELDS = ("what", "owner_role", "due_on")


# --- permissions -------------------------------------------------------------------------------


def meeting_refusal(
    session: Session, user: User, meeting_or_council_id: CooperationMeeting | int
) -> str | None:
    """Why the user may not create or change the meeting (or a meeting of this council id), or
    None when they may: the admin, and the council's own coordinator."""
    council_id = (
        meeting_or_council_id.council_id
        if isinstance(meeting_or_council_id, CooperationMeeting)
        else meeting_or_council_id
    )
    refusal = _role_refusal(user)
    if refusal is None and user.role is Role.COORDINATOR and user.council_id != council_id:
        return OTHER_COUNCIL
    return refusal


def _role_refusal(user: User) -> str | None:
    """Why the user's role may write no meeting at all, or None (admin, coordinator)."""
    if user.role in (Role.ADMIN, Role.COORDINATOR):
        return None
    if user.role is Role.POLICE:
        return POLICE_MEETING
    return READ_ONLY.format(role=label(user.role))


def follow_up_refusal(
    session: Session,
    user: User,
    meeting: CooperationMeeting,
    members: Sequence[Membership] | None = None,
) -> str | None:
    """Why the user may not add, change or close the meeting's follow-ups, or None when they
    may: whoever may write the meeting, and a police user of the meeting's police area (or, for
    a meeting without one, of an area the meeting's council worked with on the meeting day).
    `members` is `police_areas.memberships(session)` when the caller already has it (a page
    asking for many follow-ups reads it once: follow_up_refusals); else it is read here."""
    if user.role is not Role.POLICE:
        return meeting_refusal(session, user, meeting)
    if user.police_area_id is None:
        return POLICE_NO_AREA
    if meeting.police_area_id is not None:
        allowed = {meeting.police_area_id}
    else:
        if members is None:
            members = police_areas.memberships(session)
        allowed = police_areas.area_ids_of_council(members, meeting.council_id, meeting.held_on)
    if user.police_area_id in allowed:
        return None
    area = user.police_area.name if user.police_area else str(user.police_area_id)
    return POLICE_OTHER_AREA.format(area=area)


def follow_up_refusals(
    session: Session, user: User, follow_ups: Iterable[MeetingFollowUp]
) -> dict[int, str | None]:
    """follow-up id → why the user may not close it (None: they may), by follow_up_refusal,
    reading the council ↔ police-area memberships at most once for them all (not once per
    follow-up, as asking follow_up_refusal for each would for a police user)."""
    members: list[Membership] | None = None
    refusals: dict[int, str | None] = {}
    for follow_up in follow_ups:
        meeting = follow_up.meeting
        needs_members = (
            user.role is Role.POLICE
            and user.police_area_id is not None
            and meeting.police_area_id is None
        )
        if needs_members and members is None:
            members = police_areas.memberships(session)
        refusals[follow_up.id] = follow_up_refusal(session, user, meeting, members)
    return refusals


def _require(refusal: str | None) -> None:
    if refusal is not None:
        raise PermissionDenied(refusal)


# --- reading -----------------------------------------------------------------------------------


def get_meeting(session: Session, meeting_id: int) -> CooperationMeeting:
    meeting = session.get(CooperationMeeting, meeting_id)
    if meeting is None:
        raise NotFound(NO_MEETING)
    return meeting


def get_follow_up(session: Session, follow_up_id: int) -> MeetingFollowUp:
    follow_up = session.get(MeetingFollowUp, follow_up_id)
    if follow_up is None:
        raise NotFound(NO_FOLLOW_UP)
    return follow_up


# --- validation --------------------------------------------------------------------------------


def _required_text(errors: Errors, field: str, value: Any, label_: str, max_len: int) -> str:
    result = text(errors, field, value, label_, max_len)
    if not result and field not in errors.by_field:
        errors.add(field, f"Ange {label_.lower()}.")
    return result or ""


def _boolean(errors: Errors, field: str, value: Any, label_: str) -> bool | None:
    if isinstance(value, bool):
        return value
    errors.add(field, f"{label_} måste anges som ja eller nej (true eller false).")
    return None


def _participants(errors: Errors, value: Any) -> str:
    """Roles, one a line (or a list of roles): each short, at most 30, none personal data, nor
    all the lines together (a personnummer split over two lines). Empty lines and repeats are
    dropped. The sizes are checked first, before any line goes through the guard."""
    if value is None or value == "":
        return ""
    too_long = f"Deltagare får vara högst {PARTICIPANTS_MAX} tecken. Skriv roller, en per rad."
    too_many = f"Deltagare: ange högst {ROLES_MAX} roller, en per rad."
    if isinstance(value, str):
        if len(value) > PARTICIPANTS_MAX:
            errors.add("participants", too_long)
            return ""
        items: list[Any] = [value]
    elif isinstance(value, list | tuple):
        if len(value) > PARTICIPANT_LINES_MAX:
            errors.add("participants", too_many)
            return ""
        items = list(value)
    else:
        errors.add("participants", "Deltagare anges som en lista med roller, en per rad.")
        return ""
    if not all(isinstance(item, str) for item in items):
        errors.add("participants", "Deltagare: varje roll måste vara text.")
        return ""
    if sum(len(item) for item in items) > PARTICIPANTS_MAX:
        errors.add("participants", too_long)
        return ""
    # Every line break splits (text() would turn a vertical tab into one inside a role).
    lines = [line for item in items for line in item.splitlines()]
    if len(lines) > PARTICIPANT_LINES_MAX or len({ln.strip() for ln in lines} - {""}) > ROLES_MAX:
        errors.add("participants", too_many)
        return ""
    roles: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if len(line.strip()) > ROLE_MAX:
            errors.add(
                "participants",
                f"Deltagare: en roll får vara högst {ROLE_MAX} tecken ({line.strip()[:40]!r}…). "
                "Skriv roller, inte namn, en per rad.",
            )
            return ""
        role = text(errors, "participants", line, "Deltagare", ROLE_MAX)
        if role and role not in roles:
            roles.append(role)
    if len(roles) > ROLES_MAX:
        errors.add("participants", too_many)
    joined = "\n".join(roles)
    # Each line passed alone; what is stored is the lines together.
    message = personal_data_message(joined)
    if message:
        errors.add("participants", f"Deltagare (raderna tillsammans): {message}")
    return joined


def _held_on(errors: Errors, value: Any, council: Council | None, today: date) -> date | None:
    if value in (None, ""):
        errors.add("held_on", "Ange mötesdatum (ÅÅÅÅ-MM-DD).")
        return None
    day = iso_date(errors, "held_on", value, "Mötesdatum")
    if day is None:
        return None
    not_in_future(errors, "held_on", day, "Mötesdatum", today)
    if day.year < rules.FIRST_YEAR:
        errors.add("held_on", f"Mötesdatum kan inte ligga före {rules.FIRST_YEAR}.")
    if council is not None and not council.is_valid_on(day):
        errors.add("held_on", f"{council.name} fanns inte som nämnd {fmt_day(day)}.")
    return day


def _police_area(
    session: Session, errors: Errors, value: Any, council: Council | None, day: date | None
) -> PoliceArea | None:
    """None for no police area; else one the council worked with on the meeting day."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    area = police_areas.find_area(session, value)
    if area is None:
        errors.add("police_area", f"Lokalpolisområdet {str(value)[:40]!r} finns inte.")
        return None
    if council is None or day is None:
        return area
    valid = police_areas.areas_of_council(session, council.id, day)
    if area.id not in {a.id for a in valid}:
        choice = (
            "Välj något av: " + ", ".join(a.name for a in valid) + ", eller inget."
            if valid
            else "Nämnden samverkade inte med något lokalpolisområde det datumet: välj inget."
        )
        errors.add(
            "police_area",
            f"{council.name} samverkade inte med lokalpolisområde {area.name} "
            f"{fmt_day(day)}. {choice}",
        )
    return area


def _due_on(errors: Errors, field: str, value: Any, held_on: date | None) -> date | None:
    due = iso_date(errors, field, value, "Klart senast")
    if due and held_on and due < held_on:
        errors.add(field, "Klart senast kan inte ligga före mötet.")
    return due


def _follow_up_fields(
    errors: Errors, data: Any, held_on: date | None, prefix: str = ""
) -> dict[str, Any]:
    """What, owner role and due date of a new follow-up."""
    if not isinstance(data, dict):
        errors.add(f"{prefix}what", "Ett åtagande anges med what, owner_role och due_on.")
        return {}
    return {
        "what": _required_text(errors, f"{prefix}what", data.get("what"), "Åtagande", WHAT_MAX),
        "owner_role": text(
            errors, f"{prefix}owner_role", data.get("owner_role"), "Ansvarig roll", ROLE_MAX
        )
        or "",
        "due_on": _due_on(errors, f"{prefix}due_on", data.get("due_on"), held_on),
    }


def _meeting_fields(
    session: Session, errors: Errors, council: Council | None, data: dict[str, Any], today: date
) -> dict[str, Any]:
    held_on = _held_on(errors, data.get("held_on"), council, today)
    vbe = data.get("vbe_on_agenda", True)
    return {
        "held_on": held_on,
        "forum": _required_text(errors, "forum", data.get("forum"), "Forum", FORUM_MAX),
        "police_area": _police_area(session, errors, data.get("police_area"), council, held_on),
        "vbe_on_agenda": _boolean(errors, "vbe_on_agenda", vbe, "VBE på dagordningen"),
        "participants": _participants(errors, data.get("participants")),
        "notes": text(errors, "notes", data.get("notes"), "Anteckningar", TEXT_MAX) or "",
        "decisions": text(errors, "decisions", data.get("decisions"), "Beslut", TEXT_MAX) or "",
    }


def _council(session: Session, errors: Errors, user: User, code: Any) -> Council | None:
    """A coordinator who names no council logs a meeting of their own."""
    if code in (None, "") and user.role is Role.COORDINATOR and user.council is not None:
        return user.council
    council = rules.find_council(session, code)
    if council is None:
        if code in (None, ""):
            errors.add("council", "Välj nämnd.")
        else:
            errors.add("council", f"Nämnden {str(code)[:40]!r} finns inte.")
    return council


def _version(errors: Errors, data: dict[str, Any]) -> int | None:
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        errors.add("version", NO_VERSION)
        return None
    return version


# --- meetings ----------------------------------------------------------------------------------


def create_meeting(
    session: Session, user: User, data: dict[str, Any], today: date | None = None
) -> CooperationMeeting:
    """Log a meeting (with any follow-ups it agreed on). Nothing is written unless all of it is
    valid and the user may write the council's meetings."""
    today = today or stockholm_today()
    _require(_role_refusal(user))
    errors = Errors()
    council = _council(session, errors, user, data.get("council"))
    if council is not None:
        _require(meeting_refusal(session, user, council.id))
    fields = _meeting_fields(session, errors, council, data, today)
    raw_follow_ups = data.get("follow_ups") or []
    follow_ups: list[dict[str, Any]] = []
    if not isinstance(raw_follow_ups, list):
        errors.add("follow_ups", "Åtaganden anges som en lista.")
    elif len(raw_follow_ups) > FOLLOW_UPS_MAX:
        errors.add("follow_ups", f"Ett möte kan ha högst {FOLLOW_UPS_MAX} åtaganden.")
    else:
        for i, raw in enumerate(raw_follow_ups):
            follow_ups.append(_follow_up_fields(errors, raw, fields["held_on"], f"follow_ups.{i}."))
    errors.raise_if_any()
    assert council is not None
    meeting = CooperationMeeting(council=council, created_by_id=user.id, **fields)
    for values in follow_ups:
        meeting.follow_ups.append(MeetingFollowUp(created_by_id=user.id, **values))
    session.add(meeting)
    session.flush()
    audit.record(
        session,
        user,
        AuditAction.CREATE,
        AuditEntity.MEETING,
        meeting.id,
        council.id,
        {
            "held_on": meeting.held_on,
            "forum": meeting.forum,
            "police_area": meeting.police_area.name if meeting.police_area else None,
            "follow_ups": len(follow_ups),
        },
    )
    return meeting


def _meeting_values(meeting: CooperationMeeting) -> dict[str, Any]:
    """The changeable fields as the revisions keep them (police area by name, yes/no as
    true/false)."""
    return {
        "held_on": meeting.held_on,
        "forum": meeting.forum,
        "police_area": meeting.police_area.name if meeting.police_area else None,
        "vbe_on_agenda": "true" if meeting.vbe_on_agenda else "false",
        "participants": meeting.participants,
        "notes": meeting.notes,
        "decisions": meeting.decisions,
    }


def update_meeting(
    session: Session,
    user: User,
    meeting_id: int,
    data: dict[str, Any],
    today: date | None = None,
) -> CooperationMeeting:
    """Change a meeting. Fields left out of `data` keep their values; `version` must be the one
    the user saw. The council cannot change (log the meeting anew)."""
    today = today or stockholm_today()
    meeting = get_meeting(session, meeting_id)
    _require(meeting_refusal(session, user, meeting))
    errors = Errors()
    version = _version(errors, data)
    if "council" in data and data["council"] not in (None, ""):
        council = rules.find_council(session, data["council"])
        if council is None or council.id != meeting.council_id:
            errors.add("council", "Ett mötes nämnd kan inte ändras. Registrera mötet på nytt.")
    current = {
        "held_on": meeting.held_on.isoformat(),
        "forum": meeting.forum,
        "police_area": meeting.police_area_id,
        "vbe_on_agenda": meeting.vbe_on_agenda,
        "participants": meeting.participants,
        "notes": meeting.notes,
        "decisions": meeting.decisions,
    }
    merged = current | {k: data[k] for k in MEETING_FIELDS if k in data}
    fields = _meeting_fields(session, errors, meeting.council, merged, today)
    held_on = fields["held_on"]
    if held_on and held_on != meeting.held_on:
        earliest = min(
            (d for f in meeting.follow_ups for d in (f.due_on, f.done_on) if d), default=None
        )
        if earliest and earliest < held_on:
            errors.add(
                "held_on",
                f"Mötet kan inte flyttas till {fmt_day(held_on)}: ett av dess åtaganden ska vara "
                f"eller blev klart {fmt_day(earliest)}. Ändra åtagandet först.",
            )
    errors.raise_if_any()
    assert version is not None
    if version != meeting.version:
        raise Conflict(STALE_MEETING, ConflictDetail(current=meeting_to_dict(meeting)))
    before = _meeting_values(meeting)
    after = before | {
        "held_on": fields["held_on"],
        "forum": fields["forum"],
        "police_area": fields["police_area"].name if fields["police_area"] else None,
        "vbe_on_agenda": "true" if fields["vbe_on_agenda"] else "false",
        "participants": fields["participants"],
        "notes": fields["notes"],
        "decisions": fields["decisions"],
    }
    changed = revisions.changes(before, after)
    if not changed:
        return meeting
    for name in changed:
        setattr(meeting, name, fields[name])
    flush_or_conflict(session, STALE_MEETING)
    revisions.record(session, user, AuditEntity.MEETING, meeting.id, changed)
    audit.record(
        session,
        user,
        AuditAction.UPDATE,
        AuditEntity.MEETING,
        meeting.id,
        meeting.council_id,
        {name: f"{old} → {new}" for name, (old, new) in changed.items()},
    )
    return meeting


# --- follow-ups --------------------------------------------------------------------------------


def add_follow_up(
    session: Session,
    user: User,
    meeting_id: int,
    data: dict[str, Any],
    today: date | None = None,
) -> MeetingFollowUp:
    """Add something the meeting agreed to do. Its text is kept in the meeting's history."""
    meeting = get_meeting(session, meeting_id)
    _require(follow_up_refusal(session, user, meeting))
    errors = Errors()
    fields = _follow_up_fields(errors, data, meeting.held_on)
    if len(meeting.follow_ups) >= FOLLOW_UPS_MAX:
        errors.add("follow_ups", f"Ett möte kan ha högst {FOLLOW_UPS_MAX} åtaganden.")
    errors.raise_if_any()
    follow_up = MeetingFollowUp(created_by_id=user.id, **fields)
    meeting.follow_ups.append(follow_up)
    session.flush()
    revisions.record(
        session,
        user,
        AuditEntity.MEETING_FOLLOW_UP,
        follow_up.id,
        revisions.changes({}, {k: v for k, v in fields.items() if v}),
    )
    audit.record(
        session,
        user,
        AuditAction.CREATE,
        AuditEntity.MEETING_FOLLOW_UP,
        follow_up.id,
        meeting.council_id,
        {"meeting": meeting.id, "what": follow_up.what, "due_on": follow_up.due_on},
    )
    return follow_up


def _follow_up_values(follow_up: MeetingFollowUp) -> dict[str, Any]:
    return {name: getattr(follow_up, name) for name in FOLLOW_UP_FIELDS}


def _rewrites(follow_up: MeetingFollowUp, data: dict[str, Any]) -> bool:
    """Whether `data` changes what was agreed (what, owner role, due date). The police may only
    close a follow-up (done, done_on, done_note) and reopen it (done: false), the inverse of
    closing. A value sent back as it is (a client returning the whole follow-up) changes
    nothing; this is asked before validation, so a bad value is refused as a rewrite too."""
    for name in POLICE_FIXED_FIELDS:
        if name not in data:
            continue
        value, current = data[name], getattr(follow_up, name)
        if name == "due_on":
            same = (value in (None, "") and current is None) or (
                current is not None and value in (current, current.isoformat())
            )
        else:
            same = (value in (None, "") and not current) or (
                isinstance(value, str) and value.strip() == current
            )
        if not same:
            return True
    return False


def update_follow_up(
    session: Session,
    user: User,
    follow_up_id: int,
    data: dict[str, Any],
    today: date | None = None,
) -> MeetingFollowUp:
    """Change, close or reopen a follow-up. `done: true` closes it on `done_on` (today unless
    given; not before the meeting, not in the future); `done: false` reopens it. Without `done`,
    a `done_on` closes it on that day (an empty one reopens it). Fields left out keep their
    values; `version` must be the one the user saw. The police only close and reopen (nothing
    is written when they try to change what, owner_role or due_on)."""
    today = today or stockholm_today()
    follow_up = get_follow_up(session, follow_up_id)
    meeting = follow_up.meeting
    _require(follow_up_refusal(session, user, meeting))
    if user.role is Role.POLICE and _rewrites(follow_up, data):
        raise PermissionDenied(POLICE_REWRITE)
    errors = Errors()
    version = _version(errors, data)
    after = _follow_up_values(follow_up)
    if "what" in data:
        after["what"] = _required_text(errors, "what", data["what"], "Åtagande", WHAT_MAX)
    if "owner_role" in data:
        after["owner_role"] = (
            text(errors, "owner_role", data["owner_role"], "Ansvarig roll", ROLE_MAX) or ""
        )
    if "due_on" in data:
        after["due_on"] = _due_on(errors, "due_on", data["due_on"], meeting.held_on)
    if "done_note" in data:
        after["done_note"] = (
            text(errors, "done_note", data["done_note"], "Kommentar vid avslut", TEXT_MAX) or ""
        )
    done_on = iso_date(errors, "done_on", data.get("done_on"), "Klart")
    done = data.get("done")
    if done is not None and not isinstance(done, bool):
        errors.add("done", "Klart måste anges som ja eller nej (true eller false).")
    elif done is False:
        after["done_on"] = None
    elif done is True:
        after["done_on"] = done_on or follow_up.done_on or today
    elif "done_on" in data:
        after["done_on"] = done_on
    if after["done_on"] is not None and after["done_on"] != follow_up.done_on:
        not_in_future(errors, "done_on", after["done_on"], "Klart", today)
        if after["done_on"] < meeting.held_on:
            errors.add("done_on", "Klart kan inte ligga före mötet.")
    errors.raise_if_any()
    assert version is not None
    if version != follow_up.version:
        raise Conflict(STALE_FOLLOW_UP, ConflictDetail(current=follow_up_to_dict(follow_up)))
    changed = revisions.changes(_follow_up_values(follow_up), after)
    if not changed:
        return follow_up
    for name in changed:
        setattr(follow_up, name, after[name])
    flush_or_conflict(session, STALE_FOLLOW_UP)
    revisions.record(session, user, AuditEntity.MEETING_FOLLOW_UP, follow_up.id, changed)
    closing = "done_on" in changed
    audit.record(
        session,
        user,
        AuditAction.UPDATE,
        AuditEntity.MEETING_FOLLOW_UP,
        follow_up.id,
        meeting.council_id,
        {"meeting": meeting.id}
        | {name: f"{old} → {new}" for name, (old, new) in changed.items()}
        | ({"done": follow_up.done_on is not None} if closing else {}),
    )
    return follow_up
