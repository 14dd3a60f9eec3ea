"""Händelser callbacks: the filters (checked once from the address, with a Swedish note for
what was ignored), a page of incidents, a correction, a withdrawal and a restore, all through the
service layer (which decides who may save; the form only mirrors it)."""

from typing import Any

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user
from sqlalchemy import select

from callbacks.common import Callbacks, Options, next_refresh, selected_row, store, store_id
from dashboard.db import db_session
from dashboard.formatting import fmt_int
from dashboard.history import entries
from dashboard.services import incidents as service
from dashboard.services.errors import Conflict, ServiceError, ValidationFailed
from dashboard.services.incidents import ALL_COUNCILS, ALL_YEARS, read_register_filters
from dashboard.services.permissions import can_write_council
from layouts.components import year_options
from layouts.forms import enum_options
from layouts.history import history_list
from layouts.incidents import ANY, FIELDS, FILTERS, field_id
from models import Incident, PoliceArea, rules
from models.base import stockholm_today
from models.enums import (
    AuditEntity,
    DatePrecision,
    IncidentCategory,
    IncidentSource,
    Milieu,
    Role,
    label,
)
from models.queries.activities import council_options
from models.queries.incidents import PAGE_SIZE, incident_page, withdrawn_page
from models.queries.revisions import revisions

HIDDEN, SHOWN = {"display": "none"}, {"display": "block"}
# The filter controls in the order of the address's names (layouts.incidents.FILTERS).
CONTROLS = [f.control_id for f in FILTERS]
NAMES = [f.name for f in FILTERS]
# The controls a page of rows answers to: the year is only a shortcut for the dates.
DATA_NAMES = [n for n in NAMES if n != "year"]
DATA_CONTROLS = [c for n, c in zip(NAMES, CONTROLS, strict=True) if n != "year"]


def _view(values: tuple[Any, ...]) -> service.RegisterView:
    """The filters from the controls' values (in DATA_NAMES order); anything forged is
    ignored as from an address."""
    return read_register_filters(db_session(), dict(zip(DATA_NAMES, values, strict=True)))


def _area_options() -> Options:
    areas = db_session().scalars(select(PoliceArea).order_by(PoliceArea.name))
    options = [{"label": "Alla", "value": ""}]
    for area in areas:
        until = f" (t.o.m. {area.valid_to})" if area.valid_to else ""
        since = f" (från {area.valid_from})" if area.valid_from and not until else ""
        options.append({"label": f"{area.name}{until}{since}", "value": str(area.id)})
    return options


def _range(page: Any, noun: str) -> str:
    if not page.total:
        return f"Inga {noun}"
    return f"{fmt_int(page.first)}–{fmt_int(page.last)} av {fmt_int(page.total)} {noun}"


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
        Output("incidents-area", "options"),
        Output("incidents-year", "options"),
        Output("incidents-source", "options"),
        Output("incidents-category", "options"),
        Output("incidents-milieu", "options"),
        *[Output(control, "value") for control in CONTROLS],
        Output("incidents-notes", "children"),
        Input("incidents-requested", "data"),
    )
    def fill_filters(requested: dict[str, Any] | None) -> tuple[Any, ...]:
        """The address's values, checked: what is ignored is said in Swedish. A coordinator
        starts on their own council (unless the address names a police area), and a view
        without dates shows this year."""
        user: Any = current_user
        raw = dict(store(requested))
        if raw.get("area") and not raw.get("council"):
            raw["council"] = ALL_COUNCILS  # a police area's link means all of its councils
        elif not raw.get("council") and user.role is Role.COORDINATOR and user.council:
            raw["council"] = user.council.code
        today = stockholm_today()
        view = read_register_filters(db_session(), raw, today, default_this_year=True)
        councils = [
            {"label": "Alla nämnder", "value": ALL_COUNCILS},
            *council_options(db_session()),
        ]
        years = [
            *year_options(rules.offered_years(today)),
            {"label": "Alla år", "value": ALL_YEARS},
            {"label": "Eget datumintervall", "value": ""},
        ]
        notes = (
            dbc.Alert(
                [
                    html.Strong("En del av adressens filter kunde inte användas. "),
                    *[html.Span(note + " ") for note in view.notes],
                ],
                color="warning",
                className="py-2",
                id="incidents-filter-note",
            )
            if view.notes
            else None
        )
        values = view.values | {"council": view.values["council"] or ALL_COUNCILS}
        return (
            councils,
            _area_options(),
            years,
            ANY + enum_options(IncidentSource),
            ANY + enum_options(IncidentCategory),
            ANY + enum_options(Milieu),
            *[values[name] for name in NAMES],
            notes,
        )

    @app.callback(
        Output("incidents-year", "value", allow_duplicate=True),
        Output("incidents-from", "value", allow_duplicate=True),
        Output("incidents-to", "value", allow_duplicate=True),
        Input("incidents-year", "value"),
        Input("incidents-from", "value"),
        Input("incidents-to", "value"),
        prevent_initial_call=True,
    )
    def sync_period(year: str | None, first: str | None, last: str | None) -> tuple[Any, ...]:
        """The year is a shortcut: choosing one fills the dates; changing a date shows which
        year (if any) the dates make up, so the address always says the same thing twice."""
        changed = {key.split(".")[0] for key in ctx.triggered_prop_ids}
        if changed == {"incidents-year"}:
            # Only the dates that differ are written: an unchanged date would reload the grid.
            if year == ALL_YEARS:
                wanted = ("", "")
            else:
                parsed = rules.parse_year(year, stockholm_today()) if year else None
                if parsed is None:
                    raise PreventUpdate
                wanted = (f"{parsed}-01-01", f"{parsed}-12-31")
            if wanted == (first or "", last or ""):
                raise PreventUpdate
            return no_update, wanted[0], wanted[1]
        view = read_register_filters(db_session(), {"from": first, "to": last})
        shown = view.values["year"]
        return (no_update if shown == (year or "") else shown), no_update, no_update

    @app.callback(
        Output("incidents-grid", "rowData"),
        Output("incidents-offset", "data"),
        Output("incidents-range", "children"),
        Output("incidents-prev", "disabled"),
        Output("incidents-next", "disabled"),
        *[Input(control, "value") for control in DATA_CONTROLS],
        Input("incidents-prev", "n_clicks"),
        Input("incidents-next", "n_clicks"),
        Input("incidents-refresh", "data"),
        State("incidents-offset", "data"),
    )
    def show_page(*args: Any) -> tuple[list[dict[str, Any]], int, str, bool, bool]:
        *values, _p, _n, _r, offset = args
        view = _view(tuple(values))
        trigger = ctx.triggered_id
        start = rules.parse_row_id(offset) or 0  # a forged offset starts at the first row
        if trigger == "incidents-prev":
            start -= PAGE_SIZE
        elif trigger == "incidents-next":
            start += PAGE_SIZE
        elif trigger != "incidents-refresh":
            start = 0
        page = incident_page(db_session(), view.filter, start, PAGE_SIZE)
        return (
            page.rows,
            page.offset,
            _range(page, "händelser"),
            page.offset == 0,
            page.last >= page.total,
        )

    @app.callback(
        Output("withdrawn-section", "style"),
        Output("withdrawn-grid", "rowData"),
        Output("withdrawn-range", "children"),
        Input("incidents-withdrawn", "value"),
        *[Input(control, "value") for control in DATA_CONTROLS],
        Input("incidents-refresh", "data"),
    )
    def show_withdrawn(shown: bool, *args: Any) -> tuple[Any, ...]:
        """The withdrawn incidents the same filters match, on request."""
        if not shown:
            return HIDDEN, [], ""
        *values, _refresh = args
        page = withdrawn_page(db_session(), _view(tuple(values)).filter, 0, PAGE_SIZE)
        shown_range = _range(page, "återkallade händelser")
        if page.total > len(page.rows):
            shown_range += "; de senast återkallade visas, smalna av filtren för att se fler."
        return SHOWN, page.rows, shown_range

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
        row = selected_row(rows)
        incident_id = rules.parse_row_id(row.get("id")) if row else None
        if incident_id is not None and incident_id == store_id(state):
            # The grid reloaded after a save and kept its selection: the form is current.
            raise PreventUpdate
        incident = db_session().get(Incident, incident_id) if incident_id else None
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
        incident_id = store_id(state)
        if incident_id is None or not isinstance(state, dict):
            return (no_update,) * (len(FIELDS) * 2 + 5)
        data = dict(zip(FIELDS, values, strict=True))
        if month_only and data.get("date"):
            data["date"] = str(data["date"])[:7]
        data["version"] = state.get("version")
        session = db_session()
        try:
            incident = service.correct_incident(session, current_user, incident_id, data)
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
            current = {"id": incident_id, "version": error.detail.current.get("version")}
            history = _history(incident_id)
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
            next_refresh(refresh),
        )

    app.clientside_callback(
        """function (n) {
            const reason = document.getElementById("correct-reason");
            if (n && reason) { reason.focus(); }
            return window.dash_clientside.no_update;
        }""",
        Output("correct-focus", "data"),
        Input("correct-not-vbe", "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(field_id("milieu"), "value", allow_duplicate=True),
        Output("correct-result", "children", allow_duplicate=True),
        Input("correct-not-vbe", "n_clicks"),
        State("correct-state", "data"),
        prevent_initial_call=True,
    )
    def not_vbe(clicks: int, state: dict[str, Any] | None) -> tuple[Any, Any]:
        """One step to "Ej VBE-koppling efter granskning": the milieu is set and the reason is
        asked for (the service refuses the change without one)."""
        if not clicks or not state:
            raise PreventUpdate
        hint = dbc.Alert(
            "Miljön är satt till Ej VBE-koppling efter granskning. Skriv i Motivering vad "
            "granskningen visade och spara rättelsen.",
            color="info",
            className="py-2",
            id="correct-not-vbe-hint",
        )
        return Milieu.NOT_VBE.value, hint

    @app.callback(
        Output("withdraw-reason", "value"),
        Output("withdraw-reason", "invalid"),
        Output("withdraw-reason-feedback", "children"),
        Output("withdraw-result", "children"),
        Output("withdraw-save", "disabled"),
        Input("correct-state", "data"),
        prevent_initial_call=True,
    )
    def reset_withdraw(state: dict[str, Any] | None) -> tuple[Any, ...]:
        """A newly opened incident starts with an empty reason; the button follows the rule."""
        incident_id = store_id(state)
        incident = db_session().get(Incident, incident_id) if incident_id else None
        allowed = incident is not None and can_write_council(current_user, incident.council_id)
        return "", False, "", None, not allowed

    @app.callback(
        Output("withdraw-reason", "invalid", allow_duplicate=True),
        Output("withdraw-reason-feedback", "children", allow_duplicate=True),
        Output("withdraw-result", "children", allow_duplicate=True),
        Output("incidents-action-result", "children"),
        Output("correct-panel", "style", allow_duplicate=True),
        Output("correct-hint", "style", allow_duplicate=True),
        Output("correct-state", "data", allow_duplicate=True),
        Output("incidents-refresh", "data", allow_duplicate=True),
        Input("withdraw-save", "n_clicks"),
        State("correct-state", "data"),
        State("withdraw-reason", "value"),
        State("incidents-refresh", "data"),
        prevent_initial_call=True,
    )
    def withdraw(
        clicks: int, state: dict[str, Any] | None, reason: str | None, refresh: int | None
    ) -> tuple[Any, ...]:
        incident_id = store_id(state)
        if not clicks or incident_id is None or not isinstance(state, dict):
            raise PreventUpdate
        session = db_session()
        data = {"version": state.get("version"), "reason": reason}
        try:
            withdrawal = service.withdraw_incident(session, current_user, incident_id, data)
            session.commit()
        except ValidationFailed as error:
            session.rollback()
            message = error.errors.get("reason", "")
            alert = dbc.Alert(
                error.message + " Ingenting ändrades.", color="danger", id="withdraw-error"
            )
            return bool(message), message, alert, *[no_update] * 5
        except ServiceError as error:
            session.rollback()
            alert = dbc.Alert(error.message, color="warning", id="withdraw-error")
            return False, "", alert, *[no_update] * 5
        done = dbc.Alert(
            [
                f"Händelsen från {service.withdrawn_date_text(withdrawal)} återkallades och räknas "
                "inte längre. Slå på Visa återkallade för att se den eller återställa den.",
            ],
            color="success",
            dismissable=True,
            id="withdraw-done",
        )
        return False, "", None, done, HIDDEN, SHOWN, None, next_refresh(refresh)

    @app.callback(
        Output("restore-panel", "style"),
        Output("restore-hint", "style"),
        Output("restore-title", "children"),
        Output("restore-detail", "children"),
        Output("restore-state", "data"),
        Output("restore-access", "children"),
        Output("restore-save", "disabled"),
        Output("restore-reason", "value"),
        Output("restore-reason", "invalid"),
        Output("restore-reason-feedback", "children"),
        Output("restore-result", "children"),
        Input("withdrawn-grid", "selectedRows"),
        prevent_initial_call=True,
    )
    def open_withdrawn(rows: list[dict[str, Any]] | None) -> tuple[Any, ...]:
        row = selected_row(rows)
        incident_id = rules.parse_row_id(row.get("id")) if row else None
        if row is None or incident_id is None:
            return HIDDEN, SHOWN, *[no_update] * 9
        user: Any = current_user
        withdrawal = service.withdrawal_of(db_session(), incident_id)
        if withdrawal is None:
            return HIDDEN, SHOWN, *[no_update] * 9
        allowed = can_write_council(user, withdrawal.council_id)
        access = (
            None
            if allowed
            else dbc.Alert(
                "Bara samordnaren för händelsens nämnd, eller en central samordnare, kan "
                "återställa den.",
                color="info",
                className="py-2",
            )
        )
        # The grid's own texts of the row; a forged row without them shows blanks.
        shown = {
            k: str(row.get(k) or "")
            for k in ("council", "date", "category", "withdrawn_at", "withdrawn_by")
        }
        title = f"Återställ händelse: {shown['council']}, {shown['date']}, {shown['category']}"
        detail = [
            f"Återkallad {shown['withdrawn_at']} av {shown['withdrawn_by']}. ",
            html.Strong("Motivering: "),
            withdrawal.reason,
        ]
        state = {"id": withdrawal.incident_id}
        return SHOWN, HIDDEN, title, detail, state, access, not allowed, "", False, "", None

    @app.callback(
        Output("restore-reason", "invalid", allow_duplicate=True),
        Output("restore-reason-feedback", "children", allow_duplicate=True),
        Output("restore-result", "children", allow_duplicate=True),
        Output("restore-panel", "style", allow_duplicate=True),
        Output("incidents-refresh", "data", allow_duplicate=True),
        Input("restore-save", "n_clicks"),
        State("restore-state", "data"),
        State("restore-reason", "value"),
        State("incidents-refresh", "data"),
        prevent_initial_call=True,
    )
    def restore(
        clicks: int, state: dict[str, Any] | None, reason: str | None, refresh: int | None
    ) -> tuple[Any, ...]:
        incident_id = store_id(state)
        if not clicks or incident_id is None:
            raise PreventUpdate
        session = db_session()
        try:
            incident = service.restore_incident(
                session, current_user, incident_id, {"reason": reason}
            )
            session.commit()
        except ValidationFailed as error:
            session.rollback()
            message = error.errors.get("reason", "")
            alert = dbc.Alert(
                error.message + " Ingenting ändrades.", color="danger", id="restore-error"
            )
            return bool(message), message, alert, no_update, no_update
        except ServiceError as error:
            session.rollback()
            return False, "", dbc.Alert(error.message, color="warning"), no_update, no_update
        done = dbc.Alert(
            f"Händelsen från {service.date_text(incident)} ({label(incident.milieu)}) "
            "återställdes och räknas igen.",
            color="success",
            id="restore-done",
        )
        return False, "", done, HIDDEN, next_refresh(refresh)
