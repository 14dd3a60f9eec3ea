"""Handlingsplan callbacks; every write goes through dashboard.services.plans."""

import hashlib
from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, NoUpdate, Output, State, ctx, no_update
from dash.development.base_component import Component
from flask_login import current_user

from callbacks.common import (
    Callbacks,
    Options,
    council_choice,
    form_council,
    next_refresh,
    selected_row,
    store,
    store_id,
    text_value,
)
from dashboard.db import db_session
from dashboard.history import entries
from dashboard.services import plans as service
from dashboard.services.errors import NotFound, ServiceError, ValidationFailed
from dashboard.services.permissions import can_write_council
from layouts.history import history_list
from layouts.plan_editor import DECISIONS, FILTERS, SAVE_BUTTONS, TEXTS, read_only_prop
from models import ActionPlan, Activity, rules
from models.base import stockholm_today
from models.enums import AuditEntity, PlanStatus, Schedule, label
from models.queries.activities import plan_years
from models.queries.council_page import plan_of
from models.queries.revisions import revisions

YEAR = FILTERS[1]
# Decision-date fields by the service's field name.
DATE_FIELDS = {"council_approved_on": DECISIONS[0][0], "ks_approved_on": DECISIONS[1][0]}
# The approval step each decision belongs to: (its date field, its button, the status it needs).
STEPS = (
    (DECISIONS[0][0], DECISIONS[0][2], PlanStatus.DRAFT),
    (DECISIONS[1][0], DECISIONS[1][2], PlanStatus.COUNCIL_APPROVED),
)
WRITE_CONTROLS = (*SAVE_BUTTONS, *DATE_FIELDS.values())
ACTIVITY_FIELDS = (
    "section",
    "description",
    "responsible",
    "schedule",
    "deadline",
    "follow_up",
    "target",
)


def _field_id(name: str) -> str:
    return f"plan-activity-{name.replace('_', '-')}"


def _plan(council_code: str | None, value: str | None) -> tuple[Any, ActionPlan | None]:
    council, year = form_council(council_code), YEAR.parse(value)
    if council is None or year is None:
        return council, None
    return council, plan_of(db_session(), council.id, int(year))


def _status_text(plan: ActionPlan) -> str:
    parts = [f"{label(plan.status)}."]
    if plan.dnr:
        parts.insert(0, f"Dnr {plan.dnr}.")
    if plan.council_approved_on:
        parts.append(f"Nämndens beslut {plan.council_approved_on.isoformat()}.")
    if plan.ks_approved_on:
        parts.append(f"KS:s beslut {plan.ks_approved_on.isoformat()}.")
    return " ".join(parts)


def _rows(plan: ActionPlan) -> list[dict[str, Any]]:
    return [
        {
            "id": a.id,
            "section": label(a.section),
            "description": a.description,
            "responsible": a.responsible,
            "deadline": a.deadline.isoformat() if a.deadline else "Löpande",
            "schedule_text": a.schedule_text,
            "follow_up": label(a.follow_up),
            "follow_up_text": a.follow_up_text,
            "target": a.target or "",
        }
        for a in plan.activities
    ]


def _history(plan_id: int) -> Component:
    rows = revisions(db_session(), AuditEntity.ACTION_PLAN, plan_id)
    empty = "Texterna har inte ändrats i Lägesbild."
    return history_list(entries(rows), empty, "plan-history-list")


def _decision_values(plan: ActionPlan | None) -> list[str]:
    """The decision-date fields: the recorded decisions, else today (Stockholm)."""
    today = stockholm_today().isoformat()
    if plan is None:
        return [today, today]
    return [
        plan.council_approved_on.isoformat() if plan.council_approved_on else today,
        plan.ks_approved_on.isoformat() if plan.ks_approved_on else today,
    ]


def _read_only(writable: bool, plan: ActionPlan | None) -> list[bool]:
    """The disabled flag of each of WRITE_CONTROLS: all for a user who may not write the council;
    an approval step also once the plan is past it (or not yet at it)."""
    disabled = dict.fromkeys(WRITE_CONTROLS, not writable)
    for field, button, needs in STEPS:
        if plan is None or plan.status is not needs:
            disabled[field] = disabled[button] = True
    return [disabled[control] for control in WRITE_CONTROLS]


def _fail(error: ServiceError) -> dbc.Alert:
    db_session().rollback()
    return dbc.Alert(error.message, color="warning" if error.status == 409 else "danger")


def _texts_hash(texts: list[str | None]) -> str:
    return hashlib.sha256("\x1f".join(t or "" for t in texts).encode()).hexdigest()


def _plan_state(
    plan: ActionPlan, shown: dict[str, Any], typed: list[str | None]
) -> tuple[dict[str, Any], list[Any]]:
    """The plan's state for the page and the text fields' new values.

    A save elsewhere on the page (status, an activity) reloads the plan; the texts being typed
    must survive it. They stay, and the page moves on to the plan's new version, unless someone
    else has changed the stored texts meanwhile: then the page keeps the version it had, so saving
    the typed texts is refused as a conflict instead of overwriting theirs."""
    stored = [getattr(plan, name) for name, _ in TEXTS]
    fresh = {"id": plan.id, "version": plan.version, "texts": _texts_hash(stored)}
    if ctx.triggered_id != "plan-refresh" or not shown or store_id(shown) != plan.id:
        return fresh, stored
    if _texts_hash(typed) == fresh["texts"] or shown.get("texts") == fresh["texts"]:
        return fresh, [no_update] * len(TEXTS)
    return shown, [no_update] * len(TEXTS)


def register(app: Callbacks) -> None:
    app.clientside_callback(
        """(council, year) => '/export/handlingsplan.docx?' +
            new URLSearchParams({council: council || '', year: year || ''}).toString()""",
        Output("plan-export-docx", "href"),
        Input("plan-council", "value"),
        Input("plan-year", "value"),
    )

    @app.callback(
        Output("plan-council", "options"),
        Output("plan-council", "value"),
        Output("plan-council", "disabled"),
        Input("plan-state", "id"),
        State("plan-council", "value"),
    )
    def fill_councils(_id: str, requested: str | None) -> tuple[Options, str | None, bool]:
        return council_choice(requested)

    @app.callback(Output("plan-history", "children"), Input("plan-state", "data"))
    def show_history(state: dict[str, Any] | None) -> Component | None:
        """The plan's Historik, renewed whenever the page moves to another plan or version."""
        plan_id = store_id(state)
        return None if plan_id is None else _history(plan_id)

    @app.callback(
        Output("plan-year", "options"),
        Output("plan-year", "value"),
        Input("plan-council", "value"),
        State("plan-year", "value"),
    )
    def fill_years(code: str | None, requested: str | None) -> tuple[Options, str | None]:
        council = form_council(code)
        if council is None:
            return [], None
        this_year = stockholm_today().year
        years = sorted(
            set(plan_years(db_session(), council.id)) | {this_year, this_year + 1}, reverse=True
        )
        options = [{"label": str(y), "value": str(y)} for y in years]
        value = requested if requested in [o["value"] for o in options] else str(this_year)
        return options, value

    @app.callback(
        output={
            "state": Output("plan-state", "data"),
            "existing": Output("plan-existing", "style"),
            "create": Output("plan-create-card", "style"),
            "status": Output("plan-status-text", "children"),
            "texts": [Output(f"plan-{name}", "value") for name, _ in TEXTS],
            "rows": Output("plan-activities-grid", "rowData"),
            "create_title": Output("plan-create-title", "children"),
            "carry_options": Output("plan-carry-over", "options"),
            "carry": Output("plan-carry-over", "value"),
            "decisions": [Output(field, "value") for field in DATE_FIELDS.values()],
            # Readers and police see every plan but no enabled save (the services refuse anyway).
            "read_only": [Output(control, "disabled") for control in WRITE_CONTROLS],
            "texts_read_only": [Output(f"plan-{name}", read_only_prop(name)) for name, _ in TEXTS],
        },
        inputs=[
            Input("plan-council", "value"),
            Input("plan-year", "value"),
            Input("plan-refresh", "data"),
        ],
        state=[State("plan-state", "data"), *[State(f"plan-{name}", "value") for name, _ in TEXTS]],
    )
    def load(
        code: str | None,
        year: str | None,
        _refresh: int,
        shown: dict[str, Any] | None,
        *typed: str | None,
    ) -> dict[str, Any]:
        council, plan = _plan(code, year)
        hidden, visible = {"display": "none"}, {"display": "block"}
        writable = council is not None and can_write_council(current_user, council.id)
        controls = {
            "decisions": _decision_values(plan),
            "read_only": _read_only(writable, plan),
            "texts_read_only": [not writable] * len(TEXTS),
        }
        if plan is not None:
            state, texts = _plan_state(plan, store(shown), [text_value(t) for t in typed])
            return {
                "state": state,
                "existing": visible,
                "create": hidden,
                "status": _status_text(plan),
                "texts": texts,
                "rows": _rows(plan),
                "create_title": no_update,
                "carry_options": [],
                "carry": [],
            } | controls
        nothing = {
            "state": None,
            "existing": hidden,
            "create": hidden,
            "status": "",
            "texts": [""] * len(TEXTS),
            "rows": [],
            "create_title": "",
            "carry_options": [],
            "carry": [],
        } | controls
        plan_year = YEAR.parse(year)
        if council is None or plan_year is None:
            return nothing
        candidates = service.carry_over_candidates(db_session(), council.id, int(plan_year))
        options = [
            {
                "label": f"{a.plan.council.name} {a.plan.year} – "
                f"{label(a.section)}: {a.description}",
                "value": a.id,
            }
            for a in candidates
        ]
        return nothing | {
            "create": visible,
            "create_title": f"Skapa handlingsplan {plan_year} för {council.name}",
            "carry_options": options,
            "carry": [a.id for a in candidates],
        }

    @app.callback(
        Output("plan-message", "children"),
        Output("plan-refresh", "data"),
        *[Output(field, "invalid") for field in DATE_FIELDS.values()],
        *[Output(f"{field}-feedback", "children") for field in DATE_FIELDS.values()],
        Input("plan-approve-council", "n_clicks"),
        Input("plan-approve-ks", "n_clicks"),
        Input("plan-save-texts", "n_clicks"),
        Input("plan-create", "n_clicks"),
        State("plan-state", "data"),
        *[State(f"plan-{name}", "value") for name, _ in TEXTS],
        State("plan-council", "value"),
        State("plan-year", "value"),
        State("plan-carry-over", "value"),
        State("plan-refresh", "data"),
        *[State(field, "value") for field in DATE_FIELDS.values()],
        prevent_initial_call=True,
    )
    def act(
        _a: int,
        _b: int,
        _c: int,
        _d: int,
        state: dict[str, Any] | None,
        dnr: str,
        lagesbild: str,
        sources: str,
        analysis: str,
        code: str,
        year: str,
        carry: list[int],
        refresh: int,
        council_decided: str | None,
        ks_decided: str | None,
    ) -> tuple[Component | NoUpdate | bool | str, ...]:
        session = db_session()
        trigger = ctx.triggered_id
        valid: tuple[bool | str, ...] = (False, False, "", "")
        plan_id, version = store_id(state), store(state).get("version")
        # The activities to carry over are ids of the select's options; a forged one is none.
        carried = [rules.parse_row_id(a) for a in (carry if isinstance(carry, list) else [])]
        try:
            if trigger == "plan-create":
                plan_year = YEAR.parse(year)
                if plan_year is None:
                    raise ServiceError("Välj planår.")
                plan = service.create_next_plan(
                    session,
                    current_user,
                    code,
                    int(plan_year),
                    [a for a in carried if a is not None],
                )
                count = len(plan.activities)
                message = (
                    f"Handlingsplanen för {plan.year} skapades som utkast ({count} aktiviteter)."
                )
            elif plan_id is None:
                return no_update, no_update, *valid
            elif trigger == "plan-save-texts":
                data = {
                    "dnr": dnr,
                    "lagesbild": lagesbild,
                    "sources": sources,
                    "analysis": analysis,
                    "version": version,
                }
                service.update_texts(session, current_user, plan_id, data)
                message = "Texterna sparades."
            else:
                status = (
                    PlanStatus.KS_APPROVED
                    if trigger == "plan-approve-ks"
                    else PlanStatus.COUNCIL_APPROVED
                )
                decided = ks_decided if status is PlanStatus.KS_APPROVED else council_decided
                plan = service.set_status(
                    session, current_user, plan_id, status, version, None, decided
                )
                message = f"Planens status är nu: {label(plan.status)}."
            session.commit()
        except ValidationFailed as error:
            fields = [error.errors.get(name, "") for name in DATE_FIELDS]
            return _fail(error), no_update, *[bool(f) for f in fields], *fields
        except ServiceError as error:
            return _fail(error), no_update, *valid
        saved = dbc.Alert(message, color="success", id="plan-saved")
        return saved, next_refresh(refresh), *valid

    @app.callback(
        Output("plan-activity-modal", "is_open"),
        Output("plan-activity-state", "data"),
        *[Output(_field_id(name), "value") for name in ACTIVITY_FIELDS],
        Output("plan-activity-result", "children"),
        Input("plan-activity-new", "n_clicks"),
        Input("plan-activities-grid", "selectedRows"),
        prevent_initial_call=True,
    )
    def open_activity(_new: int, rows: list[dict[str, Any]] | None) -> tuple[object, ...]:
        if ctx.triggered_id == "plan-activity-new":
            return (
                True,
                {"id": None},
                "preventive",
                "",
                "",
                Schedule.DEADLINE.value,
                "",
                "vb",
                "",
                None,
            )
        row = selected_row(rows)
        activity_id = rules.parse_row_id(row.get("id")) if row else None
        unchanged = (no_update,) * (len(ACTIVITY_FIELDS) + 3)  # modal, state, fields, message
        if activity_id is None:
            return unchanged
        activity = db_session().get(Activity, activity_id)
        if activity is None:
            return unchanged
        return (
            True,
            {"id": activity.id, "version": activity.version},
            activity.section.value,
            activity.description,
            activity.responsible,
            activity.schedule.value,
            activity.deadline.isoformat() if activity.deadline else "",
            activity.follow_up.value,
            activity.target or "",
            None,
        )

    @app.callback(
        Output("plan-activity-result", "children", allow_duplicate=True),
        Output("plan-activity-modal", "is_open", allow_duplicate=True),
        Output("plan-refresh", "data", allow_duplicate=True),
        *[Output(_field_id(name), "invalid") for name in ACTIVITY_FIELDS if name != "schedule"],
        *[Output(f"{_field_id(name)}-feedback", "children") for name in ACTIVITY_FIELDS],
        Input("plan-activity-save", "n_clicks"),
        State("plan-state", "data"),
        State("plan-activity-state", "data"),
        *[State(_field_id(name), "value") for name in ACTIVITY_FIELDS],
        State("plan-refresh", "data"),
        prevent_initial_call=True,
    )
    def save_activity(
        _clicks: int, plan_state: dict[str, Any] | None, state: dict[str, Any] | None, *rest: Any
    ) -> tuple[object, ...]:
        *values, refresh = rest
        invalid_names = [n for n in ACTIVITY_FIELDS if n != "schedule"]
        plan_id = store_id(plan_state)
        if plan_id is None or not isinstance(state, dict):
            return (
                no_update,
                no_update,
                no_update,
                *([no_update] * (len(invalid_names) + len(ACTIVITY_FIELDS))),
            )
        # No id: a new activity. An id no row can have (a forged "abc", 10**20) is not found,
        # never a new activity nor a query the database refuses.
        activity_id = rules.parse_row_id(state.get("id"))
        data = dict(zip(ACTIVITY_FIELDS, values, strict=True)) | {
            "id": activity_id,
            "version": state.get("version"),
        }
        session = db_session()
        try:
            if state.get("id") is not None and activity_id is None:
                raise NotFound("Aktiviteten finns inte i den här planen.")
            service.save_activity_definition(session, current_user, plan_id, data)
            session.commit()
        except ValidationFailed as error:
            session.rollback()
            return (
                dbc.Alert(error.message, color="danger"),
                True,
                no_update,
                *[n in error.errors for n in invalid_names],
                *[error.errors.get(n, "") for n in ACTIVITY_FIELDS],
            )
        except ServiceError as error:
            return (
                _fail(error),
                True,
                no_update,
                *([False] * len(invalid_names)),
                *([""] * len(ACTIVITY_FIELDS)),
            )
        return (
            None,
            False,
            next_refresh(refresh),
            *([False] * len(invalid_names)),
            *([""] * len(ACTIVITY_FIELDS)),
        )
