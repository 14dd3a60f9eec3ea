"""The JSON API: every status code it promises, on each database."""

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from dashboard.api import NO_SUCH_ADDRESS
from dashboard.db import Database
from models import Activity, ActivityUpdate, AuditEntry, Incident
from tests.conftest import login
from tests.unit.test_personal_data import generated_numbers


class Api:
    """A logged-in API client that sends the CSRF header like a browser script would."""

    def __init__(self, app: Flask, username: str) -> None:
        self.client: FlaskClient = app.test_client()
        assert login(self.client, username).status_code == 302
        self.token = self.client.get("/api/v1/session").get_json()["csrf_token"]

    def get(self, path: str) -> Any:
        return self.client.get(path)

    def patch(self, path: str, body: dict[str, Any], csrf: bool = True) -> Any:
        headers = {"X-CSRFToken": self.token} if csrf else {}
        return self.client.patch(path, json=body, headers=headers)

    def post(self, path: str, body: dict[str, Any], csrf: bool = True) -> Any:
        headers = {"X-CSRFToken": self.token} if csrf else {}
        return self.client.post(path, json=body, headers=headers)


def _ost_activity(api: Api) -> dict[str, Any]:
    rows = api.get("/api/v1/activities?council=OST&year=2022").get_json()
    return next(a for a in rows if a["status"] != "done")


def _count(database: Database, model: type) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_no_session_gets_401_json(client: FlaskClient) -> None:
    for method, path in [
        ("GET", "/api/v1/session"),
        ("GET", "/api/v1/activities"),
        ("PATCH", "/api/v1/activities/1"),
        ("POST", "/api/v1/incidents"),
        ("GET", "/api/v1/openapi.json"),
    ]:
        response = client.open(path, method=method, json={})
        assert response.status_code == 401, path
        assert response.get_json()["error"] == "Inloggning krävs."


def test_session_councils_and_filters(app: Flask) -> None:
    api = Api(app, "ostermalm")
    session = api.get("/api/v1/session").get_json()
    assert session["user"] == "ostermalm" and session["role"] == "coordinator"
    assert session["council"] == "OST" and session["csrf_token"]
    councils = {c["code"]: c for c in api.get("/api/v1/councils").get_json()}
    assert set(councils["NIN"]["predecessors"]) == {"NOR", "OST"}
    assert councils["OST"]["valid_to"] == "2023-06-30"
    activities = api.get("/api/v1/activities?council=SKA&year=2021").get_json()
    assert activities and {a["council"] for a in activities} == {"SKA"}
    assert {"id", "version", "status", "section", "schedule", "deadline", "follow_up"} <= set(
        activities[0]
    )
    assert api.get("/api/v1/activities?year=tjugo").status_code == 422
    assert api.get("/api/v1/incidents?council=XYZ&year=2020").status_code == 422
    missing_year = api.get("/api/v1/incidents?council=OST")
    assert missing_year.status_code == 422 and "year" in missing_year.get_json()["errors"]
    incidents = api.get("/api/v1/incidents?council=OST&year=2020").get_json()
    assert sum(i["count"] for i in incidents) == 9  # Östermalm's own 2020 figures


def test_patch_saves_status_and_history(app_writable: Flask, demo_db_writable: Database) -> None:
    api = Api(app_writable, "ostermalm")
    activity = _ost_activity(api)
    response = api.patch(
        f"/api/v1/activities/{activity['id']}",
        {
            "status": "done",
            "outcome": "12 medarbetare",
            "comment": "Klart",
            "version": activity["version"],
        },
    )
    assert response.status_code == 200, response.get_json()
    saved = response.get_json()
    assert saved["status"] == "done" and saved["version"] == activity["version"] + 1
    assert saved["completed_on"] is not None and saved["outcome"] == "12 medarbetare"
    history = api.get(f"/api/v1/activities/{activity['id']}/history").get_json()
    assert history[0]["user"] == "ostermalm" and history[0]["new_status"] == "done"
    assert history[0]["old_status"] == activity["status"]
    # Instants carry their zone on every database, so a client cannot misread the clock.
    for stamp in (history[0]["at"], saved["last_update_at"]):
        assert datetime.fromisoformat(stamp).utcoffset() == timedelta(0)
    # A later PATCH with the status only keeps outcome and comment, and the history says so.
    again = api.patch(
        f"/api/v1/activities/{activity['id']}", {"status": "ongoing", "version": saved["version"]}
    )
    assert again.status_code == 200 and again.get_json()["outcome"] == "12 medarbetare"
    latest = api.get(f"/api/v1/activities/{activity['id']}/history").get_json()[0]
    assert (latest["outcome"], latest["comment"]) == ("12 medarbetare", "Klart")
    with demo_db_writable.session() as session:
        assert session.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.entity_id == activity["id"])
        )


def test_stale_version_is_refused_with_what_changed(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    first, second = Api(app_writable, "ostermalm"), Api(app_writable, "admin")
    activity = _ost_activity(first)
    path = f"/api/v1/activities/{activity['id']}"
    assert (
        second.patch(
            path,
            {"status": "ongoing", "comment": "Admin var först", "version": activity["version"]},
        ).status_code
        == 200
    )
    updates_before = _count(demo_db_writable, ActivityUpdate)
    response = first.patch(path, {"status": "cancelled", "version": activity["version"]})
    assert response.status_code == 409
    body = response.get_json()
    assert "ändrats av någon annan" in body["error"]
    assert any("admin" in change and "Admin var först" in change for change in body["changes"])
    assert body["current"]["status"] == "ongoing"
    assert _count(demo_db_writable, ActivityUpdate) == updates_before


@pytest.mark.parametrize("username", ["bromma", "ks", "polis"])
def test_other_council_or_read_only_role_gets_403(
    app: Flask, demo_db: Database, username: str
) -> None:
    api = Api(app, username)
    activity = _ost_activity(api)
    response = api.patch(
        f"/api/v1/activities/{activity['id']}", {"status": "done", "version": activity["version"]}
    )
    assert response.status_code == 403
    with demo_db.session() as session:
        stored = session.get(Activity, activity["id"])
        assert stored is not None and stored.status.value == activity["status"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "klar"}, "status"),
        ({"status": "done", "completed_on": "2999-01-01"}, "completed_on"),
        ({"status": "ongoing", "completed_on": "2022-01-01"}, "completed_on"),
        ({"status": "done", "comment": "Ring 070-123 45 67"}, "comment"),
        ({"status": "done", "outcome": f"Elev {generated_numbers(1)[0]}"}, "outcome"),
    ],
)
def test_invalid_patch_gets_422_with_field_messages(
    app: Flask, body: dict[str, Any], field: str
) -> None:
    api = Api(app, "ostermalm")
    activity = _ost_activity(api)
    response = api.patch(
        f"/api/v1/activities/{activity['id']}", body | {"version": activity["version"]}
    )
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_patch_without_csrf_header_gets_400_and_unknown_id_404(app: Flask) -> None:
    api = Api(app, "ostermalm")
    activity = _ost_activity(api)
    path = f"/api/v1/activities/{activity['id']}"
    assert api.patch(path, {"status": "done", "version": 1}, csrf=False).status_code == 400
    assert (
        api.patch("/api/v1/activities/99999999", {"status": "done", "version": 1}).status_code
        == 404
    )
    assert api.get("/api/v1/activities/99999999/history").status_code == 404


INCIDENT = {
    "council": "OST",
    "date": "2023-03-14",
    "source": "traffic_office",
    "category": "graffiti",
    "milieu": "white_power",
    "count": 2,
    "description": "Nazistiskt klotter vid tunnelbanan, sanerat.",
    "sub_area": "Gärdet",
}


def test_post_incident_201(app_writable: Flask, demo_db_writable: Database) -> None:
    api = Api(app_writable, "ostermalm")
    before = _count(demo_db_writable, Incident)
    response = api.post("/api/v1/incidents", INCIDENT)
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert {k: created[k] for k in INCIDENT} == INCIDENT
    assert _count(demo_db_writable, Incident) == before + 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"description": f"Gäller {generated_numbers(1, coordination=True)[0]}"}, "description"),
        ({"description": "Mejla rektor@skola.se"}, "description"),
        ({"milieu": "nazi"}, "milieu"),
        ({"count": 0}, "count"),
        ({"date": "2023-13-01"}, "date"),
        ({"date": "2099-01-01"}, "date"),
        ({"council": "ZZZ"}, "council"),
    ],
)
def test_invalid_incident_gets_422_and_writes_nothing(
    app: Flask, demo_db: Database, change: dict[str, Any], field: str
) -> None:
    api = Api(app, "ostermalm")
    before = _count(demo_db, Incident)
    response = api.post("/api/v1/incidents", INCIDENT | change)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert _count(demo_db, Incident) == before


def test_incident_for_another_council_gets_403(app: Flask, demo_db: Database) -> None:
    before = _count(demo_db, Incident)
    assert Api(app, "bromma").post("/api/v1/incidents", INCIDENT).status_code == 403
    assert Api(app, "ks").post("/api/v1/incidents", INCIDENT).status_code == 403
    assert _count(demo_db, Incident) == before


def test_openapi_describes_every_route(app: Flask) -> None:
    document = Api(app, "ks").get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    api_rules = {
        re.sub(r"<id:\w+>", "{id}", r.rule)
        for r in app.url_map.iter_rules()
        if r.rule.startswith("/api/v1/")
        and not r.rule.endswith("openapi.json")
        and r.endpoint != "api.no_such_address"
    }
    assert api_rules <= set(document["paths"])
    milieu = document["components"]["schemas"]["Incident"]["properties"]["milieu"]["enum"]
    assert milieu == ["white_power", "autonomous", "islamist", "unclear", "not_vbe"]


def test_an_address_that_names_no_row_is_a_json_404(app: Flask) -> None:
    """An id too large for the database, zero, a word, or an address the API does not have: 404
    with a Swedish message, never a 500 or an HTML page (nothing is looked up or written)."""
    api = Api(app, "bromma")
    huge = "9" * 20
    for path in (
        f"/api/v1/incidents/{huge}",
        f"/api/v1/plans/{huge}",
        f"/api/v1/activities/{huge}",
        "/api/v1/incidents/0",
        "/api/v1/incidents/abc",
    ):
        for response in (api.get(path), api.patch(path, {"version": 1})):
            assert response.status_code == 404, path
            assert response.get_json() == {"error": NO_SUCH_ADDRESS}, path
    assert api.get(f"/api/v1/activities/{huge}/history").status_code == 404
    assert api.get("/api/v1/nothing-here").get_json() == {"error": NO_SUCH_ADDRESS}
