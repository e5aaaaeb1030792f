"""Paths of the baseline, rate, summary and proportion checks (analysis.audit.checks_baseline, checks_rates,
checks_summaries, checks_proportions) that no other test reached, found by mutation testing (issue #21): each test
runs ``analysis.audit.run`` on a small invented values table and reads the row a reviewer sees. Every expected
number is worked by hand in a comment, never taken from the code's output."""

import warnings

import pytest
from test_audit import _audit, count, percent
from test_audit_baseline import trial
from test_audit_rate_checks import exposure, rate


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


def test_a_percent_whose_totals_span_just_over_1_is_by_construction(tmp_path):
    # 16641 beside 12.9000 %, no total: the percent stands for 12.89995 to 12.90005, so the totals it allows run from
    # 1664100 / 12.90005 to 1664100 / 12.89995, a span of 1664100 x 0.0001 / (12.9^2 - 0.00005^2)
    # = 166.41 / (166.41 - 2.5e-9) = 1 + 1.5e-11, at least 1: some total in it is whole whatever the digits
    # (129000 here), so the check cannot fail. In floats the two quotients differ by exactly 1.0.
    rows = _audit(tmp_path, [count("k", 16641), percent("p", "12.9000", 4, of="k")])
    row = rows["percent_some_total__p"]
    assert (row.kind, row.status) == ("consistency", "by_construction")
    assert "at least 1 apart, so one is whole however the percent is printed" in row.finding


def test_a_rate_printed_as_zero_that_its_events_give_gets_no_power_of_ten_hint(tmp_path):
    # 1 event over 100 patient-years (99.5 to 100.5): 1 / 100.5 = 0.00995 to 1 / 99.5 = 0.01005, inside the
    # rounding of a printed 0.0 (-0.05 to 0.05): a match, so the finding ends there. (Scaled by 0.1 the range would
    # meet 0.0 as well, and a mismatch would say so; a match never carries that hint.)
    rows = _audit(tmp_path, [count("events", 1, unit="relapses"), exposure("py", 100),
                             rate("arr", "0.0", 1, "events", "py")])
    row = rows["rate_recompute__arr"]
    assert row.status == "match"
    assert row.finding == ("arr = 0.0 recomputed as events = 1 / py = 100: 0.01 (range 0.00995 to 0.01005 over the "
                           "exposure's rounding) prints as the rate")


def test_a_baseline_mean_whose_square_is_past_a_double_is_not_recomputable(tmp_path):
    # Means 1e160 and 0.0, SDs 1.0, 50 per arm: the spread 25 x (1e160)^2 is past the largest double (1.8e308), inf
    # (where Python's 1e160 ** 2 raised OverflowError and the audit stopped). The arms differ by 1e160 SDs: the
    # t-test's p is 0 at the printed numbers and over their rounding, Stouffer's combination is below 0.0001 in
    # every reading, and the table is flagged as more unbalanced than randomisation gives.
    rows = _audit(tmp_path, trial({"age": [("1e160", "1.0"), ("0.0", "1.0")]}))
    row = rows["baseline_carlisle__age_mean_n_1"]
    assert row.status == "inconsistent"
    assert "age 0 (0 to 0)" in row.finding


@pytest.mark.parametrize("means", [[("1e308", "1e154"), ("-1e308", "1e154")], [("1e160", "1.0"), ("0.0", "1.0")]])
def test_baseline_means_past_what_a_double_holds_warn_nothing(tmp_path, means):
    # inf and nan are the answers there (the two tests above): numpy's overflow and invalid-value warnings would only
    # print noise beside the verdict, so the audit of such a file raises none of them.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _audit(tmp_path, trial({"age": means}))
