"""resolve.times (stub: filled by the times work)."""

from __future__ import annotations

from ...model import DocResult
from ...registry import DocumentStage, register_stage


@register_stage("times")
class TimesStage(DocumentStage):
    name = "times"
    english_only = True

    def process(self, result: DocResult) -> None:
        return None
