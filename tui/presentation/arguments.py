"""The command line's parser: argparse, but speaking the user's language and forgiving typos.

argparse prints its own English ("error: unrecognized arguments: --max-stpe 2", "invalid
choice") with a usage block, and exits. Here every such refusal becomes one InputError with its
own message code, so it is reported like any other bad input (one line in the user's language,
exit 2), and a close match is offered for a mistyped subcommand, flag or choice
("--max-stpe" -> "--max-step", "scroe" -> "score").

argparse builds its messages from fixed English templates (the same from Python 3.11 to 3.13, the
choice list quoted differently since 3.12.8); each is recognised by a pattern below. A message no
pattern knows is still reported as one line with exit 2, its argparse text quoted.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Sequence
from difflib import get_close_matches
from typing import Any, NoReturn

from tui.core.errors import InputError
from tui.presentation.catalogue import current_lang, t

# How close a typo must be to be offered (difflib's ratio); below it nothing is guessed.
NEAR = 0.7


def near(word: str, known: Iterable[str]) -> str | None:
    """The known word closest to ``word``, when it is close enough to be the one meant."""
    found = get_close_matches(word, list(known), n=1, cutoff=NEAR)
    return found[0] if found else None


def lang_asked(argv: list[str]) -> str | None:
    """The value of ``--lang`` in ``argv`` when it is one we speak, read before argparse runs."""
    for k, word in enumerate(argv):
        value = argv[k + 1] if word == "--lang" and k + 1 < len(argv) else word.removeprefix("--lang=")
        if (word == "--lang" or word.startswith("--lang=")) and value in ("id", "en"):
            return value
    return None


def _choices(text: str) -> list[str]:
    return [c.strip().strip("'\"") for c in text.split(",") if c.strip()]


class PlannerParser(argparse.ArgumentParser):
    """An ArgumentParser whose refusals are InputErrors and whose help is in the user's language."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # argparse's own keywords
        lang = current_lang()
        self._positionals.title = t("cli_positionals", lang)
        self._optionals.title = t("cli_options", lang)
        if "-h" not in self._option_string_actions:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli_help_help", lang))

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", t("cli_usage", current_lang()) + " ", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", t("cli_usage", current_lang()) + " ", 1)

    def subcommands(self, dest: str, **kwargs: Any) -> Any:
        """``add_subparsers``, remembered, so that a refusal can be said by the subcommand it concerns."""
        action = self.add_subparsers(dest=dest, **kwargs)
        self.command_dest = dest
        self.commands: dict[str, PlannerParser] = action.choices
        return action

    def parse_args(self, args: Sequence[str] | None = None, namespace: None = None) -> argparse.Namespace:  # type: ignore[override]
        """As argparse, but words nobody took are refused by the (sub)command they were given to,
        which knows its own flags and so the one a typo meant."""
        parsed, extra = self.parse_known_args(args)
        if extra:
            raise self.innermost(parsed).refusal("unrecognized arguments: " + " ".join(extra))
        return parsed

    def innermost(self, parsed: argparse.Namespace) -> PlannerParser:
        parser = self
        while getattr(parser, "command_dest", "") and getattr(parsed, parser.command_dest, None) in parser.commands:
            parser = parser.commands[getattr(parsed, parser.command_dest)]
        return parser

    def _flags(self) -> list[str]:
        return [s for s in self._option_string_actions if s.startswith("--")]

    def error(self, message: str) -> NoReturn:
        raise self.refusal(message)

    def refusal(self, message: str) -> InputError:
        """argparse's English ``message`` as one of our errors, with a close match where one fits."""
        if m := re.fullmatch(r"unrecognized arguments: (.*)", message):
            words = m.group(1).split()
            for word in words:
                if word.startswith("-"):
                    guess = near(word.split("=", 1)[0], self._flags())
                    if guess:
                        return InputError("cli_unknown_near", field=word.split("=", 1)[0], near=guess,
                                          command=self.prog)
            return InputError("cli_unknown", got=" ".join(words), command=self.prog)
        if m := re.fullmatch(r"the following arguments are required: (.*)", message):
            return InputError("cli_required", got=m.group(1), command=self.prog)
        if m := re.fullmatch(r"one of the arguments (.*) is required", message):
            return InputError("cli_one_of", got=", ".join(m.group(1).split()), command=self.prog)
        if m := re.fullmatch(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", message):
            flag, got, choices = m.group(1), m.group(2).strip("'\""), _choices(m.group(3))
            field = "COMMAND" if flag.startswith("{") else flag.split("/")[-1]
            guess = near(got, choices)
            if guess:
                return InputError("cli_choice_near", field=field, got=got, near=guess)
            return InputError("cli_choice", field=field, got=got, known=", ".join(choices))
        if m := re.fullmatch(r"argument (\S+): invalid (\w+) value: (.*)", message):
            flag, kind, got = m.group(1).split("/")[-1], m.group(2), m.group(3).strip("'\"")
            if kind == "int":
                return InputError("cli_whole", field=flag, got=got)
            if kind == "float":
                return InputError("cli_number", field=flag, got=got)
            return InputError("cli_value", field=flag, got=got)
        if m := re.fullmatch(r"argument (\S+): expected (one|at least one) argument", message):
            return InputError("cli_needs_value", field=m.group(1).split("/")[-1])
        if m := re.fullmatch(r"argument (\S+): not allowed with argument (\S+)", message):
            return InputError("cli_not_together", field=m.group(1).split("/")[-1], other=m.group(2).split("/")[-1])
        if m := re.fullmatch(r"argument (\S+): ignored explicit argument (.*)", message):
            return InputError("cli_no_value", field=m.group(1).split("/")[-1], got=m.group(2).strip("'\""))
        if m := re.fullmatch(r"ambiguous option: (\S+) could match (.*)", message):
            return InputError("cli_ambiguous", field=m.group(1).split("=", 1)[0], known=m.group(2))
        return InputError("cli_other", got=message, command=self.prog)
