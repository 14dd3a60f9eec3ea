"""Översikt callbacks: filters → URL, key figures, trend, council comparison, map, overdue."""

from datetime import date, timedelta
from enum import StrEnum
from typing import Any, TypeVar

import dash_bootstrap_components as dbc
from dash import Input, NoUpdate, Output, State, ctx, html, no_update
from dash.development.base_component import Component
from flask_login import current_user

from callbacks.common import Callbacks, cached, clicked
from dashboard.exports import city_report, pdf
from dashboard.exports import routes as exports
from dashboard.figures import overview as figures
from dashboard.formatting import fmt_int, fmt_percent
from dashboard.services.errors import ServiceError
from dashboard.url_filters import parse_values, query_string
from layouts import overview as view
from layouts.alerts import alert_list
from layouts.chart_table import chart_id
from layouts.components import aria, kpi_card, link_list
from layouts.overview import (
    COUNCILS_TITLE,
    DATA_FILTERS,
    DEFAULT_MEASURE,
    MEASURE,
    OVERDUE_TITLE,
    TREND,
)
from models.base import stockholm_today
from models.enums import CouncilKind, IncidentSource, Milieu, label
from models.queries import overview as q
from models.queries.alerts import current_alerts
from models.rules import normalise_code

FILTERS = [Input(f.control_id, "value") for f in DATA_FILTERS]
TREND_YEARS = 5
MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


E = TypeVar("E", bound=StrEnum)


def _all_or(enum: type[E], value: str | None) -> E | None:
    """None for "all", else the enum's member (a choice filter never gives None)."""
    return None if value is None or value == "all" else enum(value)


def overview_filter(*values: object) -> q.OverviewFilter:
    """The browser's values, checked by the page's declared filters: anything unknown falls
    back to its default ('all')."""
    v = parse_values(DATA_FILTERS, values)
    return q.OverviewFilter(
        year=int(v["year"] or stockholm_today().year),
        period=v["period"] or "vb",
        milieu=_all_or(Milieu, v["milieu"]),
        source=_all_or(IncidentSource, v["source"]),
        kind=_all_or(CouncilKind, v["kind"]),
    )


def _months_text(months: tuple[int, int]) -> str:
    first, last = months
    return f"{MONTHS[first - 1]}–{MONTHS[last - 1]}"


def _change(now: int, before: int) -> str:
    if before == 0:
        return "ingen jämförelse" if now == 0 else "ny"
    return f"{'+' if now >= before else '−'}{fmt_percent(abs(now - before) * 100 / before, 0)}"


def overdue_note(f: q.OverviewFilter, today: date) -> str:
    """Which plans and which day the overdue count is about, e.g. "I planen 2025, per
    2025-12-31: slutdatum passerat, ej genomförd eller inställd"."""
    as_of = f.as_of(today)
    day = "i dag" if as_of == today else f"per {(as_of - timedelta(days=1)).isoformat()}"
    return f"I planen {f.year}, {day}: slutdatum passerat, ej genomförd eller inställd"


def completion_link(*values: object) -> str:
    """This view compared by the share of activities done, at the comparison chart."""
    chosen = parse_values(DATA_FILTERS, values) | {MEASURE.name: "completion"}
    return "/" + query_string(view.FILTERS, chosen) + "#" + COUNCILS_TITLE


def key_figures(
    f: q.OverviewFilter, today: date, completion_href: str = "/"
) -> tuple[list[dbc.Col], html.Ul]:
    """The key figures, each linking to what it counts: incidents to their chart, activities
    to the councils compared by completion, overdue to the overdue grid, plans to
    Plankvalitet and awareness to Enkäter (the last two for the same year)."""
    incidents = cached(q.incident_comparison, f, today)
    activities = cached(q.activity_figures, f, today)
    approved, councils = cached(q.plans_approved, f)
    awareness = cached(q.survey_awareness, f)
    if f.has_begun(today):
        incident_card = kpi_card(
            f"Händelser {f.year} ({_months_text(incidents.months)})",
            fmt_int(incidents.total),
            f"Samma period {f.year - 1}: {fmt_int(incidents.total_last_year)} "
            f"({_change(incidents.total, incidents.total_last_year)})",
            "kpi-incidents",
            lg=True,
            href="#" + TREND,
        )
    else:
        incident_card = kpi_card(
            f"Händelser {f.year} ({f.report.name})",
            "–",
            "Perioden har inte börjat.",
            "kpi-incidents",
            lg=True,
            href="#" + TREND,
        )
    cards = [
        incident_card,
        kpi_card(
            "Aktiviteter genomförda",
            f"{fmt_int(activities.done)} av {fmt_int(activities.due)}",
            f"Slutdatum {f.report.name} {f.year} ({f.report.months_text}); varav "
            f"{fmt_int(activities.done_late)} sent",
            "kpi-activities",
            lg=True,
            href=completion_href,
        ),
        kpi_card(
            "Förfallna aktiviteter",
            fmt_int(activities.overdue),
            overdue_note(f, today),
            "kpi-overdue",
            lg=True,
            href="#" + OVERDUE_TITLE,
        ),
        kpi_card(
            "Planer godkända av KS",
            f"{fmt_int(approved)} av {fmt_int(councils)}",
            f"Nämnder {f.year}",
            "kpi-plans",
            lg=True,
            href=f"/plankvalitet?year={f.year}",
        ),
        kpi_card(
            "Känner till handlingsplanen",
            fmt_percent(awareness) if awareness is not None else "–",
            f"Enkäten {f.year}, hela staden" if awareness is not None else f"Ingen enkät {f.year}",
            "kpi-awareness",
            lg=True,
            href=f"/enkater?year={f.year}",
        ),
    ]
    by_milieu = html.Ul(
        [
            html.Li(
                f"{label(m)}: {fmt_int(incidents.this_year[m])} "
                f"(i fjol {fmt_int(incidents.last_year[m])})",
                className="list-inline-item me-3",
            )
            for m in Milieu
            if incidents.this_year[m] or incidents.last_year[m]
        ],
        className="list-inline small mb-0",
        id="kpi-by-milieu",
        **aria("label", "Händelser per miljö"),
    )
    return cards, by_milieu


def register(app: Callbacks) -> None:
    register_city_report(app)

    @app.callback(
        Output("overview-alerts", "children"), Input("overview-alerts", "id"), prefill=True
    )
    def update_alerts(_id: str) -> Component:
        """The five most unusual trend alerts of the city (all councils), with a link to all."""
        return alert_list(cached(current_alerts, stockholm_today(), None, None), 5)

    @app.callback(
        Output("overview-kpis", "children"),
        Output("overview-milieu-kpis", "children"),
        *FILTERS,
        prefill=True,
    )
    def update_key_figures(*values: str | None) -> tuple[list[dbc.Col], html.Ul]:
        return key_figures(overview_filter(*values), stockholm_today(), completion_link(*values))

    @app.callback(
        Output(chart_id("overview-trend"), "figure"),
        *FILTERS,
        Input("overview-granularity", "value"),
        prefill=True,
    )
    def update_trend(*values: str | None) -> dict[str, Any]:
        *filters, by = values
        f = overview_filter(*filters)
        by = by if by in ("month", "tertial") else "tertial"
        years = list(range(f.year - TREND_YEARS + 1, f.year + 1))
        rows = cached(q.incident_trend, f, years[0], by)
        return figures.incident_trend(rows, years, by)

    @app.callback(
        output={
            "chart": Output(chart_id("overview-councils"), "figure"),
            "map": Output("overview-map", "figure"),
            "links": Output("overview-council-links", "children"),
            "note": Output("overview-population-note", "children"),
            "title": Output("overview-councils-title", "children"),
            "switch": Output(view.ALL_COUNCILS, "style"),
            "switch_label": Output(view.ALL_COUNCILS, "label"),
        },
        inputs=[*FILTERS, Input("overview-measure", "value"), Input(view.ALL_COUNCILS, "value")],
        prefill=True,
    )
    def update_councils(*values: object) -> dict[str, Any]:
        *filters, measure, show_all = values
        f = overview_filter(*filters)
        measure = MEASURE.parse(measure) or DEFAULT_MEASURE
        councils = cached(q.council_figures, f, stockholm_today())
        districts = [c for c in councils if c.kind is CouncilKind.DISTRICT]
        many = len(councils) > view.TOP_COUNCILS
        top = None if show_all is True or not many else view.TOP_COUNCILS
        # Both kinds: the specialist councils (facknämnder) are on no map, only in this list.
        links = [
            html.Div(
                [
                    html.Span(f"{heading}: ", className="small fw-semibold"),
                    link_list(
                        [
                            (c.name, f"/namnd/{c.code}?year={f.year}")
                            for c in councils
                            if c.kind is kind
                        ],
                        "small",
                    ),
                ],
                id=f"overview-links-{kind.value}",
            )
            for kind, heading in (
                (CouncilKind.DISTRICT, "Stadsdelsnämnder"),
                (CouncilKind.SPECIALIST, "Facknämnder"),
            )
            if any(c.kind is kind for c in councils)
        ]
        note = (
            "Per 10 000 invånare: befolkning per stadsdelsnämnd och år i demodatan (se README); "
            "facknämnder saknar befolkning och visas inte."
            if measure == "per_10k"
            else ""
        )
        title = f"Nämnderna jämförda: {figures.MEASURES[measure].lower()}"
        if top is not None:
            title += f" (de {top} högsta av {fmt_int(len(councils))})"
        return {
            "chart": figures.council_comparison(councils, measure, top),
            "map": figures.tile_map(districts, measure),
            "links": links,
            "note": note,
            "title": title,
            "switch": {} if many else {"display": "none"},
            "switch_label": f"Visa alla {fmt_int(len(councils))} nämnder",
        }

    @app.callback(
        Output("overview-overdue", "rowData"),
        Output("overview-overdue-note", "children"),
        *FILTERS,
        prefill=True,
    )
    def update_overdue(*values: str | None) -> tuple[list[dict[str, Any]], str]:
        today = stockholm_today()
        f = overview_filter(*values)
        rows = cached(q.overdue_activities, f, today)
        return [
            {
                "council": r.council,
                "council_href": f"/namnd/{r.council_code}?year={f.year}",
                "section": label(r.section),
                "description": r.description,
                "responsible": r.responsible,
                "deadline": r.deadline.isoformat(),
                "days_over": r.days_over,
            }
            for r in rows
        ], overdue_note(f, today) + "."

    @app.callback(
        Output(view.OPEN_COUNCIL, "href"),
        Input("overview-map", "clickData"),
        State("overview-year", "value"),
        prevent_initial_call=True,
    )
    def open_council(click: dict[str, Any] | None, year: str | None) -> str | NoUpdate:
        code = normalise_code(clicked(click))
        if code is None:
            return no_update
        return f"/namnd/{code}?year={DATA_FILTERS[0].parse(year)}"


def register_city_report(app: Callbacks) -> None:
    """The city report's buttons start a background export; the interval asks its progress
    until the file is ready. The token comes back from the browser: the job store answers only
    the user who started the job (anyone else's is "not found")."""

    @app.callback(
        Output(view.CITY_REPORT_JOB, "data"),
        Output(view.CITY_REPORT_POLL, "disabled"),
        Output(view.CITY_REPORT_STATUS, "children"),
        Input(view.CITY_REPORT_WORD, "n_clicks"),
        Input(view.CITY_REPORT_POLL, "n_intervals"),
        State(view.CITY_REPORT_JOB, "data"),
        State("overview-year", "value"),
        prevent_initial_call=True,
    )
    def city_report_job(
        _clicks: int | None, _ticks: int | None, token: object, year: object
    ) -> tuple[Any, bool, list[Any]]:
        return _city_report_step(ctx.triggered_id, token, year, "docx")

    if pdf.available():

        @app.callback(
            Output(view.CITY_REPORT_JOB, "data", allow_duplicate=True),
            Output(view.CITY_REPORT_POLL, "disabled", allow_duplicate=True),
            Output(view.CITY_REPORT_STATUS, "children", allow_duplicate=True),
            Input(view.CITY_REPORT_PDF, "n_clicks"),
            State("overview-year", "value"),
            prevent_initial_call=True,
        )
        def city_report_pdf(_clicks: int | None, year: object) -> tuple[Any, bool, list[Any]]:
            return _city_report_step(view.CITY_REPORT_PDF, None, year, "pdf")


def _city_report_step(
    trigger: object, token: object, year: object, extension: str
) -> tuple[Any, bool, list[Any]]:
    """(job token, polling disabled, status) after a click (start) or a tick (progress)."""
    user: Any = current_user
    try:
        if trigger in (view.CITY_REPORT_WORD, view.CITY_REPORT_PDF):
            chosen = city_report.parse_year(year, stockholm_today())
            job = exports.start_city_report(chosen, extension)
        else:
            job = exports.job_store().load(str(token or ""), int(user.id))
    except ServiceError as error:
        return None, True, view.city_report_status("failed", 0, error.message)
    href = exports.job_download_url(job.token) if job.state == "done" else None
    status = view.city_report_status(job.state, job.percent, job.message, href, job.filename)
    return job.token, job.finished, status
