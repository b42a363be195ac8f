"""eventwire: news pages in; a geolocated, time-resolved database of political and conflict
events and the actors behind them out.

>>> import eventwire
>>> result = eventwire.process("samples/some-page.txt")   # a path, or the page text itself
>>> result.article.title, [(e.event_type, e.evidence) for e in result.events]

For batches use :class:`eventwire.Pipeline` (``process_batch``), or the CLI ``eventwire run``
to fill a DuckDB store.
"""

from __future__ import annotations

from datetime import date as _date
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .model import DocResult
    from .pipeline import Pipeline

__all__ = ["process", "Pipeline", "__version__"]

_default_pipeline = None


def process(text_or_path: str | bytes | Path, date: _date | str | None = None) -> DocResult:
    """Run the whole pipeline on one page and return its :class:`~eventwire.model.DocResult`
    (``.article``, ``.events``, ``.actors``, ``.places``, ``.relations``, ``.skips``).

    ``text_or_path`` is a path to a page (any format ``eventwire run`` reads; the first
    document of a multi-record file) or the page itself as text/bytes. ``date`` (a date or
    YYYY-MM-DD) is the publication date to resolve relative dates against when the page
    does not state one.
    """
    global _default_pipeline
    from .pipeline import Pipeline
    import io

    from .sources import read_inputs, read_stream

    if isinstance(date, str):
        date = _date.fromisoformat(date)
    if isinstance(text_or_path, Path) or (
            isinstance(text_or_path, str) and "\n" not in text_or_path
            and len(text_or_path) < 4096 and Path(text_or_path).is_file()):
        doc = next(iter(read_inputs([str(text_or_path)])), None)
        if doc is None:
            raise ValueError(f"{text_or_path} holds no readable document")
    else:
        data = text_or_path.encode("utf-8") if isinstance(text_or_path, str) else text_or_path
        doc = next(iter(read_stream(io.BytesIO(data), "<text>")), None)
        if doc is None:
            raise ValueError("the given text holds no readable document")
    if date is not None and doc.header_date is None:
        doc.header_date = date
    if _default_pipeline is None:
        _default_pipeline = Pipeline()
    return _default_pipeline.process(doc)


def __getattr__(name: str):
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
