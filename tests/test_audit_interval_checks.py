"""estimate_in_ci: what a reviewer reads for an estimate against its own printed CI, at both edges of the
rounding and in the finding's words. Each verdict is worked by hand in a comment from the printed numbers."""

import pytest
from test_audit import _audit, ratio


def test_an_estimate_reaching_its_upper_bound_through_rounding_is_consistent_but_not_by_a_meeting_point(tmp_path):
    # 0.405 (0.25 to 0.40): the estimate is at least 0.4045, the upper bound at most 0.405: some rounding has
    # L <= E <= U. 0.41 (0.25 to 0.40): they could meet only at 0.405, one number printed as both 0.41 and 0.40
    # at two decimals, which no rounding rule does: outside. 0.42 (0.25 to 0.40): at least 0.415 > 0.405.
    rows = _audit(tmp_path, [{**ratio("edge_ok", 0.405, 0.25, 0.40), "decimals": 3, "ci_decimals": 2},
                             ratio("edge_meet", 0.41, 0.25, 0.40), ratio("edge_out", 0.42, 0.25, 0.40)])
    edge_ok, edge_meet, edge_out = (rows[f"estimate_in_ci__{name}"] for name in ("edge_ok", "edge_meet", "edge_out"))
    assert edge_ok.status == "consistent"
    assert edge_ok.finding == ("edge_ok = 0.405 (0.25 to 0.40): the estimate lies within its CI in some rounding of "
                               "the three numbers")
    assert edge_meet.status == "inconsistent"
    assert edge_meet.finding == ("edge_meet = 0.41 (0.25 to 0.40): the estimate lies above its own CI in every "
                                 "rounding (nearest bound 0.40); both would have to be 0.405, one number printed as "
                                 "both 0.41 and 0.40: a transposed digit or a swapped number")
    assert edge_out.status == "inconsistent"
    assert edge_out.finding == ("edge_out = 0.42 (0.25 to 0.40): the estimate lies above its own CI in every "
                                "rounding (nearest bound 0.40): a transposed digit or a swapped number")


def test_an_estimate_below_its_ci_names_the_lower_bound(tmp_path):
    # 0.10 (0.20 to 0.63): the estimate is at most 0.105, the lower bound at least 0.195: below in every rounding.
    row = _audit(tmp_path, [ratio("hr", 0.10, 0.20, 0.63)])["estimate_in_ci__hr"]
    assert row.status == "inconsistent"
    assert row.finding == ("hr = 0.10 (0.20 to 0.63): the estimate lies below its own CI in every rounding "
                           "(nearest bound 0.20): a transposed digit or a swapped number")


def test_the_row_carries_the_printed_estimate_and_bounds(tmp_path):
    # The row reports the printed numbers themselves: estimate 0.60, low 0.40 and high 0.90, as bounds.
    row = _audit(tmp_path, [ratio("hr", 0.60, 0.40, 0.90)])["estimate_in_ci__hr"]
    assert (row.check, row.quantity, row.kind, row.status) == ("estimate_in_ci", "hr", "consistency", "consistent")
    assert (row.reported, row.low, row.high, row.interval) == (0.60, 0.40, 0.90, "bounds")


def test_the_nearest_bound_is_written_at_the_ci_decimals(tmp_path):
    # 0.45 (0.1 to 0.3) with bounds at 1 decimal: the upper bound is at most 0.35, the estimate at least 0.445:
    # above in every rounding, and the bound is named as printed, "0.3".
    row = _audit(tmp_path, [{**ratio("hr", "0.45", "0.1", "0.3"), "ci_decimals": 1}])["estimate_in_ci__hr"]
    assert row.status == "inconsistent"
    assert "above its own CI in every rounding (nearest bound 0.3):" in row.finding


def test_a_threshold_estimate_with_a_ci_is_not_checked(tmp_path):
    # "< 0.05 (0.01 to 0.20)" has no single estimate to place within its bounds.
    rows = _audit(tmp_path, [{**ratio("hr", 0.05, 0.01, 0.20), "comparator": "<"}])
    assert "estimate_in_ci__hr" not in rows


@pytest.mark.parametrize("comparator", ["=", "<"])
def test_a_row_without_a_ci_gets_no_interval_check(tmp_path, comparator):
    rows = _audit(tmp_path, [{"quantity": "hr", "value": 0.5, "decimals": 2, "unit": "ratio", "statistic": "ratio",
                              "comparator": comparator}])
    assert not [key for key in rows if key.startswith("estimate_in_ci")]


def test_a_bound_printed_with_more_decimals_than_the_ci_s_is_read_at_the_ci_s(tmp_path):
    # "0.80 (0.5 to 1.26)" with ci_decimals 1 (the coarser, as analysis extract writes it): 1.26 is read as 1.3,
    # whose rounding interval [1.25, 1.35] holds every value 1.26 can be. Log-symmetry: sqrt(0.5 * 1.3) = 0.806
    # against 0.80, inside the box; Wald p: SE = (ln 1.3 - ln 0.5) / 3.92 = 0.2438, z = ln 0.8 / 0.2438 = -0.915,
    # p = 0.36, which 0.35 reaches within the rounding. Both checks answer, neither refuses the bound.
    rows = _audit(tmp_path, [{**ratio("hr", "0.80", "0.5", "1.26"), "ci_decimals": 1},
                             {"quantity": "p", "value": "0.35", "decimals": 2, "unit": "p", "statistic": "p",
                              "of": "hr"}])
    assert rows["ratio_log_symmetry__hr"].status == "consistent"
    assert rows["ratio_p_wald__p"].status == "consistent"
    assert "(0.5 to 1.3)" in rows["estimate_in_ci__hr"].finding
