"""Handlingsplan callbacks; every write goes through dashboard.services.plans."""

import hashlib
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, NoUpdate, Output, State, ctx, no_update
from dash.development.base_component import Component
from flask_login import current_user

from callbacks.common import Callbacks, Options, council_choice, form_council
from dashboard.db import db_session
from dashboard.services import plans as service
from dashboard.services.errors import ServiceError, ValidationFailed
from layouts.plan_editor import FILTERS, TEXTS
from models import ActionPlan, Activity
from models.enums import PlanStatus, Schedule, label
from models.queries.activities import plan_years
from models.queries.council_page import plan_of

YEAR = FILTERS[1]
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
        parts.append(f"Nämndbehandlad {plan.council_approved_on.isoformat()}.")
    if plan.ks_approved_on:
        parts.append(f"Godkänd av KS {plan.ks_approved_on.isoformat()}.")
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


def _fail(error: ServiceError) -> dbc.Alert:
    db_session().rollback()
    return dbc.Alert(error.message, color="warning" if error.status == 409 else "danger")


def _texts_hash(texts: list[str | None]) -> str:
    return hashlib.sha256("\x1f".join(t or "" for t in texts).encode()).hexdigest()


def _plan_state(
    plan: ActionPlan, shown: dict[str, Any] | None, typed: list[str | None]
) -> tuple[dict[str, Any], list[Any]]:
    """The plan's state for the page and the text fields' new values.

    A save elsewhere on the page (status, an activity) reloads the plan; the texts being typed
    must survive it. They stay, and the page moves on to the plan's new version, unless someone
    else has changed the stored texts meanwhile: then the page keeps the version it had, so saving
    the typed texts is refused as a conflict instead of overwriting theirs."""
    stored = [getattr(plan, name) for name, _ in TEXTS]
    fresh = {"id": plan.id, "version": plan.version, "texts": _texts_hash(stored)}
    if ctx.triggered_id != "plan-refresh" or not shown or shown.get("id") != plan.id:
        return fresh, stored
    if _texts_hash(typed) == fresh["texts"] or shown.get("texts") == fresh["texts"]:
        return fresh, [no_update] * len(TEXTS)
    return shown, [no_update] * len(TEXTS)


def register(app: Callbacks) -> None:
    @app.callback(
        Output("plan-council", "options"),
        Output("plan-council", "value"),
        Output("plan-council", "disabled"),
        Input("plan-state", "id"),
        State("plan-council", "value"),
    )
    def fill_councils(_id: str, requested: str | None) -> tuple[Options, str | None, bool]:
        return council_choice(requested)

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
        this_year = date.today().year
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
        if plan is not None:
            state, texts = _plan_state(plan, shown, list(typed))
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
            }
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
        }
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
        prevent_initial_call=True,
    )
    def act(
        _a: int,
        _b: int,
        _c: int,
        _d: int,
        state: dict[str, Any] | None,
        lagesbild: str,
        sources: str,
        analysis: str,
        code: str,
        year: str,
        carry: list[int],
        refresh: int,
    ) -> tuple[Component | NoUpdate, int | NoUpdate]:
        session = db_session()
        trigger = ctx.triggered_id
        try:
            if trigger == "plan-create":
                plan_year = YEAR.parse(year)
                if plan_year is None:
                    raise ServiceError("Välj planår.")
                plan = service.create_next_plan(
                    session, current_user, code, int(plan_year), list(carry or [])
                )
                count = len(plan.activities)
                message = (
                    f"Handlingsplanen för {plan.year} skapades som utkast ({count} aktiviteter)."
                )
            elif not state:
                return no_update, no_update
            elif trigger == "plan-save-texts":
                data = {
                    "lagesbild": lagesbild,
                    "sources": sources,
                    "analysis": analysis,
                    "version": state["version"],
                }
                service.update_texts(session, current_user, state["id"], data)
                message = "Texterna sparades."
            else:
                status = (
                    PlanStatus.KS_APPROVED
                    if trigger == "plan-approve-ks"
                    else PlanStatus.COUNCIL_APPROVED
                )
                plan = service.set_status(
                    session, current_user, state["id"], status, state["version"]
                )
                message = f"Planens status är nu: {label(plan.status)}."
            session.commit()
        except ServiceError as error:
            return _fail(error), no_update
        return dbc.Alert(message, color="success", id="plan-saved"), (refresh or 0) + 1

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
        if not rows:
            return (no_update,) * 11
        activity = db_session().get(Activity, int(rows[0]["id"]))
        if activity is None:
            return (no_update,) * 11
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
        if not plan_state or state is None:
            return (
                no_update,
                no_update,
                no_update,
                *([no_update] * (len(invalid_names) + len(ACTIVITY_FIELDS))),
            )
        data = dict(zip(ACTIVITY_FIELDS, values, strict=True)) | {
            "id": state.get("id"),
            "version": state.get("version"),
        }
        session = db_session()
        try:
            service.save_activity_definition(session, current_user, plan_state["id"], data)
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
            (refresh or 0) + 1,
            *([False] * len(invalid_names)),
            *([""] * len(ACTIVITY_FIELDS)),
        )
