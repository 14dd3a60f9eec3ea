"""The login form's input cannot redirect elsewhere or break the query: `next` is only ever a
plain same-site path, and a username no account can have gets the ordinary refusal (401, same
password check, counted by the throttle) instead of a database error."""

from urllib.parse import quote

import pytest
from flask import Flask, request
from flask.testing import FlaskClient
from werkzeug.datastructures import ImmutableMultiDict

from dashboard.auth import safe_next
from dashboard.db import Database
from dashboard.sessions import SessionStore
from tests.conftest import CSRF_RE, make_app

LOGIN_FAILED = "Fel användarnamn eller lösenord."
LOCKED = "För många misslyckade inloggningar"

EVIL_NEXT = [
    "/\\evil.com",
    "/\\/evil.com",
    "/%5Cevil.com",
    "\\evil.com",
    "\t//evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "/\x00/evil.com",
    "//evil.com",
    "///evil.com",
    "https://evil.com",
    "https:/evil.com",
    "javascript:alert(1)",
    " /x",
]


@pytest.mark.parametrize("target", EVIL_NEXT)
def test_safe_next_refuses_anything_but_a_plain_path(target: str) -> None:
    assert safe_next(target) == "/"


@pytest.mark.parametrize("target", ["/", "/aktiviteter?year=2022", "/admin/anvandare#x"])
def test_safe_next_keeps_same_site_paths(target: str) -> None:
    assert safe_next(target) == target


@pytest.mark.parametrize("target", EVIL_NEXT)
def test_login_never_redirects_off_site(app: Flask, target: str) -> None:
    client = app.test_client()
    page = client.get("/login?next=" + quote(target, safe="")).get_data(as_text=True)
    match = CSRF_RE.search(page)
    assert match
    response = client.post(
        "/login?next=" + quote(target, safe=""),
        data={"username": "ks", "password": "demo", "csrf_token": match.group(1)},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def _post_login(client: FlaskClient, username: str, password: str = "fel") -> tuple[int, str]:
    match = CSRF_RE.search(client.get("/login").get_data(as_text=True))
    assert match
    response = client.post(
        "/login", data={"username": username, "password": password, "csrf_token": match.group(1)}
    )
    return response.status_code, response.get_data(as_text=True)


@pytest.fixture
def strict_app(demo_db: Database, session_store: SessionStore) -> Flask:
    return make_app(demo_db, session_store, login_limit_address="3 per 15 minutes")


@pytest.mark.parametrize("username", ["\x00", "ks\x00", "a\x1fb", "x" * 60_000, "k" * 151])
def test_impossible_usernames_get_the_ordinary_refusal(strict_app: Flask, username: str) -> None:
    client = strict_app.test_client()
    status, page = _post_login(client, username, "demo")
    assert status == 401 and LOGIN_FAILED in page
    assert "\x00" not in page and "x" * 1000 not in page, "the bad name is not echoed back"
    for _ in range(2):
        assert _post_login(client, username)[0] == 401
    status, page = _post_login(client, username)
    assert status == 429 and "\x00" not in page and "x" * 1000 not in page
    status, page = _post_login(client, "ks", "demo")
    assert status == 429 and LOCKED in page, "the refusals were counted by the throttle"


def test_a_100_kb_username_is_refused_before_anything_reads_it(app: Flask) -> None:
    """Larger than the login form's body cap (dashboard/body_limits.py): 413, no query."""
    status, page = _post_login(app.test_client(), "x" * 100_000)
    assert status == 413 and "För stor förfrågan" in page


def test_a_lone_surrogate_username_gets_the_ordinary_refusal(
    demo_db: Database, session_store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Browsers cannot send one (form decoding replaces it), but nothing may rely on that."""
    import dashboard.auth

    checked: list[str] = []
    real = dashboard.auth.check_password_hash

    def counting(pwhash: str, password: str) -> bool:
        checked.append(password)
        return real(pwhash, password)

    monkeypatch.setattr(dashboard.auth, "check_password_hash", counting)
    app = make_app(demo_db, session_store)

    def replace_username() -> None:
        if request.method == "POST" and "username" in request.form:
            form = request.form.to_dict()
            form["username"] = "\ud800"
            request.form = ImmutableMultiDict(form)  # type: ignore[misc]

    app.before_request_funcs.setdefault(None, []).insert(0, replace_username)
    status, page = _post_login(app.test_client(), "ks", "demo")
    assert status == 401 and LOGIN_FAILED in page
    assert checked == ["demo"], "the same password check as for an unknown name"
