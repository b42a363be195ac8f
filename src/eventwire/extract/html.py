"""HTML pages -> Article through trafilatura (body, title, author, date, site, tags)."""

from __future__ import annotations

import re
from contextlib import contextmanager
from copy import copy
from datetime import datetime
from functools import lru_cache

from lxml import etree

from ..model import Article, Document
from ..registry import SkipDocument
from .fields import clean_line, normalise_name, parse_dateline
from .htmlmeta import (
    c_level_trafilatura,
    extract_author,
    extract_categories_and_tags,
    read_json_ld,
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:\-]+)""", re.IGNORECASE)
# The meta tags that state the publication time (htmldate gives the day only), by their
# property, name or itemprop, lower-cased.
_PUBLISHED_TIME_KEYS = frozenset({"article:published_time", "datepublished", "pubdate",
                                  "publish-date", "og:published_time", "dc.date.issued"})
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
    """The Article of an HTML page: metadata from its head, body text by trafilatura."""
    from trafilatura.utils import load_html

    with c_level_trafilatura(), _fast_pass_without_backup():
        try:
            return _article_from_tree(doc, parse_html(html))
        except (SkipDocument, ValueError):
            # lxml refuses control characters in the text trafilatura copies into its output
            # tree, so such a page comes out empty; trafilatura's loader strips them first.
            # Checked only here: the check costs 0.25 ms a page and few pages need it.
            if not has_xml_invalid_chars(html):
                raise
        return _article_from_tree(doc, load_html(html))


def _article_from_tree(doc: Document, tree) -> Article:
    if tree is None:
        raise SkipDocument("HTML could not be parsed")
    meta = head_metadata(tree, doc.url)
    published_times, captions = _published_times_and_captions(tree)
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
    _set_published(art, meta.date, published_times)
    return art


# lxml.html's own parser finds each element's Python class through a Python callback (form
# elements get their own classes); trafilatura needs none of those, and a C-level lookup
# parses aeb dev pages in 1.1 ms instead of 1.7 ms. Same options as trafilatura's parser.
_INVALID_XML_BYTES = bytes(c for c in range(32) if c not in (9, 10, 13))


@lru_cache(maxsize=1)
def _html_parser():
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                  remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))
    return parser


def parse_html(html: str):
    """The page's lxml tree (``HtmlElement`` nodes, as trafilatura expects), or ``None``.

    trafilatura's loader repairs a page before parsing; here its cheap repairs run (an
    XHTML doctype libxml2 misreads, a self-closing ``<html/>``) and its loader only for a
    page this parser cannot read. Control characters are the caller's to handle (see
    :func:`has_xml_invalid_chars`): trafilatura's regex for them costs 0.45 ms a page."""
    from lxml import html as lxml_html
    from trafilatura.utils import load_html

    html = _repair_start(html)
    try:
        tree = etree.fromstring(_as_utf8(html), parser=_html_parser())
    except (ValueError, etree.ParserError, etree.ParseError):
        tree = None
    if tree is None or len(tree) < 1 or tree.tag != "html" or not _whole_document(html, tree):
        return load_html(html)
    return tree


def _as_utf8(html: str) -> bytes | str:
    """The page as UTF-8 bytes, which lxml parses 15% faster than a str (0.17 ms a page on
    aeb dev, the encoding included); the str itself where it holds lone surrogates."""
    try:
        return html.encode("utf-8")
    except UnicodeEncodeError:
        return html


# lxml.html.fromstring's own test for a whole document.
_FULL_HTML = re.compile(r"^\s*<(?:html|!doctype)", re.IGNORECASE)


def _whole_document(html: str, root) -> bool:
    """Whether ``lxml.html.fromstring`` would have returned this root: a page that does not
    start as a whole document comes back as its body's content unless it has a head (or
    no body); parsing with ``etree`` skips that unwrapping, and its regex, so it is decided
    here, where the unwrapped fragment (no ``<html>`` root) goes to trafilatura's loader."""
    return (_FULL_HTML.match(html) is not None or root.find("head") is not None
            or root.find("body") is None)


def _repair_start(html: str) -> str:
    """trafilatura's repairs of a page's first lines (libxml2 drops content after an XHTML
    doctype; ``<html .../>`` ends the document at once)."""
    from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML

    first, newline, rest = html.partition("\n")
    if "doctype" in first[:50].lower():
        html = DOCTYPE_TAG.sub("", first, count=1) + newline + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", html, count=1)
    return html


def has_xml_invalid_chars(html: str) -> bool:
    """Whether the page holds characters XML forbids (C0 controls, U+FFFE, U+FFFF)."""
    data = html.encode("utf-8", "surrogatepass")
    return (len(data.translate(None, _INVALID_XML_BYTES)) != len(data)
            or b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data)


def strip_to_body(tree, meta) -> None:
    """Strip the tree down for the body extractor, searching it on the way for the author,
    categories and tags the head did not give (trafilatura's searches, on a smaller tree,
    in C-evaluated XPath: :mod:`.htmlmeta`)."""
    etree.strip_elements(tree, *_NEVER_TEXT, with_tail=False)
    if not (meta.categories and meta.tags):
        categories, tags = extract_categories_and_tags(tree)
        meta.categories, meta.tags = meta.categories or categories, meta.tags or tags
    etree.strip_elements(tree, *_HEAD_AND_FOOTERS, with_tail=False)
    meta.author = meta.author or extract_author(tree)
    meta.clean_and_trim()
    _keep_only_article(tree)


def _keep_only_article(tree) -> None:
    articles = list(tree.iter("article"))
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
    # The fast pass prunes the tree it is given, but only as any of trafilatura's passes
    # first prunes its input (infinite-scroll appendices, comment sections): the full
    # cascade can take the same tree.
    text = _trafilatura_text(tree, url, fast=True)
    if len(text) < MIN_FAST_BODY_CHARS:
        full = _trafilatura_text(tree, url, fast=False)
        text = full if len(full) > len(text) else text
    return text


@lru_cache(maxsize=2)
def _extractor(fast: bool):
    """trafilatura's options, built once: building them reads its config file's values and
    formats today's date, 0.3 ms a page. Tables stay in: articles carry results and figures
    in them (aeb dev F1 0.962 -> 0.971)."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", fast=fast, precision=True, comments=False,
                     tables=True, with_metadata=False)


def _options(fast: bool, url: str | None):
    options = copy(_extractor(fast))
    options.url = options.source = url
    return options


@lru_cache(maxsize=1)
def _sequence_api():
    """trafilatura's extraction cascade, when its signature is the one this module was
    written against (trafilatura 2.3: ``(tree, options, url)``), else ``None``.

    Calling it directly skips ``bare_extraction``'s defensive copy of the tree (0.2 ms a
    page); the caller gives it a tree it may prune."""
    import inspect

    try:
        from trafilatura.core import trafilatura_sequence
    except ImportError:
        return None
    params = list(inspect.signature(trafilatura_sequence).parameters)
    return trafilatura_sequence if params == ["tree", "options", "url"] else None


def _trafilatura_text(tree, url: str | None, fast: bool) -> str:
    """The body text trafilatura extracts from ``tree`` (``bare_extraction``'s text)."""
    options = _options(fast, url)
    sequence = _sequence_api()
    if sequence is None or not fast:
        import trafilatura

        result = trafilatura.bare_extraction(tree, options=options)
        return (result.text or "") if result is not None else ""
    from trafilatura.xml import xmltotxt

    try:
        postbody, text, _, _ = sequence(tree, options, url)
    except (TypeError, ValueError):  # bare_extraction's own "discard" cases
        return ""
    if len(text) < options.min_output_size:
        return ""
    return xmltotxt(postbody, options.formatting) or ""


# SHA-1 (first 16 hex digits) of the source of trafilatura's _prepare_tree,
# _extract_and_compare, _recall_retry and trafilatura_sequence (trafilatura 2.3.1), whose
# use of the cleaned tree's backup :func:`_fast_pass_without_backup` relies on.
_CASCADE_SOURCE = "8c8c54c2edc97707"


@lru_cache(maxsize=1)
def _prepare_tree_swap():
    """(trafilatura's ``_prepare_tree``, the same less its backup copy in fast mode), or
    ``None`` where trafilatura's cascade is not the source this was written against."""
    import hashlib
    import inspect

    from trafilatura import core

    try:
        source = "".join(inspect.getsource(f) for f in (
            core._prepare_tree, core._extract_and_compare, core._recall_retry,
            core.trafilatura_sequence))
    except (AttributeError, OSError, TypeError):
        return None
    if hashlib.sha1(source.encode()).hexdigest()[:16] != _CASCADE_SOURCE:
        return None
    original = core._prepare_tree

    def prepare_without_backup(tree, options, url):
        # The backup of the cleaned tree is read only by the readability/justext
        # comparison (not run in fast mode) and by comment capture (off here).
        if not options.fast or options.comments:
            return original(tree, options, url)
        return core.convert_tags(core.tree_cleaning(copy(tree), options), options, url), None

    return original, prepare_without_backup


@contextmanager
def _fast_pass_without_backup():
    """trafilatura's fast pass, within the block, without the tree copy it never reads
    (0.08 ms a page on aeb dev); restored after the block, like :func:`c_level_trafilatura`."""
    swap = _prepare_tree_swap()
    if swap is None:
        yield
        return
    from trafilatura import core

    original, replacement = swap
    core._prepare_tree = replacement
    try:
        yield
    finally:
        core._prepare_tree = original


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
        meta = read_json_ld(tree, meta)
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


def _published_times_and_captions(tree) -> tuple[list[str], list[str]]:
    """(the content of every meta tag that states the publication time, the text of every
    figure caption), in page order, from one walk over the page (read before the head is
    stripped; a walk over the parsed elements costs a tenth of a regex over the source)."""
    times: list[str] = []
    captions: list[str] = []
    for node in tree.iter("meta", "figcaption"):
        if node.tag == "figcaption":
            text = clean_line(node.text_content())
            if text and text not in captions:
                captions.append(text)
            continue
        content = node.get("content")
        if content and any((node.get(attr) or "").lower() in _PUBLISHED_TIME_KEYS
                           for attr in ("property", "name", "itemprop")):
            times.append(content)
    return times, captions


def _set_published(art: Article, day: str | None, published_times: list[str]) -> None:
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
    for content in published_times:
        m = _ISO_MINUTE.search(content)
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
