"""The trained body-vs-boilerplate line model for text dumps.

The hand-set rules in :mod:`.lines` label every line first (title, byline, dateline, caption,
photo credit, tags, and a first body/boilerplate split). This model then decides, for each
line the rules left as ``body`` or ``boilerplate``, whether it is article prose. Its inputs
are the line's own features, its neighbours' (three lines each side) and the rules' view
of the page (their score, their label, whether the line sits in their main block), so it
learns where the rules go wrong rather than starting from nothing.

The model is a gradient-boosted tree ensemble trained by ``scripts/train_line_classifier.py``
and shipped as JSON (``data/extract/line_model.json``): inference needs only numpy.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from .lines import Line, RuleScorer

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "extract" / "line_model.json"

OWN = ("words", "chars", "end_sentence", "stop_ratio", "cap_ratio", "upper_ratio", "boilerplate",
       "legal", "end_marker", "list_marker", "sentences", "digit_ratio", "pipes", "repeats",
       "position", "blank_before", "blank_after", "overlong")
NEIGHBOUR = ("words", "end_sentence", "stop_ratio", "boilerplate", "legal", "cap_ratio", "pipes",
             "end_marker")
OFFSETS = (-3, -2, -1, 1, 2, 3)
RULE_LABELS = ("body", "title", "subtitle", "byline", "dateline", "caption", "photo_credit", "tags")
# Labels the rules own outright; the model only re-decides body against boilerplate.
DECIDED = ("body", "boilerplate")
CONTEXT = 5  # lines each side in the mean rule score


def feature_names() -> list[str]:
    names = list(OWN) + ["rule_score", "words_vs_page_max"]
    for off in OFFSETS:
        names += [f"{k}@{off:+d}" for k in NEIGHBOUR] + [f"rule_score@{off:+d}"]
    names += [f"rule_{lab}" for lab in RULE_LABELS]
    names += ["in_rule_block", "lines_to_rule_block", f"rule_score_mean±{CONTEXT}"]
    return names


def feature_matrix(lines: list[Line], rule_scores: list[float]) -> np.ndarray:
    """One row per line (see :func:`feature_names`), from lines the rules have labelled."""
    n = len(lines)
    feats = [ln.features for ln in lines]
    max_words = max((f["words"] for f in feats), default=1.0) or 1.0
    body = [i for i, ln in enumerate(lines) if ln.label == "body"]
    lo, hi = (body[0], body[-1]) if body else (-1, -1)
    cum = np.concatenate([[0.0], np.cumsum(rule_scores)])
    rows = []
    for i, f in enumerate(feats):
        row = [f[k] for k in OWN]
        row += [rule_scores[i], math.log1p(f["words"]) / math.log1p(max_words)]
        for off in OFFSETS:
            j = i + off
            if 0 <= j < n:
                g = feats[j]
                row += [g[k] for k in NEIGHBOUR]
                row.append(rule_scores[j])
            else:
                row += [0.0] * len(NEIGHBOUR)
                row.append(-1.0)  # off the page
        row += [float(lines[i].label == lab) for lab in RULE_LABELS]
        row.append(float(lo <= i <= hi))
        row.append(99.0 if lo < 0 else float(lo - i if i < lo else (i - hi if i > hi else 0)))
        a, b = max(0, i - CONTEXT), min(n, i + CONTEXT + 1)
        row.append((cum[b] - cum[a]) / (b - a))
        rows.append(row)
    return np.asarray(rows, dtype=np.float32).reshape(n, len(feature_names()))


class TreeEnsemble:
    """A boosted tree ensemble from JSON: all trees flattened into one node table, walked
    level by level for every (line, tree) pair at once."""

    def __init__(self, spec: dict):
        self.names = spec["features"]
        self.bias = float(spec["bias"])
        self.rate = float(spec["learning_rate"])
        self.threshold = float(spec.get("threshold", 0.5))
        feature, thresh, left, right, value, roots = [], [], [], [], [], []
        for tree in spec["trees"]:
            base = len(feature)
            roots.append(base)
            feature += tree["feature"]
            thresh += tree["threshold"]
            left += [c + base if c >= 0 else -1 for c in tree["left"]]
            right += [c + base if c >= 0 else -1 for c in tree["right"]]
            value += tree["value"]
        self.feature = np.asarray(feature, dtype=np.int64)
        self.thresh = np.asarray(thresh, dtype=np.float32)
        self.left = np.asarray(left, dtype=np.int64)
        self.right = np.asarray(right, dtype=np.int64)
        self.value = np.asarray(value, dtype=np.float64)
        self.roots = np.asarray(roots, dtype=np.int64)
        self.depth = int(spec["max_depth"])
        self.is_leaf = self.left < 0
        # Leaves point at themselves so a walk can run a fixed number of levels.
        self.feature[self.is_leaf] = 0
        self.left[self.is_leaf] = np.flatnonzero(self.is_leaf)
        self.right[self.is_leaf] = np.flatnonzero(self.is_leaf)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        if len(x) == 0:
            return np.zeros(0)
        x = np.asarray(x, dtype=np.float32)
        node = np.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        rows = np.arange(len(x))[:, None]
        for _ in range(self.depth):
            go_left = x[rows, self.feature[node]] <= self.thresh[node]
            node = np.where(go_left, self.left[node], self.right[node])
        raw = self.bias + self.rate * self.value[node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> TreeEnsemble | None:
    p = Path(path)
    if not p.exists():
        return None
    spec = json.loads(p.read_text(encoding="utf-8"))
    if spec["features"] != feature_names():
        raise ValueError(f"{p}: trained on other features; rerun scripts/train_line_classifier.py")
    return TreeEnsemble(spec)


def refine_body(lines: list[Line], model: TreeEnsemble | None = None) -> list[Line]:
    """Re-decide body against boilerplate with the trained model, after the rules ran.

    Lines the rules labelled title, byline, dateline, caption, photo credit or tags keep
    their label. Without a shipped model the rules' labels stand."""
    model = model or load_model()
    if model is None or not lines:
        return lines
    proba = model.predict_proba(feature_matrix(lines, RuleScorer().score(lines)))
    for ln, p in zip(lines, proba):
        if ln.label in DECIDED and not ln.features["overlong"]:
            ln.label = "body" if p >= model.threshold else "boilerplate"
    return lines
