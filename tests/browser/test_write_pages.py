"""The write side in a real browser: follow up an activity, meet a conflicting edit, be stopped
by the personal-data guard, and import a file (bad rows write nothing; twice adds nothing)."""

from datetime import date
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select, text

from dashboard.db import Database
from dashboard.formatting import fmt_int
from models import ActionPlan, Activity, Council
from models.enums import ActivityStatus
from models.queries.overview import OverviewFilter, activity_figures
from tests.browser.conftest import log_in, new_context, serious_accessibility_violations
from tests.unit.test_personal_data import generated_numbers


def _open_activities(database: Database, year: int) -> list[Activity]:
    with database.session() as session:
        return list(
            session.scalars(
                select(Activity)
                .join(ActionPlan)
                .join(Council)
                .where(
                    Council.code == "NIN",
                    ActionPlan.year == year,
                    Activity.status.in_([ActivityStatus.NOT_STARTED, ActivityStatus.ONGOING]),
                )
                .order_by(Activity.position)
            )
        )


def _status(database: Database, activity_id: int) -> ActivityStatus:
    with database.session() as session:
        activity = session.get(Activity, activity_id)
        assert activity is not None
        return activity.status


def _done_of_due(database: Database, today: date) -> str:
    with database.session() as session:
        figures = activity_figures(session, OverviewFilter(today.year), today)
    return f"{fmt_int(figures.done)} av {fmt_int(figures.due)}"


def test_coordinator_marks_an_activity_done(
    page: Page, live_server_writable: str, demo_db_writable: Database, today: date
) -> None:
    # One due this year, so Översikt's "done of due" must move (and its cache must notice).
    activity = next(
        a
        for a in _open_activities(demo_db_writable, today.year)
        if a.deadline and a.deadline.year == today.year
    )
    log_in(page, live_server_writable, "norrainnerstaden")
    before = _done_of_due(demo_db_writable, today)
    expect(page.locator("#kpi-activities .lb-kpi-value")).to_have_text(before)
    page.goto(f"{live_server_writable}/aktiviteter")
    expect(page.get_by_role("heading", name="Mina aktiviteter")).to_be_visible()
    assert not serious_accessibility_violations(page), "Mina aktiviteter accessibility"
    page.locator("#activities-grid .ag-row").filter(
        has_text=activity.description[:40]
    ).first.click()
    expect(page.locator("#activity-form-description")).to_have_text(activity.description)

    page.get_by_label("Status").select_option(label="Genomförd")
    page.get_by_label("Utfall (t.ex. 12 medarbetare)").fill("12 medarbetare")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("#activity-save-result")).to_contain_text("Sparat.")
    old = "Pågår" if activity.status is ActivityStatus.ONGOING else "Ej påbörjad"
    expect(page.locator("#activity-history li").first).to_contain_text(f"norrainnerstaden: {old}")
    expect(page.locator("#activity-history li").first).to_contain_text(
        "→ Genomförd, utfall: 12 medarbetare"
    )
    assert _status(demo_db_writable, activity.id) is ActivityStatus.DONE

    after = _done_of_due(demo_db_writable, today)
    assert after != before
    page.goto(f"{live_server_writable}/")
    expect(page.locator("#kpi-activities .lb-kpi-value")).to_have_text(after)
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_a_stale_save_is_refused_and_shows_what_changed(
    browser: Browser, page: Page, live_server_writable: str, demo_db_writable: Database, today: date
) -> None:
    activity = _open_activities(demo_db_writable, today.year)[-1]
    other = new_context(browser)
    second = other.new_page()
    try:
        for tab in (page, second):
            log_in(tab, live_server_writable, "norrainnerstaden", then="/aktiviteter")
            tab.locator("#activities-grid .ag-row").filter(
                has_text=activity.description[:40]
            ).first.click()
            expect(tab.locator("#activity-form-description")).to_have_text(activity.description)

        page.get_by_label("Status").select_option(label="Försenad")
        page.get_by_label("Kommentar eller underlag (avidentifierat)").fill("Flyttad till T3")
        page.get_by_role("button", name="Spara", exact=True).click()
        expect(page.locator("#activity-save-result")).to_contain_text("Sparat.")

        second.get_by_label("Status").select_option(label="Genomförd")
        second.get_by_role("button", name="Spara", exact=True).click()
        conflict = second.locator("#activity-conflict")
        expect(conflict).to_contain_text("ändrats av någon annan")
        expect(conflict).to_contain_text("→ Försenad, kommentar: Flyttad till T3")
        assert _status(demo_db_writable, activity.id) is ActivityStatus.DELAYED
        # Having read the change, the second user may still save, knowingly.
        second.get_by_role("button", name="Spara", exact=True).click()
        expect(second.locator("#activity-save-result")).to_contain_text("Sparat.")
        assert _status(demo_db_writable, activity.id) is ActivityStatus.DONE
    finally:
        other.close()


def test_an_identity_number_in_an_incident_is_refused(
    page: Page, live_server: str, demo_db: Database
) -> None:
    def incidents() -> int:
        with demo_db.engine.connect() as conn:
            return int(conn.execute(text("SELECT COUNT(*) FROM incidents")).scalar_one())

    before = incidents()
    log_in(page, live_server, "norrainnerstaden", then="/ny-handelse")
    expect(page.get_by_role("heading", name="Ny händelse")).to_be_visible()
    assert not serious_accessibility_violations(page), "Ny händelse accessibility"
    page.get_by_label("Datum", exact=True).fill("2026-03-02")
    page.get_by_label("Beskrivning").fill(f"Elev med personnummer {generated_numbers(1)[0]}")
    page.get_by_role("button", name="Spara händelse").click()
    expect(page.locator("#incident-error")).to_contain_text("Ingenting sparades")
    expect(page.locator("#incident-description-feedback")).to_contain_text("avidentifierad")
    assert incidents() == before


def test_import_previews_refuses_bad_rows_and_adds_a_file_once(
    page: Page, live_server_writable: str, demo_db_writable: Database, tmp_path: Path
) -> None:
    def total() -> int:
        with demo_db_writable.engine.connect() as conn:
            return int(conn.execute(text("SELECT COUNT(*) FROM incidents")).scalar_one())

    header = "Datum;Källa;Kategori;Miljö;Antal;Delområde;Beskrivning\n"
    bad = tmp_path / "klotter-fel.csv"
    bad.write_text(
        header
        + "2026-02-03;Trafikkontoret;Klotter;Vit makt-miljön;2;Gärdet;Symbol på elskåp\n"
        + "2026-02-04;Trafikkontoret;Klotter;Okänd;1;Gärdet;\n",
        encoding="utf-8",
    )
    good = tmp_path / "klotter.csv"
    good.write_text(
        header
        + "2026-02-03;Trafikkontoret;Klotter;Vit makt-miljön;2;Gärdet;Symbol på elskåp\n"
        + "2026-02-04;Trafikkontoret;Klotter;Autonoma miljön;1;Gärdet;Text på vägg\n",
        encoding="utf-8",
    )
    before = total()
    log_in(page, live_server_writable, "norrainnerstaden", then="/import")
    expect(page.get_by_role("heading", name="Import")).to_be_visible()
    assert not serious_accessibility_violations(page), "Import accessibility"
    upload = page.locator("#import-upload input[type=file]")

    upload.set_input_files(str(bad))
    expect(page.locator("#import-summary")).to_contain_text("1 med fel")
    expect(page.locator("#import-preview")).to_contain_text(
        "Miljö: 'Okänd' finns inte. Välj något av: Vit makt-miljön"
    )
    expect(page.locator("#import-confirm")).to_be_disabled()
    assert total() == before

    upload.set_input_files(str(good))
    expect(page.locator("#import-summary")).to_contain_text("2 nya")
    page.get_by_role("button", name="Importera 2 rader").click()
    expect(page.locator("#import-done")).to_contain_text("2 rader importerades")
    assert total() == before + 2

    page.goto(f"{live_server_writable}/import")
    page.locator("#import-upload input[type=file]").set_input_files(str(good))
    expect(page.locator("#import-summary")).to_contain_text("2 finns redan")
    expect(page.locator("#import-confirm")).to_be_disabled()
    assert total() == before + 2
    assert page.console_errors == []  # type: ignore[attr-defined]
