"""Every page of the registry, opened by every role: the roles the registry names get the page
with no console error and no serious accessibility finding; every other role gets the Swedish
refusal and none of the page's data. Generated from the registry, so a new page is covered by
adding its line there."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response, expect

from dashboard.pages import PAGES
from dashboard.pages import Page as RegisteredPage
from models.enums import Role
from tests.accounts import ACCOUNTS
from tests.browser.conftest import log_in, new_context, serious_accessibility_violations, settled

pytestmark = pytest.mark.browser

EXAMPLE_PATHS = {"/namnd/<code>": "/namnd/SKA"}
REFUSAL = "Du har inte behörighet till den här sidan"


def _path(page: RegisteredPage) -> str:
    return EXAMPLE_PATHS.get(page.path, page.path)


@dataclass
class Tab:
    """One logged-in page per role, moved from page to page inside the app as its menu does
    (the router renders each page; a new document per page would only time Chromium)."""

    page: Page
    errors: list[str]


NAVIGATE = """path => {
    window.history.pushState({}, "", path);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
}"""


@pytest.fixture(scope="module")
def tabs(browser: Browser, live_server: str) -> Iterator[dict[Role, Tab]]:
    """Made when first needed."""
    made: list[BrowserContext] = []

    class Tabs(dict):  # type: ignore[type-arg]
        def __missing__(self, role: Role) -> Tab:
            context = new_context(browser, width=1440)
            made.append(context)
            page = context.new_page()
            tab = self[role] = Tab(page, [])
            page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: tab.errors.append(str(e)))
            log_in(page, live_server, ACCOUNTS[role])
            return tab

    yield Tabs()
    for context in made:
        context.close()


def _is_router_call(response: Response) -> bool:
    return "_dash-update-component" in response.url and "page.children...page-title.data" in (
        response.request.post_data or ""
    )


def _open(tab: Tab, path: str) -> Page:
    """`path` opened inside the app, once the router has answered and the page has settled."""
    page = tab.page
    settled(page)
    tab.errors.clear()
    if page.evaluate("window.location.pathname + window.location.search") != path:
        with page.expect_response(_is_router_call):
            page.evaluate(NAVIGATE, path)
    settled(page)
    return page


# axe once per page, for the first role allowed in this order: the same page for every role.
AXE_ORDER = (Role.COORDINATOR, Role.ADMIN, Role.READER, Role.POLICE)


@pytest.mark.parametrize("role", list(ACCOUNTS), ids=lambda r: r.value)
@pytest.mark.parametrize("registered", PAGES, ids=lambda p: p.key)
def test_page_opens_for_its_roles_and_no_other(
    registered: RegisteredPage, role: Role, tabs: dict[Role, Tab]
) -> None:
    tab = tabs[role]
    page = _open(tab, _path(registered))
    if registered.allows(role):
        expect(page.locator("#not-allowed")).to_have_count(0)
        title = registered.tab_title({"code": "SKA"}, {"SKA": "Skarpnäck"}.get)
        expect(page).to_have_title(f"{title} – Lägesbild")
        if role is next(r for r in AXE_ORDER if registered.allows(r)):
            assert serious_accessibility_violations(page) == []
    else:
        refusal = page.locator("#not-allowed")
        expect(refusal).to_contain_text(REFUSAL)
        expect(refusal.get_by_role("link", name="Till översikten")).to_have_attribute("href", "/")
        # None of the page's data: no chart, no grid, no form of the page.
        expect(page.locator("#page .js-plotly-plot, #page .ag-root, #page form")).to_have_count(0)
    assert tab.errors == []
