"""Sessions live on the server: logout, "log out everywhere", the idle timeout and the absolute
lifetime really end them; login starts a new session with a new CSRF token (issue 12, finding 3).
"""

import json
import re
import time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from dashboard.db import Database
from dashboard.sessions import ServerSideSessions, SessionRecord, SqlSessionStore
from tests.conftest import login

COOKIE = "session"
DASH_CALL = {"output": "page.children", "inputs": [], "changedPropIds": []}


def _cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None, "the client holds a session cookie"
    return cookie.value


def _with_cookie(app: Flask, value: str) -> FlaskClient:
    """Another browser presenting a copied session cookie."""
    other = app.test_client()
    other.set_cookie(COOKIE, value)
    return other


def _csrf(client: FlaskClient) -> str:
    token: str = client.get("/api/v1/session").get_json()["csrf_token"]
    return token


def _logged_in(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def _interface(app: Flask) -> ServerSideSessions:
    interface = app.session_interface
    assert isinstance(interface, ServerSideSessions)
    return interface


def test_logout_kills_the_old_cookie_for_the_api_and_dash(app: Flask) -> None:
    client = _logged_in(app, "ks")
    stolen = _cookie(client)
    assert _with_cookie(app, stolen).get("/api/v1/session").status_code == 200
    assert client.post("/logout", data={"csrf_token": _csrf(client)}).status_code == 302
    replay = _with_cookie(app, stolen)
    response = replay.get("/api/v1/session")
    assert response.status_code == 401
    assert replay.get("/api/v1/activities?council=OST&year=2022").status_code == 401
    assert replay.post("/_dash-update-component", json=DASH_CALL).status_code == 401


def test_logout_everywhere_ends_every_session_of_that_user_only(app: Flask) -> None:
    first, second = _logged_in(app, "bromma"), _logged_in(app, "bromma")
    other_user = _logged_in(app, "polis")
    response = first.post("/logout/overallt", data={"csrf_token": _csrf(first)})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert first.get("/api/v1/session").status_code == 401
    assert second.get("/api/v1/session").status_code == 401
    assert second.post("/_dash-update-component", json=DASH_CALL).status_code == 401
    assert other_user.get("/api/v1/session").status_code == 200


def test_logout_everywhere_needs_a_csrf_token(app: Flask) -> None:
    client = _logged_in(app, "skarpnack")
    assert client.post("/logout/overallt").status_code == 400
    assert client.get("/api/v1/session").status_code == 200


def test_navbar_offers_logout_everywhere(app: Flask) -> None:
    client = _logged_in(app, "ks")
    layout = json.dumps(client.get("/_dash-layout").get_json(), ensure_ascii=False)
    assert "Logga ut överallt" in layout and '"action": "/logout/overallt"' in layout


def test_a_session_idle_longer_than_the_timeout_is_dead(app: Flask) -> None:
    interface = _interface(app)
    client = _logged_in(app, "ostermalm")
    key = interface.key_for_cookie(app, _cookie(client))
    assert key is not None
    interface.store.touch(key, time.time() - interface.idle_seconds + 120)
    assert client.get("/api/v1/session").status_code == 200, "29 minutes idle is alive"
    interface.store.touch(key, time.time() - interface.idle_seconds - 1)
    assert client.get("/api/v1/session").status_code == 401
    assert client.post("/_dash-update-component", json=DASH_CALL).status_code == 401
    assert interface.store.load(key) is None, "a dead session leaves the store"


def test_a_session_older_than_its_absolute_lifetime_is_dead(app: Flask) -> None:
    interface = _interface(app)
    client = _logged_in(app, "ostermalm")
    key = interface.key_for_cookie(app, _cookie(client))
    assert key is not None
    record = interface.store.load(key)
    assert record is not None
    record.created = time.time() - interface.max_age_seconds - 1
    interface.store.save(key, record)
    assert client.get("/api/v1/session").status_code == 401


def test_requests_do_not_write_the_session_again_within_a_minute(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    interface = _interface(app)
    client = _logged_in(app, "norrainnerstaden")
    client.get("/api/v1/session")  # the CSRF token, made once, is saved here
    writes: list[str] = []
    store = interface.store
    for method in ("save", "touch", "delete"):
        real = getattr(store, method)

        def recording(*args: Any, _name: str = method, _real: Any = real, **kwargs: Any) -> None:
            writes.append(_name)
            _real(*args, **kwargs)

        monkeypatch.setattr(store, method, recording)
    for _ in range(5):
        assert client.get("/api/v1/session").status_code == 200
        assert client.get("/_dash-layout").status_code == 200
    assert writes == []
    real_clock = interface.clock
    monkeypatch.setattr(interface, "clock", lambda: real_clock() + 61)
    client.get("/api/v1/session")
    client.get("/api/v1/session")
    assert writes == ["touch"], "at most one 'last seen' write a minute"


def test_login_starts_a_new_session(app: Flask) -> None:
    interface = _interface(app)
    client = app.test_client()
    client.get("/login")
    before = _cookie(client)
    assert interface.key_for_cookie(app, before) is None, "no server-side session before login"
    assert login(client, "ks").status_code == 302
    after = _cookie(client)
    assert after != before
    key = interface.key_for_cookie(app, after)
    assert key is not None and interface.store.load(key) is not None
    planted = _with_cookie(app, before)  # a cookie an attacker planted before the login
    assert planted.get("/api/v1/session").status_code == 401


def test_a_logged_in_session_id_planted_before_login_is_not_kept(app: Flask) -> None:
    """Someone else's (or an ended) server-side session id in the browser: login gets a new
    id and the planted one is deleted."""
    interface = _interface(app)
    other = _logged_in(app, "polis")
    planted = _cookie(other)
    assert other.post("/logout", data={"csrf_token": _csrf(other)}).status_code == 302
    victim = _with_cookie(app, planted)
    assert login(victim, "ks").status_code == 302
    assert _cookie(victim) != planted
    key = interface.key_for_cookie(app, planted)
    assert key is not None and interface.store.load(key) is None


def _session_rows(database: Database) -> int:
    with database.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM user_sessions")).scalar_one())


def test_visitors_without_a_login_store_nothing(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    """The login page needs a CSRF token, kept in a signed cookie until the login: a loop of
    cookieless GETs cannot fill the session table."""
    before = _session_rows(demo_db_writable)
    for _ in range(50):
        page = app_writable.test_client().get("/login")
        assert page.status_code == 200 and 'name="csrf_token"' in page.get_data(as_text=True)
    assert app_writable.test_client().get("/tillganglighet").status_code == 200
    assert _session_rows(demo_db_writable) == before
    client = app_writable.test_client()
    assert login(client, "ks").status_code == 302
    assert _session_rows(demo_db_writable) == before + 1
    token = _csrf(client)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert _session_rows(demo_db_writable) == before
    assert client.get("/api/v1/session").status_code == 401


def test_a_failed_login_keeps_the_csrf_token_working(app: Flask) -> None:
    client = app.test_client()
    assert login(client, "ks", "fel").status_code == 401
    assert login(client, "ks").status_code == 302
    assert client.get("/api/v1/session").status_code == 200


def test_the_csrf_token_from_before_login_is_refused_after_login(app: Flask) -> None:
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match
    old_token = match.group(1)
    response = client.post(
        "/login", data={"username": "ks", "password": "demo", "csrf_token": old_token}
    )
    assert response.status_code == 302
    assert _csrf(client) != old_token
    assert client.post("/logout", data={"csrf_token": old_token}).status_code == 400
    assert client.get("/api/v1/session").status_code == 200


def test_a_forged_or_unknown_cookie_is_anonymous(app: Flask) -> None:
    assert _with_cookie(app, "x").get("/api/v1/session").status_code == 401
    client = _logged_in(app, "ks")
    value = _cookie(client)
    assert _with_cookie(app, value[:-2] + "AA").get("/api/v1/session").status_code == 401


def test_sessions_live_in_the_main_database_by_default(client_writable: FlaskClient) -> None:
    """The production default: the user_sessions table (migration 0007)."""
    assert login(client_writable, "ks").status_code == 302
    assert client_writable.get("/api/v1/session").status_code == 200
    assert client_writable.post("/logout", data={"csrf_token": _csrf(client_writable)})
    assert client_writable.get("/api/v1/session").status_code == 401


def test_the_sql_store_on_each_database(empty_db: Database) -> None:
    """The user_sessions table: a session ended meanwhile is not brought back by a request that
    was still running (save with create=False), "log out everywhere" spares other users, and
    purge removes idle and too old rows."""
    store = SqlSessionStore(empty_db.engine)
    now = time.time()
    store.save("a", SessionRecord(7, {"_user_id": "7", "b": b"\x00"}, now, now))
    store.save("b", SessionRecord(7, {}, now, now))
    store.save("c", SessionRecord(8, {}, now - 100, now - 100))
    loaded = store.load("a")
    assert loaded is not None and loaded.data == {"_user_id": "7", "b": b"\x00"}
    store.delete_user(7)
    assert store.load("a") is None and store.load("b") is None
    store.save("a", SessionRecord(7, {"x": 1}, now, now), create=False)
    assert store.load("a") is None, "an ended session stays ended"
    store.touch("c", now - 50)
    record = store.load("c")
    assert record is not None and int(record.last_seen) == int(now - 50)
    store.save("d", SessionRecord(None, {"csrf_token": "t"}, now, now))
    store.purge(seen_before=now - 10, created_before=now - 1000)
    assert store.load("c") is None and store.load("d") is not None
