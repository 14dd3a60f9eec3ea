"""Synthetic data at national or city scale, written with bulk inserts (COPY on PostgreSQL)."""

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, text

from models.incident import tertial_of

MILIEUS = ("white_power", "autonomous", "islamist", "unclear", "not_vbe")
SOURCES = (
    "ia",
    "traffic_office",
    "sisab",
    "form",
    "police",
    "social_services",
    "school",
    "survey",
    "other",
)
CATEGORIES = (
    "graffiti",
    "stickers",
    "demonstration",
    "concern",
    "threat_violence",
    "school_incident",
    "propaganda",
    "other",
)
SECTIONS = ("preventive", "preventing", "grants_premises", "competence")
STATUSES = ("not_started", "ongoing", "done", "delayed", "cancelled")
INDICATORS = (
    "knows_plan",
    "believes_staff_know_plan",
    "knows_coordinator",
    "knows_form",
    "knows_support_material",
    "knowledge_adequate",
    "observed_incident",
)


@dataclass(frozen=True)
class Scale:
    name: str
    councils: int
    years: int
    incidents: int
    activities_per_plan: int


SCALES = {
    "national": Scale("national", 290, 10, 1_000_000, 14),
    "city": Scale("city", 22, 10, 60_000, 12),
}


def _copy_or_insert(
    engine: Engine, table: str, columns: list[str], rows: Sequence[tuple[object, ...]]
) -> None:
    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            buffer = io.StringIO()
            for row in rows:
                buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                copy.write(buffer.getvalue())
            raw.commit()
        finally:
            raw.close()
        return
    placeholders = ", ".join(f":{c}" for c in columns)
    with engine.begin() as conn:
        conn.execute(
            text(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"),
            [dict(zip(columns, row, strict=True)) for row in rows],
        )


def generate(engine: Engine, scale: Scale, last_year: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    first_year = last_year - scale.years + 1
    councils = [
        (
            i,
            f"N{i:03d}",
            f"Nämnd {i:03d}",
            "district" if i % 20 else "specialist",
            "2007-01-01",
            None,
        )
        for i in range(1, scale.councils + 1)
    ]
    _copy_or_insert(
        engine, "councils", ["id", "code", "name", "kind", "valid_from", "valid_to"], councils
    )
    populations = [
        (n, c[0], y, rng.randint(20_000, 150_000), "Syntetisk (benchmark)")
        for n, (c, y) in enumerate(
            ((c, y) for c in councils for y in range(first_year, last_year + 1)), start=1
        )
    ]
    _copy_or_insert(
        engine,
        "council_populations",
        ["id", "council_id", "year", "population", "source"],
        populations,
    )

    now = datetime(last_year, 1, 1, tzinfo=UTC).isoformat()
    plans, activities = [], []
    activity_id = 1
    for plan_id, (council, year) in enumerate(
        ((c, y) for c in councils for y in range(first_year, last_year + 1)), start=1
    ):
        status = rng.choice(("ks_approved", "ks_approved", "council_approved", "draft"))
        ks_day = f"{year}-06-15" if status == "ks_approved" else None
        plans.append((plan_id, council[0], year, status, ks_day, "", "", "", True, now, 1))
        for position in range(scale.activities_per_plan):
            continuous = rng.random() < 0.3
            deadline = None if continuous else date(year, rng.randint(1, 12), 28).isoformat()
            st = rng.choice(STATUSES)
            done_on = deadline if st == "done" and deadline else None
            activities.append(
                (
                    activity_id,
                    plan_id,
                    position,
                    SECTIONS[position % 4],
                    "Aktivitet",
                    "Ansvarig",
                    "continuous" if continuous else "deadline",
                    deadline,
                    "",
                    "vb",
                    "",
                    st,
                    done_on,
                    True,
                    1,
                )
            )
            activity_id += 1
    _copy_or_insert(
        engine,
        "action_plans",
        [
            "id",
            "council_id",
            "year",
            "status",
            "ks_approved_on",
            "lagesbild",
            "sources",
            "analysis",
            "is_synthetic",
            "updated_at",
            "version",
        ],
        plans,
    )
    _copy_or_insert(
        engine,
        "activities",
        [
            "id",
            "plan_id",
            "position",
            "section",
            "description",
            "responsible",
            "schedule",
            "deadline",
            "schedule_text",
            "follow_up",
            "follow_up_text",
            "status",
            "completed_on",
            "is_synthetic",
            "version",
        ],
        activities,
    )

    rounds: list[tuple[object, ...]] = []
    results: list[tuple[object, ...]] = []
    for round_id, (council, year) in enumerate(
        ((c, y) for c in councils for y in range(first_year, last_year + 1)), start=1
    ):
        sent = rng.randint(15, 60)
        rounds.append(
            (round_id, council[0], year, "Enhetschefer", sent, rng.randint(1, sent), True, 1)
        )
        for ind in INDICATORS:
            results.append((len(results) + 1, round_id, ind, round(rng.uniform(5, 95), 1)))
    _copy_or_insert(
        engine,
        "survey_rounds",
        ["id", "council_id", "year", "audience", "sent", "answered", "is_synthetic", "version"],
        rounds,
    )
    _copy_or_insert(engine, "survey_results", ["id", "round_id", "indicator", "percent"], results)

    batch: list[tuple[object, ...]] = []
    columns = [
        "id",
        "council_id",
        "occurred_on",
        "date_precision",
        "year",
        "month",
        "tertial",
        "source",
        "category",
        "milieu",
        "count",
        "description",
        "is_synthetic",
        "created_at",
        "version",
    ]
    for incident_id in range(1, scale.incidents + 1):
        year = rng.randint(first_year, last_year)
        month = rng.randint(1, 12)
        batch.append(
            (
                incident_id,
                rng.randint(1, scale.councils),
                date(year, month, rng.randint(1, 28)).isoformat(),
                "day",
                year,
                month,
                tertial_of(month),
                rng.choice(SOURCES),
                rng.choice(CATEGORIES),
                rng.choice(MILIEUS),
                rng.choice((1, 1, 1, 2, 3)),
                "",
                True,
                now,
                1,
            )
        )
        if len(batch) == 100_000:
            _copy_or_insert(engine, "incidents", columns, batch)
            batch = []
    if batch:
        _copy_or_insert(engine, "incidents", columns, batch)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in (
                "councils",
                "council_populations",
                "action_plans",
                "activities",
                "survey_rounds",
                "survey_results",
                "incidents",
            ):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" (SELECT MAX(id) FROM {table}))"
                    )
                )
            conn.execute(text("ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
