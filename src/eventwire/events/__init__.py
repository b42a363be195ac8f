"""events: PLOVER event coding - ontology and mappings, trigger lexicon, roles, modality, and
when/where anchoring - from the dependency parse of the article."""

from __future__ import annotations

from ..model import DocResult
from ..registry import DocumentStage, SkipDocument, register_stage
from .coder import code_events, realised
from .lexicon import Lexicon, load_coder_lexicon, load_lexicon
from .modality import MODALITIES, REALISED
from .ontology import EVENT_TYPES, acled_type, cameo_root, plv_code

__all__ = ["EventsStage", "code_events", "realised", "load_lexicon", "load_coder_lexicon",
           "Lexicon", "MODALITIES",
           "REALISED", "EVENT_TYPES", "acled_type", "cameo_root", "plv_code"]


@register_stage("events")
class EventsStage(DocumentStage):
    """Codes PLOVER events into ``result.events`` from the parse the nlp stage left on the
    result and the mentions, places and dates the resolvers linked."""

    name = "events"
    english_only = True

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon

    def process(self, result: DocResult) -> None:
        if result.article is None or not result.article.text.strip():
            return
        if result.spacy_doc is None:
            raise SkipDocument("no dependency parse: the events stage needs the nlp stage first")
        result.events = code_events(result, self.lexicon or load_coder_lexicon())
