"""Hostile input at every route of the JSON API, on each database: overflowing numbers, NUL
bytes, lone surrogates, the last day of the calendar. Each answer is a 4xx with a Swedish
message (or, where the value is harmless once cleaned, a success that stores no NUL), never a
500, and a refusal writes nothing. Also: permission comes before validation, and bodies are
capped per route."""

import json
import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from dashboard.db import Database
from dashboard.services import incidents, plans, surveys
from dashboard.services.errors import PermissionDenied
from models import (
    ActionPlan,
    Activity,
    ActivityUpdate,
    AuditEntry,
    CooperationMeeting,
    Incident,
    IncidentWithdrawal,
    MeetingFollowUp,
    User,
)
from models.base import stockholm_today
from models.revision import Revision
from tests.integration.test_api import Api

SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(och|inte|finns|måste|ange|får|är|för)\b", re.IGNORECASE)
TOO_BIG_ID = str(2**63)  # one past PostgreSQL's BIGINT, and SQLite's INTEGER
TOO_BIG_IDS = (str(2**31), str(2**63), "9" * 40)  # PostgreSQL's INTEGER ends at 2**31 - 1
WRITTEN = (
    Incident,
    IncidentWithdrawal,
    AuditEntry,
    Revision,
    ActivityUpdate,
    CooperationMeeting,
    MeetingFollowUp,
)
# A JSON text may carry what Python's json.dumps would escape: a lone surrogate, a NUL.
HOSTILE_VALUES: tuple[str, ...] = (
    '"\\u0000"',
    '"a\\u0000b"',
    '"\\ud800"',
    '"x\\udfffy"',
    "9999999999999999999",
    "18446744073709551616",
    '"9999999999999999999"',
    '"9999-12-31"',
    '"0001-01-01"',
    "-1",
    "1e400",
    "[]",
    "{}",
)
QUERY_NAMES = ("year", "council", "police_area", "from", "to", "date")
HOSTILE_QUERY_VALUES = (
    "9999999999999999999",
    TOO_BIG_ID,
    "%00",
    "a%00b",
    "%ED%A0%80",  # a surrogate's UTF-8 form: not valid UTF-8
    "9999-12-31",
    "0001-01-01",
    "%C2%B2",  # '²' is a digit to str.isdigit
)


def _counts(database: Database) -> tuple[int, ...]:
    with database.session() as session:
        return tuple(int(session.scalar(select(func.count()).select_from(m)) or 0) for m in WRITTEN)


def _api_rules(app: Flask) -> list[tuple[str, str]]:
    """(method, rule) of every API route but the catch-all."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint == "api.no_such_address":
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((method, rule.rule))
    return found


def _ids(database: Database) -> dict[str, int]:
    with database.session() as session:

        def first(model: Any) -> int:
            value = session.scalar(select(func.min(model.id)))
            assert value is not None, model
            return int(value)

        return {
            "activity_id": first(Activity),
            "incident_id": first(Incident),
            "plan_id": first(ActionPlan),
            "meeting_id": first(CooperationMeeting),
            "follow_up_id": first(MeetingFollowUp),
        }


def _fill(rule: str, ids: dict[str, str | int]) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ids[m.group(1)]), rule)


def _assert_refused_in_swedish(response: Any, what: str) -> None:
    assert 400 <= response.status_code < 500, (what, response.status_code)
    body = response.get_json()
    assert isinstance(body, dict) and SWEDISH.search(json.dumps(body, ensure_ascii=False)), (
        what,
        body,
    )


def _send(api: Api, method: str, path: str, raw_body: str) -> Any:
    return api.client.open(
        path,
        method=method,
        data=raw_body.encode(),
        content_type="application/json",
        headers={"X-CSRFToken": api.token},
    )


def _base_body(api: Api, method: str, rule: str, path: str) -> dict[str, Any]:
    """A body the route would accept, so that the hostile field is the only thing wrong."""
    if rule == "/api/v1/incidents":
        return {
            "council": "BRO",
            "date": "2023-03-01",
            "source": "ia",
            "category": "graffiti",
            "milieu": "white_power",
            "count": 1,
            "description": "Klistermärken vid en busshållplats.",
        }
    if rule == "/api/v1/meetings":
        return {"council": "BRO", "held_on": "2023-03-01", "forum": "Lokal samverkansgrupp"}
    if rule.endswith("/follow-ups"):
        return {"what": "Återkoppla till skolorna."}
    if method == "PATCH":
        if rule.startswith("/api/v1/meeting-follow-ups/"):
            return {"version": 1}
        current = api.get(path).get_json()
        return {"version": current.get("version", 1)} if isinstance(current, dict) else {}
    return {"reason": "Dubbelregistrerad."}


def test_ids_past_the_databases_integers_get_a_json_404(app: Flask) -> None:
    api = Api(app, "admin")
    for method, rule in _api_rules(app):
        if "<" not in rule:
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>", rule)
        for too_big in TOO_BIG_IDS:
            path = _fill(rule, dict.fromkeys(names, too_big))
            response = _send(api, method, path, "{}")
            assert response.status_code == 404, (method, path)
            _assert_refused_in_swedish(response, path)


def test_hostile_query_strings_get_4xx_in_swedish(app: Flask, demo_db: Database) -> None:
    api = Api(app, "admin")
    ids = _ids(demo_db)
    for method, rule in _api_rules(app):
        if method != "GET" or rule.endswith("openapi.json"):
            continue
        path = _fill(rule, dict(ids))
        for name in QUERY_NAMES:
            for value in HOSTILE_QUERY_VALUES:
                url = f"{path}?{name}={value}" + ("&year=2023" if name != "year" else "")
                response = api.client.get(url)
                what = f"GET {url}"
                assert response.status_code < 500, what
                if response.status_code >= 400:
                    _assert_refused_in_swedish(response, what)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/incidents?year=9999999999999999999",
        "/api/v1/activities?year=9999999999999999999",
        "/api/v1/plans?year=9999999999999999999",
        "/api/v1/incidents?year=2023&council=%00",
        "/api/v1/meetings?council=a%00b",
        "/api/v1/meetings?police_area=" + TOO_BIG_ID,
        "/api/v1/meetings?to=9999-12-31",
        "/api/v1/meetings?from=0001-01-01",
        "/api/v1/meetings?to=3000-01-01",  # past the one range of days (validation.LAST_DAY)
        "/api/v1/incidents?year=2016",
        "/api/v1/police-areas?date=9999-12-31",
        "/api/v1/police-areas?date=%ED%A0%80",
    ],
)
def test_a_filter_the_api_reads_refuses_a_hostile_value(app: Flask, url: str) -> None:
    _assert_refused_in_swedish(Api(app, "admin").client.get(url), url)


# The fields each write route reads (a route ignores any other).
FIELDS_READ = {
    "/api/v1/incidents": "council date source category milieu count description sub_area severity",
    "/api/v1/incidents/<id:incident_id>": "version date source category milieu count severity "
    "description sub_area reason",
    "/api/v1/incidents/<id:incident_id>/withdraw": "version reason",
    "/api/v1/incidents/<id:incident_id>/restore": "reason",
    "/api/v1/activities/<id:activity_id>": "version status outcome comment completed_on",
    "/api/v1/plans/<id:plan_id>": "version lagesbild sources analysis dnr next_revision",
    "/api/v1/meetings": "council held_on forum police_area vbe_on_agenda participants notes "
    "decisions follow_ups",
    "/api/v1/meetings/<id:meeting_id>": "version council held_on forum police_area "
    "vbe_on_agenda participants notes decisions",
    "/api/v1/meetings/<id:meeting_id>/follow-ups": "what owner_role due_on",
    "/api/v1/meeting-follow-ups/<id:follow_up_id>": "version what owner_role due_on done_on "
    "done_note done",
}


def test_hostile_json_fields_at_every_write_route(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    api = Api(app_writable, "admin")
    ids = _ids(demo_db_writable)
    writes = [(m, r) for m, r in _api_rules(app_writable) if m != "GET"]
    assert {r for _m, r in writes} == set(FIELDS_READ), "a new write route: list its fields"
    for method, rule in writes:
        path = _fill(rule, dict(ids))
        base = _base_body(api, method, rule, path)
        before = _counts(demo_db_writable)
        for name in FIELDS_READ[rule].split():
            for value in HOSTILE_VALUES:
                raw = json.dumps(base)[:-1] + ("," if base else "") + f'"{name}": {value}}}'
                response = _send(api, method, path, raw)
                what = f"{method} {path} {name}={value}"
                assert response.status_code < 500, what
                if response.status_code >= 400:
                    _assert_refused_in_swedish(response, what)
                    continue
                # Accepted once cleaned (a NUL dropped from a text): nothing unstorable kept.
                assert "\\u0000" not in response.get_data(as_text=True), what
                assert "\\ud800" not in response.get_data(as_text=True), what
                base = _base_body(api, method, rule, path)  # a new version
                before = _counts(demo_db_writable)
        assert _counts(demo_db_writable) == before, f"{method} {path} wrote on a refusal"


def test_a_lone_surrogate_in_a_text_is_refused_in_swedish(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    api = Api(app_writable, "admin")
    before = _counts(demo_db_writable)
    body = _base_body(api, "POST", "/api/v1/incidents", "/api/v1/incidents")
    raw = json.dumps(body)[:-1] + ', "description": "Klotter \\ud800 vid skolan"}'
    response = _send(api, "POST", "/api/v1/incidents", raw)
    _assert_refused_in_swedish(response, "surrogate")
    assert "description" in response.get_json()["errors"]
    assert _counts(demo_db_writable) == before


# --- permission before validation ---------------------------------------------------------


def test_a_readers_huge_incident_is_refused_before_any_validation(
    app_writable: Flask, demo_db_writable: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []

    def recording(*args: object, **kwargs: object) -> object:
        calls.append(args)
        raise AssertionError("validated")

    monkeypatch.setattr(incidents, "validate_incident", recording)
    before = _counts(demo_db_writable)
    body = {"council": "BRO", "date": "2023-03-01", "description": "1" * 60_000}
    for user in ("ks", "polis", "ostermalm"):
        response = Api(app_writable, user).post("/api/v1/incidents", body)
        assert response.status_code == 403, user
        _assert_refused_in_swedish(response, user)
    assert calls == []
    assert _counts(demo_db_writable) == before


def test_a_readers_survey_is_refused_before_any_validation(
    demo_db_writable: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(surveys, "text", lambda *a, **k: calls.append(a))
    with demo_db_writable.session() as session:
        for name in ("ks", "polis", "ostermalm"):
            user = session.scalar(select(User).where(User.username == name))
            assert user is not None
            with pytest.raises(PermissionDenied):
                surveys.save_survey(session, user, {"council": "BRO", "audience": "x" * 10**6})
    assert calls == []


# --- body caps --------------------------------------------------------------------------------


def test_an_api_body_over_its_cap_gets_413_in_swedish(app: Flask) -> None:
    api = Api(app, "admin")
    body = json.dumps({"description": "x" * 600_000})
    response = _send(api, "POST", "/api/v1/incidents", body)
    assert response.status_code == 413
    assert "för stor" in response.get_json()["error"]


def _dash_body(api: Api, size: int) -> TestResponse:
    """A Dash callback request of `size` bytes, blank but for its braces."""
    return api.client.post(
        "/_dash-update-component",
        data=b"{" + b" " * size + b"}",
        content_type="application/json",
        headers={"X-CSRFToken": api.token},
    )


def test_a_dash_callback_over_its_cap_gets_413_in_swedish(app: Flask) -> None:
    api = Api(app, "ks")
    response = _dash_body(api, 3 * 1024 * 1024)
    assert response.status_code == 413
    assert "för stor" in response.get_json()["error"]


def test_a_writers_upload_sized_dash_body_is_not_refused_for_its_size(app: Flask) -> None:
    api = Api(app, "admin")
    within = _dash_body(api, 3 * 1024 * 1024)
    assert within.status_code == 400  # read in full, so past the cap: then no callback in it
    over = _dash_body(api, 41 * 1024 * 1024)
    assert over.status_code == 413
    assert "för stor" in over.get_json()["error"]


def test_a_page_body_over_its_cap_gets_413_as_a_page(app: Flask) -> None:
    client = app.test_client()
    response = client.post(
        "/login",
        data={"username": "admin", "password": "x" * 200_000},
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 413
    assert response.mimetype == "text/html"
    assert "för stor" in response.get_data(as_text=True)


EXPORTS = ("uppfoljning.xlsx", "uppfoljning.docx", "handlingsplan.docx", "samverkan.docx")


def test_export_addresses_refuse_hostile_query_values(app: Flask) -> None:
    """The export addresses read the same filters: a hostile value is refused (4xx) or, where
    the address does not read it, ignored; never a 500. (The city report's addresses start a
    job; its year is covered by its own tests.)"""
    api = Api(app, "admin")
    for name in EXPORTS:
        for param in ("year", "period", "council", "area", "since", "meeting"):
            for value in HOSTILE_QUERY_VALUES:
                url = f"/export/{name}?{param}={value}"
                response = api.client.get(url)
                assert response.status_code < 500, (url, response.status_code)
    for token in ("%00", "a" * 5000, "%ED%A0%80"):
        assert 400 <= api.client.get(f"/export/jobb/{token}").status_code < 500, token


def test_a_reader_is_refused_a_plan_decision_before_its_values_are_checked(
    demo_db_writable: Database,
) -> None:
    with demo_db_writable.session() as session:
        plan_id = session.scalar(select(func.min(ActionPlan.id)))
        assert plan_id is not None
        for name in ("ks", "polis"):
            user = session.scalar(select(User).where(User.username == name))
            assert user is not None
            with pytest.raises(PermissionDenied):
                plans.set_status(session, user, plan_id, "x" * 10**6, "not a version")
            with pytest.raises(PermissionDenied):
                plans.create_next_plan(session, user, "x" * 10**6, "tjugo", [])


# --- bodies nested too deeply for the JSON parser ---------------------------------------------

DEEP = "[" * 100_000  # 100 kB, under every cap: Python's parser gives up with a RecursionError


def test_deeply_nested_json_at_an_api_route_is_refused_in_swedish(app: Flask) -> None:
    api = Api(app, "admin")
    for method, path in (("POST", "/api/v1/incidents"), ("PATCH", "/api/v1/activities/1")):
        _assert_refused_in_swedish(_send(api, method, path, DEEP), f"{method} {path}")


def test_deeply_nested_json_at_the_dash_endpoint_is_refused_in_swedish(app: Flask) -> None:
    for user in ("admin", "ks"):
        response = Api(app, user).client.post(
            "/_dash-update-component", data=DEEP, content_type="application/json"
        )
        assert response.status_code == 400, user
        assert response.get_json()["error"] == "Felaktigt anrop till sidans uppdatering."


def test_deeply_nested_json_posted_to_the_login_page_is_not_a_500(app: Flask) -> None:
    response = app.test_client().post("/login", data=DEEP, content_type="application/json")
    assert response.status_code < 500


def test_a_body_just_over_the_readers_cap_does_not_read_as_the_cap(app: Flask) -> None:
    """2.4 MB over a 2 MB cap read "(2 MB) ... högst 2 MB": the size now has one decimal,
    rounded up, so a body over the cap never reads as the cap itself."""
    api = Api(app, "ks")
    size = int(2.4 * 1024 * 1024)
    response = api.client.post(
        "/_dash-update-component",
        data=b"{" + b" " * (size - 2) + b"}",
        content_type="application/json",
        headers={"X-CSRFToken": api.token},
    )
    assert response.status_code == 413
    assert response.get_json()["error"] == (
        "Förfrågan är för stor (2,4\u00a0MB). Största tillåtna storlek här är 2\u00a0MB."
    )
    just_over = app.test_client().post(
        "/login",
        data={"username": "admin", "password": "x" * (64 * 1024)},
        headers={"Accept": "text/html"},
    )
    assert just_over.status_code == 413
    assert "(64\u00a0kB)" not in just_over.get_data(as_text=True)


def test_a_year_outside_the_offered_ones_gets_one_swedish_message(app: Flask) -> None:
    response = Api(app, "admin").get("/api/v1/incidents?year=2016")
    assert response.status_code == 422
    year = stockholm_today().year
    assert response.get_json()["errors"]["year"] == f"År måste vara mellan 2017 och {year}."


def test_the_register_notes_a_day_past_the_one_range(app: Flask, demo_db: Database) -> None:
    with demo_db.session() as session:
        view = incidents.read_register_filters(session, {"from": "3000-01-01", "to": "2023-01-31"})
    assert view.values["from"] == ""
    assert any("3000-01-01" in note for note in view.notes)
