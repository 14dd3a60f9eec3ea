"""Byt lösenord in a real browser: a reader finds it in the account menu, fills the form with
the keyboard alone, sees the success message, can still log out (the renewed session's token
reached the logout form) and logs in with the new password."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = pytest.mark.browser

NEW = "gurka tåg moln sjunger"


@pytest.mark.parametrize("width", [1440, 390])
def test_the_account_menu_links_to_the_page(page: Page, live_server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "polis")
    if width < 1200:
        page.get_by_role("button", name="Meny").click()
    page.locator("#account-menu").get_by_role("button").click()
    link = page.locator("#account-menu").get_by_role("link", name="Byt lösenord")
    expect(link).to_be_visible()
    # Readable, not white on the menu's white (links in the navbar's text are white).
    assert link.evaluate("e => getComputedStyle(e).color") != "rgb(255, 255, 255)"
    assert serious_accessibility_violations(page) == []
    link.click()
    expect(page).to_have_url(re.compile(r"/konto/losenord$"))
    expect(page.get_by_role("heading", name="Byt lösenord")).to_be_visible()


def test_a_reader_changes_their_password_with_the_keyboard(
    page: Page, live_server_writable: str
) -> None:
    log_in(page, live_server_writable, "ks", then="/konto/losenord")
    current = page.get_by_label("Nuvarande lösenord")
    expect(current).to_have_attribute("type", "password")
    expect(current).to_have_attribute("autocomplete", "current-password")
    expect(page.get_by_label("Nytt lösenord")).to_have_attribute("autocomplete", "new-password")
    current.focus()
    page.keyboard.type("demo")
    page.keyboard.press("Tab")
    page.keyboard.type(NEW)
    page.keyboard.press("Tab")
    page.keyboard.type(NEW)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Spara")).to_be_focused()
    page.keyboard.press("Enter")
    status = page.get_by_role("status").filter(has_text="Lösenordet är bytt")
    expect(status).to_be_visible()
    expect(page.locator("#account-status")).to_have_attribute("aria-live", "polite")
    for label in ("Nuvarande lösenord", "Nytt lösenord", "Upprepa det nya lösenordet"):
        expect(page.get_by_label(label)).to_have_value("")
    assert serious_accessibility_violations(page) == []
    assert page.console_errors == []  # type: ignore[attr-defined]

    page.get_by_role("button", name="Logga ut", exact=True).click()
    expect(page).to_have_url(re.compile(r"/login"))
    log_in(page, live_server_writable, "ks", NEW)
    expect(page.locator("#current-user")).to_contain_text("ks")


def test_a_wrong_current_password_is_said_at_its_field(
    page: Page, live_server_writable: str
) -> None:
    log_in(page, live_server_writable, "bromma", then="/konto/losenord")
    page.get_by_label("Nuvarande lösenord").fill("fel-gissning")
    page.get_by_label("Nytt lösenord").fill(NEW)
    page.get_by_label("Upprepa det nya lösenordet").fill(NEW)
    page.get_by_label("Upprepa det nya lösenordet").press("Enter")  # Enter in a field saves
    expect(page.locator("#account-status")).to_contain_text("Lösenordet är inte bytt")
    expect(page.locator("#account-current-feedback")).to_have_text(
        "Det nuvarande lösenordet stämmer inte. Skriv det igen."
    )
