"""Modality of a trigger: asserted, negated, hypothetical, intended, claimed or historical.

Read off the parse by climbing from the trigger through the clauses that embed it: a negation
or modal on the way, or a governing word that negates ("denied attacking"), plans ("vowed to
respond", "the countdown to attacks"), doubts ("may strike") or attributes ("the group claimed
that ..."). The first mark met wins, so "threatened to attack" makes the attack intended while
the threat itself, which nothing embeds, stays asserted. Realised events are the asserted and
the claimed ones (:data:`REALISED`).
"""

from __future__ import annotations

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
                                "bar", "prohibit", "forbid", "outlaw"})
INTENT_GOVERNORS = frozenset({"vow", "plan", "intend", "threaten", "want", "seek", "aim", "pledge",
                              "promise", "prepare", "hope", "try", "attempt", "decide", "resolve",
                              "vow", "mean", "wish", "agree", "offer", "expect", "warn", "ready",
                              "plot", "scheme", "order", "urge", "call", "demand", "ask", "push",
                              "press", "tell", "instruct", "propose", "consider", "weigh", "mull",
                              "discuss", "go", "set", "poise", "gear"})
HYPOTHETICAL_GOVERNORS = frozenset({"consider", "weigh", "mull", "discuss", "fear", "suspect",
                                    "speculate", "possible", "likely", "unlikely", "risk", "could",
                                    "imagine", "doubt"})
# "appears to be coordinating": the writer hedges; not asserted as fact.
HEDGE_GOVERNORS = frozenset({"appear", "seem"})
CLAIM_GOVERNORS = frozenset({"claim", "allege", "purport", "assert", "insist", "contend",
                             "maintain", "boast", "rumor", "rumour"})
# "accused Iran of supplying drones": the supplying is the accuser's claim.
ACCUSATION_GOVERNORS = frozenset({"accuse", "blame", "charge", "suspect", "indict", "convict"})
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
        if head is node:
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
            if dep in ("xcomp", "prep", "dobj", "pcomp") and lemma in INTENT_GOVERNORS:
                # "vowed to respond"; "warned of attacks"; "ordered strikes"
                return HYPOTHETICAL if lemma in HYPOTHETICAL_GOVERNORS else INTENDED
            if dep == "ccomp" and lemma in HYPOTHETICAL_GOVERNORS:
                return HYPOTHETICAL
    elif head.pos_ == "NOUN" and dep in ("prep", "pobj", "acl", "compound", "xcomp"):
        return IRREALIS_NOUNS.get(lemma)
    elif head.dep_ == "prep" and head.lower_ in BEFORE_PREPS and dep == "pobj":
        return None
    return None


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
