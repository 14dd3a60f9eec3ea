"""The audit log, filtered in SQL."""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEntry, Council, User
from models.base import in_stockholm, stockholm_midnight

LIMIT = 500
ACTIONS = {"create": "Skapad", "update": "Ändrad", "delete": "Borttagen", "import": "Import"}
ENTITIES = {
    "activity": "Aktivitet",
    "incident": "Händelse",
    "survey_round": "Enkät",
    "action_plan": "Handlingsplan",
}


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
            "action": ACTIONS.get(entry.action, entry.action),
            "entity": ENTITIES.get(entry.entity, entry.entity),
            "entity_id": entry.entity_id,
            "detail": entry.detail,
        }
        for entry, name, council in session.execute(stmt)
    ]


def usernames(session: Session) -> list[str]:
    return list(session.scalars(select(User.username).order_by(User.username)))
