"""What the fork server imports once and what each forked child runs (given by the entry point)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServedApp:
    """The serving layer names no module above it: the entry point (tui.__main__) says both.

    ``run`` is ``"module:function"``, called with the child's argv (without the program name) and
    returning its exit code.
    """

    preload: tuple[str, ...]
    run: str

    def argv(self) -> list[str]:
        return ["--preload", ",".join(self.preload), "--run", self.run]
