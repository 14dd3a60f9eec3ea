"""A new gunicorn worker is ready before its first request. Dash registers its script files on
a worker's first request, and with gthread a second thread's request served meanwhile found
none: the script answered 500 ("dash" is not a registered library) and the page stayed blank
(seen at the start of `make loadtest`)."""

from types import SimpleNamespace

import pytest

from dashboard.db import Database
from tests.conftest import make_app
from tests.unit.test_gunicorn_conf import load


def test_a_new_worker_has_dash_set_up_before_it_takes_a_request(
    empty_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(empty_db)
    dash_app = app.extensions["lagesbild_dash"]
    assert not dash_app.registered_paths  # nothing served yet: as in a fresh worker
    load(monkeypatch).post_worker_init(SimpleNamespace(wsgi=app))
    assert "dash" in dash_app.registered_paths  # Dash's own scripts can be served at once
    with empty_db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM user_sessions").scalar_one() == 0
