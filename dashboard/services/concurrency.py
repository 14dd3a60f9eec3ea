"""The last line of optimistic concurrency. The services compare the version the user saw before
they write; the ORM's `UPDATE … WHERE version = :seen` then closes the race between that read and
the write. A lost race becomes a Conflict, and nothing is written."""

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from dashboard.services.errors import Conflict, ConflictDetail

LOST_RACE = (
    "Någon annan sparade samma uppgift samtidigt. Ingenting sparades: ladda om och försök igen."
)


def flush_or_conflict(session: Session, message: str = LOST_RACE) -> None:
    """Flush before anything else (the audit entry) is written, so a lost race is caught here."""
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise Conflict(message, ConflictDetail(current={})) from None
