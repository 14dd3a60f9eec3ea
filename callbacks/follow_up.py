"""Uppföljning callbacks: the councils of the chosen period, then the report (built by
dashboard/services/follow_up.py, the same report the exports write)."""

from datetime import UTC, date, datetime
from typing import Any

from dash import Input, Output, State
from dash.development.base_component import Component
from flask_login import current_user
from sqlalchemy.orm import Session

from callbacks.common import Callbacks, cached
from dashboard.db import db_session
from dashboard.services import follow_up as service
from dashboard.services.errors import ServiceError
from layouts import follow_up as view
from layouts.follow_up import AUTO, CITY, COUNCIL, PERIOD, YEAR
from models import Council, rules
from models.base import stockholm_today
from models.data_version import Topic, reads
from models.enums import Role
from models.queries.follow_up import reporting_councils

CITY_OPTION = {"label": "Hela staden", "value": CITY}


def _period_end(year: object, period: object, today: date) -> date | None:
    chosen = rules.parse_year(year, today)
    code = rules.parse_period_code(period)
    return None if chosen is None or code is None else rules.period(chosen, code).end


def default_council(user: Any, day: date | None) -> str:
    """A coordinator starts on their own council when it existed on the period's last day
    (Norra innerstaden's coordinator on Norra innerstaden); everyone else on the whole city."""
    council: Council | None = getattr(user, "council", None)
    if getattr(user, "role", None) is not Role.COORDINATOR or council is None:
        return CITY
    return council.code if day is None or council.is_valid_on(day) else CITY


def council_choice(
    year: object, period: object, requested: str | None, auto: str | None, today: date
) -> tuple[list[Any], str, str | None]:
    """The whole city and the councils that existed on the period's last day, the council to
    show, and the value chosen by default (None once the user or the address has chosen). A
    default follows the period (Östermalm's coordinator moves from the city to Östermalm when
    going back to 2023); a choice stays, even when the period lacks it, so the report can say
    why."""
    session = db_session()
    day = _period_end(year, period, today)
    councils = reporting_councils(session, day) if day else []
    options = [CITY_OPTION, *({"label": c.name, "value": c.code} for c in councils)]
    chose_default = requested is None or (auto is not None and requested == auto)
    value = default_council(current_user, day) if chose_default else str(requested)
    if value not in {o["value"] for o in options}:
        found = rules.find_council(session, value)
        name = f"{found.name} (fanns inte i perioden)" if found else "Okänd nämnd"
        options = view.with_unknown(options, value, name)
    return options, value, value if chose_default else None


@reads(Topic.PLANS, Topic.ACTIVITIES, Topic.INCIDENTS, Topic.COUNCILS)
def _report(
    session: Session, year: object, period: object, council: object, today: date
) -> service.FollowUpReport:
    """The report, with what the page reads of its plans loaded (it is kept in the query cache
    and read after this request's session has closed)."""
    request = service.parse_request(session, year, period, council, today)
    report = service.build_report(session, request, datetime.now(UTC))
    for r in report.councils:
        for plan in r.plans:
            _ = plan.council.name, plan.council.code
    return report


def render_report(year: object, period: object, council: object, today: date) -> list[Component]:
    values = [
        f.parse(v, today)
        for f, v in zip((YEAR, PERIOD, COUNCIL), (year, period, council), strict=True)
    ]
    code = None if values[2] in (None, CITY) else values[2]
    try:
        report = cached(_report, values[0], values[1], code, today)
    except ServiceError as error:
        return view.refusal(error.message)
    return view.report_view(report)


def register(app: Callbacks) -> None:
    @app.callback(
        Output(COUNCIL.control_id, "options"),
        Output(COUNCIL.control_id, "value"),
        Output(AUTO, "data"),
        Input(YEAR.control_id, "value"),
        Input(PERIOD.control_id, "value"),
        State(COUNCIL.control_id, "value"),
        State(AUTO, "data"),
    )
    def councils_of_period(
        year: str | None, period: str | None, requested: str | None, auto: object
    ) -> tuple[list[Any], str, str | None]:
        today = stockholm_today()
        default = auto if isinstance(auto, str) else None
        return council_choice(year, period, COUNCIL.parse(requested, today), default, today)

    # A dict of outputs (one of them): Dash's address-writing callback takes the same inputs.
    @app.callback(
        output={"report": Output("follow-up-report", "children")},
        inputs=[Input(f.control_id, "value") for f in (YEAR, PERIOD, COUNCIL)],
    )
    def report(year: str | None, period: str | None, council: str | None) -> dict[str, Any]:
        return {"report": render_report(year, period, council, stockholm_today())}
