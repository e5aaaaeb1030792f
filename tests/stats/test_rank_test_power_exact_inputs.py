"""rank_test_power takes effect sizes as exact numbers too (Decimal, as the project reads printed numbers, or Fraction),
and its powers at the extremes are known in closed form."""

from decimal import Decimal
from fractions import Fraction

from analysis.stats.power import rank_test_power


def test_exact_effect_sizes_give_the_closed_form_powers():
    # Groups of 3 and 3: the exact two-sided Mann-Whitney p is at least 2 / C(6, 3) = 2 / 20 = 0.1, reached only when
    # one group holds the three highest values. A shift of 1000 standard deviations (either way) puts group 1 above
    # (below) group 2 in every draw, so p = 0.1 <= alpha = 0.1001 each time: power 1. Without a shift, alpha = 0.05 is
    # below every attainable p: power 0.
    assert rank_test_power([Decimal("1000"), Fraction(-1000)], 3, 3, alpha=0.1001, n_sim=200).tolist() == [1.0, 1.0]
    assert rank_test_power([Decimal("0.0")], 3, 3, alpha=0.05, n_sim=200).tolist() == [0.0]
