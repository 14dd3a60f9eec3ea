"""Figures of the city-wide lägesbild for KS (the Word report): this year against last year.

The report also reuses Översikt's trend and council comparison, Enkäter's heat map and
Plankvalitet's score chart; only the year-on-year bars are its own.
"""

from collections.abc import Sequence
from typing import Any

from dashboard.figures.common import bar_marker, figure

THIS_YEAR = ("#08519c", "")
LAST_YEAR = ("#9ecae1", "/")


def this_and_last(
    categories: Sequence[str],
    this_year: Sequence[int],
    last_year: Sequence[int],
    year: int,
    horizontal: bool = False,
) -> dict[str, Any]:
    """Grouped bars, one pair per category (a milieu, a source, a council): the year's count
    printed on its bar, last year's beside it in a lighter, hatched bar (apart in grey-scale)."""
    value_axis, category_axis = ("x", "y") if horizontal else ("y", "x")
    traces = []
    for name, values, (colour, pattern) in (
        (str(year), this_year, THIS_YEAR),
        (str(year - 1), last_year, LAST_YEAR),
    ):
        traces.append(
            {
                "type": "bar",
                "orientation": "h" if horizontal else "v",
                "name": name,
                category_axis: list(categories),
                value_axis: list(values),
                "marker": bar_marker(colour, pattern),
                "text": [str(v) for v in values],
                "textposition": "outside",
                "cliponaxis": False,
            }
        )
    layout: dict[str, Any] = {"barmode": "group", "bargap": 0.25}
    if horizontal:
        layout["yaxis"] = {"autorange": "reversed", "tickformat": "", "automargin": True}
        layout["xaxis"] = {"gridcolor": "#e9ecef", "tickformat": ",d", "automargin": True}
        height = max(260, 44 * len(categories) + 90)
    else:
        layout["xaxis"] = {"type": "category", "automargin": True}
        height = 340
    return figure(traces, height=height, margin={"l": 10, "r": 30, "t": 30, "b": 10}, **layout)
