"""Nämnd: one council's page: lägesbild, incidents over time, activities, survey."""

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts.chart_table import chart
from layouts.components import chosen_year


def _card(title: str, children: list, card_id: str) -> dbc.Card:  # type: ignore[type-arg]
    return dbc.Card(
        dbc.CardBody([html.H2(title, className="h5", id=f"{card_id}-title"), *children]),
        className="mb-3",
        id=card_id,
    )


def layout(params: dict[str, str], today: date | None = None) -> html.Div:
    today = today or date.today()
    year = str(chosen_year(params.get("year"), today))
    return html.Div(
        [
            dcc.Store(id="council-code", data=params.get("code", "").upper()),
            dbc.Row(
                [
                    dbc.Col(html.Div(id="council-header"), md=9),
                    dbc.Col(
                        [
                            dbc.Label("År", html_for="council-year"),
                            dbc.Select(id="council-year", value=year),
                        ],
                        md=3,
                    ),
                ],
                className="mb-3",
            ),
            dcc.Loading(html.Div(id="council-lagesbild")),
            dbc.Row(
                [
                    dbc.Col(
                        _card(
                            "Händelser per miljö",
                            [chart("council-by-milieu")],
                            "council-milieu-card",
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        _card(
                            "Händelser per källa",
                            [chart("council-by-source")],
                            "council-source-card",
                        ),
                        lg=6,
                    ),
                ]
            ),
            html.P(id="council-lineage-note", className="small text-body-secondary"),
            _card("Delområden", [html.Div(id="council-sub-areas")], "council-sub-area-card"),
            _card("Aktiviteter", [html.Div(id="council-activities")], "council-activities-card"),
            _card(
                "Enkät",
                [
                    html.P(id="council-survey-rate"),
                    chart("council-survey"),
                ],
                "council-survey-card",
            ),
        ]
    )
