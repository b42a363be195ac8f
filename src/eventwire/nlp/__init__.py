"""nlp: spaCy loading, sentences and entity mentions over ``Article.text``."""

from __future__ import annotations

import time

from ..model import DocResult, Mention, Sentence
from ..registry import Stage, register_stage
from .loader import load_nlp

__all__ = ["load_nlp", "NlpStage"]


@register_stage("nlp")
class NlpStage(Stage):
    """Runs spaCy over a batch with ``nlp.pipe``; keeps the Doc on the result for the
    resolvers and event coder that follow (it never leaves the worker)."""

    name = "nlp"
    english_only = True

    def __init__(self, model: str | None = None, batch_size: int = 16) -> None:
        self.model = model
        self.batch_size = batch_size

    def __call__(self, results: list[DocResult]) -> None:
        todo = [r for r in results if self.ready(r) and r.article and r.article.text]
        if not todo:
            return
        nlp = load_nlp(self.model)
        t0 = time.perf_counter()
        docs = nlp.pipe((r.article.text for r in todo), batch_size=self.batch_size)
        for result, doc in zip(todo, docs):
            result.spacy_doc = doc
            result.sentences = []
            for i, s in enumerate(doc.sents):
                text = s.text.rstrip()  # sentences end before the blank line between paragraphs
                result.sentences.append(Sentence(i, s.start_char, s.start_char + len(text), text))
            sent_of = {}
            for s in result.sentences:
                sent_of[s.start] = s.index
            for ent in doc.ents:
                result.mentions.append(Mention(
                    start=ent.start_char, end=ent.end_char, text=ent.text, label=ent.label_,
                    sentence=sent_of.get(ent.sent.start_char, 0),
                    source="kb" if ent.ent_id_ else "ner",
                    actor_id=ent.ent_id_ or None))
        share = (time.perf_counter() - t0) / len(todo)
        for r in todo:
            r.timings[self.name] = share
