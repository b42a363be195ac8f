"""ACLED-style CSV: one row per event ACLED would code, in ACLED's column names.

Only events whose PLOVER type + mode map to an ACLED (event_type, sub_event_type) in the
ontology (``events.ontology.acled_type``) are written: ACLED codes political violence,
demonstrations and some strategic developments, not talks or statements. The rest are
counted and left out.

Columns:

``event_id_cnty``   the eventwire event id
``event_date``      ISO date: the first day of the event's date span
``year``            its year
``time_precision``  ACLED's: 1 the day is known (precision minute/day from the text); 2 within
                    a week (week precision, or the publication date used as a fallback); 3 a
                    month or longer (month, year, decade, open)
``event_type``, ``sub_event_type``  from the ontology mapping of PLOVER type + mode
``actor1``, ``actor2``  actor names (canonical, else the words of the sentence)
``assoc_actor_1``, ``assoc_actor_2``  empty: eventwire does not code associated actors
``inter1``, ``inter2``  ACLED interaction codes (the 1-8 scheme), from the actor's sector and
                    kind and the event: 1 state forces (GOV, MIL, COP, SPY, JUD, LEG sectors, or
                    state/government/military/police kind) acting in their own country; 8
                    external/other forces: state forces of another country than the event's,
                    and IGOs; 2 rebel groups (REB); 3 political militias (UAF - unidentified
                    armed groups, and CRM - gangs, as ACLED codes both); 5 rioters / 6
                    protesters for the non-state source of a Riots / Protests event; 7
                    civilians (CVL, REF, LAB, EDU, REL, HLH, MED, NGO sectors or civilians
                    kind). Empty where none of these applies (parties, companies, persons
                    without a sector) rather than a guess. Identity militias (4) are never
                    coded: no sector says so.
``interaction``     the two codes joined lower first (``12``), or ``<inter1>0`` for an event
                    with no second actor, as ACLED writes it; empty if inter1 is
``country``         country name of the event's place; ``iso`` its ISO 3166-1 numeric code
``admin1``          first-level subdivision name where known
``location``        the place name (the country name for a country-level place)
``latitude``, ``longitude``  the place's point
``geo_precision``   ACLED's: 1 a site or town; 2 a region (admin1); 3 only the country
``source``          the site that published the page, else its url, else the input path
``notes``           the evidence sentence
``fatalities``      empty: eventwire does not extract casualty counts yet
"""

from __future__ import annotations

import csv
from pathlib import Path
from collections.abc import Iterable
from typing import IO, Any

from ..events import ontology
from .records import actor_label, country_name, iso_numeric

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
           "inter2", "interaction", "country", "iso", "admin1", "location", "latitude",
           "longitude", "geo_precision", "source", "notes", "fatalities"]

_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
_STATE_KINDS = frozenset({"state", "government", "military", "police"})
_CIVILIAN_SECTORS = frozenset({"CVL", "REF", "LAB", "EDU", "REL", "HLH", "MED", "NGO"})
_SECTOR_INTER = {"REB": 2, "UAF": 3, "CRM": 3, "IGO": 8}

_TIME_PRECISION = {"minute": 1, "day": 1, "week": 2}
_GEO_PRECISION = {"site": 1, "city": 1, "admin1": 2, "country": 3}


def acled_row(row: dict[str, Any]) -> dict[str, Any] | None:
    """One event row as an ACLED row, or None where ACLED does not code the event."""
    pair = _acled_pair(row["event_type"], row["mode"])
    if pair is None:
        return None
    event_type, sub_event_type = pair
    inter1 = inter_code(row, "source", event_type)
    inter2 = inter_code(row, "target", event_type)
    has_actor2 = bool(actor_label(row, "target"))
    start = row["time_start"]
    return {
        "event_id_cnty": row["event_id"],
        "event_date": start.isoformat() if start else "",
        "year": start.year if start else "",
        "time_precision": time_precision(row["time_precision"], row["time_source"]),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor_label(row, "source"),
        "assoc_actor_1": "",
        "inter1": inter1 or "",
        "actor2": actor_label(row, "target"),
        "assoc_actor_2": "",
        "inter2": inter2 or "",
        "interaction": _interaction(inter1, inter2, has_actor2),
        "country": country_name(row["place_country"]),
        "iso": iso_numeric(row["place_country"]) or "",
        "admin1": row["place_admin1_name"] or "",
        "location": _location(row),
        "latitude": "" if row["lat"] is None else row["lat"],
        "longitude": "" if row["lon"] is None else row["lon"],
        "geo_precision": _GEO_PRECISION.get(row["place_precision"] or "", "")
        if row["place_id"] else "",
        "source": row["site"] or row["url"] or row["document_source"] or "",
        "notes": row["evidence"] or "",
        "fatalities": "",
    }


def write_acled(rows: Iterable[dict[str, Any]], out: IO[str] | Path) -> tuple[int, int]:
    """Write the header and one line per ACLED-coded event; returns (written, left out)."""
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return write_acled(rows, fh)
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = left_out = 0
    for row in rows:
        acled = acled_row(row)
        if acled is None:
            left_out += 1
            continue
        writer.writerow(acled)
        written += 1
    return written, left_out


def time_precision(precision: str | None, source: str | None) -> int:
    if source == "publication":
        return 2  # the report's date bounds the event, which happened on or shortly before it
    return _TIME_PRECISION.get(precision or "", 3)


def inter_code(row: dict[str, Any], role: str, event_type: str) -> int | None:
    """The ACLED interaction code of the event's source or target (see the module doc)."""
    sector, kind = row[f"{role}_sector"], row[f"{role}_kind"]
    if not (row[f"{role}_actor_id"] or row[f"{role}_text"]):
        return None
    state = sector in _STATE_SECTORS or (sector is None and kind in _STATE_KINDS)
    if state:
        abroad = row[f"{role}_country"] and row["place_country"] and \
            row[f"{role}_country"] != row["place_country"]
        return 8 if abroad else 1
    if role == "source" and event_type in ("Riots", "Protests"):
        return 5 if event_type == "Riots" else 6
    if sector in _SECTOR_INTER:
        return _SECTOR_INTER[sector]
    if sector in _CIVILIAN_SECTORS or kind == "civilians":
        return 7
    if kind == "igo":
        return 8
    return None


def _interaction(inter1: int | None, inter2: int | None, has_actor2: bool) -> str:
    if inter1 is None:
        return ""
    if not has_actor2:
        return f"{inter1}0"
    if inter2 is None:
        return ""
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def _location(row: dict[str, Any]) -> str:
    if row["place_id"] is None:
        return ""
    if row["place_precision"] == "country":
        return country_name(row["place_country"]) or row["place_name"] or ""
    return row["place_name"] or ""


def _acled_pair(event_type: str, mode: str | None) -> tuple[str, str] | None:
    try:
        return ontology.acled_type(event_type, mode)
    except KeyError:  # a type this ontology version does not know
        return None
