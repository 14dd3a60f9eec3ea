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
from models.base import stockholm_today
from models.enums import CouncilKind, label
from models.queries.plan_quality import (
    DISTRICT,
    POINTS,
    SCOPE_HEADINGS,
    SHORT_LABELS,
    SPECIALIST_CODES,
    CheckItem,
    PlanQuality,
    points_for,
)
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
    "promemoria den 15 juni 2017, under förutsättning att varje plan kompletterades med bland "
    "annat en uppdaterad beskrivning av grupperna, en skrivning om att personalen deltar i stadens "
    "utbildningar och en beskrivning av hur plan och lägesbild följs upp och revideras och hur "
    "föreningsbidrag och lokaler kontrolleras. Stadsdelsnämnderna och facknämnderna fick dessutom "
    "krav var för sig. Checklistan visar om det som krävs finns registrerat för planen, inte hur "
    "bra texten är."
)


def _range(values: set[int]) -> str:
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}–{high}"


def _points_rule() -> str:
    """How many points each kind of council is checked on, counted from the checklist itself."""
    every = len(points_for(CouncilKind.DISTRICT, "")) - sum(p.scope == DISTRICT for p in POINTS)
    district = len(points_for(CouncilKind.DISTRICT, ""))
    specialist = {len(points_for(CouncilKind.SPECIALIST, code)) for code in SPECIALIST_CODES}
    return (
        f"Varje plan bedöms på de punkter promemorian ställer på just den nämnden: {every} på alla "
        f"nämnder, för stadsdelsnämnderna {district - every} till ({district}), för facknämnderna "
        f"1 till och för utbildnings-, kultur- och socialnämnden deras egna "
        f"({_range(specialist)}). Andelen är uppfyllda punkter av planens egna, så planer med "
        "olika många punkter kan jämföras."
    )


RULES = [
    _points_rule(),
    "Avsnitt: minst en aktivitet i vart och ett av de fyra avsnitten.",
    "Aktiviteter: varje aktivitet har ansvarig, tidplan (datum eller löpande) och "
    "uppföljningskanal.",
    "Lägesbild: reviderad från och med 1 januari året före planåret till och med planårets slut. "
    "Grupperna: lägesbilden är reviderad så och lägesbilden eller analysen nämner en miljö eller "
    "grupp.",
    "Uppföljning och revidering: planens datum för nästa revidering ligger i nästa års T1 "
    "(1 januari–30 april).",
    "Föreningsbidrag och lokaler: en aktivitet i avsnittet, eller en text som nämner både bidrag "
    "och lokaler.",
    "Övriga punkter söker ord i lägesbilden, kartläggningen, analysen och aktiviteternas texter "
    "(beskrivning, ansvarig, tidplan och uppföljning). Punkten visar vilka ord som hittades och "
    "var, eller vad som söktes. En ordsökning kan inte bedöma kvaliteten: den ser att planen "
    "nämner SSP, inte hur väl samverkan fungerar, och inte text som står i planen men inte är "
    "registrerad.",
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
    today = today or stockholm_today()
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
    """Short names of what the plan misses: "Prioritet, revidering med T1, SSP"."""
    text = ", ".join(SHORT_LABELS[item.key] for item in plan.missing)
    return text[:1].upper() + text[1:] if text else "–"


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


_KIND_PLURAL = {
    CouncilKind.DISTRICT: "stadsdelsnämnderna",
    CouncilKind.SPECIALIST: "facknämnderna",
}


def summary(plans: list[PlanQuality], year: int) -> str:
    """The year in one sentence; district and specialist plans apart, since they are checked on
    different numbers of points."""
    if not plans:
        return f"Inga handlingsplaner registrerade för {year}."
    parts = []
    for kind, plural in _KIND_PLURAL.items():
        mine = [p for p in plans if p.council_kind is kind]
        if mine:
            average = sum(p.percent for p in mine) / len(mine)
            parts.append(
                f"{plural} {fmt_percent(average, 0)} av sina "
                f"{_range({p.total for p in mine})} punkter"
            )
    complete = sum(p.passed == p.total for p in plans)
    return (
        f"{fmt_int(len(plans))} {'plan' if len(plans) == 1 else 'planer'} för {year}. "
        "I genomsnitt uppfyller "
        + " och ".join(parts)
        + f". {fmt_int(complete)} uppfyller alla sina punkter."
    )


def _check_row(item: CheckItem) -> html.Li:
    return html.Li(
        dbc.Row(
            [
                dbc.Col(
                    [
                        html.Div(
                            [
                                html.Span(
                                    [
                                        html.Span(
                                            "✓ " if item.passed else "✗ ", **aria("hidden", "true")
                                        ),
                                        "Uppfyllt" if item.passed else "Inte uppfyllt",
                                    ],
                                    className="fw-semibold text-nowrap me-2 "
                                    + (
                                        "text-success-emphasis"
                                        if item.passed
                                        else "text-danger-emphasis"
                                    ),
                                ),
                                html.Span(item.label, className="fw-semibold"),
                            ],
                            className="mb-1",
                        ),
                        html.Figure(
                            [
                                html.Blockquote(
                                    html.P(f"”{item.quote}”", className="mb-0"),
                                    className="mb-0 small fst-italic",
                                ),
                                html.Figcaption(
                                    item.source, className="blockquote-footer small mt-1 mb-0"
                                ),
                            ],
                            className="mb-1 ps-2 border-start",
                        ),
                    ],
                    lg=6,
                ),
                dbc.Col(html.P(item.detail, className="mb-0"), lg=6),
            ],
            className="g-2",
        ),
        id=f"quality-item-{item.key}",
        className="py-2 border-bottom",
    )


def checklist(plan: PlanQuality) -> list[Any]:
    """The plan's points grouped by whom the memo asks them of, each with the memo's words and
    what was found or is missing."""
    groups: dict[str, list[CheckItem]] = {}
    for item in plan.items:
        groups.setdefault(item.scope, []).append(item)
    sections = []
    for scope, items in groups.items():
        passed = sum(item.passed for item in items)
        heading = f"{SCOPE_HEADINGS[scope]}: {passed} av {len(items)} uppfyllda"
        sections.append(
            html.Section(
                [
                    html.H4(heading, className="h6 fw-bold mt-4 mb-1", id=f"quality-scope-{scope}"),
                    html.Ul([_check_row(item) for item in items], className="list-unstyled mb-0"),
                ],
                **aria("labelledby", f"quality-scope-{scope}"),
            )
        )
    return [
        html.H3(
            f"{plan.council_name} {plan.year}: {plan.passed} av {plan.total} punkter uppfyllda "
            f"({fmt_percent(plan.percent, 0)})",
            className="h6",
            id="quality-detail-heading",
        ),
        html.P(
            f"{label(plan.council_kind)}. Status: {label(plan.status)}. Varje punkt citerar "
            "promemorian (eller riktlinjerna) och säger vad som hittades i planen eller vad som "
            "saknas. En ordsökning kan inte bedöma hur bra texten är.",
            className="small text-body-secondary mb-0",
        ),
        html.Div(sections, id="quality-checklist"),
    ]


def no_plan_chosen() -> html.P:
    return html.P(
        "Välj en plan i tabellen, i diagrammet eller i listan Nämnd för att se dess checklista.",
        className="mb-0 text-body-secondary",
    )
