"""How many reconstructed Kleiter 2012 datasets the sampler draws per second.

Issue goal: thousands of datasets per second. For each reading of the median it draws
``--worlds`` datasets (after one untimed warm-up draw) ``--repeats`` times and prints the
best rate. Nothing is asserted.

    .venv/bin/python benchmarks/sampler_speed.py [--worlds N] [--repeats K]
"""

from __future__ import annotations

import argparse
import time

from analysis import data
from analysis.stats import reconstruction


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worlds", type=int, default=50_000, help="datasets per timed draw")
    parser.add_argument("--repeats", type=int, default=3, help="timed draws; the best is reported")
    args = parser.parse_args(argv)
    summary = reconstruction.Summary.from_reported(data.reported("kleiter2012"))
    print(f"sampler: {args.worlds} datasets per draw, best of {args.repeats}")
    for reading in reconstruction.READINGS:
        rules = reconstruction.Rules(median_reading=reading)
        reconstruction.sample_worlds(summary, rules, 100, seed=0)  # warm-up: imports, caches
        best = min(_timed(summary, rules, args.worlds, seed) for seed in range(1, args.repeats + 1))
        print(f"  {reading:<14} {args.worlds / best:10,.0f} datasets/s   ({best:.2f} s per draw)")
    return 0


def _timed(summary, rules, worlds: int, seed: int) -> float:
    start = time.perf_counter()
    reconstruction.sample_worlds(summary, rules, worlds, seed=seed)
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
