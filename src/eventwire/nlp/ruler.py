"""An entity ruler ahead of the statistical NER: KB names with their actor ids, plus patterns for
armed-group names the KB lacks, so groups are tagged ORG and never PERSON or GPE.

The statistical NER respects entities already set, so these spans survive it.
"""

from __future__ import annotations

import re

# Arabic (and Urdu/Pashto) words that open the names of armed groups and movements:
# brigades, leagues, movement, brigade, companies, army, supporters, party, front, liberation...
GROUP_NAME_STARTS = (
    "kataib", "kata'ib", "kata’ib", "kataeb", "katibat", "asaib", "asa'ib", "asa’ib", "harakat",
    "harakah", "liwa", "liwaa", "saraya", "jaish", "jaysh", "ansar", "hizb", "jabhat", "tahrir",
    "hayat", "hay'at", "hay’at", "jamaat", "jama'at", "jama’at", "tehrik", "tehreek", "lashkar",
    "firqat", "quwat", "majlis", "tanzim", "sipah",
)
# Head nouns that end a group name: "Sinjar Resistance Units", "Nineveh Plain Protection Units".
GROUP_NAME_HEADS = (
    "militia", "militias", "brigades", "brigade", "battalion", "battalions", "movement",
    "front", "army", "guard", "guards", "units", "forces", "organization", "organisation",
    "group", "network", "council", "league",
)
# Connecting particles inside transliterated names ("Asaib Ahl al-Haq", "Jama'at Nusrat al-Islam wal-Muslimin").
NAME_PARTICLE = r"^(al|el|ul|e|wal|wa|ad|ash|as|ar|at|az|an|bin|bint|ibn|-|[A-Z][\w'’]*)$"


def kb_label(kind: str) -> str:
    if kind == "person":
        return "PERSON"
    if kind == "state":
        return "GPE"
    return "ORG"


def surface_variants(alias: str) -> set[str]:
    """Spellings of one alias as it appears in print: straight or curly apostrophes, the article
    particle hyphenated or spaced."""
    forms = {alias}
    if "'" in alias:
        forms.add(alias.replace("'", "’"))
    for f in list(forms):
        forms.add(re.sub(r"\b([Aa]l|[Ee]l)-", r"\1 ", f))
    return forms


def kb_patterns(kb, demonyms: set[str]) -> list[dict]:
    """Phrase patterns (matched on LOWER) for multi-word names; exact-case token patterns for
    one-word names and acronyms, where lower-casing would match ordinary words ("badr", "amal")."""
    patterns = []
    for actor in kb.actors.values():
        if actor.kind == "state":
            continue  # countries are left to the NER (GPE) and to the places stage
        label = kb_label(actor.kind)
        for name in {actor.name, *actor.aliases}:
            for form in surface_variants(name):
                if " " in form or "-" in form.strip("-"):
                    patterns.append({"label": label, "pattern": form, "id": actor.actor_id})
                elif actor.kind != "person" and form.lower() not in demonyms:
                    # one-word person names ("Assad", "Kaabi") are left to the linker: as a
                    # pattern they would split names like "Ayn al-Assad".
                    patterns.append({"label": label, "pattern": [{"ORTH": form}], "id": actor.actor_id})
    return patterns


def generic_group_patterns(demonyms: set[str]) -> list[dict]:
    """Token patterns for group names absent from the KB."""
    title = {"IS_TITLE": True, "POS": "PROPN", "LOWER": {"NOT_IN": sorted(demonyms)}}
    return [
        {"label": "ORG", "pattern": [{"LOWER": {"IN": list(GROUP_NAME_STARTS)}, "IS_TITLE": True},
                                     {"TEXT": {"REGEX": NAME_PARTICLE}, "OP": "*"},
                                     {"IS_TITLE": True}]},
        {"label": "ORG", "pattern": [title, {"TEXT": {"REGEX": NAME_PARTICLE}, "OP": "*"},
                                     {"LOWER": {"IN": list(GROUP_NAME_HEADS)}, "IS_TITLE": True}]},
        {"label": "ORG", "pattern": [title, {"TEXT": {"REGEX": NAME_PARTICLE}, "OP": "*"},
                                     {"LOWER": {"IN": ["militia", "militias", "brigades", "movement"]}}]},
    ]


def add_entity_ruler(nlp) -> None:
    """Add the actor entity ruler before "ner" (once per loaded pipeline)."""
    if "actor_kb_ruler" in nlp.pipe_names:
        return
    from ..resolve.actors.kb import load_kb

    kb = load_kb()
    demonyms = {d for d in kb.demonyms} | {d.replace(" ", "") for d in kb.demonyms}
    before = "ner" if "ner" in nlp.pipe_names else None
    # One ruler, so overlapping matches resolve to the longest: "Harakat Hezbollah" (a group
    # name pattern) wins over the KB's "Hezbollah" inside it; the linker then links it.
    ruler = nlp.add_pipe("entity_ruler", name="actor_kb_ruler", before=before,
                         config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(kb_patterns(kb, demonyms) + generic_group_patterns(demonyms))
