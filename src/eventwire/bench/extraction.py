"""Article-extraction benchmark: eventwire beside trafilatura, resiliparse and C4 line rules.

    eventwire bench extraction [--split test|dev|all] [--sets aeb,aeb-text]
                               [--systems eventwire,trafilatura,resiliparse,c4] [--errors N]

Reads ``../shared/eval/extraction/`` (or $EVENTWIRE_EVAL_DIR/extraction):

* ``aeb``: the ScrapingHub article-extraction benchmark, ``html/<id>.html.gz`` and
  ``ground-truth.json``;
* ``aeb-text``: the same pages rendered to visible text lines (``aeb_wetlike.jsonl``).

Split: ids sorted, the first 90 are dev, the rest test (report test; tune on dev only).

Metric (the aeb one): 4-token shingles of lower-cased ``\\w+`` tokens per page; precision is
averaged over pages with output (an empty output counts only against recall), recall over
all pages, F1 is the harmonic mean of those two averages (the aeb ``evaluate.py`` way). The
mean of per-page F1 is printed beside it. Speed is pages per CPU-second of this one process,
pinned to one core, after a warm-up page.

How each system meets each input:

* HTML-native tools (trafilatura, resiliparse) on aeb-text get each line as one ``<p>``;
* the C4 rules on aeb get the page's full visible text from resiliparse (no main-content
  step), as C4 itself got WET text.
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .common import eval_dir, machine

DEV_PAGES = 90
SYSTEMS = ("eventwire", "trafilatura", "resiliparse", "c4")
SETS = ("aeb", "aeb-text")


# --- data --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Page:
    id: str
    url: str | None
    gold: str
    html: bytes | None = None  # aeb
    lines: list[str] = field(default_factory=list)  # aeb-text
    line_labels: list[int] = field(default_factory=list)


def load_aeb(root: Path) -> list[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for pid in sorted(truth):
        path = root / "html" / f"{pid}.html.gz"
        if path.exists():
            pages.append(Page(pid, truth[pid].get("url"), truth[pid].get("articleBody") or "",
                              html=gzip.decompress(path.read_bytes())))
    return pages


def load_aeb_text(root: Path) -> list[Page]:
    with (root / "aeb_wetlike.jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [Page(r["id"], r.get("url"), r["gold_articleBody"], lines=r["lines"],
                 line_labels=r["line_labels"]) for r in sorted(rows, key=lambda r: r["id"])]


def split(pages: list[Page], which: str) -> list[Page]:
    """ids sorted: the first 90 are dev, the rest test."""
    pages = sorted(pages, key=lambda p: p.id)
    return {"dev": pages[:DEV_PAGES], "test": pages[DEV_PAGES:], "all": pages}[which]


# --- the aeb metric ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text.lower())
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_counts(pred: str, gold: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page's shingles, normalised to sum to 1 so long pages weigh as much
    as short ones."""
    p, g = shingles(pred), shingles(gold)
    tp = sum((p & g).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


@dataclass(slots=True)
class Score:
    precision: float
    recall: float
    f1: float  # harmonic mean of the averaged precision and recall (aeb)
    page_f1: float  # mean of per-page F1
    empty: int


def score(counts: list[tuple[float, float, float]]) -> Score:
    ps = [_precision(*c) for c in counts if c[0] + c[1] > 0]  # empty output: not in precision
    rs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    f1s = [2 * _precision(*c) * _recall(*c) / (_precision(*c) + _recall(*c))
           if _precision(*c) + _recall(*c) else 0.0 for c in counts]
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0,
                 statistics.mean(f1s) if f1s else 0.0,
                 sum(c[0] + c[1] == 0 for c in counts))


# --- C4 line rules -------------------------------------------------------------------------------

# Written from the C4 description (Raffel et al. 2020, "Colossal Clean Crawled Corpus"): keep
# lines that end in terminal punctuation and have at least five words; drop lines that mention
# JavaScript, carry a curly brace or a policy/cookie notice. Page-level filters (bad-word list,
# "lorem ipsum" pages, fewer than three sentences, cross-corpus dedup) decide whether a page
# enters a corpus, not what its text is, so the baseline applies them only as line filters.
_C4_TERMINAL = re.compile(r"[.!?]['\"”’]?$|[\"”]$")
_C4_DROP = re.compile(r"javascript|lorem ipsum|[{}]|terms of use|privacy policy|cookie policy|"
                      r"uses cookies|use of cookies|use cookies", re.IGNORECASE)
C4_MIN_WORDS = 5


def c4_lines(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        line = line.strip()
        if (len(line.split()) >= C4_MIN_WORDS and _C4_TERMINAL.search(line)
                and not _C4_DROP.search(line)):
            out.append(line)
    return out


# --- systems ---------------------------------------------------------------------------------


def _lines_as_html(lines: list[str]) -> str:
    body = "\n".join(f"<p>{html_lib.escape(line)}</p>" for line in lines)
    return f"<!doctype html><html><head><meta charset='utf-8'></head><body>\n{body}\n</body></html>"


def _eventwire_doc(page: Page, fmt: str):
    from ..model import Document

    content = page.html if fmt == "html" else "\n".join(page.lines)
    return Document(doc_id=page.id, source="bench", content=content, format=fmt,
                    content_hash=page.id, url=page.url, header_date=None, meta={})


def _run_eventwire(page: Page, fmt: str) -> str:
    from ..extract import extract_article
    from ..registry import SkipDocument

    try:
        return "\n".join(extract_article(_eventwire_doc(page, fmt)).paragraphs)
    except SkipDocument:
        return ""


def _run_trafilatura(page: Page, fmt: str) -> str:
    import trafilatura

    html = page.html if fmt == "html" else _lines_as_html(page.lines)
    # Comments are not the article (the aeb reference run leaves them out too).
    return trafilatura.extract(html, url=page.url, include_comments=False) or ""


def _run_resiliparse(page: Page, fmt: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    if fmt == "html":
        text = bytes_to_str(page.html, detect_encoding(page.html))
    else:
        text = _lines_as_html(page.lines)
    return extract_plain_text(HTMLTree.parse(text), main_content=True)


def _run_c4(page: Page, fmt: str) -> str:
    if fmt == "html":
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.encoding import bytes_to_str, detect_encoding
        from resiliparse.parse.html import HTMLTree

        text = bytes_to_str(page.html, detect_encoding(page.html))
        lines = extract_plain_text(HTMLTree.parse(text), main_content=False).splitlines()
    else:
        lines = page.lines
    return "\n".join(c4_lines(lines))


RUNNERS: dict[str, Callable[[Page, str], str]] = {
    "eventwire": _run_eventwire, "trafilatura": _run_trafilatura,
    "resiliparse": _run_resiliparse, "c4": _run_c4,
}


def available(system: str) -> str | None:
    """``None`` when the system can run here, else why not."""
    needs = {"trafilatura": "trafilatura", "resiliparse": "resiliparse", "c4": "resiliparse"}
    module = needs.get(system)
    if module is None:
        return None
    try:
        __import__(module)
    except ImportError:
        return f"{module} is not installed (pip install {module})"
    return None


# --- running ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Result:
    system: str
    dataset: str
    score: Score
    pages_per_s: float
    n: int
    outputs: list[str]


def run_system(system: str, dataset: str, pages: list[Page]) -> Result:
    fmt = "html" if dataset == "aeb" else "text"
    runner = RUNNERS[system]
    runner(pages[0], fmt)  # warm-up: imports, lazy tables
    # CPU time of this process: pages per CPU-second on one core, unskewed by whatever else
    # the machine runs meanwhile (wall time on a shared machine varied by 1.5x between runs).
    t0 = time.process_time()
    outputs = [runner(p, fmt) for p in pages]
    elapsed = time.process_time() - t0
    counts = [page_counts(out, p.gold) for out, p in zip(outputs, pages)]
    return Result(system, dataset, score(counts), len(pages) / elapsed, len(pages), outputs)


def pin_one_core() -> str:
    """Pin this process to one core so pages/second means one core's worth."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to core {cpu}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity here)"


def markdown_table(results: list[Result], which: str) -> str:
    rows = [f"| system | set ({which}) | pages | precision | recall | F1 | mean page F1 | "
            "empty | pages/s (1 core) |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        s = r.score
        rows.append(f"| {r.system} | {r.dataset} | {r.n} | {s.precision:.3f} | {s.recall:.3f} | "
                    f"**{s.f1:.3f}** | {s.page_f1:.3f} | {s.empty} | {r.pages_per_s:,.0f} |")
    return "\n".join(rows)


def print_errors(result: Result, pages: list[Page], n: int) -> None:
    """The n worst pages of eventwire on aeb-text, line by line (FP/FN against line_labels)."""
    from ..extract.text import classify_text

    scored = sorted(zip(pages, result.outputs),
                    key=lambda po: _f1_of(page_counts(po[1], po[0].gold)))
    for page, _out in scored[:n]:
        print(f"\n=== F1 {_f1_of(page_counts(_out, page.gold)):.3f} {page.url}")
        for ln in classify_text("\n".join(page.lines)):
            gold = page.line_labels[ln.index] if ln.index < len(page.line_labels) else 0
            mark = "  " if (ln.label == "body") == bool(gold) else ("FP" if not gold else "FN")
            print(f"{mark} {ln.label[:5]:5} {ln.text[:110]}")


def _f1_of(c: tuple[float, float, float]) -> float:
    p, r = _precision(*c), _recall(*c)
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="eventwire bench extraction", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("test", "dev", "all"), default="test",
                    help="test (report), dev (develop), all")
    ap.add_argument("--sets", default=",".join(SETS), help="comma list of aeb, aeb-text")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help="comma list of " + ", ".join(SYSTEMS))
    ap.add_argument("--errors", type=int, default=0,
                    help="print eventwire's N worst aeb-text pages line by line")
    args = ap.parse_args(argv or [])
    root = eval_dir("extraction")
    sets = [s for s in args.sets.split(",") if s]
    systems = [s for s in args.systems.split(",") if s]
    for name in sets + systems:
        if name not in SETS + SYSTEMS:
            ap.error(f"unknown set or system {name!r}")
    print(f"extraction benchmark, {args.split} split, {date.today().isoformat()}, "
          f"{machine()}, {pin_one_core()}")
    loaders = {"aeb": lambda: load_aeb(root / "aeb"), "aeb-text": lambda: load_aeb_text(root / "aeb-text")}
    results = []
    for dataset in sets:
        if not (root / dataset).is_dir():
            print(f"  {dataset}: not found under {root}; skipped", file=sys.stderr)
            continue
        pages = split(loaders[dataset](), args.split)
        for system in systems:
            why = available(system)
            if why:
                print(f"  {system} on {dataset}: skipped, {why}", file=sys.stderr)
                continue
            r = run_system(system, dataset, pages)
            results.append(r)
            s = r.score
            print(f"  {system:<11} {dataset:<8} P {s.precision:.3f} R {s.recall:.3f} "
                  f"F1 {s.f1:.3f} (page F1 {s.page_f1:.3f}, {s.empty} empty) "
                  f"{r.pages_per_s:,.0f} pages/s", flush=True)
            if system == "eventwire" and dataset == "aeb-text" and args.errors:
                print_errors(r, pages, args.errors)
    print()
    print(markdown_table(results, args.split))
    print(f"\nmachine: {machine()}; one process pinned to one core; date {date.today().isoformat()}")
    return 0
