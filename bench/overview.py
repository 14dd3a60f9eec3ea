"""Benchmark of Översikt at national (default) or city scale (BENCH_SCALE=city).

On the same generated data it measures, in one run:
- overview: Översikt's callbacks end to end over real HTTP against a gunicorn worker, with the
  query cache off (every request computes, `overview_ms_median`) and on (repeated views between
  writes, `overview_cached_ms_median`);
- floor: exactly the SQL those callbacks issue (captured in-process), replayed on a raw cursor;
- naive: what a Dash tutorial would do, read the incident table into pandas and group there;
- the compressed size of a first load and the worker's resident memory.
It prints `name=value` lines last. PostgreSQL too when BENCH_DATABASE_URL is set.
"""

import gzip
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import create_engine, event, text

from bench.generate import SCALES, generate
from dashboard.config import Config, normalise_database_url
from dashboard.db import Database
from models import User
from models.engine import make_engine
from models.enums import Role

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-password"
SKIP_CALLBACK_OUTPUTS = ("page.children", "todo-summary.children")
PAGE_OUTPUT = {"id": "page", "property": "children"}


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


# --- the database --------------------------------------------------------------------------


@contextmanager
def scratch_database(kind: str) -> Iterator[tuple[Database, str]]:
    """A fresh migrated database; yields it and the URL a separate process can use."""
    if kind == "sqlite":
        path = ROOT / "bench" / "scratch.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
        yield Database(url), url
        return
    base = normalise_database_url(os.environ["BENCH_DATABASE_URL"])
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options=-csearch_path%3D{schema}"
    database = Database(url, make_engine(base, connect_args={"options": f"-csearch_path={schema}"}))
    try:
        yield database, url
    finally:
        database.engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def bench_now() -> datetime:
    """Midnight UTC today: the generated history ends there, so a day's runs see the same data."""
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def prepare(database: Database, scale_name: str) -> None:
    database.migrate()
    started = time.perf_counter()
    generate(database.engine, SCALES[scale_name], last_year=date.today().year, now=bench_now())
    with database.session() as session:
        user = User(username="bench", role=Role.ADMIN)
        user.set_password(PASSWORD)
        session.add(user)
    print(f"# generated {scale_name} data in {time.perf_counter() - started:.1f} s", flush=True)


# --- talking to Dash -----------------------------------------------------------------------


class Browser:
    """Just enough of a browser: cookies, gzip, and Dash's callback protocol."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def request(
        self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[bytes, int]:
        """Returns the body (decompressed) and its size on the wire."""
        req = urllib.request.Request(
            self.base + path, data=data, headers={"Accept-Encoding": "gzip", **(headers or {})}
        )
        with self.opener.open(req) as response:
            raw = response.read()
            if response.headers.get("Content-Encoding") == "gzip":
                return gzip.decompress(raw), len(raw)
            return raw, len(raw)

    def log_in(self) -> None:
        page, _ = self.request("/login")
        token = re.search(rb'name="csrf_token" value="([^"]+)"', page)
        assert token, "login page without CSRF token"
        form = urllib.parse.urlencode(
            {"username": "bench", "password": PASSWORD, "csrf_token": token.group(1).decode()}
        )
        self.request("/login", form.encode(), {"Content-Type": "application/x-www-form-urlencoded"})

    def callback(self, payload: dict[str, Any]) -> tuple[dict[str, Any], int]:
        body, wire = self.request(
            "/_dash-update-component",
            json.dumps(payload).encode(),
            {"Content-Type": "application/json"},
        )
        return json.loads(body or b"{}"), wire


def _components(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "props" in node and "type" in node:
            yield node
        for value in node.values():
            yield from _components(value)
    elif isinstance(node, list):
        for item in node:
            yield from _components(item)


def _outputs(spec: str) -> list[dict[str, str]]:
    parts = spec.strip(".").split("...") if spec.startswith("..") else [spec]
    return [dict(zip(("id", "property"), p.rsplit(".", 1), strict=True)) for p in parts]


def overview_payloads(browser: Browser) -> tuple[list[dict[str, Any]], int]:
    """The callbacks the browser fires when Översikt opens, with the layout's initial values."""
    wire = 0
    for path in ("/_dash-layout", "/_dash-dependencies"):
        _, size = browser.request(path)
        wire += size
    deps = json.loads(browser.request("/_dash-dependencies")[0])
    # The router writes the page (and, since the page titles, its title too).
    routing = next(d for d in deps if PAGE_OUTPUT in _outputs(d["output"]))
    routing_outputs = _outputs(routing["output"])
    page, size = browser.callback(
        {
            "output": routing["output"],
            "outputs": routing_outputs if len(routing_outputs) > 1 else routing_outputs[0],
            "inputs": [{"id": "url", "property": "pathname", "value": "/"}],
            "state": [{"id": "url", "property": "search", "value": ""}],
            "changedPropIds": ["url.pathname"],
        }
    )
    wire += size
    assert routing
    props = {
        _id_key(c["props"]["id"]): c["props"]
        for c in _components(page)
        if isinstance(c["props"].get("id"), str | dict)
    }
    props["url"] = {"pathname": "/", "search": "", "href": "/"}
    payloads = []
    for dep in deps:
        outputs = _outputs(dep["output"])
        skipped = any(
            f"{o['id']}.{o['property']}" in SKIP_CALLBACK_OUTPUTS for o in outputs
        ) or dep.get("prevent_initial_call")
        if skipped or dep.get("clientside_function"):  # runs in the browser
            continue
        ids = [_id_key(i["id"]) for i in dep["inputs"] + dep["state"]] + [o["id"] for o in outputs]
        if not all(i in props and "[" not in i for i in ids):  # absent, or a wildcard (MATCH)
            continue

        def wire_id(key: str) -> str | dict[str, Any]:
            return json.loads(key) if key.startswith("{") else key

        def valued(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [
                {
                    "id": i["id"],
                    "property": i["property"],
                    "value": props[_id_key(i["id"])].get(i["property"]),
                }
                for i in items
            ]

        wired = [{"id": wire_id(o["id"]), "property": o["property"]} for o in outputs]
        payloads.append(
            {
                "output": dep["output"],
                "outputs": wired if len(wired) > 1 else wired[0],
                "inputs": valued(dep["inputs"]),
                "state": valued(dep["state"]),
                "changedPropIds": [],
            }
        )
    return payloads, wire


def _id_key(component_id: str | dict[str, Any]) -> str:
    """A component id as the dependency list writes it: a dict id as compact sorted JSON."""
    if isinstance(component_id, str):
        return component_id
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def first_load_wire(browser: Browser) -> int:
    html, wire = browser.request("/")
    for url in re.findall(rb'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', html):
        wire += browser.request(url.decode().replace("&amp;", "&"))[1]
    return wire


# --- the three measurements ----------------------------------------------------------------


@contextmanager
def gunicorn(url: str, query_cache: bool, production: bool = False) -> Iterator[tuple[str, int]]:
    """One sync worker (the callbacks' own cost), or with `production` the settings of
    gunicorn.conf.py (what a browser meets)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = os.environ | {
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "LAGESBILD_DEMO": "0",
        "LAGESBILD_QUERY_CACHE": "1" if query_cache else "0",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            *(["--config", "gunicorn.conf.py"] if production else ["--workers", "1"]),
            "--bind",
            f"127.0.0.1:{port}",
            "wsgi:server",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        worker = int(subprocess.check_output(["pgrep", "-P", str(proc.pid)]).split()[0])
        yield f"http://127.0.0.1:{port}", worker
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def capture_sql(database: Database, payloads: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """Run the same callbacks in-process and record every SQL statement they execute."""
    from dashboard.app import create_app

    config = Config(database_url=database.url, secret_key="bench", testing=True, query_cache=False)
    app = create_app(config, database)
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    client.post("/login", data={"username": "bench", "password": PASSWORD})
    statements: list[tuple[str, Any]] = []

    def record(
        _conn: object,
        _cursor: object,
        statement: str,
        parameters: Any,
        _context: object,
        _many: bool,
    ) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "users" not in statement:
            statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        for payload in payloads:
            assert client.post("/_dash-update-component", json=payload).status_code in (200, 204)
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    return statements


def replay(database: Database, statements: list[tuple[str, Any]]) -> None:
    raw = database.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for statement, parameters in statements:
            cursor.execute(statement, parameters)
            cursor.fetchall()
    finally:
        raw.close()


def naive(database: Database) -> None:
    with database.engine.connect() as conn:
        frame = pd.read_sql(text("SELECT * FROM incidents"), conn)
    frame.groupby(["year", "month", "milieu"])["count"].sum()
    frame[frame["year"] == frame["year"].max()].groupby("council_id")["count"].sum()


def measure_overview(url: str, repeat: int, query_cache: bool) -> dict[str, Any]:
    with gunicorn(url, query_cache) as (base, worker):
        browser = Browser(base)
        browser.log_in()
        first_load = first_load_wire(browser)
        payloads, wire = overview_payloads(browser)
        assert payloads, "no Översikt callbacks found"
        first_load += wire + sum(browser.callback(p)[1] for p in payloads)
        overview = median_ms(lambda: [browser.callback(p) for p in payloads], repeat)
        return {
            "payloads": payloads,
            "overview": overview,
            "first_load": first_load,
            "rss": rss_mb(worker),
        }


def run(kind: str, scale: str, repeat: int) -> dict[str, float]:
    with scratch_database(kind) as (database, url):
        prepare(database, scale)
        cold = measure_overview(url, repeat, query_cache=False)
        warm = measure_overview(url, repeat, query_cache=True)
        statements = capture_sql(database, cold["payloads"])
        floor = median_ms(lambda: replay(database, statements), repeat)
        naive_ms = median_ms(lambda: naive(database), 3)
        with database.engine.connect() as conn:
            rows = conn.execute(text("SELECT COUNT(*) FROM incidents")).scalar_one()
    return {
        "incident_rows": rows,
        "overview_callbacks": len(cold["payloads"]),
        "sql_statements": len(statements),
        "overview_cached_ms_median": warm["overview"],
        "naive_ms_median": naive_ms,
        "ratio_naive_vs_cached_overview": naive_ms / warm["overview"],
        "overview_ms_median": cold["overview"],
        "sql_floor_ms_median": floor,
        "ratio_overview_vs_floor": cold["overview"] / floor,
        "ratio_naive_vs_overview": naive_ms / cold["overview"],
        "first_load_kb_compressed": cold["first_load"] / 1024,
        "worker_rss_mb": max(cold["rss"], warm["rss"]),
    }


def print_figures(scale: str, results: dict[str, dict[str, Any]]) -> None:
    """`name=value` lines last, PostgreSQL's with a `pg_` prefix."""
    print(f"scale={scale}")
    for kind, figures in results.items():
        prefix = "" if kind == "sqlite" else "pg_"
        for name, value in figures.items():
            shown = f"{value:.2f}" if isinstance(value, float) else str(value)
            print(f"{prefix}{name}={shown}")


def run_everywhere(run: Callable[[str, str, int], dict[str, Any]], default_repeat: int) -> None:
    """`run` on SQLite, and on PostgreSQL when BENCH_DATABASE_URL is set, at BENCH_SCALE with
    BENCH_REPEAT runs each; then the figures."""
    scale = os.environ.get("BENCH_SCALE", "national")
    repeat = int(os.environ.get("BENCH_REPEAT", str(default_repeat)))
    kinds = ["sqlite"] + (["postgresql"] if os.environ.get("BENCH_DATABASE_URL") else [])
    print_figures(scale, {kind: run(kind, scale, repeat) for kind in kinds})


def main() -> None:
    run_everywhere(run, 9)


if __name__ == "__main__":
    main()
