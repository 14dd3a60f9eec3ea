"""Figures of the Översikt page."""

import plotly.graph_objects as go

from dashboard.figures.common import MILIEU_STYLE, STATUS_COLOURS, base_layout
from models.enums import ActivityStatus, Milieu, label


def incidents_by_year(rows: list[tuple[int, Milieu, int]], years: list[int]) -> go.Figure:
    fig = go.Figure()
    for milieu, (colour, pattern) in MILIEU_STYLE.items():
        per_year = {y: n for y, m, n in rows if m is milieu}
        fig.add_bar(
            name=label(milieu),
            x=[str(y) for y in years],
            y=[per_year.get(y, 0) for y in years],
            marker={"color": colour, "pattern": {"shape": pattern, "fgcolor": "#fff"}},
            hovertemplate="%{x}: %{y:,d} händelser<extra>" + label(milieu) + "</extra>",
        )
    fig.update_layout(barmode="stack")
    return base_layout(fig)


def activities_by_status(counts: dict[ActivityStatus, int]) -> go.Figure:
    statuses = list(ActivityStatus)
    fig = go.Figure(
        go.Bar(
            x=[counts.get(s, 0) for s in statuses],
            y=[label(s) for s in statuses],
            orientation="h",
            marker={"color": [STATUS_COLOURS[s] for s in statuses]},
            text=[counts.get(s, 0) for s in statuses],
            textposition="outside",
            hovertemplate="%{y}: %{x:,d}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", tickformat=None)
    fig.update_xaxes(gridcolor="#e9ecef", tickformat=",d")
    return base_layout(fig)
