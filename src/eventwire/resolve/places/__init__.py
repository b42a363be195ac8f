"""resolve.places (stub: filled by the places work)."""

from __future__ import annotations

from ...model import DocResult
from ...registry import DocumentStage, register_stage


@register_stage("places")
class PlacesStage(DocumentStage):
    name = "places"
    english_only = True

    def process(self, result: DocResult) -> None:
        return None
