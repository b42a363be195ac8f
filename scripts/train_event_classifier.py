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
<s>The neighbouring states</s> signed a border treaty with <t>the republic</t>.\tAGREE
<s>The ministers</s> initialled a memorandum with <t>the investors</t> on power plants.\tAGREE
<s>The league</s> endorsed the peace plan put forward by <t>the mediators</t>.\tSUPPORT
<s>The health agencies</s> set up a joint task force with <t>the border police</t>.\tCOOPERATE
<s>The two armies</s> began joint patrols with <t>peacekeepers</t> along the river.\tCOOPERATE
<s>The bishop</s> appealed to <t>the rebels</t> to lay down their arms.\tREQUEST
<s>The aid groups</s> pressed <t>the authorities</t> to open the crossings.\tREQUEST
<s>The governors</s> asked <t>the central bank</t> for more funds.\tREQUEST
<s>The mayor</s> urged <t>the militia</t> to release the hostages.\tREQUEST
<s>The regulator</s> imposed a heavy fine on <t>the bank</t> over money laundering.\tSANCTION
<s>The federation</s> suspended <t>the national team</t> from the tournament.\tSANCTION
<s>The bloc</s> froze the assets of <t>the ousted ruler</t>.\tSANCTION
<s>The dockworkers</s> went on strike against <t>the port authority</t>.\tPROTEST
<s>Thousands of pensioners</s> demonstrated in front of <t>parliament</t>.\tPROTEST
<s>Opposition supporters</s> staged a sit-in outside <t>the electoral commission</t>.\tPROTEST
<s>The villagers</s> picketed <t>the mining company's</t> offices.\tPROTEST
<s>The ruling party</s> denied <t>the opposition's</t> claims of fraud.\tREJECT
<s>The court</s> dismissed <t>the ministry's</t> appeal.\tREJECT
<s>The officials</s> ruled out talks with <t>the separatists</t>.\tREJECT
<s>The guerrillas</s> handed over <t>the captured soldiers</t> to the Red Crescent.\tYIELD
<s>The government</s> lifted the curfew imposed on <t>the northern province</t>.\tYIELD
<s>The militants</s> kidnapped <t>three aid workers</t> on the highway.\tCOERCE
<s>Security forces</s> raided <t>the offices of the party</t> and seized computers.\tCOERCE
<s>Gunmen</s> opened fire on <t>a police checkpoint</t> near the market.\tASSAULT
<s>The insurgents</s> detonated a car bomb outside <t>the barracks</t>.\tASSAULT
<s>The president</s> warned <t>the neighbouring state</t> of severe consequences.\tTHREATEN
<s>The commander</s> said his forces would storm <t>the city</t> unless it surrendered.\tTHREATEN
<s>The ministry</s> called up <t>reserve units</t> as tensions rose.\tMOBILIZE
<s>The agency</s> shipped vaccines to <t>the clinics</t> in the valley.\tAID
<s>The commission</s> opened an inquiry into <t>the police chief</t>.\tACCUSE
<s>The minister</s> criticised <t>the newspaper</t> for its coverage.\tACCUSE
<s>The delegates</s> discussed the water dispute with <t>their counterparts</t>.\tCONSULT
<s>The king</s> received <t>the visiting envoy</t> at the palace.\tCONSULT
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
