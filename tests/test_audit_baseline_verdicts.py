"""What a reviewer reads in the baseline-table row (``baseline_carlisle``): which test each variable got, the
verdict sentence of each of its four outcomes, the rows and sources it cites, and the reason when it cannot be
computed, including tables that bypass the schema (``audit.run`` on a table that was not read by ``read_values``).

The verdict sentences and thresholds are those the module documents (a combined p below 1e-4 or above 1 - 1e-4
for every reading); the tables are those of ``test_audit_baseline.py``, whose p values are worked there by hand.
"""

import dataclasses

import pandas as pd
import pytest
from test_audit import count, values_file
from test_audit_baseline import arm, baseline_row, trial

from analysis import audit
from analysis.audit.io import read_values
from analysis.stats import SIZE_BOUNDS

TWO_ARMS = {"age": [("45.2", "10.1"), ("46.0", "9.8")]}
THRESHOLDS = "(a combined p below 0.0001 or above 0.9999 for every reading)"


@pytest.mark.parametrize(("variables", "sizes", "arms", "test"), [
    (TWO_ARMS, (50, 50), "2", "Student's t-test"),
    ({"age": [("45.2", "10.1"), ("46.0", "9.8"), ("44.9", "10.4")]}, (50, 50, 50), "3", "one-way ANOVA"),
], ids=["two arms", "three arms"])
def test_the_finding_names_the_one_test_every_variable_got(tmp_path, variables, sizes, arms, test):
    row = baseline_row(tmp_path, trial(variables, sizes))
    assert f"Baseline table of 1 variable(s) in {arms} arms (Carlisle 2017)" in row.finding
    assert f"({test}), with its range over their rounding: age " in row.finding


def test_variables_in_two_and_three_arms_name_both_tests_in_one_phrase(tmp_path):
    rows = trial({"age": [("45.2", "10.1"), ("46.0", "9.8"), ("44.9", "10.4")]}, sizes=(50, 50, 50))
    rows += arm("weight", "n_1", "72.4", "12.5") + arm("weight", "n_2", "71.1", "13.0")
    row = baseline_row(tmp_path, rows)
    assert "of 2 variable(s) in 2/3 arms" in row.finding
    # The variables are listed in file order, each with its p and its range, separated by "; ".
    age, weight = row.finding.split("rounding: ", 1)[1].split("; ", 1)
    assert age.startswith("age ") and age.endswith(")") and weight.startswith("weight ")
    assert "(Student's t-test for two arms, one-way ANOVA for more), with" in row.finding


def test_the_row_cites_every_mean_sd_and_arm_n_with_their_sources(tmp_path):
    # The tested row is the first mean; then each arm's mean and SD in file order, then the arms' ns.
    rows = [{**row, "source": "S2"} if row["statistic"] == "count" else row for row in trial(TWO_ARMS)]
    row = baseline_row(tmp_path, rows)
    assert row.inputs == "age_mean_n_1;age_sd_n_1;age_mean_n_2;age_sd_n_2;n_1;n_2"
    assert row.source == "X1;S2"
    assert (row.quantity, row.check) == ("age_mean_n_1", "baseline_carlisle")


@pytest.mark.parametrize(("variables", "decimals", "status", "verdict"), [
    ({f"v{i}": [("40.0", "10.0"), ("48.0", "10.0")] for i in range(3)}, 1, "inconsistent",
     "every reading is below 0.0001: the arms differ more than randomisation gives (flagged)"),
    ({f"v{i}": [("50.0", "10.0"), ("50.0", "10.0")] for i in range(6)}, 1, "inconsistent",
     "every reading is above 0.9999: the arms' means are more alike than randomisation gives (flagged)"),
    ({f"v{i}": [(50, 10), (50, 10)] for i in range(6)}, 0, "derived",
     "the printed values' combined p is beyond 0.0001 (or 0.9999), but some reading within the rounding is not, "
     "so it is not flagged"),
    ({"age": [("45.2", "10.1"), ("46.0", "9.8")], "weight": [("72.4", "12.5"), ("71.1", "13.0")]}, 1, "derived",
     "within 0.0001 and 0.9999 over the rounding, so not flagged"),
], ids=["too different", "too similar", "beyond only as printed", "ordinary"])
def test_each_outcome_reads_as_its_verdict_sentence(tmp_path, variables, decimals, status, verdict):
    # The p values behind each table are worked by hand in test_audit_baseline.py (same tables).
    rows = trial({})
    for variable, per_arm in variables.items():
        for i, (mean, sd) in enumerate(per_arm, start=1):
            rows += arm(variable, f"n_{i}", mean, sd, decimals=decimals)
    row = baseline_row(tmp_path, rows)
    assert row.status == status
    assert f"; {verdict}. The thresholds {THRESHOLDS} are this audit's choice" in row.finding


def test_a_variable_whose_arms_print_the_same_mean_has_p_1(tmp_path):
    # Equal means: t = 0, so the two-sided p is exactly 1, printed as 1 (not as a distance from 1).
    row = baseline_row(tmp_path, trial({f"v{i}": [("50.0", "10.0"), ("50.0", "10.0")] for i in range(6)}))
    assert "rounding: v0 1 (" in row.finding


def _unchecked(rows):
    """``audit.run`` on a table built in memory, not read (nor validated) by ``read_values``."""
    frame = pd.DataFrame([{"decimals": 0, "comparator": "=", "source": "X1", **row} for row in rows])
    return [row for row in audit.run(frame, "demo") if row.check == "baseline_carlisle"]


LACKS = ("baseline_carlisle on age_mean_n_1 = 45.2: not recomputable (baseline variable age lacks a mean, an sd "
         "or a count n in some arm)")


@pytest.mark.parametrize("damage", ["sd missing", "n missing", "n not a count"])
def test_a_table_that_bypasses_the_schema_is_not_recomputable_with_the_reason(damage):
    rows = trial(TWO_ARMS)
    if damage == "sd missing":
        rows = [row for row in rows if row["quantity"] != "age_sd_n_2"]
    elif damage == "n missing":
        rows = [row for row in rows if row["quantity"] != "n_2"]
    else:
        rows = [{**row, "statistic": "value", "unit": "years"} if row["quantity"] == "n_2" else row for row in rows]
    [row] = _unchecked(rows)
    assert (row.kind, row.status, row.key) == ("derived", "not_recomputable", "baseline_carlisle__age_mean_n_1")
    assert row.finding == LACKS
    assert row.reported == pytest.approx(45.2)


def test_a_variable_without_a_test_names_the_refused_argument(tmp_path):
    # An SD printed as 0 may be 0: no t statistic exists; the row says which argument of the test was refused.
    rows = trial({}) + arm("age", "n_1", 45, 0, decimals=0) + arm("age", "n_2", 46, 10, decimals=0)
    row = baseline_row(tmp_path, rows)
    assert (row.kind, row.status) == ("derived", "not_recomputable")
    assert row.finding.startswith("baseline_carlisle on age_mean_n_1 = 45: not recomputable (baseline variable age: "
                                  "sds[0] must be positive")
    assert row.inputs == "age_mean_n_1;age_sd_n_1;age_mean_n_2;age_sd_n_2;n_1;n_2"


def test_more_variables_than_the_combination_takes_is_not_recomputable(tmp_path, monkeypatch):
    # The bound on the variables Stouffer's combination takes (10,000) lowered to 2: three variables are refused
    # with the bound's message, as a derived row that is not recomputable, not a traceback.
    bound = SIZE_BOUNDS["baseline.variables"]
    monkeypatch.setitem(SIZE_BOUNDS, "baseline.variables", dataclasses.replace(bound, limit=2))
    variables = {name: [("45.2", "10.1"), ("46.0", "9.8")] for name in ("age", "weight", "height")}
    rows = read_values(values_file(tmp_path, trial(variables)))
    [row] = [row for row in audit.run(rows, "demo") if row.check == "baseline_carlisle"]
    assert (row.kind, row.status, row.key) == ("derived", "not_recomputable", "baseline_carlisle__age_mean_n_1")
    assert row.finding == ("baseline_carlisle on age_mean_n_1 = 45.2: not recomputable (p_values must be at most 2 "
                           f"(got 3): {bound.reason})")
    assert "n_1;n_2" in row.inputs


def test_a_count_row_of_the_trial_is_no_baseline_variable(tmp_path):
    # The arms' ns are baseline rows too, but counts: one variable (age), not a variable of the ns.
    row = baseline_row(tmp_path, [*trial(TWO_ARMS), {**count("n_total", 100), "role": "baseline"}])
    assert "Baseline table of 1 variable(s) in 2 arms" in row.finding and row.status == "derived"
