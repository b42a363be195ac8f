"""Linking named mentions to KB actors: alias keys, demonyms, acronyms defined in the text,
short names of people already named in the document, unique name prefixes and fuzzy matches;
what stays unknown but looks like a group or a person becomes a provisional actor."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ...model import Actor, Mention
from .kb import KB
from .normalize import fold, is_acronym, key_variants, name_key

ACTOR_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP"})
# Generic words a name may carry in print without being part of the KB name.
GENERIC_TAILS = ("militia group", "militia", "militias", "group", "movement", "organization",
                 "organisation", "forces")
GROUP_WORDS = frozenset({
    "militia", "militias", "brigade", "brigades", "battalion", "battalions", "movement", "front",
    "army", "guard", "guards", "units", "forces", "organization", "organisation", "group",
    "network", "council", "league", "party", "resistance", "mobilization", "mobilisation", "corps",
    "kataib", "kataeb", "asaib", "harakat", "liwa", "saraya", "jaish", "jaysh", "ansar", "hizb",
    "jabhat", "tahrir", "hayat", "jamaat", "tehrik", "lashkar", "hezbollah", "hizbollah",
})
FUZZY_THRESHOLD = 92
# A definition in the text: "Popular Mobilization Units (PMU)".
ACRONYM_DEF = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:(?:of|the|for|and|al|el)\s+)*){1,8})\(([A-Z][A-Z.-]{1,7})\)")


@dataclass
class Linking:
    """Per-document linking state."""

    kb: KB
    actors: dict[str, Actor] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)  # acronym -> actor id
    person_surnames: dict[str, set[str]] = field(default_factory=dict)
    text: str = ""  # the article text, for the words around a mention

    def use(self, actor_id: str) -> Actor | None:
        actor = self.actors.get(actor_id) or self.kb.get(actor_id)
        if actor is not None:
            self.actors[actor_id] = actor
        return actor


def label_fits(label: str, actor: Actor) -> bool:
    """Statistical NER confuses ORG and PERSON for Arabic names, so those two accept each
    other's kinds; a GPE or NORP mention links only to a state."""
    if label in ("GPE", "NORP"):
        return actor.kind == "state"
    return actor.kind != "state" or label == "ORG"


def pick(kb: KB, ids: set[str], label: str) -> str | None:
    fitting = [i for i in ids if label_fits(label, kb.get(i))]
    if len(fitting) == 1:
        return fitting[0]
    # An ORG/PERSON confusion: prefer the kind the label names when both are offered.
    want_person = [i for i in fitting if (kb.get(i).kind == "person") == (label == "PERSON")]
    return want_person[0] if len(want_person) == 1 else None


def strip_tail(text: str) -> str | None:
    low = text.lower()
    for tail in GENERIC_TAILS:
        if low.endswith(" " + tail):
            return text[: -len(tail) - 1]
    return None


def lookup_name(kb: KB, text: str, label: str) -> str | None:
    for form in filter(None, (text, strip_tail(text))):
        for key in key_variants(form):
            found = pick(kb, kb.lookup(key), label)
            if found:
                return found
    return None


def demonym_state(kb: KB, text: str) -> str | None:
    """"Iraqi" -> IRQ; "pro-Iranian" -> IRN (the mention stays NORP: it names an alignment)."""
    key = name_key(re.sub(r"^(?:pro|anti)[-\s]", "", text.strip(), flags=re.I))
    return kb.demonyms.get(key)


@functools.lru_cache(maxsize=2)
def prefix_index(kb: KB) -> dict[str, set[str]]:
    """Token prefixes (two words or more) of organisation names -> ids, for "Harakat Hezbollah"
    standing for "Harakat Hezbollah al-Nujaba"."""
    index: dict[str, set[str]] = {}
    for actor in kb.actors.values():
        if actor.kind in ("person", "state"):
            continue
        for name in (actor.name, *actor.aliases):
            words = name_key(name).split()
            for n in range(2, len(words)):
                index.setdefault(" ".join(words[:n]), set()).add(actor.actor_id)
    return index


@functools.lru_cache(maxsize=2)
def fuzzy_choices(kb: KB) -> list[str]:
    return [k for k in kb.names if len(k) >= 6]


def fuzzy_link(kb: KB, text: str, label: str) -> str | None:
    key = name_key(text)
    if len(key) < 6:
        return None
    best = process.extract(key, fuzzy_choices(kb), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=3)
    ids = set()
    for match, _score, _ in best:
        ids |= kb.lookup(match)
    return pick(kb, ids, label) if ids else None


def define_acronyms(text: str, link: Linking) -> None:
    """Acronyms the article defines: the long form is linked (or made provisional) and the
    acronym is mapped to the same actor for the rest of the document."""
    for m in ACRONYM_DEF.finditer(text):
        long_form = re.sub(r"^(?:The|the)\s+", "", m.group(1).strip())
        acronym = m.group(2).replace(".", "")
        initials = "".join(w[0] for w in long_form.split() if w[0].isupper())
        actor_id = lookup_name(link.kb, long_form, "ORG")
        # An acronym in another language ("Sinjar Resistance Units (YBS)") is accepted after
        # a name that is known or looks like a group.
        if not (acronym in initials or actor_id or looks_like_group(long_form)):
            continue
        if actor_id is None:
            actor_id = provisional(link, long_form, "ORG", kind=None).actor_id
        link.use(actor_id)
        link.acronyms[acronym] = actor_id


def looks_like_group(text: str) -> bool:
    return bool(set(fold(text).split()) & GROUP_WORDS)


def looks_like_person_name(text: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", text.strip()) if w]
    names = [w for w in words if w.lower() not in ("al", "el", "bin", "ibn", "abu", "abd")]
    return 2 <= len(words) <= 5 and all(w[:1].isupper() or w.lower() in ("al", "el", "bin", "ibn")
                                        for w in words) and len(names) >= 2 \
        and not looks_like_group(text) and not any(is_acronym(w) for w in words)


def provisional(link: Linking, text: str, label: str, kind: str | None,
                country: str | None = None) -> Actor:
    """A named actor the KB lacks, under an id that merges spellings across documents."""
    key = key_variants(text)[0]
    actor_id = f"prov:{key.replace(' ', '-')}"
    actor = link.actors.get(actor_id)
    if actor is None:
        if kind is None:
            kind = "person" if label == "PERSON" else ("armed_group" if looks_like_group(text)
                                                       else "organization")
        name = re.sub(r"^(?:the|The)\s+", "", text.strip())
        actor = Actor(actor_id=actor_id, name=name, kind=kind, country=country,
                      sector="REB" if kind == "armed_group" else None, provisional=True)
        link.actors[actor_id] = actor
    elif country and not actor.country:
        actor.country = country
    return actor


def register_person(link: Linking, actor: Actor) -> None:
    for name in (actor.name, *actor.aliases):
        words = name_key(name).split()
        if len(words) >= 2:
            link.person_surnames.setdefault(words[-1], set()).add(actor.actor_id)


def link_named(m: Mention, link: Linking) -> str | None:
    """The first pass: what the name alone says."""
    kb = link.kb
    text = m.text.strip()
    if m.label != "NORP" and re.match(r"(?:pro|anti)[-\s]", text, flags=re.I) \
            and demonym_state(kb, text):
        m.label = "NORP"  # the NER sometimes tags "pro-Iranian" ORG; it names an alignment
    if m.label == "NORP":
        return demonym_state(kb, text)
    bare = re.sub(r"^(?:the|The)\s+", "", text)
    if bare.replace(".", "") in link.acronyms:
        return link.acronyms[bare.replace(".", "")]
    found = lookup_name(kb, bare, m.label)
    if found is None and m.label in ("GPE", "ORG"):
        found = demonym_state(kb, bare) if m.label == "GPE" else None
    return found


def link_in_context(m: Mention, link: Linking) -> str | None:
    """The second pass: short names of people named earlier, name prefixes, fuzzy matches."""
    kb = link.kb
    key = name_key(m.text)
    if m.label in ("PERSON", "ORG") and " " not in key:
        people = link.person_surnames.get(key, set())
        if len(people) == 1:
            return next(iter(people))
    if m.label in ("ORG", "PERSON"):
        ids = prefix_index(kb).get(key, set())
        if len(ids) == 1:
            return next(iter(ids))
        if not is_acronym(m.text):
            return fuzzy_link(kb, m.text, m.label)
    return None


def context_country(doc, m: Mention, kb: KB) -> str | None:
    """The country context gives a new group name: "Iraq's pro-Iranian X", "Iraqi X militia",
    or the name itself opens with one ("Bosnian Serbs", "Afghan Taliban")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    return country_before(doc, span, kb) or country_opening(span, kb)


def country_opening(span, kb: KB) -> str | None:
    """The state a name's first word names or is the demonym of ("Bosnian Serbs")."""
    first = span[0]
    if len(span) < 2 or first.i > 0 and first.doc[first.i - 1].lower_ in ("pro", "-", "anti"):
        return None
    if first.lower_ in kb.demonyms:
        return kb.demonyms[first.lower_]
    states = [x for x in kb.lookup(name_key(first.text)) if kb.get(x).kind == "state"]
    return states[0] if len(states) == 1 else None


def country_before(doc, span, kb: KB) -> str | None:
    i = span.start - 1
    while i >= 0 and i >= span.start - 5:
        tok = doc[i]
        if tok.text in ("’s", "'s") and i > 0:
            ids = kb.lookup(name_key(doc[i - 1].text))
            states = [x for x in ids if kb.get(x).kind == "state"]
            return states[0] if len(states) == 1 else None
        prev = doc[i - 1].text.lower() if i > 0 else ""
        if tok.lower_ in kb.demonyms and prev not in ("pro", "-", "anti"):
            return kb.demonyms[tok.lower_]
        if not (tok.pos_ in ("ADJ", "PUNCT") or tok.lower_ in ("pro", "anti")):
            return None
        i -= 1
    return None
