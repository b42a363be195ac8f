"""Toponym recognition: NER place mentions plus what NER misses, and their containers.

spaCy's small English model tags most cities and countries but rarely bases, airports and
camps ("the K-1 base", "Baghdad airport", "Ayn al-Assad"), so a scan of capitalised name
sequences, optionally followed by a facility word, adds the spans whose normalised form is a
site in the gazetteer. "X near Y", "X, Y" and "X in Y" name Y as X's container.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import DocResult, Mention
from .gazetteer import Gazetteer
from .names import name_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# A capitalised word (K-1, Al-Qa'im, Ayn) and name sequences joined by Arabic articles.
_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
_JOIN = r"(?:\s+(?:(?:al|el|ad|ar|as|an|ash|at|az|bin|ibn|de|du|la)[-\s])?)"
_FEATURE = (r"(?:\s+(?:international\s+)?(?:airport|air\s?base|airbase|airfield|air\s+field|base|"
            r"military\s+base|garrison|refugee\s+camp|camp|border\s+crossing|crossing))?")
_NAME_SEQ = re.compile(rf"\b{_WORD}(?:{_JOIN}{_WORD}){{0,3}}{_FEATURE}\b")
_CONTAINER = re.compile(r"^(?:\s*,\s*|\s+near\s+|\s+in\s+|\s+outside\s+|\s+north of\s+|"
                        r"\s+south of\s+|\s+east of\s+|\s+west of\s+)$")
# Verbs of saying and deciding whose subject is a government, not a place ("Washington said").
_SPEECH_VERBS = {
    "say", "tell", "announce", "claim", "state", "warn", "threaten", "deny", "accuse", "urge",
    "demand", "call", "insist", "decide", "agree", "reject", "condemn", "vow", "pledge", "sanction",
    "designate", "consider", "believe", "want", "blame", "respond", "criticize", "criticise",
    "praise", "welcome", "offer", "propose", "refuse", "recognize", "recognise", "approve",
    "order", "declare", "insist", "report", "confirm", "protest", "summon", "expel", "ask",
    "launch", "kill", "strike", "attack", "support", "fund", "arm", "sign", "negotiate",
}


_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|from|into|across|throughout|around)\s+$", re.I)
# Capitalised words that are dates or titles, never toponyms in a locative phrase.
_NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "spring", "summer", "autumn", "fall", "winter", "christmas", "ramadan",
    "the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "my", "mr", "mrs", "ms",
}


def is_locative(text: str, start: int) -> bool:
    """Whether the words before ``start`` are a locative preposition ("in Iraq")."""
    return bool(_LOCATIVE.search(text[max(0, start - 12):start]))


@dataclass(slots=True)
class Toponym:
    start: int
    end: int
    text: str
    sentence: int
    mention: Mention
    metonymic: bool = False
    container: int | None = None  # index of the containing toponym in the list
    enumeration: int | None = None  # index of the first name of the enumeration it is in
    division: bool = False  # the text calls it a state or province ("Washington state")


def _sentence_index(result: DocResult, offset: int) -> int:
    s = result.sentence_of(offset)
    return s.index if s else 0


def _is_metonymic(result: DocResult, m: Mention) -> bool:
    """A GPE that is the subject of a verb of saying or deciding stands for its government."""
    doc = result.spacy_doc
    if doc is None or m.label != "GPE":
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in _SPEECH_VERBS


def _gazetteer_spans(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Spans whose normalised name is a site (base, airport, camp, crossing) in the gazetteer;
    for each name sequence the longest such prefix-anchored span wins."""
    spans = []
    for m in _NAME_SEQ.finditer(text):
        words = list(re.finditer(r"\S+", m.group(0)))
        for n in range(len(words), 0, -1):
            end = m.start() + words[n - 1].end()
            piece = text[m.start():end].rstrip(".,;:")
            hits = gaz.lookup_key(name_key(piece))
            if any(e.precision == "site" for e in hits):
                spans.append((m.start(), m.start() + len(piece)))
                break
    return spans


def _locative_city_spans(text: str, gaz: Gazetteer, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names NER missed that follow a locative preposition ("in Qaim") and are a city or
    admin1 in the gazetteer; spans any other mention covers are left to that mention."""
    spans = []
    for m in _NAME_SEQ.finditer(text):
        start, end = m.start(), m.end()
        if not is_locative(text, start) or any(s < end and start < e for s, e in taken):
            continue
        piece = m.group(0)
        if piece.split()[0].lower() in _NOT_PLACES:
            continue
        if any(e.precision in ("city", "admin1", "country") for e in gaz.lookup_key(name_key(piece))):
            spans.append((start, end))
    return spans


# A dateline opens a paragraph: the filing town in capitals, maybe its state or country,
# maybe the agency, then a dash ("WINNIPEG — ", "RALEIGH, N.C. — ", "BEIRUT (Reuters) - ").
_DATELINE = re.compile(r"(?:^|\n)[ \t]*(?P<name>[A-Z][A-Z'’\-]+(?:[ ][A-Z][A-Z'’\-]+){0,2})"
                       r"(?P<state>,[ ]+[A-Z][\w.]*(?:[ ][A-Z][\w.]*)?)?[ ]*(?:\([A-Za-z ]{2,20}\)[ ]*)?[—–-]{1,2}[ ]")
# A dateline without its state names a town big enough to date stories from ("FILE - In
# this photo" is no dateline of Fillé, France).
_DATELINE_TOWN = 10_000
_PLACE_PRECISIONS = ("city", "admin1", "country")


def _dateline_spans(text: str, gaz: Gazetteer, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The town of each dateline, when the gazetteer knows it (NER often tags a name in
    capitals ORG): where the story was filed."""
    spans = []
    for m in _DATELINE.finditer(text):
        start, end = m.span("name")
        if any(s < end and start < e for s, e in taken):
            continue
        key = name_key(m["name"])
        if any(e.precision in _PLACE_PRECISIONS and name_key(e.name) == key
               and (m["state"] or e.precision != "city" or e.population >= _DATELINE_TOWN)
               for e in gaz.lookup_key(key)):
            spans.append((start, end))
    return spans


def _places_named_as_people(result: DocResult, gaz: Gazetteer,
                            taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names NER tags PERSON that are places: one it tags GPE or LOC elsewhere in the
    article (one article, one sense of a name: "Tamil Nadu", "Owerri"), when the gazetteer
    knows it as a town, state or country; and the own name of a state, country, capital or
    city of 200,000 ("Abuja"), unless the article uses it in a longer person's name
    ("Orlando" after "Orlando Bloom") or after a title ("Mr Jordan")."""
    places = {m.text for m in result.mentions if m.label in ("GPE", "LOC") and m.source != "coref"}
    # Words of the article's longer person names ("Orlando" of "Orlando Bloom").
    name_words = {w for m in result.mentions if m.label == "PERSON" and " " in m.text for w in m.text.split()}
    spans = []
    for m in result.mentions:
        if m.label not in _AS_PEOPLE:
            continue
        if any(s < m.end and m.start < e for s, e in taken + spans):
            continue
        cands = [e for e in gaz.lookup_key(name_key(m.text)) if e.precision in _PLACE_PRECISIONS]
        if m.text in places and cands:
            spans.append((m.start, m.end))
        elif (cands and m.text not in name_words and not _TITLE_BEFORE.search(result.article.text[max(0, m.start - 6):m.start])
              and any(_notable(e) and name_key(e.name) == name_key(m.text) for e in cands)):
            spans.append((m.start, m.end))
    return spans


_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Gen|Col|Sgt|Lt|Capt|Rev)\.?\s+$")


def _notable(e) -> bool:
    return e.precision in ("admin1", "country") or e.kind == "capital" or e.population >= _NOTABLE_TOWN


# PERSON only: a name tagged ORG is mostly its government or team (GeoWebNews dev recognition
# exact F1 with both 76.8, PERSON only 77.1, neither 76.8).
_AS_PEOPLE = ("PERSON",)
_NOTABLE_TOWN = 200_000  # GeoWebNews dev recognition exact F1: 50k 77.8, 100k 77.7, 200k 77.8, 500k 77.7, none 77.7


_LEADING_ARTICLE = re.compile(r"^the\s+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s?)$")


def _trim_name(m: Mention) -> None:
    """A place mention is its name: spaCy's "the United States" and "Orange County's" are
    cut to "United States" and "Orange County" (the span GeoWebNews and readers mean)."""
    lead = _LEADING_ARTICLE.match(m.text)
    tail = _POSSESSIVE.search(m.text)
    cut_start = lead.end() if lead and len(m.text) > lead.end() else 0
    cut_end = len(tail.group(0)) if tail and tail.start() > cut_start else 0
    if cut_start or cut_end:
        m.start += cut_start
        m.end -= cut_end
        m.text = m.text[cut_start:len(m.text) - cut_end]


_DIVISION_AFTER = re.compile(r"^\s+(?:state|province|governorate|oblast|prefecture)\b"
                             # A governor heads a state or province, never a city: "New
                             # York Governor Andrew Cuomo", "the Texas governor's office".
                             r"|^(?:'s)?\s+(?:[Gg]overnor|Gov\.|governor)\b")
_DIVISION_BEFORE = re.compile(r"\b(?:(?:state|province|governorate|region|oblast|prefecture)\s+of|upstate)\s+$",
                              re.I)


def _called_a_division(text: str, start: int, end: int) -> bool:
    """Whether the text calls the name a state or province: "Washington state", "the
    state of Washington", "upstate New York", "Nineveh province" (lower-case "state":
    "Washington State University" is a name)."""
    return bool(_DIVISION_AFTER.match(text[end:end + 16]) or _DIVISION_BEFORE.search(text[max(0, start - 20):start]))


def find_toponyms(result: DocResult, gaz: Gazetteer) -> list[Toponym]:
    text = result.article.text
    topos: list[Toponym] = []
    # A place name is a proper name: lower-case NER spans ("off its west coast", "the
    # north") are descriptions, and coreferent pronouns are no names at all.
    ner = [m for m in result.mentions if m.label in PLACE_LABELS and m.source != "coref"
           and any(ch.isupper() for ch in m.text)]
    for m in ner:
        _trim_name(m)
    gaz_spans = _gazetteer_spans(text, gaz)
    # NER often tags a lesser-known town as a PERSON ("in Qaim"); after a locative
    # preposition the gazetteer may take that span over.
    taken = [(m.start, m.end) for m in result.mentions
             if not (m.label == "PERSON" and is_locative(text, m.start))] + gaz_spans
    gaz_spans += _locative_city_spans(text, gaz, taken)
    gaz_spans += _dateline_spans(text, gaz, gaz_spans)
    gaz_spans += _places_named_as_people(result, gaz, gaz_spans)
    covered: list[tuple[int, int]] = []
    for start, end in gaz_spans:
        # A site name wins over the NER spans inside or overlapping it ("Baghdad" in
        # "Baghdad airport", "Ayn al-Assad" tagged PERSON).
        same = [m for m in result.mentions if m.start == start and m.end == end and m.label in PLACE_LABELS]
        if same:
            mention = same[0]
        else:
            label = "FAC" if any(e.precision == "site" for e in gaz.lookup(text[start:end])) else "LOC"
            mention = Mention(start, end, text[start:end], label, _sentence_index(result, start),
                              source="gazetteer")
            result.mentions.append(mention)
        covered.append((start, end))
        topos.append(Toponym(start, end, mention.text, mention.sentence, mention))
    for m in ner:
        if any(s <= m.start and m.end <= e for s, e in covered):
            continue
        topos.append(Toponym(m.start, m.end, m.text, m.sentence, m, _is_metonymic(result, m)))
    topos.sort(key=lambda t: t.start)
    _link_containers(text, topos)
    _mark_enumerations(text, topos)
    for t in topos:
        t.division = _called_a_division(text, t.start, t.end)
    _listed_divisions(text, topos)
    _divisions_throughout(topos)
    return topos


# "western states such as California or Washington", "the provinces of Nyanza, Rift Valley
# and Western": a list the text introduces as states or provinces. A capitalised word before
# "states" names a group of countries instead ("Gulf states like Kuwait", "United States of").
_DIVISIONS_BEFORE_LIST = re.compile(r"(?:(?P<before>[\w\-]+)\s+)?(?:states|provinces|governorates|"
                                    r"prefectures|oblasts)\s+(?:of|such\s+as|like|including)\s+$")


def _introduced_as_divisions(text: str, start: int) -> bool:
    m = _DIVISIONS_BEFORE_LIST.search(text[max(0, start - 40):start])
    return bool(m) and not (m["before"] or "x")[0].isupper()


def _listed_divisions(text: str, topos: list[Toponym]) -> None:
    """Marks as divisions the names of a list introduced as states or provinces."""
    i = 0
    while i < len(topos):
        if not _introduced_as_divisions(text, topos[i].start):
            i += 1
            continue
        topos[i].division = True
        while i + 1 < len(topos) and _ENUMERATION_GAP.match(text[topos[i].end:topos[i + 1].start]):
            i += 1
            topos[i].division = True
        i += 1


def _divisions_throughout(topos: list[Toponym]) -> None:
    """A name the article once calls a state ("New York state") is the state in its other
    bare mentions too: one article, one sense of a name."""
    called = {t.text for t in topos if t.division}
    for t in topos:
        if t.text in called:
            t.division = True


def inner_mentions(result: DocResult, topos: list[Toponym]) -> list[tuple[Mention, Toponym]]:
    """NER place mentions that lie inside a longer gazetteer toponym."""
    out = []
    for t in topos:
        if t.mention.source != "gazetteer":
            continue
        for m in result.mentions:
            if m is not t.mention and m.label in PLACE_LABELS and t.start <= m.start and m.end <= t.end:
                out.append((m, t))
    return out


_LIST_GAP = re.compile(r"^\s*,\s*$")
_ENUMERATION_GAP = re.compile(r"^\s*(?:,|,?\s+and|,?\s+or)\s*$")


def _mark_enumerations(text: str, topos: list[Toponym]) -> None:
    """Runs of three or more names joined by commas and a last "and" ("Arizona, Oregon,
    Utah and Ohio") share an ``enumeration`` index: such lists name places of one kind."""
    start = 0
    for i in range(1, len(topos) + 1):
        joined = i < len(topos) and _ENUMERATION_GAP.match(text[topos[i - 1].end:topos[i].start])
        if joined:
            continue
        if i - start >= 3:
            for t in topos[start:i]:
                t.enumeration = start
        start = i


def _link_containers(text: str, topos: list[Toponym]) -> None:
    for i in range(len(topos) - 1):
        gap = text[topos[i].end:topos[i + 1].start]
        if len(gap) <= 12 and _CONTAINER.match(gap) and not _in_list(text, topos, i):
            topos[i].container = i + 1


def _in_list(text: str, topos: list[Toponym], i: int) -> bool:
    """Whether "X, Y" is part of an enumeration ("Alaska, Alabama, Arizona and Texas"):
    a third name follows Y after a comma (a container "Paris, Texas" ends there; "Manassas,
    Va., and Fairfax" stays one),
    or X itself follows a name and a comma."""
    if "," not in text[topos[i].end:topos[i + 1].start]:
        return False
    after = i + 2 < len(topos) and _LIST_GAP.match(text[topos[i + 1].end:topos[i + 2].start])
    before = i > 0 and _LIST_GAP.match(text[topos[i - 1].end:topos[i].start])
    return bool(after or before)
