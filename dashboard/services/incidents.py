"""Logging, correcting, withdrawing and restoring incidents: validation, the personal-data
guard, the council rule and, for a change, the version check and the history of old values; and
how the register's filters are read from an address or the page's controls."""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from dashboard.services import audit, revisions
from dashboard.services.concurrency import flush_or_conflict
from dashboard.services.errors import Conflict, ConflictDetail, NotFound, ValidationFailed
from dashboard.services.permissions import require_write, require_writer
from dashboard.services.serialize import incident_to_dict
from dashboard.services.validation import (
    FIRST_DAY,
    LAST_DAY,
    Errors,
    enum_value,
    integer,
    not_in_future,
    parse_iso_day,
    text,
)
from models import Council, Incident, IncidentWithdrawal, User, rules
from models.base import as_utc, in_stockholm, stockholm_today
from models.enums import (
    AuditAction,
    AuditEntity,
    DatePrecision,
    IncidentCategory,
    IncidentSource,
    Milieu,
    RevisionField,
    Role,
)
from models.queries.incidents import IncidentFilter, shown_date
from models.queries.police_areas import find_area, memberships


def parse_incident_date(errors: Errors, value: Any) -> tuple[date, DatePrecision] | None:
    """`YYYY-MM-DD`, or `YYYY-MM` when only the month is known."""
    raw = value.strip() if isinstance(value, str) else ""
    if len(raw) == 7:
        day, precision = parse_iso_day(raw + "-01"), DatePrecision.MONTH
    else:
        day, precision = parse_iso_day(value), DatePrecision.DAY  # a date or datetime too
    if day is None:
        errors.add(
            "date", "Datum måste anges som ÅÅÅÅ-MM-DD (eller ÅÅÅÅ-MM om bara månaden är känd)."
        )
        return None
    return day, precision


def resolve_council(session: Session, errors: Errors, user: User, code: Any) -> Council | None:
    """A coordinator's incidents belong to their own council; the code is only checked."""
    if code in (None, "") and user.role is Role.COORDINATOR:
        return user.council
    council = rules.find_council(session, code)
    if council is None:
        errors.add("council", f"Nämnden {str(code)[:40]!r} finns inte.")
    return council


def validate_incident(
    session: Session, user: User, data: dict[str, Any], today: date
) -> dict[str, Any]:
    errors = Errors()
    council = resolve_council(session, errors, user, data.get("council"))
    when = parse_incident_date(errors, data.get("date"))
    if when:
        not_in_future(errors, "date", when[0], "Datum", today)
        if when[0].year < rules.FIRST_YEAR:
            errors.add("date", f"Datum kan inte ligga före {rules.FIRST_YEAR}.")
        if council and not council.is_valid_on(when[0]):
            errors.add("date", f"{council.name} fanns inte som nämnd det datumet.")
    fields = {
        "source": enum_value(errors, "source", data.get("source"), IncidentSource, "Källa"),
        "category": enum_value(
            errors, "category", data.get("category"), IncidentCategory, "Kategori"
        ),
        "milieu": enum_value(errors, "milieu", data.get("milieu"), Milieu, "Miljö"),
        "count": integer(errors, "count", data.get("count", 1), "Antal", 1, 10_000),
        "description": text(errors, "description", data.get("description"), "Beskrivning") or "",
        "sub_area": text(errors, "sub_area", data.get("sub_area"), "Delområde", 120),
    }
    if data.get("severity") not in (None, ""):
        fields["severity"] = integer(
            errors, "severity", data.get("severity"), "Allvarlighetsgrad", 1, 4
        )
    errors.raise_if_any()
    assert council is not None and when is not None
    return {"council": council, "when": when, **fields}


def create_incident(
    session: Session,
    user: User,
    data: dict[str, Any],
    today: date | None = None,
    import_key: str | None = None,
) -> Incident:
    """Log an incident. Permission comes first: the role, then the council named (cheap to
    find), and only then is the rest of what was sent validated."""
    require_writer(user)
    named = resolve_council(session, Errors(), user, data.get("council"))
    if named is not None:
        require_write(user, named.id)
    valid = validate_incident(session, user, data, today or stockholm_today())
    council: Council = valid.pop("council")
    require_write(user, council.id)
    day, precision = valid.pop("when")
    incident = Incident(council=council, created_by_id=user.id, import_key=import_key, **valid)
    incident.set_date(day, precision)
    session.add(incident)
    session.flush()
    audit.record(
        session,
        user,
        AuditAction.CREATE,
        AuditEntity.INCIDENT,
        incident.id,
        council.id,
        {"date": incident.occurred_on, "source": incident.source, "count": incident.count},
    )
    return incident


STALE = (
    "Händelsen har ändrats av någon annan sedan du öppnade den. Ingenting sparades. "
    "Läs ändringarna i historiken och gör om din rättelse."
)
CORRECTABLE = (
    "date",
    "source",
    "category",
    "milieu",
    "severity",
    "count",
    "sub_area",
    "description",
)


def withdrawal_of(session: Session, incident_id: int) -> IncidentWithdrawal | None:
    return session.scalar(
        select(IncidentWithdrawal).where(IncidentWithdrawal.incident_id == incident_id)
    )


def get_incident(session: Session, incident_id: int) -> Incident:
    """The incident; a withdrawn one is not found, and the message says it was withdrawn."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        withdrawal = withdrawal_of(session, incident_id)
        if withdrawal is not None:
            when = in_stockholm(withdrawal.withdrawn_at).strftime("%Y-%m-%d")
            raise NotFound(
                f"Händelsen återkallades {when} och räknas inte längre. Motivering: "
                f"{withdrawal.reason}"
            )
        raise NotFound("Händelsen finns inte.")
    return incident


def date_text(incident: Incident) -> str:
    """The date as it was entered: `YYYY-MM` when only the month is known."""
    day = incident.occurred_on.isoformat()
    return day[:7] if incident.date_precision is DatePrecision.MONTH else day


def withdrawn_date_text(withdrawal: IncidentWithdrawal) -> str:
    """A withdrawn incident's date as it was entered (its precision is kept in the snapshot)."""
    precision = json.loads(withdrawal.snapshot).get("date_precision")
    return shown_date(withdrawal.occurred_on, str(precision))


def current_values(incident: Incident) -> dict[str, Any]:
    """The correctable fields as the form and the revisions hold them."""
    return {
        "date": date_text(incident),
        "source": incident.source,
        "category": incident.category,
        "milieu": incident.milieu,
        "severity": incident.severity,
        "count": incident.count,
        "sub_area": incident.sub_area,
        "description": incident.description,
    }


def correct_incident(
    session: Session,
    user: User,
    incident_id: int,
    data: dict[str, Any],
    today: date | None = None,
) -> Incident:
    """Correct or reclassify an incident. Fields left out of `data` keep their values; the
    same validation and personal-data guard as on creation apply, `version` must be the one the
    user saw, and moving the incident to another milieu needs a reason. The old and the new
    value of every changed field are kept (revisions), with the audit entry, which also renews
    the data version so every cached figure follows at once."""
    today = today or stockholm_today()
    incident = get_incident(session, incident_id)
    require_write(user, incident.council_id)
    before = current_values(incident)
    merged = before | {k: data[k] for k in CORRECTABLE if k in data}
    merged["council"] = incident.council.code
    errors = Errors()
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        errors.add("version", "Version saknas: ladda om händelsen och försök igen.")
    reason = text(errors, "reason", data.get("reason"), "Motivering", 1000)
    try:
        valid = validate_incident(session, user, merged, today)
    except ValidationFailed as failed:
        for name, message in failed.errors.items():
            errors.add(name, message)
        valid = {}
    if valid and valid["milieu"] is not incident.milieu and not reason:
        errors.add(
            "reason",
            "Ange en motivering när du ändrar miljö, t.ex. varför händelsen efter granskning "
            "saknar VBE-koppling.",
        )
    errors.raise_if_any()
    assert isinstance(version, int)
    if version != incident.version:
        raise Conflict(STALE, ConflictDetail(current=incident_to_dict(incident)))

    day, precision = valid["when"]
    after = {
        "date": day.isoformat()[:7] if precision is DatePrecision.MONTH else day.isoformat(),
        **{name: valid.get(name) for name in CORRECTABLE if name != "date"},
    }
    changed = revisions.changes(before, after)
    if not changed:
        return incident
    if "date" in changed:
        incident.set_date(day, precision)
    for name in changed:
        if name != "date":
            setattr(incident, name, after[name])
    flush_or_conflict(session, STALE)
    revisions.record(session, user, AuditEntity.INCIDENT, incident.id, changed, reason)
    audit.record(
        session,
        user,
        AuditAction.UPDATE,
        AuditEntity.INCIDENT,
        incident.id,
        incident.council_id,
        {name: f"{old} → {new}" for name, (old, new) in changed.items()}
        | ({"reason": reason} if reason else {}),
    )
    return incident


# --- withdrawing and restoring ------------------------------------------------------------

WITHDRAW_STALE = (
    "Händelsen har ändrats av någon annan sedan du öppnade den. Den återkallades inte. "
    "Läs ändringarna i historiken och försök igen."
)
NOT_WITHDRAWN = "Händelsen är inte återkallad."


def _snapshot(incident: Incident) -> str:
    """The API's form and what else a restore needs to put back the same row."""
    extra = {
        "import_key": incident.import_key,
        "is_synthetic": incident.is_synthetic,
        "created_by_id": incident.created_by_id,
        "created_at": incident.created_at.isoformat() if incident.created_at else None,
        "tertial": incident.tertial,
    }
    return json.dumps(incident_to_dict(incident) | extra, ensure_ascii=False)


def _reason(data: Mapping[str, Any], what: str) -> str:
    errors = Errors()
    reason = text(errors, "reason", data.get("reason"), "Motivering", 1000)
    if not reason and "reason" not in errors.by_field:
        errors.add("reason", f"Ange en motivering till varför händelsen {what}.")
    errors.raise_if_any()
    assert reason is not None
    return reason


def withdraw_incident(
    session: Session,
    user: User,
    incident_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> IncidentWithdrawal:
    """Withdraw an incident with a reason (e.g. it was logged twice): never a silent delete.
    The row leaves `incidents`, so no figure counts it, and its last values, the reason, who and
    when are kept in `incident_withdrawals`; the history gets a WITHDRAWN revision with the
    reason and the audit log an entry, which renews the data version so the charts follow at
    once. Only the coordinator of the incident's council, or an admin, may withdraw it, and
    only from the version they saw. `today` is accepted like the other services' but nothing in
    a withdrawal depends on the day (its time is stamped when it is written)."""
    incident = get_incident(session, incident_id)
    require_write(user, incident.council_id)
    errors = Errors()
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        errors.add("version", "Version saknas: ladda om händelsen och försök igen.")
    try:
        reason = _reason(data, "återkallas")
    except ValidationFailed as failed:
        for name, message in failed.errors.items():
            errors.add(name, message)
    errors.raise_if_any()
    if version != incident.version:
        raise Conflict(WITHDRAW_STALE, ConflictDetail(current=incident_to_dict(incident)))
    withdrawal = IncidentWithdrawal(
        incident_id=incident.id,
        council_id=incident.council_id,
        occurred_on=incident.occurred_on,
        snapshot=_snapshot(incident),
        import_key=incident.import_key,
        reason=reason,
        withdrawn_by_id=user.id,
    )
    detail = {
        "date": date_text(incident),
        "milieu": incident.milieu,
        "count": incident.count,
        "reason": reason,
    }
    session.delete(incident)
    flush_or_conflict(session, WITHDRAW_STALE)
    session.add(withdrawal)
    session.flush()
    revisions.record(
        session,
        user,
        AuditEntity.INCIDENT,
        incident_id,
        {RevisionField.WITHDRAWN.value: ("nej", "ja")},
        reason,
    )
    audit.record(
        session,
        user,
        AuditAction.WITHDRAW,
        AuditEntity.INCIDENT,
        incident_id,
        withdrawal.council_id,
        detail,
    )
    return withdrawal


def restore_incident(
    session: Session, user: User, incident_id: int, data: Mapping[str, Any]
) -> Incident:
    """Put a withdrawn incident back under its own id, as it was when withdrawn (a new version,
    so a form opened before the withdrawal cannot overwrite it), with a reason in the history
    and the audit log. The same people as for withdrawing may restore."""
    withdrawal = withdrawal_of(session, incident_id)
    if withdrawal is None:
        if session.get(Incident, incident_id) is not None:
            raise ValidationFailed({"incident": NOT_WITHDRAWN})
        raise NotFound("Händelsen finns inte.")
    require_write(user, withdrawal.council_id)
    reason = _reason(data, "återställs")
    snapshot = json.loads(withdrawal.snapshot)
    incident = Incident(
        id=withdrawal.incident_id,
        council_id=withdrawal.council_id,
        source=IncidentSource(snapshot["source"]),
        category=IncidentCategory(snapshot["category"]),
        milieu=Milieu(snapshot["milieu"]),
        severity=snapshot.get("severity"),
        count=int(snapshot["count"]),
        description=snapshot.get("description") or "",
        sub_area=snapshot.get("sub_area"),
        import_key=snapshot.get("import_key"),
        is_synthetic=bool(snapshot.get("is_synthetic", False)),
        created_by_id=snapshot.get("created_by_id"),
    )
    if snapshot.get("created_at"):
        incident.created_at = datetime.fromisoformat(snapshot["created_at"])
    incident.set_date(
        withdrawal.occurred_on, DatePrecision(snapshot.get("date_precision") or "day")
    )
    session.delete(withdrawal)
    session.flush()
    session.add(incident)
    session.flush()
    # The ORM starts a new row at version 1; the restored one continues from the version it had,
    # so a form opened before the withdrawal is stale.
    session.execute(
        update(Incident)
        .where(Incident.id == incident.id)
        .values(version=int(snapshot.get("version") or 1) + 1)
        .execution_options(synchronize_session=False)
    )
    session.refresh(incident)
    revisions.record(
        session,
        user,
        AuditEntity.INCIDENT,
        incident.id,
        {RevisionField.WITHDRAWN.value: ("ja", "nej")},
        reason,
    )
    audit.record(
        session,
        user,
        AuditAction.RESTORE,
        AuditEntity.INCIDENT,
        incident.id,
        incident.council_id,
        {
            "date": date_text(incident),
            "milieu": incident.milieu,
            "count": incident.count,
            "reason": reason,
        },
    )
    return incident


# --- the register's filters -----------------------------------------------------------------

ALL_COUNCILS = "ALLA"  # the council filter's value for every council (a code no council has)
ALL_YEARS = "alla"  # the year shortcut's value for no date bounds
FILTER_NAMES = ("council", "area", "year", "from", "to", "source", "category", "milieu", "sub_area")
MAX_SUB_AREA = 60
_ENUM_FILTERS: tuple[tuple[str, type[IncidentSource | IncidentCategory | Milieu], str], ...] = (
    ("source", IncidentSource, "Källan"),
    ("category", IncidentCategory, "Kategorin"),
    ("milieu", Milieu, "Miljön"),
)


@dataclass(frozen=True)
class RegisterView:
    """What the register shows: the query's filter, the checked value of every control (by
    its address name; the year is the whole year the dates span, ALL_YEARS without dates, or
    empty), and a Swedish note for every value that was ignored."""

    filter: IncidentFilter
    values: dict[str, str]
    notes: list[str]


def _shown(raw: object) -> str:
    return repr(str(raw)[:40])


def _day(raw: object, notes: list[str], name: str) -> date | None:
    if not str(raw or "").strip():
        return None
    day = parse_iso_day(raw)
    if day is not None:
        return day
    notes.append(
        f"{name}datumet {_shown(raw)} är inget datum ÅÅÅÅ-MM-DD mellan {FIRST_DAY} och "
        f"{LAST_DAY} och används inte."
    )
    return None


def read_register_filters(
    session: Session,
    raw: Mapping[str, object],
    today: date | None = None,
    default_this_year: bool = False,
) -> RegisterView:
    """The register's filters from an address or the page's controls. A bad value is ignored
    with a note, never an error. `year` (a year, or ALL_YEARS) stands for its dates when
    neither `from` nor `to` is given; with `default_this_year` (a first view from an address)
    no period at all means this year."""
    today = today or stockholm_today()
    notes: list[str] = []
    values = dict.fromkeys(FILTER_NAMES, "")

    council_id = None
    code = str(raw.get("council") or "").strip()
    if code and code.upper() != ALL_COUNCILS:
        council = rules.find_council(session, code)
        if council is None:
            notes.append(f"Nämnden {_shown(code)} finns inte; alla nämnder visas.")
        else:
            council_id, values["council"] = council.id, council.code
    if not values["council"]:
        values["council"] = ALL_COUNCILS if code else ""

    area_members = None
    area_raw = raw.get("area")
    if area_raw not in (None, ""):
        area = find_area(session, area_raw)
        if area is None:
            notes.append(f"Lokalpolisområdet {_shown(area_raw)} finns inte; filtret används inte.")
        else:
            area_members = tuple(memberships(session, area.id))
            values["area"] = str(area.id)

    first = _day(raw.get("from"), notes, "Från")
    last = _day(raw.get("to"), notes, "Till")
    year_raw = str(raw.get("year") or "").strip()
    if first is None and last is None:
        if year_raw.lower() == ALL_YEARS:
            pass
        elif year_raw:
            year = rules.parse_year(year_raw, today)
            if year is None:
                notes.append(f"Året {_shown(year_raw)} finns inte att välja; filtret används inte.")
            else:
                first, last = date(year, 1, 1), date(year, 12, 31)
        elif default_this_year:
            first, last = date(today.year, 1, 1), date(today.year, 12, 31)
    if first is not None and last is not None and first > last:
        notes.append("Från-datumet låg efter till-datumet; datumen har bytt plats.")
        first, last = last, first
    values["from"] = first.isoformat() if first else ""
    values["to"] = last.isoformat() if last else ""
    values["year"] = year_of_period(first, last)

    chosen: dict[str, Any] = {}
    for name, enum, what in _ENUM_FILTERS:
        code_raw = str(raw.get(name) or "").strip()
        if not code_raw:
            continue
        try:
            chosen[name] = enum(code_raw)
            values[name] = code_raw
        except ValueError:
            notes.append(f"{what} {_shown(code_raw)} finns inte; filtret används inte.")

    sub_area = str(raw.get("sub_area") or "").strip()
    if len(sub_area) > MAX_SUB_AREA:
        notes.append(f"Delområdet får vara högst {MAX_SUB_AREA} tecken; filtret används inte.")
        sub_area = ""
    values["sub_area"] = sub_area

    f = IncidentFilter(
        council_id=council_id,
        area=area_members,
        first=first,
        last=last,
        source=chosen.get("source"),
        category=chosen.get("category"),
        milieu=chosen.get("milieu"),
        sub_area=sub_area or None,
    )
    return RegisterView(f, values, notes)


def year_of_period(first: date | None, last: date | None) -> str:
    """The year shortcut's value for these dates: the year they span exactly, ALL_YEARS for no
    dates, else empty (a period of one's own)."""
    if first is None and last is None:
        return ALL_YEARS
    if (
        first is not None
        and last is not None
        and first == date(first.year, 1, 1)
        and last == date(first.year, 12, 31)
    ):
        return str(first.year)
    return ""


def withdrawal_to_dict(session: Session, withdrawal: IncidentWithdrawal) -> dict[str, Any]:
    """The API's answer to a withdrawal: the incident as it was (the API's form), who withdrew
    it, when and why."""
    snapshot = json.loads(withdrawal.snapshot)
    who = session.get(User, withdrawal.withdrawn_by_id) if withdrawal.withdrawn_by_id else None
    return {
        "id": withdrawal.incident_id,
        "reason": withdrawal.reason,
        "withdrawn_by": who.username if who else None,
        "withdrawn_at": as_utc(withdrawal.withdrawn_at).isoformat(),
        "incident": {key: snapshot.get(key) for key in API_FIELDS},
    }


API_FIELDS = (
    "id",
    "version",
    "council",
    "date",
    "date_precision",
    "source",
    "category",
    "milieu",
    "count",
    "description",
    "sub_area",
    "severity",
)
