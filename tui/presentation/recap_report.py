"""The recap as text and as reports (md, csv, xlsx, txt, docx, pdf): the distribution, the regions,
and the matrix of every row with who to learn from."""

from __future__ import annotations

from tui.core.team.recap import ABSENT, NO_DATA, Recap
from tui.presentation.catalogue import t
from tui.presentation.report import Report, Table, Value
from tui.presentation.text import n2

ROW_KINDS = {"index": "recap_kind_index", "domain": "recap_kind_domain", "aspect": "report_aspect",
             "indicator": "recap_kind_indicator"}


def distribution_words(recap: Recap, lang: str) -> str:
    """"2 Baik, 11 Cukup, 8 Kurang, 1 tidak mengikuti" (bands with none left out)."""
    words = {NO_DATA: t("recap_no_data", lang), ABSENT: t("recap_absent", lang)}
    return ", ".join(f"{n} {words.get(name, name)}" for name, n in recap.distribution.items() if n)


def recap_reports(recap: Recap, lang: str) -> list[Report]:
    regions = recap.regions
    words = {NO_DATA: t("recap_no_data", lang), ABSENT: t("recap_absent", lang)}
    spread = Table("distribution", t("recap_distribution", lang), (t("predikat", lang), t("recap_count", lang)),
                   [(words.get(name, name), n) for name, n in recap.distribution.items()])
    people = Table("regions", t("recap_regions", lang),
                   (t("region", lang), t("file", lang), t("index", lang), t("predikat", lang),
                    t("recap_movement", lang), t("recap_below", lang)),
                   [(r.name, r.path.name, r.index, r.predikat, r.movement, _keys(r.below_national, lang))
                    for r in regions], {2: 2, 4: 2}, signed=frozenset({4}))
    matrix_rows: list[tuple[Value, ...]] = []
    best: dict[int, frozenset[int]] = {}
    for n, row in enumerate(recap.rows):
        learn = ", ".join(regions[k].name for k in row.leaders) if len(row.leaders) < len(regions) else \
            t("recap_all_equal", lang)
        matrix_rows.append((t(ROW_KINDS[row.kind], lang).lower(), row.key, row.name, *row.values, learn, row.spread,
                            row.national))
        if len(row.leaders) < len(regions):
            best[n] = frozenset(3 + k for k in row.leaders)
    first = 3
    places = {k: 2 for k in range(first, first + len(regions))} | {first + len(regions) + 1: 2,
                                                                  first + len(regions) + 2: 2}
    matrix = Table("matrix", t("recap_matrix", lang),
                   (t("report_kind", lang), t("col_id", lang), t("report_name", lang), *(r.name for r in regions),
                    t("recap_learn_from", lang), t("recap_spread", lang), t("recap_national", lang)),
                   matrix_rows, places, best=best)
    side = t("baseline" if recap.side == "baseline" else "scenario", lang)
    facts: list[tuple[str, Value]] = [(t("framework", lang), recap.rubric.id), (t("year", lang), recap.year),
                                      (t("recap_side", lang), side), (t("recap_region_count", lang), len(regions))]
    if recap.cohort:
        facts.append((t("cohort", lang), recap.cohort))
    facts.append((t("recap_distribution", lang), distribution_words(recap, lang)))
    return [Report(t("recap_title", lang, n=len(regions)), facts, [spread, people, matrix],
                   sheet_name=t("recap_sheet", lang))]


def _keys(keys: tuple[str, ...], lang: str) -> str:
    return ", ".join(t("index", lang).lower() if k == "index" else k for k in keys)


def recap_text(recap: Recap, lang: str, top: int = 8) -> str:
    """What the terminal shows: the distribution, the regions by index, and per index/domain/aspect
    row who leads and how wide the spread is; the indicators whose spread is widest."""
    regions = sorted(recap.regions, key=lambda r: (-r.index, r.name))
    lines = [t("recap_title", lang, n=len(recap.regions)) + f" · {recap.rubric.id} · {recap.year}",
             f"  {t('recap_distribution', lang)}: {distribution_words(recap, lang)}"]
    if not regions:
        return "\n".join(lines)
    lines.append("")
    width = min(36, max(len(r.name) for r in regions))
    lines.append(f"  {t('region', lang):<{width}} {t('index', lang):>6}  {t('predikat', lang):<12} "
                 f"{t('recap_movement', lang):>9}  {t('recap_below', lang)}")
    for r in regions:
        move = n2(r.movement, lang, sign=True) if r.movement is not None else "—"
        lines.append(f"  {r.name[:width]:<{width}} {n2(r.index, lang):>6}  {r.predikat:<12} {move:>9}  "
                     f"{_keys(r.below_national, lang) or '—'}")
    lines += ["", f"  {t('recap_learn_from', lang)}:"]
    for row in recap.rows:
        if row.kind == "indicator":
            continue
        who = ", ".join(recap.regions[k].name for k in row.leaders) if len(row.leaders) < len(recap.regions) \
            else t("recap_all_equal", lang)
        lines.append(f"  {row.key:<6} {row.name[:30]:<30} {n2(row.high, lang):>5}  {who}  "
                     f"({t('recap_spread', lang).lower()} {n2(row.spread, lang)})")
    wide = sorted((r for r in recap.rows if r.kind == "indicator" and r.spread), key=lambda r: (-r.spread, r.key))[:top]
    if wide:
        lines += ["", f"  {t('recap_widest', lang)}:"]
        for row in wide:
            who = ", ".join(recap.regions[k].name for k in row.leaders[:3])
            more = f" +{len(row.leaders) - 3}" if len(row.leaders) > 3 else ""
            lines.append(f"  {row.key:<6} {row.name[:30]:<30} {n2(row.low, lang)}–{n2(row.high, lang)}  {who}{more}")
    return "\n".join(lines)
