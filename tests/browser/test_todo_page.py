"""The coordinator's banner on Översikt and the Att göra page say the same overdue count, and
which plan years it covers (Norra innerstaden follows up Östermalm's carried-over activities)."""

from playwright.sync_api import Page, expect
from sqlalchemy import select

from dashboard.db import Database
from models import Council
from models.base import stockholm_today
from models.queries.todo import todo_for_council
from tests.browser.conftest import log_in


def test_banner_and_att_gora_agree_and_name_the_plan_years(
    page: Page, live_server: str, demo_db: Database
) -> None:
    with demo_db.session() as session:
        nin = session.scalars(select(Council).where(Council.code == "NIN")).one()
        todo = todo_for_council(session, nin.id, stockholm_today())
        overdue, years = len(todo.overdue), todo.years_text
    assert years.startswith("planerna 2024–")
    log_in(page, live_server, "norrainnerstaden")
    banner = page.locator("#todo-summary-alert")
    expect(banner).to_contain_text(f"{overdue} förfallna aktivitet")
    expect(banner).to_contain_text(f"i {years}")
    page.get_by_role("link", name="Visa att göra-listan").click()
    expect(page.locator("#todo-overdue h2")).to_have_text(f"Förfallna i {years} ({overdue})")
    expect(page.locator("#todo-period")).to_contain_text(f"Förfallna aktiviteter i {years}.")
    assert not page.console_errors  # type: ignore[attr-defined]
