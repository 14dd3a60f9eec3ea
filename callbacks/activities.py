"""Mina aktiviteter callbacks: load, select, save through the service layer."""

from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html, no_update
from flask_login import current_user

from callbacks.common import Callbacks, council_choice, form_council
from dashboard.db import db_session
from dashboard.services import activities as service
from dashboard.services.errors import Conflict, ServiceError, ValidationFailed
from layouts.activities import FILTERS
from models.enums import Role
from models.queries.activities import council_activity_rows, plan_years

YEAR = FILTERS[1]
FIELDS = ("status", "outcome", "completed_on", "comment")
FIELD_IDS = {
    "status": "activity-status",
    "outcome": "activity-outcome",
    "completed_on": "activity-completed-on",
    "comment": "activity-comment",
}


def _history_items(activity_id: int) -> list[html.Li]:
    rows = service.history(db_session(), activity_id)
    if not rows:
        return [html.Li("Ingen uppföljning ännu.")]
    return [html.Li(service.describe_update(u, name)) for u, name in rows]


def _field_outputs(errors: dict[str, str]) -> list[Any]:
    invalid = [name in errors for name in FIELDS]
    messages = [errors.get(name, "") for name in FIELDS]
    return invalid + messages


def register(app: Callbacks) -> None:
    @app.callback(
        Output("activities-council", "options"),
        Output("activities-council", "value"),
        Output("activities-council", "disabled"),
        Output("activities-message", "children"),
        Input("activities-refresh", "id"),
        State("activities-council", "value"),
    )
    def fill_councils(_id: str, requested: str | None):  # type: ignore[no-untyped-def]
        options, value, disabled = council_choice(requested)
        message = None
        if current_user.role in (Role.READER, Role.POLICE):
            message = dbc.Alert("Din roll kan läsa aktiviteterna men inte ändra dem.", color="info")
        return options, value, disabled, message

    @app.callback(
        Output("activities-year", "options"),
        Output("activities-year", "value"),
        Input("activities-council", "value"),
        State("activities-year", "value"),
    )
    def fill_years(code: str | None, requested: str | None):  # type: ignore[no-untyped-def]
        council = form_council(code)
        if council is None:
            return [], None
        years = plan_years(db_session(), council.id)
        options = [{"label": str(y), "value": str(y)} for y in years]
        wanted = YEAR.parse(requested)
        if wanted is not None and int(wanted) in years:
            return options, wanted
        current = date.today().year
        return options, str(current if current in years else (years[0] if years else ""))

    @app.callback(
        Output("activities-grid", "rowData"),
        Input("activities-council", "value"),
        Input("activities-year", "value"),
        Input("activities-refresh", "data"),
    )
    def load_grid(code: str | None, value: str | None, _refresh: int):  # type: ignore[no-untyped-def]
        council, year = form_council(code), YEAR.parse(value)
        if council is None or year is None:
            return []
        return council_activity_rows(db_session(), council.id, int(year))

    @app.callback(
        Output("activity-form", "is_open"),
        Output("activity-form-description", "children"),
        Output("activity-status", "value"),
        Output("activity-outcome", "value"),
        Output("activity-completed-on", "value"),
        Output("activity-comment", "value"),
        Output("activity-form-state", "data"),
        Output("activity-history", "children"),
        Output("activity-save-result", "children"),
        Input("activities-grid", "selectedRows"),
        State("activity-form-state", "data"),
        State("activity-form", "is_open"),
    )
    def select_activity(  # type: ignore[no-untyped-def]
        rows: list[dict[str, Any]] | None, state: dict[str, Any] | None, is_open: bool
    ):
        # The grid re-emits its selection when rows reload after a save: keep the form as is.
        if not rows or (is_open and state and state.get("id") == rows[0]["id"]):
            return (no_update,) * 9
        activity = service.get_activity(db_session(), int(rows[0]["id"]))
        return (
            True,
            activity.description,
            activity.status.value,
            activity.outcome or "",
            activity.completed_on.isoformat() if activity.completed_on else "",
            activity.comment or "",
            {"id": activity.id, "version": activity.version},
            _history_items(activity.id),
            None,
        )

    @app.callback(
        Output("activity-save-result", "children", allow_duplicate=True),
        Output("activity-form-state", "data", allow_duplicate=True),
        Output("activity-history", "children", allow_duplicate=True),
        Output("activities-refresh", "data"),
        *[Output(FIELD_IDS[name], "invalid") for name in FIELDS],
        *[Output(f"{FIELD_IDS[name]}-feedback", "children") for name in FIELDS],
        Input("activity-save", "n_clicks"),
        State("activity-status", "value"),
        State("activity-outcome", "value"),
        State("activity-completed-on", "value"),
        State("activity-comment", "value"),
        State("activity-form-state", "data"),
        State("activities-refresh", "data"),
        prevent_initial_call=True,
    )
    def save(  # type: ignore[no-untyped-def]
        _clicks: int,
        status: str | None,
        outcome: str | None,
        completed_on: str | None,
        comment: str | None,
        state: dict[str, Any] | None,
        refresh: int,
    ):
        if not state:
            return (no_update,) * 12
        session = db_session()
        data = {
            "status": status,
            "outcome": outcome or None,
            "completed_on": completed_on or None,
            "comment": comment or None,
            "version": state.get("version"),
        }
        try:
            activity = service.update_activity(session, current_user, int(state["id"]), data)
            session.commit()
        except ValidationFailed as error:
            session.rollback()
            alert = dbc.Alert(error.message, color="danger")
            return alert, no_update, no_update, no_update, *_field_outputs(error.errors)
        except Conflict as error:
            session.rollback()
            # The user has now seen what changed: a second save on the current version is a
            # knowing one, so the form keeps their values and moves on to that version.
            current = service.get_activity(session, int(state["id"]))
            alert = dbc.Alert(
                [
                    html.P(error.message),
                    html.Ul([html.Li(c) for c in error.detail.changes]),
                    html.P("Dina värden står kvar i formuläret: spara igen om de ska gälla."),
                ],
                color="warning",
                id="activity-conflict",
            )
            return (
                alert,
                {"id": current.id, "version": current.version},
                _history_items(current.id),
                (refresh or 0) + 1,
                *_field_outputs({}),
            )
        except ServiceError as error:
            session.rollback()
            return (
                dbc.Alert(error.message, color="danger"),
                no_update,
                no_update,
                no_update,
                *_field_outputs({}),
            )
        alert = dbc.Alert("Sparat. Aktiviteten och historiken är uppdaterade.", color="success")
        return (
            alert,
            {"id": activity.id, "version": activity.version},
            _history_items(activity.id),
            (refresh or 0) + 1,
            *_field_outputs({}),
        )
