"""The benchmark scripts' pieces that read the repository (they are run by hand, so break silently)."""

import importlib.util
import json
import os
import pkgutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

import analysis

REPO = Path(__file__).resolve().parents[1]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(REPO / "benchmarks"))  # as when run as a script: the scripts import their siblings
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return module


def test_the_timed_test_command_is_the_makefile_recipe():
    command = _load("reproduce_speed").make_test_command()
    recipe = (REPO / "Makefile").read_text().split("\ntest:", 1)[1].split("\n\n", 1)[0]
    bin_dir = str(REPO / ".venv" / "bin")
    assert command[:3] == [f"{bin_dir}/python", "-m", "pytest"]
    assert all(token.replace(bin_dir, "$(BIN)") in recipe for token in command)
    assert {"--nbval", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg"} <= set(command)


def test_the_floor_imports_every_module_a_notebook_can_use():
    speed = _load("reproduce_speed")
    imported = {line.removeprefix("import ") for line in speed.import_cell().splitlines()}
    notebook_facing = {f"analysis.{m.name}" for m in pkgutil.iter_modules(analysis.__path__)} - {
        f"analysis.{name}" for name in speed.TOOLING}
    assert notebook_facing <= imported
    assert {"scipy.stats", "statsmodels.api", "lifelines", "matplotlib.pyplot"} <= imported
    assert not {f"analysis.{name}" for name in speed.TOOLING} & imported


def test_the_large_audit_file_is_valid_and_mixes_the_kinds_of_printed_number(tmp_path):
    from analysis import audit
    from analysis.audit import io

    speed = _load("audit_speed")
    source = tmp_path / "benchmark300.csv"
    speed.large_table(300, source.stem).to_csv(source, index=False, lineterminator="\n")
    values = io.read_values(source)  # a DataError here: the generated file broke the schema
    assert len(values) == 300 and values["quantity"].is_unique
    assert {"count", "percent", "ratio", "p", "rate", "median", "mean", "sd", "t", "difference"} <= set(
        values["statistic"])
    assert values["ci_low"].notna().sum() > 10  # ratios and differences with their CIs
    # The synthetic rows are consistent by construction: their GRIM, t-to-p and Wald-p checks pass.
    synthetic = [row for row in audit.run(values, source.stem) if row.check in
                 ("grim_mean", "statistic_p", "difference_p_wald")]
    assert len(synthetic) == 3 * 3  # 300 rows: three whole copies of 80 + 8 rows (the fourth is cut before its block)
    assert {row.status for row in synthetic} == {"consistent"}


# --- the profile's helpers (benchmarks/where_time_goes.py, benchmarks/module_times.py) --------------------

def _profile():
    return _load("where_time_goes")


def test_the_set_up_cell_is_the_first_that_imports_and_the_parameters_count_with_it():
    profile = _profile()
    cells = [("params", "level = 0.95  # import nothing here", 0.25),
             ("note", 'text = """a range\nfrom 1 to 2"""', 0.5),
             ("setup", "x = 1\nfrom analysis import data", 2.0),
             ("c1", "data.load()", 1.5), ("c2", "import_count = 3", 0.5)]
    assert profile.split_setup(cells) == ("setup", 2.75, 2.0)
    assert profile.split_setup([("a", "    import numpy", 1.0), ("b", "1 + 1", 0.5)]) == ("a", 1.0, 0.5)


def test_a_notebook_without_imports_is_all_compute():
    assert _profile().split_setup([("a", "x = 1", 1.0), ("b", "important = x", 0.5)]) == (None, 0.0, 1.5)


def test_the_runner_progress_gives_each_phase_and_the_critical_chain():
    profile = _profile()
    # Two workers: a (1-5) then c (5.1-9.1) on one, b (1-6) on the other; the overview 9.1-15; return at 18.
    output = ("some other line\nfinished 5.000 4.000 a.ipynb\nfinished 6.000 5.000 b.ipynb\n"
              "finished 9.100 4.000 c.ipynb\nfinished 15.000 5.900 00_overview.ipynb\nreturned 18.000\n")
    finished, returned = profile.parse_progress(output)
    assert [f.notebook for f in finished] == ["a.ipynb", "b.ipynb", "c.ipynb", "00_overview.ipynb"]
    run = profile.phases(finished, returned, {"00_overview.ipynb"}, jobs=2)
    assert (run.before, run.studies, run.syntheses, run.after) == pytest.approx((1.0, 8.1, 5.9, 3.0))
    assert [f.notebook for f in run.chain] == ["a.ipynb", "c.ipynb"]
    assert run.wall == pytest.approx(18.0)
    assert run.serial == pytest.approx(9.9)
    assert run.utilisation == pytest.approx(13.0 / (2 * 8.1))


def test_a_notebook_started_long_after_the_others_ended_begins_the_chain():
    profile = _profile()
    finished = [profile.Finished("a", 2.0, 1.0), profile.Finished("b", 10.0, 3.0)]  # b began at 7, a ended at 2
    assert [f.notebook for f in profile.critical_chain(finished)] == ["b"]
    assert profile.critical_chain([]) == []


def test_a_run_that_did_not_return_or_bad_arguments_are_refused():
    profile = _profile()
    with pytest.raises(ValueError, match="returned"):
        profile.parse_progress("finished 5.0 4.0 a.ipynb\n")
    with pytest.raises(ValueError, match="jobs"):
        profile.phases([profile.Finished("a", 2.0, 1.0)], 3.0, set(), jobs=0)
    with pytest.raises(ValueError, match="finished"):
        profile.phases([], 3.0, set(), jobs=1)


def test_test_durations_add_up_per_file_slowest_first():
    durations = [("tests/test_a.py::test_one", 0.5), ("tests/test_a.py::test_one", 1.0),
                 ("tests/test_b.py::TestX::test_two[1]", 2.0), ("notebooks/01_x.ipynb::Cell 0", 0.25),
                 ("tests/test_a.py::test_three", 0.75)]
    assert list(_profile().per_module(durations).items()) == [
        ("tests/test_a.py", 2.25), ("tests/test_b.py", 2.0), ("notebooks/01_x.ipynb", 0.25)]


def _report(nodeid: str, duration: float, cpu: float) -> SimpleNamespace:
    return SimpleNamespace(nodeid=nodeid, duration=duration, user_properties=[("cpu_seconds", cpu)])


def test_the_plugin_writes_every_phase_duration_from_the_controller_only(tmp_path, monkeypatch):
    target = tmp_path / "durations.json"
    monkeypatch.setenv(_load("module_times").DURATIONS_VARIABLE, str(target))
    worker = _load("module_times")
    worker.pytest_configure(SimpleNamespace(workerinput={"workerid": "gw0"}))
    worker.pytest_runtest_logreport(_report("tests/test_a.py::test_one", 0.5, 0.25))
    worker.pytest_sessionfinish(SimpleNamespace())
    assert not target.exists()
    monkeypatch.setenv(worker.DURATIONS_VARIABLE, str(target))
    controller = _load("module_times")
    controller.pytest_configure(SimpleNamespace())
    for phase_seconds, cpu in ((0.5, 0.25), (1.5, 1.0)):
        controller.pytest_runtest_logreport(_report("tests/test_a.py::test_one", phase_seconds, cpu))
    controller.pytest_sessionfinish(SimpleNamespace())
    assert json.loads(target.read_text()) == [["tests/test_a.py::test_one", 0.5, 0.25],
                                              ["tests/test_a.py::test_one", 1.5, 1.0]]


def _spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_the_plugin_counts_the_cpu_of_a_phase_and_of_the_children_it_waited_for():
    """Driven as pytest drives the hooks: the phase's CPU time, its own and a child's, lands in its report."""
    plugin = _load("module_times")
    item = SimpleNamespace(nodeid="tests/test_a.py::test_one")
    phase = plugin.pytest_runtest_call(item)
    next(phase)
    _spin(0.3)
    subprocess.run([sys.executable, "-c", "import time\nend = time.process_time() + 0.3\n"
                    "while time.process_time() < end:\n    pass"], check=True)
    with pytest.raises(StopIteration):
        next(phase)
    report = SimpleNamespace(nodeid=item.nodeid, duration=1.0, user_properties=[])
    making = plugin.pytest_runtest_makereport(item, SimpleNamespace(when="call"))
    next(making)
    with pytest.raises(StopIteration):
        making.send(SimpleNamespace(get_result=lambda: report))
    [(name, cpu)] = report.user_properties
    assert name == "cpu_seconds" and 0.6 <= cpu < 5  # this process's 0.3 s and the child's 0.3 s, and start-ups


def test_the_plugin_hides_its_target_from_a_pytest_started_by_a_test(tmp_path, monkeypatch):
    plugin = _load("module_times")
    monkeypatch.setenv(plugin.DURATIONS_VARIABLE, str(tmp_path / "durations.json"))
    plugin.pytest_configure(SimpleNamespace())
    assert plugin.DURATIONS_VARIABLE not in os.environ
