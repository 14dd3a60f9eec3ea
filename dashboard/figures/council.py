"""Figures of a council's page; series stay apart in grey-scale print (lightness + patterns)."""

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from dashboard.figures.common import MILIEU_STYLE, bar_marker, bars_per_key, figure
from models.enums import IncidentSource, Milieu, label
from models.queries.council_page import IndicatorComparison

SOURCE_STYLE: dict[IncidentSource, tuple[str, str]] = {
    IncidentSource.IA: ("#08306b", ""),
    IncidentSource.TRAFFIC_OFFICE: ("#2171b5", "/"),
    IncidentSource.SISAB: ("#6baed6", "x"),
    IncidentSource.FORM: ("#c6dbef", "."),
    IncidentSource.POLICE: ("#d94801", ""),
    IncidentSource.SOCIAL_SERVICES: ("#fd8d3c", "/"),
    IncidentSource.SCHOOL: ("#fdd0a2", "x"),
    IncidentSource.SURVEY: ("#41ab5d", "."),
    IncidentSource.OTHER: ("#bdbdbd", "-"),
}


def stacked_by_year(
    rows: Sequence[tuple[int, StrEnum, int]],
    years: list[int],
    styles: dict[Milieu, tuple[str, str]] | dict[IncidentSource, tuple[str, str]],
) -> dict[str, Any]:
    traces = bars_per_key(rows, years, [str(y) for y in years], styles, skip_empty=True)
    return figure(traces, height=320, barmode="stack", xaxis={"type": "category"})


def by_milieu(rows: Sequence[tuple[int, Milieu, int]], years: list[int]) -> dict[str, Any]:
    return stacked_by_year(rows, years, MILIEU_STYLE)


def by_source(rows: Sequence[tuple[int, IncidentSource, int]], years: list[int]) -> dict[str, Any]:
    return stacked_by_year(rows, years, SOURCE_STYLE)


def survey_comparison(rows: Sequence[IndicatorComparison], year: int, name: str) -> dict[str, Any]:
    indicators = [label(r.indicator) for r in rows]
    series = (
        (f"{name} {year}", [r.council for r in rows], "#08519c", ""),
        (f"Staden {year}", [r.city for r in rows], "#9ecae1", "/"),
        (f"{name} {year - 1}", [r.previous_year for r in rows], "#bdbdbd", "."),
    )
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "name": title,
            "y": indicators,
            "x": values,
            "marker": bar_marker(colour, pattern),
            "hovertemplate": "%{y}: %{x:.1f} %<extra>" + title + "</extra>",
        }
        for title, values, colour, pattern in series
    ]
    return figure(
        traces,
        height=max(260, 70 * len(rows) + 80),
        barmode="group",
        xaxis={"range": [0, 100], "ticksuffix": " %", "gridcolor": "#e9ecef"},
        yaxis={"autorange": "reversed", "tickformat": "", "automargin": True},
    )
