"""extract: Document -> Article (HTML via trafilatura, text dumps via a line classifier,
metadata, language)."""

from __future__ import annotations

from ..model import DocResult
from ..registry import DocumentStage, register_stage
from .core import extract_article
from .templates import learn_site_boilerplate

__all__ = ["extract_article", "learn_site_boilerplate", "ExtractStage"]


@register_stage("extract")
class ExtractStage(DocumentStage):
    name = "extract"
    needs_article = False

    def process(self, result: DocResult) -> None:
        # The site's template lines, when the runner learned them from earlier pages.
        boilerplate = result.document.meta.get("site_boilerplate")
        result.article = extract_article(result.document, boilerplate=boilerplate)
