"""Att göra callbacks, and the summary a coordinator sees on Översikt after logging in."""

from datetime import date

from dash import Input, Output
from dash.development.base_component import Component
from flask_login import current_user

from callbacks.common import Callbacks
from dashboard.db import db_session
from layouts.todo import activity_list, summary
from models import Activity
from models.base import in_stockholm, stockholm_today
from models.queries.todo import todo_for_council


def _link(activity: Activity) -> str:
    """Mina aktiviteter with this activity's form open."""
    plan = activity.plan
    return f"/aktiviteter?council={plan.council.code}&year={plan.year}&activity={activity.id}"


def _deadline(activity: Activity, today: date) -> str:
    assert activity.deadline is not None
    days = (today - activity.deadline).days
    # The plan's own wording beside the computed date, e.g. "Senast 31 dec 2023".
    wording = f" (planens tidplan: {activity.schedule_text})" if activity.schedule_text else ""
    if days > 0:
        unit = "dag" if days == 1 else "dagar"
        deadline = activity.deadline.isoformat()
        return f"slutdatum {deadline}, {days} {unit} sedan ({activity.plan.year}){wording}"
    return f"slutdatum {activity.deadline.isoformat()}{wording}"


def register(app: Callbacks) -> None:
    @app.callback(
        Output("todo-period", "children"),
        Output("todo-content", "children"),
        Input("todo-content", "id"),
    )
    def render_todo(_id: str) -> tuple[str, list[Component]]:
        today = stockholm_today()
        todo = todo_for_council(db_session(), current_user.council_id, today)
        period = todo.period
        intro = (
            f"{current_user.council.name}, {period.name} {period.year} "
            f"({period.start.isoformat()} – {period.end.isoformat()}). "
            + (
                f"Förfallna aktiviteter i {todo.years_text}."
                if todo.years
                else "Nämnden har inga handlingsplaner."
            )
        )
        return intro, [
            activity_list(
                f"Förfallna i {todo.years_text}" if todo.years else "Förfallna",
                [(a.description, _deadline(a, today), _link(a)) for a in todo.overdue],
                "Inga förfallna aktiviteter.",
                "todo-overdue",
            ),
            activity_list(
                f"Slutdatum under {period.name}",
                [(a.description, _deadline(a, today), _link(a)) for a in todo.due],
                "Inga fler slutdatum denna period.",
                "todo-due",
            ),
            activity_list(
                f"Löpande aktiviteter utan uppdatering sedan {period.since.isoformat()}",
                [
                    (
                        a.description,
                        "senast uppdaterad "
                        + (
                            in_stockholm(a.last_update_at).date().isoformat()
                            if a.last_update_at
                            else "aldrig"
                        ),
                        _link(a),
                    )
                    for a in todo.stale
                ],
                f"Alla löpande aktiviteter är uppdaterade sedan {period.since.isoformat()}.",
                "todo-stale",
            ),
        ]

    @app.callback(Output("todo-summary", "children"), Input("url", "pathname"))
    def render_summary(pathname: str | None) -> Component | None:
        if pathname not in ("/", ""):
            return None
        todo = todo_for_council(db_session(), current_user.council_id, stockholm_today())
        alert: Component = summary(
            current_user.council.name,
            len(todo.overdue),
            todo.years_text,
            len(todo.due),
            len(todo.stale),
            todo.period.name,
            todo.period.since.isoformat(),
        )
        return alert
