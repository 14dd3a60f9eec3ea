"""The meeting log in the JSON API, on the demo data: the same rules as the service (who may
write, versions, history, the personal-data guard, the police area of the day), every answer
JSON with a Swedish message, and nothing written by a refused call."""

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from dashboard.api import NO_SUCH_ADDRESS
from dashboard.db import Database
from models import AuditEntry, CooperationMeeting, MeetingFollowUp, PoliceArea, Revision
from models.base import stockholm_today
from tests.integration.test_api import Api

PERSONNUMMER = "19811218-9876"


def _count(database: Database, model: type) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _written(database: Database) -> tuple[int, ...]:
    return tuple(
        _count(database, m) for m in (CooperationMeeting, MeetingFollowUp, Revision, AuditEntry)
    )


def _area_id(database: Database, name: str) -> int:
    with database.session() as session:
        return session.scalars(select(PoliceArea.id).where(PoliceArea.name == name)).one()


def _meeting(**more: Any) -> dict[str, Any]:
    return {
        "council": "NIN",
        "held_on": "2025-02-03",
        "forum": "Lokal samverkansgrupp",
        "vbe_on_agenda": True,
        "participants": ["Samordnare VBE", "Kommunpolis"],
        "notes": "Genomgång av lägesbilden: klistermärken vid två skolor.",
        "decisions": "Informera rektorerna.",
        "follow_ups": [
            {
                "what": "Informera rektorerna.",
                "owner_role": "Samordnare VBE",
                "due_on": "2025-03-01",
            }
        ],
    } | more


def test_create_list_get_patch_and_history(app_writable: Flask, demo_db_writable: Database) -> None:
    api = Api(app_writable, "norrainnerstaden")
    area = _area_id(demo_db_writable, "Norra innerstaden")
    response = api.post("/api/v1/meetings", _meeting(police_area=area))
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["council"] == "NIN" and created["police_area"] == area
    assert created["police_area_name"] == "Norra innerstaden"
    assert created["participants"] == ["Samordnare VBE", "Kommunpolis"]
    assert [f["what"] for f in created["follow_ups"]] == ["Informera rektorerna."]
    assert created["follow_ups"][0]["done"] is False

    listed = api.get("/api/v1/meetings?council=NIN&from=2025-02-03&to=2025-02-03").get_json()
    assert [m["id"] for m in listed] == [created["id"]]
    of_area = api.get(f"/api/v1/meetings?police_area={area}&from=2025-01-01").get_json()
    assert created["id"] in [m["id"] for m in of_area]
    days = [m["held_on"] for m in of_area]
    assert days == sorted(days, reverse=True) and min(days) >= "2025-01-01"

    path = f"/api/v1/meetings/{created['id']}"
    assert api.get(path).get_json() == created
    patched = api.patch(
        path,
        {"version": created["version"], "forum": "BRÅ", "participants": "Samordnare VBE\nRektor"},
    )
    assert patched.status_code == 200, patched.get_json()
    after = patched.get_json()
    assert after["version"] == created["version"] + 1
    assert (after["forum"], after["participants"]) == ("BRÅ", ["Samordnare VBE", "Rektor"])
    assert after["notes"] == created["notes"]  # left out: kept

    history = api.get(f"{path}/history").get_json()
    by_field = {h["field"]: h for h in history}
    assert set(by_field) == {"forum", "participants"}
    assert (by_field["forum"]["old_value"], by_field["forum"]["new_value"]) == (
        "Lokal samverkansgrupp",
        "BRÅ",
    )
    assert by_field["participants"]["old_value"] == "Samordnare VBE\nKommunpolis"
    assert by_field["forum"]["user"] == "norrainnerstaden"
    assert by_field["forum"]["follow_up"] is None
    # A reader reads all of it.
    reader = Api(app_writable, "ks")
    assert reader.get(path).get_json() == after
    assert len(reader.get(f"{path}/history").get_json()) == 2


def test_a_stale_version_gets_409_and_changes_nothing(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    api = Api(app_writable, "norrainnerstaden")
    created = api.post("/api/v1/meetings", _meeting()).get_json()
    path = f"/api/v1/meetings/{created['id']}"
    assert api.patch(path, {"version": created["version"], "forum": "SSP"}).status_code == 200
    written = _written(demo_db_writable)
    stale = api.patch(path, {"version": created["version"], "forum": "BRÅ"})
    assert stale.status_code == 409
    body = stale.get_json()
    assert "ändrats av någon annan" in body["error"] and body["current"]["forum"] == "SSP"
    assert _written(demo_db_writable) == written

    follow_up = created["follow_ups"][0]
    follow_up_path = f"/api/v1/meeting-follow-ups/{follow_up['id']}"
    assert (
        api.patch(follow_up_path, {"version": follow_up["version"], "done": True}).status_code
        == 200
    )
    written = _written(demo_db_writable)
    again = api.patch(follow_up_path, {"version": follow_up["version"], "done": False})
    assert again.status_code == 409 and again.get_json()["current"]["done"] is True
    assert _written(demo_db_writable) == written


@pytest.mark.parametrize("username", ["bromma", "ks", "polis"])
def test_only_the_councils_coordinator_writes_its_meetings(
    app: Flask, demo_db: Database, username: str
) -> None:
    """Bromma's coordinator, a reader and the police: 403 with a Swedish message, nothing
    written (the shared demo data would refuse a write anyway)."""
    api = Api(app, username)
    response = api.post("/api/v1/meetings", _meeting())
    assert response.status_code == 403
    assert response.get_json()["error"].endswith(".")
    nin = api.get("/api/v1/meetings?council=NIN").get_json()[0]
    patch = api.patch(f"/api/v1/meetings/{nin['id']}", {"version": nin["version"], "forum": "X"})
    assert patch.status_code == 403
    added = api.post(f"/api/v1/meetings/{nin['id']}/follow-ups", {"what": "Återkoppla."})
    assert added.status_code == 403


def test_the_police_add_and_close_follow_ups_in_their_area(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    """The demo police user works in Skärholmen's area: Skärholmen's and Hägersten-Älvsjö's
    meetings with that area (and its predecessors' before the 2020 reform), not Bromma's."""
    api = Api(app_writable, "polis")
    skarholmen = _area_id(demo_db_writable, "Skärholmen")
    theirs = api.get(f"/api/v1/meetings?police_area={skarholmen}").get_json()
    councils = {m["council"] for m in theirs}
    assert {"SKH", "HAE"} <= councils <= {"SKH", "HAE", "HAL", "ALV"}  # HAL, ALV until mid-2020
    assert {m["police_area_name"] for m in theirs} == {"Skärholmen"}
    for meeting in (
        next(m for m in theirs if m["council"] == "SKH"),
        next(m for m in theirs if m["council"] == "HAE"),
    ):
        added = api.post(
            f"/api/v1/meetings/{meeting['id']}/follow-ups",
            {"what": "Återkoppla polisens bild.", "owner_role": "Kommunpolis"},
        )
        assert added.status_code == 201, added.get_json()
        follow_up = added.get_json()
        assert follow_up["meeting"] == meeting["id"] and follow_up["done"] is False
        closed = api.patch(
            f"/api/v1/meeting-follow-ups/{follow_up['id']}",
            {"version": follow_up["version"], "done": True, "done_note": "Återkopplat."},
        )
        assert closed.status_code == 200, closed.get_json()
        assert closed.get_json()["done_on"] == stockholm_today().isoformat()
        history = api.get(f"/api/v1/meetings/{meeting['id']}/history").get_json()
        assert {h["field"] for h in history if h["follow_up"] == follow_up["id"]} == {
            "what",
            "owner_role",
            "done_on",
            "done_note",
        }
        # Closed, then reopened (the inverse of closing), but never rewritten.
        closed_now = closed.get_json()
        written = _written(demo_db_writable)
        rewrite = api.patch(
            f"/api/v1/meeting-follow-ups/{follow_up['id']}",
            {"version": closed_now["version"], "what": "Något annat.", "done": False},
        )
        assert rewrite.status_code == 403
        assert rewrite.get_json()["error"].startswith(
            "Som polis kan du stänga ett åtagande och öppna det igen, men inte ändra"
        )
        assert _written(demo_db_writable) == written
        reopened = api.patch(
            f"/api/v1/meeting-follow-ups/{follow_up['id']}",
            closed_now | {"done": False},  # the whole follow-up sent back: nothing rewritten
        )
        assert reopened.status_code == 200, reopened.get_json()
        assert reopened.get_json()["done"] is False
        assert reopened.get_json()["what"] == "Återkoppla polisens bild."

    bromma = api.get("/api/v1/meetings?council=BRO").get_json()[0]
    written = _written(demo_db_writable)
    refused = api.post(f"/api/v1/meetings/{bromma['id']}/follow-ups", {"what": "Återkoppla."})
    assert refused.status_code == 403
    assert "ditt lokalpolisområde (Skärholmen)" in refused.get_json()["error"]
    bromma_follow_up = bromma["follow_ups"][0]
    closing = api.patch(
        f"/api/v1/meeting-follow-ups/{bromma_follow_up['id']}",
        {"version": bromma_follow_up["version"], "done": True},
    )
    assert closing.status_code == 403
    assert api.post("/api/v1/meetings", _meeting(council="SKH")).status_code == 403
    assert _written(demo_db_writable) == written


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"notes": f"Oro för elev {PERSONNUMMER}."}, "notes"),
        ({"notes": "Oro för elev 811218-9876."}, "notes"),
        ({"participants": ["Samordnare VBE", "anna.andersson@stockholm.se"]}, "participants"),
        ({"participants": "Polis 811218\n-9876"}, "participants"),  # split over two lines
        ({"participants": ["Samordnare VBE", "19811218", "9876"]}, "participants"),
        ({"participants": [f"Roll {i}" for i in range(20_000)]}, "participants"),
        ({"follow_ups": [{"what": f"Ring 08-508 000 00 om {PERSONNUMMER}"}]}, "follow_ups.0.what"),
        ({"held_on": (stockholm_today() + timedelta(days=1)).isoformat()}, "held_on"),
        ({"forum": ""}, "forum"),
        ({"council": "ZZZ"}, "council"),
    ],
)
def test_a_bad_meeting_gets_422_in_swedish_and_nothing_is_stored(
    app: Flask, demo_db: Database, change: dict[str, Any], field: str
) -> None:
    before = _written(demo_db)
    response = Api(app, "admin").post("/api/v1/meetings", _meeting() | change)
    assert response.status_code == 422
    body = response.get_json()
    assert field in body["errors"]
    assert body["error"].startswith("Uppgifterna kunde inte sparas.")
    if field == "notes":
        assert "personnummer" in body["errors"]["notes"]
    assert _written(demo_db) == before


def test_a_personnummer_in_a_changed_note_stores_nothing(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    api = Api(app_writable, "norrainnerstaden")
    created = api.post("/api/v1/meetings", _meeting()).get_json()
    written = _written(demo_db_writable)
    response = api.patch(
        f"/api/v1/meetings/{created['id']}",
        {"version": created["version"], "notes": f"Gäller {PERSONNUMMER}."},
    )
    assert response.status_code == 422 and "notes" in response.get_json()["errors"]
    assert _written(demo_db_writable) == written
    assert api.get(f"/api/v1/meetings/{created['id']}").get_json()["notes"] == created["notes"]


def test_the_police_area_is_checked_against_the_meeting_day(app: Flask, demo_db: Database) -> None:
    """Norra innerstaden worked with the Norrmalm police area until it was split at the end of
    2024, and with the Norra innerstaden area from 1 January 2025."""
    api = Api(app, "norrainnerstaden")
    norrmalm = _area_id(demo_db, "Norrmalm")
    before = _written(demo_db)
    response = api.post("/api/v1/meetings", _meeting(held_on="2025-01-01", police_area=norrmalm))
    assert response.status_code == 422
    message = response.get_json()["errors"]["police_area"]
    assert message.startswith(
        "Norra innerstaden samverkade inte med lokalpolisområde Norrmalm 1 januari 2025."
    )
    assert "Norra innerstaden" in message.split("Välj något av:")[1]
    assert _written(demo_db) == before


def test_the_police_area_of_the_day_before_the_split_is_accepted(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    api = Api(app_writable, "norrainnerstaden")
    norrmalm = _area_id(demo_db_writable, "Norrmalm")
    response = api.post("/api/v1/meetings", _meeting(held_on="2024-12-31", police_area=norrmalm))
    assert response.status_code == 201, response.get_json()
    # ... and the Norrmalm area's list shows it (only meetings up to the split).
    listed = api.get(f"/api/v1/meetings?police_area={norrmalm}").get_json()
    assert response.get_json()["id"] in [m["id"] for m in listed]
    assert max(m["held_on"] for m in listed) <= "2024-12-31"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("council=XYZ", "council"),
        ("police_area=abc", "police_area"),
        ("police_area=99999", "police_area"),
        ("from=2025-13-01", "from"),
        ("to=igår", "to"),
        ("from=2025-02-01&to=2025-01-01", "to"),
    ],
)
def test_a_bad_filter_gets_422(app: Flask, query: str, field: str) -> None:
    response = Api(app, "ks").get(f"/api/v1/meetings?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_without_a_csrf_token_nothing_is_written(app: Flask, demo_db: Database) -> None:
    api = Api(app, "norrainnerstaden")
    before = _written(demo_db)
    assert api.post("/api/v1/meetings", _meeting(), csrf=False).status_code == 400
    nin = api.get("/api/v1/meetings?council=NIN").get_json()[0]
    path = f"/api/v1/meetings/{nin['id']}"
    assert api.patch(path, {"version": nin["version"], "forum": "X"}, csrf=False).status_code == 400
    assert _written(demo_db) == before


def test_an_address_that_names_no_meeting_is_a_json_404(app: Flask) -> None:
    api = Api(app, "norrainnerstaden")
    huge = "9" * 20
    for path in (f"/api/v1/meetings/{huge}", "/api/v1/meetings/0", "/api/v1/meetings/abc"):
        assert api.get(path).get_json() == {"error": NO_SUCH_ADDRESS}
        assert api.patch(path, {"version": 1}).status_code == 404
    for path in (f"/api/v1/meeting-follow-ups/{huge}", "/api/v1/meeting-follow-ups/x"):
        assert api.patch(path, {"version": 1}).status_code == 404
    assert api.post(f"/api/v1/meetings/{huge}/follow-ups", {"what": "x"}).status_code == 404
    assert api.get(f"/api/v1/meetings/{huge}/history").status_code == 404
    missing = api.get("/api/v1/meetings/999999999")
    assert missing.status_code == 404 and missing.get_json() == {"error": "Mötet finns inte."}
    gone = api.patch("/api/v1/meeting-follow-ups/999999999", {"version": 1})
    assert gone.get_json() == {"error": "Åtagandet finns inte."}


def test_openapi_lists_the_meeting_routes(app: Flask) -> None:
    document = Api(app, "ks").get("/api/v1/openapi.json").get_json()
    paths = document["paths"]
    assert set(paths["/api/v1/meetings"]) == {"get", "post"}
    assert set(paths["/api/v1/meetings/{id}"]) == {"get", "patch"}
    assert set(paths["/api/v1/meetings/{id}/history"]) == {"get"}
    assert set(paths["/api/v1/meetings/{id}/follow-ups"]) == {"post"}
    assert set(paths["/api/v1/meeting-follow-ups/{id}"]) == {"patch"}
    assert "409" in paths["/api/v1/meetings/{id}"]["patch"]["responses"]
    schemas = document["components"]["schemas"]
    assert {"Meeting", "MeetingInput", "MeetingPatch", "FollowUp", "FollowUpPatch"} <= set(schemas)
    meeting = schemas["Meeting"]["properties"]
    assert {"held_on", "forum", "vbe_on_agenda", "participants", "follow_ups", "version"} <= set(
        meeting
    )
    follow_up = schemas["FollowUp"]["properties"]
    assert {"what", "owner_role", "due_on", "done", "done_on"} <= set(follow_up)


def test_the_shapes_match_the_document(app: Flask) -> None:
    """Every key the API answers with is described (the document cannot drift from the code)."""
    api = Api(app, "ks")
    schemas = api.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    meeting = api.get("/api/v1/meetings?council=SKH").get_json()[0]
    assert set(meeting) == set(schemas["Meeting"]["properties"])
    assert set(meeting["follow_ups"][0]) == set(schemas["FollowUp"]["properties"])
    assert date.fromisoformat(meeting["held_on"]) <= stockholm_today()


def test_police_areas_and_their_councils_on_a_day(app: Flask) -> None:
    """How a client finds a police area's id: the areas of a day, with that day's councils."""
    api = Api(app, "polis")
    session = api.get("/api/v1/session").get_json()
    before_split = {
        a["name"]: a for a in api.get("/api/v1/police-areas?date=2024-12-31").get_json()
    }
    after_split = {a["name"]: a for a in api.get("/api/v1/police-areas?date=2025-01-01").get_json()}
    assert session["police_area"] == before_split["Skärholmen"]["id"]
    assert {c["code"] for c in before_split["Norrmalm"]["councils"]} == {"KUN", "NIN"}
    assert "Norrmalm" not in after_split
    assert {c["code"] for c in after_split["Lidingö-Kungsholmen"]["councils"]} == {"KUN"}
    assert {c["code"] for c in after_split["Skärholmen"]["councils"]} == {"HAE", "SKH"}
    every = {a["name"]: a for a in api.get("/api/v1/police-areas").get_json()}
    kungsholmen = next(c for c in every["Norrmalm"]["councils"] if c["code"] == "KUN")
    assert (kungsholmen["from"], kungsholmen["to"]) == ("2007-01-01", "2024-12-31")
    assert every["Norrmalm"]["valid_to"] == "2024-12-31"
    assert api.get("/api/v1/police-areas?date=i%20morgon").status_code == 422
    assert Api(app, "ks").get("/api/v1/session").get_json()["police_area"] is None
