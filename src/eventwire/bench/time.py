"""Temporal-expression benchmark on TempEval-3 platinum: span, value and type scores.

    eventwire bench time [--split dev|test|all] [--show-errors] [--dir FOLDER]

Reads ``../shared/eval/time/te3-platinum/*.tml`` (never copied into the repository). The
first 10 files (sorted by name) are dev, the other 10 test. Each file's ``<TEXT>`` is stripped
of its tags, keeping the character offsets of the gold TIMEX3 expressions; the text goes
through the spaCy pass and the times stage with the document creation time (DCT) as anchor.

Scoring follows the TempEval-3 definitions (UzZaman et al., 2013):

* strict span match: the same start and end; relaxed span match: any overlap. Each system
  expression is paired with at most one gold expression (the one it overlaps most), as the
  TE3 toolkit's TimeML-Normalizer gives each overlapping pair one shared id: a gold
  expression split in two counts one match and one spurious expression.
* P = matched system expressions / system expressions, R = matched gold / gold.
* value F1 (and type F1): the relaxed-matched pairs whose value (type) is equal count as
  correct; P = correct / system, R = correct / gold. Accuracy = correct / relaxed matches.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..model import Article, DocResult, Document
from .common import eval_dir, machine

DEV_FILES = 10
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r'<DCT>\s*<TIMEX3[^>]*\bvalue="(\d{4}-\d\d-\d\d)')


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    kind: str
    value: str


@dataclass(slots=True)
class TimeDoc:
    name: str
    dct: date
    text: str
    gold: list[Timex] = field(default_factory=list)


def parse_tml(path: Path) -> TimeDoc:
    """The plain ``<TEXT>`` of a TimeML file and its TIMEX3 expressions (offsets into it)."""
    raw = path.read_text(encoding="utf-8")
    dct = date.fromisoformat(_DCT.search(raw).group(1))
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[Timex] = []
    last = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[last:m.start()])
        out.append(chunk)
        pos += len(chunk)
        last = m.end()
        closing, tag = m.group(1) == "/", m.group(2)
        if tag != "TIMEX3":
            continue
        if not closing:
            open_timex = (pos, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            gold.append(Timex(start, pos, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    out.append(html.unescape(body[last:]))
    return TimeDoc(path.stem, dct, "".join(out), gold)


def load_docs(split: str, folder: Path | None = None) -> list[TimeDoc]:
    """The split's TE3-platinum documents; with ``folder``, every ``*.tml`` file there (other
    TimeML material, such as TimeBank, to develop on: all of it counts as dev)."""
    if folder is not None:
        return [parse_tml(p) for p in sorted(folder.glob("*.tml"))]
    folder = eval_dir("time/te3-platinum")
    files = sorted(folder.glob("*.tml"))
    files = files[:DEV_FILES] if split == "dev" else files[DEV_FILES:] if split == "test" else files
    return [parse_tml(p) for p in files]


def _result(doc: TimeDoc) -> DocResult:
    art = Article(doc_id=doc.name, paragraphs=[doc.text],
                  published=datetime.combine(doc.dct, datetime.min.time()), language="en")
    art.build_text()
    return DocResult(document=Document(doc.name, doc.name, doc.text, "text", doc.name), article=art)


def run_system(docs: list[TimeDoc]) -> tuple[list[list[Timex]], float, float]:
    """System expressions per document, seconds in the spaCy pass, seconds in the times stage."""
    from ..nlp import NlpStage
    from ..resolve.times import TimesStage

    results = [_result(d) for d in docs]
    nlp_stage, times_stage = NlpStage(), TimesStage()
    nlp_stage(results[:1])  # load the model outside the timing
    results = [_result(d) for d in docs]
    t0 = time.perf_counter()
    nlp_stage(results)
    t1 = time.perf_counter()
    for r in results:
        times_stage.process(r)
    t2 = time.perf_counter()
    system = [[Timex(t.start, t.end, t.kind, t.span.value or "") for t in r.times] for r in results]
    return system, t1 - t0, t2 - t1


def _overlap(a: Timex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def align(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed pairs: each system expression to the free gold one it overlaps most."""
    pairs, used = [], set()
    for s in system:
        best = max((g for g in gold if id(g) not in used and _overlap(g, s) > 0),
                   key=lambda g: _overlap(g, s), default=None)
        if best is not None:
            used.add(id(best))
            pairs.append((best, s))
    return pairs


def _prf(correct: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold_docs: list[list[Timex]], sys_docs: list[list[Timex]]) -> dict[str, float]:
    n_gold = sum(map(len, gold_docs))
    n_sys = sum(map(len, sys_docs))
    relaxed = strict = value_ok = type_ok = 0
    for gold, system in zip(gold_docs, sys_docs):
        for g, s in align(gold, system):
            relaxed += 1
            strict += (g.start, g.end) == (s.start, s.end)
            value_ok += g.value.upper() == s.value.upper()
            type_ok += g.kind == s.kind
    out: dict[str, float] = {"gold": n_gold, "system": n_sys}
    for name, correct in (("strict", strict), ("relaxed", relaxed), ("value", value_ok), ("type", type_ok)):
        p, r, f = _prf(correct, n_sys, n_gold)
        out[f"{name}_P"], out[f"{name}_R"], out[f"{name}_F1"] = p, r, f
    out["value_acc"] = value_ok / relaxed if relaxed else 0.0
    out["type_acc"] = type_ok / relaxed if relaxed else 0.0
    return out


def show_errors(docs: list[TimeDoc], sys_docs: list[list[Timex]]) -> None:
    for doc, system in zip(docs, sys_docs):
        pairs = align(doc.gold, system)
        matched_g = {id(g) for g, _ in pairs}
        matched_s = {id(s) for _, s in pairs}
        for g, s in pairs:
            if g.value.upper() != s.value.upper() or (g.start, g.end) != (s.start, s.end):
                print(f"{doc.name}\tDIFF\t{doc.text[g.start:g.end]!r} {g.kind} {g.value}"
                      f"\t<> {doc.text[s.start:s.end]!r} {s.kind} {s.value}")
        for g in doc.gold:
            if id(g) not in matched_g:
                print(f"{doc.name}\tMISS\t{doc.text[g.start:g.end]!r} {g.kind} {g.value}"
                      f"\t...{doc.text[max(0, g.start - 40):g.end + 20]!r}")
        for s in system:
            if id(s) not in matched_s:
                print(f"{doc.name}\tEXTRA\t{doc.text[s.start:s.end]!r} {s.kind} {s.value}"
                      f"\t...{doc.text[max(0, s.start - 40):s.end + 20]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="eventwire bench time", description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=("dev", "test", "all"))
    ap.add_argument("--show-errors", action="store_true", help="list misses, extras and wrong values")
    ap.add_argument("--dir", type=Path, help="score the TimeML files of this folder instead")
    args = ap.parse_args(argv)
    docs = load_docs(args.split, args.dir)
    if not docs:
        print(f"no TimeML documents found{f' in {args.dir}' if args.dir else ''}")
        return 0
    sys_docs, nlp_s, times_s = run_system(docs)
    res = score([d.gold for d in docs], sys_docs)
    if args.show_errors:
        show_errors(docs, sys_docs)
    n_gold = int(res["gold"])
    name = str(args.dir) if args.dir else f"TE3-platinum {args.split}"
    print(f"{name}: {len(docs)} documents, {n_gold} gold TIMEX3, "
          f"{int(res['system'])} found ({machine()})\n")
    print("| measure | P | R | F1 |\n|---|---|---|---|")
    for name in ("strict", "relaxed", "value", "type"):
        print(f"| {name} | {res[name + '_P']:.3f} | {res[name + '_R']:.3f} | {res[name + '_F1']:.3f} |")
    print(f"\nvalue accuracy {res['value_acc']:.3f}, type accuracy {res['type_acc']:.3f} "
          f"(over relaxed matches)")
    print(f"times stage: {n_gold / times_s:,.0f} gold expressions/s "
          f"({1000 * times_s / len(docs):.2f} ms/doc; spaCy pass {1000 * nlp_s / len(docs):.1f} ms/doc, "
          f"times = {100 * times_s / nlp_s:.1f}% of it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
