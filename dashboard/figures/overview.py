"""Figures of Översikt: trend, council comparison and the district tile map."""

from collections.abc import Sequence
from typing import Any

from dashboard.figures.common import BLUES, MILIEU_STYLE, bars_per_key, figure
from dashboard.formatting import fmt_decimal, fmt_int
from models.enums import Milieu
from models.queries.overview import CouncilFigures

MEASURES = {
    "incidents": "Händelser (antal)",
    "per_10k": "Händelser per 10 000 invånare",
    "completion": "Genomförda aktiviteter (%)",
}

# Schematic positions (column, row) of the districts, roughly as they lie: north-west at the
# top left, the inner city in the middle, the south at the bottom. The tiles of merged councils
# take their predecessors' place.
TILES: dict[str, tuple[int, int]] = {
    "HAV": (0, 0),
    "SPT": (1, 0),
    "RIK": (2, 0),
    "JAR": (1, 0),
    "BRO": (1, 1),
    "KUN": (2, 1),
    "NOR": (3, 1),
    "OST": (4, 1),
    "NIN": (3, 1),
    "HAL": (2, 2),
    "HAE": (2, 2),
    "SOD": (3, 2),
    "SKH": (1, 3),
    "ALV": (2, 3),
    "EAV": (3, 3),
    "SKA": (4, 3),
    "FAR": (3, 4),
}


def measure_value(council: CouncilFigures, measure: str) -> float | None:
    if measure == "per_10k":
        return council.per_10k
    if measure == "completion":
        return council.completion
    return float(council.incidents)


def format_measure(value: float | None, measure: str) -> str:
    if value is None:
        return "–"
    if measure == "incidents":
        return fmt_int(value)
    return fmt_decimal(value) + ("\u00a0%" if measure == "completion" else "")


def incident_trend(
    rows: Sequence[tuple[int, int, Milieu, int]], years: list[int], by: str
) -> dict[str, Any]:
    buckets = range(1, 4) if by == "tertial" else range(1, 13)
    keys = [(y, b) for y in years for b in buckets]
    names = [f"{y} T{b}" if by == "tertial" else f"{y}-{b:02d}" for y, b in keys]
    traces = bars_per_key((((y, b), m, n) for y, b, m, n in rows), keys, names, MILIEU_STYLE)
    return figure(
        traces,
        barmode="stack",
        bargap=0.15,
        xaxis={"type": "category", "tickangle": -45 if by == "month" else "auto"},
    )


def council_comparison(
    councils: Sequence[CouncilFigures], measure: str, top: int | None = None
) -> dict[str, Any]:
    """One bar per council with a value, the highest at the top; only the `top` highest when
    given (at national scale 290 bars make a chart 7 600 px tall)."""
    shown = [(c, measure_value(c, measure)) for c in councils]
    shown = sorted((x for x in shown if x[1] is not None), key=lambda x: x[1] or 0)
    if top is not None:
        shown = shown[-top:]
    bar = {
        "type": "bar",
        "orientation": "h",
        "x": [v for _, v in shown],
        "y": [c.name for c, _ in shown],
        "marker": {"color": "#2171b5"},
        "text": [format_measure(v, measure) for _, v in shown],
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": [c.code for c, _ in shown],
        "hovertemplate": "%{y}: %{text}<extra></extra>",
    }
    return figure(
        [bar],
        height=max(300, 26 * len(shown) + 80),
        xaxis={"title": {"text": MEASURES[measure]}, "gridcolor": "#e9ecef", "tickformat": ",~r"},
        yaxis={"tickformat": "", "automargin": True},
        margin={"l": 10, "r": 40, "t": 10, "b": 10},
    )


def _tile_name(name: str) -> str:
    """Long district names break after a hyphen, or else at a space, to fit their tile."""
    if len(name) <= 10:
        return name
    return name.replace("-", "-<br>", 1) if "-" in name else name.replace(" ", "<br>", 1)


def tile_map(councils: Sequence[CouncilFigures], measure: str) -> dict[str, Any]:
    tiles = [(c, TILES[c.code], measure_value(c, measure)) for c in councils if c.code in TILES]
    values = [v for _, _, v in tiles if v is not None]
    top = max(values, default=1) or 1
    scatter = {
        "type": "scatter",
        "x": [pos[0] for _, pos, _ in tiles],
        "y": [-pos[1] for _, pos, _ in tiles],
        "mode": "markers+text",
        "marker": {
            "symbol": "square",
            "size": 92,
            "color": [v if v is not None else 0 for _, _, v in tiles],
            "colorscale": BLUES,
            "cmin": 0,
            "cmax": top,
            "line": {"color": "#495057", "width": 1},
            "colorbar": {"title": {"text": MEASURES[measure], "side": "right"}},
        },
        "text": [
            f"<b>{_tile_name(c.name)}</b><br>{format_measure(v, measure)}" for c, _, v in tiles
        ],
        "textfont": {
            "color": ["#fff" if (v or 0) > 0.55 * top else "#212529" for _, _, v in tiles],
            "size": 10.5,
        },
        "customdata": [c.code for c, _, _ in tiles],
        "hovertemplate": "%{text}<extra>Klicka för nämndsidan</extra>",
    }
    return figure(
        [scatter],
        height=520,
        xaxis={"visible": False, "range": [-0.6, 4.6]},
        yaxis={"visible": False, "range": [-4.6, 0.6], "scaleanchor": "x"},
    )
