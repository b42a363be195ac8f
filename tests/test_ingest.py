"""The batch runner over the store: idempotent re-runs, bad input, interrupted runs."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from eventwire.ingest import ingest
from tests.conftest import write_pages

DATA_TABLES = {
    "documents": "doc_id, source, format, content_hash",
    "articles": "doc_id, title, published, body",
    "sentences": "doc_id, idx, text",
    "mentions": "doc_id, idx, start_char, end_char, label, actor_id, place_id",
    "times": "doc_id, idx, text, span_start, span_end",
    "actors": "actor_id, name",
    "places": "place_id, name",
    "relations": "relation_id",
    "events": "event_id, event_type, source_actor_id, target_actor_id, modality",
    "skipped": "doc_id, stage, reason",
}


def snapshot(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(f"SELECT {cols} FROM {t}").fetchall(), key=repr)
                for t, cols in DATA_TABLES.items()}
    finally:
        con.close()


def test_second_run_adds_no_rows(tmp_path):
    pages = tmp_path / "pages"
    write_pages(pages, 6)
    db = tmp_path / "e.duckdb"
    first = ingest([str(pages)], str(db), progress=False)
    assert first.new == 6 and first.documents == 6
    before = snapshot(db)
    assert len(before["articles"]) == 6 and before["events"], "the pages hold attacks"
    second = ingest([str(pages)], str(db), progress=False)
    assert second.new == 0 and second.already == 6
    assert snapshot(db) == before


def test_bad_inputs_are_skipped_with_reasons_and_nothing_is_lost(tmp_path):
    pages = tmp_path / "pages"
    write_pages(pages, 2)
    db = tmp_path / "e.duckdb"
    ingest([str(pages)], str(db), progress=False)
    before = snapshot(db)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "junk.bin").write_bytes(bytes(range(256)) * 64)
    (bad / "latin1.txt").write_bytes(
        "Protesters marched through the caf\xe9 district of Tunis on Friday, demanding "
        "reforms. Police detained four organisers.\n".encode("latin-1"))
    summary = ingest([str(bad)], str(db), progress=False)
    assert summary.documents == 3
    after = snapshot(db)
    for table, rows in before.items():  # nothing stored before is lost
        assert set(rows) <= set(after[table])
    reasons = {Path(src).name: reason for src, reason in duckdb.connect(str(db), read_only=True)
               .execute("SELECT source, reason FROM skipped").fetchall()}
    assert "empty" in reasons["empty.txt"].lower()
    assert "binary" in reasons["junk.bin"].lower()
    assert "latin1.txt" not in reasons
    titles = [r for r in after["articles"] if "café" in (r[3] or "")]
    assert titles, "Latin-1 text is decoded, not skipped"


def test_killed_run_restarted_ends_with_the_rows_of_an_uninterrupted_run(tmp_path):
    pages = tmp_path / "pages"
    write_pages(pages, 40)
    clean_db = tmp_path / "clean.duckdb"
    ingest([str(pages)], str(clean_db), progress=False, batch_size=2)
    expected = snapshot(clean_db)

    db = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "eventwire.cli", "run", str(pages), "--db", str(db),
           "--batch-size", "2"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    seen, buf, deadline = 0, b"", time.monotonic() + 120
    os.set_blocking(proc.stderr.fileno(), False)
    while proc.poll() is None and time.monotonic() < deadline:
        chunk = proc.stderr.read() or b""
        buf += chunk
        counts = [int(n) for n in re.findall(rb"run: *(\d+)doc", buf)]
        seen = max(counts, default=0)
        if seen >= 6:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 6 <= seen < 40
    partial = snapshot(db)
    assert 0 < len(partial["documents"]) < 40

    subprocess.run(cmd + ["--quiet"], check=True)
    assert snapshot(db) == expected


ARABIC_PAGE = (
    " date 2022-06-01 الأخبار الرئيسية سياسة اقتصاد رياضة\n\n"
    "اجتماع وزراء الخارجية العرب في القاهرة\n\n"
    "عقد وزراء الخارجية العرب اجتماعا في القاهرة يوم الثلاثاء لبحث الأوضاع في المنطقة، "
    "وأكدوا في بيان ختامي على أهمية الحوار والتعاون بين الدول الأعضاء.\n\n"
    "وقال المتحدث باسم الجامعة إن الاجتماع ناقش عدة ملفات سياسية واقتصادية، وإن الوزراء "
    "اتفقوا على عقد اجتماع جديد خلال الأشهر المقبلة لمتابعة تنفيذ القرارات.\n\n"
    "حقوق النشر محفوظة\n")


def test_cli_batch_of_bad_pages_finishes_with_exit_0_and_reasons(tmp_path):
    """The Foundation's bad-input list, through the real CLI in a subprocess."""
    pages = tmp_path / "pages"
    write_pages(pages, 2)
    db = tmp_path / "e.duckdb"
    cmd = [sys.executable, "-m", "eventwire.cli", "run", "--db", str(db), "--quiet"]
    subprocess.run(cmd + [str(pages)], check=True)
    before = snapshot(db)

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "junk.dat").write_bytes(os.urandom(20_000))
    warc = Path(__file__).resolve().parents[1] / "samples" / "pages" / "06_crawl.warc.gz"
    data = warc.read_bytes()
    (bad / "cut.warc.gz").write_bytes(data[: int(len(data) * 0.8)])
    (bad / "latin1.txt").write_bytes(
        "Les manifestants ont d\xe9fil\xe9 \xe0 Paris. Protesters marched in Paris on Friday "
        "and police detained two people near the caf\xe9.\n".encode("latin-1"))
    with open(bad / "huge.txt", "wb") as f:  # 50 MB of text
        line = b"Officials said the talks would continue next week in Geneva.\n"
        f.write(line * (50_000_000 // len(line) + 1))
    (bad / "arabic.txt").write_text(ARABIC_PAGE, encoding="utf-8")

    proc = subprocess.run(cmd + [str(bad)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    after = snapshot(db)
    for table, rows in before.items():
        assert set(rows) <= set(after[table]), f"rows lost from {table}"

    con = duckdb.connect(str(db), read_only=True)
    reasons: dict[str, list[tuple[str, str]]] = {}
    for source, stage, reason in con.execute("SELECT source, stage, reason FROM skipped").fetchall():
        reasons.setdefault(Path(source).name, []).append((stage, reason))
    assert "empty" in reasons["empty.txt"][0][1].lower()
    assert "binary" in reasons["junk.dat"][0][1].lower()
    assert any("truncat" in r.lower() for _, r in reasons["cut.warc.gz"])
    assert "50." in reasons["huge.txt"][0][1] and "MB" in reasons["huge.txt"][0][1]
    assert "latin1.txt" not in reasons
    # The Arabic page is an article with its language, skipped by the English-only stages.
    arabic_id = con.execute("SELECT doc_id FROM documents WHERE source LIKE '%arabic.txt'"
                            ).fetchone()[0]
    lang = con.execute("SELECT language FROM articles WHERE doc_id = ?", [arabic_id]).fetchone()
    assert lang == ("ar",)
    stages = {stage for stage, reason in reasons["arabic.txt"] if "English" in reason}
    assert {"nlp", "events"} <= stages
    # The good record before the cut in the truncated WARC was still ingested.
    assert con.execute("SELECT count(*) FROM documents WHERE source LIKE '%cut.warc.gz' "
                       "AND doc_id IN (SELECT doc_id FROM articles)").fetchone()[0] >= 1
    con.close()
    # ... and a second run over the same bad folder adds nothing.
    subprocess.run(cmd + [str(bad)], check=True)
    assert snapshot(db) == after


def test_worker_pool_stores_the_same_rows_as_one_process(tmp_path):
    pages = tmp_path / "pages"
    write_pages(pages, 8)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest([str(pages)], str(one), progress=False, batch_size=2)
    summary = ingest([str(pages)], str(two), progress=False, batch_size=2, workers=2)
    assert summary.new == 8
    assert snapshot(two) == snapshot(one)
