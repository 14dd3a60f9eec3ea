"""Ny händelse: log a de-identified incident."""

import dash_bootstrap_components as dbc
from dash import html

from layouts.forms import enum_options, labelled, required_legend
from models.enums import IncidentCategory, IncidentSource, Milieu

FIELDS = ("council", "date", "source", "category", "milieu", "count", "sub_area", "description")


def field_id(name: str) -> str:
    return f"incident-{name.replace('_', '-')}"


def layout(params: dict[str, str]) -> html.Div:
    return html.Div(
        [
            html.H1("Ny händelse", className="h3"),
            html.P(
                "Registrera en händelse som rapporterats till dig. Skriv aldrig namn, "
                "personnummer, adresser, e-post eller telefonnummer – Lägesbild innehåller bara "
                "avidentifierad information.",
                className="text-body-secondary",
            ),
            required_legend(),
            dbc.Form(
                dbc.Row(
                    [
                        dbc.Col(
                            labelled(
                                "Nämnd",
                                dbc.Select(id=field_id("council"), placeholder="Välj nämnd"),
                                field_id("council"),
                                required=True,
                            ),
                            md=6,
                        ),
                        dbc.Col(
                            labelled(
                                "Datum",
                                dbc.Input(id=field_id("date"), type="date"),
                                field_id("date"),
                                "ÅÅÅÅ-MM-DD. Är bara månaden känd: välj dag 1 och kryssa i nedan.",
                                required=True,
                            ),
                            md=3,
                        ),
                        dbc.Col(
                            html.Div(
                                dbc.Checkbox(
                                    id="incident-month-only",
                                    label="Endast månaden är känd",
                                    value=False,
                                ),
                                className="mt-md-4 pt-md-2 mb-3",
                            ),
                            md=3,
                        ),
                        dbc.Col(
                            labelled(
                                "Källa",
                                dbc.Select(
                                    id=field_id("source"),
                                    options=enum_options(IncidentSource),
                                    placeholder="Välj källa",
                                ),
                                field_id("source"),
                                required=True,
                            ),
                            md=4,
                        ),
                        dbc.Col(
                            labelled(
                                "Kategori",
                                dbc.Select(
                                    id=field_id("category"),
                                    options=enum_options(IncidentCategory),
                                    placeholder="Välj kategori",
                                ),
                                field_id("category"),
                                required=True,
                            ),
                            md=4,
                        ),
                        dbc.Col(
                            labelled(
                                "Miljö",
                                dbc.Select(
                                    id=field_id("milieu"),
                                    options=enum_options(Milieu),
                                    placeholder="Välj miljö",
                                ),
                                field_id("milieu"),
                                required=True,
                            ),
                            md=4,
                        ),
                        dbc.Col(
                            labelled(
                                "Antal",
                                dbc.Input(
                                    id=field_id("count"), type="number", min=1, step=1, value=1
                                ),
                                field_id("count"),
                                "En rad kan stå för flera fall, t.ex. flera klotter.",
                                required=True,
                            ),
                            md=3,
                        ),
                        dbc.Col(
                            labelled(
                                "Delområde (valfritt)",
                                dbc.Input(id=field_id("sub_area"), type="text", maxLength=120),
                                field_id("sub_area"),
                                "T.ex. Blackeberg.",
                            ),
                            md=9,
                        ),
                        dbc.Col(
                            labelled(
                                "Beskrivning (avidentifierad)",
                                dbc.Textarea(id=field_id("description"), rows=4, maxLength=4000),
                                field_id("description"),
                            ),
                            md=12,
                        ),
                    ]
                ),
            ),
            dbc.Button("Spara händelse", id="incident-save", color="primary", n_clicks=0),
            html.Div(id="incident-result", className="mt-3", role="status"),
        ]
    )
