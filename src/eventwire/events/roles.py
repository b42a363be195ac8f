"""Source and target of a trigger from the dependency parse, mapped to the article's mentions.

Active voice: source = the subject, target = the object or the object of a target preposition
("fire at", "sanctions against"). Passive voice: the passive subject is the target and the
"by" agent the source. A clause without its own subject borrows it from the clause it hangs
from (control: "vowed to attack"; conjoined verbs; "..., killing five"). Coordinated heads fan
out: "killed A and B" gives two targets.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

from ..model import DocResult, Mention
from .lexicon import _lexicon_data

# Labels that can name a participant; DATE, CARDINAL... never can.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "ACTOR", "AGENT", "FAC", "LOC"})
SELF_PRONOUNS = frozenset({"it", "they", "we"})
WH_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
# Arcs from a role head to a modifier that may name the actor instead ("Asaib's leader Qais
# Khazali", "the headquarters of Kataib Hezbollah", "Iraqi militia", "a delegation from Iran").
# A diplomat summoned "to complain" hears the complaint; the summoner makes it (an
# ambassador summoned "to explain" does the explaining: object control, as "urged X to").
SUMMONS = frozenset({"summon"})
REPROACHES = frozenset({"complain", "protest", "object", "remonstrate", "convey", "express",
                        "lodge", "voice", "demand"})
MODIFIER_DEPS = ("appos", "compound", "poss", "amod", "nmod", "prep", "acl")
# Participles that make a head a member of the body after them: "workers affiliated with the
# Serbian Workers' Union", "fighters belonging to X" act for that body.
MEMBER_PARTICIPLES = {"affiliate": "with", "belong": "to", "attach": "to"}
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
PLACE_PRECISIONS = frozenset({"site", "city", "admin1"})
# "accused Iran of supplying", "blamed X for": the governor's object does the -ing; after
# "before"/"after"/"while" the governor's subject does ("blocked a road before dispersing").
OBJECT_CONTROL_PREPS = frozenset({"of", "for", "from", "into", "against"})
TEMPORAL_LABELS = frozenset({"DATE", "TIME"})
# Types whose target may be the target of the demand they are made for ("marched to demand").
PURPOSE_TARGET_TYPES = frozenset({"PROTEST"})
# Types whose target may be the subject of their condition ("threatened to ... unless X ...").
CONDITION_TARGET_TYPES = frozenset({"THREATEN"})
CONDITION_MARKS = frozenset({"if", "unless"})
# Types whose target may be the target of the deed their content clause announces.
CONTENT_TARGET_TYPES = frozenset({"THREATEN"})
# Types whose target may be the subject of a complement clause ("demanded that X resign",
# "charged that X had broken the truce", "protested that X had seized the boats").
CLAUSE_TARGET_TYPES = frozenset({"REQUEST", "ACCUSE", "PROTEST"})
# "in defiance of X", "in opposition to X": whom a protest is made against.
DEFIANCE_NOUNS = {"defiance": "of", "opposition": "to"}
# Prepositions on an object noun that lead to the actor behind it or facing it: "a request by
# X", "an offer from X", "action against X", "aid to X", "a meeting of X".
OBJECT_NOUN_PREPS = frozenset({"by", "from", "against", "on", "to", "of", "for", "between"})
# Types whose object with the doer's possessive ("withdrew its troops", "closed their
# borders", "offered its help") is the doer's own asset, never the other party.
OWN_ASSET_TYPES = frozenset({"RETREAT", "MOBILIZE", "AID", "AGREE", "COOPERATE", "CONCEDE",
                             "SANCTION"})
OWN_POSSESSIVES = frozenset({"its", "their", "our"})
# "in retaliation for a raid on X": what a response answers is not whom it is aimed at.
RESPONSE_NOUNS = frozenset({"retaliation", "response", "revenge", "reprisal", "punishment",
                            "compensation"})
# Participles that after "be" name the subject's own stance, not a deed done to it.
STATIVE_PARTICIPLES = frozenset({"opposed", "committed", "determined", "prepared", "resolved",
                                 "dedicated", "inclined", "disposed", "pledged"})
SIDE_PREFIXES = frozenset({"anti", "pro"})
# Nouns that name a party by its tie to another: the possessor is the other one.
RELATIONAL_NOUNS = frozenset({"neighbour", "neighbor", "ally", "counterpart", "rival", "enemy",
                              "foe", "adversary", "partner", "proxy", "opponent"})
# Events one goes to take part in: whoever comes "for talks" holds them.
GATHERING_TYPES = frozenset({"CONSULT"})
# Participles that after "be" say the subject takes part in the deed they govern ("were
# engaged in attacks", "was involved in the killing").
TAKING_PART = frozenset({"engaged", "involved", "implicated"})
# Texts that say something for whoever issues them ("issued a declaration demanding ...").
STATEMENT_NOUNS = frozenset({"statement", "declaration", "communique", "communiqué", "letter",
                             "message", "note", "memorandum", "ultimatum", "appeal"})
# Prepositions by which a trigger's phrase names the place it is aimed at or happens in.
PLACE_TARGET_PREPS = frozenset({"in", "into", "to", "from", "inside", "within", "on", "across",
                                "throughout", "over", "with"})
REPORTING_LEMMAS = frozenset({"say", "tell", "state", "announce", "declare", "claim", "add",
                              "report", "insist"})


@dataclass(slots=True)
class Role:
    text: str
    mention: Mention | None
    token_i: int
    occupant: str | None = None  # the actor at a place named as the role ("fired at the base")
    by_place: bool = False  # the country of a place the trigger's phrase names ("curfew in X")

    @property
    def actor_id(self) -> str | None:
        if self.mention is not None:
            return self.mention.actor_id
        return self.occupant


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
        # tokens of a mention linked to an actor are never a word of a trigger phrase
        # ("threatening US forces" is not "threaten force")
        self.actor_tokens = frozenset(i for i, m in self.by_token.items() if m.actor_id)
        self.dateline = dateline_tokens(doc)
        self.occupants = Occupants(self, doc)

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

    def is_site(self, m: Mention) -> bool:
        place = self.result.places.get(m.place_id) if m.place_id else None
        if place is not None:
            return place.precision == "site"
        return m.label == "FAC"


DASHES = frozenset({"–", "—", "-", "--", "―"})
DATELINE_MAX = 12  # tokens a wire dateline ("JEDDAH, Saudi Arabia (Reuters) –") runs to at most


def dateline_tokens(doc) -> frozenset[int]:
    """Tokens of wire datelines: "BUENOS AIRES, April 24 – Tens of thousands marched". The
    parse often makes the place the subject; a dateline says where the story was filed, never
    who acted. A dateline is the start of a sentence up to a spaced dash, made only of names,
    dates, numbers and punctuation, written in capitals or opening its paragraph."""
    out: list[int] = []
    text = doc.text
    for sent in doc.sents:
        head = sent[:DATELINE_MAX]
        dash = next((t for t in head if t.text in DASHES and t.i > sent.start
                     and (t.whitespace_ or t.text != "-")), None)
        if dash is None:
            continue
        before = doc[sent.start: dash.i]
        if not any(t.pos_ == "PROPN" for t in before) or not all(
                t.pos_ in ("PROPN", "PUNCT", "NUM") or t.ent_type_ == "DATE" for t in before):
            continue
        first = before[0]
        opens = sent.start_char == 0 or text[:sent.start_char].rstrip(" ").endswith("\n")
        if opens or (first.text.isupper() and len(first.text) > 1):
            out.extend(range(sent.start, dash.i + 1))
    return frozenset(out)


# "US forces at Ayn al-Assad", "troops stationed in the compound": who is at a site.
OCCUPANT_PREPS = frozenset({"at", "in", "inside", "on"})
STATIONED = frozenset({"station", "base", "deploy", "house", "post", "locate", "position", "keep"})
# "US forces at X and other bases": the occupant holds every base the text names.
OTHER_WORDS = frozenset({"other", "several", "various", "multiple", "many", "more"})
# Sectors of a state's own coded agents: their installation belongs to the state.
STATE_SECTORS = frozenset({"MIL", "GOV", "COP", "SPY", "JUD", "LEG"})


class Occupants:
    """Document-level map of who is at which site, from noun phrases "<actor> at <site>".

    An attack whose object is a site ("a rocket was fired at the base", "missiles at Ayn
    al-Assad") targets the actor the document says is there; a state's forces stand for the
    state, since a base or an embassy is that state's installation. A site with no stated
    occupant stays without one.
    """

    def __init__(self, index: MentionIndex, doc) -> None:
        self.by_place: dict[str, str] = {}
        self.by_noun: dict[str, str] = {}
        actors = index.result.actors
        for tok in doc:
            if tok.dep_ != "prep" or tok.lower_ not in OCCUPANT_PREPS:
                continue
            holder = tok.head
            if holder.dep_ == "acl" and holder.lemma_.lower() in STATIONED:
                holder = holder.head  # "troops stationed at"
            elif holder.pos_ == "VERB":  # "threatening US forces at X": the object is there
                holder = next((c for c in holder.children if c.dep_ == "dobj"), holder)
            m = index.at(holder.i)
            if m is None or not m.actor_id or holder.pos_ not in ("NOUN", "PROPN"):
                continue
            actor = m.actor_id
            a = actors.get(actor)
            if a is not None and a.sector in STATE_SECTORS and a.parent in actors:
                actor = a.parent
            for sub in tok.subtree:
                if sub is tok:
                    continue
                pm = index.at(sub.i)
                if pm is not None and pm.place_id and index.is_site(pm):
                    self.by_place.setdefault(pm.place_id, actor)
                elif (pm is None and sub.pos_ == "NOUN" and sub.i > 0
                      and sub.doc[sub.i - 1].lower_ in OTHER_WORDS):
                    for key in _noun_keys(sub):
                        self.by_noun.setdefault(key, actor)

    def at(self, tok, mention: Mention | None) -> str | None:
        if mention is not None and mention.place_id in self.by_place:
            return self.by_place[mention.place_id]
        if tok.pos_ == "NOUN":
            for key in _noun_keys(tok):
                if key in self.by_noun:
                    return self.by_noun[key]
        return None


# Verbs whose subject undergoes the event noun they take as object.
UNDERGOER_VERBS = frozenset({"face", "suffer", "receive", "undergo", "endure", "sustain",
                             "survive", "escape"})
# Verbs whose subject undergoes the cause they are said to come "from"/"of".
DEATH_VERBS = frozenset({"die", "succumb", "perish"})


def _noun_keys(tok) -> tuple[str, ...]:
    # spaCy lemmatises "bases" to "basis": key on the surface singular as well
    low = tok.lower_
    return (tok.lemma_.lower(), low[:-1] if low.endswith("s") else low)


def _aligned_only(m: Mention) -> bool:
    """"pro-Iranian" is aligned with Iran, not Iran; the agent "pro-Iranian militias" is the
    militias and stays."""
    low = m.text.lower()
    return low.startswith(("pro-", "pro ", "anti-", "anti ", "non-")) and m.label in (
        "NORP", "GPE")


def _copular_report(clause) -> bool:
    """A reported copular clause: "(said) the response was disproportionate"."""
    return (clause.pos_ == "AUX" and clause.lemma_ == "be" and clause.dep_ == "ccomp"
            and clause.head.lemma_.lower() in REPORTING_LEMMAS
            and any(c.dep_ in ("acomp", "attr") for c in clause.children))


def _rank(m: Mention) -> tuple[int, int]:
    return (1 if m.actor_id else 0, m.end - m.start)


class RoleFinder:
    def __init__(self, index: MentionIndex, lexicon) -> None:
        self.index = index
        self.lexicon = lexicon

    # --- verbs ----------------------------------------------------------------------------

    def verb_roles(self, verb, event_type: str, consumed: tuple[int, ...]) -> tuple[list, list]:
        passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)
        if passive and verb.lower_ in STATIVE_PARTICIPLES \
                and not any(c.dep_ == "agent" for c in verb.children):
            # "Israel is opposed to the plan", "X is committed to reform": a state of the
            # subject, which holds it (not something done to the subject)
            sources = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS] or [
                s for a in verb.children if a.dep_ == "auxpass"  # the parse may hang it on "is"
                for s in a.children if s.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
            targets = self._objects(verb, event_type, consumed) or self._stance_objects(
                verb, event_type, consumed)
        elif passive:
            sources = [pobj for c in verb.children if c.dep_ == "agent"
                       for pobj in c.children if pobj.dep_ == "pobj"]
            targets = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
            targets = [t for t in targets if self._participant(t, consumed)]
            if not targets:
                targets = self._objects(verb, event_type, consumed)
        elif verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
            # "protesters dispersed by police": a participle's noun is what was done to
            sources = [pobj for c in verb.children if c.dep_ == "agent"
                       for pobj in c.children if pobj.dep_ == "pobj"]
            targets = [verb.head] if self._participant(verb.head, consumed) else []
        else:
            sources = self.subject_heads(verb)
            targets = self._objects(verb, event_type, consumed)
        if targets and not any(self._resolves(t) for t in targets):
            # "a camp for Congolese refugees was attacked": the actor behind the thing
            preps = self.lexicon.target_preps.get(event_type, frozenset())
            targets = self._behind_objects(targets, preps) or targets
        if not any(self._resolves(t) for t in targets):  # a named owner beats "the consulate"
            targets = self._symbol_owners(verb.doc, consumed) or targets
        source_roles = self.fill(self._agents(sources), consumed)
        if len(source_roles) == 1 and source_roles[0].mention is None:
            source_roles = self._speaker_self(verb, source_roles)
        target_roles = self._or_place(self.fill(targets, consumed), verb, consumed)
        return source_roles, self._or_nearest(target_roles, verb, event_type, consumed,
                                              source_roles)

    def _stance_objects(self, verb, event_type: str, consumed) -> list:
        """"X is opposed to French mediation", "committed to the talks with Y": what a stance
        is taken towards, or the actor behind it."""
        objs = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                for p in c.children if p.dep_ == "pobj" and p.i not in consumed]
        linked = [p for p in objs if self._resolves_other(p)]
        preps = self.lexicon.target_preps.get(event_type, frozenset())
        return linked[:1] or self._behind_objects(objs, preps)[:1]

    def repeaters(self, verb, consumed) -> list[Role]:
        """Who "said the same thing": the named subjects, plus the names coordinated just
        before the verb ("X and the IRGC chief Y have made similar comments"), which a parse
        often hangs elsewhere."""
        heads = [h for h in self.subject_heads(verb) if h.i not in consumed and self._resolves(h)]
        roles = self.fill(heads, consumed)
        seen = {(r.mention.start, r.mention.end) for r in roles if r.mention}
        for m in self._coordinated_before(verb):
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                roles.append(Role(m.text, m, verb.i))
        return roles

    def _coordinated_before(self, verb) -> list[Mention]:
        """Walk left from the verb over auxiliaries, names, titles, "and" and commas; one
        name per conjunct, the rightmost ("the IRGC chief Hossein Salami" is Salami)."""
        doc = verb.doc
        i = verb.i - 1
        while i >= 0 and doc[i].dep_ in ("aux", "neg", "advmod"):
            i -= 1
        found: list[Mention] = []
        chunk_has = False
        while i >= 0:
            tok = doc[i]
            m = self.index.at(i)
            if tok.pos_ == "CCONJ" or tok.text == ",":
                chunk_has = False
            elif m is not None and m.actor_id and not self.index.is_place_only(m):
                if not chunk_has and m not in found:
                    found.append(m)
                chunk_has = True
            elif tok.pos_ in ("DET", "NOUN", "PROPN", "ADJ") and tok.ent_type_ not in (
                    "DATE", "TIME", "CARDINAL"):
                pass  # a title or determiner inside a conjunct
            else:
                break
            i -= 1
        return found

    def _symbol_owners(self, doc, consumed) -> list:
        """"burned a U.S. flag": a symbol in the trigger phrase stands for its owner."""
        symbols = self.lexicon.classes.get("symbol", frozenset())
        return [doc[i] for i in consumed
                if doc[i].lemma_.lower() in symbols and self._resolves(doc[i])]

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
        if dep == "acl" and verb.tag_ == "VBG" and head.lemma_.lower() in STATEMENT_NOUNS \
                and head.dep_ == "dobj" and head.head.pos_ == "VERB":
            return self.subject_heads(head.head, depth + 1)  # "X issued a statement demanding"
        if dep in ("relcl", "acl") and (subj or verb.tag_ == "VBG" or dep == "relcl"):
            return [head]  # "the group that attacked", "militants attacking the base"
        if (dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB"
                and head.lower_ in OBJECT_CONTROL_PREPS):
            gov = head.head  # "accused Iran of supplying": the object is the doer
            obj = [c for c in gov.children if c.dep_ in ("dobj", "dative")]
            return obj or self.subject_heads(gov, depth + 1)
        if dep == "xcomp" and head.lemma_.lower() in SUMMONS \
                and verb.lemma_.lower() in REPROACHES:
            # "summoned Niger's ambassador to complain": the one who summons complains
            return self.subject_heads(head, depth + 1)
        if dep == "xcomp":
            obj = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if not obj and head.pos_ == "ADJ" and head.dep_ == "acomp" \
                    and head.head.pos_ in ("AUX", "VERB"):
                head = head.head  # "X is willing to withdraw", "X is ready to host"
            return obj or self.subject_heads(head, depth + 1)  # "urged Iran to", "vowed to"
        if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            return self.subject_heads(head.head, depth + 1)  # "blocked roads before leaving"
        if dep == "conj" and _copular_report(head):
            # "leaders said the response was harsh and called a strike": the parse joins the
            # second verb to the reported copula; the speakers did the calling
            return self.subject_heads(head.head, depth + 1)
        if dep in ("conj", "advcl", "pcomp", "ccomp") or (dep == "acl" and verb.tag_ == "VBG"):
            if head.pos_ in ("VERB", "AUX"):
                return self.subject_heads(head, depth + 1)
        return []

    def _objects(self, verb, event_type: str, consumed, depth: int = 0,
                 complement: bool = False) -> list:
        preps = self.lexicon.target_preps.get(event_type, frozenset())
        direct, by_prep, things = [], [], []
        # preps of the phrase's own nouns count too: "signed an agreement with Ukraine"
        phrase_kids = [c for i in consumed for c in verb.doc[i].children if c.dep_ == "prep"]
        for c in (*verb.children, *phrase_kids):
            if c.dep_ == "dative" and c.pos_ == "ADP":  # "sent food to X": the parse's dative "to"
                objs = [p for p in c.children if p.dep_ == "pobj"] or _orphan_object(c)
                by_prep.extend(p for p in objs if self._participant(p, consumed))
            elif c.dep_ in ("dobj", "dative"):
                if event_type in OWN_ASSET_TYPES and _own_asset(c):
                    continue  # "withdrew its troops from X": the doer's own, not the target
                if self._participant(c, consumed):
                    direct.append(c)
                elif c.pos_ in ("NOUN", "PROPN") and c.ent_type_ not in TEMPORAL_LABELS:
                    things.append(c)  # another event or a phrase word: "rejected a US request"
            elif c.dep_ == "prep" and c.lower_ in preps:
                objs = [p for p in c.children if p.dep_ == "pobj"] or _orphan_object(c)
                for p in objs:
                    (by_prep if self._participant(p, consumed) else things).append(p)
            elif c.dep_ == "prep" and c.lower_ == "for" and "for" not in preps \
                    and c.head.lemma_.lower() not in RESPONSE_NOUNS:
                # "mobilized reservists for a war against X": the event it is done for
                things.extend(p for p in c.children if p.dep_ == "pobj"
                              and p.lemma_.lower() in self.lexicon.event_nouns)
            elif complement and c.dep_ == "prep" and c.lower_ == "to":
                # "refused to respond to a demand from X": only a thing, led back to its doer
                things.extend(p for p in c.children if p.dep_ == "pobj")
            elif c.dep_ == "ccomp" and _infinitive(c):
                # "allowed candidate X to run", "refused to allow UN planes to land": the parse
                # makes the verb's object the subject of the infinitive after it
                direct.extend(n for n in c.children
                              if n.dep_ == "nsubj" and self._participant(n, consumed))
            elif c.dep_ == "prt":  # "call on": the particle's object
                by_prep.extend(p for p in c.children if p.dep_ == "pobj")
                # "kidnapped up to 16 advisers": the parse reads the quantity "up to" as a
                # particle and a preposition; the counted noun is the object
                if c.lower_ == "up":
                    by_prep.extend(p for prep in c.children if prep.dep_ == "prep"
                                   and prep.lower_ == "to" for p in prep.children
                                   if p.dep_ == "pobj" and any(n.dep_ == "nummod" for n in p.children)
                                   and self._participant(p, consumed))
        candidates = direct + by_prep
        linked = [c for c in candidates if self._resolves_other(c)]
        if linked:
            return linked[:1]
        behind = self._behind_objects(candidates + things, preps)
        if behind:
            return behind[:1]
        if event_type in CLAUSE_TARGET_TYPES:
            told = self._clause_subjects(verb)
            if told:
                return told[:1]
        if event_type in CONDITION_TARGET_TYPES:
            told = self._condition_subjects(verb)
            if told:
                return told[:1]
        if depth == 0 and event_type in PURPOSE_TARGET_TYPES:
            told = self.purpose_targets(verb)
            if told:
                return told[:1]
        if candidates:
            return candidates[:1]
        # "threatened to target the US": the target of the complement
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                return self._objects(c, event_type, consumed, depth, complement=True)
        if event_type in CONTENT_TARGET_TYPES and depth == 0:
            # "warned that it would strike X", "warned that police will no longer tolerate
            # rallies by X": a warning is aimed at whom the deed it announces is aimed at
            for c in verb.children:
                if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
                    found = self._objects(c, event_type, consumed, depth + 1, complement=True)
                    found = [t for t in found if self._resolves(t)]
                    if found:
                        return found
        return []

    def _condition_subjects(self, verb) -> list:
        """"threatened to stop the talks if the United States goes ahead", "... unless Israel
        rescinds": a threat is aimed at whoever must meet its condition."""
        for clause in (verb, *[c for c in verb.children if c.dep_ == "xcomp"]):
            for c in clause.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS
                                             for m in c.children):
                    subj = [x for x in c.children if x.dep_ in SUBJECT_DEPS
                            and self._resolves(x)]
                    if subj:
                        return subj
        return []

    def purpose_targets(self, verb) -> list:
        """"marched to demand the resignation of President X", "began a hunger strike to
        demand ...": a protest's target is the named target of the demand it is made for."""
        for c in verb.children:
            if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                m = self.lexicon.match(c, noun=False)
                found = self._objects(c, m.event_type if m else "REQUEST", m.consumed if m else (),
                                      depth=1)
                found = [t for t in found if self._resolves(t)]
                if found:
                    return found
            elif c.dep_ == "prep" and c.lower_ == "in":
                found = self._in_protest_targets(c)
                if found:
                    return found
        return []

    def _in_protest_targets(self, prep) -> list:
        """"staged a hunger strike in protest against abuses by X", "a strike in protest of
        X's arrests", "blocked roads in defiance of X": the target of the protest the action
        is made in."""
        preps = self.lexicon.target_preps.get("PROTEST", frozenset()) | {"of"}
        for noun in (p for p in prep.children if p.dep_ == "pobj"):
            defied = DEFIANCE_NOUNS.get(noun.lemma_.lower())
            if defied:
                objs = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == defied
                        for o in c.children if o.dep_ == "pobj"]
                found = [o for o in objs if self._resolves(o)]
                if found:
                    return found
                continue
            m = self.lexicon.match(noun, noun=True)
            if m is None or m.event_type != "PROTEST":
                continue
            objs = [o for c in noun.children if c.dep_ == "prep" and c.lower_ in preps
                    for o in c.children if o.dep_ == "pobj"]
            found = [o for o in objs if self._resolves(o)] or self._behind_objects(objs, preps)
            if found:
                return found
        return []

    def _behind_objects(self, nouns, preps) -> list:
        """The actor an object that names none stands for: the doer of an event noun ("rejected
        a U.S. request", "dismissed an appeal from the president", "rejected calls by X") or
        the party a thing is aimed at ("threatened further action against Russia", "halted aid
        to Serbia"). Measured on PLOVER-GSR dev (target country accuracy): see coder.py."""
        wanted = preps | OBJECT_NOUN_PREPS
        for noun in nouns:
            if self._resolves_other(noun):
                return [noun]  # an event noun's own modifier: "a U.S. request"
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ in wanted:
                    found = [p for p in c.children if p.dep_ == "pobj" and self._resolves(p)]
                    if found:
                        return found
                elif c.dep_ == "acl" and c.tag_ == "VBN":  # "crimes committed by X"
                    found = [p for a in c.children if a.dep_ == "agent"
                             for p in a.children if p.dep_ == "pobj" and self._resolves(p)]
                    if found:
                        return found
        return []

    def _clause_subjects(self, verb) -> list:
        """"demanded that President X abandon the policy": whom a demand is made of is the
        subject of the demanded clause, when it names an actor."""
        for c in verb.children:
            content = c.dep_ == "ccomp" or c.dep_ == "acl" and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children)  # "a demand that X"
            if content and c.pos_ in ("VERB", "AUX"):
                subj = [s for s in c.children if s.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                        and self._resolves(s)]
                if subj:
                    return subj
        return []

    # --- nouns ----------------------------------------------------------------------------

    def noun_roles(self, noun, event_type: str, consumed) -> tuple[list, list]:
        sources, targets = [], []
        preps = self.lexicon.target_preps.get(event_type, frozenset())
        for c in noun.children:
            if c.dep_ == "poss" and c.ent_type_ in TEMPORAL_LABELS:
                continue  # "last month's invasion": when, not who
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and self._resolves(c)):
                sources.append(c)  # "Iran's attack", "a US airstrike"
            elif c.dep_ == "prep" and c.lower_ == "by":
                sources.extend(p for p in c.children if p.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in preps:
                targets.extend(p for p in c.children
                               if p.dep_ == "pobj" and self._participant(p, consumed))
        head = noun.head
        if noun.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in UNDERGOER_VERBS:
            # "X faces charges", "X suffered an attack", "X received aid": X undergoes it
            if not targets:
                targets = self.subject_heads(head)
            if not sources:  # "received aid from Iran"
                sources = [p for holder in (noun, head) for c in holder.children
                           if c.dep_ == "prep" and c.lower_ == "from"
                           for p in c.children if p.dep_ == "pobj"]
        elif not sources and head is not noun:
            if noun.dep_ == "dobj" and head.pos_ == "VERB":
                sources = self.subject_heads(head)  # "X carried out an attack"
            elif noun.dep_ == "pobj" and head.dep_ == "prep" and (
                    head.lower_ in ("in", "during")
                    or head.lower_ == "for" and event_type in GATHERING_TYPES):
                # "people burned flags in a protest"; "negotiators return to Geneva for talks"
                verb = head.head
                if verb.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in verb.children):
                    sources = self.subject_heads(verb)  # "people burned flags in a protest"
                elif verb.pos_ == "VERB" and verb.lower_ in TAKING_PART and head.lower_ == "in":
                    # "forces were engaged in ethnic cleansing against X": a state of taking
                    # part, whose subject does the deed and whose aim is the deed's target
                    sources = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
                    if not targets:
                        targets = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
                                   for p in c.children if p.dep_ == "pobj"
                                   and self._participant(p, consumed)]
        if not targets:
            targets = self._victims_of_cause(noun)
        if not targets and event_type in CLAUSE_TARGET_TYPES:
            # "reiterated its demand that Israel ease ...": the parse hangs the demanded
            # clause on the verb, or on the noun itself
            targets = self._clause_subjects(noun) or (
                self._clause_subjects(head) if noun.dep_ == "dobj" and head.pos_ == "VERB" else [])
        if not sources:
            sources = self._governing_same_type(noun, event_type)
        if not targets and noun.dep_ == "dobj" and head.pos_ == "VERB":
            targets = [p for c in head.children if c.dep_ == "prep" and c.lower_ in preps
                       for p in c.children if p.dep_ == "pobj" and self._participant(p, consumed)]
        if targets and not any(self._resolves(t) for t in targets):
            # "demonstrations against rights violations by the army": the doer behind it
            targets = self._behind_objects(targets, preps) or targets
        if not any(self._resolves(t) for t in targets) and noun.dep_ == "dobj" \
                and head.pos_ == "VERB" and event_type in PURPOSE_TARGET_TYPES:
            targets = self.purpose_targets(head) or targets
        return (self.fill(self._agents(sources), consumed),
                self._or_place(self.fill(targets, consumed), noun, consumed))

    def _victims_of_cause(self, noun) -> list:
        """"X died from torture", "X died as a result of the beating": who died underwent
        the deed named as the cause."""
        head = noun.head
        if noun.dep_ != "pobj" or head.dep_ != "prep" or head.lower_ not in ("of", "from"):
            return []
        verb = head.head
        if verb.lemma_.lower() == "result" and verb.dep_ == "pobj":
            verb = verb.head.head  # "as a result of"
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in DEATH_VERBS:
            return []
        return [c for c in verb.children if c.dep_ in SUBJECT_DEPS]

    def _origin(self, tok) -> str | None:
        """"a missionary from Calgary", "doctors from Lakeview": people a place is given as
        the origin of are that country's civilians (CAMEO codes people by where they are from).
        Named agents ("troops from Chad") are composed by the actors stage already."""
        if tok.pos_ != "NOUN":
            return None
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "from":
                continue
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                m = self.index.at(pobj.i)
                place = self.index.result.places.get(m.place_id) if m and m.place_id else None
                if place is not None and place.country:
                    agent = f"{place.country}-CVL"
                    return agent if _known_actor(self.index.result, agent) else None
        return None

    # --- a place as the target ------------------------------------------------------------

    def _or_place(self, roles: list[Role], trigger, consumed) -> list[Role]:
        """Roles naming no actor give way to the country of a place the trigger's own phrase
        is aimed at or happens in: "lifted the curfew in Ruritania", "agreed to open a centre
        in Ruritania's capital", "withdrew its forces from X". CAMEO/PLOVER coders code such a
        place as the target where the sentence names no other (the GSR gold does throughout).
        Only the trigger's complements count ("in" on the trigger, its object or the verb it
        controls), never the sentence's other places; a reporting verb's place ("said in X")
        is not the trigger's. The role is marked "place" by the coder (implicit.py)."""
        if any(r.actor_id for r in roles) or trigger.lemma_.lower() in REPORTING_LEMMAS:
            return roles
        return self._place_roles(trigger, consumed) or roles

    def _or_nearest(self, roles: list[Role], trigger, event_type: str, consumed,
                    sources: list[Role]) -> list[Role]:
        """Roles naming no actor give way to the first linked actor after the trigger inside
        its own clause: a fallback for parses that lose the object ("granted asylum to five
        Panamanian officers holed up in ...": "officers" parsed as the subject of "holed";
        "vetoed a Security Council resolution censuring ...": "resolution" a compound of
        "censuring"). Another clause (relative, complement, adverbial) is not the trigger's;
        the doer, a place named as where, and a side taken ("pro-Iranian") never count.
        Only a deed with a named doer is completed so (a fallback makes no new events), and
        not a protest, whose aim has rules of its own (:meth:`purpose_targets`, implicit.py)."""
        taken = {r.actor_id for r in sources if r.actor_id}
        # a target that is the doer itself ("restrictions on its labour market") names no other
        if any(r.actor_id and r.actor_id not in taken for r in roles) \
                or event_type in PURPOSE_TARGET_TYPES or not taken:
            return roles
        doer_tokens = {t.i for r in sources if r.token_i >= 0
                       for t in trigger.doc[r.token_i].subtree}
        last = max((trigger.i, *consumed))
        for tok in trigger.subtree:
            if tok.i <= last or tok.i in self.index.dateline or tok.i in doer_tokens \
                    or not _inside_clause(tok, trigger):
                continue
            m = self.index.at(tok.i)
            if m is None or not m.actor_id or m.actor_id in taken or _aligned_only(m) \
                    or _taken_side(tok) or _sponsor(tok) or _locative(tok, m) \
                    or tok.dep_ == "poss" and tok.head.lemma_.lower() in RELATIONAL_NOUNS:
                continue
            return [Role(m.text, m, tok.i)]
        return roles

    def _place_roles(self, trigger, consumed) -> list[Role]:
        holders = [trigger, *(trigger.doc[i] for i in consumed)]
        for c in trigger.children:
            if c.dep_ in ("dobj", "xcomp", "attr") or (c.dep_ == "prep" and c.lower_ in ("to", "of")):
                holders.append(c)
                for g in c.children:  # "contribute troops to a force in X", "help defend X"
                    if g.dep_ in ("dobj", "pobj", "xcomp"):
                        holders.append(g)
                        holders.extend(g.children if g.dep_ == "xcomp" else ())
        roles: list[Role] = []
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in PLACE_TARGET_PREPS:
                    continue
                for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                    for tok in (pobj, *pobj.conjuncts):
                        role = self._place_role(tok)
                        if role is not None and all(r.actor_id != role.actor_id for r in roles):
                            roles.append(role)
            if roles:
                return roles
        return roles

    def _place_role(self, tok) -> Role | None:
        """The country a place token stands for: a linked state, or a place with a country.
        The place's own mention counts, not a longer one around it ("forces from Panama")."""
        m = next((x for x in self.index.result.mentions
                  if x.start <= tok.idx < x.end and (x.place_id or x.label in ("GPE", "LOC"))),
                 None) or self.index.at(tok.i)
        if m is None:
            return None
        actors = self.index.result.actors
        actor = actors.get(m.actor_id) if m.actor_id else None
        if actor is not None:
            return Role(m.text, m, tok.i, by_place=True) if actor.kind == "state" else None
        place = self.index.result.places.get(m.place_id) if m.place_id else None
        if place is None or not place.country or not _known_actor(self.index.result, place.country):
            return None
        return Role(m.text, None, tok.i, place.country, by_place=True)

    def _agents(self, heads) -> list:
        """Heads that can act: "a missile hit the depot", "the sanctions freeze assets", "the
        response was harsh" name a weapon, a measure or a deed, never a source (unless the
        phrase names an actor)."""
        lex = self.lexicon
        crewed = lex.classes.get("aircraft", frozenset())  # "army jets bombed": flown by someone
        return [h for h in heads if self._resolves(h) or h.lemma_.lower() in crewed or (
            h.lemma_.lower() not in lex.instruments and h.lemma_.lower() not in lex.non_agents)]

    def _governing_same_type(self, noun, event_type: str) -> list:
        """"X sanctioned A, part of a series of sanctions against B": an event noun hanging
        (through nouns and prepositions) from a verb of its own type shares that verb's
        subject."""
        node = noun
        for _ in range(7):
            if node.dep_ not in ("pobj", "prep", "dobj", "appos", "npadvmod", "conj") \
                    or node.head is node:
                return []
            node = node.head
            if node.pos_ == "VERB":
                m = self.lexicon.match(node, noun=False)
                if m is not None and m.event_type == event_type:
                    return self.subject_heads(node)
                return []
        return []

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

    def _resolves_other(self, tok) -> bool:
        """Resolves through more than a possessive pronoun: "reneged on his commitment to the
        people" is aimed at the people, not at the doer who owns the commitment."""
        m, at = self._mention_for(tok)
        return m is not None and (at is None or at is tok or at.tag_ != "PRP$")

    def _mention_for(self, tok, depth: int = 0):
        """The mention naming the actor a head stands for, and the token it was found on."""
        m = self.index.at(tok.i)
        own = None
        if m is not None and not self.index.is_place_only(m) and not _aligned_only(m):
            if m.actor_id or depth >= 3:
                return m, tok
            own = (m, tok)  # unlinked: a linked modifier may still say who ("the US Congress")
        if depth >= 3:
            return None, None
        kids = sorted(tok.children, key=lambda c: MODIFIER_DEPS.index(c.dep_)
                      if c.dep_ in MODIFIER_DEPS else 99)
        found = (None, None)
        for c in kids:
            if c.dep_ not in MODIFIER_DEPS:
                break
            if c.dep_ == "acl":
                c = _member_prep(c)
                if c is None:
                    continue
            if c.dep_ == "prep":
                if c.lower_ not in ("of", "from") and c.head.dep_ != "acl":
                    continue
                objs = [p for p in c.children if p.dep_ == "pobj"]
                if not objs:
                    continue
                c = objs[0]
            if own is not None and c.dep_ not in ("compound", "amod", "poss"):
                continue  # an unlinked name gives way only to a modifier inside its phrase
            if _taken_side(c):
                continue  # "an anti-Syria journalist" is not Syria's, nor "pro-Iran militias"
            if c.dep_ == "poss" and tok.lemma_.lower() in RELATIONAL_NOUNS:
                continue  # "its neighbour", "Israel's militia ally": another party than X
            m, at = self._mention_for(c, depth + 1)
            if m is not None and (m.actor_id or found[0] is None):
                found = (m, at)
                if m.actor_id:
                    break
        if own is not None and (found[0] is None or not found[0].actor_id):
            return own
        return found

    def fill(self, heads, consumed=()) -> list[Role]:
        roles: list[Role] = []
        seen: set[tuple] = set()
        for head in self._past_datelines(heads):
            for tok in (head, *head.conjuncts):
                if tok.i in self.index.dateline:
                    continue  # "BUENOS AIRES, April 24 - ...": where it was filed, not who
                if tok is not head and not self._participant(tok, consumed):
                    continue
                for role in self._roles_of(tok):
                    key = (role.mention.start, role.mention.end) if role.mention else role.text
                    if key not in seen:
                        seen.add(key)
                        roles.append(role)
        return roles

    def _past_datelines(self, heads) -> list:
        """"MOGADISHU - Al-Shabaab fighters attacked": the parse makes the dateline the
        subject and hangs the real one from it; the first phrase after the dateline stands in
        for it."""
        dateline = self.index.dateline
        out = []
        for head in heads:
            if head.i not in dateline:
                out.append(head)
                continue
            after = [t for t in head.subtree if t.i not in dateline and t.head.i in dateline
                     and t.dep_ in ("appos", "conj", "npadvmod", "dep")]
            out.extend(after[:1])
        return out

    def _roles_of(self, tok) -> list[Role]:
        m, at = self._mention_for(tok)
        if m is None:
            issuer = _issuer(tok)
            if issuer is not None and self._resolves(issuer):
                tok, (m, at) = issuer, self._mention_for(issuer)
        origin = self._origin(tok) if m is None or not m.actor_id else None
        if m is None or origin:
            doc = tok.doc
            occupant = self.index.occupants.at(tok, self.index.at(tok.i)) or origin
            end = _counted(tok, _non_participant_words()[1]).i  # "a group [of students]"
            return [Role(doc[tok.left_edge.i: end + 1].text, None, tok.i, occupant)]
        roles = [Role(m.text, m, tok.i)]
        if at is not None and at is not tok and at.dep_ in ("amod", "compound"):
            # "Hungarian and Romanian officials": one role per coordinated modifier
            for other in at.conjuncts:
                om = self.index.at(other.i)
                if om is not None and om is not m:
                    roles.append(Role(om.text, om, tok.i))
        return roles


@functools.lru_cache(maxsize=1)
def _non_participant_words() -> tuple[frozenset[str], frozenset[str]]:
    """(heads that never name an actor, nouns that defer to their "of" phrase), from the
    coder section of verbs.yaml."""
    coder = _lexicon_data().get("coder") or {}
    heads = set(coder.get("non_agents") or ())
    for words in (coder.get("non_participants") or {}).values():
        heads.update(words or ())
    return frozenset(heads), frozenset(coder.get("quantity_nouns") or ())


def names_participant(role: Role, doc) -> bool:
    """False for an unlinked role whose phrase names no actor: an unresolved pronoun ("our",
    "it"), an abstraction, an offence or a text ("welcomed the progress", "faces charges of
    fraud", "a statement said"), or the noun of a reduplicated idiom ("met face to face").
    Such a role is better left empty than filled with a non-actor."""
    if role.actor_id or role.mention is not None or role.token_i < 0:
        return True
    tok = doc[role.token_i]
    if tok.tag_ in ("PRP", "PRP$"):
        return False  # a personal pronoun coreference found nobody for ("another" may stay)
    if _reduplicated(tok):
        return False
    heads, quantities = _non_participant_words()
    head = _counted(tok, quantities)
    if head.lemma_.lower() not in heads and head.lower_ not in heads:
        return True
    # "the union's proposal": the owner named in the phrase is the participant
    return any(c.dep_ == "poss" and c.tag_ != "PRP$" for c in head.children)


def _issuer(tok):
    """"a statement issued by the ministry", "a report carried by the agency": who a text
    says something for. None for any other noun."""
    texts = (_lexicon_data().get("coder") or {}).get("non_participants", {}).get("texts") or ()
    if tok.lemma_.lower() not in texts:
        return None
    return next((p for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                 for a in c.children if a.dep_ == "agent"
                 for p in a.children if p.dep_ == "pobj"), None)


def _counted(tok, quantities: frozenset[str], depth: int = 0):
    """"a set of principles" -> "principles": what a counting noun's "of" phrase names."""
    if depth >= 3 or tok.lemma_.lower() not in quantities:
        return tok
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return tok if obj is None else _counted(obj, quantities, depth + 1)


def _reduplicated(tok) -> bool:
    """"face to face", "side by side", "door to door": a noun repeated across a preposition
    is an adverb of manner, not a participant."""
    doc, i = tok.doc, tok.i
    after = i + 2 < len(doc) and doc[i + 1].tag_ in ("IN", "TO") and doc[i + 2].lower_ == tok.lower_
    before = i >= 2 and doc[i - 1].tag_ in ("IN", "TO") and doc[i - 2].lower_ == tok.lower_
    return after or before


def _member_prep(participle):
    """The preposition of a membership participle ("affiliated [with] X"), else None."""
    prep = MEMBER_PARTICIPLES.get(participle.lemma_.lower())
    return next((c for c in participle.children if c.dep_ == "prep" and c.lower_ == prep), None)


def _taken_side(tok) -> bool:
    """A modifier after "anti-"/"pro-" names the side someone takes, not whose they are."""
    doc, i = tok.doc, tok.i
    before = doc[i - 1].lower_ if i > 0 else ""
    if before == "-" and i > 1:
        before = doc[i - 2].lower_
    return before in SIDE_PREFIXES or tok.lower_.startswith(("anti-", "pro-"))


# Dependencies that open a clause of its own: what is said there is not the trigger's.
OWN_CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "parataxis", "csubj", "acl"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "within", "throughout",
                            "across", "around", "along"})


# Prepositions of time: "after talks with X" says when, not whom. ("amid/despite tensions
# with X" may well name the counterpart: left in.)
TIME_PREPS = frozenset({"after", "before", "during", "since", "until", "following"})


def _inside_clause(tok, trigger) -> bool:
    """Whether ``tok`` hangs from ``trigger`` without entering a clause of its own or a
    coordinated verb (another deed)."""
    while tok.i != trigger.i:
        if tok.dep_ in OWN_CLAUSE_DEPS and not (tok.dep_ == "acl" and _infinitive(tok)) \
                or (tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX")) \
                or tok.lower_ == "according" \
                or tok.dep_ == "prep" and tok.lower_ in TIME_PREPS:
            return False  # "according to X" says who reports it; "after talks with X" when
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


# "Syrian-backed militia": the demonym names a sponsor, not the party itself.
SPONSOR_WORDS = frozenset({"backed", "allied", "aligned", "supported", "funded", "trained",
                           "sponsored", "armed", "linked", "brokered", "mediated"})


def _sponsor(tok) -> bool:
    doc, i = tok.doc, tok.i
    return i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].lower_ in SPONSOR_WORDS


ORPHAN_REACH = 6  # tokens after a preposition its lost object may start within


def _orphan_object(prep) -> list:
    """The noun phrase right after a preposition the parse left without an object ("granted
    asylum to five officers holed up in ...": "officers" parsed as the subject of "holed"):
    the head of the first phrase, within a few determiners and modifiers."""
    doc = prep.doc
    for tok in doc[prep.i + 1: min(prep.i + 1 + ORPHAN_REACH, len(doc))]:
        if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ not in (
                "compound", "amod", "nmod", "poss"):
            return [tok]
        if tok.pos_ not in ("DET", "NUM", "ADJ", "NOUN", "PROPN", "PART", "ADV") \
                and not tok.is_punct:
            return []
    return []


def _infinitive(verb) -> bool:
    """"(an invitation) to attend", "(allowed X) to run": a verb with its own "to"."""
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _locative(tok, m: Mention) -> bool:
    """A place name after "in"/"at"/"near": where, not whom ("talks in Geneva")."""
    return m.label in ("GPE", "LOC", "FAC") and tok.head.dep_ == "prep" \
        and tok.head.lower_ in LOCATIVE_PREPS


def _own_asset(tok) -> bool:
    return any(k.dep_ == "poss" and k.lower_ in OWN_POSSESSIVES for k in tok.children)


def _known_actor(result: DocResult, actor_id: str) -> bool:
    """Make a KB actor (a country) known to the document; False where the KB lacks it."""
    if actor_id in result.actors:
        return True
    from ..resolve.actors.kb import load_kb

    actor = load_kb().get(actor_id)
    if actor is None:
        return False
    result.actors[actor_id] = actor
    return True
