"""What `make loadtest` replays and how it reports, without a browser or locust: the recorded
requests grouped into waves, the order of a simulated user's actions, and the summary lines.

Both bench/loadtest.py (which records with Chromium and prints the summary) and
bench/locustfile.py (which replays under gevent) import this module, so it imports neither.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# The page views, in the order a simulated user goes through them (the first is the full load a
# user starts with), and what each is called in locust's stats and the summary.
OVERVIEW = "Översikt"
COUNCIL = "Nämnd"
SURVEYS = "Enkäter"
PLAN_QUALITY = "Plankvalitet"
FILTER = "Filterändring"
STATUS_UPDATE = "Statusändring"
PAGE_VIEWS = (OVERVIEW, COUNCIL, SURVEYS, PLAN_QUALITY, FILTER)
UPDATE_EVERY = 10  # one status update in every ten actions

# Dash's own requests are replayed; static files (scripts, styles, fonts, images) are not: a
# browser has them cached after its first visit, and gunicorn is not what serves them best.
DASH_PATHS = ("/_dash-layout", "/_dash-dependencies", "/_dash-update-component")


@dataclass(frozen=True)
class Recorded:
    """One request the browser sent: when it left and when its response ended (ms, the
    browser's clock)."""

    method: str
    path: str
    body: str | None
    headers: dict[str, str]
    start: float
    end: float

    def label(self) -> str:
        """A name for locust's stats: the path, and for a Dash callback its outputs."""
        bare = self.path.split("?", 1)[0]  # Dash 4 adds ?endId=… to its callbacks
        if bare != "/_dash-update-component" or not self.body:
            return f"{self.method} {bare}"
        output = str(json.loads(self.body).get("output", "?"))
        return f"callback {output[:90]}"

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "body": self.body,
            "headers": self.headers,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Recorded":
        return cls(**data)


def is_replayed(path: str, resource_type: str) -> bool:
    """The page document and Dash's own requests; never a static file."""
    bare = path.split("?", 1)[0]
    return resource_type == "document" or bare in DASH_PATHS


def waves(requests: Iterable[Recorded]) -> list[list[Recorded]]:
    """The requests grouped as the browser sent them. A wave is what the browser sent together:
    a request joins the current wave unless some response ended after the wave began and before
    the request left (then the browser may have sent it because of that response, so it waits
    for the whole wave before it). Replayed wave by wave, a page view takes at least as long as
    it did in the browser, never less."""
    ordered = sorted(requests, key=lambda r: r.start)
    grouped: list[list[Recorded]] = []
    seen: list[Recorded] = []
    for request in ordered:
        if grouped:
            began = grouped[-1][0].start
            answered = any(began < earlier.end <= request.start for earlier in seen)
            if not answered:
                grouped[-1].append(request)
                seen.append(request)
                continue
        grouped.append([request])
        seen.append(request)
    return grouped


def action(number: int, phase: int = 0) -> str:
    """The user's `number`-th action (1-based): the first is the full load of Översikt, where a
    user lands after logging in; after that one action in every ten is a status update (those
    where number + phase is a multiple of ten: each user has its own phase, so the updates are
    spread over the run) and the others are the page views in turn. The users' random pauses
    keep them from all opening the same view at once."""
    if number > 1 and (number + phase) % UPDATE_EVERY == 0:
        return STATUS_UPDATE
    # the updates among actions 2 … number - 1
    updates_before = max(0, (number - 1 + phase) // UPDATE_EVERY - (1 + phase) // UPDATE_EVERY)
    return PAGE_VIEWS[(number - 1 - updates_before) % len(PAGE_VIEWS)]


@dataclass(frozen=True)
class Figures:
    """One line of the summary: counts and locust's percentiles (ms)."""

    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    rps: float | None = None


def summary_lines(
    total: Figures, pages: Sequence[tuple[str, Figures]], extra: dict[str, int] | None = None
) -> list[str]:
    """The lines `make loadtest` ends with: all HTTP requests, then one per page view."""
    first = (
        f"requests={total.requests} errors={total.errors} p50_ms={total.p50_ms:.0f}"
        f" p95_ms={total.p95_ms:.0f} rps={total.rps or 0:.1f}"
    )
    lines = [first + "".join(f" {k}={v}" for k, v in (extra or {}).items())]
    for name, figures in pages:
        lines.append(
            f"page={name} requests={figures.requests} errors={figures.errors}"
            f" p50_ms={figures.p50_ms:.0f} p95_ms={figures.p95_ms:.0f}"
        )
    return lines


def figures_from_json(data: dict[str, Any]) -> Figures:
    return Figures(**data)
