"""GDELT-style TSV: one tab-separated line per event in a subset of GDELT 2.0's event table
columns, coded with CAMEO root codes.

Unlike GDELT's own files, the file starts with a header row naming the columns (read it with
``csv.DictReader(f, delimiter="\\t")`` or ``pandas.read_csv(f, sep="\\t")``).

Columns:

``GLOBALEVENTID``       the eventwire event id (a hex string, not GDELT's integer)
``SQLDATE``             ``YYYYMMDD``: the first day of the event's date span
``Actor1Code``          CAMEO-style actor code: country + sector run together (``IRQREB``),
                        else the country, else the eventwire actor id
``Actor1Name``          the actor's name (canonical, else the sentence's words; not upper-cased)
``Actor1CountryCode``   ISO 3166-1 alpha-3 (CAMEO country codes are alpha-3 based)
``Actor2Code``, ``Actor2Name``, ``Actor2CountryCode``   the same for the target
``IsRootEvent``         1 when the evidence sentence lies in the article's lead paragraph
``EventCode``, ``EventBaseCode``  the root's unspecified code ``<root>0`` (``180``): eventwire
                        codes to the root only, and CAMEO's X0 code means "not specified below"
``EventRootCode``       the two-digit CAMEO root from the ontology (``events.ontology.cameo_root``,
                        which lets a mode override its type's root: heavy weapons are 19)
``QuadClass``           1 verbal cooperation .. 4 material conflict
``GoldsteinScale``      the Goldstein value CAMEO gives the root's unspecified code (X0) -- a
                        root-level value, coarser than GDELT's per-code one
``ActionGeo_Type``      1 country; 2 US state; 3 US city or site; 4 world city or site; 5 world
                        state (admin1); empty without a place
``ActionGeo_FullName``  ``place, admin1, country`` as GDELT writes it
``ActionGeo_CountryCode``  FIPS 10-4 country code, as GDELT's geography uses (Iraq: IZ)
``ActionGeo_Lat``, ``ActionGeo_Long``
``SOURCEURL``           the page's url, else the input path
"""

from __future__ import annotations

import csv
from pathlib import Path
from collections.abc import Iterable
from typing import IO, Any

from ..events import ontology
from .plover import agent_code
from .records import actor_label, country_name, fips_code

COLUMNS = ["GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode",
           "Actor2Code", "Actor2Name", "Actor2CountryCode", "IsRootEvent", "EventCode",
           "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "ActionGeo_Type",
           "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
           "SOURCEURL"]

# Goldstein (1992) conflict-cooperation weights of CAMEO's root-level codes 010..200.
GOLDSTEIN_ROOT = {"01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0,
                  "08": 5.0, "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0,
                  "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0,
                  "20": -10.0}


def gdelt_row(row: dict[str, Any]) -> dict[str, Any]:
    """One event row (``records.event_rows``) as a GDELT-style row."""
    etype, mode = row["event_type"], row["mode"]
    try:
        root, quad = ontology.cameo_root(etype, mode), ontology.quad_class(etype)
    except KeyError:  # a type this ontology version does not know
        root, quad = "", ""
    start = row["time_start"]
    out = {
        "GLOBALEVENTID": row["event_id"],
        "SQLDATE": start.strftime("%Y%m%d") if start else "",
        "IsRootEvent": int(row["lead_end"] is not None and row["evidence_start"] is not None
                           and row["evidence_start"] < row["lead_end"]),
        "EventCode": f"{root}0" if root else "",
        "EventBaseCode": f"{root}0" if root else "",
        "EventRootCode": root,
        "QuadClass": quad,
        "GoldsteinScale": GOLDSTEIN_ROOT.get(root, ""),
        "SOURCEURL": row["url"] or row["document_source"] or "",
    }
    for n, role in ((1, "source"), (2, "target")):
        present = row[f"{role}_actor_id"] or row[f"{role}_text"]
        out[f"Actor{n}Code"] = (agent_code(row[f"{role}_country"], row[f"{role}_sector"],
                                           row[f"{role}_actor_id"], sep="") or "") if present else ""
        out[f"Actor{n}Name"] = actor_label(row, role)
        out[f"Actor{n}CountryCode"] = row[f"{role}_country"] or ""
    out.update(_action_geo(row))
    return out


def write_gdelt(rows: Iterable[dict[str, Any]], out: IO[str] | Path) -> int:
    """Write the header and one tab-separated line per row; returns the number written."""
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return write_gdelt(rows, fh)
    # Evidence never goes in this file, but names may hold tabs or quotes: let csv quote them.
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    n = 0
    for n, row in enumerate(rows, 1):
        writer.writerow(gdelt_row(row))
    return n


def geo_type(precision: str | None, country: str | None) -> int | str:
    if precision is None:
        return ""
    if precision == "country":
        return 1
    us = country == "USA"
    if precision == "admin1":
        return 2 if us else 5
    return 3 if us else 4


def _action_geo(row: dict[str, Any]) -> dict[str, Any]:
    if row["place_id"] is None:
        return {"ActionGeo_Type": "", "ActionGeo_FullName": "", "ActionGeo_CountryCode": "",
                "ActionGeo_Lat": "", "ActionGeo_Long": ""}
    country = country_name(row["place_country"])
    parts = [row["place_name"]] if row["place_precision"] != "country" else []
    admin1 = row["place_admin1_name"]
    if admin1 and row["place_precision"] not in ("admin1", "country") and admin1 != row["place_name"]:
        parts.append(admin1)
    parts.append(country or row["place_name"])
    return {
        "ActionGeo_Type": geo_type(row["place_precision"], row["place_country"]),
        "ActionGeo_FullName": ", ".join(p for p in parts if p),
        "ActionGeo_CountryCode": fips_code(row["place_country"]),
        "ActionGeo_Lat": "" if row["lat"] is None else row["lat"],
        "ActionGeo_Long": "" if row["lon"] is None else row["lon"],
    }
