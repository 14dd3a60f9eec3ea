"""Handlingsplan: edit a plan's texts and activities, approve it, create next year's plan."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.url_filters import council_filter, plan_year_filter
from layouts.components import WRAP, row_selection_grid
from layouts.forms import enum_options, grouped, labelled, required_legend
from models.enums import FollowUp, Schedule, Section

# The callbacks choose a council and a plan year when the address names none.

# The callbacks choose a council and a plan year when the address names none.
FILTERS = (council_filter("plan-council"), plan_year_filter("plan-year"))

ACTIVITY_COLUMNS = [
    {"field": "section", "headerName": "Avsnitt", "width": 190, **WRAP},
    {"field": "description", "headerName": "Aktivitet", "flex": 3, "minWidth": 300, **WRAP},
    {"field": "responsible", "headerName": "Ansvarig", "flex": 1, "minWidth": 160, **WRAP},
    {"field": "deadline", "headerName": "Tidplan", "width": 120},
    {"field": "schedule_text", "headerName": "Tidplan (planens text)", "width": 190, **WRAP},
    {"field": "follow_up", "headerName": "Uppföljning", "width": 190, **WRAP},
    {"field": "follow_up_text", "headerName": "Uppföljning (planens text)", "width": 190, **WRAP},
    {"field": "target", "headerName": "Mål", "width": 160, **WRAP},
]
TEXTS = (
    ("dnr", "Dnr (diarienummer)"),
    ("lagesbild", "Lokal lägesbild"),
    ("sources", "Kartläggning och källor"),
    ("analysis", "Analys"),
)


# Approval is a decision with a date: (date field, its label, the button that records it).
DECISIONS = (
    ("plan-council-approved-on", "Nämndens beslutsdatum", "plan-approve-council",
     "Markera som nämndbehandlad"),
    ("plan-ks-approved-on", "KS:s beslutsdatum", "plan-approve-ks", "Godkänn för KS"),
)  # fmt: skip
# Every button that saves: enabled by the callbacks only for a user who may write the council.
SAVE_BUTTONS = (
    "plan-approve-council",
    "plan-approve-ks",
    "plan-save-texts",
    "plan-activity-new",
    "plan-activity-save",
    "plan-create",
)


def decision(field_id: str, title: str, button_id: str, button: str) -> dbc.Col:
    return dbc.Col(
        [
            labelled(
                title,
                dbc.Input(id=field_id, type="date", disabled=True),
                field_id,
                "ÅÅÅÅ-MM-DD, dagen då beslutet fattades (i dag om inget annat anges).",
            ),
            dbc.Button(button, id=button_id, color="secondary", n_clicks=0, disabled=True),
        ],
        md=6,
        className="mb-2",
    )


def read_only_prop(name: str) -> str:
    """The property that makes a text field read-only: dbc.Input (Dnr) spells it `readonly`,
    dbc.Textarea `readOnly`."""
    return "readonly" if name == "dnr" else "readOnly"


def activity_modal() -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle("Aktivitet", id="plan-activity-title")),
            dbc.ModalBody(
                [
                    dcc.Store(id="plan-activity-state"),
                    required_legend(),
                    labelled(
                        "Avsnitt",
                        dbc.Select(
                            id="plan-activity-section",
                            options=enum_options(Section),
                            placeholder="Välj avsnitt",
                        ),
                        "plan-activity-section",
                        required=True,
                    ),
                    labelled(
                        "Aktivitet",
                        dbc.Textarea(id="plan-activity-description", rows=3),
                        "plan-activity-description",
                        required=True,
                    ),
                    labelled(
                        "Ansvarig",
                        dbc.Input(id="plan-activity-responsible"),
                        "plan-activity-responsible",
                        required=True,
                    ),
                    grouped(
                        "Tidplan",
                        dbc.RadioItems(
                            id="plan-activity-schedule", options=enum_options(Schedule), inline=True
                        ),
                        "plan-activity-schedule",
                        required=True,
                    ),
                    labelled(
                        "Slutdatum (ÅÅÅÅ-MM-DD)",
                        dbc.Input(id="plan-activity-deadline", type="date"),
                        "plan-activity-deadline",
                        "Krävs när tidplanen är Datum.",
                    ),
                    labelled(
                        "Uppföljning",
                        dbc.Select(
                            id="plan-activity-follow-up",
                            options=enum_options(FollowUp),
                            placeholder="Välj uppföljning",
                        ),
                        "plan-activity-follow-up",
                        required=True,
                    ),
                    labelled(
                        "Kvantitativt mål (valfritt)",
                        dbc.Input(id="plan-activity-target"),
                        "plan-activity-target",
                        "T.ex. minst 10 medarbetare.",
                    ),
                    dbc.Button(
                        "Spara aktivitet",
                        id="plan-activity-save",
                        color="primary",
                        n_clicks=0,
                        disabled=True,
                    ),
                    html.Div(id="plan-activity-result", className="mt-3", role="status"),
                ]
            ),
        ],
        id="plan-activity-modal",
        labelledby="plan-activity-title",
        is_open=False,
        size="lg",
    )


def layout(params: dict[str, str]) -> html.Div:
    return html.Div(
        [
            html.H1("Handlingsplan", className="h3"),
            dcc.Store(id="plan-refresh", data=0),
            dcc.Store(id="plan-state"),
            dbc.Row(
                [
                    dbc.Col(
                        labelled(
                            "Nämnd",
                            dbc.Select(id="plan-council", value=params["council"]),
                            "plan-council",
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        labelled(
                            "Planår",
                            dbc.Select(id="plan-year", value=params["year"]),
                            "plan-year",
                        ),
                        md=2,
                    ),
                ]
            ),
            html.Div(id="plan-message", role="status"),
            html.Div(
                [
                    dbc.Card(
                        dbc.CardBody(
                            [
                                html.H2("Status", className="h5"),
                                html.P(id="plan-status-text"),
                                html.A(  # callbacks/plan_editor.py keeps it on the chosen plan
                                    "Handlingsplanen som Word",
                                    id="plan-export-docx",
                                    href="/export/handlingsplan.docx",
                                    className="btn btn-outline-primary btn-sm mb-3",
                                ),
                                dbc.Row([decision(*d) for d in DECISIONS]),
                            ]
                        ),
                        className="mb-3",
                    ),
                    dbc.Card(
                        dbc.CardBody(
                            [
                                html.H2("Lägesbild och analys", className="h5"),
                                *[
                                    labelled(
                                        title,
                                        dbc.Input(id=f"plan-{name}", maxLength=40)
                                        if name == "dnr"
                                        else dbc.Textarea(id=f"plan-{name}", rows=6),
                                        f"plan-{name}",
                                    )
                                    for name, title in TEXTS
                                ],
                                dbc.Button(
                                    "Spara texter",
                                    id="plan-save-texts",
                                    color="primary",
                                    n_clicks=0,
                                    disabled=True,
                                ),
                            ]
                        ),
                        className="mb-3",
                    ),
                    dbc.Card(
                        dbc.CardBody(
                            [
                                html.H2("Historik", className="h5", id="plan-history-title"),
                                html.P(
                                    "Ändringar av planens texter, Dnr och beslutsdatum, nyast "
                                    "först. Borttagna ord är överstrukna, tillagda understrukna.",
                                    className="text-body-secondary small",
                                ),
                                html.Div(id="plan-history", className="small"),
                            ]
                        ),
                        className="mb-3",
                    ),
                    dbc.Card(
                        dbc.CardBody(
                            [
                                html.H2("Aktiviteter", className="h5"),
                                html.P(
                                    "Välj en rad för att ändra aktiviteten, eller lägg till en ny.",
                                    className="text-body-secondary",
                                ),
                                dbc.Button(
                                    "Ny aktivitet",
                                    id="plan-activity-new",
                                    color="primary",
                                    className="mb-2",
                                    n_clicks=0,
                                    disabled=True,
                                ),
                                row_selection_grid(
                                    "plan-activities-grid", ACTIVITY_COLUMNS, "Inga aktiviteter"
                                ),
                            ]
                        ),
                        className="mb-3",
                    ),
                ],
                id="plan-existing",
                style={"display": "none"},
            ),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H2("Skapa handlingsplan", className="h5", id="plan-create-title"),
                        html.P(
                            "Löpande och ej avslutade aktiviteter från föregående plan (efter en "
                            "sammanslagning: från de tidigare nämndernas planer) föreslås. Granska "
                            "och bocka ur det som inte ska följa med.",
                        ),
                        grouped(
                            "Aktiviteter som följer med",
                            dbc.Checklist(id="plan-carry-over", options=[], value=[]),
                        ),
                        dbc.Button(
                            "Skapa plan",
                            id="plan-create",
                            color="primary",
                            className="mt-3",
                            n_clicks=0,
                            disabled=True,
                        ),
                    ]
                ),
                id="plan-create-card",
                style={"display": "none"},
            ),
            activity_modal(),
        ]
    )
