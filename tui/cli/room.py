"""Coaching commands: `serve` (the SSH front door) and `room add|list|remove|status`.

asyncssh is imported only by `serve`, so the room commands stay quick.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.core.errors import InputError
from tui.core.files.guarded import check_output_target, os_reason
from tui.core.numbers import decimal_point, shown
from tui.core.room.folder import DEFAULT_HOURS, Participant, Room, check_user
from tui.core.room.room_status import ParticipantStatus, room_status, status_json
from tui.core.scenario.scenario_file import load_scenario
from tui.core.scoring.rubric import RubricSet
from tui.presentation.catalogue import t
from tui.presentation.errors import entry_error, kind_word
from tui.presentation.text import n2, rank_text, since_text

EXIT_OK = 0
ROOM_ENV = "SPBE_PLANNER_ROOM"


def add_parsers(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("serve", help="layani peserta lewat SSH dan/atau peramban / serve over SSH and/or the web")
    common(p)
    p.add_argument("--room", required=True, type=Path, metavar="DIR")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=None,
                   help="port SSH (bawaan 2222; dengan --web pintu SSH hanya dibuka bila --port diberikan)")
    p.add_argument("--max-sessions", type=int, default=120, metavar="N",
                   help="sesi bersamaan paling banyak, kedua pintu bersama (bawaan 120)")
    p.add_argument("--idle-minutes", type=float, default=60.0, metavar="M")
    p.add_argument("--web", action="store_true", help="buka juga pintu peramban / open the browser door")
    p.add_argument("--web-host", default="127.0.0.1")
    p.add_argument("--web-port", type=int, default=8080)
    p.add_argument("--web-cert", type=Path, default=None, metavar="FILE", help="sertifikat TLS (PEM)")
    p.add_argument("--web-key", type=Path, default=None, metavar="FILE", help="kunci privat TLS (PEM)")
    p.add_argument("--trust-proxy", action="store_true",
                   help="pakai X-Forwarded-For dari proksi balik untuk batas percobaan")

    p = sub.add_parser("room", help="kelola peserta ruang pelatihan / manage a coaching room")
    rsub = p.subcommands("room_command", metavar="ACTION", required=True)
    a = rsub.add_parser("add", help="tambah peserta dengan kunci atau kode gabung / add a participant")
    common(a)
    a.add_argument("user", metavar="USER")
    how = a.add_mutually_exclusive_group(required=True)
    how.add_argument("--key", type=Path, metavar="FILE", help="kunci publik (.pub / authorized_keys)")
    how.add_argument("--code", action="store_true", help="kode gabung sekali pakai / one-time join code")
    a.add_argument("--hours", type=float, default=DEFAULT_HOURS, help="masa berlaku kode (jam)")
    a.add_argument("--scenario", type=Path, metavar="FILE", help="salin berkas skenario ke ruang kerjanya")
    a.add_argument("--room", type=Path, metavar="DIR")
    k = rsub.add_parser("link", help="tautan masuk sekali pakai untuk peramban / one-time browser link")
    common(k)
    k.add_argument("user", metavar="USER")
    k.add_argument("--hours", type=float, default=DEFAULT_HOURS, help="masa berlaku tautan (jam)")
    k.add_argument("--url", default="http://127.0.0.1:8080", metavar="BASE",
                   help="alamat pintu peramban seperti dilihat peserta, mis. https://pelatihan.example.go.id")
    k.add_argument("--room", type=Path, metavar="DIR")
    w = rsub.add_parser("watch", help="lihat layar peserta (hanya melihat) / watch a participant's screen")
    common(w)
    w.add_argument("user", metavar="USER")
    w.add_argument("--room", type=Path, metavar="DIR")
    m = rsub.add_parser("summary", help="gambaran kelas / the classroom's picture")
    common(m)
    m.add_argument("dir", nargs="*", type=Path, metavar="DIR",
                   help="satu atau beberapa folder ruang (acara nasional: satu server per kelas)")
    m.add_argument("--target", default="baik", metavar="P|X",
                   help="target bersama kelas: predikat atau indeks (bawaan: baik)")
    m.add_argument("--json", action="store_true")
    m.add_argument("--format", choices=("md", "xlsx"), default=None, help="tulis laporan (perlu -o)")
    m.add_argument("-o", "--output", type=Path, default=None, metavar="OUT")
    m.add_argument("--force", action="store_true")
    m.add_argument("--room", type=Path, metavar="DIR")
    for name, helptext in (("list", "daftar peserta / list participants"),
                           ("remove", "cabut akses peserta / revoke access"),
                           ("status", "kemajuan peserta / participants' progress")):
        r = rsub.add_parser(name, help=helptext)
        common(r)
        if name == "remove":
            r.add_argument("user", metavar="USER")
            r.add_argument("--purge", action="store_true", help="hapus juga ruang kerjanya / delete the workspace")
        if name == "status":
            r.add_argument("dir", nargs="?", type=Path, metavar="DIR")
        if name in ("list", "status"):
            r.add_argument("--json", action="store_true")
        r.add_argument("--room", type=Path, metavar="DIR")


def room_dir(args: argparse.Namespace) -> Path:
    given = getattr(args, "dir", None)
    if isinstance(given, list):  # room summary DIR1 DIR2 …: the first is the room, the rest join it
        given = given[0] if given else None
    folder = given or args.room or (Path(os.environ[ROOM_ENV]) if os.environ.get(ROOM_ENV) else None)
    if folder is None:
        raise InputError("room_needed", field="--room", env=ROOM_ENV)
    return Path(os.path.abspath(folder))


def cmd_serve(args: argparse.Namespace, lang: str) -> int:
    import asyncio

    from tui.serve.context import Limits
    from tui.serve.server import WebOptions, serve

    # With --web, the SSH door opens only when its port is asked for: either door may run alone.
    ssh_port = args.port if args.port is not None else (None if args.web else 2222)
    for flag, port in (("--port", ssh_port), ("--web-port", args.web_port if args.web else None)):
        if port is not None and not 0 <= port < 65536:  # 0: let the system pick a free port (printed)
            raise InputError("port_range", field=flag)
    if (args.web_cert is None) != (args.web_key is None):
        raise InputError("web_tls_pair", field="--web-cert" if args.web_cert is None else "--web-key")
    if args.web and args.web_cert is not None:
        from tui.serve.webdoor import tls_context

        try:  # a broken pair is the user's input: say so before anything listens
            tls_context(args.web_cert, args.web_key)
        except OSError as exc:  # ssl.SSLError is one too
            raise InputError("web_tls_bad", field="--web-cert", reason=str(exc.strerror or exc)[:120]) from None
    web = WebOptions(args.web_host, args.web_port, args.web_cert, args.web_key, args.trust_proxy) if args.web else None
    limits = Limits(max_sessions=max(1, args.max_sessions), idle_s=max(1.0, args.idle_minutes) * 60)
    try:
        if getattr(args, "served_app", None) is None:  # only the entry point knows what the app is
            raise RuntimeError("serve must be started through the entry point (spbe-planner / python -m tui)")
        asyncio.run(serve(args.room, args.host, ssh_port, lang, args.served_app, limits, web=web))
    except OSError as exc:
        raise InputError("cannot_listen", field="--port", host=args.host, port=ssh_port or args.web_port,
                         reason=os_reason(exc)) from None
    return EXIT_OK


def cmd_room(args: argparse.Namespace, lang: str) -> int:
    room = Room(room_dir(args))
    return ROOM_HANDLERS[args.room_command](room, args, lang)


def _add(room: Room, args: argparse.Namespace, lang: str) -> int:
    user = check_user(args.user)
    if args.scenario is not None:
        load_scenario(args.scenario, RubricSet(args.rubric))  # refuse a broken file before copying it
    if args.key is not None:
        n = room.add_keys(user, args.key)
        print(t("room_key_added", lang, n=n, user=user))
    else:
        code = room.new_code(user, args.hours)
        until = time.strftime("%Y-%m-%d %H:%M", time.localtime(time.time() + args.hours * 3600))
        print(t("room_code", lang, user=user, code=code, until=until))
    if args.scenario is not None:
        target = room.ensure_workspace(user) / args.scenario.name
        shutil.copyfile(args.scenario, target)
        os.chmod(target, 0o600)
        print(t("room_copied", lang, path=target))
    print(t("room_connect", lang, user=user))
    return EXIT_OK


def access_text(p: Participant, now: float, lang: str) -> str:
    parts = [t("room_keys_n", lang, n=p.keys)] if p.keys else []
    if p.code is not None:
        state = p.code.state(now)
        until = time.strftime("%H:%M", time.localtime(p.code.expires))
        parts.append(t(f"room_code_{state}", lang, until=until))
        if p.code.failures:  # wrong tries do not lock a code; the coach still sees them
            parts.append(t("room_code_failures", lang, n=p.code.failures))
    return ", ".join(parts) or t("room_no_access", lang)


def _list(room: Room, args: argparse.Namespace, lang: str) -> int:
    now = time.time()
    people = [room.participant(u) for u in room.users()]
    if args.json:
        out = [{"user": p.user, "keys": p.keys, "code": p.code.state(now) if p.code else None,
                "code_expires": p.code.expires if p.code else None, "workspace": p.has_workspace,
                "online": p.online, "last_activity": p.last_activity} for p in people]
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return EXIT_OK
    if not people:
        print(t("room_empty", lang))
        return EXIT_OK
    print(f"{t('room_user', lang):<20} {t('room_access', lang):<36} {t('room_online', lang):<7} "
          f"{t('room_last', lang)}")
    for p in people:
        print(f"{p.user:<20} {access_text(p, now, lang):<36} {(t('yes', lang) if p.online else '-'):<7} "
              f"{since_text(p.last_activity, now)}")
    return EXIT_OK


def _link(room: Room, args: argparse.Namespace, lang: str) -> int:
    user = check_user(args.user)
    base = args.url.strip().rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise InputError("web_url", field="--url", got=shown(base))
    token = room.new_link(user, args.hours)
    until = time.strftime("%Y-%m-%d %H:%M", time.localtime(time.time() + args.hours * 3600))
    print(t("room_link", lang, user=user, url=f"{base}/link/{user}/{token}", until=until))
    return EXIT_OK


def _watch(room: Room, args: argparse.Namespace, lang: str) -> int:
    from tui.serve.watch_client import watch

    watch(room.dir, check_user(args.user), lang)
    return EXIT_OK


def _summary(room: Room, args: argparse.Namespace, lang: str) -> int:
    from tui.core.goal_seek.targets import parse_target
    from tui.core.room.room_summary import class_recap, summarise_class
    from tui.core.team.recap import recap_json
    from tui.presentation.recap_report import recap_reports, recap_text
    from tui.presentation.report_formats import write_report
    from tui.presentation.room_summary_text import summary_lines, summary_report

    if (args.format is None) != (args.output is None):
        raise InputError("summary_format_output", field="--format" if args.format is None else "-o")
    if args.output is not None:
        check_output_target(args.output, args.force)
    rubrics = RubricSet(args.rubric)
    rooms = [room, *(Room(Path(os.path.abspath(d))) for d in (args.dir or [])[1:])]
    rows = merged_status(rooms, rubrics)
    first = summarise_class(rows)
    rubric = rubrics.get(first.framework) if first.framework else None
    target = None
    if rubric is not None and rubric.scorable:
        try:
            target = parse_target(rubric, decimal_point(args.target), None)
        except InputError as exc:
            raise exc.with_field("--target") from None
    summary = summarise_class(rows, target) if target is not None else first
    matrix = class_recap(rows)
    if args.json:
        out = summary.as_json()
        if matrix is not None:
            out["matrix"] = recap_json(matrix)
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    elif args.output is None:
        print("\n".join(summary_lines(summary, rubric, lang)))
        if matrix is not None:
            print("\n" + recap_text(matrix, lang))
    if args.output is not None:
        name = " + ".join(r.dir.name for r in rooms)
        reports = [summary_report(summary, rubric, lang, name), *(recap_reports(matrix, lang) if matrix else [])]
        write_report(args.output, args.format, reports, lang)
        if not args.json:
            print(t("summary_written", lang, path=args.output))
    return EXIT_OK


def merged_status(rooms: list[Room], rubrics: RubricSet) -> list[ParticipantStatus]:
    """Every participant of every room; with several rooms each is named ``room/user`` (two classes
    may both have a ``peserta01``)."""
    from dataclasses import replace

    if len(rooms) == 1:
        return room_status(rooms[0], rubrics)
    rows = []
    for room in rooms:
        if not (room.dir / "keys").is_dir():
            raise InputError("not_room", path=room.dir)
        for row in room_status(room, rubrics):
            who = replace(row.participant, user=f"{room.dir.name}/{row.participant.user}")
            rows.append(replace(row, participant=who))
    return rows


def _remove(room: Room, args: argparse.Namespace, lang: str) -> int:
    user = check_user(args.user)
    if not room.remove(user):
        raise InputError("no_participant", field=f"USER {user!r}")
    if args.purge:
        room.purge(user)
        print(t("room_purged", lang, user=user))
    else:
        print(t("room_removed", lang, user=user, path=room.workspace(user)))
    return EXIT_OK


def status_lines(rows: list[ParticipantStatus], lang: str, now: float) -> list[str]:
    """One line per file and per unsaved what-if; every column as wide as its widest cell, so that
    no file name is ever cut (a terminal narrower than the table wraps it, it does not lose it)."""
    table: list[list[str]] = []
    for row in rows:
        p = row.participant
        user = p.user + (" *" if p.online else "")
        entries = [(e, False) for e in row.files] + [(e, True) for e in row.unsaved]
        if not entries:
            table.append([user, t("room_no_files", lang), "", "", "", since_text(p.last_activity, now), ""])
        for i, (e, unsaved) in enumerate(entries):
            state = t("room_unsaved", lang) if unsaved else ""
            last = since_text(p.last_activity, now) if i == 0 else ""
            lead = user if i == 0 else ""
            if e.column is None:
                what = entry_error(e, lang) if e.error is not None else kind_word(e.kind or "", lang)
                table.append([lead, e.path.name, "", t("room_unreadable", lang) if e.error else "", what, last, state])
                continue
            o = e.column.summary.scenario
            table.append([lead, e.path.name, n2(o.evaluation.index, lang), o.evaluation.predikat,
                          rank_text(o.rank, lang), last, state])
    heads = [t("room_user", lang), t("room_file", lang), t("index", lang), t("predikat", lang), t("rank", lang),
             t("room_last", lang), t("room_state", lang)]
    widths = [max(len(c) for c in col) for col in zip(heads, *table, strict=True)]
    right = {2}  # the index reads best aligned on its decimal comma

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if k in right else c.ljust(w)
                         for k, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return [line(heads), *(line(r) for r in table)]


def _status(room: Room, args: argparse.Namespace, lang: str) -> int:
    rows = room_status(room, RubricSet(args.rubric))
    now = time.time()
    if args.json:
        sys.stdout.write(json.dumps(status_json(rows, now), ensure_ascii=False) + "\n")
    elif not rows:
        print(t("room_empty", lang))
    else:
        print("\n".join(status_lines(rows, lang, now)))
        print(t("room_status_foot", lang))
    return EXIT_OK


ROOM_HANDLERS = {"add": _add, "link": _link, "list": _list, "remove": _remove, "status": _status,
                 "summary": _summary, "watch": _watch}
HANDLERS = {"serve": cmd_serve, "room": cmd_room}
