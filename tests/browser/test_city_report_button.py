"""Översikt's "Lägesbild för staden" button in a real browser: the report is built in the
background while a progress bar says how far it has come, then a link downloads it."""

import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Page, expect

from dashboard.exports import city_report
from tests.browser.conftest import log_in


def test_button_shows_progress_then_the_download(
    page: Page, live_server: str, app: Flask, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(app.config, "EXPORT_DIR", str(tmp_path))
    release = threading.Event()

    def slow_build(session, year, now, progress=None):  # type: ignore[no-untyped-def]
        progress(55, "Ritar diagrammen (4 av 7)")
        release.wait(30)
        return f"lägesbild {year}".encode()

    monkeypatch.setattr(city_report, "build", slow_build)
    log_in(page, live_server, "ks", then="/?year=2023")
    page.get_by_role("button", name="Lägesbild för staden (Word)").click()

    bar = page.get_by_role("progressbar", name="Förlopp för lägesbilden")
    expect(bar).to_have_attribute("aria-valuenow", "55")
    status = page.get_by_role("status").filter(has_text="Lägesbilden skapas")
    expect(status).to_contain_text("ritar diagrammen (4 av 7)")
    violations = [
        v["id"]
        for v in Axe().run(page, context="#city-report-status").response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not violations

    release.set()
    link = page.get_by_role("link", name="Hämta lagesbild-stockholms-stad-2023.docx")
    expect(link).to_be_visible(timeout=10_000)
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes() == "lägesbild 2023".encode()
    assert not page.console_errors  # type: ignore[attr-defined]
