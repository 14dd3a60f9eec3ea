"""Forged Dash callback requests: the server refuses, whatever the browser sends."""

import json
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select

from dashboard.db import Database
from models import ActionPlan, Activity, Council
from models.enums import ActivityStatus


def call(
    client: FlaskClient,
    outputs: list[tuple[str, str]],
    inputs: list[dict[str, Any]],
    state: list[dict[str, Any]],
) -> dict[str, Any]:
    """POST one callback the way dash-renderer does."""
    # Outputs declared with allow_duplicate carry a suffix: take the key Dash itself publishes.
    wanted = {(i["id"], i["property"]) for i in inputs}
    key = next(
        d["output"]
        for d in client.get("/_dash-dependencies").get_json()
        if {(i["id"], i["property"]) for i in d["inputs"]} == wanted
    )
    body = {
        "output": key,
        "outputs": [{"id": i, "property": p} for i, p in outputs],
        "inputs": inputs,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
        "state": state,
    }
    response = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["response"]


def _audit_filter(start: str | None, end: str | None) -> list[dict[str, Any]]:
    return [
        {"id": "audit-council", "property": "value", "value": None},
        {"id": "audit-user", "property": "value", "value": None},
        {"id": "audit-from", "property": "value", "value": start},
        {"id": "audit-to", "property": "value", "value": end},
    ]


def test_coordinator_cannot_read_the_audit_log(login_as, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    client = login_as("skarpnack")
    outputs = [("audit-grid", "rowData"), ("audit-message", "children")]
    result = call(client, outputs, _audit_filter(None, None), [])
    assert result["audit-grid"]["rowData"] == []
    assert "bara för central samordnare" in json.dumps(result["audit-message"], ensure_ascii=False)


def test_the_log_says_when_a_date_filter_is_not_a_date(login_as, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    client = login_as("admin")
    outputs = [("audit-grid", "rowData"), ("audit-message", "children")]
    for start, end, why in (
        ("2026-02-30", None, "är inget datum"),
        ("2026-05-01", "2026-04-01", "ligger efter"),
    ):
        result = call(client, outputs, _audit_filter(start, end), [])
        assert result["audit-grid"]["rowData"] == []
        assert why in json.dumps(result["audit-message"], ensure_ascii=False)


def test_forged_save_for_another_council_changes_nothing(login_as, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as session:
        target = session.scalars(
            select(Activity)
            .join(ActionPlan)
            .join(Council)
            .where(Council.code == "FAR", Activity.status != ActivityStatus.DONE)
        ).first()
        assert target is not None
        before = (target.status, target.version)
    client = login_as("skarpnack")
    fields = ("activity-status", "activity-outcome", "activity-completed-on", "activity-comment")
    outputs = [
        ("activity-save-result", "children"),
        ("activity-form-state", "data"),
        ("activity-history", "children"),
        ("activities-refresh", "data"),
        *[(f, "invalid") for f in fields],
        *[(f"{f}-feedback", "children") for f in fields],
    ]
    state = [
        {"id": "activity-status", "property": "value", "value": "done"},
        {"id": "activity-outcome", "property": "value", "value": "klart"},
        {"id": "activity-completed-on", "property": "value", "value": None},
        {"id": "activity-comment", "property": "value", "value": None},
        {
            "id": "activity-form-state",
            "property": "data",
            "value": {"id": target.id, "version": before[1]},
        },
        {"id": "activities-refresh", "property": "data", "value": 0},
    ]
    inputs = [{"id": "activity-save", "property": "n_clicks", "value": 1}]
    result = call(client, outputs, inputs, state)
    assert "din egen nämnd" in json.dumps(result, ensure_ascii=False)
    with demo_db.session() as session:
        stored = session.get(Activity, target.id)
        assert stored is not None and (stored.status, stored.version) == before
