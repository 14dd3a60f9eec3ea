"""Swedish number and date formats: `1 234`, `12,5 %`, `2026-11-24`."""

NBSP = "\u00a0"


def fmt_int(value: int | float) -> str:
    return f"{round(value):,}".replace(",", NBSP)


def fmt_decimal(value: float, decimals: int = 1) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def fmt_percent(value: float, decimals: int = 1) -> str:
    return f"{fmt_decimal(value, decimals)}{NBSP}%"
