"""The shipped PLV event classifier and the events benchmark.

Every sentence here is written for these tests; source and target are marked ``<s>..</s>`` and
``<t>..</t>``.
"""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.bench import events as bench
from eventwire.events import classifier
from eventwire.nlp import load_nlp


def marked(s: str):
    text, src, tgt = bench.unmark(s)
    return text, src, tgt


def test_unmark_gives_character_spans():
    text, src, tgt = marked("<s>Rebels</s> shelled <t>the garrison</t> at night.")
    assert text == "Rebels shelled the garrison at night."
    assert text[src[0]:src[1]] == "Rebels"
    assert text[tgt[0]:tgt[1]] == "the garrison"


def test_shipped_model_loads_with_15_plv_codes():
    model = classifier.load_model()
    assert sorted(model.classes) == sorted(bench.PLV_CODES)
    assert model.coef.shape == (len(model.index), 15)
    assert len(model.idf) == len(model.index)


# Written for this test, none of them in the training script: one or two per type.
WRITTEN = [
    ("<s>Army gunships</s> bombarded <t>the insurgent stronghold</t> for three days.", "ASSAULT"),
    ("<s>The riot police</s> detained <t>dozens of marchers</t> near the square.", "COERCE"),
    ("<s>The finance ministers</s> signed a pact with <t>their neighbours</t> on grain.", "AGREE"),
    ("<s>The two parties</s> agreed with <t>the mediators</t> on a timetable for elections.",
     "AGREE"),
    ("<s>The envoy</s> met <t>the rebel leadership</t> in the hills on Friday.", "CONSULT"),
    ("<s>The parliament</s> voted down <t>the president's</t> reform bill.", "REJECT"),
    ("<s>The watchdog</s> accused <t>the mining firm</t> of polluting the river.", "ACCUSE"),
    ("<s>The donor countries</s> sent tents and blankets to <t>the refugees</t>.", "AID"),
    ("<s>The coalition</s> urged <t>the junta</t> to free the detainees.", "REQUEST"),
    ("<s>The coalition</s> asked <t>the junta</t> to hold elections.", "REQUEST"),
    ("<s>The rebels</s> freed <t>the hostages</t> on Tuesday.", "YIELD"),
    ("<s>The regulator</s> fined <t>the airline</t> for safety lapses.", "SANCTION"),
    ("<s>The warlord</s> vowed to crush <t>the rival clan</t>.", "THREATEN"),
    ("<s>Hundreds of nurses</s> rallied outside <t>the health ministry</t>.", "PROTEST"),
    ("<s>The premier</s> congratulated <t>the newly elected mayor</t>.", "SUPPORT"),
    ("<s>The republic</s> mobilised reservists near <t>the disputed border</t>.", "MOBILIZE"),
    ("<s>The two agencies</s> launched joint patrols with <t>the coast guard</t>.", "COOPERATE"),
]


@pytest.mark.parametrize("sentence,code", [
    (s, c) for s, c in WRITTEN if c in ("ASSAULT", "COERCE", "CONSULT", "ACCUSE", "YIELD")])
def test_clear_cases_of_common_types(sentence, code):
    text, src, tgt = marked(sentence)
    got, prob = classifier.classify(text, src, tgt)
    assert got == code
    assert 0.5 < prob <= 1.0


def test_most_written_sentences_get_their_type():
    # a floor, not a claim of perfection: out of PLV's domain the model is weaker (see report)
    nlp = load_nlp()
    hits = 0
    for sentence, code in WRITTEN:
        text, src, tgt = marked(sentence)
        hits += classifier.classify(text, src, tgt, doc=nlp(text))[0] == code
    assert hits >= 0.8 * len(WRITTEN)


def test_same_words_different_roles_can_change_the_code():
    # the features see which side is which: path and markers move with the spans
    text = "The guerrillas attacked the convoy after the ministry threatened the guerrillas."
    doc = load_nlp()(text)

    def span(w, start=0):
        i = text.index(w, start)
        return i, i + len(w)

    a = classifier.features(doc, span("The guerrillas"), span("the convoy"))
    b = classifier.features(doc, span("the ministry"), span("the guerrillas", 40))
    assert a != b
    assert "p:lex:ASSAULT" in a and "p:lex:THREATEN" in b


def test_output_is_deterministic_and_probabilities_sum_to_one():
    text, src, tgt = marked("<s>The coalition</s> urged <t>the junta</t> to free the detainees.")
    doc = load_nlp()(text)
    first = classifier.predict(doc, src, tgt)
    again = classifier.predict(load_nlp()(text), src, tgt)
    assert first[0] == again[0] and first[1] == again[1]
    assert np.isclose(first[2].sum(), 1.0)
    assert first[0] == "REQUEST"


def test_missing_roles_still_classify():
    code, prob = classifier.classify("Soldiers fired on a crowd of protesters.", None, None)
    assert code in bench.PLV_CODES and prob > 0


def test_roundtrip_save_load(tmp_path):
    model = classifier.load_model()
    path = tmp_path / "m.npz"
    model.save(path)
    again = classifier.LinearModel.load(path)
    feats = {"w:attack", "p:lex:ASSAULT", "w:<S>_attack"}
    assert np.allclose(model.probabilities(feats), again.probabilities(feats), atol=1e-3)


def test_scores_macro_and_weighted_f1():
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", "C"]
    s = bench.scores(gold, pred, ("A", "B", "C"))
    assert s["accuracy"] == 0.75
    # F1: A 2/3, B 2/3, C 1
    assert s["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)
    assert s["weighted_f1"] == pytest.approx((2 * 2 / 3 + 2 / 3 + 1) / 4)


def test_combination_prefers_the_rule_coder_only_when_unsure_and_roles_match():
    assert bench.combine(("ASSAULT", 2), "COERCE", 0.3) == "ASSAULT"
    assert bench.combine(("ASSAULT", 2), "COERCE", 0.9) == "COERCE"
    assert bench.combine(("ASSAULT", 1), "COERCE", 0.3) == "COERCE"
    assert bench.combine((None, 0), "COERCE", 0.3) == "COERCE"


def test_benchmark_exits_with_a_message_without_eval_data(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("EVENTWIRE_EVAL_DIR", str(tmp_path / "missing"))
    with pytest.raises(SystemExit) as exc:
        bench.main([])
    assert "evaluation data not found" in str(exc.value.code)


def test_per_class_f1_gives_each_gold_label_its_f1_and_support():
    per = bench.per_class_f1(["A", "A", "B", "C"], ["A", "B", "B", "B"], ("A", "B", "C", "D"))
    assert set(per) == {"A", "B", "C"}  # D has no gold item
    assert per["A"] == (pytest.approx(2 / 3), 2)
    assert per["B"] == (pytest.approx(0.5), 1)
    assert per["C"] == (0.0, 1)


def test_written_examples_are_marked_and_coded():
    items = bench.load_written()
    assert len(items) >= 200
    for it in items:
        assert it.label in bench.PLV_CODES
        assert it.source is not None and it.target is not None, it.text
        assert "<s>" not in it.text and "<t>" not in it.text
    assert {it.label for it in items} == set(bench.PLV_CODES)


def test_dense_block_reads_the_parse_tensor_and_is_empty_without_one():
    text, src, tgt = marked("<s>Rebels</s> shelled <t>the garrison</t> at night.")
    doc = load_nlp()(text)
    dense = classifier.dense_features(doc, src, tgt)
    model = classifier.load_model()
    assert dense.shape == (len(model.dense_coef),)
    # five unit-length blocks, each scaled by the dense weight
    norms = np.linalg.norm(dense.reshape(classifier.DENSE_BLOCKS, -1), axis=1)
    assert np.allclose(norms, classifier.DENSE_WEIGHT, atol=1e-4)
    no_roles = classifier.dense_features(doc, None, None)
    assert np.count_nonzero(no_roles[: 4 * doc.tensor.shape[1]]) == 0
    doc.tensor = np.zeros((0, 0), dtype=np.float32)
    assert classifier.dense_features(doc, src, tgt).size == 0
    # without the block the sparse part still decides
    assert classifier.predict(doc, src, tgt)[0] == "ASSAULT"


def test_span_agreement_runs_the_pipeline_without_the_marks(tmp_path):
    """Two sentences written for this test, in the PLV file layout: the pipeline finds the
    attack and the protest and their roles overlap the marked ones."""
    rows = [("ASSAULT", "<s>Rebel fighters</s> attacked <t>an army convoy</t> near Mosul on Monday."),
            ("PROTEST", "<s>Students</s> protested against <t>the Kenyan government</t> in Nairobi.")]
    lines = ["uid\tgold_root\tmarked_sentence"] + [f"{i}\t{code}\t{m}" for i, (code, m) in enumerate(rows)]
    (tmp_path / "PLV_test.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = bench.plv_span_agreement(tmp_path, "test")
    assert out["n"] == 2 and out["type_found"] == 1.0
    assert out["source_overlap"]["r"] == 1.0
    assert 0.0 <= out["both_exact"]["f1"] <= out["both_overlap"]["f1"] <= 1.0
