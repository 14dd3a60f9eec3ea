"""Filters come from the URL, so anything may arrive: a bad value falls back, never crashes,
and every page reads a year the same way."""

from datetime import date

from callbacks.overview import overview_filter
from dashboard.pages import PAGES
from dashboard.url_filters import parse_query, parse_values, query_string
from layouts.overview import FILTERS as OVERVIEW
from models.rules import offered_years, parse_year

TODAY = date(2026, 11, 24)


def test_a_year_outside_the_offered_ones_is_no_year() -> None:
    assert parse_year("2021", TODAY) == 2021
    assert offered_years(TODAY)[0] == 2026 and offered_years(TODAY)[-1] == 2017
    for outside in ("1999", "2016", "2027", "3000", "9" * 5000):
        assert parse_year(outside, TODAY) is None, outside[:10]
    for junk in (None, "", "abc", "²", "-1", "20 21", "٢٠٢١", 2021.0, ["2021"]):
        assert parse_year(junk, TODAY) is None, junk


# Pages that keep a bad value as it came, for their report service to name in Swedish (as the
# same address's export does), instead of silently showing another report; the register
# (Händelser) likewise says which of a link's filters it ignored.
REPORTS_BAD_VALUES = {"uppfoljning", "handelser"}


def test_every_page_reads_a_bad_year_the_same_way() -> None:
    """`?year=1999` used to be clamped to 2017 on one page and ignored on another."""
    for page in PAGES:
        for f in page.filters:
            if f.name != "year":
                continue
            assert f.parse("2021", TODAY) == "2021", page.key
            bad = "1999" if page.key in REPORTS_BAD_VALUES else f.parse(None, TODAY)
            assert f.parse("1999", TODAY) == bad, page.key


def test_unknown_overview_filters_mean_all() -> None:
    f = overview_filter("2024", "t9", "blue", "radio", "council")
    assert (f.year, f.period, f.milieu, f.source, f.kind) == (2024, "vb", None, None, None)
    # The old URL value of helår still works; it is the VB.
    assert overview_filter("2024", "year", None, None, None).period == "vb"


def test_the_query_string_round_trips_and_leaves_defaults_out() -> None:
    values = parse_values(OVERVIEW, ["2025", "t1", "white_power", "all", "all", "incidents"], TODAY)
    search = query_string(OVERVIEW, values)
    assert search == "?year=2025&period=t1&milieu=white_power"
    assert parse_query(OVERVIEW, search, TODAY) == values


def test_a_hostile_query_string_is_read_as_defaults() -> None:
    defaults = parse_query(OVERVIEW, "", TODAY)
    assert defaults["year"] == "2026" and defaults["period"] == "vb"
    assert parse_query(OVERVIEW, "?year=" + "9" * 100_000, TODAY) == defaults
    assert parse_query(OVERVIEW, "?milieu=%00&period=%ZZ&kind=" + "x" * 70, TODAY) == defaults
