"""Nämnd callbacks: the page is drawn for the council in the address and the chosen year."""

from datetime import date
from typing import Any

from dash import Input, Output, State, html
from dash.development.base_component import Component

from callbacks.common import Callbacks, cached
from dashboard.db import db_session
from dashboard.figures import council as figures
from dashboard.formatting import fmt_int, fmt_percent
from layouts.alerts import alert_list, page_href
from layouts.chart_table import chart_id
from layouts.components import year_options
from layouts.council import (
    FILTERS,
    activity_sections,
    data_notes,
    header,
    plan_texts,
    sub_area_table,
)
from models.base import stockholm_today
from models.enums import AlertScope
from models.queries import council_page as q
from models.queries.alerts import current_alerts
from models.queries.police_areas import areas_of_council
from models.rules import council_years, find_council

YEARS_SHOWN = 6
YEAR = FILTERS[0]


def survey_rate_text(rate: tuple[int, int] | None) -> str:
    if not rate:
        return "Ingen enkät registrerad detta år."
    sent, answered = rate
    share = 100 * answered / sent
    return f"Svarsfrekvens {fmt_percent(share, 0)} ({fmt_int(answered)} av {fmt_int(sent)})." + (
        " Låg svarsfrekvens: tolka med försiktighet." if share < 50 else ""
    )


def register(app: Callbacks) -> None:
    @app.callback(Output("council-alerts", "children"), Input("council-code", "data"), prefill=True)
    def council_alerts(code: str | None) -> Component | None:
        """The council's current trend alerts; none for a council no longer in force."""
        council = find_council(db_session(), code)
        today = stockholm_today()
        if council is None or not council.is_valid_on(today):
            return None
        found = cached(current_alerts, today, AlertScope.COUNCIL, council.id)
        return alert_list(found, None, page_href(AlertScope.COUNCIL, council.code))

    @app.callback(
        Output("council-year", "options"),
        Output("council-year", "value"),
        Input("council-code", "data"),
        State("council-year", "value"),
        prefill=True,
    )
    def years_of_council(code: str | None, requested: str | None) -> tuple[list[Any], str | None]:
        """Only the years the council existed; a dissolved council opens on its last year."""
        council = find_council(db_session(), code)
        if council is None:
            return [], None
        years = council_years(council, stockholm_today())
        values = [str(y) for y in years]
        if not values:
            return [], None
        return year_options(years), requested if requested in values else values[0]

    @app.callback(
        output={
            "header": Output("council-header", "children"),
            "lagesbild": Output("council-lagesbild", "children"),
            "by_milieu": Output(chart_id("council-by-milieu"), "figure"),
            "by_source": Output(chart_id("council-by-source"), "figure"),
            "lineage_note": Output("council-lineage-note", "children"),
            "data_notes": Output("council-data-notes", "children"),
            "sub_areas": Output("council-sub-areas", "children"),
            "activities_title": Output("council-activities-card-title", "children"),
            "activities": Output("council-activities", "children"),
            "survey_title": Output("council-survey-card-title", "children"),
            "survey_rate": Output("council-survey-rate", "children"),
            "survey": Output(chart_id("council-survey"), "figure"),
        },
        inputs=[Input("council-code", "data"), Input("council-year", "value")],
        prefill=True,
    )
    def render(code: str | None, year_value: str | None) -> dict[str, Any]:
        session = db_session()
        council = find_council(session, code)
        if council is None:
            return {
                "header": [html.H1("Nämnden finns inte", className="h3")],
                "lagesbild": None,
                "by_milieu": {},
                "by_source": {},
                "lineage_note": "",
                "data_notes": None,
                "sub_areas": None,
                "activities_title": "Aktiviteter",
                "activities": None,
                "survey_title": "Enkät",
                "survey_rate": "",
                "survey": {},
            }
        year = int(YEAR.parse(year_value) or stockholm_today().year)
        last_day = min(stockholm_today(), council.valid_to or date.max)
        area = q.lineage(session, council.id)
        ids = [c.id for c in area]
        first = min(year, q.first_incident_year(session) or year)
        years = list(range(max(year - YEARS_SHOWN + 1, first), year + 1))
        predecessors = [c for c in area if c.id != council.id]
        plan = q.plan_of(session, council.id, year)
        return {
            "header": header(
                council,
                q.merged_from(session, council.id),
                q.merged_into(session, council.id),
                [a.name for a in areas_of_council(session, council.id, last_day)],
            ),
            "lagesbild": plan_texts(plan, year),
            "by_milieu": figures.by_milieu(
                q.incidents_by(session, "milieu", ids, years[0], year), years
            ),
            "by_source": figures.by_source(
                q.incidents_by(session, "source", ids, years[0], year), years
            ),
            "lineage_note": (
                "Linjerna omfattar hela nämndens område: även "
                + " och ".join(c.name for c in predecessors)
                + " före sammanslagningen."
                if predecessors
                else ""
            ),
            "data_notes": data_notes(q.data_notes(session, ids, years[0], year)),
            "sub_areas": sub_area_table(
                q.incidents_by_sub_area(session, ids, years[0], year), years
            ),
            "activities_title": f"Aktiviteter {year}",
            "activities": activity_sections(
                q.activities_in_plan_order(session, plan.id) if plan else []
            ),
            "survey_title": f"Enkät {year}: jämfört med staden och {year - 1}",
            "survey_rate": survey_rate_text(q.response_rate(session, council.id, year)),
            "survey": figures.survey_comparison(
                q.survey_comparison(session, council.id, year), year, council.name
            ),
        }
