"""resolve.actors: link mentions to KB actors, compose country + sector agents, discover
provisional actors, resolve simple coreference and extract relations with evidence.

Runs after the nlp stage and reads its spaCy Doc (``DocResult.spacy_doc``); the entity ruler
that tags KB names before the NER lives in :mod:`eventwire.nlp.ruler`.
"""

from __future__ import annotations

import re

from ...model import DocResult, Mention, Relation, stable_id
from ...registry import DocumentStage, SkipDocument, register_stage
from . import agents, coref, relations, titles
from .kb import KB, load_kb
from .linker import (ACTOR_LABELS, Linking, context_country, country_opening, define_acronyms,
                     link_in_context,
                     link_named, looks_like_group, looks_like_person_name, provisional,
                     register_person)
from .normalize import name_key

__all__ = ["ActorsStage", "load_kb", "KB", "resolve_actors"]


@register_stage("actors")
class ActorsStage(DocumentStage):
    name = "actors"
    english_only = True

    def __init__(self, kb_dir: str | None = None) -> None:
        self.kb_dir = kb_dir

    def process(self, result: DocResult) -> None:
        if result.spacy_doc is None:
            raise SkipDocument("no spaCy Doc: the actors stage needs the nlp stage before it")
        resolve_actors(result, load_kb(self.kb_dir))


def resolve_actors(result: DocResult, kb: KB) -> None:
    doc = result.spacy_doc
    link = Linking(kb, text=result.article.text)
    define_acronyms(result.article.text, link)
    join_split_demonyms(result, kb)
    trim_to_demonym(result, kb)
    untagged_states(result, doc, kb)
    places_tagged_norp(result, doc, kb)
    named = [m for m in result.mentions if m.label in ACTOR_LABELS]
    link_mentions(named, link)
    discover(doc, named, link)
    home = agents.dominant_country(result.mentions, link.kb)
    # a title's country may also come from the one country the demonyms name (no place named)
    describe_people(result, doc, named, link,
                    home or agents.sole_demonym_country(result.mentions, link.kb,
                                                         result.article.text))
    link_capitals(doc, named, link)
    add_agents(result, doc, named, link, home)
    add_coref(result, doc, link)
    extract_relations(result, doc, link)
    add_kb_parents(result, link)
    result.actors.update(link.actors)


NEXT_WORD = re.compile(r" ([A-Z][a-z]+)\b")


def join_split_demonyms(result: DocResult, kb: KB) -> None:
    """"Sierra Leonean", "Papua New Guinean": the small NER model splits a demonym of two or
    more words ("Sierra" ORG, "Leonean" PERSON or nothing). A named mention that, with the
    capitalised word after it, is a demonym becomes one NORP mention of it."""
    text = result.article.text
    for m in list(result.mentions):
        if m.label not in ("ORG", "PERSON", "GPE", "NORP") or m.text.lower() in kb.demonyms:
            continue
        nxt = NEXT_WORD.match(text, m.end)
        if nxt is None or name_key(f"{m.text} {nxt.group(1)}") not in kb.demonyms:
            continue
        end = nxt.end(1)
        result.mentions = [x for x in result.mentions
                           if x is m or not (m.start <= x.start and x.end <= end)]
        m.end, m.text, m.label = end, text[m.start:end], "NORP"
    result.mentions.sort(key=lambda x: (x.start, x.end))


LOWER_NEXT = re.compile(r" ([a-z]+)\b")


def trim_to_demonym(result: DocResult, kb: KB) -> None:
    """"Radical French farmers": the small NER model takes a capitalised adjective and the
    demonym after it for a name ("Radical French" ORG). An unknown name that ends in a
    one-word demonym and modifies a common noun after it is that demonym (NORP), so the agents
    pass composes "French farmers" (FRA)."""
    text = result.article.text
    for m in result.mentions:
        words = m.text.split()
        if m.label not in ("ORG", "PERSON", "NORP") or len(words) < 2 \
                or words[-1].lower() not in kb.demonyms or kb.lookup(name_key(m.text)) \
                or any(w.lower() in kb.demonyms for w in words[:-1]):
            continue
        if LOWER_NEXT.match(text, m.end) is None:
            continue  # "the Free French" stands alone: a name, not a modifier
        m.start = m.end - len(words[-1])
        m.text, m.label = words[-1], "NORP"


def untagged_states(result: DocResult, doc, kb: KB) -> None:
    """"Uzbekistan opened the border": the small NER model leaves some country names
    untagged (the entity ruler leaves states to it). A one-word proper noun that is exactly
    one state's name, in no mention, and acts in its clause (subject, object) becomes a GPE
    mention of that state; a bare name in a place slot is left to the places stage."""
    if doc is None:
        return
    covered = {i for m in result.mentions for i in range(m.start, m.end)}
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.ent_type_ or tok.idx in covered \
                or not tok.text[:1].isupper():
            continue
        states = [x for x in kb.lookup(name_key(tok.text)) if kb.get(x).kind == "state"]
        if len(states) != 1 or not (agents.acts(doc[tok.i:tok.i + 1]) or modifies_a_noun(tok)):
            continue
        result.mentions.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, "GPE",
                                       sentence_index(result, tok.idx)))
    result.mentions.sort(key=lambda x: (x.start, x.end))


def modifies_a_noun(tok) -> bool:
    """A compound modifier whose chain of compounds ends on a common noun ("US Predator
    attacks"); never part of a longer name ("Jordan River")."""
    head = tok
    while head.dep_ == "compound" and head.head is not head:
        head = head.head
    return tok.dep_ == "compound" and head.pos_ == "NOUN"


# Nouns whose "of" names a place: "the town of Samarra".
PLACE_NOUNS = frozenset({"town", "city", "village", "province", "district", "region", "port",
                         "capital", "suburb", "area"})


def places_tagged_norp(result: DocResult, doc, kb: KB) -> None:
    """"near the town of Samarra", "fighting in Samarra": the small NER model tags some town
    names NORP. A one-word NORP that is no demonym, is a known city's name and stands where
    a place stands (after a locative preposition, or "the town of") is a place (GPE), so the
    places stage reads it and no people is made of it."""
    if doc is None:
        return
    for m in result.mentions:
        if m.label != "NORP" or " " in m.text or name_key(m.text) in kb.demonyms:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) != 1 or span.root.dep_ != "pobj":
            continue
        prep = span.root.head
        where = prep.lower_ in agents.LOCATIVE_PREPS or (
            prep.lower_ == "of" and prep.head.lower_ in PLACE_NOUNS)
        if where and name_key(m.text) in agents.city_countries():
            m.label = "GPE"


def link_text(link: Linking, m: Mention) -> str:
    """The few characters before a mention."""
    return link.text[max(0, m.start - 12):m.start]


def link_mentions(named: list[Mention], link: Linking) -> None:
    for m in named:
        if not m.actor_id:
            m.actor_id = link_named(m, link)
            if m.actor_id:
                m.source = "kb"
        actor = link.use(m.actor_id) if m.actor_id else None
        if actor is not None and actor.kind == "person":
            register_person(link, actor)
    for m in named:
        if m.label == "NORP" and m.actor_id and re.search(r"\bethnic\s+$", link_text(link, m), re.I):
            m.actor_id = None  # "ethnic Albanians" are not Albania: the agents pass places them
        if not m.actor_id:
            m.actor_id = link_in_context(m, link)
            if m.actor_id:
                m.source = "kb"
                link.use(m.actor_id)


def discover(doc, named: list[Mention], link: Linking) -> None:
    """Unknown names that look like a group (ORG) or a full personal name (PERSON) become
    provisional actors; the rest wait for a relation to say what they are."""
    for m in named:
        if m.actor_id is None and m.label == "NORP":
            # NORP "Bosnian Serbs" (the NER's other reading of it): a people, as below
            m.actor_id = placed_people(m.text, link)
            if m.actor_id:
                m.source = "pattern"
            continue
        if m.actor_id or m.label not in ("ORG", "PERSON"):
            continue
        state = state_named_as_person(m, named, link)
        if state is not None:
            m.actor_id, m.source = state, "kb"
            link.use(state)
            if name_key(m.text) in link.kb.demonyms:
                m.label = "NORP"  # "Ugandan opposition candidates": a modifier, so agents compose
            continue
        people = placed_people(m.text, link)
        if people is not None:
            m.actor_id = people  # NER's PERSON "Bosnian Serbs" is a people, not a person
        elif m.label == "ORG" and looks_like_group(m.text):
            country = context_country(doc, m, link.kb)
            m.actor_id = provisional(link, m.text, "ORG", None, country).actor_id
        elif m.label == "ORG":
            m.actor_id = national_body(doc, m, link) or international_body(m, link) \
                or placed_body(doc, m, link)
        elif m.label == "PERSON" and looks_like_person_name(m.text):
            m.actor_id = provisional(link, m.text, "PERSON", "person").actor_id
        if m.actor_id:
            m.source = "pattern" if people is not None else "provisional"


def state_named_as_person(m: Mention, named: list[Mention], link: Linking) -> str | None:
    """The small NER model tags some country names and demonyms PERSON ("Benin opened its
    borders", "Sri Lanka has established ties", "Ugandan opposition candidates"): a PERSON
    mention that is exactly a state's name or a one-word demonym is the state,
    unless another person's name in the document contains it ("Michael Jordan ... Jordan
    said" is the man)."""
    if m.label != "PERSON":
        return None
    key = name_key(m.text)
    if key in link.kb.demonyms and len(m.text.split()) == 1:
        return link.kb.demonyms[key]  # "Ugandan" tagged PERSON
    states = [i for i in link.kb.lookup(key) if link.kb.get(i).kind == "state"]
    if len(states) != 1:
        return None
    words = m.text.split()
    for other in named:
        if other is not m and other.label == "PERSON" and len(other.text.split()) > len(words) \
                and other.text.endswith(m.text):
            return None
    return states[0]


# Words that make a name an institution's ("the Nigerian Union of Teachers").
INSTITUTION_WORDS = frozenset({
    "union", "association", "council", "commission", "committee", "federation", "league",
    "congress", "assembly", "parliament", "senate", "party", "front", "movement", "alliance",
    "coalition", "ministry", "department", "agency", "office", "bureau", "authority", "service",
    "services", "court", "tribunal", "bank", "institute", "foundation", "society", "organisation",
    "organization", "confederation", "syndicate", "chamber", "board", "trust", "forum",
})


# Name words that say a body is of no one country ("the Association of African Jurists",
# "the Third World Water Forum").
INTERNATIONAL_WORDS = frozenset({"international", "world", "global", "african", "european",
                                 "asian", "arab", "regional", "continental", "transnational"})


def international_body(m: Mention, link: Linking) -> str | None:
    """An unknown organisation whose name says it is international: a new NGO (the KB holds
    the intergovernmental ones, which are few)."""
    words = set(name_key(m.text).split())
    if not (words & INTERNATIONAL_WORDS and words & INSTITUTION_WORDS):
        return None
    actor = provisional(link, m.text, "ORG", "ngo")
    actor.sector = actor.sector or "NGO"
    return actor.actor_id


def national_body(doc, m: Mention, link: Linking) -> str | None:
    """An unknown organisation whose name opens with its country: "the US Congress" is the
    US legislature (USA-LEG), "the Latvian Constitutional Court" Latvia's judiciary; one
    whose head says no sector ("the Nigerian Union of Teachers") is a new organisation of
    that country."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if not t.is_punct and t.lower_ not in ("the", "of")]
    if len(words) < 2:
        return None
    country = country_opening(doc[words[0].i:span.end], link.kb)
    if country is None:
        return None
    sector = agents.sector_of(words[1:])
    agent = f"{country}-{sector}" if sector else None
    if agent and link.use(agent) is not None:
        return agent
    if not any(w.lower_ in INSTITUTION_WORDS for w in words[1:]):
        return None  # "US Reaper and Predator" (drones) name no body
    return provisional(link, m.text, "ORG", "organization", country).actor_id


# Heads of a body's name that, with a place in the name, make it that place's body.
BODY_WORDS = INSTITUTION_WORDS | frozenset({
    "company", "corporation", "university", "school", "college", "hospital", "academy",
    "museum", "library", "newspaper", "radio", "television", "airline", "airways", "port"})


def placed_body(doc, m: Mention, link: Linking) -> str | None:
    """An unknown organisation whose name places it: "the United Bus Company of Tehran",
    "Baghdad University Medical School", "the Bank of Ruritania" are bodies of the country of
    that city or state (the most populous city of the name, as for agents). The name must
    have a body's head word; international names are left to :func:`international_body`."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if not t.is_punct and t.lower_ != "the"]
    if len(words) < 2 or not any(w.lower_ in BODY_WORDS for w in words):
        return None
    of = max((w.i for w in words if w.lower_ == "of"), default=None)
    if of is not None and of < words[-1].i:
        place = doc[of + 1: span.end].text  # "... of Tehran"
    elif words[0].ent_type_ == "GPE" or words[0].pos_ == "PROPN":
        place = words[0].text  # "Baghdad University"
    else:
        return None
    found = agents.country_of_place(place, link.kb)
    if found is None:
        return None
    return provisional(link, m.text, "ORG", "organization", found[0]).actor_id


def placed_people(text: str, link: Linking) -> str | None:
    """"Bosnian Serbs", "Iraqi Kurds": a demonym, then a capitalised plural: the civilians
    of the country the demonym names (as CAMEO codes a people by where it lives)."""
    words = text.split()
    if len(words) != 2 or words[0].lower() not in link.kb.demonyms:
        return None
    last = words[1]
    if not (last[:1].isupper() and last.endswith("s") and not last.endswith("ss")):
        return None
    agent = f"{link.kb.demonyms[words[0].lower()]}-CVL"
    return agent if link.use(agent) is not None else None


def sentence_index(result: DocResult, offset: int) -> int:
    s = result.sentence_of(offset)
    return s.index if s else 0


def describe_people(result: DocResult, doc, named: list[Mention], link: Linking,
                    home: str | None) -> None:
    """Country and sector from the titles before people's names ("Iraqi President X"); a
    titled one-word name ("President Bush") becomes a provisional person."""
    igo_at = {(m.start, m.end): m.actor_id for m in result.mentions
              if m.actor_id and link.actors.get(m.actor_id) is not None
              and link.actors[m.actor_id].kind == "igo"}

    def org_kind(ent) -> str | None:
        return igo_at.get((ent.start_char, ent.end_char)) if ent is not None else None

    for m in named:
        actor = link.actors.get(m.actor_id) if m.actor_id else None
        if m.label != "PERSON" and actor is None and official_of_igo(doc, m, org_kind):
            m.label = "PERSON"  # "Kenzo Oshima, the UN relief coordinator," tagged GPE
        if m.label != "PERSON" or actor is not None and not (actor.provisional and actor.kind == "person"):
            continue
        found = titles.describe(doc, m.start, m.end, link.kb, org_kind, home)
        if found is None:
            continue
        country, sector, _igo = found
        if actor is None:
            if not m.text[:1].isupper():
                continue
            actor = provisional(link, m.text, "PERSON", "person")
            m.actor_id, m.source = actor.actor_id, "provisional"
        actor.country = actor.country or country
        actor.sector = actor.sector or sector


def official_of_igo(doc, m: Mention, org_kind) -> bool:
    """An unlinked capitalised name (the NER's GPE or ORG) with an appositive that names an
    office of an IGO after it is a person: only people hold offices."""
    if m.label not in ("GPE", "ORG") or not m.text[:1].isupper():
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and titles.igo_after(doc, span.end, org_kind) is not None


def link_capitals(doc, named: list[Mention], link: Linking) -> None:
    """A capital that acts ("Washington demanded", "Berlin's refusal") stands for its state's
    government, as CAMEO codes it; a capital where something happens stays a place."""
    for m in named:
        if m.actor_id or m.label != "GPE":
            continue
        state = agents.capital_state(m.text, link.kb)
        if state is None:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and agents.acts(span):
            m.actor_id, m.source = f"{state}-GOV", "pattern"
            link.use(m.actor_id)


def add_agents(result: DocResult, doc, named: list[Mention], link: Linking,
               home: str | None) -> None:
    spans = [(m.start, m.end) for m in named if m.label in ("ORG", "PERSON")]
    for start, end, text, actor_id in agents.find_agents(doc, link.kb, spans, home):
        link.use(actor_id)
        result.mentions.append(Mention(start, end, text, "AGENT", sentence_index(result, start),
                                       actor_id=actor_id, source="pattern"))


def paragraphs(result: DocResult) -> list[tuple[int, int]]:
    secs = result.article.sections
    return [(s.start, s.end) for s in secs] if secs else [(0, len(result.article.text))]


def add_coref(result: DocResult, doc, link: Linking) -> None:
    refs = [coref.Ref(m.start, m.end, m.text, m.actor_id, link.actors[m.actor_id].kind, 0)
            for m in result.mentions
            if m.actor_id in link.actors and m.label in ("ORG", "PERSON")]
    for r in coref.resolve(doc, refs, paragraphs(result), subject_refs(result, doc, link)):
        # an agent stays an AGENT; a state or organisation is an actor here, never a place name
        label = "PERSON" if r.kind == "person" else ("AGENT" if r.label == "AGENT" else "ORG")
        result.mentions.append(Mention(r.start, r.end, r.text, label, sentence_index(result, r.start),
                                       actor_id=r.actor_id, source="coref"))
    result.mentions.sort(key=lambda m: (m.start, m.end))


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def subject_refs(result: DocResult, doc, link: Linking) -> list[coref.Ref]:
    """Linked mentions (states, organisations, agents; not people) that are the subject of
    their clause, with their grammatical number: what "it" and "they" may stand for."""
    out = []
    for m in result.mentions:
        actor = link.actors.get(m.actor_id) if m.actor_id else None
        # a PERSON label with a non-person actor is the NER's misreading of a people or a
        # state ("Bosnian Serbs" tagged PERSON is BIH-CVL): the actor decides
        if actor is None or actor.kind == "person" \
                or m.label not in ("ORG", "GPE", "NORP", "AGENT", "PERSON"):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.dep_ not in SUBJECT_DEPS:
            continue
        plural = span.root.tag_ in ("NNS", "NNPS") or (m.label == "NORP" and span.root.tag_ != "NNP")
        out.append(coref.Ref(m.start, m.end, m.text, m.actor_id, actor.kind, 0, m.label, plural))
    return out


def sentence_slots(doc, mentions: list[Mention], link: Linking, sent):
    """Actor slots and NORP slots of one sentence, in text order (longest mention first)."""
    slots, norps, seen = [], [], set()
    for m in mentions:
        if not (sent.start_char <= m.start < sent.end_char):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or any(i in seen for i in range(span.start, span.end)):
            continue
        actor = link.actors.get(m.actor_id) if m.actor_id else None
        if actor is None and not (m.label in ("ORG", "PERSON") and looks_like_person_name(m.text)):
            continue
        slot = relations.Slot(span.start, span.end, m.actor_id, actor.kind if actor else None, m)
        if m.label == "NORP":
            norps.append(slot)
            continue
        seen.update(range(span.start, span.end))
        slots.append(slot)
    slots.sort(key=lambda s: s.start)
    return slots, norps


def settle(slot: relations.Slot, as_person: bool, link: Linking) -> str:
    """A pending name takes the kind its relation gives it ("Y, spokesman of X": a person)."""
    if slot.actor_id is None:
        m = slot.mention
        actor = provisional(link, m.text, "PERSON" if as_person else "ORG",
                            "person" if as_person else None)
        m.actor_id, m.source = actor.actor_id, "provisional"
        slot.actor_id, slot.kind = actor.actor_id, actor.kind
    return slot.actor_id


def extract_relations(result: DocResult, doc, link: Linking) -> None:
    mentions = sorted(result.mentions, key=lambda m: (m.start, -(m.end - m.start)))
    sanctioners: list[relations.Slot] = []
    seen = {r.relation_id for r in result.relations}
    for sent_model, sent in zip(result.sentences, doc.sents):
        slots, norps = sentence_slots(doc, mentions, link, sent)
        if not slots:
            continue
        found = (relations.noun_phrase_relations(doc, slots)
                 + relations.verb_relations(sent, slots, sanctioners)
                 + relations.part_relations(sent, slots)
                 + relations.alignment_relations(sent, slots, norps))
        for f in found:
            person_subject = f.predicate not in ("part_of", "aligned_with", "backed_by",
                                                 "sanctions", "designates_terrorist")
            subj = settle(f.subject, person_subject, link)
            obj = settle(f.obj, False, link)
            if subj == obj:
                continue
            if f.predicate == "member_of" and link.kb.leads(subj, obj, "leader"):
                f.predicate = "leader_of"  # "Badr's Hadi al-Amiri": the KB knows the role
            inherit_country(link, subj, obj, f.predicate)
            rid = stable_id(result.doc_id, subj, f.predicate, obj)
            if rid in seen:
                continue
            seen.add(rid)
            result.relations.append(Relation(rid, result.doc_id, subj, f.predicate, obj,
                                             sent_model.text, sent_model.start, sent_model.end,
                                             f.confidence))


def inherit_country(link: Linking, subj: str, obj: str, predicate: str) -> None:
    """A provisional person who leads or speaks for a group is taken to share its country."""
    person, group = link.actors[subj], link.actors.get(obj)
    if person.provisional and not person.country and group is not None and group.country \
            and predicate.endswith("_of") and predicate != "part_of":
        person.country = group.country


def add_kb_parents(result: DocResult, link: Linking) -> None:
    """"part of" links the KB knows between two actors the article names (IRGC -> Iran), with
    the sentence of the part's first mention as evidence and a lower confidence."""
    seen = {r.relation_id for r in result.relations}
    first: dict[str, Mention] = {}
    for m in result.mentions:
        if m.actor_id and m.actor_id not in first:
            first[m.actor_id] = m
    for actor_id, actor in list(link.actors.items()):
        if not actor.parent or actor.parent not in link.actors or actor_id not in first \
                or actor.actor_id.count("-") == 1 and actor.actor_id[:3].isupper():
            continue
        rid = stable_id(result.doc_id, actor_id, "part_of", actor.parent)
        if rid in seen:
            continue
        s = result.sentence_of(first[actor_id].start)
        if s is None:
            continue
        seen.add(rid)
        result.relations.append(Relation(rid, result.doc_id, actor_id, "part_of", actor.parent,
                                         s.text, s.start, s.end, 0.5))
