"""Samverkan callbacks: the scope (a council or a police area, one clears the other), the day of
the last meeting by default, the agenda's sections (dashboard/services/samverkan.py), and the
meeting log's forms through the meetings service (dashboard/services/meetings.py)."""

from datetime import date
from typing import Any
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from flask_login import current_user

from callbacks.common import Callbacks, cached, next_refresh
from dashboard.db import db_session
from dashboard.formatting import fmt_count
from dashboard.services import meetings as meeting_service
from dashboard.services import samverkan as service
from dashboard.services.errors import ServiceError, ValidationFailed
from layouts import samverkan as view
from layouts.alerts import alert_list, page_href
from layouts.samverkan import AREA, AUTO, COUNCIL, MEETING_FIELDS, REFRESH, SINCE, field_id
from models import rules
from models.base import stockholm_today
from models.queries import samverkan as q
from models.queries.activities import council_options
from models.queries.alerts import current_alerts
from models.queries.police_areas import areas_of_council

# The fields with a control that can be marked invalid, each with a place for its message. The
# roles' errors (personal data, too long, too many) are about what was written: the extra-roles
# box shows them (MORE_ROLES); a checkbox cannot be wrong.
INVALID_FIELDS = tuple(f for f in MEETING_FIELDS if f not in ("participants", "vbe_on_agenda"))
FEEDBACK_FIELDS = INVALID_FIELDS
MORE_ROLES = "meeting-more-roles"
NONE = {"label": "–", "value": ""}
SECTION_OUTPUTS = (
    "samverkan-scope",
    "samverkan-incidents",
    "samverkan-forms",
    "samverkan-activities",
    "samverkan-follow-ups",
    "samverkan-log",
)


def _scope_values(council: object, area: object) -> tuple[str, str]:
    return (str(council or ""), str(area or ""))


def scope_choice(
    council: str | None, area: str | None, since: str | None, auto: str | None, trigger: str | None
) -> tuple[str, str, str, str | None]:
    """The chosen council or area (choosing one clears the other) and the day of the last
    meeting: the scope's last meeting while no one has chosen a day."""
    session, today = db_session(), stockholm_today()
    council, area = _scope_values(council, area)
    if trigger == COUNCIL.control_id and council:
        area = ""
    elif trigger == AREA.control_id and area:
        council = ""
    chose_default = not since or since == auto
    if not chose_default:
        return council, area, no_update, no_update  # type: ignore[return-value]
    try:
        scope = service.resolve_scope(session, council, area, current_user, today)
    except ServiceError:
        return council, area, since or "", auto
    default = service.default_since(session, scope, today).isoformat()
    if not council and not area:
        if scope.is_area:
            area = str(scope.id)
        else:
            council = scope.code or ""
    return council, area, default, default


def agenda_for(council: object, area: object, since: object) -> service.Agenda:
    session, today = db_session(), stockholm_today()
    scope = service.resolve_scope(session, council, area, current_user, today)
    return service.build(session, scope, service.parse_since(since, today), today)


def closable(follow_ups: list[Any]) -> dict[int, str | None]:
    """follow-up id → why the user may not close it (None: they may), by the service's rule."""
    return meeting_service.follow_up_refusals(db_session(), current_user, follow_ups)


def _shown_follow_ups(agenda: service.Agenda) -> list[Any]:
    latest = agenda.meetings[0].follow_ups if agenda.meetings else []
    return list({f.id: f for f in [*latest, *agenda.open_follow_ups]}.values())


def render(council: object, area: object, since: object) -> tuple[Any, ...]:
    try:
        agenda = agenda_for(council, area, since)
    except ServiceError as error:
        refusal = view.refusal(error.message)
        return refusal, *([None] * (len(SECTION_OUTPUTS) - 1)), "/export/samverkan.docx"
    today = stockholm_today()
    docx = "/export/samverkan.docx?" + urlencode(
        {**agenda.scope.query, "since": agenda.first.isoformat()}
    )
    return (
        view.scope_note(agenda),
        view.incidents_view(agenda),
        view.forms_view(agenda),
        view.activities_view(agenda),
        view.follow_ups_view(agenda, closable(_shown_follow_ups(agenda)), today),
        view.meetings_view(agenda),
        docx,
    )


def form_choices(council: object, area: object) -> tuple[Any, ...]:
    """The meeting form's councils and police areas for the scope, and whether the user may
    log a meeting there (the service's rule, said beforehand); the follow-up form's meetings."""
    session, today = db_session(), stockholm_today()
    user: Any = current_user
    try:
        scope = service.resolve_scope(session, council, area, user, today)
    except ServiceError:
        return [], None, [NONE], "", None, True, [], None, None, True
    councils = q.scope_councils(session, scope, today, today)
    if scope.is_area:
        council_opts = [{"label": c.name, "value": c.code} for c in councils]
    else:
        council_opts = [{"label": scope.name, "value": scope.code or ""}]
    if not council_opts:
        council_opts = council_options(session)
    chosen = next(
        (o["value"] for o in council_opts if user.council and o["value"] == user.council.code),
        council_opts[0]["value"] if council_opts else None,
    )
    area_opts, area_value = area_choice(chosen, scope, today)
    found = rules.find_council(session, chosen)
    refusal = meeting_service.meeting_refusal(session, user, found.id) if found else None
    access = view.refusal(refusal) if refusal else None
    meetings = service.scope_meetings(session, scope)[:30]
    meeting_opts = [
        {"label": f"{m.held_on.isoformat()} {m.forum} ({m.council.name})", "value": str(m.id)}
        for m in meetings
    ]
    first = meetings[0] if meetings else None
    fu_refusal = (
        meeting_service.follow_up_refusal(session, user, first)
        if first
        else "Det finns inget möte att lägga till ett åtagande på."
    )
    return (
        council_opts,
        chosen,
        area_opts,
        area_value,
        access,
        refusal is not None,
        meeting_opts,
        str(first.id) if first else None,
        view.refusal(fu_refusal) if fu_refusal else None,
        fu_refusal is not None,
    )


def area_choice(
    council_code: str | None, scope: q.Scope, day: date
) -> tuple[list[dict[str, str]], str]:
    session = db_session()
    found = rules.find_council(session, council_code)
    areas = areas_of_council(session, found.id, day) if found else []
    options = [NONE] + [{"label": a.name, "value": str(a.id)} for a in areas]
    value = str(scope.id) if scope.is_area and any(a.id == scope.id for a in areas) else ""
    if not value and len(areas) == 1:
        value = str(areas[0].id)
    return options, value


def _participants(roles: object, more: object) -> list[Any]:
    """The ticked roles and those written in, one a line. A checklist sends a list and a
    textarea a string: any other shape is forged, and nothing is saved."""
    if not isinstance(roles, list | None) or not isinstance(more, str | None):
        raise PreventUpdate
    extra = [line.strip() for line in (more or "").splitlines() if line.strip()]
    return [*(roles or []), *extra]


def _what(value: object) -> object:
    """The follow-up's text, trimmed; a forged non-text is left to the service to refuse."""
    return value.strip() if isinstance(value, str) else value


def save_meeting(values: dict[str, Any]) -> tuple[Any, list[bool], list[str], bool]:
    """(result, invalid per INVALID_FIELDS + the extra roles' box, message per FEEDBACK_FIELDS
    + the extra roles' box, saved)."""
    session = db_session()
    data = {
        "council": values["council"],
        "police_area": values["police_area"] or "",
        "held_on": values["held_on"] or "",
        "forum": values["forum"] or "",
        "vbe_on_agenda": bool(values["vbe_on_agenda"]),
        "participants": _participants(values["roles"], values["more_roles"]),
        "notes": values["notes"] or "",
        "decisions": values["decisions"] or "",
    }
    what = _what(values["fu_what"] or "")
    if what or values["fu_owner_role"] or values["fu_due_on"]:
        data["follow_ups"] = [
            {
                "what": what,
                "owner_role": values["fu_owner_role"] or "",
                "due_on": values["fu_due_on"] or None,
            }
        ]
    none = [False] * (len(INVALID_FIELDS) + 1), [""] * (len(FEEDBACK_FIELDS) + 1)
    try:
        meeting = meeting_service.create_meeting(session, current_user, data)
        session.commit()
    except ValidationFailed as error:
        session.rollback()
        invalid = [name in error.errors for name in (*INVALID_FIELDS, "participants")]
        messages = [error.errors.get(name, "") for name in (*FEEDBACK_FIELDS, "participants")]
        alert = dbc.Alert(error.message + " Ingenting sparades.", color="danger")
        return alert, invalid, messages, False
    except ServiceError as error:
        session.rollback()
        return dbc.Alert(error.message, color="danger"), *none, False
    alert = dbc.Alert(
        f"Mötet sparades: {meeting.council.name}, {meeting.held_on.isoformat()}, "
        f"{meeting.forum}, {fmt_count(len(meeting.follow_ups), 'åtagande', 'åtaganden')}.",
        color="success",
        id="meeting-saved",
    )
    return alert, *none, True


def register(app: Callbacks) -> None:
    @app.callback(
        Output(COUNCIL.control_id, "options"),
        Output(AREA.control_id, "options"),
        Input(REFRESH, "id"),
    )
    def fill_choices(_id: str) -> tuple[list[Any], list[Any]]:
        session = db_session()
        return [NONE, *council_options(session)], [NONE, *q.area_options(session)]

    @app.callback(
        Output(COUNCIL.control_id, "value"),
        Output(AREA.control_id, "value"),
        Output(SINCE.control_id, "value"),
        Output(AUTO, "data"),
        Input(COUNCIL.control_id, "value"),
        Input(AREA.control_id, "value"),
        State(SINCE.control_id, "value"),
        State(AUTO, "data"),
    )
    def choose_scope(
        council: str | None, area: str | None, since: str | None, auto: str | None
    ) -> tuple[str, str, str, str | None]:
        trigger = ctx.triggered_id if isinstance(ctx.triggered_id, str) else None
        return scope_choice(council, area, since, auto, trigger)

    @app.callback(
        *[Output(name, "children") for name in SECTION_OUTPUTS],
        Output("samverkan-docx", "href"),
        Input(COUNCIL.control_id, "value"),
        Input(AREA.control_id, "value"),
        Input(SINCE.control_id, "value"),
        Input(REFRESH, "data"),
    )
    def sections(council: str, area: str, since: str, _refresh: int) -> tuple[Any, ...]:
        return render(council, area, since)

    @app.callback(
        Output("samverkan-alerts", "children"),
        Input(COUNCIL.control_id, "value"),
        Input(AREA.control_id, "value"),
        Input(SINCE.control_id, "value"),
    )
    def alerts(council: str, area: str, since: str) -> Component:
        """The scope's current trend alerts (a police area's own series), with a link to
        review them on Trendlarm."""
        session, today = db_session(), stockholm_today()
        try:
            scope = service.resolve_scope(session, council, area, current_user, today)
        except ServiceError:
            return view.no_alerts()
        return alert_list(
            cached(current_alerts, today, scope.alert_scope, scope.id),
            None,
            page_href(scope.alert_scope, scope.id if scope.is_area else scope.code or ""),
        )

    @app.callback(
        Output(field_id("council"), "options"),
        Output(field_id("council"), "value"),
        Output(field_id("police_area"), "options"),
        Output(field_id("police_area"), "value"),
        Output("meeting-access", "children"),
        Output("meeting-save", "disabled"),
        Output("follow-up-meeting", "options"),
        Output("follow-up-meeting", "value"),
        Output("follow-up-access", "children"),
        Output("follow-up-save", "disabled"),
        Input(COUNCIL.control_id, "value"),
        Input(AREA.control_id, "value"),
        Input(REFRESH, "data"),
    )
    def forms(council: str, area: str, _refresh: int) -> tuple[Any, ...]:
        return form_choices(council, area)

    @app.callback(
        Output(field_id("police_area"), "options", allow_duplicate=True),
        Output(field_id("police_area"), "value", allow_duplicate=True),
        Input(field_id("council"), "value"),
        State(COUNCIL.control_id, "value"),
        State(AREA.control_id, "value"),
        prevent_initial_call=True,
    )
    def areas_of_chosen(chosen: str, council: str, area: str) -> tuple[Any, str]:
        session, today = db_session(), stockholm_today()
        try:
            scope = service.resolve_scope(session, council, area, current_user, today)
        except ServiceError:
            raise PreventUpdate from None
        return area_choice(chosen, scope, today)

    @app.callback(
        Output("follow-up-access", "children", allow_duplicate=True),
        Output("follow-up-save", "disabled", allow_duplicate=True),
        Input("follow-up-meeting", "value"),
        prevent_initial_call=True,
    )
    def follow_up_access(meeting: str | None) -> tuple[Any, bool]:
        """Whether the user may add a follow-up to the chosen meeting (the service's rule,
        said beforehand; the service decides again on saving)."""
        meeting_id = rules.parse_row_id(meeting)
        if meeting_id is None:
            raise PreventUpdate
        session = db_session()
        try:
            found = meeting_service.get_meeting(session, meeting_id)
        except ServiceError as error:
            return view.refusal(error.message), True
        refusal = meeting_service.follow_up_refusal(session, current_user, found)
        return (view.refusal(refusal) if refusal else None), refusal is not None

    @app.callback(
        Output("meeting-result", "children"),
        *[Output(field_id(name), "invalid") for name in INVALID_FIELDS],
        Output(MORE_ROLES, "invalid"),
        *[Output(f"{field_id(name)}-feedback", "children") for name in FEEDBACK_FIELDS],
        Output(f"{MORE_ROLES}-feedback", "children"),
        Output(REFRESH, "data", allow_duplicate=True),
        Input("meeting-save", "n_clicks"),
        State(REFRESH, "data"),
        State("meeting-roles", "value"),
        State(MORE_ROLES, "value"),
        *[State(field_id(name), "value") for name in MEETING_FIELDS if name != "participants"],
        prevent_initial_call=True,
    )
    def save(clicks: int, refresh: int, roles: list[str], more: str, *values: Any) -> Any:
        if not clicks:
            raise PreventUpdate
        names = [n.replace("follow_ups.0.", "fu_") for n in MEETING_FIELDS if n != "participants"]
        data = dict(zip(names, values, strict=True)) | {"roles": roles, "more_roles": more}
        result, invalid, messages, saved = save_meeting(data)
        return result, *invalid, *messages, next_refresh(refresh) if saved else no_update

    @app.callback(
        Output("follow-up-result", "children"),
        Output("follow-up-what", "value"),
        Output(REFRESH, "data", allow_duplicate=True),
        Input("follow-up-save", "n_clicks"),
        State(REFRESH, "data"),
        State("follow-up-meeting", "value"),
        State("follow-up-what", "value"),
        State("follow-up-owner", "value"),
        State("follow-up-due", "value"),
        prevent_initial_call=True,
    )
    def add_follow_up(
        clicks: int, refresh: int, meeting: str, what: str, owner: str, due: str
    ) -> tuple[Any, Any, Any]:
        if not clicks:
            raise PreventUpdate
        session = db_session()
        meeting_id = rules.parse_row_id(meeting)
        if meeting_id is None:
            return dbc.Alert("Välj ett möte.", color="danger"), no_update, no_update
        try:
            follow_up = meeting_service.add_follow_up(
                session,
                current_user,
                meeting_id,
                {"what": what or "", "owner_role": owner or "", "due_on": due or None},
            )
            session.commit()
        except ServiceError as error:
            session.rollback()
            return dbc.Alert(error.message, color="danger"), no_update, no_update
        alert = dbc.Alert(
            f"Åtagandet lades till: {follow_up.what}", color="success", id="follow-up-saved"
        )
        return alert, "", next_refresh(refresh)

    @app.callback(
        Output("samverkan-done-result", "children"),
        Output(REFRESH, "data", allow_duplicate=True),
        Input({"type": "samverkan-done", "fid": ALL, "v": ALL}, "n_clicks"),
        State(REFRESH, "data"),
        prevent_initial_call=True,
    )
    def close_follow_up(clicks: list[int | None], refresh: int) -> tuple[Any, Any]:
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not isinstance(clicks, list) or not any(clicks):
            raise PreventUpdate
        follow_up_id = rules.parse_row_id(trigger.get("fid"))
        if follow_up_id is None:
            message = dbc.Alert(meeting_service.NO_FOLLOW_UP, color="danger")
            return message, next_refresh(refresh)
        session = db_session()
        try:
            # A version no button can hold is None, which the service refuses in Swedish.
            follow_up = meeting_service.update_follow_up(
                session,
                current_user,
                follow_up_id,
                {"version": rules.parse_row_id(trigger.get("v")), "done": True},
            )
            session.commit()
        except ServiceError as error:
            session.rollback()
            return dbc.Alert(error.message, color="danger"), next_refresh(refresh)
        alert = dbc.Alert(
            f"Markerat som klart: {follow_up.what}", color="success", id="samverkan-closed"
        )
        return alert, next_refresh(refresh)
