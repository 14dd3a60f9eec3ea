"""Uppföljning in the browser: a coordinator opens it from the menu on their own council,
chooses the period, sees the activities as they stood on the period's last day, the address
follows the choice, and the download links name exactly the report shown."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, serious_accessibility_violations, settled

pytestmark = pytest.mark.browser

LOAD = 30_000  # ms: a shared and busy test machine


def test_a_coordinator_follows_up_t1_and_gets_the_matching_downloads(
    page: Page, live_server: str
) -> None:
    page.set_default_timeout(LOAD)
    log_in(page, live_server, "ostermalm")
    page.get_by_role("link", name="Uppföljning", exact=True).click()
    page.wait_for_url("**/uppfoljning**")
    expect(page.get_by_role("heading", name="Uppföljning", exact=True)).to_be_visible()
    council = page.get_by_label("Nämnd")
    # Östermalm merged into Norra innerstaden on 1 July 2023: choose a year it still reported.
    page.get_by_label("År", exact=True).select_option("2023")
    page.get_by_label("Period").select_option("t1")
    expect(council).to_have_value("OST")

    expect(page.locator("#follow-up-as-of")).to_have_text("Läge per 30 april 2023 kl.\u00a023.59")
    expect(page.locator("#follow-up-plans")).to_have_text("Plan: Östermalm 2023 (Dnr OST 2022/949)")
    grid = page.locator("#follow-up-section-preventive-grid")
    expect(grid.locator(".ag-row").first).to_be_visible()
    expect(grid).to_contain_text("Fältassistenter bedriver uppsökande arbete")
    expect(grid).to_contain_text("Löpande, uppföljd i perioden")
    expect(page.locator("#follow-up-section-competence-grid")).to_contain_text("Ej förfallen")
    page.wait_for_url("**/uppfoljning?year=2023&period=t1&council=OST")

    query = "year=2023&period=t1&council=OST"
    for name, href in (
        ("Ladda ner Excel", f"/export/uppfoljning.xlsx?{query}"),
        ("Ladda ner Word", f"/export/uppfoljning.docx?{query}"),
        ("Handlingsplanen som Word", "/export/handlingsplan.docx?council=OST&year=2023"),
    ):
        link = page.get_by_role("link", name=name, exact=True)
        expect(link).to_have_attribute("href", href)
    assert serious_accessibility_violations(page) == []
    for name, filename in (
        ("Ladda ner Excel", "uppfoljning-t1-2023-OST.xlsx"),
        ("Ladda ner Word", "uppfoljning-t1-2023-OST.docx"),
    ):
        with page.expect_download() as downloaded:
            page.get_by_role("link", name=name, exact=True).click()
        assert downloaded.value.suggested_filename == filename
        assert downloaded.value.failure() is None

    # On paper: the moment and the activities, not the controls; the header names the choice.
    page.emulate_media(media="print")
    expect(page.locator("#print-header")).to_contain_text(
        "Uppföljning – År: 2023 – Period: T1 (per 30 april) – Nämnd: Östermalm"
    )
    expect(page.locator("#follow-up-as-of")).to_be_visible()
    expect(page.locator(".lb-follow-up-filters")).to_be_hidden()
    expect(page.locator(".lb-follow-up-downloads")).to_be_hidden()
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_the_city_links_each_council_and_a_bad_address_gets_a_message(
    page: Page, live_server: str
) -> None:
    page.set_default_timeout(LOAD)
    log_in(page, live_server, "ks", then="/uppfoljning?year=2023&period=t2")
    expect(page.get_by_label("Nämnd")).to_have_value("all")
    grid = page.locator("#follow-up-city-grid")
    expect(grid).to_contain_text("Norra innerstaden")
    expect(grid).not_to_contain_text("Östermalm")
    share = grid.locator(".ag-floating-bottom [col-id='completion']")
    expect(share).to_have_text(re.compile(r"^\d+\u00a0%$"))
    expect(page.get_by_role("link", name="Ladda ner Excel")).to_have_attribute(
        "href", "/export/uppfoljning.xlsx?year=2023&period=t2"
    )
    grid.get_by_role("link", name="Norra innerstaden").click()
    page.wait_for_url("**/uppfoljning?year=2023&period=t2&council=NIN")
    expect(page.locator("#follow-up-plans")).to_contain_text("Planer: Norrmalm 2023")
    delayed = page.locator(".lb-row-delayed").first
    expect(delayed).to_contain_text("⚠ Försenad")

    page.goto(f"{live_server}/uppfoljning?year=2023&period=t2&council=OST")
    expect(page.locator("#follow-up-error")).to_contain_text(
        "Östermalm gick upp i Norra innerstaden den 1 juli 2023."
    )
    page.goto(f"{live_server}/uppfoljning?year=abc&period=t1")
    expect(page.locator("#follow-up-error")).to_contain_text("Välj ett år mellan 2017 och")
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_handlingsplan_links_its_word_export(page: Page, live_server: str) -> None:
    """The link follows the chosen council and year (a choice does not rebuild the page).
    Översikt's city report button is tested in test_city_report_button.py."""
    page.set_default_timeout(LOAD)
    log_in(page, live_server, "ks", then="/handlingsplan?council=OST&year=2023")
    expect(page.get_by_role("link", name="Handlingsplanen som Word")).to_have_attribute(
        "href", "/export/handlingsplan.docx?council=OST&year=2023"
    )
    link = page.get_by_role("link", name="Handlingsplanen som Word")
    page.locator("#plan-council").select_option("BRO")
    # The council's years arrive first (the year stays 2023, a year Bromma has a plan).
    expect(link).to_have_attribute("href", "/export/handlingsplan.docx?council=BRO&year=2023")
    settled(page)
    page.locator("#plan-year").select_option("2020")
    expect(link).to_have_attribute("href", "/export/handlingsplan.docx?council=BRO&year=2020")
    assert page.console_errors == []  # type: ignore[attr-defined]
