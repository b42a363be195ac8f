"""The batch runner: sources -> pipeline -> store, with progress, skips and run records.

This is the only place that joins the per-document pipeline to the store, so the pipeline stays a
pure function and the store stays an edge.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .model import DocResult, Document
from .pipeline import DEFAULT_STAGES, Pipeline
from .sources import read_inputs
from .store import Store
from .store.templates import site_key, template_lines


@dataclass
class RunSummary:
    run_id: str
    documents: int = 0  # documents read
    new: int = 0  # documents stored by this run
    already: int = 0  # documents the store already held (skipped without work)
    skipped: int = 0  # documents with at least one recorded skip
    events: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def docs_per_second(self) -> float:
        return self.new / self.seconds if self.seconds else 0.0


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_worker_pipeline: Pipeline | None = None


def _init_worker(stages: list[str], config: dict[str, Any]) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(stages, config)


def _work(batch: list[Document]) -> list[DocResult]:
    assert _worker_pipeline is not None
    return _worker_pipeline.process_batch(batch)


def ingest(inputs: list[str], db: str, *, stages: Iterable[str] = DEFAULT_STAGES,
           config: dict[str, Any] | None = None, batch_size: int = 16, workers: int = 1,
           max_bytes: int | None = None, progress: bool = True,
           stdin: Any = None) -> RunSummary:
    """Read ``inputs``, run the pipeline on every document the store lacks, and store the
    results. Safe to interrupt and re-run: batches commit atomically and known documents are
    skipped, so the store ends with exactly the rows of one uninterrupted run."""
    stages = list(stages)
    config = config or {}
    summary = RunSummary(run_id=uuid.uuid4().hex[:16])
    t0 = time.perf_counter()
    source_options = {"max_bytes": max_bytes} if max_bytes else {}
    docs = read_inputs(inputs, stdin=stdin, **source_options)
    with Store(db) as store:
        store.start_run(summary.run_id, __version__, {"stages": stages, "config": config,
                                                      "batch_size": batch_size,
                                                      "workers": workers}, list(inputs))
        bar = _progress_bar(progress)
        if workers > 1:
            ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
            pool = ctx.Pool(workers, initializer=_init_worker, initargs=(stages, config))
            run_round = lambda batches: pool.map(_work, batches)  # noqa: E731
        else:
            pool = None
            pipeline = Pipeline(stages, config)
            run_round = lambda batches: [pipeline.process_batch(b) for b in batches]  # noqa: E731
        try:
            for batches in _rounds(_batches(docs, batch_size), ROUND_BATCHES):
                fresh = _fresh(store, batches, summary, bar)
                if not fresh:
                    continue
                _attach_site_templates(store, fresh)
                results = [r for batch in run_round(fresh) for r in batch]
                summary.new += store.write(results, run_id=summary.run_id)
                for r in results:
                    summary.skipped += bool(r.skips)
                    summary.events += len(r.events)
                    for stage, seconds in r.timings.items():
                        summary.timings[stage] = summary.timings.get(stage, 0.0) + seconds
                if bar is not None:
                    bar.update(len(results))
                    rate = summary.new / max(time.perf_counter() - t0, 1e-9)
                    bar.set_postfix_str(f"{rate:.1f} docs/s, {summary.events} events, "
                                        f"{summary.skipped} skipped")
        finally:
            if pool is not None:
                pool.terminate()
            if bar is not None:
                bar.close()
        summary.seconds = time.perf_counter() - t0
        store.finish_run(summary.run_id, summary.documents, summary.new, summary.skipped,
                         summary.events, summary.timings)
    return summary


# Batches per round. A round is processed with the site templates stored before it began and
# is written in one transaction, so the rows never depend on the worker count, and a run
# killed at any point and started again redoes exactly the unfinished round.
ROUND_BATCHES = 4


def _rounds(batches: Iterable[list[Document]], size: int) -> Iterator[list[list[Document]]]:
    group: list[list[Document]] = []
    for batch in batches:
        group.append(batch)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def _fresh(store: Store, batches: list[list[Document]], summary: RunSummary,
           bar: Any) -> list[list[Document]]:
    """The batches without the documents the store already holds."""
    known = store.known_ids([d.doc_id for b in batches for d in b])
    out = []
    for batch in batches:
        summary.documents += len(batch)
        fresh = [d for d in batch if d.doc_id not in known]
        summary.already += len(batch) - len(fresh)
        if bar is not None:
            bar.update(len(batch) - len(fresh))
        if fresh:
            out.append(fresh)
    return out


def _attach_site_templates(store: Store, batches: list[list[Document]]) -> None:
    """Give each text page its site's template lines, learned from pages stored before."""
    keys = {id(d): site_key(d) for b in batches for d in b}
    templates = template_lines(store.con, {k for k in keys.values() if k})
    for batch in batches:
        for doc in batch:
            lines = templates.get(keys[id(doc)])
            if lines:
                doc.meta["site_boilerplate"] = lines


def _progress_bar(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", desc="eventwire run", file=sys.stderr, dynamic_ncols=True)
