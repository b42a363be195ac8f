"""In-document coreference for the references events need as sources: "the group", "the
militia" -> the armed group the paragraph (or else the article) is about; "he", "him", "his"
-> the one person named in the same or the previous sentence; "it", "its" and "they",
"their", "them" -> the nearest subject before them, in the same or the previous sentence,
that agrees in number ("Israel mounted its invasion", "Bosnian Serbs said their forces had
withdrawn"): the subject-first preference of the classic pronoun resolvers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

GROUP_NOUNS = frozenset({"group", "militia", "movement", "organization", "organisation", "faction"})
GROUP_KINDS = frozenset({"armed_group", "political_party", "organization", "criminal_group"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
SINGULAR_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})


@dataclass(slots=True)
class Ref:
    start: int
    end: int
    text: str
    actor_id: str
    kind: str
    sentence_start: int  # char offset of the sentence, to find the previous sentence
    label: str = "ORG"
    plural: bool | None = None  # set on subjects only: candidates for it/its, they/their


def subject_antecedent(subjects: list[Ref], tok, prev_start: int) -> Ref | None:
    """The nearest earlier subject of the same or the previous sentence that agrees in
    number with the pronoun (groups and organisations answer to both)."""
    plural = tok.lower_ in PLURAL_PRONOUNS
    for r in reversed(subjects):
        if r.end > tok.idx or r.start < prev_start:
            continue
        if r.plural == plural or r.kind in GROUP_KINDS:
            return r
        return None  # the nearest subject disagrees: leave the pronoun alone
    return None


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


def resolve(doc, refs: list[Ref], paragraphs: list[tuple[int, int]],
            subjects: list[Ref] = ()) -> list[Ref]:
    """Coreferent mentions, in text order; ``refs`` are the linked mentions (sorted),
    ``subjects`` the linked mentions that are subjects of their clause (not people)."""
    subjects = sorted(subjects, key=lambda r: r.start)
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
        elif (tok.lower_ in SINGULAR_PRONOUNS or tok.lower_ in PLURAL_PRONOUNS) \
                and tok.pos_ == "PRON" and tok.dep_ != "expl":
            ante = subject_antecedent(subjects, tok, window[tok.i][1])
            if ante is not None:
                found = Ref(tok.idx, tok.idx + len(tok.text), tok.text, ante.actor_id, ante.kind,
                            window[tok.i][0], ante.label)
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
