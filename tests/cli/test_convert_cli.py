"""`convert`: a Pemdi 2026 baseline estimate from a 59/2020 scenario, through the crosswalk."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Run
from tui.core.resources import demo_scenario
from tui.core.scenario.scenario_file import load_scenario


def test_each_pemdi_value_is_the_mean_of_its_mapped_spbe_levels(cli: Run, tmp_path: Path) -> None:
    out_file = tmp_path / "pemdi.toml"
    code, out, err = cli("convert", demo_scenario("spbe"), "--to", "pemdi-2026", "-o", out_file, "--json")
    assert code == 0, err
    mapping = json.loads(out)
    assert mapping["official"] is False and mapping["needs_external"] == ["6"]
    spbe, _ = load_scenario(demo_scenario("spbe"))
    pemdi, rubric = load_scenario(out_file)
    assert rubric.id == "pemdi-2026"
    for ind, entry in mapping["indicators"].items():
        levels = [spbe.baseline[i] / 100 for i in entry["sources"]]
        mean = sum(levels) / len(levels)
        assert abs(pemdi.baseline[ind] / 100 - mean) <= 0.005 + 1e-9  # rounded to 2 decimals
        assert entry["value"] == pemdi.baseline[ind] / 100
        assert ", ".join(entry["sources"]) in pemdi.indicator_notes[ind]
    assert pemdi.baseline["6"] == 100  # external, nothing to draw on: stays at 1
    assert "TIDAK RESMI" in pemdi.meta.notes
    # "1" draws on 1, 10, 11, 12, 13 at 3, 3, 2, 2, 2: mean 2.4
    assert pemdi.baseline["1"] == 240
    assert "(rata-rata 2,40)" in pemdi.indicator_notes["1"]  # the decimal comma in Indonesian notes


def test_rounding_is_half_up_and_values_stay_on_the_scale(cli: Run, tmp_path: Path) -> None:
    from tui.core.scenario.convert import convert
    from tui.core.scoring.rubric import RubricSet

    spbe, source = load_scenario(demo_scenario("spbe"))
    levels = dict(spbe.baseline)
    levels.update({"19": 200, "20": 300})  # Pemdi 4 draws on 19, 20: mean 2.5 exactly
    levels.update({"25": 100, "37": 200})  # Pemdi 11 draws on 25, 37: mean 1.5
    from dataclasses import replace
    result = convert(replace(spbe, baseline=levels), source, RubricSet().get("pemdi-2026"))
    assert result.scenario.baseline["4"] == 250 and result.scenario.baseline["11"] == 150


def test_other_pairs_are_refused_and_nothing_is_overwritten(cli: Run, tmp_path: Path) -> None:
    out_file = tmp_path / "x.toml"
    code, _, err = cli("convert", demo_scenario("pemdi"), "--to", "spbe-2020", "-o", out_file)
    assert code == 2 and "tidak ada konversi dari pemdi-2026 ke spbe-2020" in err and not out_file.exists()
    out_file.write_text("keep", encoding="utf-8")
    code, _, err = cli("convert", demo_scenario("spbe"), "--to", "pemdi-2026", "-o", out_file)
    assert code == 2 and "--force" in err and out_file.read_text(encoding="utf-8") == "keep"


def test_the_estimate_comes_with_the_range_real_pairs_give_and_each_indicators_evidence_fate(
        cli: Run, tmp_path: Path) -> None:
    import json
    from decimal import Decimal

    out = tmp_path / "p.toml"
    code, text, _ = cli("convert", demo_scenario("spbe"), "--to", "pemdi-2026", "-o", out)
    assert code == 0
    assert "rentang menurut 1 pasangan nyata (hanya satu)" in text and "Kabupaten Aceh Tengah" in text
    code, js, _ = cli("convert", demo_scenario("spbe"), "--to", "pemdi-2026", "-o", out, "--force", "--json")
    data = json.loads(js)
    low, high = data["range"]
    # One pair: the assessor gave 1.24 where this crosswalk estimated 2.33, so the range runs from
    # the estimate x 1.24/2.33 up to the estimate itself.
    assert high == data["estimate"] and low == float((Decimal(str(high)) * Decimal("1.24") / Decimal("2.33"))
                                                     .quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"))
    assert data["pairs"][0]["pemdi_index"] == 1.24 and data["pairs"][0]["stage"].startswith("wawancara")
    assert data["indicators"]["2"]["evidence"] == "reuse" and data["indicators"]["1"]["evidence"] == "update"
    pemdi, _ = load_scenario(out)
    assert "rentang menurut 1 pasangan nyata" in pemdi.meta.notes
    assert pemdi.indicator_notes["6"] == "Bukti dukung baru: tidak ada padanan kuat di SPBE."
    assert pemdi.indicator_notes["2"].endswith("Bukti dukung SPBE dapat dipakai ulang apa adanya.")
