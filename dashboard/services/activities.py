"""Activity follow-up: status changes with history, permissions and optimistic concurrency."""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.services import audit
from dashboard.services.concurrency import flush_or_conflict
from dashboard.services.errors import Conflict, ConflictDetail, NotFound
from dashboard.services.permissions import require_follow_up
from dashboard.services.serialize import activity_to_dict
from dashboard.services.validation import Errors, enum_value, iso_date, not_in_future, text
from models import ActionPlan, Activity, ActivityUpdate, User
from models.base import in_stockholm, stockholm_today
from models.enums import ActivityStatus, AuditAction, AuditEntity, label

STALE = (
    "Aktiviteten har ändrats av någon annan sedan du öppnade den. Ingenting sparades. "
    "Läs ändringarna nedan och gör om din ändring."
)


def get_activity(session: Session, activity_id: int) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFound("Aktiviteten finns inte.")
    return activity


def history(session: Session, activity_id: int) -> list[tuple[ActivityUpdate, str | None]]:
    get_activity(session, activity_id)
    stmt = (
        select(ActivityUpdate, User.username)
        .outerjoin(User, ActivityUpdate.user_id == User.id)
        .where(ActivityUpdate.activity_id == activity_id)
        .order_by(ActivityUpdate.at.desc(), ActivityUpdate.id.desc())
    )
    return [(u, name) for u, name in session.execute(stmt)]


def describe_update(update: ActivityUpdate, username: str | None) -> str:
    when = in_stockholm(update.at).strftime("%Y-%m-%d %H:%M")
    old = label(update.old_status) if update.old_status else "–"
    who = username or ("demodata" if update.is_synthetic else "okänd användare")
    if update.acting_council is not None:
        # A successor's coordinator: "norrainnerstaden (Norra innerstaden) för Östermalm".
        who = f"{who} ({update.acting_council.name}) för {update.activity.plan.council.name}"
    parts = [f"{when} {who}: {old} → {label(update.new_status)}"]
    if update.outcome:
        parts.append(f"utfall: {update.outcome}")
    if update.comment:
        parts.append(f"kommentar: {update.comment}")
    if update.completed_on:
        parts.append(f"genomförd den {update.completed_on.isoformat()}")
    return ", ".join(parts)


def _conflict(session: Session, activity: Activity, base_version: int) -> Conflict:
    missed = max(1, activity.version - base_version)
    changes = [describe_update(u, n) for u, n in history(session, activity.id)[:missed]]
    return Conflict(STALE, ConflictDetail(current=activity_to_dict(activity), changes=changes))


def _follow_up_fields(
    errors: Errors, data: dict[str, Any], today: date
) -> tuple[ActivityStatus | None, str | None, str | None, date | None]:
    status = enum_value(errors, "status", data.get("status"), ActivityStatus, "Status")
    outcome = text(errors, "outcome", data.get("outcome"), "Utfall", 1000)
    comment = text(errors, "comment", data.get("comment"), "Kommentar", 4000)
    completed_on = iso_date(errors, "completed_on", data.get("completed_on"), "Genomförd den")
    not_in_future(errors, "completed_on", completed_on, "Genomförd den", today)
    if completed_on and status is not ActivityStatus.DONE:
        errors.add("completed_on", "Genomförd den anges bara när status är Genomförd.")
    return status, outcome, comment, completed_on


def validate_follow_up(data: dict[str, Any], today: date) -> None:
    """The checks a follow-up's status, outcome, comment and completion date get, without
    writing (the import's preview asks before anything is saved)."""
    errors = Errors()
    _follow_up_fields(errors, data, today)
    errors.raise_if_any()


def update_activity(
    session: Session,
    user: User,
    activity_id: int,
    data: dict[str, Any],
    today: date | None = None,
) -> Activity:
    """Validate, check permission and version, then write the activity and a history entry."""
    today = today or stockholm_today()
    activity = get_activity(session, activity_id)
    plan = session.get(ActionPlan, activity.plan_id)
    assert plan is not None
    # The activity's own council, or a predecessor's open activity for its successor.
    acting_council_id = require_follow_up(session, user, activity, today)

    errors = Errors()
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        errors.add("version", "Version saknas: ladda om aktiviteten och försök igen.")
    status, outcome, comment, completed_on = _follow_up_fields(errors, data, today)
    errors.raise_if_any()
    assert status is not None and isinstance(version, int)

    if version != activity.version:
        raise _conflict(session, activity, version)
    if status is ActivityStatus.DONE and completed_on is None:
        completed_on = activity.completed_on or today

    old_status = activity.status
    now = datetime.now(UTC)
    activity.status = status
    activity.outcome = outcome if "outcome" in data else activity.outcome
    activity.comment = comment if "comment" in data else activity.comment
    activity.completed_on = completed_on if status is ActivityStatus.DONE else None
    activity.last_update_at = now
    session.add(
        ActivityUpdate(
            activity=activity,
            user_id=user.id,
            at=now,
            old_status=old_status,
            new_status=status,
            outcome=activity.outcome,
            comment=activity.comment,
            completed_on=activity.completed_on,
            acting_council_id=acting_council_id,
        )
    )
    flush_or_conflict(session, STALE)
    audit.record(
        session,
        user,
        AuditAction.UPDATE,
        AuditEntity.ACTIVITY,
        activity.id,
        plan.council_id,
        {
            "old_status": old_status,
            "new_status": status,
            "outcome": activity.outcome,
            "comment": activity.comment,
        }
        | ({"acting_council": user.council.name} if acting_council_id and user.council else {}),
    )
    return activity
