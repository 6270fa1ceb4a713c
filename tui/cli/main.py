"""The `spbe-planner` subcommands (the entry point, tui.__main__, routes here or to the app).

Exit codes: 0 ok, 2 bad input (one message naming the file and field, never a traceback),
1 internal error. Nothing here imports Textual or the app.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from tui import __version__
from tui.cli.render import as_flags, flag_field, from_flag, score_text
from tui.core.errors import InputError
from tui.core.files.guarded import check_output_target
from tui.core.scenario.external import external_json
from tui.core.scenario.scenario_file import load_scenario, new_scenario, save_scenario
from tui.core.scenario.summary import evidence_outcomes, resolve_cohort, summarize
from tui.core.scoring.cohort import Cohort, Projection, bundled_cohort_ids, load_cohort
from tui.core.scoring.evaluation import require_scorable
from tui.core.scoring.ranking import check_framework
from tui.core.scoring.rubric import RubricSet, bundled_rubric_ids
from tui.presentation.arguments import PlannerParser, lang_asked
from tui.presentation.catalogue import current_lang, localized, t
from tui.presentation.console import EXIT_INPUT, EXIT_OK, escaped_output, report_input_error, run_reporting
from tui.presentation.text import cohort_warning
from tui.serve.app_spec import ServedApp
from tui.startup import resume_collection


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("id", "en"), default=None, help="bahasa keluaran / output language")
    p.add_argument("--rubric", type=Path, default=None, metavar="FILE",
                   help="rubrik tambahan dari berkas TOML / an extra rubric file")


def build_parser() -> argparse.ArgumentParser:
    parser = PlannerParser(prog="spbe-planner", description=(
        "Perencana what-if Indeks SPBE / Pemdi. Tanpa subperintah: membuka aplikasi."))
    parser.add_argument("--version", action="version", version=f"spbe-planner {__version__}")
    sub = parser.subcommands("command", metavar="COMMAND")

    p = sub.add_parser("rubrics", help="daftar kerangka penilaian / list frameworks")
    _common(p)
    p = sub.add_parser("cohorts", help="daftar kohort pembanding / list peer cohorts")
    _common(p)

    p = sub.add_parser("new", help="buat berkas baseline baru / create a baseline file")
    _common(p)
    p.add_argument("--framework", required=True, metavar="ID")
    p.add_argument("--region", required=True, metavar="NAME")
    p.add_argument("--year", type=int, default=None, help="tahun evaluasi baseline")
    p.add_argument("--name", default="Baseline")
    p.add_argument("--cohort", default=None, metavar="ID")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    p.add_argument("--force", action="store_true", help="timpa berkas yang ada / overwrite")

    p = sub.add_parser("validate", help="periksa berkas skenario / check scenario files")
    _common(p)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")

    p = sub.add_parser("score", help="hitung indeks, predikat, peringkat / score scenario files")
    _common(p)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.add_argument("--cohort", default=None, metavar="ID|FILE")
    p.add_argument("--projection", choices=("hold", "trend"), default="hold",
                   help="pesaing tetap (hold) atau mengikuti tren (trend)")
    from tui.cli import action_plan, cohort, convert, evidence, plan, recap, roadmap, room, team  # app: none

    plan.add_parser(sub, _common)
    action_plan.add_parser(sub, _common)
    convert.add_parser(sub, _common)
    cohort.add_parsers(sub, _common)
    team.add_parsers(sub, _common)
    room.add_parsers(sub, _common)
    evidence.add_parsers(sub, _common)
    roadmap.add_parser(sub, _common)
    recap.add_parser(sub, _common)
    return parser


def cmd_rubrics(args: argparse.Namespace, lang: str) -> int:
    rubrics = RubricSet(args.rubric)
    ids = bundled_rubric_ids() + ([rubrics.extra.id] if rubrics.extra else [])
    for rid in ids:
        r = rubrics.get(rid)
        name = localized(r.meta.name, r.meta.name_en, lang)
        state = "" if r.scorable else f"  [{t('not_scorable', lang)}]"
        print(f"{rid:<12} {name} · {t('indicators_n', lang, n=len(r.indicators))}{state}")
    return EXIT_OK


def cmd_cohorts(args: argparse.Namespace, lang: str) -> int:
    for cid in bundled_cohort_ids():
        c = load_cohort(cid)
        name = localized(c.meta.name, c.meta.name_en, lang)
        part = "" if c.meta.complete or not c.meta.population else \
            f"  ({t('partial_cohort', lang, n=c.size, pop=c.meta.population)})"
        print(f"{cid:<24} {c.meta.framework:<10} {name}{part}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace, lang: str) -> int:
    rubric = from_flag("--framework", lambda: RubricSet(args.rubric).get(args.framework))
    if args.cohort:
        from_flag("--cohort", lambda: check_framework(load_cohort(args.cohort), rubric.id))
    check_output_target(args.output, args.force)
    year = args.year or (rubric.meta.years[-1] if rubric.meta.years else 2026)
    try:
        s = new_scenario(rubric, region=args.region, year=year, name=args.name, cohort=args.cohort)
    except InputError as exc:
        raise flag_field(exc) from None
    save_scenario(args.output, s)
    print(t("created", lang, path=args.output))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, lang: str) -> int:
    rubrics = RubricSet(args.rubric)
    status = EXIT_OK
    for f in args.files:
        try:
            s, rubric = load_scenario(f, rubrics)
            resolve_cohort(s, rubric, path=f)
            print(f"{t('ok', lang)}  {f}")
        except InputError as exc:
            report_input_error(as_flags(exc), lang, f)
            status = EXIT_INPUT
    return status


def warn_cohort_level(path: Path, region: str, cohort: Cohort | None, lang: str) -> None:
    warning = cohort_warning(region, cohort, lang)
    if warning:
        print(f"{path}: {warning}", file=sys.stderr)


def cmd_score(args: argparse.Namespace, lang: str) -> int:
    rubrics = RubricSet(args.rubric)
    override = args.cohort
    projection: Projection = args.projection
    results: list[dict[str, object]] = []
    status = EXIT_OK
    texts: list[str] = []
    for f in args.files:
        try:
            s, rubric = load_scenario(f, rubrics)
            try:
                require_scorable(rubric)
            except InputError as exc:
                raise exc.with_field("scenario.framework") from None
            cohort = resolve_cohort(s, rubric, override, path=f)
            summary = summarize(s, rubric, cohort, projection)
            warn_cohort_level(f, s.meta.region, cohort, lang)
        except InputError as exc:
            report_input_error(as_flags(exc), lang, f)
            status = EXIT_INPUT
            continue
        if args.json:
            item: dict[str, object] = {"file": str(f), "framework": rubric.id, "region": s.meta.region,
                                       "baseline": summary.baseline.as_json(), "scenario": summary.scenario.as_json()}
            claimed, verified = evidence_outcomes(s, rubric, cohort, projection)
            item["claimed"], item["verified"] = claimed.as_json(), verified.as_json()
            if s.external:
                item["external"] = external_json(rubric, s.external, s.baseline, s.editions)
            if s.external_target:
                item["external_target"] = external_json(rubric, s.external_target, s.levels())
            results.append(item)
        else:
            texts.append(score_text(str(f), s, rubric, summary, lang))
    if args.json:
        if results:
            payload = results[0] if len(args.files) == 1 else results
            sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    elif texts:
        print("\n\n".join(texts))
    return status


def handlers() -> dict[str, Callable[[argparse.Namespace, str], int]]:
    from tui.cli import action_plan, cohort, convert, evidence, plan, recap, roadmap, room, team

    return {"rubrics": cmd_rubrics, "cohorts": cmd_cohorts, "new": cmd_new, "validate": cmd_validate,
            "score": cmd_score, "plan": plan.cmd_plan, **action_plan.HANDLERS, **convert.HANDLERS,
            **cohort.HANDLERS, **team.HANDLERS, **room.HANDLERS, **evidence.HANDLERS,
            **roadmap.HANDLERS, **recap.HANDLERS}


def main(argv: list[str] | None = None, *, served_app: ServedApp | None = None) -> int:
    """Run one subcommand (or --help, --version). ``served_app`` is the entry point's answer to what
    `serve` forks for each participant; the CLI itself names no app module."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # Said before parsing, so that a refusal of the command line itself is in the language asked for.
    state = {"lang": current_lang(lang_asked(argv))}

    def body() -> int:
        if not argv or argv[0] in ("-h", "--help"):
            build_parser().print_help()
            return EXIT_OK
        if argv[0] == "--version":
            print(f"spbe-planner {__version__}")
            return EXIT_OK
        args = build_parser().parse_args(argv)
        state["lang"] = current_lang(args.lang)
        args.served_app = served_app
        resume_collection()  # only the app waits for its first frame; serve and room run for long
        try:
            return handlers()[args.command](args, state["lang"])
        except InputError as exc:
            raise as_flags(exc) from None

    with escaped_output():
        return run_reporting(body, lambda: state["lang"])


if __name__ == "__main__":
    sys.exit(main())
