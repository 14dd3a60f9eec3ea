"""Byt lösenord: the logged-in user changes their own password (every role). The form names no
user: the server changes the password of whoever is logged in (callbacks/account.py)."""

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user

from dashboard import passwords
from layouts.components import aria
from layouts.forms import labelled, required_legend

# The hidden CSRF inputs of the navbar's logout forms (layouts/shell.py): a password change
# renews the session and its token and sends the new one there (callbacks/account.py), so
# logging out still works afterwards without a reload.
LOGOUT_CSRF, LOGOUT_EVERYWHERE_CSRF = "logout-csrf", "logout-everywhere-csrf"
CSRF_INPUTS = (LOGOUT_CSRF, LOGOUT_EVERYWHERE_CSRF)

# Field → (label, autocomplete); the ids are f"account-{field}".
FIELDS = {
    "current": ("Nuvarande lösenord", "current-password"),
    "new": ("Nytt lösenord", "new-password"),
    "repeat": ("Upprepa det nya lösenordet", "new-password"),
}
NEW_HELP = (
    f"Minst {passwords.MIN_LENGTH} och högst {passwords.MAX_LENGTH} tecken. Välj gärna några "
    "ord som inte hör ihop; siffror och specialtecken behövs inte, men lösenordet får inte "
    "innehålla ditt användarnamn eller vara lätt att gissa."
)


def field_id(field: str) -> str:
    return f"account-{field}"


def _password_input(field: str) -> dbc.Input:
    autocomplete = FIELDS[field][1]
    return dbc.Input(
        id=field_id(field),
        type="password",
        autoComplete=autocomplete,
        value="",
        n_submit=0,
    )


def layout(_params: dict[str, Any]) -> html.Div:
    username = getattr(current_user, "username", "")
    return html.Div(
        [
            html.H1("Byt lösenord", className="h3"),
            html.P(
                "När du har bytt lösenord loggas du ut på alla andra datorer och mobiler där "
                "du är inloggad. Här är du fortfarande inloggad.",
                className="text-body-secondary",
            ),
            dbc.Row(
                dbc.Col(
                    [
                        required_legend(),
                        # For password managers: which account the new password belongs to.
                        dcc.Input(
                            type="text",
                            name="username",
                            value=username,
                            autoComplete="username",
                            readOnly=True,
                            style={"display": "none"},
                        ),
                        *[
                            labelled(
                                text,
                                _password_input(field),
                                field_id(field),
                                help_text=NEW_HELP if field == "new" else "",
                                required=True,
                            )
                            for field, (text, _autocomplete) in FIELDS.items()
                        ],
                        dbc.Button("Spara", id="account-save", color="primary", n_clicks=0),
                        html.Div(
                            id="account-status",
                            className="mt-3",
                            role="status",
                            **aria("live", "polite"),
                        ),
                    ],
                    md=8,
                    lg=5,
                )
            ),
        ]
    )
