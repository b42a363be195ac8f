"""Reader for JSON Lines exports: one article object per line (news-please's output as is)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from ..model import Document
from .decode import decode_text
from .documents import make_document, size_reason, skipped_document

# news-please and most scrapers name things this way; the first present key wins.
_TEXT_KEYS = ("text", "maintext")
_DATE_KEYS = ("date_publish", "date", "published", "date_published")
_META_KEYS = {"title": ("title",), "url": ("url",), "authors": ("authors", "author"),
              "language": ("language", "lang"), "site": ("source_domain", "site"),
              "description": ("description",)}


def read_jsonl(stream: IO[bytes], source: str, *, max_bytes: int) -> Iterator[Document]:
    """One Document per non-blank line; ``record_offset`` is the 1-based line number.

    A bad line becomes a skipped Document and the lines after it are still read.
    """
    lineno = 0
    while line := stream.readline(max_bytes + 1):
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line) + _skip_rest_of_line(stream)
            yield skipped_document(source, f"line {lineno}: {size_reason(size, max_bytes)}",
                                   record_offset=lineno, fmt="jsonl")
            continue
        if line.strip():
            yield _line_document(line, lineno, source)


def _skip_rest_of_line(stream: IO[bytes]) -> int:
    skipped = 0
    while chunk := stream.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _line_document(line: bytes, lineno: int, source: str) -> Document:
    def skip(reason: str) -> Document:
        return skipped_document(source, f"line {lineno} {reason}", record_offset=lineno,
                                fmt="jsonl")

    text = decode_text(line)[0].lstrip("\ufeff")
    try:
        obj = json.loads(text)
    except ValueError as exc:
        msg = getattr(exc, "msg", str(exc))
        col = getattr(exc, "colno", None)
        return skip(f"is not valid JSON: {msg}" + (f" (column {col})" if col else ""))
    if not isinstance(obj, dict):
        return skip(f"holds a JSON {type(obj).__name__}, not an object")
    return record_document(obj, source, lineno) or skip("has no text, maintext or html field")


def record_document(obj: dict[str, Any], source: str, lineno: int) -> Document | None:
    meta = _record_meta(obj)
    html = obj.get("html")
    body = next((obj[k] for k in _TEXT_KEYS if isinstance(obj.get(k), str) and obj[k].strip()),
                None)
    if isinstance(html, str) and html.strip():
        content, meta["inner_format"] = html, "html"
    elif body is not None:
        content, meta["inner_format"] = body, "text"
    else:
        return None
    return make_document(source, content, "jsonl", record_offset=lineno, url=meta.get("url"),
                         header_date=_parse_date(meta.get("date")), meta=meta)


def _record_meta(obj: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for name, keys in _META_KEYS.items():
        value = next((obj[k] for k in keys if obj.get(k)), None)
        if value:
            meta[name] = value
    day = next((obj[k] for k in _DATE_KEYS if obj.get(k)), None)
    if day:
        meta["date"] = day
    return meta


def _parse_date(value: Any) -> date | None:
    """The calendar day of an ISO-ish date string ("2023-03-03 14:10:00", "2023-03-03T...")."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
