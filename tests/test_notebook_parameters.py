"""Every study notebook runs through with allowed parameters other than its defaults.

nbval checks the committed outputs, which are the defaults' outputs; a text or table that assumes the
default rows (both contrasts, both missing-data cases, one reading of a median) passes nbval and breaks
only when someone reruns the notebook with ``analysis run``. Each run below sets, for one notebook, a
non-default value of every parameter that selects rows or cases (sizes and seeds only where they keep
the run short), through the command line itself, so that refused values also fail here.
Notebook 05 has no such parameter (its ``level`` is unused) and the overview reads the others' outputs.
"""

import nbformat
import pytest

from analysis.pipeline import cli

RUNS = {
    "01_bringeland2020_regular_best": ("01_bringeland2020", [("contrasts", "regular"),
                                                             ("lost_to_follow_up_outcome", "best")]),
    "01_bringeland2020_any_worst": ("01_bringeland2020", [("contrasts", "any"),
                                                          ("lost_to_follow_up_outcome", "worst")]),
    "02_mahler2026": ("02_mahler2026", [("bonferroni_comparisons", "6"), ("bonferroni_alternatives", "2"),
                                        ("assumed_anticd20_relapses", "5,30"),
                                        ("assumed_exposure_ratios", "0.8")]),
    "03_kleiter2012": ("03_kleiter2012", [("median_reading", "first_relapse"), ("every_patient_relapsed", "False"),
                                          ("exposure_convention", "to_last_infusion"), ("n_worlds", "400"),
                                          ("n_shown", "2")]),
    "04_kimura2016": ("04_kimura2016", [("effect_sizes", "0.5,1.5"), ("n_sim", "400")]),
    "06_audit_an_abstract": ("06_audit_an_abstract", [("ist_totals", "37")]),
}


@pytest.mark.parametrize("run", RUNS, ids=list(RUNS))
def test_study_notebook_runs_with_other_allowed_parameters(run, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ANALYSIS_BUILD_DIR", str(tmp_path / "build"))
    notebook, given = RUNS[run]
    arguments = ["run", notebook]
    for name, value in given:
        arguments += ["-p", name, value]

    status = cli.main(arguments)

    captured = capsys.readouterr()
    assert status == 0, captured.err
    written = captured.out.split("wrote ", 1)[1].splitlines()[0]
    executed = nbformat.read(written, as_version=4)
    errors = [output for cell in executed.cells if cell.cell_type == "code"
              for output in cell.get("outputs", []) if output.output_type == "error"]
    assert not errors
