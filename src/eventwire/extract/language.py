"""Language of an article's body (ISO 639-1) with py3langid."""

from __future__ import annotations

import re
from functools import lru_cache

# Enough text for a confident guess; more only costs time (py3langid's time is linear in it;
# 1,000 characters call the same language as 3,000 on every aeb dev page).
SAMPLE_CHARS = 1000
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The body's language code, or ``None`` for text too short or too unsure to call."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < 20:
        return None
    lang, prob = _identifier().classify(sample)
    return lang if prob >= 0.5 else None
