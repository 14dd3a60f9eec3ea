"""The tertial/VB follow-up as an Excel workbook: what a coordinator pastes into the city's report.

Sheets: "Sammanfattning" (one row per council and a total), "Per avsnitt" (each council's counts
per section) and one sheet per council with its activities as they stood at the period's end.
An activities sheet is also an import file (dashboard.services.imports): its columns carry the
import's titles, an Id and a Version, and its title rows the period in a machine-readable row, so
an edited sheet can be imported again and only what the user changed is written.

Text from the database always goes in as text (a string cell, with a leading apostrophe when it
would otherwise read as a formula); numbers as numbers, dates as dates.
"""

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.services.follow_up import CouncilReport, FollowUpReport
from dashboard.services.imports import (
    COLUMNS,
    as_of_marker,
    escape_formula,
    follow_up_cell,
    schedule_cell,
)
from models.base import in_stockholm
from models.enums import ActivityStatus, ImportKind, Section, label
from models.queries.follow_up import STANDING_LABELS, ActivityAsOf, Counts, Standing

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0.0%"
HEADER_FILL = PatternFill("solid", start_color="1F4E79", end_color="1F4E79")  # white on it: 8.6:1
HEADER_FONT = Font(bold=True, color="FFFFFF")
TOTAL_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
THIN = Side(style="thin", color="808080")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
MAX_SHEET_NAME = 31
FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")

# The counts a summary row shows, after the name: (heading, value of a Counts).
COUNT_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("Aktiviteter", lambda c: c.total),
    ("Att genomföra", lambda c: c.due),
    ("Genomförda", lambda c: c.done),
    ("varav efter tidplan", lambda c: c[Standing.DONE_LATE]),
    ("Försenade", lambda c: c[Standing.DELAYED]),
    ("Inställda", lambda c: c[Standing.CANCELLED]),
    ("Löpande uppföljda", lambda c: c[Standing.CONTINUOUS_UPDATED]),
    ("Löpande utan uppföljning", lambda c: c[Standing.CONTINUOUS_STALE]),
    ("Ej förfallna", lambda c: c[Standing.UPCOMING]),
    ("Överförda till nästa års plan", lambda c: c[Standing.CARRIED_OVER]),
)


def _fraction(counts: Counts) -> float | None:
    """Completion as a fraction for a percent cell (Excel shows 0.833 as 83,3 % in Swedish)."""
    return None if counts.completion is None else counts.completion / 100


def _put(cell: Cell | MergedCell, value: Any) -> None:
    """A value into a cell as what it is: text as text (never a formula), numbers, dates."""
    if isinstance(value, str):
        text = escape_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.value = text
        cell.data_type = "s"
        if text != value:
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value


IMPORT_NOTE = (
    "Bladet kan läsas in igen under Import (aktiviteter): ändrad status, utfall, kommentar, "
    "genomförd-datum eller definition sparas, oförändrade rader lämnas och rader utan Id läggs "
    "till. Ändra inte Id, Version eller raden ”Period för import”."
)


def _title_rows(ws: Worksheet, report: FollowUpReport, lines: Sequence[str], note: str = "") -> int:
    """The report's title, the sheet's own lines and the period's machine-readable row; returns
    the next free row."""
    _put(ws.cell(1, 1), report.title)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    row = 2
    for line in (*lines, report.as_of_text, report.made_text):
        _put(ws.cell(row, 1), line)
        row += 1
    if note:
        _put(ws.cell(row, 1), note)
        ws.cell(row, 1).font = Font(italic=True, color="595959")
        row += 1
    _put(ws.cell(row, 1), as_of_marker(report.period, report.cutoff.instant))
    ws.cell(row, 1).font = Font(color="595959", size=9)
    return row + 2  # a blank row before the table


def _table(
    ws: Worksheet,
    top: int,
    headings: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Mapping[str, float],
    formats: dict[str, str] | None = None,
    totals: Iterable[Sequence[Any]] = (),
) -> int:
    """A table with a styled, frozen header, an autofilter over its rows (total rows below it,
    so sorting never moves them) and sensible widths; returns its last row."""
    formats = formats or {}
    for column, heading in enumerate(headings, start=1):
        cell = ws.cell(top, column)
        _put(cell, heading)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(column)].width = widths.get(
            heading, max(10, min(len(heading) + 2, 18))
        )
    ws.row_dimensions[top].height = LINE_HEIGHT * max(
        _lines(h, ws.column_dimensions[get_column_letter(c)].width)
        for c, h in enumerate(headings, start=1)
    )
    last = top
    for values in rows:
        last += 1
        _row(ws, last, headings, values, formats)
    ws.freeze_panes = f"A{top + 1}"
    ws.auto_filter.ref = f"A{top}:{get_column_letter(len(headings))}{max(last, top + 1)}"
    for values in totals:
        last += 1
        _row(ws, last, headings, values, formats)
        for column in range(1, len(headings) + 1):
            cell = ws.cell(last, column)
            cell.font, cell.fill, cell.border = Font(bold=True), TOTAL_FILL, Border(top=THIN)
    ws.print_title_rows = f"{top}:{top}"
    return last


def _row(
    ws: Worksheet, row: int, headings: Sequence[str], values: Sequence[Any], formats: dict[str, str]
) -> None:
    lines = 1
    for column, (heading, value) in enumerate(zip(headings, values, strict=True), start=1):
        cell = ws.cell(row, column)
        _put(cell, value)
        if heading in formats:
            cell.number_format = formats[heading]
        cell.alignment = WRAP_TOP
        if isinstance(value, str):
            width = ws.column_dimensions[get_column_letter(column)].width
            lines = max(lines, _lines(value, width))
    # Programs do not grow a row for wrapped text written by a library: set its height.
    ws.row_dimensions[row].height = LINE_HEIGHT * min(lines, 40)


LINE_HEIGHT = 15  # points per line of 11 pt text


def _lines(text: str, width: float | None) -> int:
    """About how many lines a text needs in a column `width` characters wide."""
    chars = max(1, int((width or 10) * 1.1) - 1)
    return sum(max(1, -(-len(part) // chars)) for part in text.split("\n"))


def _page_setup(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


# --- Sammanfattning and Per avsnitt --------------------------------------------------------

SUMMARY_HEADINGS = (
    "Nämnd",
    *(h for h, _ in COUNT_COLUMNS),
    "Genomförandegrad",
    "Samma period i fjol",
    "Händelser",
    "Händelser i fjol",
)
PERCENTS = {"Genomförandegrad": PERCENT_FORMAT, "Samma period i fjol": PERCENT_FORMAT}


def _summary_values(
    name: str, counts: Counts, last_year: Counts, incidents: tuple[int, int]
) -> list[Any]:
    return [
        name,
        *(value(counts) for _, value in COUNT_COLUMNS),
        _fraction(counts),
        _fraction(last_year),
        incidents[0],
        incidents[1],
    ]


def _summary(ws: Worksheet, report: FollowUpReport) -> None:
    ws.title = "Sammanfattning"
    top = _title_rows(ws, report, [])
    rows = [
        _summary_values(c.council.name, c.counts.total, c.last_year, c.incidents.total)
        for c in report.councils
    ]
    total = _summary_values(
        f"Totalt, {report.scope_name.lower()}" if report.council is None else "Totalt",
        report.total,
        report.total_last_year,
        report.incidents.total,
    )
    widths = {"Nämnd": 26, "Genomförandegrad": 19, "Samma period i fjol": 14}
    last = _table(ws, top, SUMMARY_HEADINGS, rows, widths, PERCENTS, [total])
    notes = (
        "Genomförandegrad: genomförda (i tid eller efter tidplan) av de aktiviteter vars "
        "tidplan löpte ut senast periodens sista dag. Tom cell: inget att genomföra.",
        "Händelser: VBE-relaterade händelser från 1 januari till periodens slut, mot samma "
        "månader i fjol.",
    )
    for offset, note in enumerate(notes, start=2):
        _put(ws.cell(last + offset, 1), note)
        ws.cell(last + offset, 1).font = Font(italic=True, color="595959")
    _page_setup(ws)


SECTION_HEADINGS = (
    "Nämnd",
    "Avsnitt",
    *(h for h, _ in COUNT_COLUMNS),
    "Genomförandegrad",
)


def _per_section(ws: Worksheet, report: FollowUpReport) -> None:
    top = _title_rows(ws, report, ["Aktiviteterna per avsnitt i planen"])
    rows = []
    for council in report.councils:
        for section in Section:
            counts = council.counts.by_section[section]
            values = [value(counts) for _, value in COUNT_COLUMNS]
            rows.append([council.council.name, label(section), *values, _fraction(counts)])
    totals = []
    if len(report.councils) > 1:
        for section in Section:
            counts = Counts()
            for council in report.councils:
                counts.add(council.counts.by_section[section])
            values = [value(counts) for _, value in COUNT_COLUMNS]
            totals.append(["Totalt", label(section), *values, _fraction(counts)])
    widths = {"Nämnd": 26, "Avsnitt": 28, "Genomförandegrad": 19}
    _table(ws, top, SECTION_HEADINGS, rows, widths, PERCENTS, totals)
    _page_setup(ws)


# --- one sheet per council: its activities, importable again -----------------------------------

_TITLES = {c.field: c.title for c in COLUMNS[ImportKind.ACTIVITIES]}
ACTIVITY_HEADINGS = (
    *(
        _TITLES[f]
        for f in (
            "council",
            "year",
            "section",
            "description",
            "responsible",
            "deadline",
            "follow_up",
            "target",
            "status",
            "outcome",
            "comment",
            "completed_on",
        )
    ),
    "Bedömning",
    "Senast uppföljd",
    _TITLES["id"],
    _TITLES["version"],
)
ACTIVITY_WIDTHS = {
    "Nämnd": 8,
    "Planår": 8,
    "Avsnitt": 16,
    "Aktivitet": 50,
    "Ansvarig": 22,
    "Tidplan": 22,
    "Uppföljning": 20,
    "Mål": 24,
    "Status": 12,
    "Utfall": 36,
    "Kommentar": 36,
    "Genomförd": 12,
    "Bedömning": 20,
    "Senast uppföljd": 17,
    "Id": 7,
    "Version": 9,
}


def _activity_values(activity: ActivityAsOf, council_code: str) -> list[Any]:
    last = activity.last_update_at
    return [
        council_code,
        activity.plan_year,
        label(activity.section),
        activity.description,
        activity.responsible,
        schedule_cell(activity.schedule, activity.deadline, activity.schedule_text),
        follow_up_cell(activity.follow_up, activity.follow_up_text),
        activity.target,
        label(activity.status),
        activity.outcome,
        activity.comment,
        activity.completed_on,
        STANDING_LABELS[activity.standing],
        in_stockholm(last) if last else None,
        activity.id,
        activity.version,
    ]


def _choices(ws: Worksheet, heading: str, labels: list[str], top: int, last: int) -> None:
    """A drop-down of the Swedish labels in a column, down to a few hundred rows below the
    table so that added rows get it too."""
    column = get_column_letter(ACTIVITY_HEADINGS.index(heading) + 1)
    rule = DataValidation(
        type="list",
        formula1='"' + ",".join(labels) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=heading,
        error=f"Välj något av: {', '.join(labels)}.",
    )
    rule.add(f"{column}{top + 1}:{column}{last + 500}")
    ws.add_data_validation(rule)


def _plans_line(council: CouncilReport) -> str:
    """Handlingsplan 2023: Östermalm, Dnr OST 2022/949."""
    if not council.plans:
        return "Ingen handlingsplan för året."
    parts = [f"{p.council.name}, Dnr {p.dnr}" if p.dnr else p.council.name for p in council.plans]
    noun = "Handlingsplan" if len(parts) == 1 else "Handlingsplaner"
    return f"{noun} {council.plans[0].year}: " + "; ".join(parts)


def _council_sheet(ws: Worksheet, report: FollowUpReport, council: CouncilReport) -> None:
    lines = [f"Nämnd: {council.council.name}", _plans_line(council)]
    top = _title_rows(ws, report, lines, IMPORT_NOTE)
    codes = {p.council.name: p.council.code for p in council.plans}
    rows = [
        _activity_values(a, codes.get(a.plan_council, a.plan_council)) for a in council.activities
    ]
    # Nothing below the table: every row under the header is read by the import.
    last = _table(ws, top, ACTIVITY_HEADINGS, rows, ACTIVITY_WIDTHS)
    _choices(ws, "Avsnitt", [label(s) for s in Section], top, last)
    _choices(ws, "Status", [label(s) for s in ActivityStatus], top, last)
    _page_setup(ws)


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of []:*?/\\ and no apostrophe at
    either end (Excel refuses them), not "History" (reserved)."""
    clean = FORBIDDEN_IN_SHEET_NAME.sub("-", name).strip().strip("'") or "Nämnd"
    if clean.lower() == "history":
        clean = "History (nämnd)"
    clean = clean[:MAX_SHEET_NAME]
    candidate, n = clean, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        candidate = clean[: MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def workbook(report: FollowUpReport) -> bytes:
    """The report as an .xlsx file."""
    book = Workbook()
    book.properties.title = report.title
    book.properties.creator = "Lägesbild"
    summary = book.active
    assert summary is not None
    _summary(summary, report)
    taken = {"Sammanfattning", "Per avsnitt"}
    _per_section(book.create_sheet("Per avsnitt"), report)
    for council in report.councils:
        _council_sheet(book.create_sheet(sheet_name(council.council.name, taken)), report, council)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
