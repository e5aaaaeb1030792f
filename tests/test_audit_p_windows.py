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
