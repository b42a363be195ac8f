"""Source and target roles (events/roles.py): cases the role finder reads past the parse.

Every sentence here is written for these tests, with made-up countries. Each test parses with
the shared spaCy pipeline (``NlpStage``), then states its own mentions, so the result does not
depend on the actor and place resolvers.
"""

from __future__ import annotations

import pytest

from eventwire.events import EventsStage
from eventwire.model import Actor, Article, Document, DocResult, Mention, content_hash
from eventwire.nlp import NlpStage


def parse(text: str) -> DocResult:
    doc = Document("doc-roles", "test", text, "text", content_hash(text))
    art = Article("doc-roles", paragraphs=[text], language="en")
    art.build_text()
    result = DocResult(doc, article=art)
    NlpStage()([result])
    result.mentions = []  # the test states its own mentions
    return result


def state(result: DocResult, surface: str, actor_id: str, label: str = "GPE") -> None:
    start = result.article.text.index(surface)
    result.mentions.append(Mention(start, start + len(surface), surface, label,
                                   result.sentence_of(start).index, actor_id=actor_id))


def agent(result: DocResult, surface: str, actor_id: str, name: str, kind: str) -> None:
    """A state's agent ("CHL-COP": Chile's police) mentioned as ``surface``."""
    state(result, surface, actor_id, "AGENT")
    country, sector = actor_id.split("-")
    result.actors[actor_id] = Actor(actor_id, name, kind, country=country, sector=sector)


def coded(text: str, event_type: str, trigger: str | None = None, **states: str):
    """The one event of ``event_type`` (and of ``trigger``'s first word, where given)."""
    r = parse(text)
    for surface, actor_id in states.items():
        state(r, surface, actor_id)
    EventsStage()([r])
    found = [e for e in r.events if e.event_type == event_type
             and (trigger is None or e.trigger.split()[0] == trigger)]
    assert len(found) == 1, [(e.event_type, e.trigger, e.source_text, e.target_text) for e in r.events]
    return found[0]


def test_object_shifted_after_an_as_phrase_is_still_the_target():
    # the parse hangs "Freedonia's treatment" on "injustice" as an apposition
    e = coded("Ruritania on Monday condemned as a grave injustice Freedonia's treatment of the "
              "fishermen.", "ACCUSE", Ruritania="RUR", Freedonia="FRE")
    assert (e.source_actor_id, e.target_actor_id) == ("RUR", "FRE")


def test_actor_deep_in_the_object_phrase_is_the_target():
    e = coded("Ruritania suspended part of a loan programme for Freedonia.", "COERCE",
              Ruritania="RUR", Freedonia="FRE")
    assert (e.source_actor_id, e.target_actor_id) == ("RUR", "FRE")


def test_who_reports_the_deed_is_not_its_target():
    e = coded("Ruritania rejected the plan, according to a statement by Freedonia.", "REJECT",
              Ruritania="RUR", Freedonia="FRE")
    assert e.source_actor_id == "RUR" and e.target_actor_id is None


def test_an_actor_in_a_relative_clause_is_not_the_target():
    e = coded("Ruritania rejected the proposal, which Freedonia later praised.", "REJECT",
              "rejected", Ruritania="RUR", Freedonia="FRE")
    assert e.source_actor_id == "RUR" and e.target_actor_id is None


def test_whom_a_deed_allows_is_the_subject_the_parse_gives_the_infinitive():
    # "allow X to join": the parse makes X the subject of "join", not the object of "allow"
    e = coded("The court decided to allow Freedonia to join the talks.", "CONCEDE",
              Freedonia="FRE")
    assert e.target_actor_id == "FRE"



def test_a_target_that_is_the_doer_itself_gives_way_to_the_other_party():
    r = parse("Ruritania plans to impose curbs on its own banks over loans to Freedonian firms.")
    state(r, "Ruritania", "RUR")
    state(r, "its", "RUR")  # as coreference links it
    state(r, "Freedonian", "FRE")
    EventsStage()([r])
    e = next(e for e in r.events if e.event_type == "SANCTION")
    assert (e.source_actor_id, e.target_actor_id) == ("RUR", "FRE")


def test_an_actor_in_a_time_phrase_is_not_the_target():
    e = coded("Ruritania will impose curbs on the fishing fleet after talks with Freedonia.",
              "SANCTION", Ruritania="RUR", Freedonia="FRE")
    assert e.source_actor_id == "RUR" and e.target_actor_id is None


@pytest.mark.parametrize("sentence, event_type", [
    ("Ruritania charged that Freedonia had broken the truce.", "ACCUSE"),
    ("Ruritania protested that Freedonia had seized its fishing boats.", "PROTEST"),
])
def test_whom_a_charge_or_protest_is_about_is_the_subject_of_its_clause(sentence, event_type):
    e = coded(sentence, event_type, Ruritania="RUR", Freedonia="FRE")
    assert (e.source_actor_id, e.target_actor_id) == ("RUR", "FRE")


def test_a_protest_in_defiance_of_someone_targets_them():
    e = coded("Thousands of farmers blocked roads in Ruritania in defiance of the Freedonian "
              "governor.", "PROTEST", Ruritania="RUR", Freedonian="FRE")
    assert e.target_actor_id == "FRE"


def test_a_preposition_the_parse_left_without_its_object_still_leads_to_the_target():
    # "officers" is parsed as the subject of "holed", leaving "to" with no object
    e = coded("Ruritania has granted asylum to three Freedonian officers holed up in an embassy "
              "since last week's coup.", "AID", Ruritania="RUR", Freedonian="FRE")
    assert (e.source_actor_id, e.target_actor_id) == ("RUR", "FRE")


def test_a_date_in_the_possessive_is_not_the_doer_of_an_event_noun():
    r = parse("Ruritania condemned last month's invasion.")
    state(r, "Ruritania", "RUR")
    EventsStage()([r])
    assert not any(e.source_text and "month" in e.source_text for e in r.events), r.events


def test_a_warning_targets_whom_the_deed_it_announces_is_aimed_at():
    e = coded("Ruritania warned that it would strike Freedonia.", "THREATEN",
              Ruritania="RUR", Freedonia="FRE")
    assert (e.source_actor_id, e.target_actor_id) == ("RUR", "FRE")


def test_who_survives_an_attack_was_its_target():
    r = parse("Governor Rahim Dost survived the attack.")
    state(r, "Rahim Dost", "dost", "PERSON")
    EventsStage()([r])
    e = next(e for e in r.events if e.event_type == "ASSAULT")
    assert e.target_actor_id == "dost"


def test_a_relational_noun_is_not_its_possessor():
    # "Freedonia's ally" is some other party, tied to Freedonia
    e = coded("Ruritania attacked Freedonia's closest ally.", "ASSAULT",
              Ruritania="RUR", Freedonia="FRE")
    assert e.source_actor_id == "RUR" and e.target_actor_id != "FRE"


def test_emergency_measures_target_the_doers_own_country():
    r = parse("The government imposed martial law on Monday.")
    agent(r, "The government", "CHL-GOV", "Chile government", "government")
    EventsStage()([r])
    e = next(e for e in r.events if e.source_actor_id == "CHL-GOV")
    assert (e.target_actor_id, e.target_basis) == ("CHL", "place")


def test_a_strike_called_off_was_aimed_at_the_strikers_own_state():
    r = parse("The teachers' union said it had called off its strike.")
    agent(r, "The teachers' union", "CHL-LAB", "Chile labour", "organization")
    EventsStage()([r])
    e = next(e for e in r.events if e.event_type == "CONCEDE")
    assert (e.source_actor_id, e.target_actor_id) == ("CHL-LAB", "CHL")


def test_whom_a_states_police_disperse_are_of_its_country():
    r = parse("Chilean police dispersed the marchers with tear gas.")
    agent(r, "Chilean police", "CHL-COP", "Chile police", "police")
    EventsStage()([r])
    e = next(e for e in r.events if e.source_actor_id == "CHL-COP")
    assert (e.target_actor_id, e.target_basis) == ("CHL", "place")
