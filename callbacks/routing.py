"""URL → page. Query-string parameters reach the page layout so a link reproduces a view.

`search` is State, not Input: a page that writes its filters back to the URL (so the address
can be shared) must not re-render itself by doing so.
"""

from urllib.parse import parse_qsl

import dash
from dash import Input, Output, State

from layouts.components import not_found
from layouts.pages import page_for

# In the browser, so navigating costs no extra request. Matches path patterns as Page.match
# does; a `<code>` segment is named in the title, e.g. "Nämnd SKA".
PAGE_TITLE = """
function (pathname, titles) {
    const segments = p => p.replace(/^\\/+|\\/+$/g, "").split("/");
    const actual = segments(pathname || "/");
    let title = "Sidan finns inte";
    for (const [pattern, name] of Object.entries(titles || {})) {
        const wanted = segments(pattern);
        const fits = wanted.length === actual.length && wanted.every(
            (w, i) => w.startsWith("<") ? actual[i] !== "" : w === actual[i]);
        if (fits) {
            const params = wanted.map((w, i) => w.startsWith("<")
                ? " " + decodeURIComponent(actual[i]).toUpperCase() : "");
            title = name + params.join("");
            break;
        }
    }
    document.title = title + " – Lägesbild";
    return window.dash_clientside.no_update;
}
"""


def register(app: dash.Dash) -> None:
    app.clientside_callback(
        PAGE_TITLE,
        Output("page-titles", "data"),
        Input("url", "pathname"),
        State("page-titles", "data"),
    )

    @app.callback(Output("page", "children"), Input("url", "pathname"), State("url", "search"))
    def render_page(pathname: str | None, search: str | None):  # type: ignore[no-untyped-def]
        found = page_for(pathname)
        if found is None:
            return not_found()
        page, path_params = found
        params = dict(parse_qsl((search or "").lstrip("?"))) | path_params
        return page.layout(params)
