"""Importing incidents or activities from CSV/XLSX: read, preview every row, then write.

Nothing is written by the preview. Each row goes through the same service functions as the
forms, so permissions, validation and the personal-data guard are the same. Incidents get an
`import_key` made from their content (and how many identical rows came before in the file), so
importing the same file twice adds nothing; an activity already in the plan (same section and
text) is skipped the same way.

The header row is the first of a sheet's first ten rows that holds the required column titles,
so a file may have title rows above its table. In an Excel file the first sheet whose header
matches is read; for activities every such sheet (the Uppföljning export has a summary sheet
first and one sheet per council). A row with an Id is an activity already in Lägesbild (the
export's round trip): its Status, Utfall, Kommentar and Genomförd are compared with the activity
as it stood when the sheet was exported (the sheet's "Period för import" row names the period and
the instant), its definition with the activity's current one. Unchanged rows change nothing; a
changed follow-up becomes a new follow-up (activities.update_activity), a changed definition goes
through plans.save_activity_definition; a row whose activity changed since the export (Version)
is a conflict and nothing is written for it.

A confirmed import is written in one transaction (`confirm`), so a large file holds the
database's write lock until it commits: on SQLite every other write waits for it (on PostgreSQL
writes to the rows it has changed). The import page says so in its help text.
"""

import contextlib
import csv
import hashlib
import io
import json
import logging
import os
import re
import secrets
import socket
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.xml.constants import ARC_CONTENT_TYPES, CONTYPES_NS, SHARED_STRINGS
from openpyxl.xml.functions import fromstring
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.formatting import fmt_int
from dashboard.services import activities, incidents, plans
from dashboard.services.errors import (
    Conflict,
    ConflictDetail,
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)
from dashboard.services.permissions import follow_up_refusal, require_write
from models import ActionPlan, Activity, Incident, IncidentWithdrawal, User, plan_wording, rules
from models.base import as_utc
from models.enums import (
    ActivityStatus,
    FollowUp,
    ImportKind,
    IncidentCategory,
    IncidentSource,
    Milieu,
    Schedule,
    Section,
    from_label_or_code,
    label,
)
from models.queries.follow_up import ActivityAsOf, activities_as_of

log = logging.getLogger(__name__)

MAX_ROWS = 50_000  # rows below the header, blank ones included
HEADER_SEARCH = 10  # the header row is one of a sheet's first ten (non-empty) rows
# What a sheet may hold at all, checked while it is read, before anything is kept: the rows
# above the table (title rows, blank ones) and the table; the columns; a cell's text (Excel's
# own limit). A file declaring a sheet of A1:XFD1048576 is refused here, not padded to it.
MAX_SHEET_ROWS = MAX_ROWS + 100
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767
MAX_SEPARATORS = 10 * MAX_COLUMNS  # in one line of a CSV file, quoted text included
# An .xlsx is a zip: what it may unpack to, checked from its directory before it is opened
# (zipfile never unpacks an entry past the size its directory declares). The sheets are read
# as a stream, but openpyxl keeps the whole string table in memory (a Python str per string,
# besides lxml's tree while it parses), so that part has a limit of its own; and no spreadsheet
# packs a part over 1 MB more than about 20:1 (a 50 000-row sheet: 15:1, measured), so a part
# packed tighter than MAX_PACKING_RATIO is a bomb, whatever its name.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 20 * 1024 * 1024
MAX_PACKING_RATIO = 100
RATIO_CHECKED_FROM = 1024 * 1024  # a small part may pack tighter (an empty sheet, the styles)
MAX_CONTENT_TYPES_BYTES = 1024 * 1024  # [Content_Types].xml, read to find the string table
MAX_ZIP_ENTRIES = 1_000


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    aliases: tuple[str, ...]
    required: bool = False
    enum: type[StrEnum] | None = None


INCIDENT_COLUMNS = (
    Column("council", "Nämnd", ("nämnd", "nämndkod", "council")),
    Column("date", "Datum", ("datum", "date", "månad"), required=True),
    Column("source", "Källa", ("källa", "source"), required=True, enum=IncidentSource),
    Column("category", "Kategori", ("kategori", "category"), required=True, enum=IncidentCategory),
    Column("milieu", "Miljö", ("miljö", "milieu"), required=True, enum=Milieu),
    Column("count", "Antal", ("antal", "count")),
    Column("sub_area", "Delområde", ("delområde", "sub_area", "område")),
    Column("description", "Beskrivning", ("beskrivning", "description")),
)
ACTIVITY_COLUMNS = (
    Column("council", "Nämnd", ("nämnd", "nämndkod", "council")),
    Column("year", "Planår", ("planår", "år", "year"), required=True),
    Column("section", "Avsnitt", ("avsnitt", "section"), required=True, enum=Section),
    Column("description", "Aktivitet", ("aktivitet", "description"), required=True),
    Column("responsible", "Ansvarig", ("ansvarig", "responsible"), required=True),
    Column("deadline", "Tidplan", ("tidplan", "deadline"), required=True),
    # Tidplan and Uppföljning are read in the plans' own words (models.plan_wording), kept too.
    Column("follow_up", "Uppföljning", ("uppföljning", "follow_up"), required=True),
    Column("target", "Mål", ("mål", "target")),
    # The follow-up, and the Id and Version the Uppföljning export writes (the round trip).
    Column("status", "Status", ("status",), enum=ActivityStatus),
    Column("outcome", "Utfall", ("utfall", "outcome")),
    Column("comment", "Kommentar", ("kommentar", "comment")),
    Column("completed_on", "Genomförd", ("genomförd", "genomförd den", "completed_on")),
    Column("id", "Id", ("id",)),
    Column("version", "Version", ("version",)),
)
COLUMNS = {ImportKind.INCIDENTS: INCIDENT_COLUMNS, ImportKind.ACTIVITIES: ACTIVITY_COLUMNS}

# An existing activity's fields the round trip compares: its follow-up (against the state when
# the sheet was exported) and its definition (against the current one), in the columns' order.
FOLLOW_UP_FIELDS = ("status", "outcome", "comment", "completed_on")
DEFINITION_FIELDS = ("section", "description", "responsible", "deadline", "follow_up", "target")


# --- the file format the Uppföljning export shares with the import ---------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
AS_OF_LABEL = "Period för import"


def escape_formula(text: str) -> str:
    """Text as a spreadsheet must show it, never as a formula: a text beginning with = + - @,
    a tab or a carriage return gets a leading apostrophe, and so does one that already begins
    with an apostrophe, so that `unescape_formula` gives back exactly the original."""
    if text[:1] in FORMULA_START or text[:1] == QUOTE:
        return QUOTE + text
    return text


def unescape_formula(text: str) -> str:
    """The inverse of `escape_formula`: one leading apostrophe before = + - @ ' (tab, CR)."""
    if len(text) > 1 and text[0] == QUOTE and (text[1] in FORMULA_START or text[1] == QUOTE):
        return text[1:]
    return text


def schedule_cell(schedule: Schedule, deadline: date | None, schedule_text: str) -> str | date:
    """Tidplan as the export writes it: the plan's own words, else the deadline, else Löpande."""
    if schedule_text:
        return schedule_text
    if schedule is Schedule.CONTINUOUS or deadline is None:
        return label(Schedule.CONTINUOUS)
    return deadline


def follow_up_cell(follow_up: FollowUp, follow_up_text: str) -> str:
    """Uppföljning as the export writes it: the plan's own words, else the channel's label."""
    return follow_up_text or label(follow_up)


def as_of_marker(period: rules.Period, instant: datetime) -> str:
    """The export's machine-readable title row: "Period för import: 2023-t1, läge
    2023-04-30T22:00:00+00:00" (the period and the instant, UTC). The import compares a row's
    follow-up with the activity as it stood then."""
    return f"{AS_OF_LABEL}: {period.year}-{period.code}, läge {as_utc(instant).isoformat()}"


_AS_OF = re.compile(
    re.escape(AS_OF_LABEL) + r":\s*(?P<code>\d{4}-(?:t1|t2|vb)),\s*läge\s+(?P<at>\S+)",
    re.IGNORECASE,
)


def _read_as_of(rows: list[tuple[int, list[str]]]) -> str:
    """ "2023-t1|2023-04-30T22:00:00+00:00" from a sheet's title rows, or "" when none. A row
    edited by hand into something no export writes (a year before the plans, a moment outside
    any calendar, no time zone) refuses the file in Swedish."""
    for number, cells in rows:
        first = cells[0].strip() if cells else ""
        if not first.lower().startswith(AS_OF_LABEL.lower()):
            continue
        match = _AS_OF.fullmatch(first[:120])
        moment = None
        if match is not None:
            with contextlib.suppress(ValueError, OverflowError):
                written = datetime.fromisoformat(match["at"])
                moment = written.astimezone(UTC) if written.tzinfo else None
        year = int(match["code"][:4]) if match is not None else 0
        if moment is None or not rules.FIRST_YEAR <= year <= moment.year:
            raise ServiceError(
                f"Raden ”{AS_OF_LABEL}” kunde inte läsas (rad {number}). Ändra den inte: "
                "exportera aktiviteterna på nytt från Uppföljning."
            )
        return f"{match['code'].lower()}|{moment.isoformat()}"  # type: ignore[index]
    return ""


# --- reading -------------------------------------------------------------------------------


@dataclass
class PreviewRow:
    number: int  # the row number the user sees in the spreadsheet
    data: dict[str, Any]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column title, why)
    duplicate: bool = False  # already there, or (with an Id) unchanged
    key: str = ""
    sheet: str = ""  # the Excel sheet, when the file has several
    activity_id: int | None = None  # a row with an Id: an activity already in Lägesbild
    changes: list[str] = field(default_factory=list)  # fields this row changes
    conflict: str = ""  # why nothing is written for the row (changed since the export)
    as_of: str = ""  # the sheet's period and instant ("2023-t1|2023-04-30T22:00:00+00:00")
    columns: list[str] = field(default_factory=list)  # fields the row's sheet has (Id rows)

    @property
    def state(self) -> str:
        """error, conflict, changed, unchanged, duplicate or new."""
        if self.errors:
            return "error"
        if self.conflict:
            return "conflict"
        if self.activity_id is not None:
            return "changed" if self.changes else "unchanged"
        return "duplicate" if self.duplicate else "new"


@dataclass
class ImportBatch:
    token: str
    user_id: int
    kind: ImportKind
    filename: str
    rows: list[PreviewRow]
    ignored: list[str] = field(default_factory=list)  # columns in the file Lägesbild does not read
    sheets: list[str] = field(default_factory=list)  # the Excel sheets read
    blank_rows: int = 0  # empty rows within the tables, skipped (and counted toward MAX_ROWS)

    def _count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)

    @property
    def error_rows(self) -> int:
        return self._count("error")

    @property
    def new_rows(self) -> int:
        return self._count("new")

    @property
    def duplicate_rows(self) -> int:
        return self._count("duplicate")

    @property
    def changed_rows(self) -> int:
        return self._count("changed")

    @property
    def unchanged_rows(self) -> int:
        return self._count("unchanged")

    @property
    def conflict_rows(self) -> int:
        return self._count("conflict")

    @property
    def write_rows(self) -> int:
        """Rows the import writes: new ones and changed ones."""
        return self.new_rows + self.changed_rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return unescape_formula(value.strip())
    return str(value).strip()


class SwedishExcel(csv.excel):
    delimiter = ";"


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ServiceError("Filen kunde inte läsas som text (UTF-8 eller Windows-1252).")


@dataclass
class Sheet:
    name: str  # "" for a CSV file
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells); empty rows left out


def _in_sheet(name: str) -> str:
    return f" i bladet ”{name}”" if name else ""


def _too_long(name: str, number: int) -> ServiceError:
    return ServiceError(
        f"På rad {number}{_in_sheet(name)} finns en cell med fler än "
        f"{fmt_int(MAX_CELL_CHARS)} tecken. Korta texten och ladda upp filen igen."
    )


def _sheet_rows(name: str, rows: Iterable[Sequence[Any]]) -> list[tuple[int, list[str]]]:
    """A sheet's non-empty rows as text with their numbers, read one row at a time and refused
    in Swedish at the first row past MAX_SHEET_ROWS, the first value past MAX_COLUMNS or the
    first cell longer than MAX_CELL_CHARS, so what is kept stays within the limits."""
    numbered: list[tuple[int, list[str]]] = []
    for number, values in enumerate(rows, start=1):
        if number > MAX_SHEET_ROWS:
            raise ServiceError(
                f"Filen har för många rader{_in_sheet(name)}: högst {fmt_int(MAX_ROWS)} rader kan "
                "läsas in (tomma rader räknas med). Ta bort tomma rader i slutet eller dela upp "
                "filen."
            )
        if len(values) > MAX_COLUMNS:
            # Refused on its width alone, even when the cells past the limit are empty: openpyxl
            # pads a row to its last cell, and a few KB of empty cells at column XFD would
            # otherwise cost 16 384 values a row to look through.
            raise ServiceError(
                f"Rad {number}{_in_sheet(name)} har fler än {MAX_COLUMNS} kolumner (tomma celler "
                "längst till höger räknas också). Ta bort kolumnerna längst till höger och ladda "
                "upp filen igen."
            )
        cells = [_cell(v) for v in values]
        if any(len(c) > MAX_CELL_CHARS for c in cells):
            raise _too_long(name, number)
        if any(cells):
            numbered.append((number, cells))
    return numbered


def _csv_records(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    """The reader's records; a field over csv's own limit (131 072 characters) or a damaged
    line is refused in Swedish, naming the row."""
    number = 0
    try:
        for record in reader:
            number += 1
            yield record
    except csv.Error as error:
        if "field larger" in str(error):
            raise _too_long("", number + 1) from None
        raise ServiceError(f"Rad {number + 1} kunde inte läsas som CSV.") from None


def _lines(text: str, delimiter: str) -> Iterator[str]:
    """The text's lines (as io.StringIO gives them), each refused before csv splits it when it
    holds more separators than any table of MAX_COLUMNS columns could (quoted text included):
    csv would otherwise build a row of millions of empty cells from one line of semicolons."""
    start = number = 0
    while True:
        number += 1
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start : end + 1]
        if line.count(delimiter) > MAX_SEPARATORS:
            raise ServiceError(
                f"Rad {number} har fler än {MAX_COLUMNS} kolumner. Ta bort kolumnerna längst till "
                "höger och ladda upp filen igen."
            )
        if line:
            yield line
        if end < 0:
            return
        start = end + 1


def _read_csv(content: bytes) -> list[Sheet]:
    text = _decode(content)
    dialect: type[csv.Dialect] = SwedishExcel  # Swedish Excel separates with semicolons
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    reader = csv.reader(_lines(text, str(dialect.delimiter)), dialect)
    return [Sheet("", _sheet_rows("", _csv_records(reader)))]


NOT_XLSX = "Excelfilen kunde inte öppnas. Spara den som .xlsx och försök igen."


def _too_large(what: str, limit: str) -> ServiceError:
    return ServiceError(
        f"{what} blir för stor när den packas upp ({limit}). Dela upp den eller spara den som CSV."
    )


def _shared_strings_part(archive: zipfile.ZipFile) -> str | None:
    """The string table's name in the zip, found as openpyxl finds it (by its content type), so
    a renamed table gets the same limit."""
    try:
        info = archive.getinfo(ARC_CONTENT_TYPES)
    except KeyError:
        return None  # openpyxl refuses the file
    if info.file_size > MAX_CONTENT_TYPES_BYTES:
        raise ServiceError(NOT_XLSX)
    try:
        tree = fromstring(archive.read(info))
    except Exception as error:  # a damaged zip or XML: many kinds
        raise ServiceError(NOT_XLSX) from error
    for part in tree.iter(f"{{{CONTYPES_NS}}}Override"):  # the first, as Manifest.find takes
        if part.get("ContentType") == SHARED_STRINGS:
            return str(part.get("PartName", "")).lstrip("/")
    return None


def _check_zip(content: bytes) -> None:
    """Refuse a zip bomb from the zip's directory, before anything is unpacked: the whole, the
    string table, and any part packed tighter than a spreadsheet ever is."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise _too_large("Excelfilen", f"högst {fmt_int(MAX_ZIP_ENTRIES)} delar")
            strings = {"xl/sharedStrings.xml", _shared_strings_part(archive)}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ServiceError(NOT_XLSX) from error
    megabytes = 1024 * 1024
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise _too_large("Excelfilen", f"högst {MAX_UNPACKED_BYTES // megabytes} MB")
    for entry in entries:
        if entry.filename in strings and entry.file_size > MAX_SHARED_STRINGS_BYTES:
            raise ServiceError(
                "Texterna i Excelfilen tar för stor plats när filen packas upp (högst "
                f"{MAX_SHARED_STRINGS_BYTES // megabytes} MB). Dela upp den eller spara den som "
                "CSV."
            )
        packed = max(1, entry.compress_size)
        if entry.file_size > RATIO_CHECKED_FROM and entry.file_size > MAX_PACKING_RATIO * packed:
            raise _too_large(
                "Excelfilen",
                f"delen {entry.filename[:80]} packas upp till mer än {MAX_PACKING_RATIO} gånger "
                "sin storlek, vilket ingen vanlig Excelfil gör",
            )


def _read_xlsx(content: bytes) -> list[Sheet]:
    _check_zip(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ServiceError(NOT_XLSX) from error
    sheets = []
    try:
        for sheet in workbook.worksheets:
            # The declared dimension is not trusted: without it each row is as wide as its
            # last cell, and a gap of missing rows costs nothing.
            sheet.reset_dimensions()
            values = sheet.iter_rows(values_only=True)
            sheets.append(Sheet(sheet.title, _sheet_rows(sheet.title, values)))
    except ServiceError:
        raise
    except Exception as error:  # a damaged sheet shows only while it is read
        raise ServiceError(NOT_XLSX) from error
    finally:
        workbook.close()
    return sheets


def read_sheets(filename: str, content: bytes) -> list[Sheet]:
    """Every sheet of the file (a CSV file is one), its rows as text."""
    name = filename.lower()
    if name.endswith(".csv") or name.endswith(".txt"):
        return _read_csv(content)
    if name.endswith(".xlsx"):
        return _read_xlsx(content)
    raise ServiceError("Filen måste vara CSV (.csv) eller Excel (.xlsx).")


def _mapping(kind: ImportKind, header: list[str]) -> dict[str, int]:
    normalised = [h.strip().lower() for h in header]
    found: dict[str, int] = {}
    for column in COLUMNS[kind]:
        for alias in column.aliases:
            if alias in normalised:
                found[column.field] = normalised.index(alias)
                break
    return found


def _missing(kind: ImportKind, mapping: dict[str, int]) -> list[str]:
    return [c.title for c in COLUMNS[kind] if c.required and c.field not in mapping]


def map_columns(kind: ImportKind, header: list[str]) -> dict[str, int]:
    """Which column index holds which field; names the columns that are missing."""
    found = _mapping(kind, header)
    missing = _missing(kind, found)
    if missing:
        raise ServiceError(
            "Kolumner saknas i filens rubrikrad: "
            + ", ".join(missing)
            + ". Förväntade kolumner: "
            + ", ".join(c.title for c in COLUMNS[kind])
            + f". Rubrikraden ska vara en av de {HEADER_SEARCH} första raderna."
        )
    return found


@dataclass
class Table:
    """One sheet's table: its header row, where each field is, and the rows below it."""

    sheet: str
    header: list[str]
    mapping: dict[str, int]
    rows: list[tuple[int, list[str]]]
    as_of: str  # the export's period and instant, from the title rows above the header
    blank: int = 0  # empty rows between the header and the last row, skipped


def _find_table(kind: ImportKind, sheet: Sheet) -> Table | None:
    for index, (number, cells) in enumerate(sheet.rows[:HEADER_SEARCH]):
        mapping = _mapping(kind, cells)
        if not _missing(kind, mapping):
            as_of = _read_as_of(sheet.rows[:index]) if kind is ImportKind.ACTIVITIES else ""
            rows = sheet.rows[index + 1 :]
            blank = rows[-1][0] - number - len(rows) if rows else 0
            return Table(sheet.name, cells, mapping, rows, as_of, blank)
    return None


def read_tables(kind: ImportKind, filename: str, content: bytes) -> list[Table]:
    """The tables to import: the first sheet whose header matches, or for activities every such
    sheet. Without one, the message names the columns missing from the first row."""
    sheets = read_sheets(filename, content)
    tables = [t for t in (_find_table(kind, s) for s in sheets) if t is not None]
    if not tables:
        first = next((s.rows[0][1] for s in sheets if s.rows), [])
        if not first:
            raise ServiceError("Filen innehåller inga rader att importera.")
        map_columns(kind, first)  # raises, naming what is missing
    if kind is not ImportKind.ACTIVITIES:
        tables = tables[:1]
    if not any(t.rows for t in tables):
        raise ServiceError("Filen innehåller inga rader att importera.")
    if sum(len(t.rows) + t.blank for t in tables) > MAX_ROWS:
        raise ServiceError(
            f"Filen har för många rader: högst {fmt_int(MAX_ROWS)} rader kan läsas in (tomma rader "
            "räknas med). Dela upp den."
        )
    return tables


def _enum_code(enum: type[StrEnum], value: str) -> str:
    """The stable code of a code or Swedish label in any case ("Polisen", "POLICE"); anything
    else as written, so the row's check names it."""
    member = from_label_or_code(enum, value)
    return member.value if member is not None else value


def _council_code(session: Session, value: str) -> str:
    """The code of the council named by its code or whole name (any case); else the text as
    written, so the row's check names it."""
    wanted = value.strip()
    if not wanted:
        return ""
    council = rules.find_council(session, wanted, or_name=True)
    return council.code if council else wanted


# --- preview -------------------------------------------------------------------------------


def _row_data(
    session: Session, kind: ImportKind, mapping: dict[str, int], cells: list[str], month_only: bool
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column in COLUMNS[kind]:
        index = mapping.get(column.field)
        value = cells[index] if index is not None and index < len(cells) else ""
        if column.enum and value:
            value = _enum_code(column.enum, value)
        data[column.field] = value
    if month_only and re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["date"]):
        # Excel turns "2024-03" in a Månad column into 2024-03-01; only the month is known.
        data["date"] = data["date"][:7]
    data["council"] = _council_code(session, data["council"])
    return data


def _titles(kind: ImportKind) -> dict[str, str]:
    return {c.field: c.title for c in COLUMNS[kind]}


def _incident_key(data: dict[str, Any], occurrence: int) -> str:
    parts = [str(data.get(f, "")).strip().lower() for f in (c.field for c in INCIDENT_COLUMNS)]
    return hashlib.sha256("|".join([*parts, str(occurrence)]).encode()).hexdigest()


def _check_incident(session: Session, user: User, row: PreviewRow, today: date) -> None:
    data = dict(row.data, count=row.data.get("count") or 1)
    valid = incidents.validate_incident(session, user, data, today)
    require_write(user, valid["council"].id)


def _activity_wording(data: dict[str, Any], year: int) -> tuple[dict[str, Any], dict[str, str]]:
    """The row's Tidplan and Uppföljning read from the plan's own words ("Senast 31 dec 2026",
    "I ordinarie verksamhetsuppföljning"), with the words kept; and why a wording was refused."""
    schedule_text = str(data.get("deadline", "")).strip()
    follow_up_text = str(data.get("follow_up", "")).strip()
    fields: dict[str, Any] = {"schedule_text": schedule_text, "follow_up_text": follow_up_text}
    errors: dict[str, str] = {}
    try:
        read = plan_wording.parse_schedule(schedule_text, year)
        fields["schedule"] = read.schedule.value
        fields["deadline"] = read.deadline.isoformat() if read.deadline else None
    except plan_wording.WordingError as error:
        fields["schedule"] = ""  # the Tidplan column's message says why
        errors["deadline"] = str(error)
    try:
        fields["follow_up"] = plan_wording.parse_follow_up(follow_up_text).value
    except plan_wording.WordingError as error:
        errors["follow_up"] = str(error)
    return fields, errors


# Errors on the wording or the codes read from it belong to the file's own columns.
_WORDING_COLUMN = {
    "schedule": "deadline",
    "schedule_text": "deadline",
    "follow_up_text": "follow_up",
}


def _validate_definition(plan: ActionPlan, data: dict[str, Any], wording: dict[str, str]) -> None:
    try:
        plans.validate_activity_definition(plan, data)
    except ValidationFailed as error:
        errors = {_WORDING_COLUMN.get(f, f): message for f, message in error.errors.items()}
        raise ValidationFailed(errors | wording) from None
    if wording:
        raise ValidationFailed(wording)


def _new_follow_up(data: dict[str, Any]) -> dict[str, Any] | None:
    """A new row's follow-up (a status other than Ej påbörjad, an outcome, a comment, a date),
    recorded right after the activity is added; None when the row has none."""
    status = str(data.get("status") or "").strip()
    given = {f: str(data.get(f) or "").strip() for f in ("outcome", "comment", "completed_on")}
    if status in ("", ActivityStatus.NOT_STARTED.value) and not any(given.values()):
        return None
    return {"status": status or ActivityStatus.NOT_STARTED.value} | {
        f: value or None for f, value in given.items()
    }


def _check_activity(
    session: Session, user: User, row: PreviewRow, today: date, baselines: "Baselines"
) -> None:
    if str(row.data.get("id") or "").strip():
        _check_existing(session, user, row, today, baselines)
        return
    plan = _plan_for(session, user, row.data)
    fields, wording_errors = _activity_wording(row.data, plan.year)
    data = row.data | fields
    _validate_definition(plan, data, wording_errors)
    require_write(user, plan.council_id)
    follow_up = _new_follow_up(data)
    if follow_up is not None:
        activities.validate_follow_up(follow_up, today)
    row.data = data
    row.duplicate = _activity_exists(session, plan.id, data)


def _plan_for(session: Session, user: User, data: dict[str, Any]) -> ActionPlan:
    code = data.get("council") or (user.council.code if user.council else "")
    try:
        year = int(str(data.get("year", "")).strip())
    except ValueError:
        raise ValidationFailed({"year": "Planår måste vara ett årtal, t.ex. 2026."}) from None
    council = rules.find_council(session, code)
    plan = (
        session.scalar(
            select(ActionPlan).where(ActionPlan.council_id == council.id, ActionPlan.year == year)
        )
        if council
        else None
    )
    if plan is None:
        raise ValidationFailed(
            {"year": f"Nämnden {code or '?'} har ingen handlingsplan för {year}."}
        )
    return plan


def _activity_exists(session: Session, plan_id: int, data: dict[str, Any]) -> bool:
    return (
        session.scalar(
            select(Activity.id).where(
                Activity.plan_id == plan_id,
                Activity.section == data["section"],
                Activity.description == str(data["description"]).strip(),
            )
        )
        is not None
    )


# --- rows with an Id: the export's round trip ------------------------------------------------


class Baselines:
    """What the activities looked like when a sheet was exported (as of its period's end, or
    the instant of the export while the period ran), one reconstruction per sheet."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._by_marker: dict[str, dict[int, ActivityAsOf]] = {}

    MAX_SHEETS = 30  # each distinct "Period för import" is a whole-city reconstruction

    def get(self, marker: str, activity_id: int) -> ActivityAsOf | None:
        if not marker:
            return None
        if marker not in self._by_marker:
            if len(self._by_marker) >= self.MAX_SHEETS:
                raise ServiceError(
                    f"Filen har blad från fler än {self.MAX_SHEETS} olika exporter. Dela upp den."
                )
            code, instant = marker.split("|", 1)  # as _read_as_of wrote it
            year, period_code = code.split("-", 1)
            period = rules.period(int(year), period_code)
            rows = activities_as_of(self.session, period, None, datetime.fromisoformat(instant))
            self._by_marker[marker] = {a.id: a for a in rows}
        return self._by_marker[marker].get(activity_id)


def _same(a: object, b: object) -> bool:
    """Equal as a spreadsheet shows them: dates as ÅÅÅÅ-MM-DD, whitespace collapsed, None and
    empty alike."""

    def norm(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, StrEnum):
            return value.value
        if isinstance(value, date):
            return value.isoformat()
        return " ".join(str(value).split())

    return norm(a) == norm(b)


def _positive_int(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdecimal() and 0 < len(text) <= 12 else None


def _definition_now(activity: Activity) -> dict[str, Any]:
    """An activity's definition as save_activity_definition takes it."""
    return {
        "id": activity.id,
        "version": activity.version,
        "section": activity.section.value,
        "description": activity.description,
        "responsible": activity.responsible,
        "schedule": activity.schedule.value,
        "deadline": activity.deadline.isoformat() if activity.deadline else None,
        "schedule_text": activity.schedule_text,
        "follow_up": activity.follow_up.value,
        "follow_up_text": activity.follow_up_text,
        "target": activity.target,
    }


@dataclass
class _Existing:
    activity: Activity
    changes: list[str]
    conflict: str
    follow_up: dict[str, Any] | None
    definition: dict[str, Any] | None


CHANGED_SINCE_EXPORT = (
    "Aktiviteten har ändrats i Lägesbild sedan filen exporterades (version {was} i filen, nu "
    "{now}). Raden sparas inte: exportera på nytt och gör om ändringen där."
)


FOLLOWED_UP_SINCE = (
    "Aktiviteten har följts upp efter den period filen visar (läget i filen gäller periodens "
    "slut). Raden sparas inte: ändra den i Mina aktiviteter eller exportera den pågående "
    "perioden."
)


def _existing(
    session: Session, user: User, row: PreviewRow, today: date, baselines: Baselines
) -> _Existing:
    """What a row with an Id changes: the follow-up fields edited since the export, the
    definition fields that differ from the current definition; a conflict when something is to
    change but the activity's version is no longer the exported one. Raises ValidationFailed
    or PermissionDenied for a row that cannot be written."""
    data = row.data
    activity_id = _positive_int(data.get("id"))
    if activity_id is None:
        raise ValidationFailed({"id": "Id ska vara aktivitetens nummer i Lägesbild (ett heltal)."})
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise ValidationFailed(
            {
                "id": f"Aktiviteten med Id {activity_id} finns inte. Töm Id-cellen för att "
                "lägga till raden som en ny aktivitet."
            }
        )
    plan = activity.plan
    if data.get("council") and str(data["council"]).upper() != plan.council.code.upper():
        raise ValidationFailed(
            {"council": f"Aktiviteten med Id {activity_id} hör till {plan.council.code}."}
        )
    if str(data.get("year") or "").strip() not in ("", str(plan.year)):
        raise ValidationFailed(
            {"year": f"Aktiviteten med Id {activity_id} hör till planen {plan.year}."}
        )
    columns = set(row.columns)
    baseline = baselines.get(row.as_of, activity_id)
    was: Any = baseline if baseline is not None else activity  # the state when exported
    completed = "completed_on"
    follow_changes = [
        f
        for f in FOLLOW_UP_FIELDS
        if f in columns
        and not _same(data.get(f), getattr(was, f))
        and not _same(data.get(f), getattr(activity, f))
    ]
    current = _definition_now(activity)
    shown = {
        "section": activity.section,
        "description": activity.description,
        "responsible": activity.responsible,
        "deadline": schedule_cell(activity.schedule, activity.deadline, activity.schedule_text),
        "follow_up": follow_up_cell(activity.follow_up, activity.follow_up_text),
        "target": activity.target,
    }
    definition_changes = [
        f for f in DEFINITION_FIELDS if f in columns and not _same(data.get(f), shown[f])
    ]
    changes = [
        f
        for f in (*FOLLOW_UP_FIELDS, *DEFINITION_FIELDS)
        if f in follow_changes or f in definition_changes
    ]
    if not changes:
        return _Existing(activity, [], "", None, None)
    version = _positive_int(data.get("version"))
    if version is None:
        raise ValidationFailed(
            {"version": "Version saknas: exportera aktiviteterna på nytt från Uppföljning."}
        )
    if version != activity.version:
        message = CHANGED_SINCE_EXPORT.format(was=version, now=activity.version)
        return _Existing(activity, changes, message, None, None)
    if follow_changes and any(not _same(getattr(was, f), getattr(activity, f)) for f in
                              FOLLOW_UP_FIELDS):  # fmt: skip
        # A closed period's sheet: the activity was followed up after the period ended, so the
        # row edits a state that no longer holds and would undo the later follow-up.
        return _Existing(activity, changes, FOLLOWED_UP_SINCE, None, None)

    follow_up: dict[str, Any] | None = None
    if follow_changes:
        follow_up = {
            "status": activity.status.value,
            "outcome": activity.outcome,
            "comment": activity.comment,
            completed: activity.completed_on.isoformat() if activity.completed_on else None,
        }
        for f in follow_changes:
            follow_up[f] = str(data.get(f) or "").strip() or None
        if follow_up["status"] != ActivityStatus.DONE.value and completed not in follow_changes:
            follow_up[completed] = None  # no longer done: its old completion date goes
        activities.validate_follow_up(follow_up, today)
        refusal = follow_up_refusal(session, user, activity, today)
        if refusal is not None:
            raise PermissionDenied(refusal)

    definition: dict[str, Any] | None = None
    if definition_changes:
        definition = dict(current)
        wording: dict[str, str] = {}
        for f in definition_changes:
            if f in ("deadline", "follow_up"):
                read, errors = _activity_wording(data, plan.year)
                keys: tuple[str, ...] = ("schedule", "deadline", "schedule_text")
                if f == "follow_up":
                    keys = ("follow_up", "follow_up_text")
                definition |= {k: read[k] for k in keys if k in read}
                wording |= {k: v for k, v in errors.items() if k == f}
            else:
                definition[f] = str(data.get(f) or "").strip() or None
        _validate_definition(plan, definition, wording)
        require_write(user, plan.council_id)
    return _Existing(activity, changes, "", follow_up, definition)


def _check_existing(
    session: Session, user: User, row: PreviewRow, today: date, baselines: Baselines
) -> None:
    found = _existing(session, user, row, today, baselines)
    row.activity_id = found.activity.id
    row.changes = found.changes
    row.conflict = found.conflict
    row.duplicate = not found.changes


def _existing_keys(session: Session, keys: list[str]) -> set[str]:
    """The keys already imported, withdrawn ones included (a withdrawal keeps its key)."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for column in (Incident.import_key, IncidentWithdrawal.import_key):
            found.update(session.scalars(select(column).where(column.in_(chunk))))
    return found


def preview(
    session: Session, user: User, kind: object, filename: str, content: bytes, today: date
) -> ImportBatch:
    """Read and check every row; write nothing. `kind`: an ImportKind code or label."""
    chosen = from_label_or_code(ImportKind, kind)
    if chosen is None:
        raise ServiceError("Välj vad filen innehåller: händelser eller aktiviteter.")
    kind = chosen
    tables = read_tables(kind, filename, content)
    titles = _titles(kind)
    rows: list[PreviewRow] = []
    ignored: list[str] = []
    seen: Counter[str] = Counter()
    ids: dict[int, str] = {}  # an Id already met in the file → where
    baselines = Baselines(session)
    several = len(tables) > 1
    for table in tables:
        header, mapping = table.header, table.mapping
        month_only = (
            kind is ImportKind.INCIDENTS and header[mapping["date"]].strip().lower() == "månad"
        )
        for i, h in enumerate(header):
            if h.strip() and i not in mapping.values() and h.strip() not in ignored:
                ignored.append(h.strip())
        for number, cells in table.rows:
            row = PreviewRow(
                number=number,
                data=_row_data(session, kind, mapping, cells, month_only),
                sheet=table.sheet if several else "",
                as_of=table.as_of,
            )
            try:
                if kind is ImportKind.INCIDENTS:
                    _check_incident(session, user, row, today)
                    base = _incident_key(row.data, 0)
                    row.key = _incident_key(row.data, seen[base])
                    seen[base] += 1
                else:
                    if str(row.data.get("id") or "").strip():
                        row.columns = list(mapping)
                        where = f"{table.sheet} rad {number}" if several else f"rad {number}"
                        activity_id = _positive_int(row.data["id"])
                        row.activity_id = activity_id
                        if activity_id is not None and activity_id in ids:
                            raise ValidationFailed(
                                {"id": f"Id {activity_id} står redan på {ids[activity_id]}."}
                            )
                        if activity_id is not None:
                            ids[activity_id] = where
                    _check_activity(session, user, row, today, baselines)
            except ValidationFailed as error:
                row.errors = [(titles.get(f, f), message) for f, message in error.errors.items()]
            except ServiceError as error:  # permission: another council, or a read-only role
                row.errors = [(titles["council"], error.message)]
            rows.append(row)
    if kind is ImportKind.INCIDENTS:
        existing = _existing_keys(session, [r.key for r in rows if r.key])
        for row in rows:
            row.duplicate = row.key in existing
    sheets = [t.sheet for t in tables if t.sheet]
    blank = sum(t.blank for t in tables)
    return ImportBatch(new_token(), user.id, kind, filename, rows, ignored, sheets, blank)


def new_token() -> str:
    """A staged batch's name: unguessable, and safe in a file name."""
    return secrets.token_urlsafe(16)


# --- writing -------------------------------------------------------------------------------


def _where(row: PreviewRow) -> str:
    return f"{row.sheet}, rad {row.number}" if row.sheet else f"Rad {row.number}"


def _changed_since_preview(row: PreviewRow, found: _Existing) -> Conflict:
    """Stops the whole import before anything is written."""
    return Conflict(
        f"{_where(row)}: {found.conflict} Ladda upp filen igen.",
        ConflictDetail(current={"version": found.activity.version}),
    )


def _apply_existing(
    session: Session, user: User, row: PreviewRow, today: date, baselines: Baselines
) -> bool:
    """Write a row with an Id; False when there is nothing to write (unchanged, or the conflict
    the preview showed). A conflict the preview did not show stops the import."""
    found = _existing(session, user, row, today, baselines)
    if found.conflict:
        if row.conflict:
            return False
        raise _changed_since_preview(row, found)
    if not found.changes:
        return False
    activity = found.activity
    if found.follow_up is not None:
        update = found.follow_up | {"version": activity.version}
        activities.update_activity(session, user, activity.id, update, today)
    if found.definition is not None:
        definition = found.definition | {"version": activity.version}
        plans.save_activity_definition(session, user, activity.plan_id, definition)
    return True


def apply(
    session: Session,
    user: User,
    batch: ImportBatch,
    today: date,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Write every row of a checked batch; returns (written: added or changed, skipped: already
    there, unchanged or in conflict). `progress` hears how many rows are done, now and then.

    The caller commits once, after the last row: a confirmed import is all or nothing, whatever
    happens to the browser meanwhile. Every row is re-checked through the services, and a row
    already written is skipped, so confirming the same file again adds nothing.
    """
    if batch.user_id != user.id:
        raise NotFound("Importen finns inte.")
    if batch.error_rows:
        raise ServiceError("Filen har rader med fel. Rätta filen och ladda upp den igen.")
    added = skipped = 0
    rows = batch.rows
    incidents_file = batch.kind is ImportKind.INCIDENTS
    written = _existing_keys(session, [r.key for r in rows]) if incidents_file else set()
    baselines = Baselines(session)
    if not incidents_file:
        # Before anything is written: an activity changed since the preview stops the import.
        # Each look-up counts as progress (as 0 rows written), so a long check of a large file
        # is not taken for a write that died.
        for checked, row in enumerate(rows):
            if progress is not None and checked and checked % PROGRESS_EVERY == 0:
                progress(0)
            if row.activity_id is not None:
                found = _existing(session, user, row, today, baselines)
                if found.conflict and not row.conflict:
                    raise _changed_since_preview(row, found)
    for done, row in enumerate(rows):
        if progress is not None and done and done % PROGRESS_EVERY == 0:
            progress(done)
        if incidents_file:
            if row.key in written:
                skipped += 1
                continue
            data = dict(row.data, count=row.data.get("count") or 1)
            incidents.create_incident(session, user, data, today, import_key=row.key)
        elif row.activity_id is not None:
            if not _apply_existing(session, user, row, today, baselines):
                skipped += 1
                continue
        else:
            plan = _plan_for(session, user, row.data)
            if _activity_exists(session, plan.id, row.data):
                skipped += 1
                continue
            activity = plans.save_activity_definition(session, user, plan.id, row.data)
            follow_up = _new_follow_up(row.data)
            if follow_up is not None:
                update = follow_up | {"version": activity.version}
                activities.update_activity(session, user, activity.id, update, today)
        added += 1
    return added, skipped


# A user's previews waiting for confirmation: how many, how large together, and for how long.
MAX_STAGED_FILES = 5
MAX_STAGED_BYTES = 100 * 1024 * 1024
STAGED_MAX_AGE_S = 24 * 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")

# A confirmed import is written in a thread, in one transaction, so neither a closed tab nor the
# web server's request timeout can leave part of a file saved; the page only shows how far it is.
# While it is written (and above all while it commits) a large import holds the database's write
# lock: on SQLite every other write waits until it is done.
#
# A write is called dead only when its writer is known to be gone: on this host, when its process
# no longer exists; on another host (where the process cannot be asked), after STALE_AFTER_S with
# no progress, and then as UNKNOWN, never as "nothing was saved": it may yet commit.
WRITING, WRITTEN, FAILED, UNKNOWN = "writing", "written", "failed", "unknown"
CHECKING, COMMITTING = "checking", "committing"  # phases of WRITING besides the rows themselves
PROGRESS_EVERY = 100  # rows between two progress reports
STALE_AFTER_S = 300.0  # no progress for five minutes from a writer on another host
WRITER_GONE = "Importen avbröts innan den var klar (servern som sparade den stoppades)."
NOT_ANSWERING = (
    "Importen svarar inte. Kontrollera i loggen om raderna sparades innan du försöker igen."
)
ANOTHER_WRITING = (
    "En annan import sparas fortfarande. Vänta tills den är klar och ladda sedan upp filen igen "
    "(rader som redan har sparats läggs inte till en gång till)."
)
_writers: set[threading.Thread] = set()
_writers_lock = threading.Lock()


@dataclass
class WriteStatus:
    """How far a confirmed import has come; kept beside the staged batch for every worker."""

    state: str
    total: int
    done: int = 0  # rows written or skipped so far (nothing is committed before the last)
    added: int = 0
    skipped: int = 0
    message: str = ""
    updated: float = 0.0
    phase: str = ""  # CHECKING, COMMITTING, or "" while rows are written
    pid: int = 0  # the writing process, and its host: whether it still lives
    host: str = ""
    # When the process started (Linux), so a pid given again to another process after a restart
    # (a container's workers get the same pids) is not taken for the writer.
    pid_started: str = ""

    @classmethod
    def started(cls, total: int) -> "WriteStatus":
        """A write this process starts, marked with its process and host."""
        pid = os.getpid()
        return cls(
            WRITING,
            total,
            updated=time.time(),
            pid=pid,
            host=socket.gethostname(),
            pid_started=_process_started(pid),
        )

    def writer_alive(self) -> bool | None:
        """Whether the writing process still exists; None when that cannot be known here (another
        host, or a status without a process)."""
        if self.host != socket.gethostname() or self.pid <= 0:
            return None
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except OSError:  # PermissionError: it exists, as another user
            pass
        return not self.pid_started or _process_started(self.pid) in ("", self.pid_started)


def _process_started(pid: int) -> str:
    """The process's start time in clock ticks since boot (/proc/PID/stat, field 22); "" where
    there is no /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else ""


class StagingArea:
    """Checked batches wait here between preview and confirmation (per user, on disk so every
    gunicorn worker sees them). Each user has a cap on files and bytes, and a preview nobody
    confirmed expires, so uploads cannot fill the disk."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, token: object, user_id: int) -> Path:
        """The user's file for a token; NotFound for anything a browser would not send."""
        if not isinstance(token, str) or not _TOKEN.fullmatch(token):
            raise NotFound("Importen finns inte.")
        return self.directory / f"{user_id}-{token}.json"

    def _status_path(self, token: object, user_id: int) -> Path:
        return self._path(token, user_id).with_suffix(".status")

    def _mine(self, user_id: int) -> list[Path]:
        return list(self.directory.glob(f"{user_id}-*.json"))

    def save(self, batch: ImportBatch) -> None:
        """Stage a batch; refused in Swedish when the user already has too many or too much
        waiting."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self.prune()
        data = json.dumps(asdict(batch), default=str).encode("utf-8")
        mine = self._mine(batch.user_id)
        if len(mine) >= MAX_STAGED_FILES:
            raise ServiceError(
                f"{len(mine)} förhandsvisningar väntar redan på att importeras (högst "
                f"{MAX_STAGED_FILES} per användare). Importera dem eller vänta: en "
                f"förhandsvisning tas bort efter {STAGED_MAX_AGE_S // 3600} timmar."
            )
        waiting = sum(p.stat().st_size for p in mine if p.exists())
        if waiting + len(data) > MAX_STAGED_BYTES:
            raise ServiceError(
                "Förhandsvisningarna som väntar på att importeras får ta upp högst "
                f"{MAX_STAGED_BYTES // (1024 * 1024)} MB per användare. Importera dem som "
                "väntar, eller dela upp filen."
            )
        self._path(batch.token, batch.user_id).write_bytes(data)

    def load(self, token: object, user: User) -> ImportBatch:
        path = self._path(token, user.id)
        if not path.exists() or self._expired(path):
            path.unlink(missing_ok=True)
            raise NotFound("Importen finns inte längre. Ladda upp filen igen.")
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload["user_id"] != user.id:
            raise NotFound("Importen finns inte.")
        payload["kind"] = ImportKind(payload["kind"])
        payload["rows"] = [
            PreviewRow(**{**r, "errors": [tuple(e) for e in r["errors"]]}) for r in payload["rows"]
        ]
        return ImportBatch(**payload)

    def claim(self, batch: ImportBatch) -> bool:
        """Mark the batch as being written; False when a confirmation already did (a double
        click, or two workers), so it is written once."""
        try:
            with self._status_path(batch.token, batch.user_id).open("x", encoding="utf-8") as f:
                f.write(json.dumps(asdict(WriteStatus.started(len(batch.rows)))))
        except FileExistsError:
            return False
        return True

    def save_status(self, token: str, user_id: int, status: WriteStatus) -> None:
        status.updated = time.time()
        target = self._status_path(token, user_id)
        temporary = target.with_suffix(f".{threading.get_ident()}.tmp")
        temporary.write_text(json.dumps(asdict(status)), encoding="utf-8")
        os.replace(temporary, target)  # a reader never sees half a status

    def status(self, token: object, user: User) -> WriteStatus:
        """The user's confirmed import; NotFound for none. A write whose process on this host is
        gone FAILED (its transaction died with it); a write on another host that has not reported
        for STALE_AFTER_S is UNKNOWN (it may still commit)."""
        return self._read_status(self._status_path(token, user.id))

    @staticmethod
    def _read_status(path: Path) -> WriteStatus:
        try:
            status = WriteStatus(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            raise NotFound("Importen finns inte längre. Ladda upp filen igen.") from None
        if status.state == WRITING:
            alive = status.writer_alive()
            if alive is False:
                status.state, status.message = FAILED, WRITER_GONE
            elif alive is None and time.time() - status.updated > STALE_AFTER_S:
                status.state, status.message = UNKNOWN, NOT_ANSWERING
        return status

    def writing(self, user_id: int) -> bool:
        """Whether one of the user's imports may still be being written by a live writer."""
        for path in self.directory.glob(f"{user_id}-*.status"):
            with contextlib.suppress(NotFound):
                if self._read_status(path).state == WRITING:
                    return True
        return False

    def discard_batch(self, token: str, user_id: int) -> None:
        self._path(token, user_id).unlink(missing_ok=True)

    @staticmethod
    def _expired(path: Path) -> bool:
        try:
            return path.stat().st_mtime < time.time() - STAGED_MAX_AGE_S
        except FileNotFoundError:
            return True

    def prune(self) -> None:
        """Previews nobody confirmed are dropped after STAGED_MAX_AGE_S."""
        for pattern in ("*.json", "*.status", "*.tmp"):
            for path in self.directory.glob(pattern):
                if self._expired(path):
                    path.unlink(missing_ok=True)

    def discard(self, token: object, user: User) -> None:
        """Drop a user's staged batch and its outcome; a forged or unknown token drops nothing.
        The status of a write that may still be under way (WRITING, UNKNOWN) is kept: it is what
        stops the same batch being written twice, and what the user may come back to."""
        with contextlib.suppress(NotFound):
            self._path(token, user.id).unlink(missing_ok=True)
            if self.status(token, user).state not in (WRITING, UNKNOWN):
                self._status_path(token, user.id).unlink(missing_ok=True)


Sessions = Callable[[], AbstractContextManager[Session]]


def confirm(
    sessions: Sessions, staging: StagingArea, token: object, user: User, today: date
) -> WriteStatus:
    """Start writing the user's staged batch in a thread, in one transaction (`sessions`: a
    unit of work that commits on success, Database.session); returns its status at once. A
    forged or expired token, or a file with errors, is refused in Swedish before anything
    starts; a second confirmation joins the write already under way."""
    batch = staging.load(token, user)
    if batch.error_rows:
        raise ServiceError("Filen har rader med fel. Rätta filen och ladda upp den igen.")
    with contextlib.suppress(NotFound):
        if staging.status(batch.token, user).state in (WRITING, UNKNOWN):
            return staging.status(batch.token, user)  # a second confirmation joins it
    if staging.writing(user.id):  # another batch, perhaps of the same rows, is not yet committed
        staging.discard_batch(batch.token, user.id)  # previewed before those rows were there
        raise ServiceError(ANOTHER_WRITING)
    if not staging.claim(batch):
        return staging.status(batch.token, user)
    thread = threading.Thread(
        target=_write, args=(sessions, staging, batch, user.id, today), daemon=True
    )
    with _writers_lock:
        _writers.add(thread)
    thread.start()
    return staging.status(batch.token, user)


def _write(
    sessions: Sessions, staging: StagingArea, batch: ImportBatch, user_id: int, today: date
) -> None:
    status = WriteStatus.started(len(batch.rows))
    try:

        def progress(done: int) -> None:
            status.done, status.phase = done, CHECKING if done == 0 else ""
            staging.save_status(batch.token, user_id, status)

        with sessions() as session:  # commits once, after the last row; rolls back on error
            user = session.get(User, user_id)
            if user is None:
                raise NotFound("Användaren finns inte.")
            status.added, status.skipped = apply(session, user, batch, today, progress)
            status.done, status.phase = len(batch.rows), COMMITTING
            staging.save_status(batch.token, user_id, status)  # the commit may take a while
        status.state, status.phase = WRITTEN, ""
    except ServiceError as error:
        status.state, status.message = FAILED, error.message
    except Exception:
        log.exception("import %s failed", batch.token)
        status.state, status.message = FAILED, "Importen kunde inte sparas."
    finally:
        staging.save_status(batch.token, user_id, status)
        staging.discard_batch(batch.token, user_id)
        with _writers_lock:
            _writers.discard(threading.current_thread())


def wait_for_writes(timeout_s: float) -> bool:
    """True once every import this process is writing has finished (tests, shutdown)."""
    deadline = time.monotonic() + timeout_s
    with _writers_lock:
        running = list(_writers)
    for thread in running:
        thread.join(max(0.0, deadline - time.monotonic()))
    return not any(thread.is_alive() for thread in running)
