"""Ny händelse callbacks: the council list and saving through the service layer."""

from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output, State, no_update
from flask_login import current_user

from callbacks.common import Callbacks, Options, council_choice
from dashboard.db import db_session
from dashboard.formatting import fmt_int
from dashboard.services import incidents as service
from dashboard.services.errors import ServiceError, ValidationFailed
from layouts.incident_form import FIELDS, field_id
from models.enums import label

INPUT_FIELDS = tuple(f for f in FIELDS if f != "council")


def register(app: Callbacks) -> None:
    @app.callback(
        Output(field_id("council"), "options"),
        Output(field_id("council"), "value"),
        Output(field_id("council"), "disabled"),
        Input("incident-result", "id"),
    )
    def fill_councils(_id: str) -> tuple[Options, str | None, bool]:
        return council_choice()

    @app.callback(
        Output("incident-result", "children"),
        *[Output(field_id(name), "invalid") for name in FIELDS],
        *[Output(f"{field_id(name)}-feedback", "children") for name in FIELDS],
        Output(field_id("description"), "value"),
        Output(field_id("sub_area"), "value"),
        Input("incident-save", "n_clicks"),
        State(field_id("council"), "value"),
        State("incident-month-only", "value"),
        *[State(field_id(name), "value") for name in INPUT_FIELDS],
        prevent_initial_call=True,
    )
    def save(
        _clicks: int, council: str | None, month_only: bool, *values: Any
    ) -> tuple[object, ...]:
        data = dict(zip(INPUT_FIELDS, values, strict=True))
        if month_only and data.get("date"):
            data["date"] = str(data["date"])[:7]
        data["council"] = council
        session = db_session()
        try:
            incident = service.create_incident(session, current_user, data)
            session.commit()
        except ValidationFailed as error:
            session.rollback()
            invalid = [name in error.errors for name in FIELDS]
            messages = [error.errors.get(name, "") for name in FIELDS]
            alert = dbc.Alert(
                error.message + " Ingenting sparades.", color="danger", id="incident-error"
            )
            return alert, *invalid, *messages, no_update, no_update
        except ServiceError as error:
            session.rollback()
            alert = dbc.Alert(error.message, color="danger", id="incident-error")
            return alert, *([False] * len(FIELDS)), *([""] * len(FIELDS)), no_update, no_update
        alert = dbc.Alert(
            f"Händelsen sparades: {incident.council.name}, {incident.occurred_on.isoformat()}, "
            f"{label(incident.category)}, {label(incident.milieu)}, "
            f"antal {fmt_int(incident.count)}.",
            color="success",
            id="incident-saved",
        )
        return alert, *([False] * len(FIELDS)), *([""] * len(FIELDS)), "", ""
