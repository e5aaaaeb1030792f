"""tools/mutation_score.py, the gate of `make mutation`, on hand-made mutmut results (it runs for an hour, so a
broken score would otherwise show only then)."""

import importlib.util
import json
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def score(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("mutation_score", REPO / "tools" / "mutation_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "META_DIR", tmp_path / "meta")
    monkeypatch.setattr(module, "EQUIVALENT", tmp_path / "equivalent.toml")
    (tmp_path / "meta").mkdir()
    return module


def write_meta(score, module: str, codes: dict, package: str = "stats") -> None:
    (score.META_DIR / package).mkdir(exist_ok=True)
    (score.META_DIR / package / f"{module}.py.meta").write_text(json.dumps({"exit_code_by_key": codes}))


def mutants(module: str, killed: int, survived: int, start: int = 0, package: str = "stats") -> dict:
    codes = {f"analysis.{package}.{module}.x_f__mutmut_{start + i}": 1 for i in range(killed)}
    codes.update({f"analysis.{package}.{module}.x_f__mutmut_{start + killed + i}": 0 for i in range(survived)})
    return codes


def write_all_packages(score) -> None:
    """Every package at 100 %, so that a test sees only what it adds."""
    write_meta(score, "__init__", mutants("__init__", 4, 0, package="audit"), package="audit")
    write_meta(score, "reading", mutants("reading", 4, 0, package="extract"), package="extract")


def test_exit_codes_are_read_as_mutmut_reads_them(score):
    # mutmut 3.8.1: 1 tests failed, 3 and -24 timeouts, 37 caught by the type checker; 0 survived; 33 no tests.
    write_meta(score, "rates", {"a": 1, "b": 3, "c": -24, "d": 37, "e": 0, "f": 33, "g": None, "h": 2})
    assert score.load_results(score.META_DIR) == {"stats.rates": {
        "a": "killed", "b": "killed", "c": "killed", "d": "killed", "e": "survived", "f": "no tests",
        "g": "not checked", "h": "suspicious"}}


def test_a_module_below_the_minimum_fails_the_gate(score, capsys):
    write_all_packages(score)
    write_meta(score, "rates", mutants("rates", 19, 1))  # 95.0 %: at the minimum
    write_meta(score, "power", mutants("power", 18, 2))  # 90.0 %
    assert score.main(["--min", "95"]) == 1
    out, err = capsys.readouterr()
    assert "below 95 %: stats.power" in err and "rates" not in err
    assert " 95.0%" in out and " 90.0%" in out and " 93.8%" in out  # all: 45 of 48
    write_meta(score, "power", mutants("power", 19, 1))
    assert score.main(["--min", "95"]) == 0


def test_each_package_is_scored_per_module_and_gated(score, capsys):
    write_meta(score, "rates", mutants("rates", 20, 0))
    write_meta(score, "__init__", mutants("__init__", 10, 0, package="audit"), package="audit")
    write_meta(score, "checks_rates", mutants("checks_rates", 9, 1, package="audit"), package="audit")  # 90 %
    write_meta(score, "reading", mutants("reading", 20, 0, package="extract"), package="extract")
    assert score.main(["--min", "95"]) == 1
    out, err = capsys.readouterr()
    assert "below 95 %: audit.checks_rates" in err
    rows = [line.split()[0] for line in out.splitlines()[2:6]]
    assert rows == ["stats.rates", "audit", "audit.checks_rates", "extract.reading"]


def test_a_package_without_results_fails_the_gate(score, capsys):
    # A run limited to some mutants, or a configuration that dropped a package, must not pass as complete.
    write_meta(score, "rates", mutants("rates", 20, 0))
    write_meta(score, "reading", mutants("reading", 20, 0, package="extract"), package="extract")
    assert score.main(["--min", "95"]) == 1
    assert "no mutmut results for analysis.audit" in capsys.readouterr().err
    assert score.main([]) == 0  # without a minimum it only reports


def test_equivalent_survivors_count_only_in_the_adjusted_score(score, capsys):
    write_all_packages(score)
    write_meta(score, "power", mutants("power", 18, 2))
    score.EQUIVALENT.write_text('[mutant."analysis.stats.power.x_f__mutmut_19"]\nreason = "same p"\n'
                                '[mutant."analysis.stats.power.x_f__mutmut_0"]\nreason = "stale: it is killed"\n')
    assert score.main(["--min", "95"]) == 1  # the gate reads the raw score: 18 of 20
    out, _ = capsys.readouterr()
    assert "90.0%   94.7%" in out  # adjusted: 18 of 19
    assert "analysis.stats.power.x_f__mutmut_19: same p" in out
    assert "now killed or gone" in out and "x_f__mutmut_0" in out.rsplit("now killed or gone", 1)[1]


def test_an_interrupted_run_says_its_scores_are_incomplete(score, capsys):
    write_meta(score, "rates", {**mutants("rates", 3, 0), "analysis.stats.rates.x_g__mutmut_1": None})
    score.main([])
    assert "1 mutants not checked yet" in capsys.readouterr().err


def test_no_results_is_an_error(score, capsys):
    assert score.main([]) == 2
    assert "run `mutmut run` first" in capsys.readouterr().err


def test_every_listed_equivalent_mutant_has_a_reason():
    listed = tomllib.loads((REPO / "tools" / "mutation_equivalent.toml").read_text())["mutant"]
    assert listed
    for name, entry in listed.items():
        assert name.startswith(("analysis.stats.", "analysis.audit.", "analysis.extract.")) and "__mutmut_" in name
        assert entry["reason"].strip()
