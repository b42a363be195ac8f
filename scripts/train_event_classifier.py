"""Train the shipped PLV event classifier (``src/eventwire/data/events/plv_classifier.npz``).

    .venv/bin/python scripts/train_event_classifier.py [--cv] [--c 30]

Trains ONLY on dev material: ``../shared/eval/events/plv/PLV_train.tsv``, the PLOVER-GSR records
(``plover-gsr/``) and the sentences written below for eventwire; never on a test file. Fixed
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

# Sentences written for eventwire: <s>source</s> and <t>target</t> marked, then the PLV code.
WRITTEN = """
<s>The two governments</s> signed a trade accord with <t>the regional bloc</t> on Monday.\tAGREE
<s>Rebel commanders</s> accepted <t>the mediators'</t> proposal for a truce.\tAGREE
<s>The foreign minister</s> held talks with <t>his Kenyan counterpart</t> in Nairobi.\tCONSULT
<s>The president</s> telephoned <t>the prime minister</t> late on Tuesday.\tCONSULT
<s>The senator</s> praised <t>the army</t> for its restraint.\tSUPPORT
<s>Local leaders</s> voiced support for <t>the governor</t> after the vote.\tSUPPORT
<s>The two navies</s> held joint exercises with <t>coastal patrols</t> in the strait.\tCOOPERATE
<s>The ministry</s> agreed to share intelligence with <t>neighbouring states</t>.\tCOOPERATE
<s>The charity</s> delivered food and medicine to <t>flood victims</t> in the delta.\tAID
<s>The bank</s> extended an emergency loan to <t>the island nation</t>.\tAID
<s>The junta</s> released <t>forty political prisoners</t> on Sunday.\tYIELD
<s>Government troops</s> withdrew from <t>the border town</t> overnight.\tYIELD
<s>The union</s> called on <t>the government</t> to raise wages.\tREQUEST
<s>The opposition</s> demanded that <t>the electoral board</t> recount the ballots.\tREQUEST
<s>The ministry</s> blamed <t>the rebels</t> for the blackout.\tACCUSE
<s>Prosecutors</s> charged <t>the former mayor</t> with fraud.\tACCUSE
<s>The council</s> rejected <t>the governor's</t> budget plan.\tREJECT
<s>The cabinet</s> refused to meet <t>the strikers'</t> demands.\tREJECT
<s>The militia</s> warned <t>the townspeople</t> that it would burn their homes.\tTHREATEN
<s>The general</s> threatened to attack <t>the port</t> if talks failed.\tTHREATEN
<s>Thousands of students</s> marched against <t>the education ministry</t> in the capital.\tPROTEST
<s>Farmers</s> blocked roads to protest <t>the new tax</t>.\tPROTEST
<s>The bloc</s> imposed sanctions on <t>three arms dealers</t>.\tSANCTION
<s>The government</s> expelled <t>two diplomats</t> and closed their consulate.\tSANCTION
<s>The army</s> deployed troops along <t>the northern frontier</t>.\tMOBILIZE
<s>The navy</s> put <t>its fleet</t> on high alert.\tMOBILIZE
<s>Police</s> arrested <t>twelve activists</t> outside the court.\tCOERCE
<s>The regime</s> shut down <t>the independent newspaper</t>.\tCOERCE
<s>Insurgents</s> ambushed <t>an army convoy</t> near the pass.\tASSAULT
<s>Warplanes</s> bombed <t>a rebel camp</t> at dawn.\tASSAULT
"""


def written_items() -> list[bench.Item]:
    items = []
    for line in WRITTEN.strip().splitlines():
        marked, code = line.rsplit("\t", 1)
        text, s, t = bench.unmark(marked)
        items.append(bench.Item(text, s, t, code))
    return items


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cv", action="store_true", help="print 5-fold CV scores on PLV_train first")
    ap.add_argument("--c", type=float, default=30.0, help="inverse regularisation strength")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    events = eval_dir("events")
    plv = bench.load_plv(events / "plv" / "PLV_train.tsv")
    extra = bench.load_gsr(events / "plover-gsr") + written_items()
    t0 = time.perf_counter()
    plv_docs = bench.parse_all([it.text for it in plv])
    extra_docs = bench.parse_all([it.text for it in extra])
    extra_feats = [(classifier.features(d, it.source, it.target), it.label)
                   for d, it in zip(extra_docs, extra)]
    print(f"{len(plv)} PLV_train pairs, {len(extra)} extra (GSR + written); parsed in "
          f"{time.perf_counter() - t0:.1f}s", file=sys.stderr)
    if args.cv:
        out = classifier.cross_val_predict(plv_docs, plv, extra=extra_feats, seed=SEED, c=args.c)
        s = bench.scores([it.label for it in plv], [c for c, _ in out], bench.PLV_CODES)
        print("5-fold CV on PLV_train: " + ", ".join(f"{k} {v:.3f}" for k, v in s.items()))
    feats = [classifier.features(d, it.source, it.target) for d, it in zip(plv_docs, plv)]
    model = classifier.fit(feats + [f for f, _ in extra_feats],
                           [it.label for it in plv] + [lab for _, lab in extra_feats],
                           c=args.c, seed=SEED)
    model.save(args.out)
    print(f"wrote {args.out} ({len(model.index)} features, {len(model.classes)} classes, "
          f"{args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
