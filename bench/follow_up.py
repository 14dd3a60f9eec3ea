"""Benchmark of the tertial/VB follow-up at national (default) or city scale (BENCH_SCALE=city).

On bench/generate.py's data (with its activity history) it measures, for the whole city and the
T1, T2 and VB reports of the last year (median of BENCH_REPEAT runs after one warm-up, a fresh
session each run):
- `activities_as_of` (the as-of reconstruction), `counts` and the whole `build_report`;
- their floor: exactly the SQL each one issued (captured in-process), replayed on a raw DBAPI
  cursor and fetched, so the ORM and Python overhead shows as a ratio;
- a naive baseline: one query per activity for its latest update before the cutoff, timed on a
  sample and extrapolated to the city's activities (an estimate, labelled as such);
- the KS report (Lägesbild för staden, dashboard/exports/city_report.py) for the year as of its
  latest period: with its chart images drawn by kaleido (`ks_report_*`) and without
  (`ks_report_tables_*`, what is left when no browser is there).
It prints `name=value` lines last; PostgreSQL too when BENCH_DATABASE_URL is set.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from bench.overview import bench_now, prepare, run_everywhere, scratch_database
from dashboard.db import Database
from dashboard.exports import city_report
from dashboard.services.follow_up import ReportRequest, build_report
from models import ActionPlan, Activity, ActivityUpdate, rules
from models.queries import follow_up as fq

PERIOD_CODES = ("t1", "t2", "vb")
NAIVE_SAMPLE = 500

Measured = Callable[[Session], object]


@dataclass(frozen=True)
class Target:
    """What the measured functions look at: the last year's reports, as of the bench's now."""

    year: int
    now: datetime

    def period(self, code: str) -> rules.Period:
        return rules.period(self.year, code)


def measured(target: Target) -> dict[str, Measured]:
    """Name (the printed figure's stem, period last) -> a function of a fresh session."""
    now = target.now
    functions: dict[str, Measured] = {}
    for code in PERIOD_CODES:
        period = target.period(code)
        functions[f"asof_city_{code}"] = city(fq.activities_as_of, period, now)
        functions[f"counts_city_{code}"] = city(fq.counts, period, now)
        functions[f"report_city_{code}"] = partial(report, period=period, now=now)
    functions["ks_report_tables_year"] = partial(
        city_report.build, year=target.year, now=now, with_charts=False
    )
    functions["ks_report_year"] = partial(city_report.build, year=target.year, now=now)
    return functions


CityQuery = Callable[[Session, rules.Period, int | None, datetime], object]


def city(fn: CityQuery, period: rules.Period, now: datetime) -> Measured:
    """`fn` for the whole city (council None)."""
    return lambda session: fn(session, period, None, now)


def report(session: Session, period: rules.Period, now: datetime) -> object:
    return build_report(session, ReportRequest(period, None), now)


# --- timing --------------------------------------------------------------------------------------


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` runs after one warm-up run."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def in_session(database: Database, fn: Measured) -> Callable[[], object]:
    def run() -> object:
        with database.session() as session:
            return fn(session)

    return run


def capture_sql(database: Database, fn: Measured) -> list[tuple[str, Any]]:
    """Every statement `fn` sends to the database, with its parameters as the driver got them."""
    statements: list[tuple[str, Any]] = []

    def record(
        _conn: object, _cursor: object, statement: str, parameters: Any, _ctx: object, _many: bool
    ) -> None:
        statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        in_session(database, fn)()
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    return statements


def replay(database: Database, statements: list[tuple[str, Any]]) -> int:
    """The statements on a raw DBAPI cursor, every row fetched; returns the rows fetched."""
    raw = database.engine.raw_connection()
    rows = 0
    try:
        cursor = raw.cursor()
        for statement, parameters in statements:
            cursor.execute(statement, parameters)
            if cursor.description is not None:
                rows += len(cursor.fetchall())
        raw.rollback()
    finally:
        raw.close()
    return rows


def naive_loop(database: Database, target: Target, code: str) -> dict[str, float]:
    """What a first version would do: list the year's activities, then ask for each one's latest
    update before the cutoff (one query per activity). Timed on a sample, extrapolated."""
    cut = fq.cutoff(target.period(code), target.now)
    with database.session() as session:
        started = time.perf_counter()
        ids = session.scalars(
            select(Activity.id)
            .join(ActionPlan, Activity.plan_id == ActionPlan.id)
            .where(ActionPlan.year == target.year)
            .order_by(Activity.id)
        ).all()
        list_ms = (time.perf_counter() - started) * 1000
    step = max(1, len(ids) // NAIVE_SAMPLE)
    sample = ids[::step][:NAIVE_SAMPLE]

    def loop() -> None:
        with database.session() as session:
            for activity_id in sample:
                session.scalars(
                    select(ActivityUpdate)
                    .where(
                        ActivityUpdate.activity_id == activity_id, ActivityUpdate.at < cut.instant
                    )
                    .order_by(ActivityUpdate.at.desc(), ActivityUpdate.id.desc())
                    .limit(1)
                ).first()

    per_activity = median_ms(loop, 3) / len(sample)
    return {
        "naive_loop_sample": len(sample),
        "naive_loop_activities": len(ids),
        "naive_loop_ms_estimate": list_ms + per_activity * len(ids),
    }


# --- query plans ---------------------------------------------------------------------------------


def explain(database: Database, statements: list[tuple[str, Any]]) -> list[str]:
    """The plan of the longest captured statement (the reconstruction itself)."""
    statement, parameters = max(statements, key=lambda s: len(s[0]))
    prefix = "EXPLAIN QUERY PLAN " if database.engine.dialect.name == "sqlite" else "EXPLAIN "
    raw = database.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(prefix + statement, parameters)
        lines = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
        raw.rollback()
    finally:
        raw.close()
    return lines


# --- one database --------------------------------------------------------------------------------


def run(kind: str, scale: str, repeat: int) -> dict[str, float | int]:
    with scratch_database(kind) as (database, _url):
        prepare(database, scale)
        target = Target(date.today().year, bench_now())
        figures: dict[str, float | int] = {}
        with database.engine.connect() as conn:
            figures["activity_rows"] = conn.execute(
                text("SELECT COUNT(*) FROM activities")
            ).scalar_one()
            figures["activity_update_rows"] = conn.execute(
                text("SELECT COUNT(*) FROM activity_updates")
            ).scalar_one()
        with database.session() as session:
            figures["city_activities_last_year"] = (
                session.scalar(
                    select(func.count())
                    .select_from(Activity)
                    .join(ActionPlan, Activity.plan_id == ActionPlan.id)
                    .where(ActionPlan.year == target.year)
                )
                or 0
            )
        for name, fn in measured(target).items():
            stem, code = name.rsplit("_", 1)
            statements = capture_sql(database, fn)
            figures[f"{stem}_ms_median_{code}"] = median_ms(in_session(database, fn), repeat)
            floor = median_ms(partial(replay, database, statements), repeat)
            figures[f"{stem}_floor_ms_median_{code}"] = floor
            figures[f"{stem}_overhead_ratio_{code}"] = figures[f"{stem}_ms_median_{code}"] / floor
            figures[f"{stem}_sql_statements_{code}"] = len(statements)
            figures[f"{stem}_rows_fetched_{code}"] = replay(database, statements)
            if name == "asof_city_vb":
                print(f"# {kind} plan of the as-of reconstruction (VB):", flush=True)
                for line in explain(database, statements):
                    print(f"#   {line}", flush=True)
            print(f"# {kind} {name}: {figures[f'{stem}_ms_median_{code}']:.1f} ms", flush=True)
        for code in PERIOD_CODES:
            for key, value in naive_loop(database, target, code).items():
                figures[f"{key}_{code}"] = value
            figures[f"naive_vs_asof_ratio_{code}"] = (
                figures[f"naive_loop_ms_estimate_{code}"] / figures[f"asof_city_ms_median_{code}"]
            )
    return figures


def main() -> None:
    run_everywhere(run, 7)


if __name__ == "__main__":
    main()
