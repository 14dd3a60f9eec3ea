"""The CSP lists each of Dash's inline-script hashes once."""

import dash
from dash import Input, Output, html

from dashboard.dash_app import script_hashes


def test_equal_inline_scripts_give_one_hash_in_dash_order() -> None:
    app = dash.Dash(__name__)
    app.layout = html.Div([html.Div(id="a"), html.Div(id="b"), html.Div(id="c")])
    for target in ("b", "c"):  # the same inline function twice: Dash hashes it twice
        app.clientside_callback(
            "function(x) { return x; }", Output(target, "children"), Input("a", "children")
        )
    listed = app.csp_hashes()
    assert len(set(listed)) < len(listed), "Dash itself repeats the hash"
    assert script_hashes(app) == [listed[0], listed[2]]  # each once, in Dash's order
