"""Bytes to text: BOM, then strict UTF-8, then charset-normalizer, then Windows-1252/Latin-1."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)

# Legacy encodings that news sites actually serve (the WHATWG encoding list, minus the rare
# ones). Letting charset-normalizer pick from every codec Python knows makes it call short
# Latin-1 text "cp775" or "cp037".
_WEB_ENCODINGS = [
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "iso8859_2", "iso8859_7", "iso8859_8", "koi8_r", "koi8_u", "cp874",
    "gb18030", "big5", "shift_jis", "euc_jp", "iso2022_jp", "euc_kr",
]

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def normalise_charset(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None if Python does not know it."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def declared_html_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its top."""
    m = _CHARSET_RE.search(head[:4096])
    return normalise_charset(m.group(1).decode("ascii", "ignore")) if m else None


def detect_encoding(data: bytes) -> str:
    bom = bom_encoding(data)
    if bom:
        return bom
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(charset_normalizer.from_bytes(data, cp_isolation=_WEB_ENCODINGS))
    if not matches:
        return "cp1252" if _decodes(data, "cp1252") else "latin-1"
    best = matches[0]
    # charset-normalizer cannot tell the single-byte Latin code pages apart on short text
    # and ties them; Windows-1252 is the web's default for unlabelled Western pages.
    for m in matches:
        if m.encoding == "cp1252" and m.chaos <= best.chaos and m.coherence >= best.coherence:
            return "cp1252"
    return best.encoding


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode page bytes; returns the text and the encoding used.

    A declared charset (HTTP header, ``<meta>``) wins when the bytes decode cleanly with it.
    """
    declared = normalise_charset(declared)
    if declared == "iso8859-1" and _decodes(data, "cp1252"):
        declared = "cp1252"  # what browsers do: the label means Windows-1252 on the web
    if declared and not bom_encoding(data) and _decodes(data, declared):
        return data.decode(declared), declared
    encoding = detect_encoding(data)
    return data.decode(encoding, errors="replace"), encoding


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
        return True
    except (UnicodeDecodeError, LookupError):
        return False
