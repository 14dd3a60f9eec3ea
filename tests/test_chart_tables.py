"""Every chart's numbers can be read as a table (the charts' text alternative): the table is
built from the figure itself, so it holds exactly what the chart shows, in Swedish format."""

from typing import Any

from dashboard.figures.effects import knowledge_vs_reporting
from dashboard.figures.overview import council_comparison, incident_trend
from layouts.chart_table import figure_table
from models.enums import CouncilKind, Milieu
from models.queries.effect_indicators import KnowledgeAndReporting
from models.queries.overview import CouncilFigures


def _cells(table: Any) -> list[list[str]]:
    head, body = table.children
    rows = [[th.children for th in head.children.children]]
    return rows + [[cell.children for cell in tr.children] for tr in body.children]


def test_a_stacked_trend_becomes_periods_by_milieu() -> None:
    rows = [(2026, 1, Milieu.WHITE_POWER, 1234), (2026, 2, Milieu.ISLAMIST, 3)]
    cells = _cells(figure_table(incident_trend(rows, [2026], "tertial")))
    header = cells[0]
    assert header[0] == "" and "Vit makt-miljön" in header and "Islamistiska miljön" in header
    t1 = cells[1]
    assert t1[0] == "2026 T1" and t1[header.index("Vit makt-miljön")] == "1\u00a0234"
    assert cells[2][header.index("Islamistiska miljön")] == "3"
    assert [row[0] for row in cells[1:]] == ["2026 T1", "2026 T2", "2026 T3"]


def test_bars_read_as_their_own_labels() -> None:
    council = CouncilFigures("SKA", "Skarpnäck", CouncilKind.DISTRICT, 24, 48_000, 8, 5, 1)
    cells = _cells(figure_table(council_comparison([council], "per_10k")))
    assert cells[1] == ["Skarpnäck", "5,0"]


def test_a_scatter_lists_each_point_with_both_axes() -> None:
    row = KnowledgeAndReporting("FAR", "Farsta", 44.9, 27, 100_000)
    cells = _cells(figure_table(knowledge_vs_reporting([row])))
    assert cells[0] == [
        "",
        "Känner till blanketten (%)",
        "Rapporter (blankett + IA) per 10 000 invånare",
    ]
    assert cells[1] == ["Farsta", "44,9", "2,7"]


def test_no_data_says_so() -> None:
    assert figure_table({}).children == "Inga siffror att visa."
