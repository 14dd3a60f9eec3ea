"""Lägesbild för staden: the KS report as Word (and PDF), built in the request or as a
background job that never holds up other requests."""

import io
import os
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from flask import Flask
from flask.testing import FlaskClient

from dashboard.db import Database
from dashboard.exports import charts, city_report, jobs, pdf
from dashboard.formatting import fmt_int
from models import rules
from models.enums import Milieu, label
from models.queries import follow_up as fq
from models.queries import overview as ov
from models.queries.plan_quality import plan_quality
from tests.conftest import login
from tests.dash_calls import call

YEAR = 2023
PERIOD_END = date(YEAR, 12, 31)


@pytest.fixture(scope="module")
def report(demo_db: Database) -> Iterator[DocumentObject]:
    """The 2023 report, built once for the module (drawing its charts takes seconds)."""
    with demo_db.session() as session:
        content = city_report.build(session, YEAR, datetime.now(UTC))
    yield Document(io.BytesIO(content))


def _text(doc: DocumentObject) -> str:
    parts = [p.text for p in doc.paragraphs]
    for grid in doc.tables:
        parts += [cell.text for row in grid.rows for cell in row.cells]
    return "\n".join(parts)


def _table(doc: DocumentObject, *headers: str) -> dict[str, list[str]]:
    """The first table with these column headers, as {first cell: the row's other cells}."""
    for grid in doc.tables:
        if tuple(c.text for c in grid.rows[0].cells) == headers:
            return {r.cells[0].text: [c.text for c in r.cells[1:]] for r in grid.rows[1:]}
    raise AssertionError(f"no table with the headers {headers}")


def test_names_every_council_of_the_year_in_a_heading(
    report: DocumentObject, demo_db: Database
) -> None:
    with demo_db.session() as session:
        councils = [c.name for c in fq.reporting_councils(session, PERIOD_END)]
    headings = {p.text for p in report.paragraphs if p.style.name == "Heading 3"}
    assert "Norra innerstaden" in councils and "Östermalm" not in councils
    assert set(councils) <= headings


def test_headings_are_word_heading_styles(report: DocumentObject) -> None:
    styles = {
        p.text: p.style.name
        for p in report.paragraphs
        if p.style.name.startswith(("Head", "Title"))
    }
    assert styles[f"Lägesbild för Stockholms stad {YEAR}"] == "Title"
    for title in ("Sammanfattning", f"Händelser {YEAR} jämfört med {YEAR - 1}", "Nämnderna"):
        assert styles[title] == "Heading 1"
    assert styles["Per miljö"] == styles["Per källa"] == "Heading 2"
    # No paragraph pretends to be a heading by being bold alone (except the as-of line).
    bold_alone = [
        p.text
        for p in report.paragraphs
        if p.runs and all(r.bold for r in p.runs) and not p.style.name.startswith(("Head", "Title"))
    ]
    assert bold_alone == [f"Läge per 31 december {YEAR} kl. 23.59."]


def test_every_image_has_alt_text_with_its_figures(report: DocumentObject) -> None:
    if not charts.available():
        if os.environ.get("CI") or os.environ.get("LAGESBILD_REQUIRE_BROWSER"):
            pytest.fail("Chromium saknas men rapportens diagram måste ritas i CI.")
        pytest.skip("Ingen Chromium för kaleido: diagrammen blir tabeller (se testet nedan)")
    shapes = report.inline_shapes
    assert len(shapes) >= 6
    for shape in shapes:
        descr = shape._inline.docPr.get("descr")
        assert descr and len(descr) > 40
    milieu = shapes[0]._inline.docPr.get("descr")
    assert "Vit makt-miljön" in milieu and str(YEAR - 1) in milieu


def test_incident_tables_agree_with_the_queries(
    report: DocumentObject, demo_db: Database, today: date
) -> None:
    with demo_db.session() as session:
        counts = fq.incident_counts(session, rules.period(YEAR, "vb"), None)
        overview = ov.incident_comparison(session, ov.OverviewFilter(YEAR, "vb"), today)
        councils = {c.id: c.name for c in fq.reporting_councils(session, PERIOD_END)}
    by_milieu = _table(report, "Miljö", str(YEAR), str(YEAR - 1), "Förändring")
    for milieu in Milieu:
        this_year, last_year = counts[None].by_milieu[milieu]
        row = next(v for k, v in by_milieu.items() if k.startswith(label(milieu)))
        assert row[:2] == [fmt_int(this_year), fmt_int(last_year)]
        assert (overview.this_year[milieu], overview.last_year[milieu]) == (this_year, last_year)
    vbe = counts[None].total
    assert by_milieu["Summa VBE-relaterade"][:2] == [fmt_int(vbe[0]), fmt_int(vbe[1])]
    by_source = _table(report, "Källa", str(YEAR), str(YEAR - 1), "Förändring")
    for source, (this_year, last_year) in counts[None].by_source.items():
        assert by_source[label(source)][:2] == [fmt_int(this_year), fmt_int(last_year)]
    by_council = _table(report, "Nämnd", str(YEAR), str(YEAR - 1), "Förändring")
    for council_id, name in councils.items():
        this_year, last_year = counts.get(council_id, fq.empty_incident_counts()).total
        assert by_council[name][:2] == [fmt_int(this_year), fmt_int(last_year)]


def _described(doc: DocumentObject, ending: str) -> dict[str, list[list[str]]]:
    """Tables whose alt text (tblDescription) ends with `ending`, by the text before it."""
    found = {}
    for grid in doc.tables:
        description = grid._tbl.tblPr.find(qn("w:tblDescription"))
        text = description.get(qn("w:val")) if description is not None else ""
        if text.endswith(ending):
            rows = [[c.text for c in r.cells] for r in grid.rows[1:]]
            found[text.removesuffix(ending)] = rows
    return found


def test_each_council_lists_what_was_delayed_at_the_period_end(
    report: DocumentObject, demo_db: Database
) -> None:
    now = datetime.now(UTC)
    with demo_db.session() as session:
        councils = {c.id: c.name for c in fq.reporting_councils(session, PERIOD_END)}
        activities = fq.activities_as_of(session, rules.period(YEAR, "vb"), None, now)
    delayed: dict[str, list[str]] = {name: [] for name in councils.values()}
    for a in activities:
        if a.standing is fq.Standing.DELAYED:
            delayed[councils[a.council_id]].append(a.description)
    tables = _described(report, f": aktiviteter som var försenade 31 december {YEAR}.")
    assert any(delayed.values())
    for name, descriptions in delayed.items():
        # After a merger the row names the plan it comes from: "… (Östermalm)".
        listed = [row[0] for row in tables.get(name, [])]
        assert len(listed) == len(descriptions), name
        assert all(any(row.startswith(d) for row in listed) for d in descriptions), name


def test_plan_quality_table_agrees_with_the_checklist(
    report: DocumentObject, demo_db: Database
) -> None:
    with demo_db.session() as session:
        plans = plan_quality(session, YEAR)
    table = _table(report, "Plan", "Uppfyllda punkter", "Saknas")
    assert len(table) == len(plans) >= 16
    for plan in plans:
        assert table[plan.council_name][0].startswith(f"{plan.passed} av {plan.total} ")


def test_demo_notice_and_period(report: DocumentObject) -> None:
    text = _text(report)
    assert "Demodata." in text
    assert f"Läge per 31 december {YEAR}" in text
    assert "Planer godkända av KS" in text


# --- the routes ----------------------------------------------------------------------------------


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """No Chromium: the report must still come, with its charts as tables (and quicker)."""
    monkeypatch.setattr(charts, "browser_path", lambda: None)


def test_login_required(client: FlaskClient) -> None:
    response = client.get(f"/export/lagesbild-stad.docx?year={YEAR}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("year", ["abc", "1999", "3000", "", "2023'--"])
def test_a_bad_year_is_refused_in_swedish(login_as, year: str) -> None:  # type: ignore[no-untyped-def]
    client = login_as("ks")
    response = client.get(f"/export/lagesbild-stad.docx?year={year}")
    assert response.status_code == 400
    assert "Välj ett år mellan 2017 och" in response.get_data(as_text=True)


def test_word_without_a_browser_has_the_charts_as_tables(login_as, no_browser: None) -> None:  # type: ignore[no-untyped-def]
    response = login_as("ks").get(f"/export/lagesbild-stad.docx?year={YEAR}")
    assert response.status_code == 200
    assert "lagesbild-stockholms-stad-2023.docx" in response.headers["Content-Disposition"]
    doc = Document(io.BytesIO(response.data))
    assert len(doc.inline_shapes) == 0
    text = _text(doc)
    assert "Diagrammet kunde inte ritas" in text
    assert "2023 T3" in text  # the trend's figures, which no other table holds


def test_pdf_when_libreoffice_is_installed(login_as, no_browser: None) -> None:  # type: ignore[no-untyped-def]
    if not pdf.available():
        pytest.skip("LibreOffice (soffice) saknas: PDF-exporten svarar 503, se testet nedan")
    response = login_as("ks").get(f"/export/lagesbild-stad.pdf?year={YEAR}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")


def test_pdf_without_libreoffice_is_503_in_swedish(
    login_as, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    response = login_as("ks").get(f"/export/lagesbild-stad.pdf?year={YEAR}")
    assert response.status_code == 503
    assert "LibreOffice saknas" in response.get_data(as_text=True)


# --- the background job --------------------------------------------------------------------------


def _start(client: FlaskClient, year: str = str(YEAR)) -> dict:  # type: ignore[type-arg]
    inputs = [
        {"id": "city-report-word", "property": "n_clicks", "value": 1},
        {"id": "city-report-poll", "property": "n_intervals", "value": None},
    ]
    state = [
        {"id": "city-report-job", "property": "data", "value": None},
        {"id": "overview-year", "property": "value", "value": year},
    ]
    return call(client, None, inputs, state)


def test_job_runs_in_the_background_and_only_its_user_gets_it(
    app: Flask, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(app.config, "EXPORT_DIR", str(tmp_path))
    release, started = threading.Event(), threading.Event()

    def slow_build(session, year, now, progress=None):  # type: ignore[no-untyped-def]
        progress(40, "Ritar diagrammen")
        started.set()
        assert release.wait(20), "the test never let the job finish"
        return f"rapport {year}".encode()

    monkeypatch.setattr(city_report, "build", slow_build)
    ks = app.test_client()
    login(ks, "ks")
    began = time.perf_counter()
    result = _start(ks)
    assert time.perf_counter() - began < 2  # the click answers at once
    token = result["city-report-job"]["data"]
    assert result["city-report-poll"]["disabled"] is False
    assert started.wait(10)

    # While the report is being built, the app answers other requests.
    status = ks.get(f"/export/jobb/{token}", headers={"Accept": "application/json"})
    assert status.status_code == 200
    assert status.get_json() | {} == {
        "state": "running",
        "percent": 40,
        "message": "Ritar diagrammen",
        "filename": "lagesbild-stockholms-stad-2023.docx",
        "download": None,
    }
    assert ks.get("/_dash-layout").status_code == 200
    assert ks.get(f"/export/jobb/{token}/fil").status_code == 409  # not ready yet

    # Someone else's token is not found, running or done.
    other = app.test_client()
    login(other, "bromma")
    assert other.get(f"/export/jobb/{token}").status_code == 404

    release.set()
    deadline = time.time() + 10
    while time.time() < deadline:
        body = ks.get(f"/export/jobb/{token}").get_json()
        if body["state"] != "running":
            break
        time.sleep(0.05)
    assert body["state"] == "done" and body["percent"] == 100
    download = ks.get(body["download"])
    assert download.status_code == 200 and download.data == b"rapport 2023"
    assert "lagesbild-stockholms-stad-2023.docx" in download.headers["Content-Disposition"]
    assert other.get(f"/export/jobb/{token}/fil").status_code == 404
    assert other.get("/export/jobb/not-a-token").status_code == 404


def test_the_same_export_twice_joins_the_running_job(
    app: Flask, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(app.config, "EXPORT_DIR", str(tmp_path))
    release = threading.Event()

    def slow_build(session, year, now, progress=None):  # type: ignore[no-untyped-def]
        release.wait(20)
        return b"x"

    monkeypatch.setattr(city_report, "build", slow_build)
    ks = app.test_client()
    login(ks, "ks")
    try:
        first = _start(ks)["city-report-job"]["data"]
        assert _start(ks)["city-report-job"]["data"] == first
    finally:
        release.set()


def test_job_with_a_bad_year_says_why(
    app: Flask, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(app.config, "EXPORT_DIR", str(tmp_path))
    ks = app.test_client()
    login(ks, "ks")
    result = _start(ks, "1999")
    assert result["city-report-job"]["data"] is None
    assert "Välj ett år" in str(result["city-report-status"]["children"])


def test_a_forged_or_stale_job_is_not_found(tmp_path: Path) -> None:
    store = jobs.JobStore(tmp_path)
    with pytest.raises(jobs.NotFound):
        store.load("../../etc/passwd", 1)
    job = jobs.Job("a" * 24, 1, "k", "f.docx", "x", state=jobs.RUNNING)
    store.save(job)
    assert store.load(job.token, 1).state == jobs.RUNNING
    stale = time.time() - jobs.STALE_AFTER_S - 1
    path = tmp_path / f"{job.token}.json"
    path.write_text(path.read_text().replace(str(job.updated), str(stale)))
    assert store.load(job.token, 1).state == jobs.FAILED


def test_a_second_report_on_a_plain_link_while_one_is_built_is_refused_not_queued(
    login_as,  # type: ignore[no-untyped-def]
) -> None:
    """The plain link builds in the request: while another export holds the slot, a second
    one answers at once (503, Swedish) instead of holding a worker other users need."""
    client = login_as("ks")
    with jobs.exclusive():
        response = client.get(f"/export/lagesbild-stad.docx?year={YEAR}")
    assert response.status_code == 503
    assert "En annan export skapas just nu" in response.get_data(as_text=True)
    # The slot is free again afterwards.
    with jobs.exclusive():
        pass
