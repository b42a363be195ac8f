"""Event coding: ontology mappings, lexicon hygiene, triggers, roles, modality, when/where.

Every sentence here is written for these tests. Each test parses with the shared spaCy pipeline
(``NlpStage``), then replaces the mentions with ones it states itself, so the result does not
depend on the actor and place resolvers landing alongside.
"""

from __future__ import annotations

import collections
import time
from datetime import date, datetime

import pytest
import yaml

from eventwire.events import EventsStage, code_events, realised
from eventwire.events import lexicon as lexmod
from eventwire.events import ontology
from eventwire.model import (Actor, Article, DocResult, Document, Mention, Place, TimeMention, TimeSpan,
                             content_hash)
from eventwire.nlp import NlpStage

from .conftest import GOLD, SEED

PUB = datetime(2021, 6, 15, 9, 0)


def parse(*paragraphs: str, published: datetime | None = PUB) -> DocResult:
    text = "\n\n".join(paragraphs)
    doc = Document("doc-test", "test", text, "text", content_hash(text))
    art = Article("doc-test", paragraphs=list(paragraphs), published=published, language="en")
    art.build_text()
    result = DocResult(doc, article=art)
    NlpStage()([result])
    result.mentions = []  # the test states its own mentions
    return result


def mention(result: DocResult, surface: str, actor_id: str | None = None, label: str = "ORG",
            place_id: str | None = None, nth: int = 0) -> Mention:
    text = result.article.text
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    m = Mention(start, start + len(surface), surface, label,
                result.sentence_of(start).index, actor_id=actor_id, place_id=place_id)
    result.mentions.append(m)
    return m


def place(result: DocResult, surface: str, pid: str, precision: str = "city",
          country: str = "IRQ") -> None:
    result.places[pid] = Place(pid, surface, precision, 0.0, 0.0, country=country,
                               precision=precision)
    mention(result, surface, label="GPE" if precision != "site" else "FAC", place_id=pid)


def when(result: DocResult, surface: str, start: date, end: date, precision: str = "day") -> None:
    s = result.article.text.index(surface)
    result.times.append(TimeMention(s, s + len(surface), surface, result.sentence_of(s).index,
                                    "DATE", TimeSpan(start, end, precision)))


def run(result: DocResult) -> list:
    EventsStage()([result])
    assert not result.skips, result.skips
    return result.events


def only(events, event_type):
    found = [e for e in events if e.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.trigger, e.source_text, e.target_text) for e in events]
    return found[0]


# --- ontology and lexicon -------------------------------------------------------------------

def test_ontology_has_16_types_and_plv_15_codes():
    assert set(ontology.load_ontology()["types"]) == set(ontology.EVENT_TYPES)
    plv = {ontology.plv_code(t) for t in ontology.EVENT_TYPES}
    assert len(plv) == 15 and "YIELD" in plv
    assert ontology.plv_code("CONCEDE") == ontology.plv_code("RETREAT") == "YIELD"
    assert ontology.cameo_root("THREATEN") == "13"
    assert ontology.cameo_root("ASSAULT", "aerial") == "19"
    assert ontology.plover_mode("ASSAULT", "aerial") == "heavy-weapons"
    assert ontology.plover_mode("ASSAULT", "general") is None


def test_every_violent_mode_maps_to_an_acled_sub_event():
    for t in ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE"):
        for mode in ontology.modes(t):
            assert ontology.acled_type(t, mode), (t, mode)
    assert ontology.acled_type("ASSAULT", "aerial") == ("Explosions/Remote violence",
                                                         "Air/drone strike")
    assert ontology.acled_type("COERCE", "arrest") == ("Strategic developments", "Arrests")
    assert ontology.acled_type("CONSULT", None) is None


def test_signed_agreements_stay_acled_agreements_under_support():
    # PLOVER 2021 maps CAMEO 057 "sign formal agreement" to SUPPORT; the sign refinement keeps
    # ACLED's Agreement for it, and undoes to PLOVER's plain SUPPORT
    assert ontology.acled_type("SUPPORT", "sign") == ("Strategic developments", "Agreement")
    assert ontology.plover_mode("SUPPORT", "sign") is None
    assert ontology.acled_type("SUPPORT", "apologize") is None


def test_lexicon_covers_all_types_and_no_phrase_has_two_meanings():
    lex = lexmod.load_lexicon()
    data = yaml.safe_load(
        __import__("importlib.resources").resources.files("eventwire.data")
        .joinpath("events/verbs.yaml").read_text("utf-8"))
    modes = {t: set(ontology.modes(t)) for t in ontology.EVENT_TYPES}
    coder_lex = lexmod.load_coder_lexicon()
    for section in ("verbs", "nouns"):
        assert set(data[section]) == set(ontology.EVENT_TYPES)
        seen = collections.Counter()
        for t, by_mode in data[section].items():
            for mode, phrases in by_mode.items():
                assert mode in modes[t], (section, t, mode)  # modes come from the ontology
                for p in phrases:
                    assert isinstance(p, str), (section, t, mode, p)  # YAML 1.1: on/no -> bool
                    seen[p] += 1
        assert [p for p, n in seen.items() if n > 1] == []
        coder_seen = collections.Counter()
        for t, by_mode in (data["coder"].get(section) or {}).items():  # the coder's own
            for mode, phrases in by_mode.items():
                assert mode in modes[t], ("coder", section, t, mode)
                coder_seen.update(phrases)
        assert [p for p, n in coder_seen.items() if n > 1] == []
        # a coder phrase recodes the same base phrase: the coder lexicon has it once
        index = coder_lex.verbs if section == "verbs" else coder_lex.nouns
        phrases = collections.Counter(e.phrase for entries in index.values() for e in entries)
        assert [p for p, n in phrases.items() if n > 1] == []
    n_verbs = sum(len(e) for e in lex.verbs.values())
    assert n_verbs >= 500 and sum(len(e) for e in lex.nouns.values()) >= 200
    assert all(isinstance(p, str) for ps in lex.target_preps.values() for p in ps)


# --- types, roles -----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, event_type, mode, source, target", [
    ("The militia attacked the convoy near the river.", "ASSAULT", None, "The militia", "the convoy"),
    ("Army jets bombed the rebel positions.", "ASSAULT", "aerial", "Army jets", "the rebel positions"),
    ("The general warned the neighbouring government.", "THREATEN", None, "The general",
     "the neighbouring government"),
    ("The ministry imposed sanctions on the shipping firm.", "SANCTION", None, "The ministry",
     "the shipping firm"),
    ("Thousands of farmers marched against the new tax.", "PROTEST", None, "Thousands", "the new tax"),
    ("Police arrested the opposition leader.", "COERCE", "arrest", "Police", "the opposition leader"),
    ("The two parties signed a peace agreement.", "SUPPORT", "sign", "The two parties", None),
    ("The senator accused the governor of corruption.", "ACCUSE", "allege", "The senator",
     "the governor"),
    ("The mayor called on the residents to stay calm.", "REQUEST", None, "The mayor", "the residents"),
    ("The agency delivered food aid to the villagers.", "AID", None, "The agency", "the villagers"),
    ("The cabinet rejected the union's proposal.", "REJECT", None, "The cabinet",
     "the union's proposal"),
    ("The army deployed troops to the border region.", "MOBILIZE", "troops", "The army", None),
    ("The foreign minister met his counterpart in the capital.", "CONSULT", None,
     "The foreign minister", "his counterpart"),
    ("The rebels withdrew from the northern town.", "RETREAT", "withdraw", "The rebels", None),
])
def test_type_mode_and_roles(sentence, event_type, mode, source, target):
    e = only(run(parse(sentence)), event_type)
    assert e.mode == mode
    assert e.source_text == source
    if target:
        assert e.target_text == target
    assert e.modality == "asserted"


def test_roles_link_to_mentions_with_actor_ids():
    r = parse("The Ministry of Defence of Ruritania shelled the camp of the Northern Front.")
    mention(r, "Ministry of Defence of Ruritania", "rur-mod")
    mention(r, "Northern Front", "northern-front")
    e = only(run(r), "ASSAULT")
    assert (e.source_actor_id, e.target_actor_id) == ("rur-mod", "northern-front")
    assert e.mode == "heavy-weapons"
    assert e.confidence == pytest.approx(0.85)  # verb 0.40 + linked source 0.25 + target 0.20


def test_passive_subject_is_the_target_and_by_agent_the_source():
    r = parse("The Northern Front was sanctioned by the Treasury in March.")
    mention(r, "Northern Front", "northern-front")
    mention(r, "Treasury", "treasury")
    e = only(run(r), "SANCTION")
    assert e.target_actor_id == "northern-front" and e.source_actor_id == "treasury"


def test_passive_without_agent_has_no_source():
    r = parse("Its commander Ali Farouk was also sanctioned in December.")
    mention(r, "Ali Farouk", "farouk", "PERSON")
    e = only(run(r), "SANCTION")
    assert e.source_text is None and e.target_actor_id == "farouk"  # through the apposition


def test_conjoined_targets_fan_out():
    r = parse("The air force killed the commander Omar Haddad and his deputy Sami Nour on Friday.")
    mention(r, "air force", "af")
    mention(r, "Omar Haddad", "haddad", "PERSON")
    mention(r, "Sami Nour", "nour", "PERSON")
    events = [e for e in run(r) if e.event_type == "ASSAULT"]
    assert sorted(e.target_actor_id for e in events) == ["haddad", "nour"]
    assert {e.source_actor_id for e in events} == {"af"}
    assert len({e.event_id for e in events}) == 2


def test_coordinated_demonyms_fan_out_as_sources():
    r = parse("Hungarian and Romanian officials signed an agreement with Ukraine.")
    mention(r, "Hungarian", "HUN-GOV", "NORP")
    mention(r, "Romanian", "ROU-GOV", "NORP")
    mention(r, "Ukraine", "UKR", "GPE")
    events = [e for e in run(r) if e.event_type == "SUPPORT"]  # CAMEO 057: signing
    assert sorted(e.source_actor_id for e in events) == ["HUN-GOV", "ROU-GOV"]
    assert {e.target_actor_id for e in events} == {"UKR"}


def test_weapon_subject_of_passive_is_not_a_target():
    e = only(run(parse("A mortar was fired at the police station.")), "ASSAULT")
    assert e.source_text is None and e.target_text == "the police station"


def test_xcomp_object_is_the_target_of_a_threat():
    r = parse("In May the commander threatened to target the embassy.")
    events = run(r)
    threat = only(events, "THREATEN")
    assert threat.target_text == "the embassy" and threat.modality == "asserted"
    attack = only(events, "ASSAULT")
    assert attack.modality == "intended" and attack.source_text == "the commander"


def test_event_noun_with_roles():
    r = parse("A Ruritanian airstrike on the Northern Front killed four fighters.")
    mention(r, "Ruritanian", "RUR", "NORP")
    mention(r, "Northern Front", "northern-front")
    noun = [e for e in run(r) if e.trigger == "airstrike"]
    assert len(noun) == 1
    assert noun[0].event_type == "ASSAULT" and noun[0].mode == "aerial"
    assert (noun[0].source_actor_id, noun[0].target_actor_id) == ("RUR", "northern-front")


def test_phrase_noun_is_not_coded_twice():
    events = run(parse("The council imposed new sanctions against the exporters."))
    assert [e.event_type for e in events] == ["SANCTION"]


# --- modality ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, trigger_lemma, expected", [
    ("The army did not attack the village.", "attack", "negated"),
    ("The ministry denied attacking the village.", "attacking", "negated"),
    ("The alliance may strike at the rebels.", "strike", "hypothetical"),
    ("The alliance could bomb the depot if talks fail.", "bomb", "hypothetical"),
    ("The rebels vowed to attack the garrison.", "attack", "intended"),
    ("The rebels will attack the garrison.", "attack", "intended"),
    ("The party plans to protest against the decision.", "protest", "intended"),
    ("The group claimed that it attacked the convoy.", "attacked", "claimed"),
    ("The general said the countdown to attacks on the garrison had begun.", "attacks", "intended"),
    ("He was involved in attacks on the garrison before 2011.", "attacks", "historical"),
    ("The rebels attacked the garrison.", "attacked", "asserted"),
])
def test_modality(sentence, trigger_lemma, expected):
    events = [e for e in run(parse(sentence)) if e.trigger.split()[0] == trigger_lemma]
    assert events, run(parse(sentence))
    assert {e.modality for e in events} == {expected}


def test_hypothetical_strike_is_not_realised():
    events = run(parse("They say the alliance may strike at the United States."))
    assert events and realised(events) == []


def test_old_dated_event_is_historical():
    r = parse("The rebels attacked the garrison in 2009.")
    when(r, "2009", date(2009, 1, 1), date(2009, 12, 31), "year")
    assert only(run(r), "ASSAULT").modality == "historical"


# --- when and where --------------------------------------------------------------------------

def test_own_date_and_place_attach_to_the_trigger():
    r = parse("Talks resumed on Monday. Iran launched missiles at Camp Delta on January 8, "
              "officials in Baghdad said.")
    when(r, "Monday", date(2021, 6, 14), date(2021, 6, 14))
    when(r, "January 8", date(2021, 1, 8), date(2021, 1, 8))
    mention(r, "Iran", "IRN", "GPE")
    place(r, "Camp Delta", "camp-delta", "site")
    place(r, "Baghdad", "baghdad", "city")
    e = only(run(r), "ASSAULT")
    assert e.time.start == date(2021, 1, 8) and e.time_source == "text"
    assert e.place_id == "camp-delta" and e.place_source == "text"
    assert e.source_actor_id == "IRN" and e.mode == "heavy-weapons"


def test_place_from_the_sentence_and_fallbacks():
    r = parse("In Kirkuk the situation was tense. Police arrested two journalists.",
              "Residents of Kirkuk said the police raided homes overnight in Kirkuk.")
    place(r, "Kirkuk", "kirkuk", "city", "IRQ")
    r.places["iraq"] = Place("iraq", "Iraq", "country", 33.0, 44.0, "IRQ", precision="country")
    events = run(r)
    arrest = only(events, "COERCE")
    assert arrest.place_id == "iraq" and arrest.place_source == "article_country"
    assert arrest.time.start == PUB.date() and arrest.time_source == "publication"
    assert arrest.time.precision == "day"


def test_sentence_place_when_not_attached():
    r = parse("Police arrested two journalists, officials in Mosul said.")
    place(r, "Mosul", "mosul")
    e = only(run(r), "COERCE")
    assert e.place_id == "mosul" and e.place_source in ("text", "sentence")


def test_ids_are_deterministic_and_evidence_is_the_sentence():
    text = "Quiet morning here. The rebels attacked the garrison."
    a, b = run(parse(text)), run(parse(text))
    assert [e.event_id for e in a] == [e.event_id for e in b]
    e = only(a, "ASSAULT")
    assert e.evidence == "The rebels attacked the garrison."
    assert text[e.evidence_start:e.evidence_end] == e.evidence


def test_missing_parse_is_a_skip_with_reason():
    text = "The rebels attacked the garrison."
    art = Article("x", paragraphs=[text], language="en")
    art.build_text()
    r = DocResult(Document("x", "t", text, "text", content_hash(text)), article=art)
    EventsStage()([r])
    assert r.skipped("events") and "nlp" in r.skips[0].reason


def test_speed_sentences_per_second():
    sentences = ["The rebels attacked the garrison near the river on Monday.",
                 "Police arrested two protesters and detained a journalist.",
                 "The ministry imposed sanctions on the shipping firm.",
                 "The general warned that the army may strike at the border posts.",
                 "Officials met their counterparts and signed an agreement."] * 60
    r = parse(" ".join(sentences))
    t0 = time.perf_counter()
    code_events(r)
    rate = len(list(r.spacy_doc.sents)) / (time.perf_counter() - t0)
    print(f"\nevent stage: {rate:.0f} sentences/s")
    assert rate >= 300


# --- the seed page -----------------------------------------------------------------------------

def _km(lat1, lon1, lat2, lon2) -> float:
    import math
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(a))


def _seed_result():
    lines = SEED.read_text(encoding="utf-8").split("\n")
    body = [lines[i - 1].strip() for i in (14, 16, 18, 21, 23, 25)]
    caption = lines[11].strip()  # line 12: the caption without its photo credit
    doc = Document("seed", str(SEED), "", "text-dump", "seed", header_date=date(2020, 2, 16))
    art = Article("seed", paragraphs=body, captions=[caption],
                  published=datetime(2020, 2, 16, 0, 30), language="en")
    art.build_text()
    return DocResult(doc, article=art)


@pytest.mark.skipif(SEED is None or not SEED.exists(), reason="../shared/seeds not available")
def test_seed_page_events():
    from eventwire.pipeline import Pipeline

    result = _seed_result()
    pipe = Pipeline(["nlp", "actors", "places", "times", "events"])
    for stage in pipe.stages:
        stage([result])
    events = result.events
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    actors = gold["actors"]

    def names(key):
        if key is None:
            return None
        a = actors[key]
        return {a["name"].lower(), *(m.lower() for m in a.get("mentions", []))}

    def role_ok(key, actor_id, text):
        if key is None:
            return True
        n = names(key)
        cand = {x.lower() for x in (actor_id, text) if x}
        if actor_id and actor_id in result.actors:
            cand |= {result.actors[actor_id].name.lower(),
                     *(x.lower() for x in result.actors[actor_id].aliases)}
        return bool(cand & n) or any(c in x or x in c for c in cand for x in n if len(x) > 3)

    def date_ok(g, e):
        lo, hi = (date.fromisoformat(str(d)) for d in g["date"])
        return bool(e.time and e.time.start and e.time.end
                    and e.time.start <= hi and e.time.end >= lo)

    def place_ok(g, e):
        if not g.get("place"):
            return True
        gp, p = gold["places"][g["place"]], result.places.get(e.place_id)
        if p is None or p.lat is None:
            return False
        return _km(gp["lat"], gp["lon"], p.lat, p.lon) <= gp["tolerance_km"]

    counts = collections.Counter()
    for g in gold["events"]:
        same = [e for e in realised(events) if e.event_type == g["type"]]
        roles = [e for e in same if role_ok(g["source"], e.source_actor_id, e.source_text)
                 and role_ok(g["target"], e.target_actor_id, e.target_text)]
        dated = [e for e in roles if date_ok(g, e)]
        placed = [e for e in dated if place_ok(g, e)]
        for name, hit in (("type", same), ("roles", roles), ("date", dated), ("place", placed)):
            counts[name] += bool(hit)
            counts[name + "_core"] += bool(hit) and bool(g.get("core"))
        print(f"{g['id']:>4} {g['type']:9} core={bool(g.get('core')):d} type={bool(same):d} "
              f"+roles={bool(roles):d} +date={bool(dated):d} +place={bool(placed):d}")
    n, n_core = len(gold["events"]), sum(bool(g.get("core")) for g in gold["events"])
    print(f"seed: {len(realised(events))} realised of {len(events)} coded events; recall over "
          f"{n} gold ({n_core} core): " + ", ".join(
              f"{k} {counts[k]}/{n} (core {counts[k + '_core']}/{n_core})"
              for k in ("type", "roles", "date", "place")))

    # what this stage guarantees on its own
    kinds = {(e.event_type, e.trigger.split()[0]) for e in events}
    assert ("THREATEN", "threatened") in kinds
    assert ("SANCTION", "sanctioned") in kinds and ("SANCTION", "designated") in kinds
    assert ("ASSAULT", "killed") in kinds and ("ASSAULT", "launched") in kinds
    assert ("ASSAULT", "fired") in kinds
    kill = [e for e in events if e.trigger == "killed" and e.evidence.startswith("The US killed")]
    assert len(kill) == 2  # two targets
    may = [e for e in events if "may strike" in e.evidence and e.trigger.startswith("strike")]
    assert may and all(e.modality == "hypothetical" for e in may)
    before = [e for e in events if "before 2011" in e.evidence and e.event_type == "ASSAULT"]
    assert all(e.modality not in ("asserted", "claimed") for e in before)
    assert not any("Frantzman" in (e.source_text or "") for e in events)


def test_also_sanctioned_takes_the_previous_source_and_places_are_shared():
    r = parse("The Treasury sanctioned the Northern Front in March. Its leader Ali Farouk was "
              "also sanctioned in May. The Treasury killed Ali Farouk and Omar Haddad on Monday. "
              "Crowds mourned at the bridge in Mosul where Omar Haddad was killed.")
    mention(r, "Treasury", "treasury")
    mention(r, "Treasury", "treasury", nth=1)
    mention(r, "Northern Front", "northern-front")
    mention(r, "Ali Farouk", "farouk", "PERSON")
    mention(r, "Ali Farouk", "farouk", "PERSON", nth=1)
    mention(r, "Omar Haddad", "haddad", "PERSON")
    mention(r, "Omar Haddad", "haddad", "PERSON", nth=1)
    place(r, "Mosul", "mosul")
    events = run(r)
    also = [e for e in events if e.event_type == "SANCTION" and e.target_actor_id == "farouk"]
    assert len(also) == 1 and also[0].source_actor_id == "treasury"
    kills = [e for e in events if e.trigger == "killed" and e.source_actor_id == "treasury"]
    assert len(kills) == 2
    assert {e.place_id for e in kills} == {"mosul"}
    assert {e.place_source for e in kills} == {"coreferent"}


# --- document-level mechanisms ---------------------------------------------------------------

def test_attack_on_a_site_targets_its_stated_occupant():
    r = parse("The rebels threatened Ruritanian troops at Camp Delta and other bases. "
              "Militants fired rockets at Camp Delta on Monday. "
              "A mortar was fired at the northern base on Tuesday. "
              "Gunmen fired at Fort Omega.")
    mention(r, "Ruritanian troops", "RUR-MIL", "AGENT")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    r.actors["RUR-MIL"] = Actor("RUR-MIL", "Ruritania military", "military", "RUR", sector="MIL",
                                parent="RUR")
    place(r, "Camp Delta", "camp-delta", "site")
    mention(r, "Camp Delta", label="FAC", place_id="camp-delta", nth=1)
    place(r, "Fort Omega", "fort-omega", "site")
    events = [e for e in run(r) if e.event_type == "ASSAULT"]
    by_text = {e.target_text: e for e in events}
    # a state's forces stand for the state: the base is its installation
    assert by_text["Camp Delta"].target_actor_id == "RUR"
    assert by_text["the northern base"].target_actor_id == "RUR"  # "and other bases"
    # nobody said to be there: no occupant; the target is only the site's country, so marked
    fort = by_text["Fort Omega"]
    assert fort.target_actor_id != "RUR" and fort.target_basis == "place"
    assert by_text["Camp Delta"].target_basis == "text"


def test_threatening_named_forces_is_not_threatening_force():
    r = parse("The militia is threatening Ruritanian forces near the border.")
    mention(r, "Ruritanian forces", "RUR-MIL", "AGENT")
    e = only(run(r), "THREATEN")
    assert e.target_actor_id == "RUR-MIL" and e.mode is None


# One event, its roles from the parse: (sentence, the mentions the test states as
# (surface, actor id[, label]), the event type, (source, target)).
ROLE_CASES = [
    pytest.param('Students burned a Ruritanian flag outside the consulate.',
                 [('Students', 'X-CVL', 'AGENT'), ('Ruritanian', 'RUR', 'NORP')],
                 'PROTEST', ('X-CVL', 'RUR'), id='burning_a_flag_protests_against_its_country'),
    pytest.param('Ruritania closed its borders on Monday.',
                 [('Ruritania', 'RUR', 'GPE'), ('its', 'RUR', 'ORG')],
                 'COERCE', ('RUR', None), id='an_object_naming_its_own_doer_leaves_the_event_without_target'),
    pytest.param('Ruritania condemned the abuses committed by Bordurian troops.',
                 [('Ruritania', 'RUR', 'GPE'), ('Bordurian troops', 'BOR-MIL', 'AGENT')],
                 'ACCUSE', ('RUR', 'BOR-MIL'), id='the_doer_of_a_deed_committed_by_someone_is_the_target'),
    pytest.param('Ruritania refused to respond to a demand from the Bordurian president.',
                 [('Ruritania', 'RUR', 'GPE'), ('Bordurian president', 'BOR-GOV', 'AGENT')],
                 'REJECT', ('RUR', 'BOR-GOV'), id='a_refusal_to_answer_a_demand_targets_whoever_made_it'),
    pytest.param('The activist Tomas Brenn staged a hunger strike in prison on Sunday in protest '
                 'against the abuses by Bordurian police.',
                 [('Tomas Brenn', 'brenn', 'PERSON'), ('Bordurian police', 'BOR-COP', 'AGENT')],
                 'PROTEST', ('brenn', 'BOR-COP'), id='an_action_in_protest_against_a_deed_targets_its_doer'),
    pytest.param('President Halvor reneged on his commitment to the Bordurian people.',
                 [('Halvor', 'halvor', 'PERSON'), ('his', 'halvor', 'PERSON'),
                  ('Bordurian people', 'BOR-CVL', 'AGENT')],
                 'REJECT', ('halvor', 'BOR-CVL'), id='an_object_owned_by_the_doer_leads_to_whom_it_is_aimed_at'),
    pytest.param('A delegation from Borduria met the Ruritanian envoy on Monday.',
                 [('Borduria', 'BOR', 'GPE'), ('Ruritanian envoy', 'RUR-GOV', 'AGENT')],
                 'CONSULT', ('BOR', 'RUR-GOV'), id='people_from_a_named_actor_stand_for_it'),
    pytest.param('Northern militias were engaged in a massacre against the Ruritanian villagers.',
                 [('Northern militias', 'north-militia'), ('Ruritanian villagers', 'RUR-CVL', 'AGENT')],
                 'ASSAULT', ('north-militia', 'RUR-CVL'), id='a_force_engaged_in_a_deed_does_it_to_whom_it_is_engaged_against'),
    pytest.param('Norway has been opposed to Swedish mediation for years.',
                 [('Norway', 'NOR', 'GPE'), ('Swedish', 'SWE', 'NORP')],
                 'REJECT', ('NOR', 'SWE'), id='a_stance_is_taken_towards_what_follows_to'),
]


@pytest.mark.parametrize("text, mentions, event_type, roles", ROLE_CASES)
def test_roles_of_one_event(text, mentions, event_type, roles):
    r = parse(text)
    for args in mentions:
        mention(r, *args)
    e = only(run(r), event_type)
    assert (e.source_actor_id, e.target_actor_id) == roles


def test_attack_a_protest_is_about_is_blamed_on_its_target():
    r = parse("Crowds burned a Ruritanian flag in a protest after an airstrike on the "
              "Northern Front.")
    mention(r, "Ruritanian", "RUR", "NORP")
    mention(r, "Northern Front", "northern-front")
    strike = only(run(r), "ASSAULT")
    assert strike.source_actor_id == "RUR" and strike.target_actor_id == "northern-front"
    assert strike.confidence <= 0.35  # an inference, and it says so


def test_the_same_thing_repeats_the_last_statement():
    r = parse("The Northern Front threatened Ruritania on Sunday. "
              "General Omar Haddad said the same thing and Sami Nour and the party chief "
              "Ali Farouk have made similar comments.")
    mention(r, "Northern Front", "northern-front")
    mention(r, "Ruritania", "RUR", "GPE")
    mention(r, "Omar Haddad", "haddad", "PERSON")
    mention(r, "Sami Nour", "nour", "PERSON")
    mention(r, "Ali Farouk", "farouk", "PERSON")
    threats = [e for e in run(r) if e.event_type == "THREATEN"]
    assert {e.source_actor_id for e in threats} == {"northern-front", "haddad", "nour", "farouk"}
    assert {e.target_actor_id for e in threats} == {"RUR"}


def test_repeating_a_reported_attack_is_a_threat_but_the_report_is_not():
    r = parse("They say the alliance may strike at Ruritania. "
              "General Omar Haddad said the same thing.")
    mention(r, "Ruritania", "RUR", "GPE")
    mention(r, "Omar Haddad", "haddad", "PERSON")
    events = realised(run(r))
    assert [(e.event_type, e.source_actor_id, e.target_actor_id) for e in events] == [
        ("THREATEN", "haddad", "RUR")]


def test_same_thing_without_a_statement_before_is_nothing():
    r = parse("The weather was mild. General Omar Haddad said the same thing.")
    mention(r, "Omar Haddad", "haddad", "PERSON")
    assert run(r) == []


def test_helped_with_a_verb_is_the_verb_not_aid():
    events = run(parse("The veterans helped form the new party. The charity helped the "
                       "refugees."))
    aid = only(events, "AID")
    assert aid.source_text == "The charity"


def test_appears_to_is_hedged():
    e = only(run(parse("The militia appears to be coordinating with the army.")), "COOPERATE")
    assert e.modality == "hypothetical"


def test_sanction_noun_under_a_sanction_verb_shares_its_source_and_agent_targets_link():
    r = parse("The Treasury sanctioned the Northern Front, part of a series of sanctions "
              "against pro-Ruritanian militias.")
    mention(r, "Treasury", "treasury")
    mention(r, "Northern Front", "northern-front")
    mention(r, "pro-Ruritanian", "RUR", "NORP")
    mention(r, "pro-Ruritanian militias", "X-REB", "AGENT")
    events = [e for e in run(r) if e.event_type == "SANCTION"]
    assert {(e.source_actor_id, e.target_actor_id) for e in events} == {
        ("treasury", "northern-front"), ("treasury", "X-REB")}


def test_sanction_with_nobody_imposing_and_no_named_target_is_dropped():
    assert run(parse("Sanctions against the smugglers widened.")) == []


def test_agentless_re_mention_is_dropped_unless_its_date_differs():
    r = parse("The air force killed Omar Haddad on Monday. Crowds gathered where Omar Haddad "
              "was killed. Another strike killed Omar Haddad's brother on Friday.")
    mention(r, "air force", "af")
    mention(r, "Omar Haddad", "haddad", "PERSON")
    mention(r, "Omar Haddad", "haddad", "PERSON", nth=1)
    when(r, "Monday", date(2021, 6, 14), date(2021, 6, 14))
    kills = [e for e in run(r) if e.event_type == "ASSAULT" and e.target_actor_id == "haddad"]
    assert [e.source_actor_id for e in kills] == ["af"]


def test_unnamed_parties_of_material_events_come_from_their_place():
    r = parse("Protesters marched in Ruriton on Monday. Gunmen fired at a bus in Ruriton. "
              "The minister said in Ruriton that talks would resume.")
    place(r, "Ruriton", "ruriton", "city", country="RUR")
    for nth in (1, 2):
        mention(r, "Ruriton", label="GPE", place_id="ruriton", nth=nth)
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    r.actors["RUR-CVL"] = Actor("RUR-CVL", "Ruritania civilians", "agent", "RUR", sector="CVL")
    events = {e.event_type: e for e in run(r)}
    protest, attack = events["PROTEST"], events["ASSAULT"]
    assert (protest.source_actor_id, protest.source_basis) == ("RUR-CVL", "place")
    assert (protest.target_actor_id, protest.target_basis) == ("RUR", "place")
    assert (attack.target_actor_id, attack.target_basis) == ("RUR", "place")
    # a verbal event's unnamed party is not where it was said
    assert all(e.target_basis != "place" for e in run(r) if e.event_type not in
               ("PROTEST", "ASSAULT", "COERCE"))


def test_a_states_forces_striking_at_home_get_no_country_target():
    r = parse("Ruritanian troops shelled positions near Ruriton on Monday.")
    place(r, "Ruriton", "ruriton", "city", country="RUR")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    mention(r, "Ruritanian troops", "RUR-MIL", "AGENT")
    r.actors["RUR-MIL"] = Actor("RUR-MIL", "Ruritania military", "military", "RUR", sector="MIL")
    attack = next(e for e in run(r) if e.event_type == "ASSAULT")
    assert attack.source_actor_id == "RUR-MIL" and attack.target_basis != "place"


# --- sample-page bugs: datelines, one event per protest, labour strikes, intransitives ----------

def test_a_wire_dateline_is_never_a_role():
    r = parse("LAKEVIEW, May 3 – Hundreds of nurses marched through the old town on Friday.")
    mention(r, "LAKEVIEW", label="GPE")
    mention(r, "nurses", "RUR-HLH", "AGENT")
    e = only(run(r), "PROTEST")
    assert e.source_actor_id == "RUR-HLH" and "LAKEVIEW" not in (e.source_text or "")


def test_one_sentence_one_protest_with_one_date():
    r = parse("Thousands of nurses marched through the old town on Friday to protest against "
              "the pay freeze, in one of the largest demonstrations since the cabinet took "
              "office in March.")
    mention(r, "nurses", "RUR-HLH", "AGENT")
    when(r, "Friday", date(2021, 6, 11), date(2021, 6, 11))
    when(r, "March", date(2021, 3, 1), date(2021, 3, 31), "month")
    e = only(run(r), "PROTEST")  # not one per trigger (marched, protest, demonstrations)
    assert e.source_actor_id == "RUR-HLH" and e.target_text == "the pay freeze"
    # different named parties in one sentence are still different events
    r = parse("The rebels attacked the garrison and the convoy.")
    assert len([e for e in run(r) if e.event_type == "ASSAULT"]) == 2


@pytest.mark.parametrize("sentence", [
    "The union called a 48-hour national teachers' strike for next Monday.",
    "The dock workers staged a strike on Monday.",
    "Bus drivers went on strike.",
    "Miners began a general strike."])
def test_a_labour_strike_is_a_protest_not_an_air_strike(sentence):
    events = run(parse(sentence))
    assert {(e.event_type, e.mode) for e in events} == {("PROTEST", "strike")}, events


def test_a_military_strike_stays_an_attack():
    assert only(run(parse("The jets carried out a strike on the depot.")),
                "ASSAULT").mode == "aerial"


def test_a_verb_joined_to_a_reported_copula_keeps_the_speakers():
    e = only(run(parse("Union leaders said the response was excessive and called a strike.")),
             "PROTEST")
    assert e.source_text == "Union leaders"


def test_protesters_blocking_a_road_protest_and_leave_by_themselves():
    events = run(parse("Protesters blocked a main avenue for two hours before dispersing "
                       "peacefully."))
    e = only(events, "PROTEST")
    assert (e.source_text, e.mode) == ("Protesters", "obstruct")
    assert not [x for x in events if x.event_type == "COERCE"]


def test_intransitive_dispersal_is_no_coercion():
    assert not [e for e in run(parse("The crowd marched to the square and later dispersed."))
                if e.event_type == "COERCE"]
    e = only(run(parse("Police dispersed the crowd with batons.")), "COERCE")
    assert (e.source_text, e.target_text) == ("Police", "the crowd")


# --- targets behind objects and clauses -----------------------------------------------------------

def test_whom_a_demand_is_made_of_is_the_subject_of_the_demanded_clause():
    r = parse("The opposition demanded that President Kovac abandon the land policy.")
    mention(r, "Kovac", "kovac", "PERSON")
    e = only(run(r), "REQUEST")
    assert e.target_actor_id == "kovac"


@pytest.mark.parametrize("sentence, event_type", [
    ("The cabinet rejected a Ruritanian request to extradite the banker.", "REJECT"),
    ("The cabinet dismissed an appeal from Ruritania for more time.", "REJECT"),
    ("The president threatened further action against Ruritania.", "THREATEN"),
])
def test_the_actor_behind_or_facing_an_object_is_the_target(sentence, event_type):
    r = parse(sentence)
    word = "Ruritanian" if "Ruritanian" in sentence else "Ruritania"
    mention(r, word, "RUR", "NORP" if word.endswith("n") else "GPE")
    e = only(run(r), event_type)
    assert e.target_actor_id == "RUR"


def test_what_a_named_party_must_do_is_a_demand_on_it():
    r = parse("The minister said that Ruritania must hand over the suspects.")
    mention(r, "Ruritania", "RUR", "GPE")
    e = only(run(r), "REQUEST")
    assert (e.source_text, e.target_actor_id) == ("The minister", "RUR")
    # a passive asks it of others; the speaker's own duty demands nothing of anyone
    r = parse("The elders say that Ruritania must not be interfered with.")
    mention(r, "Ruritania", "RUR", "GPE")
    assert not [e for e in run(r) if e.event_type == "REQUEST"]
    r = parse("Ruritania said it must defend its borders.")
    mention(r, "Ruritania", "RUR", "GPE")
    mention(r, "it", "RUR", "ORG")
    assert not [e for e in run(r) if e.event_type == "REQUEST"]


def test_a_protest_targets_the_party_behind_what_it_protests():
    r = parse("Students staged a hunger strike to demand the resignation of President Kovac.")
    mention(r, "Kovac", "kovac", "PERSON")
    assert only(run(r), "PROTEST").target_actor_id == "kovac"
    r = parse("Villagers held demonstrations against abuses by the Ruritanian army.")
    mention(r, "Ruritanian army", "RUR-MIL", "AGENT")
    assert only(run(r), "PROTEST").target_actor_id == "RUR-MIL"


def test_the_classifier_lexicon_stays_as_trained():
    """The PLV classifier reads lexicon matches as features: the coder's context rules and
    extra phrases must not reach it."""
    from eventwire.nlp import load_nlp

    doc = load_nlp()("The union called a national teachers' strike and blocked a main avenue.")
    strike = next(t for t in doc if t.lower_ == "strike")
    block = next(t for t in doc if t.lower_ == "blocked")
    base, coder = lexmod.load_lexicon(), lexmod.load_coder_lexicon()
    assert base.match(strike, noun=True).event_type == "ASSAULT"
    assert coder.match(strike, noun=True).event_type == "PROTEST"
    assert base.match(block, noun=False) is None
    assert coder.match(block, noun=False).event_type == "PROTEST"


@pytest.mark.parametrize("sentence, event_type, mode", [
    ("Border guards sexually abused the migrants.", "ASSAULT", "sexual"),
    ("The envoy undertook a mediation mission between the two rebel groups.", "CONSULT",
     "third-party"),
    ("The president reneged on his promise to the farmers.", "REJECT", None),
    ("The court cancelled restrictions on the minority language.", "CONCEDE", None),
])
def test_coder_phrases(sentence, event_type, mode):
    assert only(run(parse(sentence)), event_type).mode == mode


def test_a_threat_targets_whoever_must_meet_its_condition():
    r = parse("The cabinet threatened to halt the talks unless Ruritania withdrew its troops.")
    mention(r, "Ruritania", "RUR", "GPE")
    assert only(run(r), "THREATEN").target_actor_id == "RUR"


def test_the_party_behind_a_passive_target_and_a_mediation():
    r = parse("A camp for Ruritanian refugees was attacked by gunmen.")
    mention(r, "Ruritanian refugees", "RUR-REF", "AGENT")
    assert only(run(r), "ASSAULT").target_actor_id == "RUR-REF"
    r = parse("The envoy launched a mediation effort between Ruritania and Borduria.")
    mention(r, "Ruritania", "RUR", "GPE")
    mention(r, "Borduria", "BOR", "GPE")
    consults = [e for e in run(r) if e.event_type == "CONSULT"]
    assert {e.target_actor_id for e in consults} == {"RUR", "BOR"}


def test_weapons_and_measures_are_not_sources_and_datelines_pass_on_the_subject():
    attack = only(run(parse("A missile hit the railway depot.")), "ASSAULT")
    assert attack.source_text is None and attack.target_text == "the railway depot"
    assert not [e for e in run(parse("The sanctions freeze the assets of the companies."))
                if e.source_text == "The sanctions"]
    r = parse("PORTVILLE – Rebel fighters attacked an army base on Tuesday.")
    e = only(run(r), "ASSAULT")
    assert e.source_text == "Rebel fighters"


def test_a_bare_lemma_is_only_retyped_among_its_bare_senses():
    # "seize" is an attack only in "seize hostages": seized weapons stay a seizure
    events = run(parse("Officers searched the house and seized two pistols and ammunition."))
    assert events and {e.event_type for e in events} == {"COERCE"}


def test_who_faces_suffers_or_receives_an_event_undergoes_it():
    r = parse("Ruritania received military aid from Borduria.")
    mention(r, "Ruritania", "RUR", "GPE")
    mention(r, "Borduria", "BOR", "GPE")
    aid = only(run(r), "AID")
    assert (aid.source_actor_id, aid.target_actor_id) == ("BOR", "RUR")
    r = parse("The Ruritanian army suffered a rocket attack by rebels near the border.")
    mention(r, "Ruritanian army", "RUR-MIL", "AGENT")
    assert only(run(r), "ASSAULT").target_actor_id == "RUR-MIL"
    # the one who faces charges is not the accuser
    r = parse("Mr Kovac faces charges of money laundering.")
    mention(r, "Kovac", "kovac", "PERSON")
    assert all(e.source_actor_id != "kovac" for e in run(r))


# --- coding a sentence as a given type (benchmark path) -----------------------------------------

def test_code_as_uses_the_main_verb_when_no_trigger_has_the_type_and_stores_nothing():
    from eventwire.events.coder import code_as

    r = parse("Ruritania gave a warm reception to the envoy of Borduria on Tuesday, officials said.")
    mention(r, "Ruritania", "RUR", "GPE")
    mention(r, "Borduria", "BOR", "GPE")
    assert run(r) == []  # the detector finds no event here
    forced = code_as(r, "CONSULT")
    assert [(e.event_type, e.trigger, e.source_actor_id) for e in forced][:1] == [
        ("CONSULT", "gave", "RUR")]  # past the reporting verb "said"
    assert r.events == []  # a benchmark path: nothing is added to the result


def test_code_as_prefers_the_lexicon_trigger_of_the_type():
    from eventwire.events.coder import code_as

    r = parse("Ruritania lent Borduria two frigates for the summer.")
    mention(r, "Ruritania", "RUR", "GPE")
    mention(r, "Borduria", "BOR", "GPE")
    run(r)
    e = code_as(r, "AID")[0]
    assert (e.event_type, e.trigger, e.source_actor_id, e.target_actor_id) == (
        "AID", "lent", "RUR", "BOR")


def test_a_place_the_trigger_names_is_the_target_where_no_actor_is():
    r = parse("Borduria lifted the night curfew in Lakeview on Sunday. "
              "Borduria agreed to withdraw its troops from Ruritania.")
    place(r, "Lakeview", "lakeview", "city", country="RUR")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    r.actors["BOR"] = Actor("BOR", "Borduria", "state", "BOR")
    mention(r, "Borduria", "BOR", "GPE")
    mention(r, "Borduria", "BOR", "GPE", nth=1)
    mention(r, "Ruritania", "RUR", "GPE")
    events = run(r)
    lifted = next(e for e in events if e.trigger.startswith("lifted"))
    assert (lifted.source_actor_id, lifted.target_actor_id, lifted.target_basis) == (
        "BOR", "RUR", "place")
    withdrew = next(e for e in events if e.event_type == "RETREAT")
    assert (withdrew.source_actor_id, withdrew.target_actor_id) == ("BOR", "RUR")


def test_a_named_target_beats_the_place_and_a_reported_place_is_no_target():
    r = parse("Borduria sent food to the Northern Front in Lakeview. "
              "The minister said in Lakeview that Borduria would help.")
    place(r, "Lakeview", "lakeview", "city", country="RUR")
    mention(r, "Lakeview", label="GPE", place_id="lakeview", nth=1)
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    mention(r, "Borduria", "BOR", "GPE")
    mention(r, "Northern Front", "nf")
    aid = next(e for e in run(r) if e.trigger.startswith("sent"))
    assert (aid.target_actor_id, aid.target_basis) == ("nf", "text")
    assert all(e.target_actor_id != "RUR" for e in r.events if e.trigger.startswith("said"))


def test_the_doers_own_forces_are_not_the_target_of_a_withdrawal():
    r = parse("Borduria withdrew its troops from Ruritania in May.")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    mention(r, "Borduria", "BOR", "GPE")
    mention(r, "its", "BOR", "ORG")
    mention(r, "Ruritania", "RUR", "GPE")
    e = only(run(r), "RETREAT")
    assert (e.source_actor_id, e.target_actor_id) == ("BOR", "RUR")


def test_an_unlinked_name_gives_way_to_a_linked_modifier_in_its_phrase():
    r = parse("The Bordurian Assembly agreed to lift the embargo.")
    mention(r, "Bordurian", "BOR", "NORP")
    mention(r, "Assembly", None, "ORG")
    e = next(e for e in run(r) if e.event_type == "AGREE")
    assert e.source_actor_id == "BOR"


def test_the_place_of_what_the_trigger_gives_to_is_the_target():
    r = parse("Borduria sent 400 troops to the peacekeeping force in Lakeview.")
    place(r, "Lakeview", "lakeview", "city", country="RUR")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    mention(r, "Borduria", "BOR", "GPE")
    e = next(e for e in run(r) if e.source_actor_id == "BOR")
    assert (e.target_actor_id, e.target_basis) == ("RUR", "place")


def test_the_subject_of_willing_or_ready_does_what_it_is_willing_to_do():
    r = parse("Borduria is willing to withdraw its troops from Ruritania.")
    mention(r, "Borduria", "BOR", "GPE")
    mention(r, "Ruritania", "RUR", "GPE")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    e = only(run(r), "AGREE")  # a stated readiness to withdraw: PLOVER's intent to yield
    assert (e.source_actor_id, e.target_actor_id) == ("BOR", "RUR")


def test_an_attack_with_nobody_named_is_by_the_places_unidentified_forces():
    r = parse("Three soldiers were killed by a roadside bomb in Lakeview on Monday.")
    place(r, "Lakeview", "lakeview", "city", country="RUR")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    r.actors["RUR-UAF"] = Actor("RUR-UAF", "Ruritania unidentified forces", "agent", "RUR",
                                sector="UAF")
    e = next(e for e in run(r) if e.trigger == "killed")
    assert (e.source_actor_id, e.source_basis) == ("RUR-UAF", "place")
    # a named attacker is never replaced
    r = parse("Three soldiers were killed by the Northern Front in Lakeview on Monday.")
    place(r, "Lakeview", "lakeview", "city", country="RUR")
    r.actors["RUR-UAF"] = Actor("RUR-UAF", "Ruritania unidentified forces", "agent", "RUR",
                                sector="UAF")
    mention(r, "Northern Front", "nf")
    assert next(e for e in run(r) if e.trigger == "killed").source_actor_id == "nf"


def test_an_unattributed_attack_is_left_unnamed_where_the_article_names_a_foreign_attacker():
    text = ("Bordurian forces shelled Lakeview on Monday. "
            "Three soldiers were killed by a blast in Lakeview on Monday.")
    r = parse(text)
    place(r, "Lakeview", "lakeview", "city", country="RUR")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    r.actors["BOR-MIL"] = Actor("BOR-MIL", "Borduria military", "agent", "BOR", sector="MIL")
    r.actors["RUR-UAF"] = Actor("RUR-UAF", "Ruritania unidentified forces", "agent", "RUR",
                                sector="UAF")
    mention(r, "Lakeview", label="GPE", place_id="lakeview", nth=1)
    mention(r, "Bordurian forces", "BOR-MIL")
    events = run(r)
    assert any(e.source_actor_id == "BOR-MIL" for e in events if e.event_type == "ASSAULT")
    blast = next(e for e in events if e.trigger == "killed")
    assert blast.place_id == "lakeview"
    assert blast.source_actor_id is None  # not "Ruritania unidentified forces"
    # the place's own forces named elsewhere do not stop it
    r = parse(text.replace("Bordurian forces", "Ruritanian forces"))
    place(r, "Lakeview", "lakeview", "city", country="RUR")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    r.actors["RUR-MIL"] = Actor("RUR-MIL", "Ruritania military", "agent", "RUR", sector="MIL")
    r.actors["RUR-UAF"] = Actor("RUR-UAF", "Ruritania unidentified forces", "agent", "RUR",
                                sector="UAF")
    mention(r, "Lakeview", label="GPE", place_id="lakeview", nth=1)
    mention(r, "Ruritanian forces", "RUR-MIL")
    blast = next(e for e in run(r) if e.trigger == "killed")
    assert blast.source_actor_id == "RUR-UAF"


def test_people_from_a_place_are_its_civilians_when_nothing_else_names_them():
    r = parse("A teacher from Lakeview was arrested in Borduria on Monday.")
    place(r, "Lakeview", "lakeview", "city", country="RUR")
    r.actors["RUR-CVL"] = Actor("RUR-CVL", "Ruritania civilians", "agent", "RUR", sector="CVL")
    mention(r, "Borduria", "BOR", "GPE")
    e = only(run(r), "COERCE")
    assert e.target_actor_id == "RUR-CVL"


def test_the_target_of_the_event_a_mobilisation_is_for():
    r = parse("Borduria mobilized army reservists for a war against Ruritania.")
    mention(r, "Borduria", "BOR", "GPE")
    mention(r, "Ruritania", "RUR", "GPE")
    e = next(e for e in run(r) if e.event_type == "MOBILIZE")
    assert (e.source_actor_id, e.target_actor_id) == ("BOR", "RUR")


def test_whoever_issues_a_statement_demanding_something_demands_it():
    r = parse("The Northern Front issued a statement demanding that Ruritania free its prisoners.")
    mention(r, "Northern Front", "nf")
    mention(r, "Ruritania", "RUR", "GPE")
    e = next(e for e in run(r) if e.trigger.startswith("demanding"))
    assert (e.event_type, e.source_actor_id) == ("REQUEST", "nf")


@pytest.mark.parametrize("sentence, event_type, mode", [
    ("Borduria offered its troops to Ruritania.", "AGREE", None),
    ("Borduria established diplomatic ties with Ruritania.", "SUPPORT", "recognize"),
    ("Borduria gave a warm welcome to Ruritania.", "CONSULT", "host"),
])
def test_coder_phrases_offer_troops_establish_ties_give_welcome(sentence, event_type, mode):
    r = parse(sentence)
    mention(r, "Borduria", "BOR", "GPE")
    mention(r, "Ruritania", "RUR", "GPE")
    e = only(run(r), event_type)
    assert (e.mode, e.source_actor_id, e.target_actor_id) == (mode, "BOR", "RUR")


def test_what_a_retaliation_answers_is_not_its_target():
    r = parse("Borduria threatened to shell Ruritanian towns in retaliation for a raid on Lakeview.")
    mention(r, "Borduria", "BOR", "GPE")
    mention(r, "Ruritanian", "RUR", "NORP")
    mention(r, "Lakeview", label="GPE")
    e = next(e for e in run(r) if e.event_type == "THREATEN")
    assert (e.source_actor_id, e.target_actor_id) == ("BOR", "RUR")


def test_the_place_inside_a_longer_mention_still_gives_the_target():
    from eventwire.events.lexicon import load_coder_lexicon
    from eventwire.events.roles import MentionIndex, RoleFinder

    r = parse("Borduria withdrew the invasion forces from Ruritania.")
    mention(r, "invasion forces from Ruritania", "RUR-MIL", "AGENT")
    mention(r, "Ruritania", "RUR", "GPE")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    r.actors["RUR-MIL"] = Actor("RUR-MIL", "Ruritania military", "military", "RUR", sector="MIL")
    finder = RoleFinder(MentionIndex(r, r.spacy_doc), load_coder_lexicon())
    tok = next(t for t in r.spacy_doc if t.text == "Ruritania")
    assert finder._place_role(tok).actor_id == "RUR"  # not the agent around it


def test_be_opposed_to_is_the_subjects_stance_not_a_deed_done_to_it():
    r = parse("Borduria is opposed to Ruritanian mediation in the dispute.")
    mention(r, "Borduria", "BOR", "GPE")
    mention(r, "Ruritanian", "RUR", "NORP")
    e = only(run(r), "REJECT")
    assert e.source_actor_id == "BOR" and e.target_actor_id != "BOR"
    r = parse("Borduria was attacked by Ruritania.")  # a real passive stays one
    mention(r, "Borduria", "BOR", "GPE")
    mention(r, "Ruritania", "RUR", "GPE")
    e = only(run(r), "ASSAULT")
    assert (e.source_actor_id, e.target_actor_id) == ("RUR", "BOR")


def test_a_protest_naming_no_aim_nor_place_is_aimed_at_the_protesters_own_state():
    r = parse("Ruritanian students rioted after the final exam results were posted.")
    mention(r, "Ruritanian students", "RUR-EDU", "AGENT")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    r.actors["RUR-EDU"] = Actor("RUR-EDU", "Ruritania students", "agent", "RUR", sector="EDU")
    e = only(run(r), "PROTEST")
    assert (e.source_actor_id, e.target_actor_id, e.target_basis) == ("RUR-EDU", "RUR", "place")
    # the state's own agents protesting are not aimed at themselves
    r = parse("Ruritanian police rioted after the pay cut was posted.")
    mention(r, "Ruritanian police", "RUR-COP", "AGENT")
    r.actors["RUR-COP"] = Actor("RUR-COP", "Ruritania police", "police", "RUR", sector="COP")
    e = only(run(r), "PROTEST")
    assert e.source_actor_id == "RUR-COP" and e.target_actor_id is None


def test_a_modifier_after_anti_or_pro_names_a_side_not_whose_someone_is():
    r = parse("Gunmen killed an anti-Ruritania blogger in Lakeview on Monday.")
    mention(r, "Ruritania", "RUR", "GPE")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    e = only(run(r), "ASSAULT")
    assert e.target_actor_id != "RUR"
    r = parse("Gunmen killed a Ruritania blogger in Lakeview on Monday.")
    mention(r, "Ruritania", "RUR", "GPE")
    r.actors["RUR"] = Actor("RUR", "Ruritania", "state", "RUR")
    assert only(run(r), "ASSAULT").target_actor_id == "RUR"


@pytest.mark.parametrize("sentence, event_type, mode, trigger", [
    ("The governor received a delegation of farmers from the valley.", "CONSULT", "host",
     "received delegation"),
    ("The supreme court opened a hearing into the disputed ballots.", "ACCUSE", "investigate",
     "opened hearing"),
    ("Norway contributed 200 troops to the monitoring force.", "AID", "military",
     "contributed troops"),
    ("The republic will prohibit all aid to the northern rebels.", "SANCTION", "discontinue",
     "prohibit aid"),
    ("The junta permitted exiled opposition leaders to return last month.", "CONCEDE", None,
     "permitted return"),
    ("The government eased the emergency measures in the province.", "CONCEDE", None,
     "eased measures"),
    ("The border troops remained on alert after the incident.", "MOBILIZE", None,
     "remained on alert"),
    ("The ministry has been pressuring the dock workers to end the dispute.", "REQUEST", None,
     "pressuring"),
    ("The agency provided intelligence to the coastal states.", "AID", "military",
     "provided intelligence"),
    ("The republic suspended rail links with its neighbour.", "SANCTION", "discontinue",
     "suspended links"),
    ("The republic announced a suspension of rail links with its neighbour.", "SANCTION",
     "discontinue", "suspension links"),
    ("The army reopened the old bridge after two years.", "RETREAT", "access",
     "reopened bridge"),
    ("The governor permitted the delivery of seed to the valley.", "RETREAT", "access",
     "permitted delivery"),
])
def test_coder_phrases_for_hosting_hearings_and_peacekeepers(sentence, event_type, mode, trigger):
    e = only(run(parse(sentence)), event_type)
    assert (e.mode, e.trigger) == (mode, trigger)


def test_a_phrase_object_may_be_any_conjunct_of_the_object():
    e = only(run(parse("The agency is supplying maps and other naval intelligence to the coastal "
                       "states.")), "AID")
    assert (e.mode, e.trigger) == ("military", "supplying intelligence")
    # a conjoined verb is another clause, never a word of the phrase
    assert not [e for e in run(parse("The agency supplied maps and later shared its "
                                          "intelligence."))
                if e.event_type == "AID" and e.mode == "military"]


def test_who_summons_a_diplomat_to_complain_complains():
    r = parse("The Ruritanian minister summoned the Freedonian ambassador to complain about "
              "the raids.")
    mention(r, "Ruritanian minister", "RUR-GOV", "AGENT")
    mention(r, "Freedonian ambassador", "FRE-GOV", "AGENT")
    r.actors["RUR-GOV"] = Actor("RUR-GOV", "Ruritania government", "government", "RUR", sector="GOV")
    r.actors["FRE-GOV"] = Actor("FRE-GOV", "Freedonia government", "government", "FRE", sector="GOV")
    assert only(run(r), "ACCUSE").source_actor_id == "RUR-GOV"
    # one urged to complain does the complaining (object control stays for other governors)
    r = parse("The Ruritanian minister urged the Freedonian ambassador to complain about "
              "the raids.")
    mention(r, "Ruritanian minister", "RUR-GOV", "AGENT")
    mention(r, "Freedonian ambassador", "FRE-GOV", "AGENT")
    r.actors["RUR-GOV"] = Actor("RUR-GOV", "Ruritania government", "government", "RUR", sector="GOV")
    r.actors["FRE-GOV"] = Actor("FRE-GOV", "Freedonia government", "government", "FRE", sector="GOV")
    assert only(run(r), "ACCUSE").source_actor_id == "FRE-GOV"


def test_members_of_a_body_named_by_a_participle_act_for_it():
    r = parse("Hundreds of workers affiliated with the Ruritanian Dockers Union stopped work.")
    mention(r, "the Ruritanian Dockers Union", "rdu", "ORG")
    r.actors["rdu"] = Actor("rdu", "Ruritanian Dockers Union", "organization", "RUR")
    assert only(run(r), "PROTEST").source_actor_id == "rdu"
    # a participle of another sense says nothing of whose they are
    r = parse("Gunmen opposed to the Ruritanian army attacked the village.")
    mention(r, "Ruritanian army", "RUR-MIL", "AGENT")
    r.actors["RUR-MIL"] = Actor("RUR-MIL", "Ruritania military", "military", "RUR", sector="MIL")
    assert only(run(r), "ASSAULT").source_actor_id != "RUR-MIL"


def test_harm_to_someone_held_is_by_the_custodian():
    r = parse("A prisoner was tortured while in Ruritanian police custody.")
    mention(r, "Ruritanian police", "RUR-COP", "AGENT")
    r.actors["RUR-COP"] = Actor("RUR-COP", "Ruritania police", "police", "RUR", sector="COP")
    e = only(run(r), "ASSAULT")
    assert (e.source_actor_id, e.source_text) == ("RUR-COP", "Ruritanian police")
    r = parse("Two detainees were beaten in the custody of the Ruritanian army.")
    mention(r, "Ruritanian army", "RUR-MIL", "AGENT")
    r.actors["RUR-MIL"] = Actor("RUR-MIL", "Ruritania military", "military", "RUR", sector="MIL")
    assert only(run(r), "ASSAULT").source_actor_id == "RUR-MIL"
    # an actor merely in the sentence is not the custodian
    r = parse("A prisoner was tortured in custody, the Ruritanian police said.")
    mention(r, "Ruritanian police", "RUR-COP", "AGENT")
    r.actors["RUR-COP"] = Actor("RUR-COP", "Ruritania police", "police", "RUR", sector="COP")
    assert only(run(r), "ASSAULT").source_actor_id != "RUR-COP"


def test_up_to_a_number_is_a_quantity_of_the_object_not_a_particle():
    r = parse("Rebels have kidnapped up to 12 Polish engineers from the camp.")
    mention(r, "Polish", "POL", "NORP")
    e = next(e for e in run(r) if e.trigger.startswith("kidnap"))
    assert e.target_actor_id == "POL"


def test_who_comes_for_talks_holds_them():
    r = parse("Polish negotiators returned to Vienna on Monday for talks on the treaty.")
    mention(r, "Polish negotiators", "POL-GOV", "AGENT")
    e = next(e for e in run(r) if e.trigger == "talks")
    assert e.source_actor_id == "POL-GOV"


def test_an_arrest_or_investigation_with_no_doer_is_by_the_places_authorities():
    r = parse("A Polish engineer was arrested in Ruriton on Monday.")
    place(r, "Ruriton", "ruriton", "city", country="RUR")
    r.actors["RUR-COP"] = Actor("RUR-COP", "Ruritania police", "police", "RUR", sector="COP")
    e = only(run(r), "COERCE")
    assert (e.source_actor_id, e.source_basis) == ("RUR-COP", "place")
    # an attack with nobody named stays the unidentified armed forces' (not the police's)
    r = parse("A bus was attacked in Ruriton on Monday.")
    place(r, "Ruriton", "ruriton", "city", country="RUR")
    r.actors["RUR-COP"] = Actor("RUR-COP", "Ruritania police", "police", "RUR", sector="COP")
    assert only(run(r), "ASSAULT").source_actor_id != "RUR-COP"


def test_where_a_participant_comes_from_is_not_where_the_event_happened():
    r = parse("A missionary from Lakeview was arrested in Ruriton on Monday.")
    place(r, "Lakeview", "lakeview", "city", country="FRE")
    place(r, "Ruriton", "ruriton", "admin1", country="RUR")
    e = only(run(r), "COERCE")
    assert e.place_id == "ruriton"


def test_who_died_from_a_deed_underwent_it():
    r = parse("Two Chilean detainees died from torture in the prison.")
    mention(r, "Chilean", "CHL", "NORP")
    assert only(run(r), "ASSAULT").target_actor_id == "CHL"
    r = parse("A Chilean guard died as a result of the beating.")
    mention(r, "Chilean", "CHL", "NORP")
    assert only(run(r), "ASSAULT").target_actor_id == "CHL"


def test_code_as_takes_the_deed_a_stance_copula_governs():
    from eventwire.events.coder import code_as

    r = parse("Norway is ready to send engineers to Chile, officials said on Monday.")
    mention(r, "Norway", "NOR", "GPE")
    mention(r, "Chile", "CHL", "GPE")
    run(r)
    e = code_as(r, "AGREE")[0]
    assert (e.trigger, e.source_actor_id, e.target_actor_id) == ("send", "NOR", "CHL")


def test_an_echo_with_nothing_to_echo_is_its_own_event_noun():
    r = parse("The union reiterated its demand today that Norway ease the quotas.")
    mention(r, "union", "union")
    mention(r, "Norway", "NOR", "GPE")
    e = only(run(r), "REQUEST")
    assert (e.trigger, e.target_actor_id) == ("demand", "NOR")


# --- roles that name no actor stay empty ----------------------------------------------------

def test_an_unresolved_personal_pronoun_is_no_source():
    r = parse("They attacked the convoy near the border on Monday.")
    e = only(run(r), "ASSAULT")
    assert (e.source_text, e.target_text) == (None, "the convoy")
    # the deed still happened: only who did it is unknown
    r = parse("It condemned the Ruritanian cabinet on Monday.")
    mention(r, "Ruritanian cabinet", "RUR-GOV", "AGENT")
    e = only(run(r), "ACCUSE")
    assert (e.source_text, e.target_actor_id) == (None, "RUR-GOV")


def test_an_abstraction_or_an_offence_is_no_target():
    r = parse("The Ruritanian cabinet welcomed the progress of the talks on Monday.")
    mention(r, "Ruritanian cabinet", "RUR-GOV", "AGENT")
    e = only(run(r), "SUPPORT")
    assert e.source_actor_id == "RUR-GOV" and e.target_text is None
    r = parse("The Ruritanian cabinet condemned the ruling on Monday.")
    mention(r, "Ruritanian cabinet", "RUR-GOV", "AGENT")
    assert only(run(r), "ACCUSE").target_text == "the ruling"  # not an abstraction listed
    r = parse("The ministry condemned the corruption in the port.")
    mention(r, "ministry", "RUR-GOV", "ORG")
    e = only(run(r), "ACCUSE")
    assert e.source_actor_id == "RUR-GOV" and e.target_text is None


def test_a_counting_noun_is_judged_by_what_it_counts():
    r = parse("The Ruritanian cabinet agreed on a set of guidelines with the unions.")
    mention(r, "Ruritanian cabinet", "RUR-GOV", "AGENT")
    texts = {e.target_text for e in run(r) if e.event_type == "AGREE"}
    assert "a set" not in texts, texts
    # a count of people still names them
    r = parse("Ruritanian police arrested a group of students in the capital.")
    mention(r, "Ruritanian police", "RUR-COP", "AGENT")
    assert only(run(r), "COERCE").target_text == "a group of students"


def test_a_statement_is_not_its_own_speaker():
    r = parse("A statement read on state television accused the rebels of sabotage.")
    mention(r, "the rebels", None, "NORP")
    e = only(run(r), "ACCUSE")
    assert (e.source_text, e.target_text) == (None, "the rebels")
    # who issued or carried it speaks through it
    r = parse("A statement carried by the Ruritanian news agency accused the rebels of sabotage.")
    mention(r, "the rebels", None, "NORP")
    mention(r, "Ruritanian news agency", "RUR-MED", "ORG")
    e = only(run(r), "ACCUSE")
    assert (e.source_actor_id, e.target_text) == ("RUR-MED", "the rebels")


def test_a_noun_repeated_across_a_preposition_is_a_manner_not_a_party():
    r = parse("The two commanders met face to face for the first time.")
    assert only(run(r), "CONSULT").target_text is None


def test_a_target_that_is_a_company_is_a_sanction_not_an_attack():
    r = parse("The finance ministry targeted three shipping firms linked to the cartel.")
    mention(r, "finance ministry", "RUR-GOV", "ORG")
    events = run(r)
    assert only(events, "SANCTION").source_actor_id == "RUR-GOV"
    assert not [e for e in events if e.event_type == "ASSAULT"]
    # an attack on a place is still an attack
    r = parse("Gunmen targeted a police station in the north.")
    assert only(run(r), "ASSAULT")


def test_a_deed_someone_is_barred_from_is_not_done():
    r = parse("The new law bars foreign charities from funding local militias.")
    assert only(run(r), "AID").modality == "negated"
    r = parse("The court barred the unions from holding a strike.")
    assert only(run(r), "PROTEST").modality == "negated"


def test_an_open_expanse_or_a_dispute_is_no_target():
    r = parse("Ruritanian warships fired shells into the ocean on Sunday.")
    mention(r, "Ruritanian warships", "RUR-MIL", "AGENT")
    e = only(run(r), "ASSAULT")
    assert e.source_actor_id == "RUR-MIL" and e.target_text != "the ocean"
    r = parse("The two parties agreed to settle the dispute.")
    events = run(r)
    assert events and all(e.target_text is None for e in events)


# --- stated intent, permissions and texts ---------------------------------------------------

@pytest.mark.parametrize("sentence, expected_type, expected_mode", [
    # CAMEO 03 "express intent to ...": a doer's own stated readiness or future deed
    ("The ministry said it will send food aid to the refugees.", "AGREE", None),
    ("The president is ready to meet the opposition leader.", "AGREE", None),
    ("The rebels offered to negotiate with the government.", "AGREE", None),
    # CAMEO 13 "threaten to ...": a conflictual deed its doer says it will do
    ("The farmers' union said it would boycott the elections.", "THREATEN", "restrict"),
    ("The cabinet announced it is prepared to impose martial law.", "THREATEN", "restrict"),
    ("The army said it will withdraw from the valley unless the rebels disarm.", "THREATEN",
     None),
    # CAMEO 12: a stated refusal to cooperate
    ("The ministry said it will not accept the proposal.", "REJECT", None),
])
def test_a_stated_intent_is_coded_as_the_statement(sentence, expected_type, expected_mode):
    events = run(parse(sentence))
    stated = only(events, expected_type)
    assert (stated.mode, stated.modality) == (expected_mode, "asserted")


@pytest.mark.parametrize("sentence, deed", [
    ("The rebels will attack the garrison.", "ASSAULT"),  # foretold, not stated by the doer
    ("The envoy said the council must be ready to meet the rebels.", "CONSULT"),  # asked of it
])
def test_a_deed_nobody_states_as_their_own_intent_keeps_its_type(sentence, deed):
    events = run(parse(sentence))
    assert only(events, deed).modality != "asserted"
    assert not [e for e in events if e.event_type in ("AGREE", "THREATEN")]


def test_allowing_someone_to_act_is_a_concession():
    r = parse("The governor allowed the traders to sell their goods.")
    e = only(run(r), "CONCEDE")
    assert e.source_text == "The governor" and e.trigger == "allowed"
    r = parse("Weather permitting, the march went ahead.")
    assert not [e for e in run(r) if e.event_type == "CONCEDE"]


def test_a_press_release_releases_nobody():
    r = parse("The army shelled the town, the rebels said in a press release.")
    events = run(r)
    assert only(events, "ASSAULT") and not [e for e in events if e.event_type == "RETREAT"]


def test_people_held_as_human_shields_are_assaulted():
    # CAMEO 184 "use as human shield" is under ASSAULT (PLV dev: 4 of 4)
    r = parse("The militia has been holding hundreds of villagers as human shields.")
    e = only(run(r), "ASSAULT")
    assert e.trigger == "holding as shields" and e.source_text == "The militia"


def test_an_object_the_parse_hangs_on_a_later_verb_still_completes_the_phrase():
    # the small model makes "curfew" the subject of "toppled"; "shortened" has no object
    r = parse("President Ruiz on Friday shortened by one hour the nightly curfew imposed in "
              "Borduria after a May 4 coup toppled the elected government.")
    e = only(run(r), "CONCEDE")
    assert e.trigger == "shortened curfew" and "Ruiz" in e.source_text


def test_a_call_for_someone_to_act_is_a_request_of_them():
    # parsed as "called" + an adverbial clause marked "for": the mark is the phrase's "for"
    r = parse("The union called for the government to resign.")
    events = run(r)
    request = only(events, "REQUEST")
    assert (request.source_text, request.target_text) == ("The union", "the government")
    assert only(events, "CONCEDE").modality == "intended"  # the resignation is only wanted


@pytest.mark.parametrize("sentence, expected", [
    # PLOVER's 2021 CAMEO mapping: 057 sign formal agreement, 054 grant diplomatic recognition
    # and 055 apologize are SUPPORT; 0871 declare truce, ceasefire is RETREAT
    ("Ruritania and Borduria signed a trade agreement on Monday.", "SUPPORT"),
    ("Ruritania apologized to Borduria for the incident.", "SUPPORT"),
    ("The rebels declared a unilateral ceasefire in the south.", "RETREAT"),
    # an agreement not reached is a rejection; a summoned diplomat hears a grievance
    ("The two sides failed to reach agreement on the border.", "REJECT"),
    ("Borduria summoned the Ruritanian ambassador to complain about the raid.", "ACCUSE"),
    # CAMEO 184 use as human shield is an assault
    ("The army used villagers as human shields.", "ASSAULT"),
])
def test_coder_phrases_follow_the_plover_cameo_mapping(sentence, expected):
    events = run(parse(sentence))
    assert events and {e.event_type for e in events} == {expected}


def test_an_ordered_investigation_is_the_investigation_not_a_request():
    events = run(parse("The court ordered an investigation into the minister."))
    assert [e.event_type for e in events] == ["ACCUSE"]
    assert events[0].source_text == "The court"


@pytest.mark.parametrize("sentence, expected", [
    ("The premier will visit the neighbouring republic next week.", "AGREE"),  # CAMEO 036
    ("The teachers will not end the strike until their pay is raised.", "REJECT"),
    ("The union called off the four-day strike on Thursday.", "CONCEDE"),  # CAMEO 082
    ("The mission withdrew its peacekeepers from the border.", "SANCTION"),  # CAMEO 1661
    ("The ministry summoned a senior Borduran diplomat over the raid.", "ACCUSE"),
])
def test_announced_plans_called_off_dissent_and_withdrawn_missions(sentence, expected):
    r = parse(sentence)
    if "Borduran diplomat" in sentence:  # the diplomat is a coded agent: still the phrase
        mention(r, "Borduran diplomat", "BOR-GOV", "AGENT")
    assert only(run(r), expected)


@pytest.mark.parametrize("sentence, expected, mode", [
    ("Borduria gave 35 million euros to the flood victims.", "AID", None),  # a sum given
    ("The museum returned the stolen statue to Ruritania.", "RETREAT", "return"),  # CAMEO 0842
    ("The governor lifted the state of emergency on Monday.", "CONCEDE", None),  # CAMEO 0814
    # CAMEO 074: troops sent as peacekeepers are a contribution, not a show of force
    ("Borduria announced the deployment of 300 troops to Ruritania on a peacekeeping mission.",
     "AID", "military"),
])
def test_sums_returned_property_eased_emergencies_and_peacekeepers(sentence, expected, mode):
    events = run(parse(sentence))
    assert events and {(e.event_type, e.mode) for e in events} == {(expected, mode)}


def test_a_purpose_clause_does_not_make_a_deployment_peacekeeping():
    r = parse("The army deployed 300 troops to the border to study a future peacekeeping force.")
    assert only(run(r), "MOBILIZE")
    assert not [e for e in run(parse("The refugees returned home in May.")) if e.event_type
                == "RETREAT"]  # an intransitive return gives nothing back


@pytest.mark.parametrize("sentence, expected", [
    ("The rebels violated the ceasefire in the valley.", "ASSAULT"),  # CAMEO 196
    ("Ruritania launched cyber warfare against Borduria.", "ASSAULT"),
    ("A court convicted the former mayor of fraud.", "ACCUSE"),  # a legal accusation upheld
])
def test_violated_ceasefires_cyber_warfare_and_convictions(sentence, expected):
    events = run(parse(sentence))
    assert events and {e.event_type for e in events} == {expected}


@pytest.mark.parametrize("sentence, mode", [
    ("The archbishop called for sanctions against Borduria.", "disapprove"),
    ("The minister demanded an investigation into the killing.", "investigate"),
])
def test_a_call_for_punishment_voices_disapproval(sentence, mode):
    events = run(parse(sentence))
    call = [e for e in events if e.event_type == "ACCUSE" and e.modality == "asserted"]
    assert len(call) == 1 and call[0].mode == mode
    assert not [e for e in events if e.event_type == "REQUEST"]


@pytest.mark.parametrize("sentence, expected, mode", [
    ("The president banned the opposition candidates from running.", "COERCE", "ban"),  # 1722
    ("The army reimposed a blockade on the coastal towns.", "COERCE", "restrict"),  # CAMEO 191
    ("The police prevented the demonstration outside the parliament.", "COERCE", "restrict"),
    ("The army lifted the blockade on the town.", "RETREAT", "withdraw"),  # CAMEO 0872
])
def test_bans_blockades_and_prevented_protests(sentence, expected, mode):
    e = only(run(parse(sentence)), expected)
    assert e.mode == mode


def test_a_modifier_of_a_longer_event_noun_is_not_its_own_event():
    events = run(parse("The two navies began war games near the strait."))
    assert [e.event_type for e in events] == ["COOPERATE"]  # no ASSAULT for "war"


@pytest.mark.parametrize("sentence, expected", [
    ("The government gave permission for the rally.", "CONCEDE"),
    ("Ruritania reiterated its support for the peace plan.", "SUPPORT"),
])
def test_permission_given_and_support_reiterated(sentence, expected):
    assert only(run(parse(sentence)), expected)


def test_concluding_a_formal_agreement_is_support_but_a_truce_is_agreed():
    # CAMEO 057 "sign formal agreement"; a ceasefire agreed stays AGREE
    assert only(run(parse("The two governments reached a trade agreement.")), "SUPPORT")
    events = run(parse("The two sides agreed to a ceasefire."))
    assert events and "SUPPORT" not in {e.event_type for e in events}


@pytest.mark.parametrize("sentence, expected", [
    ("The first peacekeeping troops arrived in the capital on Monday.", "AID"),  # CAMEO 074
    ("The foreign minister arrived in the capital on Monday.", "CONSULT"),  # a visit
    ("The doctors handed over two tonnes of medicine to the clinic.", "AID"),
])
def test_arriving_peacekeepers_and_handed_over_supplies_are_aid(sentence, expected):
    events = run(parse(sentence))
    assert events and {e.event_type for e in events} == {expected}


def test_accepting_a_demand_is_a_concession_and_refusing_to_meet_it_a_rejection():
    # CAMEO 083 "accede to requests or demands"
    assert only(run(parse("The government accepted the demands of the striking miners.")),
                "CONCEDE").trigger == "accepted demands"
    events = run(parse("The ministry said it will not meet the strikers' demands."))
    assert [e.event_type for e in events if e.trigger.startswith("meet")] == ["REJECT"]
