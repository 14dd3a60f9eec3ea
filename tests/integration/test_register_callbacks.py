"""The register's callbacks as a forged request may call them: values no control can hold are
ignored (never a 500), and a forged withdrawal of another council's incident changes nothing."""

import json
from typing import Any

from sqlalchemy import func, select

from callbacks.incidents import DATA_CONTROLS
from dashboard.db import Database
from dashboard.formatting import fmt_int
from models import Council, Incident, IncidentWithdrawal
from tests.dash_calls import call

PAGE_OUTPUTS = None  # every output the page callback declares


def _page_inputs(values: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        *[{"id": c, "property": "value", "value": values.get(c)} for c in DATA_CONTROLS],
        {"id": "incidents-prev", "property": "n_clicks", "value": 0},
        {"id": "incidents-next", "property": "n_clicks", "value": 0},
        {"id": "incidents-refresh", "property": "data", "value": 0},
    ]


def test_forged_filter_values_are_ignored(login_as, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    client = login_as("ks")
    state = [{"id": "incidents-offset", "property": "data", "value": 0}]
    with demo_db.session() as session:
        total = session.scalar(select(func.count()).select_from(Incident))
    forged = {
        "incidents-council": {"$ne": 1},
        "incidents-area": ["1"],
        "incidents-from": "2025-02-30",
        "incidents-to": 20251231,
        "incidents-source": "' OR 1=1 --",
        "incidents-milieu": None,
        "incidents-sub-area": "x" * 5000,
    }
    result = call(client, PAGE_OUTPUTS, _page_inputs(forged), state)
    # Nothing was filtered: the first 100 of every incident.
    assert result["incidents-range"]["children"] == f"1–100 av {fmt_int(total or 0)} händelser"
    assert len(result["incidents-grid"]["rowData"]) == 100
    narrowed = call(
        client,
        PAGE_OUTPUTS,
        _page_inputs({"incidents-council": "BRO", "incidents-sub-area": "%"}),
        state,
    )
    assert narrowed["incidents-grid"]["rowData"] == []  # no Bromma sub-area holds a "%"


def test_a_forged_withdrawal_of_another_councils_incident_changes_nothing(
    login_as, demo_db: Database
) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as session:
        target = session.scalars(
            select(Incident).join(Council).where(Council.code == "FAR").order_by(Incident.id)
        ).first()
        assert target is not None
        target_id, version = target.id, target.version
    client = login_as("skarpnack")
    outputs = [
        ("withdraw-reason", "invalid"),
        ("withdraw-reason-feedback", "children"),
        ("withdraw-result", "children"),
        ("incidents-action-result", "children"),
        ("correct-panel", "style"),
        ("correct-hint", "style"),
        ("correct-state", "data"),
        ("incidents-refresh", "data"),
    ]
    state = [
        {"id": "correct-state", "property": "data", "value": {"id": target_id, "version": version}},
        {"id": "withdraw-reason", "property": "value", "value": "Dubbel."},
        {"id": "incidents-refresh", "property": "data", "value": 0},
    ]
    inputs = [{"id": "withdraw-save", "property": "n_clicks", "value": 1}]
    result = call(client, outputs, inputs, state)
    assert "din egen nämnd" in json.dumps(result, ensure_ascii=False)
    with demo_db.session() as session:
        assert session.get(Incident, target_id) is not None
        assert session.scalar(select(func.count()).select_from(IncidentWithdrawal)) == 0
