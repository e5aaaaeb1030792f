"""Where the project reads and writes, with environment overrides.

The defaults point into the repository. `analysis reproduce` and the test suite
redirect outputs (figures, executed notebooks) to a staging or temporary folder
through the environment, so that a failed or test run never touches committed files.
"""

from __future__ import annotations

import os
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
    """Folder of executed notebooks the synthesis reads (``ANALYSIS_NOTEBOOKS_DIR`` overrides)."""
    return _resolve("notebooks")


def build_dir() -> Path:
    """Folder for generated, uncommitted outputs (``ANALYSIS_BUILD_DIR`` overrides)."""
    return _resolve("build")
