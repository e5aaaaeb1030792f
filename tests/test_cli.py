"""The command line: `analysis run` writes a parameterised copy and leaves the original alone."""

import hashlib
import sys
from pathlib import Path

import nbformat
import pytest

from analysis.pipeline import cli


def _notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("level = 0.95  # confidence level\nlabel = 'default'")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Demo"), parameters,
                nbformat.v4.new_code_cell("print(f'{level} {label}')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.fixture
def build(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ANALYSIS_BUILD_DIR", str(tmp_path / "build"))
    return tmp_path / "build"


def test_run_writes_a_parameterised_copy_under_build(tmp_path, build, capsys):
    source = _notebook(tmp_path / "demo.ipynb")
    before = hashlib.sha256(source.read_bytes()).hexdigest()

    status = cli.main(["run", str(source), "-p", "level", "0.9", "-p", "label", "other"])

    assert status == 0
    target = build / "runs" / "demo__level-0.9_label-other" / "demo.ipynb"
    assert f"wrote {target}" in capsys.readouterr().out
    executed = nbformat.read(target, as_version=4)
    assert executed.cells[2].metadata["tags"] == ["injected-parameters"]
    assert executed.cells[-1].outputs[0]["text"] == "0.9 other\n"
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_run_refuses_an_unknown_parameter(tmp_path, build, capsys):
    source = _notebook(tmp_path / "demo.ipynb")
    assert cli.main(["run", str(source), "-p", "levle", "0.9"]) == 1
    err = capsys.readouterr().err
    assert "demo.ipynb has no parameter levle" in err
    assert "defines: label, level" in err
    assert not build.exists()


def test_run_names_the_failing_cell(tmp_path, build, capsys):
    source = _notebook(tmp_path / "demo.ipynb")
    nb = nbformat.read(source, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("1 / (level - 0.5)"))
    nbformat.write(nb, source)

    assert cli.main(["run", str(source), "-p", "level", "0.5"]) == 1

    err = capsys.readouterr().err
    # Cell 5 of the copy: the injected-parameters cell sits after the parameters cell.
    assert "demo.ipynb failed in cell 5" in err and "ZeroDivisionError" in err
    assert "the committed demo.ipynb is untouched" in err
    assert [p.name for p in (build / "runs").iterdir()] == [".analysis-output"]  # nothing half-written


def _typed_notebook(path: Path, check: str = "") -> Path:
    """A notebook with a parameter of every type, printing each value and its type."""
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell(
        "level = 0.95  # a number\nseed = 7  # a whole number\nlabel = 'default'\nverbose = False\n"
        "contrasts = ('regular', 'any')  # a tuple of names\npair = ('x', 'y')  # another\nsizes = [0.5, 1.0]\n"
        "relapses = list(range(1, 4))")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell(check),
                nbformat.v4.new_code_cell("for v in (level, seed, label, verbose, contrasts, pair, sizes, relapses):\n"
                                          "    print(type(v).__name__, repr(v))")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_run_reads_each_value_as_the_type_of_its_default(tmp_path, build, capsys):
    source = _typed_notebook(tmp_path / "demo.ipynb")
    status = cli.main(["run", str(source), "-p", "level", "0.9", "-p", "seed", "12", "-p", "label", "other text",
                       "-p", "verbose", "true", "-p", "contrasts", "regular", "-p", "pair", "('a', 'b')",
                       "-p", "sizes", "1,2.5", "-p", "relapses", "[5, 6]"])
    assert status == 0, capsys.readouterr().err
    target = next((build / "runs").glob("demo__*")) / "demo.ipynb"
    assert "_pair-ab_" in target.parent.name  # the copy's folder names each value
    printed = nbformat.read(target, as_version=4).cells[-1].outputs[0]["text"].splitlines()
    assert printed == ["float 0.9", "int 12", "str 'other text'", "bool True",
                       "list ['regular']",  # one name is a one-element list, not a string
                       "list ['a', 'b']",  # a tuple turns into a list
                       "list [1, 2.5]", "list [5, 6]"]


@pytest.mark.parametrize("name, value, message", [
    ("level", "abc", "level: expected a number (default 0.95), got 'abc'"),
    ("seed", "1.5", "seed: expected a whole number (default 7), got '1.5'"),
    ("verbose", "maybe", "verbose: expected True or False (default False), got 'maybe'"),
    ("sizes", "1,x", "sizes: expected a comma-separated list of numbers (default [0.5, 1.0]), got '1,x'"),
    ("contrasts", "[1,", "contrasts: expected a comma-separated list of texts (default ('regular', 'any'))"),
])
def test_run_refuses_a_value_of_the_wrong_type_before_any_cell_runs(tmp_path, build, capsys, name, value, message):
    marker = tmp_path / "ran"
    source = _typed_notebook(tmp_path / "demo.ipynb", f"open({str(marker)!r}, 'w').close()")
    assert cli.main(["run", str(source), "-p", name, value]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert not marker.exists() and not build.exists()


def test_a_value_refused_by_check_parameters_is_one_line_without_traceback(tmp_path, build, capsys):
    check = ("def check_parameters(*, level):\n"
             "    if not 0 < level < 1:\n"
             "        raise ValueError(f'level must be a number strictly between 0 and 1, got {level!r}')\n"
             "check_parameters(level=level)")
    source = _typed_notebook(tmp_path / "demo.ipynb", check)
    assert cli.main(["run", str(source), "-p", "level", "1.5"]) == 1
    err = capsys.readouterr().err
    assert err == "error: demo.ipynb: level must be a number strictly between 0 and 1, got 1.5 (nothing was written)\n"
    assert [p.name for p in (build / "runs").iterdir()] == [".analysis-output"]


def test_run_help_documents_the_value_syntax(capsys):
    with pytest.raises(SystemExit):
        cli.main(["run", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "read as the type of the parameter's default" in text
    assert "comma-separated list" in text and "-p contrasts regular is a one-element list" in text


def test_a_notebook_is_found_by_the_start_of_its_name_or_said_ambiguous(tmp_path):
    names = ["00_overview.ipynb", "01_bringeland2020_neda.ipynb", "03_kleiter2012_natalizumab_nmo.ipynb"]
    notebooks = [tmp_path / n for n in names]
    assert cli._find_notebook("01", notebooks).name == "01_bringeland2020_neda.ipynb"
    assert cli._find_notebook("kleiter", notebooks).name == "03_kleiter2012_natalizumab_nmo.ipynb"
    with pytest.raises(ValueError, match="matches 2 notebooks: 01_bringeland2020_neda.ipynb, 03_kleiter"):
        cli._find_notebook("20", notebooks)
    with pytest.raises(ValueError, match="no such notebook"):
        cli._find_notebook("zzz", notebooks)


def test_check_reports_success(capsys):
    assert cli.main(["check"]) == 0
    assert "manifest matches" in capsys.readouterr().out


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_reproduce_refuses_fewer_than_one_job(jobs, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["reproduce", "--jobs", jobs])
    assert stop.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_progress_without_a_terminal_is_one_plain_line_per_notebook(capsys):
    progress = cli._Progress(2)  # pytest's captured stdout is not a terminal
    progress("01_demo.ipynb", 1.25)
    progress.close()
    assert progress.bar is None
    assert capsys.readouterr().out == f"  executed {'01_demo.ipynb':<45}    1.2 s\n"


class _Writes:
    """A stdout that keeps each write apart."""

    def __init__(self):
        self.writes = []

    def write(self, text):
        self.writes.append(text)

    def flush(self):
        pass

    def isatty(self):
        return False


def test_each_progress_line_is_written_whole_so_lines_from_two_kernels_never_join(monkeypatch):
    # The kernels' threads report at once; a line written apart from its newline could be joined by another
    # thread's line ("  started  A  started  B"), and a reader waiting for one of them would never see it.
    out = _Writes()
    monkeypatch.setattr(sys, "stdout", out)
    progress = cli._Progress(2)
    progress.started("01_demo.ipynb")
    progress("01_demo.ipynb", 1.25)
    assert out.writes == ["  started  01_demo.ipynb\n", f"  executed {'01_demo.ipynb':<45}    1.2 s\n"]


def test_the_command_exits_with_the_status_of_main(monkeypatch):
    monkeypatch.setattr(cli, "main", lambda: 3)
    with pytest.raises(SystemExit) as leaving:
        cli.run()
    assert leaving.value.code == 3


def test_report_replaces_its_own_folder_and_refuses_one_it_did_not_write(tmp_path, build, capsys, monkeypatch):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01_demo.ipynb")
    monkeypatch.setenv("ANALYSIS_NOTEBOOKS_DIR", str(notebooks))
    # An empty data folder: no values file to audit (the report's pages of data/ are test_report's).
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(tmp_path / "data"))
    report = build / "report"
    report.mkdir(parents=True)
    (report / "mine.html").write_text("a page of my own")

    assert cli.main(["report"]) == 1
    assert capsys.readouterr().err == (f"error: {report} exists and was not written by analysis (it has no "
                                       ".analysis-output file): refusing to replace or empty it; remove it "
                                       "yourself or choose another output folder (nothing was written)\n")
    assert [p.name for p in report.iterdir()] == ["mine.html"]

    (report / "mine.html").unlink()
    report.rmdir()
    assert cli.main(["report"]) == 0
    assert capsys.readouterr().out == f"wrote {report / 'index.html'}\n"
    assert {".analysis-output", "index.html", "01_demo.html"} <= {p.name for p in report.iterdir()}
    assert not [p for p in build.iterdir() if p.name.startswith(".analysis-staging")]
