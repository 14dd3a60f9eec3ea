"""Field-level history: the old and the new value of every changed field, written by the
services in the same transaction as the change itself (models.Revision)."""

from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from models import Revision, User
from models.enums import AuditEntity


def as_text(value: Any) -> str | None:
    """How a value is kept in the revisions table: codes for enums, ISO dates, plain text."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


Changed = dict[str, tuple[str | None, str | None]]  # field -> (old, new) as stored


def changes(before: dict[str, Any], after: dict[str, Any]) -> Changed:
    """The fields of `after` whose value differs from `before`, as (old, new) text. An empty
    text and no text are the same."""
    changed: Changed = {}
    for name, value in after.items():
        old, new = as_text(before.get(name)), as_text(value)
        if (old or None) != (new or None):
            changed[name] = (old, new)
    return changed


def record(
    session: Session,
    user: User | None,
    entity: AuditEntity,
    entity_id: int,
    changed: Changed,
    reason: str | None = None,
    acting_council_id: int | None = None,
) -> None:
    """One revision row per changed field (see `changes`)."""
    for name, (old, new) in changed.items():
        session.add(
            Revision(
                user_id=user.id if user else None,
                acting_council_id=acting_council_id,
                entity=entity,
                entity_id=entity_id,
                field=name,
                old_value=old,
                new_value=new,
                reason=reason,
            )
        )
