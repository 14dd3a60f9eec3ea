"""Samverkan's callbacks posted as a forged browser would: the server decides who may save,
whatever the form showed (the police may not log a meeting, a coordinator may not close
another council's follow-up), and a bad day in the address gets a Swedish message."""

import json
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import func, select

from dashboard.db import Database
from dashboard.services.permissions import OTHER_COUNCIL
from models import CooperationMeeting, Council, MeetingFollowUp
from models.base import stockholm_today
from tests.dash_calls import call

FIELDS = (
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


def _save(client: FlaskClient, values: dict[str, Any]) -> dict[str, Any]:
    state = [
        {"id": "samverkan-refresh", "property": "data", "value": 0},
        {"id": "meeting-roles", "property": "value", "value": ["Kommunpolis"]},
        {"id": "meeting-more-roles", "property": "value", "value": ""},
        *[{"id": f, "property": "value", "value": values.get(f)} for f in FIELDS],
    ]
    inputs = [{"id": "meeting-save", "property": "n_clicks", "value": 1}]
    return call(client, None, inputs, state)


def _count(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(CooperationMeeting)) or 0)


def test_the_police_cannot_log_a_meeting_even_by_a_forged_request(
    login_as_writable,
    demo_db_writable: Database,  # type: ignore[no-untyped-def]
) -> None:
    before = _count(demo_db_writable)
    client = login_as_writable("polis")
    answer = _save(
        client,
        {
            "meeting-council": "SKH",
            "meeting-held-on": stockholm_today().isoformat(),
            "meeting-forum": "Lokal BRÅ",
            "meeting-vbe-on-agenda": True,
        },
    )
    assert "nämndens samordnare" in str(answer["meeting-result"]["children"])
    assert _count(demo_db_writable) == before


def test_a_coordinator_logs_a_meeting_of_their_own_council_only(
    login_as_writable,
    demo_db_writable: Database,  # type: ignore[no-untyped-def]
) -> None:
    before = _count(demo_db_writable)
    client = login_as_writable("bromma")
    values = {
        "meeting-held-on": stockholm_today().isoformat(),
        "meeting-forum": "SSP",
        "meeting-vbe-on-agenda": True,
        "meeting-fu-what": "Följa upp klotter i Blackeberg",
        "meeting-fu-owner-role": "Kommunpolis",
    }
    refused = _save(client, values | {"meeting-council": "SKA"})
    assert OTHER_COUNCIL in str(refused["meeting-result"]["children"])
    assert _count(demo_db_writable) == before
    saved = _save(client, values | {"meeting-council": "BRO"})
    assert "Mötet sparades: Bromma" in str(saved["meeting-result"]["children"])
    assert _count(demo_db_writable) == before + 1
    with demo_db_writable.session() as session:
        follow_up = session.scalars(
            select(MeetingFollowUp).where(MeetingFollowUp.what == "Följa upp klotter i Blackeberg")
        ).one()
        assert follow_up.owner_role == "Kommunpolis" and follow_up.done_on is None


def test_a_coordinator_cannot_close_another_councils_follow_up(
    login_as_writable,
    demo_db_writable: Database,  # type: ignore[no-untyped-def]
) -> None:
    with demo_db_writable.session() as session:
        skh = session.scalars(select(Council).where(Council.code == "SKH")).one()
        follow_up = session.scalars(
            select(MeetingFollowUp)
            .join(CooperationMeeting)
            .where(CooperationMeeting.council_id == skh.id, MeetingFollowUp.done_on.is_(None))
        ).first()
        assert follow_up is not None
        fid, version = follow_up.id, follow_up.version
    client = login_as_writable("skarpnack")
    button = {"type": "samverkan-done", "fid": fid, "v": version}
    key = next(
        d["output"]
        for d in client.get("/_dash-dependencies").get_json()
        if "samverkan-done-result.children" in d["output"]
    )
    refresh = key.split("samverkan-refresh.", 1)[1].rstrip(".")  # data@<Dash's suffix>
    response = client.post(
        "/_dash-update-component",
        json={
            "output": key,
            "outputs": [
                {"id": "samverkan-done-result", "property": "children"},
                {"id": "samverkan-refresh", "property": refresh},
            ],
            # A pattern-matching input: the list of every matching button, as dash-renderer
            # sends it.
            "inputs": [[{"id": button, "property": "n_clicks", "value": 1}]],
            "changedPropIds": [json.dumps(button, separators=(",", ":")) + ".n_clicks"],
            "state": [{"id": "samverkan-refresh", "property": "data", "value": 0}],
        },
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    text = str(response.get_json()["response"]["samverkan-done-result"]["children"])
    assert OTHER_COUNCIL in text
    with demo_db_writable.session() as session:
        assert session.get(MeetingFollowUp, fid).done_on is None  # type: ignore[union-attr]


def test_a_bad_day_in_the_address_is_refused_in_swedish(login_as) -> None:  # type: ignore[no-untyped-def]
    client = login_as("skarpnack")
    inputs = [
        {"id": "samverkan-council", "property": "value", "value": "SKA"},
        {"id": "samverkan-area", "property": "value", "value": ""},
        {"id": "samverkan-since", "property": "value", "value": "2026-02-30"},
        {"id": "samverkan-refresh", "property": "data", "value": 0},
    ]
    answer = call(client, None, inputs, [], output_has="samverkan-incidents")
    assert "ÅÅÅÅ-MM-DD" in str(answer["samverkan-scope"]["children"])
