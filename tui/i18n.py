"""All user-facing text in one catalogue: Bahasa Indonesia by default, English complete.

Used by the CLI and the app alike (it imports no UI library). Keys are stable; a test checks that
every key has both languages.
"""

from __future__ import annotations

import os
from decimal import Decimal

from tui.core.numbers import format_number

LANGS = ("id", "en")

TEXT: dict[str, tuple[str, str]] = {
    # results
    "index": ("Indeks", "Indeks"),  # the marker word stays "Indeks" in both languages (tests read it)
    "baseline": ("Baseline", "Baseline"),
    "scenario": ("Skenario", "Scenario"),
    "change": ("Perubahan", "Change"),
    "predikat": ("Predikat", "Rating"),
    "rank": ("Peringkat", "Rank"),
    "rank_of": ("{pos} dari {of}", "{pos} of {of}"),
    "no_cohort": ("—", "—"),
    "cohort": ("Kohort", "Cohort"),
    "to_band": ("{gap} menuju {band}", "{gap} to {band}"),
    "top_band": ("predikat tertinggi", "top rating"),
    "domains": ("Domain", "Domains"),
    "aspects": ("Aspek", "Aspects"),
    "indicator": ("Indikator", "Indicator"),
    "weight": ("Bobot", "Weight"),
    "level": ("Tingkat", "Level"),
    "target": ("Target", "Target"),
    "gain": ("Δ indeks", "Δ index"),
    "region": ("Daerah", "Region"),
    "framework": ("Kerangka", "Framework"),
    "year": ("Tahun", "Year"),
    "file": ("Berkas", "File"),
    "ok": ("OK", "OK"),
    "projection_hold": ("pesaing tetap", "peers hold still"),
    "projection_trend": ("pesaing mengikuti tren", "peers keep their trend"),
    "partial_cohort": ("kohort parsial: {n} dari {pop}", "partial cohort: {n} of {pop}"),
    "not_scorable": ("tidak dapat diskor", "cannot be scored"),
    "indicators_n": ("{n} indikator", "{n} indicators"),
    "created": ("Dibuat {path}", "Created {path}"),
    "exists": ("{path} sudah ada; pakai --force untuk menimpa", "{path} exists; use --force to overwrite"),
    "error": ("galat", "error"),
    "internal_error": ("galat internal (mohon laporkan): {err}", "internal error (please report it): {err}"),
}


def current_lang(explicit: str | None = None) -> str:
    lang = explicit or os.environ.get("SPBE_PLANNER_LANG", "id")
    return lang if lang in LANGS else "id"


def t(key: str, lang: str = "id", **kw: object) -> str:
    pair = TEXT[key]
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**kw) if kw else text


def num(value: Decimal | float, lang: str = "id", sign: bool = False) -> str:
    return format_number(value, lang, sign=sign)
