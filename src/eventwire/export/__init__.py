"""export: the store's tables as files other tools read (Parquet, CSV, JSONL)."""

from .tables import export_tables

__all__ = ["export_tables"]
