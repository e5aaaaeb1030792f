"""The notebook runner: all-or-nothing writes, failing cells named, studies in parallel, synthesis after.

Probe notebooks written to a temporary folder stand in for the real ones.
"""

import ast
import csv
import hashlib
import shutil
from pathlib import Path

import nbformat
import pytest

from analysis.findings import ledger
from analysis.pipeline import report
from analysis.pipeline import run as runner

REPO = Path(__file__).resolve().parents[1]

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
findings.derived("one_half", "one half", 0.5, source="S1")
findings.show()
"""
# Prints how many ledger rows the executed notebooks hold, as a synthesis notebook reads them.
READER = "from analysis.findings import ledger\nprint(len(ledger.collect()))"


def _rows(study: str) -> str:
    """A cell adding one ledger row of ``study`` and showing the ledger."""
    return (f"from analysis.findings import ledger\nrows = ledger.Ledger({study!r})\n"
            "rows.derived('one_half', 'one half', 0.5, source='S1')\nrows.show()")


def _notebook(path: Path, *sources: str, synthesis: bool = False, study: str | None = "demo") -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if synthesis:
        nb.metadata["analysis"] = {"synthesis": True}
    elif study is not None:
        nb.metadata["analysis"] = {"study": study}
    nbformat.write(nb, path)
    return path


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def _printed(path: Path, cell: int = 0) -> str:
    return nbformat.read(path, as_version=4).cells[cell].outputs[0]["text"]


def _folders(root: Path) -> tuple[Path, Path, Path]:
    """``(notebooks, figures, build)`` under ``root``: the first two made, figures holding one from an earlier run."""
    folder, figures, build = root / "notebooks", root / "figures", root / "build"
    folder.mkdir()
    figures.mkdir()
    (figures / "kept_from_before.png").write_bytes(b"old")
    return folder, figures, build


def _point_at(patch: pytest.MonkeyPatch, figures: Path, build: Path) -> None:
    patch.setenv("ANALYSIS_FIGURES_DIR", str(figures))
    patch.setenv("ANALYSIS_BUILD_DIR", str(build))


@pytest.fixture
def outputs(tmp_path, monkeypatch):
    """Figures and build folders of the run, with one figure from an earlier run; ``(notebooks, figures, build)``."""
    folder, figures, build = _folders(tmp_path)
    _point_at(monkeypatch, figures, build)
    return folder, figures, build


@pytest.fixture(scope="module")
def good_run(tmp_path_factory):
    """One successful run with its report, shared by the tests that read it: a study that saves a figure and
    records a row, and a synthesis that counts the rows. ``(root, timings)``; root holds notebooks/, figures/,
    build/ and data/. The report audits every values file of the data folder: one file gives every kind of
    page at a fraction of the work (the report's pages over the real data/ are tested in test_report.py)."""
    root = tmp_path_factory.mktemp("good-run")
    folder, figures, build = _folders(root)
    _notebook(folder / "01_good.ipynb", SETUP, GOOD)
    _notebook(folder / "00_overview.ipynb", READER, synthesis=True)
    (root / "data" / "values").mkdir(parents=True)
    for name in ("bibliography.csv", "values/kimura2016.csv"):
        shutil.copy(REPO / "data" / name, root / "data" / name)
    with pytest.MonkeyPatch.context() as patch:
        _point_at(patch, figures, build)
        patch.setenv("ANALYSIS_DATA_DIR", str(root / "data"))
        timings = _reproduce(folder, build_report=True)
    return root, timings


def _reproduce(folder: Path, **kwargs):
    kwargs.setdefault("build_report", False)
    kwargs.setdefault("jobs", 2)
    kwargs.setdefault("studies", [])
    return runner.reproduce(folder=folder, validate=list, **kwargs)


def test_failing_cell_is_named_and_nothing_is_written(tmp_path, outputs):
    folder, figures, build = outputs
    # The bad notebook fails once the good one has saved its figure (to the stage): it must not reach figures/.
    saved = str(tmp_path / "figure-saved")
    _notebook(folder / "01_good.ipynb", SETUP, GOOD, f"open({saved!r}, 'w').close()")
    wait = ("import pathlib, time\n"
            "deadline = time.monotonic() + 60\n"
            f"while not pathlib.Path({saved!r}).exists():\n"
            "    assert time.monotonic() < deadline, 'the good notebook never saved its figure'\n"
            "    time.sleep(0.05)\n")
    _notebook(folder / "02_bad.ipynb", wait, "x = 1", "1 / 0", "print('never')")
    before = _digest(folder), _digest(figures)

    with pytest.raises(runner.NotebookFailed) as failure:
        _reproduce(folder)

    assert "notebooks/02_bad.ipynb failed in cell 3" in str(failure.value)
    assert "ZeroDivisionError" in str(failure.value)
    assert (_digest(folder), _digest(figures)) == before
    # no findings.csv, no staging folder left behind; only the marker of the folder the run created
    assert [p.name for p in build.iterdir()] == [".analysis-output"]


def test_a_failing_study_stops_the_run_and_the_synthesis_never_runs(tmp_path, outputs):
    folder, _, build = outputs
    marker = tmp_path / "synthesis-ran"
    _notebook(folder / "01_bad.ipynb", "raise RuntimeError('boom')")
    _notebook(folder / "00_overview.ipynb", f"open({str(marker)!r}, 'w').close()", synthesis=True)
    before = _digest(folder)

    with pytest.raises(runner.NotebookFailed, match=r"01_bad.ipynb failed in cell 1 .*RuntimeError: boom"):
        _reproduce(folder)

    assert not marker.exists()
    assert _digest(folder) == before
    assert [p.name for p in build.iterdir()] == [".analysis-output"]  # the marker of the folder the run made


def test_invalid_data_executes_nothing(tmp_path, outputs):
    folder, figures, build = outputs
    marker = tmp_path / "ran"
    _notebook(folder / "01_study.ipynb", f"open({str(marker)!r}, 'w').close()")
    problem = "data/values/x.csv, row 1 (line 2), column 'value': bad"

    with pytest.raises(runner.DataInvalid) as invalid:
        runner.reproduce(folder=folder, build_report=False, validate=lambda: [problem])

    assert invalid.value.problems == [problem]
    assert not marker.exists()
    assert not build.exists() or list(build.iterdir()) == []


def test_success_moves_everything_into_place_and_the_synthesis_reads_the_executed_studies(good_run):
    root, timings = good_run
    folder, figures, build = root / "notebooks", root / "figures", root / "build"

    # The synthesis ran after the study (the committed study had never run: no ledger row in it).
    assert [t.notebook for t in timings] == ["01_good.ipynb", "00_overview.ipynb"]
    assert _printed(folder / "00_overview.ipynb") == "1\n"
    assert sorted(p.name for p in figures.iterdir()) == ["demo_line.png", "demo_line.svg"]  # stale one removed
    with open(build / "findings.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["study"], r["finding"], r["recomputed"], r["status"]) for r in rows] == [
        ("demo", "one half", "0.5", "derived")]
    executed = nbformat.read(folder / "01_good.ipynb", as_version=4)
    assert all("execution" not in cell.metadata for cell in executed.cells)  # no timing metadata
    # no staging folder
    assert sorted(p.name for p in build.iterdir()) == [".analysis-output", "findings.csv", "report"]
    assert (build / "report" / "index.html").is_file()
    assert (build / "report" / "audit-kimura2016.html").is_file()


def test_studies_run_in_parallel_and_a_synthesis_runs_its_first_cells_meanwhile_and_reads_them_after(tmp_path,
                                                                                                     outputs):
    """One run shows both. Each study waits for a file the other writes: they finish only if they run at the same
    time. Each also waits for a file the synthesis's first cell writes: that cell must run meanwhile, beside the
    ``jobs`` studies that hold both workers. The cell tagged reads-studies runs after them and sees their rows."""
    folder, _, _ = outputs
    wait = ("import pathlib, time\n"
            "pathlib.Path({mine!r}).touch()\n"
            "deadline = time.monotonic() + 60\n"
            "while not pathlib.Path({other!r}).exists():\n"
            "    assert time.monotonic() < deadline, 'ran alone'\n"
            "    time.sleep(0.05)\n"
            "while not pathlib.Path({signal!r}).exists():\n"
            "    assert time.monotonic() < deadline, 'the synthesis did not start'\n"
            "    time.sleep(0.05)\n"
            "print('met')")
    a, b, signal = str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "synthesis-started")
    _notebook(folder / "01_a.ipynb", wait.format(mine=a, other=b, signal=signal), _rows("a"), study="a")
    _notebook(folder / "02_b.ipynb", wait.format(mine=b, other=a, signal=signal), _rows("b"), study="b")
    synthesis = _notebook(folder / "00_overview.ipynb", f"import pathlib\npathlib.Path({signal!r}).touch()", READER,
                          synthesis=True)
    notebook = nbformat.read(synthesis, as_version=4)
    notebook.cells[1].metadata["tags"] = [runner.READS_STUDIES]
    nbformat.write(notebook, synthesis)

    _reproduce(folder, jobs=2)

    assert _printed(folder / "01_a.ipynb") == _printed(folder / "02_b.ipynb") == "met\n"
    assert _printed(folder / "00_overview.ipynb", cell=1) == "2\n"


@pytest.fixture(scope="module")
def chosen_run(tmp_path_factory):
    """One run of the study ``01_good`` chosen among two, with its synthesis and the report, shared by the
    tests that read it: ``(root, digest of the notebooks before, timings)``. The other study raises if it runs.
    A data folder without values files: nothing to audit (the report's pages of data/ are test_report.py's)."""
    root = tmp_path_factory.mktemp("chosen-run")
    folder, figures, build = _folders(root)
    _notebook(folder / "01_good.ipynb", SETUP, GOOD)
    _notebook(folder / "02_other.ipynb", "raise RuntimeError('not chosen, not run')", study="other")
    _notebook(folder / "00_overview.ipynb", READER, synthesis=True)
    (root / "data").mkdir()
    shutil.copy(REPO / "data" / "bibliography.csv", root / "data")
    before = _digest(folder)
    with pytest.MonkeyPatch.context() as patch:
        _point_at(patch, figures, build)
        patch.setenv("ANALYSIS_DATA_DIR", str(root / "data"))
        timings = _reproduce(folder, build_report=True, only=["01_good"])
    return root, before, timings


def test_only_the_chosen_study_runs_with_its_synthesis(chosen_run):
    root, before, timings = chosen_run
    assert [t.notebook for t in timings] == ["01_good.ipynb", "00_overview.ipynb"]
    assert _digest(root / "notebooks")["02_other.ipynb"] == before["02_other.ipynb"]
    # Only some notebooks ran: figures of the others stay.
    assert "kept_from_before.png" in {p.name for p in (root / "figures").iterdir()}


def test_rerun_is_byte_identical(good_run, tmp_path, monkeypatch):
    # The shared run's folders copied, then run again where they are: every file the same, byte for byte.
    shutil.copytree(good_run[0], tmp_path, dirs_exist_ok=True)
    folder, figures, build = tmp_path / "notebooks", tmp_path / "figures", tmp_path / "build"
    _point_at(monkeypatch, figures, build)
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(tmp_path / "data"))
    first = _digest(folder), _digest(figures), _digest(build)
    rerun = _reproduce(folder, build_report=True)
    assert [t.notebook for t in rerun] == ["01_good.ipynb", "00_overview.ipynb"]
    assert (_digest(folder), _digest(figures), _digest(build)) == first


def test_the_report_is_built_from_the_notebooks_moved_into_place(chosen_run, tmp_path, monkeypatch):
    # Pages are rendered while other notebooks still run: each must show its notebook as executed in this
    # run, and a notebook not chosen must have its page too.
    root, _, _ = chosen_run
    folder = root / "notebooks"
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(root / "data"))
    expected = report.build(folder, ledger.collect(folder), tmp_path / "expected")
    written = {name: digest for name, digest in _digest(root / "build" / "report").items() if not name.startswith(".")}
    assert written == _digest(expected)
    assert {"00_overview.html", "01_good.html", "02_other.html"} <= set(written)


def test_a_study_notebook_without_ledger_rows_fails_the_run_and_nothing_is_written(outputs):
    folder, figures, build = outputs
    _notebook(folder / "01_good.ipynb", SETUP, GOOD)
    _notebook(folder / "02_silent.ipynb", "x = 1", study="silent")  # never calls findings.show()
    _notebook(folder / "00_overview.ipynb", READER, synthesis=True)
    before = _digest(folder), _digest(figures)

    with pytest.raises(runner.NotebookFailed, match=r"notebooks/02_silent.ipynb produced no ledger rows"):
        _reproduce(folder)

    assert (_digest(folder), _digest(figures)) == before
    assert [p.name for p in build.iterdir()] == [".analysis-output"]  # the marker of the folder the run made


def test_a_study_notebook_without_study_metadata_fails_before_anything_runs(tmp_path, outputs):
    folder, figures, build = outputs
    marker = tmp_path / "ran"
    _notebook(folder / "01_good.ipynb", SETUP, GOOD)
    _notebook(folder / "02_anonymous.ipynb", f"open({str(marker)!r}, 'w').close()", _rows("anonymous"), study=None)
    before = _digest(folder)

    with pytest.raises(runner.NotebookFailed, match=r"notebooks/02_anonymous.ipynb lacks its study metadata"):
        _reproduce(folder)

    assert not marker.exists() and _digest(folder) == before
    assert not build.exists() or list(build.iterdir()) == []


def test_a_study_of_data_without_a_notebook_fails_before_anything_runs(tmp_path, outputs):
    folder, _, build = outputs
    marker = tmp_path / "ran"
    _notebook(folder / "01_good.ipynb", SETUP, GOOD, f"open({str(marker)!r}, 'w').close()")

    with pytest.raises(runner.NotebookFailed, match=r"study 'orphan2024' has data in data/ but no notebook"):
        _reproduce(folder, studies=["demo", "orphan2024"])

    assert not marker.exists()
    assert not build.exists() or list(build.iterdir()) == []


def test_the_repository_notebooks_cover_every_study_of_data():
    from analysis import data

    runner.check_integration(runner.notebooks(), data.studies())


def test_collect_rejects_a_finding_recorded_twice(tmp_path):
    findings = ledger.Ledger("demo")
    findings.derived("one_half", "one half", 0.5, source="S1")
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


def _private_uses(path: Path) -> list[str]:
    """Names starting with ``_`` taken from nbclient or nbconvert in ``path``: imported, or as
    attributes in a module that imports either (dunders aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    jupyter = ("nbclient", "nbconvert")
    found, imports_jupyter = [], False
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in jupyter:
            imports_jupyter = True
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
            found += [node.module] if any(part.startswith("_") for part in node.module.split(".")) else []
        elif isinstance(node, ast.Import) and any(a.name.split(".")[0] in jupyter for a in node.names):
            imports_jupyter = True
    if imports_jupyter:
        found += [f"line {n.lineno}: .{n.attr}" for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                  and n.attr.startswith("_") and not n.attr.startswith("__")]
    return found


SOURCES = sorted((REPO / "src").rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_no_private_nbclient_or_nbconvert_api(path):
    assert _private_uses(path) == []
