"""Which true p values a printed p allows (analysis.audit._context.p_window, p_allows) and whether it states a
significant result at 0.05 (p_significant). Expected values are the printed text's rounding worked by hand:
a p printed as 0.04 at 2 decimals is any true p in [0.035, 0.045]."""

import pytest

from analysis.audit._context import Printed, p_allows, p_significant, p_window


def p_row(value, decimals=2, comparator="="):
    return Printed("p", value, decimals, comparator, "p", "p", "", "", "", None, None, "")


@pytest.mark.parametrize(("value", "decimals", "comparator", "expected"), [
    (0.04, 2, "=", True),     # 0.035 to 0.045: every p below 0.05
    (0.06, 2, "=", False),    # 0.055 to 0.065: none below 0.05
    (0.05, 2, "=", None),     # 0.045 to 0.055: the rounding allows both
    (0.05, 2, "<", True),     # p < 0.05
    (0.001, 3, "<", True),    # p < 0.001
    (0.05, 2, ">", False),    # p > 0.05
    (0.01, 2, ">", None),     # p > 0.01: 0.02 or 0.3 alike
])
def test_a_printed_p_states_significance_only_when_every_p_it_allows_agrees(value, decimals, comparator, expected):
    assert p_significant(p_row(value, decimals, comparator)) is expected


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (0.0, 1, None),      # 0.0 stands for 0 to 0.05: p = 0.05 itself is not below 0.05
    (0.1, 1, False),     # 0.1 stands for 0.05 to 0.15: p = 0.05 is not below 0.05, so none is
])
def test_a_window_touching_0_05_on_either_side(value, decimals, expected):
    assert p_significant(p_row(value, decimals)) is expected


@pytest.mark.parametrize(("value", "decimals", "comparator", "window"), [
    (0.04, 2, "=", (0.035, 0.045)),
    (0.0, 2, "=", (0.0, 0.005)),     # -0.005 clipped to 0
    (1.0, 2, "=", (0.995, 1.0)),     # 1.005 clipped to 1
    (0.001, 3, "<", (0.0, 0.001)),
    (0.05, 2, ">", (0.05, 1.0)),
])
def test_the_window_of_a_printed_p_lies_in_0_to_1(value, decimals, comparator, window):
    low, high = p_window(p_row(value, decimals, comparator))
    assert (low, high) == (pytest.approx(window[0], abs=1e-15), pytest.approx(window[1], abs=1e-15))


@pytest.mark.parametrize(("comparator", "low", "high", "allowed"), [
    ("<", 0.05, 0.5, False),     # p < 0.05 allows no p of [0.05, 0.5]: the threshold itself is excluded
    ("<", 0.0499, 0.5, True),
    (">", 0.001, 0.05, False),   # p > 0.05 allows no p of [0.001, 0.05]
    (">", 0.001, 0.0501, True),
])
def test_a_threshold_is_strict(comparator, low, high, allowed):
    assert p_allows(p_row(0.05, 2, comparator), low, high) is allowed


@pytest.mark.parametrize(("low", "high", "allowed"), [
    (0.045, 0.5, True),      # touches the top of 0.035 to 0.045
    (0.0451, 0.5, False),
    (0.0, 0.035, True),      # touches its bottom
    (0.0, 0.0349, False),
    (0.0, 1.0, True),        # contains it
    (0.04, 0.041, True),     # inside it
])
def test_a_printed_p_allows_a_range_that_meets_its_rounding(low, high, allowed):
    assert p_allows(p_row(0.04), low, high) is allowed
