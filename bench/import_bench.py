#!/usr/bin/env python3
"""Benchmark: importing a 5,000-row sheet (issue "your own data in": under 2 s and 200 MiB).

Two sheets of 5,000 rows, each as CSV and as xlsx, imported through the real CLI as whole
processes (start-up included), best of N:

- a planner's workbook: 47 indicator rows with two year columns among 4,953 rows of headings and
  notes (`import --year 2025 --history-columns`);
- the portal's evidence sheet: 5,000 coded items merged into a scenario (`evidence import`).

Peak memory is the child's maximum resident set size (``ru_maxrss``).

    python bench/import_bench.py [--rows 5000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_S = 2.0
GOAL_MIB = 200.0
SAMPLE = Path(__file__).resolve().parents[1] / "scenarios" / "contoh-rencana-aksi.toml"


def workbook_rows(n: int) -> list[list[object]]:
    rows: list[list[object]] = [["No", "Indikator", "Tingkat Kematangan 2024", "Tingkat Kematangan 2025"]]
    filler = n - 1 - 47
    per_gap = filler // 47
    for i in range(1, 48):
        rows += [[None, f"Catatan {i}.{k}: uraian bukti dukung dan tindak lanjut", None, None]
                 for k in range(per_gap)]
        rows.append([i, f"Indikator {i}", 1 + i % 4, 2 + i % 3])
    rows += [[None, "Catatan penutup", None, None]] * (n - len(rows))
    return rows


def evidence_rows(n: int) -> list[list[object]]:
    rows: list[list[object]] = [["Kode Butir", "Nama Butir", "Status", "Jenis Revisi", "OPD", "Batas Waktu"]]
    for k in range(n - 1):
        ind = 1 + k % 47
        level = 2 + k % 4
        rows.append([f"I{ind}-L{level}-{k:04d}", f"Bukti {k} untuk indikator {ind}", "revisi" if k % 5 else "diterima",
                     "tidak_tepat" if k % 5 else None, "Diskominfo", "2026-09-30"])
    return rows


def write(path: Path, rows: list[list[object]]) -> Path:
    if path.suffix == ".csv":
        path.write_text("\n".join(";".join("" if c is None else str(c) for c in r) for r in rows) + "\n",
                        encoding="utf-8")
        return path
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("Lembar")
    for r in rows:
        ws.append(r)
    book.save(path)
    return path


# A fresh parent per run: ru_maxrss of RUSAGE_CHILDREN is the largest child so far, so each run's
# peak is read in a parent that has had no other child.
PEAK = ("import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def timed(argv: list[str]) -> tuple[float, float]:
    """Seconds (the wrapper's own start-up is a few ms) and the command's peak RSS in MiB."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK, *argv], check=True, capture_output=True, text=True).stdout
    elapsed = time.perf_counter() - start
    return elapsed, int(out.split()[-1]) / 1024  # ru_maxrss is KiB on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    exe = shutil.which("spbe-planner")
    cli = [exe] if exe else [sys.executable, "-m", "tui"]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for suffix in (".csv", ".xlsx"):
            book = write(folder / f"kerja{suffix}", workbook_rows(a.rows))
            portal = write(folder / f"portal{suffix}", evidence_rows(a.rows))
            jobs = {
                f"workbook{suffix}": [*cli, "import", str(book), "--framework", "spbe-2020", "--region", "Kab. Uji",
                                      "--year", "2025", "--history-columns", "-o", str(folder / "w.toml"), "--force"],
                f"evidence{suffix}": [*cli, "evidence", "import", str(portal), str(SAMPLE),
                                      "-o", str(folder / "e.toml"), "--force"],
            }
            for name, argv in jobs.items():
                runs = [timed(argv) for _ in range(a.rounds)]
                results[name] = {"s": round(min(r[0] for r in runs), 3), "peak_mib": round(max(r[1] for r in runs), 1)}
    ok = all(r["s"] <= GOAL_S and r["peak_mib"] <= GOAL_MIB for r in results.values())
    print(json.dumps({"rows": a.rows, "goal_s": GOAL_S, "goal_mib": GOAL_MIB, "results": results, "ok": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
