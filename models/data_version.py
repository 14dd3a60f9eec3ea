"""A token that changes with every write, so read caches know when they are stale.

Every change goes through the audit log (dashboard.services.audit), which also renews this
token in the same transaction; loading demo data renews it too. A random token rather than a
counter: two concurrent writers can never leave the same value behind."""

import uuid

from sqlalchemy.orm import Session

from models.user import AppMeta

KEY = "data_version"


def renew(session: Session) -> None:
    """Once per transaction is enough: the token only has to change when the writes become
    visible, at commit. (An import writes thousands of rows in one transaction.)"""
    transaction = session.get_transaction()
    if transaction is not None and session.info.get(KEY) is transaction:
        return
    session.merge(AppMeta(key=KEY, value=uuid.uuid4().hex))
    session.info[KEY] = session.get_transaction()


def current(session: Session) -> str:
    row = session.get(AppMeta, KEY, populate_existing=True)
    return row.value if row else ""
