"""The notebook runner: all-or-nothing writes, failing cells named, ledger collected."""

import csv
import json
import hashlib
import threading
import time
from pathlib import Path

import nbformat
import pytest

from analysis import data
from analysis.findings import ledger
from analysis.pipeline import paths, run as runner

SETUP = """
import matplotlib.pyplot as plt
from analysis.findings import ledger
from analysis.plots import style as figures
findings = ledger.Ledger("demo")
"""
GOOD = """
fig, ax = plt.subplots()
ax.plot([0, 1], [0, 1])
figures.save(fig, "demo_line")
findings.derived("one half", 0.5, source="S1")
findings.show()
"""


def _notebook(path: Path, *sources: str, synthesis: bool = False) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if synthesis:
        nb.metadata["analysis"] = {"synthesis": True}
    nbformat.write(nb, path)
    return path


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def outputs(tmp_path, monkeypatch):
    figures, build = tmp_path / "figures", tmp_path / "build"
    figures.mkdir()
    (figures / "kept_from_before.png").write_bytes(b"old")
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(figures))
    monkeypatch.setenv("ANALYSIS_BUILD_DIR", str(build))
    return figures, build


def test_failing_cell_is_named_and_nothing_is_written(tmp_path, outputs):
    figures, build = outputs
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01_good.ipynb", SETUP, GOOD)
    _notebook(folder / "02_bad.ipynb", SETUP, "x = 1", "1 / 0", "print('never')")
    before = _digest(folder), _digest(figures)

    with pytest.raises(runner.NotebookFailed) as failure:
        runner.reproduce(folder=folder, build_report=False, jobs=2)

    assert "02_bad.ipynb failed in cell 3" in str(failure.value)
    assert "ZeroDivisionError" in str(failure.value)
    assert (_digest(folder), _digest(figures)) == before
    assert not (build / "findings.csv").exists()
    assert [p.name for p in build.iterdir()] == []  # no staging folder left behind


def test_a_failing_study_stops_the_run_synthesis_and_all(tmp_path, outputs):
    _, build = outputs
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01_bad.ipynb", "raise RuntimeError('boom')")
    _notebook(folder / "00_overview.ipynb", "print('never')", synthesis=True)
    before = _digest(folder)

    with pytest.raises(runner.NotebookFailed, match="01_bad.ipynb failed in cell 1 .*RuntimeError: boom"):
        runner.reproduce(folder=folder, build_report=False, jobs=2)

    assert _digest(folder) == before
    assert [p.name for p in build.iterdir()] == []


def test_invalid_data_stops_every_kernel_before_its_first_cell(tmp_path, outputs):
    figures, build = outputs
    folder = tmp_path / "notebooks"
    folder.mkdir()
    marker = tmp_path / "ran"
    _notebook(folder / "01_study.ipynb", f"open({str(marker)!r}, 'w').close()")
    _notebook(folder / "00_overview.ipynb", f"open({str(marker)!r}, 'w').close()", synthesis=True)

    with pytest.raises(runner.DataInvalid) as invalid:
        runner.reproduce(folder=folder, build_report=False, jobs=2,
                         validate=lambda: ["data/values/x.csv, row 1 (line 2), column 'value': bad"])

    assert invalid.value.problems == ["data/values/x.csv, row 1 (line 2), column 'value': bad"]
    assert not marker.exists()
    assert [p.name for p in build.iterdir()] == []


def test_success_moves_everything_into_place(tmp_path, outputs):
    figures, build = outputs
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01_good.ipynb", SETUP, GOOD)
    reader = ("from analysis.findings import ledger\n"
              "print(len(ledger.collect()))")
    _notebook(folder / "00_overview.ipynb", reader, synthesis=True)

    timings = runner.reproduce(folder=folder, build_report=False, jobs=2)

    assert {t.notebook for t in timings} == {"00_overview.ipynb", "01_good.ipynb"}
    assert sorted(p.name for p in figures.iterdir()) == ["demo_line.png", "demo_line.svg"]  # stale file removed
    with open(build / "findings.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [{"study": "demo", "finding": "one half", "kind": "derived", "reported": "",
                     "recomputed": "0.5", "low": "", "high": "", "status": "derived", "source": "S1"}]
    # The synthesis saw the study's executed ledger.
    overview = nbformat.read(folder / "00_overview.ipynb", as_version=4)
    assert overview.cells[0].outputs[0]["text"] == "1\n"
    executed = nbformat.read(folder / "01_good.ipynb", as_version=4)
    assert "execution" not in executed.cells[0].metadata  # no timing metadata
    assert sorted(p.name for p in build.iterdir()) == ["cache", "findings.csv"]
    # The run times, remembered to order the next run (slowest first).
    assert set(json.loads((build / "cache" / "notebook-seconds.json").read_text())) == {t.notebook for t in timings}


def _counting_executions(monkeypatch) -> list[str]:
    executed = []
    original = runner.execute

    def counting(source, *args, **kwargs):
        executed.append(source.name)
        return original(source, *args, **kwargs)

    monkeypatch.setattr(runner, "execute", counting)
    return executed


# A synthesis that draws a figure named after the number of ledger rows it read.
COUNTING_SYNTHESIS = ("import matplotlib.pyplot as plt\nfrom analysis.findings import ledger\nfrom analysis.plots import style as figures\n"
                      "rows = len(ledger.collect())\nfig, ax = plt.subplots()\nfigures.save(fig, f'rows_{rows}')\n"
                      "print(rows)")


def test_a_synthesis_runs_again_after_changed_studies_and_once_beside_unchanged_ones(tmp_path, outputs, monkeypatch):
    figures, _ = outputs
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01_good.ipynb", SETUP, GOOD)
    _notebook(folder / "00_overview.ipynb", COUNTING_SYNTHESIS, synthesis=True)
    executed = _counting_executions(monkeypatch)
    runner.reproduce(folder=folder, build_report=False, jobs=2)  # the committed study was never run
    # Run beside the study, the synthesis read the committed, never-run study: 0 rows, not 1. It ran
    # again after the study, and nothing of the first run is left (no rows_0 figure).
    assert sorted(executed) == ["00_overview.ipynb", "00_overview.ipynb", "01_good.ipynb"]
    overview = nbformat.read(folder / "00_overview.ipynb", as_version=4)
    assert overview.cells[0].outputs[0]["text"] == "1\n"
    assert sorted(p.name for p in figures.iterdir()) == ["demo_line.png", "demo_line.svg",
                                                         "rows_1.png", "rows_1.svg"]
    committed = _digest(folder), _digest(figures)

    executed.clear()
    runner.reproduce(folder=folder, build_report=False, jobs=2)  # now it reproduces what is committed
    assert sorted(executed) == ["00_overview.ipynb", "01_good.ipynb"]
    # The speculative run's notebook and figure were moved into place: all as before.
    assert (_digest(folder), _digest(figures)) == committed


def test_a_synthesis_failing_on_stale_results_runs_again_on_the_new_ones(tmp_path, outputs):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01_good.ipynb", SETUP, GOOD)
    # Reading the committed, never-run study it finds no ledger row, and fails.
    _notebook(folder / "00_overview.ipynb", "from analysis.findings import ledger\nassert len(ledger.collect()) == 1\n"
              "print('one row')", synthesis=True)

    runner.reproduce(folder=folder, build_report=False, jobs=2)

    overview = nbformat.read(folder / "00_overview.ipynb", as_version=4)
    assert overview.cells[0].outputs[0]["text"] == "one row\n"


def _dying_when_speculative(monkeypatch) -> None:
    """Kernels of a speculative synthesis (they read the committed snapshot) exit while warming up."""
    monkeypatch.setattr(runner, "WARM_UP", (
        "import os\nif os.environ['ANALYSIS_NOTEBOOKS_DIR'].endswith('committed'):\n    os._exit(1)"))


def _in_thread(**kwargs) -> BaseException | None:
    """``runner.reproduce(**kwargs)`` in a thread the test gives up on after 2 minutes."""
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(_raised(runner.reproduce, **kwargs)), daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "the run hung"
    return outcome[0]


def test_a_synthesis_kernel_dying_early_keeps_no_study_waiting(tmp_path, outputs, monkeypatch):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("01_a", "02_b"):
        _notebook(folder / f"{name}.ipynb", f"print('{name}')")
    _notebook(folder / "00_overview.ipynb", "print('overview')", synthesis=True)
    _dying_when_speculative(monkeypatch)

    # Two slots, granted once all three kernels have asked: the dead synthesis kernel never will.
    assert _in_thread(folder=folder, build_report=False, jobs=2) is None
    # The studies changed (they had never run), so the synthesis ran again after them, and passed.
    overview = nbformat.read(folder / "00_overview.ipynb", as_version=4)
    assert overview.cells[0].outputs[0]["text"] == "overview\n"

    # Now the studies reproduce what is committed: the speculative failure is the run's.
    before = _digest(folder)
    failure = _in_thread(folder=folder, build_report=False, jobs=2)
    assert isinstance(failure, runner.NotebookFailed) and "00_overview.ipynb" in str(failure)
    assert _digest(folder) == before


def test_rerun_is_byte_identical(tmp_path, outputs):
    figures, _ = outputs
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01_good.ipynb", SETUP, GOOD)
    runner.reproduce(folder=folder, build_report=False, jobs=1)
    first = _digest(folder), _digest(figures)
    runner.reproduce(folder=folder, build_report=False, jobs=1)
    assert (_digest(folder), _digest(figures)) == first


def test_collect_rejects_a_finding_recorded_twice(tmp_path):
    findings = ledger.Ledger("demo")
    findings.derived("one half", 0.5, source="S1")
    bundle = findings._repr_mimebundle_()
    for name in ("a.ipynb", "b.ipynb"):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [nbformat.v4.new_output("display_data", data=bundle)]
        nb.cells = [cell]
        nbformat.write(nb, tmp_path / name)
    with pytest.raises(ValueError, match="recorded twice"):
        ledger.collect(tmp_path)


def test_rerunning_a_study_reruns_the_synthesis_that_reads_it(tmp_path):
    study = _notebook(tmp_path / "01_study.ipynb", "x = 1")
    other = _notebook(tmp_path / "02_other.ipynb", "x = 2")
    overview = _notebook(tmp_path / "00_overview.ipynb", "x = 0", synthesis=True)
    candidates = [overview, study, other]
    assert runner.select(candidates, ["01_study"]) == [overview, study]
    assert runner.select(candidates, ["00_overview"]) == [overview]
    assert runner.select(candidates, None) == candidates
    with pytest.raises(runner.NotebookFailed, match="no notebook matches zzz"):
        runner.select(candidates, ["zzz"])


def _waiter(slots: runner.Slots, priority: float, results: list) -> threading.Thread:
    """A thread that asks ``slots`` for a slot, records the answer with its priority, and lets go.

    Daemon threads, so that a test failing while they wait cannot keep pytest from exiting.
    """
    def run() -> None:
        granted = slots.acquire(priority)
        results.append((priority, granted))
        if granted:
            slots.release()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _until_waiting(slots: runner.Slots, count: int) -> None:
    """Until ``count`` threads are queued in ``slots`` (no fixed sleeps: the test waits for the fact)."""
    deadline = time.monotonic() + 10
    while len(slots._waiting) < count:
        assert time.monotonic() < deadline, "waiters never queued"
        time.sleep(0.001)


def test_a_freed_slot_goes_to_the_highest_priority_waiter():
    slots = runner.Slots(1)
    assert slots.acquire()
    results = []
    threads = []
    for priority in (1.0, 3.0, 2.0):
        threads.append(_waiter(slots, priority, results))
        _until_waiting(slots, len(threads))  # queued in this order before the slot frees
    slots.release()
    for thread in threads:
        thread.join(timeout=10)
    assert results == [(3.0, True), (2.0, True), (1.0, True)]


def test_slots_are_not_kept_free_while_someone_waits():
    slots = runner.Slots(2)
    assert slots.acquire(0.0) and slots.acquire(5.0)  # both at once: nobody waits for a free slot
    results = []
    thread = _waiter(slots, 1.0, results)
    _until_waiting(slots, 1)
    assert results == []  # both slots are held
    slots.release()
    thread.join(timeout=10)
    assert results == [(1.0, True)]


def test_first_slots_wait_for_every_asker_then_go_by_priority():
    slots = runner.Slots(1, start_after=3)
    results = []
    threads = [_waiter(slots, 1.0, results)]  # the small one asks first, and alone
    _until_waiting(slots, 1)
    assert results == []  # nothing granted before all three have asked
    threads += [_waiter(slots, 3.0, results), _waiter(slots, 2.0, results)]
    for thread in threads:
        thread.join(timeout=10)
    assert results == [(3.0, True), (2.0, True), (1.0, True)]


def test_a_withdrawn_asker_is_not_waited_for():
    slots = runner.Slots(1, start_after=3)
    results = []
    threads = [_waiter(slots, 1.0, results), _waiter(slots, 2.0, results)]
    _until_waiting(slots, 2)
    assert results == []
    slots.withdraw()  # the third kernel died before asking
    for thread in threads:
        thread.join(timeout=10)
    assert results == [(2.0, True), (1.0, True)]


def test_abandoned_slots_turn_waiters_away():
    slots = runner.Slots(1, start_after=5)  # never reached: everyone waits
    results = []
    thread = _waiter(slots, 1.0, results)
    _until_waiting(slots, 1)
    slots.abandon()
    thread.join(timeout=10)
    assert results == [(1.0, False)]
    assert slots.acquire(2.0) is False  # and whoever asks later


def _after_warm_up(tmp_path: Path, probe: str) -> str:
    """What the one-cell notebook ``probe`` prints when run as the runner runs it (warmed up first)."""
    source = _notebook(tmp_path / "01_probe.ipynb", probe)
    gate = runner.Gate("unused")
    gate.open()
    runner.execute(source, tmp_path / "out.ipynb", runner.kernel_env(tmp_path), tmp_path, (gate,))
    return nbformat.read(tmp_path / "out.ipynb", as_version=4).cells[0].outputs[0]["text"]


def test_a_warmed_up_kernel_hides_its_imports_from_the_garbage_collector(tmp_path):
    """After the warm-up the imported modules are frozen (gc.freeze), and collection still runs."""
    probe = "import gc, sys\nprint('pandas' in sys.modules, gc.get_freeze_count() > 100_000, gc.isenabled())"
    assert _after_warm_up(tmp_path, probe) == "True True True\n"


def test_the_warm_up_leaves_no_names_in_the_notebook(tmp_path):
    """A notebook that forgot an import fails under the runner as it would under nbval."""
    probe = "print(sorted({'pandas', 'matplotlib', 'analysis', 'gc'} & set(globals())))"
    assert _after_warm_up(tmp_path, probe) == "[]\n"


def test_a_slot_is_released_before_the_kernel_is_shut_down(tmp_path, monkeypatch):
    """The next notebook starts while the finished one's kernel is being stopped."""
    from nbclient import NotebookClient

    events = []
    cleanup = NotebookClient._async_cleanup_kernel

    async def recording_cleanup(self, *args, **kwargs):
        events.append("kernel shut down")
        return await cleanup(self, *args, **kwargs)

    class RecordingSlots(runner.Slots):
        def release(self):
            events.append("slot released")
            super().release()

    monkeypatch.setattr(NotebookClient, "_async_cleanup_kernel", recording_cleanup)
    source = _notebook(tmp_path / "01_two_cells.ipynb", "x = 1", "print(x + 1)")
    gate = runner.Gate("unused")
    gate.open()
    runner.execute(source, tmp_path / "out.ipynb", runner.kernel_env(tmp_path), tmp_path, (gate,),
                   RecordingSlots(1))
    assert events == ["slot released", "kernel shut down"]


def test_a_kernel_dying_before_its_first_cell_stops_the_run(tmp_path, outputs, monkeypatch):
    _, build = outputs
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("01_a", "02_b", "03_c"):
        _notebook(folder / f"{name}.ipynb", "print('ran')")
    before = _digest(folder)
    flag = tmp_path / "one-kernel-died"
    # The first kernel to warm up exits; the others wait for slots that are never granted (jobs=1,
    # start_after=3) until the runner abandons them.
    monkeypatch.setattr(runner, "WARM_UP", (
        f"import os\ntry:\n    os.close(os.open({str(flag)!r}, os.O_CREAT | os.O_EXCL))\n"
        f"except FileExistsError:\n    pass\nelse:\n    os._exit(1)"))
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(_raised(runner.reproduce, folder=folder,
                                                                    build_report=False, jobs=1)), daemon=True)
    worker.start()
    worker.join(timeout=120)

    assert not worker.is_alive(), "the run hung"
    assert isinstance(outcome[0], runner.NotebookFailed) and "died" in str(outcome[0]).lower()
    assert _digest(folder) == before
    assert [p.name for p in build.iterdir()] == []


def _raised(function, **kwargs) -> BaseException | None:
    try:
        function(**kwargs)
    except BaseException as exc:  # returned to the test thread, which asserts on it
        return exc
    return None


def test_expected_costs_are_earlier_run_times_once_every_notebook_was_timed(tmp_path, outputs):
    small = _notebook(tmp_path / "small.ipynb", "x = 1")
    large = _notebook(tmp_path / "large.ipynb", "x = 1", "y = 2\n" * 500)
    # Never timed: the larger committed file is expected to take longer.
    assert runner.expected_costs([small, large]) == {small: small.stat().st_size, large: large.stat().st_size}
    runner._remember([runner.Timing("small.ipynb", 3.0)])
    # Only one of them timed: seconds and bytes do not compare, so sizes still decide.
    assert runner.expected_costs([small, large])[large] == large.stat().st_size
    runner._remember([runner.Timing("large.ipynb", 1.0)])  # added to the record, not replacing it
    assert runner.expected_costs([small, large]) == {small: 3.0, large: 1.0}


def test_an_unreadable_timing_record_falls_back_to_sizes(tmp_path, outputs):
    _, build = outputs
    only = _notebook(tmp_path / "only.ipynb", "x = 1")
    (build / "cache").mkdir(parents=True)
    (build / "cache" / "notebook-seconds.json").write_text("not json")
    assert runner.expected_costs([only]) == {only: only.stat().st_size}


def test_a_rerun_takes_unchanged_pages_from_the_last_run(tmp_path, outputs, monkeypatch):
    from analysis.pipeline import report

    _, build = outputs
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01_good.ipynb", SETUP, GOOD)
    runner.reproduce(folder=folder, build_report=True, jobs=1)
    first = _digest(build / "report")
    rendered = []
    original = report.render
    monkeypatch.setattr(report, "render", lambda path, *args: rendered.append(path.name) or original(path, *args))

    runner.reproduce(folder=folder, build_report=True, jobs=1)  # the notebook reproduces itself

    assert rendered == []
    assert _digest(build / "report") == first
