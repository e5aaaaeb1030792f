"""How long ``analysis audit`` takes on a 50-row values file, after start-up (goal: under 1 s).

The file is made from the project's own typed values: the rows of every ``data/values/*.csv``,
each quantity (and every reference to one, in ``of`` and ``denominator``) prefixed with its
study so that they can share one file, cut to the first 50 rows whose references stay inside
them. The audit runs once untimed (imports, template compilation), then is timed over five runs,
each on a file of its own (validation is remembered per file); the median is printed. Nothing is
written outside a temporary folder.

    .venv/bin/python benchmarks/audit_speed.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis.audit import io

REPO = Path(__file__).resolve().parents[1]
ROWS = 50


def fifty_rows() -> pd.DataFrame:
    frames = []
    for path in sorted((REPO / "data" / "values").glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        prefix = f"{path.stem}_"
        for column in ("quantity", "of", "denominator"):  # quantities and the variable names of summaries
            frame[column] = frame[column].where(frame[column] == "", prefix + frame[column])
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True).assign(study="benchmark50")
    quantities = set(table["quantity"])
    kept = table.head(ROWS)
    for column in ("of", "denominator"):  # a reference to a row cut off by the 50-row limit would be invalid
        cut = kept[column].isin(quantities - set(kept["quantity"]))
        kept = kept.assign(**{column: kept[column].where(~cut, "")})
    return kept


def main() -> int:
    table = fifty_rows()
    with tempfile.TemporaryDirectory(prefix="analysis-audit-benchmark-") as scratch:
        seconds = []
        for run in range(6):  # a file of its own each time: validation is remembered per file in a process
            source = Path(scratch) / str(run) / "benchmark50.csv"
            source.parent.mkdir()
            table.to_csv(source, index=False, lineterminator="\n")
            start = time.perf_counter()
            summary = io.audit_file(source, Path(scratch) / "out")
            seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds[1:])  # the first run pays for imports and the template
    print(f"audit      {median:7.2f} s  analysis audit of a {len(table)}-row values file after start-up, median of 5 "
          f"(goal < 1 s): {summary.split(' -> ')[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
