"""The domain's rules, each in one place: which years exist, how a council is looked up.

No Dash or Flask import: pages, the API, the CLI, the import and the exports all call these,
so they cannot disagree.
"""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.council import Council

# --- years -----------------------------------------------------------------------------------

FIRST_YEAR = 2017  # the first local plans were approved by KS in June 2017
MAX_CODE_LENGTH = 16


def offered_years(today: date) -> list[int]:
    """The years a page offers, newest first: from the first plans to this year."""
    return list(range(today.year, FIRST_YEAR - 1, -1))


def parse_year(value: object, today: date) -> int | None:
    """An offered year from a URL, form or API value; None for anything else (text, a
    5 000-digit number, a year before the first plans or after this one)."""
    text = str(value).strip() if isinstance(value, str | int) else ""
    if not (0 < len(text) <= 4 and text.isascii() and text.isdecimal()):
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= today.year else None


def chosen_year(value: object, today: date, default: int | None = None) -> int:
    """The year a page shows: the one asked for when it is offered, else the default (this
    year unless the page says otherwise). Never clamped: 1999 is not 2017."""
    year = parse_year(value, today)
    return year if year is not None else (default or today.year)


def council_years(council: Council, today: date) -> list[int]:
    """The offered years in which the council existed, newest first."""
    return [
        y
        for y in offered_years(today)
        if council.valid_from.year <= y and (council.valid_to is None or y <= council.valid_to.year)
    ]


# --- councils --------------------------------------------------------------------------------


def normalise_code(code: object) -> str | None:
    """A council code as stored (upper case), or None when it cannot be one."""
    if not isinstance(code, str):
        return None
    text = code.strip()
    if not (0 < len(text) <= MAX_CODE_LENGTH and text.isascii() and text.isalnum()):
        return None
    return text.upper()


def find_council(session: Session, code: object) -> Council | None:
    """The council with this code, case-insensitively; None for anything else."""
    wanted = normalise_code(code)
    if wanted is None:
        return None
    return session.scalar(select(Council).where(func.upper(Council.code) == wanted))
