"""Effektindikatorer callbacks."""

from typing import Any

from dash import Input, Output, State

from callbacks.common import Callbacks, Options, cached
from dashboard.figures import effects as figures
from dashboard.formatting import fmt_int
from layouts.chart_table import chart_id
from layouts.effect_indicators import FILTERS
from models.queries import effect_indicators as q
from models.queries.survey_results import survey_years


def register(app: Callbacks) -> None:
    @app.callback(
        Output("effects-year", "options"),
        Output("effects-year", "value"),
        Output(chart_id("effects-awareness"), "figure"),
        Output(chart_id("effects-volume"), "figure"),
        Input("effects-summary", "id"),
        State("effects-year", "value"),
    )
    def load(
        _id: str, requested: str | None
    ) -> tuple[Options, str | None, dict[str, Any], dict[str, Any]]:
        years = [str(y) for y in cached(survey_years)]
        value = requested if requested in years else (years[0] if years else None)
        return (
            [{"label": y, "value": y} for y in years],
            value,
            figures.awareness(cached(q.awareness_by_year)),
            figures.reporting_volume(cached(q.reporting_by_year)),
        )

    @app.callback(
        Output(chart_id("effects-scatter"), "figure"),
        Output("effects-summary", "children"),
        Input("effects-year", "value"),
    )
    def compare(value: str | None) -> tuple[dict[str, Any], str]:
        year = FILTERS[0].parse(value)
        if year is None:
            return {}, "Inga enkäter registrerade."
        rows = cached(q.knowledge_and_reporting, int(year))
        shown = [r for r in rows if r.knows_form is not None and r.reports_per_10k is not None]
        reports = sum(r.reports for r in shown)
        summary = (
            f"{year}: {fmt_int(len(shown))} nämnder med både enkätsvar om blanketten och "
            f"befolkningsuppgift, sammanlagt {fmt_int(reports)} rapporter via blankett och IA."
        )
        return figures.knowledge_vs_reporting(rows), summary
