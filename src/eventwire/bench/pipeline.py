"""End-to-end speed: docs/s of ``eventwire run`` (sources -> pipeline -> DuckDB) on the bundled
samples and on the seed page, with the time each stage took. Models are loaded before the clock
starts, so the numbers are steady-state throughput on one core."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from .common import machine, shared_dir


def _measure(inputs: list[str], repeat: int) -> dict[str, float]:
    from ..ingest import ingest
    from ..pipeline import Pipeline
    from ..sources import read_inputs

    Pipeline().process_batch(list(read_inputs(inputs))[:1])  # warm: load models once
    best = None
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            s = ingest(inputs, str(Path(tmp) / "b.duckdb"), progress=False)
            wall = time.perf_counter() - t0
        row = {"docs": s.new, "seconds": wall, "docs_per_s": s.new / wall, "events": s.events,
               **{f"stage_{k}_ms_per_doc": 1000 * v / max(s.new, 1) for k, v in s.timings.items()}}
        if best is None or row["seconds"] < best["seconds"]:
            best = row
    return best or {}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="eventwire bench pipeline", description=__doc__)
    ap.add_argument("--samples", default="samples", help="folder of sample pages")
    ap.add_argument("--repeat", type=int, default=3, help="runs per input; the best is kept")
    args = ap.parse_args(argv)
    sets = []
    if Path(args.samples).is_dir():
        sets.append(("samples", [args.samples]))
    base = shared_dir()
    if base and (base / "seeds").is_dir():
        sets.append(("seed", [str(base / "seeds")]))
    if not sets:
        print("nothing to measure: no samples/ folder and no ../shared/seeds", file=sys.stderr)
        return 2
    print(f"machine: {machine()}")
    for name, inputs in sets:
        row = _measure(inputs, args.repeat)
        print(f"{name}: {row['docs']} docs in {row['seconds']:.2f}s = {row['docs_per_s']:.1f} "
              f"docs/s, {row['events']} events")
        for k, v in row.items():
            if k.startswith("stage_"):
                print(f"  {k[6:]:<28} {v:8.1f}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
