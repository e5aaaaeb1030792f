"""The command line: `analysis run` writes a parameterised copy and leaves the original alone."""

import hashlib
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
    assert [p.name for p in (build / "runs").iterdir()] == []  # nothing half-written


def test_run_turns_tuples_into_lists(tmp_path, build, capsys):
    source = _notebook(tmp_path / "demo.ipynb")
    assert cli.main(["run", str(source), "-p", "label", "('a', 'b')"]) == 0
    executed = nbformat.read(build / "runs" / "demo__label-ab" / "demo.ipynb", as_version=4)
    assert executed.cells[-1].outputs[0]["text"] == "0.95 ['a', 'b']\n"


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


def test_the_command_exits_with_the_status_of_main(monkeypatch):
    monkeypatch.setattr(cli, "main", lambda: 3)
    with pytest.raises(SystemExit) as leaving:
        cli.run()
    assert leaving.value.code == 3
