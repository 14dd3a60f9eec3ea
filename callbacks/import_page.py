"""Import callbacks: preview on upload, then write slice by slice so progress can be shown."""

import base64
from datetime import date
from pathlib import Path
from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, no_update
from flask import current_app
from flask_login import current_user

from callbacks.common import Callbacks
from dashboard.db import db_session
from dashboard.formatting import fmt_int
from dashboard.services import imports
from dashboard.services.errors import ServiceError
from layouts.import_page import preview_columns
from models.enums import from_label_or_code, label

SLICE = 200  # rows written per tick


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


def register(app: Callbacks) -> None:
    @app.callback(
        Output("import-summary", "children"),
        Output("import-preview", "rowData"),
        Output("import-preview", "columnDefs"),
        Output("import-confirm", "disabled"),
        Output("import-confirm", "children"),
        Output("import-state", "data"),
        Output("import-progress", "value"),
        Output("import-progress-text", "children"),
        Output("import-result", "children"),
        Input("import-upload", "contents"),
        State("import-upload", "filename"),
        State("import-kind", "value"),
        prevent_initial_call=True,
    )
    def preview(contents: str | None, filename: str | None, kind: str) -> tuple[object, ...]:
        session = db_session()
        try:
            if not contents or not filename:
                raise ServiceError("Ingen fil valdes.")
            payload = base64.b64decode(contents.split(",", 1)[1])
            batch = imports.preview(session, current_user, kind, filename, payload, date.today())
        except (ServiceError, IndexError, ValueError) as error:
            message = getattr(error, "message", "Filen kunde inte läsas.")
            alert = dbc.Alert(message + " Ingenting sparades.", color="danger")
            columns = preview_columns(False)
            return alert, [], columns, True, "Importera", None, "0", "", None
        finally:
            session.rollback()  # the preview never writes
        staging().save(batch)
        ready = batch.write_rows > 0 and batch.error_rows == 0
        state = {"token": batch.token, "offset": 0, "total": len(batch.rows)}
        label = f"Importera {fmt_int(batch.write_rows)} rader"
        columns = preview_columns(len(batch.sheets) > 1)
        rows = preview_rows(batch)
        return summary(batch), rows, columns, not ready, label, state, "0", "", None

    @app.callback(
        Output("import-state", "data", allow_duplicate=True),
        Output("import-tick", "disabled"),
        Output("import-confirm", "disabled", allow_duplicate=True),
        Output("import-progress", "value", allow_duplicate=True),
        Output("import-progress-text", "children", allow_duplicate=True),
        Output("import-result", "children", allow_duplicate=True),
        Input("import-confirm", "n_clicks"),
        Input("import-tick", "n_intervals"),
        State("import-state", "data"),
        prevent_initial_call=True,
    )
    def write_slice(_clicks: int, _ticks: int, state: dict[str, Any] | None) -> tuple[object, ...]:
        if not state or not state.get("token"):
            return no_update, True, no_update, no_update, no_update, no_update
        if ctx.triggered_id == "import-confirm":
            state = {**state, "offset": 0, "added": 0, "skipped": 0}
            return state, False, True, "0", "0 %", None
        session = db_session()
        try:
            batch = staging().load(state["token"], current_user)
            start = int(state["offset"])
            added, skipped = imports.apply(
                session, current_user, batch, start, start + SLICE, date.today()
            )
            session.commit()
        except ServiceError as error:
            session.rollback()
            alert = dbc.Alert(error.message, color="danger")
            return None, True, True, no_update, no_update, alert
        total = max(1, int(state["total"]))
        offset = min(start + SLICE, total)
        state = {
            **state,
            "offset": offset,
            "added": state.get("added", 0) + added,
            "skipped": state.get("skipped", 0) + skipped,
        }
        percent = round(100 * offset / total)
        if offset < total:
            return state, False, True, str(percent), f"{percent} %", no_update
        staging().discard(state["token"])
        done = dbc.Alert(
            f"Klart: {fmt_int(state['added'])} rader importerades, "
            f"{fmt_int(state['skipped'])} fanns redan, var oförändrade eller hade krock.",
            color="success",
            id="import-done",
        )
        return None, True, True, "100", "100 %", done
