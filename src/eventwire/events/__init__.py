"""events (stub: filled by the event-coding work)."""

from __future__ import annotations

from ..model import DocResult
from ..registry import DocumentStage, register_stage


@register_stage("events")
class EventsStage(DocumentStage):
    name = "events"
    english_only = True

    def process(self, result: DocResult) -> None:
        return None
