"""A page's URL filters, declared once: how each is read from the address, checked, and written
back. The page registry parses the query string with them before a layout is built, the page's
callbacks parse the controls' values with the same declaration, and one generic callback keeps
the address in step with the controls, so a link always reproduces the view.

No Dash import: the declarations are plain data and testable on their own.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl, urlencode

from models import rules
from models.base import stockholm_today

MAX_QUERY_LENGTH = 2048  # a longer query string is not one of ours: it is read as empty
MAX_VALUE_LENGTH = 64

Parser = Callable[[str, date], str | None]


@dataclass(frozen=True)
class UrlFilter:
    """One filter: its query-string key, the control that holds it, how a raw value becomes a
    valid one (None when it is not valid), its default, and the value left out of the URL."""

    name: str
    control_id: str
    parser: Parser
    default: Callable[[date], str | None]
    omitted: str | None = None

    def parse(self, raw: object, today: date | None = None) -> str | None:
        """The valid value for `raw`, or the default: bad values fall back, never crash."""
        today = today or stockholm_today()
        if isinstance(raw, str) and 0 < len(raw) <= MAX_VALUE_LENGTH:
            value = self.parser(raw, today)
            if value is not None:
                return value
        return self.default(today)

    def url_value(self, value: str | None) -> str | None:
        return None if value in (None, "", self.omitted) else value


def _year(raw: str, today: date) -> str | None:
    year = rules.parse_year(raw, today)
    return None if year is None else str(year)


def _plan_year(raw: str, today: date) -> str | None:
    """A plan year: the offered years and next year, for which the plan is written now."""
    return _year(raw, date(today.year + 1, 1, 1))


def _code(raw: str, _today: date) -> str | None:
    return rules.normalise_code(raw)


def _this_year(today: date) -> str:
    return str(today.year)


def _nothing(_today: date) -> None:
    return None


def year_filter(control_id: str, *, default_this_year: bool = True) -> UrlFilter:
    """A year among those offered; by default this year (or none, for a page whose callback
    picks a year from the data, e.g. the newest survey)."""
    return UrlFilter("year", control_id, _year, _this_year if default_this_year else _nothing)


def plan_year_filter(control_id: str) -> UrlFilter:
    """A plan's year, next year included; the page's callback picks one when none is given."""
    return UrlFilter("year", control_id, _plan_year, _nothing)


def council_filter(control_id: str, name: str = "council") -> UrlFilter:
    """A council code, upper-cased; whether it exists is the page's callback's question."""
    return UrlFilter(name, control_id, _code, _nothing)


def _record_id(raw: str, _today: date) -> str | None:
    record_id = rules.parse_row_id(raw)
    return str(record_id) if record_id is not None else None


def record_filter(name: str, control_id: str) -> UrlFilter:
    """A record's id (e.g. the activity a link opens); whether it exists is the page's
    question."""
    return UrlFilter(name, control_id, _record_id, _nothing)


def _period(raw: str, _today: date) -> str | None:
    return rules.parse_period_code(raw)


def period_filter(control_id: str) -> UrlFilter:
    """A report period (rules.period): t1, t2 or the whole year (vb, the default)."""
    return UrlFilter("period", control_id, _period, lambda _today: "vb", omitted="vb")


def choice_filter(name: str, control_id: str, allowed: Iterable[str], default: str) -> UrlFilter:
    """One of a fixed set of values; the default is left out of the URL."""
    values = frozenset(allowed) | {default}

    def parser(raw: str, _today: date) -> str | None:
        return raw if raw in values else None

    return UrlFilter(name, control_id, parser, lambda _today: default, omitted=default)


def parse_query(
    filters: Iterable[UrlFilter], search: object, today: date | None = None
) -> dict[str, str | None]:
    """The filters' valid values from a query string such as `?year=2025&period=t1` (anything
    but a string, as a forged request may send, is an empty one)."""
    text = (search if isinstance(search, str) else "").lstrip("?")
    raw = dict(parse_qsl(text)) if len(text) <= MAX_QUERY_LENGTH else {}
    return {f.name: f.parse(raw.get(f.name), today) for f in filters}


def parse_values(
    filters: Iterable[UrlFilter], values: Iterable[object], today: date | None = None
) -> dict[str, str | None]:
    """The filters' valid values from their controls' values, in declaration order."""
    return {f.name: f.parse(v, today) for f, v in zip(filters, values, strict=True)}


def query_string(filters: Iterable[UrlFilter], values: Mapping[str, str | None]) -> str:
    """`?year=2026&period=t1` for the filters' values, defaults and empty ones left out."""
    kept = {}
    for f in filters:
        value = f.url_value(values.get(f.name))
        if value is not None:
            kept[f.name] = value
    return "?" + urlencode(kept) if kept else ""
