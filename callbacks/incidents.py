"""Händelser callbacks: the council and year, a page of incidents, and a correction through the
service layer (which decides who may save; the form only mirrors it)."""

from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user

from callbacks.common import Callbacks, Options
from dashboard.db import db_session
from dashboard.formatting import fmt_int
from dashboard.history import entries
from dashboard.services import incidents as service
from dashboard.services.errors import Conflict, ServiceError, ValidationFailed
from dashboard.services.permissions import can_write_council
from layouts.components import year_options
from layouts.history import history_list
from layouts.incidents import FIELDS, FILTERS, field_id
from models import Incident, rules
from models.enums import AuditEntity, DatePrecision, Role, label
from models.queries.activities import council_options
from models.queries.incidents import PAGE_SIZE, incident_page
from models.queries.revisions import revisions

COUNCIL, YEAR = FILTERS
# The council select's value for every council (a code no council has; it stays in the address).
ALL = "ALLA"
HIDDEN, SHOWN = {"display": "none"}, {"display": "block"}


def _history(incident_id: int) -> html.Ul:
    rows = revisions(db_session(), AuditEntity.INCIDENT, incident_id)
    return history_list(entries(rows), "Inga rättelser ännu.", "correct-history-list")


def _access(incident: Incident) -> tuple[bool, Any]:
    """Whether the user may save this incident, and what the form says when not."""
    user: Any = current_user
    if can_write_council(user, incident.council_id):
        return True, None
    if user.role in (Role.READER, Role.POLICE):
        why = f"Din roll ({label(user.role)}) kan läsa händelserna men inte rätta dem."
    else:
        why = (
            f"Händelsen hör till {incident.council.name}. Du kan bara rätta händelser i din egen "
            "nämnd."
        )
    return False, dbc.Alert(why, color="info", className="py-2")


def _form_values(incident: Incident) -> list[Any]:
    return [
        incident.occurred_on.isoformat(),
        incident.source.value,
        incident.category.value,
        incident.milieu.value,
        str(incident.severity) if incident.severity else "",
        incident.count,
        incident.sub_area or "",
        incident.description,
        "",
    ]


def _no_field_errors() -> list[Any]:
    return [False] * len(FIELDS) + [""] * len(FIELDS)


def register(app: Callbacks) -> None:
    app.clientside_callback(
        ClientsideFunction("lagesbild", "revealCorrection"),
        Output("correct-panel", "title"),
        Input("correct-title", "children"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("incidents-council", "options"),
        Output("incidents-council", "value"),
        Output("incidents-year", "options"),
        Output("incidents-year", "value"),
        Input("incidents-offset", "id"),
        State("incidents-council", "value"),
        State("incidents-year", "value"),
    )
    def fill_filters(
        _id: str, requested: str | None, year: str | None
    ) -> tuple[Options, str, Options, str | None]:
        """Every council may be chosen; a coordinator starts on their own."""
        user: Any = current_user
        options = [{"label": "Alla nämnder", "value": ALL}, *council_options(db_session())]
        values = [o["value"] for o in options]
        if requested in values:
            council = str(requested)
        elif user.role is Role.COORDINATOR and user.council is not None:
            council = user.council.code
        else:
            council = ALL
        years = rules.offered_years(date.today())
        return options, council, year_options(reversed(years)), YEAR.parse(year)

    @app.callback(
        Output("incidents-grid", "rowData"),
        Output("incidents-offset", "data"),
        Output("incidents-range", "children"),
        Output("incidents-prev", "disabled"),
        Output("incidents-next", "disabled"),
        Input("incidents-council", "value"),
        Input("incidents-year", "value"),
        Input("incidents-prev", "n_clicks"),
        Input("incidents-next", "n_clicks"),
        Input("incidents-refresh", "data"),
        State("incidents-offset", "data"),
    )
    def show_page(
        code: str | None, year_value: str | None, _p: int, _n: int, _r: int, offset: int | None
    ) -> tuple[list[dict[str, Any]], int, str, bool, bool]:
        year = YEAR.parse(year_value)
        council = None if code == ALL else rules.find_council(db_session(), code)
        if year is None or (code != ALL and council is None):
            return [], 0, "Välj nämnd och år.", True, True
        trigger = ctx.triggered_id
        start = offset or 0
        if trigger == "incidents-prev":
            start -= PAGE_SIZE
        elif trigger == "incidents-next":
            start += PAGE_SIZE
        elif trigger != "incidents-refresh":
            start = 0
        page = incident_page(
            db_session(), int(year), council.id if council else None, start, PAGE_SIZE
        )
        shown = (
            f"{fmt_int(page.first)}–{fmt_int(page.last)} av {fmt_int(page.total)} händelser"
            if page.total
            else "Inga händelser"
        )
        return (
            page.rows,
            page.offset,
            shown,
            page.offset == 0,
            page.last >= page.total,
        )

    @app.callback(
        Output("correct-panel", "style"),
        Output("correct-hint", "style"),
        Output("correct-title", "children"),
        Output("correct-state", "data"),
        Output("correct-access", "children"),
        Output("correct-save", "disabled"),
        Output("correct-month-only", "value"),
        *[Output(field_id(name), "value") for name in FIELDS],
        *[Output(field_id(name), "invalid") for name in FIELDS],
        *[Output(f"{field_id(name)}-feedback", "children") for name in FIELDS],
        Output("correct-result", "children"),
        Output("correct-history", "children"),
        Input("incidents-grid", "selectedRows"),
        State("correct-state", "data"),
        prevent_initial_call=True,
    )
    def open_incident(
        rows: list[dict[str, Any]] | None, state: dict[str, Any] | None
    ) -> tuple[Any, ...]:
        if rows and state and rows[0].get("id") == state.get("id"):
            # The grid reloaded after a save and kept its selection: the form is current.
            raise PreventUpdate
        incident = db_session().get(Incident, int(rows[0]["id"])) if rows else None
        if incident is None:
            blank = [no_update] * (len(FIELDS) * 3 + 7)
            return (HIDDEN, SHOWN, *blank)
        may_save, access = _access(incident)
        title = [
            f"Rätta händelse: {incident.council.name}, ",
            html.Span(incident.occurred_on.isoformat(), className="text-nowrap"),
            f", {label(incident.category)}",
        ]
        return (
            SHOWN,
            HIDDEN,
            title,
            {"id": incident.id, "version": incident.version},
            access,
            not may_save,
            incident.date_precision is DatePrecision.MONTH,
            *_form_values(incident),
            *_no_field_errors(),
            None,
            _history(incident.id),
        )

    @app.callback(
        Output("correct-result", "children", allow_duplicate=True),
        *[Output(field_id(name), "invalid", allow_duplicate=True) for name in FIELDS],
        *[
            Output(f"{field_id(name)}-feedback", "children", allow_duplicate=True)
            for name in FIELDS
        ],
        Output("correct-state", "data", allow_duplicate=True),
        Output("correct-history", "children", allow_duplicate=True),
        Output("correct-reason", "value", allow_duplicate=True),
        Output("incidents-refresh", "data"),
        Input("correct-save", "n_clicks"),
        State("correct-state", "data"),
        State("correct-month-only", "value"),
        *[State(field_id(name), "value") for name in FIELDS],
        State("incidents-refresh", "data"),
        prevent_initial_call=True,
    )
    def save(
        _clicks: int, state: dict[str, Any] | None, month_only: bool, *rest: Any
    ) -> tuple[Any, ...]:
        *values, refresh = rest
        if not state or not state.get("id"):
            return (no_update,) * (len(FIELDS) * 2 + 5)
        data = dict(zip(FIELDS, values, strict=True))
        if month_only and data.get("date"):
            data["date"] = str(data["date"])[:7]
        data["version"] = state.get("version")
        session = db_session()
        try:
            incident = service.correct_incident(session, current_user, int(state["id"]), data)
            session.commit()
        except ValidationFailed as error:
            session.rollback()
            alert = dbc.Alert(
                error.message + " Ingenting sparades.", color="danger", id="correct-error"
            )
            return (
                alert,
                *[name in error.errors for name in FIELDS],
                *[error.errors.get(name, "") for name in FIELDS],
                no_update,
                no_update,
                no_update,
                no_update,
            )
        except Conflict as error:
            # Someone else saved first: show what they changed; the form keeps the user's values,
            # and saving again now applies them knowingly to the current version.
            session.rollback()
            alert = dbc.Alert(error.message, color="warning", id="correct-error")
            current = {"id": state["id"], "version": error.detail.current.get("version")}
            history = _history(int(state["id"]))
            return (alert, *_no_field_errors(), current, history, no_update, no_update)
        except ServiceError as error:
            session.rollback()
            alert = dbc.Alert(error.message, color="danger", id="correct-error")
            return (alert, *_no_field_errors(), *[no_update] * 4)
        if incident.version == data["version"]:
            alert = dbc.Alert("Inget ändrades, så ingenting sparades.", color="info")
        else:
            alert = dbc.Alert(
                f"Rättelsen sparades: {label(incident.milieu)}, {label(incident.category)}, "
                f"antal {fmt_int(incident.count)}.",
                color="success",
                id="correct-saved",
            )
        return (
            alert,
            *_no_field_errors(),
            {"id": incident.id, "version": incident.version},
            _history(incident.id),
            "",
            (refresh or 0) + 1,
        )
