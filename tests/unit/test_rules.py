"""models.rules without a database: periods and the plain activity predicates, by hand."""

import ast
from datetime import date
from pathlib import Path

import pytest

from models import rules


@pytest.mark.parametrize(
    ("day", "code", "end", "since"),
    [
        (date(2026, 1, 1), "t1", date(2026, 4, 30), date(2026, 1, 1)),
        (date(2026, 4, 30), "t1", date(2026, 4, 30), date(2026, 1, 1)),
        (date(2026, 5, 1), "t2", date(2026, 8, 31), date(2026, 5, 1)),
        (date(2026, 8, 31), "t2", date(2026, 8, 31), date(2026, 5, 1)),
        (date(2026, 9, 1), "vb", date(2026, 12, 31), date(2026, 9, 1)),
        (date(2026, 12, 31), "vb", date(2026, 12, 31), date(2026, 9, 1)),
    ],
)
def test_the_report_a_day_belongs_to(day: date, code: str, end: date, since: date) -> None:
    period = rules.period_of(day)
    # Every report counts from 1 January: T2 is jan–aug, the VB the whole year.
    assert (period.code, period.start, period.end, period.since) == (
        code,
        date(2026, 1, 1),
        end,
        since,
    )


def test_period_names_and_months() -> None:
    names = {c: rules.period(2024, c) for c in rules.PERIOD_CODES}
    assert [p.name for p in names.values()] == ["T1", "T2", "helår (VB)"]
    assert [p.months_text for p in names.values()] == ["jan–apr", "jan–aug", "jan–dec"]
    assert names["t2"].months == (1, 8)
    assert rules.period(2024, "t3").code == "vb"  # anything else is helår
    assert all("sep–dec" not in p.name for p in names.values())


def test_a_report_looks_from_the_day_after_its_last_day_or_today() -> None:
    t1 = rules.period(2026, "t1")
    assert t1.as_of(date(2026, 6, 10)) == date(2026, 5, 1)  # made in June, as of 30 April
    assert t1.as_of(date(2026, 3, 15)) == date(2026, 3, 15)  # still running


@pytest.mark.parametrize(
    ("value", "code"),
    [("t1", "t1"), ("T2", "t2"), ("vb", "vb"), ("year", "vb"), (" helår ", "vb")],
)
def test_period_codes_from_urls(value: str, code: str) -> None:
    assert rules.parse_period_code(value) == code


@pytest.mark.parametrize("junk", [None, "", "t3", "tertial", 1, "x" * 5000])
def test_unknown_period_codes(junk: object) -> None:
    assert rules.parse_period_code(junk) is None


def test_years_text() -> None:
    assert rules.years_text((2020, 2026)) == "planerna 2020–2026"
    assert rules.years_text((2026, 2026)) == "planen 2026"
    assert rules.years_text(None) == ""


def test_models_import_nothing_from_the_web_app() -> None:
    """models/ (the migrations' env.py too) must import without dashboard/, callbacks/, layouts/;
    models/rules.py also without Dash or Flask."""
    root = Path(__file__).resolve().parents[2] / "models"
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                top = name.split(".")[0]
                assert top not in {"dashboard", "callbacks", "layouts"}, (path, name)
                if path.name == "rules.py":
                    assert top not in {"dash", "flask", "flask_login"}, name


def test_the_latest_report_that_has_ended() -> None:
    assert rules.latest_ended(date(2026, 11, 26)).name == "T2"
    assert rules.latest_ended(date(2026, 4, 30)).end == date(2025, 12, 31)
    assert rules.latest_ended(date(2026, 5, 1)).end == date(2026, 4, 30)
    assert rules.latest_ended(date(2026, 12, 31)).end == date(2026, 8, 31)
    assert rules.latest_ended(date(2027, 1, 1)).end == date(2026, 12, 31)


def test_a_year_is_told_by_its_vb_once_ended_else_by_its_latest_report() -> None:
    assert rules.year_report(2023, date(2026, 11, 26)).code == "vb"
    assert rules.year_report(2026, date(2026, 11, 26)).code == "t2"
    assert rules.year_report(2026, date(2026, 5, 1)).code == "t1"
    assert rules.year_report(2026, date(2026, 3, 1)).code == "t1"  # T1 while it runs
    assert rules.year_report(2026, date(2027, 1, 1)).code == "vb"
