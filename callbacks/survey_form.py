"""Enkätresultat callbacks."""

from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output, State, no_update
from flask_login import current_user

from callbacks.common import Callbacks, Options, council_choice, form_council
from dashboard.db import db_session
from dashboard.formatting import fmt_percent
from dashboard.services.errors import ServiceError, ValidationFailed
from dashboard.services.surveys import save_survey
from layouts.components import year_options
from layouts.survey_form import indicator_id
from models.base import stockholm_today
from models.enums import SurveyIndicator
from models.queries.survey_results import survey_round
from models.rules import offered_years, parse_year

FIELDS = ("council", "year", "audience", "sent", "answered")
INDICATORS = list(SurveyIndicator)


def register(app: Callbacks) -> None:
    @app.callback(
        Output("survey-council", "options"),
        Output("survey-council", "value"),
        Output("survey-council", "disabled"),
        Output("survey-year", "options"),
        Output("survey-year", "value"),
        Input("survey-result", "id"),
    )
    def fill_selects(
        _id: str,
    ) -> tuple[Options, str | None, bool, Options, str]:
        today = stockholm_today()
        return *council_choice(), year_options(offered_years(today)), str(today.year)

    @app.callback(
        Output("survey-sent", "value"),
        Output("survey-answered", "value"),
        *[Output(indicator_id(i), "value") for i in INDICATORS],
        Output("survey-version", "data"),
        Input("survey-council", "value"),
        Input("survey-year", "value"),
        Input("survey-audience", "value"),
    )
    def load_existing(
        code: str | None, value: str | None, audience: str | None
    ) -> tuple[object, ...]:
        council, year = form_council(code), parse_year(value, stockholm_today())
        survey = None
        if council is not None and year is not None and audience and len(audience) <= 200:
            survey = survey_round(db_session(), council.id, year, audience.strip())
        if survey is None:
            return None, None, *([""] * len(INDICATORS)), None
        results = {r.indicator: r.percent for r in survey.results}
        values = [
            fmt_percent(results[i]).removesuffix("\u00a0%") if i in results else ""
            for i in INDICATORS
        ]
        return survey.sent, survey.answered, *values, survey.version

    @app.callback(
        Output("survey-result", "children"),
        *[Output(f"survey-{name}", "invalid") for name in FIELDS],
        *[Output(f"survey-{name}-feedback", "children") for name in FIELDS],
        *[Output(indicator_id(i), "invalid") for i in INDICATORS],
        *[Output(f"{indicator_id(i)}-feedback", "children") for i in INDICATORS],
        Output("survey-results-feedback", "children"),
        Output("survey-version", "data", allow_duplicate=True),
        Input("survey-save", "n_clicks"),
        State("survey-council", "value"),
        State("survey-year", "value"),
        State("survey-audience", "value"),
        State("survey-sent", "value"),
        State("survey-answered", "value"),
        *[State(indicator_id(i), "value") for i in INDICATORS],
        State("survey-version", "data"),
        prevent_initial_call=True,
    )
    def save(
        _clicks: int, council: str, year: str, audience: str, sent: Any, answered: Any, *rest: Any
    ) -> tuple[object, ...]:
        *percents, version = rest
        data = {
            "council": council,
            "year": year,
            "audience": audience,
            "sent": sent,
            "answered": answered,
            "results": {i.value: p for i, p in zip(INDICATORS, percents, strict=True)},
            "version": version,
        }
        session = db_session()
        errors: dict[str, str] = {}
        try:
            survey = save_survey(session, current_user, data)
            session.commit()
            alert = dbc.Alert(
                f"Enkäten sparades: {survey.answered} av {survey.sent} svarade "
                f"({fmt_percent(survey.response_rate)}).",
                color="success",
                id="survey-saved",
            )
            new_version: Any = survey.version
        except ValidationFailed as error:
            session.rollback()
            errors = error.errors
            alert = dbc.Alert(error.message + " Ingenting sparades.", color="danger")
            new_version = no_update
        except ServiceError as error:
            session.rollback()
            alert = dbc.Alert(error.message, color="danger")
            new_version = no_update
        return (
            alert,
            *[name in errors for name in FIELDS],
            *[errors.get(name, "") for name in FIELDS],
            *[i.value in errors for i in INDICATORS],
            *[errors.get(i.value, "") for i in INDICATORS],
            errors.get("results", ""),
            new_version,
        )
