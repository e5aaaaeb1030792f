"""One way to write the project's output folders: staged, marked, swapped in, cleaned up.

Every command that writes folders (``reproduce``, ``run``, ``student``, ``report``, ``audit``)
goes through this module:

* :func:`staging` makes a hidden folder ``.analysis-staging-*`` beside the targets, holding a
  staging marker (the command and its process id). It is removed on any exit, including
  SIGINT and SIGTERM (SIGTERM is turned into :class:`Terminated` while it is open), and a
  later run removes one whose process is gone (a run killed with SIGKILL). A hidden folder
  without that marker is never touched.
* :func:`swap_in` moves a staged folder into place as a whole, after writing the output
  marker ``.analysis-output`` (naming the command) into it. A target that exists without
  that marker was not written by the project: it is never replaced or emptied, and
  :class:`OutputRefused` says so in one line, before anything is written.
* :func:`ensure_folder` creates a folder the project owns (such as ``build/``) with the marker.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".analysis-output"
STAGING_MARKER = ".analysis-staging"
STAGING_PREFIX = ".analysis-staging-"


class OutputRefused(Exception):
    """An output folder cannot be written without risking files the project did not write (one line)."""


class Terminated(BaseException):
    """SIGTERM arrived while an output was being staged (a ``BaseException``, like ``KeyboardInterrupt``)."""


def _write_marker(folder: Path, command: str) -> None:
    (folder / MARKER).write_text(f"written by `analysis {command}`; the next run may replace this folder\n",
                                 encoding="utf-8")


def is_project_output(folder: Path) -> bool:
    """Whether ``folder`` is a real folder (not a link) carrying the output marker."""
    return folder.is_dir() and not folder.is_symlink() and (folder / MARKER).is_file()


def check_replaceable(target: Path) -> None:
    """Refuse (:class:`OutputRefused`) unless ``target`` is absent or a folder the project wrote."""
    if not os.path.lexists(target) or is_project_output(target):
        return
    if target.is_symlink() or not target.is_dir():
        raise OutputRefused(f"{target} exists and is not a folder: refusing to replace it")
    raise OutputRefused(f"{target} exists and was not written by analysis (it has no {MARKER} file): refusing "
                        "to replace or empty it; remove it yourself or choose another output folder")


def ensure_folder(folder: Path, command: str) -> Path:
    """``folder`` as a usable output parent: created with its parents (the new ones marked) if absent,
    else it must be a writable folder; refused in one line otherwise."""
    folder = Path(folder)
    missing = []
    probe = folder
    while not os.path.lexists(probe) and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    if not probe.is_dir():
        raise OutputRefused(f"{probe} is not a folder: cannot write into {folder}")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputRefused(f"{probe} is not writable: cannot write into {folder}")
    try:
        for created in reversed(missing):
            created.mkdir()
            _write_marker(created, command)
    except OSError as exc:
        raise OutputRefused(f"{folder}: cannot be created: {exc.strerror}") from None
    return folder


def _owner_alive(stage: Path) -> bool:
    """Whether the process that made staging folder ``stage`` may still be running."""
    try:
        _command, pid, host = (stage / STAGING_MARKER).read_text(encoding="utf-8").split()
        pid = int(pid)
    except (OSError, ValueError):
        return True  # unreadable: leave it alone
    if host != socket.gethostname():
        return True  # another machine's run: its process cannot be checked from here
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_staging(parent: Path) -> list[Path]:
    """Remove the staging folders in ``parent`` whose process is gone; only folders carrying the
    staging marker are candidates. Returns those removed."""
    removed = []
    if not parent.is_dir():
        return removed
    for stage in sorted(parent.glob(f"{STAGING_PREFIX}*")):
        if stage.is_symlink() or not (stage / STAGING_MARKER).is_file() or _owner_alive(stage):
            continue
        shutil.rmtree(stage, ignore_errors=True)
        removed.append(stage)
    return removed


def _raise_terminated(signum, frame) -> None:
    raise Terminated()


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated`, so that ``finally`` clauses run."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread can take signals
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def staging(parent: Path, command: str) -> Iterator[Path]:
    """A fresh staging folder in ``parent`` (created if needed), removed on any exit.

    Stale staging folders of killed runs in ``parent`` are removed first (:func:`remove_stale_staging`).
    """
    parent = ensure_folder(Path(parent), command)
    remove_stale_staging(parent)
    with _sigterm_raises():
        try:
            stage = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent))
        except OSError as exc:
            raise OutputRefused(f"{parent} is not writable: {exc.strerror}") from None
        try:
            (stage / STAGING_MARKER).write_text(f"{command} {os.getpid()} {socket.gethostname()}\n",
                                                encoding="utf-8")
            yield stage
        finally:
            shutil.rmtree(stage, ignore_errors=True)


def swap_in(staged: Path, target: Path, command: str, stage: Path) -> Path:
    """Move the folder ``staged`` into place as ``target``, replacing a previous project output there.

    ``stage`` is the open :func:`staging` folder (on the same file system): a replaced
    ``target`` goes there and is removed with it. Refuses, writing nothing, a ``target`` the
    project did not write (:func:`check_replaceable`).
    """
    check_replaceable(target)
    _write_marker(staged, command)
    os.chmod(staged, 0o755)  # mkdtemp makes folders private; outputs are for everyone
    if os.path.lexists(target):
        target.rename(Path(tempfile.mkdtemp(prefix="replaced-", dir=stage)) / target.name)
    staged.rename(target)
    return target

