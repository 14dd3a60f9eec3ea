"""Byt lösenord (issue 13): the service (dashboard/services/accounts.py) and the page's callback
through the app's test client, on both databases. A user changes their own password, and only
their own; a wrong current password changes nothing and counts against the login's lockout;
afterwards the new password logs in and the old does not, the user's other sessions are over
and this one goes on under a new id."""

import json
import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dashboard.db import Database
from dashboard.passwords import GUESSABLE, TOO_LONG, TOO_SHORT
from dashboard.services.accounts import (
    CURRENT_WRONG,
    REPEAT_MISMATCH,
    SAME_AS_CURRENT,
    change_password,
)
from dashboard.services.errors import PermissionDenied, ValidationFailed
from models import User
from models.enums import Role
from tests.accounts import ACCOUNTS
from tests.conftest import REDIS_URL, login, make_app
from tests.dash_calls import post_callback

NEW = "gurka tåg moln sjunger"
COOKIE = "session"
FIELDS = ("current", "new", "repeat")


class Counted:
    """Attempts that only count (the service without the app)."""

    def __init__(self, locked: str | None = None) -> None:
        self.failures: list[str] = []
        self.locked = locked

    def locked_for(self, username: str) -> str | None:
        return self.locked

    def failed(self, username: str) -> None:
        self.failures.append(username)


def _hash(database: Database, username: str) -> str:
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        return user.password_hash


def _logged_in(app: Flask, username: str, password: str = "demo") -> FlaskClient:
    client = app.test_client()
    assert login(client, username, password).status_code == 302
    return client


def _cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    return cookie.value


def _save(client: FlaskClient, current: object, new: object, repeat: object) -> Any:
    """The page's Spara, as dash-renderer posts it."""
    inputs = [{"id": "account-save", "property": "n_clicks", "value": 1}] + [
        {"id": f"account-{f}", "property": "n_submit", "value": 0} for f in FIELDS
    ]
    state = [
        {"id": f"account-{f}", "property": "value", "value": v}
        for f, v in zip(FIELDS, (current, new, repeat), strict=True)
    ]
    return post_callback(client, None, inputs, state)


def _answer(client: FlaskClient, current: object, new: object, repeat: object) -> dict[str, Any]:
    response = _save(client, current, new, repeat)
    assert response.status_code == 200, response.get_data(as_text=True)
    outputs: dict[str, Any] = response.get_json()["response"]
    return outputs


def _status(outputs: dict[str, Any]) -> str:
    return json.dumps(outputs["account-status"]["children"], ensure_ascii=False)


# --- the service ---------------------------------------------------------------------------


def test_a_wrong_current_password_changes_nothing_and_is_counted(
    demo_db_writable: Database,
) -> None:
    before = _hash(demo_db_writable, "admin")
    attempts = Counted()
    with demo_db_writable.session() as session:
        admin = session.scalar(select(User).where(User.username == "admin"))
        assert admin is not None
        with pytest.raises(ValidationFailed) as refused:
            change_password(session, admin, "fel-lösenord", NEW, NEW, attempts)
        assert refused.value.errors == {"current": CURRENT_WRONG}
        session.rollback()
    assert attempts.failures == ["admin"]
    assert _hash(demo_db_writable, "admin") == before


@pytest.mark.parametrize(
    ("current", "new", "repeat", "field", "message"),
    [
        ("demo", NEW, NEW + " ", "repeat", REPEAT_MISMATCH),
        ("demo", "kort", "kort", "new", TOO_SHORT),
        ("demo", "x" * 1_000_000, "x" * 1_000_000, "new", TOO_LONG),
        ("demo", "Stockholm2024", "Stockholm2024", "new", GUESSABLE),
        ("demo", "demo", "demo", "new", TOO_SHORT),
        ("", NEW, NEW, "current", "Skriv ditt nuvarande lösenord."),
        (["demo"], {"x": 1}, None, "current", "Skriv ditt nuvarande lösenord."),
        ("\ud800", NEW, NEW, "current", CURRENT_WRONG),
        ("demo" * 1000, NEW, NEW, "current", CURRENT_WRONG),
    ],
)
def test_the_service_refuses_with_a_swedish_message_per_field(
    demo_db_writable: Database,
    current: object,
    new: object,
    repeat: object,
    field: str,
    message: str,
) -> None:
    before = _hash(demo_db_writable, "ks")
    with demo_db_writable.session() as session:
        ks = session.scalar(select(User).where(User.username == "ks"))
        assert ks is not None
        with pytest.raises(ValidationFailed) as refused:
            change_password(session, ks, current, new, repeat, Counted())
        assert refused.value.errors == {field: message}
        session.rollback()
    assert _hash(demo_db_writable, "ks") == before


def test_the_new_password_must_differ_from_the_current(demo_db_writable: Database) -> None:
    with demo_db_writable.session() as session:
        ks = session.scalar(select(User).where(User.username == "ks"))
        assert ks is not None
        ks.set_password(NEW)
        with pytest.raises(ValidationFailed) as refused:
            change_password(session, ks, NEW, NEW, NEW, Counted())
        assert refused.value.errors == {"new": SAME_AS_CURRENT}


def test_a_locked_account_is_refused_even_with_the_right_password(
    demo_db_writable: Database,
) -> None:
    before = _hash(demo_db_writable, "ks")
    with demo_db_writable.session() as session:
        ks = session.scalar(select(User).where(User.username == "ks"))
        assert ks is not None
        with pytest.raises(PermissionDenied, match="Försök igen om 12 minuter"):
            change_password(session, ks, "demo", NEW, NEW, Counted(locked="12 minuter"))
        session.rollback()
    assert _hash(demo_db_writable, "ks") == before


# --- the page's callback, through the app ---------------------------------------------------


@pytest.mark.parametrize("role", list(ACCOUNTS), ids=lambda r: r.value)
def test_every_role_changes_their_own_password(
    app_writable: Flask, demo_db_writable: Database, role: Role
) -> None:
    username = ACCOUNTS[role]
    others = {u: _hash(demo_db_writable, u) for u in ACCOUNTS.values() if u != username}
    client = _logged_in(app_writable, username)
    outputs = _answer(client, "demo", NEW, NEW)
    assert "Lösenordet är bytt" in _status(outputs)
    _logged_in(app_writable, username, NEW)  # the new password logs in
    assert login(app_writable.test_client(), username, "demo").status_code == 401
    assert {u: _hash(demo_db_writable, u) for u in others} == others, "nobody else's changed"


def test_after_the_change_other_sessions_end_and_this_one_goes_on_under_a_new_id(
    app_writable: Flask,
) -> None:
    here, elsewhere = _logged_in(app_writable, "bromma"), _logged_in(app_writable, "bromma")
    someone_else = _logged_in(app_writable, "polis")
    old_cookie = _cookie(here)
    outputs = _answer(here, "demo", NEW, NEW)
    assert "Lösenordet är bytt" in _status(outputs)
    assert _cookie(here) != old_cookie, "a new session id"
    assert here.get("/api/v1/session").status_code == 200, "still logged in here"
    assert elsewhere.get("/api/v1/session").status_code == 401
    assert someone_else.get("/api/v1/session").status_code == 200
    stolen = app_writable.test_client()
    stolen.set_cookie(COOKIE, old_cookie)
    assert stolen.get("/api/v1/session").status_code == 401, "the old id is worth nothing"


def test_after_the_change_the_logout_forms_get_the_new_csrf_token(app_writable: Flask) -> None:
    client = _logged_in(app_writable, "skarpnack")
    outputs = _answer(client, "demo", NEW, NEW)
    tokens = {outputs[i]["value"] for i in ("logout-csrf", "logout-everywhere-csrf")}
    assert len(tokens) == 1
    response = client.post("/logout/overallt", data={"csrf_token": tokens.pop()})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert client.get("/api/v1/session").status_code == 401


def test_no_password_comes_back_in_the_answer_or_the_log(
    app_writable: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    client = _logged_in(app_writable, "ostermalm")
    caplog.set_level(logging.DEBUG)
    wrong = _save(client, "fel-gissning-123", NEW, NEW).get_data(as_text=True)
    mismatch = _save(client, "demo", NEW, "annat lösenord här").get_data(as_text=True)
    right = _save(client, "demo", NEW, NEW).get_data(as_text=True)
    for body in (wrong, mismatch, right):
        outputs = json.loads(body)["response"]
        assert [outputs[f"account-{f}"]["value"] for f in FIELDS] == ["", "", ""]
        for secret in ("fel-gissning-123", NEW, "annat lösenord här", "demo"):
            assert secret not in body
    assert "changed their password" in caplog.text
    for secret in ("fel-gissning-123", NEW, "annat lösenord här"):
        assert secret not in caplog.text


def test_wrong_current_passwords_count_against_the_login_lockout(
    demo_db_writable: Database,
) -> None:
    """The form and the login share one budget per account: three wrong tries in the form lock
    the account at the form and at /login, even with the right password."""
    app = make_app(demo_db_writable, login_limit_account="3 per 15 minutes")
    client = _logged_in(app, "ks")
    before = _hash(demo_db_writable, "ks")
    for _ in range(3):
        assert "stämmer inte" in _status(_answer(client, "fel-gissning", NEW, NEW))
    locked = _status(_answer(client, "demo", NEW, NEW))
    assert "För många felaktiga lösenord" in locked and "Försök igen om 15 minuter" in locked
    assert _hash(demo_db_writable, "ks") == before
    assert login(app.test_client(), "ks").status_code == 429


def test_the_callback_takes_no_user_and_a_forged_one_is_refused(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    """Nothing the browser sends names whose password changes: the callback reads only the
    three fields, and a request that adds a user id is not a call of it."""
    client = _logged_in(app_writable, "polis")
    dependencies = client.get("/_dash-dependencies").get_json()
    (save,) = [d for d in dependencies if "account-status" in d["output"]]
    read = {(s["id"], s["property"]) for s in save["inputs"] + save["state"]}
    assert read == {("account-save", "n_clicks")} | {
        (f"account-{f}", p) for f in FIELDS for p in ("n_submit", "value")
    }
    with demo_db_writable.engine.connect() as conn:
        admin_id = conn.scalar(select(User.id).where(User.username == "admin"))
    before = _hash(demo_db_writable, "admin")
    body = {
        "output": save["output"],
        "outputs": [{"id": "account-status", "property": "children"}],
        "inputs": [{"id": "account-save", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["account-save.n_clicks"],
        "state": [
            {"id": "account-user", "property": "value", "value": admin_id},
            {"id": "account-current", "property": "value", "value": "demo"},
        ],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 400
    assert _hash(demo_db_writable, "admin") == before
    assert login(app_writable.test_client(), "admin").status_code == 302


# --- with Redis (sessions and the throttle shared by every worker) -------------------------


def test_with_redis_two_workers_share_the_sessions_and_the_lockout(
    demo_db_writable: Database, redis_prefix: str
) -> None:
    """Two apps on one Redis stand for two gunicorn workers: wrong tries at one lock the
    account at the other, and a change at one ends the sessions the other holds."""
    one, two = (
        make_app(
            demo_db_writable,
            redis_url=REDIS_URL,
            redis_prefix=redis_prefix,
            login_limit_account="2 per 15 minutes",
        )
        for _ in range(2)
    )
    here, elsewhere = _logged_in(one, "ks"), _logged_in(two, "ks")
    assert "stämmer inte" in _status(_answer(here, "fel-gissning", NEW, NEW))
    assert "Lösenordet är bytt" in _status(_answer(here, "demo", NEW, NEW))
    assert elsewhere.get("/api/v1/session").status_code == 401
    assert here.get("/api/v1/session").status_code == 200
    assert "stämmer inte" in _status(_answer(here, "fel-gissning", "a" + NEW, "a" + NEW))
    assert login(two.test_client(), "ks", NEW).status_code == 429
