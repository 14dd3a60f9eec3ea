"""The meeting log (samverkan): meetings and open follow-ups of a council or a local police area.

A police area's meetings are those held with it, and those held without a police area by a
council that worked with it on the meeting day (models.queries.police_areas, the one place of
that rule). A meeting one of the area's councils held with *another* police area (Hägersten-
Älvsjö with Globen) is Globen's, not Skärholmen's: the same rule decides who may add follow-ups.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, case, or_, select, true
from sqlalchemy.orm import Session, aliased, selectinload

from models.cooperation import CooperationMeeting, MeetingFollowUp
from models.council import Council
from models.enums import AuditEntity
from models.queries.police_areas import in_area, memberships
from models.queries.revisions import RevisionRow
from models.revision import Revision
from models.user import User

Meeting = CooperationMeeting


def _scope(
    session: Session,
    council_id: int | None,
    police_area_id: int | None,
    first: date | None = None,
    last: date | None = None,
) -> ColumnElement[bool]:
    """SQL: the meetings of the council and/or police area, held within [first, last]."""
    terms: list[ColumnElement[bool]] = []
    if council_id is not None:
        terms.append(Meeting.council_id == council_id)
    if police_area_id is not None:
        terms.append(
            or_(
                Meeting.police_area_id == police_area_id,
                and_(
                    Meeting.police_area_id.is_(None),
                    in_area(
                        memberships(session, police_area_id),
                        Meeting.council_id,
                        Meeting.held_on,
                    ),
                ),
            )
        )
    if first is not None:
        terms.append(Meeting.held_on >= first)
    if last is not None:
        terms.append(Meeting.held_on <= last)
    return and_(true(), *terms)


def _with_details(stmt: Select[CooperationMeeting]) -> Select[CooperationMeeting]:
    return stmt.options(
        selectinload(Meeting.council),
        selectinload(Meeting.police_area),
        selectinload(Meeting.follow_ups),
    )


def meetings(
    session: Session,
    council_id: int | None = None,
    police_area_id: int | None = None,
    first: date | None = None,
    last: date | None = None,
) -> list[CooperationMeeting]:
    """The meetings of a council and/or police area (all with neither), newest first, with
    their council, police area and follow-ups loaded."""
    stmt = (
        select(Meeting)
        .where(_scope(session, council_id, police_area_id, first, last))
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
    )
    return list(session.scalars(_with_details(stmt)))


def last_meeting(
    session: Session,
    council_id: int | None = None,
    police_area_id: int | None = None,
    before: date | None = None,
) -> CooperationMeeting | None:
    """The latest meeting held on or before `before` (any day without it), or None."""
    stmt = (
        select(Meeting)
        .where(_scope(session, council_id, police_area_id, last=before))
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        .limit(1)
    )
    return session.scalars(_with_details(stmt)).first()


def open_follow_ups(
    session: Session, council_id: int | None = None, police_area_id: int | None = None
) -> list[MeetingFollowUp]:
    """Follow-ups not yet done, the earliest due first (those without a due date last), with
    their meeting (and its council and police area) loaded."""
    stmt = (
        select(MeetingFollowUp)
        .join(Meeting, MeetingFollowUp.meeting_id == Meeting.id)
        .where(MeetingFollowUp.done_on.is_(None), _scope(session, council_id, police_area_id))
        .options(
            selectinload(MeetingFollowUp.meeting).selectinload(Meeting.council),
            selectinload(MeetingFollowUp.meeting).selectinload(Meeting.police_area),
        )
        .order_by(
            MeetingFollowUp.due_on.is_(None),
            MeetingFollowUp.due_on,
            Meeting.held_on,
            MeetingFollowUp.id,
        )
    )
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class MeetingRevision:
    """A changed field of the meeting (follow_up_id None) or of one of its follow-ups."""

    follow_up_id: int | None
    revision: RevisionRow


def meeting_history(session: Session, meeting_id: int) -> list[MeetingRevision]:
    """The field history of a meeting and of its follow-ups (a follow-up added later shows as
    its fields set from nothing), newest first, in one query."""
    acting = aliased(Council)
    follow_up_ids = select(MeetingFollowUp.id).where(MeetingFollowUp.meeting_id == meeting_id)
    of_follow_up = Revision.entity == AuditEntity.MEETING_FOLLOW_UP.value
    stmt = (
        select(
            case((of_follow_up, Revision.entity_id), else_=None),
            Revision.at,
            User.username,
            Revision.field,
            Revision.old_value,
            Revision.new_value,
            Revision.reason,
            acting.name,
        )
        .outerjoin(User, Revision.user_id == User.id)
        .outerjoin(acting, Revision.acting_council_id == acting.id)
        .where(
            or_(
                and_(
                    Revision.entity == AuditEntity.MEETING.value,
                    Revision.entity_id == meeting_id,
                ),
                and_(of_follow_up, Revision.entity_id.in_(follow_up_ids)),
            )
        )
        .order_by(Revision.at.desc(), Revision.id.desc())
    )
    return [MeetingRevision(row[0], RevisionRow(*row[1:])) for row in session.execute(stmt)]
