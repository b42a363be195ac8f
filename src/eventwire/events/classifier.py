"""A linear classifier of the PLV root code of a (source, target) pair in a parsed sentence.

Features (:func:`features`), all sparse and binary before TF-IDF weighting:

- ``w:`` lemma unigrams and bigrams of the sentence, the source's words read as ``<S>`` and the
  target's as ``<T>`` (so "<S> accuse <T>" is one bigram);
- ``c:`` character 3-5-grams of the words between and around the two spans;
- ``p:`` the dependency path between the source's and target's heads: every lemma on it, the
  lowest common head, its dependency labels, and each path word's trigger-lexicon type
  (``events/lexicon.py``), since the lexicon's phrase frames already know "fire at" from "fire";
- ``l:`` lexicon types of every trigger in the sentence (weaker: may be another event's);
- ``m:`` negation and modal cues on the path ("did not attack", "may strike").

Beside the sparse features, a small dense block (:func:`dense_features`) reads spaCy's own
token vectors (``doc.tensor``, the 96-d tok2vec output the parse already computed, so free):
the source's head, the target's head, the path's top, the mean of the path's inner words and the
mean of the sentence, each scaled to unit length, then times :data:`DENSE_WEIGHT`. They carry
what a word means beyond its spelling ("financed" near "funded"). 5-fold CV on PLV dev (with
GSR + written examples): accuracy 0.843 -> 0.851, macro-F1 0.822 -> 0.829.

The model ships as ``data/events/plv_classifier.npz``: feature names, idf and the weights of a
multinomial logistic regression trained by ``scripts/train_event_classifier.py`` (scikit-learn
only at training time), so inference needs numpy and this module only.
"""

from __future__ import annotations

import functools
from importlib import resources

import numpy as np

from .lexicon import Lexicon, load_lexicon

MODEL_FILE = "events/plv_classifier.npz"
MODAL_WORDS = frozenset({"may", "might", "could", "would", "will", "should", "can", "shall"})
CONTEXT = 3  # words each side of the source..target window for the character n-grams
# Scale of the dense block against the l2-normalised sparse part; 5-fold CV on PLV dev, macro-F1:
# 0.1 -> 0.821, 0.2 -> 0.829, 0.3 -> 0.824, 0.6 -> 0.801 (larger lets the dense block overfit).
DENSE_WEIGHT = 0.2
DENSE_BLOCKS = 5  # source head, target head, path top, path inner mean, sentence mean


# --- spans -------------------------------------------------------------------------------------

def token_span(doc, span: tuple[int, int] | None):
    """The tokens covering a character span (expanded to whole tokens), or None."""
    if span is None:
        return None
    s = doc.char_span(span[0], span[1], alignment_mode="expand")
    return s if s is not None and len(s) else None


def _head_of(span):
    return span.root if span is not None else None


def _path(a, b) -> tuple[list, object | None]:
    """Tokens on the dependency path from ``a`` up to the common head and down to ``b``."""
    up_a = [a, *a.ancestors]
    ids_a = {t.i: n for n, t in enumerate(up_a)}
    down = []
    for t in (b, *b.ancestors):
        if t.i in ids_a:
            return up_a[: ids_a[t.i] + 1] + list(reversed(down)), t
        down.append(t)
    return up_a + list(reversed(down)), None


# --- features ----------------------------------------------------------------------------------

def features(doc, source: tuple[int, int] | None, target: tuple[int, int] | None,
             lexicon: Lexicon | None = None) -> set[str]:
    lexicon = lexicon or load_lexicon()
    src, tgt = token_span(doc, source), token_span(doc, target)
    in_src = set(range(src.start, src.end)) if src is not None else set()
    in_tgt = set(range(tgt.start, tgt.end)) if tgt is not None else set()
    feats: set[str] = set()
    words = _marked_words(doc, in_src, in_tgt)
    feats.update(f"w:{w}" for w in words)
    feats.update(f"w:{a}_{b}" for a, b in zip(words, words[1:]))
    feats.update(_char_ngrams(doc, in_src | in_tgt))
    feats.update(_lexicon_types(doc, lexicon))
    if src is not None and tgt is not None:
        feats.update(_path_features(_head_of(src), _head_of(tgt), in_src | in_tgt, lexicon))
    else:
        feats.add("p:none")
    return feats


def _marked_words(doc, in_src: set[int], in_tgt: set[int]) -> list[str]:
    out: list[str] = []
    for t in doc:
        if t.is_punct or t.is_space:
            continue
        w = "<S>" if t.i in in_src else "<T>" if t.i in in_tgt else t.lemma_.lower()
        if out and w in ("<S>", "<T>") and out[-1] == w:
            continue  # one marker per span
        out.append(w)
    return out


def _char_ngrams(doc, role_tokens: set[int]) -> set[str]:
    if role_tokens:
        lo = max(min(role_tokens) - CONTEXT, 0)
        hi = min(max(role_tokens) + CONTEXT + 1, len(doc))
    else:
        lo, hi = 0, len(doc)
    out: set[str] = set()
    for t in doc[lo:hi]:
        if t.i in role_tokens or t.is_punct or t.is_space:
            continue
        w = f" {t.lower_} "
        for n in (3, 4, 5):
            out.update(f"c:{w[i:i + n]}" for i in range(max(len(w) - n + 1, 1)))
    return out


def _lexicon_types(doc, lexicon: Lexicon) -> set[str]:
    out: set[str] = set()
    for t in doc:
        if t.pos_ in ("VERB", "NOUN"):
            m = lexicon.match(t, noun=t.pos_ == "NOUN")
            if m is not None:
                out.add(f"l:{m.event_type}")
                out.add(f"l:{m.event_type}:{m.mode or ''}")
    return out


def _path_features(a, b, role_tokens: set[int], lexicon: Lexicon) -> set[str]:
    path, top = _path(a, b)
    out = {f"p:dir:{'st' if a.i < b.i else 'ts'}", f"p:len:{min(len(path), 6)}",
           f"p:sdep:{a.dep_}", f"p:tdep:{b.dep_}", f"p:sdep_head:{a.dep_}:{a.head.lemma_.lower()}",
           f"p:tdep_head:{b.dep_}:{b.head.lemma_.lower()}"}
    if top is not None:
        out.add(f"p:top:{top.lemma_.lower()}")
        out.add(f"p:top_pos:{top.pos_}")
    out.add("p:deps:" + "/".join(t.dep_ for t in path[:8]))
    for t in path:
        if t.i in role_tokens:
            continue
        lemma = t.lemma_.lower()
        out.add(f"p:lemma:{lemma}")
        # the verb "struck" is an attack, the noun "strike" a walkout: the part of speech tells
        out.add(f"p:lemma_pos:{lemma}:{t.pos_}")
        if t.pos_ in ("VERB", "NOUN"):
            m = lexicon.match(t, noun=t.pos_ == "NOUN")
            if m is not None:
                out.add(f"p:lex:{m.event_type}")
                out.add(f"p:lex:{m.event_type}:{m.mode or ''}")
        for c in t.children:  # the path word's own particle, preposition, negation, modal
            if c.dep_ == "neg":
                out.add("m:neg")
                out.add(f"m:neg:{lemma}")
            elif c.dep_ == "aux" and c.lower_ in MODAL_WORDS:
                out.add(f"m:modal:{c.lower_}")
            elif c.dep_ in ("prt", "prep", "dobj", "xcomp"):
                out.add(f"p:kid:{lemma}:{c.dep_}:{c.lemma_.lower()}")
    return out


def dense_features(doc, source: tuple[int, int] | None,
                   target: tuple[int, int] | None) -> np.ndarray:
    """Unit-length blocks of spaCy's token vectors (see the module doc), times DENSE_WEIGHT;
    zeros where a block is missing (no roles given, or a parse without ``doc.tensor``)."""
    tensor = getattr(doc, "tensor", None)
    width = tensor.shape[1] if tensor is not None and tensor.ndim == 2 and len(tensor) == len(doc) \
        else 0
    if width == 0:
        return np.zeros(0, dtype=np.float32)
    zero = np.zeros(width, dtype=np.float32)
    blocks = [zero, zero, zero, zero, _unit(tensor.mean(0))]
    src, tgt = token_span(doc, source), token_span(doc, target)
    if src is not None and tgt is not None:
        a, b = src.root, tgt.root
        path, top = _path(a, b)
        roles = set(range(src.start, src.end)) | set(range(tgt.start, tgt.end))
        inner = [t.i for t in path if t.i not in roles]
        blocks[0], blocks[1] = _unit(tensor[a.i]), _unit(tensor[b.i])
        if top is not None:
            blocks[2] = _unit(tensor[top.i])
        if inner:
            blocks[3] = _unit(tensor[inner].mean(0))
    return np.concatenate(blocks).astype(np.float32) * DENSE_WEIGHT


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


# --- the shipped model ---------------------------------------------------------------------------

class LinearModel:
    """TF-IDF weighted binary features, l2-normalised, times a (features x classes) matrix,
    plus the dense block (:func:`dense_features`) times its own (dims x classes) matrix."""

    def __init__(self, names, idf, coef, intercept, classes, dense_coef=None) -> None:
        self.index = {str(n): i for i, n in enumerate(names)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)
        self.classes = [str(c) for c in classes]
        self.dense_coef = (np.asarray(dense_coef, dtype=np.float32) if dense_coef is not None
                           else np.zeros((0, len(self.classes)), dtype=np.float32))

    @classmethod
    def load(cls, path) -> LinearModel:
        with np.load(path, allow_pickle=False) as z:
            dense = z["dense_coef"] if "dense_coef" in z.files else None
            return cls(z["names"], z["idf"], z["coef"], z["intercept"], z["classes"], dense)

    def save(self, path) -> None:
        names = np.array(sorted(self.index, key=self.index.get))
        np.savez_compressed(path, names=names, idf=self.idf, coef=self.coef.astype(np.float16),
                            intercept=self.intercept, classes=np.array(self.classes),
                            dense_coef=self.dense_coef)

    def probabilities(self, feats: set[str], dense: np.ndarray | None = None) -> np.ndarray:
        ids = np.fromiter((self.index[f] for f in feats if f in self.index), dtype=np.int64)
        scores = self.intercept.copy()
        if len(ids):
            w = self.idf[ids]
            w /= np.linalg.norm(w)
            scores += w @ self.coef[ids]
        if dense is not None and len(dense) == len(self.dense_coef):
            scores += dense @ self.dense_coef
        scores -= scores.max()
        p = np.exp(scores)
        return p / p.sum()


@functools.lru_cache(maxsize=1)
def load_model() -> LinearModel:
    with resources.as_file(resources.files("eventwire.data").joinpath(MODEL_FILE)) as path:
        return LinearModel.load(path)


def predict(doc, source: tuple[int, int] | None, target: tuple[int, int] | None,
            model: LinearModel | None = None) -> tuple[str, float, np.ndarray]:
    model = model or load_model()
    p = model.probabilities(features(doc, source, target), dense_features(doc, source, target))
    k = int(p.argmax())
    return model.classes[k], float(p[k]), p


def classify(sentence_text: str, source_span: tuple[int, int] | None,
             target_span: tuple[int, int] | None, doc=None) -> tuple[str, float]:
    """The PLV root code of the event between the source and target character spans of a
    sentence, and its probability. ``doc`` is the sentence's spaCy parse when the caller has
    one (offsets are then into ``doc.text``)."""
    if doc is None:
        from ..nlp import load_nlp

        doc = load_nlp()(sentence_text)
    code, prob, _ = predict(doc, source_span, target_span)
    return code, prob


# --- training (scikit-learn, only here) ------------------------------------------------------------

def fit(feature_sets: list[set[str]], labels: list[str], c: float = 10.0,
        seed: int = 0, dense: list[np.ndarray] | None = None) -> LinearModel:
    """Multinomial logistic regression over TF-IDF weighted binary features and, when given,
    the dense blocks (one equal-length vector per example)."""
    import scipy.sparse as sp
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in feature_sets])
    tfidf = TfidfTransformer(sublinear_tf=True)
    x = tfidf.fit_transform(x)
    n_sparse = x.shape[1]
    if dense is not None:
        x = sp.hstack([x, sp.csr_matrix(np.vstack(dense))]).tocsr()
    lr = LogisticRegression(C=c, max_iter=3000, random_state=seed)
    lr.fit(x, labels)
    coef = lr.coef_.T
    return LinearModel(vec.get_feature_names_out(), tfidf.idf_, coef[:n_sparse], lr.intercept_,
                       lr.classes_, coef[n_sparse:] if dense is not None else None)


def example(doc, item) -> tuple[set[str], np.ndarray, str]:
    """(sparse features, dense block, label) of a training item with .source/.target/.label."""
    return (features(doc, item.source, item.target),
            dense_features(doc, item.source, item.target), item.label)


def cross_val_predict(docs, items, extra=(), folds: int = 5, seed: int = 0,
                      c: float = 10.0) -> list[tuple[str, float]]:
    """Out-of-fold (code, probability) for each item; ``extra`` examples (see :func:`example`)
    join every training fold and are never scored."""
    from sklearn.model_selection import StratifiedKFold

    own = [example(d, it) for d, it in zip(docs, items)]
    labels = [lab for _, _, lab in own]
    extra = list(extra)
    out: list[tuple[str, float]] = [("", 0.0)] * len(items)
    split = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for train, test in split.split(labels, labels):
        rows = [own[i] for i in train] + extra
        model = fit([f for f, _, _ in rows], [lab for _, _, lab in rows], c=c, seed=seed,
                    dense=[d for _, d, _ in rows])
        for i in test:
            p = model.probabilities(own[i][0], own[i][1])
            k = int(p.argmax())
            out[i] = (model.classes[k], float(p[k]))
    return out
