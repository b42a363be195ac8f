"""In-document coreference for the references events need as sources: "the group", "the
militia" -> the armed group the paragraph (or else the article) is about; "he", "him", "his"
-> the one person named in the same or the previous sentence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

GROUP_NOUNS = frozenset({"group", "militia", "movement", "organization", "organisation", "faction"})
GROUP_KINDS = frozenset({"armed_group", "political_party", "organization", "criminal_group"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})


@dataclass(slots=True)
class Ref:
    start: int
    end: int
    text: str
    actor_id: str
    kind: str
    sentence_start: int  # char offset of the sentence, to find the previous sentence


def group_antecedent(refs: list[Ref], pos: int, para: tuple[int, int]) -> str | None:
    """The last group named earlier in the paragraph, else the group named most in the article."""
    before = [r for r in refs if r.kind in GROUP_KINDS and para[0] <= r.start < pos]
    if before:
        return before[-1].actor_id
    counts = Counter(r.actor_id for r in refs if r.kind in GROUP_KINDS)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [(None, 0)]
    return top if n > rest[0][1] else None


def person_antecedent(refs: list[Ref], tok, prev_start: int) -> str | None:
    people = {r.actor_id for r in refs
              if r.kind == "person" and prev_start <= r.start < tok.idx}
    return people.pop() if len(people) == 1 else None


def resolve(doc, refs: list[Ref], paragraphs: list[tuple[int, int]]) -> list[Ref]:
    """Coreferent mentions, in text order; ``refs`` are the linked mentions (sorted)."""
    out: list[Ref] = []
    refs = sorted(refs, key=lambda r: r.start)
    taken = {i for r in refs for i in range(r.start, r.end)}
    sents = list(doc.sents)
    # token index -> (start char of its sentence, start char of the previous sentence)
    window: list[tuple[int, int]] = []
    for k, s in enumerate(sents):
        prev = sents[k - 1].start_char if k else s.start_char
        window.extend([(s.start_char, prev)] * len(s))
    for tok in doc:
        if tok.idx in taken:
            continue
        found: Ref | None = None
        if tok.lower_ in PERSON_PRONOUNS and tok.pos_ == "PRON":
            actor = person_antecedent(refs, tok, window[tok.i][1])
            if actor:
                found = Ref(tok.idx, tok.idx + len(tok.text), tok.text, actor, "person",
                            window[tok.i][0])
        elif (tok.lower_ == "the" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in GROUP_NOUNS
              and not (tok.i + 2 < len(doc) and doc[tok.i + 2].pos_ in ("NOUN", "PROPN"))):
            para = next((p for p in paragraphs if p[0] <= tok.idx < p[1]), (0, len(doc.text)))
            actor = group_antecedent(refs, tok.idx, para)
            if actor:
                end = doc[tok.i + 1].idx + len(doc[tok.i + 1].text)
                kind = next(r.kind for r in refs if r.actor_id == actor)
                found = Ref(tok.idx, end, doc.text[tok.idx:end], actor, kind, window[tok.i][0])
        if found:
            out.append(found)
            refs.append(found)
            refs.sort(key=lambda r: r.start)
    return out
