"""Effektindikatorer: awareness over time and reporting beside knowledge, with reading help."""

import dash_bootstrap_components as dbc
from dash import html

from dashboard.url_filters import year_filter
from layouts.chart_table import chart

# The callback picks the newest survey year when the address names none.
FILTERS = (year_filter("effects-year", default_this_year=False),)


def _chart(title: str, graph_id: str, how_to_read: str) -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(title, className="h5"),
                chart(graph_id),
                html.H3("Så läser du diagrammet", className="h6 mt-2"),
                html.P(how_to_read, className="small text-body-secondary mb-0"),
            ]
        ),
        className="mb-3",
    )


def layout(params: dict[str, str]) -> html.Div:
    return html.Div(
        [
            html.H1("Effektindikatorer", className="h3"),
            html.P(
                "Kommunstyrelsen har efterfrågat mått på effekt, inte bara på genomförda "
                "aktiviteter. Här visas hur kännedomen om arbetet utvecklas och hur mycket som "
                "rapporteras. Låg rapportering kan betyda låg kunskap, inte låg aktivitet: "
                "läs därför kännedom och rapportering tillsammans.",
                className="text-body-secondary",
            ),
            _chart(
                "Kännedom i staden över tid",
                "effects-awareness",
                "Varje linje är andelen svarande i hela staden (viktat efter antal svar) som "
                "känner till något: planen, samordnaren, blanketten, stödmaterialet, eller som "
                "anser sin kunskap tillräcklig. Stigande linjer tyder på att arbetet når ut. "
                "Linjerna skiljs åt av streckning och markör, så de går att läsa även i gråskala.",
            ),
            dbc.Row(
                dbc.Col(
                    [
                        dbc.Label("År för jämförelsen per nämnd", html_for="effects-year"),
                        dbc.Select(id="effects-year", value=params["year"]),
                    ],
                    xs=8,
                    md=4,
                    lg=3,
                ),
                className="mb-2",
            ),
            html.P(id="effects-summary", role="status", className="small"),
            _chart(
                "Kunskap om blanketten mot rapportering, per nämnd",
                "effects-scatter",
                "Varje punkt är en nämnd. Längre åt höger: fler känner till blanketten för "
                "avidentifierad information. Högre upp: fler rapporter (blanketter och IA) per "
                "10 000 invånare. Nämnder längst ned till vänster rapporterar lite och känner "
                "blanketten dåligt: där är mörkertalet troligen störst, och insatser för kännedom "
                "bör komma först. Lite rapportering trots god kännedom tyder snarare på få "
                "händelser.",
            ),
            _chart(
                "Rapporteringsvolym i staden per år",
                "effects-volume",
                "Staplarna visar antal händelser rapporterade via blanketten för avidentifierad "
                "information och via IA (stadens incidentrapportering) per år. En ökning efter "
                "informationsinsatser är ofta ett tecken på att fler vet hur man rapporterar, "
                "inte nödvändigtvis på fler händelser.",
            ),
        ]
    )
