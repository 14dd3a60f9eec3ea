"""Figures of the Enkäter page."""

from typing import Any

from dashboard.figures.common import BLUES, bar_marker, figure
from dashboard.formatting import fmt_int, fmt_percent
from models.enums import SurveyIndicator, label
from models.queries.survey_results import LOW_RESPONSE_RATE, SurveyYear


def heatmap(data: SurveyYear) -> dict[str, Any]:
    indicators = list(SurveyIndicator)
    names = [*(c.name for c in data.councils), "Staden (viktat snitt)"]
    rows = [[c.results.get(i) for i in indicators] for c in data.councils]
    rows.append([data.city.get(i) for i in indicators])
    trace = {
        "type": "heatmap",
        "z": rows,
        "x": [label(i) for i in indicators],
        "y": names,
        "text": [[fmt_percent(v) if v is not None else "–" for v in row] for row in rows],
        "texttemplate": "%{text}",
        "colorscale": BLUES,
        "zmin": 0,
        "zmax": 100,
        "xgap": 2,
        "ygap": 2,
        "colorbar": {"title": {"text": "Andel (%)"}, "ticksuffix": " %"},
        "hovertemplate": "%{y}<br>%{x}: %{text}<extra></extra>",
    }
    return figure(
        [trace],
        height=max(320, 34 * len(names) + 140),
        xaxis={"side": "top", "tickangle": -30},
        yaxis={"autorange": "reversed", "tickformat": ""},
    )


def response_rates(data: SurveyYear) -> dict[str, Any]:
    councils = sorted(data.councils, key=lambda c: c.response_rate)
    low = [c.low_response for c in councils]
    bars = {
        "type": "bar",
        "orientation": "h",
        "name": "Svarsfrekvens",
        "x": [c.response_rate for c in councils],
        "y": [c.name for c in councils],
        "text": [
            f"{fmt_percent(c.response_rate, 0)} ({fmt_int(c.answered)} av {fmt_int(c.sent)})"
            + (" – låg svarsfrekvens" if c.low_response else "")
            for c in councils
        ],
        "textposition": "outside",
        "cliponaxis": False,
        "marker": {
            **bar_marker("#2171b5", ""),
            "color": ["#fdae6b" if is_low else "#2171b5" for is_low in low],
            "pattern": {
                "shape": ["x" if is_low else "" for is_low in low],
                "fgcolor": "#7f2704",
                "fillmode": "overlay",
            },
        },
        "hovertemplate": "%{y}: %{text}<extra></extra>",
    }
    limit = {
        "type": "line",
        "x0": LOW_RESPONSE_RATE,
        "x1": LOW_RESPONSE_RATE,
        "y0": 0,
        "y1": 1,
        "yref": "paper",
        "line": {"color": "#7f2704", "dash": "dash"},
    }
    return figure(
        [bars],
        height=max(260, 28 * len(councils) + 80),
        shapes=[limit],
        xaxis={"range": [0, 100], "ticksuffix": " %", "gridcolor": "#e9ecef", "dtick": 25},
        yaxis={"tickformat": ""},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
