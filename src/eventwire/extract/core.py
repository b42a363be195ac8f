"""Dispatch a Document to the extractor for its format. (Stub: replaced by the extract work.)"""

from __future__ import annotations

from ..model import Article, Document
from ..registry import SkipDocument


def extract_article(doc: Document) -> Article:
    text = doc.content if isinstance(doc.content, str) else doc.content.decode("utf-8", "replace")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if not paragraphs:
        raise SkipDocument("empty page: no text to extract")
    art = Article(doc_id=doc.doc_id, paragraphs=paragraphs, language="en")
    art.build_text()
    return art
