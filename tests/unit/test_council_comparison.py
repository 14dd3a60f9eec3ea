"""Översikt's comparison of the councils: at national scale only the highest, unless asked."""

from dashboard.figures.overview import council_comparison
from models.enums import CouncilKind
from models.queries.overview import CouncilFigures


def _councils(n: int) -> list[CouncilFigures]:
    return [
        CouncilFigures(f"N{i:03}", f"Nämnd {i:03}", CouncilKind.DISTRICT, i * 10, None, 0, 0, 0)
        for i in range(1, n + 1)
    ]


def test_the_twenty_highest_councils_are_shown_highest_at_the_top() -> None:
    bars = council_comparison(_councils(290), "incidents", top=20)["data"][0]
    assert len(bars["y"]) == 20
    assert bars["y"][-1] == "Nämnd 290" and bars["y"][0] == "Nämnd 271"  # drawn bottom up
    assert bars["x"] == sorted(bars["x"])


def test_all_councils_when_asked_and_the_chart_grows_with_them() -> None:
    some = council_comparison(_councils(290), "incidents", top=20)
    every = council_comparison(_councils(290), "incidents")
    assert len(every["data"][0]["y"]) == 290
    assert every["layout"]["height"] > some["layout"]["height"]
