"""Fuzzing every input format: mutations of valid files must load or raise InputError, nothing else.

Mutations: byte flips, truncation, deleted and duplicated lines, numbers swapped for huge,
non-finite, negative or text values, deep nesting, long strings, CR/CRLF line ends, a BOM and
Windows-1252 bytes. Each example is bounded in time. CI runs a fixed budget; set FUZZ_EXAMPLES=N
for a longer campaign locally.
"""

from __future__ import annotations

import atexit
import io
import os
import re
import shutil
import tempfile
import time
import tomllib
import zipfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.corpus import _header_rows, _sheet_xml, _xlsx
from tui.core.config import load_config
from tui.core.errors import InputError
from tui.core.files.guarded import read_toml
from tui.core.goal_seek.costs import load_costs
from tui.core.resources import cohorts_dir, rubrics_dir, scenarios_dir
from tui.core.scenario.recovery import HEADER, read_recovery, recovery_path
from tui.core.scenario.scenario_file import load_scenario
from tui.core.scenario.sheets import import_levels
from tui.core.scenario.summary import resolve_cohort, summarize
from tui.core.scoring.rubric import RubricSet, load_rubric, parse_rubric

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "500"))
# CI's fixed budget replays the same examples every run; a local FUZZ_EXAMPLES campaign explores anew.
REPLAY = "FUZZ_EXAMPLES" not in os.environ
MAX_SECONDS = 2.0
SPBE = load_rubric("spbe-2020")
RUBRICS = RubricSet()
WORK = Path(tempfile.mkdtemp(prefix="spbe-fuzz-"))
atexit.register(shutil.rmtree, WORK, True)

NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
ODD_VALUES = [b"1e308", b"-1e308", b"nan", b"inf", b"-inf", b"1" + b"0" * 399, b"-7", b"3.14159", b'"3"', b"true",
              b"[]", b"{}", b"0", b"2.999999999", b"1979-05-27", b"0x10"]


def _seed(path: Path) -> bytes:
    return path.read_bytes()


SEEDS = {
    "scenario": _seed(scenarios_dir() / "contoh-target-baik.toml"),
    "cohort": _seed(cohorts_dir() / "ntt-kabkota-2022.toml"),
    "cost": _seed(scenarios_dir() / "biaya" / "contoh-biaya.toml"),
    # [[evidence]] and [[programme]]: the plan-to-action formats of schema 2.
    "action": _seed(scenarios_dir() / "contoh-rencana-aksi.toml"),
    "programmes": _seed(scenarios_dir() / "biaya" / "contoh-program.toml"),
    "rubric": _seed(rubrics_dir() / "pemdi-2026.toml"),
    "config": b'theme = "spbe"\n[keymap]\nsave = "ctrl+s"\nquit = "ctrl+q"\n',
    "csv": ("No;Indikator;Tingkat\n" + "".join(f"{i};Indikator {i};{2 + i % 3}\n" for i in range(1, 48))).encode(),
    "result": b"",  # filled in below: a Pemdi result sheet with its index and aspect table
}


def _result_seed() -> bytes:
    """A Pemdi result as the evaluation system writes it: ten decimals, then Indeks and A1-A7."""
    from fractions import Fraction

    from tui.core.scoring.evaluation import evaluate

    pemdi = load_rubric("pemdi-2026")
    levels = {ind: 100 + (k * 37) % 400 for k, ind in enumerate(pemdi.indicator_ids)}
    ev = evaluate(pemdi, levels)
    rows = ["No;Nilai", *(f"{i};{h / 100:.10f}" for i, h in levels.items()), "",
            ";".join(["Indeks Pemdi", *(a.id for a in pemdi.aspects)]),
            ";".join(f"{float(Fraction(v)):.10f}" for v in [ev.index_exact, *ev.aspects_exact.values()])]
    return "\n".join(rows).encode()


SEEDS["result"] = _result_seed()
SEEDS["records"] = _seed(scenarios_dir() / "contoh-hasil-pemdi-2026.json")
SEEDS["crosswalk"] = _seed(rubrics_dir() / "crosswalks" / "spbe-2020--pemdi-2026.toml")
SEEDS["drops"] = _seed(rubrics_dir() / "observations" / "assessor-drops.toml")
# Your own data in: the portal's evidence sheet (codes, statuses, revision kinds, dates in three
# spellings), a workbook with a year in each level column's header, an exported report read back
# whole, and a Pemdi scenario with an external index's edition, an evaluation date and dated evidence.
SEEDS["evidence_sheet"] = (
    b"Kode Butir;Nama Butir;Status;Jenis Revisi;OPD;Batas Waktu;Tanggal Dokumen;Berlaku Sampai\n"
    b"I11-L3-01;Dokumen Arsitektur SPBE Pemda;Diterima;;Bappeda;31/03/2023;2023-01-10;\n"
    b"I11-L4-01;Reviu Arsitektur;Revisi;Tidak Tepat;Bappeda;31 Juli 2023;;2024-01-09\n"
    b"GT.I12_L3_01;Dokumen Peta Rencana SPBE;diterima;;;;;\n"
    b"I16-L4-01;Berita acara PDN;belum diunggah;;Diskominfo;2023-08-01;;\n")
SEEDS["year_sheet"] = ("No;Indikator;Tingkat Kematangan 2024;Tingkat Kematangan 2025\n"
                       + "".join(f"{i};Indikator {i};{1 + i % 4};{2 + i % 3}\n" for i in range(1, 48))).encode()
SEEDS["editions"] = _seed(scenarios_dir() / "kabupaten-contoh-pemdi-2026.toml").replace(
    b'"5" = 2.25\n', b"").replace(b'"5" = 31.25', b'"5" = { index = 73.56, edition = 2025, status = "sementara" }'
    ).replace(b"[scenario]\n", b"[scenario]\nevaluation_date = 2026-10-15\n", 1) + (
    b'\n[[evidence]]\ncode = "I10-L3-01"\nindicator = "10"\nlevel = 3\nitem = "IKASANDI"\nstatus = "revisi"\n'
    b'revision = "tidak_tepat"\ndated = 2025-06-01\nvalid_until = 2026-06-01\n')


def _exported_seed() -> bytes:
    """The report `export --format csv` writes of the action-plan sample (targets, notes, evidence)."""
    from tui.core.team.compare import load_column
    from tui.presentation.report import scenario_report
    from tui.presentation.report_formats import to_csv

    col = load_column(scenarios_dir() / "contoh-rencana-aksi.toml", RUBRICS, None)
    return to_csv([scenario_report(col, "id")], "excel-id").encode()


SEEDS["exported"] = _exported_seed()


def _records(p: Path) -> None:
    from tui.core.team.cohort_import import cohort_toml, read_peers, validated_cohort

    peers = read_peers(p, load_rubric("pemdi-2026"), year=None)
    # A writer never writes what our readers refuse: the cohort file it makes loads back.
    text = cohort_toml(cid="fuzz", name="Fuzz", framework="pemdi-2026", year=2026, peers=peers, population=None,
                       source="", level=None)
    validated_cohort(text, p.with_suffix(".toml"))


def _crosswalk(p: Path) -> None:
    from pydantic import ValidationError

    from tui.core.errors import from_validation
    from tui.core.scenario.convert import CrosswalkFile, estimate_range

    try:
        data = CrosswalkFile.model_validate(read_toml(p))
    except ValidationError as exc:
        raise from_validation(exc, p) from None
    from decimal import Decimal

    estimate_range(Decimal("2.33"), tuple(data.pair))


def _drops(p: Path) -> None:
    from tui.core.goal_seek.margins import assessor_margin

    assessor_margin(p)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "truncate", "delete_line", "dup_line", "number", "nest", "long",
                                   "newlines", "bom", "cp1252", "splice"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif op == "truncate":
            del data[at:]
        elif op in ("delete_line", "dup_line"):
            lines = bytes(data).split(b"\n")
            k = draw(st.integers(0, len(lines) - 1))
            if op == "delete_line":
                del lines[k]
            else:
                lines.insert(k, lines[k])
            data = bytearray(b"\n".join(lines))
        elif op == "number":
            numbers = list(NUMBER.finditer(bytes(data)))
            if numbers:
                m = draw(st.sampled_from(numbers))
                data[m.start():m.end()] = draw(st.sampled_from(ODD_VALUES))
        elif op == "nest":
            depth = draw(st.integers(1, 2000))
            data[at:at] = b"\nx = " + b"[" * depth + b"]" * depth + b"\n"
        elif op == "long":
            data[at:at] = b'"' + b"y" * draw(st.integers(1000, 200_000)) + b'"'
        elif op == "newlines":
            data = bytearray(bytes(data).replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r"]))))
        elif op == "bom":
            data[0:0] = b"\xef\xbb\xbf"
        elif op == "cp1252":
            data[at:at] = draw(st.sampled_from([b"\x93kutip\x94", b"caf\xe9", b"\x80", b"\xa0"]))
        elif op == "splice":
            data[at:at] = draw(st.binary(max_size=64))
    return bytes(data)


def _scenario(p: Path) -> None:
    s, rubric = load_scenario(p, RUBRICS)
    if rubric.scorable:
        summarize(s, rubric, resolve_cohort(s, rubric, path=p))


def _action_plan(p: Path) -> None:
    """A scenario with evidence and programmes, read, then turned into the action plan's reports."""
    from tui.core.goal_seek.action_plan import build_action_plan
    from tui.core.team.compare import Column
    from tui.presentation.action_plan_report import action_plan_reports
    from tui.presentation.report_formats import to_csv, to_text

    s, rubric = load_scenario(p, RUBRICS)
    if rubric.scorable:
        col = Column(p, s, rubric, summarize(s, rubric, resolve_cohort(s, rubric, path=p)))
        reports = action_plan_reports(col, build_action_plan(rubric, s), "id")
        to_text(reports, "id")
        to_csv(reports, "excel-id")


def _cohort(p: Path) -> None:
    from tui.core.scoring.cohort import parse_cohort

    c = parse_cohort(read_toml(p), p)
    c.spans(1, 5)


def _config(p: Path) -> None:
    os.environ["SPBE_PLANNER_CONFIG"] = str(p)
    try:
        load_config()
    finally:
        del os.environ["SPBE_PLANNER_CONFIG"]


def _evidence_sheet(p: Path) -> None:
    from tui.core.scenario.evidence_sheet import import_evidence

    s, rubric = load_scenario(scenarios_dir() / "contoh-rencana-aksi.toml", RUBRICS)
    merged, _ = import_evidence(p, s, rubric)
    again, report = import_evidence(p, merged, rubric)  # a second run changes nothing
    assert again == merged and report.added == report.updated == 0


def _sheet_request(p: Path) -> None:
    from tui.core.scenario.sheet_import import ImportRequest, run_import

    run_import(ImportRequest(p, framework="spbe-2020", region="X", year=2025, history_columns=True), RUBRICS)


def _exported(p: Path) -> None:
    from tui.core.scenario.sheet_import import ImportRequest, run_import

    run_import(ImportRequest(p), RUBRICS)


def _editions(p: Path) -> None:
    from tui.core.scenario.scenario_file import dump_scenario, parse_scenario
    from tui.core.scenario.summary import evidence_outcomes

    s, rubric = load_scenario(p, RUBRICS)
    evidence_outcomes(s, rubric, None)
    again, _ = parse_scenario(tomllib.loads(dump_scenario(s)), RUBRICS)  # what we write, we read back
    assert again == s


READERS: dict[str, tuple[str, Callable[[Path], object]]] = {
    "scenario": ("s.toml", _scenario),
    "cohort": ("k.toml", _cohort),
    "cost": ("c.toml", lambda p: load_costs(p, SPBE)),
    "action": ("ra.toml", _action_plan),
    "programmes": ("p.toml", lambda p: load_costs(p, SPBE)),
    "rubric": ("r.toml", lambda p: parse_rubric(read_toml(p), p)),
    "config": ("config.toml", _config),
    "csv": ("b.csv", lambda p: import_levels(p, SPBE)),
    "result": ("hasil.csv", lambda p: import_levels(p, load_rubric("pemdi-2026"))),
    "records": ("hasil.json", _records),
    "crosswalk": ("cw.toml", _crosswalk),
    "drops": ("drops.toml", _drops),
    "evidence_sheet": ("portal.csv", _evidence_sheet),
    "year_sheet": ("kerja.csv", _sheet_request),
    "exported": ("laporan.csv", _exported),
    "editions": ("edisi.toml", _editions),
}


def check(kind: str, data: bytes) -> None:
    name, reader = READERS[kind]
    path = WORK / name
    path.write_bytes(data)
    start = time.perf_counter()
    try:
        reader(path)
    except InputError as exc:
        assert str(exc)  # renders; names the file where there is one
    assert time.perf_counter() - start < MAX_SECONDS


FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=REPLAY, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(data=mutated(SEEDS["scenario"]))
def test_scenario_files(data: bytes) -> None:
    check("scenario", data)


@FUZZ
@given(data=mutated(SEEDS["cohort"]))
def test_cohort_files(data: bytes) -> None:
    check("cohort", data)


@FUZZ
@given(data=mutated(SEEDS["cost"]))
def test_cost_files(data: bytes) -> None:
    check("cost", data)


@settings(FUZZ, max_examples=max(EXAMPLES // 2, 20))
@given(data=mutated(SEEDS["action"]))
def test_scenarios_with_evidence_and_programmes_and_their_action_plan(data: bytes) -> None:
    check("action", data)


@settings(FUZZ, max_examples=max(EXAMPLES // 2, 20))
@given(data=mutated(SEEDS["programmes"]))
def test_cost_files_with_programmes(data: bytes) -> None:
    check("programmes", data)


@settings(FUZZ, max_examples=max(EXAMPLES // 3, 20))
@given(data=mutated(SEEDS["rubric"]))
def test_rubric_files(data: bytes) -> None:
    check("rubric", data)


@FUZZ
@given(data=mutated(SEEDS["config"]))
def test_config_files(data: bytes) -> None:
    check("config", data)


@FUZZ
@given(data=mutated(SEEDS["csv"]))
def test_csv_sheets(data: bytes) -> None:
    check("csv", data)


@FUZZ
@given(data=mutated(SEEDS["result"]))
def test_official_result_sheets_with_their_index_and_aspects(data: bytes) -> None:
    check("result", data)


@FUZZ
@given(data=mutated(SEEDS["records"]))
def test_evaluation_system_json_records(data: bytes) -> None:
    check("records", data)


@settings(FUZZ, max_examples=max(EXAMPLES // 3, 20))
@given(data=mutated(SEEDS["crosswalk"]))
def test_crosswalk_with_pairs_and_evidence(data: bytes) -> None:
    check("crosswalk", data)


@settings(FUZZ, max_examples=max(EXAMPLES // 3, 20))
@given(data=mutated(SEEDS["drops"]))
def test_assessor_drops(data: bytes) -> None:
    check("drops", data)


@FUZZ
@given(data=mutated(SEEDS["scenario"]))
def test_recovery_files_never_raise_and_are_set_aside(data: bytes) -> None:
    source = WORK / "asal.toml"
    os.environ["SPBE_PLANNER_STATE"] = str(WORK / "state")
    try:
        path = recovery_path(source)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(HEADER.encode() + str(source).encode() + b"\n" + data)
        start = time.perf_counter()
        read = read_recovery(source, RUBRICS)  # never raises: a bad file is renamed aside
        assert time.perf_counter() - start < MAX_SECONDS
        if read.error is not None:
            assert read.set_aside is not None and read.set_aside.exists() and not path.exists()
            read.set_aside.unlink()
    finally:
        del os.environ["SPBE_PLANNER_STATE"]


@settings(FUZZ, max_examples=max(EXAMPLES // 3, 20))
@given(sheet=mutated(_sheet_xml(_header_rows() * 3).encode()), flips=st.lists(st.integers(0, 2000), max_size=3))
def test_xlsx_sheets(sheet: bytes, flips: list[int]) -> None:
    raw = bytearray(_xlsx(sheet))
    for at in flips:  # damage the zip itself too, not only the XML inside it
        raw[at % len(raw)] ^= 0xA5
    check_xlsx(bytes(raw))


def check_xlsx(raw: bytes) -> None:
    path = WORK / "b.xlsx"
    path.write_bytes(raw)
    start = time.perf_counter()
    try:
        import_levels(path, SPBE)
    except InputError as exc:
        assert str(exc)
    assert time.perf_counter() - start < MAX_SECONDS


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (120 * 2**20))  # compresses to ~120 KB
    path = WORK / "bomb.xlsx"
    path.write_bytes(buf.getvalue())
    try:
        import_levels(path, SPBE)
    except InputError as exc:
        assert exc.code == "sheet_xlsx_too_big"
    else:
        raise AssertionError("a zip bomb was read")


@FUZZ
@given(data=mutated(SEEDS["evidence_sheet"]))
def test_portal_evidence_sheets(data: bytes) -> None:
    check("evidence_sheet", data)


@FUZZ
@given(data=mutated(SEEDS["year_sheet"]))
def test_workbooks_with_years_in_their_level_headers(data: bytes) -> None:
    check("year_sheet", data)


@settings(FUZZ, max_examples=max(EXAMPLES // 2, 20))
@given(data=mutated(SEEDS["exported"]))
def test_exported_reports_read_back(data: bytes) -> None:
    check("exported", data)


@FUZZ
@given(data=mutated(SEEDS["editions"]))
def test_external_editions_dates_and_evaluation_date(data: bytes) -> None:
    check("editions", data)
