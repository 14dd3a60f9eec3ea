"""`GET /halsa` and `/healthz` (dashboard/health.py): the load balancer's probe answers without
login, says only `ok` or `fel`, stores no session, and an administrator may see details."""

import logging
import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from dashboard import backup
from dashboard.db import Database
from dashboard.sessions import SqlSessionStore
from models.session import UserSession
from tests.conftest import login, make_app

PATHS = ["/halsa", "/healthz"]
REDIS_URL = "redis://127.0.0.1:6379/15"
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"


def assert_bare(response, status: int, body: bytes) -> None:  # type: ignore[no-untyped-def]
    """Exactly the status and the body, as plain text: nothing else a stranger could read."""
    assert response.status_code == status
    assert response.data == body
    assert response.mimetype == "text/plain"
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def dead_database(database: Database, tmp_path: Path) -> Database:
    """The same kind of database, but one that cannot be reached."""
    if database.engine.dialect.name == "sqlite":
        gone = tmp_path / "borttagen"
        gone.mkdir()
        shutil.rmtree(gone)
        return Database(f"sqlite:///{gone / 'lagesbild.db'}")  # SQLite makes no directories
    url = database.engine.url.set(port=1)  # nothing listens there: refused at once
    return Database(url.render_as_string(hide_password=False))


@pytest.mark.parametrize("path", PATHS)
def test_anonymous_probe_gets_ok_and_nothing_else(
    app: Flask, client: FlaskClient, path: str
) -> None:
    response = client.get(path)
    assert_bare(response, 200, b"ok")
    # ?detaljer=1 without a login is the same bare answer.
    assert_bare(client.get(path + "?detaljer=1"), 200, b"ok")
    assert client.head(path).status_code == 200


def test_the_probe_stores_no_session(empty_db: Database) -> None:
    """A load balancer asks every few seconds: no row, no cookie, however often."""
    app = make_app(empty_db)  # sessions in the database's own user_sessions table
    client = app.test_client()
    for _ in range(50):
        assert_bare(client.get("/halsa"), 200, b"ok")
    with empty_db.session() as session:
        assert session.scalar(select(func.count()).select_from(UserSession)) == 0
    assert client.get_cookie("session") is None


def test_the_probe_is_not_throttled_by_the_login_limit(empty_db: Database) -> None:
    app = make_app(empty_db, login_limit_address="2 per 15 minutes")
    client = app.test_client()
    for _ in range(30):
        assert client.get("/halsa").status_code == 200


def test_a_dead_database_gives_503_fel_and_leaks_nothing(
    empty_db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    dead = dead_database(empty_db, tmp_path)
    app = make_app(dead)
    client = app.test_client()
    with caplog.at_level(logging.WARNING):
        for path in PATHS:
            assert_bare(client.get(path), 503, b"fel")
            assert_bare(client.get(path + "?detaljer=1"), 503, b"fel")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    dead.engine.dispose()


def test_redis_is_checked_when_configured(empty_db: Database) -> None:
    healthy = make_app(empty_db, redis_url=REDIS_URL).test_client()
    assert_bare(healthy.get("/halsa"), 200, b"ok")
    down = make_app(empty_db, redis_url=DEAD_REDIS_URL).test_client()
    assert_bare(down.get("/halsa"), 503, b"fel")


def test_admin_sees_details(app: Flask, client: FlaskClient) -> None:
    assert login(client, "admin").status_code == 302
    response = client.get("/halsa?detaljer=1")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    details = response.get_json()
    assert details == {
        "status": "ok",
        "database": app.extensions["lagesbild_db"].engine.dialect.name,
        "database_ok": True,
        "revision": backup.head_revision(),
        "head_revision": backup.head_revision(),
        "at_head": True,
        "redis_ok": None,
        "version": backup.app_version(),
    }
    # Without ?detaljer=1 the administrator gets the probe's answer.
    assert client.get("/halsa").data == b"ok"


def test_admin_details_show_a_dead_redis(demo_db_writable: Database) -> None:
    store = SqlSessionStore(demo_db_writable.engine)
    # Logging in needs Redis (the login throttle counts there): log in while it answers, then
    # ask an app whose Redis is down, with the same session.
    working = make_app(demo_db_writable, session_store=store).test_client()
    assert login(working, "admin").status_code == 302
    cookie = working.get_cookie("session")
    assert cookie is not None
    down = make_app(demo_db_writable, session_store=store, redis_url=DEAD_REDIS_URL).test_client()
    down.set_cookie("session", cookie.value)
    response = down.get("/halsa?detaljer=1")
    assert response.status_code == 503
    assert response.get_json()["redis_ok"] is False
    assert response.get_json()["status"] == "fel"
    assert response.get_json()["database_ok"] is True


@pytest.mark.parametrize("username", ["ks", "ostermalm", "polis"])
def test_other_roles_get_no_details(client: FlaskClient, username: str) -> None:
    assert login(client, username).status_code == 302
    assert_bare(client.get("/halsa?detaljer=1"), 200, b"ok")
