"""Enkäter callbacks: the year's survey, written to the URL."""

from typing import Any

from dash import Input, Output, State

from callbacks.common import Callbacks, Options, cached
from dashboard.figures import surveys as figures
from dashboard.formatting import fmt_int, fmt_percent
from layouts.chart_table import chart_id
from layouts.survey_results import FILTERS
from models.enums import SurveyIndicator, label
from models.queries import survey_results as q


def change_rows(data: q.SurveyYear) -> list[dict[str, Any]]:
    rows = []
    for council in data.councils:
        for indicator in SurveyIndicator:
            change = council.change(indicator)
            if change is None:
                continue
            rows.append(
                {
                    "council": council.name,
                    "indicator": label(indicator),
                    "now": round(council.results[indicator], 1),
                    "before": round(council.previous[indicator], 1),
                    "change": round(change, 1),
                }
            )
    return rows


def register(app: Callbacks) -> None:
    @app.callback(
        Output("surveys-year", "options"),
        Output("surveys-year", "value"),
        Input("surveys-summary", "id"),
        State("surveys-year", "value"),
        prefill=True,
    )
    def fill_years(_id: str, requested: str | None) -> tuple[Options, str | None]:
        years = [str(y) for y in cached(q.survey_years)]
        value = requested if requested in years else (years[0] if years else None)
        return [{"label": y, "value": y} for y in years], value

    @app.callback(
        Output("surveys-summary", "children"),
        Output(chart_id("surveys-heatmap"), "figure"),
        Output(chart_id("surveys-response"), "figure"),
        Output("surveys-change", "rowData"),
        Input("surveys-year", "value"),
        prefill=True,
    )
    def show_year(
        value: str | None,
    ) -> tuple[str, dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
        year = FILTERS[0].parse(value)
        if year is None:
            return "Inga enkäter registrerade.", {}, {}, []
        data = cached(q.survey_year, int(year))
        low = sum(1 for c in data.councils if c.low_response)
        sent = sum(c.sent for c in data.councils)
        answered = sum(c.answered for c in data.councils)
        summary = (
            f"{fmt_int(len(data.councils))} nämnder genomförde enkäten {year}: "
            f"{fmt_int(answered)} svar av {fmt_int(sent)} utskick"
            + (f" ({fmt_percent(100 * answered / sent, 0)})" if sent else "")
            + f". {fmt_int(low)} med låg svarsfrekvens."
        )
        return (
            summary,
            figures.heatmap(data),
            figures.response_rates(data),
            change_rows(data),
        )
