"""Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import shutil
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Modules whose browser tests save through the forms, where the database decides what the user
# sees (version conflicts, refusals, histories): these run on every database kind. The other
# browser tests read what the integration tests already check on both databases, so the browser
# runs them on SQLite only, which halves the suite's longest part.
ON_EVERY_DATABASE = {
    "test_write_pages.py",
    "test_history_pages.py",
    "test_successors_and_readers.py",
    "test_plan_page.py",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def sqlite_only_on_other_db(item: pytest.Item) -> bool:
        callspec = getattr(item, "callspec", None)
        kind = callspec.params.get("db_kind") if callspec else None
        return (
            item.path.parent.name == "browser"
            and item.path.name not in ON_EVERY_DATABASE
            and kind not in (None, "sqlite")
        )

    dropped = [item for item in items if sqlite_only_on_other_db(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if not sqlite_only_on_other_db(item)]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") or os.environ.get("LAGESBILD_REQUIRE_BROWSER"):
            pytest.fail("Chromium saknas men webbläsartesterna måste köras i CI.")
        pytest.skip("Chromium saknas (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="sv-SE")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def log_in(page: Page, base_url: str, username: str, password: str = "demo") -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{base_url}/")


def serious_accessibility_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the current page (WCAG 2.1 AA matters),
    once the page has settled: a grid caught half-drawn is not what users meet."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
