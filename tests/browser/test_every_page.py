"""Every page of the registry, opened by every role: the roles the registry names get the page
with no console error and no serious accessibility finding; every other role gets the Swedish
refusal and none of the page's data. Generated from the registry, so a new page is covered by
adding its line there."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from dashboard.pages import PAGES
from dashboard.pages import Page as RegisteredPage
from models.enums import Role
from tests.accounts import ACCOUNTS
from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = pytest.mark.browser

EXAMPLE_PATHS = {"/namnd/<code>": "/namnd/SKA"}
REFUSAL = "Du har inte behörighet till den här sidan"


def _path(page: RegisteredPage) -> str:
    return EXAMPLE_PATHS.get(page.path, page.path)


@pytest.fixture(scope="module")
def contexts(browser: Browser, live_server: str) -> Iterator[dict[Role, BrowserContext]]:
    """One logged-in browser context per role, made when first needed."""
    made: dict[Role, BrowserContext] = {}

    class Contexts(dict):  # type: ignore[type-arg]
        def __missing__(self, role: Role) -> BrowserContext:
            context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="sv-SE")
            log_in(context.new_page(), live_server, ACCOUNTS[role])
            made[role] = self[role] = context
            return context

    yield Contexts()
    for context in made.values():
        context.close()


def _open(context: BrowserContext, url: str) -> tuple[Page, list[str]]:
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.locator("#page h1").first.wait_for()
    return page, errors


# axe once per page, for the first role allowed in this order: the same page for every role.
AXE_ORDER = (Role.COORDINATOR, Role.ADMIN, Role.READER, Role.POLICE)


@pytest.mark.parametrize("role", list(ACCOUNTS), ids=lambda r: r.value)
@pytest.mark.parametrize("registered", PAGES, ids=lambda p: p.key)
def test_page_opens_for_its_roles_and_no_other(
    registered: RegisteredPage,
    role: Role,
    contexts: dict[Role, BrowserContext],
    live_server: str,
) -> None:
    page, errors = _open(contexts[role], live_server + _path(registered))
    try:
        if registered.allows(role):
            expect(page.locator("#not-allowed")).to_have_count(0)
            title = registered.tab_title({"code": "SKA"}, {"SKA": "Skarpnäck"}.get)
            expect(page).to_have_title(f"{title} – Lägesbild")
            page.wait_for_load_state("networkidle")
            if role is next(r for r in AXE_ORDER if registered.allows(r)):
                assert serious_accessibility_violations(page) == []
            assert errors == []
        else:
            refusal = page.locator("#not-allowed")
            expect(refusal).to_contain_text(REFUSAL)
            expect(refusal.get_by_role("link", name="Till översikten")).to_have_attribute(
                "href", "/"
            )
            page.wait_for_load_state("networkidle")
            # None of the page's data: no chart, no grid, no form of the page.
            expect(page.locator("#page .js-plotly-plot, #page .ag-root, #page form")).to_have_count(
                0
            )
            assert errors == []
    finally:
        page.close()
