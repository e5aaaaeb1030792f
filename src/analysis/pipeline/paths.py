"""Where the project reads and writes, with environment overrides.

The defaults point into the repository. `analysis reproduce` and the test suite
redirect outputs (figures, executed notebooks) to a staging or temporary folder
through the environment, so that a failed or test run never touches committed files.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

_OVERRIDES = {
    "data": "ANALYSIS_DATA_DIR",
    "figures": "ANALYSIS_FIGURES_DIR",
    "notebooks": "ANALYSIS_NOTEBOOKS_DIR",
    "build": "ANALYSIS_BUILD_DIR",
}
VALIDATED_DIR_VARIABLE = "ANALYSIS_VALIDATED_DIR"


def _resolve(kind: str) -> Path:
    override = os.environ.get(_OVERRIDES[kind])
    return Path(override) if override else REPO / kind


def data_dir() -> Path:
    """Folder holding the transcribed summary data (``ANALYSIS_DATA_DIR`` overrides)."""
    return _resolve("data")


def figures_dir() -> Path:
    """Folder figures are saved to (``ANALYSIS_FIGURES_DIR`` overrides)."""
    return _resolve("figures")


def notebooks_dir() -> Path:
    """Folder of executed notebooks the synthesis reads (``ANALYSIS_NOTEBOOKS_DIR`` overrides)."""
    return _resolve("notebooks")


def build_dir() -> Path:
    """Folder for generated, uncommitted outputs (``ANALYSIS_BUILD_DIR`` overrides)."""
    return _resolve("build")


def validated_dir() -> Path | None:
    """Folder of data frames the runner has validated for its kernels, if any
    (``ANALYSIS_VALIDATED_DIR``; see :func:`analysis.data.hand_over_validated`)."""
    folder = os.environ.get(VALIDATED_DIR_VARIABLE)
    return Path(folder) if folder else None


def atomic_write(target: Path, write) -> Path:
    """Write ``target`` all at once: ``write(tmp)`` fills a temporary file beside it,
    which then replaces ``target``. A crash leaves the old file, never half a new one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        tmp.chmod(0o644)  # mkstemp makes files private; outputs are for everyone
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def atomic_write_text(target: Path, text: str) -> Path:
    """:func:`atomic_write` of UTF-8 text with the newlines as given."""
    return atomic_write(target, lambda tmp: tmp.write_bytes(text.encode("utf-8")))


def replace_cache(target: Path, fill) -> None:
    """Make ``target`` a cache folder holding what ``fill(folder)`` writes, and only that.

    ``fill`` writes into a fresh hidden folder beside ``target``, which then takes its
    place; the other visible folders beside it (caches made by other code versions) are
    removed. Hidden folders are left alone: another run may be filling one. Best effort:
    a cache only saves time, so a failure leaves no partial folder and raises nothing,
    and readers must treat a missing or unreadable entry as absent.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        incoming = Path(tempfile.mkdtemp(prefix=".incoming-", dir=target.parent))
    except OSError:
        return
    try:
        fill(incoming)
        for stale in target.parent.iterdir():
            if not stale.name.startswith("."):
                shutil.rmtree(stale, ignore_errors=True)
        incoming.rename(target)
    except Exception:  # a cache that cannot be written must not fail the run that made it
        shutil.rmtree(incoming, ignore_errors=True)


def code_digest(files: list[Path], libraries: tuple[str, ...]) -> str:
    """A short digest of ``files``' bytes, the Python version and the installed versions
    of ``libraries`` ("absent" for one that is not installed): the key of a cache whose
    entries depend on that code."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "absent"

    parts = [path.read_bytes() for path in files] + [sys.version.encode()]
    parts += [f"{name} {installed(name)}".encode() for name in libraries]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:20]
