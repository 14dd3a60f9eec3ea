"""The test databases themselves: the shared demo data cannot be written, and a writable copy
holds the same data yet goes its own way."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from dashboard.db import Database
from models import AppMeta, Incident, PoliceArea
from tests.conftest import REFUSED_WRITES, fingerprint
from tests.integration.test_api import INCIDENT


def test_the_shared_demo_database_refuses_writes(demo_db: Database) -> None:
    with pytest.raises(DBAPIError), demo_db.session() as session:
        session.add(AppMeta(key="written_by_a_test", value="1"))
    # The refusal is recorded, so a test whose app swallowed the error still fails.
    assert REFUSED_WRITES and "app_meta" in REFUSED_WRITES[0].lower()
    REFUSED_WRITES.clear()
    with demo_db.session() as session:
        assert session.get(AppMeta, "written_by_a_test") is None


def test_a_writable_copy_holds_the_demo_data_and_goes_its_own_way(
    demo_db: Database, demo_db_writable: Database
) -> None:
    assert fingerprint(demo_db_writable) == fingerprint(demo_db)
    with demo_db_writable.session() as session:
        highest = session.scalar(select(func.max(PoliceArea.id)))
        added = PoliceArea(name="Testområdet", region_area="City")
        session.add(added)
        session.flush()
        # Sequences are copied too: the next id follows the copied rows.
        assert highest is not None and added.id > highest
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).where(PoliceArea.name == "Testområdet")) == 0
    assert fingerprint(demo_db_writable)["police_areas"] != fingerprint(demo_db)["police_areas"]


def test_writable_copies_do_not_share_rows(demo_db_writable: Database, scratch) -> None:  # type: ignore[no-untyped-def]
    other = scratch.copy(demo_db_writable)
    with demo_db_writable.session() as session:
        session.add(AppMeta(key="only_here", value="1"))
    with other.session() as session:
        assert session.get(AppMeta, "only_here") is None
    other.engine.dispose()


def test_a_writable_app_saves_into_its_own_copy(
    login_as_writable,
    demo_db_writable: Database,
    demo_db: Database,  # type: ignore[no-untyped-def]
) -> None:
    def incidents(database: Database) -> int:
        with database.session() as session:
            return int(session.scalar(select(func.count(Incident.id))) or 0)

    client = login_as_writable("ostermalm")
    token = client.get("/api/v1/session").get_json()["csrf_token"]
    response = client.post("/api/v1/incidents", json=INCIDENT, headers={"X-CSRFToken": token})
    assert response.status_code == 201, response.get_json()
    assert incidents(demo_db_writable) == incidents(demo_db) + 1
