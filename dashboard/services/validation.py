"""Field validation helpers that collect Swedish messages by field name."""

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from dashboard.personal_data import personal_data_message
from dashboard.services.errors import ValidationFailed
from models import rules
from models.enums import label as enum_label

E = TypeVar("E", bound=StrEnum)


class Errors:
    def __init__(self) -> None:
        self.by_field: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationFailed(self.by_field)


def enum_value(errors: Errors, field: str, value: Any, enum: type[E], label: str) -> E | None:
    """The member whose code this is; else a message in the user's words: "Välj källa." when
    nothing was chosen, or the Swedish labels to choose from (never the codes)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        errors.add(field, f"Välj {label.lower()}.")
        return None
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(enum_label(m) for m in enum)
        errors.add(field, f"{label}: {str(value)[:40]!r} finns inte. Välj något av: {allowed}.")
        return None


# Control characters other than tab and line breaks (Word's Shift+Enter pastes U+000B): XML,
# and so .docx and .xlsx, cannot hold them. A vertical tab or form feed is a line break.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Half of a UTF-16 pair ("\ud800" in JSON): no database can store it, nor can UTF-8 encode it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def text(errors: Errors, field: str, value: Any, label: str, max_len: int = 4000) -> str | None:
    """Every typed text's gate: the length first (before any pattern runs over it), then control
    characters dropped (NUL included: PostgreSQL cannot store it), a lone surrogate refused,
    and last the personal-data guard."""
    if value is None:
        return None
    if not isinstance(value, str):
        errors.add(field, f"{label} måste vara text.")
        return None
    value = value.strip()
    if len(value) > max_len:  # before any pattern runs over it
        errors.add(field, f"{label} får vara högst {max_len} tecken.")
        return None
    value = _CONTROL.sub("", value.translate(_LINE_BREAKS))
    if _SURROGATE.search(value):
        errors.add(
            field,
            f"{label} innehåller ett tecken som inte går att spara (ett halvt tecken, ofta från "
            "en trasig kopiering). Skriv in texten på nytt.",
        )
        return None
    message = personal_data_message(value)
    if message:
        errors.add(field, f"{label}: {message}")
    return value or None


# The one range of days every date the app reads must lie in (forms, the API, filters, the
# log): far around any real one, and far from the calendar's ends, so a filter that adds a day
# to its end, or takes a day's Stockholm midnight in UTC, never overflows.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def parse_iso_day(value: object) -> date | None:
    """A day written exactly ÅÅÅÅ-MM-DD (as a date input sends it), or a date or datetime (an
    import's cell), from FIRST_DAY to LAST_DAY; else None. The length is checked before
    anything is parsed."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        value = value.isoformat()
    text = value.strip() if isinstance(value, str) else ""
    if len(text) != 10 or not text.isascii():
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def iso_date(errors: Errors, field: str, value: Any, label: str) -> date | None:
    """An optional date field (parse_iso_day), with a Swedish message for anything else."""
    if value in (None, ""):
        return None
    day = parse_iso_day(value)
    if day is None:
        errors.add(field, f"{label} måste vara ett datum i formen ÅÅÅÅ-MM-DD.")
    return day


def not_in_future(errors: Errors, field: str, value: date | None, label: str, today: date) -> None:
    if value and value > today:
        errors.add(field, f"{label} kan inte ligga i framtiden.")


def integer(errors: Errors, field: str, value: Any, label: str, low: int, high: int) -> int | None:
    if isinstance(value, bool) or value in (None, ""):
        errors.add(field, f"{label} måste anges som ett heltal.")
        return None
    if isinstance(value, str) and len(value.strip()) > 12:  # before int() reads thousands of digits
        errors.add(field, f"{label} måste vara mellan {low} och {high}.")
        return None
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: 1e400 is infinity
        errors.add(field, f"{label} måste vara ett heltal.")
        return None
    if str(number) != str(value).strip() and not isinstance(value, int):
        errors.add(field, f"{label} måste vara ett heltal.")
        return None
    if not low <= number <= high:
        errors.add(field, f"{label} måste vara mellan {low} och {high}.")
    return number


def year_message(today: date) -> str:
    """The one Swedish message for a year outside the offered ones (rules.parse_year)."""
    return f"År måste vara mellan {rules.FIRST_YEAR} och {today.year}."


def offered_year(errors: Errors, field: str, value: Any, today: date) -> int | None:
    """A year field by the one rule for years (rules.parse_year): from the first plans to this
    year, written as digits; else the one message."""
    chosen = rules.parse_year(value, today)
    if chosen is None:
        errors.add(field, year_message(today))
    return chosen
