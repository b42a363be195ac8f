"""Building Documents: ids from content, or from where a skipped record sat."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import Document, content_hash, stable_id

DEFAULT_MAX_BYTES = 10_000_000  # one page over 10 MB is almost surely not an article


def make_document(source: str, content: bytes | str, fmt: str, *, record_offset: int | None = None,
                  url: str | None = None, header_date: date | None = None,
                  meta: dict[str, Any] | None = None) -> Document:
    """A readable page. The id is the content hash, so re-ingesting the same page is a no-op."""
    digest = content_hash(content)
    return Document(doc_id=digest[:16], source=source, content=content, format=fmt,
                    content_hash=digest, record_offset=record_offset, url=url,
                    header_date=header_date, meta=meta or {})


def skipped_document(source: str, reason: str, *, record_offset: int | None = None,
                     fmt: str = "unknown", url: str | None = None,
                     meta: dict[str, Any] | None = None) -> Document:
    """A record we could not read. There is no trustworthy content to hash, so the id comes
    from the source path and offset: the same bad record keeps the same id across runs."""
    digest = content_hash(f"skipped\x00{source}\x00{record_offset}")
    return Document(doc_id=stable_id(source, record_offset), source=source, content=b"",
                    format=fmt, content_hash=digest, record_offset=record_offset, url=url,
                    meta=meta or {}, skip_reason=reason)


def size_reason(size: int, max_bytes: int) -> str:
    return (f"page is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit "
            f"(raise --max-bytes to read it)")


class PageTooLarge(Exception):
    def __init__(self, size: int, max_bytes: int) -> None:
        super().__init__(size_reason(size, max_bytes))
        self.size = size


def read_limited(stream: Any, max_bytes: int, known_size: int | None = None) -> bytes:
    """Read one page, refusing (without holding it) anything over ``max_bytes``.

    With a known size (a plain file) nothing is read at all; otherwise at most ``max_bytes``
    are held and the rest is only counted, for the message.
    """
    if known_size is not None and known_size > max_bytes:
        raise PageTooLarge(known_size, max_bytes)
    data = stream.read(max_bytes + 1)
    if len(data) <= max_bytes:
        return data
    size = len(data)
    del data
    while chunk := stream.read(1 << 20):
        size += len(chunk)
    raise PageTooLarge(size, max_bytes)
