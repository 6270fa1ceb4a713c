"""Find the bundled data (rubrics/, scenarios/) in a checkout and in an installed wheel.

The wheel carries them under ``tui/_data/`` (see pyproject's force-include); a checkout has them at
the repository root. One resolver serves both so no code path depends on how it was installed.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def data_dir(kind: str) -> Path:
    """Return the folder holding bundled ``kind`` data ("rubrics" or "scenarios")."""
    packaged = Path(str(files("tui"))) / "_data" / kind
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bundled {kind}/ folder not found (looked in {packaged} and {checkout})")


def rubrics_dir() -> Path:
    return data_dir("rubrics")


def scenarios_dir() -> Path:
    return data_dir("scenarios")


def cohorts_dir() -> Path:
    return scenarios_dir() / "cohorts"


@cache
def bundled_ids(folder: Path) -> tuple[str, ...]:
    """The ids (file stems) of the TOML files shipped in ``folder``, sorted. Listed once a process:
    shipped data does not change under a running program, and ``score`` over 5,000 files listed
    the folders twice per file (a fifth of its time beyond parsing)."""
    return tuple(sorted(p.stem for p in folder.glob("*.toml")))


# The bundled demo regions, by the name `--demo` takes: one per scorable framework in use.
DEMOS = {"spbe": "kabupaten-contoh-2022.toml", "pemdi": "kabupaten-contoh-pemdi-2026.toml"}


def default_scenario() -> Path:
    """The bundled demo region the app opens with no arguments."""
    return demo_scenario("spbe")


def demo_scenario(name: str) -> Path:
    return scenarios_dir() / DEMOS[name]
