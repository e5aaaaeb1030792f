"""Paths of the baseline, rate, summary and proportion checks (analysis.audit.checks_baseline, checks_rates,
checks_summaries, checks_proportions) that no other test reached, found by mutation testing (issue #21): each test
runs ``analysis.audit.run`` on a small invented values table and reads the row a reviewer sees. Every expected
number is worked by hand in a comment, never taken from the code's output."""

from test_audit import _audit
from test_audit_baseline import trial


def test_a_baseline_table_beyond_what_a_double_holds_is_not_recomputable(tmp_path):
    # Means 1e308 and -1e308, SDs 1e154, 50 per arm. Student's t: the difference of the means, 2e308, is past the
    # largest double (1.8e308), so inf; the pooled variance 49 x (1e154)^2 x 2 / 98 = 1e308 is computed from the
    # sum 49 x 1e308 + 49 x 1e308, itself past it, so inf as well: t = inf / inf is nan, and so is its p.
    # Stouffer's combination refuses a p that is not a number: the baseline row is not_recomputable, says why, and
    # cites every mean, SD and n it read.
    rows = _audit(tmp_path, trial({"age": [("1e308", "1e154"), ("-1e308", "1e154")]}))
    row = rows["baseline_carlisle__age_mean_n_1"]
    assert (row.check, row.kind, row.status) == ("baseline_carlisle", "derived", "not_recomputable")
    assert row.finding.startswith("baseline_carlisle on age_mean_n_1 = ")
    assert row.finding.endswith(": not recomputable (p_values[0] must be a finite real number, got nan)")
    assert row.inputs == "age_mean_n_1;age_sd_n_1;age_mean_n_2;age_sd_n_2;n_1;n_2"
