"""Forged Dash callback requests: the server refuses, whatever the browser sends."""

import json
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dashboard.db import Database
from dashboard.pages import PAGES
from models import ActionPlan, Activity, Council
from models.enums import ActivityStatus
from tests.accounts import ACCOUNTS
from tests.conftest import login
from tests.dash_calls import call, post_callback


def _audit_filter(start: str | None, end: str | None) -> list[dict[str, Any]]:
    return [
        {"id": "audit-council", "property": "value", "value": None},
        {"id": "audit-user", "property": "value", "value": None},
        {"id": "audit-from", "property": "value", "value": start},
        {"id": "audit-to", "property": "value", "value": end},
    ]


def test_no_role_but_admin_can_read_the_audit_log(app: Flask) -> None:
    """The log page's callbacks answer only the roles the page registry names (admin): a forged
    request from any other role gets nothing back."""
    outputs = [("audit-grid", "rowData"), ("audit-message", "children")]

    def logged_in(username: str) -> FlaskClient:
        client = app.test_client()
        login(client, username)
        return client

    for username in ("skarpnack", "ks", "polis"):
        response = post_callback(logged_in(username), outputs, _audit_filter(None, None), [])
        assert response.status_code == 204, username
        assert response.get_data() == b"", username
    result = call(logged_in("admin"), outputs, _audit_filter(None, None), [])
    assert result["audit-message"]["children"] is None, "admin is answered, with no refusal"


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
        ("activities-grid", "rowTransaction"),
        ("activity-completed-on", "value"),
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


# Who may not open what: the write pages are for coordinators and admin, the log for admin,
# Att göra for coordinators (it lists one council's own work).
WRITE_PAGES = {"ny-handelse", "enkatresultat", "import"}
REFUSED = {
    "admin": {"att-gora"},
    "norrainnerstaden": {"logg"},
    "ks": {"att-gora", "logg", *WRITE_PAGES},
    "polis": {"att-gora", "logg", *WRITE_PAGES},
}


def test_every_page_is_rendered_only_for_its_roles(app: Flask) -> None:
    """The router itself refuses: a page outside the user's roles is never built, whatever
    address the browser asks for (the browser test checks the same page by page)."""
    clients = {}
    for username in ACCOUNTS.values():
        clients[username] = app.test_client()
        login(clients[username], username)
    for page in PAGES:
        path = page.path.replace("<code>", "SKA")
        for username in ACCOUNTS.values():
            result = call(
                clients[username],
                None,
                [{"id": "url", "property": "pathname", "value": path}],
                [{"id": "url", "property": "search", "value": ""}],
            )
            rendered = json.dumps(result["page"]["children"], ensure_ascii=False)
            refused = "Du har inte behörighet till den här sidan" in rendered
            assert refused is (page.key in REFUSED[username]), (page.key, username)
            if refused:
                assert result["page-title"]["data"] == "Ingen behörighet"
                assert len(rendered) < 2_000, "a refusal carries none of the page"
