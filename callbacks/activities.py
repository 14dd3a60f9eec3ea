"""Mina aktiviteter callbacks: load, select, save through the service layer."""

from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from flask_login import current_user

from callbacks.common import (
    Callbacks,
    Options,
    council_choice,
    form_council,
    next_refresh,
    rows_of,
    selected_row,
    store,
    store_id,
)
from dashboard.db import db_session
from dashboard.history import entry
from dashboard.services import activities as service
from dashboard.services.errors import Conflict, NotFound, ServiceError, ValidationFailed
from dashboard.services.permissions import follow_up_refusal
from layouts.activities import FILTERS
from layouts.history import history_item
from models import rules
from models.base import as_utc, stockholm_today
from models.enums import AuditEntity, Role
from models.queries.activities import activity_row, council_activity_rows, plan_years
from models.queries.revisions import revisions

YEAR, ACTIVITY = FILTERS[1], FILTERS[2]
FIELDS = ("status", "outcome", "completed_on", "comment")
FIELD_IDS = {
    "status": "activity-status",
    "outcome": "activity-outcome",
    "completed_on": "activity-completed-on",
    "comment": "activity-comment",
}


def _history_items(activity_id: int) -> list[html.Li]:
    """Follow-ups and changes to the activity's definition, newest first."""
    rows = service.history(db_session(), activity_id)
    changes = revisions(db_session(), AuditEntity.ACTIVITY, activity_id)
    if not rows and not changes:
        return [html.Li("Ingen uppföljning ännu.")]
    items = [(as_utc(u.at), html.Li(service.describe_update(u, name))) for u, name in rows]
    items += [(as_utc(r.at), history_item(entry(r))) for r in changes]
    return [item for _, item in sorted(items, key=lambda pair: pair[0], reverse=True)]


def _field_outputs(errors: dict[str, str]) -> dict[str, list[Any]]:
    """Each form field marked invalid, with its message, or cleared."""
    return {
        "invalid": [name in errors for name in FIELDS],
        "feedback": [errors.get(name, "") for name in FIELDS],
    }


def register(app: Callbacks) -> None:
    @app.callback(
        Output("activities-council", "options"),
        Output("activities-council", "value"),
        Output("activities-council", "disabled"),
        Output("activities-message", "children"),
        Input("activities-refresh", "id"),
        State("activities-council", "value"),
    )
    def fill_councils(
        _id: str, requested: str | None
    ) -> tuple[Options, str | None, bool, Component | None]:
        options, value, disabled = council_choice(requested, inherited=True)
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
    def fill_years(code: str | None, requested: str | None) -> tuple[Options, str | None]:
        council = form_council(code, inherited=True)
        if council is None:
            return [], None
        years = plan_years(db_session(), council.id)
        options = [{"label": str(y), "value": str(y)} for y in years]
        wanted = YEAR.parse(requested)
        if wanted is not None and int(wanted) in years:
            return options, wanted
        current = stockholm_today().year
        return options, str(current if current in years else (years[0] if years else ""))

    @app.callback(
        Output("activities-grid", "rowData"),
        Input("activities-council", "value"),
        Input("activities-year", "value"),
        Input("activities-refresh", "data"),
    )
    def load_grid(code: str | None, value: str | None, _refresh: int) -> list[dict[str, Any]]:
        council, year = form_council(code, inherited=True), YEAR.parse(value)
        if council is None or year is None:
            return []
        return council_activity_rows(db_session(), council.id, int(year))

    @app.callback(
        Output("activities-grid", "selectedRows"),
        Input("activities-grid", "rowData"),
        State("activities-activity", "value"),
        State("activity-form-state", "data"),
    )
    def select_from_address(
        rows: list[dict[str, Any]] | None, wanted: str | None, opened: dict[str, Any] | None
    ) -> list[dict[str, Any]]:
        """The activity the address names (`?activity=ID`, Att göra's links) opens by itself
        once its plan's rows are in the grid: on arrival only, not when rows reload after a
        save or once the user has opened an activity here."""
        activity_id = ACTIVITY.parse(wanted)
        row = next((r for r in rows_of(rows) if str(r.get("id")) == activity_id), None)
        if row is None or opened:
            raise PreventUpdate
        return [row]

    @app.callback(
        Output("activities-activity", "value", allow_duplicate=True),
        Input("activity-form", "is_open"),
        prevent_initial_call=True,
    )
    def forget_closed(is_open: bool) -> str:
        """A closed form: the address no longer names the activity."""
        if is_open:
            raise PreventUpdate
        return ""

    select_outputs = {
        "open": Output("activity-form", "is_open"),
        "description": Output("activity-form-description", "children"),
        "status": Output("activity-status", "value"),
        "outcome": Output("activity-outcome", "value"),
        "completed_on": Output("activity-completed-on", "value"),
        "comment": Output("activity-comment", "value"),
        "state": Output("activity-form-state", "data"),
        "history": Output("activity-history", "children"),
        "message": Output("activity-save-result", "children"),
        "save_disabled": Output("activity-save", "disabled"),
        "address": Output("activities-activity", "value"),
        "selected": Output("activities-grid", "selectedRows", allow_duplicate=True),
    }

    @app.callback(
        output=select_outputs,
        inputs=[Input("activities-grid", "selectedRows")],
        state=[State("activity-form-state", "data"), State("activity-form", "is_open")],
        prevent_initial_call=True,
    )
    def select_activity(
        rows: list[dict[str, Any]] | None, state: dict[str, Any] | None, is_open: bool
    ) -> dict[str, Any]:
        row = selected_row(rows)
        activity_id = rules.parse_row_id(row.get("id")) if row else None
        # The grid re-emits its selection when rows reload after a save: keep the form as is.
        if activity_id is None or (is_open is True and store_id(state) == activity_id):
            raise PreventUpdate
        session = db_session()
        try:
            activity = service.get_activity(session, activity_id)
        except NotFound as error:  # a forged or since removed row: say so, open nothing
            unchanged: dict[str, Any] = dict.fromkeys(select_outputs, no_update)
            return unchanged | {"message": dbc.Alert(error.message, color="danger")}
        # The service refuses such a save anyway; the form says so before anyone types.
        refusal = follow_up_refusal(session, current_user, activity, stockholm_today())
        return {
            "open": True,
            "description": activity.description,
            "status": activity.status.value,
            "outcome": activity.outcome or "",
            "completed_on": activity.completed_on.isoformat() if activity.completed_on else "",
            "comment": activity.comment or "",
            "state": {"id": activity.id, "version": activity.version},
            "history": _history_items(activity.id),
            "message": dbc.Alert(refusal, color="info") if refusal else None,
            "save_disabled": refusal is not None,
            "address": str(activity.id),
            # A selection only opens the form: cleared, the grid has nothing to announce again
            # when a saved row changes (which could reopen a form just closed), and the same
            # row opens again with a click.
            "selected": [],
        }

    @app.callback(
        output={
            "message": Output("activity-save-result", "children", allow_duplicate=True),
            "state": Output("activity-form-state", "data", allow_duplicate=True),
            "history": Output("activity-history", "children", allow_duplicate=True),
            "refresh": Output("activities-refresh", "data"),
            "row": Output("activities-grid", "rowTransaction"),
            "completed_on": Output("activity-completed-on", "value", allow_duplicate=True),
            "invalid": [Output(FIELD_IDS[name], "invalid") for name in FIELDS],
            "feedback": [Output(f"{FIELD_IDS[name]}-feedback", "children") for name in FIELDS],
        },
        inputs=[Input("activity-save", "n_clicks")],
        state=[
            State("activity-status", "value"),
            State("activity-outcome", "value"),
            State("activity-completed-on", "value"),
            State("activity-comment", "value"),
            State("activity-form-state", "data"),
            State("activities-refresh", "data"),
        ],
        prevent_initial_call=True,
    )
    def save(
        _clicks: int,
        status: str | None,
        outcome: str | None,
        completed_on: str | None,
        comment: str | None,
        state: dict[str, Any] | None,
        refresh: int,
    ) -> dict[str, Any]:
        activity_id = store_id(state)
        if activity_id is None:
            raise PreventUpdate
        session = db_session()
        data = {
            "status": status,
            "outcome": outcome or None,
            "completed_on": completed_on or None,
            "comment": comment or None,
            "version": store(state).get("version"),
        }
        try:
            activity = service.update_activity(session, current_user, activity_id, data)
            session.commit()
        except ValidationFailed as error:
            session.rollback()
            return {
                "message": dbc.Alert(error.message, color="danger"),
                "state": no_update,
                "history": no_update,
                "refresh": no_update,
                "row": no_update,
                "completed_on": no_update,
                **_field_outputs(error.errors),
            }
        except Conflict as error:
            session.rollback()
            # The user has now seen what changed: a second save on the current version is a
            # knowing one, so the form keeps their values and moves on to that version.
            current = service.get_activity(session, activity_id)
            alert = dbc.Alert(
                [
                    html.P(error.message),
                    html.Ul([html.Li(c) for c in error.detail.changes]),
                    html.P("Dina värden står kvar i formuläret: spara igen om de ska gälla."),
                ],
                color="warning",
                id="activity-conflict",
            )
            return {
                "message": alert,
                "state": {"id": current.id, "version": current.version},
                "history": _history_items(current.id),
                "refresh": next_refresh(refresh),
                "row": no_update,
                "completed_on": no_update,
                **_field_outputs({}),
            }
        except ServiceError as error:
            session.rollback()
            return {
                "message": dbc.Alert(error.message, color="danger"),
                "state": no_update,
                "history": no_update,
                "refresh": no_update,
                "row": no_update,
                "completed_on": no_update,
                **_field_outputs({}),
            }
        return {
            "message": dbc.Alert(
                "Sparat. Aktiviteten och historiken är uppdaterade.", color="success"
            ),
            "state": {"id": activity.id, "version": activity.version},
            "history": _history_items(activity.id),
            # The saved row changes in place; the grid keeps its other rows and its scroll.
            "refresh": no_update,
            "row": {"update": [activity_row(activity)]},
            # The day the service recorded (today, when none was given) shows at once.
            "completed_on": activity.completed_on.isoformat() if activity.completed_on else "",
            **_field_outputs({}),
        }
