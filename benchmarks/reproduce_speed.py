"""How fast ``analysis reproduce``, ``make test`` and a fresh install are, against what they are measured by.

All figures are wall-clock seconds measured in this one run, on this machine:

* floor: one kernel per notebook, all started at once, each running one cell that imports
  the project's dependencies: no runner can execute the notebooks faster;
* reproduce: the runner (``analysis.pipeline.run.reproduce``, what ``analysis reproduce``
  calls) in a subprocess, on a copy of the notebooks, writing into a scratch folder;
* the peers: ``jupyter nbconvert --to notebook --execute`` over all the notebooks, and
  ``papermill`` on one notebook after another, on the same copies;
* make test, and its nbval part (the same pytest options over the executed notebooks only);
* a fresh install: ``make install`` in a fresh clone, the uv bootstrap and ``uv sync`` with
  an empty uv cache, then ``uv sync`` again with the machine's (warm) uv cache.

With them, the profile of where the time goes (``where_time_goes.py``): the phases of that
reproduce, each notebook alone timed cell by cell, and ``make test`` per test module.
The load average is printed at the start and at the end.

Nothing is asserted; each line states its goal. The repository's notebooks, figures and
build folder are never written. See benchmarks/README.md.

    .venv/bin/python benchmarks/reproduce_speed.py [--notebooks DIR] [--jobs N] [--skip-peers]
                                                   [--skip-profile] [--skip-test] [--skip-install]
"""

from __future__ import annotations

import argparse
import os
import pkgutil
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import module_times
import nbformat
import where_time_goes as profile

import analysis
from analysis.pipeline import run as runner

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin"
DEPENDENCIES = ["pandas", "numpy", "scipy.stats", "statsmodels.api", "lifelines", "matplotlib.pyplot"]
# The subpackage only the command line uses (it pulls in nbformat, nbclient, nbconvert); no
# notebook imports it, so a floor that did would flatter the runner.
TOOLING = {"pipeline"}


def import_cell() -> str:
    """The one cell each floor kernel runs: the dependencies, then every notebook-facing part of analysis."""
    modules = ["analysis"] + sorted(f"analysis.{m.name}" for m in pkgutil.iter_modules(analysis.__path__)
                                    if m.name not in TOOLING)
    return "\n".join(f"import {name}" for name in DEPENDENCIES + modules)


def floor(count: int, scratch: Path) -> float:
    """Seconds to start ``count`` kernels at once, each importing the dependencies (after one untimed kernel)."""
    source = scratch / "imports.ipynb"
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": runner.KERNEL, "language": "python",
                                                                 "display_name": "Python 3 (ipykernel)"}})
    notebook.cells = [nbformat.v4.new_code_cell(import_cell())]
    nbformat.write(notebook, source)
    env = runner.kernel_env(scratch)
    runner.execute(source, scratch / "warm-up.ipynb", env, scratch)  # the first start reads everything from disk
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(lambda i: runner.execute(source, scratch / f"floor-{i}.ipynb", env, scratch), range(count)))
    return time.perf_counter() - start


def timed(command: list[str], env: dict[str, str] | None = None, cwd: Path = REPO) -> tuple[float, str | None]:
    """Seconds ``command`` took, and the last lines of its output if it failed (else ``None``)."""
    seconds, failure, _ = timed_output(command, env, cwd)
    return seconds, failure


def timed_output(command: list[str], env: dict[str, str] | None = None,
                 cwd: Path = REPO) -> tuple[float, str | None, str]:
    """As :func:`timed`, with the command's standard output."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode == 0:
        return seconds, None, result.stdout
    tail = (result.stderr.strip() + "\n" + result.stdout.strip()).strip().splitlines()[-6:]
    return seconds, f"exit {result.returncode}: " + " | ".join(line.strip() for line in tail), result.stdout


def load() -> str:
    return "load average {:.1f} {:.1f} {:.1f} (1, 5, 15 min)".format(*os.getloadavg())


def scratch_env(scratch: Path, notebooks: Path) -> dict[str, str]:
    """Outputs into ``scratch``; the synthesis reads ``notebooks``. Without PYTHONDONTWRITEBYTECODE, as the
    Makefile runs ``make test``: where it is set and no bytecode was written, every kernel compiles its imports."""
    inherited = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return dict(inherited, ANALYSIS_FIGURES_DIR=str(scratch / "figures"), ANALYSIS_BUILD_DIR=str(scratch / "build"),
                ANALYSIS_NOTEBOOKS_DIR=str(notebooks), HYPOTHESIS_NO_PLUGINS="1",
                PYDEVD_DISABLE_FILE_VALIDATION="1", MPLBACKEND="module://matplotlib_inline.backend_inline")


def make_test_command() -> list[str]:
    """The pytest command of the Makefile's ``test`` recipe, with $(BIN) expanded."""
    recipe = re.search(r"^test:.*\n((?:\t.*\n?)+)", (REPO / "Makefile").read_text(), re.M)
    if not recipe:
        raise SystemExit("no test target in the Makefile")
    joined = re.sub(r"\\\n\s*", " ", recipe.group(1))
    command = next(line.strip() for line in joined.splitlines() if "pytest" in line)
    return shlex.split(command.replace("$(BIN)", str(BIN)).replace("$(VENV)", str(REPO / ".venv")))


def make_test_workers() -> int:
    """The ``-n`` of the Makefile's pytest command (1 without pytest-xdist)."""
    command = make_test_command()
    return int(command[command.index("-n") + 1]) if "-n" in command else 1


def line(name: str, seconds: float, what: str, failure: str | None = None, verdict: str = "") -> None:
    print(f"{name:<11}{seconds:7.1f} s  {what}{'  ' + verdict if verdict else ''}", flush=True)
    if failure:
        print(f"{'':<20}FAILED ({failure})", flush=True)


def install_times(scratch: Path) -> None:
    """``make install`` in a fresh clone of the committed tree: bootstrap, cold uv cache, warm uv cache."""
    clone = scratch / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_"))}
    boot, failure = timed(["make", "-s", ".venv-tools/bin/uv"], env=env, cwd=clone)
    line("uv boot", boot, "pip installs the pinned uv into .venv-tools/ (once per clone)", failure)
    cold, failure = timed(["make", "-s", "install"], env=env | {"UV_CACHE_DIR": str(scratch / "uv-cache")}, cwd=clone)
    line("sync cold", cold, "uv sync of uv.lock into .venv/, empty uv cache (downloads everything)", failure)
    shutil.rmtree(clone / ".venv")
    warm, failure = timed(["make", "-s", "install"], env=env, cwd=clone)
    line("sync warm", warm, "the same with this machine's uv cache (~/.cache/uv)", failure)
    line("install", boot + cold, "fresh clone, cold cache: uv boot + sync cold",
         verdict=f"(goal <= 25 s; {boot + warm:.1f} s with a warm uv cache)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebooks", type=Path, default=REPO / "notebooks",
                        help="folder of notebooks to execute (default: notebooks/; it is copied, never written)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="for reproduce (default: cores)")
    parser.add_argument("--skip-peers", action="store_true", help="skip nbconvert and papermill")
    parser.add_argument("--skip-profile", action="store_true", help="skip executing each notebook alone")
    parser.add_argument("--skip-test", action="store_true", help="skip make test and its nbval part")
    parser.add_argument("--skip-install", action="store_true", help="skip the fresh install")
    args = parser.parse_args(argv)
    sources = runner.notebooks(args.notebooks.resolve())
    if not sources:
        print(f"no notebooks in {args.notebooks}: nothing to time")
        return 1
    print(f"machine: {os.cpu_count()} cores, {load()}; notebooks: {len(sources)} "
          f"in {args.notebooks}; reproduce --jobs {args.jobs}", flush=True)
    with tempfile.TemporaryDirectory(prefix="analysis-benchmark-") as name:
        scratch = Path(name)
        copy = scratch / "notebooks"
        shutil.copytree(args.notebooks, copy)
        floor_seconds = floor(len(sources), scratch)
        line("floor", floor_seconds, f"{len(sources)} kernels started at once, each importing the dependencies")
        syntheses = {path.name for path in sources if runner.is_synthesis(path)}
        reproduce, failure, output = timed_output(
            [str(BIN / "python"), "-c", profile.REPRODUCE_WITH_PROGRESS, str(copy), str(args.jobs)],
            env=scratch_env(scratch / "reproduce", copy))
        line("reproduce", reproduce, "the runner on a copy: validate, execute, ledger, report, move", failure,
             f"{reproduce / floor_seconds:.2f}x the floor (goal <= 1.8)")
        reproduced = failure is None
        if reproduced:
            profile.print_phases(profile.phases(*profile.parse_progress(output), syntheses, args.jobs),
                                 reproduce, syntheses)
        if reproduced and not args.skip_profile:
            # The copy now holds the executed studies, which the syntheses read.
            env = scratch_env(scratch / "profile", copy)
            profile.print_notebooks([profile.profile_notebook(path, env, copy, runner.KERNEL)
                                     for path in runner.notebooks(copy)])
        if not args.skip_peers:
            peers = scratch / "peers"
            nbconvert, failure = timed([str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                                        "--output-dir", str(peers / "nbconvert"), *map(str, runner.notebooks(copy))],
                                       env=scratch_env(peers, copy), cwd=copy)
            line("nbconvert", nbconvert, "jupyter nbconvert --to notebook --execute, all notebooks", failure,
                 f"reproduce is {nbconvert / reproduce:.2f}x faster (goal >= 1.8)")
            start, failure = time.perf_counter(), None
            for path in runner.notebooks(copy):
                _, failure = timed([str(BIN / "papermill"), "--no-progress-bar", str(path),
                                    str(peers / f"papermill-{path.name}")], env=scratch_env(peers, copy), cwd=copy)
                if failure:
                    failure = f"{path.name}: {failure}"
                    break
            papermill = time.perf_counter() - start
            line("papermill", papermill, "papermill, one notebook after another", failure,
                 f"reproduce is {papermill / reproduce:.2f}x faster")
        if not args.skip_test:
            durations = scratch / "test-durations.json"
            # The Makefile as it is; the environment loads the plugin that records each test's duration.
            plugin_env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [
                str(REPO / "benchmarks"), os.environ.get("PYTHONPATH")])),
                PYTEST_ADDOPTS=f"{os.environ.get('PYTEST_ADDOPTS', '')} -p module_times".strip(),
                **{module_times.DURATIONS_VARIABLE: str(durations)})
            test, failure = timed(["make", "-s", "test"], env=plugin_env)
            line("make test", test, "ruff, then pytest over tests/ and notebooks/", failure, "(goal <= 45 s)")
            command = make_test_command() + ["-c", str(REPO / "pyproject.toml"), "--rootdir", str(REPO), str(copy)]
            nbval, failure = timed(command, env=scratch_env(scratch / "nbval", copy))
            line("nbval", nbval, "its nbval part: the same pytest options over the executed notebooks only",
                 failure, f"make test is {test / nbval:.2f}x this (goal <= 2)")
        if not args.skip_test and durations.exists():
            profile.print_modules(durations, test, workers=make_test_workers())
        if not args.skip_install:
            install_times(scratch)
    print(f"machine at the end: {load()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
