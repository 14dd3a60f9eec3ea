"""Small reusable pieces."""

from collections.abc import Iterable
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component


def aria(name: str, value: str) -> dict[str, Any]:
    """An `aria-*` attribute for a Dash html component, `html.Nav(..., **aria("label", "Filter"))`:
    Dash takes it only as a keyword with a hyphen, which a call cannot spell."""
    return {f"aria-{name}": value}


def app_link(children: Any, href: str, **props: Any) -> html.A:
    """A link to another page of the app that opens it inside the app (lagesbild.js, as Dash's
    dcc.Link does): only the page's one answer, no reload of every script. An html.A, unlike
    dcc.Link, takes `aria-*`; a click with a modifier key still opens a new tab."""
    return html.A(children, href=href, **{"data-app-link": "", **props})


def kpi_card(
    label: str,
    value: str,
    detail: str = "",
    card_id: str | None = None,
    lg: int | bool = 3,
    href: str | None = None,
) -> dbc.Col:
    """A key figure; with `href` its label links to what it counts, and the whole card is the
    link's target area (Bootstrap's stretched link)."""
    name: Component | str = (
        app_link(label, href, className="stretched-link lb-kpi-link") if href else label
    )
    body = [
        html.Div(value, className="lb-kpi-value"),
        html.Div(name, className="lb-kpi-label"),
    ]
    if detail:
        body.append(html.Div(detail, className="small text-body-secondary mt-1"))
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(body), className="lb-kpi h-100", **({"id": card_id} if card_id else {})
        ),
        xs=12,
        sm=6,
        lg=lg,
        className="mb-3",
    )


LOADING_TEXT = "Laddar …"


def loading(children: Component, **props: Any) -> dcc.Loading:
    """Dash's loading state, with a Swedish text beside the spinner."""
    spinner = html.Div(
        [dbc.Spinner(size="sm", spinner_class_name="me-2"), LOADING_TEXT],
        className="lb-loading",
        role="status",
    )
    return dcc.Loading(children, custom_spinner=spinner, **props)


def not_found() -> html.Div:
    return html.Div([html.H1("Sidan finns inte", className="h3"), app_link("Till översikten", "/")])


def not_allowed() -> html.Div:
    """What a role that may not open a page gets instead of it: no data, a way on."""
    return html.Div(
        [
            html.H1("Du har inte behörighet till den här sidan", className="h3"),
            html.P(
                "Sidan är till för andra roller än din. Kontakta den centrala samordnaren om "
                "du behöver den."
            ),
            app_link("Till översikten", "/"),
        ],
        id="not-allowed",
    )


# Our cells are already formatted text ("2026-05-31", "Löpande"); AG Grid's type inference would
# otherwise read a date column and blank out the words in it.
# A cell that wraps its text and grows to fit it, instead of cutting it off with "…".
WRAP = {"wrapText": True, "autoHeight": True}
GRID_COLUMN_DEFAULTS = {"cellDataType": False, "resizable": True, "sortable": True}

# AG Grid's own words in Swedish (pagination, filters, menus): the one dictionary every grid
# uses through `grid_locale`. The paging summary reads "1–7 av 7" ("to" is the dash between).
GRID_LOCALE = {
    "page": "Sida",
    "of": "av",
    "to": "–",
    "more": "fler",
    "pageSizeSelectorLabel": "Rader per sida:",
    "firstPage": "Första sidan",
    "previousPage": "Föregående sida",
    "nextPage": "Nästa sida",
    "lastPage": "Sista sidan",
    "loadingOoo": LOADING_TEXT,
    "noRowsToShow": "Inga rader",
    "filterOoo": "Filtrera …",
    "searchOoo": "Sök …",
    "selectAll": "Markera alla",
    "contains": "Innehåller",
    "notContains": "Innehåller inte",
    "equals": "Lika med",
    "notEqual": "Inte lika med",
    "startsWith": "Börjar med",
    "endsWith": "Slutar med",
    "blank": "Tom",
    "notBlank": "Inte tom",
    "lessThan": "Mindre än",
    "greaterThan": "Större än",
    "inRange": "Mellan",
    "andCondition": "OCH",
    "orCondition": "ELLER",
    "applyFilter": "Använd",
    "resetFilter": "Återställ",
    "clearFilter": "Rensa",
    "cancelFilter": "Avbryt",
    "ariaFilterInput": "Filtervärde",
    "ariaFilteringOperator": "Filtervillkor",
    "ariaRowSelect": "Tryck mellanslag för att markera raden",
    "ariaRowDeselect": "Tryck mellanslag för att avmarkera raden",
    "ariaPageSizeSelectorLabel": "Rader per sida",
    "ariaFilterMenuOpen": "Öppna filtermenyn",
    "ariaLabelColumnFilter": "Kolumnfilter",
    "ariaLabelColumnMenu": "Kolumnmeny",
    "ariaColumnFiltered": "Kolumnen är filtrerad",
    "ariaSortableColumn": "Tryck Enter för att sortera",
    "ariaMenuColumn": "Tryck Alt+pil ned för att öppna kolumnmenyn",
    "ariaFilterColumn": "Tryck Ctrl+Enter för att öppna filtret",
    "ariaFilterValue": "Filtervärde",
    "ariaFilterFromValue": "Filtrera från värde",
    "ariaFilterToValue": "Filtrera till värde",
    "ariaDateFilterInput": "Datumfilter",
    "ariaRowSelectAll": "Tryck mellanslag för att markera alla rader",
    "ariaHeaderSelection": "Kolumn med markering",
    "ariaChecked": "markerad",
    "ariaUnchecked": "inte markerad",
    "ariaIndeterminate": "delvis markerad",
    "noMatchingRows": "Inga rader matchar filtret",
    "empty": "Välj ett villkor",
    "inRangeStart": "Från",
    "inRangeEnd": "Till",
    "lessThanOrEqual": "Mindre än eller lika med",
    "greaterThanOrEqual": "Större än eller lika med",
    "before": "Före",
    "after": "Efter",
    "textFilter": "Textfilter",
    "numberFilter": "Talfilter",
    "dateFilter": "Datumfilter",
    "dateFormatOoo": "åååå-mm-dd",
    "invalidDate": "Ogiltigt datum",
    "invalidNumber": "Ogiltigt tal",
}


def grid_locale(no_rows: str) -> dict[str, str]:
    return GRID_LOCALE | {"noRowsToShow": no_rows}


def row_selection_grid(
    grid_id: str, columns: list[dict[str, Any]], no_rows: str, row_id: str = "id"
) -> dag.AgGrid:
    """A grid whose rows open a detail: one row at a time, by click or by space on the keyboard."""
    return dag.AgGrid(
        id=grid_id,
        columnDefs=columns,
        rowData=[],
        defaultColDef=GRID_COLUMN_DEFAULTS,
        getRowId=f"params.data.{row_id}",
        dashGridOptions={
            "rowSelection": {
                "mode": "singleRow",
                "checkboxes": False,
                "enableClickSelection": True,
            },
            "domLayout": "autoHeight",
            # Every column in the page even when a phone shows only a few: a screen reader, a
            # search in the page and a test find all of them (these grids are small).
            "suppressColumnVirtualisation": True,
            "localeText": grid_locale(no_rows),
        },
        className="ag-theme-quartz",
        style={"width": "100%"},
    )


def year_options(years: Iterable[int]) -> list[dict[str, str]]:
    """A year select's options, in the order given (pages offer newest first)."""
    return [{"label": str(y), "value": str(y)} for y in years]


MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~")


def markdown_text(text: str) -> str:
    """`text` shown literally in Markdown: every punctuation Markdown reads is escaped."""
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in text)


def link_list(links: Iterable[tuple[str, str]], class_name: str = "") -> dcc.Markdown:
    """(text, same-site path) pairs as a list of links in ONE component: hundreds of html.Li
    and html.A components (290 councils at national scale) cost the browser's Dash renderer
    seconds on every update. Renders as a <ul> (inline by `lb-link-list` in lagesbild.css)."""
    items = [f"- [{markdown_text(text)}](<{href}>)" for text, href in links]
    return dcc.Markdown("\n".join(items), className=f"lb-link-list {class_name}".strip())
