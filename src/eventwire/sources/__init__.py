"""Sources: raw pages in, :class:`~eventwire.model.Document` out.

:func:`read_inputs` takes files, directories, glob patterns and ``-`` (stdin), tells each
page's format from its content (the extension is never trusted), and yields Documents lazily.
Bad data never raises: an empty, binary, truncated or oversized page becomes a Document with
``skip_reason`` set, and the batch goes on. Only a missing input (a user error) raises.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ..model import Document
from .decode import decode_text, detect_encoding
from .documents import DEFAULT_MAX_BYTES, skipped_document
from .inputs import STDIN, iter_files, resolve_inputs, spool_stdin
from .jsonl import read_jsonl
from .pages import read_page
from .sniff import HEAD_BYTES, sniff
from .warc import read_warc

__all__ = ["DEFAULT_MAX_BYTES", "decode_text", "detect_encoding", "read_file", "read_inputs",
           "read_stream", "sniff"]

STDIN_SOURCE = "<stdin>"


def read_inputs(inputs: Iterable[str], stdin: Any = None, *,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """Documents from every input, in order (directory contents sorted).

    Raises FileNotFoundError at once, before anything is read, if an input does not exist
    or a glob matches nothing.
    """
    resolved = resolve_inputs(inputs)
    return _read_all(resolved, stdin, max_bytes)


def _read_all(resolved: list[str], stdin: Any, max_bytes: int) -> Iterator[Document]:
    for path in iter_files(resolved):
        if path == STDIN:
            with spool_stdin(stdin) as spool:
                yield from read_stream(spool, STDIN_SOURCE, max_bytes=max_bytes)
        else:
            yield from read_file(path, max_bytes=max_bytes)


def read_file(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    source = os.path.normpath(path)
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield skipped_document(source, f"cannot read file: {exc.strerror or exc}")
        return
    with stream:
        try:
            size: int | None = os.fstat(stream.fileno()).st_size
        except OSError:
            size = None
        yield from read_stream(stream, source, max_bytes=max_bytes, size=size)


def read_stream(stream: IO[bytes], source: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                size: int | None = None) -> Iterator[Document]:
    """Documents from one seekable binary stream, whatever its format."""
    if size is None:
        size = _stream_size(stream)
    try:
        head = stream.read(HEAD_BYTES)
        stream.seek(0)
    except OSError as exc:
        yield skipped_document(source, f"cannot read file: {exc.strerror or exc}")
        return
    fmt, reason = sniff(head, complete=size is not None and len(head) >= size)
    if reason:
        yield skipped_document(source, reason)
    elif fmt == "gzip":
        yield from _read_gzip(stream, source, max_bytes, size)
    elif fmt == "warc":
        yield from read_warc(stream, source, max_bytes=max_bytes, total_size=size)
    else:
        yield from _read_format(stream, source, fmt, max_bytes, size)


def _read_format(stream: IO[bytes], source: str, fmt: str, max_bytes: int,
                 size: int | None, meta: dict[str, Any] | None = None) -> Iterator[Document]:
    if fmt == "jsonl":
        yield from read_jsonl(stream, source, max_bytes=max_bytes)
    else:
        yield from read_page(stream, source, fmt, max_bytes=max_bytes, known_size=size,
                             meta=meta)


def _read_gzip(stream: IO[bytes], source: str, max_bytes: int,
               size: int | None) -> Iterator[Document]:
    """A gzipped WARC goes to warcio whole (it needs the member offsets, and reads the records
    before a cut); anything else is read through the decompressor like the file it holds."""
    if _gzip_holds_warc(stream):
        yield from read_warc(stream, source, max_bytes=max_bytes, total_size=size)
        return
    inner = gzip.GzipFile(fileobj=stream, mode="rb")
    try:
        head = inner.read(HEAD_BYTES)
        complete = inner.read(1) == b""
        inner.seek(0)
        fmt, reason = sniff(head, complete=complete)
        if reason:
            yield skipped_document(source, f"{reason} (inside gzip)", fmt="gzip")
            return
        yield from _read_format(inner, source, fmt, max_bytes, None, {"compression": "gzip"})
    except (OSError, EOFError, zlib.error) as exc:
        yield skipped_document(source, f"corrupt or truncated gzip file: {exc}", fmt="gzip")


def _gzip_holds_warc(stream: IO[bytes]) -> bool:
    """Whether the first gzip member starts with a WARC header, decompressing only a few
    bytes of it (so a truncated or corrupt tail does not matter here)."""
    try:
        start = zlib.decompressobj(wbits=31).decompress(stream.read(HEAD_BYTES), 16)
    except zlib.error:
        start = b""
    stream.seek(0)
    return start.startswith(b"WARC/")


def _stream_size(stream: IO[bytes]) -> int | None:
    try:
        pos = stream.tell()
        end = stream.seek(0, os.SEEK_END)
        stream.seek(pos)
        return end - pos
    except (OSError, AttributeError, ValueError):
        return None
