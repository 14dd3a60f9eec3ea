"""Enkäter: the staff survey across the city for one year."""

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import html

from dashboard.url_filters import year_filter
from layouts.chart_table import chart
from layouts.components import GRID_COLUMN_DEFAULTS, grid_locale

# Numbers stay numbers (so the columns sort), shown the Swedish way: "65,3 %", "+4,3 p.e.".
PERCENT = "params.value.toFixed(1).replace('.', ',') + '\u00a0%'"
POINTS = (
    "(params.value >= 0 ? '+' : '\u2212') + Math.abs(params.value).toFixed(1).replace('.', ',')"
    " + '\u00a0p.e.'"
)
# The callback picks the newest survey year when the address names none.
FILTERS = (year_filter("surveys-year", default_this_year=False),)
CHANGE_COLUMNS = [
    {"field": "council", "headerName": "Nämnd", "width": 190},
    {"field": "indicator", "headerName": "Indikator", "flex": 2, "minWidth": 320},
    {
        "field": "now",
        "headerName": "I år",
        "width": 110,
        "type": "rightAligned",
        "valueFormatter": {"function": PERCENT},
    },
    {
        "field": "before",
        "headerName": "I fjol",
        "width": 110,
        "type": "rightAligned",
        "valueFormatter": {"function": PERCENT},
    },
    {
        "field": "change",
        "headerName": "Förändring",
        "width": 140,
        "type": "rightAligned",
        "valueFormatter": {"function": POINTS},
    },
]


def layout(params: dict[str, str]) -> html.Div:
    return html.Div(
        [
            html.H1("Enkäter", className="h3"),
            html.P(
                "Enkäten till chefer och medarbetare visar om planen, samordnaren, blanketten och "
                "stödmaterialet är kända. Cellerna visar andelen som svarat ja; mörkare är högre. "
                "En låg svarsfrekvens (under 50 %) visas som sådan: då säger resultatet mindre "
                "om hela personalen.",
                className="text-body-secondary",
            ),
            dbc.Row(
                dbc.Col(
                    [
                        dbc.Label("År", html_for="surveys-year"),
                        dbc.Select(id="surveys-year", value=params["year"]),
                    ],
                    xs=6,
                    md=3,
                    lg=2,
                ),
                className="mb-3",
            ),
            html.P(id="surveys-summary", role="status"),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H2("Nämnd × indikator", className="h5"),
                        chart("surveys-heatmap"),
                    ]
                ),
                className="mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.H2("Svarsfrekvens", className="h5"),
                                    chart("surveys-response"),
                                    html.P(
                                        "Streckad linje: 50 %. Orange, kryssade staplar har låg "
                                        "svarsfrekvens.",
                                        className="small text-body-secondary mb-0",
                                    ),
                                ]
                            ),
                            className="mb-3",
                        ),
                        lg=12,
                    ),
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.H2("Förändring sedan i fjol", className="h5"),
                                    dag.AgGrid(
                                        id="surveys-change",
                                        columnDefs=CHANGE_COLUMNS,
                                        rowData=[],
                                        defaultColDef=GRID_COLUMN_DEFAULTS | {"filter": True},
                                        dashGridOptions={
                                            "pagination": True,
                                            "paginationPageSize": 20,
                                            "domLayout": "autoHeight",
                                            "localeText": grid_locale("Ingen jämförelse möjlig"),
                                        },
                                        className="ag-theme-quartz",
                                        style={"width": "100%"},
                                    ),
                                    html.P(
                                        "Förändringen i procentenheter (p.e.) mot samma nämnds "
                                        "enkät året före.",
                                        className="small text-body-secondary mt-2 mb-0",
                                    ),
                                ]
                            ),
                            className="mb-3",
                        ),
                        lg=12,
                    ),
                ]
            ),
        ]
    )
