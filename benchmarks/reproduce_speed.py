"""How long ``analysis reproduce`` takes, against the floor it cannot beat, and ``make test``.

Three wall-clock figures, measured in one run (floor and reproduce ``--repeat`` times,
alternately, since a shared virtual machine's speed drifts by 10 to 30 % from one minute
to the next; the medians are compared):

* reproduce: ``.venv/bin/analysis reproduce`` as a subprocess (executes every
  notebook, writes notebooks/, figures/, build/findings.csv and build/report/, as
  ``make reproduce`` does);
* floor: one kernel per notebook, all started at once through ``runner.execute`` as the
  runner starts them, each executing a single cell that imports the project's
  dependencies. No notebook can finish faster than its kernel starting and importing.
* make test: the pytest command of the Makefile's ``test`` target.

It prints the figures, the CPU seconds behind them, the ratio reproduce / floor (goal:
<= 1.3 on 2 cores) and the test time (goal: < 90 s). Nothing is asserted. See
benchmarks/README.md.

    .venv/bin/python benchmarks/reproduce_speed.py [--jobs N] [--repeat K] [--skip-reproduce] [--skip-test]
"""

from __future__ import annotations

import argparse
import os
import pkgutil
import re
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

import analysis
from analysis.pipeline import run as runner

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin"
DEPENDENCIES = ["pandas", "numpy", "scipy.stats", "statsmodels.api", "lifelines", "matplotlib.pyplot"]


# Modules of analysis that only the command line uses (they pull in nbformat, nbclient,
# nbconvert); no notebook imports them, so a floor that did would flatter the ratio.
TOOLING = {"cli", "runner", "report"}


def import_cell() -> str:
    """The one cell each floor kernel runs: the dependencies, then every notebook-facing module of analysis."""
    modules = ["analysis"] + sorted(f"analysis.{m.name}" for m in pkgutil.iter_modules(analysis.__path__)
                                    if m.name not in TOOLING)
    return "\n".join(f"import {name}" for name in DEPENDENCIES + modules)


def _import_notebook(folder: Path) -> Path:
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": runner.KERNEL, "language": "python",
                                                                 "display_name": "Python 3 (ipykernel)"}})
    notebook.cells = [nbformat.v4.new_code_cell(import_cell())]
    path = folder / "imports.ipynb"
    nbformat.write(notebook, path)
    return path


def floor(jobs: int, warm_up: bool = True) -> tuple[float, float, int]:
    """Wall time and CPU time to start one kernel per notebook and import the dependencies in each.

    All kernels start at once, as the runner starts them (``jobs`` only limits how
    many notebooks run cells at a time, which the floor has none of): the time it
    takes is what the machine needs for the kernels alone, the lower bound of any
    runner. Each kernel goes through ``runner.execute`` itself (kernel start, the
    import cell, shutdown, writing the result), so the floor follows any change to
    how the runner starts kernels. One untimed kernel runs first when ``warm_up``.
    """
    sources = runner.notebooks()
    cwd = REPO / "notebooks"
    with tempfile.TemporaryDirectory(prefix="analysis-benchmark-") as scratch:
        folder = Path(scratch)
        source = _import_notebook(folder)
        env = runner.kernel_env(folder)  # figures and notebooks a kernel might write go to scratch
        if warm_up:  # the first kernel start reads everything from disk
            runner.execute(source, folder / "warm-up.ipynb", env, cwd)
        start, cpu = time.perf_counter(), cpu_seconds()
        with ThreadPoolExecutor(max_workers=len(sources)) as pool:
            list(pool.map(lambda p: runner.execute(source, folder / f"out-{p.stem}.ipynb", env, cwd), sources))
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return seconds, cpu, len(sources)


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its children that have ended."""
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    return time.perf_counter() - start, result


def _spread(values: list[float]) -> str:
    return f"median of {len(values)}: " + ", ".join(f"{v:.1f}" for v in sorted(values)) if len(values) > 1 else ""


def make_test_command() -> list[str]:
    """The Makefile's ``test`` recipe, with $(BIN) expanded."""
    text = (REPO / "Makefile").read_text()
    recipe = re.search(r"^test:.*\n((?:\t.*\n?)+)", text, re.M)
    if not recipe:
        raise SystemExit("no test target in the Makefile")
    joined = re.sub(r"\\\n\s*", " ", recipe.group(1))
    command = next(line.strip() for line in joined.splitlines() if "pytest" in line)
    command = command.replace("$(BIN)", str(BIN)).replace("$(VENV)", str(REPO / ".venv"))
    return shlex.split(command)


def _fail(what: str, result: subprocess.CompletedProcess) -> None:
    # analysis reproduce reports failures on stderr (stdout is its progress bar); pytest on stdout.
    tail = (result.stderr.strip() or result.stdout.strip()).splitlines()[-15:]
    print(f"  {what} exited with {result.returncode}; last lines:", *(f"    {line}" for line in tail), sep="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="parallel kernels, for both reproduce and floor (default: cores, as the runner)")
    parser.add_argument("--repeat", type=int, default=3, help="floor and reproduce runs, alternately (default 3)")
    parser.add_argument("--skip-reproduce", action="store_true", help="skip the reproduce and floor timings")
    parser.add_argument("--skip-test", action="store_true", help="skip timing make test's pytest command")
    args = parser.parse_args(argv)

    print(f"machine: {os.cpu_count()} cores; workers: {args.jobs}; notebooks: {len(runner.notebooks())}", flush=True)
    if not args.skip_reproduce:
        if not runner.notebooks():
            print("no notebooks in notebooks/: nothing to time")
            return 0
        floors, reproduces, floor_cpu, reproduce_cpu = [], [], [], []
        failed = None
        for run in range(max(1, args.repeat)):
            seconds, cpu, count = floor(args.jobs, warm_up=run == 0)
            floors.append(seconds)
            floor_cpu.append(cpu)
            before = cpu_seconds()
            seconds, result = timed([str(BIN / "analysis"), "reproduce", "--jobs", str(args.jobs)])
            reproduces.append(seconds)
            reproduce_cpu.append(cpu_seconds() - before)
            if result.returncode != 0:
                failed = result
                break
        floor_seconds, seconds = statistics.median(floors), statistics.median(reproduces)
        print(f"floor      {floor_seconds:7.1f} s   ({count} kernels starting and importing, all at once; "
              f"{statistics.median(floor_cpu):.1f} CPU-s) {_spread(floors)}", flush=True)
        print(f"reproduce  {seconds:7.1f} s   (analysis reproduce --jobs {args.jobs}; "
              f"{statistics.median(reproduce_cpu):.1f} CPU-s) {_spread(reproduces)}", flush=True)
        if failed is not None:
            _fail("analysis reproduce", failed)
            print("ratio      (none: reproduce failed)")
        else:
            kernel = re.search(r"\(([\d.]+) s of kernel time\)", result.stdout)
            if kernel:
                print(f"           {'':7} ({kernel.group(1)} s of kernel time summed over notebooks, last run)")
            print(f"ratio      {seconds / floor_seconds:7.2f}     reproduce / floor, medians "
                  f"(goal <= 1.3 on a 2-core machine)")
    if not args.skip_test:
        command = make_test_command()
        seconds, result = timed(command)
        summary = next((line.strip("= ") for line in reversed(result.stdout.splitlines())
                        if re.search(r"\d+ (passed|failed|error)", line)), "no pytest summary line")
        print(f"make test  {seconds:7.1f} s   ({summary}; goal < 90 s)")
        print(f"           {'':7} {' '.join(shlex.quote(c) for c in command).replace(str(REPO) + '/', '')}")
        if result.returncode != 0:
            _fail("pytest", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
