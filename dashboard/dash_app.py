"""Mount the Dash app on the Flask server."""

from pathlib import Path
from typing import Any

import dash
import dash_ag_grid
from flask import Flask, Response, jsonify, request

from callbacks import register_callbacks
from dashboard import static_compression
from layouts.shell import serve_layout

ASSETS_DIR = Path(__file__).resolve().parent.parent / "layouts" / "assets"

INDEX_STRING = """<!DOCTYPE html>
<html lang="sv">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <div>
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


BAD_CALL = "Felaktigt anrop till sidans uppdatering."


def _is_one_argument(item: object) -> bool:
    """One input, state or output as dash-renderer posts it: {id, property[, value]}."""
    return (
        isinstance(item, dict)
        and isinstance(item.get("id"), str | dict)
        and isinstance(item.get("property"), str)
    )


def _is_argument(item: object) -> bool:
    """An argument: one {id, property, ...}, or for an ALL wildcard a list of them (nothing
    deeper: Dash reads each item of the list as such a dict, and a list in it is a 500)."""
    if isinstance(item, list):
        return all(_is_one_argument(i) for i in item)
    return _is_one_argument(item)


def is_callback_call(body: object, known: Any) -> bool:
    """Whether a POST to the callback endpoint has the shape dash-renderer gives it: a
    registered callback, as many outputs, inputs and states as it declares. Dash itself answers
    anything else with a 500."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return False
    key: str = body["output"]
    spec = known.get(key)
    inputs, state = body.get("inputs"), body.get("state", [])
    outputs, changed = body.get("outputs"), body.get("changedPropIds", [])
    if spec is None or not isinstance(inputs, list) or not isinstance(state, list):
        return False
    if (
        not isinstance(changed, list)
        or len(inputs) != len(spec["inputs"])
        or len(state) != len(spec["state"])
    ):
        return False
    if key.startswith(".."):  # several outputs: a list, one per output the key names
        named = len(key.strip(".").split("..."))
        if not isinstance(outputs, list) or len(outputs) != named:
            return False
    elif isinstance(outputs, list) and '["ALL"]' not in key:
        return False  # one output is one object, unless an ALL wildcard's list
    return (
        all(_is_argument(o) for o in (outputs if isinstance(outputs, list) else [outputs]))
        and all(_is_argument(i) for i in [*inputs, *state])
        and all(isinstance(c, str) for c in changed)
    )


def script_hashes(app: dash.Dash) -> list[str]:
    """The CSP hashes of Dash's inline scripts, each once and in Dash's order: Dash lists a
    hash per inline script, so two equal scripts give the same hash twice."""
    return list(dict.fromkeys(app.csp_hashes()))


# Scripts Dash would load only when a component first needs them, loaded with the page instead:
# almost every page draws a chart or a grid, and a script in the page is fingerprinted and cached
# for a year, where a lazily loaded one is revalidated on every page and fetched only after the
# layout has arrived. Everything else stays lazy: eager_loading would also run AG Grid
# Enterprise, MathJax and DataTable (about 7 MB the app never uses) on every new page; a first
# visit (log in, Översikt drawn) took 2.4 s with it against 2.0 s without (README).
WITH_THE_PAGE = {
    ("plotly", "package_data/plotly.min.js"),
    ("dash", "dcc/async-graph.js"),
    ("dash_ag_grid", "async-community.js"),
}


def load_with_the_page(distributions: list[list[dict[str, Any]]]) -> None:
    """Make WITH_THE_PAGE's scripts ordinary scripts of the page (Dash reads `async` per
    resource; these lists are the component packages' own, shared by every app)."""
    for distribution in distributions:
        for resource in distribution:
            if (resource.get("namespace"), resource.get("relative_package_path")) in WITH_THE_PAGE:
                resource.pop("async", None)


def create_dash(server: Flask) -> dash.Dash:
    server.config["COMPRESS_CACHE_KEY"] = static_compression.cache_key
    server.config["COMPRESS_CACHE_BACKEND"] = static_compression.StaticCompressionCache
    app = dash.Dash(
        __name__,
        server=server,  # type: ignore[arg-type]  # Dash's annotation leaves out a Flask server
        title="Lägesbild",
        update_title=None,  # type: ignore[arg-type]  # Dash documents None (no "Updating...")
        assets_folder=str(ASSETS_DIR),
        external_stylesheets=["/static/css/bootstrap.min.css", "/static/css/lagesbild.css"],
        suppress_callback_exceptions=True,
        compress=True,
        index_string=INDEX_STRING,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    load_with_the_page([dash.dcc._js_dist, dash_ag_grid._js_dist])
    app.layout = serve_layout
    register_callbacks(app)
    server.config["CSP_SCRIPT_HASHES"] = script_hashes(app)
    # Dash callbacks are JSON POSTs from our own origin: the session cookie is SameSite=Lax, a
    # cross-site page cannot send a JSON body without a CORS preflight (which we never allow),
    # and security_headers refuses a POST whose Origin or Sec-Fetch-Site names another site.
    from dashboard.auth import csrf

    for rule in server.url_map.iter_rules():
        if rule.rule.startswith("/_dash-update-component"):
            csrf.exempt(server.view_functions[rule.endpoint])

    @server.before_request
    def _well_formed_callback_call() -> tuple[Response, int] | None:
        if request.method != "POST" or not request.path.startswith("/_dash-update-component"):
            return None
        body = request.get_json(silent=True)
        if is_callback_call(body, app.callback_map):
            return None
        return jsonify({"error": BAD_CALL}), 400

    return app
