"""The read cache answers repeated views, and any write through the services invalidates it."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.cache import QueryCache
from dashboard.db import Database
from dashboard.services.incidents import create_incident
from models import Council, Incident, User, data_version
from models.enums import CouncilKind, Role


def _total(session: Session, year: int) -> int:
    return int(session.scalar(select(func.sum(Incident.count)).where(Incident.year == year)) or 0)


def test_cache_serves_until_a_write_renews_the_version(empty_db: Database) -> None:
    cache = QueryCache()
    with empty_db.session() as session:
        council = Council(
            code="FAR", name="Farsta", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        user = User(username="far", role=Role.COORDINATOR, council=council)
        user.set_password("x")
        session.add_all([council, user])
        session.flush()
        data = {"date": "2026-03-01", "source": "ia", "category": "graffiti", "milieu": "unclear"}
        create_incident(session, user, data | {"count": 2}, date(2026, 11, 1))
    with empty_db.session() as session:
        assert cache.get(session, _total, 2026) == 2
        session.add(
            Incident(
                council_id=1,
                year=2026,
                month=3,
                tertial=1,
                occurred_on=date(2026, 3, 1),
                source="ia",
                category="graffiti",
                milieu="unclear",
                count=5,
            )
        )
        session.flush()
        assert cache.get(session, _total, 2026) == 2  # a write outside the services: not seen
        user = session.scalars(select(User)).one()
        create_incident(session, user, data | {"count": 1}, date(2026, 11, 1))
        assert cache.get(session, _total, 2026) == 8  # the audited write renewed the version
        assert QueryCache(enabled=False).get(session, _total, 2026) == 8


def test_the_version_moves_on_once_per_transaction(empty_db: Database) -> None:
    """An import writes thousands of audited rows in one transaction: one renewal is enough,
    and every commit still leaves a new token behind."""
    with empty_db.session() as session:
        before = data_version.current(session)
        data_version.renew(session)
        renewed = data_version.current(session)
        data_version.renew(session)
        assert data_version.current(session) == renewed != before
    with empty_db.session() as session:
        assert data_version.current(session) == renewed
        data_version.renew(session)
    with empty_db.session() as session:
        assert data_version.current(session) not in (before, renewed)
