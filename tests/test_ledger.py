"""The ledger: keys, intervals and statuses are checked when a row is added, and the
collected ledger refuses a key recorded twice."""

import json

import nbformat
import pandas as pd
import pytest

from analysis import data, findings, paths
from analysis.findings import Ledger


def test_a_row_needs_a_snake_case_key_unique_in_its_study():
    ledger = Ledger("demo")
    ledger.derived("share_a", "share of A", 0.5, source="S1")
    with pytest.raises(ValueError, match="key 'share_a' is already in the demo ledger"):
        ledger.derived("share_a", "share of A, again in other words", 0.5, source="S1")
    for bad in ("Share", "share-a", "1share", "", None):
        with pytest.raises(ValueError, match="key must be snake_case"):
            ledger.derived(bad, f"text {bad}", 0.5, source="S1")


def test_a_finding_text_is_said_once_and_a_refused_row_leaves_no_trace():
    ledger = Ledger("demo")
    ledger.derived("share_a", "share of A", 0.5, source="S1")
    with pytest.raises(ValueError, match="finding 'share of A' is already in the demo ledger"):
        ledger.derived("share_b", "share of A", 0.5, source="S1")
    with pytest.raises(ValueError, match="source must name"):
        ledger.derived("share_c", "share of C", 0.5, source="")
    # Neither refused row took its key or its text: both can still be added.
    ledger.derived("share_b", "share of B", 0.25, source="S1")
    ledger.derived("share_c", "share of C", 0.5, source="S1")
    assert [row.key for row in ledger.rows] == ["share_a", "share_b", "share_c"]
    assert ledger["share_b"].recomputed == 0.25


def test_a_long_ledger_keeps_its_order_and_still_refuses_an_early_key():
    ledger = Ledger("demo")
    for number in range(5_000):
        ledger.derived(f"row_{number}", f"finding {number}", number, source="S1")
    assert [row.key for row in ledger.rows[:3]] == ["row_0", "row_1", "row_2"]
    assert ledger["row_4999"].recomputed == 4999 and ledger["row_0"].finding == "finding 0"
    with pytest.raises(ValueError, match="key 'row_0' is already in the demo ledger"):
        ledger.derived("row_0", "a new finding", 1, source="S1")
    with pytest.raises(ValueError, match="finding 'finding 7' is already"):
        ledger.derived("new_key", "finding 7", 1, source="S1")
    with pytest.raises(KeyError, match="demo: no ledger row with key 'row_5000'"):
        ledger["row_5000"]
    assert len(ledger.rows) == 5_000


def test_a_ledger_made_from_rows_indexes_them():
    first = Ledger("demo")
    row = first.derived("share_a", "share of A", 0.5, source="S1")
    second = Ledger("demo", rows=[row])
    assert second["share_a"] is row
    with pytest.raises(ValueError, match="key 'share_a' is already in the demo ledger"):
        second.derived("share_a", "share of A, again", 0.5, source="S1")


def test_an_interval_must_say_what_low_and_high_hold():
    ledger = Ledger("demo")
    with pytest.raises(ValueError, match="interval must say what low/high hold"):
        ledger.derived("p", "a share", 0.5, source="S1", low=0.1, high=0.9)
    with pytest.raises(ValueError, match="interval must say"):
        ledger.derived("p", "a share", 0.5, source="S1", low=0.1, high=0.9, interval="confidence")
    with pytest.raises(ValueError, match="interval 'ci' given without low or high"):
        ledger.derived("p", "a share", 0.5, source="S1", interval="ci")
    row = ledger.derived("p", "a share", 0.5, source="S1", high=0.9, interval="bounds")
    assert (row.low, row.high, row.interval) == (None, 0.9, "bounds")


def test_kind_and_status_must_be_a_permitted_pair():
    ledger = Ledger("demo")
    with pytest.raises(ValueError, match="status 'by_construction' is not allowed for kind 'reported'"):
        ledger.by_construction("x", "x", source="S1", kind="reported")
    with pytest.raises(ValueError, match="kind must be one of"):
        ledger.add("y", "y", "guess", "derived", source="S1")


def test_reported_matches_within_the_printed_rounding_only():
    ledger = Ledger("demo")
    # 8/40 = 20.0 % printed with one decimal; 8/41 = 19.51 % is not 20.0.
    assert ledger.reported("a", "8 of 40", 20.0, 100 * 8 / 40, 1, source="S1").status == "match"
    assert ledger.reported("b", "8 of 41", 20.0, 100 * 8 / 41, 1, source="S1").status == "mismatch"
    # 0.17 printed with two decimals stands for [0.165, 0.175]; either rounding rule at the tie.
    assert ledger.reported("c", "tie", 0.17, 0.165, 2, source="S1").status == "match"
    assert ledger.reported("d", "outside", 0.17, 0.1649, 2, source="S1").status == "mismatch"


def test_reconstruction_feasibility_gives_consistent_infeasible_or_derived():
    ledger = Ledger("demo")
    assert ledger.reconstruction("a", "a fits", feasible=True, source="S1").status == "consistent"
    assert ledger.reconstruction("b", "none fits (assumed reading)", feasible=False, source="S1").status == "infeasible"
    assert ledger.reconstruction("c", "a count", 3, source="S1").status == "derived"


def test_by_construction_is_neither_passed_nor_failed():
    assert "by_construction" not in findings.PASSED and "by_construction" not in findings.FAILED
    assert set(findings.PASSED) | set(findings.FAILED) <= set(findings.STATUSES)


def test_rows_remember_their_section_and_the_csv_has_key_and_interval_after_the_fixed_columns(tmp_path):
    ledger = Ledger("demo")
    ledger.section("first")
    ledger.derived("a", "a share", 0.5, source="S1", low=0.2, high=0.8, interval="ci", inputs=["k", "n"],
                   level=0.9)
    ledger.section("second")
    ledger.not_recomputable("b", "no data", source="S1")
    assert [r.section for r in ledger.rows] == ["first", "second"]
    with pytest.raises(ValueError, match="section_id must be snake_case"):
        ledger.section("1. A heading")
    target = findings.write(ledger.frame(), tmp_path / "findings.csv")
    lines = target.read_text().splitlines()
    assert lines[0] == ("study,finding,kind,reported,recomputed,low,high,status,source,key,interval,quantity,check,"
                        "inputs,level")
    assert lines[1].endswith(",a,ci,,,k;n,0.9") and lines[2].endswith(",b,,,,,")


def test_inputs_are_quantity_names_and_a_level_belongs_to_a_ci_row_only():
    ledger = Ledger("demo")
    assert ledger.consistency("a", "agrees", True, source="S1", inputs="k;n").inputs == "k;n"
    assert ledger.derived("b", "a mean", 2.0, source="S1", inputs=("mean",)).inputs == "mean"
    with pytest.raises(ValueError, match="inputs must be values quantities"):
        ledger.derived("c", "bad", 1.0, source="S1", inputs=["Mean SD"])
    with pytest.raises(ValueError, match="level 0.95 given for a row whose interval is not 'ci'"):
        ledger.derived("d", "rounding", 1.0, source="S1", low=0.95, high=1.05, interval="rounding", level=0.95)
    for level in (0, 1, 95):
        with pytest.raises(ValueError, match="level must be in"):
            ledger.derived("e", "a ci", 1.0, source="S1", low=0.5, high=2.0, interval="ci", level=level)
    assert [r.key for r in ledger.rows] == ["a", "b"]


def test_a_ci_row_without_its_level_is_refused_naming_the_key():
    ledger = Ledger("demo")
    with pytest.raises(ValueError, match=r"^share_ci: level must be given for a 'ci' row"):
        ledger.derived("share_ci", "a share", 0.5, source="S1", low=0.2, high=0.8, interval="ci")
    with pytest.raises(ValueError, match=r"^rate_ci: level must be given"):
        ledger.reconstruction("rate_ci", "a rate", 1.0, source="S1", low=0.5, high=2.0, interval="ci")
    assert ledger.rows == []
    assert ledger.derived("share_ci", "a share", 0.5, source="S1", low=0.2, high=0.8, interval="ci",
                          level=0.95).level == 0.95


def test_plain_text_display_keeps_every_line_within_120_characters():
    ledger = Ledger("demo")
    ledger.derived("long_one", "word " * 80, 1 / 3, source="S1;S2", low=0.1, high=0.9, interval="ci", level=0.95)
    text = ledger._repr_mimebundle_()["text/plain"]
    assert max(len(line) for line in text.splitlines()) <= 120
    assert "long_one: derived (derived); recomputed 0.333333, ci [0.1, 0.9]; source S1;S2" in text


def _notebook(path, study, rows, headings=()):
    nb = nbformat.v4.new_notebook()
    nb.metadata["analysis"] = {"study": study}
    nb.cells = [nbformat.v4.new_markdown_cell(h) for h in headings]
    nb.cells.append(nbformat.v4.new_code_cell("findings.show()", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/plain": "ledger", findings.MIME: rows})]))
    nbformat.write(nb, path)


def _row(study, key, section=""):
    return {"study": study, "finding": f"text of {key}", "kind": "derived", "reported": None, "recomputed": 1.0,
            "low": None, "high": None, "status": "derived", "source": "S1", "key": key, "interval": "",
            "section": section}


def test_collect_refuses_a_key_recorded_twice_in_one_study(tmp_path):
    _notebook(tmp_path / "01_a.ipynb", "a", [_row("a", "k1"), _row("a", "k2")])
    _notebook(tmp_path / "02_b.ipynb", "b", [_row("b", "k1")])  # the same key in another study is fine
    table = findings.collect(tmp_path)
    assert list(table["key"]) == ["k1", "k2", "k1"]
    _notebook(tmp_path / "03_a_again.ipynb", "a", [_row("a", "k2")])
    with pytest.raises(ValueError, match="ledger keys recorded twice: a/k2"):
        findings.collect(tmp_path)


def test_sections_are_read_from_heading_anchors_in_the_notebook(tmp_path):
    headings = ['# Title', '## 1. NEDA at one year <a id="neda_followed"></a>',
                'text <a id="not_a_heading"></a>', "### 2. Lost patients <a id='lost'></a>\nmore text"]
    _notebook(tmp_path / "01_a.ipynb", "a", [], headings)
    assert findings.sections_in_notebook(tmp_path / "01_a.ipynb") == {
        "neda_followed": "1. NEDA at one year", "lost": "2. Lost patients"}


def test_frame_has_the_csv_columns_and_float_numbers():
    ledger = Ledger("demo")
    ledger.consistency("c", "8 <= 40", True, source="S1", reported=8, recomputed=40)
    frame = ledger.frame()
    assert list(frame.columns) == findings.CSV_COLUMNS
    assert frame.loc[0, "status"] == "consistent" and frame["low"].isna().all()
    assert pd.api.types.is_float_dtype(frame["reported"])
    assert json.loads(json.dumps(ledger._repr_mimebundle_()[findings.MIME]))[0]["key"] == "c"


def test_collect_leaves_out_a_teaching_notebook_of_a_text_the_project_wrote(tmp_path):
    _notebook(tmp_path / "01_a.ipynb", "a", [_row("a", "k1")])
    _notebook(tmp_path / "07_t.ipynb", "t", [_row("t", "planted_flag")])
    assert list(findings.collect(tmp_path)["study"]) == ["a", "t"]
    teaching = nbformat.read(tmp_path / "07_t.ipynb", as_version=4)
    teaching.metadata["analysis"]["teaching"] = True
    nbformat.write(teaching, tmp_path / "07_t.ipynb")
    assert list(findings.collect(tmp_path)["study"]) == ["a"]


# --- the collected ledger of the committed notebooks (issue 24): inputs and level ----------------------------

# Rows that use no printed number, each with why. Every other row of the collected ledger names its inputs.
USES_NO_PRINTED_NUMBER = {
    "mahler2026": {
        "crude_arrs": "no relapse counts or patient-years are printed to form them",
        "km_curves": "no curves, numbers at risk or median times are printed",
        "hr_anticd20_nsis": "that hazard ratio is not printed (only a log-rank p)",
        "time_to_next_relapse": "a qualitative claim (data/claims.csv), printed without a number",
        "adjusted_model": "the model's covariates and random effects are not printed",
    },
    "bringeland2020": {
        "fatigue_cognition": "a claim printed without scales or values",
        "receptor_occupancy": "a claim printed without values, spread or test",
        "bmi_sick_leave": "a claim printed without values",
    },
    "kleiter2012": {
        "dosing_interval_as_b1": "its printed number is Bringeland's dosing interval, a quantity of another study's "
                                 "values file (data/values/bringeland2020.csv), beside an assumed parameter",
        "rate_before": "the rate before natalizumab is not printed",
        "nemos_natalizumab_arr": "the natalizumab row of Stellmann 2017 was not reachable",
        "patient_table": "no per-patient table is published",
    },
    "kimura2016": {
        "cd49d_percentages": "no percentages or spreads are printed",
        "ratio_th1_treg_higher": "a claim printed without ratio values, spread or test",
        "ratio_th17_treg_higher": "a claim printed without ratio values, spread or test",
        "sorted_cells_mrna": "a claim printed without fold changes, n or p values",
        "sorted_cells_secretion": "a claim printed without concentrations or tests",
    },
}
# data/not_reported.csv items (key not_reported_<n>) are what the sources do not print, and the astrocyte study
# has no values file at all (a lay summary whose claims carry no numbers): none of their rows uses a printed number.
NO_VALUES_FILE = "astrocyte_vcam1_mouse"


@pytest.fixture(scope="module")
def collected():
    return findings.collect(paths.notebooks_dir())


def _uses_no_printed_number(row) -> bool:
    return (row.study == NO_VALUES_FILE or row.key.startswith("not_reported_")
            or row.key in USES_NO_PRINTED_NUMBER.get(row.study, {}))


def test_every_collected_input_is_a_quantity_of_its_studys_values_file(collected):
    for study, rows in collected.groupby("study"):
        if study == NO_VALUES_FILE:
            assert not rows["inputs"].astype(bool).any()
            continue
        quantities = set(data.load_values(study)["quantity"])
        for row in rows.itertuples():
            unknown = {name for name in row.inputs.split(";") if name} - quantities
            assert not unknown, f"{study}/{row.key}: {sorted(unknown)} not in data/values/{study}.csv"


def test_every_collected_row_names_its_inputs_unless_it_uses_no_printed_number(collected):
    missing = [f"{row.study}/{row.key}" for row in collected.itertuples()
               if not row.inputs and not _uses_no_printed_number(row)]
    assert missing == []
    # The list holds only rows that exist and that indeed name no input: it cannot hide a row that has some.
    listed = {(study, key) for study, keys in USES_NO_PRINTED_NUMBER.items() for key in keys}
    empty = {(row.study, row.key) for row in collected.itertuples() if not row.inputs}
    assert listed <= empty


def test_every_collected_ci_row_has_its_level_and_only_those(collected):
    ci = collected["interval"] == "ci"
    assert ci.any()
    assert collected.loc[ci, "level"].between(0, 1, inclusive="neither").all()
    assert collected.loc[~ci, "level"].isna().all()


def test_an_exact_one_sided_bound_says_its_level_in_its_text(collected):
    # The committed notebooks run at their default level 0.95, and an audit row's CI is at the same level.
    one_sided = collected[collected["finding"].str.contains("one-sided") & collected["finding"].str.contains("bound")]
    assert len(one_sided) >= 5  # Bringeland: the NEDA lower bound and four group upper bounds
    unstated = [f"{row.study}/{row.key}" for row in one_sided.itertuples() if "95%" not in row.finding]
    assert unstated == []


def test_cited_gives_a_rows_source_and_inputs_from_the_quantities_in_one_call():
    from analysis.studies.shared import cited

    values = data.reported("mahler2026")
    # arr_adjusted_anticd20 rests on S1;S2 and arr_adjusted_msdmt on S1 (data/values/mahler2026.csv): the union.
    assert cited(values, "arr_adjusted_msdmt", "arr_adjusted_anticd20", "arr_adjusted_msdmt") == {
        "source": "S1;S2", "inputs": "arr_adjusted_msdmt;arr_adjusted_anticd20"}
    with pytest.raises(KeyError, match="quantities not in the values: arr_adjusted, hr"):
        cited(values, "arr_adjusted", "patients", "hr")
    with pytest.raises(ValueError, match="^quantities must name at least one"):
        cited(values)
