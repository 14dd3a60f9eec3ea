"""Figures of the Effektindikatorer page; lines differ by dash and marker, not colour alone."""

from collections.abc import Sequence
from typing import Any

from dashboard.figures.common import bars_per_key, figure
from dashboard.formatting import fmt_decimal
from models.enums import IncidentSource, SurveyIndicator, label
from models.queries.effect_indicators import AWARENESS, KnowledgeAndReporting

LINE_STYLE = {
    SurveyIndicator.KNOWS_PLAN: ("#08306b", "solid", "circle"),
    SurveyIndicator.KNOWS_COORDINATOR: ("#2171b5", "dash", "square"),
    SurveyIndicator.KNOWS_FORM: ("#d94801", "dot", "diamond"),
    SurveyIndicator.KNOWS_SUPPORT_MATERIAL: ("#41ab5d", "dashdot", "triangle-up"),
    SurveyIndicator.KNOWLEDGE_ADEQUATE: ("#636363", "longdash", "x"),
}


def awareness(by_year: dict[int, dict[SurveyIndicator, float]]) -> dict[str, Any]:
    years = list(by_year)
    traces = []
    for indicator in AWARENESS:
        colour, dash, symbol = LINE_STYLE[indicator]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": label(indicator),
                "x": [str(y) for y in years],
                "y": [by_year[y].get(indicator) for y in years],
                "line": {"color": colour, "dash": dash, "width": 2.5},
                "marker": {"symbol": symbol, "size": 9, "color": colour},
                "hovertemplate": "%{x}: %{y:.1f} %<extra>" + label(indicator) + "</extra>",
            }
        )
    return figure(
        traces,
        height=380,
        xaxis={"type": "category"},
        yaxis={"range": [0, 100], "ticksuffix": " %", "tickformat": ""},
    )


def knowledge_vs_reporting(rows: Sequence[KnowledgeAndReporting]) -> dict[str, Any]:
    shown = [r for r in rows if r.knows_form is not None and r.reports_per_10k is not None]
    point = {
        "type": "scatter",
        "mode": "markers+text",
        "x": [r.knows_form for r in shown],
        "y": [r.reports_per_10k for r in shown],
        "text": [r.name for r in shown],
        "textposition": "top center",
        "customdata": [[r.reports, fmt_decimal(r.reports_per_10k or 0, 2)] for r in shown],
        "marker": {"size": 11, "color": "#08519c", "line": {"color": "#fff", "width": 1}},
        "hovertemplate": "%{text}<br>Känner till blanketten: %{x:.1f} %<br>"
        "Rapporter: %{customdata[0]} (%{customdata[1]} per 10 000 inv.)<extra></extra>",
    }
    return figure(
        [point],
        height=420,
        xaxis={
            "title": {"text": "Känner till blanketten (%)"},
            "ticksuffix": " %",
            "gridcolor": "#e9ecef",
        },
        yaxis={
            "title": {"text": "Rapporter (blankett + IA) per 10 000 invånare"},
            "tickformat": ",.1f",
            "rangemode": "tozero",
        },
    )


def reporting_volume(rows: Sequence[tuple[int, IncidentSource, int]]) -> dict[str, Any]:
    years = sorted({y for y, _, _ in rows})
    styles = {IncidentSource.FORM: ("#d94801", "/"), IncidentSource.IA: ("#08306b", "")}
    traces = bars_per_key(rows, years, [str(y) for y in years], styles)
    return figure(traces, height=340, barmode="group", xaxis={"type": "category"})
