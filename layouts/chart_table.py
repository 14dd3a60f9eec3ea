"""Every chart's numbers as a table too: the text alternative a screen reader can read
(WCAG 1.1.1), and the figures an official can copy into a report. Built from the figure dict
itself, so the table can never disagree with the chart."""

from typing import Any

from dash import Output, dcc, html

from dashboard.formatting import fmt_decimal, fmt_int

GRAPH_CONFIG = {"displaylogo": False, "locale": "sv"}


def chart(graph_id: str, **graph: Any) -> html.Div:
    """The graph, and under it its numbers in a table that opens on demand."""
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


def chart_outputs(graph_id: str) -> list[Output]:
    """A callback's outputs for a `chart`: the figure and its table."""
    return [Output(graph_id, "figure"), Output(f"{graph_id}-table", "children")]


def with_table(fig: dict[str, Any]) -> tuple[dict[str, Any], html.Table | html.P]:
    return fig, figure_table(fig)


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return fmt_int(value) if float(value).is_integer() else fmt_decimal(value)


def _axis_title(fig: dict[str, Any], axis: str, default: str) -> str:
    title = fig.get("layout", {}).get(axis, {}).get("title", {})
    return title.get("text", default) if isinstance(title, dict) else str(title or default)


def _rows(fig: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    traces = [t for t in fig.get("data", []) if t.get("type") in ("bar", "scatter", "heatmap")]
    if not traces:
        return [], []
    first = traces[0]
    if first["type"] == "heatmap":
        shown = first.get("text") or first["z"]  # the chart's own Swedish labels where it has them
        rows = zip(first["y"], shown, strict=True)
        return ["", *first["x"]], [[name, *values] for name, values in rows]
    if first["type"] == "scatter" and "text" in first and "markers" in first.get("mode", ""):
        # One point per named thing (e.g. a council): its two values.
        header = ["", _axis_title(fig, "xaxis", "x"), _axis_title(fig, "yaxis", "y")]
        points = zip(first["text"], first["x"], first["y"], strict=True)
        return header, [list(point) for point in points]
    # Bars and lines: one row per category, one column per series.
    category, value = ("y", "x") if first.get("orientation") == "h" else ("x", "y")
    categories: list[Any] = []
    columns: list[dict[Any, Any]] = []
    for trace in traces:
        keys, values = trace.get(category, []), trace.get(value, [])
        categories += [key for key in keys if key not in categories]
        text = trace.get("text")
        if trace["type"] == "bar" and isinstance(text, list) and len(text) == len(keys):
            values = text  # the bar's own label, e.g. "41 % (14 av 34) – låg svarsfrekvens"
        columns.append(dict(zip(keys, values, strict=False)))
    names = [t.get("name") or _axis_title(fig, f"{value}axis", "Värde") for t in traces]
    return ["", *names], [[c, *(column.get(c) for column in columns)] for c in categories]


def figure_table(fig: dict[str, Any]) -> html.Table | html.P:
    header, rows = _rows(fig)
    if not rows:
        return html.P("Inga siffror att visa.")
    return html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(h, scope="col", className="text-end" if i else None)
                        for i, h in enumerate(header)
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [html.Th(str(row[0]), scope="row")]
                        + [html.Td(_cell(v), className="text-end") for v in row[1:]]
                    )
                    for row in rows
                ]
            ),
        ],
        className="table table-sm table-striped mb-0",
    )
