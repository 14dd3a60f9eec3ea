"""A confirmed import as its status tells it: a write is called dead only when its writer is
gone (its process, on this host) or, on another host, after a long silence, and then the page
does not claim that nothing was saved; the write reports while it checks and just before it
commits; a possibly live write is neither forgotten nor written a second time."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask

from dashboard.db import Database
from dashboard.services import imports
from dashboard.services.errors import ServiceError
from models import User
from models.base import stockholm_today
from models.enums import ImportKind
from tests.integration.test_import_page_callbacks import (
    _confirm,
    _csv,
    _follow,
    _incidents,
    _preview,
    _text,
    _upload,
)

OLD = time.time() - imports.STALE_AFTER_S - 60


@pytest.fixture(autouse=True)
def _no_write_left_running() -> Iterator[None]:
    yield
    assert imports.wait_for_writes(120)


def _user(user_id: int = 1) -> User:
    return User(id=user_id, username=f"u{user_id}")


def _stage_status(staging: imports.StagingArea, token: str, user_id: int, **fields: Any) -> Path:
    """A status file as a writer left it, `updated` as given (save_status would set it now)."""
    status = {"state": imports.WRITING, "total": 10, "updated": OLD} | fields
    path = staging.directory / f"{user_id}-{token}.status"
    staging.directory.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(status), encoding="utf-8")
    return path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_quiet_write_whose_process_lives_is_still_writing(tmp_path: Path) -> None:
    staging = imports.StagingArea(tmp_path)
    token = imports.new_token()
    _stage_status(staging, token, 1, pid=os.getpid(), host=socket.gethostname())
    assert staging.status(token, _user()).state == imports.WRITING


def test_a_quiet_write_whose_process_is_gone_failed(tmp_path: Path) -> None:
    staging = imports.StagingArea(tmp_path)
    token = imports.new_token()
    _stage_status(staging, token, 1, pid=_dead_pid(), host=socket.gethostname())
    assert staging.status(token, _user()).state == imports.FAILED


def test_a_pid_given_again_to_another_process_is_not_the_writer(tmp_path: Path) -> None:
    """After a restart a container's worker may get the writer's pid again; the process's start
    time tells them apart."""
    staging = imports.StagingArea(tmp_path)
    token = imports.new_token()
    mine = dict(pid=os.getpid(), host=socket.gethostname())
    _stage_status(staging, token, 1, **mine, pid_started="1")
    assert staging.status(token, _user()).state == imports.FAILED
    _stage_status(staging, token, 1, **mine, pid_started=imports._process_started(os.getpid()))
    assert staging.status(token, _user()).state == imports.WRITING


def test_a_quiet_write_on_another_host_is_unknown_not_failed(tmp_path: Path) -> None:
    staging = imports.StagingArea(tmp_path)
    token = imports.new_token()
    _stage_status(staging, token, 1, pid=os.getpid(), host="en-annan-server")
    status = staging.status(token, _user())
    assert status.state == imports.UNKNOWN
    assert "svarar inte" in status.message and "loggen" in status.message
    fresh = imports.new_token()
    _stage_status(staging, fresh, 1, pid=1, host="en-annan-server", updated=time.time())
    assert staging.status(fresh, _user()).state == imports.WRITING


def test_old_temporary_status_files_are_pruned(tmp_path: Path) -> None:
    """A process that died between writing a status and renaming it left a *.tmp behind."""
    left = tmp_path / "1-abc.140234.tmp"
    left.write_text("{}", encoding="utf-8")
    old = time.time() - imports.STAGED_MAX_AGE_S - 60
    os.utime(left, (old, old))
    imports.StagingArea(tmp_path).prune()
    assert not left.exists()


def test_the_pre_check_reports_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Id row is looked up before anything is written; that counts as progress, so a long
    look-up is not taken for a dead write."""
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 2)
    looked_up: list[int] = []
    reports: list[tuple[int, int]] = []

    def existing(*args: Any) -> SimpleNamespace:
        looked_up.append(1)
        return SimpleNamespace(conflict="", changes=[])

    monkeypatch.setattr(imports, "_existing", existing)
    rows = [imports.PreviewRow(number=n, data={}, activity_id=n) for n in range(2, 8)]
    batch = imports.ImportBatch("t", 1, ImportKind.ACTIVITIES, "a.xlsx", rows)
    session: Any = None  # the look-ups are replaced; nothing reaches a database
    added, skipped = imports.apply(
        session,
        _user(),
        batch,
        stockholm_today(),
        lambda done: reports.append((done, len(looked_up))),
    )
    assert (added, skipped) == (0, 6)
    assert any(seen < len(rows) for _done, seen in reports), reports  # during the pre-check


def test_the_status_says_sparar_just_before_the_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staging = imports.StagingArea(tmp_path)
    batch = imports.ImportBatch("t", 1, ImportKind.INCIDENTS, "a.csv", [])
    seen: list[imports.WriteStatus] = []

    @contextlib.contextmanager
    def sessions() -> Iterator[Any]:
        yield SimpleNamespace(get=lambda _model, _id: _user())
        seen.append(staging.status("t", _user()))  # where the commit would be

    monkeypatch.setattr(imports, "apply", lambda *args: (0, 0))
    imports._write(sessions, staging, batch, 1, stockholm_today())
    assert seen[0].state == imports.WRITING and seen[0].phase == imports.COMMITTING
    assert seen[0].pid == os.getpid() and seen[0].host == socket.gethostname()
    assert staging.status("t", _user()).state == imports.WRITTEN


def _user_id(database: Database, username: str) -> int:
    with database.session() as session:
        user = session.query(User).filter_by(username=username).one()
        return user.id


def test_a_possibly_live_write_is_not_reported_failed_nor_written_twice(
    login_as_writable,  # type: ignore[no-untyped-def]
    app_writable: Flask,
    demo_db_writable: Database,
) -> None:
    """A write on another worker that has been quiet for long: the page says it does not answer
    (not that nothing was saved), keeps its status, and a new upload of the same rows cannot be
    confirmed while a write of this process still runs."""
    client = login_as_writable("skarpnack")
    staging = imports.StagingArea(Path(app_writable.config["IMPORT_DIR"]))
    user_id = _user_id(demo_db_writable, "skarpnack")
    before = _incidents(demo_db_writable)

    first = _preview(client, _upload(_csv(5)), "taggar.csv", "incidents")
    state = first.get_json()["response"]["import-state"]["data"]
    path = _stage_status(staging, state["token"], user_id, pid=1, host="en-annan-server")
    shown = _text(_follow(client, state))
    assert "svarar inte" in shown and "Ingenting sparades" not in shown
    assert path.exists()

    # The same process writing (a live pid here), quiet for long: still writing.
    _stage_status(staging, state["token"], user_id, pid=os.getpid(), host=socket.gethostname())
    shown = _text(_follow(client, state))
    assert "Ingenting sparades" not in shown and "avbröts" not in shown
    again = _preview(client, _upload(_csv(5)), "taggar.csv", "incidents", earlier=state)
    assert path.exists()  # the new upload did not forget the write under way
    second = again.get_json()["response"]["import-state"]["data"]
    answer = _text(_confirm(client, second))
    assert "En annan import sparas" in answer
    imports.wait_for_writes(120)
    assert _incidents(demo_db_writable) == before


def test_a_write_confirmed_while_another_runs_is_refused_in_the_service(tmp_path: Path) -> None:
    staging = imports.StagingArea(tmp_path)
    _stage_status(staging, imports.new_token(), 1, pid=os.getpid(), host=socket.gethostname())
    batch = imports.ImportBatch(imports.new_token(), 1, ImportKind.INCIDENTS, "a.csv", [])
    staging.save(batch)

    def sessions() -> Any:
        raise AssertionError("nothing may be written")

    with pytest.raises(ServiceError, match="En annan import sparas"):
        imports.confirm(sessions, staging, batch.token, _user(), stockholm_today())
