"""Nothing but the login page (and the public accessibility statement) answers without a
session; login, logout and cookies behave."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import login

# /tillganglighet: dashboard/public.py; /halsa and /healthz: dashboard/health.py.
PUBLIC_PREFIXES = ("/login", "/static/", "/tillganglighet", "/halsa", "/healthz")


def _concrete(rule: str) -> str:
    """Fill every URL variable with a plausible value."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", "x", rule)


def _components(node: object) -> list[dict]:
    """Flatten a Dash layout (JSON) into its components."""
    found: list[dict] = []
    if isinstance(node, dict):
        if "props" in node:
            found.append(node)
        for value in node.values():
            found += _components(value)
    elif isinstance(node, list):
        for item in node:
            found += _components(item)
    return found


def test_every_route_requires_login(app: Flask, client: FlaskClient) -> None:
    rules = list(app.url_map.iter_rules())
    assert any(r.rule.startswith("/_dash-update-component") for r in rules)
    checked = 0
    for rule in rules:
        url = _concrete(rule.rule)
        if url.startswith(PUBLIC_PREFIXES):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            checked += 1
            if url.startswith(("/_dash-", "/_reload-hash", "/_favicon", "/api/")):
                assert response.status_code == 401, (method, url)
                assert response.is_json and "Inloggning" in response.get_json()["error"]
            else:
                assert response.status_code in (302, 401), (method, url, response.status_code)
                if response.status_code == 302:
                    assert response.headers["Location"].startswith("/login")
    assert checked >= 8


@pytest.mark.parametrize(
    "path",
    [
        "/_dash-layout",
        "/_dash-dependencies",
        "/_dash-component-suites/dash/deps/react@18.3.1.min.js",
        "/assets/.gitkeep",
        "/health",
    ],
)
def test_dash_endpoints_refuse_anonymous(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (401, 302)
    assert b"react" not in response.data


def test_dash_callback_post_is_refused_without_session(client: FlaskClient) -> None:
    response = client.post(
        "/_dash-update-component",
        json={"output": "page.children", "inputs": [], "changedPropIds": []},
    )
    assert response.status_code == 401


def test_page_request_redirects_to_login_with_next(client: FlaskClient) -> None:
    response = client.get("/?year=2022")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_login_page_is_swedish_with_csrf_field(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="sv">' in page
    assert 'name="username"' in page and 'name="password"' in page
    assert 'name="csrf_token"' in page
    assert "Användarnamn" in page and "Lösenord" in page


def test_login_with_wrong_password_is_refused(client: FlaskClient) -> None:
    response = login(client, "ostermalm", "fel")
    assert response.status_code == 401
    assert "Fel användarnamn eller lösenord" in response.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401


def test_login_without_csrf_token_is_refused(client: FlaskClient) -> None:
    response = client.post("/login", data={"username": "ostermalm", "password": "demo"})
    assert response.status_code == 400
    assert client.get("/_dash-layout").status_code == 401


def test_login_sets_hardened_cookie_and_opens_dash(client: FlaskClient) -> None:
    response = login(client, "ostermalm")
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/_dash-layout").status_code == 200


def test_login_never_redirects_off_site(client: FlaskClient) -> None:
    page = client.get("/login?next=//evil.example/x").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    response = client.post(
        "/login",
        data={
            "username": "ks",
            "password": "demo",
            "csrf_token": token,
            "next": "https://evil.example/",
        },
    )
    assert response.headers["Location"] == "/"


def test_logout_ends_the_session(client: FlaskClient) -> None:
    login(client, "ks")
    layout = client.get("/_dash-layout")
    hidden = [
        c["props"]
        for c in _components(layout.get_json())
        if c.get("props", {}).get("name") == "csrf_token"
    ]
    assert hidden, "the navbar carries a logout form with a CSRF token"
    response = client.post("/logout", data={"csrf_token": hidden[0]["value"]})
    assert response.status_code == 302
    assert client.get("/_dash-layout").status_code == 401


def test_security_headers(client: FlaskClient) -> None:
    response = client.get("/login")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
