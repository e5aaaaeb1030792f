"""Execute the notebooks and move their products into place all at once.

Everything a run produces (executed notebooks, figures, the ledger, the report) is
first written to a staging folder under ``build/``. Only when every notebook has run
cleanly are the products moved into ``notebooks/``, ``figures/`` and ``build/``, so a
failing cell leaves the committed files exactly as they were and names the cell.

Notebooks run in parallel (one kernel each). Notebooks whose metadata says
``{"analysis": {"synthesis": true}}`` read the other notebooks' ledgers: they run
beside them on the committed results, and again after them only if those changed
(see :func:`_run_all`).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import json
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
from traitlets.config import Config
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from analysis.pipeline import paths

KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds; the slowest cell takes a few seconds


class NotebookFailed(Exception):
    """A notebook stopped with an error; the message names notebook and cell."""


@dataclass(frozen=True)
class Timing:
    notebook: str
    seconds: float


def notebooks(folder: Path | None = None) -> list[Path]:
    """The project's notebooks in file-name order."""
    return sorted((folder or paths.REPO / "notebooks").glob("*.ipynb"))


def is_synthesis(path: Path) -> bool:
    """Whether the notebook reads the other notebooks' results (see :func:`_run_all`)."""
    return _synthesis_metadata(json.loads(path.read_bytes()).get("metadata", {}))


def _synthesis_metadata(metadata: dict) -> bool:
    return bool(metadata.get("analysis", {}).get("synthesis", False))


def _failed_cell(notebook) -> str:
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return (f"cell {index + 1} (id {cell.get('id', '?')}): "
                        f"{output.get('ename')}: {output.get('evalue')}")
    return "a cell that did not finish"


class Gate:
    """Holds a notebook back until something it needs is done (or has failed)."""

    def __init__(self, reason: str):
        self._event = threading.Event()
        self.failed = False
        self.reason = reason  # said when the gate opens as failed

    def open(self, failed: bool = False) -> None:
        """Let the waiting kernels go on; the first call decides whether it failed."""
        if not self._event.is_set():
            self.failed = failed
            self._event.set()

    def wait(self) -> bool:
        self._event.wait()
        return not self.failed


class Slots:
    """At most ``count`` holders at a time; a freed slot goes to the waiter with the highest priority.

    A semaphore that serves its waiters by priority rather than by arrival, and never
    keeps a slot free while anyone waits once ``start_after`` holders have asked (none
    is granted before, so the first slots too go by priority). With the expected run
    time as priority this is longest-processing-time-first scheduling (Graham 1969,
    SIAM J Appl Math 17:416): a long notebook that happened to start last would leave
    the other cores idle while it finished alone. :meth:`abandon` turns every waiter,
    present or future, away.
    """

    def __init__(self, count: int, start_after: int = 0):
        if count < 1:
            raise ValueError(f"need at least one slot, got {count}")
        self._free = count
        self._start_after = start_after
        self._asked = 0
        self._abandoned = False
        self._waiting: list[tuple[float, int, threading.Event]] = []  # heap: highest priority, then first come
        self._arrivals = itertools.count()
        self._lock = threading.Lock()

    def acquire(self, priority: float = 0.0) -> bool:
        """Wait for a slot; ``False`` if the slots were abandoned instead."""
        turn = threading.Event()
        with self._lock:
            if self._abandoned:
                return False
            heapq.heappush(self._waiting, (-priority, next(self._arrivals), turn))
            self._asked += 1
            self._grant()
        turn.wait()
        return not self._abandoned

    def release(self) -> None:
        with self._lock:
            self._free += 1
            self._grant()

    def withdraw(self) -> None:
        """One of the ``start_after`` holders expected will not ask (its kernel failed first)."""
        with self._lock:
            self._start_after -= 1
            self._grant()

    def abandon(self) -> None:
        with self._lock:
            self._abandoned = True
            for *_, turn in self._waiting:
                turn.set()
            self._waiting.clear()

    def _grant(self) -> None:  # with the lock held
        if self._asked < self._start_after:
            return
        while self._free and self._waiting:
            self._free -= 1
            heapq.heappop(self._waiting)[2].set()


def _timings_file() -> Path:
    return paths.build_dir() / "cache" / "notebook-seconds.json"


def _recorded_seconds() -> dict:
    """The record of earlier run times, ``{notebook file name: seconds}``; empty if unreadable."""
    try:
        recorded = json.loads(_timings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def expected_costs(sources: list[Path]) -> dict[Path, float]:
    """How long each notebook is expected to run; only their order is used.

    The seconds each took in earlier runs (``build/cache/notebook-seconds.json``) when
    every one of them has been timed; otherwise the size of its committed file, since
    figures dominate both the run time and the file (each is embedded as a PNG). The
    run times only order the notebooks: they change nothing a notebook writes.
    """
    recorded = _recorded_seconds()
    if all(isinstance(recorded.get(p.name), (int, float)) for p in sources):
        return {p: float(recorded[p.name]) for p in sources}
    return {p: float(p.stat().st_size) for p in sources}


def _remember(timings: list[Timing]) -> None:
    """Add this run's times to the record :func:`expected_costs` reads (best effort)."""
    recorded = _recorded_seconds() | {t.notebook: round(t.seconds, 2) for t in timings}
    try:
        paths.atomic_write_text(_timings_file(), json.dumps(recorded, indent=1, sort_keys=True) + "\n")
    except OSError:
        pass  # only the order of the next run depends on it


# Run, silently, by a waiting kernel. It imports what every notebook imports, and nothing more
# (not every notebook needs scipy or statsmodels), so that the first cell does not pay for it.
# Then it moves every object alive so far, mostly the imported modules, out of the garbage
# collector's sight (gc.freeze): they live as long as the kernel, and each full collection in a
# notebook would otherwise scan them all again, 0.1 s a time. It leaves no names behind: a
# notebook that forgot an import must fail here as it does under nbval.
WARM_UP = ("import pandas, matplotlib.pyplot, analysis.data, analysis.plots, analysis.findings, gc\n"
           "gc.freeze()\n"
           "del pandas, matplotlib, analysis, gc")


def execute(source: Path, target: Path, env: dict[str, str], cwd: Path, gates: tuple[Gate, ...] = (),
            slots: Slots | None = None, priority: float = 0.0, notebook=None) -> float:
    """Run ``source`` top to bottom in a fresh kernel and write it to ``target``.

    ``notebook`` is ``source`` already read with nbformat, if it has been.
    With ``gates``, the kernel starts and warms up at once but runs no cell until every
    gate is open and, with ``slots``, until it holds one of them, asked for with
    ``priority`` (released once its last code cell has run). Returns the wall time in
    seconds from the first cell. Timing metadata is not recorded, so the written notebook
    depends only on its inputs.
    """
    notebook = notebook if notebook is not None else nbformat.read(source, as_version=4)
    start = time.perf_counter()
    asked = holding = False
    # IPC sockets in a private folder: no unencrypted TCP ports (and no kernel warning about them).
    with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as sockets:
        config = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel")}})
        # Streams are coalesced because the kernel may split one print into chunks at random.
        # The client creates (and so shuts down) its own kernel manager from this config.
        # The kernel is stopped at once after the last reply: every output has arrived and every
        # file is written by then, and a graceful shutdown (saving IPython's history, waiting
        # for the process in 0.1 s polls) adds 0.6 s to each notebook.
        # A kernel that dies while its reply is awaited is noticed at the next liveness check:
        # every second rather than nbclient's 5 s (the check is one poll of the process).
        client = NotebookClient(notebook, config=config, timeout=CELL_TIMEOUT, kernel_name=KERNEL,
                                record_timing=False, coalesce_streams=True, shutdown_kernel="immediate",
                                shell_timeout_interval=1, resources={"metadata": {"path": str(cwd)}})
        if gates:
            async def warm_up_then_wait(notebook) -> None:
                nonlocal start
                # Silent: no execution count, no output, nothing recorded in the notebook.
                await client.async_wait_for_reply(client.kc.execute(WARM_UP, silent=True, store_history=False))
                for gate in gates:
                    if not await asyncio.to_thread(gate.wait):
                        raise NotebookFailed(f"notebooks/{source.name} not run: {gate.reason}")
                if slots is not None:
                    nonlocal asked, holding
                    asked = True
                    holding = await asyncio.to_thread(slots.acquire, priority)
                    if not holding:
                        raise NotebookFailed(f"notebooks/{source.name} not run: another notebook failed")
                start = time.perf_counter()

            client.on_notebook_start = warm_up_then_wait

            if slots is not None:
                # The last cell nbclient runs: it skips empty code cells and tagged ones.
                last_code_cell = max((i for i, cell in enumerate(notebook.cells)
                                      if cell.cell_type == "code" and cell.source.strip()
                                      and client.skip_cells_with_tag not in cell.metadata.get("tags", [])),
                                     default=-1)

                async def release_after_last_cell(cell, cell_index, execute_reply) -> None:
                    # The next notebook need not wait while this kernel is shut down (0.1 s).
                    nonlocal holding
                    if holding and cell_index == last_code_cell:
                        holding = False
                        slots.release()

                client.on_cell_executed = release_after_last_cell
        try:
            client.execute(env=env, cwd=str(cwd))
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            where = _failed_cell(notebook) if isinstance(exc, CellExecutionError) else str(exc).splitlines()[0]
            raise NotebookFailed(f"notebooks/{source.name} failed in {where}") from None
        finally:
            if holding:
                slots.release()
            elif slots is not None and not asked:  # the others must not wait for it to ask
                slots.withdraw()
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return time.perf_counter() - start


def kernel_env(stage: Path) -> dict[str, str]:
    """Environment for kernels of a staged run: outputs go to the staging folder."""
    env = dict(os.environ)
    env.update({
        "ANALYSIS_FIGURES_DIR": str(stage / "figures"),
        "ANALYSIS_NOTEBOOKS_DIR": str(stage / "notebooks"),
        paths.VALIDATED_DIR_VARIABLE: str(stage / "validated"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        # Should a kernel validate a file itself (one edited during the run), pandera imports
        # hypothesis (a test dependency), which loads every installed plugin: 0.3 s, unused.
        "HYPOTHESIS_NO_PLUGINS": "1",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    })
    return env


def _run_all(sources: list[Path], stage: Path, jobs: int, progress, on_executed, ready: Gate) -> list[Timing]:
    """Execute ``sources`` into ``stage``, at most ``jobs`` notebooks running cells at a time.

    ``stage / "notebooks"`` holds a copy of every committed notebook. Every kernel starts
    and warms up at once, so kernel start-up fills the gaps between notebooks; at most
    ``jobs`` notebooks run cells at a time (``slots``), the slowest first
    (:func:`expected_costs`), and with fewer slots than notebooks none starts before every
    kernel has warmed up and asked. No cell runs before ``ready`` opens (the data are
    validated meanwhile).

    A synthesis notebook reads the study notebooks, so it must see them executed. It
    runs beside them all the same, speculatively, reading a snapshot of the committed
    notebooks taken before any kernel started (``stage / "committed"``), with its
    notebook and figures kept apart. Once every study has run, the speculation stands
    if each executed study notebook is byte-identical to its snapshot: the synthesis
    then read exactly what it would have read after them. Otherwise it runs again, now
    reading the executed ones. Had it failed on unchanged studies, that failure is the
    run's (a second run would read the same). A run that reproduces the committed
    results, the usual case, thus never leaves the synthesis running alone at the end.

    ``on_executed(path)`` is called in this thread with each executed notebook in the
    stage, as soon as it stands.
    """
    env = kernel_env(stage)
    cwd = sources[0].parent
    # Read (and validated) here, once each: nbformat compiles its schema on first use, which
    # the kernel threads would otherwise all do at once, holding up every kernel's start.
    read = {p: nbformat.read(p, as_version=4) for p in sources}
    synthesis = [p for p in sources if _synthesis_metadata(read[p].metadata)]
    ordinary = [p for p in sources if p not in synthesis]
    committed = stage / "committed"
    speculative = {p: stage / "speculative" / p.stem for p in synthesis}
    if synthesis:
        shutil.copytree(stage / "notebooks", committed)
    for folder in speculative.values():
        (folder / "figures").mkdir(parents=True)
    timings: list[Timing] = []

    def stands(path: Path, seconds: float) -> None:
        timings.append(Timing(path.name, seconds))
        progress(path.name, seconds)
        on_executed(stage / "notebooks" / path.name)

    slots = Slots(jobs, start_after=len(sources) if jobs < len(sources) else 0)
    costs = expected_costs(sources)
    with ThreadPoolExecutor(max_workers=len(sources)) as pool:
        futures = {pool.submit(execute, p, stage / "notebooks" / p.name, env, cwd, (ready,), slots, costs[p],
                               read[p]): p
                   for p in ordinary}
        for p in synthesis:
            reading_committed = env | {"ANALYSIS_NOTEBOOKS_DIR": str(committed),
                                       "ANALYSIS_FIGURES_DIR": str(speculative[p] / "figures")}
            futures[pool.submit(execute, p, speculative[p] / p.name, reading_committed, cwd, (ready,), slots,
                                costs[p], read[p])] = p
        speculated: dict[Path, float | NotebookFailed] = {}  # seconds, or how it failed
        try:
            for future in as_completed(futures):
                path = futures[future]
                if path in speculative:
                    try:
                        speculated[path] = future.result()
                    except NotebookFailed as failure:  # perhaps only for want of the studies' new results
                        speculated[path] = failure
                else:
                    stands(path, future.result())
            unchanged = not synthesis or all(_same_bytes(stage / "notebooks" / p.name, committed / p.name)
                                             for p in ordinary)
            for path in synthesis:
                if not unchanged:  # after the studies, reading what they wrote
                    stands(path, execute(path, stage / "notebooks" / path.name, env, cwd))
                    continue
                if isinstance(speculated[path], NotebookFailed):
                    raise speculated[path]
                os.replace(speculative[path] / path.name, stage / "notebooks" / path.name)
                for figure in sorted((speculative[path] / "figures").iterdir()):
                    os.replace(figure, stage / "figures" / figure.name)
                stands(path, speculated[path])
        except BaseException:
            ready.open(failed=True)
            slots.abandon()
            for pending in futures:
                pending.cancel()
            raise
    return timings


def _same_bytes(first: Path, second: Path) -> bool:
    return first.read_bytes() == second.read_bytes()


def _replace_dir(staged: Path, final: Path) -> None:
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staged.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _sync_figures(staged: Path, final: Path, mirror: bool) -> None:
    final.mkdir(parents=True, exist_ok=True)
    produced = {p.name for p in staged.glob("*")}
    if mirror:
        for stale in final.glob("*"):
            if stale.is_file() and stale.name not in produced:
                stale.unlink()
    for name in sorted(produced):
        os.replace(staged / name, final / name)


def select(candidates: list[Path], only: list[str] | None) -> list[Path]:
    """The notebooks whose file name contains one of ``only`` (all when ``None``),
    plus every synthesis notebook whenever a study notebook is among them: the
    synthesis shows the studies' ledgers, so it is stale as soon as one reruns.
    """
    if not only:
        return list(candidates)
    chosen = [p for p in candidates if any(key in p.name for key in only)]
    if not chosen:
        raise NotebookFailed(f"no notebook matches {', '.join(only)}")
    if any(not is_synthesis(p) for p in chosen):
        chosen += [p for p in candidates if is_synthesis(p) and p not in chosen]
    return sorted(chosen)


class DataInvalid(Exception):
    """The data failed validation; nothing was executed. ``problems`` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class _Validation(threading.Thread):
    """Validates the data beside the starting kernels, and opens ``ready`` when they pass.

    The frames it validated are handed over to the kernels (``handover``, see
    :func:`data.hand_over_validated`), so that they need not validate them again, and
    kept for later runs once this one has succeeded (:func:`data.keep_validated`).
    """

    def __init__(self, validate, ready: Gate, handover: Path):
        super().__init__(name="validate-data", daemon=True)
        self.validate, self.ready, self.handover, self.problems = validate, ready, handover, []

    def run(self) -> None:
        try:
            self.problems = list(self.validate())
            if not self.problems:
                from analysis import data

                data.hand_over_validated(self.handover)
        except Exception as exc:  # a crash must not leave the kernels waiting
            self.problems = [f"data validation crashed: {exc!r}"]
        self.ready.open(failed=bool(self.problems))


def reproduce(only: list[str] | None = None, jobs: int | None = None, progress=None,
              build_report: bool = True, folder: Path | None = None, validate=None) -> list[Timing]:
    """Validate, execute the notebooks, then move notebooks, figures, ledger and report into place.

    ``validate()`` returns a list of data problems; it runs while the kernels start,
    and no cell runs unless it returns none (else :class:`DataInvalid`).
    ``only`` limits execution to the notebooks :func:`select` picks (the others'
    committed results are still used by the synthesis).
    ``folder`` is the notebooks folder (default: the repository's ``notebooks/``).
    """
    progress = progress or (lambda name, seconds: None)
    all_notebooks = notebooks(folder)
    selected = select(all_notebooks, only)
    build = paths.build_dir()
    build.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".staging-", dir=build))
    ready = Gate("the data failed validation")
    validation = _Validation(validate or list, ready, stage / "validated")
    try:
        (stage / "notebooks").mkdir()
        (stage / "figures").mkdir()
        for path in all_notebooks:
            shutil.copy2(path, stage / "notebooks" / path.name)
        pages = {}
        exporters = []  # one exporter for every page: building one compiles its templates

        def render_page(path: Path) -> None:
            if build_report:
                from analysis.pipeline import report

                page = report.kept_page(path)
                if page is None:
                    if not exporters:
                        exporters.append(report.make_exporter())
                    page = report.render(path, exporters[0])
                pages[path.name] = page

        validation.start()
        try:
            timings = _run_all(selected, stage, jobs or os.cpu_count() or 1, progress, render_page, ready)
        except NotebookFailed:
            validation.join()
            if validation.problems:
                raise DataInvalid(validation.problems) from None
            raise
        from analysis.findings import ledger  # pandas: not imported before the kernels are launched

        table = ledger.collect(stage / "notebooks")
        ledger.write(table, stage / "findings.csv")
        if build_report:
            from analysis.pipeline import report

            for path in sorted((stage / "notebooks").glob("*.ipynb")):
                if path.name not in pages:  # not executed in this run: render the committed one
                    render_page(path)
            report.build(stage / "notebooks", table, stage / "report", pages=list(pages.values()))
            # Kept before the products move, since the keys are the staged notebooks' bytes; a page
            # depends only on its key, so one kept here stays right even if a move then failed.
            report.keep_pages(list(pages.values()))
        # Every product exists: move them into place.
        for path in selected:
            os.replace(stage / "notebooks" / path.name, path)
        _sync_figures(stage / "figures", paths.figures_dir(), mirror=only is None)
        os.replace(stage / "findings.csv", build / "findings.csv")
        if build_report:
            _replace_dir(stage / "report", build / "report")
        from analysis import data

        data.keep_validated(stage / "validated")
        _remember(timings)
    finally:
        ready.open(failed=True)  # harmless once open; frees any kernel still waiting
        if validation.is_alive():  # it writes into the stage: let it finish before the stage goes
            validation.join()
        shutil.rmtree(stage, ignore_errors=True)
    return timings
