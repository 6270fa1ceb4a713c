"""Reports as a PDF to print and sign: A4, the bundled DejaVu Sans embedded (→ ≥ ✓ and every
Indonesian character), text extractable, tables whose header row repeats on each page, the
domain or aspect chart against the predikat bands drawn as vector graphics, and the signature
block. reportlab is imported only here (chosen by measurement: bench/pdf_choice.py, README)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from tui.core.files.guarded import atomic_write
from tui.presentation.catalogue import t
from tui.presentation.document_parts import BandChart, Signature, without_empty_columns
from tui.presentation.report import Report, Table
from tui.presentation.report_formats import cell_texts, value_text
from tui.presentation.text import n2

FONTS = Path(__file__).resolve().parent / "fonts"
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
# Band shading from light to dark, so the chart reads in black and white too.
BAND_GREYS = (0.97, 0.92, 0.86, 0.80, 0.74, 0.68)
MIN_COLUMN = 24.0  # points
POINTS_PER_CHAR = 5.0  # DejaVu Sans at 8 pt, a little over its average width


def _register() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, BOLD)


def write_pdf(path: Path, reports: Sequence[Report], lang: str, sign: Signature, title: str = "") -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    _register()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.5)
    styles = {"body": body, "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10),
              "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=8, leading=10),
              "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=14, leading=18, spaceAfter=4),
              "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=11, leading=14, spaceBefore=8,
                                   spaceAfter=3)}
    story: list[Any] = []
    for n, rep in enumerate(reports):
        if n:
            story.append(PageBreak())
        story += [Paragraph(escape(rep.title), styles["h1"]), Paragraph(escape(sign.place_date), body)]
        if rep.facts:
            story.append(_facts(rep.facts, lang, styles))
        if rep.chart is not None:
            story += [Paragraph(escape(rep.chart.title), styles["h2"]), _chart(rep.chart, lang)]
        for table in rep.tables:
            story.append(Paragraph(escape(table.title), styles["h2"]))
            story.append(_table(without_empty_columns(table), lang, styles) if table.rows else Paragraph("—", body))
    story += [Spacer(1, 0.8 * cm), _signature(sign, lang, styles)]
    buf = io.BytesIO()

    def page_number(canvas: Any, doc: Any) -> None:
        canvas.setFont(FONT, 7)
        canvas.drawRightString(A4[0] - 1.5 * cm, 1 * cm, t("doc_page", lang, n=doc.page))

    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=1.8 * cm, rightMargin=1.8 * cm, topMargin=1.6 * cm,
                            bottomMargin=1.6 * cm, title=title or (reports[0].title if reports else ""),
                            author="spbe-planner", lang="id-ID" if lang == "id" else "en")
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    atomic_write(path, buf.getvalue())


def _facts(facts: list[tuple[str, Any]], lang: str, styles: dict[str, Any]) -> Any:
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as Grid

    rows = [[Paragraph(escape(k), styles["head"]), Paragraph(escape(value_text(v, lang)), styles["cell"])]
            for k, v in facts]
    return Grid(rows, colWidths=[140, None], hAlign="LEFT")


def _table(table: Table, lang: str, styles: dict[str, Any]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, TableStyle
    from reportlab.platypus import Table as Grid

    numeric = [all(isinstance(r[k], Decimal | int) or r[k] is None for r in table.rows)
               for k in range(len(table.header))]
    head = [Paragraph(escape(h), styles["head"]) for h in table.header]
    body = []
    for n, texts in enumerate(cell_texts(table, lang)):
        best = table.best.get(n, frozenset())
        body.append([Paragraph(f"<b>{escape(c)}</b>" if k in best and c else escape(c), styles["cell"])
                     for k, c in enumerate(texts)])
    grid = Grid([head, *body], repeatRows=1, hAlign="LEFT", colWidths=_widths(table, lang))
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
             ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]
    style += [("ALIGN", (k, 1), (k, -1), "RIGHT") for k, num in enumerate(numeric) if num]
    grid.setStyle(TableStyle(style))
    return grid


def _widths(table: Table, lang: str) -> list[float]:
    """Column widths in points on the A4 text width, by each column's longest text (capped), so a
    long requirement text gets the room and short numbers do not."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm

    room = A4[0] - 3.6 * cm
    texts = [list(table.header), *cell_texts(table, lang)]
    columns = range(len(table.header))
    need = [min(60, max(4, *(len(r[k]) for r in texts))) for k in columns]
    # Every column keeps room for its longest word (so words and dates are never split), …
    floor = [max(MIN_COLUMN, POINTS_PER_CHAR * max(len(w) for r in texts for w in (r[k].split() or [""])) + 7)
             for k in columns]
    if sum(floor) >= room:
        return [room * f / sum(floor) for f in floor]
    spare = room - sum(floor)  # … and the rest goes to the columns with the most text
    return [f + spare * n / sum(need) for f, n in zip(floor, need, strict=True)]


def _chart(chart: BandChart, lang: str) -> Any:
    """Bars (baseline light, scenario dark, side by side) over the bands as shaded strips, each
    band named at the right; the scale on the left. Vector shapes, text as text."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors

    width, height, left, bottom, right = 460.0, 190.0, 30.0, 28.0, 70.0
    plot_w, plot_h = width - left - right, height - bottom - 10
    span = float(chart.high - chart.low)

    def y(value: Decimal) -> float:
        return bottom + plot_h * (float(value - chart.low) / span)

    d = Drawing(width, height)
    for k, band in enumerate(chart.bands):
        grey = BAND_GREYS[k % len(BAND_GREYS)]
        d.add(Rect(left, y(band.lower), plot_w, y(band.upper) - y(band.lower), fillColor=colors.Color(grey, grey, grey),
                   strokeColor=None))
        d.add(String(left + plot_w + 4, (y(band.lower) + y(band.upper)) / 2 - 3, band.name, fontName=FONT,
                     fontSize=7))
    for step in range(int(chart.low), int(chart.high) + 1):
        d.add(String(left - 4, y(Decimal(step)) - 3, str(step), fontName=FONT, fontSize=7, textAnchor="end"))
        d.add(Line(left, y(Decimal(step)), left + plot_w, y(Decimal(step)), strokeColor=colors.Color(.6, .6, .6),
                   strokeWidth=0.3))
    slot = plot_w / max(1, len(chart.bars))
    bar_w = min(14.0, slot / 3)
    for k, bar in enumerate(chart.bars):
        x = left + k * slot + slot / 2 - bar_w
        for n, (value, shade) in enumerate(((bar.baseline, 0.65), (bar.scenario, 0.2))):
            d.add(Rect(x + n * bar_w, bottom, bar_w, y(value) - bottom, fillColor=colors.Color(shade, shade, shade),
                       strokeColor=colors.black, strokeWidth=0.3))
        d.add(String(x + bar_w, bottom - 10, bar.label, fontName=FONT, fontSize=7, textAnchor="middle"))
        d.add(String(x + bar_w, max(y(bar.baseline), y(bar.scenario)) + 2, n2(bar.scenario, lang),
                     fontName=FONT, fontSize=6, textAnchor="middle"))
    key_y = 4.0
    for n, (word, shade) in enumerate(((t("baseline", lang), 0.65), (t("scenario", lang), 0.2))):
        d.add(Rect(left + n * 90, key_y, 8, 6, fillColor=colors.Color(shade, shade, shade), strokeColor=colors.black,
                   strokeWidth=0.3))
        d.add(String(left + n * 90 + 11, key_y, word, fontName=FONT, fontSize=7))
    return d


def _signature(sign: Signature, lang: str, styles: dict[str, Any]) -> Any:
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as Grid

    cells = []
    for signer in sign.signers:
        name = f"<b>{escape(signer.name)}</b>" if signer.name else "(" + "." * 30 + ")"
        lines = [escape(sign.place_date), escape(signer.role or t("doc_signer_blank", lang)), "<br/><br/><br/>",
                 name, f"{escape(t('doc_nip', lang))} {escape(signer.nip) if signer.nip else '.' * 24}"]
        cells.append(Paragraph("<br/>".join(lines), styles["body"]))
    return Grid([cells], colWidths=[190] * len(cells), hAlign="RIGHT" if len(cells) == 1 else "CENTER")
