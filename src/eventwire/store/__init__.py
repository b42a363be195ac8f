"""store: the DuckDB file every door (CLI, Python API, web) reads and the pipeline writes."""

from .duck import DEFAULT_DB, Store
from .schema import TABLES

__all__ = ["DEFAULT_DB", "Store", "TABLES"]
