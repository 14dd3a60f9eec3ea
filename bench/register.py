"""Benchmark of the incident register (Händelser) at national (default) or city scale.

Times what one view of the register reads: the count and one page of 100 rows, first page and a
deep page, for the filters the page offers. The generated data get police areas (each council in
one area; area 1 split on 2025-01-01, as Norrmalm was) and sub-areas on a tenth of the rows.
The database is kept between runs (`BENCH_REGISTER_DB`, default /tmp/register-bench.db);
`BENCH_DATABASE_URL` measures PostgreSQL in a schema of its own instead.

    python -m bench.register            # national, SQLite
    BENCH_SCALE=city python -m bench.register
"""

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from sqlalchemy import text

from bench.generate import SCALES, analyze, generate
from bench.overview import bench_now, scratch_database
from dashboard.db import Database
from models.enums import IncidentSource, Milieu
from models.queries.incidents import IncidentFilter, incident_page
from models.queries.police_areas import memberships

AREAS = 30
SPLIT = date(2025, 1, 1)
SUB_AREAS = ("Blackeberg", "Råcksta", "Östermalm", "Vällingby C", "50%_rabatt")


def add_areas_and_sub_areas(database: Database, councils: int) -> None:
    with database.engine.begin() as conn:
        for area in range(1, AREAS + 2):
            conn.execute(
                text(
                    "INSERT INTO police_areas (id, name, region_area, valid_from, valid_to) "
                    "VALUES (:id, :name, 'Syd', NULL, :to)"
                ),
                {"id": area, "name": f"Område {area}", "to": None},
            )
        for council in range(1, councils + 1):
            area = council % AREAS + 1
            if area == 1 and council % 2:
                # Half of area 1's councils move to area AREAS + 1 on SPLIT.
                conn.execute(
                    text(
                        "INSERT INTO council_police_areas VALUES (:c, 1, NULL, :last), "
                        "(:c, :new, :first, NULL)"
                    ),
                    {"c": council, "new": AREAS + 1, "last": date(2024, 12, 31), "first": SPLIT},
                )
            else:
                conn.execute(
                    text("INSERT INTO council_police_areas VALUES (:c, :a, NULL, NULL)"),
                    {"c": council, "a": area},
                )
        for n, name in enumerate(SUB_AREAS):
            conn.execute(
                text("UPDATE incidents SET sub_area = :name WHERE id % 50 = :n"),
                {"name": name, "n": n},
            )


def prepare(database: Database, scale_name: str) -> None:
    database.migrate()
    started = time.perf_counter()
    generate(database.engine, SCALES[scale_name], last_year=date.today().year, now=bench_now())
    add_areas_and_sub_areas(database, SCALES[scale_name].councils)
    print(f"# generated {scale_name} data in {time.perf_counter() - started:.1f} s", flush=True)


def median_ms(database: Database, f: IncidentFilter, offset: int, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        with database.session() as session:
            start = time.perf_counter()
            page = incident_page(session, f, offset)
            times.append((time.perf_counter() - start) * 1000)
            assert len(page.rows) <= 100
    return statistics.median(times)


def measure(database: Database) -> None:
    with database.session() as session:
        area_one = tuple(memberships(session, 1))
    year = date.today().year
    this_year = (date(year, 1, 1), date(year, 12, 31))
    views = {
        "all_time_all_councils": IncidentFilter(),
        "this_year": IncidentFilter(first=this_year[0], last=this_year[1]),
        "council_this_year": IncidentFilter(council_id=7, first=this_year[0], last=this_year[1]),
        "council_all_time": IncidentFilter(council_id=7),
        "area_split_3_years": IncidentFilter(
            area=area_one, first=date(year - 2, 1, 1), last=this_year[1]
        ),
        "month_milieu": IncidentFilter(
            first=date(year, 10, 1), last=date(year, 10, 31), milieu=Milieu.WHITE_POWER
        ),
        "source_milieu_all_time": IncidentFilter(
            source=IncidentSource.POLICE, milieu=Milieu.ISLAMIST
        ),
        "sub_area_percent": IncidentFilter(sub_area="50%"),
        "sub_area_this_year": IncidentFilter(
            sub_area="blackeberg", first=this_year[0], last=this_year[1]
        ),
    }
    for name, f in views.items():
        with database.session() as session:
            total = incident_page(session, f, 0).total
        deep = max(0, (total // 2) // 100 * 100)
        first = median_ms(database, f, 0)
        middle = median_ms(database, f, deep)
        print(
            f"register_{name}: rows={total} first_page_ms={first:.0f} "
            f"deep_page_ms={middle:.0f} (offset {deep})",
            flush=True,
        )


def main() -> None:
    scale = os.environ.get("BENCH_SCALE", "national")
    if os.environ.get("BENCH_DATABASE_URL"):
        with scratch_database("postgresql") as (database, _url):
            prepare(database, scale)
            with database.engine.begin() as conn:
                analyze(conn)
            measure(database)
        return
    path = Path(os.environ.get("BENCH_REGISTER_DB", f"/tmp/register-bench-{scale}.db"))
    database = Database(f"sqlite:///{path}")
    if not path.exists() or "--fresh" in sys.argv:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        database = Database(f"sqlite:///{path}")
        prepare(database, scale)
    if "--upgrade" in sys.argv:
        database.migrate()
        with database.engine.begin() as conn:
            analyze(conn)
    measure(database)


if __name__ == "__main__":
    main()
