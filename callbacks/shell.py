"""The page frame's own wiring: the navbar's "Meny" button on narrow screens."""

import dash
from dash import ClientsideFunction, Input, Output, State


def register(app: dash.Dash) -> None:
    app.clientside_callback(
        ClientsideFunction("lagesbild", "toggleMenu"),
        Output("menu", "is_open"),
        Output("menu-toggle", "aria-expanded"),
        Input("menu-toggle", "n_clicks"),
        Input("url", "pathname"),
        State("menu", "is_open"),
        prevent_initial_call=True,
    )
