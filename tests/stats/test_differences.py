"""Tests of analysis.stats.differences: the BMJ Statistics Notes' examples and closed forms."""

import math
import re

import pytest
from scipy.stats import norm

from analysis.stats.differences import ci_from_difference_p, p_from_difference_ci, se_from_difference_ci


def test_altman_bland_d2090_difference_example():
    # Altman & Bland, BMJ 2011;343:d2090, section (a): zinc trial, 49% v 32%, P = 0.032, Est = 17
    # percentage points -> z = 2.141, SE = 7.940, 95% CI 1.4 to 32.6 (with the paper's
    # approximation of z). The exact normal z = 2.144 moves the ends by < 0.1.
    low, high = ci_from_difference_p(17, 0.032)
    assert low == pytest.approx(1.4, abs=0.1)
    assert high == pytest.approx(32.6, abs=0.1)
    assert (high - low) / (2 * 1.96) == pytest.approx(7.940, abs=0.02)


def test_altman_bland_d2090_ratio_example():
    # Same paper, section (b): relative risk 0.30 (P = 0.034); on the log scale; the paper's
    # result as reproduced at https://vaszar.org/wordpress/index.php/2021/05/07/obtain-the-ci-from-a-p-value/ rounds to
    # 0.1 to 0.9 (R: round(ci, 1)).
    low, high = ci_from_difference_p(math.log(0.30), 0.034)
    assert round(math.exp(low), 1) == 0.1
    assert round(math.exp(high), 1) == 0.9


def test_p_equals_one_minus_level_when_the_ci_touches_zero():
    # Closed form: low = 0 means estimate = z_level * SE, so P = 1 - level; fails if level is
    # not forwarded to the SE.
    for level in (0.90, 0.95, 0.99):
        z = norm.isf((1 - level) / 2)
        assert p_from_difference_ci(z, 0.0, 2 * z, level=level) == pytest.approx(1 - level, rel=1e-12)


def test_se_closed_form():
    assert se_from_difference_ci(-1.0, 3.0) == pytest.approx(4 / (2 * 1.959963984540054), rel=1e-12)
    assert se_from_difference_ci(-1.0, 3.0, level=0.99) == pytest.approx(4 / (2 * 2.5758293035489), rel=1e-12)


def test_ci_at_level_one_minus_p_touches_zero():
    # Closed form: the (1 - P) CI of an estimate with P has one end at 0, on either side.
    assert ci_from_difference_p(5.0, 0.02, level=0.98)[0] == pytest.approx(0.0, abs=1e-12)
    assert ci_from_difference_p(-5.0, 0.02, level=0.98)[1] == pytest.approx(0.0, abs=1e-12)


def test_round_trip():
    low, high = ci_from_difference_p(-2.5, 0.004, level=0.9)
    assert p_from_difference_ci(-2.5, low, high, level=0.9) == pytest.approx(0.004, rel=1e-10)


def test_p_sign_does_not_matter():
    assert p_from_difference_ci(-1.0, -3.0, 1.0) == p_from_difference_ci(1.0, -1.0, 3.0)


@pytest.mark.parametrize(("call", "word"), [
    (lambda: se_from_difference_ci(3.0, 1.0), "high"),
    (lambda: se_from_difference_ci(1.0, 3.0, level=1.0), "level"),
    (lambda: se_from_difference_ci(float("nan"), 3.0), "low"),
    (lambda: p_from_difference_ci("1", 0.0, 2.0), "estimate"),
    (lambda: ci_from_difference_p(1.0, 0.0), "p"),
    (lambda: ci_from_difference_p(1.0, 1.0), "p"),
    (lambda: ci_from_difference_p(0.0, 0.5), "estimate"),
    (lambda: ci_from_difference_p(1.0, 0.5, level=95), "level"),
])
def test_argument_errors(call, word):
    with pytest.raises(ValueError, match=word):
        call()


@pytest.mark.parametrize(("call", "message"), [
    (lambda: se_from_difference_ci(float("nan"), 3.0), "low must be a finite number"),
    (lambda: se_from_difference_ci(1.0, float("inf")), "high must be a finite number"),
    (lambda: se_from_difference_ci(1.0, 1.0), "high (1.0) must be greater than low (1.0)"),  # a zero-width CI
    (lambda: se_from_difference_ci(1.0, 3.0, level=0), "level must be a number strictly between 0 and 1"),
    (lambda: se_from_difference_ci(1.0, 3.0, level="0.95"), "level must be a number strictly between 0 and 1"),
    (lambda: p_from_difference_ci(float("nan"), 0.0, 2.0), "estimate must be a finite number"),
    (lambda: ci_from_difference_p(float("nan"), 0.5), "estimate must be a finite number"),
    (lambda: ci_from_difference_p(1.0, "0.5"), "p must be a finite number"),
    (lambda: ci_from_difference_p(0.0, 0.5), "estimate must be non-zero (its SE is estimate / z)"),
])
def test_argument_errors_name_the_argument_exactly(call, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        call()
