"""Händelser, the incident register: incidents filtered by council, police area, period,
source, category, milieu and sub-area, a page at a time; a selected incident opens a correction
form with its history and a way to withdraw it with a reason; withdrawn incidents are shown on
request and can be restored.

Every filter is in the address with the names other pages link with (`council`, `area`, `from`,
`to`, `source`, `category`, `milieu`, `sub_area`, and `year` as a shortcut for a whole year).
The address's values are read as given here and checked by the page's first callback
(dashboard.services.incidents.read_register_filters), which says in Swedish what it ignored.
"""

from datetime import date
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.url_filters import MAX_VALUE_LENGTH, UrlFilter
from layouts.components import GRID_COLUMN_DEFAULTS, WRAP, aria, grid_locale
from layouts.forms import enum_options, labelled
from models.enums import IncidentCategory, IncidentSource, Milieu


def _as_given(raw: str, _today: date) -> str | None:
    """The address's value as given (trimmed); the page's callback checks it and says why it
    ignores a bad one, which a silent fallback would not."""
    return raw.strip()[:MAX_VALUE_LENGTH] or None


def _nothing(_today: date) -> None:
    return None


def _filter(name: str, control: str) -> UrlFilter:
    return UrlFilter(name, f"incidents-{control}", _as_given, _nothing)


FILTERS = (
    _filter("council", "council"),
    _filter("area", "area"),
    _filter("year", "year"),
    _filter("from", "from"),
    _filter("to", "to"),
    _filter("source", "source"),
    _filter("category", "category"),
    _filter("milieu", "milieu"),
    _filter("sub_area", "sub-area"),
)
ANY = [{"label": "Alla", "value": ""}]

FIELDS = (
    "date",
    "source",
    "category",
    "milieu",
    "severity",
    "count",
    "sub_area",
    "description",
    "reason",
)
COLUMNS = [
    {"field": "date", "headerName": "Datum", "width": 112},
    {"field": "milieu", "headerName": "Miljö", "width": 150, **WRAP},
    {"field": "category", "headerName": "Kategori", "width": 140, **WRAP},
    {"field": "source", "headerName": "Källa", "width": 150, **WRAP},
    {"field": "count", "headerName": "Antal", "width": 84, "type": "rightAligned"},
    {"field": "sub_area", "headerName": "Delområde", "width": 130, **WRAP},
    {"field": "council", "headerName": "Nämnd", "width": 150, **WRAP},
    {"field": "description", "headerName": "Beskrivning", "flex": 1, "minWidth": 220, **WRAP},
]
WITHDRAWN_COLUMNS = [
    {"field": "date", "headerName": "Datum", "width": 112},
    {"field": "council", "headerName": "Nämnd", "width": 140, **WRAP},
    {"field": "reason", "headerName": "Motivering", "flex": 1, "minWidth": 220, **WRAP},
    {"field": "withdrawn_by", "headerName": "Återkallad av", "width": 130, **WRAP},
    {"field": "withdrawn_at", "headerName": "Återkallad", "width": 150},
    {"field": "milieu", "headerName": "Miljö", "width": 150, **WRAP},
    {"field": "category", "headerName": "Kategori", "width": 140, **WRAP},
    {"field": "count", "headerName": "Antal", "width": 84, "type": "rightAligned"},
]
SEVERITY_OPTIONS = [{"label": "Ingen angiven", "value": ""}] + [
    {"label": str(n), "value": str(n)} for n in range(1, 5)
]


def register_grid(
    grid_id: str, columns: list[dict[str, Any]], empty: str, style: dict[str, str], **options: Any
) -> dag.AgGrid:
    """A grid of the register: one row selected by a click opens it beside the grid."""
    return dag.AgGrid(
        id=grid_id,
        columnDefs=columns,
        rowData=[],
        defaultColDef=GRID_COLUMN_DEFAULTS | {"sortable": False},
        getRowId="params.data.id",
        dashGridOptions={
            "rowSelection": {
                "mode": "singleRow",
                "checkboxes": False,
                "enableClickSelection": True,
            },
            "localeText": grid_locale(empty),
            **options,
        },
        className="ag-theme-quartz",
        style=style,
    )


def field_id(name: str) -> str:
    return f"correct-{name.replace('_', '-')}"


def withdraw_form() -> html.Section:
    """Withdraw the open incident with a reason: it stops counting, and is kept with the reason,
    who and when, so it can be restored."""
    return html.Section(
        [
            html.H3("Återkalla händelsen", className="h6", id="withdraw-title"),
            html.P(
                "Till exempel när samma händelse registrerats två gånger. Händelsen räknas inte "
                "längre men sparas med motiveringen och kan återställas.",
                className="small text-body-secondary mb-2",
            ),
            labelled(
                "Varför återkallas händelsen?",
                dbc.Textarea(id="withdraw-reason", rows=2, maxLength=1000),
                "withdraw-reason",
                required=True,
            ),
            dbc.Button(
                "Återkalla händelsen",
                id="withdraw-save",
                color="danger",
                outline=True,
                n_clicks=0,
            ),
            html.Div(id="withdraw-result", className="mt-2", role="status"),
        ],
        className="border-top mt-4 pt-3",
        **aria("labelledby", "withdraw-title"),
    )


def withdrawn_section() -> html.Section:
    """The withdrawn incidents the filters match, shown with "Visa återkallade"."""
    return html.Section(
        [
            html.H2("Återkallade händelser", className="h5", id="withdrawn-title"),
            html.P(
                "Återkallade händelser räknas inte i någon siffra. Välj en rad för att återställa "
                "den.",
                className="text-body-secondary small",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            register_grid(
                                "withdrawn-grid",
                                WITHDRAWN_COLUMNS,
                                "Inga återkallade händelser",
                                {"width": "100%"},
                                domLayout="autoHeight",
                            ),
                            html.P(id="withdrawn-range", className="small mt-2", role="status"),
                        ],
                        lg=7,
                    ),
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.P(
                                        "Välj en återkallad händelse för att återställa den.",
                                        id="restore-hint",
                                        className="mb-0",
                                    ),
                                    html.Div(
                                        [
                                            html.H3(
                                                "Återställ händelse",
                                                className="h6",
                                                id="restore-title",
                                            ),
                                            dcc.Store(id="restore-state"),
                                            html.P(id="restore-detail", className="small"),
                                            html.Div(id="restore-access", role="status"),
                                            labelled(
                                                "Varför återställs händelsen?",
                                                dbc.Textarea(
                                                    id="restore-reason", rows=2, maxLength=1000
                                                ),
                                                "restore-reason",
                                                required=True,
                                            ),
                                            dbc.Button(
                                                "Återställ händelsen",
                                                id="restore-save",
                                                color="primary",
                                                n_clicks=0,
                                            ),
                                        ],
                                        id="restore-panel",
                                        style={"display": "none"},
                                    ),
                                    html.Div(id="restore-result", className="mt-2", role="status"),
                                ]
                            ),
                            className="mb-3",
                        ),
                        lg=5,
                    ),
                ]
            ),
        ],
        id="withdrawn-section",
        className="mt-4",
        style={"display": "none"},
        **aria("labelledby", "withdrawn-title"),
    )


def _select(
    text: str, control_id: str, value: str | None, placeholder: str = "Alla", **col: int
) -> dbc.Col:
    """A filter's select; "" (shown as the placeholder, e.g. "Alla") is no filter."""
    select = dbc.Select(id=control_id, options=ANY, value=value or "", placeholder=placeholder)
    return dbc.Col(labelled(text, select, control_id), **col)


def filter_rows(params: dict[str, str | None]) -> list[dbc.Row]:
    """The filters; their values are set (checked) by the page's first callback."""
    return [
        dbc.Row(
            [
                _select("Nämnd", "incidents-council", params.get("council"), xs=12, md=6, lg=3),
                _select(
                    "Lokalpolisområde", "incidents-area", params.get("area"), xs=12, md=6, lg=3
                ),
                _select(
                    "År",
                    "incidents-year",
                    params.get("year"),
                    "Eget datumintervall",
                    xs=12,
                    md=4,
                    lg=2,
                ),
                dbc.Col(
                    labelled(
                        "Från",
                        dbc.Input(id="incidents-from", type="date", value=""),
                        "incidents-from",
                    ),
                    xs=6,
                    md=4,
                    lg=2,
                ),
                dbc.Col(
                    labelled(
                        "Till",
                        dbc.Input(id="incidents-to", type="date", value=""),
                        "incidents-to",
                    ),
                    xs=6,
                    md=4,
                    lg=2,
                ),
            ],
            className="g-2",
        ),
        dbc.Row(
            [
                _select("Källa", "incidents-source", params.get("source"), md=3, xs=6),
                _select("Kategori", "incidents-category", params.get("category"), md=3, xs=6),
                _select("Miljö", "incidents-milieu", params.get("milieu"), md=3, xs=6),
                dbc.Col(
                    labelled(
                        "Delområde innehåller",
                        dbc.Input(
                            id="incidents-sub-area",
                            type="search",
                            value=params.get("sub_area") or "",
                            maxLength=60,
                            debounce=True,
                        ),
                        "incidents-sub-area",
                    ),
                    md=3,
                    xs=6,
                ),
            ],
            className="g-2",
        ),
        dbc.Row(
            dbc.Col(
                dbc.Switch(id="incidents-withdrawn", label="Visa återkallade", value=False),
                className="mb-2",
            )
        ),
    ]


def correction_form() -> html.Div:
    return html.Div(
        [
            html.H2("Rätta händelse", className="h5", id="correct-title"),
            dcc.Store(id="correct-state"),
            html.Div(id="correct-access", role="status"),
            dbc.Form(
                dbc.Row(
                    [
                        dbc.Col(
                            labelled(
                                "Datum",
                                dbc.Input(id=field_id("date"), type="date"),
                                field_id("date"),
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            html.Div(
                                dbc.Checkbox(
                                    id="correct-month-only",
                                    label="Endast månaden är känd",
                                    value=False,
                                ),
                                className="mt-sm-4 pt-sm-2 mb-3",
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            labelled(
                                "Källa",
                                dbc.Select(
                                    id=field_id("source"), options=enum_options(IncidentSource)
                                ),
                                field_id("source"),
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            labelled(
                                "Kategori",
                                dbc.Select(
                                    id=field_id("category"), options=enum_options(IncidentCategory)
                                ),
                                field_id("category"),
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            labelled(
                                "Miljö",
                                dbc.Select(id=field_id("milieu"), options=enum_options(Milieu)),
                                field_id("milieu"),
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            labelled(
                                "Allvarlighetsgrad",
                                dbc.Select(id=field_id("severity"), options=SEVERITY_OPTIONS),
                                field_id("severity"),
                                "1 är lägst, 4 högst.",
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            labelled(
                                "Antal",
                                dbc.Input(id=field_id("count"), type="number", min=1, step=1),
                                field_id("count"),
                            ),
                            sm=4,
                        ),
                        dbc.Col(
                            labelled(
                                "Delområde (valfritt)",
                                dbc.Input(id=field_id("sub_area"), type="text", maxLength=120),
                                field_id("sub_area"),
                            ),
                            sm=8,
                        ),
                        dbc.Col(
                            labelled(
                                "Beskrivning (avidentifierad)",
                                dbc.Textarea(id=field_id("description"), rows=3, maxLength=4000),
                                field_id("description"),
                            ),
                            xs=12,
                        ),
                        dbc.Col(
                            labelled(
                                "Motivering",
                                dbc.Textarea(id=field_id("reason"), rows=2, maxLength=1000),
                                field_id("reason"),
                                "Krävs när miljön ändras, t.ex. till Ej VBE-koppling efter "
                                "granskning. Sparas i historiken.",
                            ),
                            xs=12,
                        ),
                    ]
                )
            ),
            html.Div(
                [
                    dbc.Button("Spara rättelse", id="correct-save", color="primary", n_clicks=0),
                    dbc.Button(
                        "Ej VBE-koppling efter granskning",
                        id="correct-not-vbe",
                        color="secondary",
                        outline=True,
                        n_clicks=0,
                    ),
                ],
                className="d-flex flex-wrap gap-2",
            ),
            dcc.Store(id="correct-focus"),
            html.Div(id="correct-result", className="mt-3", role="status"),
            withdraw_form(),
            html.H3("Historik", className="h6 mt-4"),
            html.Div(id="correct-history", className="small"),
        ],
        id="correct-panel",
        style={"display": "none"},
    )


def layout(params: dict[str, str | None]) -> html.Div:
    return html.Div(
        [
            html.H1("Händelser", className="h3"),
            html.P(
                "Registrerade händelser, filtrerade på nämnd, lokalpolisområde, period, källa, "
                "kategori, miljö och delområde. Välj en rad för att se dess historik och rätta, "
                "klassa om eller återkalla den; ändringen syns direkt i översikten och på "
                "nämndens sida.",
                className="text-body-secondary",
            ),
            dcc.Store(id="incidents-requested", data={f.name: params.get(f.name) for f in FILTERS}),
            dcc.Store(id="incidents-offset", data=0),
            dcc.Store(id="incidents-refresh", data=0),
            html.Div(id="incidents-notes", role="status"),
            *filter_rows(params),
            html.Div(id="incidents-action-result", role="status"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            # A page of 100 rows scrolls inside the grid, beside the form.
                            register_grid(
                                "incidents-grid",
                                COLUMNS,
                                "Inga händelser",
                                {"width": "100%", "height": "min(640px, 75vh)"},
                            ),
                            html.Nav(
                                [
                                    dbc.Button(
                                        "Föregående",
                                        id="incidents-prev",
                                        color="secondary",
                                        outline=True,
                                        size="sm",
                                        n_clicks=0,
                                    ),
                                    html.Span(
                                        id="incidents-range",
                                        className="mx-3",
                                        role="status",
                                    ),
                                    dbc.Button(
                                        "Nästa",
                                        id="incidents-next",
                                        color="secondary",
                                        outline=True,
                                        size="sm",
                                        n_clicks=0,
                                    ),
                                ],
                                className="d-flex align-items-center mt-2 mb-3",
                                **aria("label", "Sidor med händelser"),
                            ),
                        ],
                        lg=7,
                    ),
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.P(
                                        "Välj en händelse i listan för att se dess historik och "
                                        "rätta den.",
                                        id="correct-hint",
                                        className="mb-0",
                                    ),
                                    correction_form(),
                                ]
                            ),
                            className="mb-3",
                        ),
                        lg=5,
                    ),
                ]
            ),
            withdrawn_section(),
        ]
    )
