"""Each study's notebook parameters, declared once (the study module's ``Parameters`` model): the notebook's
parameters cell agrees with it, ``analysis run`` refuses a value past a bound before any kernel starts, and the
notebook's own check is the same declaration."""

import importlib

import nbformat
import notebook_checks
import pytest
from pydantic import Field

from analysis.pipeline import cli
from analysis.pipeline import parameters as typed
from analysis.pipeline import run as runner
from analysis.studies import kleiter2012, parameters

STUDY_NOTEBOOKS = [p for p in runner.notebooks() if runner.study_of(p)]


@pytest.mark.parametrize("path", STUDY_NOTEBOOKS, ids=lambda p: p.stem)
def test_the_parameters_cell_and_the_declaration_do_not_drift(path):
    notebook_checks.check_parameters_declared(path, typed.study_model(nbformat.read(path, as_version=4).metadata))


@pytest.mark.parametrize("path", STUDY_NOTEBOOKS, ids=lambda p: p.stem)
def test_the_notebook_checks_the_same_declaration(path):
    notebook = nbformat.read(path, as_version=4)
    study = runner.study_of(path)
    setup = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert ".check_parameters(" in setup
    module = importlib.import_module(f"analysis.studies.{study}")
    module.check_parameters(**notebook_checks.parameters_cell(path))
    with pytest.raises(ValueError, match=r"^level must be a number strictly between 0 and 1.*, got 1\.5$"):
        module.check_parameters(**{**notebook_checks.parameters_cell(path), "level": 1.5})


def _numbers(first, last):
    return ",".join(str(k) for k in range(first, last + 1))


# (notebook, parameter, value at its bound, value past it, the bound as the refusal states it)
BOUNDS = [
    ("01_bringeland2020", "contrasts", "regular,any", "regular,any,regular", "distinct names from"),
    ("02_mahler2026", "n_max", "300", "301", "from 13 to 300"),
    ("02_mahler2026", "n_max_episodes", "300", "301", "from 13 to 300"),
    ("02_mahler2026", "bonferroni_comparisons", "1000", "1001", "from 2 to 1000"),
    ("02_mahler2026", "bonferroni_alternatives", _numbers(4, 13), _numbers(4, 14), "1 to 10 distinct whole numbers"),
    ("02_mahler2026", "bonferroni_alternatives", "1000", "1001", "from 2 to 1000"),
    ("02_mahler2026", "assumed_anticd20_relapses", _numbers(1, 200), _numbers(1, 201), "1 to 200 whole numbers"),
    ("02_mahler2026", "assumed_anticd20_relapses", "10000", "10001", "from 1 to 10000"),
    ("02_mahler2026", "assumed_exposure_ratios", _numbers(1, 10), _numbers(1, 11), "1 to 10 numbers"),
    ("02_mahler2026", "assumed_exposure_ratios", "100", "100.5", "at most 100"),
    ("03_kleiter2012", "n_worlds", "20000", "20001", "from 1 to 20000"),
    ("03_kleiter2012", "n_shown", "10", "11", "from 1 to 10"),
    ("03_kleiter2012", "horizon_days", "1000", "1001", "from 1 to 1000"),
    ("03_kleiter2012", "dosing_interval_days", "90", "91", "from 1 to 90"),
    ("03_kleiter2012", "margin_days", "365", "366", "from 0 to 365"),
    ("03_kleiter2012", "min_gap_days", "185", "186", "from 1 to 185"),
    ("03_kleiter2012", "seed", str(2**32 - 1), str(2**32), "from 0 to 2**32 - 1"),
    ("03_kleiter2012", "days_per_year", "366", "366.5", "at most 366"),
    ("04_kimura2016", "n_sim", "10989", "10990", "at most 10989 with 13 effect sizes"),
    ("04_kimura2016", "effect_sizes", ",".join(["0.5"] * 35), ",".join(["0.5"] * 36), "at most 35 numbers"),
    ("04_kimura2016", "effect_sizes", "10", "10.5", "<= 10"),
    ("04_kimura2016", "seed", str(2**32 - 1), str(2**32), "from 0 to 2**32 - 1"),
    ("04_kimura2016", "receptors_per_cell", "1000000000", "1000000001", "at most 1e9"),
    ("06_audit_an_abstract", "ist_totals", _numbers(1, 143), _numbers(1, 144), f"from 1 to {143}"),
]


@pytest.fixture
def no_kernel(monkeypatch, tmp_path):
    """``analysis run`` with its build folder in ``tmp_path``, failing the test if it ever starts a kernel."""
    def execute(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(runner, "execute", execute)
    monkeypatch.setenv("ANALYSIS_BUILD_DIR", str(tmp_path / "build"))
    return tmp_path / "build"


def _read(notebook_name: str, name: str, text: str):
    (path,) = [p for p in runner.notebooks() if p.name.startswith(notebook_name)]
    notebook = nbformat.read(path, as_version=4)
    (cell,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    return notebook, path, typed.read_all(cell.source, [(name, text)], path.name)


@pytest.mark.parametrize("notebook_name, name, at_bound, past_bound, bound", BOUNDS,
                         ids=[f"{b[0][:2]}-{b[1]}-{i}" for i, b in enumerate(BOUNDS)])
def test_a_bound_is_allowed_at_it_and_refused_past_it_before_a_kernel_starts(
        no_kernel, capsys, notebook_name, name, at_bound, past_bound, bound):
    notebook, path, at = _read(notebook_name, name, at_bound)
    typed.study_model(notebook.metadata)(**at)  # allowed at the bound
    _, _, past = _read(notebook_name, name, past_bound)

    assert cli.main(["run", notebook_name, "-p", name, past_bound]) == 1

    err = capsys.readouterr().err
    assert err.startswith(f"error: {path.name}: {name} must be ") and bound in err
    assert err.endswith(" (nothing was run or written)\n") and len(err.splitlines()) == 1
    assert f", got {next(iter(past.values()))!r}"[:50] in err  # the value it got, as read from the command line
    assert not no_kernel.exists()


def test_the_reported_unbounded_runs_are_refused_in_one_line(no_kernel, capsys):
    assert cli.main(["run", "03_kleiter2012", "-p", "horizon_days", "1000000000"]) == 1
    assert capsys.readouterr().err == (
        "error: 03_kleiter2012_natalizumab_nmo.ipynb: horizon_days must be a whole number of days from 1 to 1000, "
        "got 1000000000 (nothing was run or written)\n")
    assert cli.main(["run", "02_mahler2026", "-p", "n_max", "100000"]) == 1
    assert capsys.readouterr().err == (
        "error: 02_mahler2026_ds_nmosd.ipynb: n_max must be a whole number from 13 to 300, got 100000 "
        "(nothing was run or written)\n")
    assert not no_kernel.exists()


def test_a_rule_between_parameters_is_checked_with_the_defaults_of_the_others(no_kernel, capsys):
    assert cli.main(["run", "03_kleiter2012", "-p", "n_worlds", "2"]) == 1  # n_shown stays 3
    assert "n_shown must be at most n_worlds (2), got 3" in capsys.readouterr().err
    assert cli.main(["run", "04_kimura2016", "-p", "alpha", "0.9"]) == 1  # power_target stays 0.8
    assert "power_target must be a number below 1 that must exceed alpha (0.9), got 0.8" in capsys.readouterr().err
    assert not no_kernel.exists()


def test_the_notebook_refuses_what_the_command_line_refuses():
    with pytest.raises(ValueError) as refused:
        kleiter2012.check_parameters(n_worlds=20_001)
    assert str(refused.value) == "n_worlds must be a whole number from 1 to 20000, got 20001"


class Demo(parameters.StudyParameters):
    level: parameters.Real = Field(0.95, gt=0, lt=1, description="a number strictly between 0 and 1")
    n: parameters.Whole = Field(3, ge=1, le=10, description="a whole number from 1 to 10")
    sizes: list[parameters.Whole] = Field([1], max_length=5000, description="a list of whole numbers")
    flag: parameters.Flag = Field(True, description="True or False")


@pytest.mark.parametrize("values, message", [
    ({"level": True}, "level must be a number strictly between 0 and 1, got True"),
    ({"level": "0.9"}, "level must be a number strictly between 0 and 1, got '0.9'"),
    ({"level": float("nan")}, "level must be a number strictly between 0 and 1, got nan"),
    ({"n": 2.0}, "n must be a whole number from 1 to 10, got 2.0"),
    ({"n": 11}, "n must be a whole number from 1 to 10, got 11"),
    ({"flag": 1}, "flag must be True or False, got 1"),
    ({"sizes": "12"}, "sizes must be a list of whole numbers, got '12'"),
    ({"nn": 3}, "nn is not a parameter; the parameters are level, n, sizes, flag"),
])
def test_check_names_the_parameter_what_is_allowed_and_the_value(values, message):
    with pytest.raises(ValueError) as refused:
        parameters.check(Demo, values)
    assert str(refused.value) == message


def test_a_long_refused_value_is_cut_to_one_short_line():
    with pytest.raises(ValueError) as refused:
        parameters.check(Demo, {"sizes": list(range(10_000))})
    head, got = str(refused.value).split(", got ")
    assert head == "sizes must be a list of whole numbers"
    assert got.startswith("[0, 1, 2, 3, ") and got.endswith(" ...]") and len(got) <= 100


def test_check_returns_the_values_with_defaults_for_the_rest():
    assert parameters.check(Demo, {"n": 10, "sizes": (1, 2)}) == Demo(level=0.95, n=10, sizes=[1, 2], flag=True)


def test_a_notebook_without_a_declared_study_has_no_model():
    assert typed.study_model({}) is None
    assert typed.study_model({"analysis": {"synthesis": True}}) is None
    assert typed.study_model({"analysis": {"study": "no_such_study"}}) is None
    assert typed.study_model({"analysis": {"study": "kleiter2012\n"}}) is None
    assert typed.study_model({"analysis": {"study": "../kleiter2012"}}) is None
    assert typed.study_model({"analysis": {"study": "kleiter2012"}}) is kleiter2012.Parameters
