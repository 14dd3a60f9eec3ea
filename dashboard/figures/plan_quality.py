"""Plankvalitet's chart: each plan's share of the KS memo's points."""

from typing import Any

from dashboard.figures.common import figure
from models.enums import label
from models.queries.plan_quality import PlanQuality

BAR_COLOUR = "#08519c"  # dark enough to read as a solid bar when printed in grey-scale


def score_chart(plans: list[PlanQuality]) -> dict[str, Any]:
    """One horizontal bar per plan, best first; the figure is printed inside every bar so the
    chart reads without colour. A plan's share is of its own points (district and specialist
    councils are checked on different numbers), so the bar text gives both."""
    bars = {
        "type": "bar",
        "orientation": "h",
        "x": [round(p.percent) for p in plans],
        "y": [p.council_name for p in plans],
        "marker": {"color": BAR_COLOUR},
        "text": [f"{round(p.percent)}\u00a0% ({p.passed}/{p.total})" for p in plans],
        "textposition": "inside",
        "insidetextanchor": "end",
        "textfont": {"color": "#fff"},
        "customdata": [
            [p.council_code, p.passed, p.total, label(p.council_kind).lower()] for p in plans
        ],
        "hovertemplate": "%{y} (%{customdata[3]}): %{customdata[1]} av %{customdata[2]} punkter"
        " (%{x}\u00a0%)<extra></extra>",
    }
    return figure(
        [bars],
        height=max(220, 90 + 30 * len(plans)),
        # Room at the top for the mode bar, so it never covers the best plan's bar.
        margin={"l": 10, "r": 20, "t": 36, "b": 10},
        showlegend=False,
        yaxis={
            "autorange": "reversed",
            "tickformat": "",
            "showgrid": False,
            "automargin": True,
        },
        xaxis={
            "range": [0, 100],
            "automargin": True,
            "ticksuffix": "\u00a0%",
            "gridcolor": "#e9ecef",
            "tickformat": ",d",
            "title": {"text": "Andel uppfyllda punkter"},
        },
    )
