"""Every registered Dash callback posted with values no control can hold: years 0, 99999 and
5 000 digits, the days 9999-12-31 and 0001-01-01, garbage, lists, dicts, None, ids "abc", -1 and
10**20. The callbacks are read from the app itself (`/_dash-dependencies`), so a new page's
callbacks are covered without a line here. Whatever arrives, the callback answers (200) or
declines to update (204), never a 500 (a callback that raises is a 500 in Dash).

Each argument of each callback gets each hostile value alone, the others holding what the page
would send, and then all arguments get them at once, rotated (some 3 000 posts for a user's
reading callbacks, about 4 s for one user). On PostgreSQL only the values whose handling can
differ by database are sent (BY_DATABASE, half of them), which halves its time. Reading
callbacks run on the shared, read-only demo data (which must stay unchanged); the ones behind
a save, approve or export button run on a private copy, so a forged value that slipped through
to a write could not hide behind the read-only database's refusal.
"""

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from dashboard.pages import PAGES
from tests.dash_calls import _outputs_body, _outputs_of, call

HOSTILE: tuple[Any, ...] = (
    0,
    "99999",
    "9" * 5000,
    -1,
    10**20,
    "abc",
    "9999-12-31",
    "0001-01-01",
    [1],
    {"id": 1},
    None,
    True,
)
# The values whose handling can differ by database (an id or year that overflows one database's
# integers but not the other's, a day at the calendar's ends): PostgreSQL gets only these, the
# rest is decided in Python before any query and so is covered on SQLite.
BY_DATABASE: tuple[Any, ...] = ("99999", "9" * 5000, -1, 10**20, "9999-12-31", "0001-01-01")

# Buttons whose callbacks save, approve or start an export (the import page's belong to
# callbacks/import_page.py, see IMPORT_TRIGGERS).
WRITE_TRIGGERS = frozenset(
    {
        "meeting-save",
        "follow-up-save",
        "samverkan-done",
        "alert-review-save",
        "activity-save",
        "correct-save",
        "withdraw-save",
        "restore-save",
        "incident-save",
        "survey-save",
        "plan-approve-council",
        "plan-approve-ks",
        "plan-save-texts",
        "plan-create",
        "plan-activity-save",
        "city-report-word",
        "city-report-pdf",
        "account-save",
    }
)
# With every other value a browser's, these start a real export (seconds each, waited for at
# the test's end): they get the all-hostile posts only, whose year is never a valid one.
EXPORT_TRIGGERS = frozenset({"city-report-word", "city-report-pdf"})
IMPORT_TRIGGERS = frozenset({"import-upload", "import-confirm", "import-tick"})
USERS = ("admin", "skarpnack")  # the administrator and a council's coordinator

Dependency = dict[str, Any]
Baseline = dict[tuple[str, str], Any]
CLICKS = frozenset({"n_clicks", "n_intervals"})


def _name(component_id: str | dict[str, Any]) -> str:
    return component_id if isinstance(component_id, str) else str(component_id.get("type"))


def _kind(dependency: Dependency) -> str:
    names = {_name(i["id"]) for i in dependency["inputs"]}
    if names & IMPORT_TRIGGERS:
        return "import"
    return "write" if names & WRITE_TRIGGERS else "read"


def _key(component_id: str | dict[str, Any]) -> str:
    return json.dumps(component_id, sort_keys=True)


def _concrete(component_id: str | dict[str, Any], value: Any) -> str | dict[str, Any]:
    """A pattern-matching id (ALL, MATCH) made into one component's id, its wildcard keys
    holding the hostile value where an id may hold it (a string, number or bool)."""
    if isinstance(component_id, str):
        return component_id
    key = value if isinstance(value, str | int | bool) else "x"
    if isinstance(key, str):
        key = key[:40]
    return {k: (key if isinstance(v, list) else v) for k, v in component_id.items()}


def _argument(dependency: dict[str, Any], value: Any) -> Any:
    """One input or state as dash-renderer posts it: an ALL wildcard is a list of matches."""
    component_id = dependency["id"]
    concrete = _concrete(component_id, value)
    item = {"id": concrete, "property": dependency["property"], "value": value}
    is_all = isinstance(component_id, dict) and ["ALL"] in component_id.values()
    return [item] if is_all else item


def _components(node: Any) -> Iterator[dict[str, Any]]:
    """Every component of a rendered layout (Dash's JSON form) that has an id."""
    if isinstance(node, dict):
        if isinstance(node.get("props"), dict) and "id" in node["props"]:
            yield node["props"]
        for value in node.values():
            yield from _components(value)
    elif isinstance(node, list):
        for value in node:
            yield from _components(value)


def _page_values(client: FlaskClient) -> Baseline:
    """What each control holds when its page opens, from every page's layout as the router
    renders it for this user: the values a real browser would post alongside a forged one."""
    render = next(d for d in _server_callbacks(client) if d["output"].startswith("..page.children"))
    values: Baseline = {}
    for page in PAGES:
        path = "/".join("SKA" if p.startswith("<") else p for p in page.path.split("/"))
        body = {
            "output": render["output"],
            "outputs": _outputs_body(render["output"], _outputs_of(render["output"])),
            "inputs": [{"id": "url", "property": "pathname", "value": path or "/"}],
            "changedPropIds": ["url.pathname"],
            "state": [{"id": "url", "property": "search", "value": ""}],
        }
        layout = client.post("/_dash-update-component", json=body).get_json()
        for props in _components(layout):
            for prop, value in props.items():
                values[(_key(props["id"]), prop)] = value
    return values


def _benign(dependency: dict[str, Any], baseline: Baseline) -> Any:
    """The value a browser would send: a clicked button, a control as its page opened."""
    if dependency["property"] in CLICKS:
        return 1
    return baseline.get((_key(dependency["id"]), dependency["property"]))


def _body(dependency: Dependency, values: list[Any], trigger: int, wildcard: Any) -> dict[str, Any]:
    arguments = [*dependency["inputs"], *dependency["state"]]
    n_inputs = len(dependency["inputs"])
    posted = [_argument(a, v) for a, v in zip(arguments, values, strict=True)]
    outputs = [
        (_concrete(i, wildcard) if isinstance(i, dict) else i, p)
        for i, p in _outputs_of(dependency["output"])
    ]
    changed = posted[trigger % n_inputs]
    changed = changed[0] if isinstance(changed, list) else changed
    changed_id = changed["id"]
    if isinstance(changed_id, dict):
        changed_id = json.dumps(changed_id, separators=(",", ":"), sort_keys=True)
    return {
        "output": dependency["output"],
        "outputs": _outputs_body(dependency["output"], outputs),
        "inputs": posted[:n_inputs],
        "changedPropIds": [f"{changed_id}.{changed['property']}"],
        "state": posted[n_inputs:],
    }


def _bodies(
    dependency: Dependency, baseline: Baseline, hostile: tuple[Any, ...]
) -> Iterator[dict[str, Any]]:
    """Each argument alone with each hostile value while the others hold what a browser would
    send (the forged one named as the trigger when it is an input), which finds what an early
    refusal of another argument would hide (the log's 9999-12-31 did hide so); then every
    argument hostile at once, the values rotated."""
    arguments = [*dependency["inputs"], *dependency["state"]]
    benign = [_benign(a, baseline) for a in arguments]
    exports = {_name(i["id"]) for i in dependency["inputs"]} & EXPORT_TRIGGERS
    for i in range(0 if exports else len(arguments)):
        for j, value in enumerate(hostile):
            values = [*benign[:i], value, *benign[i + 1 :]]
            yield _body(dependency, values, i if i < len(dependency["inputs"]) else j, value)
    for k in range(len(hostile)):
        values = [hostile[(k + i) % len(hostile)] for i in range(len(arguments))]
        yield _body(dependency, values, k, values[0])


def _server_callbacks(client: FlaskClient) -> list[Dependency]:
    dependencies: list[Dependency] = client.get("/_dash-dependencies").get_json()
    return [d for d in dependencies if not d.get("clientside_function")]


def _failures(client: FlaskClient, kind: str, hostile: tuple[Any, ...]) -> tuple[list[str], int]:
    """Every post of the callbacks of this kind that did not answer 200 or 204 (no update)."""
    failures, posts = [], 0
    baseline = _page_values(client)
    for dependency in _server_callbacks(client):
        if _kind(dependency) != kind:
            continue
        for body in _bodies(dependency, baseline, hostile):
            posts += 1
            sent = [a["value"] if isinstance(a, dict) else a for a in body["inputs"]]
            where = f"{dependency['output'][:70]} inputs={str(sent)[:120]}"
            try:  # the test app propagates a callback's exception instead of answering 500
                response = client.post(
                    "/_dash-update-component",
                    data=json.dumps(body),
                    content_type="application/json",
                )
            except Exception as error:
                failures.append(f"500 {where}: {type(error).__name__}: {str(error)[:150]}")
                continue
            if response.status_code not in (200, 204):
                failures.append(f"{response.status_code} {where}")
    return failures, posts


def _check(client: FlaskClient, kind: str, user: str, db_kind: str) -> None:
    started = time.perf_counter()
    hostile = HOSTILE if db_kind == "sqlite" else BY_DATABASE
    failures, posts = _failures(client, kind, hostile)
    elapsed = time.perf_counter() - started
    print(f"{db_kind} {user} {kind}: {posts} posts in {elapsed:.1f} s")
    assert posts > 0
    assert not failures, f"{len(failures)} of {posts} posts failed:\n" + "\n".join(failures)


@pytest.mark.parametrize("user", USERS)
def test_reading_callbacks_never_fail_on_forged_values(login_as, user: str, db_kind: str) -> None:  # type: ignore[no-untyped-def]
    _check(login_as(user), "read", user, db_kind)


@pytest.mark.parametrize("user", USERS)
def test_saving_callbacks_never_fail_on_forged_values(  # type: ignore[no-untyped-def]
    login_as_writable, user: str, db_kind: str
) -> None:
    _check(login_as_writable(user), "write", user, db_kind)


def test_import_callbacks_never_fail_on_forged_values(login_as_writable, db_kind: str) -> None:  # type: ignore[no-untyped-def]
    _check(login_as_writable("admin"), "import", "admin", db_kind)


def _audit(client: FlaskClient, start: Any, end: Any) -> dict[str, Any]:
    inputs = [
        {"id": "audit-council", "property": "value", "value": ""},
        {"id": "audit-user", "property": "value", "value": ""},
        {"id": "audit-from", "property": "value", "value": start},
        {"id": "audit-to", "property": "value", "value": end},
    ]
    return call(client, None, inputs, [])


@pytest.mark.parametrize(
    ("start", "end"),
    [(None, "9999-12-31"), ("0001-01-01", None), ("2026-13-45", None), (None, ["2026-01-01"])],
)
def test_the_log_refuses_a_day_it_cannot_search_in_swedish(  # type: ignore[no-untyped-def]
    login_as, start: Any, end: Any
) -> None:
    """9999-12-31 was a 500 (the day after it overflows), 0001-01-01 too (its Stockholm
    midnight is in year 0 in UTC)."""
    answer = _audit(login_as("admin"), start, end)
    assert answer["audit-grid"]["rowData"] == []
    message = json.dumps(answer["audit-message"], ensure_ascii=False)
    assert "värdet är inget datum ÅÅÅÅ-MM-DD mellan 1900-01-01 och 2999-12-31" in message


def test_a_forged_activity_row_says_it_does_not_exist(login_as) -> None:  # type: ignore[no-untyped-def]
    inputs = [{"id": "activities-grid", "property": "selectedRows", "value": [{"id": 999999999}]}]
    state = [
        {"id": "activity-form-state", "property": "data", "value": None},
        {"id": "activity-form", "property": "is_open", "value": False},
    ]
    answer = call(login_as("admin"), None, inputs, state, output_has="activity-form.is_open")
    assert "Aktiviteten finns inte." in json.dumps(answer, ensure_ascii=False)
    assert "activity-form" not in answer or answer["activity-form"].get("is_open") is not True
