"""Swedish number and date formats: `1 234`, `12,5 %`, `2026-11-24`, `1 juli 2023`."""

from datetime import date

from models.rules import MONTH_NAMES

NBSP = "\u00a0"


def fmt_int(value: int | float) -> str:
    return f"{round(value):,}".replace(",", NBSP)


def fmt_decimal(value: float, decimals: int = 1) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def fmt_percent(value: float, decimals: int = 1) -> str:
    return f"{fmt_decimal(value, decimals)}{NBSP}%"


def fmt_count(value: int, one: str, many: str) -> str:
    """ "1 rapport", "3 rapporter": the number and the word that agrees with it."""
    return f"{fmt_int(value)} {one if value == 1 else many}"


def fmt_day(day: date) -> str:
    """A day in running text: 1 juli 2023."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def genitive(name: str) -> str:
    """Östermalm → Östermalms; a name ending in s, x or z takes no extra s."""
    return name if name[-1:].lower() in ("s", "x", "z") else f"{name}s"
