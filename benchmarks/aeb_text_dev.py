"""Score the text-dump extractor on aeb-text (ids sorted; first 90 = dev, rest = test).

    python benchmarks/aeb_text_dev.py [--split dev|test] [--errors N]

Prints the aeb shingle metric (4-token shingles of lower-cased \\w+ tokens, per-page
precision/recall/F1 averaged over pages, an empty output counted only against recall), the
line accuracy against ``line_labels`` (1 = body) and pages/second. Reads
``../shared/eval/extraction/aeb-text``; exits with a message where it is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from eventwire.extract.text import classify_text

DATA = Path(__file__).resolve().parents[2] / "shared/eval/extraction/aeb-text/aeb_wetlike.jsonl"


def shingles(text: str, n: int = 4) -> Counter:
    tokens = re.findall(r"\w+", text.lower())
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    p_sh, g_sh = shingles(pred), shingles(gold)
    if not p_sh:
        return 1.0, 0.0, 0.0  # empty output: counted only against recall
    tp = sum((p_sh & g_sh).values())
    p = tp / sum(p_sh.values())
    r = tp / sum(g_sh.values()) if g_sh else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--errors", type=int, default=0, help="print the N worst pages' errors")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"aeb-text not found at {DATA}; nothing to score", file=sys.stderr)
        return 0
    rows = sorted((json.loads(x) for x in DATA.open()), key=lambda r: r["id"])
    rows = rows[:90] if args.split == "dev" else rows[90:]
    scores, line_ok, line_n, worst = [], 0, 0, []
    classify_text("warm up the stopword lists")
    t0 = time.perf_counter()
    labelled = [classify_text("\n".join(r["lines"])) for r in rows]
    elapsed = time.perf_counter() - t0
    for r, lines in zip(rows, labelled):
        body = [ln for ln in lines if ln.label == "body"]
        pred = "\n".join(ln.text for ln in body)
        s = prf(pred, r["gold_articleBody"])
        scores.append(s)
        is_body = {ln.index for ln in body}
        for i, lab in enumerate(r["line_labels"]):
            line_ok += (i in is_body) == bool(lab)
            line_n += 1
        worst.append((s[2], r, lines))
    n = len(scores)
    p, rc, f = (sum(s[k] for s in scores) / n for k in range(3))
    print(f"aeb-text {args.split}: {n} pages  P {p:.3f}  R {rc:.3f}  F1 {f:.3f} "
          f"(F1 of means {2 * p * rc / (p + rc):.3f})  line acc {line_ok / line_n:.3f}  "
          f"{n / elapsed:.0f} pages/s")
    for f1, r, lines in sorted(worst, key=lambda x: x[0])[: args.errors]:
        print(f"\n=== F1 {f1:.3f} {r['url']}")
        for ln in lines:
            gold = r["line_labels"][ln.index]
            mark = "  " if (ln.label == "body") == bool(gold) else ("FP" if gold == 0 else "FN")
            print(f"{mark} {ln.label[:5]:5} {ln.text[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
