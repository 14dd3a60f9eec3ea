"""Samverkan's, the register's and Trendlarm's callbacks posted with values no control can hold
(an id "abc", 10**20, a list, a store that is a list): never a 500, a Swedish message or no
update, and nothing changes. The read-only demo database makes any attempted write fail. Also
what the forms say back: "1 åtagande", a month-only incident's date as entered, and the
Trendlarm controls named after their alert."""

import json
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from dashboard.db import Database
from dashboard.services.incidents import ALL_COUNCILS
from dashboard.services.meetings import NO_FOLLOW_UP, NO_VERSION
from models import (
    CooperationMeeting,
    Council,
    Incident,
    IncidentWithdrawal,
    MeetingFollowUp,
    PoliceArea,
)
from models.base import stockholm_today
from models.enums import DatePrecision
from tests.dash_calls import call, post_callback

HUGE = 10**20
FORGED_IDS: list[Any] = ["abc", HUGE, "1" * 30, [1], {"id": 1}, "²", -3, 0, True]
FORGED_STATES: list[Any] = [{"id": v, "version": 1} for v in FORGED_IDS] + [[1], "x", 7]


def _not_500(response: TestResponse) -> str:
    assert response.status_code in (200, 204), response.get_data(as_text=True)[:2000]
    if response.status_code == 204:  # PreventUpdate: nothing shown, nothing changed
        return ""
    return json.dumps(response.get_json(), ensure_ascii=False)


def _counts(database: Database) -> tuple[int, ...]:
    with database.session() as session:
        return tuple(
            int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Incident, IncidentWithdrawal, CooperationMeeting, MeetingFollowUp)
        )


# --- Samverkan ----------------------------------------------------------------------------------


def _close(client: FlaskClient, button: dict[str, Any]) -> TestResponse:
    """The "Klar" button's pattern-matching callback, as dash-renderer posts it."""
    key = next(
        d["output"]
        for d in client.get("/_dash-dependencies").get_json()
        if "samverkan-done-result.children" in d["output"]
    )
    refresh = key.split("samverkan-refresh.", 1)[1].rstrip(".")
    return client.post(
        "/_dash-update-component",
        json={
            "output": key,
            "outputs": [
                {"id": "samverkan-done-result", "property": "children"},
                {"id": "samverkan-refresh", "property": refresh},
            ],
            "inputs": [[{"id": button, "property": "n_clicks", "value": 1}]],
            "changedPropIds": [json.dumps(button, separators=(",", ":")) + ".n_clicks"],
            "state": [{"id": "samverkan-refresh", "property": "data", "value": 0}],
        },
    )


def _open_follow_up(database: Database, council_code: str) -> tuple[int, int]:
    with database.session() as session:
        follow_up = session.scalars(
            select(MeetingFollowUp)
            .join(CooperationMeeting)
            .join(Council)
            .where(Council.code == council_code, MeetingFollowUp.done_on.is_(None))
            .order_by(MeetingFollowUp.id)
        ).first()
        assert follow_up is not None
        return follow_up.id, follow_up.version


@pytest.mark.parametrize("fid", ["abc", HUGE, "1" * 30, None, [1]])
def test_a_forged_follow_up_id_is_not_found(login_as, demo_db: Database, fid: Any) -> None:  # type: ignore[no-untyped-def]
    before = _counts(demo_db)
    body = _not_500(_close(login_as("skarpnack"), {"type": "samverkan-done", "fid": fid, "v": 1}))
    assert NO_FOLLOW_UP in body
    assert _counts(demo_db) == before


@pytest.mark.parametrize("version", ["x", HUGE, None, [1], "1" * 30])
def test_a_forged_version_is_refused_in_swedish_and_nothing_is_closed(  # type: ignore[no-untyped-def]
    login_as, demo_db: Database, version: Any
) -> None:
    fid, _version = _open_follow_up(demo_db, "SKA")
    button = {"type": "samverkan-done", "fid": fid, "v": version}
    body = _not_500(_close(login_as("skarpnack"), button))
    assert (
        NO_VERSION
        in json.loads(body)["response"]["samverkan-done-result"]["children"]["props"]["children"]
    )
    with demo_db.session() as session:
        assert session.get(MeetingFollowUp, fid).done_on is None  # type: ignore[union-attr]


@pytest.mark.parametrize("meeting", [5, "1" * 30, HUGE, "abc", [5], {"id": 5}, "²"])
def test_a_forged_meeting_choice_gives_no_500(login_as, demo_db: Database, meeting: Any) -> None:  # type: ignore[no-untyped-def]
    client = login_as("ks")  # a reader: a real meeting is refused before any write
    before = _counts(demo_db)
    inputs = [{"id": "follow-up-meeting", "property": "value", "value": meeting}]
    _not_500(post_callback(client, None, inputs, [], output_has="follow-up-access"))
    state = [
        {"id": "samverkan-refresh", "property": "data", "value": 0},
        {"id": "follow-up-meeting", "property": "value", "value": meeting},
        {"id": "follow-up-what", "property": "value", "value": "Ringa skolan"},
        {"id": "follow-up-owner", "property": "value", "value": "Kommunpolis"},
        {"id": "follow-up-due", "property": "value", "value": None},
    ]
    inputs = [{"id": "follow-up-save", "property": "n_clicks", "value": 1}]
    body = _not_500(post_callback(client, None, inputs, state))
    # An int is an id as good as its digits (and the reader may add nothing); the rest are
    # no meeting at all.
    assert "Välj ett möte." in body or "Mötet finns inte." in body or "får bara läsa" in body
    assert _counts(demo_db) == before


def test_an_int_meeting_id_is_the_meeting(login_as, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    """A value that was an int before the fix gave a 500; now it is read as the id it is."""
    with demo_db.session() as session:
        meeting = session.scalars(
            select(CooperationMeeting).join(Council).where(Council.code == "SKA")
        ).first()
        assert meeting is not None
        meeting_id = meeting.id
    inputs = [{"id": "follow-up-meeting", "property": "value", "value": meeting_id}]
    answer = call(login_as("ks"), None, inputs, [], output_has="follow-up-access")
    assert answer["follow-up-save"]["disabled"] is True  # a reader may add nothing, and is told
    assert "läsa" in json.dumps(answer, ensure_ascii=False)


MEETING_FIELDS = (
    "meeting-council",
    "meeting-police-area",
    "meeting-held-on",
    "meeting-forum",
    "meeting-vbe-on-agenda",
    "meeting-notes",
    "meeting-decisions",
    "meeting-fu-what",
    "meeting-fu-owner-role",
    "meeting-fu-due-on",
)


def _save_meeting(
    client: FlaskClient, values: dict[str, Any], roles: Any = None, more: Any = ""
) -> TestResponse:
    state = [
        {"id": "samverkan-refresh", "property": "data", "value": 0},
        {"id": "meeting-roles", "property": "value", "value": roles},
        {"id": "meeting-more-roles", "property": "value", "value": more},
        *[{"id": f, "property": "value", "value": values.get(f)} for f in MEETING_FIELDS],
    ]
    inputs = [{"id": "meeting-save", "property": "n_clicks", "value": 1}]
    return post_callback(client, None, inputs, state)


MEETING = {
    "meeting-council": "SKA",
    "meeting-forum": "Lokal BRÅ",
    "meeting-vbe-on-agenda": True,
}


@pytest.mark.parametrize(
    ("roles", "more", "what"),
    [
        (["Kommunpolis"], ["Trygghetssamordnare"], ""),
        (["Kommunpolis"], {"a": 1}, ""),
        ("Kommunpolis", "", ""),
        (["Kommunpolis"], "", ["Ringa skolan"]),
    ],
)
def test_a_forged_meeting_form_gives_no_500(  # type: ignore[no-untyped-def]
    login_as, demo_db: Database, roles: Any, more: Any, what: Any
) -> None:
    before = _counts(demo_db)
    values = MEETING | {"meeting-held-on": stockholm_today().isoformat(), "meeting-fu-what": what}
    body = _not_500(_save_meeting(login_as("skarpnack"), values, roles, more))
    if body:
        assert "Ingenting sparades" in body
    assert _counts(demo_db) == before


def test_one_follow_up_is_said_in_the_singular(  # type: ignore[no-untyped-def]
    login_as_writable, demo_db_writable: Database
) -> None:
    values = MEETING | {
        "meeting-held-on": stockholm_today().isoformat(),
        "meeting-fu-what": "Följa upp klotter vid skolan",
        "meeting-fu-owner-role": "Kommunpolis",
    }
    response = _save_meeting(login_as_writable("skarpnack"), values, ["Kommunpolis"])
    text = json.dumps(response.get_json(), ensure_ascii=False)
    assert "Mötet sparades: Skarpnäck" in text
    assert "Lokal BRÅ, 1 åtagande." in text


def test_personal_data_among_the_extra_roles_marks_that_box(  # type: ignore[no-untyped-def]
    login_as, demo_db: Database
) -> None:
    values = MEETING | {"meeting-held-on": stockholm_today().isoformat()}
    response = _save_meeting(login_as("skarpnack"), values, [], "Anna Andersson 070-123 45 67")
    answer = response.get_json()["response"]
    assert answer["meeting-more-roles"]["invalid"] is True
    assert "Deltagare" in answer["meeting-more-roles-feedback"]["children"]
    assert "Ingenting sparades" in json.dumps(answer["meeting-result"], ensure_ascii=False)


# --- Händelser ----------------------------------------------------------------------------------

WITHDRAW_STATE: list[dict[str, Any]] = [
    {"id": "withdraw-reason", "property": "value", "value": "Dubbelregistrerad."},
    {"id": "incidents-refresh", "property": "data", "value": 0},
]


@pytest.mark.parametrize("state", FORGED_STATES)
def test_a_forged_incident_store_changes_nothing(login_as, demo_db: Database, state: Any) -> None:  # type: ignore[no-untyped-def]
    client = login_as("admin")
    before = _counts(demo_db)
    withdraw = [{"id": "withdraw-save", "property": "n_clicks", "value": 1}]
    store = {"id": "correct-state", "property": "data", "value": state}
    _not_500(post_callback(client, None, withdraw, [store, *WITHDRAW_STATE]))
    restore = [{"id": "restore-save", "property": "n_clicks", "value": 1}]
    restore_state = [
        {"id": "restore-state", "property": "data", "value": state},
        {"id": "restore-reason", "property": "value", "value": "Felaktigt återkallad."},
        {"id": "incidents-refresh", "property": "data", "value": 0},
    ]
    _not_500(post_callback(client, None, restore, restore_state))
    reset = [{"id": "correct-state", "property": "data", "value": state}]
    answer = call(client, None, reset, [])
    assert answer["withdraw-save"]["disabled"] is True  # no incident: nothing to withdraw
    assert _counts(demo_db) == before


@pytest.mark.parametrize(
    "rows",
    [
        *[[{"id": v}] for v in FORGED_IDS],
        [{"council": "X", "date": "2026-01-01"}],
        ["x"],
        [[1]],
        "x",
        {"id": 1},
        [None],
    ],
)
def test_a_forged_grid_selection_opens_nothing(login_as, demo_db: Database, rows: Any) -> None:  # type: ignore[no-untyped-def]
    client = login_as("admin")
    withdrawn = [{"id": "withdrawn-grid", "property": "selectedRows", "value": rows}]
    answer = call(client, None, withdrawn, [])
    assert answer["restore-panel"]["style"] == {"display": "none"}
    selected = [{"id": "incidents-grid", "property": "selectedRows", "value": rows}]
    state = [{"id": "correct-state", "property": "data", "value": None}]
    answer = call(client, None, selected, state)
    assert answer["correct-panel"]["style"] == {"display": "none"}


@pytest.mark.parametrize("requested", [[1], "council=BRO", 5, [["council", "BRO"]]])
def test_a_forged_address_store_shows_the_default_filters(  # type: ignore[no-untyped-def]
    login_as, requested: Any
) -> None:
    inputs = [{"id": "incidents-requested", "property": "data", "value": requested}]
    answer = call(login_as("ks"), None, inputs, [])
    assert answer["incidents-council"]["value"] == ALL_COUNCILS


def _month_only_incident(database: Database) -> tuple[int, int, str]:
    """A Skarpnäck incident made month-only: (id, version, "YYYY-MM")."""
    with database.session() as session:
        incident = session.scalars(
            select(Incident).join(Council).where(Council.code == "SKA").order_by(Incident.id)
        ).first()
        assert incident is not None
        incident.set_date(incident.occurred_on.replace(day=1), DatePrecision.MONTH)
        session.flush()
        return incident.id, incident.version, incident.occurred_on.isoformat()[:7]


def test_withdraw_and_restore_say_a_month_only_date_as_entered(  # type: ignore[no-untyped-def]
    login_as_writable, demo_db_writable: Database
) -> None:
    incident_id, version, month = _month_only_incident(demo_db_writable)
    client = login_as_writable("skarpnack")
    store = {
        "id": "correct-state",
        "property": "data",
        "value": {"id": incident_id, "version": version},
    }
    withdraw = [{"id": "withdraw-save", "property": "n_clicks", "value": 1}]
    answer = json.dumps(call(client, None, withdraw, [store, *WITHDRAW_STATE]), ensure_ascii=False)
    assert f"Händelsen från {month} återkallades" in answer
    rows = [{"id": incident_id, "council": "Skarpnäck", "date": month, "category": "x"}]
    opened = call(
        client, None, [{"id": "withdrawn-grid", "property": "selectedRows", "value": rows}], []
    )
    assert opened["restore-state"]["data"] == {"id": incident_id}
    restore = [{"id": "restore-save", "property": "n_clicks", "value": 1}]
    restore_state: list[dict[str, Any]] = [
        {"id": "restore-state", "property": "data", "value": {"id": incident_id}},
        {"id": "restore-reason", "property": "value", "value": "Felaktigt återkallad."},
        {"id": "incidents-refresh", "property": "data", "value": 0},
    ]
    answer = json.dumps(call(client, None, restore, restore_state), ensure_ascii=False)
    assert f"Händelsen från {month} (" in answer
    with demo_db_writable.session() as session:
        assert session.get(Incident, incident_id) is not None


# --- Trendlarm ----------------------------------------------------------------------------------


def _alerts_list(client: FlaskClient, value: Any) -> str:
    inputs = [{"id": "alerts-scope", "property": "value", "value": value}]
    response = post_callback(client, None, inputs, [], output_has="alerts-list")
    return _not_500(response)


@pytest.mark.parametrize(
    "value", ["area-²", "area-" + "9" * 25, f"area-{HUGE}", "area-0", "area-", ["area-1"], 7]
)
def test_a_forged_scope_shows_every_alert(login_as, value: Any) -> None:  # type: ignore[no-untyped-def]
    assert "alla nämnder" in _alerts_list(login_as("ks"), value)


def test_the_scope_names_its_area_or_council(login_as, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as session:
        area = session.scalars(select(PoliceArea).where(PoliceArea.name == "Skärholmen")).one()
        area_id = area.id
    client = login_as("ks")
    assert "lokalpolisområde Skärholmen" in _alerts_list(client, f"area-{area_id}")
    assert "Bromma" in _alerts_list(client, "council-bro")  # as find_council reads a code


def _components(node: Any) -> list[dict[str, Any]]:
    """Every component in a rendered layout (Dash's JSON form)."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "props" in node:
            found.append(node)
        for value in node.values():
            found.extend(_components(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_components(value))
    return found


def _text(node: Any) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return "".join(_text(n) for n in node)
    if isinstance(node, dict):
        return _text(node.get("props", {}).get("children"))
    return ""


def test_each_review_button_and_comment_is_named_after_its_alert(login_as) -> None:  # type: ignore[no-untyped-def]
    body = json.loads(_alerts_list(login_as("admin"), "all"))
    nodes = _components(body["response"])
    buttons = [
        n
        for n in nodes
        if isinstance(n["props"].get("id"), dict)
        and n["props"]["id"].get("type") == "alert-review-save"
    ]
    assert len(buttons) >= 2, "the demo data should hold at least two alerts"
    names = [_text(b["props"]["children"]) for b in buttons]
    assert all(n.startswith(("Markera som granskad (", "Uppdatera granskningen (")) for n in names)
    assert len(set(names)) == len(names)
    labels = [
        _text(n["props"]["children"][0])
        for n in nodes
        if n.get("type") == "Label" and n.get("namespace") == "dash_html_components"
    ]
    assert len(labels) == len(buttons)
    assert all(label.startswith("Kommentar till larmet ") for label in labels)
    assert len(set(labels)) == len(labels)
