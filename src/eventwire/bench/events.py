"""Event coding benchmark: PLV root codes and ConfliBERT CAMEO classes, plus speed.

    eventwire bench events [--split test|dev] [--limit N]

PLV (``../shared/eval/events/plv/``): the gold root code (15 codes) of each sentence given its
marked source and target; accuracy, macro-F1 and weighted F1 for (a) the rule coder, (b) the
trained classifier and (c) their combination (the rule coder's type where it codes the marked
pair with a lexicon type, else the classifier). ConfliBERT CAMEO: 5-class accuracy (0 neutral,
1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict) with the
PLOVER quad class of the predicted type; the rule coder says 0 where it finds no event.
``--split dev`` scores the train files instead, the classifier by 5-fold cross-validation
(needs scikit-learn). Data is read in place, never copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from .common import eval_dir, machine

PLV_CODES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE",
             "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# PLOVER-GSR v0.5 names that PLV (and eventwire's PLOVER) folds into another code
GSR_TO_PLV = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT", "CONCEDE": "YIELD", "RETREAT": "YIELD"}
# PLV root codes to the CAMEO quad classes of the ConfliBERT labels
PLV_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "REQUEST": 1, "COOPERATE": 2, "AID": 2,
            "YIELD": 2, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4,
            "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
MARK = re.compile(r"</?[st]>")
WRITTEN_FILE = "events/written_examples.tsv"


@dataclass(slots=True)
class Item:
    text: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    label: str


# --- data ----------------------------------------------------------------------------------------

def unmark(marked: str) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    """``<s>Iran</s> attacked <t>X</t>`` -> text and the character spans of the two roles."""
    spans: dict[str, list[int]] = {}
    out, pos = [], 0
    for m in MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        spans.setdefault(m.group()[-2], []).append(sum(map(len, out)))
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)

    def span(k):
        s = spans.get(k)
        return (s[0], s[1]) if s and len(s) == 2 else None

    return text, span("s"), span("t")


def load_plv(path: Path) -> list[Item]:
    items = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            text, s, t = unmark(row["marked_sentence"])
            items.append(Item(text, s, t, row["gold_root"]))
    return items


def load_cameo(folder: Path, split: str) -> list[Item]:
    """Class file rows, with the source/target spans of the BIO file where the tokens match."""
    spans = _cameo_bio_spans(folder / f"cameo_ner_{split}.txt")
    items = []
    with open(folder / f"cameo_class_{split}.tsv", encoding="utf-8") as f:
        for line in f:
            if "\t" not in line:
                continue
            text, label = line.rstrip("\n").rsplit("\t", 1)
            s, t = _align(text, spans.get(re.sub(r"\s+", "", text)))
            items.append(Item(text, s, t, label.strip()))
    return items


def _cameo_bio_spans(path: Path) -> dict[str, list[tuple[str, str]]]:
    out, cur = {}, []
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    for line in [*lines, ""]:
        if not line.strip():
            if cur:
                out["".join(w for w, _ in cur)] = cur
            cur = []
            continue
        w, _, tag = line.rpartition(" ")
        cur.append((w, tag))
    return out


def _align(text: str, tagged) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    if not tagged:
        return None, None
    found: dict[str, list[int]] = {}
    pos = 0
    for w, tag in tagged:
        start = text.find(w, pos)
        if start < 0:
            return None, None
        pos = start + len(w)
        if tag[2:] in ("S", "T") and tag[:1] in ("B", "I"):
            span = found.get(tag[2:])
            if tag[0] == "B" and span is None:
                found[tag[2:]] = [start, pos]
            elif span is not None and span[1] <= start <= span[1] + 1:
                span[1] = pos
    s, t = found.get("S"), found.get("T")
    return (tuple(s) if s else None), (tuple(t) if t else None)


def load_gsr(folder: Path) -> list[Item]:
    """PLOVER-GSR records with their first source and target actor text found in the text."""
    items = []
    for r in json.loads((folder / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8")):
        code = GSR_TO_PLV.get(r.get("event"), r.get("event"))
        text = r.get("text")
        if code not in PLV_CODES or not text:
            continue
        items.append(Item(text, _actor_span(text, r.get("source")),
                          _actor_span(text, r.get("target")), code))
    return items


def load_written() -> list[Item]:
    """The PLV-style sentences written for eventwire (``data/events/written_examples.tsv``)."""
    from importlib import resources

    text = resources.files("eventwire.data").joinpath(WRITTEN_FILE).read_text("utf-8")
    items = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marked, code = line.rsplit("\t", 1)
        sentence, s, t = unmark(marked)
        items.append(Item(sentence, s, t, code.strip()))
    return items


def _actor_span(text: str, actors) -> tuple[int, int] | None:
    if isinstance(actors, str):
        actors = [{"actorText": actors}]
    for a in actors or ():
        name = (a or {}).get("actorText") or ""
        i = text.find(name) if name else -1
        if i >= 0:
            return i, i + len(name)
    return None


# --- systems -------------------------------------------------------------------------------------

def parse_all(texts: list[str]):
    from ..nlp import load_nlp

    return list(load_nlp().pipe(texts, batch_size=64))


def rule_match(doc, item: Item):
    """(PLV code, how many marked roles the chosen event fills) or (None, 0)."""
    from ..events import code_events
    from ..events.ontology import plv_code

    events = code_events(_doc_result(doc, item))
    if not events:
        return None, 0
    score = lambda e: (e.source_actor_id == "S") + (e.target_actor_id == "T")  # noqa: E731
    best = max(events, key=score)
    return plv_code(best.event_type), score(best)


def _doc_result(doc, item: Item):
    from ..model import Article, DocResult, Document, Mention, Sentence

    text = doc.text
    art = Article("plv", paragraphs=[text], published=None, language="en")
    art.build_text()
    res = DocResult(Document("plv", "plv", text, "text", "h"), article=art)
    res.spacy_doc = doc
    res.sentences = [Sentence(0, 0, len(text), text)]
    for key, span in (("S", item.source), ("T", item.target)):
        if span:
            res.mentions.append(Mention(span[0], span[1], text[span[0]:span[1]], "ORG", 0,
                                        actor_id=key))
    return res


def combine(rule: tuple[str | None, int], clf: str, clf_prob: float) -> str:
    """The rule coder where its event fills both marked roles and the classifier is unsure;
    else the classifier."""
    code, filled = rule
    if code is not None and filled == 2 and clf_prob < COMBINE_BELOW:
        return code
    return clf


COMBINE_BELOW = 0.5
TRAIN_C = 30.0  # as scripts/train_event_classifier.py


# --- scores --------------------------------------------------------------------------------------

def scores(gold: list[str], pred: list[str], labels) -> dict[str, float]:
    n = len(gold)
    acc = sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0
    f1s, weights = [], []
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        fp = sum(p == lab != g for g, p in zip(gold, pred))
        fn = sum(g == lab != p for g, p in zip(gold, pred))
        support = tp + fn
        if support == 0:
            continue
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        weights.append(support)
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    weighted = sum(f * w for f, w in zip(f1s, weights)) / sum(weights) if weights else 0.0
    return {"accuracy": acc, "macro_f1": macro, "weighted_f1": weighted}


def per_class_f1(gold: list[str], pred: list[str], labels) -> dict[str, tuple[float, int]]:
    """F1 and gold support of each label (labels without gold items left out)."""
    out = {}
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        fp = sum(p == lab != g for g, p in zip(gold, pred))
        fn = sum(g == lab != p for g, p in zip(gold, pred))
        if tp + fn:
            out[lab] = (2 * tp / (2 * tp + fp + fn), tp + fn)
    return out


# --- the benchmark -------------------------------------------------------------------------------

def evaluate_plv(folder: Path, split: str, limit: int | None = None) -> dict:
    from ..events import classifier

    items = load_plv(folder / ("PLV_test.tsv" if split == "test" else "PLV_train.tsv"))[:limit]
    docs = parse_all([it.text for it in items])
    t0 = time.perf_counter()
    rules = [rule_match(d, it) for d, it in zip(docs, items)]
    rule_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    if split == "test":
        clf = [classifier.predict(d, it.source, it.target)[:2] for d, it in zip(docs, items)]
    else:
        clf = _cross_validated(docs, items, folder.parent / "plover-gsr")
    clf_s = time.perf_counter() - t0
    gold = [it.label for it in items]
    rule_pred = [c or "NONE" for c, _ in rules]
    clf_pred = [c for c, _ in clf]
    comb_pred = [combine(r, c, p) for r, (c, p) in zip(rules, clf)]
    return {
        "n": len(items),
        "rule": scores(gold, rule_pred, PLV_CODES),
        "rule_coverage": sum(c is not None for c, _ in rules) / max(len(items), 1),
        "classifier": scores(gold, clf_pred, PLV_CODES),
        "combined": scores(gold, comb_pred, PLV_CODES),
        "classifier_per_class": per_class_f1(gold, clf_pred, PLV_CODES),
        "rule_sent_s": len(items) / rule_s if rule_s else 0.0,
        "clf_sent_s": len(items) / clf_s if clf_s and split == "test" else None,
    }


def plv_span_agreement(folder: Path, split: str, limit: int | None = None) -> dict:
    """The whole pipeline (after extraction) on the PLV sentences without their marks: how
    far the source and target it finds agree with the marked ones. "The" event is one of the
    gold's PLV code that fills both roles, else any of that code, else the first."""
    from ..events.ontology import plv_code
    from .actors import SpanItem, event_spans, run_texts, span_f1

    items = [it for it in load_plv(folder / ("PLV_test.tsv" if split == "test" else "PLV_train.tsv"))
             [:limit] if it.source and it.target]
    results = run_texts([it.text for it in items])
    gold, predicted = [], []
    for it, res in zip(items, results):
        same = [e for e in res.events if plv_code(e.event_type) == it.label]
        gold.append(SpanItem(it.text, {"S": it.source, "T": it.target}))
        predicted.append(event_spans(it.text, same or res.events))
    out = span_f1(gold, predicted)
    out["n"] = len(items)
    out["type_found"] = sum(any(plv_code(e.event_type) == it.label for e in res.events)
                            for it, res in zip(items, results)) / max(len(items), 1)
    return out


def seed_events() -> dict | None:
    """Events of the seed page against its gold (``eventwire bench seed`` in full)."""
    from .common import shared_dir
    from .seed import run_seed

    base = shared_dir()
    if base is None:
        return None
    seeds = sorted((base / "seeds").glob("*.txt")) if (base / "seeds").is_dir() else []
    pairs = [(s, base / "gold" / f"{s.stem}.yaml") for s in seeds]
    pairs = [(s, g) for s, g in pairs if g.exists()]
    if not pairs:
        return None
    _, report = run_seed(*pairs[0])
    return {k: report.get(k) for k in ("events_core_recall", "events_core_full_recall",
                                       "events_all_recall", "events_all_full_recall",
                                       "events_precision", "events_realised")}


def _cross_validated(docs, items, gsr: Path) -> list[tuple[str, float]]:
    """5-fold cross-validated classifier predictions on the dev split (train files), the
    PLOVER-GSR records and the written sentences joining every training fold as in the
    training script."""
    from ..events import classifier

    extra = (load_gsr(gsr) if gsr.exists() else []) + load_written()
    extra_docs = parse_all([it.text for it in extra])
    rows = [classifier.example(d, it) for d, it in zip(extra_docs, extra)]
    return classifier.cross_val_predict(docs, items, extra=rows, c=TRAIN_C)


def evaluate_cameo(folder: Path, split: str, limit: int | None = None) -> dict:
    from ..events import classifier

    items = load_cameo(folder, "test" if split == "test" else "train")[:limit]
    docs = parse_all([it.text for it in items])
    gold = [it.label for it in items]
    rule_q, clf_q, comb_q = [], [], []
    for d, it in zip(docs, items):
        r = rule_match(d, it)
        code, prob, _ = classifier.predict(d, it.source, it.target)
        rule_q.append(str(PLV_QUAD[r[0]]) if r[0] else "0")
        clf_q.append(str(PLV_QUAD[code]))
        comb_q.append(str(PLV_QUAD[combine(r, code, prob)]))
    labels = ("0", "1", "2", "3", "4")
    return {"n": len(items), "with_spans": sum(it.source is not None for it in items),
            "rule": scores(gold, rule_q, labels)["accuracy"],
            "classifier": scores(gold, clf_q, labels)["accuracy"],
            "combined": scores(gold, comb_q, labels)["accuracy"]}


def speed(folder: Path, n: int = 300) -> dict[str, float]:
    """Sentences/s on one core: the parse, the rule coder, and the classifier, separately."""
    from ..events import classifier
    from ..nlp import load_nlp

    items = load_plv(folder / "PLV_train.tsv")[:n]
    nlp = load_nlp()
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe([it.text for it in items], batch_size=64))
    parse_s = time.perf_counter() - t0
    classifier.predict(docs[0], items[0].source, items[0].target)
    t0 = time.perf_counter()
    for d, it in zip(docs, items):
        rule_match(d, it)
    rule_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d, it in zip(docs, items):
        classifier.predict(d, it.source, it.target)
    clf_s = time.perf_counter() - t0
    return {"parse": n / parse_s, "rule": n / rule_s, "classifier": n / clf_s,
            "rule+classifier (no parse)": n / (rule_s + clf_s),
            "end to end": n / (parse_s + rule_s + clf_s)}


def _fmt(s: dict[str, float]) -> str:
    return f"{s['accuracy']:.3f} | {s['macro_f1']:.3f} | {s['weighted_f1']:.3f}"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="eventwire bench events", description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("test", "dev"), default="test")
    ap.add_argument("--limit", type=int, default=None, help="first N items of each set")
    args = ap.parse_args(argv)
    events_dir = eval_dir("events")
    _one_core()
    plv = evaluate_plv(events_dir / "plv", args.split, args.limit)
    cameo = evaluate_cameo(events_dir / "conflibert-cameo", args.split, args.limit)
    sp = speed(events_dir / "plv")
    how = "test" if args.split == "test" else "train, classifier by 5-fold cross-validation"
    print(f"## Events ({how}; {machine()})\n")
    print(f"PLV {args.split}: {plv['n']} pairs, 15 root codes given the marked source and target; "
          f"rule coder codes {plv['rule_coverage']:.1%} of pairs (the rest count as wrong).\n")
    print("| system | PLV accuracy | PLV macro-F1 | PLV weighted F1 | CAMEO 5-class acc |")
    print("|---|---|---|---|---|")
    print(f"| rule coder (lexicon + parse) | {_fmt(plv['rule'])} | {cameo['rule']:.3f} |")
    print(f"| classifier (linear, shipped) | {_fmt(plv['classifier'])} | {cameo['classifier']:.3f} |")
    print(f"| combined (rule if both roles filled and classifier p<{COMBINE_BELOW}) "
          f"| {_fmt(plv['combined'])} | {cameo['combined']:.3f} |")
    print("| published best (ZSP, NLI on GPU) | 0.838 | 0.824 | - | - |")
    per = plv["classifier_per_class"]
    print("\nClassifier F1 per PLV code (gold count): " + ", ".join(
        f"{k} {f:.3f} ({n})" for k, (f, n) in per.items()))
    print(f"\nCAMEO {args.split}: {cameo['n']} sentences ({cameo['with_spans']} with source/target "
          "spans from the BIO file); the rule coder says class 0 where it codes nothing.\n")
    agree = plv_span_agreement(events_dir / "plv", args.split, args.limit)
    print(f"\nPLV {args.split} without the marks ({agree['n']} sentences; the pipeline finds an "
          f"event of the gold's code in {agree['type_found']:.1%}): source/target span agreement\n")
    print("| role | exact P / R / F1 | overlap P / R / F1 |\n|---|---|---|")
    for role in ("source", "target", "both"):
        ex, ov = agree[f"{role}_exact"], agree[f"{role}_overlap"]
        print(f"| {role} | {ex['p']:.3f} / {ex['r']:.3f} / {ex['f1']:.3f} "
              f"| {ov['p']:.3f} / {ov['r']:.3f} / {ov['f1']:.3f} |")
    seed = seed_events()
    if seed:
        print("\nSeed page (type, source and target right; 'full' adds date and place): "
              + ", ".join(f"{k.removeprefix('events_')} {v:.3f}" if isinstance(v, float)
                          else f"{k.removeprefix('events_')} {v}" for k, v in seed.items()) + "\n")
    print("| speed, one core | sentences/s |\n|---|---|")
    for k, v in sp.items():
        print(f"| {k} | {v:,.0f} |")
    return 0


def _one_core() -> None:
    """Speed is reported per core: pin BLAS and the process to one CPU where possible."""
    import os

    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass
