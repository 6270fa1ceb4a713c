"""Every file knows its kind: recognised by content, said in the user's language (issue "your own data in")."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tui.core.files.file_kinds import toml_kind
from tui.core.files.guarded import read_toml
from tui.core.resources import cohorts_dir, rubrics_dir, scenarios_dir

SAMPLE = scenarios_dir() / "kabupaten-contoh-2022.toml"
COST = scenarios_dir() / "biaya" / "contoh-biaya.toml"
COHORT = cohorts_dir() / "ntt-kabkota-2022.toml"


@pytest.mark.parametrize(("path", "kind"), [
    (SAMPLE, "scenario"), (COST, "cost"), (scenarios_dir() / "biaya" / "contoh-program.toml", "cost"),
    (COHORT, "cohort"), (rubrics_dir() / "pemdi-2026.toml", "rubric"),
    (rubrics_dir() / "crosswalks" / "spbe-2020--pemdi-2026.toml", "crosswalk"),
])
def test_each_bundled_file_is_recognised_by_its_content(path: Path, kind: str) -> None:
    assert toml_kind(read_toml(path)) == kind


def test_ls_lists_other_kinds_as_what_they_are_not_as_broken_scenarios(tmp_path: Path, cli: Run) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.toml")
    shutil.copy(COST, tmp_path / "biaya.toml")
    shutil.copy(COHORT, tmp_path / "kohort.toml")
    code, out, _ = cli("ls", tmp_path)
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "(berkas biaya)" in lines["biaya.toml"] and "(berkas kohort)" in lines["kohort.toml"]
    assert "galat" not in out
    code, out, _ = cli("ls", tmp_path, "--json")
    kinds = {Path(e["file"]).name: e["kind"] for e in json.loads(out)}
    assert kinds == {"a.toml": "scenario", "biaya.toml": "cost", "kohort.toml": "cohort"}


@pytest.mark.parametrize(("args", "needle"), [
    (["plan", str(SAMPLE), "--predikat", "baik", "--cost", str(SAMPLE)], "adalah skenario, bukan berkas biaya"),
    (["score", "--cohort", str(COST), str(SAMPLE)], "adalah berkas biaya, bukan berkas kohort"),
    (["score", str(COST)], "adalah berkas biaya, bukan skenario"),
    (["rubrics", "--rubric", str(SAMPLE)], "adalah skenario, bukan berkas kerangka (rubrik)"),
])
def test_a_file_of_the_wrong_kind_says_what_it_is_and_what_was_expected(args: list[str], needle: str,
                                                                       cli: Run) -> None:
    code, _, err = cli(*args)
    assert code == 2 and needle in err and "perbarui" not in err, err
