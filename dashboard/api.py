"""JSON API under /api/v1: the same service layer and login as the Dash forms."""

from typing import Any

from flask import Blueprint, Response, jsonify, request
from flask.blueprints import BlueprintSetupState
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter

from dashboard.api_spec import openapi_document
from dashboard.db import db_session
from dashboard.services import activities, incidents, meetings, plans
from dashboard.services.errors import Conflict, ServiceError, ValidationFailed
from dashboard.services.serialize import (
    activity_to_dict,
    council_to_dict,
    follow_up_to_dict,
    incident_to_dict,
    meeting_to_dict,
    plan_to_dict,
    police_area_to_dict,
    revision_to_dict,
    update_to_dict,
)
from dashboard.services.validation import Errors, iso_date, year_message
from models import ActionPlan, Activity, Council, Incident, PoliceArea, rules
from models.base import stockholm_today
from models.enums import AuditEntity
from models.queries import meetings as meeting_queries
from models.queries import police_areas
from models.queries.revisions import revisions

bp = Blueprint("api", __name__, url_prefix="/api/v1")
NO_SUCH_ADDRESS = "Det finns ingen sådan adress i API:t."


class RowId(BaseConverter):
    """A row id in an address, by the one rule for ids (rules.parse_row_id): 1 to 9 digits, so
    always an integer both databases can compare with an INTEGER column (2147483648 overflows
    PostgreSQL's, a 19-digit one SQLite's: a 500 either way). Anything else falls through to
    `no_such_address`, a JSON 404."""

    regex = rf"[1-9][0-9]{{0,{rules.MAX_ROW_ID_DIGITS - 1}}}"
    weight = 50

    def to_python(self, value: str) -> int:
        row_id = rules.parse_row_id(value)
        assert row_id is not None  # the regex above only lets such ids through
        return row_id

    def to_url(self, value: object) -> str:
        return str(value)


@bp.record_once
def _register_converter(state: BlueprintSetupState) -> None:
    # Runs before the routes below are added, which need the converter.
    state.app.url_map.converters["id"] = RowId


@bp.errorhandler(ServiceError)
def _service_error(error: ServiceError) -> tuple[Response, int]:
    db_session().rollback()
    body: dict[str, Any] = {"error": error.message}
    if isinstance(error, ValidationFailed):
        body["errors"] = error.errors
    if isinstance(error, Conflict):
        body["current"] = error.detail.current
        body["changes"] = error.detail.changes
    return jsonify(body), error.status


def _json_body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationFailed({"body": "Förfrågan måste innehålla ett JSON-objekt."})
    return data


def _year_arg() -> int | None:
    """year= as the pages read it (rules.parse_year): a year from the first plans to this one."""
    raw = request.args.get("year")
    if raw is None:
        return None
    today = stockholm_today()
    year = rules.parse_year(raw, today)
    if year is None:
        raise ValidationFailed({"year": year_message(today)})
    return year


def _council_arg() -> Council | None:
    code = request.args.get("council")
    if not code:
        return None
    council = rules.find_council(db_session(), code)
    if council is None:
        raise ValidationFailed({"council": f"Nämnden {code[:40]!r} finns inte."})
    return council


@bp.get("/session")
def session_info() -> Response:
    user = current_user
    return jsonify(
        user=user.username,
        role=user.role.value,
        council=user.council.code if user.council else None,
        police_area=user.police_area_id,
        csrf_token=generate_csrf(),
    )


@bp.get("/councils")
def councils() -> Response:
    stmt = (
        select(Council)
        .options(selectinload(Council.predecessions), selectinload(Council.successions))
        .order_by(Council.kind, Council.name)
    )
    rows = db_session().scalars(stmt)
    return jsonify([council_to_dict(c) for c in rows])


@bp.get("/activities")
def list_activities() -> Response:
    council, year = _council_arg(), _year_arg()
    stmt = (
        select(Activity)
        .join(ActionPlan, Activity.plan_id == ActionPlan.id)
        .options(selectinload(Activity.plan).selectinload(ActionPlan.council))
        .order_by(ActionPlan.year, ActionPlan.council_id, Activity.position)
    )
    if council is not None:
        stmt = stmt.where(ActionPlan.council_id == council.id)
    if year is not None:
        stmt = stmt.where(ActionPlan.year == year)
    return jsonify([activity_to_dict(a) for a in db_session().scalars(stmt)])


@bp.get("/activities/<id:activity_id>/history")
def activity_history(activity_id: int) -> Response:
    rows = activities.history(db_session(), activity_id)
    return jsonify([update_to_dict(u, name) for u, name in rows])


@bp.patch("/activities/<id:activity_id>")
def patch_activity(activity_id: int) -> Response:
    session = db_session()
    activity = activities.update_activity(session, current_user, activity_id, _json_body())
    session.commit()
    return jsonify(activity_to_dict(activity))


@bp.get("/incidents")
def list_incidents() -> Response:
    council, year = _council_arg(), _year_arg()
    if year is None:
        # A city's incidents over all years is more than a client should get in one answer.
        raise ValidationFailed({"year": "Ange år, t.ex. year=2023."})
    stmt = (
        select(Incident)
        .options(selectinload(Incident.council))
        .order_by(Incident.occurred_on, Incident.id)
    )
    if council is not None:
        stmt = stmt.where(Incident.council_id == council.id)
    stmt = stmt.where(Incident.year == year)
    return jsonify([incident_to_dict(i) for i in db_session().scalars(stmt)])


@bp.post("/incidents")
def post_incident() -> tuple[Response, int]:
    session = db_session()
    incident = incidents.create_incident(session, current_user, _json_body())
    session.commit()
    return jsonify(incident_to_dict(incident)), 201


@bp.get("/incidents/<id:incident_id>")
def get_incident(incident_id: int) -> Response:
    session = db_session()
    incident = incidents.get_incident(session, incident_id)
    history = revisions(session, AuditEntity.INCIDENT, incident.id)
    return jsonify(incident_to_dict(incident) | {"history": [revision_to_dict(r) for r in history]})


@bp.patch("/incidents/<id:incident_id>")
def patch_incident(incident_id: int) -> Response:
    session = db_session()
    incident = incidents.correct_incident(session, current_user, incident_id, _json_body())
    session.commit()
    return jsonify(incident_to_dict(incident))


@bp.post("/incidents/<id:incident_id>/withdraw")
def withdraw_incident(incident_id: int) -> Response:
    """Withdraw with a reason: the incident stops counting and is kept with who, when and why."""
    session = db_session()
    withdrawal = incidents.withdraw_incident(session, current_user, incident_id, _json_body())
    session.commit()
    return jsonify(incidents.withdrawal_to_dict(session, withdrawal))


@bp.post("/incidents/<id:incident_id>/restore")
def restore_incident(incident_id: int) -> Response:
    """Put a withdrawn incident back under its own id, with a reason."""
    session = db_session()
    incident = incidents.restore_incident(session, current_user, incident_id, _json_body())
    session.commit()
    return jsonify(incident_to_dict(incident))


@bp.get("/plans")
def list_plans() -> Response:
    council, year = _council_arg(), _year_arg()
    stmt = (
        select(ActionPlan)
        .options(selectinload(ActionPlan.council))
        .order_by(ActionPlan.year, ActionPlan.council_id)
    )
    if council is not None:
        stmt = stmt.where(ActionPlan.council_id == council.id)
    if year is not None:
        stmt = stmt.where(ActionPlan.year == year)
    return jsonify([plan_to_dict(p) for p in db_session().scalars(stmt)])


@bp.get("/plans/<id:plan_id>")
def get_plan(plan_id: int) -> Response:
    session = db_session()
    plan = plans.get_plan(session, plan_id)
    history = revisions(session, AuditEntity.ACTION_PLAN, plan.id)
    return jsonify(plan_to_dict(plan) | {"history": [revision_to_dict(r) for r in history]})


@bp.patch("/plans/<id:plan_id>")
def patch_plan(plan_id: int) -> Response:
    """The plan's texts (and Dnr, next revision); fields left out keep their values."""
    session = db_session()
    plan = plans.get_plan(session, plan_id)
    body = _json_body()
    data = {name: getattr(plan, name) for name, _ in plans.TEXT_FIELDS} | body
    plan = plans.update_texts(session, current_user, plan_id, data)
    session.commit()
    return jsonify(plan_to_dict(plan))


# --- the meeting log (samverkan) ---------------------------------------------------------------


def _meeting_filters() -> dict[str, Any]:
    """council=CODE, police_area=ID, from=, to= (ISO dates) of the meeting list."""
    errors = Errors()
    filters: dict[str, Any] = {}
    code = request.args.get("council")
    if code:
        council = rules.find_council(db_session(), code)
        if council is None:
            errors.add("council", f"Nämnden {code[:40]!r} finns inte.")
        else:
            filters["council_id"] = council.id
    area_id = request.args.get("police_area")
    if area_id:
        area = police_areas.find_area(db_session(), area_id)
        if area is None:
            errors.add("police_area", f"Lokalpolisområdet {area_id[:40]!r} finns inte.")
        else:
            filters["police_area_id"] = area.id
    filters["first"] = iso_date(errors, "from", request.args.get("from"), "Från och med")
    filters["last"] = iso_date(errors, "to", request.args.get("to"), "Till och med")
    if filters["first"] and filters["last"] and filters["first"] > filters["last"]:
        errors.add("to", "Till och med kan inte ligga före från och med.")
    errors.raise_if_any()
    return filters


@bp.get("/police-areas")
def list_police_areas() -> Response:
    """The local police areas and their councils over time; with date=, those of that day."""
    errors = Errors()
    day = iso_date(errors, "date", request.args.get("date"), "Datum")
    errors.raise_if_any()
    session = db_session()
    members = police_areas.memberships(session)
    areas = (
        police_areas.areas_on(session, day)
        if day
        else session.scalars(select(PoliceArea).order_by(PoliceArea.name))
    )
    return jsonify(
        [
            police_area_to_dict(
                area,
                [m for m in members if m.police_area_id == area.id and (not day or m.covers(day))],
            )
            for area in areas
        ]
    )


@bp.get("/meetings")
def list_meetings() -> Response:
    rows = meeting_queries.meetings(db_session(), **_meeting_filters())
    return jsonify([meeting_to_dict(m) for m in rows])


@bp.post("/meetings")
def post_meeting() -> tuple[Response, int]:
    session = db_session()
    meeting = meetings.create_meeting(session, current_user, _json_body())
    session.commit()
    return jsonify(meeting_to_dict(meeting)), 201


@bp.get("/meetings/<id:meeting_id>")
def get_meeting(meeting_id: int) -> Response:
    return jsonify(meeting_to_dict(meetings.get_meeting(db_session(), meeting_id)))


@bp.patch("/meetings/<id:meeting_id>")
def patch_meeting(meeting_id: int) -> Response:
    """Fields left out keep their values; `version` is the one the client read."""
    session = db_session()
    meeting = meetings.update_meeting(session, current_user, meeting_id, _json_body())
    session.commit()
    return jsonify(meeting_to_dict(meeting))


@bp.get("/meetings/<id:meeting_id>/history")
def meeting_history(meeting_id: int) -> Response:
    session = db_session()
    meeting = meetings.get_meeting(session, meeting_id)
    rows = meeting_queries.meeting_history(session, meeting.id)
    return jsonify([revision_to_dict(r.revision) | {"follow_up": r.follow_up_id} for r in rows])


@bp.post("/meetings/<id:meeting_id>/follow-ups")
def post_follow_up(meeting_id: int) -> tuple[Response, int]:
    session = db_session()
    follow_up = meetings.add_follow_up(session, current_user, meeting_id, _json_body())
    session.commit()
    return jsonify(follow_up_to_dict(follow_up)), 201


@bp.patch("/meeting-follow-ups/<id:follow_up_id>")
def patch_follow_up(follow_up_id: int) -> Response:
    """Change, close (`done: true`) or reopen (`done: false`) a follow-up."""
    session = db_session()
    follow_up = meetings.update_follow_up(session, current_user, follow_up_id, _json_body())
    session.commit()
    return jsonify(follow_up_to_dict(follow_up))


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document())


@bp.app_errorhandler(404)
@bp.app_errorhandler(405)
def _api_routing_error(error: HTTPException) -> HTTPException | tuple[Response, int]:
    """An address under /api/v1 that no route takes (a line break in it escapes even the
    catch-all below) answers in JSON like every other API answer; elsewhere, Flask's page."""
    if not request.path.startswith(bp.url_prefix or "/api/v1"):
        return error
    if error.code == 405:
        return jsonify({"error": "Den metoden finns inte för den här adressen i API:t."}), 405
    return jsonify({"error": NO_SUCH_ADDRESS}), 404


@bp.route("/<path:_rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def no_such_address(_rest: str) -> tuple[Response, int]:
    """Any other address under /api/v1 (or an id out of range) answers in JSON, not with a page."""
    return jsonify({"error": NO_SUCH_ADDRESS}), 404
