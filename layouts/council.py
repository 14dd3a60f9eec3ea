"""Nämnd: one council's page: lägesbild, incidents over time, activities, survey."""

from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.formatting import fmt_day, fmt_int
from dashboard.url_filters import year_filter
from layouts.chart_table import chart
from layouts.components import app_link, aria, loading
from models import ActionPlan, Activity, Council
from models.enums import ActivityStatus, Schedule, Section, label
from models.queries.council_page import FigureNote
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
            html.Div(id="council-alerts"),  # trend alerts (layouts.alerts.alert_list)
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
            html.Div(id="council-data-notes"),
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


def _council_links(councils: list[Council]) -> list[Any]:
    """Links to council pages, joined as Swedish prose: A, B och C."""
    out: list[Any] = []
    for i, council in enumerate(councils):
        if i:
            out.append(" och " if i == len(councils) - 1 else ", ")
        out.append(app_link(council.name, f"/namnd/{council.code}"))
    return out


def _by_day(edges: list[tuple[Council, date]]) -> list[tuple[date, list[Council]]]:
    days = sorted({day for _c, day in edges})
    return [(day, [c for c, d in edges if d == day]) for day in days]


def lineage_links(
    merged_from: list[tuple[Council, date]], merged_into: list[tuple[Council, date]]
) -> list[Any]:
    """ "Bildad 1 juli 2023 av Norrmalm och Östermalm." / "Ersatt av Norra innerstaden från
    1 juli 2023.", each council a link to its page."""
    lines: list[Any] = []
    for day, councils in _by_day(merged_from):
        lines.append(html.Span([f"Bildad {fmt_day(day)} av ", *_council_links(councils), ". "]))
    for day, councils in _by_day(merged_into):
        lines.append(
            html.Span(["Ersatt av ", *_council_links(councils), f" från {fmt_day(day)}. "])
        )
    return lines


def header(
    council: Council,
    merged_from: list[tuple[Council, date]],
    merged_into: list[tuple[Council, date]],
    police_areas: list[str],
) -> list[Component]:
    """`police_areas`: those the council works with today (or worked with on its last day)."""
    valid = f"från {council.valid_from.isoformat()}"
    if council.valid_to:
        valid += f" till {council.valid_to.isoformat()}"
    lines = [f"{label(council.kind)}, {valid}."]
    if police_areas:
        lines.append("Lokalpolisområde: " + ", ".join(police_areas) + ".")
    children: list[Component] = [
        html.H1(council.name, className="h3 mb-1"),
        html.P(" ".join(lines), className="text-body-secondary mb-0"),
    ]
    links = lineage_links(merged_from, merged_into)
    if links:
        children.append(html.P(links, id="council-lineage-links", className="mb-2 fw-semibold"))
    return children


def plan_texts(plan: ActionPlan | None, year: int) -> dbc.Card:
    if plan is None:
        body: list[Any] = [html.P(f"Ingen handlingsplan för {year} finns registrerad.")]
    else:
        status = f"{label(plan.status)}" + (f", Dnr {plan.dnr}" if plan.dnr else "")
        decisions = [
            f"{title} {day.isoformat()}"
            for title, day in (
                ("Nämndens beslut", plan.council_approved_on),
                ("KS:s beslut", plan.ks_approved_on),
            )
            if day
        ]
        status = " · ".join([status, *decisions])
        body = [html.P(status, className="small text-body-secondary", id="council-plan-status")]
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
    wording = [
        f"{title}: {text}"
        for title, text in (
            ("Tidplan enligt planen", activity.schedule_text),
            ("Uppföljning enligt planen", activity.follow_up_text),
        )
        if text
    ]
    if wording:
        children.append(html.Div(" · ".join(wording), className="small text-body-secondary"))
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
    # Ten years are wider than a phone: the table scrolls sideways in a region the keyboard
    # can reach (WCAG 2.1.1), and the page itself keeps the phone's width.
    table = dbc.Table(
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
    return html.Div(
        table,
        className="table-responsive",
        tabIndex=0,
        role="region",
        **aria("label", "Händelser per delområde"),
    )


def data_notes(notes: list[FigureNote]) -> Any:
    """ "Om siffrorna": beside the incident charts, what to know about the figures of the years
    shown (where the demo data knowingly differs from, or fills in, the plan)."""
    if not notes:
        return None
    return html.Section(
        [
            html.H3("Om siffrorna", className="h6 mb-1", id="council-data-notes-title"),
            html.Ul(
                [
                    html.Li(
                        [html.Strong(f"{n.year}, {n.council}: "), n.text],
                        className="mb-1",
                    )
                    for n in notes
                ],
                className="small mb-0",
            ),
        ],
        className="lb-data-notes border-start border-3 ps-3 mb-3",
    )
