"""Pages anyone may read without logging in: the accessibility statement (lagen (2018:1937) om
tillgänglighet till digital offentlig service expects it to be reachable by everyone, and it
holds no data)."""

from datetime import date

from flask import Blueprint, render_template
from flask_login import current_user

bp = Blueprint("public", __name__)

# A role address, not a person: the statement names no one.
CONTACT_EMAIL = "lagesbild@stockholm.se"
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"
# The day the statement was last reviewed against the application (update it with the text).
STATEMENT_DATE = date(2026, 11, 26)
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december")  # fmt: skip


def swedish_date(day: date) -> str:
    """26 november 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@bp.route("/tillganglighet")
def accessibility() -> str:
    return render_template(
        "accessibility.html",
        email=CONTACT_EMAIL,
        digg_url=DIGG_REPORT_URL,
        statement_date=swedish_date(STATEMENT_DATE),
        logged_in=current_user.is_authenticated,
    )
