"""The audit log, filtered in SQL."""

import json
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEntry, Council, User
from models.base import in_stockholm, stockholm_midnight
from models.enums import (
    ActivityStatus,
    AuditAction,
    AuditEntity,
    FollowUp,
    IncidentCategory,
    IncidentSource,
    Milieu,
    PlanStatus,
    Schedule,
    Section,
    SurveyIndicator,
    label,
)

LIMIT = 500


FIELDS = {
    "date": "Datum",
    "source": "Källa",
    "category": "Kategori",
    "milieu": "Miljö",
    "count": "Antal",
    "sub_area": "Delområde",
    "description": "Beskrivning",
    "old_status": "Från",
    "new_status": "Till",
    "outcome": "Utfall",
    "comment": "Kommentar",
    "completed_on": "Slutförd",
    "section": "Avsnitt",
    "responsible": "Ansvarig",
    "schedule": "Tidplan",
    "deadline": "Slutdatum",
    "follow_up": "Uppföljning",
    "target": "Mål",
    "year": "År",
    "audience": "Målgrupp",
    "sent": "Utskick",
    "answered": "Svar",
    "fields": "Ändrat",
    "acting_council": "Uppföljd som samordnare för",
    "decided_on": "Beslutsdatum",
}
# Each field's codes, so the log reads "Källa: IA" rather than "source: ia".
STATUSES: tuple[type[StrEnum], ...] = (ActivityStatus, PlanStatus)
CODES: dict[str, tuple[type[StrEnum], ...]] = {
    "source": (IncidentSource,),
    "category": (IncidentCategory,),
    "milieu": (Milieu,),
    "old_status": STATUSES,
    "new_status": STATUSES,
    "section": (Section,),
    "schedule": (Schedule,),
    "follow_up": (FollowUp,),
}


def _value(field: str, value: Any) -> str:
    for enum in CODES.get(field, ()):
        if value in enum._value2member_map_:
            return label(enum(value))
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return "–" if value in (None, "") else str(value)


def _code_label(enum: type[StrEnum], value: str) -> str:
    """The Swedish label of a known code; an unknown one as stored."""
    member = enum._value2member_map_.get(value)
    return label(member) if isinstance(member, StrEnum) else str(value)


def readable_detail(detail: str) -> str:
    """The stored JSON detail as the Swedish text an official reads."""
    try:
        data = json.loads(detail or "{}")
    except ValueError:
        return detail
    if not isinstance(data, dict):
        return detail
    indicators = SurveyIndicator._value2member_map_
    parts = []
    for field, value in data.items():
        if field in indicators:
            parts.append(f"{label(SurveyIndicator(field))}: {_value(field, value)} %")
        else:
            parts.append(f"{FIELDS.get(field, field)}: {_value(field, value)}")
    return " · ".join(parts)


def audit_rows(
    session: Session,
    council_code: str | None = None,
    username: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = LIMIT,
) -> list[dict[str, Any]]:
    stmt = (
        select(AuditEntry, User.username, Council.name)
        .outerjoin(User, AuditEntry.user_id == User.id)
        .outerjoin(Council, AuditEntry.council_id == Council.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    if council_code:
        stmt = stmt.where(Council.code == council_code)
    if username:
        stmt = stmt.where(User.username == username)
    if date_from:
        stmt = stmt.where(AuditEntry.at >= stockholm_midnight(date_from))
    if date_to:
        stmt = stmt.where(AuditEntry.at < stockholm_midnight(date_to + timedelta(days=1)))
    return [
        {
            "at": in_stockholm(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
            "user": name or "–",
            "council": council or "–",
            "action": _code_label(AuditAction, entry.action),
            "entity": _code_label(AuditEntity, entry.entity),
            "entity_id": entry.entity_id,
            "detail": readable_detail(entry.detail),
        }
        for entry, name, council in session.execute(stmt)
    ]


def usernames(session: Session) -> list[str]:
    return list(session.scalars(select(User.username).order_by(User.username)))
