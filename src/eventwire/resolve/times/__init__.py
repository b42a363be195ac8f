"""resolve.times: temporal expressions in ``Article.text``, normalised against the document
date (``Article.published``, else ``Document.header_date``).

The project's grammar (:mod:`.grammar`) finds and normalises most expressions; spaCy's
DATE/TIME entities add the ones it does not cover when the grammar can normalise their text.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ...model import DocResult, TimeMention, TimeSpan
from ...registry import DocumentStage, register_stage
from .grammar import Parsed, scan

__all__ = ["TimesStage", "normalise", "document_date", "find_times"]

# Words that put a sentence in the future, so "in March" or "on Tuesday" means the next one.
_FUTURE = re.compile(r"\b(?:will|shall|'ll|going to|plans? to|scheduled|expected to|due to|"
                     r"is to|are to|upcoming|next)\b", re.I)


_BARE_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")


def normalise(text: str, anchor: date, future: bool = False) -> TimeSpan | None:
    """The span of one temporal expression (the longest one found in ``text``)."""
    if isinstance(anchor, datetime):
        anchor = anchor.date()
    found = scan(text, anchor, (lambda _pos: future))
    if not found:
        return None
    return max(found, key=lambda f: f[1] - f[0])[2].span


def document_date(result: DocResult) -> date | None:
    art = result.article
    if art is not None and art.published is not None:
        return art.published.date() if isinstance(art.published, datetime) else art.published
    return result.document.header_date


def _span_start(span: TimeSpan) -> date:
    return span.start or span.end or date.max


_PAST_TAGS = {"VBD", "VBN"}
_PRESENT_TAGS = {"VBZ", "VBP", "MD"}


def _tense_reader(result: DocResult):
    """``future_at(offset)``: True where the sentence speaks of the future, None where it
    is in the present tense (spaCy's tags: a present verb and no past one), else False."""
    doc = result.spacy_doc
    cache: dict[int, bool | None] = {}

    def tense(sent) -> bool | None:
        if _FUTURE.search(sent.text):
            return True
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand") if doc is not None else None
        if span is None:
            return False
        tags = {t.tag_ for t in span}
        return None if tags & _PRESENT_TAGS and not tags & _PAST_TAGS else False

    def future_at(pos: int) -> bool | None:
        sent = result.sentence_of(pos)
        if sent is None:
            return False
        if sent.index not in cache:
            cache[sent.index] = tense(sent)
        return cache[sent.index]

    return future_at


def find_times(result: DocResult, anchor: date) -> list[TimeMention]:
    text = result.article.text
    future_at = _tense_reader(result)

    found: list[tuple[int, int, Parsed]] = scan(text, anchor, future_at)
    for m in result.mentions:
        if m.label not in ("DATE", "TIME") or any(s < m.end and m.start < e for s, e, _ in found):
            continue
        parsed = scan(m.text, anchor, lambda _pos, _m=m: future_at(_m.start))
        if not parsed and _BARE_YEAR.fullmatch(m.text):
            # The grammar wants a preposition before a year; NER's context vouches for it.
            parsed = scan("in " + m.text, anchor)
            parsed = [(s - 3, e - 3, p) for s, e, p in parsed]
        for s, e, p in parsed:
            found.append((m.start + s, m.start + e, p))
    out = []
    for s, e, p in found:
        sent = result.sentence_of(s)
        out.append(TimeMention(s, e, text[s:e], sent.index if sent else 0, p.kind, p.span))
    out.sort(key=lambda t: (_span_start(t.span), t.start))
    return out


@register_stage("times")
class TimesStage(DocumentStage):
    name = "times"
    english_only = True

    def process(self, result: DocResult) -> None:
        if result.article is None or not result.article.text:
            return
        anchor = document_date(result)
        if anchor is not None:
            result.times = find_times(result, anchor)
            return
        # No document date: keep only what does not depend on one ("December 30, 2019",
        # "in 2018"), found as the expressions that read the same under two far-apart anchors.
        a = find_times(result, date(2001, 6, 15))
        b = find_times(result, date(2011, 2, 9))
        same = {(t.start, t.end, t.span.start, t.span.end, t.span.value) for t in b}
        result.times = [t for t in a if (t.start, t.end, t.span.start, t.span.end, t.span.value) in same
                        and t.span.start is not None and t.span.end is not None]
