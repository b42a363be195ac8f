"""Turn the user's INPUT arguments (files, directories, globs, ``-``) into paths to read."""

from __future__ import annotations

import glob
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

STDIN = "-"

# In a directory walk, files that document or build a collection rather than belong to it
# (a README, the script that made the crawl). Named explicitly, any file is read.
NOT_PAGES = frozenset({".py", ".pyc", ".md", ".rst", ".yaml", ".yml", ".toml", ".cfg", ".ini",
                       ".lock", ".sh"})


def resolve_inputs(inputs: Iterable[str]) -> list[str]:
    """Check every input up front, so a typo fails before any work is done.

    Returns files, directories and ``-``, in the order given; glob matches sorted.
    """
    resolved: list[str] = []
    for item in inputs:
        if item == STDIN or os.path.exists(item):
            resolved.append(item)
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise FileNotFoundError(f"no file matches the pattern {item!r}")
            resolved.extend(matches)
        else:
            raise FileNotFoundError(f"input not found: {item!r} (no such file or directory)")
    return resolved


def iter_files(resolved: Iterable[str]) -> Iterator[str]:
    """Files under each input; directories walked recursively in sorted order.

    Hidden entries, ``__pycache__`` and code or documentation files (:data:`NOT_PAGES`) are
    passed over: they are never pages.
    """
    for item in resolved:
        if item != STDIN and os.path.isdir(item):
            yield from _walk(item)
        else:
            yield item


def _walk(top: str) -> Iterator[str]:
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() not in NOT_PAGES:
                yield os.path.join(root, name)


def spool_stdin(stdin: Any = None) -> IO[bytes]:
    """Stdin copied into a seekable temporary file (in memory while small), so the readers
    can sniff its head and rewind, as they do with files."""
    stream = stdin if stdin is not None else sys.stdin.buffer
    stream = getattr(stream, "buffer", stream)
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    first = stream.read(1 << 16)
    if isinstance(first, str):  # a text stream (io.StringIO in a test, say)
        spool.write(first.encode("utf-8"))
        while chunk := stream.read(1 << 16):
            spool.write(chunk.encode("utf-8"))
    else:
        spool.write(first)
        shutil.copyfileobj(stream, spool)
    spool.seek(0)
    return spool
