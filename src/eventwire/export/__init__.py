"""export: the store as files other tools read.

* ``export_tables``: every table as Parquet, CSV or JSONL (``tables.py``);
* ``export_events``: the events in an event-data format -- PLOVER JSON records
  (``plover.py``), ACLED-style CSV (``acled.py``) or GDELT-style TSV with CAMEO root codes
  (``gdelt.py``); each module's docstring lists its fields."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..store.queries import REALISED
from .acled import write_acled
from .gdelt import write_gdelt
from .plover import write_plover
from .records import event_rows, iter_event_rows, parse_modality
from .tables import export_tables

EVENT_FORMATS = {"plover": "events.plover.jsonl", "acled": "events.acled.csv",
                 "gdelt": "events.gdelt.tsv"}


@dataclass(slots=True)
class EventExport:
    path: Path
    written: int
    left_out: int = 0  # events the format does not code (ACLED: no ACLED type for them)


def export_events(con, out: Path, fmt: str,
                  modality: tuple[str, ...] | None = REALISED) -> EventExport:
    """Write the events of the given modalities (None: all) to ``out/<EVENT_FORMATS[fmt]>``."""
    if fmt not in EVENT_FORMATS:
        raise ValueError(f"unknown event format {fmt!r}; use one of {', '.join(EVENT_FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    path = out / EVENT_FORMATS[fmt]
    rows = iter_event_rows(con, modality)
    tmp = path.with_suffix(path.suffix + ".tmp")
    left_out = 0
    if fmt == "plover":
        written = write_plover(rows, tmp)
    elif fmt == "acled":
        written, left_out = write_acled(rows, tmp)
    else:
        written = write_gdelt(rows, tmp)
    tmp.replace(path)  # a half-written export never looks finished
    return EventExport(path, written, left_out)


__all__ = ["EVENT_FORMATS", "EventExport", "event_rows", "export_events", "export_tables",
           "iter_event_rows", "parse_modality"]
