"""Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import re
import shutil
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

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


# Playwright waits this long for what a test expects: a page that the app draws in well under a
# second can take several on a loaded CI machine, which is not what the tests are about.
expect.set_options(timeout=15_000)

# Counts the app's own requests in flight (layout, callbacks), so `settled` can wait for a page to
# be done without Playwright's networkidle, which waits 500 ms after the last request of any kind.
TRACK_DASH_REQUESTS = """(() => {
    const original = window.fetch;
    window.lbPending = 0;
    window.lbDoneAt = performance.now();
    window.fetch = function (...args) {
        const address = String((args[0] && args[0].url) || args[0]);
        if (!address.includes("/_dash-")) { return original.apply(this, args); }
        window.lbPending += 1;
        return original.apply(this, args).finally(() => {
            window.lbPending -= 1;
            window.lbDoneAt = performance.now();
        });
    };
})();"""
SETTLED = """() => document.readyState === "complete" && (
    document.getElementById("react-entry-point") === null  /* a plain page: login, statement */
    || (window.lbPending === 0 && performance.now() - window.lbDoneAt > 150
        && document.querySelector("#page > *") !== null))"""


def new_context(browser: Browser, width: int = 1366) -> BrowserContext:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE")
    context.add_init_script(TRACK_DASH_REQUESTS)
    return context


def settled(page: Page) -> None:
    """Waits until the page is drawn and every callback it fired has answered (none for 150 ms);
    a page outside the app (login, the accessibility statement) until it has loaded."""
    page.wait_for_function(SETTLED)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


CSRF_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def log_in(
    page: Page, base_url: str, username: str, password: str = "demo", then: str | None = None
) -> None:
    """Logs in through the form and lands on Översikt; with `then`, logs in as the form would
    post (CSRF token and all) and opens `then` directly, without drawing Översikt first."""
    if then is None:
        page.goto(f"{base_url}/login")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(f"{base_url}/")
        return
    form = page.request.get(f"{base_url}/login").text()
    token = CSRF_TOKEN.search(form)
    assert token, "the login page has a CSRF token"
    answer = page.request.post(
        f"{base_url}/login",
        form={"username": username, "password": password, "csrf_token": token.group(1)},
        max_redirects=0,
    )
    assert answer.status == 302, f"{username} could not log in"
    page.goto(base_url + then)


def serious_accessibility_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the current page (WCAG 2.1 AA matters),
    once the page has settled: a grid caught half-drawn is not what users meet."""
    settled(page)
    page.wait_for_timeout(300)
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
