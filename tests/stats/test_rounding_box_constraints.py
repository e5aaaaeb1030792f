"""The constraints of the rounding box that rounding_aware_p_range searches (analysis.stats.rates._constraints).

rates builds them once, at import, into ``_CONSTRAINTS``, so a public call never shows what ``_constraints`` makes
after the module is loaded; this calls it. Expected values are written from its docstring: with x = (E, L, U), the
box is ``-x_i <= -low_i`` and ``x_i <= high_i``, then ``L <= E`` is ``-E + L <= 0``, ``E <= U`` is ``E - U <= 0``,
and ``sign * E >= 0`` is ``-sign E <= 0``; the triples whose three planes meet in one point are found here by brute
force, as those of rank 3."""

import itertools

import numpy as np
import pytest

from analysis.stats.rates import _constraints


@pytest.mark.parametrize("sign", [1, -1])
def test_the_nine_constraints_and_the_triples_that_meet_in_one_point(sign):
    a, systems, triples = _constraints(sign)
    expected_a = np.array([[-1, 0, 0], [1, 0, 0], [0, -1, 0], [0, 1, 0], [0, 0, -1], [0, 0, 1],
                           [-1, 1, 0], [1, 0, -1], [-sign, 0, 0]], dtype=float)
    np.testing.assert_array_equal(a, expected_a)
    meeting = [t for t in itertools.combinations(range(9), 3) if np.linalg.matrix_rank(expected_a[list(t)]) == 3]
    assert [tuple(t) for t in triples] == meeting
    np.testing.assert_array_equal(systems, expected_a[np.array(meeting)])
