"""A printed CI one step wide allows a true CI of width 0 (analysis.stats.rates.rounding_aware_p_range): its SE is 0
and, away from an estimate of 1, its p is 0, with no numpy warning in a notebook that prints the range."""

import math
import warnings
from statistics import NormalDist

import pytest

from analysis.stats.rates import rounding_aware_p_range

Z95 = NormalDist().inv_cdf(0.975)


def test_a_ci_that_may_have_width_0_gives_se_0_and_p_0_without_a_warning():
    # 2 (1 to 2) at no decimals: L in [0.5, 1.5] and U in [1.5, 2.5] meet at 1.5, and E = 1.5 prints as 2, so
    # L = E = U = 1.5 is a reading: SE 0, and |ln 1.5| / 0 without bound, p 0. The widest CI is 0.5 to 2.5.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = rounding_aware_p_range(2, 1, 2, 0)
    assert (result.se_min, result.p_min) == (0.0, 0.0)
    assert result.se_max == pytest.approx(math.log(2.5 / 0.5) / (2 * Z95), rel=1e-12)
