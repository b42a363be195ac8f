"""The trigger lexicon: lemmas and phrases that carry a PLOVER event (``data/events/verbs.yaml``).

A phrase is matched against the dependency parse, not the surface string, so "fired two
rockets at", "a rocket was fired at" and "fire at" all meet the entry ``fire {projectile} at`` or
``fire at``: the head must carry the first word's lemma (the last one for nouns) and every
other word must be the lemma of a dependent within three arcs of the head.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

# Arcs a phrase word may hang from: objects, particles, prepositions and their objects, and
# control complements ("threaten to attack"). Never the subject (except a passive one:
# "a rocket was fired"), never another clause.
FRAME_DEPS = frozenset({"dobj", "dative", "prt", "prep", "pobj", "xcomp", "attr", "oprd",
                        "nsubjpass", "compound", "amod", "acomp", "aux", "advmod", "npadvmod",
                        "nmod", "pcomp"})
ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True, slots=True)
class Entry:
    event_type: str
    mode: str | None
    phrase: str
    head: str
    words: tuple[str, ...]  # other words: a lemma, or "{class}"


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    consumed: tuple[int, ...]  # token indices the phrase used besides the head

    @property
    def event_type(self) -> str:
        return self.entry.event_type

    @property
    def mode(self) -> str | None:
        return self.entry.mode


class Lexicon:
    """``coder=False`` (``load_lexicon``): the sections the PLV classifier was trained with,
    matched as it was trained. ``coder=True`` (``load_coder_lexicon``): plus the ``coder``
    section and the rules that read a trigger's context (noun senses, verbs that need an
    object, dated prepositions, a mis-lemmatised verb)."""

    def __init__(self, data: dict, coder: bool = False) -> None:
        extra = (data.get("coder") or {}) if coder else {}
        self.context_rules = coder
        self._refinements = frozenset(str(p) for section in ("verbs", "nouns")
                                      for by_mode in (extra.get(section) or {}).values()
                                      for phrases in (by_mode or {}).values()
                                      for p in phrases or ())
        data = _merged(data, extra)
        self.classes = {k: frozenset(v) for k, v in (data.get("classes") or {}).items()}
        self.instruments = frozenset(data.get("instruments") or ())
        preps = data.get("target_preps") or {}
        default = tuple(preps.get("default") or ())
        self.target_preps = {t: frozenset(default + tuple(preps.get(t) or ()))
                             for t in _types(data)}
        self.verbs = self._index(data.get("verbs") or {}, noun=False)
        self.nouns = self._index(data.get("nouns") or {}, noun=True)
        self.event_nouns = frozenset(self.nouns)
        self.light_verbs = frozenset(data.get("light_verbs") or ())
        ana = data.get("anaphora") or {}
        self.anaphora_verbs = frozenset(ana.get("verbs") or ())
        self.anaphora_markers = frozenset(ana.get("markers") or ())
        self.anaphora_nouns = frozenset(ana.get("nouns") or ())
        self.echo_verbs = frozenset(ana.get("echo") or ())
        self.needs_object = frozenset(extra.get("needs_object") or ())
        self.non_event_nouns = frozenset(
            tuple(str(p).lower().split()) for p in extra.get("non_event_nouns") or ())
        self.non_agents = frozenset(extra.get("non_agents") or ())
        self.peacekeeping_words = frozenset(extra.get("peacekeeping_words") or ())
        self.senses = {}
        for sense in extra.get("noun_senses") or ():
            entry = Entry(sense["type"], sense.get("mode"), sense["noun"], sense["noun"], ())
            self.senses.setdefault(sense["noun"], []).append(
                (entry, frozenset(sense.get("cues") or ()), frozenset(sense.get("verbs") or ())))

    def _index(self, section: dict, noun: bool) -> dict[str, list[Entry]]:
        index: dict[str, list[Entry]] = {}
        for event_type, by_mode in section.items():
            for mode, phrases in (by_mode or {}).items():
                for phrase in phrases or ():
                    entry = _entry(event_type, None if mode == "general" else mode, phrase, noun)
                    index.setdefault(entry.head, []).append(entry)
        for entries in index.values():  # the most specific phrase is tried first; at equal
            # length the coder's refinement ("impose blockade" before "impose {restriction}")
            entries.sort(key=lambda e: (-len(e.words), e.phrase not in self._refinements))
        return index

    def match(self, token, noun: bool, blocked: frozenset[int] = frozenset()) -> Match | None:
        """The most specific entry the token heads; ``blocked`` tokens (words of actor
        names) may not serve as phrase words."""
        index = self.nouns if noun else self.verbs
        lemma = token.lemma_.lower()
        if lemma not in index and not noun and self.context_rules:
            lemma = _relemma(token, index)
        entries = index.get(lemma)
        if not entries:
            return None
        if not noun and lemma in self.needs_object and not _has_object(token):
            return None  # "the crowd later dispersed": nobody was dispersed
        if noun and self.non_event_nouns and self._names_no_event(token, lemma):
            return None  # "a press release": a text, not a release of anyone
        frame = None
        for entry in entries:
            if not entry.words:
                if not noun and lemma in self.light_verbs and _has_verb_complement(token):
                    return None  # "helped form the PMU": the complement is the event
                if noun and lemma in self.senses:
                    entry = self._sense(token, entry)
                return Match(entry, ())
            if frame is None:
                frame = [(w, i) for w, i in _frame(token, dated=self.context_rules)
                         if i not in blocked]
            used = self._match_words(entry.words, frame)
            if used is not None:
                return Match(entry, used)
        if not noun and self.context_rules:
            return self._match_misplaced_object(token, entries, frame or [], blocked)
        return None

    def _match_misplaced_object(self, verb, entries, frame, blocked) -> Match | None:
        """"shortened by one hour the nightly curfew imposed in X": the small model, put off by
        the words between, hangs the object on a later verb; a verb left with no object of
        its own may take its phrase noun from the words that follow it, up to the next verb,
        clause mark or punctuation."""
        if any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
            return None
        after = [(t.lemma_.lower(), t.i) for t in _words_after(verb) if t.i not in blocked]
        if not after:
            return None
        for entry in entries:
            if entry.words:
                used = self._match_words(entry.words, frame + after)
                if used is not None:
                    return Match(entry, used)
        return None

    def _names_no_event(self, noun, lemma: str) -> bool:
        """The noun with its compound modifier is a listed non-event ("press release")."""
        return any((c.lemma_.lower(), lemma) in self.non_event_nouns
                   for c in noun.children if c.dep_ == "compound")

    def _sense(self, token, entry: Entry) -> Entry:
        """The sense a bare event noun's own words or its verb pick: "called a 24-hour
        national teachers' strike" is a walkout, not an air strike."""
        words = {t.lemma_.lower() for t in token.doc[token.left_edge.i: token.i]}
        words |= {t.lower_ for t in token.doc[token.left_edge.i: token.i]}
        gov = token.head
        if token.dep_ == "pobj" and gov.dep_ in ("prep", "prt"):
            gov = gov.head  # "went on strike"
        verb = gov.lemma_.lower() if token.dep_ in ("dobj", "nsubjpass", "pobj") else None
        for sense, cues, verbs in self.senses[token.lemma_.lower()]:
            if words & cues or verb in verbs:
                return sense
        return entry

    def bare_types_of(self, lemma: str) -> frozenset[str]:
        """The types a lemma has on its own, without phrase words: "seize" is COERCE alone;
        its ASSAULT sense needs "hostage", so a bare "seized ammunition" is never retyped to
        an attack."""
        return frozenset(e.event_type for idx in (self.verbs, self.nouns)
                         for e in idx.get(lemma, ()) if not e.words)

    def types_of(self, lemma: str) -> frozenset[str]:
        """Every type a lemma heads an entry of, as verb or noun: more than one means the
        trigger alone does not decide ("strike": an attack, a walkout, a deal)."""
        return frozenset(e.event_type for idx in (self.verbs, self.nouns)
                         for e in idx.get(lemma, ()))

    def _match_words(self, words, frame) -> tuple[int, ...] | None:
        used: list[int] = []
        for w in words:
            hit = None
            if w.startswith("{"):
                members = self.classes.get(w[1:-1], frozenset())
                hit = next((i for lemma, i in frame if lemma in members and i not in used), None)
            else:
                hit = next((i for lemma, i in frame if lemma == w and i not in used), None)
            if hit is None:
                return None
            used.append(hit)
        return tuple(used)


def _relemma(token, index) -> str:
    """spaCy's small model lemmatises some verbs wrongly ("staged" -> "stag"); an -ed/-ing
    form whose stem plus "e" the lexicon knows is that verb."""
    low = token.lower_
    for suffix in ("ed", "ing", "es", "s"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)]
            for cand in (stem + "e", stem):
                if cand in index:
                    return cand
    return token.lemma_.lower()


MISPLACED_OBJECT_WINDOW = 8  # words after a verb where a misattached object may lie
CLAUSE_BREAKS = frozenset({"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ"})


def _words_after(verb) -> list:
    """The nouns after a verb before the next verb, conjunction or punctuation."""
    out = []
    doc = verb.doc
    for t in doc[verb.i + 1: min(verb.i + 1 + MISPLACED_OBJECT_WINDOW, verb.sent.end)]:
        if t.pos_ in CLAUSE_BREAKS:
            break
        if t.pos_ == "NOUN":
            out.append(t)
    return out


def _has_object(verb) -> bool:
    """A direct object, a passive subject, the noun a participle modifies ("protesters
    dispersed by police"), or the subject of an infinitive clause, which the small model gives
    "allowed X to run" in place of an object."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    return any(c.dep_ in ("dobj", "dative", "nsubjpass", "auxpass") or _infinitive_subject(c)
               for c in verb.children)


def _infinitive_subject(clause) -> bool:
    """"allowed Ouattara to run" parsed as ccomp(run) with nsubj(Ouattara) and aux(to)."""
    return (clause.dep_ == "ccomp" and clause.pos_ == "VERB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
            and any(c.dep_ == "nsubj" for c in clause.children))


def _has_verb_complement(token) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" for c in token.children)


def _types(data: dict) -> set[str]:
    return set(data.get("verbs") or {}) | set(data.get("nouns") or {})


def _entry(event_type: str, mode: str | None, phrase: str, noun: bool) -> Entry:
    words = [w for w in str(phrase).lower().split() if w not in ARTICLES]
    if noun:
        # the head of "memorandum of understanding" is "memorandum"; of "hunger strike", "strike"
        cut = words.index("of") if "of" in words else len(words)
        head = words[cut - 1]
        others = words[:cut - 1] + words[cut + 1:]
    else:
        head, others = words[0], words[1:]
    return Entry(event_type, mode, str(phrase), head, tuple(others))


def _frame(token, depth: int = 3, dated: bool = False) -> list[tuple[str, int]]:
    """(lemma, index) of the dependents a phrase word may be: three arcs deep at most;
    ``dated``: not a preposition whose object is a date."""
    out: list[tuple[str, int]] = []
    todo = [(c, 1) for c in token.children]
    while todo:
        tok, d = todo.pop()
        if dated and _object_conjunct(tok):
            pass  # "provided photographs and other intelligence": each conjunct is an object
        elif dated and d == 1 and (mark := _for_clause_mark(tok)) is not None:
            out.append(("for", mark.i))  # "called for the army to withdraw": "call for"
            continue
        elif tok.dep_ not in FRAME_DEPS or (dated and _dated(tok)):
            continue
        out.append((tok.lemma_.lower(), tok.i))
        if d < depth:
            todo.extend((c, d + 1) for c in tok.children)
    out.sort(key=lambda x: abs(x[1] - token.i))  # the nearest dependent first
    return out


TEMPORAL = frozenset({"DATE", "TIME"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "nsubjpass"})


def _object_conjunct(tok) -> bool:
    """A noun joined by "and"/"or" to an object (coder only): the verb governs it too. Never a
    conjoined verb, which is another clause."""
    return tok.dep_ == "conj" and tok.pos_ in ("NOUN", "PROPN") and tok.head.dep_ in OBJECT_DEPS


def _for_clause_mark(clause):
    """"called for the army to withdraw": the small model reads "for" as the mark of an
    adverbial clause ("for" + subject + "to" + verb); for a phrase it is the preposition."""
    if clause.dep_ != "advcl" or clause.pos_ != "VERB":
        return None
    return next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "for"), None)


def _dated(tok) -> bool:
    """A preposition whose object is a date ("called a strike for next Tuesday") says when,
    never a word of the phrase ("call for")."""
    return tok.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in TEMPORAL
                                       for c in tok.children)


def _merged(data: dict, extra: dict) -> dict:
    """The base sections with the coder's extra classes, verbs and nouns added. A coder phrase
    that the base sections list under another type or mode replaces it there: the base stays
    as the classifier was trained, the coder follows the PLOVER mapping."""
    if not extra:
        return data
    out = dict(data)
    out["classes"] = {**(data.get("classes") or {}), **(extra.get("classes") or {})}
    preps = {t: list(p or ()) for t, p in (data.get("target_preps") or {}).items()}
    for t, more in (extra.get("target_preps") or {}).items():
        preps.setdefault(t, []).extend(more or ())
    out["target_preps"] = preps
    for section in ("verbs", "nouns"):
        recoded = {str(p) for by_mode in (extra.get(section) or {}).values()
                   for phrases in (by_mode or {}).values() for p in phrases or ()}
        merged = {t: {m: [p for p in phrases or () if str(p) not in recoded]
                      for m, phrases in (by_mode or {}).items()}
                  for t, by_mode in (data.get(section) or {}).items()}
        for t, by_mode in (extra.get(section) or {}).items():
            for m, phrases in (by_mode or {}).items():
                merged.setdefault(t, {}).setdefault(m, []).extend(phrases or ())
        out[section] = merged
    return out


@functools.lru_cache(maxsize=1)
def _lexicon_data() -> dict:
    text = resources.files("eventwire.data").joinpath("events/verbs.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon as the PLV classifier was trained with it."""
    return Lexicon(_lexicon_data())


@functools.lru_cache(maxsize=1)
def load_coder_lexicon() -> Lexicon:
    """The lexicon the rule coder codes events with (the classifier's plus the coder section)."""
    return Lexicon(_lexicon_data(), coder=True)
