"""rate_ci_symmetry and rate_ci_poisson (analysis.audit.checks_rates) as a small values table: each row's verdict
and the words a reader sees, worked by hand in the comments. Exact Poisson bounds at unit exposure are Garwood's
chi-squared quantiles, lower chi2.ppf(0.025, 2k) / 2 and upper chi2.ppf(0.975, 2k + 2) / 2 (scipy)."""

import pytest
from scipy.stats import chi2
from test_audit import _audit, count
from test_audit_rate_checks import exposure, rate


def _exact(k, years):
    return chi2.ppf(0.025, 2 * k) / 2 / years, chi2.ppf(0.975, 2 * k + 2) / 2 / years


def test_the_exact_ci_of_three_events_is_named_as_such_by_both_checks(tmp_path):
    # 3 events over 10 patient-years: exact CI 0.6187 / 10 = 0.062 and 8.7673 / 10 = 0.877, printed 0.30 (0.06 to
    # 0.88). Rate scale: the midpoint is at least (0.055 + 0.875) / 2 = 0.465 > 0.305. Log scale: E / sqrt(L U) is at
    # least 0.295 / sqrt(0.065 x 0.885) = 1.23 > 1. Neither: the symmetry check names the exact CI instead.
    low, high = _exact(3, 10)
    assert (f"{low:.2f}", f"{high:.2f}") == ("0.06", "0.88")
    rows = _audit(tmp_path, [count("events", 3, unit="relapses"), exposure("py", 10),
                             rate("arr", "0.30", 2, "events", "py", "0.06", "0.88")])
    poisson, symmetry = rows["rate_ci_poisson__arr"], rows["rate_ci_symmetry__arr"]
    assert (poisson.status, symmetry.status) == ("consistent", "consistent")
    assert poisson.finding == ("arr = 0.30 (0.06 to 0.88) beside the exact Poisson 95% CI of 3 events: the exact CI "
                               "of 3 events prints as the printed CI")
    assert symmetry.finding == ("arr = 0.30 (0.06 to 0.88): the CI is symmetric on neither scale, as an exact Poisson "
                                "CI is; it is the exact CI (rate_ci_poisson)")


@pytest.mark.parametrize(("value", "low", "high", "status", "words"), [
    # 0.070 (0.010 to 0.300), a rate below its lower bound's square root, with 3 decimals. Rate scale: the midpoint
    # is at least (0.0095 + 0.2995) / 2 = 0.1545 > 0.0705. Log scale: the largest geometric mean
    # sqrt(0.0105 x 0.3005) = 0.0562 is below the least estimate 0.0695. Between: the least geometric mean
    # sqrt(0.0095 x 0.2995) = 0.0533 <= 0.0705 and the largest midpoint 0.155 >= 0.0695. (The band's lower edge is
    # the geometric mean of both bounds, not sqrt(0.0095 x 1) = 0.0975, which is above the estimate.)
    ("0.070", "0.010", "0.300", "consistent", "symmetric on neither scale but skewed between them"),
    # 0.30 (0.06 to 0.88) without counts: not symmetric (above), but between: the largest geometric mean
    # sqrt(0.065 x 0.885) = 0.240 <= 0.305 and the largest midpoint 0.47 >= 0.295.
    ("0.30", "0.06", "0.88", "consistent", "symmetric on neither scale but skewed between them"),
    # 0.70 (0.06 to 0.88): the midpoint is at most (0.065 + 0.885) / 2 = 0.475, below 0.695: beyond the rate scale.
    ("0.70", "0.06", "0.88", "inconsistent", "symmetric on neither the rate nor the log scale"),
    # 0.47 (0.06 to 0.88): the midpoint 0.47 itself.
    ("0.47", "0.06", "0.88", "consistent", "symmetric on the rate scale within rounding"),
    # 0.23 (0.06 to 0.88): sqrt(0.06 x 0.88) = 0.2298, the log centre.
    ("0.23", "0.06", "0.88", "consistent", "symmetric on the log scale within rounding"),
])
def test_a_rate_ci_without_counts_by_where_its_estimate_lies(tmp_path, value, low, high, status, words):
    decimals = len(value.split(".")[1])
    row = _audit(tmp_path, [rate("arr", value, decimals, low=low, high=high)])["rate_ci_symmetry__arr"]
    assert row.status == status
    assert row.finding.startswith(f"arr = {value} ({low} to {high}): the CI is {words}")
