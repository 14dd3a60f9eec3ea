"""Översikt: the city-wide picture for KS and the central coordinator.

Every filter lives in the URL query string (`?year=2025&period=t1&milieu=white_power`), so a
link reproduces the view.
"""

from datetime import date
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.exports import pdf
from dashboard.figures.overview import MEASURES
from dashboard.url_filters import choice_filter, period_filter, year_filter
from layouts.chart_table import chart, graph
from layouts.components import (
    GRID_COLUMN_DEFAULTS,
    WRAP,
    aria,
    grid_locale,
    loading,
    year_options,
)
from layouts.forms import enum_options, grouped
from models import rules
from models.base import stockholm_today
from models.enums import CouncilKind, IncidentSource, Milieu
from models.rules import offered_years

# Each report counts from 1 January (rules.period): T2 is jan–aug, helår is the VB.
PERIOD_OPTIONS = [
    {"label": f"{'Helår/VB' if code == 'vb' else p.name} ({p.months_text})", "value": code}
    for code in ("vb", "t1", "t2")
    if (p := rules.period(2000, code))
]
ALL = {"label": "Alla", "value": "all"}
# The filters every figure answers to, in the order the callbacks take them; `measure` only
# picks how the councils are compared.
DATA_FILTERS = (
    year_filter("overview-year"),
    period_filter("overview-period"),
    choice_filter("milieu", "overview-milieu", [m.value for m in Milieu], "all"),
    choice_filter("source", "overview-source", [s.value for s in IncidentSource], "all"),
    choice_filter("kind", "overview-kind", [k.value for k in CouncilKind], "all"),
)
DEFAULT_MEASURE = "incidents"
MEASURE = choice_filter("measure", "overview-measure", list(MEASURES), DEFAULT_MEASURE)
FILTERS = (*DATA_FILTERS, MEASURE)
# Where the key figures link to on this page (the cards are built by callbacks/overview.py).
TREND = "overview-trend"
COUNCILS_TITLE = "overview-councils-title"
OVERDUE_TITLE = "overview-overdue-title"
ALL_COUNCILS = "overview-all-councils"
# Where a click on the map sends the browser: a Location of the page's own, so that the click's
# callback, whose output is on the page, is not fired (and waited for) when the page loads.
OPEN_COUNCIL = "overview-open-council"
# The comparison chart shows this many councils unless the user asks for all of them.
TOP_COUNCILS = 20
OVERDUE_COLUMNS = [
    {
        "field": "council",
        "headerName": "Nämnd",
        "width": 210,
        "cellRenderer": "CouncilLink",  # assets/lagesbild.js: the name links to its page
        **WRAP,
    },
    {"field": "section", "headerName": "Avsnitt", "width": 170, **WRAP},
    {"field": "description", "headerName": "Aktivitet", "flex": 3, **WRAP, "minWidth": 260},
    {"field": "responsible", "headerName": "Ansvarig", "flex": 1, **WRAP, "minWidth": 150},
    {"field": "deadline", "headerName": "Slutdatum", "width": 120},
    {
        "field": "days_over",
        "headerName": "Dagar över",
        "width": 150,
        "filter": False,
        "type": "rightAligned",
        "sort": "desc",
    },
]


def _filter(label: str, control_id: str, options: list[dict[str, str]], value: str) -> dbc.Col:
    return dbc.Col(
        [
            dbc.Label(label, html_for=control_id, className="mb-1"),
            dbc.Select(id=control_id, options=options, value=value),
        ],
        xs=6,
        md=4,
        lg=2,
        className="mb-2",
    )


def _id(value: str | None) -> dict[str, Any]:
    return {"id": value} if value else {}


def _card(title: str, body: list[Any], title_id: str | None = None, **col: Any) -> dbc.Col:
    return dbc.Col(
        dbc.Card(dbc.CardBody([html.H2(title, className="h5", **_id(title_id)), *body])),
        className="mb-3",
        **col,
    )


def _radio(control_id: str, options: dict[str, str], value: str, label: str) -> html.Fieldset:
    return grouped(
        label,
        dbc.RadioItems(
            id=control_id,
            options=[{"label": v, "value": k} for k, v in options.items()],
            value=value,
            inline=True,
            className="small",
        ),
        class_name="d-flex flex-wrap align-items-center mb-2",
        legend_class="small float-none w-auto me-2 mb-0",
    )


def layout(params: dict[str, str], today: date | None = None) -> html.Div:
    """`params` holds the filters' valid values (parsed by the page registry)."""
    today = today or stockholm_today()
    filters = dbc.Row(
        [
            _filter("År", "overview-year", year_options(offered_years(today)), params["year"]),
            _filter("Period", "overview-period", PERIOD_OPTIONS, params["period"]),
            _filter("Miljö", "overview-milieu", [ALL, *enum_options(Milieu)], params["milieu"]),
            _filter(
                "Källa", "overview-source", [ALL, *enum_options(IncidentSource)], params["source"]
            ),
            _filter("Nämndtyp", "overview-kind", [ALL, *enum_options(CouncilKind)], params["kind"]),
        ],
        className="mb-2",
    )
    measure = params["measure"]
    return html.Div(
        [
            dcc.Location(id=OPEN_COUNCIL, refresh="callback-nav"),
            html.H1("Översikt", className="h3"),
            html.Section(filters, **aria("label", "Filter")),
            city_report_panel(pdf.available()),
            loading(dbc.Row(id="overview-kpis")),
            html.Div(id="overview-milieu-kpis", className="mb-3"),
            html.Div(id="overview-alerts"),  # trend alerts (layouts.alerts.alert_list)
            dbc.Row(
                [
                    _card(
                        "Händelser över tid, per miljö",
                        [
                            _radio(
                                "overview-granularity",
                                {"tertial": "Tertial", "month": "Månad"},
                                "tertial",
                                "Visa per",
                            ),
                            chart("overview-trend"),
                            html.P(
                                "Staplarna summerar antalet händelser; en rapport kan gälla flera. "
                                "Efter en sammanslagning visas den nya nämndens hela område.",
                                className="small text-body-secondary mb-0",
                            ),
                        ],
                        lg=12,
                    ),
                ]
            ),
            _radio("overview-measure", MEASURES, measure, "Jämför nämnderna med"),
            dbc.Row(
                [
                    _card(
                        "Stadsdelskarta",
                        [
                            graph("overview-map"),
                            html.P(
                                "Schematisk karta över stadsdelsnämnderna det valda året. Klicka "
                                "på en ruta, eller välj i listan, för att öppna nämndsidan.",
                                className="small text-body-secondary",
                            ),
                            html.Nav(id="overview-council-links", **aria("label", "Nämndsidor")),
                        ],
                        "overview-map-title",
                        lg=6,
                    ),
                    _card(
                        "Nämnderna jämförda",
                        [
                            dbc.Switch(
                                id=ALL_COUNCILS,
                                label="Visa alla nämnder",
                                value=False,
                                class_name="small",
                                style={"display": "none"},
                            ),
                            chart("overview-councils"),
                            html.P(
                                id="overview-population-note",
                                className="small text-body-secondary mb-0",
                            ),
                        ],
                        "overview-councils-title",
                        lg=6,
                    ),
                ]
            ),
            dbc.Row(
                [
                    _card(
                        "Förfallna aktiviteter",
                        [
                            html.P(
                                "Slutdatum passerat, varken genomförd eller inställd.",
                                className="small text-body-secondary",
                                id="overview-overdue-note",
                            ),
                            dag.AgGrid(
                                id="overview-overdue",
                                columnDefs=OVERDUE_COLUMNS,
                                rowData=[],
                                defaultColDef=GRID_COLUMN_DEFAULTS | {"filter": True},
                                dashGridOptions={
                                    "domLayout": "autoHeight",
                                    "pagination": True,
                                    "paginationPageSize": 20,
                                    "localeText": grid_locale("Inga förfallna aktiviteter"),
                                },
                                className="ag-theme-quartz",
                                style={"width": "100%"},
                            ),
                        ],
                        OVERDUE_TITLE,
                        lg=12,
                    ),
                ]
            ),
        ]
    )


# --- Lägesbild för staden: the KS report as a background export ---------------------------------
CITY_REPORT_WORD = "city-report-word"
CITY_REPORT_PDF = "city-report-pdf"
CITY_REPORT_JOB = "city-report-job"
CITY_REPORT_POLL = "city-report-poll"
CITY_REPORT_STATUS = "city-report-status"


def city_report_panel(pdf_available: bool) -> html.Section:
    """Buttons that start the city-wide lägesbild for the chosen year; the file is built in the
    background while a progress bar says how far it has come (callbacks/overview.py). The PDF
    button is only there when the server can make PDF (LibreOffice)."""
    buttons = [
        dbc.Button(
            "Lägesbild för staden (Word)",
            id=CITY_REPORT_WORD,
            color="primary",
            outline=True,
            size="sm",
            className="me-2 mb-1",
        )
    ]
    if pdf_available:
        buttons.append(
            dbc.Button(
                "Lägesbild för staden (PDF)",
                id=CITY_REPORT_PDF,
                color="primary",
                outline=True,
                size="sm",
                className="me-2 mb-1",
            )
        )
    return html.Section(
        [
            html.Div(buttons, className="d-flex flex-wrap align-items-center"),
            html.Div(
                id=CITY_REPORT_STATUS,
                role="status",
                className="small mt-1",
                style={"maxWidth": "32rem"},
                **aria("live", "polite"),
            ),
            dcc.Store(id=CITY_REPORT_JOB),
            dcc.Interval(id=CITY_REPORT_POLL, interval=700, disabled=True),
        ],
        className="mb-3",
        **aria("label", "Export"),
    )


def city_report_status(
    state: str, percent: int, message: str, href: str | None = None, filename: str = ""
) -> list[Any]:
    """What the export says while it runs (a progress bar and a Swedish line), when it is ready
    (the download link) and when it failed (why)."""
    if state == "done" and href:
        return [
            html.A(f"Hämta {filename}", href=href, className="fw-semibold", id="city-report-link"),
            html.Span(" – filen är klar.", className="text-body-secondary"),
        ]
    if state == "failed":
        return [dbc.Alert(message, color="danger", className="py-1 px-2 mb-0")]
    return [
        # Bootstrap's progress markup by hand: dbc.Progress cannot carry the accessible name
        # a progressbar needs (axe: aria-progressbar-name).
        html.Div(
            html.Div(
                f"{percent} %",
                className="progress-bar progress-bar-striped progress-bar-animated",
                style={"width": f"{percent}%"},
            ),
            className="progress mb-1",
            role="progressbar",
            style={"height": "1.1rem"},
            **aria("label", "Förlopp för lägesbilden"),
            **aria("valuenow", str(percent)),
            **aria("valuemin", "0"),
            **aria("valuemax", "100"),
        ),
        html.Span(f"Lägesbilden skapas: {message.lower()} …", className="text-body-secondary"),
    ]
