"""Att göra: what a coordinator must attend to this period."""

import dash_bootstrap_components as dbc
from dash import html

from layouts.components import app_link


def layout(params: dict[str, str]) -> html.Div:
    return html.Div(
        [
            html.H1("Att göra", className="h3"),
            html.P(id="todo-period", className="text-body-secondary"),
            html.Div(id="todo-content"),
        ]
    )


def activity_list(
    title: str, rows: list[tuple[str, str, str]], empty: str, list_id: str
) -> dbc.Card:
    """rows: (description, detail, link)."""
    body: list[object] = [html.H2(f"{title} ({len(rows)})", className="h5")]
    if rows:
        body.append(
            html.Ul(
                [
                    html.Li(
                        [
                            app_link(text, link),
                            html.Span(f" – {detail}", className="text-body-secondary"),
                        ]
                    )
                    for text, detail, link in rows
                ],
                className="mb-0",
            )
        )
    else:
        body.append(html.P(empty, className="mb-0"))
    return dbc.Card(dbc.CardBody(body), className="mb-3", id=list_id)


def summary(
    council_name: str, overdue: int, years: str, due: int, stale: int, period: str, since: str
) -> dbc.Alert:
    """years: "planerna 2020–2026" (rules.years_text); since: the day stale is counted from."""
    aktiviteter = "aktivitet" if overdue == 1 else "aktiviteter"
    return dbc.Alert(
        [
            html.Strong(f"Att göra för {council_name}: "),
            f"{overdue} förfallna {aktiviteter}" + (f" i {years}" if years else "") + ", "
            f"{due} med slutdatum under {period}, "
            f"{stale} löpande utan uppdatering sedan {since}. ",
            app_link("Visa att göra-listan", "/att-gora", className="alert-link"),
        ],
        color="info",
        id="todo-summary-alert",
    )
