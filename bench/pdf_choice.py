#!/usr/bin/env python3
"""How the PDF library was chosen: fpdf2 and reportlab write the same document (a title with
Indonesian text and → ≥ ✓, a 47-row table, 12 bars against 4 bands), with the bundled DejaVu Sans
embedded; we measure import + write time (fresh process, best of N), file size, and whether the
text extracts back (pypdf) with every character.

    python bench/pdf_choice.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FONTS = Path(__file__).resolve().parents[1] / "tui" / "presentation" / "fonts"
PROBE = "Peta Rencana → Baik ≥ 2,60 ✓ Kabupaten Contoh: kebijakan, tata kelola"

FPDF = """
import sys
from fpdf import FPDF
pdf = FPDF(orientation="P", format="A4")
pdf.add_font("DejaVu", "", sys.argv[2] + "/DejaVuSans.ttf")
pdf.add_font("DejaVu", "B", sys.argv[2] + "/DejaVuSans-Bold.ttf")
pdf.add_page()
pdf.set_font("DejaVu", "B", 14)
pdf.multi_cell(0, 8, sys.argv[3])
pdf.set_font("DejaVu", "", 9)
for i in range(47):
    pdf.cell(20, 5, str(i + 1), border=1)
    pdf.cell(120, 5, f"Indikator {i + 1} → tingkat 3", border=1)
    pdf.cell(20, 5, "2,50", border=1, new_x="LMARGIN", new_y="NEXT")
for k in range(12):
    pdf.rect(20 + k * 14, 250 - k * 6, 10, k * 6, style="F")
pdf.output(sys.argv[1])
"""

REPORTLAB = """
import sys
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
pdfmetrics.registerFont(TTFont("DejaVu", sys.argv[2] + "/DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DejaVu-Bold", sys.argv[2] + "/DejaVuSans-Bold.ttf"))
c = canvas.Canvas(sys.argv[1], pagesize=A4)
c.setFont("DejaVu-Bold", 14)
c.drawString(40, 800, sys.argv[3])
c.setFont("DejaVu", 9)
for i in range(47):
    y = 780 - i * 14
    c.rect(40, y - 3, 400, 13)
    c.drawString(44, y, f"{i + 1}   Indikator {i + 1} → tingkat 3   2,50")
for k in range(12):
    c.rect(60 + k * 30, 60, 20, k * 10, fill=1)
c.save()
"""


def run(script: str, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", script, str(out), str(FONTS), PROBE], check=True)
    return time.perf_counter() - start


def extracts(path: Path) -> bool:
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return all(ch in text for ch in "→≥✓") and "Kabupaten Contoh" in text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, script in (("fpdf2", FPDF), ("reportlab", REPORTLAB)):
            path = Path(tmp) / f"{name}.pdf"
            best = min(run(script, path) for _ in range(a.rounds))
            out[name] = {"s": round(best, 3), "bytes": path.stat().st_size, "text_extracts": extracts(path)}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
