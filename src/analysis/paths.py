"""Where the project reads and writes, with environment overrides.

The defaults point into the repository. `analysis reproduce` and the test suite
redirect outputs (figures, executed notebooks) to a staging or temporary folder
through the environment, so that a failed or test run never touches committed files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_OVERRIDES = {
    "data": "ANALYSIS_DATA_DIR",
    "figures": "ANALYSIS_FIGURES_DIR",
    "notebooks": "ANALYSIS_NOTEBOOKS_DIR",
    "build": "ANALYSIS_BUILD_DIR",
}


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
    """Folder of the notebooks the commands execute and the synthesis reads (``ANALYSIS_NOTEBOOKS_DIR`` overrides)."""
    return _resolve("notebooks")


def build_dir() -> Path:
    """Folder for generated, uncommitted outputs (``ANALYSIS_BUILD_DIR`` overrides)."""
    return _resolve("build")


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
