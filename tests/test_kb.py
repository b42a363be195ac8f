"""Validation of the shipped actor KB: schema, unique ids, resolvable references, aliases."""

from __future__ import annotations

import re
from collections import Counter

import pycountry
import pytest

from eventwire.resolve.actors.kb import KB_DIR, KINDS, LEADER_ROLES, SECTOR_KIND, load_kb, read_entries
from eventwire.resolve.actors.normalize import name_key

ENTRY_FIELDS = {"id", "name", "kind", "country", "sector", "aliases", "parent", "leaders", "qid"}
ISO3 = {c.alpha_3 for c in pycountry.countries}
SECTORS = set(SECTOR_KIND) | {"IGO", "NGO"}


@pytest.fixture(scope="module")
def entries():
    return read_entries(KB_DIR / "organizations.yaml") + read_entries(KB_DIR / "persons.yaml")


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_entries_follow_the_schema(entries):
    for e in entries:
        assert set(e) <= ENTRY_FIELDS, e["id"]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e["id"]), e["id"]
        assert e["name"].strip() and e["kind"] in KINDS, e["id"]
        assert e.get("country") is None or e["country"] in ISO3, e["id"]
        assert e.get("sector") is None or e["sector"] in SECTORS, e["id"]
        assert e.get("qid") is None or re.fullmatch(r"Q[1-9]\d*", e["qid"]), e["id"]
        assert all(isinstance(a, str) and a.strip() for a in e.get("aliases", [])), e["id"]


def test_ids_are_unique_and_never_clash_with_states(entries):
    counts = Counter(e["id"] for e in entries)
    assert [i for i, n in counts.items() if n > 1] == []
    assert not {e["id"].upper() for e in entries} & ISO3


def test_parents_and_leaders_resolve(entries, kb):
    for e in entries:
        if "parent" in e:
            assert kb.get(e["parent"]) is not None, (e["id"], e["parent"])
        for lead in e.get("leaders", []):
            person = kb.get(lead["id"])
            assert person is not None and person.kind == "person", (e["id"], lead)
            assert lead.get("role", "leader") in LEADER_ROLES
            start, end = lead.get("from"), lead.get("until")
            assert start is None or end is None or start <= end, (e["id"], lead)


def test_no_alias_is_ambiguous(kb):
    # Every name key names one actor; an intended shared name would be listed here.
    intended: set[str] = set()
    ambiguous = {k: sorted(v) for k, v in kb.names.items() if len(v) > 1 and k not in intended}
    assert ambiguous == {}


def test_demonyms_do_not_collide_with_names(kb):
    # "Iraqi" must stay a demonym (NORP), never the name of an organisation.
    clashes = {d for d in kb.demonyms if any(kb.get(i).kind != "state" for i in kb.lookup(d))}
    assert clashes == set()


def test_every_country_is_a_state_actor_with_agents(kb):
    assert {a.actor_id for a in kb.actors.values() if a.kind == "state"} == ISO3
    police = kb.get("TUR-COP")
    assert (police.kind, police.country, police.sector, police.parent) == ("police", "TUR", "COP", "TUR")
    assert kb.get("IRQ-MIL").kind == "military" and kb.get("XXX-MIL") is None
    assert kb.lookup(name_key("Iran")) == {"IRN"} and kb.lookup("us") == {"USA"}
    assert kb.demonyms["iraqi"] == "IRQ" and kb.demonyms["turkish"] == "TUR"


def test_coverage_of_groups_and_igos(kb):
    kinds = Counter(a.kind for a in kb.actors.values())
    assert kinds["armed_group"] + kinds["political_party"] >= 300  # issue 4's bar
    assert kinds["igo"] >= 15 and kinds["person"] >= 60
    regions = {a.country for a in kb.actors.values() if a.kind == "armed_group"}
    assert {"IRQ", "SYR", "YEM", "SOM", "NGA", "AFG", "PAK", "COL", "COD", "PHL"} <= regions


def test_transliteration_variants_share_a_key():
    assert name_key("Hashd al-Sha’abi") == name_key("Hashd al-Shaabi") == name_key("hashd Sha'abi")
    assert name_key("Abdullah Öcalan") == name_key("Abdullah Ocalan")
