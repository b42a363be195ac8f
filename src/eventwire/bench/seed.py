"""Score a pipeline result against a gold annotation in the seed-gold YAML format
(``../shared/gold/*.yaml``): article fields, actors, relations, places and events.

Gold actors are matched to the result's actors by canonical name or alias first, then by the
actor most of the gold's surface forms are linked to; events match on type plus source/target
(when the gold names them); dates must lie inside the gold interval and places within
``tolerance_km``.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..model import DocResult

PRONOUNS = {"he", "she", "they", "it", "him", "his", "her", "them", "the group", "the militia"}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'`ʿʾ]", "", text.lower())
    return " ".join(re.findall(r"\w+", text))


def load_gold(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def _as_date(v: Any) -> date:
    return v if isinstance(v, date) else date.fromisoformat(str(v))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def match_actors(result: DocResult, gold: dict[str, Any]) -> dict[str, str]:
    """gold actor key -> result actor id."""
    by_name: dict[str, str] = {}
    for actor in result.actors.values():
        for name in [actor.name, *actor.aliases]:
            by_name.setdefault(norm(name), actor.actor_id)
    linked: dict[str, Counter] = {}
    for m in result.mentions:
        if m.actor_id:
            linked.setdefault(norm(m.text), Counter())[m.actor_id] += 1
    out = {}
    for key, g in gold.get("actors", {}).items():
        if not isinstance(g, dict):
            continue
        hit = by_name.get(norm(g["name"]))
        if hit is None:
            votes: Counter = Counter()
            for surface in g.get("mentions", []):
                if surface.lower() not in PRONOUNS:
                    votes.update(linked.get(norm(surface), Counter()))
            if votes:
                hit = votes.most_common(1)[0][0]
        if hit is not None:
            out[key] = hit
    return out


def score(result: DocResult, gold: dict[str, Any]) -> dict[str, Any]:
    """Recall/precision figures of ``result`` against ``gold``; see the module docstring."""
    report: dict[str, Any] = {}
    amap = match_actors(result, gold)
    gold_actors = {k: v for k, v in gold.get("actors", {}).items() if isinstance(v, dict)}

    def actor_ok(key: str) -> bool:
        aid = amap.get(key)
        if aid is None or aid not in result.actors:
            return False
        want = gold_actors[key].get("country")
        return want is None or result.actors[aid].country == want

    for scope, keys in (("core", [k for k, v in gold_actors.items() if v.get("core")]),
                        ("all", list(gold_actors))):
        found = [k for k in keys if actor_ok(k)]
        report[f"actors_{scope}_recall"] = len(found) / len(keys) if keys else None
        report[f"actors_{scope}_missed"] = sorted(set(keys) - set(found))

    # relations
    gold_rel = gold.get("relations", [])
    ours = {(r.subject_id, r.predicate, r.object_id) for r in result.relations}
    hit_core = hit_all = n_core = 0
    for s, pred, o, extra in gold_rel:
        want = (amap.get(s), pred, amap.get(o))
        ok = None not in want and want in ours
        hit_all += ok
        if (extra or {}).get("core"):
            n_core += 1
            hit_core += ok
    inverse = {v: k for k, v in amap.items()}
    gold_set = {(s, p, o) for s, p, o, _ in gold_rel}
    correct = sum((inverse.get(s), p, inverse.get(o)) in gold_set for s, p, o in ours)
    report["relations_core_recall"] = hit_core / n_core if n_core else None
    report["relations_all_recall"] = hit_all / len(gold_rel) if gold_rel else None
    report["relations_precision"] = correct / len(ours) if ours else None

    # places: a gold place is found when some resolved place lies within its tolerance
    places = [p for p in result.places.values() if p.lat is not None]
    gp = gold.get("places", {})
    for scope, keys in (("core", [k for k, v in gp.items() if v.get("core")]), ("all", list(gp))):
        found = [k for k in keys if any(
            km(gp[k]["lat"], gp[k]["lon"], p.lat, p.lon) <= gp[k]["tolerance_km"]
            for p in places)]
        report[f"places_{scope}_recall"] = len(found) / len(keys) if keys else None
        report[f"places_{scope}_missed"] = sorted(set(keys) - set(found))

    # events
    realised = [e for e in result.events if e.modality in ("asserted", "claimed")]

    def event_matches(g: dict[str, Any]):
        for e in realised:
            if e.event_type != g["type"]:
                continue
            if g.get("source") and e.source_actor_id != amap.get(g["source"]):
                continue
            if g.get("target") and e.target_actor_id != amap.get(g["target"]):
                continue
            yield e

    def date_ok(e, g) -> bool:
        lo, hi = (_as_date(x) for x in g["date"])
        return bool(e.time and e.time.start and e.time.end and lo <= e.time.start
                    and e.time.end <= hi)

    def place_ok(e, g) -> bool:
        if not g.get("place"):
            return True
        p = result.places.get(e.place_id) if e.place_id else None
        want = gp.get(g["place"])
        return bool(p and p.lat is not None and want and
                    km(want["lat"], want["lon"], p.lat, p.lon) <= want["tolerance_km"])

    gold_events = gold.get("events", [])
    rows = []
    for g in gold_events:
        cands = list(event_matches(g))
        best = max(cands, key=lambda e: (date_ok(e, g), place_ok(e, g)), default=None)
        rows.append({"id": g["id"], "core": bool(g.get("core")), "type": g["type"],
                     "found": best is not None,
                     "date_ok": bool(best and date_ok(best, g)),
                     "place_ok": bool(best and place_ok(best, g))})
    for scope in ("core", "all"):
        sel = [r for r in rows if r["core"] or scope == "all"]
        if sel:
            report[f"events_{scope}_recall"] = sum(r["found"] for r in sel) / len(sel)
            report[f"events_{scope}_full_recall"] = sum(
                r["found"] and r["date_ok"] and r["place_ok"] for r in sel) / len(sel)
    report["events"] = rows
    report["events_realised"] = len(realised)
    # precision: realised events that match some gold event by type, source and target
    matched = 0
    for e in realised:
        if any(e in list(event_matches(g)) for g in gold_events):
            matched += 1
    report["events_precision"] = matched / len(realised) if realised else None
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = []
    for k, v in report.items():
        if k == "events":
            for row in v:
                lines.append(f"  event {row['id']:<4} {row['type']:<9} core={row['core']!s:<5} "
                             f"found={row['found']!s:<5} date={row['date_ok']!s:<5} "
                             f"place={row['place_ok']}")
        elif isinstance(v, float):
            lines.append(f"{k:<28} {v:.3f}")
        else:
            lines.append(f"{k:<28} {v}")
    return "\n".join(lines)


def run_seed(seed: Path, gold: Path) -> tuple[DocResult, dict[str, Any]]:
    from ..pipeline import Pipeline
    from ..sources import read_inputs

    doc = next(iter(read_inputs([str(seed)])))
    result = Pipeline().process(doc)
    return result, score(result, load_gold(gold))


def main(argv: list[str] | None = None) -> int:
    from .common import shared_dir

    base = shared_dir()
    if base is None or not (base / "gold").is_dir():
        print("seed gold not found: put the shared folder beside the checkout as ../shared",
              file=sys.stderr)
        return 2
    for gold in sorted((base / "gold").glob("*.yaml")):
        seed = base / "seeds" / (gold.stem + ".txt")
        _, report = run_seed(seed, gold)
        print(f"== {seed.name}")
        print(format_report(report))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
