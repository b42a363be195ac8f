"""Write every store table to a file with DuckDB's own COPY (no pandas/pyarrow needed)."""

from __future__ import annotations

from pathlib import Path

from ..store.schema import TABLES

# Bookkeeping of the store itself, not data a user exports.
INTERNAL_TABLES = {"meta", "site_pages", "site_lines"}

_COPY_OPTIONS = {
    "parquet": "(FORMAT parquet, COMPRESSION zstd)",
    "csv": "(FORMAT csv, HEADER true)",
    "jsonl": "(FORMAT json)",
}


def export_tables(con, out: Path, fmt: str) -> list[tuple[str, Path, int]]:
    """Export each table to ``out/<table>.<fmt>``; returns (table, path, rows) per table.

    CSV cannot hold lists, so list columns are joined with ' | ' there."""
    if fmt not in _COPY_OPTIONS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(_COPY_OPTIONS)}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        if table in INTERNAL_TABLES:
            continue
        path = out / f"{table}.{fmt}"
        select = f"SELECT * FROM {table}"
        if fmt == "csv":
            cols = con.execute(f"DESCRIBE {table}").fetchall()
            exprs = [f"array_to_string({name}, ' | ') AS {name}" if ctype.endswith("[]")
                     else name for name, ctype, *_ in cols]
            select = f"SELECT {', '.join(exprs)} FROM {table}"
        tmp = path.with_suffix(path.suffix + ".tmp")
        con.execute(f"COPY ({select}) TO '{tmp.as_posix()}' {_COPY_OPTIONS[fmt]}")
        tmp.replace(path)  # a half-written export never looks finished
        n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        written.append((table, path, n))
    return written
