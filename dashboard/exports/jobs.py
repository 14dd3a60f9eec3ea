"""Background exports: a report that takes seconds is built in a thread, never in the request.

The request that starts a job answers at once with a token; the job writes its progress to a
small JSON file (and its result beside it) in a directory every gunicorn worker reads, so the
status and the download can be asked of any worker. A job belongs to the user who started it:
another user's token is "not found". A worker restarted mid-job leaves a status nobody updates;
after `STALE_AFTER_S` it reads as failed. At most `PARALLEL` jobs build at once per process (each
starts a browser for its charts); the others wait in line, and say so.
"""

import json
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from dashboard.services.errors import NotFound, ServiceError

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
PARALLEL = 1
STALE_AFTER_S = 300.0  # no progress for five minutes: the worker that built it is gone
KEEP_S = 24 * 3600.0
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_slots = threading.BoundedSemaphore(PARALLEL)

Progress = Callable[[int, str], None]
Work = Callable[[Progress], bytes]


class NotReady(ServiceError):
    status = 409


@dataclass
class Job:
    token: str
    user_id: int
    key: str  # what is built, e.g. "lagesbild-stad:2026:docx": the same request joins a running job
    filename: str
    mimetype: str
    state: str = QUEUED
    percent: int = 0
    message: str = "Väntar på att starta"
    updated: float = 0.0

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED)

    def as_json(self, download_url: str) -> dict[str, Any]:
        return {
            "state": self.state,
            "percent": self.percent,
            "message": self.message,
            "filename": self.filename,
            "download": download_url if self.state == DONE else None,
        }


class JobStore:
    """Status and result files of the jobs, in one directory shared by the workers."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _status_path(self, token: str) -> Path:
        if not TOKEN.match(token or ""):
            raise NotFound("Exporten finns inte.")
        return self.directory / f"{token}.json"

    def result_path(self, token: str) -> Path:
        return self._status_path(token).with_suffix(".bin")

    def save(self, job: Job) -> None:
        job.updated = time.time()
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self._status_path(job.token)
        temporary = target.with_suffix(f".{threading.get_ident()}.tmp")
        temporary.write_text(json.dumps(asdict(job)), encoding="utf-8")
        os.replace(temporary, target)  # atomic: a reader never sees half a status

    def load(self, token: str, user_id: int) -> Job:
        """The user's own job; anyone else's, or none, is NotFound (404)."""
        path = self._status_path(token)
        try:
            job = Job(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            raise NotFound("Exporten finns inte (längre). Starta den igen.") from None
        if job.user_id != user_id:
            raise NotFound("Exporten finns inte (längre). Starta den igen.")
        if not job.finished and time.time() - job.updated > STALE_AFTER_S:
            job.state, job.message = FAILED, "Exporten avbröts. Starta den igen."
        return job

    def result(self, token: str, user_id: int) -> tuple[Job, Path]:
        job = self.load(token, user_id)
        if job.state == FAILED:
            raise NotFound(job.message)
        if job.state != DONE:
            raise NotReady("Filen är inte klar än. Vänta tills förloppet är klart.")
        return job, self.result_path(token)

    def running(self, user_id: int, key: str) -> Job | None:
        """The user's unfinished job for the same export, if one is under way."""
        for path in self.directory.glob("*.json"):
            try:
                job = self.load(path.stem, user_id)
            except NotFound:
                continue
            if job.key == key and not job.finished:
                return job
        return None

    def prune(self) -> None:
        """Statuses and files older than a day go (a download is meant to be fetched at once)."""
        cutoff = time.time() - KEEP_S
        for path in self.directory.glob("*"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink(missing_ok=True)
            except OSError:
                continue


def start(store: JobStore, user_id: int, key: str, filename: str, mimetype: str, work: Work) -> Job:
    """Starts `work` in a thread and returns its job at once. The same user asking for the same
    export while it is being built gets the running job, not a second one."""
    store.directory.mkdir(parents=True, exist_ok=True)
    store.prune()
    existing = store.running(user_id, key)
    if existing is not None:
        return existing
    job = Job(secrets.token_urlsafe(18), user_id, key, filename, mimetype)
    store.save(job)
    thread = threading.Thread(
        target=_run, args=(store, job, work), name=f"export-{key}", daemon=True
    )
    thread.start()
    return job


class Busy(ServiceError):
    status = 503


BUSY = (
    "En annan export skapas just nu på servern. Försök igen om en stund, eller använd knappen "
    "på Översikt, som väntar på sin tur och visar förloppet."
)


@contextmanager
def exclusive() -> Iterator[None]:
    """A large export built in the request itself (the plain links) takes the same slot as the
    jobs, without waiting: a second one at the same time is refused, never queued in a
    worker that other users need."""
    if not _slots.acquire(blocking=False):
        raise Busy(BUSY)
    try:
        yield
    finally:
        _slots.release()


@contextmanager
def waited_for_idle(timeout_s: float) -> Iterator[None]:
    """Holds the export slot once every running export of this process has finished, for what
    must not overlap one (the tests' clean-up between tests)."""
    if not _slots.acquire(timeout=timeout_s):
        raise TimeoutError("an export is still running")
    try:
        yield
    finally:
        _slots.release()


def _run(store: JobStore, job: Job, work: Work) -> None:
    if not _slots.acquire(blocking=False):
        job.message = "Väntar på att en annan export ska bli klar"
        store.save(job)
        # Saved again while waiting, so a queued job never reads as abandoned (STALE_AFTER_S).
        while not _slots.acquire(timeout=STALE_AFTER_S / 3):
            store.save(job)
    try:
        job.state, job.percent, job.message = RUNNING, 1, "Startar"
        store.save(job)

        def progress(percent: int, message: str) -> None:
            job.percent, job.message = max(1, min(99, percent)), message
            store.save(job)

        content = work(progress)
        target = store.result_path(job.token)
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(content)
        os.replace(temporary, target)
        job.state, job.percent, job.message = DONE, 100, "Klar"
    except ServiceError as error:
        job.state, job.message = FAILED, error.message
    except Exception:
        log.exception("export %s failed", job.key)
        job.state, job.message = FAILED, "Exporten misslyckades. Försök igen om en stund."
    finally:
        _slots.release()
    store.save(job)
