"""chi2_rx2 gives nan for a table with an empty column whatever numpy error state its caller has set: a caller that
raises on invalid operations (np.errstate(invalid="raise")) still gets the documented nan, not an exception.

(lifelines' KaplanMeierFitter sets np.seterr(invalid="ignore") for the whole process, so a test that only checks for
a warning cannot see the difference once a Kaplan-Meier curve has been fitted in the same process.)"""

import numpy as np

from analysis.stats.feasible_counts import chi2_rx2


def test_an_empty_column_gives_nan_under_a_raising_error_state():
    with np.errstate(all="raise"):
        # 0 of 3 and 0 of 4: pooled share 0, every expected count of the outcome column is 0, each term 0/0.
        none_with, p_none = chi2_rx2(np.array([0, 0]), np.array([3, 4]))
        # 3 of 3 and 4 of 4: pooled share 1, the same with the other column (Yates' correction changes nothing).
        all_with, p_all = chi2_rx2(np.array([3, 4]), np.array([3, 4]), correction=True)
    assert np.isnan([none_with, p_none, all_with, p_all]).all()
