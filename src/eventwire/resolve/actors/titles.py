"""What a title says about a person: "British Defence Secretary Tom King" is a British
government official, "Iran's religious leader Ayatollah X" Iranian clergy, "rebel leader X" a
rebel, "King Hassan of Morocco" Moroccan government, "U.N. Secretary-General X" an IGO official.

News names most officials once, with their country and office before the name; the country
+ sector pair is how CAMEO/PLOVER agent codes describe such a person (``GBRGOV``). Only
provisional people (the KB's entries are facts already) take what the title says.
"""

from __future__ import annotations

from .kb import KB
from .normalize import name_key

# Head words of an office -> sector (lower case, trailing period dropped).
TITLE_SECTORS = {
    **dict.fromkeys(("president", "vice-president", "premier", "minister", "secretary",
                     "chancellor", "king", "queen", "emir", "sultan", "prince", "monarch",
                     "ambassador", "envoy", "governor", "mayor", "spokesman", "spokeswoman",
                     "spokesperson", "official", "diplomat", "dictator", "leader", "chief",
                     "head", "secretary-general", "coordinator", "commissioner", "negotiator",
                     "strongman", "ruler", "minister-president", "vice", "mediator",
                     "representative", "rapporteur", "inspector", "administrator"), "GOV"),
    **dict.fromkeys(("general", "gen", "lt", "colonel", "col", "admiral", "brigadier", "major",
                     "marshal", "commander", "captain", "capt", "sergeant", "sgt"), "MIL"),
    **dict.fromkeys(("judge", "justice", "prosecutor", "magistrate"), "JUD"),
    **dict.fromkeys(("senator", "sen", "lawmaker", "congressman", "congresswoman", "speaker",
                     "parliamentarian", "legislator", "mp"), "LEG"),
    **dict.fromkeys(("archbishop", "bishop", "cardinal", "pope", "ayatollah", "cleric", "imam",
                     "rabbi", "patriarch", "mufti", "mullah"), "REL"),
}
# Words that, before a generic office ("leader", "chief", "commander"), say whose it is.
SECTOR_MODIFIERS = {
    "rebel": "REB", "rebels": "REB", "militia": "REB", "guerrilla": "REB", "guerilla": "REB",
    "insurgent": "REB",
    "opposition": "OPP", "army": "MIL", "military": "MIL",
    "police": "COP", "intelligence": "SPY", "religious": "REL", "spiritual": "REL",
    "supreme": "GOV", "party": "PTY", "union": "LAB", "student": "EDU",
}
GENERIC_OFFICES = frozenset({"leader", "chief", "head", "commander", "spokesman",
                             "spokeswoman", "spokesperson", "official"})
# Words inside a title that neither end it nor say anything ("former", "new", "Foreign").
TITLE_FILLERS = frozenset({
    "former", "ousted", "outgoing", "new", "late", "then", "acting", "interim", "senior", "deputy",
    "top", "exiled", "deposed", "elected", "self-proclaimed", "caretaker", "foreign", "prime",
    "interior", "finance", "of", "for", "and", "the", "state", "general", "-", "'s", "’s",
    "right", "left", "wing", "winger", "hardline", "hardliner", "veteran", "embattled",
    "incumbent", "transitional", "grand", "visiting", "ruling", "reigning", "junior", "sheikh", "his", "her", "highness", "excellency",
    "special",
})
# "Secretary General", "Attorney-General": here "general" is part of a civil office.
CIVIL_GENERAL = frozenset({"secretary", "attorney", "director", "inspector", "governor", "consul",
                           "solicitor", "auditor", "surgeon", "postmaster"})
# "Former President X" is no longer in office: the country stands, the sector does not.
FORMER = frozenset({"former", "ousted", "exiled", "deposed", "late", "ex"})
GOV_LIKE = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "SPY"})
# Sectors a title places in the country the story is about: a state's offices, and its
# opposition ("opposition leader X" in a story about one country leads that country's).
DOMESTIC_SECTORS = GOV_LIKE | {"OPP"}
WINDOW = 9


def title_word(tok) -> str:
    return tok.lower_.rstrip(".")


def state_named(kb: KB, text: str) -> str | None:
    key = name_key(text)
    if key in kb.demonyms:
        return kb.demonyms[key]
    states = [i for i in kb.lookup(key) if kb.get(i).kind == "state"]
    return states[0] if len(states) == 1 else None


def entity_span(tok):
    """The named entity the token is part of, or None."""
    if tok is None or not tok.ent_type_:
        return None
    for ent in tok.doc.ents:  # documents are short; a linear scan beats building an index
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def read_title(doc, start: int, kb: KB, org_kind) -> tuple[str | None, str | None, str | None, bool]:
    """Walk left from token ``start`` (the first word of the name) over a title.

    Returns (country, sector, igo actor id, former)."""
    country = sector = igo = None
    modifier = None
    former = False
    i = start - 1
    while i >= 0 and start - i <= WINDOW:
        tok = doc[i]
        word = title_word(tok)
        if tok.is_punct and tok.text not in ("-", "'s", "’s") \
                or tok.pos_ in ("VERB", "AUX", "PRON") and word not in TITLE_FILLERS:
            break
        if word in FORMER:
            former = True
        if word == "general" and i > 0:
            before = doc[i - 2] if doc[i - 1].text == "-" and i > 1 else doc[i - 1]
            if title_word(before) in CIVIL_GENERAL:
                i -= 1
                continue
        if word in TITLE_SECTORS and tok.ent_type_ not in ("GPE", "NORP"):
            sector = sector or TITLE_SECTORS[word]
        elif word in SECTOR_MODIFIERS and tok.ent_type_ not in ("GPE", "NORP"):
            if sector in (None, "GOV"):
                modifier = modifier or SECTOR_MODIFIERS[word]
        elif tok.ent_type_ in ("GPE", "NORP") or state_named(kb, tok.text):
            ent = entity_span(tok) if tok.ent_type_ in ("GPE", "NORP") else None
            first = ent.start if ent is not None else tok.i
            after = ent.end if ent is not None else tok.i + 1
            before = doc[first - 1].lower_ if first > 0 else ""
            if before in ("pro", "anti") or after < len(doc) and doc[after].text == "-" \
                    and after + 1 < len(doc) and doc[after + 1].lower_ not in TITLE_SECTORS:
                break  # "pro-Iranian", "Iranian-backed": a sponsor, not a nationality
            named = (state_named(kb, ent.text) if ent is not None else None) \
                or state_named(kb, tok.text)
            if named is None:
                break  # a region or a city: not the person's country
            country = country or named
            i = first - 1
            continue
        elif tok.ent_type_ == "ORG" and igo is None and org_kind(entity_span(tok)):
            ent = entity_span(tok)
            igo = org_kind(ent)
            i = ent.start - 1
            continue
        elif word not in TITLE_FILLERS and not (tok.is_title and tok.pos_ == "PROPN" and sector):
            break
        i -= 1
    if modifier and (sector is None or title_word(doc[start - 1]) in GENERIC_OFFICES):
        sector = modifier
    return country, sector, igo, former


def country_after(doc, end: int, kb: KB) -> str | None:
    """"King Hassan of Morocco": the country after the name; or an appositive that opens
    with one ("X, Algeria's leading rights activist", "X, a Nigerian lawyer", "X, the
    Iraqi envoy")."""
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].ent_type_ == "GPE":
        ent = entity_span(doc[end + 1])
        return state_named(kb, ent.text) if ent is not None else None
    if end + 1 < len(doc) and doc[end].text == ",":
        i = end + 1
        if doc[i].lower_ in ("a", "an", "the"):
            i += 1
        if i < len(doc) and doc[i].ent_type_ in ("GPE", "NORP"):
            ent = entity_span(doc[i])
            if ent is not None and ent.start == i:
                after = doc[ent.end] if ent.end < len(doc) else None
                possessive = after is not None and after.text in ("'s", "’s")
                if possessive or ent.label_ == "NORP" or (after is not None and after.pos_ == "NOUN"):
                    return state_named(kb, ent.text)
    return None


def igo_after(doc, end: int, org_kind) -> str | None:
    """"X, UN secretary-general,", "X, the OSCE's chief negotiator": an appositive that opens
    with an IGO and names an office is that body's official."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    i = end + 1
    if doc[i].lower_ in ("a", "an", "the"):
        i += 1
    ent = entity_span(doc[i]) if i < len(doc) else None
    if ent is None or ent.start != i or ent.label_ != "ORG":
        return None
    igo = org_kind(ent)
    if igo is None:
        return None
    for tok in doc[ent.end: min(ent.end + 4, len(doc))]:
        if tok.is_punct and tok.text not in ("-", "'s", "’s"):
            break
        if title_word(tok) in TITLE_SECTORS:
            return igo
    return None


def name_start(span) -> int:
    """The first token of the name proper, past titles inside the entity ("Archbishop X")."""
    i = span.start
    while i < span.end - 1 and (title_word(span.doc[i]) in TITLE_SECTORS
                                or title_word(span.doc[i]) in TITLE_FILLERS):
        i += 1
    return i


# Words after a place name that make it an administrative unit ("the Tyumen region").
UNIT_WORDS = frozenset({"region", "province", "state", "district", "oblast", "governorate",
                        "county", "prefecture", "municipality", "city"})


def office_of_place_before(doc, start: int, kb: KB) -> tuple[str | None, str | None]:
    """"deputy governor of the Tyumen region, Oleg Chemezov": an office of a place set off
    by a comma before the name gives the place's country and the office's sector."""
    if start < 4 or doc[start - 1].text != ",":
        return None, None
    i = start - 2
    place: list = []
    while i >= 0 and doc[i].lower_ != "of" and start - i <= WINDOW:
        tok = doc[i]
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("GPE", "LOC"):
            place.insert(0, tok)
        elif tok.lower_ not in UNIT_WORDS and tok.lower_ != "the":
            return None, None
        i -= 1
    if i < 1 or not place or title_word(doc[i - 1]) not in TITLE_SECTORS:
        return None, None
    name = " ".join(t.text for t in place)
    country = state_named(kb, name)
    if country is None:
        from . import agents

        found = agents.country_of_place(name, kb)
        country = found[0] if found else agents.region_country(name)
    return country, TITLE_SECTORS[title_word(doc[i - 1])] if country else None


def describe(doc, start_char: int, end_char: int, kb: KB, org_kind, doc_country: str | None):
    """(country, sector, igo id) a person's title gives, or None when there is no title or
    nationality before the name."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return None
    country, sector, igo, former = read_title(doc, name_start(span), kb, org_kind)
    if country is None and sector is None and igo is None:
        country, sector = office_of_place_before(doc, name_start(span), kb)
    country = country or country_after(doc, span.end, kb)
    if not country and not igo:
        igo = igo_after(doc, span.end, org_kind)
    if igo and not country:
        return None, "IGO" if not former else None, igo
    if country is None and sector in DOMESTIC_SECTORS and not former:
        country = doc_country  # "President X" in a story about one country is its president
    if country is None and sector is None:
        return None
    return country, None if former else sector, igo
