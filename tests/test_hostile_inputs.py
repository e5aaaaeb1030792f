"""The `analysis` command given what a careless or hostile user gives it (issue 20).

Each case runs the command's entry point, ``cli.main``, as a user calls it (arguments, working folder,
environment), and asserts the exact one-line refusal on stderr (so no traceback), the exit status, and
that nothing outside the output folder changed: the hashes of the work folder and of the repository's
data/, notebooks/, src/ and figures/ are the same before and after. Only the interrupt cases need a
process of their own: they signal a real `analysis` process once it has printed that it started a
notebook, and wait for its exit (their exact stderr also shows that a fresh interpreter prints nothing else).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from analysis import outputs
from analysis.audit.io import MAX_INPUT_BYTES
from analysis.pipeline import cli

REPO = Path(__file__).resolve().parents[1]
VALUES = REPO / "data" / "values" / "mahler2026.csv"
PROTECTED = ("data", "notebooks", "src", "figures")


def _tree(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` (caches aside), files by content hash."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(folder.rglob("*")) if "__pycache__" not in p.parts}


def _state(work: Path) -> dict[str, dict[str, str]]:
    return {"work": _tree(work), **{name: _tree(REPO / name) for name in PROTECTED}}


def _env(work: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, ANALYSIS_BUILD_DIR=str(work / "build"), ANALYSIS_FIGURES_DIR=str(work / "figures"),
                **extra)


def _values(folder: Path, name: str, study: str = "mahler2026") -> Path:
    """The project's mahler2026 values as file ``name`` of ``folder``, with its study column set to ``study``."""
    text = VALUES.read_text(encoding="utf-8").replace("\nmahler2026,", f"\n{study},")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _main(work: Path, args: list[str], cwd: Path | None = None) -> tuple[int, str, str]:
    """``analysis ARGS`` in this process (a process each would cost seconds of imports), run from ``cwd``
    (default ``work``) with outputs in ``work``: its status, stdout and stderr. :func:`cli.main` returns the
    status and prints its messages; an exception escaping it fails the test."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in _env(work).items():
            patch.setenv(name, value)
        patch.chdir(cwd or work)
        with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
            status = cli.main(args)
    return status, out.getvalue(), err.getvalue()


def _refused(work: Path, args: list[str], message: str, cwd: Path | None = None) -> None:
    """``analysis ARGS`` exits 1 with exactly ``error: MESSAGE`` on stderr and changes nothing."""
    before = _state(work)
    assert _main(work, args, cwd) == (1, "", f"error: {message}\n")
    assert _state(work) == before


@pytest.fixture
def work(tmp_path) -> Path:
    """A user's folder with one file of their own in it."""
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "mine.txt").write_text("the user's file\n", encoding="utf-8")
    return folder


# --- data loss (issue 20) ---------------------------------------------------------------

def test_out_inside_the_repositorys_data_is_refused(work):
    path = _values(work, "values.csv", "values")
    _refused(work, ["audit", str(path), "--out", "data"],
             f"--out data is inside {REPO / 'data'}, which holds the project's own files: choose a folder outside "
             "it (nothing was written)", cwd=REPO)


@pytest.mark.parametrize("folder", ["notebooks", "src/analysis", "figures"])
def test_out_inside_the_repositorys_other_folders_is_refused(work, folder):
    path = _values(work, "values.csv")
    protected = REPO / folder.split("/")[0]
    _refused(work, ["audit", str(path), "--out", str(REPO / folder)],
             f"--out {REPO / folder} is inside {protected}, which holds the project's own files: choose a "
             "folder outside it (nothing was written)")


def test_a_file_named_dotdot_csv_writes_only_its_studys_folder(work):
    out = work / "out"
    out.mkdir()
    (out / "other.txt").write_text("kept\n", encoding="utf-8")
    path = _values(work, "..csv")
    status, out_text, err_text = _main(work, ["audit", str(path), "--out", "out"])
    assert (status, err_text) == (0, "")
    assert out_text.startswith("mahler2026: ") and out_text.endswith(" -> out/mahler2026\n")
    assert sorted(p.name for p in out.iterdir()) == ["mahler2026", "other.txt"]
    assert (out / "other.txt").read_text(encoding="utf-8") == "kept\n"
    assert sorted(p.name for p in (out / "mahler2026").iterdir()) == [outputs.MARKER, "findings.csv", "index.html"]


def test_the_study_id_dotdot_is_refused(work):
    path = _values(work, "..csv", "..")
    _refused(work, ["audit", str(path), "--out", "out"],
             f"{path}, row 1 (line 2), column 'study': '..' is not a study id (lower-case letters, digits and _, "
             "starting with a letter) (nothing was written)")


def test_a_study_id_with_a_trailing_newline_is_refused(work):
    path = _values(work, "evil.csv", '"evil\n"')
    _refused(work, ["audit", str(path), "--out", "out"],
             f"{path}, row 1 (line 2), column 'study': 'evil\\n' is not a study id (lower-case letters, digits "
             "and _, starting with a letter) (nothing was written)")


def test_two_files_with_one_study_id_are_refused_before_anything_is_written(work):
    first, second = _values(work, "a.csv"), _values(work, "b.csv")
    _refused(work, ["audit", str(first), str(second), "--out", "out"],
             f"{second}: study 'mahler2026' is also the study of {first}; each study is written to its own folder, "
             "so audit these in separate calls with different --out (nothing was written)")


def test_a_folder_the_audit_did_not_write_is_never_replaced(work):
    (work / "out" / "mahler2026").mkdir(parents=True)
    (work / "out" / "mahler2026" / "notes.txt").write_text("mine\n", encoding="utf-8")
    path = _values(work, "values.csv")
    _refused(work, ["audit", str(path), "--out", "out"],
             "out/mahler2026 exists and was not written by analysis (it has no .analysis-output file): refusing "
             "to replace or empty it; remove it yourself or choose another output folder (nothing was written)")


def test_a_folder_the_audit_wrote_is_replaced(work):
    path = _values(work, "values.csv")
    assert _main(work, ["audit", str(path), "--out", "out"])[0] == 0
    (work / "out" / "mahler2026" / "stale.txt").write_text("from before\n", encoding="utf-8")
    assert _main(work, ["audit", str(path), "--out", "out"])[0] == 0
    assert sorted(p.name for p in (work / "out" / "mahler2026").iterdir()) == [
        outputs.MARKER, "findings.csv", "index.html"]
    assert [p.name for p in (work / "out").iterdir() if p.name.startswith(".analysis-staging")] == []


# --- one line, root cause first -----------------------------------------------------------

def test_out_that_is_a_file_is_refused(work):
    path = _values(work, "values.csv")
    _refused(work, ["audit", str(path), "--out", "mine.txt"],
             "--out mine.txt is a file, not a folder (nothing was written)")


def test_out_with_a_missing_parent_is_refused(work):
    path = _values(work, "values.csv")
    _refused(work, ["audit", str(path), "--out", "no/such/out"],
             f"--out no/such/out: its parent folder {work / 'no' / 'such'} does not exist (nothing was written)")


def test_out_that_cannot_be_written_is_refused(work):
    path = _values(work, "values.csv")
    if os.geteuid() == 0:  # root writes through permissions; sysfs refuses every new folder
        out, message = "/sys/analysis-audit", "/sys/analysis-audit: cannot be created: Operation not permitted"
    else:
        locked = work / "locked"
        locked.mkdir(mode=0o500)
        out, message = str(locked / "out"), f"--out {locked / 'out'}: {locked} is not writable"
    _refused(work, ["audit", str(path), "--out", out], f"{message} (nothing was written)")


@pytest.mark.parametrize("level", ["1.0", "0", "-0.5", "1.5", "nan"])
def test_a_level_outside_zero_one_is_refused(work, level):
    path = _values(work, "values.csv")
    shown = f"{float(level):g}"
    _refused(work, ["audit", str(path), "--out", "out", "--level", level],
             f"--level must be between 0 and 1 (exclusive), got {shown} (nothing was written)")


def test_a_folder_without_abstracts_is_refused(work):
    # A folder is read as a folder of abstracts' texts (.txt, .md); one holding none is refused.
    (work / "empty").mkdir()
    _refused(work, ["audit", "empty", "--out", "out"],
             "invalid input; nothing was written:\n  empty: no .txt or .md file in this folder")


@pytest.mark.parametrize("name", ["/dev/zero", "/dev/null", "pipe"])
def test_a_device_or_pipe_as_input_is_refused_without_reading_it(work, name):
    if name == "pipe":
        os.mkfifo(work / name)  # no writer: opening it would wait for ever
    _refused(work, ["audit", name, "--out", "out"],
             f"{name}: not a regular file (a folder, device or pipe): cannot be audited (nothing was written)")


def test_a_file_above_the_byte_limit_is_refused_before_it_is_read(work):
    huge = work / "huge.csv"
    with open(huge, "wb") as handle:  # sparse: no disk used
        handle.truncate(MAX_INPUT_BYTES + 1)
    _refused(work, ["audit", str(huge), "--out", "out"],
             f"{huge}: {MAX_INPUT_BYTES + 1} bytes, more than the limit of {MAX_INPUT_BYTES} bytes "
             "(analysis.audit.io.MAX_INPUT_BYTES) (nothing was written)")


@pytest.mark.parametrize(("name", "message"), [
    ("..", "'..' is not a notebook file (.ipynb)"),
    ("", "NOTEBOOK is empty: give a path or part of a notebook's file name"),
    ("no_such_notebook", "'no_such_notebook': no such notebook in notebooks/"),
])
def test_run_refuses_a_name_that_is_no_notebook(work, name, message):
    _refused(work, ["run", name], message)


@pytest.mark.parametrize("study", ["evil\n", "..", ""])
def test_new_study_refuses_an_id_that_is_no_snake_case_name(work, study):
    _refused(work, ["new-study", study], f"study id must be snake_case, like 'smith2024', got {study!r}")


def test_a_deleted_bibliography_row_is_named_first(tmp_path, work):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    bibliography = data / "bibliography.csv"
    lines = bibliography.read_text(encoding="utf-8").splitlines(keepends=True)
    bibliography.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")
    deleted = lines[1].split(",", 1)[0]
    status, _, err_text = _main(work, ["check", "--data-dir", str(data)])
    assert status == 1
    assert err_text.splitlines()[1] == f"  {bibliography}: {deleted}: row deleted since the manifest was written"


# --- interrupts ---------------------------------------------------------------------------

BLOCKING = "import threading\nthreading.Event().wait()  # never set: only an interrupt ends this cell"


def _blocking_notebook(path: Path, study: str = "blocked") -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("level = 0.95", metadata={"tags": ["parameters"]}),
                      nbformat.v4.new_code_cell(BLOCKING)]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["analysis"] = {"study": study}
    nbformat.write(notebook, path)
    return path


def _sigint_as_from_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupted(args: list[str], work: Path, env: dict[str, str], started: str, signum: int) -> tuple[int, str]:
    """Start ``analysis ARGS``, send ``signum`` once it prints ``started``, return its status and stderr.

    The command starts with SIGINT's default action, as a terminal starts it: a shell without job control
    (a CI runner's background job) passes SIGINT on ignored, and the interrupt under test would never arrive.
    """
    process = subprocess.Popen([sys.executable, "-m", "analysis.pipeline.cli", *args], cwd=work, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_sigint_as_from_a_terminal)
    seen = []
    for line in process.stdout:
        seen.append(line)
        if line.strip() == f"started  {started}":
            process.send_signal(signum)
            break
    _, stderr = process.communicate()
    assert f"  started  {started}\n" in seen, f"never started: {seen} {stderr}"
    return process.returncode, stderr


@pytest.fixture
def project(tmp_path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A copy of the notebooks plus one whose cell never ends, and build/ and figures/ holding earlier
    results; the environment points the commands at them, Jupyter's runtime files into the work folder
    and temporary files (the kernels' sockets: their paths must stay short) into a fresh folder."""
    work = tmp_path / "project"
    notebooks = work / "notebooks"
    shutil.copytree(REPO / "notebooks", notebooks)
    _blocking_notebook(notebooks / "99_blocked.ipynb")
    for folder in ("build", "figures", "runtime"):
        (work / folder).mkdir()
    outputs.ensure_folder(work / "build" / "report", "report")
    (work / "build" / "findings.csv").write_text("from an earlier run\n", encoding="utf-8")
    (work / "figures" / "earlier.png").write_bytes(b"an earlier figure")
    temporary = Path(tempfile.mkdtemp(prefix="hostile-", dir="/tmp"))
    env = _env(work, ANALYSIS_NOTEBOOKS_DIR=str(notebooks), JUPYTER_RUNTIME_DIR=str(work / "runtime"),
               TMPDIR=str(temporary))
    yield work, env
    left = sorted(p.name for p in temporary.iterdir())
    shutil.rmtree(temporary)
    assert left == []  # no kernel folder, socket or connection file left behind


INTERRUPTS = [pytest.param(signal.SIGINT, 130, "interrupted", id="SIGINT"),
              pytest.param(signal.SIGTERM, 143, "terminated", id="SIGTERM")]


@pytest.mark.parametrize(("signum", "status", "word"), INTERRUPTS)
def test_an_interrupted_reproduce_leaves_everything_as_it_was(project, signum, status, word):
    work, env = project
    before = _tree(work)
    returned, stderr = _interrupted(["reproduce", "--notebook", "99_blocked", "--jobs", "1"], work, env,
                                    "99_blocked.ipynb", signum)
    assert (returned, stderr) == (status, f"{word}: analysis reproduce stopped; nothing was written\n")
    assert _tree(work) == before  # notebooks, figures, build as they were; no staging, kernel or socket file


@pytest.mark.parametrize(("signum", "status", "word"), INTERRUPTS)
def test_an_interrupted_run_leaves_everything_as_it_was(project, signum, status, word):
    work, env = project
    before = _tree(work)
    returned, stderr = _interrupted(["run", "99_blocked"], work, env, "99_blocked.ipynb", signum)
    assert (returned, stderr) == (status, f"{word}: analysis run stopped; nothing was written\n")
    after = _tree(work)
    # the run created build/runs/ (with its marker) to stage in; nothing else is new
    assert {name for name in after if name not in before} == {"build/runs", f"build/runs/{outputs.MARKER}"}
    assert {name: after[name] for name in before} == before


def test_a_staging_folder_left_by_a_killed_run_is_removed_by_the_next(work):
    out = work / "out"
    outputs.ensure_folder(out, "audit")
    killed = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                            text=True, check=True)
    stale = out / f"{outputs.STAGING_PREFIX}killed"
    stale.mkdir()
    (stale / outputs.STAGING_MARKER).write_text(f"audit {killed.stdout.strip()} {socket.gethostname()}\n",
                                                encoding="utf-8")
    foreign = out / f"{outputs.STAGING_PREFIX}not_ours"  # no staging marker: never touched
    foreign.mkdir()
    path = _values(work, "values.csv")
    assert _main(work, ["audit", str(path), "--out", "out"])[0] == 0
    assert not stale.exists()
    assert foreign.is_dir()
