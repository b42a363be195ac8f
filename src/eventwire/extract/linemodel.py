"""The trained body-vs-boilerplate line model for text dumps.

The hand-set rules in :mod:`.lines` label every line first (title, byline, dateline, caption,
photo credit, tags, and a first body/boilerplate split). This model then decides, for each
line the rules left as ``body`` or ``boilerplate``, whether it is article prose. Its inputs
are the line's own features, its neighbours' (three lines each side) and block features
(runs of prose, end markers and comment-thread furniture above and below); the rules'
scores are not inputs (see :func:`feature_matrix`).

The model is a gradient-boosted tree ensemble (histogram trees) trained by ``scripts/train_line_classifier.py``
and shipped as JSON (``data/extract/line_model.json``): inference needs only numpy.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from .lines import Line

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "extract" / "line_model.json"

OWN = ("words", "chars", "end_sentence", "stop_ratio", "cap_ratio", "upper_ratio", "boilerplate",
       "legal", "end_marker", "list_marker", "sentences", "digit_ratio", "pipes", "repeats",
       "position", "blank_before", "blank_after", "overlong", "comment_meta", "embed_signature")
NEIGHBOUR = ("words", "end_sentence", "stop_ratio", "boilerplate", "legal", "cap_ratio", "pipes",
             "end_marker")
OFFSETS = (-3, -2, -1, 1, 2, 3)
# Labels the rules own outright; the model only re-decides body against boilerplate.
DECIDED = ("body", "boilerplate")
CONTEXT = 5  # lines each side in the window statistics
# Block-level features: where the line sits among the page's runs of prose and its end markers.
BLOCK = ("prose_run", "lines_to_prose", "markers_above", "lines_since_marker",
         "lines_to_next_marker", f"log_words_std±{CONTEXT}", f"stop_ratio_mean±{CONTEXT}",
         "comment_meta_above", "lines_since_comment_meta", "lines_to_embed_signature")
# A prose line: a sentence of some length (what articles are made of).
PROSE_WORDS = 10
FAR = 50.0  # distances are capped here: beyond it, "far" is all that matters
# The body is the main block and the blocks that join it: only lines inside them are kept.
# The model's threshold inside the body's blocks: low, because a block is already where the
# model is sure of prose, and the lines it doubts there are mostly short body lines (quotes,
# subheads, list items). Page-grouped CV on aeb-text dev, mean F1 of 3 splits: 0.9373 at 0.5,
# 0.9397 at 0.25, 0.9405 at 0.2, 0.9413 at 0.15, 0.9419 at 0.1, 0.9418 at 0.05. Rechecked
# with the model trained on generated pages, site-grouped halves CV (mean of 4 splits):
# 0.9422 at 0.5, 0.9454 at 0.25, 0.9464 at 0.15, 0.9476 at 0.05: a flat top, left at 0.15.
INSIDE_THRESHOLD = 0.15
# Next to a kept body line, a sentence the rules also call body needs only this much: the
# model doubts a short closing sentence above "Most Read" most (page-grouped CV on aeb-text
# dev, mean F1: 0.9298 at 0.1 and 0.15, 0.9299 at 0.05).
EDGE_THRESHOLD = 0.05
# What a comment-thread line costs the main block: enough that the block does not run on
# into the comments (page-grouped CV on aeb-text dev: same F1 for 4, 8 and 16).
COMMENT_BARRIER = 4.0
EDGE_MIN_WORDS = 5
# A second block of prose joins the main one when it starts within this many lines of it and
# holds this share of its evidence (page-grouped CV on aeb-text dev, mean of 3 splits, F1
# 0.9334 -> 0.9351 at 0.05 and 12 lines; 0.9349 at 20 lines, 0.9344 at share 0.1).
SECOND_BLOCK_GAP = 12
SECOND_BLOCK_SHARE = 0.05
MAX_JOINED = 10
# The main block found after comment-thread furniture gives way to the best block before it
# when that holds this share of its evidence: a comment thread can outweigh a short article
# (page-grouped CV on aeb-text dev, mean F1: 0.9351 without, 0.9364 at 0.4 to 0.8, 0.9307 at
# 0.2, where "3 hours ago" in a page header passes for a thread).
BEFORE_COMMENTS_SHARE = 0.5


def feature_names() -> list[str]:
    names = list(OWN) + ["words_vs_page_max"]
    for off in OFFSETS:
        names += [f"{k}@{off:+d}" for k in NEIGHBOUR]
    return names + list(BLOCK)


def feature_matrix(lines: list[Line]) -> np.ndarray:
    """One row per line (see :func:`feature_names`), from the lines' features alone.

    The rules' scores and labels are deliberately not inputs: the rules were tuned on the
    same dev pages the model trains on, and a model leaning on them inherited their overfit
    (page-grouped CV 0.925, test 0.875)."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(feature_names())), dtype=np.float32)
    feats = [ln.features for ln in lines]
    max_words = max((f["words"] for f in feats), default=1.0) or 1.0
    rows = []
    for i, f in enumerate(feats):
        row = [f[k] for k in OWN]
        row.append(math.log1p(f["words"]) / math.log1p(max_words))
        for off in OFFSETS:
            j = i + off
            row += [feats[j][k] for k in NEIGHBOUR] if 0 <= j < n else [-1.0] * len(NEIGHBOUR)
        rows.append(row)
    x = np.asarray(rows, dtype=np.float32)
    return np.hstack([x, block_features(feats)])


def block_features(feats: list[dict[str, float]]) -> np.ndarray:
    """The :data:`BLOCK` columns: runs of prose lines, end markers above and below, and how
    much line length and function-word share vary in a window (prose is even, menus ragged)."""
    n = len(feats)
    words = np.fromiter((f["words"] for f in feats), float, n)
    prose = (words >= PROSE_WORDS) & np.fromiter((f["end_sentence"] > 0 for f in feats), bool, n)
    marker = np.fromiter((f["end_marker"] > 0 for f in feats), bool, n)
    idx = np.arange(n)
    # Length of the run of prose lines each prose line belongs to.
    run = np.zeros(n)
    start = 0
    for i in range(n + 1):
        if i == n or not prose[i]:
            run[start:i] = i - start
            start = i + 1
    prose_at = idx[prose]
    to_prose = _distance_to(prose_at, idx)
    marker_at = idx[marker]
    above = np.searchsorted(marker_at, idx, side="left")  # markers strictly above
    if len(marker_at):
        since = np.where(above > 0, idx - marker_at[np.maximum(above - 1, 0)], FAR)
        below = np.searchsorted(marker_at, idx, side="right")
        to_next = np.where(below < len(marker_at),
                           marker_at[np.minimum(below, len(marker_at) - 1)] - idx, FAR)
    else:
        since = to_next = np.full(n, FAR)
    comment = np.cumsum(np.fromiter((f["comment_meta"] > 0 for f in feats), float, n))
    first_comment = int(np.argmax(comment > 0)) if comment[-1] else n
    since_comment = np.where(idx > first_comment, idx - first_comment, 0)
    logw = np.log1p(words)
    stop = np.fromiter((f["stop_ratio"] for f in feats), float, n)
    c1, c2, cs = (np.concatenate([[0.0], np.cumsum(v)]) for v in (logw, logw ** 2, stop))
    a, b = np.maximum(idx - CONTEXT, 0), np.minimum(idx + CONTEXT + 1, n)
    k = b - a
    mean = (c1[b] - c1[a]) / k
    std = np.sqrt(np.maximum((c2[b] - c2[a]) / k - mean ** 2, 0.0))
    mean_stop = (cs[b] - cs[a]) / k
    ends = np.fromiter((f["end_sentence"] for f in feats), float, n)
    # A run of short capitalised lines without sentence ends is a link list (teasers, menus).
    headline = ((words >= 2) & (words <= 14) & (ends == 0)
                & np.fromiter((f["cap_ratio"] >= 0.6 for f in feats), bool, n)).astype(float)
    ce, ch = (np.concatenate([[0.0], np.cumsum(v)]) for v in (ends, headline))
    embed_at = idx[np.fromiter((f["embed_signature"] > 0 for f in feats), bool, n)]
    return np.column_stack([np.minimum(run, FAR), np.minimum(to_prose, FAR), np.minimum(above, 10),
                            np.minimum(since, FAR), np.minimum(to_next, FAR), std,
                            mean_stop, np.minimum(comment, 10),
                            np.minimum(since_comment, FAR),
                            np.minimum(_distance_to(embed_at, idx), FAR)]).astype(np.float32)


def _distance_to(targets: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Each index's distance to the nearest target index (FAR when there is none)."""
    if len(targets) == 0:
        return np.full(len(idx), FAR)
    pos = np.searchsorted(targets, idx)
    left = targets[np.maximum(pos - 1, 0)]
    right = targets[np.minimum(pos, len(targets) - 1)]
    return np.minimum(np.abs(idx - left), np.abs(right - idx)).astype(float)


class TreeEnsemble:
    """A boosted tree ensemble from JSON: all trees flattened into one node table, walked
    level by level for all (line, tree) pairs not yet at a leaf at once."""

    def __init__(self, spec: dict):
        self.names = spec["features"]
        self.bias = float(spec["bias"])
        self.rate = float(spec["learning_rate"])
        self.threshold = float(spec.get("threshold", INSIDE_THRESHOLD))
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
        n, n_trees = len(x), len(self.roots)
        flat = x.ravel()
        node = np.tile(self.roots, n)  # (line, tree) pairs, line-major
        # Only pairs still above a leaf walk on: trees of 15 leaves run up to 14 levels deep
        # but most paths are far shorter (aeb-text dev: 4.0 ms a page instead of 5.7 for
        # walking every pair the full depth). ``base``: each pair's row offset in ``flat``.
        active = np.flatnonzero(~self.is_leaf[node])
        base = (active // n_trees) * x.shape[1]
        at = node[active]
        while active.size:
            go_left = flat[base + self.feature[at]] <= self.thresh[at]
            at = np.where(go_left, self.left[at], self.right[at])
            node[active] = at
            inner = ~self.is_leaf[at]
            active, base, at = active[inner], base[inner], at[inner]
        raw = self.bias + self.rate * self.value[node].reshape(n, n_trees).sum(axis=1)
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
    proba = model.predict_proba(feature_matrix(lines))
    for ln, is_body in zip(lines, keep_as_body(lines, proba, model.threshold)):
        if ln.label in DECIDED and not ln.features["overlong"]:
            ln.label = "body" if is_body else "boilerplate"
    return lines


def keep_as_body(lines: list[Line], proba: np.ndarray,
                 threshold: float = INSIDE_THRESHOLD) -> list[bool]:
    """Body or not for every line, from the model's probabilities and the rules' labels (the
    one decoding the extractor and the training script's cross-validation share)."""
    keep = body_decision(lines, proba, threshold)
    decided = [ln.label in DECIDED and not ln.features["overlong"] for ln in lines]
    rules_body = [ln.label == "body" for ln in lines]
    if any(rules_body) and not any(k and d for k, d in zip(keep, decided)):
        # The model learnt from full pages; on a page of a few lines it can doubt every one
        # of them. An article has a body, so there the rules' choice stands.
        return rules_body
    _extend_block_edges(lines, proba, keep, rules_body)
    return [k and not _never_body(ln) if d else r
            for ln, k, d, r in zip(lines, keep, decided, rules_body)]


def _never_body(line: Line) -> bool:
    """Lines no article paragraph is, whatever the model says: a lone character (a stray
    bullet, a mis-decoded space such as "Â"), comment-thread furniture ("2 days ago",
    "Rating: 9 Votes"), a link to another story set in the text ("Read more: ...";
    page-grouped CV on aeb-text dev, mean F1 0.9364 -> 0.9373) and an ad slot's label
    ("Advertisement", "Close"; 0.9413 -> 0.9421, where the low :data:`INSIDE_THRESHOLD` kept some)."""
    f = line.features
    return ((f["chars"] <= 2 and f["words"] <= 1) or bool(f["comment_meta"])
            or bool(f.get("inline_teaser")) or bool(f.get("slot_label")))


def _extend_block_edges(lines: list[Line], proba: np.ndarray, keep: list[bool],
                        rules_body: list[bool]) -> None:
    """A full sentence the rules called body, right after (or before) a kept body line, is kept
    when the model is merely unsure (``p >= EDGE_THRESHOLD``): the short closing paragraph
    of an article, just above "Most Read", is where the model doubts prose most."""
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        prev = None
        for i in order:
            if (prev is not None and keep[prev] and not keep[i] and rules_body[i]
                    and proba[i] >= EDGE_THRESHOLD and lines[i].features["end_sentence"]
                    and lines[i].features["words"] >= EDGE_MIN_WORDS):
                keep[i] = True
            prev = i


def body_decision(lines: list[Line], proba: np.ndarray,
                  threshold: float = INSIDE_THRESHOLD) -> list[bool]:
    """Body or not for each line from the model's probabilities: the main block is the span
    of highest summed ``(p - 0.5) * (1 + log(1 + words))`` (maximum-sum subarray), where a
    comment-thread line (votes, "2 days ago", Reply) costs :data:`COMMENT_BARRIER` more;
    blocks close to it join it (:func:`_body_blocks`), and a line inside them is kept when
    ``p >= threshold``. Nothing outside them is kept: a prose-like line among the furniture
    is most often a teaser's summary or a comment. (Lines outside were kept at p >= 0.8 until
    the model trained on generated pages; with them, keeping none scores higher in the
    site-grouped halves CV on aeb-text dev, F1 0.9430 -> 0.9464, all 4 fold splits up.)"""
    gain = [(p - 0.5) * (1.0 + math.log1p(ln.features["words"]))
            - COMMENT_BARRIER * ln.features["comment_meta"] for ln, p in zip(lines, proba)]
    inside = np.zeros(len(lines), dtype=bool)
    for lo, hi in _body_blocks(lines, gain):
        inside[lo:hi + 1] = True
    return [bool(inside[i]) and p >= threshold for i, p in enumerate(proba)]


def _max_sum_span(gain: list[float], a: int, b: int) -> tuple[float, tuple[int, int] | None]:
    """The span of ``gain[a:b]`` with the largest positive sum, and that sum."""
    best, span, run, start = 0.0, None, 0.0, a
    for i in range(a, b):
        run, start = (gain[i], i) if run <= 0 else (run + gain[i], start)
        if run > best:
            best, span = run, (start, i)
    return best, span


def _body_blocks(lines: list[Line], gain: list[float]) -> list[tuple[int, int]]:
    """The main block and the blocks that join it: an article split by a teaser box, an ad
    slot or a "Read more" link resumes within :data:`SECOND_BLOCK_GAP` lines, with at least
    :data:`SECOND_BLOCK_SHARE` of the main block's evidence; a comment thread never joins."""
    n = len(lines)
    best, main = _max_sum_span(gain, 0, n)
    if main is None:
        return []
    first_comment = next((i for i in range(n) if lines[i].features["comment_meta"]), n)
    if main[0] > first_comment:
        # An article comes before its comment thread: a long comment is no reason to drop it.
        before, span = _max_sum_span(gain, 0, first_comment)
        if span is not None and before >= BEFORE_COMMENTS_SHARE * best:
            best, main = before, span
    blocks = [main]
    a = main[1] + 1
    # At most MAX_JOINED blocks each way: every search scans the rest of the page.
    for _ in range(MAX_JOINED):
        if a >= n:
            break
        s, span = _max_sum_span(gain, a, n)
        if (span is None or s < SECOND_BLOCK_SHARE * best or span[0] - a >= SECOND_BLOCK_GAP
                or any(lines[i].features["comment_meta"] for i in range(a, span[0]))):
            break
        blocks.append(span)
        a = span[1] + 1
    b = main[0]
    for _ in range(MAX_JOINED):
        if b <= 0:
            break
        s, span = _max_sum_span(gain, 0, b)
        if span is None or s < SECOND_BLOCK_SHARE * best or b - 1 - span[1] >= SECOND_BLOCK_GAP:
            break
        blocks.append(span)
        b = span[0]
    return blocks
