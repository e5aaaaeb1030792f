"""``analysis new-study``: the files it writes follow the conventions and already run."""

import importlib.util
import shutil
import sys

import nbformat
import pytest

from analysis.findings import sections_in_notebook
from analysis.pipeline import new_study

ROW = ("smith2024,patients,12,0,=,patients,,,,primary,B1,abstract,ABSTRACT,all treated\n")
GAP = "smith2024,why 2 patients stopped,B1,their outcomes cannot be bounded\n"


@pytest.fixture
def repo_copy(tmp_path, repo, monkeypatch):
    shutil.copytree(repo / "data", tmp_path / "data")
    shutil.copytree(repo / "notebooks", tmp_path / "notebooks")
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def _import(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_new_study_files_run_as_written(repo_copy, monkeypatch):
    highest = max(int(p.name[:2]) for p in (repo_copy / "notebooks").glob("*.ipynb"))
    written = new_study.create("smith2024", repo_copy)
    values, module_path, test_path, notebook_path = written
    assert notebook_path.name == f"{highest + 1:02d}_smith2024.ipynb"  # after the existing notebooks
    with values.open("a") as file:
        file.write(ROW)
    with (repo_copy / "data" / "not_reported.csv").open("a") as file:
        file.write(GAP)
    monkeypatch.delitem(sys.modules, "analysis.studies.smith2024", raising=False)
    _import(module_path, "analysis.studies.smith2024")

    notebook = nbformat.read(notebook_path, as_version=4)
    assert notebook.metadata["analysis"] == {"study": "smith2024"}
    assert [c.metadata.get("tags") for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    namespace = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            exec(cell.source, namespace)  # noqa: S102 - the generated notebook, as a kernel would run it
    ledger = namespace["findings"]
    assert [(r.key, r.status, r.section) for r in ledger.rows] == [
        ("not_reported_1", "not_recomputable", "not_recomputable")]
    assert set(r.section for r in ledger.rows) <= set(sections_in_notebook(notebook_path))
    assert "smith2024" in test_path.read_text()


def test_new_study_refuses_a_bad_id_or_an_existing_study(repo_copy):
    with pytest.raises(ValueError, match="study id must be snake_case"):
        new_study.create("Smith-2024", repo_copy)
    with pytest.raises(ValueError, match="a notebook for 'kleiter2012' exists already"):
        new_study.create("kleiter2012", repo_copy)
    (repo_copy / "tests").mkdir()
    (repo_copy / "tests" / "test_jones2025.py").write_text("")
    with pytest.raises(ValueError, match="'jones2025' has files already"):
        new_study.create("jones2025", repo_copy)
    assert not (repo_copy / "data" / "values" / "jones2025.csv").exists()  # nothing half-written


def test_the_command_names_what_it_refuses(capsys):
    from analysis.pipeline import cli

    assert cli.main(["new-study", "kleiter2012"]) == 1
    assert "a notebook for 'kleiter2012' exists already" in capsys.readouterr().err
