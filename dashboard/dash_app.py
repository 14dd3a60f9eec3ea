"""Mount the Dash app on the Flask server."""

from pathlib import Path

import dash
from flask import Flask

from callbacks import register_callbacks
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


def create_dash(server: Flask) -> dash.Dash:
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
    app.layout = serve_layout
    register_callbacks(app)
    server.config["CSP_SCRIPT_HASHES"] = app.csp_hashes()
    # Dash callbacks are JSON POSTs from our own origin; the session cookie is SameSite=Lax and
    # a cross-site page cannot send a JSON body without a CORS preflight, which we never allow.
    from dashboard.auth import csrf

    for rule in server.url_map.iter_rules():
        if rule.rule.startswith("/_dash-update-component"):
            csrf.exempt(server.view_functions[rule.endpoint])
    return app
