"""Composes the stages into one per-document function, and runs batches of documents.

``Pipeline.process_batch`` is pure: Documents in, DocResults out, no store access, so the same
code runs in a process pool or inside Spark's ``mapPartitions``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any

from .model import DocResult, Document
from .registry import Stage, make_stage

DEFAULT_STAGES = ("extract", "nlp", "actors", "places", "times", "events")


class Pipeline:
    """An ordered list of named stages.

    >>> pipe = Pipeline()                      # the default stages
    >>> results = pipe.process_batch(documents)
    """

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES,
                 config: dict[str, dict[str, Any]] | None = None) -> None:
        config = config or {}
        self.stage_names = list(stages)
        self.config = {name: dict(config.get(name, {})) for name in self.stage_names}
        self.stages: list[Stage] = [make_stage(n, **self.config[n]) for n in self.stage_names]

    def process_batch(self, documents: Iterable[Document]) -> list[DocResult]:
        results = []
        for doc in documents:
            result = DocResult(document=doc)
            if doc.skip_reason:
                result.skip("source", doc.skip_reason)
            results.append(result)
        for stage in self.stages:
            t0 = time.perf_counter()
            stage(results)
            # Batch stages (nlp) time the batch; spread it evenly for per-document timings.
            if results and not any(stage.name in r.timings for r in results):
                share = (time.perf_counter() - t0) / len(results)
                for r in results:
                    r.timings[stage.name] = share
        for r in results:
            r.spacy_doc = None  # transient; never leaves the worker
        return results

    def process(self, document: Document) -> DocResult:
        return self.process_batch([document])[0]

    def run(self, documents: Iterable[Document], batch_size: int = 32) -> Iterator[DocResult]:
        batch: list[Document] = []
        for doc in documents:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self.process_batch(batch)
                batch = []
        if batch:
            yield from self.process_batch(batch)
