"""The actors stage: normalisation, recognition, linking, agents, provisional actors,
coreference and relations, on sentences written for these tests, and on the seed page."""

from __future__ import annotations

import time

import pytest
import yaml

from eventwire.model import Article, Document, DocResult
from eventwire.nlp import NlpStage, load_nlp
from eventwire.resolve.actors import ActorsStage, resolve_actors
from eventwire.resolve.actors.kb import load_kb
from eventwire.resolve.actors.normalize import key_variants, name_key
from tests.conftest import GOLD, seed_gold_result


def run(*paragraphs: str) -> DocResult:
    article = Article(doc_id="t", paragraphs=list(paragraphs), language="en")
    article.build_text()
    result = DocResult(document=Document("t", "test", "", "text", "h"), article=article)
    NlpStage()([result])
    ActorsStage()([result])
    assert not result.skips, result.skips
    return result


def linked(result: DocResult, text: str) -> str | None:
    ids = {m.actor_id for m in result.mentions if m.text == text}
    assert len(ids) == 1, (text, ids)
    return ids.pop()


def triples(result: DocResult) -> set[tuple[str, str, str]]:
    return {(r.subject_id, r.predicate, r.object_id) for r in result.relations}


# --- normalisation ---------------------------------------------------------------------------

def test_name_keys_fold_case_diacritics_particles_and_titles():
    assert name_key("Sheikh AKram Al-Kaabi") == name_key("Akram al-Kaabi") == "akram kaabi"
    assert name_key("Asaib Ahl al-Haq’s") == "asaib ahl haq"
    assert name_key("Kata’ib Hezbollah") == name_key("Kataib Hezbollah")
    assert name_key("the Pentagon") == "pentagon"


def test_run_together_particle_meets_the_hyphenated_name():
    assert name_key("Nasr al-Shammari") in key_variants("Nasral Shammari")
    assert key_variants("Michael Jones") == ["michael jones"]


# --- recognition and linking -----------------------------------------------------------------

def test_ruler_tags_groups_as_org_and_the_stage_links_them():
    text = "Fighters of Kataib Sayyid al-Shuhada and Asaib Ahl al-Haq met Nujaba in Basra."
    ents = {e.text: (e.label_, e.ent_id_) for e in load_nlp()(text).ents}
    # the statistical NER alone tags these PERSON or GPE; the ruler makes them ORG
    assert ents["Kataib Sayyid al-Shuhada"][0] == "ORG"
    assert ents["Asaib Ahl al-Haq"] == ("ORG", "asaib-ahl-al-haq")
    assert ents["Nujaba"] == ("ORG", "harakat-hezbollah-al-nujaba")
    r = run(text)
    assert linked(r, "Kataib Sayyid al-Shuhada") == "kataib-sayyid-al-shuhada"


def test_unknown_arabic_group_names_are_org_and_provisional():
    r = run("Iraq's pro-Iranian Liwa Zulfiqar Hamza threatened to attack the convoy.")
    actor_id = linked(r, "Liwa Zulfiqar Hamza")
    actor = r.actors[actor_id]
    assert actor_id.startswith("prov:") and actor.provisional
    assert (actor.kind, actor.country) == ("armed_group", "IRQ")
    assert (actor_id, "aligned_with", "IRN") in triples(r)


def test_transliterations_short_names_and_fuzzy_spellings_link():
    r = run("Qassem Soleimani met Hassan Nasrallah in Beirut. Later Soleimani flew to Damascus, "
            "where Hizballah officials and the Popular Mobilisation Forces waited.")
    assert linked(r, "Qassem Soleimani") == "qasem-soleimani"
    assert linked(r, "Soleimani") == "qasem-soleimani"
    assert linked(r, "Hizballah") == "hezbollah"
    assert r.actors["hezbollah"].country == "LBN"


def test_acronym_defined_in_text_links_to_its_long_form():
    r = run("The Sinjar Resistance Units (YBS) clashed with soldiers. The YBS later withdrew.",
            "The Nineveh Plain Guards (NPG) were formed in 2014. Yesterday the NPG said nothing.")
    long_id = linked(r, "Sinjar Resistance Units")
    assert long_id.startswith("prov:")
    assert {m.actor_id for m in r.mentions if m.text == "YBS"} == {long_id}
    npg = {m.actor_id for m in r.mentions if m.text == "NPG"}
    assert len(npg) == 1 and npg.pop().startswith("prov:nineveh-plain-guards")


def test_demonyms_map_to_the_state_but_stay_norp():
    r = run("Iraqi and Turkish officials spoke on Monday.")
    iraqi = next(m for m in r.mentions if m.text == "Iraqi")
    assert (iraqi.label, iraqi.actor_id) == ("NORP", "IRQ")


def test_generic_agents_are_country_and_sector():
    r = run("Turkish police detained twenty people in Ankara. The Syrian regime denied the report, "
            "and US forces stayed in their base. Protesters in Kirkuk burned tyres.")
    agents = {m.text: m.actor_id for m in r.mentions if m.label == "AGENT"}
    assert agents["Turkish police"] == "TUR-COP"
    assert agents["Syrian regime"] == "SYR-GOV"
    assert agents["US forces"] == "USA-MIL"
    assert agents["Protesters in Kirkuk"] == "IRQ-CVL"
    assert r.actors["TUR-COP"].kind == "police"


def test_pro_demonym_does_not_make_an_agent_of_that_country():
    r = run("Pro-Russian militias in Ukraine shelled the town.")
    agents = {m.actor_id for m in r.mentions if m.label == "AGENT"}
    assert agents == {"UKR-REB"}


def person(r: DocResult, name: str):
    ids = {m.actor_id for m in r.mentions if m.text == name}
    assert len(ids) == 1, (name, ids)
    return r.actors[ids.pop()]


@pytest.mark.parametrize("sentence, name, country, sector", [
    ("Norwegian Foreign Minister Lars Haugland met the delegation on Monday.", "Lars Haugland",
     "NOR", "GOV"),
    ("Chile's new Defence Minister Rosa Elgueta visited the base.", "Rosa Elgueta", "CHL", "GOV"),
    ("Rebel leader Tomas Brenn rejected the offer.", "Tomas Brenn", None, "REB"),
    ("King Haddad of Jordan received the envoy in his palace.", "Haddad", "JOR", "GOV"),
    ("Kenyan Archbishop Peter Maina called for calm.", "Peter Maina", "KEN", "REL"),
    ("The rebels met U.N. mediator Lena Varga on Monday.", "Lena Varga", None, "IGO"),
    ("Ghanaian special rapporteur Kofi Mensah visited the camp.", "Kofi Mensah", "GHA", "GOV"),
])
def test_titles_give_provisional_people_country_and_sector(sentence, name, country, sector):
    actor = person(run(sentence), name)
    assert actor.provisional and actor.kind == "person"
    assert (actor.country, actor.sector) == (country, sector)


def test_a_title_takes_the_one_country_the_demonyms_name_when_no_place_is_named():
    actor = person(run("President Lena Varga thanked the Hungarian voters for their patience."),
                   "Lena Varga")
    assert (actor.country, actor.sector) == ("HUN", "GOV")
    # two countries' demonyms: no guess
    actor = person(run("President Lena Varga thanked the Hungarian and Austrian voters."),
                   "Lena Varga")
    assert actor.country is None


def test_possessed_forces_placed_abroad_are_not_the_places_agents():
    r = run("Israel has strengthened its forces in Lebanon.")
    assert "LBN-MIL" not in {m.actor_id for m in r.mentions}
    r = run("Protesters in Kirkuk burned tyres.")  # an unowned agent is still placed
    assert "IRQ-CVL" in {m.actor_id for m in r.mentions}


def test_negotiators_and_delegations_are_government_agents():
    r = run("Russian negotiators met the Polish delegation in Geneva.")
    agents = {m.text: m.actor_id for m in r.mentions if m.label == "AGENT"}
    assert agents["Russian negotiators"] == "RUS-GOV"
    assert agents["Polish delegation"] == "POL-GOV"


def test_candidates_and_politicians_take_their_modifiers_sector():
    r = run("The Kenyan opposition candidates walked out. Ugandan opposition politicians cheered.")
    agents = {m.text: m.actor_id for m in r.mentions if m.label == "AGENT"}
    assert agents["Kenyan opposition candidates"] == "KEN-OPP"
    assert agents["Ugandan opposition politicians"] == "UGA-OPP"


def test_former_office_keeps_the_country_not_the_sector():
    actor = person(run("Former Peruvian President Hugo Salas denied the charges."), "Hugo Salas")
    assert (actor.country, actor.sector) == ("PER", None)


def test_igo_title_makes_an_igo_official():
    actor = person(run("UN Secretary-General Mara Olsen urged both sides to talk."), "Mara Olsen")
    assert (actor.country, actor.sector) == (None, "IGO")


def test_a_name_the_ner_tags_gpe_with_an_igo_office_after_it_is_a_person():
    from eventwire.model import Mention
    from eventwire.nlp import load_nlp
    from eventwire.resolve.actors import official_of_igo
    text = "Oshima, the United Nations relief coordinator, urged both sides to talk."
    doc = load_nlp()(text)

    def org_kind(ent):
        return "un" if ent is not None and ent.text == "United Nations" else None

    assert official_of_igo(doc, Mention(0, 6, "Oshima", "GPE", 0), org_kind)
    # no office after it: a place stays a place
    doc = load_nlp()("Oshima, the United Nations said, is calm.")
    assert not official_of_igo(doc, Mention(0, 6, "Oshima", "GPE", 0), org_kind)


@pytest.mark.parametrize("sentence, name, actor_id", [
    ("The president may lift the ban on the Islamic Salvation Front next year.",
     "Islamic Salvation Front", "fis"),
    ("The Forces for Defence of Democracy attacked an army post.",
     "Forces for Defence of Democracy", "fdd"),
])
def test_kb_knows_algerian_and_burundian_war_parties(sentence, name, actor_id):
    r = run(sentence)
    found = {m.actor_id for m in r.mentions if name in m.text}
    assert found == {actor_id}
    assert r.actors[actor_id].country in ("DZA", "BDI")


def test_a_sponsor_demonym_is_not_a_nationality():
    actor = person(run("The Iranian-backed commander Jalil Haidar spoke to reporters."),
                   "Jalil Haidar")
    assert actor.country != "IRN"


def test_acting_capitals_code_as_the_government_but_places_stay_places():
    r = run("Washington rejected the proposal. Talks were held in Nairobi on Monday.")
    assert linked(r, "Washington") == "USA-GOV"
    assert linked(r, "Nairobi") in (None, "KEN") or not linked(r, "Nairobi").endswith("-GOV")


def test_peoples_are_coded_where_they_live():
    r = run("Ethnic Albanians in Serbia protested on Tuesday. Iraqi Kurds marched in Erbil.")
    agents = bare_agents(r)
    assert agents["Ethnic Albanians in Serbia"] == "SRB-CVL"
    assert agents["Iraqi Kurds"] == "IRQ-CVL"
    albanians = [m for m in r.mentions if m.text == "Albanians"]
    assert all(m.actor_id != "ALB" for m in albanians)


def test_multi_word_country_modifier_makes_an_agent():
    r = run("Ivory Coast rebels rejected the peace plan.")
    assert bare_agents(r)["Ivory Coast rebels"] == "CIV-REB"


def bare_agents(r: DocResult) -> dict[str, str]:
    return {m.text: m.actor_id for m in r.mentions if m.label == "AGENT"}


def test_bare_agents_take_the_documents_dominant_country():
    r = run("Rebel fighters attacked a checkpoint near Kabul on Monday, officials said.",
            "The government condemned the attack. Government troops clashed with militants, "
            "and security forces closed the road while the army sent reinforcements.",
            "Protesters gathered outside a mosque in Kabul. Gunmen fired on a bus.")
    agents = bare_agents(r)
    assert agents["Rebel fighters"] == "AFG-REB"
    assert agents["officials"] == "AFG-GOV"
    assert agents["government"] == "AFG-GOV"
    assert agents["Government troops"] == "AFG-MIL"
    assert agents["militants"] == "AFG-REB"
    assert agents["security forces"] == "AFG-MIL"
    assert agents["army"] == "AFG-MIL"
    assert agents["Protesters"] == "AFG-CVL"
    assert agents["Gunmen"] == "AFG-UAF"
    assert r.actors["AFG-UAF"].kind == "armed_group"


def test_bare_agent_country_order_modifier_then_clause_then_document():
    r = run("Kabul was quiet on Monday and Kabul markets opened. Police arrested two men in "
            "Karachi on Friday. Pakistani police later freed one. The army of Iran said nothing. "
            "Police detained a driver.")
    agents = [(m.text, m.actor_id) for m in r.mentions if m.label == "AGENT"]
    assert agents == [("Police", "PAK-COP"), ("Pakistani police", "PAK-COP"),
                      ("army of Iran", "IRN-MIL"), ("Police", "AFG-COP")]


def test_bare_agents_need_a_place_in_the_document():
    r = run("Police arrested three suspects on Tuesday. The government promised an inquiry.")
    assert bare_agents(r) == {}


def test_agents_of_someone_else_are_not_given_the_local_country():
    r = run("Fighting went on near Aleppo. Foreign troops left the town and their fighters fled. "
            "Iranian-backed militias fired rockets, and Kurdish fighters advanced.")
    assert bare_agents(r) == {}


def test_bare_agents_fill_event_roles():
    from eventwire.events import EventsStage
    r = run("Police arrested three suspects in Kabul on Tuesday. Rebel fighters attacked a "
            "checkpoint near Kabul.")
    EventsStage()([r])
    sources = {e.event_type: e.source_actor_id for e in r.events}
    assert sources.get("COERCE") == "AFG-COP"  # PLOVER codes an arrest as COERCE
    assert sources.get("ASSAULT") == "AFG-REB"
    assert r.actors["AFG-COP"].kind == "police"


# --- coreference ----------------------------------------------------------------------------

def test_pronouns_and_the_group_resolve():
    r = run("Hezbollah fired rockets on Sunday. The group said the strike was a warning.",
            "The leader of Hezbollah, Hassan Nasrallah, spoke on television. He said more would come.")
    coref = {(m.text, m.actor_id) for m in r.mentions if m.source == "coref"}
    assert ("The group", "hezbollah") in coref
    assert ("He", "hassan-nasrallah") in coref


def test_ambiguous_pronoun_is_left_alone():
    r = run("Hassan Nasrallah met Qais Khazali in Beirut. He said nothing afterwards.")
    assert not [m for m in r.mentions if m.source == "coref"]


# --- relations --------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("The leader of al-Shabaab, Ahmad Umar, released a message.",
     ("ahmad-umar", "leader_of", "al-shabaab")),
    ("Hamas's leader Ismail Haniyeh travelled to Doha.",
     ("ismail-haniyeh", "leader_of", "hamas")),
    ("The Taliban chief Haibatullah Akhundzada issued a decree.",
     ("haibatullah-akhundzada", "leader_of", "taliban")),
    ("Quds Force commander Esmail Qaani visited Baghdad.",
     ("esmail-qaani", "leader_of", "irgc-quds-force")),
    ("Abu Mahdi al-Muhandis was deputy commander of the Popular Mobilization Forces.",
     ("abu-mahdi-al-muhandis", "deputy_leader_of", "popular-mobilization-forces")),
    ("Khaled Meshaal is a former member of the Muslim Brotherhood.",
     ("khaled-meshaal", "former_member_of", "muslim-brotherhood")),
    ("Abubakar Shekau took control after Mohammed Yusuf founded Boko Haram.",
     ("mohammed-yusuf", "founder_of", "boko-haram")),
    ("The United States sanctioned Kataib Hezbollah in 2009.",
     ("USA", "sanctions", "kataib-hezbollah")),
    ("The Houthis appear to be coordinating closely with Iran.",
     ("houthis", "aligned_with", "IRN")),
    ("Qassam Brigades is an arm of Hamas.",
     ("qassam-brigades", "part_of", "hamas")),
])
def test_relation_patterns(sentence, expected):
    assert expected in triples(run(sentence))


def test_spokesman_of_the_group_makes_a_provisional_person():
    r = run("Hezbollah fired rockets on Sunday. Yousef Karimi, spokesman of the group, said the "
            "attack was over.")
    spokes = [t for t in triples(r) if t[1] == "spokesperson_of"]
    assert spokes == [("prov:yousef-karimi", "spokesperson_of", "hezbollah")]
    person = r.actors["prov:yousef-karimi"]
    assert (person.kind, person.country, person.provisional) == ("person", "LBN", True)


def test_part_of_list_after_alongside():
    r = run("The Houthis are a key part of the axis, alongside Hezbollah and Hamas, said the analyst. "
            "Kataib Hezbollah is a part of the Popular Mobilization Forces, alongside Asaib Ahl al-Haq "
            "and the Badr Organization.")
    t = triples(r)
    for group in ("kataib-hezbollah", "asaib-ahl-al-haq", "badr-organization"):
        assert (group, "part_of", "popular-mobilization-forces") in t


def test_designation_by_the_speaker_and_passive_sanctions():
    r = run("The US sanctioned Asaib Ahl al-Haq in January. Its leader Qais Khazali was also "
            "sanctioned in January. The US says it designated him a terrorist.")
    t = triples(r)
    assert ("USA", "sanctions", "qais-al-khazali") in t
    assert ("USA", "designates_terrorist", "qais-al-khazali") in t


def test_relations_carry_sentence_evidence_and_stable_ids():
    r = run("Hamas's leader Ismail Haniyeh travelled to Doha.")
    rel = next(x for x in r.relations if x.predicate == "leader_of")
    text = r.article.text
    assert text[rel.evidence_start:rel.evidence_end] == rel.evidence
    assert rel.relation_id == run("Hamas's leader Ismail Haniyeh travelled to Doha.").relations[0].relation_id


def test_actors_map_every_referenced_id():
    r = run("The US killed Kataib Hezbollah leader Abu Mahdi al-Muhandis. Iraqi security forces "
            "closed the road.")
    referenced = {m.actor_id for m in r.mentions if m.actor_id}
    referenced |= {x for rel in r.relations for x in (rel.subject_id, rel.object_id)}
    assert referenced <= set(r.actors)


def test_stage_skips_without_a_parse():
    article = Article(doc_id="x", paragraphs=["Hamas said so."], language="en")
    article.build_text()
    result = DocResult(document=Document("x", "t", "", "text", "h"), article=article)
    ActorsStage()([result])
    assert result.skips and "nlp" in result.skips[0].reason


# --- the seed page ------------------------------------------------------------------------------

# Gold actor keys -> KB ids of this project (the gold names its own keys). The gold's
# "state_military" kind is this KB's "military"; its "state" Syrian regime is the SYR-GOV agent.
GOLD_TO_KB = {
    "nujaba": "harakat-hezbollah-al-nujaba", "kaabi": "akram-al-kaabi", "usa": "USA", "iran": "IRN",
    "irgc": "irgc", "quds_force": "irgc-quds-force", "irgc_aerospace": "irgc-aerospace-force",
    "aah": "asaib-ahl-al-haq", "kh": "kataib-hezbollah", "pmu": "popular-mobilization-forces",
    "badr": "badr-organization", "khazali": "qais-al-khazali", "muhandis": "abu-mahdi-al-muhandis",
    "soleimani": "qasem-soleimani", "amiri": "hadi-al-amiri", "hajizadeh": "amir-ali-hajizadeh",
    "salami": "hossein-salami", "nasrallah": "hassan-nasrallah", "hezbollah": "hezbollah",
    "houthis": "houthis", "isis": "islamic-state", "iraq_security_forces": "IRQ-MIL",
    "syria_gov": "SYR-GOV", "trump": "donald-trump",
}
KIND_SAME = {"state_military": {"military"}, "state": {"state", "government"}}


def seed_result() -> DocResult:
    return seed_gold_result(["nlp", "actors"])


def resolve_gold_key(key: str, result: DocResult) -> str | None:
    if key in GOLD_TO_KB:
        return GOLD_TO_KB[key]
    return None  # people the KB lacks are matched as provisional actors by name below


def test_seed_page_core_actors_and_relations():
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    result = seed_result()
    prov_by_name = {key_variants(a.name)[-1]: a.actor_id for a in result.actors.values() if a.provisional}

    def gold_id(key: str) -> str | None:
        info = gold["actors"][key]
        return GOLD_TO_KB.get(key) or prov_by_name.get(name_key(info["name"]))

    def actor_ok(key: str) -> bool:
        info, actor_id = gold["actors"][key], gold_id(key)
        actor = result.actors.get(actor_id) if actor_id else None
        if actor is None:
            return False
        kind_ok = actor.kind in KIND_SAME.get(info["kind"], {info["kind"]})
        return kind_ok and actor.country == info.get("country")

    gold_actors = [k for k in gold["actors"] if k != "not_actors"]
    found = {k for k in gold_actors if actor_ok(k)}
    core = {k for k in gold_actors if gold["actors"][k].get("core")}
    assert core <= found, core - found

    gold_rel = {(gold_id(s) or s, p, gold_id(o) or o): bool(meta.get("core"))
                for s, p, o, meta in gold["relations"]}
    got = triples(result)
    assert {t for t, c in gold_rel.items() if c} <= got

    # Precision over named actors: KB or provisional actors (agents are scored as gold actors
    # only where the gold lists them).
    named = {a for a, x in result.actors.items() if a != f"{x.country}-{x.sector}"}
    gold_ids = {gold_id(k) for k in gold_actors} - {None}
    rel_tp = len(set(gold_rel) & got)
    rel_text = {t for t in got if t in gold_rel and any(
        (r.subject_id, r.predicate, r.object_id) == t and r.confidence > 0.5 for r in result.relations)}
    print(f"\nseed actors: recall {len(found)}/{len(gold_actors)} = {len(found) / len(gold_actors):.2f}; "
          f"precision {len(named & gold_ids)}/{len(named)} = {len(named & gold_ids) / len(named):.2f} "
          f"(extra: {sorted(named - gold_ids)}; missed: {sorted(set(gold_actors) - found)})")
    print(f"seed relations: recall {rel_tp}/{len(gold_rel)} = {rel_tp / len(gold_rel):.2f} "
          f"({len(rel_text)} from text patterns); precision {rel_tp}/{len(got)} = {rel_tp / len(got):.2f} "
          f"(extra: {sorted(got - set(gold_rel))}; missed: {sorted(set(gold_rel) - got)})")


def test_seed_stage_time_is_small_next_to_spacy():
    text = seed_result().article.text  # also warms the caches built once per process
    kb = load_kb()
    spacy_t, stage_t = [], []
    for _ in range(5):
        article = Article(doc_id="s", paragraphs=text.split("\n\n"), language="en")
        article.build_text()
        result = DocResult(document=Document("s", "t", "", "text", "h"), article=article)
        t0 = time.perf_counter()
        NlpStage()([result])
        t1 = time.perf_counter()
        resolve_actors(result, kb)
        t2 = time.perf_counter()
        spacy_t.append(t1 - t0)
        stage_t.append(t2 - t1)
    spacy_ms, stage_ms = 1000 * min(spacy_t), 1000 * min(stage_t)
    print(f"\nseed timing: spaCy {spacy_ms:.1f} ms, actors stage {stage_ms:.1f} ms "
          f"({100 * stage_ms / spacy_ms:.0f}% of the spaCy pass)")
    assert stage_ms < 0.5 * spacy_ms  # the target is 20%; a loose bound keeps CI stable


def test_collective_heads_take_their_modifiers_sector():
    r = run("Opposition groups in Zimbabwe demanded new elections. Rebel leaders met army "
            "officers in Goma. Seven opposition parties in Nepal called a strike.")
    agents = bare_agents(r)
    assert agents["Opposition groups in Zimbabwe"] == "ZWE-OPP"
    assert agents["Rebel leaders"] == "COD-REB"
    assert agents["army officers"] == "COD-MIL"
    assert agents["Seven opposition parties in Nepal"] == "NPL-OPP"
    # a collective head with no sector word is nobody in particular
    assert "groups" not in " ".join(bare_agents(run("Several groups met in Goma.")))


def test_civilians_named_by_what_they_are_take_the_place_they_are_in():
    r = run("Two suicide bombers killed 23 people in Tel Aviv on Sunday. Prisoners rioted at a "
            "jail in Dili.")
    agents = bare_agents(r)
    assert agents["23 people"] == "ISR-CVL"
    assert agents["Prisoners"] == "TLS-CVL"


def test_led_forces_are_the_leaders_but_backed_ones_are_not():
    agents = bare_agents(run("Vietnamese-led forces shelled the camps near the border."))
    assert agents["Vietnamese-led forces"] == "VNM-MIL"
    assert bare_agents(run("Russian-backed rebels shelled the camps near the border.")) == {}


def test_heads_of_state_link_to_the_kb():
    r = run("President Bush threatened further action against Russia. Ousted President Askar "
            "Akayev agreed to resign.")
    ids = {m.text: m.actor_id for m in r.mentions if m.actor_id}
    assert ids["Bush"] == "george-w-bush" and r.actors["george-w-bush"].country == "USA"
    assert ids["Askar Akayev"] == "askar-akayev"


def test_it_and_they_take_the_nearest_subject_that_agrees_in_number():
    r = run("Israel mounted its long-threatened invasion of the south. Hamas fired rockets at "
            "the town. It said the attack avenged the raid.")
    coref = [(m.text, m.actor_id) for m in r.mentions if m.source == "coref"]
    assert ("its", "ISR") in coref and ("It", "hamas") in coref
    r = run("Iraqi police said it was too early to say who attacked them.")
    coref = [(m.text, m.actor_id) for m in r.mentions if m.source == "coref"]
    assert coref == [("them", "IRQ-COP")]  # "it" disagrees in number with "police"


@pytest.mark.parametrize("sentence, name, country", [
    ("Salma Haddad, Algeria's leading rights activist, began a hunger strike.", "Salma Haddad", "DZA"),
    ("Amina Bello, a Nigerian lawyer, accused the police of torture.", "Amina Bello", "NGA"),
    ("Omar Faris, the Iraqi envoy, met the minister on Monday.", "Omar Faris", "IRQ"),
    ("Peter Okoye, Lagos's mayor, met the minister on Monday.", "Peter Okoye", None),
])
def test_an_appositive_gives_a_new_persons_country(sentence, name, country):
    assert person(run(sentence), name).country == country


def test_a_demonym_and_a_people_tagged_person_is_that_countrys_civilians():
    r = run("Bosnian Serbs demanded a truce on Tuesday.")
    m = next(m for m in r.mentions if m.text == "Bosnian Serbs")
    assert m.actor_id == "BIH-CVL" and "prov:bosnian-serbs" not in r.actors


def test_a_new_group_named_after_its_country_takes_it():
    from eventwire.resolve.actors.linker import country_opening
    from eventwire.resolve.actors.kb import load_kb
    import spacy

    doc = spacy.blank("en")("Afghan Taliban fighters and the Kurdistan Workers Front")
    kb = load_kb()
    assert country_opening(doc[0:2], kb) == "AFG"
    assert country_opening(doc[5:8], kb) is None


def test_an_unknown_body_named_after_its_country_is_coded():
    r = run("The Latvian Constitutional Court cancelled the restrictions. The Nigerian Union of "
            "Teachers called off its strike. The Ruritanian Heritage Trust reopened.")
    ids = {m.text: m.actor_id for m in r.mentions if m.label == "ORG" and m.actor_id}
    assert ids["The Latvian Constitutional Court"] == "LVA-JUD"
    assert r.actors[ids["The Nigerian Union of Teachers"]].country == "NGA"
    # no known country in the name: nothing is invented
    assert "The Ruritanian Heritage Trust" not in ids or \
        r.actors[ids["The Ruritanian Heritage Trust"]].country is None


def test_a_country_name_tagged_person_is_the_state_unless_a_persons_name_holds_it():
    from eventwire.model import Mention
    from eventwire.resolve.actors import state_named_as_person
    from eventwire.resolve.actors.linker import Linking

    link = Linking(load_kb(), text="")
    benin = Mention(0, 5, "Benin", "PERSON", 0)
    assert state_named_as_person(benin, [benin], link) == "BEN"
    jordan = Mention(40, 46, "Jordan", "PERSON", 1)
    player = Mention(0, 14, "Michael Jordan", "PERSON", 0)
    assert state_named_as_person(jordan, [player, jordan], link) is None
    assert state_named_as_person(Mention(0, 9, "Ana Perez", "PERSON", 0), [], link) is None
    assert state_named_as_person(Mention(0, 7, "Ugandan", "PERSON", 0), [], link) == "UGA"


def test_demonym_peoples_placed_in_another_country_are_that_countrys_people():
    r = run("The Hungarians of northern Romania staged a rally on Sunday.")
    assert bare_agents(r)["Hungarians of northern Romania"] == "ROU-CVL"
    # unplaced, or placed at home, the demonym stays the state's
    r = run("The Hungarians of Hungary staged a rally on Sunday.")
    assert "Hungarians of Hungary" not in bare_agents(r)


def test_extremists_are_radicals_of_their_country():
    r = run("Polish extremists painted slogans on the consulate.")
    assert bare_agents(r)["Polish extremists"] == "POL-RAD"
    assert load_kb().get("POL-RAD").country == "POL"


def test_a_people_the_ner_tags_norp_is_placed_and_their_pronoun_follows_it():
    r = run("Bosnian Serbs insisted their fighters had left the hills.")
    assert linked(r, "Bosnian Serbs") == "BIH-CVL"
    # tagged PERSON, the people is still what "their" stands for
    r = run("Bosnian Croats said on Monday their fighters had left the hills.")
    assert [m.actor_id for m in r.mentions if m.text == "their"] == ["BIH-CVL"]


def test_an_appositive_office_of_an_igo_makes_the_person_its_official():
    r = run("The minister met Lena Varga, UN special envoy, in the capital on Monday.")
    actor = person(r, "Lena Varga")
    assert (actor.country, actor.sector) == (None, "IGO")
    # an appositive naming no office says nothing
    r = run("The minister met Lena Varga, UN headquarters staff said on Monday.")
    actor = next((a for a in r.actors.values() if a.name == "Lena Varga"), None)
    assert actor is None or actor.sector != "IGO"


def test_a_demonym_before_a_peoples_demonym_places_the_people():
    r = run("Croatian Serb refugees returned to their villages on Monday.")
    assert bare_agents(r)["Croatian Serb refugees"] == "HRV-REF"
    # coordinated demonyms are two parties, the nearest one still the agent's
    r = run("Polish and Czech troops crossed the river on Monday.")
    assert bare_agents(r)["Polish and Czech troops"] == "CZE-MIL"


@pytest.mark.parametrize("sentence, phrase, agent", [
    ("Polish landowners blocked the road on Monday.", "Polish landowners", "POL-CVL"),
    ("Chilean miners marched to the capital.", "Chilean miners", "CHL-LAB"),
    ("Kenyan doctors went on strike over pay.", "Kenyan doctors", "KEN-HLH"),
    ("Nigerien traders closed their shops in protest.", "Nigerien traders", "NER-BUS"),
])
def test_more_occupations_compose_with_their_demonym(sentence, phrase, agent):
    assert bare_agents(run(sentence))[phrase] == agent


def test_a_demonym_the_ner_splits_is_joined_and_linked():
    r = run("Sierra Leonean soldiers attacked the town.")
    assert linked(r, "Sierra Leonean") == "SLE"
    assert bare_agents(r)["Sierra Leonean soldiers"] == "SLE-MIL"
    assert not any(m.text in ("Sierra", "Leonean") for m in r.mentions)


def test_a_capitalised_adjective_before_a_demonym_is_cut_off_the_name():
    r = run("Radical French farmers blocked the roads into the capital on Monday.")
    assert linked(r, "French") == "FRA"
    assert bare_agents(r)["Radical French farmers"] == "FRA-CVL"
    assert not any(m.text == "Radical French" for m in r.mentions)


def test_a_state_the_ner_leaves_untagged_is_linked_where_it_acts():
    r = run("Uzbekistan opened the border.")
    assert linked(r, "Uzbekistan") == "UZB"
    assert [m.label for m in r.mentions if m.text == "Uzbekistan"] == ["GPE"]
    # a name no state bears is left to the NER
    assert not [m for m in run("Zembla opened the border.").mentions if m.actor_id]


def test_an_untagged_state_that_modifies_a_noun_is_linked_but_not_inside_a_longer_name():
    from eventwire.resolve.actors import modifies_a_noun
    from eventwire.nlp import load_nlp
    doc = load_nlp()("Recent US Predator attacks have killed eight men near the Jordan River.")
    by_text = {t.text: t for t in doc}
    assert modifies_a_noun(by_text["US"])
    assert not modifies_a_noun(by_text["Jordan"])


def test_a_town_the_ner_tags_norp_is_a_place_not_a_people():
    r = run("A car bomb exploded near the town of Samarra on Monday.")
    samarra = [m for m in r.mentions if m.text == "Samarra"]
    assert samarra and all(m.label == "GPE" for m in samarra)
    assert "Samarra" not in bare_agents(r)
    # a people stays a people
    assert any(m.label == "NORP" for m in run("Shiites marched in the capital.").mentions)


def test_a_city_named_as_the_modifier_places_the_agent():
    assert bare_agents(run("Kirkuk protesters blocked the main road."))["Kirkuk protesters"] \
        == "IRQ-CVL"


def test_an_unknown_body_named_as_international_is_a_new_ngo():
    r = run("The Union of African Veterinarians criticised the new rules on Monday.")
    actor = r.actors[linked(r, "The Union of African Veterinarians")]
    assert actor.provisional and (actor.kind, actor.sector, actor.country) == ("ngo", "NGO", None)
    # a national one stays national
    r = run("The Nigerian Union of Teachers called a strike.")
    assert r.actors[linked(r, "The Nigerian Union of Teachers")].country == "NGA"


def test_a_religious_modifier_leaves_the_agent_its_countrys_context():
    # a faith names no country: the demonstrators are placed as bare "demonstrators" would be
    r = run("Police in Cairo dispersed Moslem demonstrators outside a court on Monday.")
    assert bare_agents(r)["Moslem demonstrators"] == "EGY-CVL"


def test_a_region_named_as_the_modifier_places_the_agent():
    # Darfur is a region of Sudan (five Sudanese states), not a city: its rebels are Sudan's
    r = run("Darfur rebels ambushed a supply convoy on Sunday.")
    assert bare_agents(r)["Darfur rebels"] == "SDN-REB"


def test_an_opposition_title_takes_the_country_the_story_is_about():
    # a country's opposition is that country's, as its president is; a rebel leader may be
    # a neighbour's and is left without one (see the titles table above)
    actor = person(run("Opposition leader Tomas Brenn addressed Hungarian voters in a rally."),
                   "Tomas Brenn")
    assert (actor.country, actor.sector) == ("HUN", "OPP")


@pytest.mark.parametrize("sentence, name, country", [
    ("Workers of the United Ferry Company of Mombasa went on strike on Monday.",
     "the United Ferry Company of Mombasa", "KEN"),
    ("Kandahar University students marched on Monday.", "Kandahar University", "AFG"),
])
def test_a_body_whose_name_places_it_is_that_countrys(sentence, name, country):
    r = run(sentence)
    actor = r.actors[linked(r, name)]
    assert actor.provisional and actor.country == country


@pytest.mark.parametrize("sentence, name, actor_id, country", [
    ("NPFL fighters shelled the port again on Friday.", "NPFL", "npfl", "LBR"),
    ("The Liberia Peace Council said it would disarm.", "Liberia Peace Council",
     "liberia-peace-council", "LBR"),
    ("Supporters of the Kifaya movement gathered outside the court.", "Kifaya", "kefaya", "EGY"),
])
def test_kb_knows_liberian_war_factions_and_egypts_kefaya(sentence, name, actor_id, country):
    r = run(sentence)
    found = {m.actor_id for m in r.mentions if name in m.text and m.actor_id}
    assert actor_id in found, [(m.text, m.actor_id) for m in r.mentions]
    assert r.actors[actor_id].country == country


def test_a_city_name_two_countries_share_takes_the_one_its_sentence_names():
    # Tripoli: Libya's capital is the most populous, but the sentence says Lebanon's
    r = run("Gunmen clashed with militias in Tripoli overnight, and residents of the Lebanese "
            "port fled.")
    assert bare_agents(r)["militias in Tripoli"] == "LBN-REB"
    r = run("Militias in Tripoli exchanged fire overnight.")
    assert bare_agents(r)["Militias in Tripoli"] == "LBY-REB"


def test_an_office_of_a_place_before_the_name_gives_the_places_country():
    actor = person(run("Gunmen shot at the governor of Kandahar province, Rahim Dost, on Monday."),
                   "Rahim Dost")
    assert (actor.country, actor.sector) == ("AFG", "GOV")


def test_kb_knows_qatars_emirs():
    r = run("Sheikh Tamim bin Hamad al-Thani received the envoy in Doha.")
    assert linked(r, "Sheikh Tamim bin Hamad al-Thani") == "tamim-bin-hamad-al-thani"
    assert r.actors["tamim-bin-hamad-al-thani"].country == "QAT"


def test_the_one_r_spelling_of_guerrillas_is_an_armed_group_too():
    r = run("Afghan guerillas ambushed a convoy, and guerilla leader Amin Dost fled.")
    assert bare_agents(r)["Afghan guerillas"] == "AFG-REB"
    assert person(r, "Amin Dost").sector == "REB"
