"""The `spbe-planner` command as a user runs it: output, JSON shape and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import scenario_text
from tui.core.resources import scenarios_dir

SAMPLES = scenarios_dir()


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={"PATH": "/usr/bin:/bin", "SPBE_PLANNER_LANG": "id"})


def test_version() -> None:
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("spbe-planner ")


UNSCORABLE = Path(__file__).parents[1] / "golden" / "unscorable-rubric.toml"


def test_rubrics_lists_all_three_frameworks_as_scorable_and_marks_an_unscorable_one() -> None:
    out = run("rubrics")
    assert out.returncode == 0
    for rid in ("spbe-2018", "spbe-2020", "pemdi-2026"):
        assert rid in out.stdout
    assert "tidak dapat diskor" not in out.stdout
    assert "spbe-2018    Indeks SPBE (PermenPANRB 5/2018) · 37 indikator" in out.stdout
    out = run("rubrics", "--rubric", UNSCORABLE)
    assert "contoh-tanpa-bobot" in out.stdout and "tidak dapat diskor" in out.stdout


def test_score_text_uses_decimal_comma() -> None:
    out = run("score", SAMPLES / "contoh-target-baik.toml")
    assert out.returncode == 0, out.stderr
    assert "2,20" in out.stdout and "2,62" in out.stdout and "7 dari 22" in out.stdout
    out = run("score", "--lang", "en", SAMPLES / "contoh-target-baik.toml")
    assert "2.62" in out.stdout and "7 of 22" in out.stdout


def test_score_json_shape() -> None:
    out = run("score", "--json", SAMPLES / "contoh-target-baik.toml")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"file", "framework", "region", "baseline", "scenario", "claimed", "verified"}
    assert data["framework"] == "spbe-2020" and data["region"] == "Kabupaten Contoh"
    for side in ("baseline", "scenario"):
        assert set(data[side]) == {"index", "predikat", "domains", "aspects", "rank"}
        assert set(data[side]["rank"]) == {"position", "position_worst", "of", "cohort"}
    assert data["baseline"]["index"] == 2.2 and data["scenario"]["index"] == 2.62
    assert data["scenario"]["predikat"] == "Baik"
    assert data["scenario"]["rank"] == {"position": 2, "position_worst": 2, "of": 22, "cohort": "ntt-kabkota-2022"}
    assert list(data["baseline"]["domains"]) == ["D1", "D2", "D3", "D4"]


def test_score_json_for_several_files_is_a_list_and_pemdi_has_no_domains() -> None:
    out = run("score", "--json", SAMPLES / "kabupaten-contoh-2022.toml", SAMPLES / "kabupaten-contoh-pemdi-2026.toml")
    data = json.loads(out.stdout)
    assert isinstance(data, list) and len(data) == 2
    assert data[1]["baseline"]["domains"] == {} and data[1]["baseline"]["rank"] is None
    assert len(data[1]["baseline"]["aspects"]) == 7


def test_score_with_cohort_override(tmp_path: Path) -> None:
    f = tmp_path / "ntt.toml"
    levels = {str(i): 3 for i in range(1, 48)}
    f.write_text(scenario_text(baseline=levels).replace("Kabupaten Uji", "Provinsi Nusa Tenggara Timur"),
                 encoding="utf-8")
    out = run("score", "--json", "--cohort", "provinsi-2022", f)
    data = json.loads(out.stdout)
    assert data["baseline"]["index"] == 3.0 and data["baseline"]["rank"]["position"] == 10


def test_new_then_validate_then_score(tmp_path: Path) -> None:
    out = run("new", "--framework", "pemdi-2026", "--region", "Kota Uji", "-o", tmp_path / "n.toml")
    assert out.returncode == 0, out.stderr
    assert run("validate", tmp_path / "n.toml").returncode == 0
    assert json.loads(run("score", "--json", tmp_path / "n.toml").stdout)["baseline"]["index"] == 1.0
    again = run("new", "--framework", "pemdi-2026", "--region", "Kota Uji", "-o", tmp_path / "n.toml")
    assert again.returncode == 2 and "--force" in again.stderr


@pytest.mark.parametrize(("content", "needle"), [
    ("schema = 1\n[scenario\n", "bukan TOML yang sah"),
    (scenario_text(baseline={"12": 7}), 'baseline."12": tingkat 7 di luar skala'),
    (scenario_text(baseline={"99": 3}), 'baseline."99": indikator \'99\' tidak dikenal'),
    (scenario_text(schema=3), "dibuat oleh spbe-planner yang lebih baru"),
    (scenario_text().replace('"spbe-2020"', '"nope"'), "scenario.framework: kerangka 'nope' tidak dikenal"),
])
def test_bad_input_exits_2_with_one_message_and_no_traceback(tmp_path: Path, content: str, needle: str) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(content, encoding="utf-8")
    for cmd in ("validate", "score"):
        out = run(cmd, f)
        assert out.returncode == 2
        assert needle in out.stderr and str(f) in out.stderr
        assert "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1


def test_score_refuses_unscorable_framework(tmp_path: Path) -> None:
    f = tmp_path / "old.toml"
    out = run("new", "--framework", "contoh-tanpa-bobot", "--region", "Kab", "-o", f, "--rubric", UNSCORABLE)
    assert out.returncode == 0, out.stderr
    out = run("score", f, "--rubric", UNSCORABLE)
    assert out.returncode == 2 and "tidak dapat diskor" in out.stderr and "Traceback" not in out.stderr


def test_missing_file_and_unknown_cohort(tmp_path: Path) -> None:
    out = run("score", tmp_path / "none.toml")
    assert out.returncode == 2 and "berkas tidak ditemukan" in out.stderr
    out = run("score", "--cohort", "nowhere", SAMPLES / "kabupaten-contoh-2022.toml")
    assert out.returncode == 2 and "--cohort: kohort 'nowhere' tidak dikenal" in out.stderr


def test_good_files_still_print_when_one_is_bad(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("x = [", encoding="utf-8")
    out = run("score", "--json", SAMPLES / "kabupaten-contoh-2022.toml", bad)
    assert out.returncode == 2
    assert len(json.loads(out.stdout)) == 1


def test_trend_projection_flag() -> None:
    f = SAMPLES / "contoh-target-baik.toml"
    out = run("score", "--json", "--cohort", "ntb-kabkota-2023", "--projection", "trend", f)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["scenario"]["rank"]["cohort"] == "ntb-kabkota-2023"


def test_a_cohort_of_another_framework_is_refused_naming_both(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tui.core.resources import scenarios_dir

    pemdi = scenarios_dir() / "kabupaten-contoh-pemdi-2026.toml"
    code, _, err = cli("score", pemdi, "--cohort", "ntt-kabkota-2022")
    assert code == 2 and "Traceback" not in err
    assert "ntt-kabkota-2022" in err and "spbe-2020" in err and "pemdi-2026" in err


def test_a_regency_ranked_among_provinces_is_warned_not_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tui.core.resources import default_scenario

    code, out, err = cli("score", default_scenario(), "--cohort", "provinsi-2022")
    assert code == 0 and "Indeks" in out
    assert "Peringatan: Kabupaten Contoh adalah kabupaten/kota, sedangkan kohort provinsi-2022 berisi " \
           "pemerintah provinsi" in err
    code, _, err = cli("score", default_scenario())  # its own cohort: no warning
    assert code == 0 and "Peringatan" not in err


def test_a_cohorts_level_is_read_from_its_peers_when_the_file_does_not_say() -> None:
    from tui.core.scoring.cohort import level_mismatch, load_cohort, region_level

    assert region_level("Kabupaten Sikka") == region_level("Kota Kupang") == "kabkota"
    assert region_level("Provinsi Bali") == "provinsi" and region_level("Kementerian X") is None
    cohort = load_cohort("ntt-kabkota-2022")
    assert cohort.level == "kabkota"
    assert level_mismatch("Provinsi NTT", cohort) == ("provinsi", "kabkota")
    assert level_mismatch("Pemerintah Kota X", cohort) is None  # the name does not say: no warning


def test_score_json_carries_each_external_index_and_its_value(cli) -> None:  # type: ignore[no-untyped-def]
    import json

    from tui.core.resources import demo_scenario

    code, out, err = cli("score", "--json", demo_scenario("pemdi"))
    assert code == 0, err
    data = json.loads(out)
    assert data["external"] == {"5": {"index": 31.25, "value": 2.25}, "18": {"index": 12.5, "value": 1.5}}


def test_score_json_carries_claimed_and_verified(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    from tui.core.resources import demo_scenario

    text = demo_scenario("spbe").read_text(encoding="utf-8").replace("[target]\n", '[target]\n"3" = 4\n')
    text += ('\n[[evidence]]\nindicator = "3"\nlevel = 3\nitem = "Perbup"\nstatus = "diterima"\n'
             '\n[[evidence]]\nindicator = "3"\nlevel = 4\nitem = "Reviu"\nstatus = "diunggah"\n')
    f = tmp_path / "bukti.toml"
    f.write_text(text, encoding="utf-8")
    code, out, err = cli("score", "--json", f)
    assert code == 0, err
    data = json.loads(out)
    assert data["scenario"]["index"] == 2.23 and data["claimed"]["index"] == 2.23
    assert data["verified"]["index"] == 2.21 and set(data["verified"]) == set(data["scenario"])
    code, out, _ = cli("export", f, "--format", "txt", "-o", "-")
    assert "Indeks menurut bukti dukung" in out and "terverifikasi (bukti diterima)     2,21" in out
