"""Logging incidents: validation, the personal-data guard and the council rule."""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from dashboard.services import audit
from dashboard.services.permissions import require_write
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
