"""Several hosts: two gunicorn instances on two ports share one PostgreSQL database and one Redis
(sessions and the query cache). Through plain HTTP: a login on one works on the other, a cached
figure computed on one is read from Redis by the other, and a write on one is seen at once on
the other. PostgreSQL only (TEST_DATABASE_URL), and Redis at 127.0.0.1:6379 (skipped when it is
down, unless LAGESBILD_REQUIRE_REDIS=1 or CI)."""

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests
from redis import Redis

from dashboard.db import Database
from tests.conftest import CSRF_RE, PG_URL, REDIS_URL, ScratchDatabases
from tests.dash_calls import _outputs_body, _outputs_of

ROOT = Path(__file__).resolve().parents[2]
SECRET = "two-instances-secret"
QUERY_TTL_PLANTED = 1000  # below the cache's own TTL: a key set again would show it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _start(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"),
            *("--workers", "1", "--threads", "4"),
            "--no-control-socket",  # two instances on one machine: it has one default path
            "wsgi:server",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    return process, f"http://127.0.0.1:{port}"


def _wait(process: subprocess.Popen[bytes], base: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn at {base} exited")
        try:
            if requests.get(f"{base}/login", timeout=5).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or busy starting
            pass
        time.sleep(0.1)
    raise AssertionError(f"gunicorn at {base} did not answer in time")


@pytest.fixture
def two_instances(
    db_kind: str,
    scratch: ScratchDatabases,
    redis_prefix: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> Iterator[tuple[str, str]]:
    if db_kind != "postgresql" or not PG_URL:
        pytest.skip("two instances share PostgreSQL (TEST_DATABASE_URL)")
    database: Database = request.getfixturevalue("demo_db_writable")  # PostgreSQL's only
    schema = scratch.where[id(database)]
    separator = "&" if "?" in PG_URL else "?"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("LAGESBILD_", "DATABASE_"))},
        "DATABASE_URL": f"{PG_URL}{separator}options={quote(f'-csearch_path={schema}')}",
        "REDIS_URL": REDIS_URL,
        "LAGESBILD_REDIS_PREFIX": redis_prefix,
        "SECRET_KEY": SECRET,
    }
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    started = [_start(env, log) for log in logs]
    try:
        deadline = time.monotonic() + 30
        for process, base in started:
            _wait(process, base, deadline)
        yield started[0][1], started[1][1]
    finally:
        for process, _base in started:
            process.terminate()
        for process, _base in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:  # shown by pytest when the test fails
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}")


def _login(base: str, username: str) -> requests.Session:
    http = requests.Session()
    match = CSRF_RE.search(http.get(f"{base}/login", timeout=5).text)
    assert match
    answer = http.post(
        f"{base}/login",
        data={"username": username, "password": "demo", "csrf_token": match.group(1)},
        allow_redirects=False,
        timeout=5,
    )
    assert answer.status_code == 302, answer.text
    return http


def _reports_summary(http: requests.Session, base: str, year: int) -> str:
    """Effektindikatorer's summary for a year (a cached query: knowledge_and_reporting)."""
    wanted = [{"id": "effects-year", "property": "value", "value": str(year)}]
    dependencies = http.get(f"{base}/_dash-dependencies", timeout=5).json()
    key = next(
        d["output"]
        for d in dependencies
        if [(i["id"], i["property"]) for i in d["inputs"]] == [("effects-year", "value")]
        and "effects-summary" in d["output"]
    )
    body = {
        "output": key,
        "outputs": _outputs_body(key, _outputs_of(key)),
        "inputs": wanted,
        "changedPropIds": ["effects-year.value"],
        "state": [],
    }
    answer = http.post(
        f"{base}/_dash-update-component",
        data=json.dumps(body),
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    summary: str = answer.json()["response"]["effects-summary"]["children"]
    return summary


def _reports(summary: str) -> int:
    match = re.search(r"sammanlagt ([\d\u00a0 ]+) rapporter", summary)
    assert match, summary
    return int(re.sub(r"\D", "", match.group(1)))


def _bromma_incidents(http: requests.Session, base: str) -> list[dict[str, Any]]:
    answer = http.get(f"{base}/api/v1/incidents", params={"year": 2024, "council": "BRO"})
    assert answer.status_code == 200, answer.text
    rows: list[dict[str, Any]] = answer.json()
    return rows


def test_a_write_on_one_instance_is_seen_at_once_on_the_other(
    two_instances: tuple[str, str], redis_client: Redis, redis_prefix: str
) -> None:
    a, b = two_instances
    redis, prefix = redis_client, redis_prefix
    on_a, on_b = _login(a, "admin"), _login(b, "admin")

    # Sessions live in Redis: A's login cookie works on B as well.
    borrowed = requests.Session()
    borrowed.cookies.update(on_a.cookies)
    assert borrowed.get(f"{b}/api/v1/session", timeout=5).json()["user"] == "admin"

    # A computes the figure; B reads it from Redis (a key B set again would have its full TTL).
    before = _reports_summary(on_a, a, 2024)
    query_keys = list(redis.scan_iter(f"{prefix}query:*"))
    assert query_keys, "A stored its result in Redis"
    for key in query_keys:
        redis.expire(key, QUERY_TTL_PLANTED)
    assert _reports_summary(on_b, b, 2024) == before
    assert all(0 < redis.ttl(key) <= QUERY_TTL_PLANTED for key in query_keys)
    listed = len(_bromma_incidents(on_b, b))

    # A write on A ...
    token = on_a.get(f"{a}/api/v1/session", timeout=5).json()["csrf_token"]
    created = on_a.post(
        f"{a}/api/v1/incidents",
        json={
            "council": "BRO",
            "date": "2024-05-02",
            "source": "form",
            "category": "graffiti",
            "milieu": "unclear",
            "count": 5,
        },
        headers={"X-CSRFToken": token},
        timeout=10,
    )
    assert created.status_code == 201, created.text

    # ... is there at once on B: in the register and in the cached figure.
    assert len(_bromma_incidents(on_b, b)) == listed + 1
    assert _reports(_reports_summary(on_b, b, 2024)) == _reports(before) + 5
