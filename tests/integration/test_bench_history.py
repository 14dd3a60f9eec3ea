"""The benchmark's generated follow-up history is one the as-of reconstruction can trust: it
chains, it ends in each activity's current state, and nothing in it lies after the
generator's now. Otherwise bench/follow_up.py would time a reconstruction of nonsense."""

from datetime import UTC, datetime
from itertools import groupby, pairwise

from sqlalchemy import select

from bench.generate import Scale, generate
from dashboard.db import Database
from models import ActionPlan, Activity, ActivityUpdate, rules
from models.base import as_utc
from models.queries import follow_up as fq

TINY = Scale("tiny", councils=6, years=2, incidents=50, activities_per_plan=12)
NOW = datetime(2026, 11, 26, tzinfo=UTC)


def test_history_chains_and_ends_in_the_current_state(empty_db: Database) -> None:
    generate(empty_db.engine, TINY, last_year=2026, now=NOW)
    with empty_db.session() as session:
        activities = {a.id: a for a in session.scalars(select(Activity))}
        updates = session.scalars(
            select(ActivityUpdate).order_by(ActivityUpdate.activity_id, ActivityUpdate.at)
        ).all()
        assert len(updates) > len(activities)  # most activities have a history
        for activity_id, group in groupby(updates, key=lambda u: u.activity_id):
            entries = list(group)
            assert 1 <= len(entries) <= 4
            for before, after in pairwise(entries):
                assert after.old_status == before.new_status
                assert as_utc(before.at) < as_utc(after.at)
            last = entries[-1]
            activity = activities[activity_id]
            assert as_utc(last.at) < NOW
            assert last.new_status == activity.status
            assert last.completed_on == activity.completed_on
            assert as_utc(activity.last_update_at) == as_utc(last.at)  # type: ignore[arg-type]


def test_as_of_now_agrees_with_the_current_state(empty_db: Database) -> None:
    generate(empty_db.engine, TINY, last_year=2026, now=NOW)
    with empty_db.session() as session:
        current = {
            a.id: a
            for a in session.scalars(
                select(Activity).join(ActionPlan).where(ActionPlan.year == 2026)
            )
        }
        rows = fq.activities_as_of(session, rules.period(2026, "vb"), None, NOW)
        assert {r.id for r in rows} == set(current)
        for row in rows:
            activity = current[row.id]
            assert (row.status, row.completed_on, row.comment) == (
                activity.status,
                activity.completed_on,
                activity.comment,
            )
        # At T1 the year's later entries had not happened: nothing done after 30 April.
        t1 = fq.activities_as_of(session, rules.period(2026, "t1"), None, NOW)
        done = [r for r in t1 if r.completed_on]
        assert all(r.completed_on <= rules.period(2026, "t1").end for r in done)
        assert len([r for r in t1 if r.status != current[r.id].status]) > len(rows) // 4
