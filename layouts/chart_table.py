"""Every chart's numbers as a table too: the text alternative a screen reader can read
(WCAG 1.1.1), and the figures an official can copy into a report.

The table is built in the browser from the figure itself (`figureTable` in assets/lagesbild.js,
wired once for every chart by a pattern-matching callback in callbacks/routing.py), so it can
never disagree with the chart and costs the server nothing; and only while it is open, as plain
HTML: built for every chart on every load as Dash components, the tables of Översikt's 290
councils kept the browser busy for seconds."""

from typing import Any

from dash import dcc, html

# Plotly's words in Swedish: its own "sv" locale has dates but no words for the toolbar.
PLOTLY_SV = {
    "dictionary": {
        "Download plot as a PNG": "Ladda ned diagrammet som PNG",
        "Download plot": "Ladda ned diagrammet",
        "Reset axes": "Återställ axlarna",
        "Autoscale": "Anpassa axlarna",
        "Double-click to zoom back out": "Dubbelklicka för att zooma ut igen",
        "Double-click on legend to isolate one trace": "Dubbelklicka på en förklaring för att "
        "visa bara den serien",
        "Preparing image - this may take a few seconds": "Bilden skapas – det kan ta några "
        "sekunder",
        "Sorry, there was a problem downloading your image!": "Bilden kunde inte laddas ned.",
        "Produced with Plotly.js": "Skapad med Plotly.js",
    },
    "format": {
        "days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
        "shortDays": ["sön", "mån", "tis", "ons", "tors", "fre", "lör"],
        "months": [
            "januari", "februari", "mars", "april", "maj", "juni",
            "juli", "augusti", "september", "oktober", "november", "december",
        ],
        "shortMonths": [
            "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
        ],
        "date": "%Y-%m-%d",
    },
}  # fmt: skip
# The one configuration of every chart (build charts with `graph` or `chart`): Swedish, and a
# toolbar with only what a user needs, download as PNG and reset axes; two tab stops, not ten,
# and never Plotly's cloud buttons ("share", "Edit in Chart Studio": data would leave the city).
GRAPH_CONFIG: dcc.Graph.Config = {
    "locale": "sv",
    "locales": {"sv": PLOTLY_SV},
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "showLink": False,
    "modeBarButtons": [["toImage", "resetScale2d"]],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
CHART = "chart"
CHART_TABLE = "chart-table"


def chart_id(name: str) -> dict[str, str]:
    """The graph's id, for a callback's Output: `Output(chart_id("overview-trend"), "figure")`."""
    return {"type": CHART, "name": name}


def graph(graph_id: str | dict[str, str], **props: Any) -> dcc.Graph:
    """A chart with the shared configuration (GRAPH_CONFIG)."""
    return dcc.Graph(id=graph_id, config=GRAPH_CONFIG, **props)


def chart(name: str, **graph_props: Any) -> html.Div:
    """The graph, and under it its numbers in a table that opens on demand. The wrapper carries
    `name` as its id, so a page or a test finds the chart as `#name` and its table as
    `#name-table`."""
    return html.Div(
        [
            graph(chart_id(name), **graph_props),
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
