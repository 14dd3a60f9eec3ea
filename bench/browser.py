"""What a user waits for: Översikt and a council page in Chromium, at national (default) scale.

A page is ready when its content is there, no callback is in flight or waiting, no spinner
shows and every chart is drawn. Measured by the page's own clock (`performance.now()`) over
BENCH_NAVIGATIONS (10) navigations each, after BENCH_WARM_UP (6) warm-ups (the browser's cache
then holds the scripts, as it does for a returning user, and every worker's cache the page),
against gunicorn with the production settings (gunicorn.conf.py):
- `overview`: Översikt loaded as a new page (address bar, bookmark), from the navigation's start;
- `council`: a council page opened from Översikt's list of councils, as users do, from the
  click (inside the app: only the page's one answer, no new scripts);
- `council_reload`: the council page loaded as a new page.
It prints `name=value` lines last; PostgreSQL's with a `pg_` prefix when BENCH_DATABASE_URL is
set.
"""

import os
import shutil
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import Page, sync_playwright
from sqlalchemy import text

from bench.overview import PASSWORD, gunicorn, prepare, run_everywhere, scratch_database

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Counts the callbacks in flight: dash-renderer posts them with fetch.
COUNT_CALLBACKS = """
(() => {
  window.__lbPending = 0;
  const original = window.fetch;
  window.fetch = function (...args) {
    const url = String(args[0] && args[0].url ? args[0].url : args[0]);
    if (!url.includes('_dash-update-component')) return original.apply(this, args);
    window.__lbPending += 1;
    return original.apply(this, args).finally(() => { window.__lbPending -= 1; });
  };
})();
"""

# Every selector must match (the page's own content, also what Dash draws lazily, such as
# Markdown); then nothing may be pending, loading or undrawn. Returns the document's clock then.
READY = """
(selectors) => {
  if (!selectors.every(s => document.querySelector(s))) return false;
  if (window.__lbPending !== 0) return false;
  if (document.querySelector('[data-dash-is-loading="true"], .dash-spinner, ._dash-loading'))
    return false;
  const plots = document.querySelectorAll('.dash-graph');
  for (const plot of plots) {
    const drawn = plot.querySelector('.js-plotly-plot .main-svg');
    if (!drawn) return false;
  }
  return performance.now();
}
"""

OVERVIEW_READY = ["#overview-kpis .card", "#overview-council-links a", "#overview-alerts *"]
COUNCIL_READY = ["#council-header h1", "#council-activities *"]


def time_page(page: Page, url: str, selectors: list[str]) -> float:
    page.goto(url, wait_until="commit")
    handle = page.wait_for_function(READY, arg=selectors, polling="raf", timeout=60_000)
    ready: float = handle.json_value()
    return ready


# Warm-up navigations before timing: the scripts go into the browser's cache, and every gunicorn
# worker (gunicorn.conf.py: 4 on 2 cores) computes the page once for its own query cache; in
# production, with REDIS_URL, one computation serves them all.
WARM_UP = int(os.environ.get("BENCH_WARM_UP", "6"))


def time_navigations(page: Page, url: str, selectors: list[str], count: int) -> list[float]:
    for _ in range(WARM_UP):
        time_page(page, url, selectors)
    return [time_page(page, url, selectors) for _ in range(count)]


def time_click(page: Page, overview: str, link: str, selectors: list[str]) -> float:
    """From a click on `link` on Översikt (loaded first, not timed) until the page is ready."""
    time_page(page, overview, OVERVIEW_READY)
    started: float = page.evaluate(
        "(link) => { const t = performance.now(); document.querySelector(link).click(); "
        "return t; }",
        link,
    )
    handle = page.wait_for_function(READY, arg=selectors, polling="raf", timeout=60_000)
    ready: float = handle.json_value()
    return ready - started


def time_clicks(
    page: Page, overview: str, link: str, selectors: list[str], count: int
) -> list[float]:
    for _ in range(WARM_UP):
        time_click(page, overview, link, selectors)
    return [time_click(page, overview, link, selectors) for _ in range(count)]


@contextmanager
def logged_in(base: str) -> Iterator[Page]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="sv-SE")
        context.add_init_script(COUNT_CALLBACKS)
        page = context.new_page()
        page.goto(f"{base}/login")
        page.fill("#username", "bench")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        try:
            yield page
        finally:
            browser.close()


def summary(name: str, times: list[float]) -> dict[str, float]:
    return {
        f"{name}_ready_ms_median": statistics.median(times),
        f"{name}_ready_ms_worst": max(times),
        f"{name}_ready_ms_best": min(times),
    }


def run(kind: str, scale: str, navigations: int) -> dict[str, Any]:
    with scratch_database(kind) as (database, url):
        prepare(database, scale)
        with database.engine.connect() as conn:
            code = conn.execute(text("SELECT code FROM councils ORDER BY code LIMIT 1")).scalar()
        with (
            gunicorn(url, query_cache=True, production=True) as (base, _worker),
            logged_in(base) as page,
        ):
            overview = time_navigations(page, f"{base}/", OVERVIEW_READY, navigations)
            link = f"#overview-council-links a[href^='/namnd/{code}?']"
            council = time_clicks(page, f"{base}/", link, COUNCIL_READY, navigations)
            reload = time_navigations(page, f"{base}/namnd/{code}", COUNCIL_READY, navigations)
    return (
        summary("overview", overview)
        | summary("council", council)
        | summary("council_reload", reload)
    )


def main() -> None:
    navigations = int(os.environ.get("BENCH_NAVIGATIONS", "10"))
    run_everywhere(lambda kind, scale, _repeat: run(kind, scale, navigations), navigations)


if __name__ == "__main__":
    main()
