"""Lägesbild on a phone (390 px) and a desktop (1440 px), on paper, and its help and
accessibility statement: the menu folds behind "Meny" and opens by mouse and keyboard, no page
is wider than the phone, Översikt's KPI cards, map tiles and axis labels do not overlap, Mina
aktiviteter keeps its columns readable, printing hides navigation and controls and names the
filters and the date, the help shows the user's role first, and the footer reaches the
accessibility statement, also before logging in. axe runs on every page at both widths."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from dashboard.public import CONTACT_EMAIL, DIGG_REPORT_URL
from layouts.activities import COLUMNS as ACTIVITY_COLUMNS
from models.base import stockholm_today
from tests.browser.conftest import log_in, new_context, serious_accessibility_violations, settled

pytestmark = pytest.mark.browser

PHONE, DESKTOP = 390, 1440
COORDINATOR = "norrainnerstaden"  # Norra innerstaden (NIN), formed from Östermalm and Norrmalm

Box = dict[str, float]
LOAD = 30_000  # ms: a chart or grid drawn from the data, on a shared and busy test machine


@pytest.fixture(scope="module")
def contexts(browser: Browser, live_server: str) -> Iterator[dict[int, BrowserContext]]:
    """The coordinator logged in once per width."""
    made = {}
    for width in (PHONE, DESKTOP):
        context = new_context(browser, width)
        log_in(context.new_page(), live_server, COORDINATOR)
        made[width] = context
    yield made
    for context in made.values():
        context.close()


def _open(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.set_default_timeout(LOAD)
    page.goto(url)
    page.locator("#page h1").first.wait_for()
    settled(page)
    return page


def _overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def _boxes(page: Page, selector: str) -> list[Box]:
    return [b for b in (el.bounding_box() for el in page.locator(selector).all()) if b]


def _overlaps(boxes: list[Box], tolerance: float = 1.0) -> list[tuple[int, int]]:
    """Pairs of boxes that overlap by more than `tolerance` px both ways (touching is fine)."""
    found = []
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            dx = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
            if dx > tolerance and dy > tolerance:
                found.append((i, j))
    return found


def _print_header(page: Page) -> str:
    page.emulate_media(media="print")
    header = page.locator("#print-header")
    expect(header).to_be_visible()
    expect(page.locator(".lb-navbar")).to_be_hidden()
    expect(page.locator("#footer")).to_be_hidden()
    return header.inner_text()


def test_phone_menu_folds_and_opens_by_mouse_and_keyboard(
    contexts: dict[int, BrowserContext], live_server: str
) -> None:
    page = _open(contexts[PHONE], live_server + "/")
    toggle = page.get_by_role("button", name="Meny")
    overview_link = page.locator("#nav-oversikt")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(overview_link).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(overview_link).to_be_visible()
    toggle.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(overview_link).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#current-user")).to_contain_text("norrainnerstaden")

    # Moving to another page folds the menu again.
    page.locator("#footer").get_by_role("link", name="Hjälp: så använder du Lägesbild").click()
    expect(page.locator("#page h1")).to_have_text("Så använder du Lägesbild")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(overview_link).to_be_hidden()

    # On a desktop the menu is simply there, with no button.
    desktop = _open(contexts[DESKTOP], live_server + "/hjalp")
    expect(desktop.get_by_role("button", name="Meny")).to_be_hidden()
    expect(desktop.locator("#nav-oversikt")).to_be_visible()
    page.close()
    desktop.close()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_overview_fits_and_nothing_overlaps(
    width: int, contexts: dict[int, BrowserContext], live_server: str
) -> None:
    page = _open(contexts[width], live_server + "/?year=2025")
    kpis = page.locator(".lb-kpi")
    expect(kpis.first).to_be_visible(timeout=LOAD)
    tiles = page.locator("#overview-map .scatterlayer .point")
    tiles.first.wait_for(state="attached")
    assert _overflow(page) == 0
    assert kpis.count() >= 4 and _overlaps(_boxes(page, ".lb-kpi")) == []
    # The district tiles (11 in 2025) and their names.
    assert tiles.count() == 11
    assert _overlaps(_boxes(page, "#overview-map .scatterlayer .point")) == []
    assert _overlaps(_boxes(page, "#overview-map .textpoint text"), tolerance=0) == []
    # The trend's axis labels ("2023 T1" …) turn rather than run into each other.
    ticks = _boxes(page, "#overview-trend .xtick text")
    assert len(ticks) >= 9 and _overlaps(ticks, tolerance=0) == []
    assert serious_accessibility_violations(page) == []
    page.close()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_council_and_activities_fit_and_keep_their_columns_readable(
    width: int, contexts: dict[int, BrowserContext], live_server: str
) -> None:
    council = _open(contexts[width], live_server + "/namnd/NIN")
    expect(council.locator("#council-sub-area-table")).to_be_visible(timeout=LOAD)
    assert _overflow(council) == 0
    assert serious_accessibility_violations(council) == []
    council.close()

    page = _open(contexts[width], live_server + "/aktiviteter")
    expect(page.locator("#activities-grid .ag-row").first).to_be_visible(timeout=LOAD)
    assert _overflow(page) == 0
    # Every column at least its minimum (or fixed) width; on a phone the grid scrolls sideways
    # and draws only the columns in view, so the widths come from the grid itself.
    widths = page.evaluate(
        "Object.fromEntries(dash_ag_grid.getApi('activities-grid').getColumns()"
        ".map(c => [c.getColId(), c.getActualWidth()]))"
    )
    for column in ACTIVITY_COLUMNS:
        least = column.get("minWidth", column.get("width"))
        if least:
            assert widths[column["field"]] >= least, (column["field"], widths)
    # A description wraps at word ends in its column: a readable line holds several words.
    cell = page.locator("#activities-grid .ag-row [col-id='description']").first
    assert (cell.bounding_box() or {"width": 0})["width"] >= 200
    assert serious_accessibility_violations(page) == []
    page.close()


def test_printed_overview_names_page_filters_and_date_and_fits_a4(
    contexts: dict[int, BrowserContext], live_server: str
) -> None:
    page = _open(contexts[DESKTOP], live_server + "/?year=2025&period=t1&milieu=islamist")
    trend = page.locator("#overview-trend .main-svg").first
    expect(trend).to_be_visible(timeout=LOAD)
    screen_width = (trend.bounding_box() or {"width": 0})["width"]
    assert screen_width > 1000

    header = _print_header(page)
    assert header.startswith("Lägesbild – Översikt – År: 2025 – Period: T1 (jan–apr)")
    assert "Miljö: Islamistiska miljön" in header
    assert header.endswith(f"utskrivet {stockholm_today().isoformat()}")
    for control in ("#overview-year", "#overview-period", "#overview-measure"):
        expect(page.locator(control)).to_be_hidden()

    # Before printing every chart is redrawn for an A4 page (640 px), and restored after.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert (trend.bounding_box() or {"width": 9999})["width"] <= 640
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    expect(page.locator("#print-header")).to_be_hidden()
    page.wait_for_function(
        "document.querySelector('#overview-trend .main-svg').getBoundingClientRect().width > 1000"
    )
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.close()


def test_printed_council_and_activities_show_their_filters_and_every_row(
    contexts: dict[int, BrowserContext], live_server: str
) -> None:
    council = _open(contexts[DESKTOP], live_server + "/namnd/NIN?year=2025")
    expect(council.locator("#council-year")).to_have_value("2025", timeout=LOAD)
    header = _print_header(council)
    assert header.startswith("Lägesbild – Norra innerstaden")
    assert "År: 2025" in header
    expect(council.locator("#council-year")).to_be_hidden()
    council.close()

    page = _open(contexts[DESKTOP], live_server + "/aktiviteter?year=2025")
    rows = page.locator("#activities-grid .ag-center-cols-container .ag-row")
    expect(rows.first).to_be_visible(timeout=LOAD)
    expect(page.locator("#activities-council")).to_have_value("NIN", timeout=LOAD)
    header = _print_header(page)
    assert "Nämnd: Norra innerstaden – Planår: 2025" in header
    # On paper the grid is a plain table with every row, its columns named as on screen.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    table = page.locator("table.lb-print-table")
    expect(table).to_be_visible()
    expect(page.locator("#activities-grid")).to_be_hidden()
    names = [c["headerName"] for c in ACTIVITY_COLUMNS]
    assert table.locator("thead th").all_inner_texts() == names
    assert table.locator("tbody tr").count() == page.evaluate(
        "dash_ag_grid.getApi('activities-grid').getDisplayedRowCount()"
    )
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(table).to_have_count(0)
    page.close()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_help_shows_the_role_first_and_the_footer_reaches_the_statement(
    width: int, contexts: dict[int, BrowserContext], live_server: str
) -> None:
    page = _open(contexts[width], live_server + "/hjalp")
    sections = page.locator("section.lb-help-role")
    expect(sections.first).to_have_id("help-coordinator")
    expect(sections.first.locator("h2")).to_have_text("Lokal samordnare – din roll")
    assert sections.count() == 4
    mine = sections.first.locator("li strong").all_inner_texts()
    assert "Att göra" in mine and "Logg" not in mine  # Logg is the admin's
    assert _overflow(page) == 0
    assert serious_accessibility_violations(page) == []

    page.locator("#footer").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    page.wait_for_url(live_server + "/tillganglighet")
    expect(page.locator("h1")).to_have_text("Tillgänglighetsredogörelse för Lägesbild")
    expect(page.locator("#contact-email")).to_have_attribute("href", f"mailto:{CONTACT_EMAIL}")
    expect(page.locator("#digg-link")).to_have_attribute("href", DIGG_REPORT_URL)
    assert _overflow(page) == 0
    assert serious_accessibility_violations(page) == []
    page.close()


def test_statement_is_reachable_from_the_login_page(browser: Browser, live_server: str) -> None:
    context = new_context(browser, PHONE)
    page = context.new_page()
    page.goto(live_server + "/login")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    page.wait_for_url(live_server + "/tillganglighet")
    expect(page.locator("h2").first).to_have_text("Hur tillgänglig är webbplatsen?")
    expect(page.get_by_role("link", name="Logga in")).to_have_attribute("href", "/")
    assert _overflow(page) == 0
    assert serious_accessibility_violations(page) == []
    context.close()
