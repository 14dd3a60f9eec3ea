"""Entering a survey round and its indicator results."""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from dashboard.services import audit
from dashboard.services.concurrency import flush_or_conflict
from dashboard.services.errors import ValidationFailed
from dashboard.services.incidents import resolve_council
from dashboard.services.permissions import require_write, require_writer
from dashboard.services.validation import Errors, integer, offered_year, text
from models import SurveyResult, SurveyRound, User
from models.base import stockholm_today
from models.enums import AuditAction, AuditEntity, SurveyIndicator, label
from models.queries.survey_results import survey_round


def parse_percent(errors: Errors, field: str, value: Any, name: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(str(value).replace(",", ".").replace("%", "").strip())
    except ValueError:
        errors.add(field, f"{name} måste vara ett tal mellan 0 och 100.")
        return None
    if not 0 <= number <= 100:
        errors.add(field, f"{name} måste vara mellan 0 och 100 procent.")
    return round(number, 1)


def save_survey(
    session: Session, user: User, data: dict[str, Any], today: date | None = None
) -> SurveyRound:
    """Create a round, or replace the results of the council's round for the same year and
    audience (a new `version` is then required to match, so nobody overwrites unknowingly)."""
    today = today or stockholm_today()
    require_writer(user)  # before anything sent is validated
    errors = Errors()
    council = resolve_council(session, errors, user, data.get("council"))
    if council is not None:
        require_write(user, council.id)
    year = offered_year(errors, "year", data.get("year"), today)
    audience = text(errors, "audience", data.get("audience"), "Målgrupp", 120)
    if not audience:
        errors.add("audience", "Ange målgrupp, t.ex. Enhetschefer.")
    sent = integer(errors, "sent", data.get("sent"), "Antal utskick", 1, 100_000)
    answered = integer(errors, "answered", data.get("answered"), "Antal svar", 0, 100_000)
    if sent is not None and answered is not None and answered > sent:
        errors.add("answered", "Antal svar kan inte vara fler än antal utskick.")
    results: dict[SurveyIndicator, float] = {}
    raw_results = data.get("results") or {}
    for indicator in SurveyIndicator:
        value = parse_percent(
            errors, indicator.value, raw_results.get(indicator.value), label(indicator)
        )
        if value is not None:
            results[indicator] = value
    if not results:
        errors.add("results", "Ange minst ett resultat i procent.")
    errors.raise_if_any()
    assert council is not None and year is not None and audience and sent is not None
    require_write(user, council.id)

    existing = survey_round(session, council.id, year, audience)
    if existing is not None and data.get("version") != existing.version:
        raise ValidationFailed(
            {
                "year": f"Det finns redan en enkät för {council.name} {year} ({audience}), "
                f"senast ändrad i version {existing.version}. Öppna den och ändra där, så att "
                "ingen annans uppgifter skrivs över."
            }
        )
    survey = existing or SurveyRound(council=council, year=year, audience=audience)
    survey.sent, survey.answered = sent, answered or 0
    survey.conducted_on = survey.conducted_on or today
    survey.is_synthetic = False
    current = {r.indicator: r for r in survey.results}
    for indicator, percent in results.items():
        if indicator in current:
            current[indicator].percent = percent
        else:
            survey.results.append(SurveyResult(indicator=indicator, percent=percent))
    for indicator, result in current.items():
        if indicator not in results:
            survey.results.remove(result)
    session.add(survey)
    if existing is not None:
        # Only the results may have changed; the round's version must still move on.
        flag_modified(survey, "answered")
    flush_or_conflict(session)
    audit.record(
        session,
        user,
        AuditAction.UPDATE if existing else AuditAction.CREATE,
        AuditEntity.SURVEY_ROUND,
        survey.id,
        council.id,
        {"year": year, "audience": audience, "sent": sent, "answered": answered}
        | {i.value: p for i, p in results.items()},
    )
    return survey
