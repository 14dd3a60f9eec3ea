"""Logg callbacks; the log is for admins only, checked here on the server."""

from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output
from dash.development.base_component import Component

from callbacks.common import Callbacks, Options
from dashboard.db import db_session
from models.queries.activities import council_options
from models.queries.audit import audit_rows, usernames

ALL = {"label": "Alla", "value": ""}


def _date(value: str | None, field: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise ValueError(f"{field}: {value!r} är inget datum (ÅÅÅÅ-MM-DD).") from None


def register(app: Callbacks) -> None:
    @app.callback(
        Output("audit-council", "options"),
        Output("audit-user", "options"),
        Input("audit-grid", "id"),
    )
    def fill_filters(_id: str) -> tuple[Options, Options]:
        session = db_session()
        users = [{"label": name, "value": name} for name in usernames(session)]
        return [ALL, *council_options(session)], [ALL, *users]

    @app.callback(
        Output("audit-grid", "rowData"),
        Output("audit-message", "children"),
        Input("audit-council", "value"),
        Input("audit-user", "value"),
        Input("audit-from", "value"),
        Input("audit-to", "value"),
    )
    def load(
        council: str | None, user: str | None, start: str | None, end: str | None
    ) -> tuple[list[dict[str, Any]], Component | None]:
        try:
            first, last = _date(start, "Från och med"), _date(end, "Till och med")
        except ValueError as error:
            return [], dbc.Alert(str(error), color="danger")
        if first and last and first > last:
            return [], dbc.Alert("Från och med ligger efter till och med.", color="danger")
        rows = audit_rows(db_session(), council or None, user or None, first, last)
        return rows, None
