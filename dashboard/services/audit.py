"""The audit log: one entry per change, written in the same transaction as the change (which
also renews the data versions of what changed, that the read caches are keyed by)."""

import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from models import AuditEntry, User, data_version
from models.data_version import Topic
from models.enums import AuditAction, AuditEntity

# What a change to each entity may alter, for the read caches (models.data_version). The one
# place that maps writes to topics: an entity missing here renews every topic (stale-safe).
# A new plan carries open activities over (copies them, marks the originals), hence ACTIVITIES.
TOPICS: dict[AuditEntity, frozenset[Topic]] = {
    AuditEntity.INCIDENT: frozenset({Topic.INCIDENTS}),
    AuditEntity.ACTIVITY: frozenset({Topic.ACTIVITIES}),
    AuditEntity.ACTION_PLAN: frozenset({Topic.PLANS, Topic.ACTIVITIES}),
    AuditEntity.SURVEY_ROUND: frozenset({Topic.SURVEYS}),
    AuditEntity.MEETING: frozenset({Topic.MEETINGS}),
    AuditEntity.MEETING_FOLLOW_UP: frozenset({Topic.MEETINGS}),
    AuditEntity.TREND_ALERT: frozenset({Topic.ALERTS}),
}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def record(
    session: Session,
    user: User | None,
    action: AuditAction,
    entity: AuditEntity,
    entity_id: int | None,
    council_id: int | None,
    detail: dict[str, Any],
) -> None:
    session.add(
        AuditEntry(
            user_id=user.id if user else None,
            council_id=council_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=json.dumps({k: _plain(v) for k, v in detail.items()}, ensure_ascii=False),
        )
    )
    data_version.renew(session, TOPICS.get(entity, data_version.ALL))
