"""Trendlarm callbacks: the list for the chosen council, police area or the whole city, and the
review form of each alert (dashboard.services.alert_reviews decides who may)."""

from typing import Any

import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State, no_update
from dash.development.base_component import Component
from flask_login import current_user
from sqlalchemy import select

from callbacks.common import Callbacks, cached
from dashboard.db import db_session
from dashboard.services import alert_reviews as service
from dashboard.services.errors import Conflict, ServiceError, ValidationFailed
from layouts.alerts import SCOPE_ID, alert_page_list, review_button_text, review_text
from models import Council, rules
from models.base import stockholm_today
from models.enums import AlertScope
from models.queries.alerts import TrendAlert, current_alerts
from models.queries.police_areas import areas_on, find_area


def scope_options() -> list[dict[str, str]]:
    """Every council in force today, then every police area."""
    session, today = db_session(), stockholm_today()
    councils = [
        c
        for c in session.scalars(select(Council).order_by(Council.kind, Council.name))
        if c.is_valid_on(today)
    ]
    return (
        [{"label": "Alla nämnder", "value": "all"}]
        + [{"label": c.name, "value": f"council-{c.code}"} for c in councils]
        + [
            {"label": f"Lokalpolisområde {a.name}", "value": f"area-{a.id}"}
            for a in areas_on(session, today)
        ]
    )


def alerts_for(value: str | None) -> tuple[list[TrendAlert], str]:
    """The alerts the select's value asks for, and how the page names that choice."""
    session, today = db_session(), stockholm_today()
    kind, _, rest = (value if isinstance(value, str) else "all").partition("-")
    area = find_area(session, rest) if kind == "area" else None
    if area is not None:
        found = cached(current_alerts, today, AlertScope.POLICE_AREA, area.id)
        return found, f"lokalpolisområde {area.name}"
    council = rules.find_council(session, rest) if kind == "council" else None
    if council is not None:
        return cached(current_alerts, today, AlertScope.COUNCIL, council.id), council.name
    return cached(current_alerts, today, None, None), "alla nämnder"


def reviewable(alerts: list[TrendAlert]) -> set[str]:
    user: Any = current_user
    return {a.key for a in alerts if service.may_review(user, a.scope, a.scope_id) is None}


def register(app: Callbacks) -> None:
    @app.callback(Output(SCOPE_ID, "options"), Input(SCOPE_ID, "id"))
    def options(_id: str) -> list[dict[str, str]]:
        return scope_options()

    @app.callback(Output("alerts-list", "children"), Input(SCOPE_ID, "value"))
    def render(value: str | None) -> Component:
        alerts, what = alerts_for(value)
        return alert_page_list(alerts, reviewable(alerts), what)

    @app.callback(
        Output({"type": "alert-review-result", "key": MATCH}, "children"),
        Output({"type": "alert-review-shown", "key": MATCH}, "children"),
        Output({"type": "alert-state", "key": MATCH}, "data"),
        Output({"type": "alert-comment", "key": MATCH}, "invalid"),
        Output({"type": "alert-comment", "key": MATCH}, "value"),
        Output({"type": "alert-review-save", "key": MATCH}, "children"),
        Input({"type": "alert-review-save", "key": MATCH}, "n_clicks"),
        State({"type": "alert-comment", "key": MATCH}, "value"),
        State({"type": "alert-state", "key": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def review(
        clicks: int | None, comment: str | None, state: dict[str, Any] | None
    ) -> tuple[Any, ...]:
        if not clicks or not isinstance(state, dict):
            return (no_update,) * 6
        session = db_session()
        try:
            saved = service.review_alert(session, current_user, {**state, "comment": comment})
            session.commit()
        except ValidationFailed as error:
            session.rollback()
            message = " ".join(error.errors.values()) + " Ingenting sparades."
            failed = dbc.Alert(message, color="danger", className="mt-2 mb-0")
            return failed, no_update, no_update, True, no_update, no_update
        except Conflict as error:
            session.rollback()
            message_box = dbc.Alert(error.message, color="warning", className="mt-2 mb-0")
            return message_box, no_update, no_update, False, no_update, no_update
        except ServiceError as error:
            session.rollback()
            message_box = dbc.Alert(error.message, color="danger", className="mt-2 mb-0")
            return message_box, no_update, no_update, False, no_update, no_update
        alert = next(
            (
                a
                for a in current_alerts(session, stockholm_today(), saved.scope, saved.scope_id)
                if (a.milieu, a.year, a.month) == (saved.milieu, saved.year, saved.month)
            ),
            None,
        )
        shown = review_text(alert) if alert is not None else no_update
        button = review_button_text(alert, True) if alert is not None else no_update
        return (
            dbc.Alert("Granskningen sparades.", color="success", className="mt-2 mb-0"),
            shown,
            {**state, "version": saved.version},
            False,
            "",
            button,
        )
