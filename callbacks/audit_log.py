"""Logg callbacks; the log is for admins only, checked here on the server."""

from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output
from dash.development.base_component import Component

from callbacks.common import Callbacks, Options, text_value
from dashboard.db import db_session
from dashboard.services.validation import FIRST_DAY, LAST_DAY, parse_iso_day
from models.queries.activities import council_options
from models.queries.audit import audit_rows, usernames
from models.rules import normalise_code

ALL = {"label": "Alla", "value": ""}
MAX_USERNAME_LENGTH = 64


def _username(value: object) -> str | None:
    """The chosen user's name; none (every user) for an empty or forged value."""
    name = text_value(value)
    return name if name and len(name) <= MAX_USERNAME_LENGTH else None


def _date(value: object, field: str) -> date | None:
    """A filter's day, None when empty; anything else than a day of the app's one range
    (validation.FIRST_DAY..LAST_DAY) is refused in Swedish (a date input sends ÅÅÅÅ-MM-DD, a
    forged request anything)."""
    if value is None or value == "":
        return None
    day = parse_iso_day(value)
    if day is None:
        raise ValueError(
            f"{field}: värdet är inget datum ÅÅÅÅ-MM-DD mellan {FIRST_DAY.isoformat()} "
            f"och {LAST_DAY.isoformat()}."
        )
    return day


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
        rows = audit_rows(db_session(), normalise_code(council), _username(user), first, last)
        return rows, None
