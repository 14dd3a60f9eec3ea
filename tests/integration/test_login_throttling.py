"""Failed logins are throttled per account and per address; a successful login never counts,
and an unknown username costs the same password check as a known one (issue 12, finding 4)."""

import pytest
from flask import Flask
from flask.testing import FlaskClient

from dashboard.db import Database
from dashboard.sessions import SessionStore
from tests.conftest import login, make_app

LOCKED = "För många misslyckade inloggningar"


@pytest.fixture
def strict_app(demo_db: Database, session_store: SessionStore) -> Flask:
    """Three failures per account and six per address in 15 minutes."""
    return make_app(
        demo_db,
        session_store,
        login_limit_account="3 per 15 minutes",
        login_limit_address="6 per 15 minutes",
    )


def _fails(client: FlaskClient, username: str, times: int) -> None:
    for _ in range(times):
        assert login(client, username, "fel").status_code == 401


def test_an_account_is_locked_after_its_failures_even_for_the_right_password(
    strict_app: Flask,
) -> None:
    client = strict_app.test_client()
    _fails(client, "bromma", 3)
    response = login(client, "bromma", "fel")
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert LOCKED in page and "Försök igen om 15 minuter" in page
    right = login(client, "bromma", "demo")
    assert right.status_code == 429, "the right password during a lockout is refused too"
    assert strict_app.test_client().get("/api/v1/session").status_code == 401
    assert login(strict_app.test_client(), "ks").status_code == 302, "other accounts log in"


def test_the_account_limit_ignores_case_and_spaces(strict_app: Flask) -> None:
    client = strict_app.test_client()
    for name in ("Bromma", " bromma", "BROMMA"):
        assert login(client, name, "fel").status_code == 401
    assert login(client, "bromma", "demo").status_code == 429


def test_an_address_is_locked_after_failures_on_many_accounts(strict_app: Flask) -> None:
    client = strict_app.test_client()
    for name in ("a1", "a2", "a3", "a4", "a5", "a6"):
        assert login(client, name, "fel").status_code == 401
    response = login(client, "ks", "demo")
    assert response.status_code == 429 and LOCKED in response.get_data(as_text=True)


def test_successful_logins_are_never_throttled(strict_app: Flask) -> None:
    for _ in range(12):
        assert login(strict_app.test_client(), "polis").status_code == 302


def test_unknown_and_known_usernames_cost_the_same_password_check(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dashboard.auth

    checked: list[str] = []
    real = dashboard.auth.check_password_hash

    def counting(pwhash: str, password: str) -> bool:
        checked.append(pwhash.split("$", 1)[0])
        return real(pwhash, password)

    monkeypatch.setattr(dashboard.auth, "check_password_hash", counting)
    assert login(app.test_client(), "ks", "fel").status_code == 401
    assert login(app.test_client(), "finns-inte", "fel").status_code == 401
    assert len(checked) == 2, "the hash is checked for an unknown username too"
    assert checked[0] == checked[1], "with the same method and cost"
    page = login(app.test_client(), "finns-inte", "demo").get_data(as_text=True)
    assert "Fel användarnamn eller lösenord" in page


def _login_from(client: FlaskClient, forwarded_for: str, username: str, password: str) -> int:
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        headers={"X-Forwarded-For": forwarded_for},
    )
    return response.status_code


def test_behind_a_proxy_each_client_address_counts_for_itself(
    demo_db: Database, session_store: SessionStore
) -> None:
    """With LAGESBILD_PROXY_COUNT=1 the proxy's X-Forwarded-For entry is the address; a
    client's own, forged entries to the left of it change nothing."""
    app = make_app(
        demo_db,
        session_store,
        login_limit_address="2 per 15 minutes",
        proxy_count=1,
    )
    client = app.test_client()
    assert _login_from(client, "10.0.0.1", "x1", "fel") == 401
    assert _login_from(client, "1.2.3.4, 10.0.0.1", "x2", "fel") == 401
    assert _login_from(client, "5.6.7.8, 10.0.0.1", "ks", "demo") == 429
    assert _login_from(app.test_client(), "10.0.0.2", "ks", "demo") == 302


def test_the_account_key_is_a_short_digest_of_the_normalised_name(strict_app: Flask) -> None:
    """A long username costs no more storage than a short one, and the name itself is not kept
    in the throttle's storage."""
    client = strict_app.test_client()
    assert login(client, " Sixtiotusen" + "x" * 60_000, "fel").status_code == 401
    storage = strict_app.extensions["lagesbild_limiter"].storage
    keys = list(storage.events)
    assert keys and all(len(key) < 200 for key in keys), [key[:80] for key in keys]
    assert not any("sixtiotusen" in key.lower() for key in keys)


def test_ipv6_addresses_in_one_64_share_the_address_counter(
    demo_db: Database, session_store: SessionStore
) -> None:
    """Anyone with an IPv6 connection has a whole /64 (2^64 addresses) to choose from."""
    app = make_app(demo_db, session_store, login_limit_address="2 per 15 minutes", proxy_count=1)
    client = app.test_client()
    assert _login_from(client, "2001:db8:1:2::1", "y1", "fel") == 401
    assert _login_from(client, "2001:db8:1:2:ffff:0:0:7", "y2", "fel") == 401
    assert _login_from(client, "2001:0db8:0001:0002::99", "ks", "demo") == 429
    assert _login_from(client, "2001:db8:1:3::1", "ks", "demo") == 302, "another /64"
    assert _login_from(app.test_client(), "10.0.0.9", "ks", "demo") == 302
