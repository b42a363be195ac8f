"""The PLOVER ontology eventwire codes into, and its mappings to PLV, CAMEO and ACLED.

The data lives in ``data/events/plover.yaml`` (version string in :data:`VERSION`); this module
only loads it and answers look-ups, so a later ontology version is a data change.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
               "ASSAULT")


@functools.lru_cache(maxsize=1)
def load_ontology() -> dict[str, Any]:
    text = resources.files("eventwire.data").joinpath("events/plover.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def version() -> str:
    return str(load_ontology()["version"])


def _type(event_type: str) -> dict[str, Any]:
    try:
        return load_ontology()["types"][event_type]
    except KeyError:
        raise KeyError(f"unknown PLOVER event type {event_type!r}") from None


def _mode(event_type: str, mode: str | None) -> dict[str, Any]:
    return _type(event_type)["modes"].get(mode or "general") or {}


def modes(event_type: str) -> list[str]:
    return list(_type(event_type)["modes"])


def plv_code(event_type: str) -> str:
    """The PLV benchmark's root code (15 codes: CONCEDE and RETREAT are YIELD)."""
    return _type(event_type)["plv"]


def cameo_root(event_type: str, mode: str | None = None) -> str:
    """The two-digit CAMEO root code; some modes (heavy weapons, mass violence) override it."""
    return _mode(event_type, mode).get("cameo") or _type(event_type)["cameo"]


def quad_class(event_type: str) -> int:
    return int(_type(event_type)["quad"])


def plover_mode(event_type: str, mode: str | None) -> str | None:
    """The PLOVER mode, undoing eventwire's refinements (``aerial`` -> ``heavy-weapons``)."""
    refined = _mode(event_type, mode).get("refines")
    m = refined or mode
    return None if m in (None, "general") else m


def acled_type(event_type: str, mode: str | None) -> tuple[str, str] | None:
    """ACLED (event_type, sub_event_type), or None where ACLED does not code the event."""
    pair = _mode(event_type, mode).get("acled") or _mode(event_type, None).get("acled")
    return (pair[0], pair[1]) if pair else None
