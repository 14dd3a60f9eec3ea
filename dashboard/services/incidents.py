"""Logging and correcting incidents: validation, the personal-data guard, the council rule and,
for a correction, the version check and the history of old values."""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from dashboard.services import audit, revisions
from dashboard.services.concurrency import flush_or_conflict
from dashboard.services.errors import Conflict, ConflictDetail, NotFound, ValidationFailed
from dashboard.services.permissions import require_write
from dashboard.services.serialize import incident_to_dict
from dashboard.services.validation import Errors, enum_value, integer, not_in_future, text
from models import Council, Incident, User, rules
from models.enums import (
    AuditAction,
    AuditEntity,
    DatePrecision,
    IncidentCategory,
    IncidentSource,
    Milieu,
    Role,
)


def parse_incident_date(errors: Errors, value: Any) -> tuple[date, DatePrecision] | None:
    """`YYYY-MM-DD`, or `YYYY-MM` when only the month is known."""
    raw = str(value or "").strip()
    try:
        if len(raw) == 7:
            return date.fromisoformat(raw + "-01"), DatePrecision.MONTH
        return date.fromisoformat(raw), DatePrecision.DAY
    except ValueError:
        errors.add(
            "date", "Datum måste anges som ÅÅÅÅ-MM-DD (eller ÅÅÅÅ-MM om bara månaden är känd)."
        )
        return None


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
    valid = validate_incident(session, user, data, today or date.today())
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


def get_incident(session: Session, incident_id: int) -> Incident:
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound("Händelsen finns inte.")
    return incident


def _date_text(incident: Incident) -> str:
    """The date as it was entered: `YYYY-MM` when only the month is known."""
    day = incident.occurred_on.isoformat()
    return day[:7] if incident.date_precision is DatePrecision.MONTH else day


def current_values(incident: Incident) -> dict[str, Any]:
    """The correctable fields as the form and the revisions hold them."""
    return {
        "date": _date_text(incident),
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
    today = today or date.today()
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
