"""Fixtures. Every database-backed test runs on SQLite and, when TEST_DATABASE_URL is set, again
on PostgreSQL (each run in a schema of its own, dropped afterwards).

Which database a test gets:
- `demo_db` (and `app`, `client`, `login_as`, `live_server` on it): the demo data, seeded once per
  run and shared, so it is read-only. Its connections refuse writes (SQLite `query_only`,
  PostgreSQL `default_transaction_read_only`), a test whose code tries one fails, and at the end of
  the run its content must equal what was seeded.
- `demo_db_writable` (and `app_writable`, `client_writable`, `login_as_writable`,
  `live_server_writable` on it): a private copy of the demo data for one test that saves
  something, made in milliseconds from the seeded database; no test sees another's writes.
- `empty_db`: a freshly migrated, empty database of one's own.

Logins are server-side sessions (dashboard/sessions.py): apps on the read-only demo data keep
them in `session_store`, a scratch SQLite file; the other apps in their own database's
user_sessions table, as in production. `make_app` takes the store and Config overrides (the
suite's login throttle is lenient; a test of the throttle sets its own limits).
"""

import hashlib
import os
import re
import sqlite3
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import ExceptionContext
from werkzeug.security import generate_password_hash
from werkzeug.serving import make_server

from dashboard.app import create_app
from dashboard.config import Config, normalise_database_url
from dashboard.db import Database, make_engine
from dashboard.sessions import SessionStore, SqlSessionStore
from models.base import Base, stockholm_today
from models.session import UserSession
from seed.demo import seed_demo

PG_URL = os.environ.get("TEST_DATABASE_URL")
DB_KINDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]

# What a read-only connection refused during the current test (see `_no_write_to_shared_data`).
REFUSED_WRITES: list[str] = []


def _record_refused_write(context: ExceptionContext) -> None:
    error = context.original_exception
    refused = getattr(error, "sqlstate", None) == "25006" or (  # read_only_sql_transaction
        "readonly database" in str(error)  # SQLite: "attempt to write a readonly database"
    )
    if refused:
        REFUSED_WRITES.append(" ".join(str(context.statement).split())[:200])


class ScratchDatabases:
    """Makes databases and removes them at the end of the run. A SQLite database is a file, a
    PostgreSQL one a schema in TEST_DATABASE_URL's database."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.schemas: list[str] = []
        self.databases: list[Database] = []
        self.where: dict[int, str] = {}  # id(database) -> its file or schema
        self._admin: Engine | None = None

    @property
    def admin(self) -> Engine:
        if self._admin is None:
            self._admin = create_engine(normalise_database_url(PG_URL or ""))
        return self._admin

    def _open(self, kind: str, where: str, read_only: bool = False) -> Database:
        if kind == "sqlite":
            url = f"sqlite:///{where}"
            engine = make_engine(url)
            if read_only:

                @event.listens_for(engine, "connect")
                def _query_only(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
                    dbapi_conn.execute("PRAGMA query_only=ON")

        else:
            url = normalise_database_url(PG_URL or "")
            options = f"-csearch_path={where}"
            if read_only:
                options += " -cdefault_transaction_read_only=on"
            engine = make_engine(url, connect_args={"options": options})
        if read_only:
            event.listen(engine, "handle_error", _record_refused_write)
        database = Database(url, engine)
        self.databases.append(database)
        self.where[id(database)] = where
        return database

    def new(self, kind: str) -> Database:
        """An empty database (not migrated)."""
        if kind == "sqlite":
            return self._open(kind, str(self.tmp / f"{uuid.uuid4().hex}.db"))
        assert PG_URL
        schema = f"lb_test_{uuid.uuid4().hex[:12]}"
        with self.admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        self.schemas.append(schema)
        return self._open(kind, schema)

    def read_only(self, database: Database) -> Database:
        """The same database through connections that refuse every write."""
        return self._open(_kind(database), self.where[id(database)], read_only=True)

    def copy(self, database: Database) -> Database:
        """A new database holding the same rows (and, on PostgreSQL, sequence positions):
        milliseconds, where seeding the demo data again takes seconds."""
        kind, source = _kind(database), self.where[id(database)]
        target = self.new(kind)
        if kind == "sqlite":
            with (
                closing(sqlite3.connect(source)) as src,
                closing(sqlite3.connect(self.where[id(target)])) as dst,
            ):
                src.backup(dst)
            return target
        target.migrate()
        schema = self.where[id(target)]
        with self.admin.begin() as conn:
            for table in Base.metadata.sorted_tables:  # parents before children
                into, source_table = f'"{schema}"."{table.name}"', f'"{source}"."{table.name}"'
                conn.execute(text(f"INSERT INTO {into} SELECT * FROM {source_table}"))
            sequences = conn.scalars(
                text(
                    "SELECT sequence_name FROM information_schema.sequences"
                    " WHERE sequence_schema = :schema"
                ),
                {"schema": source},
            ).all()
            for sequence in sequences:
                conn.execute(
                    text(
                        f'SELECT setval(\'"{schema}"."{sequence}"\', last_value, is_called)'
                        f' FROM "{source}"."{sequence}"'
                    )
                )
        return target

    def close(self) -> None:
        for database in self.databases:
            database.engine.dispose()
        if self.schemas:
            for schema in self.schemas:
                # One transaction per schema: dropping them all at once needs more locks than
                # PostgreSQL's default lock table holds.
                with self.admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        if self._admin is not None:
            self._admin.dispose()


def _kind(database: Database) -> str:
    return "sqlite" if database.url.startswith("sqlite") else "postgresql"


def fingerprint(database: Database) -> dict[str, str]:
    """Row count and a digest of every table's content: equal fingerprints, equal data."""
    prints = {}
    with database.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows = conn.execute(select(table).order_by(*order)).all()
            digest = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
            prints[table.name] = f"{len(rows)} rows, {digest}"
    return prints


UNIT_TESTS = Path(__file__).parent / "unit"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """tests/unit holds tests without a database or an app: every such fixture needs `scratch`."""
    for item in items:
        uses_database = "scratch" in getattr(item, "fixturenames", ())
        if uses_database and UNIT_TESTS in item.path.parents:
            raise pytest.UsageError(f"{item.nodeid} uses a database: move it to tests/integration")


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    """Tests make hundreds of users; scrypt (the app's KDF, 0.14 s a hash) would cost minutes.
    A one-round PBKDF2 hash checks the same way; nothing here measures the KDF's cost."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            "models.user.generate_password_hash",
            partial(generate_password_hash, method="pbkdf2:sha256:1"),
        )
        yield


@pytest.fixture(scope="session")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScratchDatabases]:
    databases = ScratchDatabases(tmp_path_factory.mktemp("db"))
    yield databases
    databases.close()


@pytest.fixture(scope="session")
def today() -> date:
    """The app's today (Stockholm's), when the session's demo data was made."""
    return stockholm_today()


@pytest.fixture(scope="session", params=DB_KINDS)
def db_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def _seeded_demo_db(scratch: ScratchDatabases, db_kind: str, today: date) -> Database:
    """The demo data, loaded once per database kind. Tests never get this writable handle."""
    database = scratch.new(db_kind)
    database.migrate()
    with database.session() as session:
        seed_demo(session, today)
    return database


@pytest.fixture(scope="session")
def demo_db(scratch: ScratchDatabases, _seeded_demo_db: Database) -> Iterator[Database]:
    """The demo data, shared by every test that only reads. Writes through it fail; a test that
    saves anything takes `demo_db_writable` (or `app_writable`, `live_server_writable`)."""
    seeded = fingerprint(_seeded_demo_db)
    yield scratch.read_only(_seeded_demo_db)
    changed = {
        table: (was, now)
        for (table, was), now in zip(
            seeded.items(), fingerprint(_seeded_demo_db).values(), strict=True
        )
        if was != now
    }
    assert not changed, f"A test wrote to the shared, read-only demo database: {changed}"


@pytest.fixture
def demo_db_writable(scratch: ScratchDatabases, _seeded_demo_db: Database) -> Iterator[Database]:
    """A private copy of the demo data, for one test that writes."""
    database = scratch.copy(_seeded_demo_db)
    yield database
    database.engine.dispose()


@pytest.fixture(autouse=True)
def _no_write_to_shared_data() -> Iterator[None]:
    """Fails the test (at teardown, whatever the app made of the refusal) if its code tried to
    write to the shared demo database."""
    REFUSED_WRITES.clear()
    yield
    if REFUSED_WRITES:
        refused = list(REFUSED_WRITES)
        REFUSED_WRITES.clear()
        pytest.fail(
            "This test wrote to the shared, read-only demo database (demo_db, app, client, "
            "login_as, live_server); use demo_db_writable, app_writable, client_writable, "
            "login_as_writable or live_server_writable. "
            f"Refused: {refused}"
        )


@pytest.fixture(scope="session")
def _migrated_sqlite(scratch: ScratchDatabases) -> Database:
    """One migrated, empty SQLite database that `empty_db` copies: the migrations rebuild
    tables on SQLite (batch mode), which takes a second; a copy takes milliseconds."""
    database = scratch.new("sqlite")
    database.migrate()
    return database


@pytest.fixture
def empty_db(
    scratch: ScratchDatabases, db_kind: str, request: pytest.FixtureRequest
) -> Iterator[Database]:
    """A freshly migrated, empty database for tests that write."""
    if db_kind == "sqlite":
        database = scratch.copy(request.getfixturevalue("_migrated_sqlite"))
    else:
        database = scratch.new(db_kind)
        database.migrate()
    yield database
    database.engine.dispose()


# The suite logs in hundreds of times from one address; tests of the throttle set their own.
LENIENT_LOGIN_LIMIT = "100000 per 15 minutes"


def make_app(
    database: Database, session_store: SessionStore | None = None, **settings: Any
) -> Flask:
    """An app on `database`. Sessions go to `session_store`, else to the database's own
    user_sessions table; `settings` override Config fields (e.g. login_limit_account)."""
    config = Config(
        **{
            "database_url": database.url,
            "secret_key": "test-secret",
            "demo_mode": True,
            "testing": True,
            "extra": {"IMPORT_DIR": tempfile.mkdtemp(prefix="lagesbild-import-")},
            "login_limit_account": LENIENT_LOGIN_LIMIT,
            "login_limit_address": LENIENT_LOGIN_LIMIT,
            **settings,
        }
    )
    return create_app(config, database, session_store)


@pytest.fixture(scope="session")
def session_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SessionStore]:
    """A writable session store for apps on the read-only demo database: the user_sessions
    table in a scratch SQLite file of its own."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('sessions') / 'sessions.db'}")
    UserSession.__table__.create(engine)
    yield SqlSessionStore(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def app(demo_db: Database, session_store: SessionStore) -> Flask:
    """The app on the shared, read-only demo data (sessions in `session_store`)."""
    return make_app(demo_db, session_store)


@pytest.fixture
def app_writable(demo_db_writable: Database) -> Flask:
    """An app on a private copy of the demo data, for a test that saves."""
    return make_app(demo_db_writable)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def client_writable(app_writable: Flask) -> FlaskClient:
    return app_writable.test_client()


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def login(client: FlaskClient, username: str, password: str = "demo") -> object:
    page = client.get("/login")
    match = CSRF_RE.search(page.get_data(as_text=True))
    assert match, "the login page has a CSRF token"
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": match.group(1)},
    )


def _logger_in(client: FlaskClient):  # type: ignore[no-untyped-def]
    def _login(username: str) -> FlaskClient:
        response = login(client, username)
        assert response.status_code == 302, f"{username} could not log in"
        return client

    return _login


@pytest.fixture
def login_as(client: FlaskClient):  # type: ignore[no-untyped-def]
    """Logs the test client in to the app on the shared, read-only demo data."""
    return _logger_in(client)


@pytest.fixture
def login_as_writable(client_writable: FlaskClient):  # type: ignore[no-untyped-def]
    """Logs the test client in to an app on a private copy of the demo data."""
    return _logger_in(client_writable)


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    """The app on the shared, read-only demo data, served for a browser."""
    with serve(app) as url:
        yield url


@pytest.fixture
def live_server_writable(app_writable: Flask) -> Iterator[str]:
    """The app on a private copy of the demo data, served for one browser test that saves."""
    with serve(app_writable) as url:
        yield url


@pytest.fixture(autouse=True)
def _no_export_left_running() -> Iterator[None]:
    """A background export a test started (the city report's jobs) finishes before the next
    test, which could otherwise find the export slot taken (dashboard.exports.jobs)."""
    yield
    from dashboard.exports import jobs

    with jobs.waited_for_idle(timeout_s=300):
        pass


# --- Redis (sessions, the login throttle and the shared query cache) ---------------------------

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_client() -> Iterator[Redis]:
    """The local Redis; a skip where it is not running, a failure in CI."""
    client = Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except RedisConnectionError:
        if os.environ.get("CI") or os.environ.get("LAGESBILD_REQUIRE_REDIS"):
            pytest.fail("Redis körs inte på 127.0.0.1:6379 men testerna måste köras i CI.")
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    yield client
    client.close()


@pytest.fixture
def redis_prefix(redis_client: Redis) -> Iterator[str]:
    """A key prefix of the test's own; its keys (the throttle's start with LIMITS:) are removed
    afterwards."""
    prefix = f"lagesbild-test:{uuid.uuid4().hex}:"
    yield prefix
    keys = list(redis_client.scan_iter(f"*{prefix}*"))
    if keys:
        redis_client.delete(*keys)
