"""The three places that count overdue activities agree on the demo data: the banner on
Översikt and Att göra (todo_for_council, all the council's plan years) and Översikt's KPI, grid
and council comparison (one plan year at a time, helår). Read-only on `demo_db`."""

from datetime import date

from sqlalchemy import select

from dashboard.db import Database
from layouts.todo import summary
from models import ActionPlan, Activity, Council, rules
from models.queries import overview as q
from models.queries.todo import todo_for_council

EVERYTHING = 1_000_000  # the grid's row limit, lifted


def test_banner_att_gora_and_oversikt_agree_for_every_council(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as session:
        grid_by_council: dict[str, int] = {}
        for year in range(2017, today.year + 1):
            f = q.OverviewFilter(year)
            grid = q.overdue_activities(session, f, today, limit=EVERYTHING)
            # Within Översikt: the KPI, the grid and the council comparison (which folds a
            # merged council into its successor) count the same activities.
            assert q.activity_figures(session, f, today).overdue == len(grid), year
            assert sum(c.overdue for c in q.council_figures(session, f, today)) == len(grid)
            for row in grid:
                grid_by_council[row.council_code] = grid_by_council.get(row.council_code, 0) + 1
        councils = session.scalars(select(Council).order_by(Council.code)).all()
        assert len(councils) > 20
        for council in councils:
            todo = todo_for_council(session, council.id, today)
            # Att göra covers the council's plan years; Översikt summed over the same years.
            assert len(todo.overdue) == grid_by_council.get(council.code, 0), council.code
            if todo.years is None:
                continue
            first, last = todo.years
            assert all(first <= a.plan.year <= last for a in todo.overdue)
            banner = summary(
                council.name, len(todo.overdue), todo.years_text, 0, 0, "T2", "2026-05-01"
            )
            text = "".join(c for c in banner.children if isinstance(c, str))
            assert f"{len(todo.overdue)} förfallna aktivitet" in text
            assert f"i planerna {first}–{last}" in text or f"i planen {first}" in text


def test_norra_innerstaden_follows_up_ostermalms_activities_in_its_own_plan(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as session:
        nin = session.scalars(select(Council).where(Council.code == "NIN")).one()
        copies = session.scalars(
            select(Activity)
            .join(ActionPlan, Activity.plan_id == ActionPlan.id)
            .where(ActionPlan.council_id == nin.id, Activity.carried_from_id.isnot(None))
        ).all()
        originals = {a.carried_from_id for a in copies}
        assert copies and {session.get(Activity, i).plan.council.code for i in originals} >= {"OST"}
        # No original counts anywhere: not on Östermalm's Att göra, not on Översikt 2023.
        ost = session.scalars(select(Council).where(Council.code == "OST")).one()
        assert not originals & {a.id for a in todo_for_council(session, ost.id, today).overdue}
        grid_2023 = q.overdue_activities(session, q.OverviewFilter(2023), today, limit=EVERYTHING)
        carried_texts = {
            (session.get(Activity, i).description, session.get(Activity, i).deadline)
            for i in originals
        }
        assert (
            not {(r.description, r.deadline) for r in grid_2023 if r.council_code in ("OST", "NOR")}
            & carried_texts
        )
        # The copies are Norra innerstaden's: overdue ones show on its list.
        nin_todo = {a.id for a in todo_for_council(session, nin.id, today).overdue}
        overdue_copies = session.scalars(
            select(Activity.id).where(Activity.id.in_([a.id for a in copies]), rules.overdue(today))
        ).all()
        assert set(overdue_copies) <= nin_todo
