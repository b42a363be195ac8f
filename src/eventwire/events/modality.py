"""Modality of a trigger: asserted, negated, hypothetical, intended, claimed or historical.

Read off the parse by climbing from the trigger through the clauses that embed it: a negation
or modal on the way, or a governing word that negates ("denied attacking"), plans ("vowed to
respond", "the countdown to attacks"), doubts ("may strike") or attributes ("the group claimed
that ..."). The first mark met wins, so "threatened to attack" makes the attack intended while
the threat itself, which nothing embeds, stays asserted. Realised events are the asserted and
the claimed ones (:data:`REALISED`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ASSERTED, NEGATED, HYPOTHETICAL, INTENDED, CLAIMED, HISTORICAL = (
    "asserted", "negated", "hypothetical", "intended", "claimed", "historical")
MODALITIES = (ASSERTED, NEGATED, HYPOTHETICAL, INTENDED, CLAIMED, HISTORICAL)
REALISED = frozenset({ASSERTED, CLAIMED})

HYPOTHETICAL_AUX = frozenset({"may", "might", "could", "would", "should", "can", "must", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
NEGATING_GOVERNORS = frozenset({"deny", "refuse", "fail", "avoid", "decline", "refrain", "stop",
                                "cease", "halt", "abandon", "reject", "prevent", "forgo",
                                # "barred Americans from doing business with them"
                                "bar", "prohibit", "forbid", "outlaw", "unwilling"})
INTENT_GOVERNORS = frozenset({"vow", "plan", "intend", "threaten", "want", "seek", "aim", "pledge",
                              "promise", "prepare", "hope", "try", "attempt", "decide", "resolve",
                              "vow", "mean", "wish", "agree", "offer", "expect", "warn", "ready",
                              "plot", "scheme", "order", "urge", "call", "demand", "ask", "push",
                              "press", "tell", "instruct", "propose", "consider", "weigh", "mull",
                              "discuss", "go", "set", "poise", "gear",
                              # "is willing to send", "is prepared to impose" (the adjectives)
                              "willing", "prepared", "eager", "keen", "determined"})
HYPOTHETICAL_GOVERNORS = frozenset({"consider", "weigh", "mull", "discuss", "fear", "suspect",
                                    "speculate", "possible", "likely", "unlikely", "risk", "could",
                                    "imagine", "doubt"})
# "appears to be coordinating": the writer hedges; not asserted as fact.
HEDGE_GOVERNORS = frozenset({"appear", "seem"})
CLAIM_GOVERNORS = frozenset({"claim", "allege", "purport", "assert", "insist", "contend",
                             "maintain", "boast", "rumor", "rumour"})
# "accused Iran of supplying drones": the supplying is the accuser's claim.
ACCUSATION_GOVERNORS = frozenset({"accuse", "blame", "charge", "suspect", "indict", "convict"})
# Stance words after a copula that state the subject's own readiness ("is ready to contribute",
# "is prepared to impose"): the intent is the subject's.
STANCE_ADJECTIVES = frozenset({"ready", "willing", "prepared", "eager", "keen", "determined",
                               "poised", "unwilling"})
# Verbs by which a doer commits itself to a deed ("offered to negotiate"). Not those the
# lexicon codes as the statement itself ("vowed to attack" is a THREATEN and an intended
# attack; "pledged to send aid" an AGREE and intended aid).
COMMITMENT_VERBS = frozenset({"offer", "commit", "undertake"})
# Verbs that report a statement: "X said it will boycott", "Y announced that it would extend".
STATEMENT_VERBS = frozenset({"say", "announce", "tell", "declare", "state", "confirm", "add",
                             "insist", "stress", "indicate", "reiterate", "report", "quote",
                             "write", "signal"})
DEONTIC_AUX = frozenset({"must", "should", "ought"})
MODAL_INTENT_AUX = frozenset({"may", "might", "could"})  # only with a condition: "may halt ... if"
# Nouns that frame what follows as not (yet) real: "the countdown to attacks", "a plan to".
IRREALIS_NOUNS = {
    "countdown": INTENDED, "threat": INTENDED, "plan": INTENDED, "plot": INTENDED,
    "warning": INTENDED, "ultimatum": INTENDED, "call": INTENDED, "demand": INTENDED,
    "bid": INTENDED, "intention": INTENDED, "vow": INTENDED, "pledge": INTENDED,
    "preparation": INTENDED, "readiness": INTENDED, "prospect": HYPOTHETICAL,
    "possibility": HYPOTHETICAL, "risk": HYPOTHETICAL, "fear": HYPOTHETICAL,
    "danger": HYPOTHETICAL, "scenario": HYPOTHETICAL, "option": HYPOTHETICAL,
    "claim": CLAIMED, "allegation": CLAIMED, "denial": NEGATED,
}
# Prepositions that put an event before a date: "attacks ... before 2011".
BEFORE_PREPS = frozenset({"before", "until", "till", "prior"})
CLIMB_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp", "pobj", "prep", "dobj",
                        "nsubj", "nsubjpass", "acl", "relcl", "attr", "oprd", "compound", "amod",
                        "appos", "npadvmod", "dep", "csubj"})


def modality(trigger, published: date | None = None) -> str:
    node = trigger
    for _ in range(12):
        mark = _local_mark(node, published)
        if mark:
            return mark
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ not in CLIMB_DEPS:
            break
        gov = _governor_mark(node, head)
        if gov:
            return gov
        node = head
    return ASSERTED


def _local_mark(node, published: date | None) -> str | None:
    """Marks on the clause itself: negation, modal or future auxiliary, "if", "before 2011"."""
    if node.pos_ not in ("VERB", "AUX", "NOUN", "PROPN"):
        return None
    for c in node.children:
        dep, low = c.dep_, c.lower_
        if dep == "neg" or (dep == "det" and low == "no"):
            return NEGATED
        if dep in ("aux", "auxpass"):
            if low in HYPOTHETICAL_AUX:
                return HYPOTHETICAL
            if low in FUTURE_AUX:
                return INTENDED
            if low == "going" or c.lemma_ == "go" and c.tag_ == "VBG":
                return INTENDED
        elif dep == "mark" and low in CONDITION_MARKS:
            return HYPOTHETICAL
        elif dep == "prep" and low in BEFORE_PREPS and _before_past_year(c, published):
            return HISTORICAL
    return None


def _governor_mark(node, head) -> str | None:
    """What the embedding word says about the clause or noun under it."""
    lemma = head.lemma_.lower()
    dep = node.dep_
    if head.pos_ in ("VERB", "AUX", "ADJ"):
        if dep in ("xcomp", "ccomp", "pcomp", "dobj", "prep", "pobj", "advcl", "csubj"):
            if lemma in NEGATING_GOVERNORS and dep != "advcl":
                return NEGATED
            if dep in ("xcomp", "ccomp") and lemma in HEDGE_GOVERNORS:
                return HYPOTHETICAL
            if dep in ("prep", "pcomp") and lemma in ACCUSATION_GOVERNORS:
                return CLAIMED
            if dep == "ccomp" and lemma in CLAIM_GOVERNORS:
                return CLAIMED
            if (dep in ("xcomp", "prep", "dobj", "pcomp") or _for_clause(node)) \
                    and lemma in INTENT_GOVERNORS:
                # "vowed to respond"; "warned of attacks"; "ordered strikes"
                return HYPOTHETICAL if lemma in HYPOTHETICAL_GOVERNORS else INTENDED
            if dep == "ccomp" and lemma in HYPOTHETICAL_GOVERNORS:
                return HYPOTHETICAL
    elif head.pos_ == "NOUN" and dep in ("prep", "pobj", "acl", "compound", "xcomp"):
        return IRREALIS_NOUNS.get(lemma)
    elif head.dep_ == "prep" and head.lower_ in BEFORE_PREPS and dep == "pobj":
        return None
    return None


def _for_clause(node) -> bool:
    """"called for the government to resign": a "for ... to" clause says what is wanted."""
    return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for"
                                        for c in node.children)


def _before_past_year(prep, published: date | None) -> bool:
    """"before 2011": a year well before publication (two or more years) makes it background."""
    for tok in prep.subtree:
        if tok.like_num and len(tok.text) == 4 and tok.text.isdigit():
            year = int(tok.text)
            ref = published.year if published else None
            return ref is None or year <= ref - 2
    return False


def historical_by_time(span_end: date | None, published: date | None, years: int = 3) -> bool:
    """An event whose own time span ends years before the article is background."""
    if span_end is None or published is None:
        return False
    try:
        cutoff = published.replace(year=published.year - years)
    except ValueError:  # 29 February
        cutoff = published.replace(year=published.year - years, day=28)
    return span_end < cutoff


@dataclass(frozen=True, slots=True)
class StatedIntent:
    """What a doer says it will do ("X said it will boycott the vote", "Y is ready to send
    troops"): PLOVER codes the statement, not the deed, as the event (CAMEO 03 "express intent
    to ..." -> AGREE, 13 "threaten to ..." -> THREATEN)."""

    refused: bool  # "said it will not accept": a stated refusal
    ultimatum: bool  # "will withdraw unless X": a condition put to another party
    conditional: bool  # "would meet if", "may halt ... if"
    voiced: bool  # said or declared by the doer, not only foretold ("X will visit Y")


def stated_intent(trigger) -> StatedIntent | None:
    """The intent about the deed this verb names, or None where there is none, the deed is
    asked of someone, or the trigger is not a verb. Read off the clause: a future auxiliary
    ("will visit"; "would" only in reported speech: "said they would boycott") or a stance
    the subject takes ("is ready to", "offered to"). ``voiced`` where the doer says or
    declares it (reported speech, a stance), not where the writer only foretells it."""
    if trigger.pos_ != "VERB":
        return None
    aux = {c.lower_ for c in trigger.children if c.dep_ == "aux"}
    negated = any(c.dep_ == "neg" for c in trigger.children)
    clause, stance = trigger, False
    head = trigger.head
    if trigger.dep_ == "xcomp" and head.i != trigger.i:
        if head.pos_ == "ADJ" and head.lemma_.lower() in STANCE_ADJECTIVES:
            stance = True  # "ready to contribute": the copula carries tense and negation
            negated = negated or head.lemma_.lower() == "unwilling"
            clause = head.head if head.dep_ == "acomp" else head
        elif head.pos_ == "VERB" and head.lemma_.lower() in COMMITMENT_VERBS:
            stance, clause = True, head
        if clause.i != trigger.i:
            aux |= {c.lower_ for c in clause.children if c.dep_ == "aux"}
            negated = negated or any(c.dep_ == "neg" for c in clause.children)
    if aux & DEONTIC_AUX:
        return None  # "the US must be ready to mediate": asked of it by another, not stated
    conditions = _condition_marks(trigger) | _condition_marks(clause)
    reported = _reported(clause)
    future = bool(aux & FUTURE_AUX) or (reported and "would" in aux) or _going_to(clause)
    modal = reported and bool(aux & MODAL_INTENT_AUX) and bool(conditions)
    if not (stance or future or modal):
        return None
    return StatedIntent(refused=negated, ultimatum="unless" in conditions,
                        conditional=bool(conditions), voiced=stance or reported)


def _going_to(clause) -> bool:
    """"is going to visit": the small model makes "going" an auxiliary of the verb."""
    return any(c.dep_ == "aux" and c.lemma_ == "go" and c.tag_ == "VBG" for c in clause.children)


def _reported(clause) -> bool:
    """The clause is what a statement verb reports: "X said it will ...", "..., X said"."""
    head = clause.head
    return (clause.dep_ in ("ccomp", "parataxis") and head.i != clause.i
            and head.lemma_.lower() in STATEMENT_VERBS)


def _condition_marks(verb) -> set[str]:
    return {m.lower_ for c in verb.children if c.dep_ == "advcl"
            for m in c.children if m.dep_ == "mark" and m.lower_ in CONDITION_MARKS}
