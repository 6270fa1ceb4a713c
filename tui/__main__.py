"""`python -m tui` and the `spbe-planner` console script: route to a subcommand or to the app.

The one module that knows both the CLI and the app, so that neither imports the other; it also
tells the serving layer what a participant's app is (SERVED_APP), so serve names no module above it.
"""

from __future__ import annotations

import sys

from tui.serve.app_spec import ServedApp

# What a fork server imports once, before forking one app per participant, and what each runs.
SERVED_APP = ServedApp(
    preload=("tui.__main__", "tui.cli.main", "tui.app.main", "tui.app.app", "tui.app.screens.editor",
             "tui.app.widgets.charts", "textual.drivers.linux_driver", "plotext"),
    run="tui.__main__:route",
    warm="tui.app.main:warm_for_fork",
)


# Options every subcommand and the app take, each followed by its value.
GLOBAL_OPTIONS = ("--lang", "--rubric")


def command_first(argv: list[str], commands: tuple[str, ...]) -> list[str]:
    """``--lang en rubrics`` → ``rubrics --lang en``: a subcommand is found after the global options
    too, so its name is never taken for a file to open. The options go last, where a subcommand
    with actions of its own (``cohort show``, ``room add``) also takes them."""
    i = 0
    while i < len(argv):
        if argv[i] in GLOBAL_OPTIONS:
            i += 2
        elif argv[i].startswith(tuple(f"{o}=" for o in GLOBAL_OPTIONS)):
            i += 1
        else:
            break
    if i < len(argv) and (argv[i] in commands or misspelt_command(argv[i], commands)):
        return [argv[i], *argv[i + 1:], *argv[:i]]
    return argv


def misspelt_command(word: str, commands: tuple[str, ...]) -> bool:
    """``scroe``: no file of that name, no file ending, and close to a subcommand. Such a word goes
    to the command line, which names the subcommand meant, instead of opening the app on it."""
    from pathlib import Path

    if word.startswith("-") or Path(word).suffix or Path(word).exists():
        return False
    from tui.presentation.arguments import near

    return near(word, commands) is not None


def route(argv: list[str]) -> int:
    from tui.cli.commands import COMMANDS

    argv = command_first(argv, COMMANDS)
    if "--version" in argv:  # before or after any subcommand
        argv = ["--version"]
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")
                 or misspelt_command(argv[0], COMMANDS)):
        from tui.cli.main import main as cli_main

        return cli_main(argv, served_app=SERVED_APP)
    # Deferred: importing Textual costs most of the start-up time and no subcommand needs it.
    from tui.app.main import main as app_main

    return app_main(argv, COMMANDS)


def main() -> None:
    from tui.startup import hold_collection

    hold_collection()  # resumed once the first screen is up, or before a subcommand runs
    sys.exit(route(sys.argv[1:]))


if __name__ == "__main__":
    main()
