"""Readers for single-page files: the seed's text dump, plain text and HTML."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from ..model import Document
from .decode import declared_html_charset, decode_text
from .documents import PageTooLarge, make_document, read_limited, skipped_document
from .sniff import dump_header_date


def read_page(stream: IO[bytes], source: str, fmt: str, *, max_bytes: int,
              known_size: int | None = None, meta: dict[str, Any] | None = None
              ) -> Iterator[Document]:
    """One Document for a text-dump, text or HTML page (``fmt`` as sniffed)."""
    meta = dict(meta or {})
    try:
        data = read_limited(stream, max_bytes, known_size)
    except PageTooLarge as exc:
        yield skipped_document(source, str(exc), fmt=fmt, meta=meta)
        return
    if not data.strip():
        yield skipped_document(source, "empty file" if not data else "empty file (only whitespace)",
                               fmt=fmt, meta=meta)
        return
    if fmt == "html":
        yield html_document(source, data, meta)
    else:
        yield text_document(source, data, meta)


def html_document(source: str, data: bytes, meta: dict[str, Any]) -> Document:
    """HTML stays bytes: the extractor (trafilatura) decodes it with the page's own charset."""
    charset = declared_html_charset(data)
    if charset:
        meta["charset"] = charset
    return make_document(source, data, "html", meta=meta)


def text_document(source: str, data: bytes, meta: dict[str, Any]) -> Document:
    text, encoding = decode_text(data)
    meta["encoding"] = encoding
    header = dump_header_date(text)
    if header is None:
        return make_document(source, text, "text", meta=meta)
    day, start = header
    return make_document(source, text[start:], "text-dump", header_date=day, meta=meta)
