"""Idempotent writes of DocResults into one DuckDB file.

A batch of documents is written in one transaction, and a document counts as ingested only when its
``documents`` row is committed, so a run killed midway (even with kill -9) and started again ends with
exactly the rows of an uninterrupted run: the interrupted batch is rolled back and redone.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from ..model import DocResult
from .schema import ADDED_COLUMNS, create_all
from .templates import template_rows

DEFAULT_DB = "eventwire.duckdb"


def needs_upgrade(con) -> bool:
    """Whether the store open on ``con`` lacks a column this version added."""
    have = {r[0] for r in con.execute("SELECT table_name || '.' || column_name FROM "
                                      "information_schema.columns").fetchall()}
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    return any(t in tables and f"{t}.{c}" not in have for t, c, _ in ADDED_COLUMNS)


class Store:
    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(
                f"no eventwire store at {self.path}; create one with `eventwire run INPUT --db {self.path}`")
        self.con = duckdb.connect(self.path, read_only=read_only)
        if read_only and needs_upgrade(self.con):
            # a store written by an earlier version gains its new (empty) columns first
            self.con.close()
            try:
                with duckdb.connect(self.path) as con:
                    create_all(con)
            except duckdb.Error as exc:
                raise RuntimeError(
                    f"{self.path} was written by an earlier eventwire and needs new columns, but "
                    f"it cannot be opened for writing ({exc}); copy it somewhere writable or run "
                    f"`eventwire run` on it once") from exc
            self.con = duckdb.connect(self.path, read_only=True)
        if not read_only:
            create_all(self.con)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- reads used by the writer -------------------------------------------------------

    def known_ids(self, doc_ids: Sequence[str]) -> set[str]:
        """The ids among ``doc_ids`` already ingested (their documents row is committed)."""
        if not doc_ids:
            return set()
        # A cursor of its own: the batch runner may call this from a pool's feeder thread.
        cur = self.con.cursor()
        try:
            rows = cur.execute(
                "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
            ).fetchall()
        finally:
            cur.close()
        return {r[0] for r in rows}

    def count(self, table: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    # --- writes -----------------------------------------------------------------------------

    def write(self, results: Iterable[DocResult], run_id: str | None = None) -> int:
        """Write results in one transaction; returns how many documents were new."""
        results = list(results)
        known = self.known_ids([r.doc_id for r in results])
        fresh = [r for r in results if r.doc_id not in known]
        seen: set[str] = set()
        unique = []
        for r in fresh:  # the same page twice in one batch is one document
            if r.doc_id not in seen:
                seen.add(r.doc_id)
                unique.append(r)
        if not unique:
            return 0
        rows = _rows(unique, run_id)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for table, table_rows in rows.items():
                _insert(con, table, table_rows)
            _count_site_lines(con, [r.document for r in unique])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(unique)

    def start_run(self, run_id: str, version: str, config: dict, inputs: list[str]) -> None:
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, version, config, inputs) VALUES (?, ?, ?, ?, ?)",
            [run_id, _now(), version, json.dumps(config, default=str), inputs])

    def finish_run(self, run_id: str, n_documents: int, n_new: int, n_skipped: int,
                   n_events: int, timings: dict[str, float]) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, n_documents = ?, n_new = ?, n_skipped = ?, "
            "n_events = ?, timings = ? WHERE run_id = ?",
            [_now(), n_documents, n_new, n_skipped, n_events, json.dumps(timings), run_id])


# Shared rows (the same actor or place seen in many documents) are ignored when present.
_SHARED_TABLES = {"actors", "places", "relations", "events", "skipped"}
_ROWS_PER_STATEMENT = 256


def _insert(con, table: str, rows: list[tuple]) -> None:
    """Multi-row INSERTs: DuckDB's executemany binds one row per call, ~20x slower."""
    if not rows:
        return
    verb = "INSERT OR IGNORE" if table in _SHARED_TABLES else "INSERT"
    row_marks = "(" + ", ".join("?" * len(rows[0])) + ")"
    for i in range(0, len(rows), _ROWS_PER_STATEMENT):
        chunk = rows[i:i + _ROWS_PER_STATEMENT]
        sql = f"{verb} INTO {table} VALUES " + ", ".join([row_marks] * len(chunk))
        con.execute(sql, [v for row in chunk for v in row])


def _count_site_lines(con, docs) -> None:
    """Add new pages to the per-site line counts that site templates are learned from."""
    page_rows, line_rows = template_rows(docs)
    _insert(con, "site_pages", page_rows)
    counts = Counter((site, line) for site, line, _ in line_rows)
    rows = [(site, line, n) for (site, line), n in sorted(counts.items())]
    for i in range(0, len(rows), _ROWS_PER_STATEMENT):
        chunk = rows[i:i + _ROWS_PER_STATEMENT]
        con.execute("INSERT INTO site_lines VALUES " + ", ".join(["(?, ?, ?)"] * len(chunk))
                    + " ON CONFLICT (site, line) DO UPDATE SET pages = pages + excluded.pages",
                    [v for row in chunk for v in row])


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _rows(results: list[DocResult], run_id: str | None) -> dict[str, list[tuple]]:
    # Order matters only for readability; the transaction makes the batch atomic.
    out: dict[str, list[tuple]] = {name: [] for name in (
        "articles", "sentences", "mentions", "times", "actors", "places", "relations",
        "events", "skipped", "documents")}
    now = _now()
    for r in results:
        d = r.document
        n_bytes = len(d.content) if d.content is not None else 0
        out["documents"].append((d.doc_id, d.source, d.url, d.format, d.record_offset,
                                 d.header_date, d.content_hash, n_bytes, run_id, now))
        for s in r.skips:
            out["skipped"].append((s.doc_id, s.stage, s.reason, d.source, run_id))
        a = r.article
        if a is not None:
            out["articles"].append((a.doc_id, a.title, a.subtitle, a.byline, a.published,
                                    a.published_precision, a.site, a.url or d.url, a.language,
                                    a.body, a.paragraphs, a.captions, a.photo_credits, a.tags,
                                    a.text))
        for s in r.sentences:
            out["sentences"].append((r.doc_id, s.index, s.start, s.end, s.text))
        for i, m in enumerate(r.mentions):
            out["mentions"].append((r.doc_id, i, m.start, m.end, m.text, m.label, m.sentence,
                                    m.actor_id, m.place_id, m.source))
        for i, t in enumerate(r.times):
            out["times"].append((r.doc_id, i, t.start, t.end, t.text, t.sentence, t.kind,
                                 t.span.start, t.span.end, t.span.precision, t.span.value))
        for act in r.actors.values():
            out["actors"].append((act.actor_id, act.name, act.kind, act.country, act.sector,
                                  act.aliases, act.parent, act.qid, act.provisional))
        for p in r.places.values():
            out["places"].append((p.place_id, p.name, p.kind, p.lat, p.lon, p.country,
                                  p.admin1, p.precision))
        for rel in r.relations:
            out["relations"].append((rel.relation_id, rel.doc_id, rel.subject_id, rel.predicate,
                                     rel.object_id, rel.evidence, rel.evidence_start,
                                     rel.evidence_end, rel.confidence))
        for e in r.events:
            t = e.time
            out["events"].append((e.event_id, e.doc_id, e.event_type, e.mode, e.source_actor_id,
                                  e.target_actor_id, e.source_text, e.target_text, e.trigger,
                                  e.modality, e.evidence, e.evidence_start, e.evidence_end,
                                  t.start if t else None, t.end if t else None,
                                  t.precision if t else None, t.value if t else None,
                                  e.time_source, e.place_id, e.place_source, e.confidence,
                                  e.source_basis, e.target_basis))
    return out
