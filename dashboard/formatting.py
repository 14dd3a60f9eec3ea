"""Swedish number and date formats: `1 234`, `12,5 %`, `2,4 MB`, `2026-11-24`, `1 juli 2023`."""

import math
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


def fmt_size(size: int) -> str:
    """A size in bytes as kB or MB with one decimal ("2,4 MB"), rounded up so a request just
    over a limit never reads as the limit; a whole number without its ",0" ("2 MB")."""
    unit, scale = ("MB", 1024 * 1024) if size >= 1024 * 1024 else ("kB", 1024)
    tenths = math.ceil(size * 10 / scale)
    number = fmt_int(tenths // 10) if tenths % 10 == 0 else fmt_decimal(tenths / 10)
    return f"{number}{NBSP}{unit}"


def fmt_count(value: int, one: str, many: str) -> str:
    """ "1 rapport", "3 rapporter": the number and the word that agrees with it."""
    return f"{fmt_int(value)} {one if value == 1 else many}"


def fmt_day(day: date) -> str:
    """A day in running text: 1 juli 2023."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def genitive(name: str) -> str:
    """Östermalm → Östermalms; a name ending in s, x or z takes no extra s."""
    return name if name[-1:].lower() in ("s", "x", "z") else f"{name}s"
