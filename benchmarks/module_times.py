"""A pytest plugin: the duration of every test phase (set-up, call, tear-down), written as JSON on exit.

Loaded by ``benchmarks/reproduce_speed.py`` for ``make test`` through the environment
(``PYTHONPATH=benchmarks``, ``PYTEST_ADDOPTS="-p module_times"``), so the Makefile and tests/ are
run as they are. The file named by ``ANALYSIS_TEST_DURATIONS`` receives ``[[nodeid, seconds], ...]``;
under pytest-xdist only the controlling process writes it, from the reports the workers send.
A module's fixtures count in the phase of the test that set them up or tore them down.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

DURATIONS_VARIABLE = "ANALYSIS_TEST_DURATIONS"
_durations: list[tuple[str, float]] = []
_target: list[Path] = []


def pytest_configure(config) -> None:
    # Taken out of the environment, so that a pytest a test starts in a subprocess writes nothing.
    target = os.environ.pop(DURATIONS_VARIABLE, None)
    if target and not hasattr(config, "workerinput"):
        _target.append(Path(target))


def pytest_runtest_logreport(report) -> None:
    _durations.append((report.nodeid, report.duration))


def pytest_sessionfinish(session) -> None:
    if _target:
        _target[0].write_text(json.dumps(_durations))
