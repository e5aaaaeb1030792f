"""Test-session setup shared by unit tests and nbval.

Kernels started by nbval inherit this process's environment, so pointing the output
folders at a temporary directory here keeps a test run from touching committed figures.
"""

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def pytest_configure(config):
    scratch = Path(tempfile.mkdtemp(prefix="analysis-test-"))
    os.environ["ANALYSIS_FIGURES_DIR"] = str(scratch / "figures")
    os.environ["ANALYSIS_BUILD_DIR"] = str(scratch / "build")
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"


@pytest.fixture
def repo() -> Path:
    return REPO
