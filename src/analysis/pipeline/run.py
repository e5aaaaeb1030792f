"""Execute the notebooks and move their products into place all at once.

Everything a run produces (executed notebooks, figures, the ledger, the report) is
first written to a staging folder under ``build/``. Only when every notebook has run
cleanly are the products moved into ``notebooks/``, ``figures/`` and ``build/``, so a
failing cell leaves the committed files exactly as they were, and the error names it.

Study notebooks run in parallel, one kernel each. Notebooks whose metadata says
``{"analysis": {"synthesis": true}}`` read the other notebooks' ledgers, so they read them
after the studies, from the staged (executed) study notebooks: a synthesis's kernel starts with
the studies and runs its cells before its first cell tagged ``reads-studies`` (its imports), then
waits for the last study to end (with no such cell it waits before its first cell).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from traitlets.config import Config

from analysis import outputs, paths
from analysis.data import DataError

KERNEL = "python3"
# The tag of a synthesis notebook's first cell that reads the studies' results: the cells before it run
# while the studies still run, so they must not read them.
READS_STUDIES = "reads-studies"
CELL_TIMEOUT = 600  # seconds; the slowest cell takes a few seconds
# How often nbclient asks whether a kernel still lives while it waits for a reply outside a cell (its
# kernel_info request at start-up): a kernel that an interrupt killed there is noticed this soon, not
# after nbclient's default 5 s (the setting takes whole seconds).
DEAD_KERNEL_CHECK = 1  # second
# A kernel whose notebook has run to its end is stopped at once, not asked to shut down and waited for (1.5 s at
# a time on a loaded machine): every cell's outputs have arrived by then, and the notebooks register nothing to
# run at a kernel's exit. Its connection file and sockets are removed as after a graceful stop.
KERNEL_SHUTDOWN = "immediate"


class NotebookFailed(Exception):
    """A notebook stopped with an error; the message names notebook and cell.

    ``error`` is the failing cell's error output (``ename``, ``evalue``, ``traceback``) when
    there is one, so that a caller can tell a refused parameter from a bug.
    """

    def __init__(self, message: str, error: dict | None = None):
        super().__init__(message)
        self.error = error or {}

    @property
    def refused_parameter(self) -> str | None:
        """The message of a ``ValueError`` raised by a study's ``check_parameters``, else ``None``."""
        trace = "\n".join(self.error.get("traceback", []))
        if self.error.get("ename") == "ValueError" and "check_parameters" in trace:
            return str(self.error.get("evalue", ""))
        return None


class DataInvalid(DataError):
    """The data failed validation; nothing was executed. ``problems`` lists each one."""


@dataclass(frozen=True)
class Timing:
    notebook: str
    seconds: float


def notebooks(folder: Path | None = None) -> list[Path]:
    """The project's notebooks in file-name order (``notebooks/``; ``ANALYSIS_NOTEBOOKS_DIR`` overrides)."""
    return sorted((folder or paths.notebooks_dir()).glob("*.ipynb"))


def study_of(path: Path) -> str | None:
    """The study id a notebook's metadata names (``{"analysis": {"study": ...}}``), if any."""
    return nbformat.read(path, as_version=4).metadata.get("analysis", {}).get("study") or None


def check_integration(all_notebooks: list[Path], expected: list[str]) -> None:
    """Every study notebook names its study and every study of ``data/`` has a notebook, else
    :class:`NotebookFailed` naming each notebook or study at fault."""
    problems = []
    found = set()
    for path in all_notebooks:
        if is_synthesis(path):
            continue
        study = study_of(path)
        if study is None:
            problems.append(f"notebooks/{path.name} lacks its study metadata: its notebook metadata needs "
                            '{"analysis": {"study": "<study id>"}} (or {"analysis": {"synthesis": true}})')
        found.add(study)
    problems += [f"study '{study}' has data in data/ but no notebook: no notebook's metadata names it "
                 "(`analysis new-study` writes one)" for study in expected if study not in found]
    if problems:
        raise NotebookFailed("\n".join(problems))


def check_ledgers(executed: list[Path]) -> None:
    """Every executed study notebook shows ledger rows of its study, else :class:`NotebookFailed` naming it."""
    from analysis.findings import ledger

    empty = []
    for path in executed:
        if is_synthesis(path):
            continue
        study = study_of(path)
        if not any(row.get("study") == study for row in ledger.rows_in_notebook(path)):
            empty.append(f"notebooks/{path.name} produced no ledger rows for study '{study}' "
                         "(does it end with `findings.show()`?)")
    if empty:
        raise NotebookFailed("\n".join(empty))


def is_synthesis(path: Path) -> bool:
    """Whether the notebook reads the other notebooks' results (it then runs after them)."""
    metadata = nbformat.read(path, as_version=4).metadata
    return bool(metadata.get("analysis", {}).get("synthesis", False))


def _failed_cell(notebook) -> tuple[str, dict]:
    """Where and how ``notebook`` failed, in words, and the error output itself."""
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return (f"cell {index + 1} (id {cell.get('id', '?')}): {output.get('ename')}: {output.get('evalue')}",
                        dict(output))
    return "a cell that did not finish", {}


# Every kernel the project starts (reproduce and run alike). HYPOTHESIS_NO_PLUGINS: pandera imports hypothesis (a
# test dependency), which would load every installed plugin, 0.3 s per kernel for nothing a notebook uses.
KERNEL_SETTINGS = {"PYDEVD_DISABLE_FILE_VALIDATION": "1", "HYPOTHESIS_NO_PLUGINS": "1",
                   "MPLBACKEND": "module://matplotlib_inline.backend_inline"}


def kernel_env(stage: Path) -> dict[str, str]:
    """Environment for the kernels of a staged run: figures and notebooks are read and written in ``stage``."""
    return dict(os.environ, **KERNEL_SETTINGS, ANALYSIS_FIGURES_DIR=str(stage / "figures"),
                ANALYSIS_NOTEBOOKS_DIR=str(stage / "notebooks"))


class _Kernels:
    """The kernels of one run, so that an interrupt of the main thread can stop them all.

    nbclient's hooks register each kernel once it has started and check, before every cell,
    whether the run is stopping; :meth:`stop` kills the kernels running a cell, so that their
    threads end at once and nbclient removes their connection files.
    """

    def __init__(self, started=None, studies: int = 0):
        self.lock = threading.Lock()
        self.clients: set[NotebookClient] = set()
        self.stopping = threading.Event()
        self.started = started
        self.studies_left = studies
        self.studies_done = threading.Event()  # also set by stop(), so that a waiting synthesis ends
        if studies == 0:
            self.studies_done.set()

    def add(self, client: NotebookClient, name: str) -> None:
        with self.lock:
            self.clients.add(client)
        self.check()
        if self.started is not None:
            self.started(name)

    def discard(self, client: NotebookClient) -> None:
        with self.lock:
            self.clients.discard(client)

    def check(self) -> None:
        if self.stopping.is_set():
            raise RunStopped("the run was interrupted")

    def study_finished(self) -> None:
        with self.lock:
            self.studies_left -= 1
            if self.studies_left == 0:
                self.studies_done.set()

    def wait_for_studies(self) -> None:
        self.studies_done.wait()
        self.check()

    def stop(self) -> None:
        self.stopping.set()
        self.studies_done.set()
        with self.lock:
            for client in self.clients:
                pid = getattr(getattr(client.km, "provisioner", None), "pid", None)
                if pid is not None:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)


class RunStopped(Exception):
    """A notebook was stopped because the run was interrupted."""


def studies_read_from(notebook) -> int:
    """Index of the first cell of ``notebook`` tagged :data:`READS_STUDIES`, else 0 (its first cell)."""
    return next((index for index, cell in enumerate(notebook.cells)
                 if READS_STUDIES in cell.get("metadata", {}).get("tags", [])), 0)


def _execute(source: Path, target: Path, env: dict[str, str], cwd: Path, kernels: _Kernels,
             synthesis: bool = False) -> float:
    """As :func:`execute`; a ``synthesis`` waits for the studies before the cell :func:`studies_read_from` names,
    and the seconds returned leave that wait out."""
    notebook = nbformat.read(source, as_version=4)
    waits_at = studies_read_from(notebook) if synthesis else None
    waited = 0.0

    def before_cell(cell, cell_index: int) -> None:
        nonlocal waited
        kernels.check()
        if waits_at is not None and cell_index >= waits_at:
            began = time.perf_counter()
            kernels.wait_for_studies()
            waited += time.perf_counter() - began

    start = time.perf_counter()
    # IPC sockets and the connection file in a private folder: no unencrypted TCP ports (and no
    # kernel warning about them), and nothing left in Jupyter's runtime folder by a stopped run.
    with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as sockets:
        config = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel"),
                                           "connection_file": str(Path(sockets) / "kernel.json")}})
        client = NotebookClient(notebook, config=config, timeout=CELL_TIMEOUT, kernel_name=KERNEL,
                                record_timing=False, coalesce_streams=True,
                                shell_timeout_interval=DEAD_KERNEL_CHECK, shutdown_kernel=KERNEL_SHUTDOWN,
                                resources={"metadata": {"path": str(cwd)}},
                                on_notebook_start=lambda notebook: kernels.add(client, source.name),
                                on_cell_start=before_cell)
        # The kernel process's own stderr goes to a file, not the user's terminal: a kernel stopped by an
        # interrupt may log a traceback there, and cells report their errors through the kernel's messages.
        log = Path(sockets) / "kernel-stderr.log"
        try:
            with open(log, "wb") as stderr:
                client.execute(env=env, cwd=str(cwd), stderr=stderr)
        except CellExecutionError:
            where, error = _failed_cell(notebook)
            raise NotebookFailed(f"notebooks/{source.name} failed in {where}", error) from None
        except (CellTimeoutError, DeadKernelError) as exc:
            kernels.check()  # a kernel killed by stop() is an interruption, not a failure
            said = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            last = f" (the kernel's last words: {said[-1]})" if said else ""
            raise NotebookFailed(f"notebooks/{source.name} failed: {str(exc).splitlines()[0]}{last}") from None
        finally:
            kernels.discard(client)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return time.perf_counter() - start - waited


def _in_threads(tasks: list, jobs: int, kernels: _Kernels) -> None:
    """Run ``tasks`` (callables) ``jobs`` at a time. The first failure, or an interrupt of the main thread
    (SIGINT, or SIGTERM under :func:`analysis.outputs.staging`), cancels the tasks not yet started and
    stops the kernels running; it is raised once their threads have ended."""
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        try:
            for future in as_completed([pool.submit(task) for task in tasks]):
                future.result()
        except BaseException:
            kernels.stop()
            raise
        finally:
            pool.shutdown(cancel_futures=True)


def execute(source: Path, target: Path, env: dict[str, str], cwd: Path, started=None) -> float:
    """Run ``source`` top to bottom in a fresh kernel, write it to ``target``, return the seconds taken.

    No timing metadata is recorded and streams are coalesced (a kernel may split one
    print into chunks at random), so the written notebook depends only on its inputs.
    ``started(name)`` is called once its kernel runs. The kernel runs from a worker thread, so
    that an interrupt of the main thread stops it and removes its files.
    """
    seconds = []
    kernels = _Kernels(started)
    _in_threads([lambda: seconds.append(_execute(source, target, env, cwd, kernels))], 1, kernels)
    return seconds[0]


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


def run_all(selected: list[Path], stage: Path, jobs: int, progress, cwd: Path | None = None,
            written=None) -> list[Timing]:
    """Execute ``selected`` into ``stage / "notebooks"``: the studies ``jobs`` at a time; each synthesis in a
    kernel of its own started with them, which runs the cells before its first cell tagged :data:`READS_STUDIES`
    and then waits for the last study to end.

    The first failure stops the run: notebooks not yet started are cancelled, those running are
    stopped, and :class:`NotebookFailed` is raised once their threads have ended. ``progress(name,
    seconds)`` is called as each notebook ends, and ``progress.started(name)``, if it has one,
    as each starts; ``written(path)``, if given, with the path of each executed notebook once it is written.
    """
    env, cwd = kernel_env(stage), cwd or selected[0].parent
    synthesis = [p for p in selected if is_synthesis(p)]
    studies = [p for p in selected if p not in synthesis]
    timings: list[Timing] = []
    kernels = _Kernels(getattr(progress, "started", None), studies=len(studies))

    def one(path: Path, is_synthesis: bool) -> None:
        seconds = _execute(path, stage / "notebooks" / path.name, env, cwd, kernels, synthesis=is_synthesis)
        timings.append(Timing(path.name, seconds))
        progress(path.name, seconds)
        if written is not None:
            written(stage / "notebooks" / path.name)
        if not is_synthesis:
            kernels.study_finished()

    # The syntheses are submitted first, each to a thread of its own: the other ``jobs`` threads run the studies.
    tasks = [functools.partial(one, path, True) for path in synthesis]
    tasks += [functools.partial(one, path, False) for path in studies]
    _in_threads(tasks, jobs + len(synthesis), kernels)
    return timings


def _move_figures(staged: Path, final: Path, mirror: bool) -> None:
    """Figures from ``staged`` into ``final``; with ``mirror``, figures no notebook made any more go."""
    final.mkdir(parents=True, exist_ok=True)
    produced = {p.name for p in staged.iterdir()}
    if mirror:
        for stale in final.iterdir():
            if stale.is_file() and stale.name not in produced:
                stale.unlink()
    for name in sorted(produced):
        os.replace(staged / name, final / name)


class _ReportWork:
    """The report's work that need not wait for the last notebook, done while the kernels run, in threads of the
    runner: the parts that come from data/ and the package's source alone
    (:func:`analysis.pipeline.report.notebook_free_parts`), and each notebook's page as soon as the notebook is
    final, one page at a time. Otherwise all of it would wait for the last notebook. With ``enabled`` false it
    does nothing. On leaving, pages not yet begun are cancelled; the parts' thread is a daemon that writes
    nothing, so an interrupted run does not wait for it (it builds for seconds in one go)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.pool = ThreadPoolExecutor(max_workers=1)  # one exporter, used by one thread
        self.futures: dict[str, Future] = {}
        self.built_parts: list = []  # the parts, or the error that stopped them
        self.parts_thread = threading.Thread(target=self.build_parts, name="report-parts", daemon=True)
        if enabled:
            self.parts_thread.start()

    def build_parts(self) -> None:
        try:
            self.built_parts.append(_notebook_free_parts())
        except Exception as err:  # raised again in the caller's thread by parts()
            self.built_parts.append(err)

    def render(self, path: Path) -> None:
        if self.enabled:
            self.futures[path.name] = self.pool.submit(_render_page, path)

    def pages(self) -> list:
        """The rendered pages (:class:`analysis.pipeline.report.Page`), in file-name order."""
        return [self.futures[name].result() for name in sorted(self.futures)]

    def parts(self):
        """The report's :class:`analysis.pipeline.report.NotebookFreeParts` (the error that stopped them raised)."""
        self.parts_thread.join()
        if isinstance(self.built_parts[0], Exception):
            raise self.built_parts[0]
        return self.built_parts[0]

    def __enter__(self) -> _ReportWork:
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(cancel_futures=True)


# Imported in the report's thread: nbconvert and the audit load while the kernels run, not before them.
def _render_page(path: Path):
    from analysis.pipeline import report

    return report.render(path)


def _notebook_free_parts():
    from analysis.data import load_bibliography
    from analysis.pipeline import report

    return report.notebook_free_parts(bibliography=load_bibliography())


def reproduce(only: list[str] | None = None, jobs: int | None = None, progress=None,
              build_report: bool = True, folder: Path | None = None, validate=None,
              studies: list[str] | None = None) -> list[Timing]:
    """Validate, execute the notebooks, then move notebooks, figures, ledger and report into place.

    ``validate()`` returns a list of data problems (default :func:`analysis.data.check_all`);
    with any, nothing is executed (:class:`DataInvalid`). ``only`` limits execution to the
    notebooks :func:`select` picks (the others' committed results are still collected).
    ``folder`` is the notebooks folder (default: the repository's ``notebooks/``).

    No silent partial integration: every study notebook must name its study in its metadata,
    every study of ``studies`` (default: :func:`analysis.data.studies`) must have a notebook,
    and every executed study notebook must show ledger rows of its study; otherwise
    :class:`NotebookFailed` names the notebook, before anything is moved into place.
    """
    progress = progress or (lambda name, seconds: None)
    all_notebooks = notebooks(folder)
    selected = select(all_notebooks, only)
    if validate is None:
        from analysis.data import check_all as validate
    problems = list(validate())
    if problems:
        raise DataInvalid(problems)
    if studies is None:
        from analysis.data import studies as data_studies

        studies = data_studies()
    check_integration(all_notebooks, list(studies))
    build = paths.build_dir()
    if build_report:
        outputs.check_replaceable(build / "report")  # refused before any kernel starts
    with outputs.staging(build, "reproduce") as stage, _ReportWork(build_report) as report_work:
        (stage / "figures").mkdir()
        (stage / "notebooks").mkdir()
        for path in all_notebooks:
            shutil.copy2(path, stage / "notebooks" / path.name)
            if path not in selected:
                report_work.render(stage / "notebooks" / path.name)
        timings = run_all(selected, stage, jobs or os.cpu_count() or 1, progress,
                          written=report_work.render) if selected else []
        check_ledgers([stage / "notebooks" / path.name for path in selected])

        from analysis.findings import ledger

        table = ledger.collect(stage / "notebooks")
        ledger.write(table, stage / "findings.csv")
        if build_report:
            from analysis.pipeline import report

            report.build(stage / "notebooks", table, stage / "report", pages=report_work.pages(),
                         parts=report_work.parts())
        # Every product exists: move them into place.
        for path in selected:
            os.replace(stage / "notebooks" / path.name, path)
        _move_figures(stage / "figures", paths.figures_dir(), mirror=only is None)
        os.replace(stage / "findings.csv", build / "findings.csv")
        if build_report:
            outputs.swap_in(stage / "report", build / "report", "reproduce", stage)
    return timings


# --- a run's own results -------------------------------------------------------------------

CHANGE_COLUMNS = ["study", "key", "column", "committed", "this_run"]
ROW_PRESENT, ROW_ABSENT = "present", "absent"


def _ledger_text(value) -> str:
    """A ledger cell as the ledger CSV writes it: numbers without float noise, nothing for a missing one."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def ledger_changes(committed: list[dict], this_run: list[dict]) -> list[dict]:
    """What differs between two lists of ledger rows (:func:`analysis.findings.ledger.rows_in_notebook`):
    one entry per changed cell ``{study, key, column, committed, this_run}``, rows matched by
    ``(study, key)``, columns in ledger CSV order; a row only one side has is one entry with column
    ``row`` and ``present`` / ``absent``. Rows in this run's order, then rows only the committed side has."""
    from analysis.findings import ledger

    columns = [c for c in ledger.CSV_COLUMNS if c not in ("study", "key")]
    before = {(_ledger_text(r.get("study")), _ledger_text(r.get("key"))): r for r in committed}
    after = {(_ledger_text(r.get("study")), _ledger_text(r.get("key"))): r for r in this_run}
    changes = []
    for (study, key), row in after.items():
        old = before.get((study, key))
        if old is None:
            changes.append(dict(zip(CHANGE_COLUMNS, (study, key, "row", ROW_ABSENT, ROW_PRESENT))))
            continue
        for column in columns:
            was, now = _ledger_text(old.get(column)), _ledger_text(row.get(column))
            if was != now:
                changes.append(dict(zip(CHANGE_COLUMNS, (study, key, column, was, now))))
    changes += [dict(zip(CHANGE_COLUMNS, (study, key, "row", ROW_PRESENT, ROW_ABSENT)))
                for (study, key) in before if (study, key) not in after]
    return changes


def write_run_results(executed: Path, committed: Path, folder: Path) -> tuple[int, list[dict]]:
    """Write ``folder/findings.csv`` (the ledger rows of the executed notebook ``executed``, in the ledger's
    columns) and ``folder/changes.csv`` (:func:`ledger_changes` against the notebook ``committed``).
    Returns the number of rows of this run and the changes."""
    import pandas as pd

    from analysis.findings import ledger

    rows = ledger.rows_in_notebook(executed)
    ledger.write(pd.DataFrame(rows, columns=ledger.CSV_COLUMNS), folder / "findings.csv")
    changes = ledger_changes(ledger.rows_in_notebook(committed), rows)
    paths.atomic_write(folder / "changes.csv", lambda tmp: pd.DataFrame(changes, columns=CHANGE_COLUMNS).to_csv(
        tmp, index=False, lineterminator="\n"))
    return len(rows), changes


# --- the student copy ---------------------------------------------------------------------

ANSWER_TAG = "answer"
WORKED_ANSWERS = "## Worked answers"


def is_answer(cell) -> bool:
    return ANSWER_TAG in cell.get("metadata", {}).get("tags", [])


def without_answers(notebook):
    """A copy of ``notebook`` without its worked answers: the cells tagged ``answer``, and the
    "Worked answers" heading once nothing follows it. Exercises and everything else stay."""
    copy = nbformat.from_dict(notebook)
    cells = [cell for cell in copy.cells if not is_answer(cell)]
    while cells and cells[-1].cell_type == "markdown" and cells[-1].source.strip() == WORKED_ANSWERS:
        cells.pop()
    copy.cells = cells
    return copy


def student(folder: Path | None = None, jobs: int | None = None, progress=None,
            target: Path | None = None) -> list[Timing]:
    """Write a student copy of every notebook to ``target`` (default ``build/student/``): worked
    answers removed (:func:`without_answers`), exercises kept, executed afresh by the same runner
    (the syntheses after the studies, reading the student copies' ledgers).

    Everything is written to a staging folder first, figures to its ``figures/``; the whole
    folder replaces ``target`` only when every notebook ran. ``notebooks/`` and ``figures/`` are
    never touched; a failing cell raises :class:`NotebookFailed` and writes nothing.
    """
    progress = progress or (lambda name, seconds: None)
    folder = folder or paths.notebooks_dir()
    target = target or paths.build_dir() / "student"
    outputs.check_replaceable(target)  # refused before any kernel starts
    with outputs.staging(target.parent, "student") as stage:
        sources = stage / "sources"
        sources.mkdir()
        (stage / "figures").mkdir()
        stripped = []
        for path in notebooks(folder):
            nbformat.write(without_answers(nbformat.read(path, as_version=4)), sources / path.name)
            stripped.append(sources / path.name)
        timings = run_all(stripped, stage, jobs or os.cpu_count() or 1, progress, cwd=folder) if stripped else []
        (stage / "notebooks").mkdir(exist_ok=True)
        os.replace(stage / "figures", stage / "notebooks" / "figures")
        outputs.swap_in(stage / "notebooks", target, "student", stage)
    return timings
