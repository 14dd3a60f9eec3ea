"""Enkätresultat: enter a staff survey round and its indicator results."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts.forms import labelled, required_legend
from models.enums import SurveyIndicator, label


def indicator_id(indicator: SurveyIndicator) -> str:
    return f"survey-{indicator.value.replace('_', '-')}"


def layout(params: dict[str, str]) -> html.Div:
    indicators = [
        dbc.Col(
            labelled(
                f"{label(indicator)} (%)",
                dbc.Input(id=indicator_id(indicator), type="text", inputMode="decimal"),
                indicator_id(indicator),
            ),
            md=6,
            lg=4,
        )
        for indicator in SurveyIndicator
    ]
    return html.Div(
        [
            html.H1("Enkätresultat", className="h3"),
            html.P(
                "Registrera enkäten till medarbetare och chefer som ligger till grund för den "
                "lokala lägesbilden. Finns en enkät redan för samma år och målgrupp hämtas den "
                "och kan ändras.",
                className="text-body-secondary",
            ),
            dcc.Store(id="survey-version"),
            required_legend(),
            dbc.Row(
                [
                    dbc.Col(
                        labelled(
                            "Nämnd",
                            dbc.Select(id="survey-council", placeholder="Välj nämnd"),
                            "survey-council",
                            required=True,
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        labelled(
                            "År",
                            dbc.Select(id="survey-year", placeholder="Välj år"),
                            "survey-year",
                            required=True,
                        ),
                        md=2,
                    ),
                    dbc.Col(
                        labelled(
                            "Målgrupp",
                            dbc.Input(id="survey-audience", type="text", value="Enhetschefer"),
                            "survey-audience",
                            required=True,
                        ),
                        md=2,
                    ),
                    dbc.Col(
                        labelled(
                            "Antal utskick",
                            dbc.Input(id="survey-sent", type="number", min=1),
                            "survey-sent",
                            required=True,
                        ),
                        md=2,
                    ),
                    dbc.Col(
                        labelled(
                            "Antal svar",
                            dbc.Input(id="survey-answered", type="number", min=0),
                            "survey-answered",
                            required=True,
                        ),
                        md=2,
                    ),
                ]
            ),
            html.H2("Resultat i procent", className="h5 mt-2"),
            html.P("Fyll i minst ett resultat.", className="small text-body-secondary"),
            dbc.Row(indicators),
            html.Div(id="survey-results-feedback", className="text-danger small mb-2"),
            dbc.Button("Spara enkät", id="survey-save", color="primary", n_clicks=0),
            html.Div(id="survey-result", className="mt-3", role="status"),
        ]
    )
