"""Every chart's numbers as a table too: the text alternative a screen reader can read
(WCAG 1.1.1), and the figures an official can copy into a report.

The table is built in the browser from the figure itself (callbacks/chart_tables.py), so it can
never disagree with the chart and costs the server nothing."""

from typing import Any

from dash import dcc, html

GRAPH_CONFIG = {"displaylogo": False, "locale": "sv"}
# Every chart that carries a table; callbacks/chart_tables.py wires one per id.
CHART_IDS = (
    "overview-trend",
    "overview-councils",
    "council-by-milieu",
    "council-by-source",
    "council-survey",
    "surveys-heatmap",
    "surveys-response",
    "effects-awareness",
    "effects-scatter",
    "effects-volume",
)


def chart(graph_id: str, **graph: Any) -> html.Div:
    """The graph, and under it its numbers in a table that opens on demand."""
    assert graph_id in CHART_IDS, graph_id
    return html.Div(
        [
            dcc.Graph(id=graph_id, config=GRAPH_CONFIG, **graph),
            html.Details(
                [
                    html.Summary("Visa siffrorna som tabell"),
                    html.Div(id=f"{graph_id}-table", className="table-responsive"),
                ],
                className="small mt-1",
            ),
        ]
    )
