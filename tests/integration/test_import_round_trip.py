"""The Uppföljning export read back by the import: exactly the cells the user changed are written
(a follow-up through the activity service, a definition through the plan service), the same
file twice changes nothing more, and a row whose activity changed after the export is a conflict
for which nothing is written."""

import io
from datetime import UTC, date, datetime
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.exports import follow_up_xlsx
from dashboard.services import activities, follow_up, imports
from dashboard.services.errors import Conflict, ServiceError
from models import ActionPlan, Activity, ActivityUpdate, AuditEntry, User, rules
from models.base import stockholm_today
from models.revision import Revision

TODAY = stockholm_today()


def _user(session: Session, name: str) -> User:
    return session.scalars(select(User).where(User.username == name)).one()


def _export(session: Session, council: str = "OST", period: str = "t1") -> bytes:
    wanted = follow_up.parse_request(session, 2023, period, council, TODAY)
    return follow_up_xlsx.workbook(follow_up.build_report(session, wanted, datetime.now(UTC)))


def _plan(session: Session, code: str = "OST", year: int = 2023) -> dict[int, dict[str, Any]]:
    """Every activity of the plan with every field that matters, by id."""
    council = rules.find_council(session, code)
    assert council is not None
    plan = session.scalars(
        select(ActionPlan).where(ActionPlan.council_id == council.id, ActionPlan.year == year)
    ).one()
    session.expire_all()
    columns = [c.key for c in Activity.__table__.columns if c.key != "last_update_at"]
    return {
        a.id: {c: getattr(a, c) for c in columns}
        for a in session.scalars(select(Activity).where(Activity.plan_id == plan.id))
    }


def _rows(ws: Worksheet) -> tuple[dict[str, int], dict[int, int]]:
    """The activities sheet's columns (title → column number) and rows (activity id → row)."""
    top = next(r for r in range(1, 15) if ws.cell(r, 1).value == "Nämnd")
    columns = {ws.cell(top, c).value: c for c in range(1, ws.max_column + 1)}
    rows = {
        ws.cell(r, columns["Id"]).value: r
        for r in range(top + 1, ws.max_row + 1)
        if ws.cell(r, columns["Id"]).value is not None
    }
    return columns, rows


def _save(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _settled(session: Session) -> list[int]:
    """Östermalm's 2023 activities that stand in T1's sheet as they stand now (the others were
    followed up after 30 April, and their T1 rows are conflicts when edited)."""
    wanted = follow_up.parse_request(session, 2023, "t1", "OST", TODAY)
    report = follow_up.build_report(session, wanted, datetime.now(UTC))
    fields = imports.FOLLOW_UP_FIELDS
    return [
        a.id
        for a in report.councils[0].activities
        if all(getattr(a, f) == getattr(session.get(Activity, a.id), f) for f in fields)
    ]


def _two_outcomes_edited(session: Session) -> tuple[User, imports.ImportBatch, int, int]:
    """Östermalm's T1 sheet with the outcome of two settled activities edited, previewed by
    its coordinator: (user, batch, first activity id, second), in the sheet's order."""
    user = _user(session, "ostermalm")
    book = load_workbook(io.BytesIO(_export(session)))
    ws = book["Östermalm"]
    columns, rows = _rows(ws)
    first, second = sorted(_settled(session)[:2], key=lambda i: rows[i])
    ws.cell(rows[first], columns["Utfall"]).value = "Första"
    ws.cell(rows[second], columns["Utfall"]).value = "Andra"
    batch = imports.preview(session, user, "activities", "uppfoljning.xlsx", _save(book), TODAY)
    return user, batch, first, second


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_an_edited_export_writes_exactly_the_edits_and_only_once(
    demo_db_writable: Database,
) -> None:
    with demo_db_writable.session() as session:
        user = _user(session, "ostermalm")
        book = load_workbook(io.BytesIO(_export(session)))
        ws = book["Östermalm"]
        columns, rows = _rows(ws)
        before = _plan(session)
        # One status, one Ansvarig; a new row; the rest as exported.
        delayed, renamed = _settled(session)[:2]
        was = before[delayed]["status"]
        status_cell = ws.cell(rows[delayed], columns["Status"])
        assert status_cell.value == "Pågår"
        status_cell.value = "Genomförd"
        ws.cell(rows[renamed], columns["Ansvarig"]).value = "Enhetschef för prevention"
        new_row = max(rows.values()) + 1
        for title, value in {
            "Nämnd": "OST",
            "Planår": 2023,
            "Avsnitt": "Kompetenshöjande",
            "Aktivitet": "Utbilda nya enhetschefer om blanketten",
            "Ansvarig": "Samordnaren",
            "Tidplan": "Senast 30 nov 2023",
            "Uppföljning": "VB",
        }.items():
            ws.cell(new_row, columns[title]).value = value
        edited = _save(book)
        updates, revisions = _count(session, ActivityUpdate), _count(session, Revision)
        audit = _count(session, AuditEntry)

        batch = imports.preview(session, user, "activities", "uppfoljning.xlsx", edited, TODAY)
        states = {r.activity_id: (r.state, tuple(r.changes)) for r in batch.rows}
        assert states.pop(delayed) == ("changed", ("status",))
        assert states.pop(renamed) == ("changed", ("responsible",))
        assert states.pop(None) == ("new", ())
        assert set(states.values()) == {("unchanged", ())}
        assert (batch.write_rows, batch.error_rows, batch.conflict_rows) == (3, 0, 0)
        assert batch.ignored == ["Bedömning", "Senast uppföljd"]
        assert _plan(session) == before  # the preview writes nothing

        assert imports.apply(session, user, batch, TODAY) == (3, 7)
        session.commit()
        after = _plan(session)
        added = set(after) - set(before)
        assert len(added) == 1
        new = after.pop(added.pop())
        assert (new["description"], new["responsible"], new["deadline"]) == (
            "Utbilda nya enhetschefer om blanketten",
            "Samordnaren",
            date(2023, 11, 30),
        )
        expected = {i: dict(a) for i, a in before.items()}
        expected[delayed] |= {
            "status": activities.ActivityStatus.DONE,
            "completed_on": TODAY,
            "version": before[delayed]["version"] + 1,
        }
        expected[renamed] |= {
            "responsible": "Enhetschef för prevention",
            "version": before[renamed]["version"] + 1,
        }
        assert after == expected
        # The follow-up is in the activity's history and the definition's old value is kept.
        assert _count(session, ActivityUpdate) == updates + 1
        latest = session.scalars(
            select(ActivityUpdate)
            .where(ActivityUpdate.activity_id == delayed)
            .order_by(ActivityUpdate.id.desc())
        ).first()
        assert latest is not None and latest.user_id == user.id
        assert latest.old_status is was
        assert _count(session, Revision) == revisions + 1
        assert _count(session, AuditEntry) == audit + 3

        # The same file again: nothing more.
        written = _plan(session)
        again = imports.preview(session, user, "activities", "uppfoljning.xlsx", edited, TODAY)
        assert again.write_rows == 0 and again.error_rows == 0 and again.conflict_rows == 0
        assert imports.apply(session, user, again, TODAY) == (0, 10)
        session.commit()
        assert _plan(session) == written
        assert _count(session, ActivityUpdate) == updates + 1


def test_a_row_changed_in_lagesbild_after_the_export_is_a_conflict(
    demo_db_writable: Database,
) -> None:
    with demo_db_writable.session() as session:
        user = _user(session, "ostermalm")
        book = load_workbook(io.BytesIO(_export(session)))
        ws = book["Östermalm"]
        columns, rows = _rows(ws)
        edited_ok = _settled(session)[0]
        changed_since, untouched = [i for i in rows if i != edited_ok][:2]
        # Someone follows up one activity after the export.
        activity = session.get(Activity, changed_since)
        assert activity is not None
        activities.update_activity(
            session,
            _user(session, "admin"),
            changed_since,
            {"version": activity.version, "status": "ongoing", "comment": "Annan kommentar"},
            TODAY,
        )
        other = session.get(Activity, untouched)
        assert other is not None
        activities.update_activity(
            session,
            _user(session, "admin"),
            untouched,
            {"version": other.version, "status": "ongoing", "comment": "Inte i filen"},
            TODAY,
        )
        session.commit()
        ws.cell(rows[changed_since], columns["Kommentar"]).value = "Min kommentar"
        ws.cell(rows[edited_ok], columns["Utfall"]).value = "Klart i maj"
        content = _save(book)
        before = _plan(session)

        batch = imports.preview(session, user, "activities", "uppfoljning.xlsx", content, TODAY)
        by_id = {r.activity_id: r for r in batch.rows}
        conflict = by_id[changed_since]
        assert conflict.state == "conflict" and conflict.changes == ["comment"]
        assert "har ändrats i Lägesbild sedan filen exporterades" in conflict.conflict
        assert by_id[edited_ok].state == "changed"
        assert by_id[untouched].state == "unchanged"  # changed since, but not in the file
        assert imports.apply(session, user, batch, TODAY)[0] == 1
        session.commit()
        after = _plan(session)
        assert after[changed_since] == before[changed_since]
        assert after[changed_since]["comment"] == "Annan kommentar"
        assert after[edited_ok]["outcome"] == "Klart i maj"


def test_a_change_between_preview_and_confirmation_stops_the_whole_import(
    demo_db_writable: Database,
) -> None:
    """The second edited row's activity changes after the preview: the first edited row, which
    comes before it in the file, is not written either (the import is one transaction)."""
    with demo_db_writable.session() as session:
        user, batch, first, second = _two_outcomes_edited(session)
        assert batch.changed_rows == 2
        activity = session.get(Activity, second)
        assert activity is not None
        activities.update_activity(
            session, user, second, {"version": activity.version, "status": "ongoing"}, TODAY
        )
        session.commit()
        before = _plan(session)
        order = [r.activity_id for r in batch.rows]
        assert order.index(first) < order.index(second)
        with pytest.raises(Conflict, match="har ändrats i Lägesbild"):
            imports.apply(session, user, batch, TODAY)
        session.rollback()  # as the import page does: the import is all or nothing
        assert _plan(session) == before
        assert before[first]["outcome"] != "Första"


def test_another_councils_rows_and_a_moved_row_are_refused(demo_db_writable: Database) -> None:
    with demo_db_writable.session() as session:
        book = load_workbook(io.BytesIO(_export(session)))
        ws = book["Östermalm"]
        columns, rows = _rows(ws)
        first, second = list(rows)[:2]
        ws.cell(rows[first], columns["Status"]).value = "Genomförd"
        ws.cell(rows[second], columns["Planår"]).value = 2022
        batch = imports.preview(
            session, _user(session, "bromma"), "activities", "u.xlsx", _save(book), TODAY
        )
        by_id = {r.activity_id: r for r in batch.rows}
        assert by_id[first].errors == [("Nämnd", "Du kan bara ändra uppgifter för din egen nämnd.")]
        assert by_id[second].errors[0][0] == "Planår"
        assert "hör till planen 2023" in by_id[second].errors[0][1]


def test_the_city_export_is_read_sheet_by_sheet(demo_db_writable: Database) -> None:
    with demo_db_writable.session() as session:
        content = _export(session, council="", period="t2")
        batch = imports.preview(
            session, _user(session, "admin"), "activities", "staden.xlsx", content, TODAY
        )
        assert "Sammanfattning" not in batch.sheets and "Per avsnitt" not in batch.sheets
        assert "Bromma" in batch.sheets and "Norra innerstaden" in batch.sheets
        assert batch.error_rows == 0 and batch.write_rows == 0
        assert batch.unchanged_rows == len(batch.rows) > 100
        assert {r.sheet for r in batch.rows} == set(batch.sheets)


def test_a_successor_follows_up_its_predecessors_rows_but_not_their_plan(
    demo_db_writable: Database,
) -> None:
    """Norra innerstaden's T2 2023 sheet holds Östermalm's and Norrmalm's activities: its
    coordinator may record their follow-up (an open activity) but not edit their plans."""
    with demo_db_writable.session() as session:
        user = _user(session, "norrainnerstaden")
        book = load_workbook(io.BytesIO(_export(session, council="NIN", period="t2")))
        ws = book["Norra innerstaden"]
        columns, rows = _rows(ws)
        ids = list(rows)
        open_ones = [
            i
            for i in ids
            if ws.cell(rows[i], columns["Nämnd"]).value == "OST"
            and session.get(Activity, i).status.value in ("not_started", "ongoing", "delayed")  # type: ignore[union-attr]
        ]
        followed, redefined = open_ones[:2]
        ws.cell(rows[followed], columns["Utfall"]).value = "Två träffar med skolorna"
        ws.cell(rows[redefined], columns["Ansvarig"]).value = "Samordnaren i Norra innerstaden"
        batch = imports.preview(session, user, "activities", "nin.xlsx", _save(book), TODAY)
        by_id = {r.activity_id: r for r in batch.rows}
        assert by_id[followed].state == "changed" and by_id[followed].changes == ["outcome"]
        assert by_id[redefined].errors == [
            ("Nämnd", "Du kan bara ändra uppgifter för din egen nämnd.")
        ]
        assert batch.error_rows == 1


def test_a_closed_periods_sheet_never_undoes_a_later_follow_up(demo_db_writable: Database) -> None:
    """T1's sheet shows 30 April; an activity finished in May keeps its May follow-up even when
    its T1 row is edited (the version did not change since the export: the follow-up came
    before it)."""
    with demo_db_writable.session() as session:
        user = _user(session, "ostermalm")
        wanted = follow_up.parse_request(session, 2023, "t1", "OST", TODAY)
        t1 = {
            a.id: a
            for a in follow_up.build_report(session, wanted, datetime.now(UTC))
            .councils[0]
            .activities
        }
        book = load_workbook(io.BytesIO(_export(session)))
        ws = book["Östermalm"]
        columns, rows = _rows(ws)
        later = next(i for i in rows if session.get(Activity, i).status is not t1[i].status)  # type: ignore[union-attr]
        ws.cell(rows[later], columns["Kommentar"]).value = "Skrivet i T1-filen"
        before = _plan(session)

        batch = imports.preview(session, user, "activities", "uppfoljning.xlsx", _save(book), TODAY)
        row = next(r for r in batch.rows if r.activity_id == later)
        assert row.state == "conflict"
        assert "följts upp efter den period filen visar" in row.conflict
        imports.apply(session, user, batch, TODAY)
        session.commit()
        assert _plan(session)[later] == before[later]


@pytest.mark.parametrize(
    "marker",
    [
        "2016-t1, läge 2016-04-30T22:00:00+00:00",
        "2023-t1, läge 0001-01-01T00:00:00+05:00",
        "2023-t1, läge 2023-04-30T22:00:00",
        "2023-t1, läge 2022-04-30T22:00:00+00:00",
        "2023-x, läge nu",
    ],
)
def test_a_hand_edited_period_row_is_refused_in_swedish(
    demo_db_writable: Database, marker: str
) -> None:
    with demo_db_writable.session() as session:
        user = _user(session, "ostermalm")
        book = load_workbook(io.BytesIO(_export(session)))
        ws = book["Östermalm"]
        columns, rows = _rows(ws)
        cell = next(
            ws.cell(r, c)
            for r in range(1, 10)
            for c in range(1, 4)
            if isinstance(ws.cell(r, c).value, str) and "Period för import" in ws.cell(r, c).value
        )
        cell.value = f"Period för import: {marker}"
        first = next(iter(rows))
        ws.cell(rows[first], columns["Kommentar"]).value = "Ändrad"
        before = _plan(session)
        with pytest.raises(ServiceError, match="Period för import” kunde inte läsas"):
            imports.preview(session, user, "activities", "uppfoljning.xlsx", _save(book), TODAY)
        assert _plan(session) == before
