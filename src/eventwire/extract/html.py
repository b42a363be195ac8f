"""HTML pages -> Article through trafilatura (body, title, author, date, site, tags)."""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

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


# Elements trafilatura deletes anyway (its MANUALLY_CLEANED list) and that are never article
# text. Stripping them (tails kept) before it runs leaves its output unchanged on aeb dev and
# saves time, since its regex XPaths walk every element of the raw tree. The head and footers
# go last: the category search reads the head's section tag and entry footers.
_NEVER_TEXT = ("script", "style", "svg", "noscript", "iframe", "link", "template", "object",
               "embed", "video", "audio", "canvas", "nav", "aside", "button", "input", "select",
               "option", "textarea", "label", "menu", "dialog", etree.Comment)
_HEAD_AND_FOOTERS = ("head", "footer")
# trafilatura's fast mode skips its readability/justext comparison (a third of its time). When
# the fast body is this short the page is one where that comparison matters, so it reruns in
# full (aeb dev: one page in 90, F1 0.006 -> 1.0).
MIN_FAST_BODY_CHARS = 500
# A page whose one <article> holds this share of its paragraph text is that article: the
# body extractor then sees it alone (aeb dev: 46 pages in 90, 10% faster, F1 +0.0005).
ARTICLE_SHARE = 0.7


def extract_html_article(doc: Document, html: str) -> Article:
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise SkipDocument("HTML could not be parsed")
    meta = head_metadata(tree, doc.url)
    captions = _figcaptions(tree)
    strip_to_body(tree, meta)
    text = _body_text(tree, doc.url)
    if not text.strip():
        raise SkipDocument("no article body found in the HTML")
    art = Article(doc_id=doc.doc_id, url=doc.url or meta.url)
    art.paragraphs = [p for p in (clean_line(x) for x in text.split("\n")) if p]
    art.title = clean_line(meta.title) if meta.title else None
    # trafilatura sometimes keeps the headline as the first paragraph.
    if art.title and art.paragraphs and art.paragraphs[0] == art.title:
        art.paragraphs.pop(0)
    art.subtitle = clean_line(meta.description) if meta.description else None
    art.byline = [normalise_name(a) for a in re.split(r";\s*", meta.author or "") if a.strip()]
    art.site = meta.sitename or meta.hostname
    art.tags = _unique([*(meta.categories or []), *(meta.tags or [])])
    art.captions = [c for c in captions if c not in art.paragraphs]
    _set_published(art, meta.date, html)
    return art


def strip_to_body(tree, meta) -> None:
    """Strip the tree down for the body extractor, searching it on the way for the author,
    categories and tags the head did not give (trafilatura's searches, on a smaller tree)."""
    from trafilatura import metadata as tm

    etree.strip_elements(tree, *_NEVER_TEXT, with_tail=False)
    meta.categories = meta.categories or tm.extract_catstags("category", tree)
    meta.tags = meta.tags or tm.extract_catstags("tag", tree)
    etree.strip_elements(tree, *_HEAD_AND_FOOTERS, with_tail=False)
    meta.author = meta.author or tm.extract_author(tree)
    meta.clean_and_trim()
    _keep_only_article(tree)


def _keep_only_article(tree) -> None:
    articles = tree.xpath("//article")
    body = tree.find("body")
    if len(articles) != 1 or body is None:
        return
    total = _paragraph_chars(tree)
    if total and _paragraph_chars(articles[0]) >= ARTICLE_SHARE * total:
        for child in list(body):
            if child is not articles[0]:
                body.remove(child)
        if articles[0].getparent() is not body:
            body.append(articles[0])


def _paragraph_chars(node) -> int:
    return sum(len(p.text_content()) for p in node.iter("p"))


def _body_text(tree, url: str | None) -> str:
    """The main text by trafilatura: fast mode first, the full cascade when that comes up short."""
    import trafilatura

    # Tables stay in: articles carry results and figures in them (aeb dev F1 0.962 -> 0.971).
    params = dict(url=url, include_comments=False, include_tables=True, favor_precision=True,
                  with_metadata=False)
    result = trafilatura.bare_extraction(tree, fast=True, **params)
    text = (result.text or "") if result is not None else ""
    if len(text) < MIN_FAST_BODY_CHARS:
        result = trafilatura.bare_extraction(tree, fast=False, **params)
        full = (result.text or "") if result is not None else ""
        text = full if len(full) > len(text) else text
    return text


def head_metadata(tree, url: str | None):
    """Title, author, description, site, tags and day a page states in its head (meta tags,
    JSON-LD, <title>), as a trafilatura ``Document``; the caller searches the body for the
    author, categories and tags still missing once the tree is smaller.

    This is trafilatura's own metadata pass in pieces, less what costs most and adds least
    here: htmldate's extensive text search runs only when its markup pass found no day, and
    there is no licence."""
    from courlan import extract_domain
    from htmldate import find_date
    from trafilatura import metadata as tm

    meta = tm.examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a handle or a one-word site name, not a person
    try:
        meta = tm.extract_meta_json(tree, meta)
    except Exception:  # trafilatura's JSON-LD reader fails on malformed blocks; meta tags stand
        pass
    meta.title = meta.title or tm.extract_title(tree)
    meta.url = meta.url or tm.extract_url(tree, url)
    if meta.url:
        meta.hostname = extract_domain(meta.url, fast=True)
    meta.date = (find_date(tree, extensive_search=False, original_date=True, url=meta.url)
                 or find_date(tree, extensive_search=True, original_date=True, url=meta.url))
    meta.sitename = meta.sitename or tm.extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    return meta


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
