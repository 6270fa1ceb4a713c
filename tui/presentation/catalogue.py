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
    "serve_listening": ("spbe-planner serve: mendengarkan di {host}:{port}, ruang {room}", "spbe-planner serve: listening on {host}:{port}, room {room}"),
    "serve_fingerprint": ("Sidik jari kunci host (bagikan ke peserta): {fp}", "Host key fingerprint (give it to participants): {fp}"),
    "serve_need_tty": ("aplikasi ini perlu terminal; sambung dengan: ssh -t …", "this app needs a terminal; connect with: ssh -t …"),
    "serve_full": ("ruang penuh; coba lagi sebentar lagi", "the room is full; try again shortly"),
    "serve_user_full": ("sesi Anda sudah terbuka di tempat lain", "you already have sessions open elsewhere"),
    "serve_start_failed": ("aplikasi gagal dimulai; hubungi pelatih", "the app failed to start; tell your coach"),
    "serve_idle": ("sesi ditutup karena lama tidak aktif; perubahan yang belum disimpan ditawarkan kembali saat Anda masuk lagi", "session closed after being idle; unsaved changes are offered back when you log in again"),
    "serve_code_intro": ("Masukkan kode gabung dari pelatih (contoh: ABCD-EFGH).", "Enter the join code from your coach (e.g. ABCD-EFGH)."),
    "serve_code_prompt": ("Kode gabung: ", "Join code: "),
    "room_key_added": ("{n} kunci baru untuk {user}", "{n} new key(s) for {user}"),
    "room_code": ("Kode gabung untuk {user}: {code}  (sekali pakai, berlaku sampai {until})", "Join code for {user}: {code}  (single use, valid until {until})"),
    "room_copied": ("Disalin ke {path}", "Copied to {path}"),
    "room_connect": ("Peserta masuk dengan: ssh -t -p PORT {user}@HOST", "The participant connects with: ssh -t -p PORT {user}@HOST"),
    "room_keys_n": ("{n} kunci", "{n} key(s)"),
    "room_code_active": ("kode aktif s.d. {until}", "code valid until {until}"),
    "room_code_used": ("kode terpakai", "code used"),
    "room_code_expired": ("kode kedaluwarsa", "code expired"),
    "room_code_locked": ("kode terkunci (salah 5×)", "code locked (5 wrong tries)"),
    "room_no_access": ("tanpa akses", "no access"),
    "room_empty": ("Belum ada peserta.", "No participants yet."),
    "room_user": ("Peserta", "Participant"),
    "room_access": ("Akses", "Access"),
    "room_online": ("Daring", "Online"),
    "room_last": ("Aktivitas", "Activity"),
    "room_file": ("Berkas", "File"),
    "room_no_files": ("(belum ada berkas)", "(no files yet)"),
    "room_unsaved": ("belum disimpan", "unsaved"),
    "room_unreadable": ("tak terbaca", "unreadable"),
    "room_removed": ("Akses {user} dicabut; ruang kerjanya tetap di {path}", "Access for {user} revoked; the workspace stays at {path}"),
    "room_purged": ("Akses {user} dicabut dan ruang kerjanya dihapus", "Access for {user} revoked and the workspace deleted"),
    "room_status_foot": ("* = sedang daring", "* = online now"),
    "save_failed_title": ("Tidak tersimpan", "Not saved"),
    "room_title": ("Ruang pelatihan {room}", "Coaching room {room}"),
    "room_help": ("Enter buka (hanya-baca) · spasi tandai · c bandingkan · r segarkan · ● daring · diperbarui tiap 3 detik", "Enter open (read-only) · space mark · c compare · r refresh · ● online · refreshed every 3 s"),
    "room_key_open": ("Buka", "Open"),
    "room_key_mark": ("Tandai", "Mark"),
    "room_key_refresh": ("Segarkan", "Refresh"),
    "room_read_only": ("Dibuka hanya-baca: {user}/{name}. Simpan menyimpan salinan di folder Anda; q kembali ke ruang.", "Opened read-only: {user}/{name}. Save writes a copy in your folder; q goes back to the room."),
    "served_disabled": ("Tidak tersedia dalam sesi pelatihan", "Not available in a coaching session"),
    "recovery_set_aside": ("Berkas pemulihan tidak terbaca dan disisihkan ke {path} (tidak dihapus): {err}", "The recovery file could not be read and was set aside as {path} (not deleted): {err}"),
    "served_crash": ("Maaf, aplikasi berhenti karena galat internal; pelatih dapat melihat catatannya. Masuk lagi untuk melanjutkan.", "Sorry, the app stopped on an internal error; your coach can see the log. Log in again to carry on."),
    "served_crash_kept": ("Perubahan yang belum disimpan ditawarkan kembali saat Anda membuka berkas itu.", "Unsaved changes are offered back when you open that file again."),
    "internal_error": ("galat internal (mohon laporkan): {err}", "internal error (please report it): {err}"),
}


def current_lang(explicit: str | None = None) -> str:
    lang = explicit or os.environ.get("SPBE_PLANNER_LANG", "id")
    return lang if lang in LANGS else "id"


def t(key: str, lang: str = "id", **kw: object) -> str:
    pair = TEXT[key]
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**kw) if kw else text


def localized(name: str, name_en: str, lang: str) -> str:
    """A data file's name in the chosen language (files may carry an English name beside it)."""
    return name_en if lang == "en" and name_en else name


def num(value: Decimal | float, lang: str = "id", sign: bool = False) -> str:
    return format_number(value, lang, sign=sign)

# The app's text. Kept beside the CLI's so there is one catalogue to translate and to check.
TEXT.update({
    "app_title": ("Perencana SPBE", "SPBE planner"),
    "unsaved": ("belum disimpan", "unsaved"),
    "baseline_year": ("baseline {year}", "baseline {year}"),
    "vs_baseline": ("baseline {value}", "baseline {value}"),
    "rank_line": ("{base} → {scen}", "{base} → {scen}"),
    "in_cohort": ("kohort {name}", "cohort {name}"),
    "col_id": ("No", "No"),
    "col_name": ("Indikator", "Indicator"),
    "col_weight": ("Bobot", "Wt."),
    "col_base": ("Awal", "Base"),
    "col_target": ("Target", "Target"),
    "col_delta": ("Δ", "Δ"),
    "detail_current": ("Sekarang (tingkat {level}{name})", "Now (level {level}{name})"),
    "detail_target": ("Target (tingkat {level}{name})", "Target (level {level}{name})"),
    "detail_next": ("Naik satu tingkat: {gain} indeks", "One level up: {gain} index"),
    "detail_top": ("Sudah di tingkat tertinggi.", "Already at the top level."),
    "detail_group": ("{name}: indeks {base} → {scen}. Enter: buka/tutup.", "{name}: index {base} → {scen}. Enter: expand/collapse."),
    "detail_note": ("Catatan", "Note"),
    "filter_placeholder": ("Saring indikator (nama atau nomor), Esc untuk batal", "Filter indicators (name or number), Esc to cancel"),
    "filter_active": ("saringan: {text}", "filter: {text}"),
    "chart_domains": ("Indeks domain: baseline dan skenario", "Domain indices: baseline and scenario"),
    "chart_aspects": ("Indeks aspek: baseline dan skenario", "Aspect indices: baseline and scenario"),
    "chart_bands": ("Indeks dan rentang predikat", "Index and rating bands"),
    "chart_ladder": ("Tangga peringkat: {cohort}", "Rank ladder: {cohort}"),
    "chart_no_cohort": ("Tanpa kohort: tidak ada tangga peringkat.", "No cohort: no rank ladder."),
    "chart_hidden": ("Grafik disembunyikan: perbesar terminal (min. {w}×{h}).", "Chart hidden: enlarge the terminal (at least {w}×{h})."),
    "chart_off": ("Grafik dimatikan (tekan g).", "Charts off (press g)."),
    "legend_baseline": ("Baseline", "Baseline"),
    "legend_scenario": ("Skenario", "Scenario"),
    "ladder_you_base": ("◆ baseline", "◆ baseline"),
    "ladder_you_scen": ("★ skenario", "★ scenario"),
    "ladder_group": ("{count} daerah {low}–{high}", "{count} regions {low}–{high}"),
    # bindings and commands
    "key_raise": ("Naik", "Raise"),
    "key_lower": ("Turun", "Lower"),
    "key_reset": ("Reset", "Reset"),
    "key_undo": ("Batal", "Undo"),
    "key_redo": ("Ulang", "Redo"),
    "key_save": ("Simpan", "Save"),
    "key_save_as": ("Simpan sebagai", "Save as"),
    "key_open": ("Buka", "Open"),
    "key_quit": ("Keluar", "Quit"),
    "key_help": ("Bantuan", "Help"),
    "key_filter": ("Saring", "Filter"),
    "key_chart": ("Grafik", "Chart"),
    "key_set": ("Set tingkat {n}", "Set level {n}"),
    "key_toggle": ("Buka/tutup grup", "Expand/collapse group"),
    "key_palette": ("Perintah", "Commands"),
    "key_projection": ("Proyeksi pesaing", "Peer projection"),
    "cmd_raise": ("indikator: Naikkan target satu tingkat", "indicator: Raise target one level"),
    "cmd_lower": ("indikator: Turunkan target satu tingkat", "indicator: Lower target one level"),
    "cmd_reset": ("indikator: Kembalikan ke baseline", "indicator: Reset to baseline"),
    "cmd_undo": ("skenario: Batalkan perubahan terakhir", "scenario: Undo last change"),
    "cmd_redo": ("skenario: Ulangi perubahan", "scenario: Redo change"),
    "cmd_save": ("berkas: Simpan", "file: Save"),
    "cmd_save_as": ("berkas: Simpan sebagai…", "file: Save as…"),
    "cmd_open": ("berkas: Buka…", "file: Open…"),
    "cmd_filter": ("tampilan: Saring indikator", "view: Filter indicators"),
    "cmd_chart": ("tampilan: Ganti grafik", "view: Switch chart"),
    "cmd_projection": ("peringkat: Ganti proyeksi pesaing (tetap/tren)", "rank: Switch peer projection (hold/trend)"),
    "cmd_help": ("bantuan: Tombol dan cara pakai", "help: Keys and usage"),
    "cmd_quit": ("aplikasi: Keluar", "app: Quit"),
    # dialogs and notifications
    "yes": ("Ya", "Yes"),
    "no": ("Tidak", "No"),
    "cancel": ("Batal (Esc)", "Cancel (Esc)"),
    "save": ("Simpan", "Save"),
    "discard": ("Buang perubahan", "Discard changes"),
    "quit_unsaved": ("Ada perubahan yang belum disimpan. Simpan dulu sebelum keluar?", "There are unsaved changes. Save before quitting?"),
    "open_unsaved": ("Ada perubahan yang belum disimpan. Simpan dulu sebelum membuka berkas lain?", "There are unsaved changes. Save before opening another file?"),
    "save_as_title": ("Simpan skenario sebagai (berkas .toml)", "Save scenario as (.toml file)"),
    "overwrite": ("{path} sudah ada. Timpa?", "{path} exists. Overwrite?"),
    "changed_on_disk": ("{path} diubah di luar aplikasi sejak dibuka. Tetap timpa?", "{path} changed outside the app since it was opened. Overwrite anyway?"),
    "saved": ("Tersimpan: {path}", "Saved: {path}"),
    "save_failed": ("Gagal menyimpan {path}: {err}", "Could not save {path}: {err}"),
    "bundled_readonly": ("Contoh bawaan tidak ditimpa; simpan sebagai berkas baru.", "Bundled samples are not overwritten; save as a new file."),
    "open_title": ("Buka skenario (.toml di folder ini dan contoh bawaan) atau impor lembar .csv/.xlsx",
                   "Open a scenario (.toml here and bundled samples) or import a .csv/.xlsx sheet"),
    "open_none": ("Tidak ada berkas .toml.", "No .toml files."),
    "opened": ("Dibuka: {path}", "Opened: {path}"),
    "open_failed": ("Tidak dapat membuka berkas", "Could not open the file"),
    "bad_start_file": ("Berkas tidak dapat dibuka; menampilkan daerah contoh", "The file could not be opened; showing the demo region"),
    "recover_title": ("Ada perubahan yang belum disimpan dari sesi sebelumnya ({name}). Pulihkan?", "Unsaved changes from an earlier session were found ({name}). Restore them?"),
    "recover": ("Pulihkan", "Restore"),
    "recovered": ("Perubahan dipulihkan.", "Changes restored."),
    "nothing_undo": ("Tidak ada yang dibatalkan.", "Nothing to undo."),
    "nothing_redo": ("Tidak ada yang diulang.", "Nothing to redo."),
    "level_bounds": ("Tingkat sudah di batas skala.", "Level is at the end of the scale."),
    "pick_indicator": ("Pilih baris indikator dulu.", "Select an indicator row first."),
    "file_name": ("Nama berkas", "File name"),
    "bad_theme": ("Tema {theme!r} tidak dikenal; memakai tema bawaan.", "Unknown theme {theme!r}; using the default."),
    "projection_now": ("Proyeksi: {mode}", "Projection: {mode}"),
    "too_small": ("Terminal terlalu kecil: perbesar ke minimal {w}×{h} (sekarang {cw}×{ch}).", "Terminal too small: resize to at least {w}×{h} (now {cw}×{ch})."),
    "help_title": ("Bantuan spbe-planner", "spbe-planner help"),
    "help_intro": (
        "Ubah target tingkat indikator dan lihat indeks, predikat dan peringkat berubah langsung. "
        "Indeks dihitung tepat lalu dibulatkan setengah ke atas ke 2 desimal; predikat ditentukan dari nilai 2 desimal itu. "
        "Peringkat memakai aturan kompetisi (nilai sama berbagi peringkat lebih baik); rentang muncul bila nilai pesaing hanya diketahui batasnya.",
        "Change indicator target levels and watch index, rating and rank update live. "
        "The index is computed exactly and rounded half-up to 2 decimals; the rating is decided on that 2-decimal value. "
        "Ranks use competition ranking (ties share the better place); a range appears where peers are only known by bounds."),
    "help_keys": ("Tombol", "Keys"),
})

# Goal seek (CLI `plan` and the app's planning screen).
TEXT.update({
    "plan_target_predikat": ("predikat {name}", "rating {name}"),
    "plan_target_index": ("indeks {value}", "index {value}"),
    "plan_target_rank": ("peringkat {n}", "rank {n}"),
    "plan_goal": ("Target {year}: {target} (indeks minimal {need})", "Target {year}: {target} (index at least {need})"),
    "plan_goal_none": ("Target {year}: {target}", "Target {year}: {target}"),
    "plan_from": ("dari tingkat target skenario", "from the scenario's target levels"),
    "plan_from_baseline": ("dari baseline", "from the baseline"),
    "plan_reached": ("Sudah tercapai: tidak perlu perubahan.", "Already reached: no change needed."),
    "plan_summary": ("Rencana termurah: {n} indikator, {steps} langkah, biaya {cost}",
                     "Cheapest plan: {n} indicators, {steps} steps, cost {cost}"),
    "plan_unreachable": ("Tidak tercapai dengan batasan ini. Hasil terbaik yang bisa dicapai (biaya {cost}):",
                         "Not reachable under these limits. Best reachable result (cost {cost}):"),
    "plan_result": ("Hasil: Indeks {index} · {predikat} · peringkat {rank}",
                    "Result: Indeks {index} · {predikat} · rank {rank}"),
    "plan_blocked": ("Penghambat: {what}", "Blocked by: {what}"),
    "block_scale": ("skala: semua indikator di tingkat tertinggi pun tidak cukup",
                    "the scale: even every indicator at the top level is not enough"),
    "block_rank": ("peringkat itu tidak tercapai dengan indeks berapa pun pada skala",
                   "no index on the scale reaches that place"),
    "block_locked": ("indikator terkunci ({ids})", "locked indicators ({ids})"),
    "block_max_step": ("batas naik per indikator (+{n})", "the per-indicator cap (+{n})"),
    "block_max_steps": ("batas jumlah langkah ({n})", "the total step cap ({n})"),
    "block_max_cost": ("batas biaya ({n})", "the total cost cap ({n})"),
    "col_from": ("Dari", "From"),
    "col_to": ("Ke", "To"),
    "col_cost": ("Biaya", "Cost"),
    "col_gain_per_cost": ("Δ/biaya", "Δ/cost"),
    "sensitivity": ("Langkah berikutnya yang paling berdaya", "Next steps that pay most"),
    "roadmap_total": ("Peta jalan: {years} tahun, biaya total {cost}", "Roadmap: {years} years, total cost {cost}"),
    "plan_written": ("Rencana ditulis sebagai target ke {path}", "Plan written as targets to {path}"),
    "plan_not_written": ("Target tidak tercapai; berkas tidak ditulis", "Target not reachable; no file written"),
    "apply_needs_output": ("--apply perlu -o BERKAS.toml", "--apply needs -o FILE.toml"),
})

# The app's planning screen.
TEXT.update({
    "key_plan": ("Rencana", "Plan"),
    "cmd_plan": ("skenario: Rencana termurah menuju target…", "scenario: Cheapest plan to a target…"),
    "key_back": ("Kembali", "Back"),
    "key_apply_plan": ("Terapkan", "Apply"),
    "plan_title": ("Rencana termurah menuju target", "Cheapest plan to a target"),
    "plan_target_label": ("Target", "Target"),
    "plan_target_hint": ("baik · 3,1 · peringkat 3", "baik · 3.1 · rank 3"),
    "plan_max_step": ("Naik maks./indikator", "Max. steps/indicator"),
    "plan_max_steps": ("Langkah maks. total", "Max. steps in all"),
    "plan_max_cost": ("Biaya maks. total", "Max. total cost"),
    "plan_cost_file": ("Berkas biaya", "Cost file"),
    "plan_cost_hint": ("biaya.toml (opsional)", "costs.toml (optional)"),
    "plan_need_whole": ("harus bilangan bulat 0 atau lebih", "must be a whole number, 0 or more"),
    "plan_need_number": ("harus angka", "must be a number"),
    "plan_apply_hint": ("a atau ctrl+a: terapkan rencana ke skenario (bisa dibatalkan dengan u)",
                        "a or ctrl+a: apply the plan to the scenario (u undoes it)"),
    "plan_cannot_apply": ("Target tidak tercapai dengan batasan ini; tidak ada yang diterapkan",
                          "Target not reachable under these limits; nothing applied"),
    "plan_applied": ("Rencana diterapkan: {n} indikator diubah (u untuk membatalkan)",
                     "Plan applied: {n} indicators changed (u to undo)"),
})

# Reports, compare, ls, import (CLI and app).
TEXT.update({
    "report_result": ("Hasil", "Result"),
    "report_changes": ("Indikator yang diubah", "Changed indicators"),
    "report_requires": ("Syarat tingkat target", "What the target level requires"),
    "report_indicators": ("Semua indikator", "All indicators"),
    "report_groups": ("Indeks domain dan aspek", "Domain and aspect indices"),
    "report_kind": ("Jenis", "Kind"),
    "report_name": ("Nama", "Name"),
    "report_aspect": ("aspek", "aspect"),
    "report_files": ("Berkas", "Files"),
    "report_differ": ("Indikator yang berbeda (tingkat target)", "Indicators that differ (target level)"),
    "report_compared": ("Berkas dibandingkan", "Files compared"),
    "report_comparison": ("Perbandingan", "Comparison"),
    "report_note": ("Catatan", "Note"),
    "report_other_frameworks": ("kerangka berbeda: hanya indeks, predikat dan peringkat yang dibandingkan",
                                "different frameworks: only index, predikat and rank are compared"),
    "compare_why": ("Hanya indeks, predikat dan peringkat: {reason}", "Only index, predikat and rank: {reason}"),
    "compare_best": ("* = terbaik pada baris itu", "* = best in that row"),
    "compare_same": ("Semua indikator sama di semua berkas.", "Every indicator is the same in every file."),
    "exported": ("Laporan ditulis ke {path}", "Report written to {path}"),
    "imported_from": ("Diimpor dari {name}", "Imported from {name}"),
    "imported": ("Baseline diimpor ({n} indikator) ke {path}", "Baseline imported ({n} indicators) to {path}"),
    "ls_none": ("Tidak ada berkas .toml di {dir}", "No .toml files in {dir}"),
})

# The app's compare screen, import and export.
TEXT.update({
    "key_compare": ("Banding", "Compare"),
    "cmd_compare": ("berkas: Bandingkan skenario…", "file: Compare scenarios…"),
    "key_edit_file": ("Sunting berkas ini", "Edit this file"),
    "compare_title": ("Bandingkan skenario · spasi: centang · e: sunting · Esc: kembali",
                      "Compare scenarios · space: tick · e: edit · Esc: back"),
    "compare_chart_domains": ("Indeks domain per berkas", "Domain indices per file"),
    "compare_chart_aspects": ("Indeks aspek per berkas", "Aspect indices per file"),
    "compare_pick": ("Centang dua berkas atau lebih di kiri untuk dibandingkan.",
                     "Tick two or more files on the left to compare them."),
    "compare_too_many": ("Paling banyak {n} berkas dibandingkan sekaligus.", "At most {n} files are compared at once."),
    "cmd_export": ("berkas: Ekspor laporan (md, csv, xlsx, txt)…", "file: Export report (md, csv, xlsx, txt)…"),
    "export_title": ("Ekspor laporan skenario ini (format dari akhiran: .md .csv .xlsx .txt)",
                     "Export this scenario's report (format from the ending: .md .csv .xlsx .txt)"),
    "export_bad_format": ("Akhiran berkas harus .md, .csv, .xlsx atau .txt", "The file must end in .md, .csv, .xlsx or .txt"),
    "import_title": ("Impor baseline dari {name}", "Import a baseline from {name}"),
    "import_framework": ("Kerangka", "Framework"),
    "import_region": ("Nama daerah", "Region name"),
    "import_done": ("Baseline diimpor dari {name}: simpan dengan S", "Baseline imported from {name}: save it with S"),
})
