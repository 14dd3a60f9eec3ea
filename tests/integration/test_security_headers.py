"""The headers every answer carries, and the Dash endpoint's check that a callback request comes
from a page of our own: HSTS only when the app is served over HTTPS (SESSION_COOKIE_SECURE), a
CSP without 'unsafe-eval' and without repeated hashes, and a cross-site POST to
`/_dash-update-component` refused in Swedish."""

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from dashboard.db import Database
from dashboard.sessions import SessionStore
from tests.conftest import login, make_app

HSTS = "max-age=31536000; includeSubDomains"


def _app(database: Database, store: SessionStore, secure: bool) -> Flask:
    return make_app(database, store, secure_cookies=secure)


def test_hsts_only_when_served_over_https(demo_db: Database, session_store: SessionStore) -> None:
    plain = _app(demo_db, session_store, secure=False).test_client().get("/login")
    assert "Strict-Transport-Security" not in plain.headers
    secure = (
        _app(demo_db, session_store, secure=True)
        .test_client()
        .get("/login", base_url="https://localhost")
    )
    assert secure.headers["Strict-Transport-Security"] == HSTS


def _script_src(response: TestResponse) -> list[str]:
    policy = response.headers["Content-Security-Policy"]
    directive = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    return directive.split()[1:]


def test_scripts_may_not_eval_and_each_hash_is_listed_once(client: FlaskClient) -> None:
    sources = _script_src(client.get("/login"))
    assert "'unsafe-eval'" not in sources
    hashes = [s for s in sources if s.startswith("'sha256-")]
    assert hashes, "Dash's inline start-up scripts are allowed by their hashes"
    assert len(hashes) == len(set(hashes))


def _callback_body() -> dict[str, Any]:
    """The Logg page's filter callback (admin only), as dash-renderer posts it."""
    inputs = [
        {"id": "audit-council", "property": "value", "value": None},
        {"id": "audit-user", "property": "value", "value": None},
        {"id": "audit-from", "property": "value", "value": None},
        {"id": "audit-to", "property": "value", "value": None},
    ]
    return {
        "output": "..audit-grid.rowData...audit-message.children..",
        "outputs": [
            {"id": "audit-grid", "property": "rowData"},
            {"id": "audit-message", "property": "children"},
        ],
        "inputs": inputs,
        "changedPropIds": ["audit-council.value"],
        "state": [],
    }


def _post(client: FlaskClient, headers: dict[str, str]) -> TestResponse:
    return client.post(
        "/_dash-update-component",
        data=json.dumps(_callback_body()),
        content_type="application/json",
        headers=headers,
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "http://localhost.evil.example"},
        {"Origin": "https://localhost"},  # our host, another scheme: another origin
        {"Origin": "null"},  # a sandboxed frame or a data: page
        {"Origin": "http://localhost", "Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "cross-site"},  # no Origin, but the browser says where it came from
        {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain is another origin
    ],
)
def test_a_cross_origin_callback_request_is_refused_in_swedish(  # type: ignore[no-untyped-def]
    login_as, headers: dict[str, str]
) -> None:
    response = _post(login_as("admin"), headers)
    assert response.status_code == 403
    assert "annan webbplats" in response.get_json()["error"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://localhost"},
        {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "same-origin"},
        {},  # no browser headers at all: a script or the tests' client, with the session
    ],
)
def test_a_same_origin_callback_request_is_answered(  # type: ignore[no-untyped-def]
    login_as, headers: dict[str, str]
) -> None:
    response = _post(login_as("admin"), headers)
    assert response.status_code == 200
    assert response.get_json()["response"]["audit-message"]["children"] is None


def test_https_origin_is_ours_when_the_app_is_served_over_https(
    demo_db: Database, session_store: SessionStore
) -> None:
    """Behind a TLS-terminating proxy the app sees http while the browser says https: with
    SESSION_COOKIE_SECURE the app is known to be served over HTTPS, so that origin is ours."""
    client = _app(demo_db, session_store, secure=True).test_client()
    login(client, "admin")
    response = _post(client, {"Origin": "https://localhost"})
    assert response.status_code == 200
    assert _post(client, {"Origin": "https://evil.example"}).status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        "{}",
        "[]",
        "1",
        "not json",
        '{"output": 5}',
        '{"output": "x.children", "outputs": {"id": "x", "property": "children"}, "inputs": []}',
        json.dumps(_callback_body() | {"inputs": [5]}),
        json.dumps(_callback_body() | {"inputs": None}),
        json.dumps(_callback_body() | {"state": {"a": 1}}),
        json.dumps(_callback_body() | {"changedPropIds": [1]}),
        json.dumps(_callback_body() | {"outputs": "x"}),
        json.dumps(_callback_body() | {"outputs": [{"id": "audit-grid", "property": "rowData"}]}),
        json.dumps(_callback_body() | {"outputs": {"id": "audit-grid", "property": "rowData"}}),
        json.dumps(_callback_body() | {"outputs": [{"id": 5, "property": 1}, {"id": "x"}]}),
        json.dumps(_callback_body() | {"inputs": []}),
        json.dumps(_callback_body() | {"inputs": _callback_body()["inputs"][:2]}),
        # Lists in lists: Dash reads each item of an argument's list as {id, property, ...}.
        json.dumps(_callback_body() | {"inputs": [[[]], *_callback_body()["inputs"][1:]]}),
        json.dumps(_callback_body() | {"inputs": [[[{"a": 1}]], *_callback_body()["inputs"][1:]]}),
        json.dumps(_callback_body() | {"inputs": [[5], *_callback_body()["inputs"][1:]]}),
        json.dumps(_callback_body() | {"outputs": [[[]], _callback_body()["outputs"][1]]}),
    ],
)
def test_a_malformed_callback_call_is_refused_in_swedish(login_as, body: str) -> None:  # type: ignore[no-untyped-def]
    """Dash itself answers a body it cannot read with a 500."""
    response = login_as("admin").post(
        "/_dash-update-component", data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.get_json()["error"] == "Felaktigt anrop till sidans uppdatering."
