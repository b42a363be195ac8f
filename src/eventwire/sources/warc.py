"""Reader for WARC and WET files (plain or gzipped), through warcio.

HTML ``response``/``resource`` records become ``warc`` Documents (payload bytes), ``conversion``
records become ``wet`` Documents (text). Requests, metadata, redirects, error pages and
non-HTML payloads are not pages and are passed over silently.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from ..model import Document
from .decode import decode_text
from .documents import PageTooLarge, make_document, read_limited, skipped_document
from .sniff import head_text, looks_like_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: IO[bytes], source: str, *, max_bytes: int,
              total_size: int | None = None) -> Iterator[Document]:
    """Documents for the page records of a WARC/WET stream.

    Records before a truncation come through normally; the truncated one becomes a skipped
    Document and reading stops there (nothing after a cut can be trusted). warcio itself is
    lenient with cut files, so each record is checked, and the last one is held back until
    its gzip member is known to be whole.
    """
    records = ArchiveIterator(stream)
    pending: Document | None = None
    offset = last = -1
    try:
        for record in records:
            offset = records.offset  # where this record starts; warcio moves it on read_to_end
            if not _header_complete(record):
                break  # warcio hands back a husk when the header is cut; reported below
            doc = _record_document(record, source, offset, max_bytes)
            records.read_to_end()
            missing = getattr(record.raw_stream, "limit", 0)
            if missing > 0:
                yield from _flush(pending)
                yield _truncated(source, offset, f"the file ends {missing} bytes before the "
                                                 f"end of this record", record)
                return
            yield from _flush(pending)
            pending, last, offset = doc, offset, -1
    except Exception as exc:  # warcio reports a cut or corrupt file in many ways
        yield from _flush(pending)
        yield skipped_document(source, f"truncated or corrupt WARC record at offset "
                                       f"{records.offset}: {type(exc).__name__}: {exc}",
                               record_offset=records.offset, fmt="warc")
        return
    if offset >= 0:
        yield from _flush(pending)
        yield _truncated(source, offset, "the file ends inside the record header")
    elif last >= 0 and _member_cut(stream, last):
        if pending is not None and pending.record_offset != last:
            yield pending
        yield _truncated(source, last, "the file ends inside this record")
    elif total_size is not None and records.offset < total_size:
        # warcio stops quietly when a gzip member ends before a record header is complete
        yield from _flush(pending)
        yield _truncated(source, records.offset, "the file ends inside this record")
    else:
        yield from _flush(pending)


def _header_complete(record: Any) -> bool:
    length = record.rec_headers.get_header("Content-Length") or ""
    return bool(record.rec_type) and length.strip().isdigit()


def _flush(doc: Document | None) -> Iterator[Document]:
    if doc is not None:
        yield doc


def _member_cut(stream: IO[bytes], offset: int) -> bool:
    """Whether the gzip member at ``offset`` (the last record) stops before its end mark:
    warcio yields such a record with whatever part of it decompressed."""
    try:
        stream.seek(offset)
        if stream.read(2) != b"\x1f\x8b":
            return False
        stream.seek(offset)
        member = zlib.decompressobj(wbits=31)
        while not member.eof and (chunk := stream.read(1 << 20)):
            member.decompress(chunk, 1 << 16)
            while member.unconsumed_tail and not member.eof:
                member.decompress(member.unconsumed_tail, 1 << 16)
        return not member.eof
    except (OSError, ValueError, zlib.error):
        return True


def _truncated(source: str, offset: int, detail: str, record: Any = None) -> Document:
    url = record.rec_headers.get_header("WARC-Target-URI") if record is not None else None
    return skipped_document(source, f"truncated WARC record at offset {offset}: {detail}",
                            record_offset=offset, fmt="warc", url=url)


def _record_document(record: Any, source: str, offset: int, max_bytes: int) -> Document | None:
    try:
        if record.rec_type in ("response", "resource"):
            return _html_record(record, source, offset, max_bytes)
        if record.rec_type == "conversion":
            return _text_record(record, source, offset, max_bytes)
    except Exception as exc:  # a bad payload (broken Content-Encoding...) costs one record
        url = record.rec_headers.get_header("WARC-Target-URI")
        return skipped_document(source, f"unreadable WARC record at offset {offset}: "
                                        f"{type(exc).__name__}: {exc}",
                                record_offset=offset, fmt="warc", url=url)
    return None


def _record_meta(record: Any, content_type: str | None) -> dict[str, Any]:
    headers = record.rec_headers
    meta: dict[str, Any] = {}
    # WARC-Date is when the page was crawled, not when it was published.
    for key, header in (("crawl_date", "WARC-Date"), ("warc_record_id", "WARC-Record-ID")):
        value = headers.get_header(header)
        if value:
            meta[key] = value
    if content_type:
        meta["content_type"] = content_type
        charset = _charset(content_type)
        if charset:
            meta["charset"] = charset
    return meta


def _html_record(record: Any, source: str, offset: int, max_bytes: int) -> Document | None:
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type")
    else:
        status, content_type = None, record.rec_headers.get_header("Content-Type")
    if content_type and not content_type.lower().startswith(_HTML_TYPES):
        return None
    meta = _record_meta(record, content_type)
    if status:
        meta["http_status"] = int(status)
    try:
        payload = read_limited(record.content_stream(), max_bytes)
    except PageTooLarge as exc:
        return skipped_document(source, str(exc), record_offset=offset, fmt="warc",
                                url=url, meta=meta)
    if not content_type and not looks_like_html(head_text(payload[:65536]), strict=False):
        return None  # untyped and not HTML: an image or script someone archived
    if not payload.strip():
        return skipped_document(source, "empty or undecodable HTTP payload",
                                record_offset=offset, fmt="warc", url=url, meta=meta)
    return make_document(source, payload, "warc", record_offset=offset, url=url,
                         meta=meta)


def _text_record(record: Any, source: str, offset: int, max_bytes: int) -> Document | None:
    url = record.rec_headers.get_header("WARC-Target-URI")
    content_type = record.rec_headers.get_header("Content-Type")
    meta = _record_meta(record, content_type)
    try:
        payload = read_limited(record.content_stream(), max_bytes)
    except PageTooLarge as exc:
        return skipped_document(source, str(exc), record_offset=offset, fmt="wet",
                                url=url, meta=meta)
    text, meta["encoding"] = decode_text(payload, meta.get("charset") or "utf-8")
    if not text.strip():
        return skipped_document(source, "empty text conversion", record_offset=offset,
                                fmt="wet", url=url, meta=meta)
    return make_document(source, text, "wet", record_offset=offset, url=url, meta=meta)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None
