"""Plankvalitet: each plan of a year checked against the KS memo of 2017, with a drill-down.

The year and the chosen council live in the URL (`?year=2023&council=OST`), so a link
reproduces the view.
"""

from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.formatting import fmt_int, fmt_percent
from dashboard.url_filters import council_filter, year_filter
from layouts.chart_table import graph
from layouts.components import WRAP, aria, loading, row_selection_grid, year_options
from models.enums import label
from models.queries.plan_quality import PlanQuality
from models.rules import offered_years

FILTERS = (year_filter("quality-year"), council_filter("quality-council"))

COLUMNS = [
    {"field": "council", "headerName": "Nämnd", "flex": 2, "minWidth": 210, **WRAP},
    {"field": "status", "headerName": "Status", "width": 150},
    {"field": "score", "headerName": "Uppfyllt", "width": 100},
    {
        "field": "percent",
        "headerName": "Andel (%)",
        "width": 120,
        "type": "rightAligned",
        "sort": "desc",
    },
    {"field": "missing", "headerName": "Saknas", "flex": 3, "minWidth": 220, **WRAP},
]

EXPLANATION = (
    "Kommunstyrelsen godkände de lokala handlingsplanerna mot våldsbejakande extremism i en "
    "promemoria den 15 juni 2017 och ställde då krav på varje plan: en överskådlig tabell över "
    "aktiviteter med tidsplan och ansvar, en beskrivning av hur plan och lägesbild följs upp och "
    "revideras årligen, hur föreningsbidrag och lokaler kontrolleras, och lägesbilder som tas fram "
    "i samverkan med polisen. Checklistan visar om det som krävs finns registrerat för planen, "
    "inte hur bra texten är."
)
RULES = [
    "Avsnitt: minst en aktivitet i vart och ett av de fyra avsnitten.",
    "Aktiviteter: varje aktivitet har ansvarig, tidplan (datum eller löpande) och "
    "uppföljningskanal.",
    "Lägesbild: reviderad från och med 1 januari året före planåret till och med planårets slut.",
    "Enkät och samverkan med polisen: registrerad planåret eller året före (en ny nämnd räknar "
    "också sina föregångares). Samverkan gäller stadsdelsnämnder och kräver VBE på dagordningen.",
    "Beslut: behandlad av nämnden och godkänd av KS.",
]


def _card(title: str, body: list[Any], title_id: str, **col: Any) -> dbc.Col:
    return dbc.Col(
        dbc.Card(dbc.CardBody([html.H2(title, className="h5", id=title_id), *body])),
        className="mb-3",
        **col,
    )


def layout(params: dict[str, str], today: date | None = None) -> html.Div:
    today = today or date.today()
    years = year_options(offered_years(today))
    year, council = params["year"], params["council"] or ""
    return html.Div(
        [
            html.H1("Plankvalitet", className="h3"),
            html.P(EXPLANATION, className="mb-1", id="quality-explanation"),
            html.Details(
                [
                    html.Summary("Så bedöms punkterna", className="small"),
                    html.Ul([html.Li(rule) for rule in RULES], className="small mb-0 mt-1"),
                ],
                className="mb-3 text-body-secondary",
            ),
            html.Section(
                dbc.Row(
                    [
                        dbc.Col(
                            [
                                dbc.Label("Planår", html_for="quality-year", className="mb-1"),
                                dbc.Select(id="quality-year", options=years, value=year),
                            ],
                            xs=6,
                            md=3,
                            lg=2,
                            className="mb-2",
                        ),
                        dbc.Col(
                            [
                                dbc.Label("Nämnd", html_for="quality-council", className="mb-1"),
                                # Options come with the year's plans; keep the URL's choice.
                                dbc.Select(
                                    id="quality-council",
                                    options=[],
                                    value=council,
                                    placeholder="Välj nämnd …",
                                ),
                            ],
                            xs=6,
                            md=4,
                            lg=3,
                            className="mb-2",
                        ),
                    ],
                    className="mb-2",
                ),
                **aria("label", "Filter"),
            ),
            html.P(id="quality-summary", role="status", className="fw-semibold"),
            dbc.Row(
                [
                    _card(
                        "Andel uppfyllda punkter per nämnd",
                        [
                            loading(graph("quality-chart")),
                            html.P(
                                "Klicka på en stapel för att se nämndens checklista.",
                                className="small text-body-secondary mb-0",
                            ),
                        ],
                        "quality-chart-title",
                        lg=4,
                    ),
                    _card(
                        "Planerna",
                        [
                            html.P(
                                "Välj en plan (klicka, eller markera raden med tangentbordet och "
                                "tryck mellanslag) för att se checklistan.",
                                className="small text-body-secondary",
                            ),
                            row_selection_grid(
                                "quality-grid", COLUMNS, "Inga planer för året", row_id="code"
                            ),
                        ],
                        "quality-grid-title",
                        lg=8,
                    ),
                ]
            ),
            dbc.Row(
                _card(
                    "Checklista",
                    [html.Div(id="quality-detail", **aria("live", "polite"))],
                    "quality-detail-title",
                    lg=12,
                )
            ),
        ]
    )


def _missing_text(plan: PlanQuality) -> str:
    return ", ".join(item.label for item in plan.missing) or "–"


def grid_rows(plans: list[PlanQuality]) -> list[dict[str, Any]]:
    return [
        {
            "code": p.council_code,
            "council": p.council_name,
            "status": label(p.status),
            "score": f"{p.passed} av {p.total}",
            "percent": round(p.percent),
            "missing": _missing_text(p),
        }
        for p in plans
    ]


def summary(plans: list[PlanQuality], year: int) -> str:
    if not plans:
        return f"Inga handlingsplaner registrerade för {year}."
    average = sum(p.percent for p in plans) / len(plans)
    complete = sum(p.passed == p.total for p in plans)
    return (
        f"{fmt_int(len(plans))} planer för {year}: i genomsnitt {fmt_percent(average, 0)} av "
        f"punkterna uppfyllda, {fmt_int(complete)} uppfyller alla."
    )


def checklist(plan: PlanQuality) -> list[Any]:
    rows = [
        html.Tr(
            [
                html.Th(item.label, scope="row", className="fw-normal"),
                html.Td(
                    [
                        html.Span("✓ " if item.passed else "✗ ", **aria("hidden", "true")),
                        "Uppfyllt" if item.passed else "Saknas",
                    ],
                    className="fw-semibold text-nowrap "
                    + ("text-success-emphasis" if item.passed else "text-danger-emphasis"),
                ),
                html.Td(item.detail),
            ],
            id=f"quality-item-{item.key}",
        )
        for item in plan.items
    ]
    return [
        html.H3(
            f"{plan.council_name} {plan.year}: {plan.passed} av {plan.total} punkter uppfyllda "
            f"({fmt_percent(plan.percent, 0)})",
            className="h6",
            id="quality-detail-heading",
        ),
        html.P(f"Status: {label(plan.status)}.", className="small text-body-secondary"),
        dbc.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th("Krav", scope="col"),
                            html.Th("Resultat", scope="col"),
                            html.Th("Vad som finns eller saknas", scope="col"),
                        ]
                    )
                ),
                html.Tbody(rows),
            ],
            size="sm",
            className="mb-0 align-middle",
            id="quality-checklist",
        ),
    ]


def no_plan_chosen() -> html.P:
    return html.P(
        "Välj en plan i tabellen, i diagrammet eller i listan Nämnd för att se dess checklista.",
        className="mb-0 text-body-secondary",
    )
