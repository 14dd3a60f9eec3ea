"""Översikt: the city-wide picture for KS and the central coordinator."""

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

FIRST_YEAR = 2017  # the first local plans were approved by KS in June 2017


def year_options(today: date) -> list[dict[str, str]]:
    return [{"label": str(y), "value": str(y)} for y in range(today.year, FIRST_YEAR - 1, -1)]


def layout(params: dict[str, str], today: date | None = None) -> html.Div:
    today = today or date.today()
    try:
        year = int(params.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, FIRST_YEAR), today.year)
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(html.H1("Översikt", className="h3 mb-0"), width="auto"),
                    dbc.Col(
                        [
                            dbc.Label("År", html_for="overview-year", className="me-2 mb-0"),
                            dbc.Select(
                                id="overview-year",
                                options=year_options(today),
                                value=str(year),
                                style={"width": "8rem"},
                            ),
                        ],
                        width="auto",
                        className="d-flex align-items-center",
                    ),
                ],
                className="mb-3 align-items-center justify-content-between",
            ),
            dcc.Loading(dbc.Row(id="overview-kpis"), type="default"),
            dbc.Row(
                [
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.H2("Händelser per år och miljö", className="h5"),
                                    dcc.Graph(
                                        id="overview-incidents",
                                        config={"displaylogo": False, "locale": "sv"},
                                    ),
                                ]
                            )
                        ),
                        lg=7,
                        className="mb-3",
                    ),
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.H2("Aktiviteter per status", className="h5"),
                                    dcc.Graph(
                                        id="overview-activities",
                                        config={"displaylogo": False, "locale": "sv"},
                                    ),
                                ]
                            )
                        ),
                        lg=5,
                        className="mb-3",
                    ),
                ]
            ),
        ]
    )
