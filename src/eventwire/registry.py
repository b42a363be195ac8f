"""Stages registered by name, so a config can swap one without touching the others.

Every stage has one call contract: ``stage(results)`` takes a batch of
:class:`~eventwire.model.DocResult` and enriches each in place. Most stages work one document at
a time and subclass :class:`DocumentStage`; the NLP stage uses the whole batch for ``nlp.pipe``.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from typing import Any

from .model import DocResult

_FACTORIES: dict[str, Callable[..., Stage]] = {}


class Stage:
    name: str = "stage"
    # English-only stages skip articles in other languages, recording why.
    english_only: bool = False
    # A stage that needs an Article (all but extraction) skips documents without one.
    needs_article: bool = True

    def __call__(self, results: list[DocResult]) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def ready(self, result: DocResult) -> bool:
        """Whether this stage should run on ``result``; records a skip when it should not."""
        if result.skipped("extract") or result.skipped("source"):
            return False
        if self.needs_article and result.article is None:
            return False
        if self.english_only and result.article is not None:
            lang = result.article.language
            if lang and lang != "en":
                if not result.skipped(self.name):
                    result.skip(self.name, f"language '{lang}' is not English; "
                                           f"{self.name} handles English only")
                return False
        return True


class DocumentStage(Stage):
    """A stage that handles one document at a time; an error skips that document only."""

    def process(self, result: DocResult) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def __call__(self, results: list[DocResult]) -> None:
        for result in results:
            if not self.ready(result):
                continue
            t0 = time.perf_counter()
            try:
                self.process(result)
            except SkipDocument as exc:
                result.skip(self.name, str(exc))
            except Exception as exc:  # one bad document never stops a batch
                last = traceback.extract_tb(exc.__traceback__)[-1]
                result.skip(self.name, f"{type(exc).__name__}: {exc} "
                                       f"(at {last.filename.rsplit('/', 1)[-1]}:{last.lineno})")
            result.timings[self.name] = result.timings.get(self.name, 0.0) + time.perf_counter() - t0


class SkipDocument(Exception):
    """Raised by a stage to skip a document with a reason the user can act on."""


def register_stage(name: str) -> Callable[[Callable[..., Stage]], Callable[..., Stage]]:
    def decorate(factory: Callable[..., Stage]) -> Callable[..., Stage]:
        _FACTORIES[name] = factory
        return factory

    return decorate


def make_stage(name: str, **config: Any) -> Stage:
    _load_builtin_stages()
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise KeyError(f"no stage named {name!r}; known: {', '.join(sorted(_FACTORIES))}") from None
    return factory(**config)


def stage_names() -> list[str]:
    _load_builtin_stages()
    return sorted(_FACTORIES)


def _load_builtin_stages() -> None:
    # Importing a stage package registers its stage.
    from . import events, extract, nlp  # noqa: F401
    from .resolve import actors, places, times  # noqa: F401
