"""The Import page with an edited Uppföljning export: the preview names what each row changes,
and confirming writes exactly that."""

import io
import os
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from dashboard.db import Database
from dashboard.exports import follow_up_xlsx
from dashboard.services import follow_up
from models import Activity
from models.base import stockholm_today
from models.enums import ActivityStatus
from tests.browser.conftest import log_in, serious_accessibility_violations

SCREENSHOTS = os.environ.get("LAGESBILD_SCREENSHOTS")  # a folder, to look at the page


def test_an_edited_export_is_previewed_row_by_row_and_written(
    page: Page, live_server_writable: str, demo_db_writable: Database, tmp_path: Path
) -> None:
    with demo_db_writable.session() as session:
        wanted = follow_up.parse_request(session, 2023, "t1", "OST", stockholm_today())
        report = follow_up.build_report(session, wanted, datetime.now(UTC))
        content = follow_up_xlsx.workbook(report)
        # An activity that stands in T1's sheet as it stands now (one followed up since would
        # be a conflict: tests/integration/test_import_round_trip.py).
        activity_id = next(
            a.id
            for a in report.councils[0].activities
            if a.status is session.get(Activity, a.id).status  # type: ignore[union-attr]
            and a.comment == session.get(Activity, a.id).comment  # type: ignore[union-attr]
        )
    book = load_workbook(io.BytesIO(content))
    ws = book["Östermalm"]
    top = next(r for r in range(1, 15) if ws.cell(r, 1).value == "Nämnd")
    columns = {ws.cell(top, c).value: c for c in range(1, ws.max_column + 1)}
    row = next(
        r for r in range(top + 1, ws.max_row + 1) if ws.cell(r, columns["Id"]).value == activity_id
    )
    ws.cell(row, columns["Status"]).value = "Inställd"
    ws.cell(row, columns["Kommentar"]).value = "Ersätts av en utbildning i höst"
    edited = tmp_path / "uppfoljning-t1-2023-OST.xlsx"
    book.save(edited)

    log_in(page, live_server_writable, "ostermalm", then="/import")
    page.locator("#import-kind").get_by_text("Aktiviteter", exact=True).click()
    page.locator("#import-upload input[type=file]").set_input_files(str(edited))
    summary = page.locator("#import-summary")
    expect(summary).to_contain_text("1 ändrade")
    expect(summary).to_contain_text("8 oförändrade")
    expect(summary).to_contain_text("0 krockar")
    expect(page.locator("#import-preview")).to_contain_text("Ändrad: Status, Kommentar")
    expect(page.locator("#import-preview")).to_contain_text("Oförändrad")
    assert not serious_accessibility_violations(page), "Import preview accessibility"
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/import-round-trip-1440.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=f"{SCREENSHOTS}/import-round-trip-390.png", full_page=True)
        page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("button", name="Importera 1 rader").click()
    expect(page.locator("#import-done")).to_contain_text("1 rader importerades")

    with demo_db_writable.session() as session:
        activity = session.get(Activity, activity_id)
        assert activity is not None
        assert activity.status is ActivityStatus.CANCELLED
        assert activity.comment == "Ersätts av en utbildning i höst"
    assert page.console_errors == []  # type: ignore[attr-defined]
