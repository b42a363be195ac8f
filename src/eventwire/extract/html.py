"""HTML pages -> Article through trafilatura (body, title, author, date, site, tags)."""

from __future__ import annotations

import re
from datetime import datetime

from ..model import Article, Document
from ..registry import SkipDocument
from .fields import clean_line, normalise_name, parse_dateline

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:\-]+)""", re.IGNORECASE)
# The publication time most pages state in their head; htmldate gives the day only.
_PUBLISHED_TIME = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|"""
    r"""datePublished|pubdate|publish-date|og:published_time|dc.date.issued)["'][^>]*>""",
    re.IGNORECASE)
_CONTENT_ATTR = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_ISO_MINUTE = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})")


def decode_html(data: bytes | str, charset: str | None = None) -> str:
    """HTML bytes as text: the HTTP charset, else the page's meta charset, else detection."""
    if isinstance(data, str):
        return data
    for name in (charset, _meta_charset(data)):
        if name:
            try:
                return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return data.decode(best.encoding if best else "latin-1", "replace")


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def extract_html_article(doc: Document, html: str) -> Article:
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise SkipDocument("HTML could not be parsed")
    captions = _figcaptions(tree)
    # Tables stay in: articles carry results and figures in them (aeb dev F1 0.962 -> 0.971).
    result = trafilatura.bare_extraction(
        tree, url=doc.url, include_comments=False, include_tables=True, with_metadata=True,
        favor_precision=True, date_extraction_params={"extensive_search": True,
                                                      "original_date": True})
    if result is None or not (result.text or "").strip():
        raise SkipDocument("no article body found in the HTML")
    art = Article(doc_id=doc.doc_id, url=doc.url or result.url)
    art.paragraphs = [p for p in (clean_line(x) for x in result.text.split("\n")) if p]
    art.title = clean_line(result.title) if result.title else None
    # trafilatura sometimes keeps the headline as the first paragraph.
    if art.title and art.paragraphs and art.paragraphs[0] == art.title:
        art.paragraphs.pop(0)
    art.subtitle = clean_line(result.description) if result.description else None
    art.byline = [normalise_name(a) for a in re.split(r";\s*", result.author or "") if a.strip()]
    art.site = result.sitename or result.hostname
    art.tags = _unique([*(result.categories or []), *(result.tags or [])])
    art.captions = [c for c in captions if c not in art.paragraphs]
    _set_published(art, result.date, html)
    return art


def _figcaptions(tree) -> list[str]:
    out: list[str] = []
    for node in tree.iter("figcaption"):
        text = clean_line(node.text_content())
        if text and text not in out:
            out.append(text)
    return out


def _set_published(art: Article, day: str | None, html: str) -> None:
    if not day:
        return
    try:
        published = datetime.fromisoformat(day)
    except ValueError:
        parsed = parse_dateline(day)
        if not parsed:
            return
        published = parsed[0]
    art.published, art.published_precision = published, "day"
    # Upgrade to minute precision when the head states a time on the same day.
    for tag in _PUBLISHED_TIME.findall(html[:200_000]):
        content = _CONTENT_ATTR.search(tag)
        m = _ISO_MINUTE.search(content.group(1)) if content else None
        if m and m.group(1) == published.date().isoformat():
            art.published = published.replace(hour=int(m.group(2)), minute=int(m.group(3)))
            art.published_precision = "minute"
            return


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        item = clean_line(item)
        if item and item not in out:
            out.append(item)
    return out
