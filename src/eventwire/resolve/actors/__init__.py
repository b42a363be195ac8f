"""resolve.actors (stub: filled by the actors work)."""

from __future__ import annotations

from ...model import DocResult
from ...registry import DocumentStage, register_stage


@register_stage("actors")
class ActorsStage(DocumentStage):
    name = "actors"
    english_only = True

    def process(self, result: DocResult) -> None:
        return None
