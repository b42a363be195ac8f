"""The DuckDB store: idempotent writes, atomic batches, queries and exports."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest

from eventwire.export import export_tables
from eventwire.model import (Actor, Article, DocResult, Document, Event, Mention, Place,
                             Relation, Sentence, TimeSpan, content_hash, stable_id)
from eventwire.store import Store
from eventwire.store import queries


def _result(text: str = "Rebels shelled the town. Police arrested ten protesters.",
            modality: str = "asserted") -> DocResult:
    doc = Document(doc_id=content_hash(text)[:16], source="mem.txt", content=text,
                   format="text", content_hash=content_hash(text))
    art = Article(doc_id=doc.doc_id, title="Shelling", paragraphs=[text], language="en",
                  published=datetime(2021, 5, 3, 10, 0), published_precision="minute",
                  byline=["A. Writer"], tags=["conflict"])
    art.build_text()
    r = DocResult(document=doc, article=art)
    r.sentences = [Sentence(0, 0, 24, text[:24])]
    r.mentions = [Mention(0, 6, "Rebels", "AGENT", 0, actor_id="SYR-REB")]
    r.actors = {"SYR-REB": Actor("SYR-REB", "Syrian rebels", "agent", "SYR", "REB"),
                "SYR": Actor("SYR", "Syria", "state", "SYR", "GOV")}
    r.places = {"gn:1": Place("gn:1", "Idlib", "city", 35.93, 36.63, "SYR", None, "city")}
    r.relations = [Relation(stable_id(doc.doc_id, "SYR-REB", "part_of", "SYR"), doc.doc_id,
                            "SYR-REB", "part_of", "SYR", text[:24], 0, 24)]
    r.events = [Event(stable_id(doc.doc_id, 0, "ASSAULT"), doc.doc_id, "ASSAULT", "artillery",
                      "SYR-REB", None, "Rebels", "the town", "shelled", modality, text[:24], 0,
                      24, TimeSpan(date(2021, 5, 1), date(2021, 5, 2), "day"), "text", "gn:1",
                      "text", 0.8)]
    return r


def _counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in ("documents", "articles", "sentences", "mentions",
                                        "actors", "places", "relations", "events", "skipped")}


def test_second_write_of_same_document_adds_no_rows(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        assert store.write([_result()]) == 1
        first = _counts(store)
        assert store.write([_result()]) == 0
        assert _counts(store) == first
        assert first["events"] == 1 and first["actors"] == 2 and first["documents"] == 1


def test_same_page_twice_in_one_batch_is_one_document(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        assert store.write([_result(), _result()]) == 1
        assert store.count("documents") == 1


def test_failed_batch_is_rolled_back_and_earlier_rows_kept(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write([_result("First page about a strike on a market.")])
        bad = _result("Second page.")
        bad.events[0].evidence_start = "not a number"  # type: ignore[assignment]
        with pytest.raises(duckdb.Error):
            store.write([_result("Third page is fine."), bad])
        assert store.count("documents") == 1
        assert store.count("articles") == 1
        assert store.known_ids([bad.doc_id]) == set()


def test_skips_are_recorded_with_reason(tmp_path):
    r = _result("x")
    r.article = None
    r.sentences, r.mentions, r.events, r.relations = [], [], [], []
    r.skip("source", "empty file")
    with Store(tmp_path / "s.duckdb") as store:
        store.write([r])
        assert store.con.execute("SELECT stage, reason FROM skipped").fetchall() == [
            ("source", "empty file")]
        assert store.count("documents") == 1  # so a re-run does not retry it


def test_event_query_filters_and_realised_default(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write([_result(), _result("Militants may attack the base.", "hypothetical")])
        rows = queries.events(store.con)
        assert [r["modality"] for r in rows] == ["asserted"]
        e = rows[0]
        assert e["type"] == "ASSAULT" and e["source"]["name"] == "Syrian rebels"
        assert e["place"]["name"] == "Idlib" and e["place"]["lat"] == pytest.approx(35.93)
        assert e["date"]["start"] == date(2021, 5, 1)
        assert e["evidence"]["sentence"] == "Rebels shelled the town."
        assert len(queries.events(store.con, modality=None)) == 2
        assert len(queries.events(store.con, modality=("hypothetical",))) == 1
        assert queries.events(store.con, actor="rebels")
        assert not queries.events(store.con, actor="Hezbollah")
        assert queries.events(store.con, event_type="assault")
        assert not queries.events(store.con, event_type="PROTEST")
        assert queries.events(store.con, since=date(2021, 5, 2))
        assert not queries.events(store.con, since=date(2021, 5, 3))
        assert not queries.events(store.con, until=date(2021, 4, 30))
        assert queries.events(store.con, place="SYR")
        assert queries.events(store.con, place="idlib")


def test_document_query_accepts_unique_prefix(tmp_path):
    r = _result()
    with Store(tmp_path / "s.duckdb") as store:
        store.write([r])
        data = queries.document(store.con, r.doc_id[:6])
        assert data["article"]["title"] == "Shelling"
        assert data["article"]["byline"] == ["A. Writer"]
        assert len(data["events"]) == 1 and len(data["relations"]) == 1
        assert queries.document(store.con, "zzzz") is None


def test_read_only_store_on_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="eventwire run"):
        Store(tmp_path / "missing.duckdb", read_only=True)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_tables_are_readable_by_duckdb(tmp_path, fmt):
    with Store(tmp_path / "s.duckdb") as store:
        store.write([_result()])
        written = export_tables(store.con, tmp_path / "out", fmt)
    paths = {t: p for t, p, _ in written}
    reader = {"parquet": "read_parquet", "csv": "read_csv_auto", "jsonl": "read_json_auto"}[fmt]
    con = duckdb.connect()
    events = con.execute(f"SELECT event_type, evidence FROM {reader}('{paths['events']}')").fetchall()
    assert events == [("ASSAULT", "Rebels shelled the town.")]
    tags = con.execute(f"SELECT tags FROM {reader}('{paths['articles']}')").fetchone()[0]
    assert tags in (["conflict"], "conflict")


def test_a_store_of_an_earlier_version_gains_the_new_columns(tmp_path):
    """A store written before events had source_basis/target_basis opens, read-only too,
    and keeps its rows."""
    from eventwire.store.schema import ADDED_COLUMNS, TABLES

    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        events_cols = TABLES["events"].replace(", source_basis VARCHAR,\n        target_basis VARCHAR", "")
        assert "basis" not in events_cols
        con.execute(f"CREATE TABLE events ({events_cols})")
        con.execute("INSERT INTO events (event_id, event_type) VALUES ('e1', 'ASSAULT')")
    with Store(path, read_only=True) as store:
        cols = {r[0] for r in store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}
        assert {c for t, c, _ in ADDED_COLUMNS if t == "events"} <= cols
        assert store.con.execute("SELECT event_id, target_basis FROM events").fetchall() == [("e1", None)]
    with Store(path) as store:
        assert store.write([_result()]) == 1
        assert store.count("events") == 2
