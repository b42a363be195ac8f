"""The actor knowledge base: project-written YAML entries, every country (pycountry) as a state
actor, and generic agents composed as country + sector the way CAMEO/PLOVER agent codes are.

``load_kb()`` builds it once per process; ``KB.lookup`` answers a name key with candidate ids.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from ...model import Actor
from .normalize import name_key

KINDS = frozenset({
    "state", "government", "military", "police", "armed_group", "political_party", "igo", "ngo",
    "company", "media", "person", "criminal_group", "agent", "organization", "civilians",
})
# Sector codes in the CAMEO/PLOVER style, and the kind a country + sector agent gets.
SECTOR_KIND = {
    "GOV": "government", "MIL": "military", "COP": "police", "SPY": "government",
    "JUD": "government", "LEG": "government", "REB": "armed_group", "OPP": "political_party",
    "PTY": "political_party", "CVL": "civilians", "MED": "media", "BUS": "company",
    "REF": "civilians", "LAB": "civilians", "EDU": "civilians", "REL": "civilians",
    "CRM": "criminal_group", "IGO": "igo", "NGO": "ngo", "HLH": "civilians",
    "UAF": "armed_group", "RAD": "civilians",
}
SECTOR_NAME = {
    "GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence services",
    "JUD": "judiciary", "LEG": "legislature", "REB": "rebels and militias", "OPP": "opposition",
    "PTY": "political parties", "CVL": "civilians", "MED": "media", "BUS": "business",
    "REF": "refugees", "LAB": "labour", "EDU": "education", "REL": "religious", "CRM": "criminals",
    "HLH": "health", "UAF": "unidentified armed group",
    "RAD": "radicals",
}
LEADER_ROLES = frozenset({"leader", "deputy", "founder", "spokesperson"})
KB_DIR = Path(str(resources.files("eventwire") / "data" / "kb"))


@dataclass(slots=True)
class Leadership:
    person_id: str
    org_id: str
    role: str  # leader | deputy | founder | spokesperson
    start: int | None = None
    end: int | None = None


@dataclass(eq=False)  # hashable by identity: per-KB indexes are cached on it
class KB:
    actors: dict[str, Actor] = field(default_factory=dict)
    # name key -> actor ids; demonym key -> ISO3 (kept apart: a demonym is not a name).
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    demonyms: dict[str, str] = field(default_factory=dict)
    leaderships: list[Leadership] = field(default_factory=list)

    def get(self, actor_id: str) -> Actor | None:
        """A KB actor, or the country + sector agent an id like ``IRQ-MIL`` names."""
        actor = self.actors.get(actor_id)
        if actor is None and "-" in actor_id:
            iso, _, sector = actor_id.partition("-")
            if iso in self.actors and sector in SECTOR_KIND:
                return self.agent(iso, sector)
        return actor

    def agent(self, iso3: str, sector: str) -> Actor:
        state = self.actors[iso3]
        return Actor(actor_id=f"{iso3}-{sector}", name=f"{state.name} {SECTOR_NAME.get(sector, sector)}",
                     kind=SECTOR_KIND.get(sector, "agent"), country=iso3, sector=sector, parent=iso3)

    def lookup(self, key: str) -> set[str]:
        return self.names.get(key, set())

    def leads(self, person_id: str, org_id: str, role: str = "leader") -> bool:
        return any(l.person_id == person_id and l.org_id == org_id and l.role == role
                   for l in self.leaderships)

    def add(self, actor: Actor) -> None:
        if actor.actor_id in self.actors:
            raise ValueError(f"duplicate actor id {actor.actor_id!r}")
        self.actors[actor.actor_id] = actor
        for name in (actor.name, *actor.aliases):
            key = name_key(name)
            if key:
                self.names[key].add(actor.actor_id)


def read_entries(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or []


def actor_from_entry(entry: dict) -> Actor:
    return Actor(actor_id=entry["id"], name=entry["name"], kind=entry["kind"],
                 country=entry.get("country"), sector=entry.get("sector"),
                 aliases=list(entry.get("aliases", [])), parent=entry.get("parent"),
                 qid=entry.get("qid"))


def country_rows(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso, aliases, demonyms = (line.split("\t") + ["", ""])[:3]
        rows[iso] = ([a for a in aliases.split("|") if a], [d for d in demonyms.split("|") if d])
    return rows


def add_states(kb: KB, rows: dict[str, tuple[list[str], list[str]]]) -> None:
    """Every pycountry country as a state actor; the hand table adds short names and demonyms."""
    import pycountry

    for c in pycountry.countries:
        aliases, demonyms = rows.get(c.alpha_3, ([], []))
        # "Iran, Islamic Republic of" reads badly as a name: prefer the common or hand-table name.
        name = getattr(c, "common_name", None) or (aliases[0] if "," in c.name and aliases else c.name)
        names = [n for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None),
                             *aliases) if n and n != name]
        kb.add(Actor(actor_id=c.alpha_3, name=name, kind="state", country=c.alpha_3,
                     aliases=list(dict.fromkeys(names))))
        for d in demonyms:
            kb.demonyms[name_key(d)] = c.alpha_3


def add_leaderships(kb: KB, entries: list[dict]) -> None:
    for e in entries:
        for l in e.get("leaders", []):
            kb.leaderships.append(Leadership(l["id"], e["id"], l.get("role", "leader"),
                                             l.get("from"), l.get("until")))


@functools.lru_cache(maxsize=2)
def load_kb(kb_dir: str | None = None) -> KB:
    """The KB from ``kb_dir`` (default: the shipped data/kb); built once per process."""
    base = Path(kb_dir) if kb_dir else KB_DIR
    kb = KB()
    add_states(kb, country_rows(base / "countries.tsv"))
    entries = []
    for name in ("organizations.yaml", "persons.yaml"):
        if (base / name).exists():
            entries.extend(read_entries(base / name))
    for e in entries:
        kb.add(actor_from_entry(e))
    add_leaderships(kb, entries)
    return kb
