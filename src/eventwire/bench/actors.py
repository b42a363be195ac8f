"""Actor benchmark: the seed gold, PLOVER-GSR actor codes, ConfliBERT source/target spans, speed.

    eventwire bench actors [--limit N] [--repeat N] [--no-speed] [--records FILE]

(a) Seed gold (``../shared/gold/*.yaml``): an actor is right when the gold actor is matched
    (as :func:`eventwire.bench.seed.match_actors` matches it) to a KB or provisional actor of
    the gold's kind and country; precision is over the named actors the stage put out
    (country + sector agents are left out: the gold does not list them). Relations: the
    seed scorer's recall and precision.
(b) PLOVER-GSR (``events/plover-gsr``, dev): the pipeline runs on each record's text; "the"
    event is the one whose type matches the gold event (GSR names folded to eventwire's
    PLOVER), else the first event. Its source and target actors are compared with the gold
    actor codes: the country code (``IGO``/``NGO`` for international actors) and the sector
    (the first three letters of the gold sector, where the gold gives one). A role is right
    when it matches any of the gold's actors for it; coverage is the share of gold roles our
    event fills at all; accuracy is over all gold roles (a missing role is wrong) and over
    the covered ones. Two measures, from the same pipeline run:
    end to end: the event as above (detection and roles together);
    given the gold event type: where we detected no event of the gold's type, the role coder
    is run for that type over the sentence anyway (``events.coder.code_as``: the lexicon's
    trigger for the type, else the main verb), so the score isolates actor coding the way the
    PLV span agreement isolates roles. Benchmark only: the pipeline never stores these.
(c) ConfliBERT CAMEO (``events/conflibert-cameo``, test): BIO source (S) and target (T) spans;
    our spans are the source and target text of the first event that fills both roles (else
    the first event); span P/R/F1, exact (a leading "the" ignored) and by token overlap.
(d) Speed: milliseconds per article of the actors stage and of the spaCy pass before it on
    the seed pages and ``samples/``, best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import eval_dir, machine, shared_dir

# GSR event names that eventwire's PLOVER coder folds into another type
GSR_EVENT = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}
# Old CAMEO country codes in the GSR that ISO 3166-1 spells otherwise
GSR_COUNTRY = {"JAP": "JPN", "ITL": "ITA", "GMY": "DEU", "UK": "GBR"}
# Gold kinds of the seed YAML that our kinds answer to
SEED_KINDS = {"state_military": {"military", "police"}, "state": {"state", "government"}}
INTERNATIONAL = {"igo": "IGO", "ngo": "NGO"}
# CAMEO's code for an armed group of no one country (al-Qaeda): "international militarized group"
TRANSNATIONAL_ARMED = "IMG"


# --- (a) seed gold -------------------------------------------------------------------------------

def kind_fits(gold_kind: str | None, kind: str) -> bool:
    return gold_kind is None or kind in SEED_KINDS.get(gold_kind, {gold_kind})


def named_actor_ids(result) -> set[str]:
    """Actors the stage put out from names (KB, NER or provisional), not composed agents."""
    return {m.actor_id for m in result.mentions
            if m.actor_id in result.actors and m.label in ("ORG", "PERSON", "GPE", "NORP")
            and m.source != "coref"}


def seed_actor_scores(result, gold: dict[str, Any]) -> dict[str, Any]:
    """Actor recall (right entry, kind and country) and precision over named actors."""
    from .seed import match_actors

    amap = match_actors(result, gold)
    gold_actors = {k: v for k, v in gold.get("actors", {}).items() if isinstance(v, dict)}
    right = set()
    for key, g in gold_actors.items():
        actor = result.actors.get(amap.get(key, ""))
        if actor is not None and kind_fits(g.get("kind"), actor.kind) \
                and (g.get("country") is None or actor.country == g["country"]):
            right.add(key)
    ours = named_actor_ids(result)
    good = {amap[k] for k in right}
    return {"actors_recall": len(right) / len(gold_actors) if gold_actors else None,
            "actors_precision": len(ours & good) / len(ours) if ours else None,
            "actors_missed": sorted(set(gold_actors) - right),
            "actors_extra": sorted(result.actors[i].name for i in ours - set(amap.values()))}


def run_seed_gold(base: Path) -> list[tuple[str, dict[str, Any]]]:
    from .seed import load_gold, run_seed

    rows = []
    for gold_path in sorted((base / "gold").glob("*.yaml")):
        seed = base / "seeds" / (gold_path.stem + ".txt")
        if not seed.exists():
            continue
        result, report = run_seed(seed, gold_path)
        if result.skips:
            print(f"seed {seed.name} skipped: {[s.reason for s in result.skips]}", file=sys.stderr)
        report.update(seed_actor_scores(result, load_gold(gold_path)))
        rows.append((seed.name, report))
    return rows


# --- (b) PLOVER-GSR ------------------------------------------------------------------------------

@dataclass(slots=True)
class GoldRole:
    codes: set[str]  # country codes (or IGO/NGO) of the gold actors
    sectors: set[str]  # their sectors, where given


def gold_role(actors) -> GoldRole | None:
    if not isinstance(actors, list) or not actors:
        return None
    codes, sectors = set(), set()
    for a in actors:
        code = (a or {}).get("code")
        if code:
            codes.add(GSR_COUNTRY.get(code, code))
        sector = ((a or {}).get("sector") or "")[:3].upper()
        if sector.isalpha():  # "***" marks an unknown sector
            sectors.add(sector)
    return GoldRole(codes, sectors) if codes else None


def load_gsr(folder: Path) -> list[dict[str, Any]]:
    records = json.loads((folder / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    return [r for r in records if r.get("text") and r.get("event") != "DOCUMENT"]


def actor_code(actor) -> tuple[str | None, str | None]:
    """(country code or IGO/NGO, sector) of one of our actors."""
    if actor is None:
        return None, None
    code = actor.country or INTERNATIONAL.get(actor.kind) \
        or (actor.sector if actor.sector in ("IGO", "NGO") else None) \
        or (TRANSNATIONAL_ARMED if actor.kind == "armed_group" else None)
    sector = actor.sector or ("GOV" if actor.kind == "state" else None)
    return code, sector


def pick_event(events, gold_type: str):
    """The event of the gold's type, else the first; realised events before the rest."""
    if not events:
        return None
    want = GSR_EVENT.get(gold_type, gold_type)
    same = [e for e in events if e.event_type == want]
    pool = same or events
    return max(pool, key=lambda e: ((e.source_actor_id is not None) + (e.target_actor_id is not None),
                                    -events.index(e)))


def end_to_end_event(rec: dict[str, Any], result):
    """(a) our detected event of the gold's type, else our first (see :func:`pick_event`)."""
    return pick_event(result.events, rec["event"])


def gold_type_event(rec: dict[str, Any], result):
    """(b) actor coding given the gold event: our event of the gold's type where the detector
    found one, else the role coder run for the gold's type over the sentence
    (:func:`eventwire.events.coder.code_as`: the lexicon's trigger for that type, else the
    main verb). Isolates the actor stage from event detection; nothing here is stored."""
    from ..events.coder import code_as

    want = GSR_EVENT.get(rec["event"], rec["event"])
    if any(e.event_type == want for e in result.events):
        return pick_event(result.events, rec["event"])
    return pick_event(code_as(result, want), rec["event"])


def gsr_scores(pairs, choose=end_to_end_event) -> dict[str, Any]:
    """``pairs``: (record, DocResult); ``choose(record, result)`` gives the event scored.
    Country and sector accuracy per role."""
    tally: dict[str, int] = {}

    def add(k: str, n: int = 1) -> None:
        tally[k] = tally.get(k, 0) + n

    for rec, result in pairs:
        event = choose(rec, result)
        add("records")
        add("type_found", bool(event and event.event_type == GSR_EVENT.get(rec["event"], rec["event"])))
        for role in ("source", "target"):
            gold = gold_role(rec.get(role))
            if gold is None:
                continue
            add(f"{role}_gold")
            actor_id = getattr(event, f"{role}_actor_id") if event else None
            code, sector = actor_code(result.actors.get(actor_id) if actor_id else None)
            add(f"{role}_covered", code is not None)
            add(f"{role}_country_ok", code in gold.codes)
            if gold.sectors:
                add(f"{role}_sector_gold")
                add(f"{role}_sector_covered", code is not None)
                add(f"{role}_sector_ok", sector in gold.sectors)
    out: dict[str, Any] = {"records": tally.get("records", 0),
                           "type_found": ratio(tally, "type_found", "records")}
    for role in ("source", "target"):
        out[role] = {
            "gold": tally.get(f"{role}_gold", 0),
            "coverage": ratio(tally, f"{role}_covered", f"{role}_gold"),
            "country_acc": ratio(tally, f"{role}_country_ok", f"{role}_gold"),
            "country_acc_covered": ratio(tally, f"{role}_country_ok", f"{role}_covered"),
            "sector_gold": tally.get(f"{role}_sector_gold", 0),
            "sector_acc": ratio(tally, f"{role}_sector_ok", f"{role}_sector_gold"),
            "sector_acc_covered": ratio(tally, f"{role}_sector_ok", f"{role}_sector_covered"),
        }
    return out


def ratio(tally: dict[str, int], num: str, den: str) -> float | None:
    return tally.get(num, 0) / tally[den] if tally.get(den) else None


def record_rows(pairs, choose=end_to_end_event):
    """One row per GSR record for error analysis (``--records``): the gold roles, the event
    scored and its roles with their codes and whether each is right."""
    for rec, result in pairs:
        event = choose(rec, result)
        row: dict[str, Any] = {"id": rec.get("id"), "text": rec["text"], "gold_event": rec["event"],
                               "event": event.event_type if event else None,
                               "trigger": event.trigger if event else None}
        for role in ("source", "target"):
            gold = gold_role(rec.get(role))
            actor_id = getattr(event, f"{role}_actor_id") if event else None
            actor = result.actors.get(actor_id) if actor_id else None
            code, sector = actor_code(actor)
            row[role] = {"gold": sorted(gold.codes) if gold else None,
                         "gold_sector": sorted(gold.sectors) if gold else None,
                         "text": getattr(event, f"{role}_text") if event else None,
                         "actor": actor.name if actor else None, "code": code, "sector": sector,
                         "ok": (code in gold.codes) if gold else None}
        yield row


# --- (c) ConfliBERT spans ------------------------------------------------------------------------

NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]|['’](?:s|re|ve|ll|d|m)?|n['’]t)$", re.I)


@dataclass(slots=True)
class SpanItem:
    text: str
    spans: dict[str, tuple[int, int]]  # "S"/"T" -> char span


def detokenize(tokens: list[tuple[str, str]]) -> SpanItem:
    """Tokens with BIO tags -> text (spaces only where print has them) and the S/T spans
    (the first of each role)."""
    text, spans, open_role = "", {}, None
    for i, (word, tag) in enumerate(tokens):
        after_apostrophe = i > 0 and tokens[i - 1][0] in ("'", "’") \
            and word.lower() in ("s", "re", "ve", "ll", "d", "m", "t")  # "Moscow ’ s"
        glue = i == 0 or NO_SPACE_BEFORE.match(word) or after_apostrophe \
            or text.endswith(("(", "[", "$"))
        text += ("" if glue else " ")
        start = len(text)
        text += word
        role = tag[2:] if tag[:2] in ("B-", "I-") else None
        if tag.startswith("B-") and role not in spans:
            spans[role], open_role = (start, len(text)), role
        elif tag.startswith("I-") and role == open_role and role in spans:
            spans[role] = (spans[role][0], len(text))
        else:
            open_role = role if tag.startswith("B-") else None
    return SpanItem(text, spans)


def load_bio(path: Path) -> list[SpanItem]:
    items, cur = [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if cur:
                items.append(detokenize(cur))
            cur = []
            continue
        word, _, tag = line.rpartition(" ")
        cur.append((word, tag))
    return items


def event_spans(text: str, events) -> dict[str, tuple[int, int]]:
    """Char spans of the source and target text of the first event filling both roles."""
    if not events:
        return {}
    event = next((e for e in events if e.source_text and e.target_text), events[0])
    out = {}
    for role, phrase in (("S", event.source_text), ("T", event.target_text)):
        i = text.find(phrase) if phrase else -1
        if i >= 0:
            out[role] = (i, i + len(phrase))
    return out


def strip_the(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    return (s + 4, e) if text[s:s + 4].lower() == "the " and e > s + 4 else span


def span_f1(items: list[SpanItem], predicted: list[dict[str, tuple[int, int]]]) -> dict[str, Any]:
    """Exact and overlap P/R/F1 per role (S, T) and over both."""
    out: dict[str, Any] = {}
    for roles, name in ((("S",), "source"), (("T",), "target"), (("S", "T"), "both")):
        for mode in ("exact", "overlap"):
            tp = n_pred = n_gold = 0
            for item, pred in zip(items, predicted):
                for r in roles:
                    g, p = item.spans.get(r), pred.get(r)
                    n_gold += g is not None
                    n_pred += p is not None
                    if g and p:
                        tp += (strip_the(item.text, g) == strip_the(item.text, p)) if mode == "exact" \
                            else (p[0] < g[1] and g[0] < p[1])
            prec = tp / n_pred if n_pred else 0.0
            rec = tp / n_gold if n_gold else 0.0
            out[f"{name}_{mode}"] = {"p": prec, "r": rec,
                                     "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0}
    return out


# --- running the pipeline ------------------------------------------------------------------------

def run_texts(texts: list[str]):
    """The pipeline after extraction over plain sentences (each its own one-paragraph article),
    so the scores measure the actors and events stages, not the page extractor."""
    from ..model import Article, DocResult
    from ..pipeline import DEFAULT_STAGES, Pipeline
    from ..sources.documents import make_document

    results = []
    for text in texts:
        doc = make_document("bench", text, "text")
        article = Article(doc.doc_id, paragraphs=[text], language="en")
        article.build_text()
        results.append(DocResult(document=doc, article=article))
    for stage in Pipeline([s for s in DEFAULT_STAGES if s != "extract"]).stages:
        stage(results)
    return results


# --- (d) speed -----------------------------------------------------------------------------------

def stage_speed(inputs: list[str], repeat: int) -> dict[str, float]:
    """ms per article of the nlp (spaCy) pass and the actors stage; best of ``repeat``."""
    from ..pipeline import Pipeline
    from ..sources import read_inputs

    docs = list(read_inputs(inputs))
    pipe = Pipeline(("extract", "nlp", "actors"))
    pipe.process_batch(docs[:1])  # load models before the clock
    best: dict[str, float] = {}
    for _ in range(repeat):
        results = pipe.process_batch(docs)
        done = [r for r in results if "actors" in r.timings]
        if not done:
            continue
        for stage in ("nlp", "actors"):
            ms = 1000 * sum(r.timings.get(stage, 0.0) for r in done) / len(done)
            key = f"{stage}_ms"
            best[key] = min(best.get(key, ms), ms)
        best["docs"] = len(done)
    if best:
        best["actors_share"] = best["actors_ms"] / best["nlp_ms"]
    return best


# --- output --------------------------------------------------------------------------------------

def fmt(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def markdown(seed_rows, gsr_runs: dict[str, dict[str, Any]], spans, speed) -> str:
    lines = [f"Actors benchmark (`eventwire bench actors`), {machine()}", "",
             "| set | metric | value |", "|---|---|---|"]
    for name, r in seed_rows:
        for k in ("actors_recall", "actors_precision", "relations_all_recall",
                  "relations_precision", "actors_core_recall", "relations_core_recall"):
            lines.append(f"| seed {name} | {k} | {fmt(r.get(k))} |")
    for label, gsr in gsr_runs.items():
        for role in ("source", "target"):
            g = gsr[role]
            lines.append(f"| PLOVER-GSR dev, {label} ({g['gold']} {role}s) | {role} coverage / "
                         f"country acc (all; covered) | {fmt(g['coverage'])} / "
                         f"{fmt(g['country_acc'])}; {fmt(g['country_acc_covered'])} |")
            lines.append(f"| PLOVER-GSR dev, {label} ({g['sector_gold']} {role} sectors) | {role} "
                         f"sector acc (all; covered) | {fmt(g['sector_acc'])}; "
                         f"{fmt(g['sector_acc_covered'])} |")
    if spans:
        for name in ("source", "target", "both"):
            ex, ov = spans[f"{name}_exact"], spans[f"{name}_overlap"]
            lines.append(f"| ConfliBERT test ({spans['n']} sents) | {name} span F1 exact / overlap "
                         f"| {fmt(ex['f1'])} / {fmt(ov['f1'])} |")
    for name, s in speed.items():
        if s:
            lines.append(f"| speed {name} ({s['docs']:.0f} docs) | actors ms vs spaCy ms per article "
                         f"| {s['actors_ms']:.1f} vs {s['nlp_ms']:.1f} ({100 * s['actors_share']:.0f}%) |")
    return "\n".join(lines)


def print_gsr(gsr: dict[str, Any], label: str) -> None:
    print(f"PLOVER-GSR dev, {label}: {gsr['records']} records, event of the gold type "
          f"{fmt(gsr['type_found'])}")
    for role in ("source", "target"):
        g = gsr[role]
        print(f"  {role:<6} n={g['gold']:<4} coverage {fmt(g['coverage'])}  country acc "
              f"{fmt(g['country_acc'])} (covered {fmt(g['country_acc_covered'])})  sector acc "
              f"{fmt(g['sector_acc'])} (covered {fmt(g['sector_acc_covered'])}, n={g['sector_gold']})")


def print_spans(spans: dict[str, Any]) -> None:
    print(f"ConfliBERT CAMEO test: {spans['n']} sentences")
    for k, v in spans.items():
        if isinstance(v, dict):
            print(f"  {k:<16} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="eventwire bench actors", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="at most N records per eval set")
    ap.add_argument("--repeat", type=int, default=3, help="speed runs; the best is kept")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    ap.add_argument("--samples", default="samples", help="folder of sample pages for speed")
    ap.add_argument("--records", default=None,
                    help="write one JSON line per GSR dev record (end to end) to this file")
    args = ap.parse_args(argv)

    events = eval_dir("events")  # exits with a message when the eval data is absent
    print(f"machine: {machine()}")
    base = shared_dir()
    seed_rows = run_seed_gold(base) if base and (base / "gold").is_dir() else []
    for name, r in seed_rows:
        print(f"seed {name}: actors R {fmt(r['actors_recall'])} P {fmt(r['actors_precision'])}; "
              f"relations R {fmt(r['relations_all_recall'])} P {fmt(r['relations_precision'])}; "
              f"core actors R {fmt(r['actors_core_recall'])}, core relations R "
              f"{fmt(r['relations_core_recall'])}")
        print(f"  missed {r['actors_missed']}; extra {r['actors_extra']}")

    gsr = gsr_given = None
    if (events / "plover-gsr").is_dir():
        recs = load_gsr(events / "plover-gsr")[: args.limit]
        results = run_texts([r["text"] for r in recs])
        gsr = gsr_scores(zip(recs, results))
        print_gsr(gsr, "end to end (our event of the gold type, else our first)")
        gsr_given = gsr_scores(zip(recs, results), choose=gold_type_event)
        if args.records:
            with open(args.records, "w", encoding="utf-8") as out:
                for row in record_rows(zip(recs, results)):
                    out.write(json.dumps(row) + "\n")
        print_gsr(gsr_given, "given the gold event type (role coder run for it where we found none)")

    spans = None
    bio = events / "conflibert-cameo" / "cameo_ner_test.txt"
    if bio.exists():
        items = load_bio(bio)[: args.limit]
        results = run_texts([i.text for i in items])
        spans = span_f1(items, [event_spans(i.text, r.events) for i, r in zip(items, results)])
        spans["n"] = len(items)
        print_spans(spans)

    speed: dict[str, dict[str, float]] = {}
    if not args.no_speed:
        if base and (base / "seeds").is_dir():
            speed["seed"] = stage_speed([str(base / "seeds")], args.repeat)
        if Path(args.samples).is_dir():
            speed["samples"] = stage_speed([args.samples], args.repeat)
        for name, s in speed.items():
            if s:
                print(f"speed {name}: actors {s['actors_ms']:.1f} ms vs spaCy {s['nlp_ms']:.1f} ms "
                      f"per article ({100 * s['actors_share']:.0f}%)")
    print()
    print(markdown(seed_rows, {"end to end": gsr, "given gold type": gsr_given} if gsr else {},
                   spans, speed))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
