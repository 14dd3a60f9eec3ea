"""Every chart's numbers as a table too: the text alternative a screen reader can read
(WCAG 1.1.1), and the figures an official can copy into a report.

The table is built in the browser from the figure itself (`figureTable` in assets/lagesbild.js,
wired once for every chart by a pattern-matching callback in callbacks/routing.py), so it can
never disagree with the chart and costs the server nothing."""

from typing import Any

from dash import dcc, html

GRAPH_CONFIG: dcc.Graph.Config = {"displaylogo": False, "locale": "sv"}
CHART = "chart"
CHART_TABLE = "chart-table"


def chart_id(name: str) -> dict[str, str]:
    """The graph's id, for a callback's Output: `Output(chart_id("overview-trend"), "figure")`."""
    return {"type": CHART, "name": name}


def chart(name: str, **graph: Any) -> html.Div:
    """The graph, and under it its numbers in a table that opens on demand. The wrapper carries
    `name` as its id, so a page or a test finds the chart as `#name` and its table as
    `#name-table`."""
    return html.Div(
        [
            dcc.Graph(id=chart_id(name), config=GRAPH_CONFIG, **graph),
            html.Details(
                [
                    html.Summary("Visa siffrorna som tabell"),
                    html.Div(
                        html.Div(id={"type": CHART_TABLE, "name": name}),
                        id=f"{name}-table",
                        className="table-responsive",
                    ),
                ],
                className="small mt-1",
            ),
        ],
        id=name,
    )
