"""paths: where the project reads and writes, and atomic writes; outputs: how output folders are written."""

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import outputs, paths


@pytest.mark.parametrize("kind, variable", [("data_dir", "ANALYSIS_DATA_DIR"), ("figures_dir", "ANALYSIS_FIGURES_DIR"),
                                            ("notebooks_dir", "ANALYSIS_NOTEBOOKS_DIR"),
                                            ("build_dir", "ANALYSIS_BUILD_DIR")])
def test_folders_default_to_the_repository_and_follow_the_environment(kind, variable, tmp_path, monkeypatch):
    monkeypatch.delenv(variable, raising=False)
    assert getattr(paths, kind)() == paths.REPO / kind.removesuffix("_dir")
    monkeypatch.setenv(variable, str(tmp_path))
    assert getattr(paths, kind)() == tmp_path


def test_an_atomic_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path):
    target = paths.atomic_write_text(tmp_path / "out.txt", "old")

    def failing(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        paths.atomic_write(target, failing)
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    assert target.read_text() == "old"


# --- outputs: the one way output folders are written -------------------------------------

def _staged(stage: Path, text: str) -> Path:
    folder = stage / "new"
    folder.mkdir()
    (folder / "result.txt").write_text(text)
    return folder


def test_a_folder_the_project_wrote_is_replaced_whole_and_marked(tmp_path):
    target = tmp_path / "out" / "study"
    with outputs.staging(tmp_path / "out", "audit") as stage:
        outputs.swap_in(_staged(stage, "first"), target, "audit", stage)
    (target / "stale.txt").write_text("from the first run")
    with outputs.staging(tmp_path / "out", "audit") as stage:
        outputs.swap_in(_staged(stage, "second"), target, "audit", stage)
    assert sorted(p.name for p in target.iterdir()) == [outputs.MARKER, "result.txt"]
    assert (target / "result.txt").read_text() == "second"
    assert "analysis audit" in (target / outputs.MARKER).read_text()
    # the output folder the staging created is marked too; no staging folder is left
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [outputs.MARKER, "study"]


def test_a_folder_without_the_marker_is_refused_and_left_as_it_was(tmp_path):
    target = tmp_path / "study"
    target.mkdir()
    (target / "mine.txt").write_text("the user's")
    with outputs.staging(tmp_path, "audit") as stage, pytest.raises(outputs.OutputRefused, match="no .analysis-output"):
        outputs.swap_in(_staged(stage, "new"), target, "audit", stage)
    assert [p.name for p in target.iterdir()] == ["mine.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study"]


@pytest.mark.parametrize("kind", ["file", "link"])
def test_a_file_or_a_link_where_a_folder_goes_is_refused(tmp_path, kind):
    target = tmp_path / "study"
    if kind == "file":
        target.write_text("a file")
    else:
        real = tmp_path / "real"
        real.mkdir()
        (real / outputs.MARKER).write_text("")
        target.symlink_to(real)
    with pytest.raises(outputs.OutputRefused, match=r"study exists and is not a folder: refusing to replace it$"):
        outputs.check_replaceable(target)


def test_staging_is_removed_on_an_error_and_on_sigterm(tmp_path):
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(RuntimeError), outputs.staging(tmp_path, "run") as stage:
        raise RuntimeError("a failing notebook")
    assert not stage.exists()
    with pytest.raises(outputs.Terminated), outputs.staging(tmp_path, "run") as stage:
        os.kill(os.getpid(), signal.SIGTERM)  # Python runs the handler before the next statement
        (stage / "never.txt").write_text("not reached")
    assert not stage.exists()
    assert signal.getsignal(signal.SIGTERM) == before  # the caller's handler is back


def test_only_staging_folders_of_ended_processes_are_removed(tmp_path):
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                           check=True).stdout.strip()
    host = socket.gethostname()
    owners = {"ended": f"run {ended} {host}", "alive": f"run {os.getpid()} {host}", "elsewhere": f"run {ended} other"}
    for name, owner in owners.items():
        (tmp_path / f"{outputs.STAGING_PREFIX}{name}").mkdir()
        (tmp_path / f"{outputs.STAGING_PREFIX}{name}" / outputs.STAGING_MARKER).write_text(owner)
    (tmp_path / f"{outputs.STAGING_PREFIX}unmarked").mkdir()
    assert outputs.remove_stale_staging(tmp_path) == [tmp_path / f"{outputs.STAGING_PREFIX}ended"]
    assert sorted(p.name.removeprefix(outputs.STAGING_PREFIX) for p in tmp_path.iterdir()) == [
        "alive", "elsewhere", "unmarked"]
