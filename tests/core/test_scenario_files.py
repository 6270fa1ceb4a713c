"""The scenario file format: round-trip, stable bytes, atomic saves, and every kind of bad input."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import scenario_text
from tui.core.errors import InputError
from tui.core.files.guarded import atomic_write, parse_toml
from tui.core.scenario.scenario_file import (
    Scenario,
    ScenarioMeta,
    dump_scenario,
    load_scenario,
    parse_scenario,
    save_scenario,
)
from tui.core.scoring.rubric import RubricSet, load_rubric

SPBE = load_rubric("spbe-2020")
PEMDI = load_rubric("pemdi-2026")


def test_example_file_loads(write) -> None:
    s, rubric = load_scenario(write(scenario_text(target={"12": 4})))
    assert rubric.id == "spbe-2020"
    assert s.baseline["1"] == 200 and s.target == {"12": 400}
    assert s.levels()["12"] == 400 and s.target_year == 2023


def test_target_equal_to_baseline_is_dropped(write) -> None:
    s, _ = load_scenario(write(scenario_text(target={"12": 2, "13": 3})))
    assert s.target == {"13": 300}


def test_save_twice_gives_identical_bytes_and_rubric_order(tmp_path: Path, write) -> None:
    s, _ = load_scenario(write(scenario_text(target={"30": 3, "2": 4})))
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    save_scenario(a, s)
    s2, _ = load_scenario(a)
    save_scenario(b, s2)
    assert a.read_bytes() == b.read_bytes()
    text = a.read_text(encoding="utf-8")
    assert text.index('"2" = 4') < text.index('"30" = 3')
    assert '\n"1" = 2\n' in text  # ids are quoted, as people write them


def test_pemdi_decimals_round_trip(tmp_path: Path) -> None:
    meta = ScenarioMeta(framework="pemdi-2026", region="Kab", year=2026)
    s = Scenario(meta=meta, baseline={i: 375 if i == "5" else 200 for i in PEMDI.indicator_ids})
    save_scenario(tmp_path / "p.toml", s)
    assert '"5" = 3.75' in (tmp_path / "p.toml").read_text(encoding="utf-8")
    assert load_scenario(tmp_path / "p.toml")[0] == s


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=st.lists(st.integers(1, 5), min_size=47, max_size=47),
       tgt=st.dictionaries(st.sampled_from(SPBE.indicator_ids), st.integers(1, 5), max_size=10),
       region=names, name=names, notes=st.text(max_size=200), cohort=st.sampled_from([None, "provinsi-2022"]))
def test_load_of_save_is_identity(tmp_path: Path, base, tgt, region, name, notes, cohort) -> None:
    meta = ScenarioMeta(name=name, framework="spbe-2020", region=region, year=2023, notes=notes, cohort=cohort)
    s = Scenario(meta=meta, baseline={i: v * 100 for i, v in zip(SPBE.indicator_ids, base, strict=True)})
    s = s.with_targets(SPBE, {k: v * 100 for k, v in tgt.items()})
    text = dump_scenario(s)
    loaded, _ = parse_scenario(parse_toml(text), RubricSet())
    assert loaded == s
    assert dump_scenario(loaded) == text


@pytest.mark.parametrize(("text", "field", "message"), [
    ("schema = 1\n[scenario\n", None, "not valid TOML"),
    (scenario_text(baseline={"48": 3}), 'baseline."48"', "unknown indicator '48'"),
    (scenario_text(baseline={"12": None}), "baseline", "1 indicator(s) missing: 12"),
    (scenario_text(baseline={"12": 7}), 'baseline."12"', "level 7 is outside the scale 1–5"),
    (scenario_text(baseline={"12": 0}), 'baseline."12"', "outside the scale"),
    (scenario_text(target={"12": 7}), 'target."12"', "level 7 is outside the scale 1–5"),
    (scenario_text(baseline={"12": 2.5}), 'baseline."12"', "whole number"),
    (scenario_text(baseline={"12": '"3"'}), 'baseline."12"', "must be a number"),
    (scenario_text(baseline={"12": "true"}), 'baseline."12"', "must be a number"),
    (scenario_text("spbe-2020").replace('"spbe-2020"', '"spbe-2099"'), "scenario.framework", "unknown framework"),
    (scenario_text(schema=3), "schema", "made by a newer spbe-planner"),
    (scenario_text().replace("year = 2022", 'year = "2022"'), "scenario.year", "must be a whole number"),
    (scenario_text().replace("[scenario]", "[scenario]\ncolour = 1"), "scenario.colour", "unknown key"),
    (scenario_text().replace('region = "Kabupaten Uji"\n', ""), "scenario.region", "required key is missing"),
    (scenario_text("pemdi-2026", baseline={"5": 3.755}), 'baseline."5"', "more than 2 decimals"),
    (scenario_text("pemdi-2026", baseline={"5": 5.01}), 'baseline."5"', "outside the scale"),
])
def test_bad_scenarios_get_one_message_naming_file_and_field(write, text, field, message) -> None:
    path = write(text)
    with pytest.raises(InputError) as info:
        load_scenario(path)
    err = info.value
    assert err.path == str(path)
    assert err.field == field
    assert message in err.message, err.message
    assert str(path) in str(err)


def test_huge_file_is_refused_without_reading_it_all(write) -> None:
    path = write(scenario_text() + "#" * (1024 * 1024))
    with pytest.raises(InputError, match="larger than 1024 KiB"):
        load_scenario(path)


def test_non_utf8_bytes_are_refused(write) -> None:
    path = write(scenario_text().replace("Kabupaten Uji", "Kabupaten \udcff").encode("utf-8", "surrogateescape"))
    with pytest.raises(InputError, match="not UTF-8 text \\(bad byte at line 5\\)"):
        load_scenario(path)


def test_missing_and_unreadable_files(tmp_path: Path, write) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_scenario(tmp_path / "nope.toml")
    with pytest.raises(InputError, match="is a folder"):
        load_scenario(tmp_path)
    path = write(scenario_text())
    path.chmod(0)
    try:
        if os.geteuid() != 0:  # root reads anything
            with pytest.raises(InputError, match="permission denied"):
                load_scenario(path)
    finally:
        path.chmod(0o644)


def test_atomic_write_leaves_old_file_when_writing_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "s.toml"
    target.write_text("old", encoding="utf-8")

    def boom(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(InputError, match="the disk is full"):  # our words, not the system's
        atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["s.toml"]  # no temp file left behind


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "s.toml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and (target.stat().st_mode & 0o777) == 0o600


def test_bundled_samples_are_valid_and_illustrative() -> None:
    from tui.core.resources import default_scenario, scenarios_dir

    for path in sorted(scenarios_dir().glob("*.toml")):
        s, _ = load_scenario(path)
        assert "fiktif" in s.meta.notes or "ilustratif" in s.meta.notes.lower(), path
    s, _ = load_scenario(default_scenario())
    assert s.meta.region == "Kabupaten Contoh" and s.meta.cohort == "ntt-kabkota-2022"


@settings(max_examples=500)
@given(st.one_of(st.text(), st.integers(-10**12, 10**12), st.booleans(), st.dates()))
def test_values_are_written_exactly_as_tomli_w_writes_them(value: object) -> None:
    """The fast writer of scenario values gives tomli_w's bytes, so a save never changes a file's form."""
    import tomli_w

    from tui.core.scenario.scenario_file import _value

    assert _value(value) == tomli_w.dumps({"v": value}).split(" = ", 1)[1].rstrip("\n")
