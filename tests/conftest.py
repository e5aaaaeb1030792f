"""Test-session setup shared by unit tests and nbval.

Kernels started by nbval inherit this process's environment, so pointing the output
folders at a temporary directory here keeps a test run from touching committed figures.
"""

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]
SCRATCH = pytest.StashKey[Path]()

# Settings of the derandomized property tests (same examples on every run, no example database),
# in one place: a test file uses them as `@settings(settings.get_profile("property"))`, with its own
# max_examples where it differs. Registered, not loaded: tests that pass only max_examples and
# deadline keep Hypothesis' usual random search. The parent is the profile in force now (Hypothesis
# loads its "ci" profile on CI), as for a plain settings(...) object.
settings.register_profile("property", settings.default, max_examples=40, deadline=None, derandomize=True,
                          database=None)


def pytest_configure(config):
    # Named, not created: the writers create what they write to, so a session that writes no figure (e.g.
    # each of mutmut's forked runs, which end without pytest_unconfigure) leaves nothing behind.
    scratch = Path(tempfile.gettempdir()) / f"analysis-test-{uuid.uuid4().hex}"
    config.stash[SCRATCH] = scratch
    os.environ["ANALYSIS_FIGURES_DIR"] = str(scratch / "figures")
    os.environ["ANALYSIS_BUILD_DIR"] = str(scratch / "build")
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    # For the kernels nbval starts: pandera imports hypothesis, which would load every installed
    # plugin (0.3 s each). This process has loaded hypothesis already, as a pytest plugin.
    os.environ.setdefault("HYPOTHESIS_NO_PLUGINS", "1")


def pytest_unconfigure(config):
    # One scratch folder per session (and per xdist worker), removed with its figures and build files.
    shutil.rmtree(config.stash[SCRATCH], ignore_errors=True)


@pytest.fixture
def repo() -> Path:
    return REPO


NBVAL_HINT = ("notebook outputs differ from a fresh run: if you changed data/ or src/, run `analysis reproduce` "
              "and commit the notebooks")


def _nbval_failures(terminalreporter) -> list[str]:
    """Node ids of the failed nbval cells (``notebooks/x.ipynb::Cell 3``) of this run."""
    return [report.nodeid for report in terminalreporter.stats.get("failed", [])
            if ".ipynb::" in getattr(report, "nodeid", "")]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """After a failed nbval cell: say that the committed outputs are stale and how to renew them.

    A session hook (not a per-item one), so that it applies to notebooks/ although this file
    sits in tests/."""
    failed = _nbval_failures(terminalreporter)
    if failed:
        notebooks = sorted({nodeid.split("::", 1)[0] for nodeid in failed})
        terminalreporter.write_sep("-", "hint", yellow=True)
        terminalreporter.write_line(f"{NBVAL_HINT} ({', '.join(notebooks)})")


@pytest.fixture
def extraction_fails_on_truncated(monkeypatch):
    """The text audit's extraction raises a defect (ZeroDivisionError) on the abstract ``truncated`` only."""
    from analysis.extract import text_audit

    real = text_audit.extract

    def failing(text, study):
        if study == "truncated":
            raise ZeroDivisionError("division by zero")
        return real(text, study)

    monkeypatch.setattr(text_audit, "extract", failing)
