"""URL → page, for the pages of the registry (dashboard/pages.py), and what every page shares:
the role check, the browser tab's title, the filters written back to the address, the chart
tables, and pages that arrive complete.

A page arrives complete: callbacks registered with `prefill=True` are run by the router for the
page's first values and their outputs written into the layout it sends, in registration order
(so one may feed the next). The browser then draws the page from one answer instead of waiting
for a chain of round trips; afterwards the same callbacks answer the user's changes as usual.

`search` is State, not Input: a page that writes its filters back to the URL (so the address
can be shared) must not re-render itself by doing so.
"""

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import dash
from dash import MATCH, ClientsideFunction, Input, NoUpdate, Output, State, dcc, html, no_update
from dash._grouping import flatten_grouping, map_grouping
from dash._utils import stringify_id
from dash.dependencies import handle_grouped_callback_args
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from flask import current_app
from flask_login import current_user

from callbacks.common import text_value
from dashboard.db import db_session
from dashboard.pages import PAGES, Page, page_for
from dashboard.url_filters import parse_query, parse_values, query_string
from layouts.chart_table import CHART, CHART_TABLE
from layouts.components import not_allowed, not_found
from models import rules
from models.enums import Role

log = logging.getLogger(__name__)


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
        return {"page": not_found(), "title": "Sidan finns inte", "query": no_update}
    page, path_params = found
    if not page.allows(current_role()):
        return {"page": not_allowed(), "title": "Ingen behörighet", "query": no_update}
    params = parse_query(page.filters, search, today)
    params |= path_params
    content = prefilled(page, page.layout(params))
    query: str | NoUpdate = no_update
    if page.filters:
        # The address says what the page shows, also where its first values differ from what
        # the address asked for (a dissolved council opens on its last year).
        controls = _by_id(content)
        shown = [getattr(controls.get(f.control_id), "value", None) for f in page.filters]
        wanted = query_string(page.filters, parse_values(page.filters, shown))
        query = no_update if wanted == text_value(search) else wanted
        content = html.Div([content, dcc.Store(id=FILTER_QUERY)])
    return {"page": content, "title": page.tab_title(params, council_name), "query": query}


@dataclass(frozen=True)
class Prefill:
    """A callback the router runs for a page's first values (see the module's docstring)."""

    fn: Callable[..., Any]
    outputs: Any  # Dash's grouping of Output objects, as the callback returns its values
    arguments: list[Input | State]  # its inputs, then its states, flat
    indices: Any  # the grouping of the function's arguments, as indices into `arguments`


def prefills(page_key: str) -> list[Prefill]:
    registry: dict[str, list[Prefill]] = current_app.extensions.setdefault("lagesbild_prefill", {})
    return registry.setdefault(page_key, [])


def _by_id(layout: Component) -> dict[str, Component]:
    own_id = getattr(layout, "id", None)
    found = {stringify_id(own_id): layout} if own_id is not None else {}
    for component in layout._traverse():
        component_id = getattr(component, "id", None)
        if component_id is not None:
            found[stringify_id(component_id)] = component
    return found


def prefilled(page: Page, layout: Component) -> Component:
    """`layout` with the outputs of the page's prefill callbacks written into it."""
    components = _by_id(layout)
    for prefill in prefills(page.key):
        values = [
            getattr(components.get(stringify_id(a.component_id)), a.component_property, None)
            for a in prefill.arguments
        ]
        args = map_grouping(values.__getitem__, prefill.indices)
        try:
            if isinstance(args, dict):
                result = prefill.fn(**args)
            elif isinstance(args, list | tuple):
                result = prefill.fn(*args)
            else:  # one argument, as Dash passes it
                result = prefill.fn(args)
        except PreventUpdate:
            continue
        flat = flatten_grouping(result, prefill.outputs)
        for output, value in zip(flatten_grouping(prefill.outputs), flat, strict=True):
            target = components.get(stringify_id(output.component_id))
            if target is None:  # the page would stay empty there: say so
                log.warning("Prefill of %s: %s is not in the layout", page.key, output)
            elif not isinstance(value, NoUpdate):
                setattr(target, output.component_property, value)
    return layout


class PageCallbacks:
    """What a page registers its callbacks through: each runs only for the page's roles, so a
    forged request for a page's callback is refused as the page itself is."""

    def __init__(self, app: dash.Dash, page: Page) -> None:
        self.app, self.page = app, page

    def callback(
        self, *args: Any, prefill: bool = False, **kwargs: Any
    ) -> Callable[[Callable[..., Any]], Any]:
        """`prefill`: the router runs it for the page's first values (module docstring), so
        the browser need not; its outputs must be in the page's layout."""
        if prefill:
            kwargs["prevent_initial_call"] = True
        register = self.app.callback(*args, **kwargs)

        def decorator(fn: Callable[..., Any]) -> Any:
            @functools.wraps(fn)
            def guarded(*a: Any, **k: Any) -> Any:
                if not self.page.allows(current_role()):
                    raise PreventUpdate
                return fn(*a, **k)

            if prefill:
                outputs, inputs, state, indices, _ = handle_grouped_callback_args(args, kwargs)
                with self.app.server.app_context():
                    prefills(self.page.key).append(
                        Prefill(guarded, outputs, [*inputs, *state], indices)
                    )
            return register(guarded)

        return decorator

    def clientside_callback(self, *args: Any, **kwargs: Any) -> None:
        self.app.clientside_callback(*args, **kwargs)


# A page with filters carries this store: its controls' query, written by the page's
# filters_to_url and copied into the address in the browser (lagesbild.queryToAddress). The
# store comes with the page, so filters_to_url is not fired, and waited for, on every load as a
# callback writing to the address (outside the page) would be.
FILTER_QUERY = "filter-query"


def register_filter_sync(app: PageCallbacks, page: Page) -> None:
    """The page's controls → its FILTER_QUERY store → the address (queryToAddress, in the
    browser), for every page with filters: one mechanism."""
    filters = page.filters

    @app.callback(
        Output(FILTER_QUERY, "data", allow_duplicate=True),
        [Input(f.control_id, "value") for f in filters],
        prevent_initial_call=True,
    )
    def filters_to_url(*values: object) -> str:
        return query_string(filters, parse_values(filters, values))


def register(app: dash.Dash) -> None:
    @app.callback(
        output={
            "page": Output("page", "children"),
            "title": Output("page-title", "data"),
            "query": Output("url-query", "search", allow_duplicate=True),
        },
        inputs=[Input("url", "pathname")],
        state=[State("url", "search")],
        prevent_initial_call="initial_duplicate",  # the page is rendered on load, of course
    )
    def render_page(pathname: str | None, search: str | None) -> dict[str, Any]:
        return render(pathname, search)

    app.clientside_callback(
        ClientsideFunction("lagesbild", "setTitle"),
        Output("page-title-set", "children"),
        Input("page-title", "data"),
    )
    app.clientside_callback(
        ClientsideFunction("lagesbild", "queryToAddress"),
        Output("url-query", "search", allow_duplicate=True),
        Input(FILTER_QUERY, "data"),
        prevent_initial_call=True,
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
