"""Roles the sentence leaves unnamed, read from where the event happened.

Event coders (CAMEO/PETRARCH dictionaries, PLOVER's gold records) code the unnamed party of a
material event by its place: a bombing in Tel Aviv that "killed 23 people" targets Israel; a
curfew imposed on a town targets the people of its country; a crowd that "demonstrated in
Kirkuk" protests against Iraq's authorities, and the crowd itself is Iraq's civilians.
eventwire fills such a role only where

* the event is material and happens somewhere (ASSAULT, COERCE, PROTEST: a verbal event's
  unnamed party is not where it was said), and
* the event has its own place with a country (named in its sentence or a re-mention of it;
  the article's main country, a fallback, is not enough), and
* the sentence names no actor for the role (an unlinked phrase such as "a jail" or "Tens of
  thousands" may stand there; a linked actor never is replaced),

and marks it: ``Event.source_basis`` / ``target_basis`` is ``"place"`` for a role inferred
here, ``"text"`` for one the sentence names.

Measured on PLOVER-GSR (dev, ``eventwire bench actors``): country accuracy over all gold
targets 0.264 -> 0.330, over all gold sources 0.617 -> 0.632; the seed page's events are
unchanged (every seed event names its target). A visit's unnamed host (CONSULT, mode visit,
placed by its own words: "arrived in Amman") is the place's country too. An attack with no
attacker named ("killed by a roadside bomb near Samarra") is by the place's unidentified
armed forces (``IRQ-UAF``): GSR dev source country accuracy 0.741 -> 0.751. An arrest or an
investigation with nobody named is by the place's authorities (``LBN-COP``, ``ITA-GOV``); a
protest naming no aim and no place is aimed at the protesters' own state (their country stands
for the place): GSR dev source 0.804 -> 0.810, target 0.677 -> 0.691 (with a roles change).
Emergency measures (a curfew, martial law, a state of emergency, a suspended constitution, and
their easing) naming no other party target the doer's own country: GSR dev target 0.851 ->
0.861; a strike or protest called off targets the strikers' state: 0.861 -> 0.865; whom a
state's police coerce or attack, named without a country, are of the police's: 0.865 -> 0.872.
"""

from __future__ import annotations

import re

from ..model import DocResult, Event

# Material events whose unnamed target is the place's country.
TARGET_BY_PLACE = frozenset({"ASSAULT", "COERCE", "PROTEST"})
# Events whose unnamed doers are the place's civilians (a crowd, "thousands", "a group").
SOURCE_BY_PLACE = frozenset({"PROTEST"})
CIVILIANS = "CVL"
# Attacks whose unnamed attacker is the place's unidentified armed forces (CAMEO "UAF").
UNATTRIBUTED_BY_PLACE = frozenset({"ASSAULT"})
UNIDENTIFIED = "UAF"
FALLBACK_PLACES = frozenset({None, "article_country"})
# Deeds only a state's authorities do where they happen, with the sector that does them.
AUTHORITY_BY_PLACE = {("COERCE", "arrest"): "COP", ("ACCUSE", "investigate"): "GOV"}


def fill_roles_from_place(result: DocResult, events: list[Event]) -> None:
    """Fill the unnamed target (and protest source) of material events from their place."""
    from ..resolve.actors.kb import load_kb

    kb = None
    attackers = _named_attackers(result, events)
    for e in events:
        if e.source_actor_id is None and e.event_type in HELD_HARM:
            keeper = _custodian(result, e)
            if keeper is not None:
                e.source_actor_id, e.source_text = keeper.actor_id, keeper.text
        e.source_basis = "text" if e.source_actor_id else None
        # a target the role coder read from a place the trigger names stays "place"
        e.target_basis = ("place" if e.target_basis == "place" else "text") \
            if e.target_actor_id else None
        _emergency_at_home(result, e)
        _police_at_home(result, e)
        country = _place_country(result, e)
        if country is None:
            _protest_at_home(result, e)
            continue
        if e.target_actor_id is None and _host_of_visit(result, e, country):
            kb = kb or load_kb()
            if _use(result, kb, country):
                e.target_actor_id, e.target_basis = country, "place"
        elif e.target_actor_id is None and e.event_type in TARGET_BY_PLACE \
                and not _own_forces_at_home(result, e, country):
            kb = kb or load_kb()
            if _use(result, kb, country):
                e.target_actor_id, e.target_basis = country, "place"
        if e.source_actor_id is None and e.source_text and e.event_type in SOURCE_BY_PLACE:
            kb = kb or load_kb()
            agent = f"{country}-{CIVILIANS}"
            if _use(result, kb, agent):
                e.source_actor_id, e.source_basis = agent, "place"
        elif e.source_actor_id is None and (e.event_type, e.mode) in AUTHORITY_BY_PLACE:
            # "was arrested in Lebanon", "was put under investigation in Italy": only the
            # state where it happens arrests or investigates; CAMEO/PLOVER code it so
            kb = kb or load_kb()
            agent = f"{country}-{AUTHORITY_BY_PLACE[e.event_type, e.mode]}"
            if _use(result, kb, agent):
                e.source_actor_id, e.source_basis = agent, "place"
        elif e.source_actor_id is None and e.event_type in UNATTRIBUTED_BY_PLACE \
                and not _suspect_named(attackers, country):
            # "killed by a roadside bomb near Samarra": nobody named; CAMEO/PLOVER code the
            # unknown attacker by where it struck, as that country's unidentified armed forces
            kb = kb or load_kb()
            agent = f"{country}-{UNIDENTIFIED}"
            if _use(result, kb, agent):
                e.source_actor_id, e.source_basis = agent, "place"


STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})

# Harm done to someone held: who holds them did it ("died of torture while in Israeli police
# custody"); CAMEO/PLOVER code the custodian as the source.
HELD_HARM = frozenset({"ASSAULT", "COERCE"})
CUSTODY = re.compile(r"\bcustody\b", re.I)
OF_THE = re.compile(r"\s+of\s+(?:the\s+)?$", re.I)


def _custodian(result: DocResult, e: Event):
    """The linked actor whose custody the event's sentence names: "in X custody", "in the
    custody of X"."""
    text = result.article.text
    for hit in CUSTODY.finditer(e.evidence):
        at = e.evidence_start + hit.start()
        # the longest mention first: "the Syrian army", not its "Syrian"
        for m in sorted(result.mentions, key=lambda m: m.start - m.end):
            if not m.actor_id or not (e.evidence_start <= m.start < e.evidence_end):
                continue
            before = text[m.end:at]
            after = text[at + len("custody"):m.start]
            if before in (" ", "'s ", "’s ") or m.start > at and OF_THE.fullmatch(after):
                return m
    return None


def _named_attackers(result: DocResult, events: list[Event]) -> list:
    """The attackers the article itself names (linked actors of its attacks)."""
    named = (result.actors.get(e.source_actor_id) for e in events
             if e.event_type in UNATTRIBUTED_BY_PLACE and e.source_actor_id)
    return [a for a in named if a is not None]


def _suspect_named(attackers: list, country: str) -> bool:
    """Whether the article names an attacker that may have done an unattributed attack in
    ``country``: a foreign one ("Russian forces launched drones at Kharkiv ... debris fell on
    Chuhuiv") or an armed group ("al-Shabaab stormed the base ... the militants struck it").
    Then the unnamed attacker is left unnamed rather than coded as the place's own
    unidentified forces; the place's own state forces do not count (a roadside bomb in a
    story of army shelling is still unattributed)."""
    for actor in attackers:
        own_state = (actor.country == country or actor.actor_id == country) \
            and (actor.kind == "state" or actor.sector in STATE_SECTORS)
        if not own_state:
            return True
    return False


# Protests with no aim named are aimed at the authorities at home (see _protest_at_home).
PROTEST = "PROTEST"
CONCEDE = "CONCEDE"
DISSENT = re.compile(r"\b(?:strike|protest|boycott|demonstration|sit-in|rally|march)", re.I)


def _protest_at_home(result: DocResult, e: Event) -> None:
    """"Egyptian demonstrators rioted", "opposition parties called a general strike": a
    protest that names no aim and no place is aimed at the protesters' own state, the way
    CAMEO/PLOVER code a domestic protest against its government (the GSR gold does). Only a
    country's own people count (civilians, opposition, unions...); never its state agents or
    a foreign or transnational group. The role is marked "place": the protesters' country
    stands for where it happened. A protest called off ("the union called off its strike":
    CONCEDE) was aimed at the same state. Measured on PLOVER-GSR dev: see the module
    docstring."""
    called_off = e.event_type == CONCEDE and DISSENT.search(e.trigger)
    if not (e.event_type == PROTEST or called_off) or e.target_actor_id is not None \
            or e.source_actor_id is None:
        return
    source = result.actors.get(e.source_actor_id)
    if source is None or not source.country or source.kind == "state" \
            or source.sector in STATE_SECTORS or source.actor_id == source.country:
        return
    from ..resolve.actors.kb import load_kb

    if _use(result, load_kb(), source.country):
        e.target_actor_id, e.target_basis = source.country, "place"


# Emergency measures (CAMEO 0813-0814, 1724 and kin): a curfew, martial law, a state of
# emergency, a suspended constitution, and their easing.
EMERGENCY = re.compile(r"\b(?:curfew|martial law|emergency|constitution)\b", re.I)


def _emergency_at_home(result: DocResult, e: Event) -> None:
    """"The government imposed martial law", "President X shortened the curfew": emergency
    measures are imposed on (or eased for) the state's own people; where the sentence names
    no other party, the target is the doer's country (CAMEO/PLOVER code it so; GSR dev does).
    Only a doer with a country that can impose them: a state, its agents or a person (an
    official); never a group or an international body. Marked "place", as an inferred role."""
    if e.target_actor_id is not None or e.source_actor_id is None or not EMERGENCY.search(e.trigger):
        return
    source = result.actors.get(e.source_actor_id)
    if source is None or not source.country:
        return
    if not (source.kind in ("state", "person") or source.sector in STATE_SECTORS | {"LEG"}):
        return
    from ..resolve.actors.kb import load_kb

    if _use(result, load_kb(), source.country):
        e.target_actor_id, e.target_basis = source.country, "place"


# Police act only at home: whom they arrest, disperse or shoot is of their own country.
POLICE = "COP"
POLICE_DEEDS = frozenset({"COERCE", "ASSAULT"})


def _police_at_home(result: DocResult, e: Event) -> None:
    """"Egyptian police opened fire to disperse Moslem demonstrators, killing one person":
    a state's police act in their own country, so the people they coerce or attack, named
    by the sentence without a country of their own, are that country's. The role is marked
    "place" (the police's country stands for where it happened)."""
    if e.event_type not in POLICE_DEEDS or e.target_actor_id is not None or not e.target_text \
            or e.source_actor_id is None:
        return
    source = result.actors.get(e.source_actor_id)
    if source is None or source.sector != POLICE or not source.country:
        return
    from ..resolve.actors.kb import load_kb

    if _use(result, load_kb(), source.country):
        e.target_actor_id, e.target_basis = source.country, "place"


# A visit ("arrived in Amman", "a trip to Kabul") is a meeting with the host: CAMEO/PLOVER code
# the visited country as the target.
VISIT = ("CONSULT", "visit")


def _host_of_visit(result: DocResult, e: Event, country: str) -> bool:
    """The visited country hosts a visit its own people do not make at home."""
    if (e.event_type, e.mode) != VISIT or e.place_source != "text":
        return False
    source = result.actors.get(e.source_actor_id) if e.source_actor_id else None
    return source is None or (source.country or source.actor_id) != country


def _own_forces_at_home(result: DocResult, e: Event, country: str) -> bool:
    """The state, or its forces, acting in its own country: whom they strike at home is not
    "the country" (an army shelling positions near Mosul targets someone the text leaves
    unnamed, not Iraq); arrests and curfews at home do target its people."""
    source = result.actors.get(e.source_actor_id) if e.source_actor_id else None
    if source is None or source.country != country and source.actor_id != country:
        return False
    return source.actor_id == country or (e.event_type == "ASSAULT" and source.sector in STATE_SECTORS)


def _place_country(result: DocResult, e: Event) -> str | None:
    if e.place_source in FALLBACK_PLACES:
        return None
    place = result.places.get(e.place_id) if e.place_id else None
    return place.country if place is not None and place.country else None


def _use(result: DocResult, kb, actor_id: str) -> bool:
    """Make the actor known to the document (the store writes every referenced actor)."""
    if actor_id in result.actors:
        return True
    actor = kb.get(actor_id)
    if actor is None:
        return False
    result.actors[actor_id] = actor
    return True
