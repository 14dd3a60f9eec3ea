"""JSON shapes of the API, with the stable codes of domain.md as values."""

from typing import Any

from models import (
    ActionPlan,
    Activity,
    ActivityUpdate,
    CooperationMeeting,
    Council,
    Incident,
    MeetingFollowUp,
    PoliceArea,
)
from models.base import as_utc
from models.queries.police_areas import EARLIEST, LATEST, Membership
from models.queries.revisions import RevisionRow


def council_to_dict(council: Council) -> dict[str, Any]:
    return {
        "code": council.code,
        "name": council.name,
        "kind": council.kind.value,
        "valid_from": council.valid_from.isoformat(),
        "valid_to": council.valid_to.isoformat() if council.valid_to else None,
        "predecessors": [c.code for c in council.predecessors],
        "successors": [c.code for c in council.successors],
    }


def activity_to_dict(activity: Activity) -> dict[str, Any]:
    return {
        "id": activity.id,
        "version": activity.version,
        "council": activity.plan.council.code,
        "year": activity.plan.year,
        "section": activity.section.value,
        "description": activity.description,
        "responsible": activity.responsible,
        "schedule": activity.schedule.value,
        "deadline": activity.deadline.isoformat() if activity.deadline else None,
        "follow_up": activity.follow_up.value,
        "target": activity.target,
        "status": activity.status.value,
        "outcome": activity.outcome,
        "comment": activity.comment,
        "completed_on": activity.completed_on.isoformat() if activity.completed_on else None,
        "last_update_at": as_utc(activity.last_update_at).isoformat()
        if activity.last_update_at
        else None,
    }


def update_to_dict(update: ActivityUpdate, username: str | None) -> dict[str, Any]:
    return {
        "at": as_utc(update.at).isoformat(),
        "user": username,
        "old_status": update.old_status.value if update.old_status else None,
        "new_status": update.new_status.value,
        "outcome": update.outcome,
        "comment": update.comment,
        "completed_on": update.completed_on.isoformat() if update.completed_on else None,
        # The council a successor's coordinator acted for (its code); null for the own council.
        "acting_council": update.acting_council.code if update.acting_council else None,
    }


def incident_to_dict(incident: Incident) -> dict[str, Any]:
    return {
        "id": incident.id,
        "version": incident.version,
        "council": incident.council.code,
        "date": incident.occurred_on.isoformat(),
        "date_precision": incident.date_precision.value,
        "source": incident.source.value,
        "category": incident.category.value,
        "milieu": incident.milieu.value,
        "count": incident.count,
        "description": incident.description,
        "sub_area": incident.sub_area,
        "severity": incident.severity,
    }


def revision_to_dict(row: RevisionRow) -> dict[str, Any]:
    """One changed field: its old and new value as stored (codes, ISO dates, text)."""
    return {
        "at": as_utc(row.at).isoformat(),
        "user": row.username,
        "field": row.field,
        "old_value": row.old_value,
        "new_value": row.new_value,
        "reason": row.reason,
    }


def plan_to_dict(plan: ActionPlan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "version": plan.version,
        "council": plan.council.code,
        "year": plan.year,
        "dnr": plan.dnr,
        "status": plan.status.value,
        "lagesbild": plan.lagesbild,
        "sources": plan.sources,
        "analysis": plan.analysis,
        "next_revision": plan.next_revision.isoformat() if plan.next_revision else None,
    }


def follow_up_to_dict(follow_up: MeetingFollowUp) -> dict[str, Any]:
    return {
        "id": follow_up.id,
        "version": follow_up.version,
        "meeting": follow_up.meeting_id,
        "what": follow_up.what,
        "owner_role": follow_up.owner_role,
        "due_on": follow_up.due_on.isoformat() if follow_up.due_on else None,
        "done": follow_up.done_on is not None,
        "done_on": follow_up.done_on.isoformat() if follow_up.done_on else None,
        "done_note": follow_up.done_note,
    }


def meeting_to_dict(meeting: CooperationMeeting) -> dict[str, Any]:
    """A meeting with its follow-ups; participants as a list of roles."""
    area = meeting.police_area
    return {
        "id": meeting.id,
        "version": meeting.version,
        "council": meeting.council.code,
        "police_area": area.id if area else None,
        "police_area_name": area.name if area else None,
        "held_on": meeting.held_on.isoformat(),
        "forum": meeting.forum,
        "vbe_on_agenda": meeting.vbe_on_agenda,
        "participants": [p for p in meeting.participants.split("\n") if p],
        "notes": meeting.notes,
        "decisions": meeting.decisions,
        "is_synthetic": meeting.is_synthetic,
        "follow_ups": [follow_up_to_dict(f) for f in meeting.follow_ups],
    }


def police_area_to_dict(area: PoliceArea, members: list[Membership]) -> dict[str, Any]:
    """A local police area with the councils it worked with and over which days (null: no
    limit)."""
    return {
        "id": area.id,
        "name": area.name,
        "region_area": area.region_area,
        "valid_from": area.valid_from.isoformat() if area.valid_from else None,
        "valid_to": area.valid_to.isoformat() if area.valid_to else None,
        "councils": [
            {
                "code": m.council_code,
                "name": m.council_name,
                "from": m.first.isoformat() if m.first != EARLIEST else None,
                "to": m.last.isoformat() if m.last != LATEST else None,
            }
            for m in members
        ],
    }
