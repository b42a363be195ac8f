"""Source and target of a trigger from the dependency parse, mapped to the article's mentions.

Active voice: source = the subject, target = the object or the object of a target preposition
("fire at", "sanctions against"). Passive voice: the passive subject is the target and the
"by" agent the source. A clause without its own subject borrows it from the clause it hangs
from (control: "vowed to attack"; conjoined verbs; "..., killing five"). Coordinated heads fan
out: "killed A and B" gives two targets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..model import DocResult, Mention

# Labels that can name a participant; DATE, CARDINAL... never can.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "ACTOR", "AGENT", "FAC", "LOC"})
SELF_PRONOUNS = frozenset({"it", "they", "we"})
WH_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
# Arcs from a role head to a modifier that may name the actor instead ("Asaib's leader Qais
# Khazali", "the headquarters of Kataib Hezbollah", "Iraqi militia").
MODIFIER_DEPS = ("appos", "compound", "poss", "amod", "nmod", "prep")
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
PLACE_PRECISIONS = frozenset({"site", "city", "admin1"})


@dataclass(slots=True)
class Role:
    text: str
    mention: Mention | None
    token_i: int

    @property
    def actor_id(self) -> str | None:
        return self.mention.actor_id if self.mention else None


class MentionIndex:
    """Token -> the best mention covering it: one linked to an actor first, then the longest."""

    def __init__(self, result: DocResult, doc) -> None:
        self.result = result
        self.by_token: dict[int, Mention] = {}
        starts = [t.idx for t in doc]
        for m in result.mentions:
            if m.label not in ACTOR_LABELS and not m.actor_id:
                continue
            first = max(bisect.bisect_right(starts, m.start) - 1, 0)
            last = bisect.bisect_left(starts, m.end)
            for i in range(first, last):
                old = self.by_token.get(i)
                if old is None or _rank(m) > _rank(old):
                    self.by_token[i] = m

    def at(self, i: int) -> Mention | None:
        return self.by_token.get(i)

    def is_place_only(self, m: Mention) -> bool:
        """A site, city or region named as where, not who ("fired at the K-1 base")."""
        if m.actor_id:
            return False
        place = self.result.places.get(m.place_id) if m.place_id else None
        if place is not None:
            return place.precision in PLACE_PRECISIONS
        return m.label in ("FAC", "LOC")


def _aligned_only(m: Mention) -> bool:
    """"pro-Iranian militias" are aligned with Iran, not Iran."""
    low = m.text.lower()
    return low.startswith(("pro-", "pro ", "anti-", "anti ", "non-"))


def _rank(m: Mention) -> tuple[int, int]:
    return (1 if m.actor_id else 0, m.end - m.start)


class RoleFinder:
    def __init__(self, index: MentionIndex, lexicon) -> None:
        self.index = index
        self.lexicon = lexicon

    # --- verbs ----------------------------------------------------------------------------

    def verb_roles(self, verb, event_type: str, consumed: tuple[int, ...]) -> tuple[list, list]:
        passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)
        if passive:
            sources = [pobj for c in verb.children if c.dep_ == "agent"
                       for pobj in c.children if pobj.dep_ == "pobj"]
            targets = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
            targets = [t for t in targets if self._participant(t, consumed)]
            if not targets:
                targets = self._objects(verb, event_type, consumed)
        else:
            sources = self.subject_heads(verb)
            targets = self._objects(verb, event_type, consumed)
        source_roles = self.fill(sources, consumed)
        if len(source_roles) == 1 and source_roles[0].mention is None:
            source_roles = self._speaker_self(verb, source_roles)
        return source_roles, self.fill(targets, consumed)

    def _speaker_self(self, verb, roles: list[Role]) -> list[Role]:
        """"The US says it designated him": an unresolved "it"/"they"/"we" subject of reported
        speech is the speaker itself."""
        tok = verb.doc[roles[0].token_i]
        if tok.lower_ not in SELF_PRONOUNS or verb.dep_ != "ccomp" or verb.head.pos_ != "VERB":
            return roles
        speaker = self.fill(self.subject_heads(verb.head))
        if len(speaker) == 1 and speaker[0].mention is not None:
            return speaker
        return roles

    def subject_heads(self, verb, depth: int = 0) -> list:
        subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subj and subj[0].lower_ not in WH_PRONOUNS:
            return subj
        if depth > 4 or verb.head is verb:
            return []
        head, dep = verb.head, verb.dep_
        if dep in ("relcl", "acl") and (subj or verb.tag_ == "VBG" or dep == "relcl"):
            return [head]  # "the group that attacked", "militants attacking the base"
        if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
            gov = head.head  # "accused Iran of supplying": the object is the doer
            obj = [c for c in gov.children if c.dep_ in ("dobj", "dative")]
            return obj or self.subject_heads(gov, depth + 1)
        if dep == "xcomp":
            obj = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            return obj or self.subject_heads(head, depth + 1)  # "urged Iran to", "vowed to"
        if dep in ("conj", "advcl", "pcomp", "ccomp") or (dep == "acl" and verb.tag_ == "VBG"):
            if head.pos_ in ("VERB", "AUX"):
                return self.subject_heads(head, depth + 1)
        return []

    def _objects(self, verb, event_type: str, consumed) -> list:
        preps = self.lexicon.target_preps.get(event_type, frozenset())
        direct, by_prep = [], []
        # preps of the phrase's own nouns count too: "signed an agreement with Ukraine"
        phrase_kids = [c for i in consumed for c in verb.doc[i].children if c.dep_ == "prep"]
        for c in (*verb.children, *phrase_kids):
            if c.dep_ in ("dobj", "dative") and self._participant(c, consumed):
                direct.append(c)
            elif c.dep_ == "prep" and c.lower_ in preps:
                by_prep.extend(p for p in c.children
                               if p.dep_ == "pobj" and self._participant(p, consumed))
            elif c.dep_ == "prt":  # "call on": the particle's object
                by_prep.extend(p for p in c.children if p.dep_ == "pobj")
        candidates = direct + by_prep
        linked = [c for c in candidates if self._resolves(c)]
        if linked:
            return linked[:1]
        if candidates:
            return candidates[:1]
        # "threatened to target the US": the target of the complement
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                return self._objects(c, event_type, consumed)
        return []

    # --- nouns ----------------------------------------------------------------------------

    def noun_roles(self, noun, event_type: str, consumed) -> tuple[list, list]:
        sources, targets = [], []
        preps = self.lexicon.target_preps.get(event_type, frozenset())
        for c in noun.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and self._resolves(c)):
                sources.append(c)  # "Iran's attack", "a US airstrike"
            elif c.dep_ == "prep" and c.lower_ == "by":
                sources.extend(p for p in c.children if p.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in preps:
                targets.extend(p for p in c.children
                               if p.dep_ == "pobj" and self._participant(p, consumed))
        head = noun.head
        if not sources and head is not noun:
            if noun.dep_ == "dobj" and head.pos_ == "VERB":
                sources = self.subject_heads(head)  # "X carried out an attack"
            elif noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "during"):
                verb = head.head
                if verb.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in verb.children):
                    sources = self.subject_heads(verb)  # "people burned flags in a protest"
        if not targets and noun.dep_ == "dobj" and head.pos_ == "VERB":
            targets = [p for c in head.children if c.dep_ == "prep" and c.lower_ in preps
                       for p in c.children if p.dep_ == "pobj" and self._participant(p, consumed)]
        return self.fill(sources, consumed), self.fill(targets, consumed)

    # --- heads -> mentions ------------------------------------------------------------------

    def _participant(self, tok, consumed) -> bool:
        """Not a weapon, not a word of the trigger phrase, not a date, not another event."""
        if tok.i in consumed or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
            return False
        lemma = tok.lemma_.lower()
        if lemma in self.lexicon.instruments:
            return False
        if (lemma in self.lexicon.event_nouns and self.index.at(tok.i) is None
                and self.lexicon.match(tok, noun=True) is not None):
            return False  # another event ("a rocket attack killed..."), not a participant
        return True

    def _resolves(self, tok) -> bool:
        return self._mention_for(tok)[0] is not None

    def _mention_for(self, tok, depth: int = 0):
        """The mention naming the actor a head stands for, and the token it was found on."""
        m = self.index.at(tok.i)
        if m is not None and not self.index.is_place_only(m) and not _aligned_only(m):
            return m, tok
        if depth >= 3:
            return None, None
        kids = sorted(tok.children, key=lambda c: MODIFIER_DEPS.index(c.dep_)
                      if c.dep_ in MODIFIER_DEPS else 99)
        found = (None, None)
        for c in kids:
            if c.dep_ not in MODIFIER_DEPS:
                break
            if c.dep_ == "prep":
                if c.lower_ != "of":
                    continue
                objs = [p for p in c.children if p.dep_ == "pobj"]
                if not objs:
                    continue
                c = objs[0]
            m, at = self._mention_for(c, depth + 1)
            if m is not None and (m.actor_id or found[0] is None):
                found = (m, at)
                if m.actor_id:
                    break
        return found

    def fill(self, heads, consumed=()) -> list[Role]:
        roles: list[Role] = []
        seen: set[tuple] = set()
        for head in heads:
            for tok in (head, *head.conjuncts):
                if tok is not head and not self._participant(tok, consumed):
                    continue
                for role in self._roles_of(tok):
                    key = (role.mention.start, role.mention.end) if role.mention else role.text
                    if key not in seen:
                        seen.add(key)
                        roles.append(role)
        return roles

    def _roles_of(self, tok) -> list[Role]:
        m, at = self._mention_for(tok)
        if m is None:
            doc = tok.doc
            return [Role(doc[tok.left_edge.i: tok.i + 1].text, None, tok.i)]
        roles = [Role(m.text, m, tok.i)]
        if at is not None and at is not tok and at.dep_ in ("amod", "compound"):
            # "Hungarian and Romanian officials": one role per coordinated modifier
            for other in at.conjuncts:
                om = self.index.at(other.i)
                if om is not None and om is not m:
                    roles.append(Role(om.text, om, tok.i))
        return roles
