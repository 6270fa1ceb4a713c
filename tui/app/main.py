"""Start the app: open the given file (or the bundled demo region) and run."""

from __future__ import annotations

from pathlib import Path

from tui.core.errors import InputError
from tui.core.resources import default_scenario
from tui.core.rubric import RubricSet
from tui.core.scenario import load_scenario
from tui.core.session import PlanSession
from tui.core.summary import resolve_cohort
from tui.i18n import t
from tui.i18n_errors import error_text


def open_session(path: Path, rubrics: RubricSet, cohort: str | None = None) -> PlanSession:
    scenario, rubric = load_scenario(path, rubrics)
    return PlanSession.opened(scenario, rubric, resolve_cohort(scenario, rubric, cohort, path=path), path)


def build_app(file: Path | None = None, cohort: str | None = None, lang: str = "id",
              rubric: Path | None = None, room: Path | None = None):  # type: ignore[no-untyped-def]
    """The app, ready to run; a bad file or rubric becomes a message on the start screen."""
    from tui.app.app import PlannerApp

    errors: list[str] = []
    try:
        rubrics = RubricSet(rubric)
    except InputError as exc:
        errors.append(error_text(exc, lang))
        rubrics = RubricSet()
    try:
        session = open_session(file or default_scenario(), rubrics, cohort)
    except InputError as exc:
        errors.append(error_text(exc, lang))
        session = open_session(default_scenario(), rubrics)
    except Exception as exc:  # a loader bug must not cost the user the app: report it, open the demo
        errors.append(t("internal_error", lang, err=f"{file}: {type(exc).__name__}"))
        session = open_session(default_scenario(), rubrics)
    if room is not None and not (room / "keys").is_dir():
        errors.append(error_text(InputError("not_room", path=room), lang))
        room = None
    return PlannerApp.for_lang(lang, session=session, rubrics=rubrics,
                               start_error="\n".join(errors) or None, room=room)


def launch(file: Path | None = None, cohort: str | None = None, lang: str = "id", rubric: Path | None = None,
           room: Path | None = None) -> int:
    app = build_app(file, cohort, lang, rubric, room)
    app.run()
    return app.return_code or 0
