"""URL → page, for the pages of the registry (dashboard/pages.py), and what every page shares:
the role check, the browser tab's title, the filters written back to the address, and the
chart tables.

`search` is State, not Input: a page that writes its filters back to the URL (so the address
can be shared) must not re-render itself by doing so.
"""

import functools
from collections.abc import Callable
from datetime import date
from typing import Any

import dash
from dash import MATCH, ClientsideFunction, Input, Output, State
from dash.exceptions import PreventUpdate
from flask_login import current_user

from callbacks.common import text_value
from dashboard.db import db_session
from dashboard.pages import PAGES, Page, page_for
from dashboard.url_filters import parse_query, parse_values, query_string
from layouts.chart_table import CHART, CHART_TABLE
from layouts.components import not_allowed, not_found
from models import rules
from models.enums import Role


def current_role() -> Role | None:
    return getattr(current_user, "role", None)


def council_name(code: str) -> str | None:
    """A tab title's name for the council code in a path (None for no council)."""
    council = rules.find_council(db_session(), code)
    return council.name if council else None


def render(pathname: object, search: object, today: date | None = None) -> dict[str, Any]:
    """The page for an address, or a refusal: a page the user's role may not open is never
    built, so none of its data reaches the browser. A forged path or query (a number, a list)
    is read as none."""
    found = page_for(text_value(pathname))
    if found is None:
        return {"page": not_found(), "title": "Sidan finns inte"}
    page, path_params = found
    if not page.allows(current_role()):
        return {"page": not_allowed(), "title": "Ingen behörighet"}
    params = parse_query(page.filters, search, today)
    params |= path_params
    return {"page": page.layout(params), "title": page.tab_title(params, council_name)}


class PageCallbacks:
    """What a page registers its callbacks through: each runs only for the page's roles, so a
    forged request for a page's callback is refused as the page itself is."""

    def __init__(self, app: dash.Dash, page: Page) -> None:
        self.app, self.page = app, page

    def callback(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
        register = self.app.callback(*args, **kwargs)

        def decorator(fn: Callable[..., Any]) -> Any:
            @functools.wraps(fn)
            def guarded(*a: Any, **k: Any) -> Any:
                if not self.page.allows(current_role()):
                    raise PreventUpdate
                return fn(*a, **k)

            return register(guarded)

        return decorator

    def clientside_callback(self, *args: Any, **kwargs: Any) -> None:
        self.app.clientside_callback(*args, **kwargs)


def register_filter_sync(app: PageCallbacks, page: Page) -> None:
    """The page's controls → the address, for every page with filters: one mechanism."""
    filters = page.filters

    @app.callback(
        Output("url-query", "search", allow_duplicate=True),
        [Input(f.control_id, "value") for f in filters],
        prevent_initial_call=True,
    )
    def filters_to_url(*values: object) -> str:
        return query_string(filters, parse_values(filters, values))


def register(app: dash.Dash) -> None:
    @app.callback(
        output={"page": Output("page", "children"), "title": Output("page-title", "data")},
        inputs=[Input("url", "pathname")],
        state=[State("url", "search")],
    )
    def render_page(pathname: str | None, search: str | None) -> dict[str, Any]:
        return render(pathname, search)

    app.clientside_callback(
        ClientsideFunction("lagesbild", "setTitle"),
        Output("page-title-set", "children"),
        Input("page-title", "data"),
    )
    app.clientside_callback(
        ClientsideFunction("lagesbild", "figureTable"),
        Output({"type": CHART_TABLE, "name": MATCH}, "children"),
        Input({"type": CHART, "name": MATCH}, "figure"),
    )
    for page in PAGES:
        guarded = PageCallbacks(app, page)
        if page.filters:
            register_filter_sync(guarded, page)
        if page.register is not None:
            page.register(guarded)
