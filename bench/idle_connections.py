"""Do idle browser connections hold gunicorn's workers? (issue 13)

A browser opens connections before it needs them and keeps them open. This starts gunicorn with
gunicorn.conf.py and 2 workers, opens as many idle TCP connections as there are workers, and
times a GET /login on a fresh connection; once with sync workers, once with gthread (the
configured worker class), and once more with gthread and an idle connection for every thread.
Prints `name=value` lines last. Uses DATABASE_URL (default: the `make run` database under
instance/).
"""

import os
import socket
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from bench.loadtest import free_port, gunicorn_server

WORKERS = 2
PATIENCE_S = 70.0  # longer than gunicorn.conf.py's timeout (60 s), which ends a stuck sync worker


@contextmanager
def idle_connections(port: int, count: int) -> Iterator[None]:
    with ExitStack() as stack:
        for _ in range(count):
            stack.enter_context(socket.create_connection(("127.0.0.1", port)))
        time.sleep(0.5)  # let the workers accept them
        yield


def time_login(base: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(f"{base}/login", timeout=PATIENCE_S) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def measure(worker_class: str, idle: int = WORKERS) -> tuple[float, float]:
    """GET /login in ms without and with `idle` idle connections."""
    port = free_port()
    # gunicorn silently runs gthread for "sync" when threads > 1, so sync gets one thread.
    extra = ["--worker-class", worker_class] + (
        ["--threads", "1"] if worker_class == "sync" else []
    )
    env = {"WEB_CONCURRENCY": str(WORKERS)}
    with gunicorn_server(os.environ.get("DATABASE_URL", ""), port, env, extra) as base:
        time_login(base)  # warm both workers' first request
        time_login(base)
        quiet = time_login(base)
        with idle_connections(port, idle):
            try:
                held = time_login(base)
            except OSError:
                held = float("inf")
    return quiet, held


def main() -> None:
    # gthread's limit: as many idle connections as it has threads (gunicorn.conf.py's 4 each),
    # each of which holds a thread for up to 5 s before gunicorn 27 parks it.
    every_thread = WORKERS * int(os.environ.get("GUNICORN_THREADS", "4"))
    cases = [("sync", WORKERS), ("gthread", WORKERS), ("gthread", every_thread)]
    for kind, idle in cases:
        quiet, held = measure(kind, idle)
        print(f"{kind}_login_ms={quiet:.0f}")
        print(f"{kind}_login_with_{idle}_idle_connections_ms={held:.0f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
