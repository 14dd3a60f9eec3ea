"""Pages anyone may read without logging in: the accessibility statement (lagen (2018:1937) om
tillgänglighet till digital offentlig service expects it to be reachable by everyone, and it
holds no data)."""

from datetime import date

from flask import Blueprint, render_template
from flask_login import current_user

from dashboard.formatting import fmt_day

bp = Blueprint("public", __name__)

# A role address, not a person: the statement names no one.
CONTACT_EMAIL = "lagesbild@stockholm.se"
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"
# The day the statement was last reviewed against the application (update it with the text).
STATEMENT_DATE = date(2026, 11, 26)


@bp.route("/tillganglighet")
def accessibility() -> str:
    return render_template(
        "accessibility.html",
        email=CONTACT_EMAIL,
        digg_url=DIGG_REPORT_URL,
        statement_date=fmt_day(STATEMENT_DATE),
        logged_in=current_user.is_authenticated,
    )
