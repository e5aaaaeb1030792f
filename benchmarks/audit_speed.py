"""How long ``analysis audit`` takes: on a 50-row values file after start-up (goal: under 1 s), and on
large files through the command line (goal: 200,000 rows in under 60 s on one core, under 1 GB).

**50 rows.** The file is made from the project's own typed values: the rows of every
``data/values/*.csv``, each quantity (and every reference to one, in ``of`` and ``denominator``)
prefixed with its study so that they can share one file, cut to the first 50 rows whose references
stay inside them. The audit runs once untimed (imports, template compilation), then is timed over five
runs, each on a file of its own (validation is remembered per file); the median is printed.

**Large files.** One copy of the project's own typed values (80 rows) plus a synthetic block of eight
rows that the project's data lack (a mean and SD of whole days with their n, a t statistic with its df
and p, a difference with its CI and p; labelled ``synthetic`` in ``note``, made consistent by
construction, with n varying from copy to copy) is repeated, each copy's quantities prefixed
``c<copy>_``, until the file has the rows asked for. Each size is audited by ``analysis audit FILE
--out DIR`` in a child process pinned to one core; the wall time, the child's CPU time and peak resident
memory (``os.wait4``; on a shared machine the CPU time is the steadier figure) and the sizes of
``findings.csv`` and ``index.html`` are printed, then the CPU time of the same audit phase by phase in
this process (validation, checks, CSV, page). Nothing is asserted and nothing is written outside a temporary
folder.

    .venv/bin/python benchmarks/audit_speed.py [--rows 20000 50000 200000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from scipy import stats

from analysis import audit
from analysis.audit import io

REPO = Path(__file__).resolve().parents[1]
ROWS = 50
LARGE = (20_000, 50_000, 200_000)
REFERENCES = ("quantity", "of", "denominator")


def own_rows() -> pd.DataFrame:
    """Every row of ``data/values/``, each quantity and reference prefixed with its study."""
    frames = []
    for path in sorted((REPO / "data" / "values").glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        prefix = f"{path.stem}_"
        for column in REFERENCES:  # quantities and the variable names of summaries
            frame[column] = frame[column].where(frame[column] == "", prefix + frame[column])
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _cut(table: pd.DataFrame, rows: int) -> pd.DataFrame:
    """The first ``rows`` rows, with references to a row cut off emptied (they would be invalid)."""
    quantities = set(table["quantity"])
    kept = table.head(rows)
    for column in ("of", "denominator"):
        cut = kept[column].isin(quantities - set(kept["quantity"]))
        kept = kept.assign(**{column: kept[column].where(~cut, "")})
    return kept


def fifty_rows() -> pd.DataFrame:
    return _cut(own_rows(), ROWS).assign(study="benchmark50")


def synthetic_block(copy: int) -> list[dict[str, str]]:
    """Eight synthetic rows the project's data lack: mean and SD with n, t with df and p, difference with CI and p.

    Consistent by construction: the mean is a whole total over n (GRIM holds), the p values are
    scipy's for the printed t and for the Wald z of the printed difference and CI.
    """
    n = 20 + copy % 80
    total_days = 12 * n + copy % n
    t_value, df = 1.5 + (copy % 30) / 10, n - 2
    difference, half_width = 2.1, 1.8
    z = difference / (half_width / stats.norm.ppf(0.975))
    base = {"unit": "days", "ci_low": "", "ci_high": "", "denominator": "", "of": "", "df": "", "comparator": "=",
            "role": "primary", "source": "S1", "location": "synthetic", "status": "ABSTRACT",
            "note": "synthetic benchmark row"}
    rows = [
        {"quantity": "trial_n", "value": str(n), "decimals": "0", "unit": "participants", "statistic": "count"},
        {"quantity": "days_mean", "value": f"{total_days / n:.2f}", "decimals": "2", "statistic": "mean",
         "of": "days", "denominator": "trial_n"},
        {"quantity": "days_sd", "value": "3.21", "decimals": "2", "statistic": "sd", "of": "days",
         "denominator": "trial_n"},
        {"quantity": "days_t", "value": f"{t_value:.2f}", "decimals": "2", "unit": "statistic", "statistic": "t",
         "df": str(df)},
        {"quantity": "p_days_t", "value": f"{2 * stats.t.sf(t_value, df):.3f}", "decimals": "3", "unit": "p",
         "statistic": "p", "of": "days_t"},
        {"quantity": "days_difference", "value": f"{difference:.1f}", "decimals": "1", "statistic": "difference",
         "ci_low": f"{difference - half_width:.1f}", "ci_high": f"{difference + half_width:.1f}"},
        {"quantity": "p_days_difference", "value": f"{2 * stats.norm.sf(z):.3f}", "decimals": "3", "unit": "p",
         "statistic": "p", "of": "days_difference"},
        {"quantity": "days_median", "value": "12", "decimals": "0", "statistic": "median", "of": "days",
         "denominator": "trial_n"},
    ]
    return [{**base, **row} for row in rows]


def large_table(rows: int, study: str) -> pd.DataFrame:
    """``rows`` rows: copies of the project's rows and the synthetic block, each copy's names prefixed."""
    base = own_rows()
    per_copy = len(base) + len(synthetic_block(0))
    frames = []
    for copy in range(-(-rows // per_copy)):
        frame = pd.concat([base, pd.DataFrame(synthetic_block(copy), columns=base.columns)], ignore_index=True)
        prefix = f"c{copy}_"
        for column in REFERENCES:
            frame[column] = frame[column].where(frame[column] == "", prefix + frame[column])
        frames.append(frame)
    return _cut(pd.concat(frames, ignore_index=True), rows).assign(study=study)


def small_file_median() -> None:
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


def command_line_audit(source: Path, out: Path) -> tuple[float, float, float]:
    """``analysis audit source --out out`` in a child on one core: (wall seconds, CPU seconds, peak RSS in MB)."""
    core = min(os.sched_getaffinity(0))
    start = time.perf_counter()
    child = subprocess.Popen([str(REPO / ".venv" / "bin" / "analysis"), "audit", str(source), "--out", str(out)],
                             stdout=subprocess.DEVNULL, preexec_fn=lambda: os.sched_setaffinity(0, {core}))
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"analysis audit {source.name} exited with {child.returncode}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def phases(source: Path) -> dict[str, float]:
    """The audit of ``source`` in this process, CPU seconds per phase (steady on a shared machine; the file is
    new to this process, so its validation is not remembered)."""
    marks = [time.process_time()]
    values = io.read_values(source)
    marks.append(time.process_time())
    findings = audit.run(values, source.stem)
    marks.append(time.process_time())
    io.findings_frame(findings).to_csv(index=False, lineterminator="\n")
    marks.append(time.process_time())
    io.render_html(source.stem, source.name, findings)
    marks.append(time.process_time())
    return {name: later - earlier for name, earlier, later in zip(("validate", "checks", "csv", "page"), marks,
                                                                    marks[1:])}


def large_files(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="analysis-audit-benchmark-") as scratch:
        for rows in sizes:
            study = f"benchmark{rows}"
            source = Path(scratch) / str(rows) / f"{study}.csv"
            source.parent.mkdir()
            large_table(rows, study).to_csv(source, index=False, lineterminator="\n")
            out = Path(scratch) / "out"
            seconds, cpu, megabytes = command_line_audit(source, out)
            written = {name: (out / study / name).stat().st_size / 1e6 for name in ("findings.csv", "index.html")}
            finding_rows = sum(1 for _ in (out / study / "findings.csv").open(encoding="utf-8")) - 1
            print(f"audit {rows:>7}  {seconds:6.1f} s  {megabytes:6.0f} MB  analysis audit on one core, "
                  f"CPU {cpu:.1f} s (goal for 200000: < 60 s, < 1024 MB); {finding_rows} findings, findings.csv "
                  f"{written['findings.csv']:.1f} MB, index.html {written['index.html']:.1f} MB")
            split = phases(source)
            print(f"      {rows:>7}  in process, CPU: " + ", ".join(f"{name} {s:.1f} s" for name, s in split.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="*", default=list(LARGE),
                        help="sizes of the large files (default: %(default)s; none: only the 50-row file)")
    args = parser.parse_args(argv)
    if any(rows < 1 or rows > 1_000_000 for rows in args.rows):
        parser.error("--rows must each be between 1 and 1000000")
    small_file_median()
    large_files(args.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
