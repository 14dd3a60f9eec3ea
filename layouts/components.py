"""Small reusable pieces."""

import dash_bootstrap_components as dbc
from dash import html


def kpi_card(label: str, value: str, detail: str = "", card_id: str | None = None) -> dbc.Col:
    body = [
        html.Div(value, className="lb-kpi-value"),
        html.Div(label, className="lb-kpi-label"),
    ]
    if detail:
        body.append(html.Div(detail, className="small text-body-secondary mt-1"))
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(body), className="lb-kpi h-100", **({"id": card_id} if card_id else {})
        ),
        xs=12,
        sm=6,
        lg=3,
        className="mb-3",
    )


def not_found() -> html.Div:
    return html.Div(
        [html.H1("Sidan finns inte", className="h3"), html.A("Till översikten", href="/")]
    )
