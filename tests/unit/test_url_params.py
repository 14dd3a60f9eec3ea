"""Filters come from the URL, so anything may arrive: a bad value falls back, never crashes."""

from datetime import date

from callbacks.overview import overview_filter
from layouts.components import chosen_year

TODAY = date(2026, 11, 24)


def test_a_year_is_clamped_to_the_years_offered() -> None:
    assert chosen_year("2021", TODAY) == 2021
    assert chosen_year("1999", TODAY) == 2017  # before the first plans
    assert chosen_year("3000", TODAY) == 2026
    for junk in (None, "", "abc", "²", "-1", "20 21"):
        assert chosen_year(junk, TODAY) == 2026, junk


def test_unknown_overview_filters_mean_all() -> None:
    f = overview_filter("2024", "t9", "blue", "radio", "council")
    assert (f.year, f.period, f.milieu, f.source, f.kind) == (2024, "year", None, None, None)
