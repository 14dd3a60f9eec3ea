"""The simulated users of `make loadtest` (bench/loadtest.py starts locust with this file).

Each user logs in as a browser does (the CSRF token from the login form) and then acts in turn
(bench.replay.action): it replays a recorded page view, wave by wave, with the requests of a
wave sent together in greenlets as the browser sent them; every tenth action it sets an
activity's status instead. Locust's stats get every HTTP request and one synthetic "PAGE" entry
per page view, which is what the user waited for. A request that does not end in 2xx (204 is
Dash's "nothing to update") is an error.

The status update goes through the JSON API (GET the council's activities of the year for the
version, then PATCH /api/v1/activities/<id>), the same service and version check as the Dash
form on Aktiviteter, whose callbacks need the grid's selection state and are not replayed.
A 409 (another user changed the activity first) is not an error; it is counted on its own
("CONFLICT"). Activities are picked at random among all councils' plans of this year, so a
conflict is rare.

Settings from the environment (set by bench/loadtest.py): LOADTEST_RECORDING (the recording),
LOADTEST_SUMMARY (where the figures are written at the end), LOADTEST_USERNAME,
LOADTEST_PASSWORD, LOADTEST_COUNCILS, LOADTEST_YEAR and LOADTEST_WAIT ("1-5": seconds between
actions).
"""

import json
import os
import random
import re
import time
from pathlib import Path
from typing import Any

import gevent
from locust import FastHttpUser, between, events, task
from locust.env import Environment
from locust.stats import StatsEntry

from bench.replay import (
    PAGE_VIEWS,
    STATUS_UPDATE,
    UPDATE_EVERY,
    Figures,
    Recorded,
    action,
)

RECORDING: dict[str, list[list[Recorded]]] = {
    name: [[Recorded.from_json(r) for r in wave] for wave in waves]
    for name, waves in json.loads(Path(os.environ["LOADTEST_RECORDING"]).read_text()).items()
}
USERNAME = os.environ.get("LOADTEST_USERNAME", "bench")
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "")
COUNCILS = int(os.environ.get("LOADTEST_COUNCILS", "290"))
YEAR = int(os.environ.get("LOADTEST_YEAR", "0"))
WAIT_MIN, WAIT_MAX = (float(s) for s in os.environ.get("LOADTEST_WAIT", "1-5").split("-"))
NEXT_STATUS = {"not_started": "ongoing", "ongoing": "delayed", "delayed": "ongoing"}
PAGE, CONFLICT = "PAGE", "CONFLICT"


class Failed(Exception):
    pass


class BrowserUser(FastHttpUser):
    """One person at a browser: logs in, then page views and now and then a status update."""

    wait_time = between(WAIT_MIN, WAIT_MAX)
    concurrency = 6  # a browser's connections per host
    network_timeout = 120.0
    connection_timeout = 30.0

    def on_start(self) -> None:
        self.actions = 0
        self.phase = random.randrange(UPDATE_EVERY)
        self.api_token = ""
        self.origin = (self.host or "").rstrip("/")
        with self.client.get("/login", name="GET /login", catch_response=True) as response:
            token = re.search(r'name="csrf_token" value="([^"]+)"', response.text or "")
            if not token:
                response.failure("no CSRF token on the login page")
                raise Failed("login page without CSRF token")
        form = {"username": USERNAME, "password": PASSWORD, "csrf_token": token.group(1)}
        with self.client.post(
            "/login", data=form, name="POST /login", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"login answered {response.status_code}")
                raise Failed("login failed")
            response.success()

    @task
    def act(self) -> None:
        self.actions += 1
        name = action(self.actions, self.phase)
        started = time.perf_counter()
        error: Exception | None = None
        size = 0
        try:
            size = self.status_update() if name == STATUS_UPDATE else self.view(name)
        except Failed as failed:
            error = failed
        events.request.fire(
            request_type=PAGE,
            name=name,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=size,
            exception=error,
            context={},
        )

    # --- a page view ---------------------------------------------------------------------------

    def send(self, view: str, recorded: Recorded) -> tuple[bool, int]:
        headers = {**recorded.headers, "Origin": self.origin}
        with self.client.request(
            recorded.method,
            recorded.path,
            data=recorded.body,
            headers=headers,
            name=f"{view}: {recorded.label()}",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            size = len(response.content or b"")
            if 200 <= response.status_code < 300:
                response.success()
                return True, size
            response.failure(f"HTTP {response.status_code}")
            return False, size

    def view(self, name: str) -> int:
        size = 0
        for wave in RECORDING[name]:
            jobs = [gevent.spawn(self.send, name, recorded) for recorded in wave]
            gevent.joinall(jobs)
            results = [job.value if job.successful() else (False, 0) for job in jobs]
            size += sum(s for _ok, s in results)
            if not all(ok for ok, _s in results):
                raise Failed(f"{name}: a request failed")
        return size

    # --- a status update -----------------------------------------------------------------------

    def status_update(self) -> int:
        if not self.api_token:
            with self.client.get("/api/v1/session", name="GET /api/v1/session") as response:
                self.api_token = response.json()["csrf_token"] if response.ok else ""
            if not self.api_token:
                raise Failed("no API session")
        council = f"N{random.randint(1, COUNCILS):03d}"
        with self.client.get(
            f"/api/v1/activities?council={council}&year={YEAR}",
            name="GET /api/v1/activities?council&year",
            catch_response=True,
        ) as response:
            rows: list[dict[str, Any]] = response.json() if response.ok else []
            if not rows:
                response.failure("no activities to update")
                raise Failed("no activities")
        activity = random.choice(rows)
        status = NEXT_STATUS.get(activity["status"], "ongoing")
        with self.client.request(
            "PATCH",
            f"/api/v1/activities/{activity['id']}",
            json={"version": activity["version"], "status": status},
            headers={"X-CSRFToken": self.api_token, "Origin": self.origin},
            name="PATCH /api/v1/activities/[id]",
            catch_response=True,
        ) as response:
            if response.status_code == 409:
                response.success()
                events.request.fire(
                    request_type=CONFLICT,
                    name="409 krock",
                    response_time=0,
                    response_length=0,
                    exception=None,
                    context={},
                )
            elif response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                raise Failed(f"status update answered {response.status_code}")
            return len(response.content or b"")


# --- the figures -------------------------------------------------------------------------------


def _figures(entry: StatsEntry, with_rps: bool = False) -> dict[str, Any]:
    figures = Figures(
        requests=entry.num_requests,
        errors=entry.num_failures,
        p50_ms=entry.get_response_time_percentile(0.5) if entry.num_requests else 0,
        p95_ms=entry.get_response_time_percentile(0.95) if entry.num_requests else 0,
        rps=entry.total_rps if with_rps else None,
    )
    return figures.__dict__


def _write_summary(environment: Environment, **_kwargs: Any) -> None:
    """All HTTP requests (without the synthetic PAGE and CONFLICT entries) and each page view,
    with locust's own percentiles, for bench/loadtest.py to print."""
    stats = environment.stats
    http = StatsEntry(stats, "HTTP", "")
    pages: dict[str, StatsEntry] = {}
    conflicts = 0
    for entry in stats.entries.values():
        if entry.method == PAGE:
            pages[entry.name] = entry
        elif entry.method == CONFLICT:
            conflicts += entry.num_requests
        else:
            http.extend(entry)
    order = [*PAGE_VIEWS, STATUS_UPDATE]
    summary = {
        "total": _figures(http, with_rps=True),
        "pages": [(name, _figures(pages[name])) for name in order if name in pages],
        "status_updates": pages[STATUS_UPDATE].num_requests if STATUS_UPDATE in pages else 0,
        "conflicts": conflicts,
    }
    Path(os.environ["LOADTEST_SUMMARY"]).write_text(json.dumps(summary))


events.quitting.add_listener(_write_summary)
