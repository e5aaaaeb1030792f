"""Where the time of ``analysis reproduce`` and ``make test`` goes: the profile of issue 25.

``benchmarks/reproduce_speed.py`` prints it after its side-by-side figures (see benchmarks/README.md):

* per notebook, executed alone in a fresh kernel with nbclient's public API (``setup_kernel``,
  ``execute_cell``) and timed cell by cell: kernel start, the set-up cell (the notebook's imports,
  with the parameters cell before it), compute (every later cell), kernel shutdown;
* the phases of one ``analysis reproduce`` (what waits for what), from the moments its progress
  callback reports each notebook finished: the studies in parallel, then the syntheses, then
  the ledger and report; the critical path and each phase's share of the wall time;
* per test module of ``make test``, the wall and CPU time pytest spent in its tests (``module_times.py``,
  a pytest plugin loaded with ``-p``).

The helpers that turn those measurements into figures are plain functions of numbers, tested in
tests/test_benchmarks.py.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from traitlets.config import Config

from analysis.pipeline import run as runner

IMPORT_LINE = re.compile(r"^\s*(import\s+\w|from\s+[\w.]+\s+import\s)", re.M)
# A notebook started within this many seconds of another's end is taken to have waited for it
# (the runner submits the next notebook as soon as a worker is free).
CHAIN_GAP = 0.5

# What the child process runs: the runner, reporting when each notebook ends, relative to its own start.
REPRODUCE_WITH_PROGRESS = """\
import time
start = time.perf_counter()
import sys
from pathlib import Path
from analysis.pipeline import run
def progress(name, seconds):
    print(f"finished {time.perf_counter() - start:.3f} {seconds:.3f} {name}", flush=True)
run.reproduce(folder=Path(sys.argv[1]), jobs=int(sys.argv[2]), progress=progress)
print(f"returned {time.perf_counter() - start:.3f}", flush=True)
"""


# --- per notebook -----------------------------------------------------------------------------

@dataclass(frozen=True)
class NotebookProfile:
    notebook: str
    kernel_start: float
    setup_cell: str | None  # the id of the set-up (imports) cell, None when no cell imports anything
    setup: float
    compute: float
    shutdown: float

    @property
    def total(self) -> float:
        return self.kernel_start + self.setup + self.compute + self.shutdown


def split_setup(cells: list[tuple[str, str, float]]) -> tuple[str | None, float, float]:
    """``(id, source, seconds)`` of each code cell in order -> (set-up cell id, set-up seconds, compute seconds).

    The set-up cell is the first code cell with an ``import`` or ``from ... import`` line; it and every
    cell before it (the parameters cell) count as set-up, every later cell as compute. With no such
    cell, everything is compute.
    """
    for position, (cell_id, source, _) in enumerate(cells):
        if IMPORT_LINE.search(source):
            setup = sum(seconds for _, _, seconds in cells[:position + 1])
            return cell_id, setup, sum(seconds for _, _, seconds in cells[position + 1:])
    return None, 0.0, sum(seconds for _, _, seconds in cells)


def profile_notebook(source: Path, env: dict[str, str], cwd: Path, kernel: str) -> NotebookProfile:
    """Execute ``source`` alone in a fresh kernel, timing the kernel's start, each code cell and the shutdown.

    The kernel is configured as the runner's (IPC sockets in a private folder, stopped as the runner stops it).
    The notebook is not written.
    """
    notebook = nbformat.read(source, as_version=4)
    with tempfile.TemporaryDirectory(prefix="analysis-profile-kernel-") as sockets:
        config = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel")}})
        client = NotebookClient(notebook, config=config, timeout=600, kernel_name=kernel, record_timing=False,
                                shutdown_kernel=runner.KERNEL_SHUTDOWN, resources={"metadata": {"path": str(cwd)}})
        client.reset_execution_trackers()
        cells = []
        began = time.perf_counter()
        with client.setup_kernel(env=env, cwd=str(cwd)):
            started = time.perf_counter()
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                before = time.perf_counter()
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
                cells.append((cell.get("id", str(index)), cell.source, time.perf_counter() - before))
            stopping = time.perf_counter()
        stopped = time.perf_counter()
    setup_cell, setup, compute = split_setup(cells)
    return NotebookProfile(source.name, started - began, setup_cell, setup, compute, stopped - stopping)


def print_notebooks(profiles: list[NotebookProfile]) -> None:
    print("per notebook, each alone in a fresh kernel (seconds):", flush=True)
    print(f"  {'notebook':<38}{'kernel':>8}{'set-up':>8}{'compute':>9}{'stop':>7}{'total':>8}  set-up cell")
    for p in profiles:
        print(f"  {p.notebook:<38}{p.kernel_start:8.1f}{p.setup:8.1f}{p.compute:9.1f}{p.shutdown:7.1f}"
              f"{p.total:8.1f}  {p.setup_cell or '(none imports)'}", flush=True)
    sums = [sum(getattr(p, name) for p in profiles) for name in ("kernel_start", "setup", "compute", "shutdown")]
    total = sum(sums) or 1.0
    print(f"  {'all, one after another':<38}{sums[0]:8.1f}{sums[1]:8.1f}{sums[2]:9.1f}{sums[3]:7.1f}{total:8.1f}")
    print(f"  {'share':<38}" + "".join(f"{share:>{width}.0%}" for share, width in
                                       zip((s / total for s in sums), (8, 8, 9, 7))), flush=True)


# --- the phases of one reproduce ----------------------------------------------------------------

@dataclass(frozen=True)
class Finished:
    """A notebook the runner reported finished: when (seconds since the run began) and how long it ran."""
    notebook: str
    at: float
    seconds: float

    @property
    def began(self) -> float:
        return self.at - self.seconds


def parse_progress(output: str) -> tuple[list[Finished], float]:
    """The ``finished AT SECONDS NAME`` lines and the ``returned AT`` line of the child process's output."""
    finished, returned = [], None
    for text in output.splitlines():
        words = text.split(maxsplit=3)
        if len(words) == 4 and words[0] == "finished":
            finished.append(Finished(words[3], float(words[1]), float(words[2])))
        elif len(words) == 2 and words[0] == "returned":
            returned = float(words[1])
    if returned is None:
        raise ValueError("output must end with a 'returned' line: the run did not finish")
    return finished, returned


@dataclass(frozen=True)
class Phases:
    before: float  # the runner's imports, data validation, staging, until the first notebook started
    studies: float  # first study started -> last study finished
    syntheses: float  # last study finished -> last synthesis finished
    after: float  # ledger check, ledger, report, move, until reproduce returned
    chain: list[Finished]  # the studies one after another on the worker that finished last
    busy: float  # seconds of study execution summed over the notebooks
    jobs: int

    @property
    def wall(self) -> float:
        return self.before + self.studies + self.syntheses + self.after

    @property
    def serial(self) -> float:
        """The part no added worker would shorten: all but the studies phase."""
        return self.before + self.syntheses + self.after

    @property
    def utilisation(self) -> float:
        """Share of the studies phase's worker time that executed a notebook."""
        return self.busy / (self.jobs * self.studies) if self.studies else 0.0


def critical_chain(studies: list[Finished]) -> list[Finished]:
    """The notebooks that ran one after another on the worker that finished last, first to last.

    Walks back from the last to finish: its predecessor is the notebook that ended last no later than
    :data:`CHAIN_GAP` seconds after it began, provided it ended at most :data:`CHAIN_GAP` before.
    """
    if not studies:
        return []
    chain = [max(studies, key=lambda f: f.at)]
    while True:
        earlier = [f for f in studies if f not in chain and f.at <= chain[0].began + CHAIN_GAP]
        if not earlier:
            return chain
        previous = max(earlier, key=lambda f: f.at)
        if chain[0].began - previous.at > CHAIN_GAP:
            return chain
        chain.insert(0, previous)


def phases(finished: list[Finished], returned: float, syntheses: set[str], jobs: int) -> Phases:
    """Split one run into its phases from when each notebook finished; ``syntheses`` names the synthesis notebooks."""
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if not finished:
        raise ValueError("finished must list at least one notebook")
    studies = [f for f in finished if f.notebook not in syntheses]
    later = [f for f in finished if f.notebook in syntheses]
    start = min(f.began for f in finished)
    studies_end = max((f.at for f in studies), default=start)
    end = max((f.at for f in later), default=studies_end)
    return Phases(before=start, studies=studies_end - start, syntheses=end - studies_end, after=returned - end,
                  chain=critical_chain(studies), busy=sum(f.seconds for f in studies), jobs=jobs)


def print_phases(run: Phases, wall: float, syntheses: set[str]) -> None:
    """The phases of one reproduce, each with its share of the subprocess's wall time ``wall``."""
    def share(seconds: float) -> str:
        return f"{seconds:6.1f} s {seconds / wall:4.0%}"

    chain = " -> ".join(f"{f.notebook} {f.seconds:.1f} s" for f in run.chain)
    print(f"reproduce, what waits for what (wall {wall:.1f} s, jobs {run.jobs}):", flush=True)
    print(f"  start     {share(wall - run.wall)}  the Python interpreter starting")
    print(f"  before    {share(run.before)}  runner imports, data validation, staging (kernel starts: in notebooks)")
    print(f"  studies   {share(run.studies)}  in parallel: {run.busy:.1f} s of notebooks, "
          f"{run.utilisation:.0%} of {run.jobs} workers busy")
    print(f"  syntheses {share(run.syntheses)}  {', '.join(sorted(syntheses)) or 'none'}: "
          "from its cell tagged reads-studies, after every study")
    print(f"  after     {share(run.after)}  ledger check, ledger, report, move: after every notebook")
    print(f"  serial    {share(wall - run.studies)}  everything but the studies phase: no added worker shortens it")
    print(f"  critical path: start, before, {chain}, syntheses, after", flush=True)


# --- per test module --------------------------------------------------------------------------

def per_module(durations: list[tuple[str, float]]) -> dict[str, float]:
    """``(nodeid, seconds)`` of each test phase -> seconds per file, the slowest first."""
    totals: dict[str, float] = {}
    for nodeid, seconds in durations:
        path = nodeid.split("::", 1)[0]
        totals[path] = totals.get(path, 0.0) + seconds
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))


def print_modules(durations_file: Path, wall: float, workers: int) -> None:
    """Per test module, from the file ``module_times.py`` wrote: wall seconds and their share of the workers'
    time, and CPU seconds (the worker's and its children's, less disturbed by other load on the machine)."""
    phases = json.loads(durations_file.read_text())
    modules = per_module([(nodeid, seconds) for nodeid, seconds, _ in phases])
    cpu = per_module([(nodeid, cpu_seconds) for nodeid, _, cpu_seconds in phases])
    total = sum(modules.values()) or 1.0
    nbval = sum(seconds for path, seconds in modules.items() if path.endswith(".ipynb"))
    print(f"make test per module ({total:.1f} s of tests on {workers} workers in {wall:.1f} s of wall time, "
          f"{sum(cpu.values()):.1f} s of CPU; notebooks under nbval {nbval:.1f} s, {nbval / total:.0%}):", flush=True)
    for path, seconds in modules.items():
        print(f"  {seconds:7.1f} s {seconds / total:4.0%} {cpu[path]:7.1f} s CPU  {path}")
