"""Train the shipped PLV event classifier (``src/eventwire/data/events/plv_classifier.npz``).

    .venv/bin/python scripts/train_event_classifier.py [--cv] [--c 30]

Trains ONLY on dev material: ``../shared/eval/events/plv/PLV_train.tsv``, the PLOVER-GSR records
(``plover-gsr/``) and the sentences written for eventwire
(``src/eventwire/data/events/written_examples.tsv``); never on a test file. Fixed
seed, so the same data gives the same weights. ``--cv`` first prints 5-fold cross-validated
scores on PLV_train (the extra material joins every training fold, is never scored).
scikit-learn is needed here only; inference reads the exported weights with numpy.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from eventwire.bench import events as bench
from eventwire.bench.common import eval_dir
from eventwire.events import classifier

SEED = 0
OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "events" / \
    "plv_classifier.npz"

def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cv", action="store_true", help="print 5-fold CV scores on PLV_train first")
    ap.add_argument("--c", type=float, default=30.0, help="inverse regularisation strength")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    events = eval_dir("events")
    plv = bench.load_plv(events / "plv" / "PLV_train.tsv")
    extra = bench.load_gsr(events / "plover-gsr") + bench.load_written()
    t0 = time.perf_counter()
    plv_docs = bench.parse_all([it.text for it in plv])
    extra_docs = bench.parse_all([it.text for it in extra])
    extra_rows = [classifier.example(d, it) for d, it in zip(extra_docs, extra)]
    print(f"{len(plv)} PLV_train pairs, {len(extra)} extra (GSR + written); parsed in "
          f"{time.perf_counter() - t0:.1f}s", file=sys.stderr)
    if args.cv:
        out = classifier.cross_val_predict(plv_docs, plv, extra=extra_rows, seed=SEED, c=args.c)
        s = bench.scores([it.label for it in plv], [c for c, _ in out], bench.PLV_CODES)
        print("5-fold CV on PLV_train: " + ", ".join(f"{k} {v:.3f}" for k, v in s.items()))
    rows = [classifier.example(d, it) for d, it in zip(plv_docs, plv)] + extra_rows
    model = classifier.fit([f for f, _, _ in rows], [lab for _, _, lab in rows], c=args.c,
                           seed=SEED, dense=[d for _, d, _ in rows])
    model.save(args.out)
    print(f"wrote {args.out} ({len(model.index)} features, {len(model.classes)} classes, "
          f"{args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
