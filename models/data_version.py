"""A token that changes with every write, so read caches know when they are stale.

Every change goes through the audit log (dashboard.services.audit), which also renews this
token in the same transaction; loading demo data renews it too. A random token rather than a
counter: two concurrent writers can never leave the same value behind."""

import uuid

from sqlalchemy.orm import Session

from models.user import AppMeta

KEY = "data_version"


def renew(session: Session) -> None:
    session.merge(AppMeta(key=KEY, value=uuid.uuid4().hex))


def current(session: Session) -> str:
    row = session.get(AppMeta, KEY, populate_existing=True)
    return row.value if row else ""
