"""Reports as a Word document (.docx) that a Kepala Dinas edits and signs: the same content as the
Markdown report, laid out as a document (A4, headings, bordered tables with a repeated header row,
the date written out and a signature block). python-docx is imported only here."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from tui.core.files.guarded import atomic_write
from tui.presentation.catalogue import t
from tui.presentation.document_parts import Signature, without_empty_columns
from tui.presentation.report import Report, Table
from tui.presentation.report_formats import cell_texts, value_text

A4_WIDTH_CM, A4_HEIGHT_CM = 21.0, 29.7


def write_docx(path: Path, reports: Sequence[Report], lang: str, sign: Signature) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc: Any = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(A4_WIDTH_CM), Cm(A4_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    doc.styles["Normal"].font.size = Pt(10)
    for n, rep in enumerate(reports):
        if n:
            doc.add_page_break()
        doc.add_heading(rep.title, level=1)
        doc.add_paragraph(sign.place_date)
        if rep.facts:
            _facts(doc, rep.facts, lang)
        for table in rep.tables:
            doc.add_heading(table.title, level=2)
            _table(doc, without_empty_columns(table), lang)
    _signature(doc, sign, lang)
    buf = io.BytesIO()
    doc.save(buf)
    atomic_write(path, buf.getvalue())


def _facts(doc: Any, facts: list[tuple[str, Any]], lang: str) -> None:  # python-docx ships no types
    grid = doc.add_table(rows=0, cols=2)
    for key, value in facts:
        cells = grid.add_row().cells
        cells[0].paragraphs[0].add_run(key).bold = True
        cells[1].text = value_text(value, lang)


def _table(doc: Any, table: Table, lang: str) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if not table.rows:
        doc.add_paragraph("—")
        return
    grid = doc.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = grid.rows[0]
    for cell, text in zip(head.cells, table.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    # The header row repeats on every page the table runs over.
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    # python-docx has no public switch for a repeated header row: its row element is the one way
    # (docs/upstream/README.md, "python-docx: a header row that repeats").
    head._tr.get_or_add_trPr().append(flag)  # noqa: SLF001
    numeric = [all(isinstance(r[k], Decimal | int) or r[k] is None for r in table.rows)
               for k in range(len(table.header))]
    for n, texts in enumerate(cell_texts(table, lang)):
        cells = grid.add_row().cells
        best = table.best.get(n, frozenset())
        for k, (cell, text) in enumerate(zip(cells, texts, strict=True)):
            run = cell.paragraphs[0].add_run(text)
            run.bold = k in best
            if numeric[k]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _signature(doc: Any, sign: Signature, lang: str) -> None:
    from docx.shared import Pt

    doc.add_paragraph()
    block = doc.add_table(rows=1, cols=len(sign.signers))
    for cell, signer in zip(block.rows[0].cells, sign.signers, strict=True):
        lines = [sign.place_date, signer.role or t("doc_signer_blank", lang), "", "", "",
                 signer.name or "(" + "." * 30 + ")", f"{t('doc_nip', lang)} {signer.nip or '.' * 24}"]
        cell.text = ""
        for k, line in enumerate(lines):
            para = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
            run = para.add_run(line)
            run.bold = k == 5 and bool(signer.name)
            para.paragraph_format.space_after = Pt(0)
