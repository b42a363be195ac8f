"""Trains the learned place-candidate ranker and measures it against the hand score.

    .venv/bin/python scripts/train_place_ranker.py [--write] [--C 1.0]

Data: GeoWebNews dev (first 100 articles) and GeoVirus (dev), read from ``../shared/eval/geo``
(never copied into the repository); test splits are never read. Each article's gold toponyms
are given to the places stage (as ``eventwire bench geo`` does); for every name ranked in
the final pass, each candidate is labelled 1 when it lies within 161 km of the gold point.
Names with a single candidate, or with no candidate (or only candidates) near the gold point,
teach nothing and are left out of training.

Held-out evaluation, end to end (acc@161 over all gold toponyms of the held-out articles,
with the model choosing among candidates inside the stage):
- 5-fold cross-validation that holds out whole articles (both corpora pooled in training);
- cross-corpus: trained on one corpus, scored on the other (the honest predictor of test).
``--write`` then trains on both corpora and writes ``data/gazetteer/place_ranker.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime

import numpy as np
from sklearn.linear_model import LogisticRegression

from eventwire.bench.geo import EVAL, FILES, _articles
from eventwire.model import Article, DocResult, Document, Mention, Sentence
from eventwire.resolve.places import SCORE_PARTS, geoparse, haversine_km, load_gazetteer
from eventwire.resolve.places.ranker import EXTRA, MODEL_PATH, LinearRanker

FEATURES = [*SCORE_PARTS, *EXTRA]
RADIUS_KM = 161.0


def _result(text: str, gold: list) -> DocResult:
    art = Article(doc_id="b", paragraphs=[text], published=datetime(2000, 1, 1), language="en")
    art.build_text()
    res = DocResult(document=Document("b", "b", text, "text", "h"), article=art)
    res.sentences = [Sentence(0, 0, len(text), text)]
    res.mentions = [Mention(s, e, text[s:e], "GPE", 0) for s, e, *_ in gold]
    return res


def load_docs() -> list[tuple[str, str, list]]:
    """(corpus, text, gold) for every dev article."""
    docs = []
    for corpus in ("geowebnews", "geovirus"):
        arts = list(_articles(EVAL / FILES[corpus]))
        if corpus == "geowebnews":
            arts = arts[:100]  # the dev half
        docs += [(corpus, text, gold) for text, gold in arts]
    return docs


def ranked_groups(text: str, gold: list, gaz) -> list[tuple[np.ndarray, np.ndarray]]:
    """(feature rows, labels) of each name the final pass ranked, by the hand score."""
    res = _result(text, gold)
    trace: list = []
    geoparse(res, gaz, ranker=None, trace=trace)
    where = {(s, e): (lat, lon) for s, e, lat, lon, _ in gold}
    groups = []
    for mention, cands, rows in trace:
        point = where.get((mention.start, mention.end))
        if point is None:
            continue
        labels = np.array([c.lat is not None and haversine_km(point, (c.lat, c.lon)) <= RADIUS_KM
                           for c in cands], dtype=int)
        groups.append((rows, labels))
    return groups


def accuracy(docs: list, gaz, ranker) -> tuple[int, int]:
    """(hits, toponyms) at 161 km, end to end, with ``ranker`` (None: the hand score)."""
    hits = total = 0
    for _, text, gold in docs:
        res = _result(text, gold)
        geoparse(res, gaz, ranker=ranker)
        for m, (s, e, lat, lon, _) in zip(res.mentions, gold):
            total += 1
            place = res.places.get(m.place_id) if m.place_id else None
            hits += place is not None and place.lat is not None and haversine_km((lat, lon), (place.lat, place.lon)) <= RADIUS_KM
    return hits, total


def train(groups: list[tuple[np.ndarray, np.ndarray]], C: float) -> LinearRanker:
    useful = [(x, y) for x, y in groups if len(y) > 1 and 0 < y.sum() < len(y)]
    X = np.vstack([x for x, _ in useful])
    y = np.concatenate([y for _, y in useful])
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit((X - mean) / scale, y)
    return LinearRanker(FEATURES, mean.tolist(), scale.tolist(), model.coef_[0].tolist(),
                        float(model.intercept_[0]))


def _headroom(docs: list, groups: list) -> None:
    """Per corpus, over the names ranked among two or more candidates: the share with any
    candidate within 161 km of gold (the oracle) and the share where the hand score's
    choice is."""
    top = FEATURES.index("hand_top")
    for corpus in ("geowebnews", "geovirus"):
        multi = [(x, y) for d, gs in zip(docs, groups) if d[0] == corpus for x, y in gs if len(y) > 1]
        oracle = sum(bool(y.any()) for _, y in multi)
        hand = sum(int(y[np.argmax(x[:, top])]) for x, y in multi)
        print(f"{corpus}: names with 2+ candidates {len(multi)}; oracle {_pct(oracle, len(multi))}; "
              f"hand score's choice {_pct(hand, len(multi))}")


def _pct(hits: int, total: int) -> str:
    return f"{100 * hits / max(total, 1):.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 strength of the logistic regression")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help=f"train on all dev data and write {MODEL_PATH.name}")
    args = ap.parse_args(argv)
    if not (EVAL / FILES["geowebnews"]).exists():
        print(f"no evaluation data under {EVAL}; nothing to train on", file=sys.stderr)
        return 2
    gaz = load_gazetteer()
    docs = load_docs()
    groups = [ranked_groups(text, gold, gaz) for _, text, gold in docs]
    print(f"articles {len(docs)}; ranked names {sum(map(len, groups))}; features {len(FEATURES)}")
    _headroom(docs, groups)

    # Whole articles held out, both corpora pooled in training; folds by position so every
    # fold holds articles of both corpora.
    hand = {c: [0, 0] for c in FILES}
    learned = {c: [0, 0] for c in FILES}
    for k in range(args.folds):
        held = [i for i in range(len(docs)) if i % args.folds == k]
        model = train([g for i in range(len(docs)) if i % args.folds != k for g in groups[i]], args.C)
        for corpus in ("geowebnews", "geovirus"):
            part = [docs[i] for i in held if docs[i][0] == corpus]
            for tally, ranker in ((hand, None), (learned, model)):
                h, t = accuracy(part, gaz, ranker)
                tally[corpus][0] += h
                tally[corpus][1] += t
    for corpus in ("geowebnews", "geovirus"):
        print(f"{args.folds}-fold by article, {corpus}: hand {_pct(*hand[corpus])}  learned {_pct(*learned[corpus])}")

    for train_on, score_on in (("geowebnews", "geovirus"), ("geovirus", "geowebnews")):
        model = train([g for d, gs in zip(docs, groups) if d[0] == train_on for g in gs], args.C)
        part = [d for d in docs if d[0] == score_on]
        print(f"cross-corpus, trained on {train_on}, scored on {score_on}: "
              f"hand {_pct(*accuracy(part, gaz, None))}  learned {_pct(*accuracy(part, gaz, model))}")

    if args.write:
        model = train([g for gs in groups for g in gs], args.C)
        MODEL_PATH.write_text(json.dumps(model.to_json(), indent=1) + "\n")
        print(f"wrote {MODEL_PATH}")
        for name, w in sorted(zip(FEATURES, model.weights), key=lambda fw: -abs(fw[1])):
            print(f"  {name:28s} {w:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
