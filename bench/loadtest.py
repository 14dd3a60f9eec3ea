"""`make loadtest`: simulated users against gunicorn on national-scale data (issue 13).

1. Generates the data as `make bench` does (bench/overview.py: scratch_database, prepare) at
   BENCH_SCALE (default national): in SQLite, or in a schema of its own in PostgreSQL when
   LOADTEST_DATABASE_URL (or BENCH_DATABASE_URL) is set.
2. Starts gunicorn through gunicorn.conf.py on a free port on 127.0.0.1: 2 workers on SQLite,
   4 on PostgreSQL (LOADTEST_WORKERS), the query cache on, and on PostgreSQL Redis for sessions
   and the login throttle (REDIS_URL, else redis://127.0.0.1:6379/0 when it answers) under a
   prefix of its own.
3. Records, once, what a browser sends: Playwright drives the system Chromium (never a
   downloaded one) through the page views of bench/replay.py and keeps every request of the
   page document and Dash's own (layout, dependencies, callbacks) with when it left and when
   its answer ended. Static files are not kept: a browser has them cached.
4. Runs locust headless (bench/locustfile.py, a subprocess, since locust patches the standard
   library with gevent): LOADTEST_USERS users (default 50), all started within ~10 s, for
   LOADTEST_SECONDS (default 60), each pausing LOADTEST_WAIT seconds (default 1-5) between
   actions like a reader does. The figures include the ramp-up (every user logs in, which
   costs a scrypt hash, and opens Översikt within those ~10 s); LOADTEST_RESET_STATS=1 counts
   only from when all users run.
5. Prints, last, `requests=… errors=… p50_ms=… p95_ms=… rps=…` for all HTTP requests and one
   `page=… requests=… errors=… p50_ms=… p95_ms=…` line per page view. Exits 1 when a request
   failed.

Everything it starts or creates (gunicorn, Chromium, locust, the scratch database or schema,
the Redis keys) is gone when it ends, also after an error or Ctrl-C.
"""

import importlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from bench.generate import SCALES
from bench.overview import PASSWORD, prepare, scratch_database
from bench.replay import (
    COUNCIL,
    FILTER,
    OVERVIEW,
    PLAN_QUALITY,
    SURVEYS,
    Recorded,
    figures_from_json,
    is_replayed,
    summary_lines,
    waves,
)

ROOT = Path(__file__).resolve().parent.parent
USERNAME = "bench"  # the admin bench/overview.prepare creates
KEPT_HEADERS = ("content-type", "accept", "x-csrftoken")
QUIET_MS = 1500  # a page view is over when no request has been in flight for this long


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _stop(proc: subprocess.Popen[bytes], grace_s: float) -> None:
    """SIGTERM to the process group we started (gunicorn's master and workers, or locust), then
    SIGKILL if it has not ended in `grace_s`."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


@contextmanager
def gunicorn_server(
    url: str,
    port: int,
    env: dict[str, str],
    extra_args: Sequence[str] = (),
    log_path: Path | None = None,
) -> Iterator[str]:
    """gunicorn with gunicorn.conf.py on 127.0.0.1:`port` (an empty `url`: DATABASE_URL as it
    is); yields its base URL once /login answers."""
    environment = os.environ | {
        "SECRET_KEY": "loadtest",
        "LAGESBILD_DEMO": "0",
        "LAGESBILD_BIND": f"127.0.0.1:{port}",
        **({"DATABASE_URL": url} if url else {}),
        **env,
    }
    with ExitStack() as stack:
        log = (
            stack.enter_context(log_path.open("wb"))
            if log_path
            else stack.enter_context(open(os.devnull, "wb"))
        )
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                *extra_args,
                "wsgi:server",
            ],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us, and we stop it gracefully
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            while True:
                if proc.poll() is not None:
                    tail = log_path.read_text()[-3000:] if log_path else ""
                    raise RuntimeError(f"gunicorn ended at start ({proc.returncode}):\n{tail}")
                try:
                    with urllib.request.urlopen(f"{base}/login", timeout=5):
                        break
                except (OSError, urllib.error.HTTPError):
                    if time.monotonic() > deadline:
                        raise RuntimeError("gunicorn did not answer in 120 s") from None
                    time.sleep(0.3)
            yield base
        finally:
            _stop(proc, grace_s=40)


# --- the database and Redis ----------------------------------------------------------------


def database_kind() -> str:
    """PostgreSQL when LOADTEST_DATABASE_URL or BENCH_DATABASE_URL is set, else SQLite."""
    url = os.environ.get("LOADTEST_DATABASE_URL") or os.environ.get("BENCH_DATABASE_URL")
    if not url:
        return "sqlite"
    os.environ["BENCH_DATABASE_URL"] = url  # where bench.overview.scratch_database looks
    return "postgresql"


@contextmanager
def scratch(kind: str) -> Iterator[str]:
    """bench.overview's scratch database, generated; yields the URL gunicorn uses. The SQLite
    file is removed afterwards too (scratch_database only clears it before)."""
    try:
        with scratch_database(kind) as (database, url):
            prepare(database, os.environ.get("BENCH_SCALE", "national"))
            database.engine.dispose()
            yield url
    finally:
        if kind == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{ROOT / 'bench' / 'scratch.db'}{suffix}").unlink(missing_ok=True)


def redis_url(kind: str) -> str | None:
    """Redis for a PostgreSQL run: REDIS_URL, else the local one if it answers; none on SQLite."""
    if kind == "sqlite":
        return None
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        Redis.from_url(url, socket_timeout=2).ping()
    except RedisError:
        print(f"# Redis svarar inte på {url}: körs utan Redis", flush=True)
        return None
    return url


@contextmanager
def redis_keys_dropped(url: str | None, prefix: str) -> Iterator[None]:
    """Every key the run wrote (sessions, the throttle's counters) is deleted at the end."""
    try:
        yield
    finally:
        if url:
            from redis import Redis

            client = Redis.from_url(url)
            keys = list(client.scan_iter(match=f"*{prefix}*", count=1000))
            if keys:
                client.delete(*keys)
            client.close()


# --- recording what the browser sends ------------------------------------------------------


class Recorder:
    """Keeps the page document and Dash's requests of one page view at a time, with the
    browser's own timing; refuses a view in which one of them failed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.capturing = False
        self.in_flight: set[Any] = set()
        self.status: dict[Any, int] = {}
        self.kept: list[Recorded] = []
        self.failures: list[str] = []
        self.last_event = time.monotonic()

    def _path(self, url: str) -> str | None:
        if not url.startswith(self.base):
            return None
        return url[len(self.base) :] or "/"

    def on_request(self, request: Any) -> None:
        self.last_event = time.monotonic()
        path = self._path(request.url)
        if self.capturing and path and is_replayed(path, request.resource_type):
            self.in_flight.add(request)

    def on_response(self, response: Any) -> None:
        self.status[response.request] = response.status

    def on_done(self, request: Any) -> None:
        self.last_event = time.monotonic()
        if request not in self.in_flight:
            return
        self.in_flight.discard(request)
        path = self._path(request.url) or "/"
        status = self.status.pop(request, 0)
        if not 200 <= status < 300:
            self.failures.append(f"{request.method} {path}: {status or request.failure}")
        timing = request.timing
        start = float(timing["startTime"])
        self.kept.append(
            Recorded(
                method=request.method,
                path=path,
                body=request.post_data,
                headers={k: v for k, v in request.headers.items() if k.lower() in KEPT_HEADERS},
                start=start,
                end=start + max(float(timing["responseEnd"]), 0.0),
            )
        )

    def wait_idle(self, page: Any, timeout_s: float = 120) -> None:
        """Until nothing the page asked for is in flight (static files too) and nothing has
        been asked for QUIET_MS: Dash's last callback has answered."""
        page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
        deadline = time.monotonic() + timeout_s
        while self.in_flight or (time.monotonic() - self.last_event) * 1000 < QUIET_MS:
            if time.monotonic() > deadline:
                raise RuntimeError("the page view did not finish in time")
            page.wait_for_timeout(100)

    @contextmanager
    def view(self, name: str, page: Any, into: dict[str, list[list[Recorded]]]) -> Iterator[None]:
        self.kept, self.failures, self.capturing = [], [], True
        self.last_event = time.monotonic()  # the browser's first request may come a little later
        yield
        # A busy browser (drawing a large figure) may send the view's first request seconds later.
        started = time.monotonic()
        while not (self.kept or self.in_flight) and time.monotonic() - started < 60:
            page.wait_for_timeout(100)
        self.wait_idle(page)
        self.capturing = False
        if self.failures:
            raise RuntimeError(f"{name}: the browser got errors: {self.failures}")
        if not self.kept:
            raise RuntimeError(f"{name}: the browser sent nothing to record")
        into[name] = waves(self.kept)


def follow_menu_link(page: Any, path: str) -> None:
    """What a click on a menu link does (dbc.NavLink, like dcc.Link): the address changes and
    Dash is told, without loading a document. Not a click, which at national scale sometimes
    found no menu to click (cause not found; the browser's errors are in the failure)."""
    page.evaluate(
        "p => { window.history.pushState({}, '', p);"
        " window.dispatchEvent(new CustomEvent('_dashprivate_pushstate')); }",
        path,
    )


def record(base: str, council: str, year: int) -> dict[str, list[list[Recorded]]]:
    """The page views as Chromium performs them: the full load of Översikt after logging in, a
    council page opened from a link (a full load), Enkäter and Plankvalitet from the menu
    (Dash swaps the page without loading a document) and another year chosen on Översikt."""
    from playwright.sync_api import sync_playwright

    # The tests' one browser setup (by name, so mypy does not type-check the tests).
    browser_setup = importlib.import_module("tests.browser.conftest")

    recorded: dict[str, list[list[Recorded]]] = {}
    recorder = Recorder(base)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=browser_setup.CHROMIUM, args=browser_setup.CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="sv-SE")
            context.on("request", recorder.on_request)
            context.on("response", recorder.on_response)
            context.on("requestfinished", recorder.on_done)
            context.on("requestfailed", recorder.on_done)
            page = context.new_page()
            page.on("pageerror", lambda error: recorder.failures.append(f"JS: {error}"))
            page.goto(f"{base}/login")
            page.get_by_label("Användarnamn").fill(USERNAME)
            page.get_by_label("Lösenord").fill(PASSWORD)
            page.get_by_role("button", name="Logga in").click()
            page.wait_for_url(f"{base}/")
            page.wait_for_selector("#overview-year")  # Dash has drawn Översikt
            recorder.wait_idle(page)
            with recorder.view(OVERVIEW, page, recorded):
                page.goto(f"{base}/")
            # The router has written the filters into the address: Översikt is ready for input.
            page.wait_for_url(re.compile(r"[?&]year="))
            page.wait_for_timeout(1000)
            with recorder.view(FILTER, page, recorded):
                page.select_option("#overview-year", str(year - 1))
            with recorder.view(COUNCIL, page, recorded):
                page.goto(f"{base}/namnd/{council}")
            with recorder.view(PLAN_QUALITY, page, recorded):
                follow_menu_link(page, "/plankvalitet")
            with recorder.view(SURVEYS, page, recorded):  # last: its heatmap keeps Chromium busy
                follow_menu_link(page, "/enkater")
            context.close()
        finally:
            browser.close()
    return recorded


def describe(recorded: dict[str, list[list[Recorded]]]) -> None:
    for name, groups in recorded.items():
        sizes = "+".join(str(len(g)) for g in groups)
        took = max(r.end for g in groups for r in g) - min(r.start for g in groups for r in g)
        print(f"# recorded {name}: {sizes} requests in {len(groups)} waves, {took:.0f} ms")


# --- the load --------------------------------------------------------------------------------


def run_locust(base: str, workdir: Path, users: int, seconds: int, env: dict[str, str]) -> None:
    rate = max(1, -(-users // 10))  # all users running within ~10 s
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(rate),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "15",
            "--host",
            base,
            "--only-summary",
            # LOADTEST_RESET_STATS=1: count from when all users run (no logins, no ramp-up).
            *(["--reset-stats"] if os.environ.get("LOADTEST_RESET_STATS") == "1" else []),
            "--loglevel",
            "WARNING",
        ],
        cwd=workdir,
        env=os.environ | {"PYTHONPATH": str(ROOT)} | env,
        start_new_session=True,
    )
    try:
        proc.wait(timeout=seconds + 120)
    finally:
        _stop(proc, grace_s=20)


def print_summary(path: Path) -> int:
    """The summary lines last; the number of failed requests."""
    data = json.loads(path.read_text())
    total = figures_from_json(data["total"])
    pages = [(name, figures_from_json(f)) for name, f in data["pages"]]
    extra = {"status_updates": data["status_updates"], "conflicts_409": data["conflicts"]}
    for line in summary_lines(total, pages, extra):
        print(line)
    return total.errors


def gunicorn_problems(log: Path) -> int:
    text = log.read_text(errors="replace")
    return len(re.findall(r"\[(?:ERROR|CRITICAL)\]|Traceback|WORKER TIMEOUT", text))


def main() -> int:
    def stop_on_sigterm(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_sigterm)
    # Ctrl-C tears everything down even when started where SIGINT is ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    kind = database_kind()
    scale = os.environ.get("BENCH_SCALE", "national")
    users = int(os.environ.get("LOADTEST_USERS", "50"))
    seconds = int(os.environ.get("LOADTEST_SECONDS", "60"))
    workers = os.environ.get("LOADTEST_WORKERS") or ("2" if kind == "sqlite" else "4")
    year = date.today().year  # bench.generate's last year
    redis = redis_url(kind)
    prefix = f"loadtest-{uuid.uuid4().hex[:10]}:"
    with tempfile.TemporaryDirectory(prefix="loadtest-") as tmp:
        workdir = Path(tmp)
        summary = workdir / "summary.json"
        log = workdir / "gunicorn.log"
        with ExitStack() as stack:  # gunicorn stopped, the data dropped, before the figures
            url = stack.enter_context(scratch(kind))
            stack.enter_context(redis_keys_dropped(redis, prefix))
            env = {
                "WEB_CONCURRENCY": workers,
                "LAGESBILD_INSTANCE": str(workdir / "instance"),
                "LAGESBILD_REDIS_PREFIX": prefix,
                "REDIS_URL": redis or "",
            }
            base = stack.enter_context(gunicorn_server(url, free_port(), env, log_path=log))
            print(
                f"# {kind}, scale {scale}, {workers} gunicorn workers, Redis "
                f"{'on' if redis else 'off'}; {users} users for {seconds} s",
                flush=True,
            )
            recorded = record(base, council="N001", year=year)
            describe(recorded)
            recording = workdir / "recording.json"
            recording.write_text(
                json.dumps(
                    {
                        name: [[r.to_json() for r in g] for g in groups]
                        for name, groups in recorded.items()
                    }
                )
            )
            run_locust(
                base,
                workdir,
                users,
                seconds,
                {
                    "LOADTEST_RECORDING": str(recording),
                    "LOADTEST_SUMMARY": str(summary),
                    "LOADTEST_USERNAME": USERNAME,
                    "LOADTEST_PASSWORD": PASSWORD,
                    "LOADTEST_COUNCILS": str(SCALES[scale].councils),
                    "LOADTEST_YEAR": str(year),
                },
            )
        if not summary.exists():
            raise RuntimeError("locust wrote no summary")
        print(f"# gunicorn logged {gunicorn_problems(log)} errors", flush=True)
        return 1 if print_summary(summary) else 0


if __name__ == "__main__":
    sys.exit(main())
