"""Benchmark of the trend alerts (models.trend_alerts): what they find, how late, how often
they cry wolf, and how long computing every alert takes at national scale.

Synthetic part (no database): monthly series with a seasonal pattern (±30 %), Poisson or
over-dispersed (each month's rate times a Gamma(4, ¼) factor: coefficient of variation 0.5),
at usual levels 1, 2, 5 and 10 a month, with 24 months of history before the months judged.
Rises injected at a random calendar month: a doubling for two months, a tripling for two months,
a one-month spike ×3. The seasonal factors are estimated, as in production, from a pooled
"city" series (the sum of 40 series of the same pattern over three years).
- detection: an alert on the rise's first or second month (either test); delay 1 = found on
  the first month of the rise, 2 = on the second;
- false alarms per council-year: a council = its four milieu series (white power, autonomous,
  Islamist, unclear), every month of a year judged; an alert = one (series, month) flagged.
  Reported for four series all at one level, and for a "mixed" council at 5, 2, 1 and 2 a month.
Database part: every council's alerts (and every police area's, on police areas added to the
bench data) on the national bench data (bench/generate.py; BENCH_SCALE=city for Stockholm's
size), the alert SQL alone, and Översikt's three incident queries on the same data as a
yardstick; on SQLite, and on PostgreSQL too with BENCH_DATABASE_URL. It prints `name=value`
lines last, like the other benches.
"""

import math
import os
import random
import statistics
import sys
import time
from typing import TYPE_CHECKING

from models import trend_alerts as ta

if TYPE_CHECKING:
    from dashboard.db import Database

LEVELS = (1, 2, 5, 10)
KINDS = {"doubling": (2.0, 2), "tripling": (3.0, 2), "spike": (3.0, 1)}
HISTORY = 24
YEAR = 12
MIXED = (5, 2, 1, 2)
SEASON = [1 + 0.3 * math.cos(2 * math.pi * (m - 3) / 12) for m in range(12)]


def poisson(rng: random.Random, mean: float) -> int:
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def series(
    rng: random.Random,
    level: float,
    months: int,
    dispersed: bool,
    rise: tuple[int, float, int] | None = None,
) -> list[int]:
    """Counts for `months` months from January; `rise` = (first index, factor, length)."""
    out = []
    for i in range(months):
        mean = level * SEASON[i % 12]
        if rise and rise[0] <= i < rise[0] + rise[2]:
            mean *= rise[1]
        if dispersed:
            mean *= rng.gammavariate(4.0, 0.25)
        out.append(poisson(rng, mean))
    return out


def pooled_season(rng: random.Random, dispersed: bool) -> list[float]:
    city = [0] * 36
    for _ in range(40):
        for i, c in enumerate(series(rng, 3.0, 36, dispersed)):
            city[i] += c
    return ta.seasonal_factors({(2020 + i // 12, i % 12 + 1): c for i, c in enumerate(city)})


def detection(
    rng: random.Random, kind: str, level: int, dispersed: bool, runs: int, season: list[float]
) -> tuple[float, float | None]:
    factor, length = KINDS[kind]
    found, delays = 0, []
    for _ in range(runs):
        start = HISTORY + rng.randrange(YEAR)
        counts = series(rng, level, start + 2, dispersed, (start, factor, length))
        for delay in (1, 2):
            if ta.is_unusual(counts, 1, start + delay - 1, season):
                found += 1
                delays.append(delay)
                break
    return found / runs, (float(statistics.median(delays)) if delays else None)


def false_alarms(
    rng: random.Random, levels: tuple[int, ...], dispersed: bool, runs: int, season: list[float]
) -> float:
    """Alerts per council-year on series without any rise."""
    alarms = 0
    for _ in range(runs):
        for level in levels:
            counts = series(rng, level, HISTORY + YEAR, dispersed)
            alarms += sum(
                ta.is_unusual(counts, 1, i, season) for i in range(HISTORY, HISTORY + YEAR)
            )
    return alarms / runs


def synthetic(runs: int, seed: int = 20261126) -> dict[str, float]:
    figures: dict[str, float] = {}
    for dispersed in (False, True):
        rng = random.Random(seed + dispersed)
        model = "overdispersed" if dispersed else "poisson"
        season = pooled_season(rng, dispersed)
        print(f"\n{model}: detection within two months (median delay, months)")
        print("kind        " + "".join(f"{f'level {lv}':>18}" for lv in LEVELS))
        for kind in KINDS:
            cells = []
            for level in LEVELS:
                rate, delay = detection(rng, kind, level, dispersed, runs, season)
                figures[f"{model}_{kind}_{level}_detected"] = round(rate, 3)
                figures[f"{model}_{kind}_{level}_delay"] = delay if delay is not None else -1
                cells.append(f"{rate:6.1%} ({delay if delay is not None else '–'})")
            print(f"{kind:<12}" + "".join(f"{c:>18}" for c in cells))
        print(f"{model}: false alarms per council-year (4 series, 12 months each)")
        for name, levels in [*((f"level {lv}", (lv,) * 4) for lv in LEVELS), ("mixed", MIXED)]:
            fa = false_alarms(rng, levels, dispersed, max(runs // 2, 100), season)
            key = name.replace("level ", "")
            figures[f"{model}_false_alarms_{key}"] = round(fa, 3)
            print(f"  {name:<10} {fa:.2f}")
    return figures


# --- the national data set -----------------------------------------------------------------


def add_police_areas(database: "Database") -> int:
    """The bench data has no police areas: one per ten councils (in code order), so the area
    sums run as in production (models.queries.police_areas)."""
    from sqlalchemy import insert, select

    from models import Council
    from models.council import PoliceArea, council_police_areas

    with database.session() as session:
        ids = list(session.scalars(select(Council.id).order_by(Council.code)))
        areas = [
            PoliceArea(name=f"Område {n + 1}", region_area="Bench")
            for n in range(len(ids) // 10 + 1)
        ]
        session.add_all(areas)
        session.flush()
        links = [
            {
                "council_id": cid,
                "police_area_id": areas[i // 10].id,
                "valid_from": None,
                "valid_to": None,
            }
            for i, cid in enumerate(ids)
        ]
        session.execute(insert(council_police_areas), links)
        return len(areas)


def national(kind: str, scale: str, repeat: int) -> dict[str, float]:
    from bench.overview import bench_now, median_ms, prepare, scratch_database
    from models.enums import AlertScope
    from models.queries import alerts as alert_queries
    from models.queries.alerts import current_alerts
    from models.queries.overview import (
        OverviewFilter,
        council_figures,
        incident_comparison,
        incident_trend,
    )

    figures: dict[str, float] = {}
    with scratch_database(kind) as (database, _url):
        started = time.perf_counter()
        prepare(database, scale)
        figures["generate_s"] = round(time.perf_counter() - started, 1)
        today = bench_now().date()
        figures["police_areas"] = add_police_areas(database)

        def every_council() -> object:
            with database.session() as session:
                return current_alerts(session, today)

        def every_area() -> object:
            with database.session() as session:
                return current_alerts(session, today, AlertScope.POLICE_AREA)

        def overview_yardstick() -> object:
            f = OverviewFilter(year=today.year)
            with database.session() as session:
                return (
                    incident_comparison(session, f, today),
                    incident_trend(session, f, today.year - 4),
                    council_figures(session, f, today),
                )

        with database.session() as session:
            found = current_alerts(session, today)
        figures["alerts_councils"] = len(found)

        def alert_sql() -> object:
            with database.session() as session:
                return alert_queries._sums(session, alert_queries._months(today))

        figures["alerts_sql_ms"] = round(median_ms(alert_sql, repeat), 1)
        figures["alerts_all_councils_ms"] = round(median_ms(every_council, repeat), 1)
        figures["alerts_all_police_areas_ms"] = round(median_ms(every_area, repeat), 1)
        figures["overview_incident_queries_ms"] = round(median_ms(overview_yardstick, repeat), 1)
    return figures


def main() -> None:
    runs = int(os.environ.get("BENCH_ALERT_RUNS", "2000"))
    figures = synthetic(runs) if runs else {}
    if os.environ.get("BENCH_ALERTS_DB", "1") != "0":
        scale = os.environ.get("BENCH_SCALE", "national")
        kinds = ["sqlite"] + (["postgresql"] if os.environ.get("BENCH_DATABASE_URL") else [])
        for kind in kinds:
            measured = national(kind, scale, 5)
            figures |= {f"{kind}_{scale}_{k}": v for k, v in measured.items()}
    print()
    for name, value in figures.items():
        print(f"{name}={value}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
