"""The field-level history of one record (models.Revision), newest first."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models import Council, Revision, User
from models.enums import AuditEntity


@dataclass(frozen=True)
class RevisionRow:
    at: datetime
    username: str | None
    field: str
    old_value: str | None
    new_value: str | None
    reason: str | None
    acting_council: str | None  # the council the user acted for, when not the record's own


def revisions(session: Session, entity: AuditEntity, entity_id: int) -> list[RevisionRow]:
    acting = aliased(Council)
    stmt = (
        select(
            Revision.at,
            User.username,
            Revision.field,
            Revision.old_value,
            Revision.new_value,
            Revision.reason,
            acting.name,
        )
        .outerjoin(User, Revision.user_id == User.id)
        .outerjoin(acting, Revision.acting_council_id == acting.id)
        .where(Revision.entity == entity, Revision.entity_id == entity_id)
        .order_by(Revision.at.desc(), Revision.id.desc())
    )
    return [RevisionRow(*row) for row in session.execute(stmt)]
