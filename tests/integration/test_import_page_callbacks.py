"""The Import page's callbacks as a browser (or a forger) posts them: a confirmed import is
written in one transaction, forged values get a Swedish message and write nothing, and the
staging directory has a cap per user."""

import base64
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from dashboard.db import Database
from dashboard.services import imports
from dashboard.services.errors import NotFound, ServiceError
from models import Incident, User
from models.enums import ImportKind
from tests.dash_calls import post_callback

HEADER = "Datum;Källa;Kategori;Miljö;Antal;Beskrivning"


@pytest.fixture(autouse=True)
def _no_write_left_running() -> Iterator[None]:
    """An import a test confirmed is written before its database goes."""
    yield
    assert imports.wait_for_writes(120)


def _csv(rows: int) -> str:
    lines = [HEADER] + [f"2026-03-01;ia;klotter;oklar;1;Tagg nummer {n}" for n in range(rows)]
    return "\n".join(lines)


def _upload(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode()).decode()


def _preview(
    client: FlaskClient, contents: object, filename: object, kind: object, earlier: object = None
) -> Any:
    """An upload; `earlier` is the page's state from the upload before, if any."""
    return post_callback(
        client,
        None,
        [{"id": "import-upload", "property": "contents", "value": contents}],
        [
            {"id": "import-upload", "property": "filename", "value": filename},
            {"id": "import-kind", "property": "value", "value": kind},
            {"id": "import-state", "property": "data", "value": earlier},
        ],
    )


def _confirm(client: FlaskClient, state: object) -> Any:
    """A click on Importera, posted to whichever callback listens to it."""
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(
        d
        for d in deps
        if any(i["id"] == "import-confirm" and i["property"] == "n_clicks" for i in d["inputs"])
    )
    inputs = [{**i, "value": 1 if i["id"] == "import-confirm" else None} for i in dep["inputs"]]
    state_values = [{**s, "value": state} for s in dep["state"]]
    body = {
        "output": dep["output"],
        "outputs": [
            {"id": name, "property": prop.split("@")[0]}
            for name, prop in (p.rsplit(".", 1) for p in dep["output"].strip(".").split("..."))
        ],
        "inputs": inputs,
        "changedPropIds": ["import-confirm.n_clicks"],
        "state": state_values,
    }
    return client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )


def _follow(client: FlaskClient, state: object) -> Any:
    """One tick of the page's timer, which only reports how far the write has come."""
    return post_callback(
        client,
        None,
        [{"id": "import-tick", "property": "n_intervals", "value": 1}],
        [{"id": "import-state", "property": "data", "value": state}],
    )


def _written() -> None:
    assert imports.wait_for_writes(120), "the import is still being written"


def _incidents(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(Incident)) or 0


def _text(response: Any) -> str:
    return json.dumps(response.get_json(), ensure_ascii=False)


def test_a_confirmed_import_is_written_whole_even_if_the_tab_closes(
    login_as_writable,
    demo_db_writable: Database,  # type: ignore[no-untyped-def]
) -> None:
    """450 rows, confirmed once and never followed (the tab is closed): every row is written.
    Before, the confirmation wrote nothing and left 200-row slices to a timer in the browser, so
    a tab closed after one slice left 200 of 450."""
    client = login_as_writable("skarpnack")
    before = _incidents(demo_db_writable)
    response = _preview(client, _upload(_csv(450)), "taggar.csv", "incidents")
    assert response.status_code == 200, response.get_data(as_text=True)
    state = response.get_json()["response"]["import-state"]["data"]
    assert "450 nya" in _text(response) and _incidents(demo_db_writable) == before
    answer = _confirm(client, state)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    _written()
    assert _incidents(demo_db_writable) == before + 450
    # A tab still open sees the outcome at its next tick.
    assert "450 rader importerades" in _text(_follow(client, state))


def test_a_double_confirmation_writes_the_file_once(
    login_as_writable,
    demo_db_writable: Database,  # type: ignore[no-untyped-def]
) -> None:
    client = login_as_writable("skarpnack")
    before = _incidents(demo_db_writable)
    response = _preview(client, _upload(_csv(300)), "taggar.csv", "incidents")
    state = response.get_json()["response"]["import-state"]["data"]
    for _ in range(2):
        assert _confirm(client, state).status_code == 200
    _written()
    assert _incidents(demo_db_writable) == before + 300
    again = _confirm(client, state)
    assert "Importen finns inte längre" in _text(again)


def test_a_failure_during_the_write_leaves_nothing(
    login_as_writable,  # type: ignore[no-untyped-def]
    demo_db_writable: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = login_as_writable("skarpnack")
    before = _incidents(demo_db_writable)
    response = _preview(client, _upload(_csv(450)), "taggar.csv", "incidents")
    state = response.get_json()["response"]["import-state"]["data"]
    create = imports.incidents.create_incident
    calls = {"n": 0}

    def failing(*args: Any, **kwargs: Any) -> Incident:
        calls["n"] += 1
        if calls["n"] == 300:
            raise ServiceError("Databasen svarade inte.")
        return create(*args, **kwargs)

    monkeypatch.setattr(imports.incidents, "create_incident", failing)
    answer = _confirm(client, state)
    assert answer.status_code == 200
    _written()
    assert _incidents(demo_db_writable) == before
    assert "Databasen svarade inte. Ingenting sparades." in _text(_follow(client, state))


FORGED_STATES: list[object] = [
    {"token": "x", "offset": "abc", "total": 1},
    {"token": "x", "offset": -5, "total": 1},
    {"token": "x", "offset": 10**30, "total": "abc"},
    {"token": ["a", "b"], "offset": 0},
    {"token": 12345},
    {"token": "../../etc/passwd"},
    {"token": "a" * 5000},
    "abc",
    ["token"],
    42,
]


@pytest.mark.parametrize("state", FORGED_STATES)
def test_forged_confirmation_state_gets_a_swedish_message_and_writes_nothing(
    login_as_writable,
    demo_db_writable: Database,
    state: object,  # type: ignore[no-untyped-def]
) -> None:
    client = login_as_writable("skarpnack")
    before = _incidents(demo_db_writable)
    answer = _confirm(client, state)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert "Importen finns inte" in _text(answer)
    ticked = _follow(client, state)
    assert ticked.status_code in (200, 204), ticked.get_data(as_text=True)
    _written()
    assert _incidents(demo_db_writable) == before


def test_a_forged_offset_with_a_real_token_still_writes_the_whole_file_once(
    login_as_writable,
    demo_db_writable: Database,  # type: ignore[no-untyped-def]
) -> None:
    client = login_as_writable("skarpnack")
    before = _incidents(demo_db_writable)
    response = _preview(client, _upload(_csv(3)), "taggar.csv", "incidents")
    state = response.get_json()["response"]["import-state"]["data"]
    for offset in ("abc", -1, 10**30, [1]):
        answer = _confirm(client, {**state, "offset": offset})
        assert answer.status_code == 200, answer.get_data(as_text=True)
    _written()
    assert _incidents(demo_db_writable) == before + 3


@pytest.mark.parametrize(
    ("contents", "filename", "kind"),
    [
        (["a"], "a.csv", "incidents"),
        ({"a": 1}, "a.csv", "incidents"),
        ("data:text/csv;base64,@@@", "a.csv", "incidents"),
        ("no comma", "a.csv", "incidents"),
        (_upload(_csv(1)), ["a.csv"], "incidents"),
        (_upload(_csv(1)), 5, "incidents"),
        (_upload(_csv(1)), "a.csv", ["incidents"]),
        (_upload(_csv(1)), "a.csv", 10**30),
        (_upload(_csv(1)), "a" * 5000 + ".csv", "incidents"),
    ],
)
def test_forged_upload_values_get_a_swedish_message(
    login_as,
    contents: object,
    filename: object,
    kind: object,  # type: ignore[no-untyped-def]
) -> None:
    client = login_as("skarpnack")
    response = _preview(client, contents, filename, kind)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "Ingenting sparades" in _text(response)


# --- the staging area's cap per user ---------------------------------------------------------


def _batch(user_id: int, rows: int = 1, text: str = "") -> imports.ImportBatch:
    row = imports.PreviewRow(number=2, data={"description": text})
    return imports.ImportBatch(
        token=imports.new_token(),
        user_id=user_id,
        kind=ImportKind.INCIDENTS,
        filename="a.csv",
        rows=[row] * rows,
    )


def _user(user_id: int) -> User:
    return User(id=user_id, username=f"u{user_id}")


def test_the_staging_area_caps_files_per_user(tmp_path: Path) -> None:
    staging = imports.StagingArea(tmp_path)
    for _ in range(imports.MAX_STAGED_FILES):
        staging.save(_batch(1))
    with pytest.raises(ServiceError, match="väntar redan"):
        staging.save(_batch(1))
    staging.save(_batch(2))  # another user is not hindered
    assert len(list(tmp_path.iterdir())) == imports.MAX_STAGED_FILES + 1


def test_the_staging_area_caps_bytes_per_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "MAX_STAGED_BYTES", 200_000)
    staging = imports.StagingArea(tmp_path)
    staging.save(_batch(1, rows=100, text="x" * 1000))
    with pytest.raises(ServiceError, match="får ta upp högst"):
        staging.save(_batch(1, rows=100, text="x" * 1000))


def test_old_staged_files_expire(tmp_path: Path) -> None:
    staging = imports.StagingArea(tmp_path)
    batch = _batch(1)
    staging.save(batch)
    old = time.time() - imports.STAGED_MAX_AGE_S - 60
    for path in tmp_path.iterdir():
        os.utime(path, (old, old))
    with pytest.raises(NotFound, match="finns inte längre"):
        staging.load(batch.token, _user(1))
    for _ in range(imports.MAX_STAGED_FILES):  # the expired one no longer counts
        staging.save(_batch(1))


def test_a_new_upload_replaces_the_pages_earlier_preview(
    login_as_writable,
    app_writable: Flask,  # type: ignore[no-untyped-def]
) -> None:
    client = login_as_writable("skarpnack")
    state = None
    for _ in range(imports.MAX_STAGED_FILES + 2):
        response = _preview(client, _upload(_csv(2)), "taggar.csv", "incidents", state)
        assert "2 nya" in _text(response), _text(response)
        state = response.get_json()["response"]["import-state"]["data"]
    assert len(list(Path(app_writable.config["IMPORT_DIR"]).iterdir())) == 1


def test_blank_rows_are_named_in_the_summary(login_as) -> None:  # type: ignore[no-untyped-def]
    client = login_as("skarpnack")
    row = "2026-03-01;ia;klotter;oklar;1;Tagg"
    text = "\n".join([HEADER, row, "", ";;;;;", row, "", row, ""])
    response = _preview(client, _upload(text), "taggar.csv", "incidents")
    assert "3 nya" in _text(response)
    assert "3 tomma rader hoppades över" in _text(response)
