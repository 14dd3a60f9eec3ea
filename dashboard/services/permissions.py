"""Who may write what. Read access is open to every logged-in role in the read views."""

from datetime import date

from sqlalchemy.orm import Session

from dashboard.formatting import fmt_day, genitive
from dashboard.services.errors import PermissionDenied
from models import Activity, Council, User, rules
from models.enums import Role, label

READ_ONLY = "Din roll ({role}) får bara läsa uppgifter i Lägesbild."
OTHER_COUNCIL = "Du kan bara ändra uppgifter för din egen nämnd."
INHERITED_ONLY = (
    "Som samordnare för {successor} följer du från {day} upp {predecessors} aktiviteter i "
    "planerna för {year} som ännu inte var genomförda eller inställda. Den här aktiviteten kan "
    "du bara läsa."
)


def can_write_council(user: User, council_id: int) -> bool:
    if user.role is Role.ADMIN:
        return True
    return user.role is Role.COORDINATOR and user.council_id == council_id


def require_writer(user: User) -> None:
    """Refuses a role that writes no council's records: asked first in a write, before anything
    the user sent is validated (a reader cannot make the server check megabytes)."""
    if user.role in (Role.READER, Role.POLICE):
        raise PermissionDenied(READ_ONLY.format(role=label(user.role)))


def require_write(user: User, council_id: int) -> None:
    require_writer(user)
    if not can_write_council(user, council_id):
        raise PermissionDenied(OTHER_COUNCIL)


def follow_up_councils(session: Session, user: User, day: date) -> list[Council]:
    """The councils whose activities the user may follow up on `day` besides their own: a
    successor's coordinator gets the predecessors (models.rules, successor councils)."""
    if user.role is not Role.COORDINATOR or user.council_id is None:
        return []
    return [c for c, _merger in rules.inherited_plans(session, user.council_id, day)]


def follow_up_refusal(session: Session, user: User, activity: Activity, day: date) -> str | None:
    """Why the user may not record a status follow-up of the activity on `day`, or None when
    they may: their own council's (or admin), or a predecessor's open activity of the merger
    year for a successor's coordinator. The form and the API both ask this."""
    council_id = activity.plan.council_id
    if user.role in (Role.READER, Role.POLICE):
        return READ_ONLY.format(role=label(user.role))
    if can_write_council(user, council_id):
        return None
    if user.council_id is not None and rules.successor_may_follow_up(
        session, user.council_id, activity, day
    ):
        return None
    if user.council is None:
        return OTHER_COUNCIL
    # Every predecessor, whatever the day: before the merger the refusal says when it begins.
    inherited = rules.inherited_plans(session, user.council.id, date.max)
    if council_id not in {c.id for c, _merger in inherited}:
        return OTHER_COUNCIL
    merger = min(m for _c, m in inherited)
    return INHERITED_ONLY.format(
        successor=user.council.name,
        day=fmt_day(merger),
        predecessors=" och ".join(genitive(c.name) for c, _m in inherited),
        year=merger.year,
    )


def require_follow_up(session: Session, user: User, activity: Activity, day: date) -> int | None:
    """Refuses (PermissionDenied) a follow-up the user may not record; else the council the user
    acts for when it is not the activity's own (a successor's), to be kept in the history."""
    refusal = follow_up_refusal(session, user, activity, day)
    if refusal is not None:
        raise PermissionDenied(refusal)
    if user.role is Role.COORDINATOR and user.council_id != activity.plan.council_id:
        return user.council_id
    return None


def require_admin(user: User, what: str) -> None:
    if user.role is not Role.ADMIN:
        raise PermissionDenied(f"Endast central samordnare (admin) får {what}.")
