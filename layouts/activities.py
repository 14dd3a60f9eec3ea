"""Mina aktiviteter: the coordinator's activities, a follow-up form and the history."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.url_filters import council_filter, record_filter, year_filter
from layouts.components import WRAP, row_selection_grid
from layouts.forms import enum_options, labelled, required_legend
from models.enums import ActivityStatus

# The callbacks choose a council and a plan year when the address names none; `activity`
# opens that activity's form (Att göra links to it).
FILTERS = (
    council_filter("activities-council"),
    year_filter("activities-year", default_this_year=False),
    record_filter("activity", "activities-activity"),
)

COLUMNS = [
    {"field": "section", "headerName": "Avsnitt", "width": 190, **WRAP},
    {"field": "description", "headerName": "Aktivitet", "flex": 3, "minWidth": 240, **WRAP},
    {"field": "responsible", "headerName": "Ansvarig", "flex": 1, "minWidth": 150, **WRAP},
    {"field": "deadline", "headerName": "Slutdatum", "width": 120},
    {"field": "schedule_text", "headerName": "Tidplan (planens text)", "width": 190, **WRAP},
    {"field": "follow_up_text", "headerName": "Uppföljning (planens text)", "width": 190, **WRAP},
    {"field": "status", "headerName": "Status", "width": 130},
    {"field": "completed", "headerName": "Genomförd", "width": 130},
    {"field": "last_update", "headerName": "Senast uppdaterad", "width": 160},
]
STATUS_OPTIONS = enum_options(ActivityStatus)


def form() -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle("Följ upp aktivitet", id="activity-form-title")),
            dbc.ModalBody(
                [
                    html.P(id="activity-form-description", className="fw-semibold"),
                    dcc.Store(id="activity-form-state"),
                    required_legend(),
                    labelled(
                        "Status",
                        dbc.Select(id="activity-status", options=STATUS_OPTIONS),
                        "activity-status",
                        required=True,
                    ),
                    labelled(
                        "Utfall (t.ex. 12 medarbetare)",
                        dbc.Input(id="activity-outcome", type="text", maxLength=1000),
                        "activity-outcome",
                    ),
                    labelled(
                        "Genomförd den (ÅÅÅÅ-MM-DD)",
                        dbc.Input(id="activity-completed-on", type="date"),
                        "activity-completed-on",
                        "Bara för status Genomförd; lämnas tomt blir det dagens datum.",
                    ),
                    labelled(
                        "Kommentar eller underlag (avidentifierat)",
                        dbc.Textarea(id="activity-comment", rows=3, maxLength=4000),
                        "activity-comment",
                    ),
                    # Enabled when an activity the user may follow up is opened (callbacks).
                    dbc.Button(
                        "Spara", id="activity-save", color="primary", n_clicks=0, disabled=True
                    ),
                    html.Div(id="activity-save-result", className="mt-3", role="status"),
                    html.H2("Historik", className="h6 mt-4"),
                    html.Ul(id="activity-history", className="small"),
                ]
            ),
        ],
        id="activity-form",
        labelledby="activity-form-title",
        is_open=False,
        size="lg",
        scrollable=True,
    )


def layout(params: dict[str, str]) -> html.Div:
    return html.Div(
        [
            html.H1("Mina aktiviteter", className="h3"),
            dcc.Store(id="activities-refresh", data=0),
            dbc.Input(id="activities-activity", type="hidden", value=params["activity"]),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label("Nämnd", html_for="activities-council"),
                            dbc.Select(id="activities-council", value=params["council"]),
                        ],
                        md=4,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Planår", html_for="activities-year"),
                            dbc.Select(id="activities-year", value=params["year"]),
                        ],
                        md=2,
                    ),
                ],
                className="mb-3",
            ),
            html.Div(id="activities-message", role="status"),
            html.P(
                "Välj en aktivitet (klicka, eller markera raden med tangentbordet och tryck "
                "mellanslag) för att följa upp den.",
                className="text-body-secondary",
            ),
            row_selection_grid("activities-grid", COLUMNS, "Inga aktiviteter"),
            form(),
        ]
    )
