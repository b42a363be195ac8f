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
