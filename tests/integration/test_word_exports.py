"""The Word exports, opened with python-docx: the follow-up says what stood on the period's last
day in each plan's own tables, the city-wide one names every council of the period (a merged one
under its successor), and the plan document holds the whole plan. Bad addresses get a Swedish
4xx page; every logged-in role may download, nobody else."""

import io
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table
from docx.text.paragraph import Paragraph
from flask.testing import FlaskClient
from sqlalchemy import select

from dashboard.db import Database
from dashboard.exports.follow_up_docx import HEADERS
from dashboard.exports.plan_docx import PLAN_HEADERS, SECTION_TITLES
from dashboard.formatting import fmt_day
from models import ActionPlan, Activity, Council, rules
from models.enums import ActivityStatus, Section, label
from models.queries.follow_up import activities_as_of, reporting_councils
from models.queries.plan_document import plan_document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


def open_docx(content: bytes) -> DocumentObject:
    return Document(io.BytesIO(content))


def blocks(doc: DocumentObject) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables in the body's order."""
    for child in doc.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, doc)
        elif child.tag.endswith("}tbl"):
            yield Table(child, doc)


def headings(doc: DocumentObject, level: int | None = None) -> list[str]:
    wanted = {f"Heading {level}"} if level is not None else None
    return [
        p.text
        for p in doc.paragraphs
        if (p.style.name in wanted if wanted else p.style.name.startswith(("Heading", "Title")))
    ]


def body_rows(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def section_tables(doc: DocumentObject, headers: tuple[str, ...]) -> list[tuple[str, Table]]:
    """(the section heading above it, the table) for every table with these headers."""
    found, last_heading = [], ""
    for block in blocks(doc):
        if isinstance(block, Paragraph) and block.style.name.startswith("Heading"):
            last_heading = block.text
        elif isinstance(block, Table) and tuple(c.text for c in block.rows[0].cells) == headers:
            found.append((last_heading, block))
    return found


def all_text(doc: DocumentObject) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts.extend(c.text for row in table.rows for c in row.cells)
    return "\n".join(parts)


def council(db: Database, code: str) -> Council:
    with db.session() as session:
        found = session.scalar(select(Council).where(Council.code == code))
        assert found is not None
        session.expunge(found)
        return found


@pytest.fixture
def reader(login_as) -> FlaskClient:  # type: ignore[no-untyped-def]
    return login_as("ks")  # type: ignore[no-any-return]


def download(client: FlaskClient, url: str) -> DocumentObject:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == DOCX
    assert "attachment" in response.headers["Content-Disposition"]
    return open_docx(response.data)


def test_ostermalm_t1_2023_has_the_plan_header_and_its_own_tables_as_of_30_april(
    reader: FlaskClient, demo_db: Database
) -> None:
    doc = download(reader, "/export/uppfoljning.docx?council=OST&year=2023&period=t1")
    ost = council(demo_db, "OST")
    with demo_db.session() as session:
        plan = session.scalar(
            select(ActionPlan).where(ActionPlan.council_id == ost.id, ActionPlan.year == 2023)
        )
        assert plan is not None and plan.dnr
        dnr = plan.dnr
        as_of = activities_as_of(session, rules.period(2023, "t1"), ost.id, NOW)
        current = {a.id: a.status for a in session.scalars(select(Activity))}

    text = all_text(doc)
    assert "Östermalm" in headings(doc, 1)
    assert f"Östermalm 2023, Dnr {dnr}" in text
    assert "Läge per 30 april 2023 kl. 23.59" in text
    assert all(SECTION_TITLES[s] in headings(doc, 3) for s in Section)

    tables = dict(section_tables(doc, HEADERS))
    assert as_of, "Östermalm's plan 2023 has activities"
    for section in Section:
        expected = [a for a in as_of if a.section is section]
        rows = body_rows(tables[SECTION_TITLES[section]]) if expected else []
        assert SECTION_TITLES[section] in tables or not expected
        assert len(rows) == len(expected), section
        for row, activity in zip(rows, expected, strict=True):
            assert row[0].startswith(activity.description.strip())
            assert row[1] == activity.responsible
            assert row[4].startswith(label(activity.status)), (row, activity.status)
    # What stood on 30 April, not today's status (the rows above follow the as-of status).
    changed = [a for a in as_of if current[a.id] != a.status]
    assert changed, "the demo data has activities whose status changed after 30 April 2023"


def test_delayed_and_late_activities_say_so(reader: FlaskClient, demo_db: Database) -> None:
    doc = download(reader, "/export/uppfoljning.docx?council=NIN&year=2023&period=vb")
    with demo_db.session() as session:
        nin = session.scalar(select(Council).where(Council.code == "NIN"))
        assert nin is not None
        as_of = activities_as_of(session, rules.period(2023, "vb"), nin.id, NOW)
    statuses = [r[4] for _h, t in section_tables(doc, HEADERS) for r in body_rows(t)]
    assert len(statuses) == len(as_of)
    delayed = [a for a in as_of if a.standing == "delayed"]
    assert delayed, "the demo data has delayed activities in Norra innerstaden's VB 2023"
    # A delayed one carried into next year's plan keeps its status and says where it went.
    carried = [a for a in as_of if a.standing == "carried_over"]
    marked = sum(a.status is ActivityStatus.DELAYED for a in carried)
    assert sum("försenad" in s.lower() for s in statuses) == len(delayed) + marked
    assert sum("överförd till planen 2024" in s for s in statuses) == len(carried)
    late = sum(a.standing == "done_late" for a in as_of)
    assert sum("(efter tidplan)" in s for s in statuses) == late
    done = [a for a in as_of if a.status is ActivityStatus.DONE and a.completed_on]
    assert done and all(any(fmt_day(a.completed_on) in s for s in statuses) for a in done)


def test_city_wide_t2_2023_names_every_council_with_the_predecessors_plans(
    reader: FlaskClient, demo_db: Database
) -> None:
    doc = download(reader, "/export/uppfoljning.docx?year=2023&period=t2")
    with demo_db.session() as session:
        councils = [c.name for c in reporting_councils(session, date(2023, 8, 31))]
        plans = {
            p.council.name: p.dnr
            for p in session.scalars(select(ActionPlan).where(ActionPlan.year == 2023))
        }
    parts = headings(doc, 1)
    assert parts[0] == "Sammanställning per nämnd"
    assert parts[1:] == councils
    assert "Norra innerstaden" in councils and "Östermalm" not in councils

    summary = next(t for t in doc.tables if t.rows[0].cells[0].text == "Nämnd")
    assert [r[0] for r in body_rows(summary)] == [*councils, "Hela staden"]

    # Norra innerstaden's part: Norrmalm's and Östermalm's plans, each with its own tables.
    part, inside = [], False
    for block in blocks(doc):
        if isinstance(block, Paragraph) and block.style.name == "Heading 1":
            inside = block.text == "Norra innerstaden"
        elif inside and isinstance(block, Paragraph):
            part.append(block.text)
    text = "\n".join(part)
    for name in ("Norrmalm", "Östermalm"):
        assert f"{name} 2023, Dnr {plans[name]}" in text
        assert f"{name}s handlingsplan 2023" in text
    # A page break before every council's part.
    breaks = [
        p.text
        for p in doc.paragraphs
        if p.style.name == "Heading 1" and p.paragraph_format.page_break_before
    ]
    assert breaks == councils


def test_plan_document_holds_the_whole_plan(reader: FlaskClient, demo_db: Database) -> None:
    doc = download(reader, "/export/handlingsplan.docx?council=ost&year=2023")
    ost = council(demo_db, "OST")
    with demo_db.session() as session:
        wanted = plan_document(session, ost, 2023)
        assert wanted is not None
        plan, activities = wanted.plan, wanted.activities
        lagesbild, dnr, next_revision = plan.lagesbild, plan.dnr, plan.next_revision
        expected = {
            s: [(a.description.strip(), a.responsible) for a in activities if a.section is s]
            for s in Section
        }
    titles = [p.text for p in doc.paragraphs if p.style.name == "Title"]
    assert titles == ["Handlingsplan mot våldsbejakande extremism 2023"]
    paragraphs = [p.text for p in doc.paragraphs]
    assert f"Dnr: {dnr}" in paragraphs
    assert "Nämnd: Östermalm" in paragraphs
    assert any(p.startswith("Status: Godkänd av KS") for p in paragraphs)
    # The lägesbild keeps its paragraphs.
    pieces = [p.strip() for p in lagesbild.split("\n\n") if p.strip()]
    assert len(pieces) > 1
    for piece in pieces:
        assert piece in paragraphs
    assert all(SECTION_TITLES[s] in headings(doc, 1) for s in Section)
    tables = dict(section_tables(doc, PLAN_HEADERS))
    for section, rows_expected in expected.items():
        rows = body_rows(tables[SECTION_TITLES[section]]) if rows_expected else []
        assert [(r[0].split("\nMål: ")[0], r[1]) for r in rows] == rows_expected
    assert sum(len(v) for v in expected.values()) == len(activities) > 0
    with_target = [a for a in activities if a.target]
    assert with_target and all(f"Mål: {a.target}" in all_text(doc) for a in with_target)
    assert next_revision is not None
    assert f"Nästa revidering: {fmt_day(next_revision)}" in paragraphs


@pytest.mark.parametrize(
    "url",
    [
        "/export/uppfoljning.docx?council=OST&year=2023&period=t1",
        "/export/uppfoljning.docx?year=2023&period=t2",
        "/export/handlingsplan.docx?council=OST&year=2023",
    ],
)
def test_documents_are_swedish_and_headings_use_heading_styles(
    reader: FlaskClient, url: str
) -> None:
    doc = download(reader, url)
    assert doc.core_properties.language == "sv-SE"
    assert doc.core_properties.title
    lang = doc.styles["Normal"].element.rPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"
    )
    assert lang is not None
    assert lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == (
        "sv-SE"
    )
    styled = headings(doc)
    assert len(styled) >= 6
    # Nothing that looks like a heading is merely bold body text.
    for p in doc.paragraphs:
        if p.style.name == "Normal" and p.runs and all(r.bold for r in p.runs):
            pytest.fail(f"bold paragraph instead of a heading: {p.text!r}")
    for table in doc.tables:  # every table has alt text and a repeating header row
        assert (
            table._tbl.tblPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblDescription"
            )
            is not None
        )


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/export/handlingsplan.docx?year=2023", 400, "Välj en nämnd"),
        ("/export/handlingsplan.docx?council=OST", 400, "Välj ett år"),
        ("/export/handlingsplan.docx?council=OST&year=tjugo", 400, "Välj ett år"),
        ("/export/handlingsplan.docx?council=OST&year=1999", 400, "Välj ett år"),
        ("/export/handlingsplan.docx?council=XYZ&year=2023", 404, "Nämnden finns inte"),
        ("/export/handlingsplan.docx?council=%3Cb%3E&year=2023", 404, "Nämnden finns inte"),
        ("/export/handlingsplan.docx?council=NIN&year=2023", 404, "Norrmalms och Östermalms"),
        ("/export/handlingsplan.docx?council=NIN&year=2020", 404, "ingen handlingsplan"),
        ("/export/uppfoljning.docx?council=OST&year=2023&period=t3", 400, "Välj period"),
        ("/export/uppfoljning.docx?council=OST&year=2023&period=t2", 400, "Norra innerstaden"),
        ("/export/uppfoljning.docx?council=QQ&year=2023&period=t1", 404, "Nämnden finns inte"),
    ],
)
def test_bad_addresses_get_a_swedish_4xx_page(
    reader: FlaskClient, url: str, status: int, message: str
) -> None:
    response = reader.get(url)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert 'lang="sv"' in page and "Exporten kunde inte göras" in page
    assert message in page
    assert "<b>" not in page


@pytest.mark.parametrize("user", ["admin", "ks", "polis", "bromma", "norrainnerstaden"])
def test_every_logged_in_role_may_download(login_as, user: str) -> None:  # type: ignore[no-untyped-def]
    client = login_as(user)
    doc = download(client, "/export/handlingsplan.docx?council=OST&year=2023")
    assert "Östermalm" in all_text(doc)
    response = client.get("/export/uppfoljning.docx?council=BRO&year=2023&period=t1")
    assert response.status_code == 200 and response.mimetype == DOCX


@pytest.mark.parametrize(
    "url",
    [
        "/export/handlingsplan.docx?council=OST&year=2023",
        "/export/uppfoljning.docx?council=OST&year=2023&period=t1",
    ],
)
def test_exports_require_login(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (302, 401)
    assert response.mimetype != DOCX
    if response.status_code == 302:
        assert "/login" in response.headers["Location"]


def test_filename_names_council_and_year(reader: FlaskClient) -> None:
    response = reader.get("/export/handlingsplan.docx?council=ost&year=2023")
    assert 'filename="handlingsplan-OST-2023.docx"' in response.headers["Content-Disposition"]
