"""Nämnd: one council's page: lägesbild, incidents over time, activities, survey."""

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.formatting import fmt_int
from dashboard.url_filters import year_filter
from layouts.chart_table import chart
from layouts.components import loading
from models import ActionPlan, Activity, Council
from models.enums import ActivityStatus, Schedule, Section, label
from models.rules import normalise_code

FILTERS = (year_filter("council-year"),)


def _card(title: str, children: list[Any], card_id: str) -> dbc.Card:
    return dbc.Card(
        dbc.CardBody([html.H2(title, className="h5", id=f"{card_id}-title"), *children]),
        className="mb-3",
        id=card_id,
    )


def layout(params: dict[str, str]) -> html.Div:
    """`params`: the path's `code` and the valid `year` (parsed by the page registry)."""
    return html.Div(
        [
            dcc.Store(id="council-code", data=normalise_code(params.get("code"))),
            dbc.Row(
                [
                    dbc.Col(html.Div(id="council-header"), md=9),
                    dbc.Col(
                        [
                            dbc.Label("År", html_for="council-year"),
                            dbc.Select(id="council-year", value=params["year"]),
                        ],
                        md=3,
                    ),
                ],
                className="mb-3",
            ),
            loading(html.Div(id="council-lagesbild")),
            dbc.Row(
                [
                    dbc.Col(
                        _card(
                            "Händelser per miljö",
                            [chart("council-by-milieu")],
                            "council-milieu-card",
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        _card(
                            "Händelser per källa",
                            [chart("council-by-source")],
                            "council-source-card",
                        ),
                        lg=6,
                    ),
                ]
            ),
            html.P(id="council-lineage-note", className="small text-body-secondary"),
            _card("Delområden", [html.Div(id="council-sub-areas")], "council-sub-area-card"),
            _card("Aktiviteter", [html.Div(id="council-activities")], "council-activities-card"),
            _card(
                "Enkät",
                [
                    html.P(id="council-survey-rate"),
                    chart("council-survey"),
                ],
                "council-survey-card",
            ),
        ]
    )


BADGES = {
    ActivityStatus.NOT_STARTED: "secondary",
    ActivityStatus.ONGOING: "primary",
    ActivityStatus.DONE: "success",
    ActivityStatus.DELAYED: "warning",
    ActivityStatus.CANCELLED: "dark",
}


def header(
    council: Council, predecessors: list[Council], successors: list[Council]
) -> list[Component]:
    valid = f"från {council.valid_from.isoformat()}"
    if council.valid_to:
        valid += f" till {council.valid_to.isoformat()}"
    lines = [f"{label(council.kind)}, {valid}."]
    if predecessors:
        lines.append("Bildad av " + " och ".join(c.name for c in predecessors) + ".")
    if successors:
        lines.append("Uppgick i " + ", ".join(c.name for c in successors) + ".")
    if council.police_areas:
        lines.append("Lokalpolisområde: " + ", ".join(a.name for a in council.police_areas) + ".")
    return [
        html.H1(council.name, className="h3 mb-1"),
        html.P(" ".join(lines), className="text-body-secondary mb-0"),
    ]


def plan_texts(plan: ActionPlan | None, year: int) -> dbc.Card:
    if plan is None:
        body: list[Any] = [html.P(f"Ingen handlingsplan för {year} finns registrerad.")]
    else:
        status = f"{label(plan.status)}" + (f", Dnr {plan.dnr}" if plan.dnr else "")
        body = [html.P(status, className="small text-body-secondary")]
        for title, value in (
            ("Lokal lägesbild", plan.lagesbild),
            ("Kartläggning och källor", plan.sources),
            ("Analys", plan.analysis),
        ):
            body += [html.H3(title, className="h6 mt-2"), html.P(value or "–", className="lb-text")]
    return dbc.Card(
        dbc.CardBody([html.H2(f"Lägesbild {year}", className="h5"), *body]), className="mb-3"
    )


def activity_item(activity: Activity) -> dbc.ListGroupItem:
    when = (
        f"Slutdatum {activity.deadline.isoformat()}"
        if activity.schedule is Schedule.DEADLINE and activity.deadline
        else "Löpande"
    )
    details = [when, activity.responsible]
    children: list[Any] = [
        html.Div(
            [
                dbc.Badge(
                    label(activity.status),
                    color=BADGES[activity.status],
                    text_color="dark" if activity.status is ActivityStatus.DELAYED else None,
                    className="me-2",
                ),
                html.Span(activity.description),
            ]
        ),
        html.Div(" · ".join(details), className="small text-body-secondary"),
    ]
    if activity.comment:
        children.append(html.Div(f"Senaste kommentar: {activity.comment}", className="small"))
    return dbc.ListGroupItem(children)


def activity_sections(activities: list[Activity]) -> list[Any]:
    if not activities:
        return [html.P("Inga aktiviteter.")]
    out: list[Any] = []
    for section in Section:
        mine = [a for a in activities if a.section is section]
        out.append(html.H3(f"{label(section)} ({len(mine)})", className="h6 mt-3"))
        out.append(
            dbc.ListGroup([activity_item(a) for a in mine], flush=True)
            if mine
            else html.P("Inga aktiviteter i detta avsnitt.", className="small text-danger")
        )
    return out


def sub_area_table(rows: list[tuple[str, int, int]], years: list[int]) -> Any:
    if not rows:
        return html.P("Inga händelser med angivet delområde.", className="small mb-0")
    areas = sorted({a for a, _, _ in rows})
    values = {(a, y): n for a, y, n in rows}
    return dbc.Table(
        [
            html.Thead(html.Tr([html.Th("Delområde"), *[html.Th(str(y)) for y in years]])),
            html.Tbody(
                [
                    html.Tr([html.Td(a), *[html.Td(fmt_int(values.get((a, y), 0))) for y in years]])
                    for a in areas
                ]
            ),
        ],
        size="sm",
        striped=True,
        className="mb-0",
        id="council-sub-area-table",
    )
