"""A pytest plugin: the wall and CPU time of every test phase (set-up, call, tear-down), written as JSON on exit.

Loaded by ``benchmarks/reproduce_speed.py`` for ``make test`` through the environment
(``PYTHONPATH=benchmarks``, ``PYTEST_ADDOPTS="-p module_times"``), so the Makefile and tests/ are
run as they are. The file named by ``ANALYSIS_TEST_DURATIONS`` receives ``[[nodeid, seconds, cpu], ...]``;
under pytest-xdist only the controlling process writes it, from the reports the workers send.
``cpu`` is the user and system time of the process that ran the phase and of the children it waited for
in it (kernels, interpreters, make): on a shared machine the wall time measures the other processes too,
the CPU time much less. A module's fixtures count in the phase of the test that set them up or tore them down.
"""

from __future__ import annotations

import json
import os
import resource
from pathlib import Path

import pytest

DURATIONS_VARIABLE = "ANALYSIS_TEST_DURATIONS"
CPU_PROPERTY = "cpu_seconds"
_durations: list[tuple[str, float, float]] = []
_target: list[Path] = []
_phase_cpu: dict[str, float] = {}


def cpu_seconds() -> float:
    """User and system seconds of this process and of its children that have been waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def pytest_configure(config) -> None:
    # Taken out of the environment, so that a pytest a test starts in a subprocess writes nothing.
    target = os.environ.pop(DURATIONS_VARIABLE, None)
    if target and not hasattr(config, "workerinput"):
        _target.append(Path(target))


def _timed_phase(item):
    start = cpu_seconds()
    yield
    _phase_cpu[item.nodeid] = cpu_seconds() - start


pytest_runtest_setup = pytest.hookimpl(hookwrapper=True)(_timed_phase)
pytest_runtest_call = pytest.hookimpl(hookwrapper=True)(_timed_phase)
pytest_runtest_teardown = pytest.hookimpl(hookwrapper=True)(_timed_phase)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    # A property travels with the report from an xdist worker to the controller.
    outcome.get_result().user_properties.append((CPU_PROPERTY, _phase_cpu.pop(item.nodeid, 0.0)))


def pytest_runtest_logreport(report) -> None:
    cpu = dict(report.user_properties).get(CPU_PROPERTY, 0.0)
    _durations.append((report.nodeid, report.duration, cpu))


def pytest_sessionfinish(session) -> None:
    if _target:
        _target[0].write_text(json.dumps(_durations))
