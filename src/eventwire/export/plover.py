"""PLOVER event records: one JSON object per event, one per line (JSON Lines).

The record follows the PLOVER data format (event type, mode, context, source and target with
country + sector agent codes, location, the text the event was coded from), extended with
eventwire's modality and its provenance. Fields:

``id``                event id (stable: a hash of document, sentence and event)
``date``              first day of the event's own date span, ISO ``YYYY-MM-DD`` (or null)
``date_end``          last day of that span (equal to ``date`` for a single day)
``date_precision``    minute | day | week | month | year | decade | open
``date_source``       ``text`` (the sentence dates it) or ``publication`` (the fallback)
``event_type``        PLOVER type: AGREE ... ASSAULT
``mode``              PLOVER mode (eventwire refinements undone: ``aerial`` -> ``heavy-weapons``;
                      null for the general mode)
``mode_eventwire``    eventwire's finer mode as stored (the one ACLED sub-event types hang on)
``context``           PLOVER contexts: a list, empty because eventwire does not code contexts yet
``source``            the source actor's name (canonical, else the text that named it)
``source_actor``      agent code: ``country sector`` (``IRQ REB``), else the country, else the
                      actor id
``source_actor_id``   eventwire actor id (KB id, ``IRQ-REB`` agent, or provisional id)
``source_country``    ISO 3166-1 alpha-3
``source_sector``     CAMEO/PLOVER sector code (GOV, MIL, COP, REB, CVL, ...)
``source_text``       the words of the sentence that name the source
``source_basis``      ``text`` (the sentence names the source) or ``place`` (inferred from
                      where the event happened: unnamed protesters are the place's civilians)
``target``, ``target_actor``, ``target_actor_id``, ``target_country``, ``target_sector``,
``target_text``, ``target_basis``
                      the same for the target (an attack, arrest or protest with no named
                      target has the place's country as target, basis ``place``)
``location``          null, or {``name``, ``geonameid`` (int, for GeoNames places only),
                      ``place_id``, ``lat``, ``lon``, ``country`` (alpha-3), ``admin1`` (name
                      where known), ``precision`` (site | city | admin1 | country),
                      ``source`` (``text`` or the fallback ``article_country``)}
``modality``          asserted | claimed | negated | hypothetical | intended | historical
``text``              the evidence sentence
``trigger``           the word(s) the event was detected on
``confidence``        the coder's confidence in the type, 0..1
``plv_code``          the PLV benchmark's root code (CONCEDE and RETREAT are YIELD)
``cameo_root``        the CAMEO root code the type/mode maps to
``quad_class``        CAMEO quad class 1..4
``provenance``        {``doc_id``, ``url``, ``title``, ``site``, ``published`` (ISO),
                      ``evidence_start``, ``evidence_end`` (character offsets of ``text`` in the
                      article text)}
``version``           the ontology version the event was coded under (``events.ontology.version``)
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from collections.abc import Iterable
from typing import IO, Any

from ..events import ontology
from .records import actor_label


def plover_record(row: dict[str, Any], version: str | None = None) -> dict[str, Any]:
    """One event row (``records.event_rows``) as a PLOVER record."""
    etype, mode = row["event_type"], row["mode"]
    record: dict[str, Any] = {
        "id": row["event_id"],
        "date": _iso(row["time_start"]),
        "date_end": _iso(row["time_end"]),
        "date_precision": row["time_precision"],
        "date_source": row["time_source"],
        "event_type": etype,
        "mode": _safe(ontology.plover_mode, etype, mode, default=mode),
        "mode_eventwire": mode,
        "context": [],
    }
    for role in ("source", "target"):
        record.update(_actor_fields(row, role))
    record.update({
        "location": _location(row),
        "modality": row["modality"],
        "text": row["evidence"],
        "trigger": row["trigger"],
        "confidence": row["confidence"],
        "plv_code": _safe(ontology.plv_code, etype),
        "cameo_root": _safe(ontology.cameo_root, etype, mode),
        "quad_class": _safe(ontology.quad_class, etype),
        "provenance": {
            "doc_id": row["doc_id"], "url": row["url"] or row["document_source"],
            "title": row["title"], "site": row["site"], "published": _iso(row["published"]),
            "evidence_start": row["evidence_start"], "evidence_end": row["evidence_end"],
        },
        "version": version or ontology.version(),
    })
    return record


def write_plover(rows: Iterable[dict[str, Any]], out: IO[str] | Path) -> int:
    """Write one JSON line per row; returns the number written."""
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8") as fh:
            return write_plover(rows, fh)
    version = ontology.version()
    n = 0
    for n, row in enumerate(rows, 1):
        out.write(json.dumps(plover_record(row, version), ensure_ascii=False) + "\n")
    return n


def agent_code(country: str | None, sector: str | None, actor_id: str | None,
               sep: str = " ") -> str | None:
    """PLOVER/CAMEO-style agent code: country + sector, else the country, else the actor id."""
    if country and sector:
        return f"{country}{sep}{sector}"
    return country or actor_id


def _actor_fields(row: dict[str, Any], role: str) -> dict[str, Any]:
    actor_id = row[f"{role}_actor_id"]
    present = actor_id is not None or row[f"{role}_text"] is not None
    country, sector = row[f"{role}_country"], row[f"{role}_sector"]
    return {
        role: actor_label(row, role) or None,
        f"{role}_actor": agent_code(country, sector, actor_id) if present else None,
        f"{role}_actor_id": actor_id,
        f"{role}_country": country,
        f"{role}_sector": sector,
        f"{role}_text": row[f"{role}_text"],
        f"{role}_basis": row.get(f"{role}_basis"),
    }


def _location(row: dict[str, Any]) -> dict[str, Any] | None:
    place_id = row["place_id"]
    if place_id is None:
        return None
    geonameid = None
    if place_id.startswith("gn:") and place_id[3:].isdigit():
        geonameid = int(place_id[3:])
    return {"name": row["place_name"], "geonameid": geonameid, "place_id": place_id,
            "lat": row["lat"], "lon": row["lon"], "country": row["place_country"],
            "admin1": row["place_admin1_name"], "precision": row["place_precision"],
            "source": row["place_source"]}


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _safe(fn, *args, default: Any = None) -> Any:
    """An ontology look-up that tolerates a type the current ontology no longer knows (a store
    coded under another version)."""
    try:
        return fn(*args)
    except KeyError:
        return default
