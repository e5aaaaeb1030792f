"""The benchmark scripts' pieces that read the repository (they are run by hand, so break silently)."""

import importlib.util
import pkgutil
from pathlib import Path

import analysis

REPO = Path(__file__).resolve().parents[1]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
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
