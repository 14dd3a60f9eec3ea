"""Import callbacks: preview on upload; the confirmation starts writing every row in one
transaction on the server (all or nothing, whatever the browser does meanwhile), and a timer
only shows how far it has come."""

import base64
import binascii
from pathlib import Path
from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html, no_update
from flask import current_app
from flask_login import current_user

from callbacks.common import Callbacks, store, text_value
from dashboard.db import db_session, get_database
from dashboard.formatting import fmt_int
from dashboard.services import imports
from dashboard.services.errors import ServiceError
from layouts.import_page import preview_columns
from models.base import stockholm_today
from models.enums import from_label_or_code, label

MAX_FILENAME = 255


def staging() -> imports.StagingArea:
    return imports.StagingArea(Path(current_app.config["IMPORT_DIR"]))


def _named(column: str, why: str) -> str:
    """A row's error with its column named once ("Miljö: 'Höger' finns inte…", not
    "Miljö: Miljö: …")."""
    return why if why.startswith(column) else f"{column}: {why}"


def _state(batch: imports.ImportBatch, row: imports.PreviewRow) -> str:
    """What the import does with the row, in the user's words: "Ändrad: Status, Ansvarig"."""
    state = row.state
    if state == "changed":
        titles = {c.field: c.title for c in imports.COLUMNS[batch.kind]}
        return "Ändrad: " + ", ".join(titles.get(f, f) for f in row.changes)
    return {
        "error": "Fel",
        "conflict": "Krock",
        "unchanged": "Oförändrad",
        "duplicate": "Finns redan",
    }.get(state, "Ny")


def _shown(batch: imports.ImportBatch, data: dict[str, Any]) -> str:
    """The row's values as the user wrote them: codes read from labels shown as labels."""
    enums = {c.field: c.enum for c in imports.COLUMNS[batch.kind] if c.enum}
    values = []
    for name, value in data.items():
        if value in ("", None):
            continue
        member = from_label_or_code(enums[name], value) if name in enums else None
        values.append(label(member) if member is not None else str(value))
    return " · ".join(values)


def preview_rows(batch: imports.ImportBatch) -> list[dict[str, Any]]:
    rows = []
    for row in batch.rows:
        problems = [_named(column, why) for column, why in row.errors]
        if row.conflict:
            problems.append(row.conflict)
        rows.append(
            {
                "sheet": row.sheet,
                "row": row.number,
                "state": _state(batch, row),
                "errors": "; ".join(problems),
                "content": _shown(batch, row.data),
            }
        )
    return rows


def summary(batch: imports.ImportBatch) -> dbc.Alert:
    parts = [
        f"{fmt_int(len(batch.rows))} rader i {batch.filename}:",
        f"{fmt_int(batch.new_rows)} nya,",
    ]
    if batch.changed_rows or batch.unchanged_rows or batch.conflict_rows:
        parts += [
            f"{fmt_int(batch.changed_rows)} ändrade,",
            f"{fmt_int(batch.unchanged_rows)} oförändrade,",
            f"{fmt_int(batch.conflict_rows)} krockar,",
        ]
    parts += [
        f"{fmt_int(batch.duplicate_rows)} finns redan,",
        f"{fmt_int(batch.error_rows)} med fel.",
    ]
    if len(batch.sheets) > 1:
        parts.append("Blad som läses: " + ", ".join(batch.sheets) + ".")
    if batch.blank_rows:
        rows = "tom rad" if batch.blank_rows == 1 else "tomma rader"
        parts.append(f"{fmt_int(batch.blank_rows)} {rows} hoppades över.")
    if batch.ignored:
        parts.append("Kolumner som inte läses in: " + ", ".join(batch.ignored) + ".")
    if batch.error_rows:
        parts.append("Rätta raderna med fel i filen och ladda upp den igen; ingenting har sparats.")
        return dbc.Alert(" ".join(parts), color="danger", id="import-summary-alert")
    if batch.conflict_rows:
        parts.append(
            "Rader med krock har ändrats eller följts upp i Lägesbild sedan läget i filen och "
            "sparas inte; exportera på nytt och gör om de ändringarna."
        )
    if not batch.write_rows:
        parts.append("Det finns inget nytt att importera.")
        return dbc.Alert(" ".join(parts), color="info", id="import-summary-alert")
    parts.append("Kontrollera raderna nedan och klicka Importera.")
    color = "warning" if batch.conflict_rows else "success"
    return dbc.Alert(" ".join(parts), color=color, id="import-summary-alert")


def _upload(contents: object, filename: object) -> tuple[str, bytes]:
    """The uploaded file's name and bytes as dcc.Upload sends them (a data URL); a forged or
    damaged value is refused in Swedish."""
    data_url, name = text_value(contents), text_value(filename)
    if not data_url or name is None:
        raise ServiceError("Ingen fil valdes.")
    if not 0 < len(name) <= MAX_FILENAME:
        raise ServiceError(f"Filens namn får vara högst {MAX_FILENAME} tecken.")
    _header, comma, data = data_url.partition(",")
    try:
        if not comma:
            raise ValueError("no data URL")
        return name, base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise ServiceError("Filen kunde inte läsas.") from None


def _refusal(message: str) -> dbc.Alert:
    return dbc.Alert(f"{message} Ingenting sparades.", color="danger")


def register(app: Callbacks) -> None:
    @app.callback(
        Output("import-summary", "children"),
        Output("import-preview", "rowData"),
        Output("import-preview", "columnDefs"),
        Output("import-confirm", "disabled"),
        Output("import-confirm", "children"),
        Output("import-state", "data"),
        Output("import-result", "children"),
        Input("import-upload", "contents"),
        State("import-upload", "filename"),
        State("import-kind", "value"),
        State("import-state", "data"),
        prevent_initial_call=True,
    )
    def preview(
        contents: object, filename: object, kind: object, earlier: object
    ) -> tuple[object, ...]:
        # A new upload replaces the page's earlier preview (a write under way keeps its status).
        staging().discard(store(earlier).get("token"), current_user)
        session = db_session()
        try:
            name, payload = _upload(contents, filename)
            batch = imports.preview(session, current_user, kind, name, payload, stockholm_today())
            staging().save(batch)
        except ServiceError as error:
            columns = preview_columns(False)
            return _refusal(error.message), [], columns, True, "Importera", None, None
        finally:
            session.rollback()  # the preview never writes
        ready = batch.write_rows > 0 and batch.error_rows == 0
        label = f"Importera {fmt_int(batch.write_rows)} rader"
        columns = preview_columns(len(batch.sheets) > 1)
        rows = preview_rows(batch)
        state = {"token": batch.token}
        return summary(batch), rows, columns, not ready, label, state, None

    @app.callback(
        Output("import-state", "data", allow_duplicate=True),
        Output("import-confirm", "disabled", allow_duplicate=True),
        Output("import-tick", "disabled"),
        Output("import-result", "children", allow_duplicate=True),
        Input("import-confirm", "n_clicks"),
        State("import-state", "data"),
        prevent_initial_call=True,
    )
    def confirm(_clicks: object, state: object) -> tuple[object, ...]:
        """Start the write; a forged or expired state gets a Swedish message."""
        try:
            status = imports.confirm(
                get_database().session,
                staging(),
                store(state).get("token"),
                current_user,
                stockholm_today(),
            )
        except ServiceError as error:
            return None, True, True, _refusal(error.message)
        return state, True, False, _shown_status(status)

    @app.callback(
        Output("import-state", "data", allow_duplicate=True),
        Output("import-tick", "disabled", allow_duplicate=True),
        Output("import-result", "children", allow_duplicate=True),
        Input("import-tick", "n_intervals"),
        State("import-state", "data"),
        prevent_initial_call=True,
    )
    def follow(_ticks: object, state: object) -> tuple[object, ...]:
        """How far the write has come; its outcome once it is done."""
        token = store(state).get("token")
        try:
            status = staging().status(token, current_user)
        except ServiceError:
            return no_update, True, no_update  # already shown, or a forged state: stop asking
        if status.state == imports.WRITING:
            return no_update, False, _shown_status(status)
        if status.state == imports.UNKNOWN:  # may still commit: its status stays, so the same
            return no_update, True, _shown_status(status)  # batch is never written twice
        staging().discard(token, current_user)
        return None, True, _shown_status(status)


def _shown_status(status: imports.WriteStatus) -> dbc.Alert:
    """The write as the user follows it: progress, then the outcome."""
    if status.state == imports.WRITTEN:
        return dbc.Alert(
            f"Klart: {fmt_int(status.added)} rader importerades, "
            f"{fmt_int(status.skipped)} fanns redan, var oförändrade eller hade krock.",
            color="success",
            id="import-done",
        )
    if status.state == imports.FAILED:
        return _refusal(status.message)
    if status.state == imports.UNKNOWN:  # never "Ingenting sparades": it may yet have been
        return dbc.Alert(status.message, color="warning", id="import-unknown")
    if status.phase == imports.COMMITTING:
        return dbc.Alert(
            "Alla rader är klara och sparas nu i databasen; det kan ta en stund. Sidan kan "
            "stängas under tiden.",
            color="info",
        )
    percent = round(100 * status.done / max(1, status.total))
    doing = "Kontrollerar" if status.phase == imports.CHECKING else "Sparar"
    return dbc.Alert(
        [
            html.Label(doing, htmlFor="import-progress", className="me-2"),
            html.Progress(id="import-progress", value=str(percent), max="100", className="w-50"),
            html.Span(
                f" {percent} % ({fmt_int(status.done)} av {fmt_int(status.total)} rader). "
                "Ingenting sparas förrän alla rader är klara; sidan kan stängas under tiden.",
                className="ms-2",
            ),
        ],
        color="info",
    )
