"""Execute the notebooks and move their products into place all at once.

Everything a run produces (executed notebooks, figures, the ledger, the report) is
first written to a staging folder under ``build/``. Only when every notebook has run
cleanly are the products moved into ``notebooks/``, ``figures/`` and ``build/``, so a
failing cell leaves the committed files exactly as they were and names the cell.

Study notebooks run in parallel (one kernel each); notebooks whose metadata says
``{"analysis": {"synthesis": true}}`` read the other notebooks' ledgers and run last.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
from traitlets.config import Config
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from analysis import ledger, paths

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
    """Whether the notebook reads the other notebooks' results (so runs after them)."""
    meta = nbformat.read(path, as_version=4).metadata.get("analysis", {})
    return bool(meta.get("synthesis", False))


def _failed_cell(notebook) -> str:
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return (f"cell {index + 1} (id {cell.get('id', '?')}): "
                        f"{output.get('ename')}: {output.get('evalue')}")
    return "a cell that did not finish"


def execute(source: Path, target: Path, env: dict[str, str], cwd: Path) -> float:
    """Run ``source`` top to bottom in a fresh kernel and write it to ``target``.

    Returns the wall time in seconds. Timing metadata is not recorded, so the
    written notebook depends only on its inputs.
    """
    notebook = nbformat.read(source, as_version=4)
    start = time.perf_counter()
    # IPC sockets in a private folder: no unencrypted TCP ports (and no kernel warning about them).
    with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as sockets:
        config = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel")}})
        # Streams are coalesced because the kernel may split one print into chunks at random.
        # The client creates (and so shuts down) its own kernel manager from this config.
        client = NotebookClient(notebook, config=config, timeout=CELL_TIMEOUT, kernel_name=KERNEL,
                                record_timing=False, coalesce_streams=True,
                                resources={"metadata": {"path": str(cwd)}})
        try:
            client.execute(env=env, cwd=str(cwd))
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            where = _failed_cell(notebook) if isinstance(exc, CellExecutionError) else str(exc).splitlines()[0]
            raise NotebookFailed(f"notebooks/{source.name} failed in {where}") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return time.perf_counter() - start


def kernel_env(stage: Path) -> dict[str, str]:
    """Environment for kernels of a staged run: outputs go to the staging folder."""
    env = dict(os.environ)
    env.update({
        "ANALYSIS_FIGURES_DIR": str(stage / "figures"),
        "ANALYSIS_NOTEBOOKS_DIR": str(stage / "notebooks"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    })
    return env


def _run_all(sources: list[Path], stage: Path, jobs: int, progress) -> list[Timing]:
    env = kernel_env(stage)
    cwd = sources[0].parent
    timings: list[Timing] = []
    ordinary = [p for p in sources if not is_synthesis(p)]
    synthesis = [p for p in sources if is_synthesis(p)]
    for batch in (ordinary, synthesis):
        if not batch:
            continue
        with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(batch)))) as pool:
            futures = {pool.submit(execute, p, stage / "notebooks" / p.name, env, cwd): p for p in batch}
            try:
                for future in as_completed(futures):
                    seconds = future.result()
                    timings.append(Timing(futures[future].name, seconds))
                    progress(futures[future].name, seconds)
            except BaseException:
                for pending in futures:
                    pending.cancel()
                raise
    return timings


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


def reproduce(only: list[str] | None = None, jobs: int | None = None, progress=None,
              build_report: bool = True, folder: Path | None = None) -> list[Timing]:
    """Execute the notebooks, then move notebooks, figures, ledger and report into place.

    ``only`` limits execution to notebooks whose file name contains one of the
    given strings (the others' committed results are still used by the synthesis).
    ``folder`` is the notebooks folder (default: the repository's ``notebooks/``).
    """
    progress = progress or (lambda name, seconds: None)
    all_notebooks = notebooks(folder)
    selected = [p for p in all_notebooks if not only or any(key in p.name for key in only)]
    if not selected:
        raise NotebookFailed(f"no notebook matches {only}")
    build = paths.build_dir()
    build.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".staging-", dir=build))
    try:
        (stage / "notebooks").mkdir()
        (stage / "figures").mkdir()
        for path in all_notebooks:
            shutil.copy2(path, stage / "notebooks" / path.name)
        timings = _run_all(selected, stage, jobs or os.cpu_count() or 1, progress)
        table = ledger.collect(stage / "notebooks")
        ledger.write(table, stage / "findings.csv")
        if build_report:
            from analysis import report

            report.build(stage / "notebooks", table, stage / "report")
        # Every product exists: move them into place.
        for path in selected:
            os.replace(stage / "notebooks" / path.name, path)
        _sync_figures(stage / "figures", paths.figures_dir(), mirror=only is None)
        os.replace(stage / "findings.csv", build / "findings.csv")
        if build_report:
            _replace_dir(stage / "report", build / "report")
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return timings
