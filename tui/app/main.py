"""Start the app: its own arguments, open the given file (or the bundled demo region) and run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__
from tui.core.errors import InputError

if TYPE_CHECKING:  # Textual is imported only when the app is built
    from tui.app.app import PlannerApp
from tui.core.files.workspace import served
from tui.core.resources import DEMOS, default_scenario, demo_scenario
from tui.core.scenario.edit_session import EditSession
from tui.core.scenario.scenario_file import load_scenario
from tui.core.scenario.summary import resolve_cohort
from tui.core.scoring.rubric import RubricSet
from tui.presentation.catalogue import current_lang, localized, t
from tui.presentation.console import EXIT_INPUT, error_line, run_reporting
from tui.presentation.errors import error_text


def open_session(path: Path, rubrics: RubricSet, cohort: str | None = None) -> EditSession:
    scenario, rubric = load_scenario(path, rubrics)
    return EditSession.opened(scenario, rubric, resolve_cohort(scenario, rubric, cohort, path=path), path)


# What the app opens when started without a file: also what a served participant without a file
# of their own sees first, and so what the fork server rehearses (tui.app.rehearsal).
DEFAULT_DEMO = "spbe"


def warm_for_fork(_argv: list[str]) -> int:
    """Work every served app would repeat, done once in the fork server (tui.serve.zygote).

    Measured in a served child: parsing the bundled rubric and cohort, reading the installed
    versions of Textual and plotext for the seam (each parses a METADATA file), Rich's table of
    character widths, the layouts and scroll bars Textual imports on first use; then the whole
    first screen, rehearsed headless (tui.app.rehearsal). No thread outlives this: the fork server
    forks.
    """
    import importlib
    import threading

    from rich.cells import cell_len

    from tui.app.rehearsal import rehearse_first_screen
    from tui.app.textual_seam import plotext_seam_active, seam_active, share_parsed_css
    from tui.core.resources import rubrics_dir, scenarios_dir
    from tui.core.scoring.cohort import bundled_cohort_ids, load_cohort
    from tui.core.scoring.rubric import bundled_rubric_ids, load_rubric

    # The bundled rubrics and cohorts, parsed and validated (their loaders cache): 25 ms a child
    # for the 59/2020 rubric alone.
    for rubric_id in bundled_rubric_ids():
        load_rubric(rubric_id)
    for cohort_id in bundled_cohort_ids():
        load_cohort(cohort_id)
    seam_active()
    plotext_seam_active()
    cell_len("Indeks ä 中")
    rubrics_dir()
    scenarios_dir()
    for name in ("textual.layouts.horizontal", "textual.layouts.stream", "textual.layouts.factory",
                 "textual.scrollbar", "tui.core.room.presence", "tui.app.screens.evidence", "tui.app.screens.planning",
                 "tui.app.screens.compare"):
        importlib.import_module(name)
    share_parsed_css()
    try:
        rehearse_first_screen()
    except Exception as exc:  # only a head start is lost: children start from the imports alone
        print(f"spbe-planner: rehearsal skipped ({type(exc).__name__}: {exc})", file=sys.stderr)
    if threading.active_count() > 1:
        raise RuntimeError("a thread outlived the rehearsal; forking beside it is not safe")
    return 0


def build_app(file: Path | None = None, cohort: str | None = None, lang: str = "id",
              rubric: Path | None = None, room: Path | None = None, demo: str | None = None,
              recap: Path | None = None) -> PlannerApp:
    """The app, ready to run; a bad file or rubric becomes a message on the start screen.

    ``demo``: the demo region being opened by name (or by default): the start screen then says
    which framework it follows and how to open the other one.
    """
    from tui.app.app import PlannerApp

    errors: list[str] = []
    try:
        rubrics = RubricSet(rubric)
    except InputError as exc:
        errors.append(error_text(exc, lang))
        rubrics = RubricSet()
    start_sheet = None
    try:
        session = open_session(file or default_scenario(), rubrics, cohort)
    except InputError as exc:
        if exc.code == "is_sheet" and file is not None:
            start_sheet = file  # a sheet given at start-up: the app starts its import (not an error)
        else:
            errors.append(error_text(exc, lang))
        session = open_session(default_scenario(), rubrics)
    except Exception as exc:  # a loader bug must not cost the user the app: report it, open the demo
        errors.append(t("internal_error", lang, err=f"{file}: {type(exc).__name__}"))
        session = open_session(default_scenario(), rubrics)
    if room is not None and not (room / "keys").is_dir():
        errors.append(error_text(InputError("not_room", path=room), lang))
        room = None
    note = demo_note(demo, session, lang) if demo and not errors else None
    return PlannerApp(lang=lang, session=session, rubrics=rubrics,
                      start_error="\n".join(errors) or None, room=room, start_note=note, start_sheet=start_sheet,
                      recap=recap)


def demo_note(demo: str, session: EditSession, lang: str) -> str:
    rubric = session.rubric
    other = next(name for name in DEMOS if name != demo)
    # Served, the participant has no command line: the note then points to the open dialog only.
    key = "demo_hint_served" if served() else "demo_hint"
    return t(key, lang, region=session.scenario.meta.region,
             framework=localized(rubric.meta.name, rubric.meta.name_en, lang), other=other)


def clear_stale_temporaries(file: Path | None) -> None:
    """Temporaries a save killed mid-write left (older than a minute), where this session saves:
    the opened file's folder, the current folder (or workspace), the recovery folder."""
    from tui.core.files.guarded import remove_stale_temporaries
    from tui.core.scenario.recovery import recovery_path

    folders = {Path.cwd(), recovery_path(None).parent}
    if file is not None:
        folders.add(Path(file).parent)
    for folder in folders:
        remove_stale_temporaries(folder)


def launch(file: Path | None = None, cohort: str | None = None, lang: str = "id", rubric: Path | None = None,
           room: Path | None = None, demo: str | None = None, recap: Path | None = None) -> int:
    clear_stale_temporaries(file)
    app = build_app(file, cohort, lang, rubric, room, demo, recap)
    app.run()
    if served() and app.return_code == 1:
        # The traceback went to the server-side log (PlannerApp's error console); the participant
        # gets one line on their terminal, in their language.
        from tui.app.app import served_crash_line

        print(served_crash_line(lang, app.kept_work), flush=True)
    return app.return_code or 0


def build_app_parser(commands: tuple[str, ...] = ()) -> argparse.ArgumentParser:
    from tui.presentation.arguments import PlannerParser

    p = PlannerParser(prog="spbe-planner", description="Buka aplikasi perencana / open the planner app."
                                + (f" Subperintah: {', '.join(commands)}." if commands else ""))
    p.add_argument("file", nargs="?", type=Path, help="berkas skenario atau baseline (.toml)")
    p.add_argument("--demo", choices=tuple(DEMOS), default=None,
                   help="buka contoh bawaan: pemdi (PermenPANRB 8/2026) atau spbe (59/2020)")
    p.add_argument("--cohort", default=None, metavar="ID|FILE")
    p.add_argument("--lang", choices=("id", "en"), default=None)
    p.add_argument("--rubric", type=Path, default=None, metavar="FILE")
    p.add_argument("--room", type=Path, default=None, metavar="DIR",
                   help="layar ruang pelatihan untuk pelatih / the coach's room screen")
    p.add_argument("--recap", type=Path, default=None, metavar="DIR",
                   help="rekap semua daerah dalam folder / every region in a folder at once")
    p.add_argument("--version", action="version", version=f"spbe-planner {__version__}")
    return p


def main(argv: list[str] | None = None, commands: tuple[str, ...] = ()) -> int:
    """Parse the app's arguments and run it; ``commands`` names the subcommands for --help."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from tui.presentation.arguments import lang_asked

    state = {"lang": current_lang(lang_asked(argv))}

    def body() -> int:
        args = build_app_parser(commands).parse_args(argv)
        state["lang"] = current_lang(args.lang)
        if args.demo and args.file:
            raise InputError("demo_and_file", field="--demo")
        if not sys.stdout.isatty():  # a pipe or a file: a full-screen app would never end there
            error_line(t("needs_terminal", state["lang"]), state["lang"])
            return EXIT_INPUT
        demo = args.demo or (None if args.file or args.room or args.recap else DEFAULT_DEMO)
        file = demo_scenario(args.demo) if args.demo else args.file
        return launch(file=file, cohort=args.cohort, lang=state["lang"], rubric=args.rubric, room=args.room,
                      demo=demo, recap=args.recap)

    return run_reporting(body, lambda: state["lang"])
