"""The actors benchmark: a clean exit without evaluation data, and its scoring helpers on
small inputs written for these tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from eventwire.bench import actors as bench
from eventwire.model import Actor


def test_exits_with_a_message_when_the_eval_folder_is_missing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EVENTWIRE_EVAL_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(SystemExit) as stop:
        bench.main(["--no-speed"])
    assert "evaluation data not found" in str(stop.value.code)
    assert "EVENTWIRE_EVAL_DIR" in str(stop.value.code)


def test_gold_role_maps_old_codes_and_drops_unknown_sectors():
    role = bench.gold_role([{"actorText": "Tokyo", "code": "JAP"},
                            {"actorText": "rebels", "code": "SRB", "sector": "CVLalb"},
                            {"actorText": "x", "code": "ISR", "sector": "***"}])
    assert role.codes == {"JPN", "SRB", "ISR"} and role.sectors == {"CVL"}
    assert bench.gold_role("") is None and bench.gold_role([]) is None


def test_actor_code_of_states_agents_and_international_actors():
    assert bench.actor_code(Actor("IRQ", "Iraq", "state", country="IRQ")) == ("IRQ", "GOV")
    assert bench.actor_code(Actor("TUR-COP", "Turkey police", "police", country="TUR",
                                  sector="COP")) == ("TUR", "COP")
    assert bench.actor_code(Actor("un", "United Nations", "igo", sector="IGO")) == ("IGO", "IGO")
    assert bench.actor_code(Actor("p", "X", "person", sector="IGO")) == ("IGO", "IGO")
    assert bench.actor_code(None) == (None, None)


def ev(kind, source=None, target=None):
    return SimpleNamespace(event_type=kind, source_actor_id=source, target_actor_id=target,
                           source_text=source, target_text=target)


def test_pick_event_prefers_the_gold_type_then_filled_roles():
    a, b, c = ev("ASSAULT", "x"), ev("REQUEST", "x"), ev("REQUEST", "x", "y")
    assert bench.pick_event([a, b, c], "DEMAND") is c  # DEMAND folds into REQUEST
    assert bench.pick_event([a, b], "AGREE") is a  # no AGREE: the first, most filled
    assert bench.pick_event([], "AGREE") is None


def test_gsr_scores_count_coverage_and_accuracy():
    actors = {"FRA": Actor("FRA", "France", "state", country="FRA"),
              "DEU-GOV": Actor("DEU-GOV", "Germany government", "government", country="DEU",
                               sector="GOV")}
    rec1 = {"event": "CONSULT", "source": [{"code": "FRA"}],
            "target": [{"code": "DEU", "sector": "GOV"}]}
    rec2 = {"event": "CONSULT", "source": [{"code": "ITA", "sector": "GOV"}], "target": ""}
    res1 = SimpleNamespace(events=[ev("CONSULT", "FRA", "DEU-GOV")], actors=actors)
    res2 = SimpleNamespace(events=[], actors=actors)
    out = bench.gsr_scores([(rec1, res1), (rec2, res2)])
    assert out["source"]["gold"] == 2 and out["source"]["coverage"] == 0.5
    assert out["source"]["country_acc"] == 0.5 and out["source"]["country_acc_covered"] == 1.0
    assert out["source"]["sector_gold"] == 1 and out["source"]["sector_acc"] == 0.0
    assert out["target"]["gold"] == 1 and out["target"]["country_acc"] == 1.0
    assert out["target"]["sector_acc"] == 1.0


def test_detokenize_rebuilds_text_and_role_spans():
    item = bench.detokenize([("The", "B-S"), ("European", "I-S"), ("Union", "I-S"),
                             ("urged", "O"), ("Moscow", "B-T"), ("’", "I-T"), ("s", "I-T"),
                             ("leaders", "O"), (".", "O")])
    assert item.text == "The European Union urged Moscow’s leaders."
    s, t = item.spans["S"], item.spans["T"]
    assert item.text[s[0]:s[1]] == "The European Union" and item.text[t[0]:t[1]] == "Moscow’s"


def test_span_f1_exact_ignores_a_leading_article_and_overlap_is_looser():
    item = bench.SpanItem("The army shelled the town of Kiro.", {"S": (0, 8), "T": (17, 33)})
    pred = {"S": (4, 8), "T": (21, 25)}  # "army", "town"
    out = bench.span_f1([item], [pred])
    assert out["source_exact"]["f1"] == 1.0  # "The army" == "army"
    assert out["target_exact"]["f1"] == 0.0 and out["target_overlap"]["f1"] == 1.0
    assert out["both_exact"]["p"] == 0.5 and out["both_exact"]["r"] == 0.5


def test_event_spans_take_the_event_with_both_roles():
    text = "Rebels attacked the capital and police arrested them."
    events = [ev("ASSAULT", "Rebels"), ev("COERCE", "police", "them")]
    p, t = text.index("police"), text.index("them")
    assert bench.event_spans(text, events) == {"S": (p, p + 6), "T": (t, t + 4)}
    assert bench.event_spans(text, []) == {}


def test_seed_kinds_accept_the_gold_families():
    assert bench.kind_fits("state_military", "military")
    assert bench.kind_fits("state", "government") and not bench.kind_fits("state", "person")
    assert bench.kind_fits(None, "person") and bench.kind_fits("armed_group", "armed_group")


def test_gold_type_event_keeps_a_detected_event_of_the_gold_type():
    a, b = ev("ASSAULT", "x"), ev("CONSULT", "x", "y")
    res = SimpleNamespace(events=[a, b], actors={})
    assert bench.gold_type_event({"event": "CONSULT"}, res) is b
    assert bench.end_to_end_event({"event": "ASSAULT"}, res) is a
    assert bench.end_to_end_event({"event": "AGREE"}, res) is b  # none of the type: most filled


def test_record_rows_say_per_role_what_was_coded_and_whether_it_is_right():
    actors = {"FRA": Actor("FRA", "France", "state", country="FRA")}
    rec = {"id": "r1", "text": "France met Germany.", "event": "CONSULT",
           "source": [{"code": "FRA"}], "target": [{"code": "DEU", "sector": "GOV"}]}
    event = SimpleNamespace(event_type="CONSULT", trigger="met", source_actor_id="FRA",
                            target_actor_id=None, source_text="France", target_text=None)
    (row,) = bench.record_rows([(rec, SimpleNamespace(events=[event], actors=actors))])
    assert (row["event"], row["trigger"]) == ("CONSULT", "met")
    assert row["source"]["ok"] is True and row["source"]["code"] == "FRA"
    assert row["target"]["ok"] is False and row["target"]["code"] is None
    assert row["target"]["gold"] == ["DEU"] and row["target"]["gold_sector"] == ["GOV"]
