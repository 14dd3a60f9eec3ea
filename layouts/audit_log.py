"""Logg: every change, for the central coordinator."""

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import html

from layouts.components import GRID_COLUMN_DEFAULTS, WRAP, grid_locale
from layouts.forms import labelled

COLUMNS = [
    {"field": "at", "headerName": "Tid", "width": 180},
    {"field": "user", "headerName": "Användare", "width": 150},
    {"field": "council", "headerName": "Nämnd", "width": 170},
    {"field": "action", "headerName": "Händelse", "width": 110},
    {"field": "entity", "headerName": "Typ", "width": 130},
    {"field": "entity_id", "headerName": "Id", "width": 90},
    {"field": "detail", "headerName": "Detaljer", "flex": 1, **WRAP},
]


def layout(params: dict[str, str]) -> html.Div:
    return html.Div(
        [
            html.H1("Logg", className="h3"),
            html.P(
                "Alla ändringar i Lägesbild, senaste först (högst 500 rader per urval).",
                className="text-body-secondary",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        labelled(
                            "Nämnd", dbc.Select(id="audit-council", value=""), "audit-council"
                        ),
                        md=3,
                    ),
                    dbc.Col(
                        labelled("Användare", dbc.Select(id="audit-user", value=""), "audit-user"),
                        md=3,
                    ),
                    dbc.Col(
                        labelled(
                            "Från och med", dbc.Input(id="audit-from", type="date"), "audit-from"
                        ),
                        md=3,
                    ),
                    dbc.Col(
                        labelled("Till och med", dbc.Input(id="audit-to", type="date"), "audit-to"),
                        md=3,
                    ),
                ]
            ),
            html.Div(id="audit-message", role="status"),
            dag.AgGrid(
                defaultColDef=GRID_COLUMN_DEFAULTS,
                id="audit-grid",
                columnDefs=COLUMNS,
                rowData=[],
                dashGridOptions={
                    "domLayout": "autoHeight",
                    "localeText": grid_locale("Inga ändringar"),
                },
                className="ag-theme-quartz",
                style={"width": "100%"},
            ),
        ]
    )
