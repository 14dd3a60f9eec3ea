"""A session store that cannot answer now (SQLite's write lock held by a long import past
busy_timeout) costs a "last seen" update, never the request; a login it cannot save answers a
Swedish 503 instead of a 500."""

from typing import Any

import pytest
from flask import Flask
from sqlalchemy.exc import OperationalError
from werkzeug.test import TestResponse

from dashboard.db import Database
from dashboard.sessions import BUSY_MESSAGE, ServerSideSessions, SessionRecord, SessionStore
from tests.conftest import login, make_app


class BusyStore:
    """Delegates to a real store; the methods named in `busy` raise as a locked SQLite does."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.busy: set[str] = set()

    def _check(self, method: str) -> None:
        if method in self.busy:
            raise OperationalError("UPDATE user_sessions", {}, Exception("database is locked"))

    def load(self, key: str) -> SessionRecord | None:
        return self.store.load(key)

    def save(self, key: str, record: SessionRecord, create: bool = True) -> None:
        self._check("save")
        self.store.save(key, record, create)

    def touch(self, key: str, last_seen: float) -> None:
        self._check("touch")
        self.store.touch(key, last_seen)

    def delete(self, key: str) -> None:
        self._check("delete")
        self.store.delete(key)

    def delete_user(self, user_id: int) -> None:
        self.store.delete_user(user_id)

    def purge(self, seen_before: float, created_before: float) -> None:
        self._check("purge")
        self.store.purge(seen_before, created_before)


@pytest.fixture
def busy(demo_db: Database, session_store: SessionStore) -> tuple[Flask, BusyStore]:
    store = BusyStore(session_store)
    return make_app(demo_db, store), store


def _login(client: Any, username: str = "ks") -> TestResponse:
    response = login(client, username)
    assert isinstance(response, TestResponse)
    return response


def _interface(app: Flask) -> ServerSideSessions:
    interface = app.session_interface
    assert isinstance(interface, ServerSideSessions)
    return interface


def test_a_failed_touch_does_not_fail_the_request(
    busy: tuple[Flask, BusyStore], monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    app, store = busy
    client = app.test_client()
    assert _login(client).status_code == 302
    assert client.get("/api/v1/session").status_code == 200
    store.busy = {"touch", "purge"}
    interface = _interface(app)
    real_clock = interface.clock
    monkeypatch.setattr(interface, "clock", lambda: real_clock() + 400)  # touch and purge due
    response = client.get("/api/v1/session")
    assert response.status_code == 200
    assert "'last seen' not updated" in caplog.text
    assert client.get("/_dash-layout").status_code == 200


def test_a_login_the_store_cannot_save_answers_503(busy: tuple[Flask, BusyStore]) -> None:
    app, store = busy
    client = app.test_client()
    store.busy = {"save"}
    response = _login(client)
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert BUSY_MESSAGE in page and "Location" not in response.headers
    assert "Retry-After" in response.headers
    assert client.get("/api/v1/session").status_code == 401, "not logged in"
    store.busy = set()
    assert _login(client).status_code == 302
    assert client.get("/api/v1/session").status_code == 200


def test_a_busy_store_answers_json_503_to_the_api(busy: tuple[Flask, BusyStore]) -> None:
    app, store = busy
    client = app.test_client()
    assert _login(client).status_code == 302
    store.busy = {"save"}
    response = client.get("/api/v1/session")  # makes the session's first CSRF token
    assert response.status_code == 503
    assert response.get_json() == {"error": BUSY_MESSAGE}
