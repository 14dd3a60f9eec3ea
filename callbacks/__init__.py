"""Callbacks: thin wiring between layouts and the query/service functions. Each page's module
is registered through the page registry (dashboard/pages.py) by callbacks/routing.py."""

import dash

from callbacks import routing, shell


def register_callbacks(app: dash.Dash) -> None:
    routing.register(app)
    shell.register(app)
