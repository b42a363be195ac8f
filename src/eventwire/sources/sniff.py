"""Tell a page's format from its first bytes, not from its file name."""

from __future__ import annotations

import json
import re
from datetime import date

from .decode import bom_encoding

HEAD_BYTES = 64 * 1024

GZIP_MAGIC = b"\x1f\x8b"

# Formats that are surely not pages; named in the skip reason so the user knows what it was.
_BINARY_MAGIC = (
    (b"%PDF-", "PDF document"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"), (b"PK\x03\x04", "ZIP archive"), (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 archive"), (b"\xfd7zXZ", "xz archive"), (b"(\xb5/\xfd", "zstd archive"),
    (b"SQLite format 3", "SQLite database"), (b"PAR1", "Parquet file"),
)

NOT_A_PAGE = "not a text, HTML, WARC or JSONL page"

# Control bytes that never occur in text (tab, newline, form feed, carriage return and
# escape do).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_BINARY_RATIO = 0.10

_DUMP_DATE = re.compile(r"\A\s*date (\d{4})-(\d{2})-(\d{2})(?=\s|\Z)")
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         r"<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAG = re.compile(r"<(?:/?(?:html|head|body|p|div|span|a|br|table|tr|td|li|ul|ol|h[1-6]|"
                       r"script|style|meta|link|title|article|section|nav|header|footer|img)\b)",
                       re.I)
_MANY_TAGS = 5


def binary_reason(head: bytes) -> str | None:
    """Why ``head`` is not text (a known binary format, or too many control bytes), or None."""
    for magic, name in _BINARY_MAGIC:
        if head.startswith(magic):
            return f"binary content ({name}) - {NOT_A_PAGE}"
    if bom_encoding(head):  # UTF-16/32 text is full of NULs yet is text
        return None
    sample = head[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    ratio = controls / len(sample) if sample else 0.0
    if ratio > _BINARY_RATIO:
        return f"binary content ({ratio:.0%} control bytes) - {NOT_A_PAGE}"
    return None


def head_text(head: bytes) -> str:
    """The head as text, good enough to look for markers (a cut multibyte char is dropped)."""
    return head.decode(bom_encoding(head) or "utf-8", errors="ignore").lstrip("\ufeff")


def dump_header_date(text: str) -> tuple[date, int] | None:
    """The date of a leading ``date YYYY-MM-DD`` token and where the page text starts."""
    m = _DUMP_DATE.match(text)
    if not m:
        return None
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    end = m.end()
    if end < len(text) and text[end] in " \t":
        end += 1  # the one separator after the token belongs to the token
    elif text.startswith("\r\n", end):
        end += 2
    elif end < len(text) and text[end] in "\r\n":
        end += 1
    return day, end


def looks_like_jsonl(text: str, complete: bool) -> bool:
    """Most of the first lines start with ``{`` and at least one parses as a JSON object.

    Not just the first line: one broken record at the top must not turn an export into text.
    """
    lines = text.splitlines()
    if not complete and lines:
        last = lines.pop()  # cut at the head boundary
        if not lines:
            return last.lstrip().startswith('{"')
    lines = [line.strip() for line in lines if line.strip()][:10]
    if not lines or sum(line.startswith("{") for line in lines) * 2 < len(lines):
        return False
    for line in lines:
        try:
            if isinstance(json.loads(line), dict):
                return True
        except ValueError:
            continue
    return False


def looks_like_html(text: str, *, strict: bool) -> bool:
    if _HTML_START.match(text):
        return True
    if strict:
        return False
    return len(_HTML_TAG.findall(text, 0, 16384)) >= _MANY_TAGS


def sniff(head: bytes, complete: bool) -> tuple[str | None, str | None]:
    """(format, None) for a readable page, or (None, reason) for one to skip.

    ``head`` is the first bytes of the stream; ``complete`` says whether it is all of it.
    Formats: gzip (look inside), warc, jsonl, html, text-dump, text.
    """
    if head.startswith(GZIP_MAGIC):
        return "gzip", None
    if head.startswith(b"WARC/"):
        return "warc", None
    if not head.strip():
        if complete:
            return None, "empty file" if not head else "empty file (only whitespace)"
        return "text", None  # megabytes of blanks first; the page reader decides
    reason = binary_reason(head)
    if reason:
        return None, reason
    text = head_text(head)
    if looks_like_jsonl(text, complete):
        return "jsonl", None
    if looks_like_html(text, strict=True):
        return "html", None
    if dump_header_date(text):
        return "text-dump", None
    if looks_like_html(text, strict=False):
        return "html", None
    return "text", None
