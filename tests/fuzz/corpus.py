"""The reproducers of the fuzz campaign, kept as files in tests/fuzz_corpus/.

``python -m tests.fuzz.corpus`` writes them again (they are committed, so a test never depends on
this script running); each case says which command reads it, so the tests run it through the
real CLI. Every one of them once crashed, hung or ate memory; now each must end in exit 2 with one
message naming the file.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "fuzz_corpus"
RUBRICS = Path(__file__).resolve().parents[2] / "rubrics"
STAMP = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Case:
    name: str  # file name in the corpus
    command: tuple[str, ...]  # CLI arguments; {file} is the corpus file
    needle: str  # a piece of the (English) message
    max_mib: float = 64  # peak Python memory allowed while refusing it


def _scenario(framework: str = "spbe-2020", **levels: object) -> str:
    ids = 47 if framework == "spbe-2020" else 20
    values = {str(i): 2 for i in range(1, ids + 1)} | {k.removeprefix("i"): v for k, v in levels.items()}
    body = "\n".join(f'"{k}" = {v}' for k, v in values.items())
    return (f'schema = 1\n[scenario]\nname = "Uji"\nframework = "{framework}"\nregion = "Kabupaten Uji"\n'
            f"year = 2022\n[baseline]\n{body}\n[target]\n")


def _cohort(index: str) -> str:
    return ('schema = 1\n[cohort]\nid = "uji"\nname = "Uji"\nframework = "spbe-2020"\nyear = 2023\n'
            f'sources = ["uji"]\n[[peer]]\nname = "Kabupaten A"\nindex = {index}\n')


def _sheet_xml(rows: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')


def _xlsx(sheet: bytes | str, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal workbook whose one sheet XML is ``sheet`` (so it can be broken on purpose)."""
    ns = "http://schemas.openxmlformats.org"
    files = {
        "[Content_Types].xml": (
            f'<?xml version="1.0"?><Types xmlns="{ns}/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0"?><workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/'
            'officeDocument/2006/relationships"><sheets><sheet name="Evaluasi" sheetId="1" r:id="rId1"/>'
            '</sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship '
            f'Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>'),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():  # fixed dates: the same bytes every time the corpus is written
            z.writestr(zipfile.ZipInfo(name, STAMP), text, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("xl/worksheets/sheet1.xml", STAMP), sheet, compress_type=compress)
    return buf.getvalue()


def _header_rows() -> str:
    return ('<row r="1"><c r="A1" t="inlineStr"><is><t>No</t></is></c><c r="B1" t="inlineStr"><is><t>Tingkat</t>'
            '</is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>3</v></c></row>')


def _corrupt_deflate() -> bytes:
    data = bytearray(_xlsx(_sheet_xml(_header_rows() * 20)))
    at = data.find(b"xl/worksheets/sheet1.xml") + 40  # inside that member's compressed bytes
    for k in range(at, at + 16):
        data[k] ^= 0x5A
    return bytes(data)


def _unsupported_method() -> bytes:
    """The sheet member marked with compression method 99 (AES, which zipfile cannot read)."""
    data = bytearray(_xlsx(_sheet_xml(_header_rows()), zipfile.ZIP_STORED))
    name = b"xl/worksheets/sheet1.xml"
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = 0
        while (at := data.find(signature, at)) != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                data[at + offset:at + offset + 2] = (99).to_bytes(2, "little")
            at += 4
    return bytes(data)


def _zip_version() -> bytes:
    """Every member claims to need zip version 17.7 to extract (zipfile raises NotImplementedError)."""
    data = bytearray(_xlsx(_sheet_xml(_header_rows())))
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:
        data[at + 6:at + 8] = (177).to_bytes(2, "little")
        at += 4
    return bytes(data)


def _wide_xlsx(rows: int = 5000) -> bytes:
    body = "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(1, rows + 1))
    return _xlsx(_sheet_xml(body))


def _shared_strings_xlsx(count: int) -> bytes:
    """A workbook whose shared-strings part holds ``count`` strings (a few KB zipped)."""
    base = _xlsx(_sheet_xml(_header_rows()))
    strings = "<si><t>ab</t></si>" * count  # the parse is the cost, not the variety
    xml = (f'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           f'count="{count}" uniqueCount="{count}">{strings}</sst>')
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr(zipfile.ZipInfo("xl/sharedStrings.xml", STAMP), xml, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _long_row_xlsx(cells: int) -> bytes:
    return _xlsx(_sheet_xml(_header_rows() + '<row r="3">' + "<c><v>1</v></c>" * cells + "</row>"))


def _garbled_report() -> str:
    """A report of ours (facts, then the indicator table with its Target column) with no readable year."""
    rows = ["Laporan", "Skenario;Uji", "Daerah;Kab. Uji", "Kerangka;Indeks SPBE (spbe-2020)", "Tahun;dua ribu",
            "", "# Semua indikator", "Jenis;No;Nama;Bobot;Tingkat;Target"]
    rows += [f"indikator;{i};Ind {i};1;2;3" for i in range(1, 48)]
    return "\n".join(rows) + "\n"


def files() -> dict[str, bytes]:
    spbe = (RUBRICS / "spbe-2020.toml").read_text("utf-8")
    out: dict[str, str | bytes] = {
        "level-1e308.toml": _scenario(i12="1e308"),
        "level-huge-int.toml": _scenario(i12="1" + "0" * 400),
        "level-nan.toml": _scenario(i12="nan"),
        "level-inf.toml": _scenario(i12="-inf"),
        "peer-nan.toml": _cohort("nan"),
        "peer-3-decimals.toml": _cohort("3.141"),
        "peer-negative.toml": _cohort("-7"),
        "peer-1e308.toml": _cohort("1e308"),
        "cost-1e308.toml": 'schema = 1\n[default]\nstep = 1e308\n',
        # The evaluation system's JSON records: an index of "inf" (Fraction(inf) overflowed) and one of
        # 1e999999999 (exact arithmetic would have built a billion-digit number).
        "records-inf.json": '[{"tahun": 2026, "nama_instansi": "Kab. A", "nilai": {"indeks": "inf"}}]',
        "records-huge.json": '[{"tahun": 2026, "nama_instansi": "Kab. A", "nilai": {"indeks": "1e999999999"}}]',
        "rubric-band-1e308.toml": spbe.replace("max = 1.8", "max = 1e308", 1),
        "nested-array.toml": "schema = 1\nx = " + "[" * 1000 + "]" * 1000 + "\n",
        "nested-table.toml": "schema = 1\nx = " + "{a = " * 1000 + "1" + "}" * 1000 + "\n",
        "dotted-key.toml": "schema = 1\n" + "a" + ".a" * 20000 + " = 1\n",
        "bom-cr-mix.toml": "\ufeff" + _scenario(i12="7").replace("\n", "\r\n"),
        "cr-only.csv": "No,Tingkat\r1,3\r2,3\r",
        "cr-only-quoted.csv": '"No","Tingkat"\r"1","3"\r"2,5","3"\r',
        "long-field.csv": 'No,Tingkat\n1,"' + "x" * (140 * 1024) + '"\n',
        "truncated-sheet.xlsx": _xlsx(_sheet_xml(_header_rows())[:-40]),
        "junk-after-root.xlsx": _xlsx(_sheet_xml(_header_rows()) + "<junk/>"),
        "odd-attribute.xlsx": _xlsx(_sheet_xml(_header_rows().replace('<c r="B2">', '<c r="B2" s="nope">'))),
        "corrupt-deflate.xlsx": _corrupt_deflate(),
        "bzip2-member.xlsx": _xlsx(_sheet_xml(_header_rows()), zipfile.ZIP_BZIP2),
        "method-99.xlsx": _unsupported_method(),
        "zip-version.xlsx": _zip_version(),  # found by the hypothesis campaign
        "column-xfd.xlsx": _wide_xlsx(),
        # Bad input III: the readers built these whole before any limit was checked.
        "many-fields.csv": "No,Tingkat\n1," + "ab," * 350_000 + "\n",
        "shared-strings-2m.xlsx": _shared_strings_xlsx(2_000_000),
        "row-300k-cells.xlsx": _long_row_xlsx(300_000),
        "row-1m-cells.xlsx": _long_row_xlsx(1_000_000),
        # Your own data in: a portal sheet with an impossible date, one whose code contradicts its
        # indicator column, one whose status is no status; an exported report whose year is garbled;
        # an external index whose status is unknown and one whose evidence is valid before it is dated.
        "evidence-date-32-13.csv": "Kode;Butir;Status;Tenggat\nI11-L3-01;Dok;diterima;32/13/2023\n",
        "evidence-code-clash.csv": "Kode;Indikator;Tingkat;Butir\nI11-L3-01;12;3;Dok\n",
        "evidence-status-ditunda.csv": "Kode;Butir;Status\nI11-L3-01;Dok;ditunda\n",
        "evidence-10k-rows.csv": "Kode;Butir;Status\n" + "".join(f"I11-L3-{k:02d};Dok {k};ditunda\n"
                                                                for k in range(10_000)),
        "report-year-garbled.csv": _garbled_report(),
        "edition-status-entah.toml": _scenario("pemdi-2026").replace(
            "[target]\n", '[target]\n[external]\n"5" = { index = 40, status = "entah" }\n'),
        "evidence-valid-before-dated.toml": _scenario() + (
            '[[evidence]]\nindicator = "1"\nlevel = 3\nitem = "x"\ndated = 2024-05-01\nvalid_until = 2024-01-01\n'),
    }
    return {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in out.items()}


# Reading a sheet: the import command, into a file that must never be written.
IMPORT = ("import", "{file}", "--framework", "spbe-2020", "--region", "X", "-o", "{out}")

CASES: tuple[Case, ...] = (
    Case("level-1e308.toml", ("validate", "{file}"), 'baseline."12"'),
    Case("level-huge-int.toml", ("score", "{file}"), "digits"),
    Case("level-nan.toml", ("score", "{file}"), 'baseline."12"'),
    Case("level-inf.toml", ("score", "{file}"), 'baseline."12"'),
    Case("peer-nan.toml", ("score", "--cohort", "{file}", "{sample}"), "peer[1].index"),
    Case("peer-3-decimals.toml", ("score", "--cohort", "{file}", "{sample}"), "peer[1].index"),
    Case("peer-negative.toml", ("score", "--cohort", "{file}", "{sample}"), "peer[1].index"),
    Case("peer-1e308.toml", ("plan", "{sample}", "--rank", "1", "--cohort", "{file}"), "peer[1].index"),
    Case("cost-1e308.toml", ("plan", "{sample}", "--predikat", "baik", "--cost", "{file}"), "default.step"),
    Case("rubric-band-1e308.toml", ("rubrics", "--rubric", "{file}"), "band[1].max"),
    Case("nested-array.toml", ("validate", "{file}"), "nested"),
    Case("nested-table.toml", ("validate", "{file}"), "nested"),
    Case("dotted-key.toml", ("validate", "{file}"), "dotted parts"),
    Case("bom-cr-mix.toml", ("validate", "{file}"), 'baseline."12": level 7'),
    Case("cr-only.csv", IMPORT, "missing"),
    Case("cr-only-quoted.csv", IMPORT, "missing 46 of 47"),
    Case("long-field.csv", IMPORT, "CSV"),
    Case("truncated-sheet.xlsx", IMPORT, ".xlsx"),
    Case("junk-after-root.xlsx", IMPORT, ".xlsx"),
    Case("odd-attribute.xlsx", IMPORT, ".xlsx"),
    Case("corrupt-deflate.xlsx", IMPORT, ".xlsx"),
    Case("bzip2-member.xlsx", IMPORT, ".xlsx"),
    Case("method-99.xlsx", IMPORT, ".xlsx"),
    Case("zip-version.xlsx", IMPORT, ".xlsx"),
    Case("column-xfd.xlsx", IMPORT, "header"),
    Case("many-fields.csv", IMPORT, "2048 cells", max_mib=16),
    Case("shared-strings-2m.xlsx", IMPORT, "sharedStrings"),
    Case("row-300k-cells.xlsx", IMPORT, "2048 cells"),
    Case("row-1m-cells.xlsx", IMPORT, "sheet1.xml"),
    Case("evidence-date-32-13.csv", ("evidence", "import", "{file}", "{action}", "-o", "{out}"), "D2"),
    Case("evidence-code-clash.csv", ("evidence", "import", "{file}", "{action}", "-o", "{out}"), "I11-L3-01"),
    Case("evidence-status-ditunda.csv", ("evidence", "import", "{file}", "{action}", "-o", "{out}"),
         "'ditunda' is not a status"),
    Case("evidence-10k-rows.csv", ("evidence", "import", "{file}", "{action}", "-o", "{out}"), "C2"),
    Case("report-year-garbled.csv", ("import", "{file}", "-o", "{out}"), "B5"),
    Case("edition-status-entah.toml", ("validate", "{file}"), 'external."5".status'),
    Case("evidence-valid-before-dated.toml", ("validate", "{file}"), "evidence[1].valid_until"),
    Case("records-inf.json", ("cohort", "import", "{file}", "--framework", "pemdi-2026", "--year", "2026",
                              "--name", "X", "-o", "{out}"), "[1].nilai.indeks"),
    Case("records-huge.json", ("cohort", "import", "{file}", "--framework", "pemdi-2026", "--year", "2026",
                               "--name", "X", "-o", "{out}"), "[1].nilai.indeks"),
)


def write_corpus() -> None:
    CORPUS.mkdir(exist_ok=True)
    for name, data in files().items():
        (CORPUS / name).write_bytes(data)


if __name__ == "__main__":
    write_corpus()
