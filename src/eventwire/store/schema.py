"""The DuckDB schema. One file holds the whole store; every table is keyed by deterministic ids
so writes are idempotent."""

SCHEMA_VERSION = 1

TABLES = {
    "documents": """
        doc_id VARCHAR PRIMARY KEY, source VARCHAR, url VARCHAR, format VARCHAR,
        record_offset BIGINT, header_date DATE, content_hash VARCHAR, n_bytes BIGINT,
        run_id VARCHAR, ingested_at TIMESTAMP""",
    "articles": """
        doc_id VARCHAR PRIMARY KEY, title VARCHAR, subtitle VARCHAR, byline VARCHAR[],
        published TIMESTAMP, published_precision VARCHAR, site VARCHAR, url VARCHAR,
        language VARCHAR, body VARCHAR, paragraphs VARCHAR[], captions VARCHAR[],
        photo_credits VARCHAR[], tags VARCHAR[], text VARCHAR""",
    "sentences": """
        doc_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        PRIMARY KEY (doc_id, idx)""",
    "mentions": """
        doc_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        label VARCHAR, sentence INTEGER, actor_id VARCHAR, place_id VARCHAR, source VARCHAR,
        PRIMARY KEY (doc_id, idx)""",
    "times": """
        doc_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        sentence INTEGER, kind VARCHAR, span_start DATE, span_end DATE, precision VARCHAR,
        value VARCHAR, PRIMARY KEY (doc_id, idx)""",
    "actors": """
        actor_id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, country VARCHAR,
        sector VARCHAR, aliases VARCHAR[], parent VARCHAR, qid VARCHAR, provisional BOOLEAN""",
    "places": """
        place_id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, lat DOUBLE, lon DOUBLE,
        country VARCHAR, admin1 VARCHAR, precision VARCHAR""",
    "relations": """
        relation_id VARCHAR PRIMARY KEY, doc_id VARCHAR, subject_id VARCHAR, predicate VARCHAR,
        object_id VARCHAR, evidence VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
        confidence DOUBLE""",
    "events": """
        event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, event_type VARCHAR, mode VARCHAR,
        source_actor_id VARCHAR, target_actor_id VARCHAR, source_text VARCHAR,
        target_text VARCHAR, trigger VARCHAR, modality VARCHAR, evidence VARCHAR,
        evidence_start INTEGER, evidence_end INTEGER, time_start DATE, time_end DATE,
        time_precision VARCHAR, time_value VARCHAR, time_source VARCHAR, place_id VARCHAR,
        place_source VARCHAR, confidence DOUBLE, source_basis VARCHAR,
        target_basis VARCHAR""",
    "skipped": """
        doc_id VARCHAR, stage VARCHAR, reason VARCHAR, source VARCHAR, run_id VARCHAR,
        PRIMARY KEY (doc_id, stage)""",
    "runs": """
        run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,
        version VARCHAR, config JSON, inputs VARCHAR[], n_documents BIGINT, n_new BIGINT,
        n_skipped BIGINT, n_events BIGINT, timings JSON""",
    # Site templates (see store/templates.py): pages per site and pages per (site, line).
    "site_pages": "site VARCHAR, doc_id VARCHAR, PRIMARY KEY (site, doc_id)",
    "site_lines": "site VARCHAR, line VARCHAR, pages INTEGER, PRIMARY KEY (site, line)",
    "meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
}


# Columns added after a table was first released: (table, column, type). A store written by
# an earlier version gains them (empty) when it is opened.
ADDED_COLUMNS = [("events", "source_basis", "VARCHAR"), ("events", "target_basis", "VARCHAR")]


def create_all(con) -> None:
    for name, columns in TABLES.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
    for table, column, kind in ADDED_COLUMNS:
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
    con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
