"""The incident register (Händelser) in a real browser: a link's filters, a coordinator who
withdraws an incident with a reason, finds it under "Visa återkallade" and restores it; a bad
link is explained in Swedish; "Ej VBE-koppling efter granskning" is one button."""

from playwright.sync_api import Page, expect
from sqlalchemy import select

from dashboard.db import Database
from dashboard.services.incidents import read_register_filters
from models import Incident, IncidentWithdrawal, PoliceArea
from models.queries.incidents import incident_page
from tests.browser.conftest import log_in, serious_accessibility_violations

FILTERS = {"council": "BRO", "year": "2025", "milieu": "white_power", "sub_area": "blackeberg"}
REASON = "Samma klotter registrerades två gånger, en gång från Trafikkontoret."


def _expected(database: Database) -> tuple[int, int]:
    """The newest incident the filters match and how many they match, read as the page does."""
    with database.session() as session:
        page = incident_page(session, read_register_filters(session, FILTERS).filter)
        assert page.total >= 2, "the demo data has several white-power incidents in Blackeberg"
        return int(page.rows[0]["id"]), page.total


def test_a_coordinator_withdraws_an_incident_and_restores_it(
    page: Page, live_server_writable: str, demo_db_writable: Database
) -> None:
    incident_id, total = _expected(demo_db_writable)
    log_in(page, live_server_writable, "bromma")
    query = "&".join(f"{k}={v}" for k, v in FILTERS.items())
    page.goto(f"{live_server_writable}/handelser?{query}")
    expect(page.locator("#incidents-milieu")).to_have_value("white_power")
    expect(page.locator("#incidents-from")).to_have_value("2025-01-01")
    expect(page.locator("#incidents-to")).to_have_value("2025-12-31")
    expect(page.locator("#incidents-range")).to_have_text(f"1–{total} av {total} händelser")
    row = page.locator(f'.ag-center-cols-container .ag-row[row-id="{incident_id}"]')
    expect(row).to_contain_text("Blackeberg")
    row.click()

    # Without a reason: a Swedish message and nothing withdrawn.
    page.get_by_role("button", name="Återkalla händelsen").click()
    expect(page.locator("#withdraw-reason-feedback")).to_contain_text("Ange en motivering")
    with demo_db_writable.session() as session:
        assert session.get(Incident, incident_id) is not None

    page.get_by_label("Varför återkallas händelsen?").fill(REASON)
    page.get_by_role("button", name="Återkalla händelsen").click()
    expect(page.locator("#withdraw-done")).to_contain_text("återkallades och räknas inte längre")
    expect(row).to_have_count(0)
    expect(page.locator("#incidents-range")).to_have_text(f"1–{total - 1} av {total - 1} händelser")
    with demo_db_writable.session() as session:
        assert session.get(Incident, incident_id) is None
        assert session.query(IncidentWithdrawal).filter_by(incident_id=incident_id).one()

    # Under "Visa återkallade", with the reason, who and when.
    page.get_by_label("Visa återkallade").check()
    withdrawn = page.locator(
        f'#withdrawn-grid .ag-center-cols-container .ag-row[row-id="{incident_id}"]'
    )
    expect(withdrawn).to_contain_text(REASON)
    expect(withdrawn).to_contain_text("bromma")
    assert serious_accessibility_violations(page) == []

    withdrawn.click()
    page.get_by_label("Varför återställs händelsen?").fill("Det var två olika klotter.")
    page.get_by_role("button", name="Återställ händelsen").click()
    expect(page.locator("#restore-done")).to_contain_text("återställdes och räknas igen")
    expect(withdrawn).to_have_count(0)
    expect(row).to_contain_text("Blackeberg")
    expect(page.locator("#incidents-range")).to_have_text(f"1–{total} av {total} händelser")
    with demo_db_writable.session() as session:
        assert session.get(Incident, incident_id) is not None
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_a_bad_link_is_explained_and_not_vbe_is_one_button(
    page: Page, live_server: str, demo_db: Database
) -> None:
    log_in(
        page,
        live_server,
        "bromma",
        then="/handelser?council=BRO&area=999&milieu=nazi&from=2025-02-30&year=2025",
    )
    note = page.locator("#incidents-filter-note")
    expect(note).to_contain_text("Lokalpolisområdet '999' finns inte")
    expect(note).to_contain_text("Miljön 'nazi' finns inte")
    expect(note).to_contain_text("Fråndatumet '2025-02-30'")
    expect(page.locator("#incidents-milieu")).to_have_value("")
    # The bad values leave the address; the good ones stay (the year stands for its dates).
    expect(page.locator("#incidents-from")).to_have_value("2025-01-01")
    expect(page).to_have_url(
        f"{live_server}/handelser?council=BRO&year=2025&from=2025-01-01&to=2025-12-31"
    )

    page.locator("#incidents-year").select_option("2024")
    expect(page.locator("#incidents-from")).to_have_value("2024-01-01")
    expect(page.locator("#incidents-to")).to_have_value("2024-12-31")
    expect(page).to_have_url(
        f"{live_server}/handelser?council=BRO&year=2024&from=2024-01-01&to=2024-12-31"
    )
    page.locator("#incidents-grid .ag-center-cols-container .ag-row").first.click()
    page.get_by_role("button", name="Ej VBE-koppling efter granskning").click()
    expect(page.locator("#correct-milieu")).to_have_value("not_vbe")
    expect(page.locator("#correct-not-vbe-hint")).to_contain_text("Skriv i Motivering")
    expect(page.locator("#correct-reason")).to_be_focused()
    assert serious_accessibility_violations(page) == []
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_a_police_area_link_shows_all_its_councils_to_a_coordinator(
    page: Page, live_server: str, demo_db: Database
) -> None:
    """The trend alerts link to `/handelser?area=…`: a coordinator then sees the area's
    councils, not only their own."""
    with demo_db.session() as session:
        area = session.scalars(
            select(PoliceArea).where(PoliceArea.name == "Norra innerstaden")
        ).one()
        raw = {"area": str(area.id), "from": "2025-01-01", "to": "2025-12-31"}
        total = incident_page(session, read_register_filters(session, raw).filter).total
        assert total > 0
    log_in(
        page, live_server, "bromma", then=f"/handelser?area={area.id}&from=2025-01-01&to=2025-12-31"
    )
    expect(page.locator("#incidents-area")).to_have_value(str(area.id))
    expect(page.locator("#incidents-council")).to_have_value("ALLA")
    expect(page.locator("#incidents-range")).to_contain_text(f"av {total} händelser")
    expect(page.locator("#incidents-grid")).to_contain_text("Norra innerstaden")
    expect(page.locator("#incidents-grid")).not_to_contain_text("Bromma")
