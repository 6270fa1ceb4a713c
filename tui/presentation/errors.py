"""Input errors in the user's language: the Indonesian text of every code in tui.core.messages.

English comes from the core itself; a test checks that both have the same codes and placeholders.
Parameters that are words ("what", "kind") are translated through WORDS_ID.
"""

from __future__ import annotations

from tui.core.errors import InputError, field_text, render_message
from tui.core.files.workspace import root, shown_path
from tui.core.messages import KINDS_EN, MESSAGES, REASONS_EN

ERRORS_ID: dict[str, str] = {
    # reading files
    "file_not_found": "berkas tidak ditemukan",
    "is_folder": "adalah folder, bukan berkas",
    "not_regular": "adalah {kind}, bukan berkas biasa; tidak dibaca",
    "permission_denied": "izin ditolak (berkas tidak dapat dibaca)",
    "cannot_read": "berkas tidak dapat dibaca ({reason})",
    "symlink_loop": "jalur ini adalah lingkaran tautan simbolik",
    "bad_path": "jalur ini tidak dapat dipakai ({reason})",
    "unknown_user_home": "'~{user}' bukan nama akun di mesin ini",
    "too_large": "berkas lebih besar dari {limit} KiB; tidak dibaca",
    "not_utf8": "bukan teks UTF-8 (bita salah di baris {line}); simpan berkas sebagai UTF-8",
    "toml_syntax": "bukan TOML yang sah (baris {line}, kolom {col})",
    "toml_duplicate": "bukan TOML yang sah: sebuah kunci atau tabel ditulis dua kali (baris {line}, kolom {col})",
    "toml_expected_equals": "bukan TOML yang sah: setelah kunci harus ada '=' (baris {line}, kolom {col})",
    "toml_unclosed": "bukan TOML yang sah: teks, daftar atau tabel tidak ditutup (baris {line}, kolom {col})",
    "toml_bad_value": "bukan TOML yang sah: nilai tidak sah, mis. teks tanpa tanda kutip (baris {line}, kolom {col})",
    "toml_bad_character": "bukan TOML yang sah: ada karakter yang tidak boleh di sini (baris {line}, kolom {col})",
    "toml_recursion": "bersarang terlalu dalam; tidak ada berkas kami yang memerlukannya",
    "toml_too_deep": "bersarang lebih dari {limit} tingkat (baris {line}); tidak ada berkas kami yang memerlukannya",
    "toml_key_too_long": "kunci dengan lebih dari {limit} bagian bertitik (baris {line})",
    "toml_too_many_keys": "lebih dari {limit} kunci; tidak ada berkas kami yang memerlukan sebanyak itu",
    "toml_line_too_long": "baris {line} lebih panjang dari {limit} karakter",
    "number_too_long": "angka dengan lebih dari {limit} digit",
    "hard_link": "punya lebih dari satu tautan keras; dalam sesi pelatihan hanya berkas biasa milik Anda yang dibaca",
    # writing files
    "exists": "sudah ada; pakai --force untuk menimpa",
    "no_folder": "folder tujuan tidak ada",
    "write_denied": "izin ditolak (tidak dapat menulis di sini)",
    "cannot_write": "berkas tidak dapat ditulis ({reason})",
    "write_not_regular": "adalah {kind}, bukan berkas biasa; tidak ditimpa",
    # served-mode confinement
    "outside_read": "di luar ruang kerja Anda; hanya berkas di folder Anda sendiri yang dapat dibuka",
    "outside_write": "di luar ruang kerja Anda; berkas hanya dapat disimpan di folder Anda sendiri",
    "dotdot": "'..' tidak boleh ada dalam nama berkas",
    "bad_file_name": "nama berkas hanya boleh huruf, angka, spasi, '.', '-', '_' (paling banyak 64)",
    "bad_folder_name": "nama folder tidak diizinkan",
    "write_symlink": "adalah tautan simbolik; tidak menulis melaluinya",
    # pydantic's kinds of problem
    "missing_key": "kunci wajib tidak ada",
    "unknown_key": "kunci tidak dikenal (bukan bagian dari format berkas ini)",
    "want_int": "harus bilangan bulat",
    "want_number": "harus angka",
    "want_text": "harus teks (dalam tanda kutip)",
    "want_bool": "harus true atau false",
    "want_table": "harus tabel",
    "want_list": "harus daftar [ … ]",
    "not_finite": "harus angka yang terhingga",
    "text_pattern": "hanya boleh huruf, angka, '.', '-' dan '_'",
    "text_too_short": "tidak boleh kosong",
    "text_too_long": "lebih panjang dari {limit} karakter",
    "list_too_short": "perlu sedikitnya {limit} butir",
    "list_too_long": "lebih dari {limit} butir",
    "number_min": "paling kecil {limit}",
    "number_above": "harus lebih dari {limit}",
    "number_max": "paling besar {limit}",
    "number_below": "harus kurang dari {limit}",
    "want_one_of": "harus salah satu dari {known}",
    "invalid_value": "nilai ini tidak sah di sini",
    # numbers
    "number_type": "{what} harus angka, bukan {got}",
    "number_out_of_range": "{what} {value} jauh di luar skala mana pun",
    "too_many_decimals": "{what} {value} punya lebih dari 2 desimal",
    "level_not_number": "tingkat harus angka, bukan {value}",
    "level_whole": "tingkat harus bilangan bulat {lo} sampai {hi} pada {framework}, bukan {value}",
    "level_off_scale": "tingkat {value} di luar skala {lo}–{hi}",
    "value_off_scale": "{what} {value} di luar skala {lo}–{hi} pada {framework}",
    # scenarios
    "newer_schema": "dibuat oleh spbe-planner yang lebih baru (skema {version}; versi ini membaca skema {known}); "
                    "perbarui spbe-planner",
    "unknown_indicator": "indikator '{id}' tidak dikenal (kerangka {framework} memiliki {first}–{last})",
    "unknown_indicator_short": "indikator '{id}' tidak dikenal",
    "import_needs": "wajib untuk lembar tingkat (hanya laporan ekspor spbe-planner yang memuatnya sendiri)",
    "import_framework_differs": "laporan ini untuk kerangka '{want}', bukan '{got}'",
    "report_no_year": "tahun laporan tidak terbaca (mis. 2022 → 2023)",
    "recap_empty": "tidak ada berkas skenario untuk direkap (beri folder berisi berkas skenario, atau berkasnya)",
    "recap_frameworks": "kerangka {got} berbeda dari kerangka rekap {want}; rekap berkas satu kerangka",
    "consolidate_region": "daerah '{got}' berbeda dari '{want}': konsolidasi berkas satu daerah",
    "consolidate_count": "konsolidasi perlu sedikitnya 2 berkas, ada {got}",
    "province_k": "{got} daerah tidak bisa diminta dari {n}: beri 1 sampai {n}",
    "province_mean_programmes": ("rencana rata-rata provinsi hanya menghitung langkah tunggal; beri berkas biaya "
                                 "tanpa [[programme]]"),
    "province_goal": "sebutkan tujuannya: --predikat P atau --index X, dengan --regions K, --all atau --mean X",
    "province_locked": "'{got}' bukan daerah dalam rekap",
    "recap_needs_output": "--format perlu -o OUT ('-' untuk md, csv atau txt)",
    "consolidate_needs_output": "--consolidate perlu -o OUT.toml",
    "evidence_no_header": "tabel bukti dukung tidak ditemukan: perlu baris judul yang memuat kode butir (Kode), atau "
                          "indikator, tingkat dan butir (Indikator, Tingkat, Butir)",
    "evidence_no_indicator": "baris ini tidak memuat kode portal (I5-L3-01) maupun indikator dan tingkat",
    "evidence_bad_indicator": "'{got}' bukan nomor indikator",
    "evidence_bad_level": "'{got}' bukan tingkat",
    "evidence_bad_status": "'{got}' bukan status; yang dikenal: {known}",
    "evidence_bad_revision": "'{got}' bukan jenis revisi; yang dikenal: {known}",
    "evidence_bad_date": "'{got}' bukan tanggal (tulis 2026-10-01, 01/10/2026 atau 1 Oktober 2026)",
    "evidence_row_twice": "butir ini tercantum dua kali di lembar",
    "evidence_sheet_suffix": "lembar bukti dukung ditulis sebagai .xlsx atau .csv, bukan '{got}'",
    "evidence_code_mismatch": "kode '{item_code}' untuk indikator atau tingkat lain, bukan indikator {indicator} "
                              "tingkat {level}",
    "evidence_revision_status": "jenis revisi diisi tetapi statusnya '{status}', bukan 'revisi'",
    "evidence_valid_before_dated": "valid_until (berlaku sampai) lebih awal dari tanggal dokumen (dated)",
    "missing_indicators": "{n} indikator tidak ada: {ids}",
    # rubrics
    "unknown_framework": "kerangka '{id}' tidak dikenal (yang ada: {known})",
    "declared_id": "berkas menyatakan id '{got}', seharusnya '{want}'",
    "rubric_newer": "skema rubrik {version} dibuat oleh spbe-planner yang lebih baru",
    "scale_order": "scale_min ({lo}) harus di bawah scale_max ({hi})",
    "unscorable_reason": "rubrik dengan scorable = false harus menyebut alasannya di unscorable_reason",
    "aspect_domain_unknown": "aspek {id}: domain '{domain}' bukan id [[domain]]",
    "aspect_domain_none": "aspek {id}: menyebut domain '{domain}' padahal rubrik tidak punya domain",
    "level_names_count": "level_names.{key}: perlu {n} nama, satu per tingkat",
    "indicator_aspect_unknown": "indikator {id}: aspek '{aspect}' bukan id [[aspect]]",
    "indicator_level_names_unknown": "indikator {id}: level_names '{key}' tidak ada di [level_names]",
    "indicator_levels_count": "indikator {id}: levels perlu {n} baris, satu per tingkat",
    "aspect_empty": "aspek {id} tidak punya indikator",
    "domain_empty": "domain {id} tidak punya aspek",
    "duplicate_id": "id {kind} '{id}' muncul dua kali",
    "band_names_unique": "nama predikat harus unik",
    "band_first": "predikat '{name}': predikat pertama harus mulai di scale_min {lo}",
    "band_gap": "predikat '{name}': harus mulai di tempat '{prev}' berakhir ({edge}); predikat harus bersambung",
    "band_order": "predikat '{name}': min harus di bawah max",
    "band_last": "predikat '{name}': predikat terakhir harus berakhir di scale_max {hi}",
    "weight_required": "{what}: bobot wajib ada pada rubrik yang dapat diskor",
    "weight_bad": "{what}: bobot {value} bukan angka yang dapat dipakai (paling banyak 2 desimal, terhingga)",
    "weight_positive": "{what}: bobot harus positif",
    "aspect_weights": "aspek {id}: jumlah bobot indikatornya {summed}, bukan bobotnya {declared}",
    "domain_weights": "domain {id}: jumlah bobot aspeknya {summed}, bukan bobotnya {declared}",
    "total_weights": "jumlah bobot indikator {total}, bukan 100",
    "not_scorable": "kerangka {framework} tidak dapat diskor: {reason}",
    # cohorts
    "unknown_cohort": "kohort '{id}' tidak dikenal (yang ada: {known})",
    "cohort_newer": "skema kohort {version} dibuat oleh spbe-planner yang lebih baru",
    "peer_value_or_bounds": "pesaing '{name}': isi index, atau batas lower/upper",
    "peer_not_both": "pesaing '{name}': isi index atau batas, jangan keduanya",
    "peer_history_year": "pesaing '{name}': kunci history harus tahun, bukan '{year}'",
    "bounds_order": "{what}: lower ({lo}) harus di bawah upper ({hi})",
    "group_counts": "kelompok: jumlah count {total} padahal ada {n} nama",
    "peer_twice": "pesaing '{name}' muncul dua kali",
    "cohort_empty": "kohort perlu sedikitnya satu pesaing",
    "cohort_framework": "kohort {id} berisi hasil {cohort_framework} dan tidak dapat memeringkat skenario {framework}",
    # cost files
    "cost_level_key": "tingkat harus bilangan bulat {lo} sampai {hi} (tingkat yang dicapai langkah), bukan '{got}'",
    "cost_framework": "berkas biaya untuk {got}, skenario memakai {want}",
    # goal seek targets and flags
    "unknown_predikat": "predikat '{name}' tidak dikenal; {framework} memiliki {names}",
    "index_not_number": "indeks harus angka, bukan '{got}'",
    "index_off_scale": "indeks harus di dalam skala {lo}–{hi}, bukan {got}",
    "rank_needs_cohort": "target peringkat perlu kohort: sebut di skenario atau dengan --cohort",
    "rank_min": "peringkat paling kecil 1, bukan {got}",
    "rank_whole": "peringkat harus bilangan bulat, bukan '{got}'",
    "roadmap_order": "tahun peta jalan harus berbeda dan berurutan",
    "roadmap_item": "seharusnya TAHUN=TARGET, bukan '{got}'",
    "not_below_zero": "harus 0 atau lebih, bukan {got}",
    "need_whole": "harus bilangan bulat (atau kosong)",
    "name_empty": "nama skenario tidak boleh kosong",
    "name_needs_apply": "--name menamai skenario yang ditulis --apply; tambahkan --apply -o KELUARAN.toml",
    "csv_style_only_csv": "--csv-style hanya untuk --format csv",
    "demo_and_file": "buka berkas atau contoh, tidak keduanya",
    "external_scale": "indeks eksternal {index}: skalanya harus dari rendah ke tinggi",
    "external_band_count": "indeks eksternal {index}: bands perlu {n} batas, satu lebih banyak dari levels",
    "external_band_order": "indeks eksternal {index}: batas rentang harus naik dan berakhir di puncak skalanya",
    "external_edges_needed": "indikator {id} dinilai instansi lain: [rubric].external_value_edges perlu {n} nilai",
    "external_levels": "indikator {id}: levels indeks eksternal harus di skala {lo}–{hi}",
    "external_typed": "tulis indeksnya, lalu bila perlu tahun edisi dan statusnya ({known}), mis. 73,56 2025 sementara",
    "not_external": "indikator {id} tidak dinilai dari indeks instansi lain",
    "external_off_scale": "{index} harus di antara {lo}–{hi}, bukan {got}",
    "external_conflict": ("nilai {value} berbeda dari {derived}, nilai yang diberikan {index} {got}; "
                          "cukup isi salah satunya"),
    "indicator_evidence_count": "indikator {id}: evidence perlu satu daftar per tingkat ({n})",
    "convert_pair": "tidak ada konversi dari {source} ke {target}: yang dikenal hanya spbe-2020 ke pemdi-2026",
    "cohort_no_header": ("tidak ada baris judul dengan kolom daerah dan kolom indeks (dicari mis. "
                         "'Nama Daerah' / 'Instansi' / 'Region' dan 'Indeks' / 'Nilai' / 'Index')"),
    "cohort_group_unknown": "'{id}' bukan domain atau aspek {framework} ({known})",
    "cohort_group_mismatch": "{name}: indeks {given} tidak sesuai dengan nilai {what}-nya, yang menghasilkan "
                             "{computed} (selisih lebih dari 0,005)",
    "cohort_json_shape": "bukan rekaman sistem evaluasi: diharapkan daftar objek dengan nama_instansi, tahun dan nilai",
    "json_syntax": "bukan JSON yang sah (baris {line}, kolom {col})",
    "too_many_records": "lebih dari {limit} rekaman; tidak ada ekspor evaluasi sebanyak itu",
    "cohort_json_year": "tidak ada rekaman tahun {year} (berkas memuat {years})",
    "cohort_off_scale": "{name}: indeks {value} di luar skala {lo}–{hi}",
    "cohort_twice": "{name} tercantum dua kali (pertama di baris {row})",
    "cohort_no_rows": "tidak ada daerah dengan indeks di bawah baris judul",
    "history_year": "seharusnya tahun 2000 sampai 2100, bukan '{got}'",
    "unknown_group": "{id} bukan domain atau aspek {framework}",
    "history_item": "seharusnya TAHUN=INDEKS (mis. 2023=1.88), bukan '{got}'",
    "programme_duplicate": "id program '{id}' muncul dua kali; setiap program perlu id sendiri",
    "deadline_format": "tanggal ditulis TTTT-BB-HH (misalnya 2027-09-15), bukan '{got}'",
    "item_empty": "nama bukti dukung tidak boleh kosong",
    "joint_programmes": ("peta jalan gabungan belum menerima program; pakai --roadmap-mode yearly "
                         "untuk berkas biaya yang berisi program"),
    "joint_needs_roadmap": "mode joint merencanakan peta jalan: beri target untuk beberapa tahun",
    "plan_time_limit": ("mencari rencana ini melewati {seconds} detik; kurangi jumlah langkah yang boleh ditolak "
                        "(robust) atau pakai berkas biaya dengan lebih sedikit program"),
    "robust_too_large": "{k} langkah ditolak sama dengan atau melebihi semua langkah yang mungkin ({most}); "
                        "tidak ada rencana yang tahan",
    "joint_robust": "rencana yang tahan penolakan belum bisa digabung dengan mode joint; rencanakan per tahun",
    "web_tls_pair": "--web-cert dan --web-key harus diberikan bersama",
    "web_url": "alamat pintu diawali http:// atau https://, bukan '{got}'",
    "summary_format_output": "--format dan -o harus diberikan bersama",
    "watch_no_server": "tidak ada spbe-planner serve yang berjalan untuk ruang {room}",
    "watch_offline": "{user} sedang tidak membuka sesi",
    "web_tls_bad": "sertifikat dan kunci tidak bisa dipakai: {reason}",
    "apply_needs_output": "--apply perlu -o KELUARAN.toml",
    # sheets
    "sheet_empty": "berkas kosong",
    "sheet_not_utf8": "bukan teks UTF-8 (bita ke-{offset}); simpan lembar sebagai 'CSV UTF-8'",
    "sheet_bad_csv": "bukan lembar CSV yang terbaca: tanda kutip tidak ditutup, atau sebuah isian lebih dari 128 KiB",
    "sheet_bad_xlsx": "bukan buku kerja .xlsx yang terbaca ({reason})",
    "sheet_level_columns": "beberapa kolom bisa berisi tingkat: {columns}; pilih satu dengan --column "
                           "(hurufnya atau judulnya) atau --year (tahun di judulnya)",
    "sheet_column_unknown": "tidak ada kolom tingkat yang cocok dengan '{got}'; kandidatnya {columns}",
    "wrong_kind": "adalah {kind}, bukan {what}",
    "is_sheet": "adalah lembar kerja, bukan skenario; impor dulu: {command}",
    "sheet_too_wide": "sebuah baris dengan lebih dari {limit} sel; lembar evaluasi hanya punya beberapa puluh",
    "sheet_part_too_big": "bagian {part} terurai menjadi lebih dari {limit} MiB; lembar evaluasi jauh lebih kecil",
    "sheet_xlsx_too_big": "buku kerja ini terurai menjadi lebih dari {limit} MiB; lembar evaluasi jauh lebih kecil",
    "no_sheet": "tidak ada lembar bernama '{name}' (lembar: {names})",
    "no_header": "tidak ada baris judul dengan kolom nomor indikator dan kolom tingkat (dicari mis. "
                 "'No' / 'Nomor Indikator' dan 'Tingkat' / 'Level' / 'Nilai')",
    "sheet_twice": "indikator {id} muncul dua kali (pertama di baris {row})",
    "sheet_no_level": "indikator {id} tidak punya tingkat",
    "margin_word": "harus angka (0,3) atau 'assessor', bukan '{got}'",
    "roadmap_no_evaluation": "tidak ada tahun peta jalan ini yang punya evaluasi: kerangka ini dievaluasi "
                             "tiap {cycle} tahun sejak {year}",
    "history_framework": "skenario yang ditimpa mengikuti {got}, lembar dibaca sebagai {want}; "
                         "baseline-nya tidak dapat menjadi riwayat ini",
    "official_mismatch": "lembar memberi {what} = {given}, tetapi indikatornya menghasilkan {computed} "
                         "(selisih lebih dari 0,005; lihat README tentang pembulatan)",
    "sheet_missing": "lembar ini tidak memuat {n} dari {total} indikator: {ids}; lembar sebagian tidak dilengkapi",
    "sheet_kind": "impor membaca berkas .csv atau .xlsx",
    "sheet_no_sheets": "buku kerja tidak punya lembar",
    # command-line values
    "xlsx_stdout": "{format} tidak dapat ke keluaran standar; beri nama berkas",
    "export_count": "ekspor menerima 1 sampai {limit} berkas, bukan {got}",
    "compare_count": "perbandingan menerima {lo} sampai {hi} berkas, bukan {got}",
    "not_a_folder": "bukan folder",
    "sort_key": "kunci urutan '{got}' tidak dikenal (salah satu dari {known})",
    # rooms (coaching)
    "not_room": "bukan folder ruang pelatihan (buat dengan `spbe-planner room add`)",
    "room_needed": "sebut folder ruang dengan --room DIR (atau isi {env})",
    "port_range": "port harus 0-65535",
    "cannot_listen": "tidak dapat mendengarkan di {host}:{port} ({reason})",
    "no_participant": "peserta tidak ada",
    "user_name": "nama pengguna 1-32 karakter: diawali a-z, lalu a-z, 0-9, '-' atau '_', dan bukan salah satu dari "
                 "{reserved} (bukan '{got}')",
    "not_ssh_key": "bukan baris kunci publik SSH (seharusnya mis. 'ssh-ed25519 AAAA… nama')",
    "no_public_key": "tidak ada kunci publik di berkas ini",
    "code_expiry": "kode harus kedaluwarsa dalam 14 hari",
    "not_code_file": "bukan berkas kode gabung",
    # the command line itself (tui.presentation.arguments)
    "cli_unknown": "bukan opsi {command}: {got} (lihat {command} --help)",
    "cli_unknown_near": "bukan opsi {command}; maksud Anda {near}?",
    "cli_required": "{command} memerlukan {got} (lihat {command} --help)",
    "cli_one_of": "{command} memerlukan salah satu dari {got}",
    "cli_choice": "'{got}' bukan salah satu dari {known}",
    "cli_choice_near": "'{got}' tidak dikenal di sini; maksud Anda {near}?",
    "cli_whole": "harus bilangan bulat, bukan '{got}'",
    "cli_number": "harus angka, bukan '{got}'",
    "cli_value": "nilai '{got}' tidak dapat dipakai di sini",
    "cli_needs_value": "memerlukan nilai",
    "cli_not_together": "tidak dapat dipakai bersama {other}",
    "cli_no_value": "tidak menerima nilai (diberi '{got}')",
    "cli_ambiguous": "bisa berarti {known}; tulis lengkap",
    "cli_other": "{command}: baris perintah tidak dapat dibaca ({got})",
}

# Words passed as parameters ("what", "kind"): their first word is translated.
WORDS_ID = {
    "value": "nilai", "level": "tingkat", "cost": "biaya", "index": "indeks", "weight": "bobot",
    "aspect": "aspek", "indicator": "indikator", "domain": "domain", "peer": "pesaing", "group": "kelompok",
    "fifo": "FIFO (pipa bernama)", "socket": "soket", "device": "berkas perangkat", "special": "berkas khusus",
    "kind_scenario": "skenario", "kind_cost": "berkas biaya", "kind_cohort": "berkas kohort",
    "kind_rubric": "berkas kerangka (rubrik)", "kind_crosswalk": "berkas konversi", "kind_config": "berkas konfigurasi",
    "kind_sheet": "lembar kerja",
}
WORDS_EN = {"fifo": "FIFO (named pipe)", "device": "device file", "special": "special file", **KINDS_EN}
_WORD_PARAMS = ("what", "kind")
# Reasons the core passes as words, never as the system's or a library's English text.
REASONS_ID = {
    "zip": "arsip zipnya rusak, atau ini bukan berkas .xlsx",
    "xml": "isinya rusak; buka di Excel atau LibreOffice lalu simpan lagi sebagai .xlsx",
    "compression": "dikompresi dengan cara yang tidak dipakai berkas .xlsx",
    "name_too_long": "nama terlalu panjang",
    "no_space": "disk penuh",
    "read_only": "sistem berkas hanya-baca",
    "io": "galat baca/tulis perangkat",
    "not_folder": "sebagian jalurnya bukan folder",
    "busy": "sedang dipakai atau terlalu banyak berkas terbuka",
    "other_device": "folder sementara ada di perangkat lain",
    "invalid_name": "nama tidak sah di sistem ini",
    "denied": "izin ditolak",
    "in_use": "port sudah dipakai program lain",
    "no_address": "alamat ini bukan milik mesin ini",
    "os": "galat sistem",
}

def _reason(value: object, lang: str) -> object:
    table = REASONS_ID if lang == "id" else REASONS_EN
    return table.get(value, value) if isinstance(value, str) else value
_MORE = {"id": " (dan {n} masalah lain)", "en": " (and {n} more problem{s})"}


def kind_word(kind: str, lang: str) -> str:
    """A kind of file as the user reads it ("cost" → "berkas biaya")."""
    key = f"kind_{kind}"
    return (WORDS_ID if lang == "id" else WORDS_EN).get(key, kind)


def _words(params: dict[str, object], lang: str) -> dict[str, object]:
    table = WORDS_ID if lang == "id" else WORDS_EN
    out = dict(params)
    if "reason" in out:
        out["reason"] = _reason(out["reason"], lang)
    for key in _WORD_PARAMS:
        value = out.get(key)
        if isinstance(value, str):
            head, _, rest = value.partition(" ")
            out[key] = " ".join(p for p in (table.get(head, head), rest) if p)
    return out


def error_message(err: InputError, lang: str) -> str:
    """The message of an input error in ``lang``, without the file and field."""
    templates = ERRORS_ID if lang == "id" else MESSAGES
    params = _words(dict(err.params), lang)
    text = render_message(err.code, params, templates)  # type: ignore[arg-type]  # str/int values only
    if err.more:
        text += _MORE[lang if lang in _MORE else "en"].format(n=err.more, s="s" if err.more > 1 else "")
    return text


def entry_error(entry: object, lang: str) -> str:
    """Why a listed file could not be read (its row already names the file)."""
    err = getattr(entry, "error", None)
    return error_text(err.replaced(path=None), lang) if isinstance(err, InputError) else ""


def error_text(err: InputError, lang: str) -> str:
    """``file: field: message`` in ``lang``, as the CLI prints it and the app shows it."""
    field = field_text(err.field, lang) if err.field is not None else None
    # Served, a participant sees paths as they know them (relative to their workspace), never the
    # server's layout: typing "~" in the open dialog showed the workspace's absolute path.
    path = shown_path(err.path) if err.path and root() is not None else err.path
    parts = [p for p in (path, field) if p]
    return ": ".join([*parts, error_message(err, lang)])
