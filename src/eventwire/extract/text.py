"""Text dumps (seed format, plain text, WET records) -> Article, through the line classifier."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from ..model import Article, Document
from ..registry import SkipDocument
from .fields import (
    day_to_datetime,
    guess_site_name,
    parse_byline,
    parse_dateline,
    parse_tags_line,
    split_photo_credit,
)
from .linemodel import refine_body
from .lines import MAX_LINE_CHARS, Line, label_lines, line_features, split_page
from .templates import normalise_line


def classify_text(text: str, boilerplate: AbstractSet[str] | None = None) -> list[Line]:
    """The page's non-blank lines, each labelled: the rules of :mod:`eventwire.extract.lines`
    first, then the trained model of :mod:`eventwire.extract.linemodel` re-decides body
    against boilerplate. ``boilerplate``: the site's template lines
    (:func:`eventwire.extract.templates.learn_site_boilerplate`), never kept as body."""
    raw, lines = split_page(text)
    line_features(lines, raw)
    if boilerplate:
        # Marked before labelling so a template line (the site's nav bar) is never the title.
        for ln in lines:
            ln.features["template"] = float(normalise_line(ln.text) in boilerplate)
    lines = refine_body(label_lines(lines))
    if boilerplate:
        for ln in lines:
            if ln.label == "body" and ln.features.get("template"):
                ln.label = "boilerplate"
    return lines


def extract_text_article(doc: Document, text: str,
                         boilerplate: AbstractSet[str] | None = None) -> Article:
    lines = classify_text(text, boilerplate)
    art = Article(doc_id=doc.doc_id, url=doc.url)
    art.paragraphs = [ln.text for ln in lines if ln.label == "body"]
    if not art.paragraphs:
        overlong = sum(len(ln.text) > MAX_LINE_CHARS for ln in lines)
        note = f", {overlong} over {MAX_LINE_CHARS:,} characters" if overlong else ""
        raise SkipDocument(f"no article body found ({len(lines)} lines, all boilerplate{note})")
    _fill_fields(art, lines)
    if art.published is None and doc.header_date:
        art.published, art.published_precision = day_to_datetime(doc.header_date), "day"
    art.site = guess_site_name([ln.text for ln in lines if ln.label == "boilerplate"], doc.url)
    return art


def _fill_fields(art: Article, lines: list[Line]) -> None:
    for ln in lines:
        if ln.label == "title" and art.title is None:
            art.title = ln.text
        elif ln.label == "subtitle" and art.subtitle is None:
            art.subtitle = ln.text
        elif ln.label == "byline" and not art.byline:
            art.byline = parse_byline(ln.text) or []
        elif ln.label == "dateline" and art.published is None:
            parsed = parse_dateline(ln.text)
            if parsed:
                art.published, art.published_precision = parsed
        elif ln.label == "caption":
            _add_once(art.captions, split_photo_credit(ln.text)[0])
            if ln.credit:
                _add_once(art.photo_credits, ln.credit)
        elif ln.label == "photo_credit" and ln.credit:
            _add_once(art.photo_credits, ln.credit)
        elif ln.label == "tags" and not art.tags:
            art.tags = parse_tags_line(ln.text) or []


def _add_once(items: list[str], value: str) -> None:
    # A caption printed twice (once with its credit) is one caption.
    if value and value not in items:
        items.append(value)
