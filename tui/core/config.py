"""User configuration (optional): key remapping and theme, from a small TOML file.

``$SPBE_PLANNER_CONFIG`` if set, else ``$XDG_CONFIG_HOME/spbe-planner/config.toml``:

    theme = "spbe"                  # or any Textual theme, e.g. "ansi-dark" for the terminal's palette
    [keymap]                         # binding id = keys
    save = "ctrl+s"
    [report]                         # signature block of Word/PDF documents (tui.core.report_settings)
    place = "Takengon"
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from tui.core.errors import from_validation
from tui.core.files.guarded import read_toml
from tui.core.report_settings import ReportSettings


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    theme: str = "spbe"
    keymap: dict[str, str] = {}
    report: ReportSettings | None = None  # place, date and signers of Word and PDF documents


def config_path() -> Path:
    if env := os.environ.get("SPBE_PLANNER_CONFIG"):
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "spbe-planner" / "config.toml"


def load_config() -> Config:
    """The user's config, or the defaults when there is no file. A bad file raises InputError."""
    path = config_path()
    if not path.is_file():
        return Config()
    try:
        return Config.model_validate(read_toml(path))
    except ValidationError as exc:
        raise from_validation(exc, path) from None
