"""Byt lösenord callbacks: the check and the change are the service's
(dashboard/services/accounts.py); here the logged-in user's other sessions end and this one is
renewed after the commit. The callback takes no user id: it changes the password of whoever
is logged in."""

from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output, State, no_update
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from callbacks.common import Callbacks
from dashboard import sessions
from dashboard.auth import account_attempts
from dashboard.db import db_session
from dashboard.services.accounts import change_password
from dashboard.services.errors import ServiceError, ValidationFailed
from layouts.account import CSRF_INPUTS, FIELDS, field_id

SAVED = (
    "Lösenordet är bytt. Du är utloggad på alla andra datorer och mobiler; här är du "
    "fortfarande inloggad."
)


def register(app: Callbacks) -> None:
    @app.callback(
        output={
            "status": Output("account-status", "children"),
            # The fields are emptied after every try: no password stays in the page.
            "values": [Output(field_id(f), "value") for f in FIELDS],
            "invalid": [Output(field_id(f), "invalid") for f in FIELDS],
            "feedback": [Output(f"{field_id(f)}-feedback", "children") for f in FIELDS],
            # The renewed session's CSRF token, for the page's logout forms (layouts/shell.py).
            "tokens": [Output(i, "value") for i in CSRF_INPUTS],
        },
        inputs=[
            Input("account-save", "n_clicks"),
            *[Input(field_id(f), "n_submit") for f in FIELDS],  # Enter in any field saves
        ],
        state=[State(field_id(f), "value") for f in FIELDS],
        prevent_initial_call=True,
    )
    def save(
        _clicks: object,
        _submit_current: object,
        _submit_new: object,
        _submit_repeat: object,
        current: object,
        new: object,
        repeat: object,
    ) -> dict[str, Any]:
        session = db_session()
        user: Any = current_user
        errors: dict[str, str] = {}
        tokens: list[Any] = [no_update for _ in CSRF_INPUTS]
        try:
            change_password(session, user, current, new, repeat, account_attempts())
            session.commit()
        except ValidationFailed as error:
            session.rollback()
            errors = error.errors
            status = dbc.Alert(
                f"Lösenordet är inte bytt. {' '.join(errors.values())}", color="danger"
            )
        except ServiceError as error:
            session.rollback()
            status = dbc.Alert(error.message, color="danger")
        else:
            # Everyone else who was logged in as this user is out; this browser keeps going
            # under a new session id (and CSRF token), so an id seen before is worth nothing.
            sessions.end_all(user.id)
            sessions.rotate()
            tokens = [generate_csrf() for _ in CSRF_INPUTS]
            status = dbc.Alert(SAVED, color="success", id="account-saved")
        return {
            "status": status,
            "values": ["" for _ in FIELDS],
            "invalid": [f in errors for f in FIELDS],
            "feedback": [errors.get(f, "") for f in FIELDS],
            "tokens": tokens,
        }
