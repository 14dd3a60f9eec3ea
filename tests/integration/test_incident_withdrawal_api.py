"""Withdrawing and restoring an incident through the JSON API: the same rules as the page."""

from typing import Any

from flask import Flask
from sqlalchemy import func, select

from dashboard.db import Database
from models import AuditEntry, Council, Incident, IncidentWithdrawal
from tests.integration.test_api import Api

REASON = "Dubbelregistrerad: samma händelse kom både via IA och blanketten."


def _bromma_incident(database: Database) -> dict[str, Any]:
    with database.session() as session:
        incident = session.scalars(
            select(Incident).join(Council).where(Council.code == "BRO").order_by(Incident.id)
        ).first()
        assert incident is not None
        return {"id": incident.id, "version": incident.version, "count": incident.count}


def _counts(database: Database) -> tuple[int, int, int]:
    with database.session() as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Incident, IncidentWithdrawal, AuditEntry)
        )


def test_withdraw_then_get_is_404_then_restore(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    incident = _bromma_incident(demo_db_writable)
    path = f"/api/v1/incidents/{incident['id']}"
    api = Api(app_writable, "bromma")

    missing = api.post(f"{path}/withdraw", {"version": incident["version"]})
    assert missing.status_code == 422
    assert "reason" in missing.get_json()["errors"]
    stale = api.post(f"{path}/withdraw", {"version": incident["version"] + 5, "reason": REASON})
    assert stale.status_code == 409
    assert stale.get_json()["current"]["id"] == incident["id"]
    assert (
        api.post(f"{path}/withdraw", {"version": 1, "reason": REASON}, csrf=False).status_code
        == 400
    )
    assert api.post(f"{path}/restore", {"reason": "x"}).status_code == 422  # not withdrawn

    before = _counts(demo_db_writable)
    response = api.post(f"{path}/withdraw", {"version": incident["version"], "reason": REASON})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["id"], body["reason"], body["withdrawn_by"]) == (incident["id"], REASON, "bromma")
    assert body["incident"]["count"] == incident["count"]
    assert _counts(demo_db_writable) == (before[0] - 1, before[1] + 1, before[2] + 1)

    gone = api.get(path)
    assert gone.status_code == 404
    assert "återkallades" in gone.get_json()["error"]
    assert api.patch(path, {"version": incident["version"], "count": 3}).status_code == 404
    again = api.post(f"{path}/withdraw", {"version": incident["version"], "reason": REASON})
    assert again.status_code == 404

    restored = api.post(f"{path}/restore", {"reason": "Granskat: inte dubbel."})
    assert restored.status_code == 200, restored.get_json()
    assert restored.get_json()["id"] == incident["id"]
    assert restored.get_json()["version"] == incident["version"] + 1
    history = api.get(path).get_json()["history"]
    assert [(h["field"], h["new_value"], h["reason"]) for h in history][:2] == [
        ("withdrawn", "nej", "Granskat: inte dubbel."),
        ("withdrawn", "ja", REASON),
    ]


def test_other_councils_and_readers_are_refused_and_nothing_changes(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    incident = _bromma_incident(demo_db_writable)
    path = f"/api/v1/incidents/{incident['id']}/withdraw"
    before = _counts(demo_db_writable)
    for username in ("skarpnack", "ks", "polis"):
        response = Api(app_writable, username).post(
            path, {"version": incident["version"], "reason": REASON}
        )
        assert response.status_code == 403, username
    assert _counts(demo_db_writable) == before
    assert (
        Api(app_writable, "bromma")
        .post("/api/v1/incidents/99999999/restore", {"reason": "x"})
        .status_code
        == 404
    )
