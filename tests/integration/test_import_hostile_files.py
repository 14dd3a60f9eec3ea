"""Hostile files at the import: a tiny XLSX that declares (or holds) a cell at the sheet's last
row and column, a zip bomb, an endless row, a huge cell. Each is refused with a Swedish message
naming the limit, and reading it stays small and quick. The reader runs in a child process with
its address space capped, so a reader that pads rows cannot take the machine down with it; its
memory is measured there as the growth of the peak resident size (ru_maxrss), which sees lxml's
and openpyxl's C allocations too, besides tracemalloc's Python ones."""

import io
import os
import subprocess
import sys
import textwrap
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from dashboard.formatting import fmt_int
from dashboard.services import imports
from dashboard.services.errors import ServiceError
from models.enums import ImportKind
from tests.rows import xlsx

ROOT = Path(__file__).resolve().parents[2]
SHEET = "xl/worksheets/sheet1.xml"


def _with_sheet(sheet_xml: str | bytes) -> bytes:
    """A real workbook whose first sheet's XML is replaced by `sheet_xml`."""
    source = zipfile.ZipFile(io.BytesIO(xlsx([["Datum"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == SHEET:
                data = sheet_xml.encode() if isinstance(sheet_xml, str) else sheet_xml
            target.writestr(info.filename, data)
    return out.getvalue()


def _sheet_xml(dimension: str, rows: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def far_cell_xlsx() -> bytes:
    """5 KB: the dimension A1:XFD1048576 and one cell at the last row and column."""
    cells = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Datum</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    return _with_sheet(_sheet_xml("A1:XFD1048576", cells))


def _read_in_child(content: bytes, tmp_path: Path) -> tuple[str, float, float, float]:
    """(outcome, tracemalloc peak in MB, growth of ru_maxrss in MB, seconds) of read_sheets in a
    child process whose address space is capped at 2 GB and whose time is capped at 60 s."""
    path = tmp_path / "fil.xlsx"
    path.write_bytes(content)
    script = textwrap.dedent(
        f"""
        import resource, sys, time, tracemalloc
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
        from dashboard.services import imports
        from dashboard.services.errors import ServiceError
        content = open({str(path)!r}, "rb").read()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        began = time.perf_counter()
        try:
            imports.read_sheets("fil.xlsx", content)
            outcome = "read"
        except ServiceError as error:
            outcome = "refused: " + error.message
        except MemoryError:
            outcome = "MemoryError"
        seconds = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1] / 1024**2
        rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
        print(f"{{peak:.1f}}|{{rss:.1f}}|{{seconds:.2f}}|{{outcome}}")
        """
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "timeout", float("nan"), float("nan"), 60.0
    if done.returncode != 0 or "|" not in done.stdout:
        nan = float("nan")
        return f"crashed ({done.returncode}): {done.stderr[-300:]}", nan, nan, nan
    peak, rss, seconds, outcome = done.stdout.strip().split("|", 3)
    return outcome, float(peak), float(rss), float(seconds)


def test_a_5_kb_xlsx_with_a_far_cell_is_refused_without_exhausting_memory(
    tmp_path: Path,
) -> None:
    content = far_cell_xlsx()
    assert len(content) < 6_000
    outcome, peak, rss, seconds = _read_in_child(content, tmp_path)
    print(f"far-cell XLSX: {outcome[:60]!r}, tracemalloc {peak} MB, rss +{rss} MB, {seconds} s")
    assert outcome.startswith("refused: "), outcome
    assert "rader" in outcome and fmt_int(imports.MAX_ROWS) in outcome
    assert fmt_int(imports.MAX_SHEET_ROWS) not in outcome  # only the limit the user must keep
    assert peak < 50 and rss < 100


def test_rows_reaching_the_last_column_with_empty_cells_are_refused_at_the_first(
    tmp_path: Path,
) -> None:
    """20 000 rows, each with one empty cell at XFD: about 100 KB. openpyxl pads each row to its
    last cell, 16 384 values, and looking through them for a value took 7 s (28 s for 50 000
    rows, measured); the first row wider than the limit is refused, empty cells or not."""
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>Datum</t></is></c></row>' + "".join(
        f'<row r="{n}"><c r="XFD{n}"/></row>' for n in range(2, 20_002)
    )
    content = _with_sheet(_sheet_xml("A1", rows))
    assert len(content) < 200_000
    outcome, peak, rss, seconds = _read_in_child(content, tmp_path)
    print(f"empty XFD cells: {outcome[:70]!r}, tracemalloc {peak} MB, rss +{rss} MB, {seconds} s")
    assert outcome.startswith("refused: Rad 2 i bladet ”Sheet” har fler än 200 kolumner"), outcome


def _with_shared_strings(strings_xml: bytes, name: str = "xl/sharedStrings.xml") -> bytes:
    """A workbook whose sheet shows shared string 0 and whose string table is `strings_xml`,
    stored as `name` (openpyxl finds it by its content type, whatever its name)."""
    sheet = _sheet_xml("A1", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    base = zipfile.ZipFile(io.BytesIO(_with_sheet(sheet)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in base.infolist():
            data = base.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    f'<Override PartName="/{name}" ContentType="application/'.encode()
                    + b"vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
                    + b'"/></Types>',
                )
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    + f'Target="/{name}"/></Relationships>'.encode(),
                )
            target.writestr(info.filename, data)
        target.writestr(name, strings_xml)
    return out.getvalue()


def _string_table(items: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + items
        + b"</sst>"
    )


def test_150_mb_of_tiny_shared_strings_are_refused_before_they_are_read(tmp_path: Path) -> None:
    """150 MB of <si><t>ab</t></si> (under the 200 MB a whole file may unpack to) is a few
    hundred KB packed; openpyxl keeps every string, and lxml's tree, in memory."""
    content = _with_shared_strings(_string_table(b"<si><t>ab</t></si>" * 8_500_000))
    assert len(content) < 2 * 1024 * 1024
    outcome, peak, rss, seconds = _read_in_child(content, tmp_path)
    print(f"shared strings: {outcome[:70]!r}, tracemalloc {peak} MB, rss +{rss} MB, {seconds} s")
    assert outcome.startswith("refused: "), outcome
    assert rss < 100


@pytest.mark.parametrize("name", ["xl/sharedStrings.xml", "xl/texter.xml"])
def test_shared_strings_over_their_own_limit_are_refused(name: str) -> None:
    """21 MB of different texts (they pack only about 2:1): refused by the string table's own
    limit, well below what a whole file may unpack to, whatever the table is called."""
    small = _with_shared_strings(_string_table(b"<si><t>Datum</t></si>"), name)
    assert imports.read_sheets("fil.xlsx", small)[0].rows == [(1, ["Datum"])]
    items = b"".join(
        b"<si><t>" + os.urandom(12).hex().encode() + b"</t></si>" for _ in range(560_000)
    )
    assert len(items) > 20 * 1024 * 1024
    content = _with_shared_strings(_string_table(items), name)
    with pytest.raises(ServiceError, match=r"Texterna i Excelfilen.*20 MB"):
        imports.read_sheets("fil.xlsx", content)


def test_a_part_packed_over_100_to_1_is_refused() -> None:
    """60 MB of spaces in the sheet: under the 200 MB a file may unpack to, but no spreadsheet
    packs like that (a 50 000-row sheet written by openpyxl packs about 15:1, measured)."""
    padding = b" " * (60 * 1024 * 1024)
    xml = _sheet_xml("A1", '<row r="1"><c r="A1"><v>1</v></c></row>').encode()
    content = _with_sheet(xml.replace(b"<sheetData>", b"<sheetData>" + padding))
    del padding
    with pytest.raises(ServiceError, match="packas upp"):
        imports.read_sheets("fil.xlsx", content)


def test_a_cell_beyond_the_column_limit_is_refused() -> None:
    cells = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Datum</t></is></c>'
        '<c r="XFD1" t="inlineStr"><is><t>långt bort</t></is></c></row>'
    )
    content = _with_sheet(_sheet_xml("A1:XFD1", cells))
    with pytest.raises(ServiceError, match=f"fler än {imports.MAX_COLUMNS} kolumner"):
        imports.read_sheets("fil.xlsx", content)


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    padding = b" " * (300 * 1024 * 1024)  # 300 MB of spaces: a few hundred KB compressed
    xml = _sheet_xml("A1", '<row r="1"><c r="A1"><v>1</v></c></row>').encode()
    content = _with_sheet(xml.replace(b"<sheetData>", b"<sheetData>" + padding))
    del padding
    assert len(content) < 2 * 1024 * 1024
    with pytest.raises(ServiceError, match="blir för stor när den packas upp"):
        imports.read_sheets("fil.xlsx", content)


def test_an_over_long_xlsx_cell_is_refused_in_swedish() -> None:
    long = "x" * (imports.MAX_CELL_CHARS + 1)
    cells = f'<row r="2"><c r="B2" t="inlineStr"><is><t>{long}</t></is></c></row>'
    content = _with_sheet(_sheet_xml("A1:B2", cells))
    with pytest.raises(ServiceError, match=f"rad 2.*{fmt_int(imports.MAX_CELL_CHARS)} tecken"):
        imports.read_sheets("fil.xlsx", content)


@pytest.mark.parametrize("size", [imports.MAX_CELL_CHARS + 1, 131_073, 200_000])
def test_an_over_long_csv_cell_is_refused_in_swedish(size: int) -> None:
    content = ("Datum;Beskrivning\n2026-01-01;" + "x" * size + "\n").encode()
    with pytest.raises(ServiceError, match=f"rad 2.*{fmt_int(imports.MAX_CELL_CHARS)} tecken"):
        imports.read_sheets("fil.csv", content)


def test_an_endless_csv_row_is_refused_in_swedish() -> None:
    content = ("Datum" + ";x" * (imports.MAX_COLUMNS + 5) + "\n").encode()
    with pytest.raises(ServiceError, match=f"fler än {imports.MAX_COLUMNS} kolumner"):
        imports.read_sheets("fil.csv", content)


def test_a_line_of_millions_of_separators_is_refused_before_it_is_split() -> None:
    """10 MB of semicolons: csv made a row of ten million empty cells (about 650 MB for 30 MB,
    measured) before any limit was looked at; now the line is refused as it is read."""
    content = b"Datum;" + b";" * 10_000_000 + b"\n2026-01-01\n"
    tracemalloc.start()
    try:
        with pytest.raises(ServiceError, match=f"Rad 1 har fler än {imports.MAX_COLUMNS} kolumner"):
            imports.read_sheets("fil.csv", content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


def test_blank_rows_are_reported_and_count_toward_the_row_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    header = "Datum;Källa;Kategori;Miljö"
    row = "2026-03-01;ia;klotter;oklar"
    content = "\n".join([header, row, "", ";;;", row, "", row, "", ""]).encode()
    tables = imports.read_tables(ImportKind.INCIDENTS, "fil.csv", content)
    assert [n for n, _ in tables[0].rows] == [2, 5, 7]
    assert tables[0].blank == 3  # the trailing empty lines are no rows of the table
    monkeypatch.setattr(imports, "MAX_ROWS", 5)
    with pytest.raises(ServiceError, match="högst 5 rader"):
        imports.read_tables(ImportKind.INCIDENTS, "fil.csv", content)
