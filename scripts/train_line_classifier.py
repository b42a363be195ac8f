"""Train the text-dump line model (body vs boilerplate) and ship it as JSON.

    .venv/bin/python scripts/train_line_classifier.py [--folds 5] [--no-write]

Training data: the DEV half of ``../shared/eval/extraction/aeb-text`` (ids sorted, first 90;
``line_labels`` 1 = body) plus the pages written for the project in
``src/eventwire/data/extract/own_pages.txt``. Features: :func:`eventwire.extract.linemodel.
feature_matrix` (own, neighbour-window and block features). Model: scikit-learn's
GradientBoostingClassifier with a fixed seed, exported tree by tree to
``src/eventwire/data/extract/line_model.json`` so inference needs only numpy.

Prints page-grouped cross-validation on dev (aeb shingle P/R/F1, line accuracy) for the
rules alone and for rules + model, then fits on everything and writes the model. Never
reads the test half.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier

from eventwire.bench.common import eval_dir
from eventwire.bench.extraction import load_aeb_text, page_counts, score, split
from eventwire.extract.lines import label_lines, line_features, split_page
from eventwire.extract.linemodel import (
    DECIDED,
    MODEL_PATH,
    TreeEnsemble,
    body_decision,
    feature_matrix,
    feature_names,
)

SEED = 0
# Small, slow-learning trees with large leaves: 90 dev pages are few, the model must not
# learn their sites (page-grouped CV picked these over 150 trees at rate 0.1, leaf 1).
PARAMS = dict(n_estimators=250, max_depth=3, learning_rate=0.05, subsample=0.8,
              min_samples_leaf=20, random_state=SEED)
OWN_PAGES = MODEL_PATH.parent / "own_pages.txt"


def own_pages() -> list[tuple[list[str], list[int], str]]:
    """(lines, labels, gold body) of each page in own_pages.txt."""
    pages, lines, labels = [], [], []
    for raw in [*OWN_PAGES.read_text(encoding="utf-8").splitlines(), "=== page"]:
        if raw.startswith("#"):
            continue
        if raw == "=== page":
            if lines:
                gold = "\n".join(t for t, y in zip(lines, labels) if y)
                pages.append((lines, labels, gold))
            lines, labels = [], []
            continue
        tag, text = raw[:2], raw[2:]
        lines.append(text)
        labels.append(int(tag == "B "))
    return pages


def page_data(lines: list[str], labels: list[int]):
    """The rule-labelled lines, their feature rows and their 0/1 targets."""
    raw, ls = split_page("\n".join(lines))
    line_features(ls, raw)
    label_lines(ls)
    x = feature_matrix(ls)
    y = np.asarray([labels[ln.index] for ln in ls], dtype=np.int64)
    return ls, x, y


def body_of(ls, proba: np.ndarray | None, threshold: float = 0.5) -> str:
    """The page's body text as the extractor keeps it (rules alone when ``proba`` is None)."""
    decided = body_decision(ls, proba, threshold) if proba is not None else [False] * len(ls)
    keep = []
    for ln, model_body in zip(ls, decided):
        if proba is not None and ln.label in DECIDED and not ln.features["overlong"]:
            is_body = model_body
        else:
            is_body = ln.label == "body"
        if is_body:
            keep.append(ln.text)
    return "\n".join(keep)


def export(model: GradientBoostingClassifier, threshold: float) -> dict:
    prior = float(model.init_.class_prior_[1])
    trees = []
    for est in model.estimators_[:, 0]:
        t = est.tree_
        trees.append({"feature": t.feature.tolist(), "threshold": t.threshold.tolist(),
                      "left": t.children_left.tolist(), "right": t.children_right.tolist(),
                      "value": t.value[:, 0, 0].tolist()})
    return {"kind": "gradient-boosted trees (sklearn GradientBoostingClassifier, exported)",
            "params": PARAMS, "features": feature_names(), "threshold": threshold,
            "bias": float(np.log(prior / (1 - prior))), "learning_rate": model.learning_rate,
            "max_depth": max(e.tree_.max_depth for e in model.estimators_[:, 0]), "trees": trees}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-write", action="store_true", help="cross-validate only")
    args = ap.parse_args(argv)

    dev = split(load_aeb_text(eval_dir("extraction") / "aeb-text"), "dev")
    data = [page_data(p.lines, p.line_labels) for p in dev]
    golds = [p.gold for p in dev]
    extra = [(page_data(lines, labels), gold) for lines, labels, gold in own_pages()]
    print(f"dev pages {len(dev)} ({sum(len(d[2]) for d in data)} lines), own pages {len(extra)}")

    # Page-grouped CV on dev: own pages always train, never score.
    order = np.random.RandomState(SEED).permutation(len(data))
    rules, model_counts, acc = [], [None] * len(data), []
    for i, (ls, _, _) in enumerate(data):
        rules.append(page_counts(body_of(ls, None), golds[i]))
    for k in range(args.folds):
        held = set(order[k::args.folds].tolist())
        train = [d for i, d in enumerate(data) if i not in held] + [d for d, _ in extra]
        m = GradientBoostingClassifier(**PARAMS).fit(np.vstack([d[1] for d in train]),
                                                      np.concatenate([d[2] for d in train]))
        for i in held:
            ls, x, y = data[i]
            proba = m.predict_proba(x)[:, 1]
            model_counts[i] = page_counts(body_of(ls, proba), golds[i])
            acc.append(((proba >= 0.5) == y).mean())
    for name, counts in (("rules (tuned on dev)", rules), ("rules + model", model_counts)):
        s = score(counts)
        print(f"  CV {name:<20} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} "
              f"(page F1 {s.page_f1:.3f})")
    print(f"  CV line accuracy of the model {np.mean(acc):.3f}")

    train = data + [d for d, _ in extra]
    m = GradientBoostingClassifier(**PARAMS).fit(np.vstack([d[1] for d in train]),
                                                  np.concatenate([d[2] for d in train]))
    spec = export(m, threshold=0.5)
    x_all = np.vstack([d[1] for d in train])
    drift = np.abs(TreeEnsemble(spec).predict_proba(x_all) - m.predict_proba(x_all)[:, 1]).max()
    print(f"exported model matches sklearn to {drift:.1e}")
    if drift > 1e-6:
        print("export mismatch; not writing", file=sys.stderr)
        return 1
    if not args.no_write:
        MODEL_PATH.write_text(json.dumps(spec, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
