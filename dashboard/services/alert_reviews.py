"""Marking a trend alert as reviewed, with a comment: who may, the personal-data guard, the
version check, the comment's history and the audit entry (which also renews the data version,
so the cached alert lists show the review at once).

Who may review: admin any alert; a coordinator their own council's; police their own police
area's (users.police_area_id). Readers only read. A review is kept per alert (scope, scope id,
milieu, year, month); reviewing again replaces the comment and keeps the old one in the history.
"""

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dashboard.services import audit, revisions
from dashboard.services.concurrency import flush_or_conflict
from dashboard.services.errors import Conflict, ConflictDetail, NotFound, PermissionDenied
from dashboard.services.permissions import READ_ONLY
from dashboard.services.validation import Errors, enum_value, integer, text
from models import TrendAlertReview, User
from models.base import stockholm_today, utcnow
from models.enums import AlertScope, AuditAction, AuditEntity, Milieu, RevisionField, Role, label
from models.queries.alerts import TrendAlert, current_alerts

OTHER_COUNCIL = "Du kan bara granska larm för din egen nämnd."
OTHER_AREA = "Du kan bara granska larm för ditt eget lokalpolisområde."
NO_AREA = "Ditt konto är inte knutet till något lokalpolisområde."
GONE = (
    "Larmet finns inte längre (siffrorna har ändrats eller månaden är inte bland de senaste). "
    "Ladda om sidan."
)
STALE = (
    "Någon annan har granskat larmet sedan du öppnade sidan. Ingenting sparades: ladda om och "
    "läs deras kommentar."
)


def may_review(user: User, scope: AlertScope, scope_id: int) -> str | None:
    """Why the user may not review an alert of this scope, or None when they may."""
    if user.role is Role.ADMIN:
        return None
    if user.role is Role.COORDINATOR:
        if scope is AlertScope.COUNCIL and scope_id == user.council_id:
            return None
        return OTHER_COUNCIL
    if user.role is Role.POLICE:
        if user.police_area_id is None:
            return NO_AREA
        if scope is AlertScope.POLICE_AREA and scope_id == user.police_area_id:
            return None
        return OTHER_AREA
    return READ_ONLY.format(role=label(user.role))


def _find(
    session: Session, scope: AlertScope, scope_id: int, milieu: Milieu, year: int, month: int
) -> TrendAlertReview | None:
    return session.scalar(
        select(TrendAlertReview).where(
            TrendAlertReview.scope == scope,
            TrendAlertReview.scope_id == scope_id,
            TrendAlertReview.milieu == milieu,
            TrendAlertReview.year == year,
            TrendAlertReview.month == month,
        )
    )


def _current(
    session: Session,
    today: date,
    scope: AlertScope,
    scope_id: int,
    milieu: Milieu,
    key: tuple[int, int],
) -> TrendAlert:
    for alert in current_alerts(session, today, scope, scope_id):
        if (alert.milieu, alert.year, alert.month) == (milieu, *key):
            return alert
    raise NotFound(GONE)


def review_alert(
    session: Session, user: User, data: dict[str, Any], today: date | None = None
) -> TrendAlertReview:
    """Mark one current alert as reviewed. `data`: scope, scope_id, milieu, year, month,
    comment, and `version` — the review's version the user saw, or None for an alert nobody has
    reviewed yet. The alert must be current (models.queries.alerts.current_alerts)."""
    today = today or stockholm_today()
    errors = Errors()
    scope = enum_value(errors, "scope", data.get("scope"), AlertScope, "Omfattning")
    scope_id = integer(
        errors, "scope_id", data.get("scope_id"), "Nämnd eller polisområde", 1, 10**9
    )
    milieu = enum_value(errors, "milieu", data.get("milieu"), Milieu, "Miljö")
    year = integer(errors, "year", data.get("year"), "År", 2000, 2100)
    month = integer(errors, "month", data.get("month"), "Månad", 1, 12)
    errors.raise_if_any()
    assert scope is not None and milieu is not None
    assert scope_id is not None and year is not None and month is not None
    refusal = may_review(user, scope, scope_id)
    if refusal:
        raise PermissionDenied(refusal)
    comment = text(errors, "comment", data.get("comment"), "Kommentar", 2000)
    if not comment and "comment" not in errors.by_field:
        errors.add("comment", "Skriv en kommentar: vad granskningen visade.")
    version = data.get("version")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
        errors.add("version", "Versionen är ogiltig: ladda om sidan och försök igen.")
    errors.raise_if_any()
    assert comment is not None

    _current(session, today, scope, scope_id, milieu, (year, month))
    review = _find(session, scope, scope_id, milieu, year, month)
    if review is not None and version != review.version:
        raise Conflict(STALE, ConflictDetail(current={"comment": review.comment}))
    if review is None and version is not None:
        raise NotFound(GONE)
    before = {RevisionField.COMMENT.value: review.comment if review else None}
    if review is None:
        review = TrendAlertReview(
            scope=scope, scope_id=scope_id, milieu=milieu, year=year, month=month
        )
        session.add(review)
    review.comment = comment
    review.reviewed_by_id = user.id
    review.reviewed_at = utcnow()
    try:
        flush_or_conflict(session, STALE)
    except IntegrityError:  # two first reviews at once: the unique key decides
        session.rollback()
        raise Conflict(STALE, ConflictDetail(current={})) from None
    changed = revisions.changes(before, {RevisionField.COMMENT.value: comment})
    revisions.record(session, user, AuditEntity.TREND_ALERT, review.id, changed)
    audit.record(
        session,
        user,
        AuditAction.REVIEW,
        AuditEntity.TREND_ALERT,
        review.id,
        scope_id if scope is AlertScope.COUNCIL else None,
        {
            "scope": scope,
            "scope_id": scope_id,
            "milieu": milieu,
            "month": f"{year}-{month:02d}",
            "comment": comment,
        },
    )
    return review
