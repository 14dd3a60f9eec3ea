"""Word documents in the city's plain style, built with python-docx.

Shared by every .docx export so they look alike and pass Word's accessibility check: Swedish as
the document language, a title in the properties, real heading styles (a navigable outline),
tables whose header row repeats on every page, and alt text on every image.
"""

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

LANGUAGE = "sv-SE"
HEADER_FILL = "1F3864"  # dark blue; white text on it has a contrast of about 12:1
HEADER_TEXT = RGBColor(0xFF, 0xFF, 0xFF)
AUTHOR = "Lägesbild, Stockholms stad"


def new_document(title: str, subject: str = "") -> DocumentObject:
    """An empty A4 document with Swedish as its language and `title` in its properties."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    for style in doc.styles:
        rpr = style.element.get_or_add_rPr() if hasattr(style.element, "get_or_add_rPr") else None
        if rpr is not None:
            _set_language(rpr)
    props = doc.core_properties
    props.title, props.subject, props.author = title, subject, AUTHOR
    props.language = LANGUAGE
    return doc


def _set_language(rpr: BaseOxmlElement) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def clean(text: str) -> str:
    """Text XML can hold: a control character saved before the services refused them (or a
    vertical tab pasted from Word) would otherwise stop the whole document."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def heading(doc: DocumentObject, text: str, level: int = 1) -> Paragraph:
    """A heading in Word's own Heading style (0 is the document's Title)."""
    para: Paragraph = doc.add_heading(clean(text), level=level)
    return para


def paragraph(
    doc: DocumentObject, text: str = "", bold: bool = False, italic: bool = False
) -> Paragraph:
    """Running text; line breaks in `text` stay line breaks."""
    para = doc.add_paragraph()
    text = clean(text)
    for i, line in enumerate(text.split("\n")):
        run = para.add_run(line)
        run.bold, run.italic = bold, italic
        if i < text.count("\n"):
            run.add_break()
    return para


def labelled(doc: DocumentObject, label: str, value: str) -> Paragraph:
    """ "Dnr: OST 2022/949" with the label in bold."""
    para = doc.add_paragraph()
    para.add_run(f"{label}: ").bold = True
    para.add_run(clean(value))
    return para


def _shade(cell: _Cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)


def _repeat_as_header(table: Table) -> None:
    trpr = table.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def table(
    doc: DocumentObject,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_cm: Sequence[float] | None = None,
    description: str = "",
) -> Table:
    """A grid with a dark header row that repeats on every page, columns of `widths_cm` (see
    `fixed_columns`); `description` becomes the table's alt text."""
    grid: Table = doc.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, title in zip(grid.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(title)
        run.bold = True
        run.font.color.rgb = HEADER_TEXT
        _shade(cell, HEADER_FILL)
    _repeat_as_header(grid)
    for values in rows:
        cells = grid.add_row().cells  # type: ignore[no-untyped-call]
        for cell, value in zip(cells, values, strict=True):
            cell.text = clean(value)
    if widths_cm:
        fixed_columns(grid, widths_cm)
    if description:
        tblpr = grid._tbl.tblPr
        caption = OxmlElement("w:tblDescription")
        caption.set(qn("w:val"), description)
        tblpr.append(caption)
    for row in grid.rows:
        for cell in row.cells:
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(9)
    return grid


def picture(doc: DocumentObject, png: bytes, alt_text: str, width_cm: float = 16) -> None:
    """An image with alt text (Word's accessibility check asks for it on every image)."""
    doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
    inline = doc.inline_shapes[-1]._inline
    properties = inline.docPr
    properties.set("descr", alt_text)
    properties.set("title", alt_text[:80])


def to_bytes(doc: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def landscape(doc: DocumentObject) -> None:
    """Turns the document's pages to A4 landscape (wide tables: six columns and more)."""
    for section in doc.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)


def fixed_columns(grid: Table, widths_cm: Sequence[float]) -> None:
    """Makes the column widths stick: widths set only on the cells are ignored by LibreOffice
    (and may be by Word) in favour of the table grid's equal columns. This writes them into
    the grid too, with a fixed layout, and keeps each row on one page (a row split over a page
    break is hard to read)."""
    twips = [round(Cm(w).twips) for w in widths_cm]
    tbl = grid._tbl
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        col.set(qn("w:w"), str(width))
    total = tbl.tblPr.find(qn("w:tblW"))
    if total is None:  # python-docx's tables carry one; its place is right after the style
        total = OxmlElement("w:tblW")
        style = tbl.tblPr.find(qn("w:tblStyle"))
        tbl.tblPr.insert(0 if style is None else 1, total)
    total.set(qn("w:w"), str(sum(twips)))
    total.set(qn("w:type"), "dxa")
    grid.autofit = False  # <w:tblLayout w:type="fixed"/>, in its schema place
    for row in grid.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
        trpr = row._tr.get_or_add_trPr()
        if trpr.find(qn("w:cantSplit")) is None:
            trpr.insert(0, OxmlElement("w:cantSplit"))


def keep_together(grid: Table) -> None:
    """Keeps a short table on one page (each row's paragraphs keep with the next row)."""
    for row in list(grid.rows)[:-1]:
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True


def emphasise_last_row(grid: Table) -> None:
    """Bold text in the last row: a table's total."""
    for cell in grid.rows[-1].cells:
        for para in cell.paragraphs:
            for run in para.runs:
                run.bold = True


def align_columns_right(grid: Table, columns: Sequence[int]) -> None:
    """Right-aligns figures, header included, so digits line up."""
    for row in grid.rows:
        for index in columns:
            for para in row.cells[index].paragraphs:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def font_size(grid: Table, points: float) -> None:
    """A smaller type for a wide table (every run of every cell, the header row too)."""
    for row in grid.rows:
        for cell in row.cells:
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(points)
