"""Importing incidents or activities from CSV/XLSX: read, preview every row, then write.

Nothing is written by the preview. Each row goes through the same service functions as the
forms, so permissions, validation and the personal-data guard are the same. Incidents get an
`import_key` made from their content (and how many identical rows came before in the file), so
importing the same file twice adds nothing; an activity already in the plan (same section and
text) is skipped the same way.
"""

import contextlib
import csv
import hashlib
import io
import json
import re
import secrets
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.services import incidents, plans
from dashboard.services.errors import NotFound, ServiceError, ValidationFailed
from dashboard.services.permissions import require_write
from models import ActionPlan, Activity, Incident, User, plan_wording, rules
from models.enums import (
    ImportKind,
    IncidentCategory,
    IncidentSource,
    Milieu,
    Section,
    from_label_or_code,
)

MAX_ROWS = 50_000


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
)
COLUMNS = {ImportKind.INCIDENTS: INCIDENT_COLUMNS, ImportKind.ACTIVITIES: ACTIVITY_COLUMNS}


@dataclass
class PreviewRow:
    number: int  # the row number the user sees in the spreadsheet (header is row 1)
    data: dict[str, Any]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column title, why)
    duplicate: bool = False
    key: str = ""


@dataclass
class ImportBatch:
    token: str
    user_id: int
    kind: ImportKind
    filename: str
    rows: list[PreviewRow]
    ignored: list[str] = field(default_factory=list)  # columns in the file Lägesbild does not read

    @property
    def error_rows(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def new_rows(self) -> int:
        return sum(1 for row in self.rows if not row.errors and not row.duplicate)

    @property
    def duplicate_rows(self) -> int:
        return sum(1 for row in self.rows if row.duplicate)


# --- reading -------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
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


def _read_csv(content: bytes) -> list[list[str]]:
    text = _decode(content)
    dialect: type[csv.Dialect] = SwedishExcel  # Swedish Excel separates with semicolons
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(content: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ServiceError(
            "Excelfilen kunde inte öppnas. Spara den som .xlsx och försök igen."
        ) from error
    sheet = workbook.worksheets[0]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def read_table(filename: str, content: bytes) -> list[list[str]]:
    """All rows of the file (the header first), as text."""
    name = filename.lower()
    if name.endswith(".csv") or name.endswith(".txt"):
        rows = _read_csv(content)
    elif name.endswith(".xlsx"):
        rows = _read_xlsx(content)
    else:
        raise ServiceError("Filen måste vara CSV (.csv) eller Excel (.xlsx).")
    rows = [row for row in rows if any(cell for cell in row)]
    if len(rows) < 2:
        raise ServiceError("Filen innehåller inga rader att importera.")
    if len(rows) - 1 > MAX_ROWS:
        raise ServiceError(f"Filen har fler än {MAX_ROWS:,} rader. Dela upp den.".replace(",", " "))
    return rows


def map_columns(kind: ImportKind, header: list[str]) -> dict[str, int]:
    """Which column index holds which field; names the columns that are missing."""
    wanted = COLUMNS[kind]
    normalised = [h.strip().lower() for h in header]
    found: dict[str, int] = {}
    for column in wanted:
        for alias in column.aliases:
            if alias in normalised:
                found[column.field] = normalised.index(alias)
                break
    missing = [c.title for c in wanted if c.required and c.field not in found]
    if missing:
        raise ServiceError(
            "Kolumner saknas i filens första rad: "
            + ", ".join(missing)
            + ". Förväntade kolumner: "
            + ", ".join(c.title for c in wanted)
            + "."
        )
    return found


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


def _check_activity(session: Session, user: User, row: PreviewRow) -> None:
    plan = _plan_for(session, user, row.data)
    fields, wording_errors = _activity_wording(row.data, plan.year)
    data = row.data | fields
    try:
        plans.validate_activity_definition(plan, data)
    except ValidationFailed as error:
        # Errors on the wording or the codes read from it belong to the file's own columns.
        column = {
            "schedule": "deadline",
            "schedule_text": "deadline",
            "follow_up_text": "follow_up",
        }
        errors = {column.get(f, f): message for f, message in error.errors.items()}
        raise ValidationFailed(errors | wording_errors) from None
    if wording_errors:
        raise ValidationFailed(wording_errors)
    require_write(user, plan.council_id)
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


def _existing_keys(session: Session, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(
            session.scalars(select(Incident.import_key).where(Incident.import_key.in_(chunk)))
        )
    return found


def preview(
    session: Session, user: User, kind: object, filename: str, content: bytes, today: date
) -> ImportBatch:
    """Read and check every row; write nothing. `kind`: an ImportKind code or label."""
    chosen = from_label_or_code(ImportKind, kind)
    if chosen is None:
        raise ServiceError("Välj vad filen innehåller: händelser eller aktiviteter.")
    kind = chosen
    table = read_table(filename, content)
    header = table[0]
    mapping = map_columns(kind, header)
    month_only = kind is ImportKind.INCIDENTS and header[mapping["date"]].strip().lower() == "månad"
    ignored = [h.strip() for i, h in enumerate(header) if h.strip() and i not in mapping.values()]
    titles = _titles(kind)
    rows: list[PreviewRow] = []
    seen: Counter[str] = Counter()
    for number, cells in enumerate(table[1:], start=2):
        row = PreviewRow(number=number, data=_row_data(session, kind, mapping, cells, month_only))
        try:
            if kind is ImportKind.INCIDENTS:
                _check_incident(session, user, row, today)
                base = _incident_key(row.data, 0)
                row.key = _incident_key(row.data, seen[base])
                seen[base] += 1
            else:
                _check_activity(session, user, row)
        except ValidationFailed as error:
            row.errors = [(titles.get(f, f), message) for f, message in error.errors.items()]
        except ServiceError as error:  # permission: another council, or a read-only role
            row.errors = [(titles["council"], error.message)]
        rows.append(row)
    if kind is ImportKind.INCIDENTS:
        existing = _existing_keys(session, [r.key for r in rows if r.key])
        for row in rows:
            row.duplicate = row.key in existing
    return ImportBatch(secrets.token_urlsafe(16), user.id, kind, filename, rows, ignored)


# --- writing -------------------------------------------------------------------------------


def apply(
    session: Session, user: User, batch: ImportBatch, start: int, stop: int, today: date
) -> tuple[int, int]:
    """Write rows [start, stop) of a checked batch; returns (added, skipped as already there).

    Rows are written in slices so a large file can show progress; every slice re-checks its rows
    through the services, and a slice that was already written is skipped, so re-running is safe.
    """
    if batch.user_id != user.id:
        raise NotFound("Importen finns inte.")
    if batch.error_rows:
        raise ServiceError("Filen har rader med fel. Rätta filen och ladda upp den igen.")
    added = skipped = 0
    rows = batch.rows[start:stop]
    incidents_file = batch.kind is ImportKind.INCIDENTS
    written = _existing_keys(session, [r.key for r in rows]) if incidents_file else set()
    for row in rows:
        if incidents_file:
            if row.key in written:
                skipped += 1
                continue
            data = dict(row.data, count=row.data.get("count") or 1)
            incidents.create_incident(session, user, data, today, import_key=row.key)
        else:
            plan = _plan_for(session, user, row.data)
            if _activity_exists(session, plan.id, row.data):
                skipped += 1
                continue
            plans.save_activity_definition(session, user, plan.id, row.data)
        added += 1
    return added, skipped


class StagingArea:
    """Checked batches wait here between preview and confirmation (per user, on disk so every
    gunicorn worker sees them)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, token: str) -> Path:
        if not token or not token.replace("-", "").replace("_", "").isalnum():
            raise NotFound("Importen finns inte.")
        return self.directory / f"{token}.json"

    def save(self, batch: ImportBatch) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.prune()
        payload = asdict(batch)
        self._path(batch.token).write_text(json.dumps(payload, default=str), encoding="utf-8")

    def load(self, token: str, user: User) -> ImportBatch:
        path = self._path(token)
        if not path.exists():
            raise NotFound("Importen finns inte längre. Ladda upp filen igen.")
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload["user_id"] != user.id:
            raise NotFound("Importen finns inte.")
        payload["kind"] = ImportKind(payload["kind"])
        payload["rows"] = [
            PreviewRow(**{**r, "errors": [tuple(e) for e in r["errors"]]}) for r in payload["rows"]
        ]
        return ImportBatch(**payload)

    def prune(self, max_age_s: float = 24 * 3600) -> None:
        """Previews nobody confirmed are dropped after a day."""
        cutoff = time.time() - max_age_s
        for path in self.directory.glob("*.json"):
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)

    def discard(self, token: str) -> None:
        self._path(token).unlink(missing_ok=True)
