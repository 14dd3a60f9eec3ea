"""Editing action plans: texts, activity definitions, approval and next year's plan."""

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.services import audit, revisions
from dashboard.services.concurrency import flush_or_conflict
from dashboard.services.errors import Conflict, ConflictDetail, NotFound, ServiceError
from dashboard.services.permissions import require_admin, require_write, require_writer
from dashboard.services.validation import Errors, enum_value, iso_date, not_in_future, text
from models import ActionPlan, Activity, CouncilSuccession, User, rules
from models.base import stockholm_today
from models.enums import (
    AuditAction,
    AuditEntity,
    FollowUp,
    PlanStatus,
    Schedule,
    Section,
)
from models.plan import section_order

STALE_PLAN = (
    "Planen har ändrats av någon annan sedan du öppnade den. Ingenting sparades. "
    "Ladda om sidan och gör om din ändring."
)


def get_plan(session: Session, plan_id: int) -> ActionPlan:
    plan = session.get(ActionPlan, plan_id)
    if plan is None:
        raise NotFound("Handlingsplanen finns inte.")
    return plan


def _check_version(plan: ActionPlan, version: Any) -> None:
    if version != plan.version:
        current = {"status": plan.status.value, "version": plan.version}
        raise Conflict(STALE_PLAN, ConflictDetail(current=current))


TEXT_FIELDS = (("lagesbild", "Lägesbild"), ("sources", "Källor"), ("analysis", "Analys"))


def update_texts(session: Session, user: User, plan_id: int, data: dict[str, Any]) -> ActionPlan:
    """The plan's texts, and its Dnr and next revision when `data` names them. The old and the
    new value of every changed field are kept (revisions), in the same transaction."""
    plan = get_plan(session, plan_id)
    require_write(user, plan.council_id)
    errors = Errors()
    values: dict[str, Any] = {
        name: text(errors, name, data.get(name), title, 20_000) or "" for name, title in TEXT_FIELDS
    }
    if "dnr" in data:
        values["dnr"] = text(errors, "dnr", data.get("dnr"), "Dnr", 40)
    if "next_revision" in data:
        values["next_revision"] = iso_date(
            errors, "next_revision", data.get("next_revision"), "Nästa revidering"
        )
    errors.raise_if_any()
    _check_version(plan, data.get("version"))
    changed = revisions.changes({name: getattr(plan, name) for name in values}, values)
    if "lagesbild" in changed:
        # Plankvalitet asks whether the lägesbild was revised; a change to the analysis alone
        # does not revise it.
        plan.lagesbild_revised_on = stockholm_today()
    for name in changed:
        setattr(plan, name, values[name])
    flush_or_conflict(session)
    revisions.record(session, user, AuditEntity.ACTION_PLAN, plan.id, changed)
    audit.record(
        session,
        user,
        AuditAction.UPDATE,
        AuditEntity.ACTION_PLAN,
        plan.id,
        plan.council_id,
        {"fields": "texter", "changed": sorted(changed)},
    )
    return plan


COUNCIL_DECISION = "Nämndens beslutsdatum"
KS_DECISION = "KS:s beslutsdatum"


def _decision_date(
    errors: Errors, field: str, title: str, value: Any, plan: ActionPlan, today: date
) -> date | None:
    """A decision date from the form or a caller: today when none is given; never in the future,
    nor before the year before the plan's (a plan is decided in the autumn before its year at the
    earliest)."""
    day = iso_date(errors, field, value, title) if value not in (None, "") else today
    if day is None:
        return None
    not_in_future(errors, field, day, title, today)
    if day < date(plan.year - 1, 1, 1):
        errors.add(field, f"{title} kan inte ligga före {plan.year - 1} för planen {plan.year}.")
    return day


def set_status(
    session: Session,
    user: User,
    plan_id: int,
    status: Any,
    version: Any,
    today: date | None = None,
    decided_on: Any = None,
) -> ActionPlan:
    """draft → council_approved (coordinator or admin) → ks_approved (admin only). Each approval
    is a decision with a date (`decided_on`, ÅÅÅÅ-MM-DD, default today in Stockholm): not in the
    future, and KS's not before the nämnd's, which it needs."""
    today = today or stockholm_today()
    require_writer(user)  # before anything sent is validated
    plan = get_plan(session, plan_id)
    errors = Errors()
    new = enum_value(errors, "status", status, PlanStatus, "Status")
    errors.raise_if_any()
    assert new is not None
    if new is PlanStatus.KS_APPROVED:
        require_admin(user, "godkänna planer för kommunstyrelsen")
        if plan.status is not PlanStatus.COUNCIL_APPROVED:
            raise ServiceError("Planen måste vara nämndbehandlad innan KS kan godkänna den.")
    elif new is PlanStatus.COUNCIL_APPROVED:
        require_write(user, plan.council_id)
        if plan.status is not PlanStatus.DRAFT:
            raise ServiceError("Bara ett utkast kan markeras som nämndbehandlat.")
    else:
        require_admin(user, "återställa en plan till utkast")
    decided: date | None = None
    if new is PlanStatus.COUNCIL_APPROVED:
        decided = _decision_date(
            errors, "council_approved_on", COUNCIL_DECISION, decided_on, plan, today
        )
    elif new is PlanStatus.KS_APPROVED:
        decided = _decision_date(errors, "ks_approved_on", KS_DECISION, decided_on, plan, today)
        council_day = plan.council_approved_on
        if council_day is None:
            errors.add(
                "ks_approved_on",
                f"{KS_DECISION}: KS godkännande kräver nämndens beslut, men planen saknar "
                "nämndens beslutsdatum.",
            )
        elif decided is not None and decided < council_day:
            errors.add(
                "ks_approved_on",
                f"{KS_DECISION} kan inte ligga före nämndens beslut {council_day.isoformat()}.",
            )
    errors.raise_if_any()
    _check_version(plan, version)
    old = plan.status
    dates = ("council_approved_on", "ks_approved_on")
    dates_before = {name: getattr(plan, name) for name in dates}
    plan.status = new
    if new is PlanStatus.COUNCIL_APPROVED:
        plan.council_approved_on = decided
    if new is PlanStatus.KS_APPROVED:
        plan.ks_approved_on = decided
    if new is PlanStatus.DRAFT:
        plan.council_approved_on = plan.ks_approved_on = None
    flush_or_conflict(session)
    # The decision dates in the plan's history (a reset to draft would otherwise lose them).
    changed = revisions.changes(dates_before, {name: getattr(plan, name) for name in dates})
    revisions.record(session, user, AuditEntity.ACTION_PLAN, plan.id, changed)
    audit.record(
        session,
        user,
        AuditAction.UPDATE,
        AuditEntity.ACTION_PLAN,
        plan.id,
        plan.council_id,
        {"old_status": old, "new_status": new}
        | ({"decided_on": decided} if decided is not None else {}),
    )
    return plan


def _activity_fields(errors: Errors, plan: ActionPlan, data: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "section": enum_value(errors, "section", data.get("section"), Section, "Avsnitt"),
        "description": text(errors, "description", data.get("description"), "Aktivitet"),
        "responsible": text(errors, "responsible", data.get("responsible"), "Ansvarig", 200),
        "schedule": enum_value(errors, "schedule", data.get("schedule"), Schedule, "Tidplan"),
        "follow_up": enum_value(
            errors, "follow_up", data.get("follow_up"), FollowUp, "Uppföljning"
        ),
        "target": text(errors, "target", data.get("target"), "Mål", 200),
        "deadline": iso_date(errors, "deadline", data.get("deadline"), "Slutdatum"),
    }
    # The plan's own wording of Tidplan and Uppföljning, kept beside the codes when given.
    for name, title in (
        ("schedule_text", "Tidplan (planens text)"),
        ("follow_up_text", "Uppföljning (planens text)"),
    ):
        if name in data:
            fields[name] = text(errors, name, data.get(name), title, 300) or ""
    for name, title in (("description", "Aktivitet"), ("responsible", "Ansvarig")):
        if not fields[name] and name not in errors.by_field:
            errors.add(name, f"{title} måste fyllas i.")
    if fields["schedule"] is Schedule.DEADLINE:
        if fields["deadline"] is None and "deadline" not in errors.by_field:
            errors.add("deadline", "Ange slutdatum, eller välj Löpande.")
        elif fields["deadline"] and fields["deadline"] < date(plan.year, 1, 1):
            errors.add("deadline", f"Slutdatum kan inte ligga före planåret {plan.year}.")
    elif fields["schedule"] is Schedule.CONTINUOUS:
        fields["deadline"] = None
    return fields


def validate_activity_definition(plan: ActionPlan, data: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    fields = _activity_fields(errors, plan, data)
    errors.raise_if_any()
    return fields


def _drop_outdated_wording(activity: Activity, fields: dict[str, Any]) -> None:
    """A changed schedule or follow-up makes the plan's own wording of it wrong ("Senast 31 dec
    2023" beside a new slutdatum): unless new wording came with the edit, it is cleared (and the
    old wording kept in the history)."""
    if "schedule_text" not in fields and (
        fields["schedule"] != activity.schedule or fields["deadline"] != activity.deadline
    ):
        fields["schedule_text"] = ""
    if "follow_up_text" not in fields and fields["follow_up"] != activity.follow_up:
        fields["follow_up_text"] = ""


def save_activity_definition(
    session: Session, user: User, plan_id: int, data: dict[str, Any]
) -> Activity:
    """Add an activity (no `id`) or change one's definition (with `id` and `version`)."""
    plan = get_plan(session, plan_id)
    require_write(user, plan.council_id)
    fields = validate_activity_definition(plan, data)
    activity_id = data.get("id")
    if activity_id:
        row_id = rules.parse_row_id(activity_id)  # 10**20 would overflow the query
        activity = session.get(Activity, row_id) if row_id is not None else None
        if activity is None or activity.plan_id != plan.id:
            raise NotFound("Aktiviteten finns inte i den här planen.")
        if data.get("version") != activity.version:
            raise Conflict(
                "Aktiviteten har ändrats av någon annan sedan du öppnade den. Ingenting sparades.",
                ConflictDetail(current={"version": activity.version}),
            )
        action = AuditAction.UPDATE
        _drop_outdated_wording(activity, fields)
        changed = revisions.changes({name: getattr(activity, name) for name in fields}, fields)
    else:
        position = max((a.position for a in plan.activities), default=-1) + 1
        activity = Activity(plan=plan, position=position)
        action = AuditAction.CREATE
        changed = {}
    for name, value in fields.items():
        setattr(activity, name, value)
    session.add(activity)
    flush_or_conflict(session)
    # The old values of a changed definition are kept (revisions); a new activity has none.
    revisions.record(session, user, AuditEntity.ACTIVITY, activity.id, changed)
    audit.record(session, user, action, AuditEntity.ACTIVITY, activity.id, plan.council_id, fields)
    return activity


def _open_activities(session: Session, council_ids: list[int], year: int) -> list[Activity]:
    stmt = (
        select(Activity)
        .join(ActionPlan, Activity.plan_id == ActionPlan.id)
        .where(
            ActionPlan.council_id.in_(council_ids),
            ActionPlan.year == year,
            rules.may_carry_over(),
        )
        .order_by(ActionPlan.council_id, section_order(), Activity.position)
    )
    return list(session.scalars(stmt))


def carry_over_candidates(session: Session, council_id: int, year: int) -> list[Activity]:
    """Open and continuous activities of last year's plan for the coordinator to review; a
    successor's first plan is offered its predecessors' open activities instead."""
    own = _open_activities(session, [council_id], year - 1)
    predecessors = list(
        session.scalars(
            select(CouncilSuccession.predecessor_id).where(
                CouncilSuccession.successor_id == council_id
            )
        )
    )
    has_own_plan = session.scalar(
        select(ActionPlan.id).where(ActionPlan.council_id == council_id, ActionPlan.year < year)
    )
    if has_own_plan or not predecessors:
        return own
    latest = session.scalar(
        select(ActionPlan.year)
        .where(ActionPlan.council_id.in_(predecessors), ActionPlan.year < year)
        .order_by(ActionPlan.year.desc())
    )
    return own + (_open_activities(session, predecessors, latest) if latest else [])


def create_next_plan(
    session: Session, user: User, council_code: Any, year: Any, carry_ids: list[int]
) -> ActionPlan:
    require_writer(user)  # before anything sent is validated
    errors = Errors()
    council = rules.find_council(session, council_code)
    if council is None:
        errors.add("council", "Nämnden finns inte.")
    if not isinstance(year, int):
        errors.add("year", "Ange planår.")
    errors.raise_if_any()
    assert council is not None and isinstance(year, int)
    require_write(user, council.id)
    if not council.is_valid_on(date(year, 1, 1)) and not council.is_valid_on(date(year, 12, 31)):
        raise ServiceError(f"{council.name} finns inte som nämnd {year}.")
    if session.scalar(
        select(ActionPlan.id).where(ActionPlan.council_id == council.id, ActionPlan.year == year)
    ):
        raise ServiceError(f"{council.name} har redan en handlingsplan för {year}.")
    allowed = {a.id: a for a in carry_over_candidates(session, council.id, year)}
    unknown = [i for i in carry_ids if i not in allowed]
    if unknown:
        raise ServiceError(
            "Några av de valda aktiviteterna kan inte föras över till den här planen."
        )
    previous = session.scalar(
        select(ActionPlan).where(ActionPlan.council_id == council.id, ActionPlan.year == year - 1)
    )
    plan = ActionPlan(
        council=council,
        year=year,
        status=PlanStatus.DRAFT,
        lagesbild=previous.lagesbild if previous else "",
        sources=previous.sources if previous else "",
        analysis=previous.analysis if previous else "",
        next_revision=rules.next_revision(year),
    )
    for position, activity_id in enumerate(carry_ids):
        old = allowed[activity_id]
        deadline = old.deadline
        schedule_text = old.schedule_text
        if old.schedule is Schedule.DEADLINE and deadline and deadline < date(year, 1, 1):
            # A new deadline: the old plan's wording ("Senast 31 dec 2023") no longer holds.
            deadline, schedule_text = date(year, 12, 31), ""
        plan.activities.append(
            Activity(
                position=position,
                section=old.section,
                description=old.description,
                responsible=old.responsible,
                schedule=old.schedule,
                deadline=deadline,
                schedule_text=schedule_text,
                follow_up=old.follow_up,
                follow_up_text=old.follow_up_text,
                target=old.target,
                carried_from_id=old.id,
            )
        )
    session.add(plan)
    session.flush()
    audit.record(
        session,
        user,
        AuditAction.CREATE,
        AuditEntity.ACTION_PLAN,
        plan.id,
        council.id,
        {"year": year, "carried_over": len(carry_ids)},
    )
    return plan
