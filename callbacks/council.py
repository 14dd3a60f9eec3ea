"""Nämnd callbacks: the page is drawn for the council in the address and the chosen year."""

from datetime import date
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, html

from callbacks.common import query_string
from dashboard.db import db_session
from dashboard.figures import council as figures
from dashboard.formatting import fmt_int, fmt_percent
from layouts.components import chosen_year, year_options
from models import ActionPlan, Activity, Council, rules
from models.enums import ActivityStatus, Schedule, Section, label
from models.queries import council_page as q

YEARS_SHOWN = 6
BADGES = {
    ActivityStatus.NOT_STARTED: "secondary",
    ActivityStatus.ONGOING: "primary",
    ActivityStatus.DONE: "success",
    ActivityStatus.DELAYED: "warning",
    ActivityStatus.CANCELLED: "dark",
}


def header(council: Council, predecessors: list[Council], successors: list[Council]) -> list:  # type: ignore[type-arg]
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
        f"Deadline {activity.deadline.isoformat()}"
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


def register(app: dash.Dash) -> None:
    @app.callback(
        Output("council-year", "options"),
        Input("council-code", "data"),
    )
    def council_years(_code: str):  # type: ignore[no-untyped-def]
        return year_options(date.today())

    @app.callback(
        Output("url-query", "search", allow_duplicate=True),
        Input("council-year", "value"),
        prevent_initial_call=True,
    )
    def year_to_url(year: str | None):  # type: ignore[no-untyped-def]
        return query_string(year=year)

    @app.callback(
        Output("council-header", "children"),
        Output("council-lagesbild", "children"),
        Output("council-by-milieu", "figure"),
        Output("council-by-source", "figure"),
        Output("council-lineage-note", "children"),
        Output("council-sub-areas", "children"),
        Output("council-activities-card-title", "children"),
        Output("council-activities", "children"),
        Output("council-survey-card-title", "children"),
        Output("council-survey-rate", "children"),
        Output("council-survey", "figure"),
        Input("council-code", "data"),
        Input("council-year", "value"),
    )
    def render(code: str, year_value: str | None):  # type: ignore[no-untyped-def]
        session = db_session()
        council = rules.find_council(session, code)
        if council is None:
            missing = [html.H1("Nämnden finns inte", className="h3")]
            return missing, None, {}, {}, "", None, "Aktiviteter", None, "Enkät", "", {}
        year = chosen_year(year_value)
        area = q.lineage(session, council.id)
        ids = [c.id for c in area]
        first = min(year, q.first_incident_year(session) or year)
        years = list(range(max(year - YEARS_SHOWN + 1, first), year + 1))
        predecessors = [c for c in area if c.id != council.id]
        note = (
            "Linjerna omfattar hela nämndens område: även "
            + " och ".join(c.name for c in predecessors)
            + " före sammanslagningen."
            if predecessors
            else ""
        )
        plan = q.plan_of(session, council.id, year)
        activities = q.activities_in_plan_order(session, plan.id) if plan else []
        survey = q.survey_comparison(session, council.id, year)
        rate = q.response_rate(session, council.id, year)
        rate_text = "Ingen enkät registrerad detta år."
        if rate:
            sent, answered = rate
            share = 100 * answered / sent
            rate_text = (
                f"Svarsfrekvens {fmt_percent(share, 0)} ({fmt_int(answered)} av {fmt_int(sent)})."
                + (" Låg svarsfrekvens: tolka med försiktighet." if share < 50 else "")
            )
        return (
            header(council, predecessors, q.successors(session, council.id)),
            plan_texts(plan, year),
            figures.by_milieu(q.incidents_by(session, "milieu", ids, years[0], year), years),
            figures.by_source(q.incidents_by(session, "source", ids, years[0], year), years),
            note,
            sub_area_table(q.incidents_by_sub_area(session, ids, years[0], year), years),
            f"Aktiviteter {year}",
            activity_sections(activities),
            f"Enkät {year}: jämfört med staden och {year - 1}",
            rate_text,
            figures.survey_comparison(survey, year, council.name),
        )
