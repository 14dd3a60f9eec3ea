"""Fixtures. Every database-backed test runs on SQLite and, when TEST_DATABASE_URL is set, again
on PostgreSQL (each run in a schema of its own, dropped afterwards)."""

import os
import re
import tempfile
import threading
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from werkzeug.serving import make_server

from dashboard.app import create_app
from dashboard.config import Config, normalise_database_url
from dashboard.db import Database, make_engine
from seed.demo import seed_demo

PG_URL = os.environ.get("TEST_DATABASE_URL")
DB_KINDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


class ScratchDatabases:
    """Makes empty databases and removes them at the end of the run."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.schemas: list[str] = []
        self.databases: list[Database] = []

    def new(self, kind: str) -> Database:
        if kind == "sqlite":
            database = Database(f"sqlite:///{self.tmp / f'{uuid.uuid4().hex}.db'}")
        else:
            assert PG_URL
            url = normalise_database_url(PG_URL)
            schema = f"lb_test_{uuid.uuid4().hex[:12]}"
            admin = create_engine(url)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            admin.dispose()
            self.schemas.append(schema)
            engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
            database = Database(url, engine)
        self.databases.append(database)
        return database

    def close(self) -> None:
        for database in self.databases:
            database.engine.dispose()
        if self.schemas:
            admin = create_engine(normalise_database_url(PG_URL or ""))
            for schema in self.schemas:
                # One transaction per schema: dropping them all at once needs more locks than
                # PostgreSQL's default lock table holds.
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin.dispose()


@pytest.fixture(scope="session")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScratchDatabases]:
    databases = ScratchDatabases(tmp_path_factory.mktemp("db"))
    yield databases
    databases.close()


@pytest.fixture(scope="session")
def today() -> date:
    return date.today()


@pytest.fixture(scope="session", params=DB_KINDS)
def db_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def demo_db(scratch: ScratchDatabases, db_kind: str, today: date) -> Database:
    """A migrated database with the demo data, shared by read-only tests."""
    database = scratch.new(db_kind)
    database.migrate()
    with database.session() as session:
        seed_demo(session, today)
    return database


@pytest.fixture
def empty_db(scratch: ScratchDatabases, db_kind: str) -> Database:
    """A freshly migrated, empty database for tests that write."""
    database = scratch.new(db_kind)
    database.migrate()
    return database


def make_app(database: Database) -> Flask:
    config = Config(
        database_url=database.url,
        secret_key="test-secret",
        demo_mode=True,
        testing=True,
        extra={"IMPORT_DIR": tempfile.mkdtemp(prefix="lagesbild-import-")},
    )
    return create_app(config, database)


@pytest.fixture(scope="session")
def app(demo_db: Database) -> Flask:
    return make_app(demo_db)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def login(client: FlaskClient, username: str, password: str = "demo") -> object:
    page = client.get("/login")
    match = CSRF_RE.search(page.get_data(as_text=True))
    assert match, "the login page has a CSRF token"
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": match.group(1)},
    )


@pytest.fixture
def login_as(client: FlaskClient):  # type: ignore[no-untyped-def]
    def _login(username: str) -> FlaskClient:
        response = login(client, username)
        assert response.status_code == 302, f"{username} could not log in"
        return client

    return _login


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
