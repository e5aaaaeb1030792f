"""``analysis new-study``: the files it writes follow the conventions and already run."""

import importlib.util
import os
import shutil
import sys

import nbformat
import notebook_checks
import pytest

from analysis.findings import collect, rows_in_notebook, sections_in_notebook
from analysis.pipeline import new_study
from analysis.pipeline import run as runner

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


@pytest.mark.parametrize("study", ["evil\n", "evil\nname", "\nevil", "evil ", "a/b", ".."])
def test_an_id_with_a_newline_or_a_path_is_refused_and_nothing_is_written(repo_copy, study):
    before = sorted(p.relative_to(repo_copy) for p in repo_copy.rglob("*"))
    with pytest.raises(ValueError, match="^study id must be snake_case"):
        new_study.create(study, repo_copy)
    assert sorted(p.relative_to(repo_copy) for p in repo_copy.rglob("*")) == before


def test_the_scaffold_passes_the_classroom_checks_as_written(repo_copy):
    notebook_path = new_study.create("smith2024", repo_copy)[-1]
    notebook_checks.check_answers_tagged(notebook_path)  # the heading stays visible, the answer is tagged
    notebook_checks.check_student_copy(notebook_path)


def test_the_scaffold_runs_the_automatic_checks_on_its_values_file(repo_copy):
    notebook_path = new_study.create("smith2024", repo_copy)[-1]
    assert "automatic_checks" in sections_in_notebook(notebook_path)
    code = [c.source for c in nbformat.read(notebook_path, as_version=4).cells if c.cell_type == "code"]
    assert any(source.startswith("audit.section(data.load_values(smith2024.STUDY), findings, level)")
               for source in code)


# A count and a count of it: the automatic checks give the exact CI of 2 of 8.
COUNTS = ("smith2024,treated,8,0,=,patients,,,,primary,B1,abstract,ABSTRACT,treated patients,count,,\n"
          "smith2024,relapsed,2,0,=,patients,,,treated,primary,B1,abstract,ABSTRACT,relapsed on treatment,count,,\n")


def test_a_new_study_executes_and_passes_every_notebook_check(tmp_path, repo, monkeypatch, capsys):
    """``analysis new-study`` in a copy of the repository (its own ``src/``), the notebook executed in a
    kernel that imports that copy, then the checks every committed notebook passes. The command runs in
    this process with the repository it writes to (``paths.REPO``) set to the copy: a process of its own
    would only add seconds of imports."""
    from analysis import paths
    from analysis.pipeline import cli

    for folder in ("data", "notebooks"):
        shutil.copytree(repo / folder, tmp_path / folder)
    shutil.copytree(repo / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "tests").mkdir()
    for name in ("ANALYSIS_DATA_DIR", "ANALYSIS_NOTEBOOKS_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(paths, "REPO", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new-study", "smith2024"]) == 0
    notebook_path = tmp_path / "notebooks" / f"{len(list(repo.glob('notebooks/*.ipynb'))):02d}_smith2024.ipynb"
    assert f"wrote notebooks/{notebook_path.name}" in capsys.readouterr().out
    assert (tmp_path / "src" / "analysis" / "studies" / "smith2024.py").is_file()
    assert not list(repo.glob("notebooks/*smith2024*"))  # the repository itself untouched
    env = {k: v for k, v in os.environ.items() if k not in ("ANALYSIS_DATA_DIR", "ANALYSIS_NOTEBOOKS_DIR")}
    env["PYTHONPATH"] = str(tmp_path / "src")  # before the installed package: the copy is the repository
    with (tmp_path / "data" / "values" / "smith2024.csv").open("a") as file:
        file.write(COUNTS)

    kernel = dict(runner.kernel_env(tmp_path / "stage"), **{k: env[k] for k in ("PYTHONPATH",)},
                  ANALYSIS_DATA_DIR=str(tmp_path / "data"))
    runner.execute(notebook_path, notebook_path, kernel, notebook_path.parent)

    for check in (notebook_checks.check_answers_tagged, notebook_checks.check_student_copy,
                  notebook_checks.check_thin, notebook_checks.check_line_widths,
                  notebook_checks.check_section_anchors):
        check(notebook_path)
    module = _import(tmp_path / "src" / "analysis" / "studies" / "smith2024.py", "scaffold_smith2024")
    notebook_checks.check_parameters_declared(notebook_path, module.Parameters)
    rows = rows_in_notebook(notebook_path)
    assert {row["section"] for row in rows if row["key"].startswith("auto_")} == {"automatic_checks"}
    assert collect(tmp_path / "notebooks")["study"].eq("smith2024").sum() == len(rows)
