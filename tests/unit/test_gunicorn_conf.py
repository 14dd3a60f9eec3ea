"""gunicorn.conf.py as gunicorn itself loads it: gthread workers, where it listens, and the
environment variables that change it; and `make run` starts gunicorn with it."""

import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from gunicorn.app.base import Application
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "gunicorn.conf.py"
VARIABLES = (
    "LAGESBILD_BIND",
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_CMD_ARGS",
)


class _ConfigOnly(Application):  # type: ignore[misc]
    """gunicorn's own loading of a config file, without a command line or an app."""

    def __init__(self) -> None:
        self.usage, self.prog, self.callable = None, None, None
        self.cfg = Config()

    def init(self, *_args: Any) -> None:
        return None

    def load(self) -> None:
        return None


def load(monkeypatch: pytest.MonkeyPatch, **env: str) -> Config:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    loader = _ConfigOnly()
    loader.load_config_from_file(str(CONF))
    cfg: Config = loader.cfg
    return cfg


def test_defaults_are_gthread_on_the_loopback_with_bounded_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cfg = load(monkeypatch)
    assert cfg.worker_class_str == "gthread"
    assert cfg.worker_class.__name__ == "ThreadWorker"
    assert cfg.bind == ["127.0.0.1:8050"]
    assert 2 <= cfg.workers <= 8
    assert cfg.threads == 4
    assert cfg.keepalive > 60  # longer than nginx's upstream keepalive_timeout
    assert cfg.max_requests > 0 and 0 < cfg.max_requests_jitter < cfg.max_requests
    assert cfg.accesslog == "-" and "%(M)s" in cfg.access_log_format  # the request's time
    assert cfg.preload_app


def test_the_environment_overrides_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = load(
        monkeypatch,
        LAGESBILD_BIND="127.0.0.1:9123",
        WEB_CONCURRENCY="3",
        GUNICORN_THREADS="8",
        GUNICORN_TIMEOUT="90",
        GUNICORN_KEEPALIVE="5",
        GUNICORN_MAX_REQUESTS="0",
    )
    assert cfg.bind == ["127.0.0.1:9123"]
    assert (cfg.workers, cfg.threads, cfg.timeout, cfg.keepalive) == (3, 8, 90, 5)
    assert cfg.max_requests == 0 and cfg.max_requests_jitter == 0


def test_each_forked_worker_drops_the_masters_pooled_connections(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With preload_app the engine is made in the master; a worker must not use its sockets."""
    calls: list[dict[str, Any]] = []
    engine = SimpleNamespace(dispose=lambda **kwargs: calls.append(kwargs))
    database = SimpleNamespace(engine=engine)
    app = SimpleNamespace(server=SimpleNamespace(extensions={"lagesbild_db": database}))
    monkeypatch.setitem(sys.modules, "wsgi", app)
    cfg = load(monkeypatch)
    cfg.post_fork(None, None)
    assert calls == [{"close": False}]  # closing would shut the master's sockets under it


@pytest.mark.skipif(shutil.which("make") is None, reason="make saknas")
def test_make_run_starts_gunicorn_with_the_config_and_keeps_host_port_and_workers() -> None:
    dry = subprocess.run(
        ["make", "-n", "run", "HOST=127.0.0.1", "PORT=8093", "WORKERS=3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in dry.splitlines() if "gunicorn" in line)
    assert "--config gunicorn.conf.py" in line
    assert "LAGESBILD_BIND=127.0.0.1:8093" in dry and "WEB_CONCURRENCY=3" in dry
