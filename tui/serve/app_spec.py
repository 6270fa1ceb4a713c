"""What the fork server imports once and what each forked child runs (given by the entry point)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServedApp:
    """The serving layer names no module above it: the entry point (tui.__main__) says both.

    ``run`` is ``"module:function"``, called with the child's argv (without the program name) and
    returning its exit code. ``warm``, also ``"module:function"``, runs once in the fork server
    after the imports: work every child would otherwise repeat (it must start no thread).
    """

    preload: tuple[str, ...]
    run: str
    warm: str = ""

    def argv(self) -> list[str]:
        return ["--preload", ",".join(self.preload), "--run", self.run, *(["--warm", self.warm] if self.warm else [])]
