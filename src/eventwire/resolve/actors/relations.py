"""Relations between actors with the sentence that states them.

Noun-phrase patterns (appositives, possessives, pre-modifiers: "The leader of X, Y", "X's leader
Y", "X commander Y", "Y, spokesman of X", "Y was deputy commander of X") are read from the
token sequence between two actor mentions; verb patterns ("Y formed X", "the US sanctioned X",
"X is coordinating with Y", "X is a part of Y, alongside A and B") from the dependency parse.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLE_NOUNS = {
    **dict.fromkeys(("leader", "head", "chief", "commander", "emir", "boss", "chairman",
                     "secretary-general", "secretary general", "commander-in-chief"), "leader"),
    **dict.fromkeys(("spokesman", "spokeswoman", "spokesperson"), "spokesperson"),
    **dict.fromkeys(("founder", "co-founder", "cofounder"), "founder"),
    **dict.fromkeys(("member", "fighter", "operative"), "member"),
}
DEPUTY = frozenset({"deputy", "vice", "assistant"})
FORMER = frozenset({"former", "ex", "onetime", "one-time", "late"})
COPULA = frozenset({"is", "was", "has", "been", "became", "becomes", "remains", "remained",
                    "served", "serves", "as", "also", "now", "once", "still", "'s", "’s"})
DETS = frozenset({"the", "a", "an", "its", "their"})
FOUND_VERBS = frozenset({"form", "found", "establish", "create", "co-found", "set"})
SANCTION_VERBS = frozenset({"sanction", "designate", "blacklist"})
ALIGN_VERBS = frozenset({"coordinate", "ally", "align", "cooperate", "collaborate", "side"})
PART_NOUNS = frozenset({"part", "arm", "wing", "branch", "faction", "unit", "component"})
LIST_OPENERS = frozenset({"alongside", "including", "with"})
SPEECH_VERBS = frozenset({"say", "announce", "claim", "state", "add", "report"})


@dataclass(slots=True)
class Slot:
    """An actor mention as a token range in the sentence."""

    start: int  # token index
    end: int
    actor_id: str | None
    kind: str | None
    mention: object = None  # the model Mention, for promoting a pending name


@dataclass(slots=True)
class Found:
    subject: Slot
    predicate: str
    obj: Slot
    confidence: float


def role_phrase(words: list[str]) -> tuple[str, bool, bool] | None:
    """(role, deputy, former) when ``words`` is "[det] [former] [deputy] ROLE"."""
    words = [w for w in words if w not in DETS]
    former = bool(words) and words[0] in FORMER
    words = words[1:] if former else words
    deputy = bool(words) and words[0] in DEPUTY
    words = words[1:] if deputy else words
    role = ROLE_NOUNS.get(" ".join(words)) or ROLE_NOUNS.get("".join(words))
    return (role, deputy, former) if role else None


def role_predicate(role: str, deputy: bool, former: bool) -> str:
    if role == "leader":
        return "deputy_leader_of" if deputy else "leader_of"
    if role == "member":
        return "former_member_of" if former else "member_of"
    return {"spokesperson": "spokesperson_of", "founder": "founder_of"}[role]


def lower_words(doc, i: int, j: int) -> list[str]:
    out = []
    for t in doc[i:j]:
        if t.text == "-" and out:  # "secretary-general" arrives as three tokens
            out[-1] += "-"
            continue
        if out and out[-1].endswith("-"):
            out[-1] += t.lower_
            continue
        out.append(t.lower_)
    return out


def noun_phrase_relations(doc, slots: list[Slot]) -> list[Found]:
    found = []
    for a, b in zip(slots, slots[1:]):
        between = lower_words(doc, a.end, b.start)
        # "X leader Y", "X's leader Y", "the X chief Y"; "X's Y" when the KB knows the role
        if a.kind != "person" and b.kind in ("person", None):
            words = between[1:] if between[:1] in (["’s"], ["'s"]) else between
            parsed = role_phrase(words) if words else None
            if parsed and not parsed[2] or (not words and between):
                pred = role_predicate(*parsed) if parsed else "member_of"
                found.append(Found(b, pred, a, 0.9 if parsed else 0.6))
                continue
        # "The leader of X, Y"
        if a.kind != "person" and b.kind in ("person", None) and between == [","]:
            k = a.start - 1
            while k >= 0 and doc[k].lower_ in DETS:
                k -= 1
            if k >= 1 and doc[k].lower_ in ("of", "for"):
                j = k
                while j > 0 and doc[j - 1].lower_ not in DETS and doc[j - 1].is_alpha and k - j < 3:
                    j -= 1
                parsed = role_phrase(lower_words(doc, j, k))
                if parsed:
                    found.append(Found(b, role_predicate(*parsed), a, 0.9))
                    continue
        # "Y, spokesman of X"; "Y was deputy commander of X"; "Y is a former member of X"
        if a.kind in ("person", None) and b.kind != "person":
            found.extend(copular_role(a, b, between))
    return found


def copular_role(a: Slot, b: Slot, between: list[str]) -> list[Found]:
    words = list(between)
    while words and words[-1] in DETS:
        words.pop()
    if len(words) < 3 or words[-1] not in ("of", "for", "in") or words[0] not in COPULA | {","}:
        return []
    words = words[:-1]
    while words and (words[0] in COPULA or words[0] == ","):
        words = words[1:]
    parsed = role_phrase(words) if words else None
    return [Found(a, role_predicate(*parsed), b, 0.85)] if parsed else []


def slot_of(tok, slots: list[Slot]) -> Slot | None:
    for s in slots:
        if s.start <= tok.i < s.end:
            return s
    return None


def np_slot(tok, slots: list[Slot]) -> Slot | None:
    """The actor a noun phrase names: its head, or the name in apposition to a role noun
    ("Asaib Ahl al-Haq's leader Qais Khazali was sanctioned": the head is "leader")."""
    slot = slot_of(tok, slots)
    if slot is None:
        slot = next((slot_of(c, slots) for c in tok.children
                     if c.dep_ == "appos" and slot_of(c, slots)), None)
    return slot


def subject_of(verb, slots: list[Slot], passive: bool = False) -> Slot | None:
    """The actor doing ``verb``, climbing conjoined and controlled verbs ("was born ... and
    formed X", "helped form X", "appears to be coordinating"), and resolving "it" in "The US
    says it designated X" to the speaker."""
    deps = ("nsubj", "nsubjpass") if passive else ("nsubj",)
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in deps or (child.dep_ == "nsubjpass" and tok is not verb):
                slot = np_slot(child, slots)
                if slot:
                    return slot
                if child.lower_ in ("it", "they") and tok.dep_ == "ccomp" \
                        and tok.head.lemma_ in SPEECH_VERBS:
                    return subject_of(tok.head, slots)
                return None
        if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head is not tok:
            tok = tok.head
        else:
            return None
    return None


def object_of(verb, slots: list[Slot]) -> Slot | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "obj", "dative") and np_slot(child, slots):
            return np_slot(child, slots)
        if child.dep_ in ("ccomp", "oprd") and child.pos_ in ("NOUN", "PROPN"):
            # "designated him a terrorist": the parser may hang "him" under "terrorist"
            for sub in child.children:
                if sub.dep_ in ("nsubj",) and slot_of(sub, slots):
                    return slot_of(sub, slots)
    return None


def verb_relations(sent, slots: list[Slot], last_sanctioner: list[Slot]) -> list[Found]:
    found = []
    terror = any(t.lower_.startswith("terror") for t in sent)
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") and tok.lemma_ not in SANCTION_VERBS:
            continue
        lemma = tok.lemma_.lower()
        if lemma in FOUND_VERBS and tok.pos_ == "VERB":
            subj, obj = subject_of(tok, slots), object_of(tok, slots)
            if subj and obj and subj.kind in ("person", None) and obj.kind not in ("person", "state"):
                found.append(Found(subj, "founder_of", obj, 0.85))
        elif lemma in SANCTION_VERBS:
            pred = "designates_terrorist" if lemma != "sanction" and terror else "sanctions"
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
            if passive:
                obj = next((np_slot(c, slots) for c in tok.children if c.dep_ == "nsubjpass"), None)
                agent = next((slot_of(g, slots) for c in tok.children if c.dep_ == "agent"
                              for g in c.children if g.dep_ == "pobj"), None)
                subj = agent or (last_sanctioner[-1] if last_sanctioner else None)
            else:
                subj, obj = subject_of(tok, slots), object_of(tok, slots)
            if subj and obj and subj.actor_id != obj.actor_id:
                found.append(Found(subj, pred, obj, 0.85 if not passive or agent else 0.6))
                last_sanctioner.append(subj)
        elif lemma in ALIGN_VERBS:
            subj = subject_of(tok, slots)
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "with":
                    obj = next((slot_of(p, slots) for p in prep.children if p.dep_ == "pobj"), None)
                    if subj and obj and subj.actor_id != obj.actor_id:
                        found.append(Found(subj, "aligned_with", obj, 0.8))
    return found


def part_relations(sent, slots: list[Slot]) -> list[Found]:
    """"X is a (key) part of Y, alongside A, B and C"; "X is an arm of Y"."""
    found = []
    for tok in sent:
        if tok.lemma_ not in PART_NOUNS or tok.pos_ != "NOUN":
            continue
        whole = None
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                whole = next((slot_of(p, slots) for p in prep.children if p.dep_ == "pobj"), None)
        if whole is None or whole.kind == "person":
            continue
        copula = tok.head if tok.dep_ == "attr" else None
        subj = subject_of(copula, slots) if copula is not None else None
        if subj and subj.actor_id != whole.actor_id:
            found.append(Found(subj, "member_of" if subj.kind == "person" else "part_of", whole, 0.8))
        opener = next((t for t in sent if t.i > whole.end - 1 and t.lower_ in LIST_OPENERS), None)
        if opener is not None:
            for s in slots:
                if s.start > opener.i and s.kind not in ("person", "state", None) \
                        and s.actor_id != whole.actor_id:
                    found.append(Found(s, "part_of", whole, 0.75))
    return found


def alignment_relations(sent, slots: list[Slot], norp_slots: list[Slot]) -> list[Found]:
    """"pro-Iranian X" -> X aligned_with Iran; "Iran-backed X" -> X backed_by Iran."""
    found = []
    doc = sent.doc
    for n in norp_slots:
        head = doc[n.start].lower_
        if head not in ("pro", "pro-") and not doc[n.start].text.lower().startswith("pro"):
            continue
        nxt = next((s for s in slots if n.end <= s.start <= n.end + 2 and s.kind != "person"), None)
        if nxt and all(doc[k].pos_ in ("ADJ", "PUNCT") for k in range(n.end, nxt.start)):
            found.append(Found(nxt, "aligned_with", n, 0.8))
    for tok in sent:
        if tok.lower_ == "backed" and tok.i >= 2 and doc[tok.i - 1].text == "-":
            backer = slot_of(doc[tok.i - 2], slots)
            backed = next((s for s in slots if tok.i < s.start <= tok.i + 3), None)
            if backer and backed:
                found.append(Found(backed, "backed_by", backer, 0.8))
    return found
