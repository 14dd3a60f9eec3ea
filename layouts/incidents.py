"""Händelser: the incidents of a year and council, a page at a time; a selected incident opens
a correction form with its history."""

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.url_filters import council_filter, year_filter
from layouts.components import GRID_COLUMN_DEFAULTS, WRAP, aria, grid_locale
from layouts.forms import enum_options, labelled
from models.enums import IncidentCategory, IncidentSource, Milieu

# The callbacks choose a council when the address names none (a coordinator's own).
FILTERS = (council_filter("incidents-council"), year_filter("incidents-year"))

FIELDS = (
    "date",
    "source",
    "category",
    "milieu",
    "severity",
    "count",
    "sub_area",
    "description",
    "reason",
)
COLUMNS = [
    {"field": "date", "headerName": "Datum", "width": 112},
    {"field": "milieu", "headerName": "Miljö", "width": 150, **WRAP},
    {"field": "category", "headerName": "Kategori", "width": 140, **WRAP},
    {"field": "source", "headerName": "Källa", "width": 150, **WRAP},
    {"field": "count", "headerName": "Antal", "width": 84, "type": "rightAligned"},
    {"field": "sub_area", "headerName": "Delområde", "width": 130, **WRAP},
    {"field": "council", "headerName": "Nämnd", "width": 150, **WRAP},
    {"field": "description", "headerName": "Beskrivning", "flex": 1, "minWidth": 220, **WRAP},
]
SEVERITY_OPTIONS = [{"label": "Ingen angiven", "value": ""}] + [
    {"label": str(n), "value": str(n)} for n in range(1, 5)
]


def field_id(name: str) -> str:
    return f"correct-{name.replace('_', '-')}"


def correction_form() -> html.Div:
    return html.Div(
        [
            html.H2("Rätta händelse", className="h5", id="correct-title"),
            dcc.Store(id="correct-state"),
            html.Div(id="correct-access", role="status"),
            dbc.Form(
                dbc.Row(
                    [
                        dbc.Col(
                            labelled(
                                "Datum",
                                dbc.Input(id=field_id("date"), type="date"),
                                field_id("date"),
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            html.Div(
                                dbc.Checkbox(
                                    id="correct-month-only",
                                    label="Endast månaden är känd",
                                    value=False,
                                ),
                                className="mt-sm-4 pt-sm-2 mb-3",
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            labelled(
                                "Källa",
                                dbc.Select(
                                    id=field_id("source"), options=enum_options(IncidentSource)
                                ),
                                field_id("source"),
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            labelled(
                                "Kategori",
                                dbc.Select(
                                    id=field_id("category"), options=enum_options(IncidentCategory)
                                ),
                                field_id("category"),
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            labelled(
                                "Miljö",
                                dbc.Select(id=field_id("milieu"), options=enum_options(Milieu)),
                                field_id("milieu"),
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            labelled(
                                "Allvarlighetsgrad",
                                dbc.Select(id=field_id("severity"), options=SEVERITY_OPTIONS),
                                field_id("severity"),
                                "1 är lägst, 4 högst.",
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            labelled(
                                "Antal",
                                dbc.Input(id=field_id("count"), type="number", min=1, step=1),
                                field_id("count"),
                            ),
                            sm=4,
                        ),
                        dbc.Col(
                            labelled(
                                "Delområde (valfritt)",
                                dbc.Input(id=field_id("sub_area"), type="text", maxLength=120),
                                field_id("sub_area"),
                            ),
                            sm=8,
                        ),
                        dbc.Col(
                            labelled(
                                "Beskrivning (avidentifierad)",
                                dbc.Textarea(id=field_id("description"), rows=3, maxLength=4000),
                                field_id("description"),
                            ),
                            xs=12,
                        ),
                        dbc.Col(
                            labelled(
                                "Motivering",
                                dbc.Textarea(id=field_id("reason"), rows=2, maxLength=1000),
                                field_id("reason"),
                                "Krävs när miljön ändras, t.ex. till Ej VBE-koppling efter "
                                "granskning. Sparas i historiken.",
                            ),
                            xs=12,
                        ),
                    ]
                )
            ),
            dbc.Button("Spara rättelse", id="correct-save", color="primary", n_clicks=0),
            html.Div(id="correct-result", className="mt-3", role="status"),
            html.H3("Historik", className="h6 mt-4"),
            html.Div(id="correct-history", className="small"),
        ],
        id="correct-panel",
        style={"display": "none"},
    )


def layout(params: dict[str, str]) -> html.Div:
    return html.Div(
        [
            html.H1("Händelser", className="h3"),
            html.P(
                "Registrerade händelser under ett år. Välj en rad för att se dess historik och "
                "rätta eller klassa om den; ändringen syns direkt i översikten och på nämndens "
                "sida.",
                className="text-body-secondary",
            ),
            dcc.Store(id="incidents-offset", data=0),
            dcc.Store(id="incidents-refresh", data=0),
            dbc.Row(
                [
                    dbc.Col(
                        labelled(
                            "Nämnd",
                            dbc.Select(id="incidents-council", value=params["council"]),
                            "incidents-council",
                        ),
                        md=5,
                    ),
                    dbc.Col(
                        labelled(
                            "År",
                            dbc.Select(id="incidents-year", value=params["year"]),
                            "incidents-year",
                        ),
                        md=2,
                    ),
                ]
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dag.AgGrid(
                                id="incidents-grid",
                                columnDefs=COLUMNS,
                                rowData=[],
                                defaultColDef=GRID_COLUMN_DEFAULTS | {"sortable": False},
                                getRowId="params.data.id",
                                dashGridOptions={
                                    "rowSelection": {
                                        "mode": "singleRow",
                                        "checkboxes": False,
                                        "enableClickSelection": True,
                                    },
                                    "localeText": grid_locale("Inga händelser"),
                                },
                                className="ag-theme-quartz",
                                # A page of 100 rows scrolls inside the grid, beside the form.
                                style={"width": "100%", "height": "min(640px, 75vh)"},
                            ),
                            html.Nav(
                                [
                                    dbc.Button(
                                        "Föregående",
                                        id="incidents-prev",
                                        color="secondary",
                                        outline=True,
                                        size="sm",
                                        n_clicks=0,
                                    ),
                                    html.Span(
                                        id="incidents-range",
                                        className="mx-3",
                                        role="status",
                                    ),
                                    dbc.Button(
                                        "Nästa",
                                        id="incidents-next",
                                        color="secondary",
                                        outline=True,
                                        size="sm",
                                        n_clicks=0,
                                    ),
                                ],
                                className="d-flex align-items-center mt-2 mb-3",
                                **aria("label", "Sidor med händelser"),
                            ),
                        ],
                        lg=7,
                    ),
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.P(
                                        "Välj en händelse i listan för att se dess historik och "
                                        "rätta den.",
                                        id="correct-hint",
                                        className="mb-0",
                                    ),
                                    correction_form(),
                                ]
                            ),
                            className="mb-3",
                        ),
                        lg=5,
                    ),
                ]
            ),
        ]
    )
