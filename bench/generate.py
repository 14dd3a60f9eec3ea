"""Synthetic data at national or city scale, written with bulk inserts (COPY on PostgreSQL).

Activities carry a follow-up history (`activity_updates`) consistent with their current status,
so the tertial/VB reconstruction as of a period's end has real work to do. The history draws from
a random stream of its own: every other table comes out as it did before the history existed.
"""

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

from models import data_version
from models.base import Base
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


def analyze(conn: Connection) -> None:
    """Fresh planner statistics for Lägesbild's tables. On PostgreSQL only those (a plain
    ANALYZE would lock every table of every schema in the database in one transaction, which
    runs out of lock slots beside many test schemas)."""
    if conn.dialect.name != "postgresql":
        conn.execute(text("ANALYZE"))
        return
    for table in Base.metadata.sorted_tables:
        conn.execute(text(f'ANALYZE "{table.name}"'))


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


# What a coordinator writes with an entry, by the kind of entry.
COMMENTS = {
    "not_started": ("Ej påbörjad: planeras till hösten.", "Ej påbörjad: väntar på resurser."),
    "start": ("Arbetet har startat.", "Uppstart genomförd med berörda enheter."),
    "progress": ("Pågår enligt plan.", "Genomfört för en del av verksamheterna."),
    "progress_continuous": (
        "Löpande arbete, avstämt i samverkansmöte.",
        "Pågår löpande, rapporterat i tertialen.",
    ),
    "done": ("Genomförd enligt plan.", "Genomförd, utvärdering gjord."),
    "delayed": ("Försenad: samordnaren har varit vakant.", "Försenad: flyttad till nästa termin."),
    "cancelled": ("Inställd: ersatt av stadsövergripande insats.", "Inställd efter prioritering."),
}


@dataclass(frozen=True)
class Update:
    at: datetime
    old_status: str | None
    new_status: str
    comment: str
    completed_on: date | None


def _instant(value: datetime, dialect: str) -> str:
    """As SQLAlchemy stores a zoned DateTime: SQLite text in UTC without offset (it compares as
    text), PostgreSQL timestamptz input."""
    value = value.astimezone(UTC)
    if dialect == "sqlite":
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value.isoformat()


def _moment(rng: random.Random, day: date) -> datetime:
    """A working-day hour on `day`, in UTC."""
    return datetime(
        day.year, day.month, day.day, rng.randint(6, 15), rng.randint(0, 59), tzinfo=UTC
    )


def history(
    rng: random.Random,
    year: int,
    status: str,
    continuous: bool,
    deadline: date | None,
    completed_on: date | None,
    until: datetime,
) -> list[Update]:
    """1–4 follow-up entries over the plan year that end in the activity's current `status`:
    started (not_started → ongoing) in the first months, a progress note now and then (löpande
    ones in some tertials), and done on `completed_on`, cancelled before or delayed after the
    deadline. Nothing happens at or after `until` (the generator's now): an entry that would is
    moved to a day before it. Some not-started activities have no history at all."""
    if status == "not_started":
        if rng.random() < 0.5:
            return []
        day = date(year, rng.randint(2, 10), rng.randint(1, 28))
        plan: list[tuple[date, str | None, str, str]] = [(day, None, "not_started", "not_started")]
    else:
        final: date | None = None
        if status == "done":
            final = completed_on or date(year, rng.randint(6, 12), rng.randint(1, 28))
        elif status == "cancelled":
            base = deadline or date(year, 10, 15)
            final = base - timedelta(days=rng.randint(0, 40))
        elif status == "delayed":
            base = deadline or date(year, 9, 15)
            final = base + timedelta(days=rng.randint(1, 30))
        latest_start = (final or date(year, 12, 1)) - timedelta(days=1)
        span = max(0, min(90, (latest_start - date(year, 1, 2)).days))
        begun = date(year, 1, 2) + timedelta(days=rng.randint(0, span))
        plan = [(begun, "not_started", "ongoing", "start")]
        # Progress notes between the start and the end: in T2 and T3 for löpande ones.
        windows = (
            [(date(year, 5, 1), date(year, 8, 31)), (date(year, 9, 1), date(year, 12, 20))]
            if continuous
            else [(begun + timedelta(days=1), (final or date(year, 12, 20)) - timedelta(days=1))]
        )
        for first, last in windows:
            first, last = max(first, begun + timedelta(days=1)), min(last, final or last)
            if first < last and rng.random() < (0.7 if continuous else 0.35):
                plan.append(
                    (
                        first + timedelta(days=rng.randint(0, (last - first).days)),
                        "ongoing",
                        "ongoing",
                        "progress_continuous" if continuous else "progress",
                    )
                )
        if final is not None:
            plan.append((max(final, plan[-1][0]), "ongoing", status, status))
    updates: list[Update] = []
    previous: datetime | None = None
    for day, old, new, kind in plan:
        at = _moment(rng, day)
        if at >= until:  # not yet happened: it happened between the previous entry and now
            floor = previous or (until - timedelta(days=30))
            at = floor + (until - floor) * rng.uniform(0.2, 0.9)
        at = max(at, previous + timedelta(minutes=1)) if previous else at
        done_on = None
        if new == "done":
            done_on = min(completed_on or at.date(), at.date())
        updates.append(Update(at, old, new, rng.choice(COMMENTS[kind]), done_on))
        previous = at
    return updates


def generate(
    engine: Engine, scale: Scale, last_year: int, seed: int = 1, now: datetime | None = None
) -> None:
    """National or city data for the `scale.years` years up to `last_year`. The activity history
    ends before `now` (default: mid-January after `last_year`, every year closed)."""
    rng = random.Random(seed)
    history_rng = random.Random(seed * 1_000_003 + 7)
    until = now or datetime(last_year + 1, 1, 15, tzinfo=UTC)
    dialect = engine.dialect.name
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

    stamp = datetime(last_year, 1, 1, tzinfo=UTC).isoformat()
    plans: list[tuple[object, ...]] = []
    activities: list[tuple[object, ...]] = []
    updates: list[tuple[object, ...]] = []
    activity_id = 1
    for plan_id, (council, year) in enumerate(
        ((c, y) for c in councils for y in range(first_year, last_year + 1)), start=1
    ):
        status = rng.choice(("ks_approved", "ks_approved", "council_approved", "draft"))
        ks_day = f"{year}-06-15" if status == "ks_approved" else None
        plans.append((plan_id, council[0], year, status, ks_day, "", "", "", True, stamp, 1))
        for position in range(scale.activities_per_plan):
            continuous = rng.random() < 0.3
            deadline = None if continuous else date(year, rng.randint(1, 12), 28).isoformat()
            st = rng.choice(STATUSES)
            done_on = deadline if st == "done" and deadline else None
            entries = history(
                history_rng,
                year,
                st,
                continuous,
                date.fromisoformat(deadline) if deadline else None,
                date.fromisoformat(done_on) if done_on else None,
                until,
            )
            for entry in entries:
                updates.append(
                    (
                        len(updates) + 1,
                        activity_id,
                        _instant(entry.at, dialect),
                        entry.old_status,
                        entry.new_status,
                        entry.comment,
                        entry.completed_on.isoformat() if entry.completed_on else None,
                        True,
                    )
                )
            last = entries[-1] if entries else None
            if last and last.completed_on:
                done_on = last.completed_on.isoformat()  # never after the entry that reported it
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
                    last.comment if last else None,
                    _instant(last.at, dialect) if last else None,
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
            "comment",
            "last_update_at",
            "is_synthetic",
            "version",
        ],
        activities,
    )
    _copy_or_insert(
        engine,
        "activity_updates",
        [
            "id",
            "activity_id",
            "at",
            "old_status",
            "new_status",
            "comment",
            "completed_on",
            "is_synthetic",
        ],
        updates,
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
                stamp,
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
                "activity_updates",
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
            analyze(conn)
    else:
        with engine.begin() as conn:
            analyze(conn)
    # Written past the audit log: new data versions, so no read cache keeps an older result.
    with Session(engine) as session, session.begin():
        data_version.renew(session)
