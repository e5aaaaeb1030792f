"""Tests for analysis.association against hand-enumerated tables, closed forms and scipy identities."""

import math
from fractions import Fraction
from math import comb

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from analysis.stats.association import (
    feasible_followed,
    fisher_on_completions,
    fisher_on_every_split,
    fisher_power,
    zero_event_upper_bounds,
)

PROPERTY = settings(settings.get_profile("property"), max_examples=60)  # profile in conftest.py


@st.composite
def cohorts(draw, max_total=40):
    total = draw(st.integers(1, max_total))
    return draw(st.integers(0, total)), total, draw(st.integers(0, total))


# --- feasible group sizes: hand enumeration -------------------------------------------------


@pytest.mark.parametrize(
    ("group_size", "total", "followed", "expected"),
    [
        (8, 40, 35, [3, 4, 5, 6, 7, 8]),  # 5 lost: 0 to 5 of them from the group of 8
        (17, 40, 35, [12, 13, 14, 15, 16, 17]),
        (3, 40, 35, [0, 1, 2, 3]),  # the whole group can have been lost
        (38, 40, 35, [33, 34, 35]),  # followed cannot exceed 35
        (0, 10, 7, [0]),
        (10, 10, 7, [7]),
        (4, 10, 10, [4]),  # nobody lost: the split is known
        (4, 10, 0, [0]),  # nobody followed
    ],
)
def test_feasible_followed_by_hand(group_size, total, followed, expected):
    assert list(feasible_followed(group_size, total, followed)) == expected


@PROPERTY
@given(cohorts())
def test_feasible_followed_is_exactly_the_brute_force_set(cohort):
    group_size, total, followed = cohort
    lost = total - followed
    # Brute force: a followed in the group and b lost from it, both within their margins.
    brute = sorted({a for a in range(group_size + 1) for b in range(lost + 1)
                    if a + b == group_size and a <= followed and group_size - a <= lost})
    assert list(feasible_followed(group_size, total, followed)) == brute


@PROPERTY
@given(cohorts())
def test_feasible_followed_is_the_hypergeometric_support(cohort):
    # Drawing `followed` of `total` patients, of whom `group_size` are in the group.
    group_size, total, followed = cohort
    support = [k for k in range(followed + 1) if stats.hypergeom.pmf(k, total, group_size, followed) > 0]
    assert list(feasible_followed(group_size, total, followed)) == support


@pytest.mark.parametrize(
    ("args", "name"),
    [((9, 8, 5), "group_size"), ((3, 8, 9), "followed"), ((3, 0, 0), "total"), ((-1, 8, 5), "group_size"),
     ((2.5, 8, 5), "group_size"), ((True, 8, 5), "group_size")],
)
def test_feasible_followed_rejects_impossible_margins(args, name):
    with pytest.raises(ValueError, match=name):
        feasible_followed(*args)


# --- Fisher on every split ---------------------------------------------------------------------


def test_zero_events_gives_p_one_and_undefined_odds_ratio_on_every_split():
    table = fisher_on_every_split(8, 40, 35, events=0)
    assert table["followed_in_group"].tolist() == [3, 4, 5, 6, 7, 8]
    assert (table["followed_in_group"] + table["followed_outside"] == 35).all()
    assert (table["events_in_group"] == 0).all() and (table["events_outside"] == 0).all()
    assert (table["p_value"] == 1.0).all()
    assert table["odds_ratio"].isna().all()
    assert not table["odds_ratio_defined"].any()


@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_zero_events_p_is_one_for_every_alternative(alternative):
    table = fisher_on_every_split(17, 40, 35, alternative=alternative)
    assert (table["p_value"] == 1.0).all()


def test_three_events_in_six_enumerated_by_hand():
    # Nobody lost, group of 3 of 6, 3 events: the hypergeometric probabilities of 0..3 events
    # in the group are C(3,x) C(3,3-x) / C(6,3) = 1, 9, 9, 1 over 20. The two-sided Fisher p
    # sums the tables no more probable than the observed one: 2/20 at x = 0 or 3, 1 at x = 1 or 2.
    table = fisher_on_every_split(3, 6, 6, events=3)
    assert table["events_in_group"].tolist() == [0, 1, 2, 3]
    assert table["events_outside"].tolist() == [3, 2, 1, 0]
    assert table["p_value"].tolist() == pytest.approx([0.1, 1.0, 1.0, 0.1], rel=1e-12)
    # Sample odds ratios ad/bc: [[0,3],[3,0]] -> 0, [[1,2],[2,1]] -> 1/4, [[2,1],[1,2]] -> 4, [[3,0],[0,3]] -> inf.
    assert table["odds_ratio"].tolist() == pytest.approx([0.0, 0.25, 4.0, math.inf])
    assert table["odds_ratio_defined"].all()


def test_one_event_with_one_lost_enumerated_by_hand():
    # 4 patients, group of 2, 3 followed (1 lost), 1 event among the followed.
    # Followed in group: 1 or 2. With 1 in group (2 outside) the event is in or out; with 2 in
    # group (1 outside) likewise: four tables.
    table = fisher_on_every_split(2, 4, 3, events=1)
    assert list(zip(table["followed_in_group"], table["events_in_group"], strict=True)) == [
        (1, 0), (1, 1), (2, 0), (2, 1)]
    # Given the margins, the number of events in the group is hypergeometric. With 1 in the group
    # of 3 followed: P(0) = 2/3, P(1) = 1/3; with 2 in the group: P(0) = 1/3, P(1) = 2/3. The
    # two-sided p sums the tables no more probable than the observed one.
    assert table["p_value"].tolist() == pytest.approx([1.0, 1 / 3, 1 / 3, 1.0], rel=1e-12)


@PROPERTY
@given(cohorts(max_total=25), st.data())
def test_one_sided_p_is_the_hypergeometric_tail(cohort, data):
    # Identity: Fisher's one-sided ("greater") p = P(X >= x), X ~ Hypergeom(followed, events, a).
    group_size, total, followed = cohort
    events = data.draw(st.integers(0, followed))
    table = fisher_on_every_split(group_size, total, followed, events, alternative="greater")
    if followed == 0:  # an empty table: nothing is tested (scipy's hypergeom is undefined there)
        assert table["p_value"].tolist() == [1.0]
        return
    for row in table.itertuples():
        tail = stats.hypergeom.sf(row.events_in_group - 1, followed, events, row.followed_in_group)
        assert row.p_value == pytest.approx(tail, rel=1e-9, abs=1e-12)


@PROPERTY
@given(cohorts(max_total=25), st.data())
def test_every_split_respects_the_margins_and_is_listed_once(cohort, data):
    group_size, total, followed = cohort
    events = data.draw(st.integers(0, followed))
    table = fisher_on_every_split(group_size, total, followed, events)
    lost = total - followed
    expected = {(a, e) for a in range(followed + 1) for e in range(events + 1)
                if 0 <= group_size - a <= lost and e <= a and events - e <= followed - a}
    got = list(zip(table["followed_in_group"], table["events_in_group"], strict=True))
    assert len(got) == len(set(got)) and set(got) == expected
    assert ((table["p_value"] >= 0) & (table["p_value"] <= 1 + 1e-12)).all()


def test_split_rejects_more_events_than_followed():
    with pytest.raises(ValueError, match="events"):
        fisher_on_every_split(8, 40, 35, events=36)
    with pytest.raises(ValueError, match="alternative"):
        fisher_on_every_split(8, 40, 35, alternative="two_sided")


# --- Fisher on completions ---------------------------------------------------------------------


def test_all_lost_with_events_one_table_per_group_size():
    # Group of 8 in 40, 35 followed (all event-free), 5 lost all with the event: the split of
    # the lost fixes the table. a = 3 puts all 5 events in the group: [[5, 3], [0, 32]].
    table = fisher_on_completions(8, 40, 35, lost_events=5)
    assert table["followed_in_group"].tolist() == [3, 4, 5, 6, 7, 8]
    assert table["events_in_group"].tolist() == [5, 4, 3, 2, 1, 0]
    assert table["events_outside"].tolist() == [0, 1, 2, 3, 4, 5]
    assert (table["n_in_group"] == 8).all() and (table["n_outside"] == 32).all()
    # Hand: with all 5 events in the group of 8 the observed table is the most extreme in one
    # direction; P = C(8,5) C(32,0) / C(40,5) and the two-sided p adds the tables no more likely.
    pmf = [Fraction(comb(8, x) * comb(32, 5 - x), comb(40, 5)) for x in range(6)]
    observed = pmf[5]
    hand = sum(p for p in pmf if p <= observed)
    assert table["p_value"].iloc[0] == pytest.approx(float(hand), rel=1e-9)
    assert table["odds_ratio"].iloc[0] == math.inf
    assert table["odds_ratio"].iloc[-1] == 0.0


def test_no_lost_events_reduces_to_p_one():
    table = fisher_on_completions(8, 40, 35, lost_events=0)
    assert len(table) == 6
    assert (table["p_value"] == 1.0).all() and table["odds_ratio"].isna().all()


@PROPERTY
@given(cohorts(max_total=25), st.data())
def test_completions_match_fisher_on_the_complete_table(cohort, data):
    group_size, total, followed = cohort
    lost_events = data.draw(st.integers(0, total - followed))
    table = fisher_on_completions(group_size, total, followed, lost_events)
    for row in table.itertuples():
        assert row.lost_in_group == group_size - row.followed_in_group
        assert row.lost_in_group + row.lost_outside == total - followed
        assert row.events_in_group <= row.lost_in_group and row.events_outside <= row.lost_outside
        assert row.events_in_group + row.events_outside == lost_events
        p = stats.fisher_exact([[row.events_in_group, row.n_in_group - row.events_in_group],
                                [row.events_outside, row.n_outside - row.events_outside]]).pvalue
        assert row.p_value == pytest.approx(p)


def test_completions_reject_more_events_than_lost():
    with pytest.raises(ValueError, match="lost_events"):
        fisher_on_completions(8, 40, 35, lost_events=6)


# --- zero-event upper bounds ---------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3, 8, 35])
def test_zero_event_bound_is_the_closed_form(n):
    # (1 - p)^n = 0.05 at the bound.
    table = zero_event_upper_bounds([n])
    assert table["upper_bound"].iloc[0] == pytest.approx(1 - 0.05 ** (1 / n), rel=1e-12)
    assert table["events"].iloc[0] == 0


def test_zero_of_three_bound_by_hand():
    # 1 - 0.05^(1/3) = 1 - 0.36840 = 0.63160: three event-free patients cannot exclude a 63 % risk.
    assert zero_event_upper_bounds([3])["upper_bound"].iloc[0] == pytest.approx(0.631597, abs=1e-6)


@PROPERTY
@given(st.integers(1, 500), st.floats(0.5, 0.999))
def test_zero_event_bound_satisfies_the_binomial_identity(n, level):
    bound = zero_event_upper_bounds([n], level)["upper_bound"].iloc[0]
    assert stats.binom.pmf(0, n, bound) == pytest.approx(1 - level, rel=1e-9)


def test_zero_event_bounds_shrink_with_n_and_are_near_the_rule_of_three():
    table = zero_event_upper_bounds(range(30, 36))
    assert table["n"].tolist() == [30, 31, 32, 33, 34, 35]
    assert table["upper_bound"].is_monotonic_decreasing
    # -ln(0.05) = 2.996: the exact bound sits just below 3/n for n this large.
    assert ((table["upper_bound"] < 3 / table["n"]) & (table["upper_bound"] > 2.8 / table["n"])).all()


def test_zero_event_bounds_drop_duplicates_and_reject_bad_sizes():
    assert zero_event_upper_bounds([5, 5, 3])["n"].tolist() == [5, 3]
    with pytest.raises(ValueError, match="group_sizes"):
        zero_event_upper_bounds([0])
    with pytest.raises(ValueError, match="group_sizes"):
        zero_event_upper_bounds([])
    with pytest.raises(ValueError, match="level"):
        zero_event_upper_bounds([5], level=1.0)


# --- power of Fisher's test: closed forms where the rejection region is known ---------------


def test_fisher_power_with_no_background_risk_is_a_binomial_tail():
    # 8 in the group, 27 outside, no events outside. All e events in the group: p = C(8,e)/C(35,e) (the only
    # table at least as extreme); e = 1: 8/35 = 0.229 (not < 0.05), e = 2: 28/595 = 0.047 (< 0.05). So the test
    # rejects exactly when 2 or more of the 8 have events: power = 1 - 0.75^8 - 8 * 0.25 * 0.75^7 = 0.632919.
    assert fisher_power(8, 27, 0.25, 0.0) == pytest.approx(1 - 0.75**8 - 8 * 0.25 * 0.75**7, rel=1e-12)
    assert fisher_power(8, 27, 0.25, 0.0) == pytest.approx(0.632919, abs=5e-7)


def test_fisher_power_sums_over_every_table():
    # Brute force over both binomials, independent of the function's vectorised weights.
    expected = sum(stats.binom.pmf(x, 8, 0.25) * stats.binom.pmf(y, 27, 0.05)
                   for x in range(9) for y in range(28)
                   if stats.fisher_exact([[x, 8 - x], [y, 27 - y]]).pvalue < 0.05)
    assert fisher_power(8, 27, 0.25, 0.05) == pytest.approx(expected, rel=1e-12)


def test_fisher_power_extremes_and_alternative():
    assert fisher_power(8, 27, 0.0, 0.0) == 0.0  # no events: p = 1 on the only table
    assert fisher_power(8, 27, 1.0, 0.0) == pytest.approx(1.0)  # [[8, 0], [0, 27]]: p = 1/C(35, 8)
    # Events only in the group cannot make "less" (odds ratio below 1) significant; "greater" can, more easily
    # than two-sided (its p is half as large or smaller).
    assert fisher_power(8, 27, 0.25, 0.0, alternative="less") == 0.0
    assert fisher_power(8, 27, 0.25, 0.0, alternative="greater") >= fisher_power(8, 27, 0.25, 0.0)
    # alpha is used: a stricter alpha rejects less often (2 events: p = 0.047 > 0.01).
    assert fisher_power(8, 27, 0.25, 0.0, alpha=0.01) < fisher_power(8, 27, 0.25, 0.0)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"risk_in_group": 1.5}, "risk_in_group"), ({"risk_outside": -0.1}, "risk_outside"), ({"alpha": 0}, "alpha"),
     ({"alpha": 1}, "alpha"), ({"n_in_group": 0}, "n_in_group"), ({"n_outside": 0}, "n_outside"),
     ({"alternative": "both"}, "alternative")],
)
def test_fisher_power_names_the_bad_argument(kwargs, name):
    args = {"n_in_group": 8, "n_outside": 27, "risk_in_group": 0.25, "risk_outside": 0.0} | kwargs
    with pytest.raises(ValueError, match=name):
        fisher_power(**args)


@pytest.mark.parametrize("alternative", ["less", "greater"])
def test_completions_use_the_alternative(alternative):
    # 4 of 10 patients in the group, 6 followed (all event-free), 3 of the 4 lost assumed to have had the
    # event. Given the margins (group 4 of 10, events 3 of 10), events in the group e ~ Hypergeometric:
    # P(e = j) = C(3, j) C(7, 4 - j) / C(10, 4). "greater" is P(e >= e_in), "less" P(e <= e_in).
    frame = fisher_on_completions(4, 10, 6, 3, alternative=alternative)
    assert len(frame) > 1
    pmf = {j: Fraction(comb(3, j) * comb(7, 4 - j), comb(10, 4)) for j in range(4)}
    for row in frame.itertuples(index=False):
        e = row.events_in_group
        tail = sum(v for j, v in pmf.items() if (j >= e if alternative == "greater" else j <= e))
        assert row.p_value == pytest.approx(float(tail), rel=1e-12)
    two_sided = fisher_on_completions(4, 10, 6, 3)
    assert not (frame["p_value"].to_numpy() == two_sided["p_value"].to_numpy()).all()


# --- argument errors start with the argument's exact name ---------------------------------------


_ALT = r"must be one of \('two-sided', 'less', 'greater'\), got 'two_sided'$"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: feasible_followed(-1, 8, 5), r"^group_size must be a non-negative integer, got -1$"),
        (lambda: feasible_followed(3, 0, 0), r"^total must be a positive integer, got 0$"),
        (lambda: feasible_followed(3, 8, -1), r"^followed must be a non-negative integer, got -1$"),
        (lambda: feasible_followed(9, 8, 5), r"^group_size must not exceed total \(8\), got 9$"),
        (lambda: feasible_followed(3, 8, 9), r"^followed must not exceed total \(8\), got 9$"),
        (lambda: fisher_on_every_split(8, 40, 35, events=-1), r"^events must be a non-negative integer, got -1$"),
        (lambda: fisher_on_every_split(8, 40, 35, events=36), r"^events must not exceed followed \(35\), got 36$"),
        (lambda: fisher_on_every_split(8, 40, 35, alternative="two_sided"), "^alternative " + _ALT),
        (lambda: fisher_on_completions(8, 40, 35, lost_events=-1),
         r"^lost_events must be a non-negative integer, got -1$"),
        (lambda: fisher_on_completions(8, 40, 35, lost_events=6),
         r"^lost_events must not exceed lost \(total - followed\) \(5\), got 6$"),
        (lambda: fisher_on_completions(8, 40, 35, 1, alternative="two_sided"), "^alternative " + _ALT),
        (lambda: zero_event_upper_bounds([5, 0]), r"^group_sizes must be a positive integer, got 0$"),
        (lambda: zero_event_upper_bounds([]), r"^group_sizes must name at least one group size$"),
        (lambda: zero_event_upper_bounds([5], level=1.0), r"^level must be strictly between 0 and 1"),
        (lambda: fisher_power(0, 27, 0.25, 0.0), r"^n_in_group must be a positive integer, got 0$"),
        (lambda: fisher_power(8, 0, 0.25, 0.0), r"^n_outside must be a positive integer, got 0$"),
        (lambda: fisher_power(8, 27, 1.5, 0.0), r"^risk_in_group must be between 0 and 1, got 1.5$"),
        (lambda: fisher_power(8, 27, 0.25, -0.1), r"^risk_outside must be between 0 and 1, got -0.1$"),
        (lambda: fisher_power(8, 27, 0.25, 0.0, alpha=1), r"^alpha must be strictly between 0 and 1, got 1$"),
        (lambda: fisher_power(8, 27, 0.25, 0.0, alternative="two_sided"), "^alternative " + _ALT),
    ],
)
def test_argument_errors_start_with_the_argument_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- sizes bounded before any work (analysis.stats._validate.SIZE_BOUNDS) -----------------------------------

_TOTAL_BOUND = r"^total must be at most 1000000 \(got {}\): scipy's fisher_exact takes longer as the counts grow"


def _brute_force_split_count(group_size, total, followed, events):
    """Tables of fisher_on_every_split, counted by listing every (followed in group, events in group)."""
    return sum(1 for a in range(group_size + 1) for e in range(events + 1)
               if followed - a <= total - group_size and a <= followed
               and e <= a and events - e <= followed - a)


def _brute_force_completion_count(group_size, total, followed, lost_events):
    lost = total - followed
    return sum(1 for a in range(group_size + 1) for e in range(lost_events + 1)
               if followed - a <= total - group_size and a <= followed and group_size - a <= lost
               and e <= group_size - a and lost_events - e <= lost - (group_size - a))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: fisher_on_completions(40, 10**9, 35, 5), _TOTAL_BOUND.format(1000000000)),
        (lambda: fisher_on_every_split(1, 1_000_001, 1), _TOTAL_BOUND.format(1000001)),
        (lambda: fisher_on_completions(1, 1_000_001, 1, 0), _TOTAL_BOUND.format(1000001)),
        (lambda: fisher_on_every_split(500, 1000, 1000, events=500),
         r"^group_size, followed and events must give at most 500 tables \(got 501\): fisher_on_every_split runs"),
        (lambda: fisher_on_completions(500, 1000, 0, 500),
         r"^group_size, followed and lost_events must give at most 500 tables \(got 501\): fisher_on_completions"),
        (lambda: fisher_power(10**6, 10**6, 0.1, 0.2),
         rf"^n_in_group and n_outside must give at most 5000 tables \(got {(10**6 + 1) ** 2}\): fisher_power"),
        (lambda: fisher_power(1, 2500, 0.0, 0.0),
         r"^n_in_group and n_outside must give at most 5000 tables \(got 5002\)"),
    ],
)
def test_sizes_past_their_bound_are_refused_before_any_work(call, message):
    with pytest.raises(ValueError, match=message):
        call()


_FUNCTIONS = {"fisher_on_every_split": fisher_on_every_split, "fisher_on_completions": fisher_on_completions}


@pytest.mark.parametrize(
    ("function", "brute_force", "args"),
    [
        # Each regime of the closed-form count: the event split limited by the group, by the others, by both.
        ("fisher_on_every_split", _brute_force_split_count, (60, 200, 150, 40)),
        ("fisher_on_every_split", _brute_force_split_count, (120, 200, 190, 100)),
        ("fisher_on_every_split", _brute_force_split_count, (200, 400, 300, 150)),
        ("fisher_on_every_split", _brute_force_split_count, (80, 300, 200, 150)),
        ("fisher_on_completions", _brute_force_completion_count, (60, 300, 150, 40)),
        ("fisher_on_completions", _brute_force_completion_count, (100, 400, 230, 80)),
        ("fisher_on_completions", _brute_force_completion_count, (40, 200, 60, 100)),
        ("fisher_on_completions", _brute_force_completion_count, (100, 300, 100, 190)),
    ],
)
def test_table_count_is_counted_exactly_before_the_tables(function, brute_force, args):
    count = brute_force(*args)
    assert count > 500  # each case is refused, and the message gives the count
    message = rf"^group_size, followed and \w+ must give at most 500 tables \(got {count}\)"
    with pytest.raises(ValueError, match=message):
        _FUNCTIONS[function](*args)


@pytest.mark.parametrize(("group_sizes", "got"), [(range(1, 10**9), 999999999), (range(1, 100_002), 100001),
                                                   (iter(range(1, 10**9)), 100001)])
def test_zero_event_sizes_past_the_bound_are_refused_before_any_work(group_sizes, got):
    with pytest.raises(ValueError, match=rf"^group_sizes must give at most 100000 sizes \(got {got}\): "
                                         r"zero_event_upper_bounds computes one exact bound per size"):
        zero_event_upper_bounds(group_sizes)


def test_sizes_at_their_bound_are_accepted():
    assert zero_event_upper_bounds(iter(range(1, 100_001)))["n"].tolist() == list(range(1, 100_001))
    assert len(fisher_on_every_split(499, 998, 998, events=499)) == 500
    assert len(fisher_on_completions(499, 998, 0, 499)) == 500
    assert len(fisher_on_every_split(1, 1_000_000, 1)) == 2
    assert len(fisher_on_completions(1, 1_000_000, 1, 0)) == 2
    assert feasible_followed(10**20, 10**30, 10**25) == range(0, 10**20 + 1)  # a range: nothing to bound
    # 1 x 2499: (1 + 1)(2499 + 1) = 5000 tables, of which only the no-event one has positive probability.
    assert fisher_power(1, 2499, 0.0, 0.0) == 0.0


def test_completions_flag_a_defined_odds_ratio():
    # 4 of 10 in the group, 6 followed, 3 of the 4 lost with the event (as above): every complete table has
    # events on both rows or a zero cell, so ad/bc is a number or inf, never 0/0; with no lost events it is 0/0.
    frame = fisher_on_completions(4, 10, 6, 3)
    assert frame["odds_ratio_defined"].tolist() == [True] * len(frame)
    assert frame["odds_ratio"].notna().all()
    assert not fisher_on_completions(4, 10, 6, 0)["odds_ratio_defined"].any()


def test_fisher_power_rejects_only_below_alpha():
    # One patient per group, "greater": the only table with p < 1 is [[1, 0], [0, 1]], whose p is
    # P(X >= 1) for X ~ Hypergeom(2 patients, 1 event, 1 drawn) = 1/2. At alpha = 1/2 nothing is
    # rejected (p < alpha is strict); just above 1/2 that table is, with probability r_in (1 - r_out).
    assert stats.fisher_exact([[1, 0], [0, 1]], alternative="greater").pvalue == 0.5
    assert fisher_power(1, 1, 0.6, 0.3, alpha=0.5, alternative="greater") == 0.0
    assert fisher_power(1, 1, 0.6, 0.3, alpha=0.5000001, alternative="greater") == pytest.approx(0.6 * 0.7)


@pytest.mark.parametrize(("n_in", "n_out", "r_in", "r_out"), [(3, 4, 0.1, 0.9), (4, 3, 0.9, 0.2), (2, 5, 0.5, 0.7)])
def test_fisher_power_brute_force_where_every_table_matters(n_in, n_out, r_in, r_out):
    # Small groups and high risks, so the tables with many events carry real weight; "less" rejects when the
    # group has fewer events than outside, "greater" the reverse.
    for alternative in ("two-sided", "less", "greater"):
        for alpha in (0.05, 0.3):
            expected = sum(math.comb(n_in, x) * r_in**x * (1 - r_in) ** (n_in - x)
                           * math.comb(n_out, y) * r_out**y * (1 - r_out) ** (n_out - y)
                           for x in range(n_in + 1) for y in range(n_out + 1)
                           if stats.fisher_exact([[x, n_in - x], [y, n_out - y]], alternative=alternative).pvalue
                           < alpha)
            assert expected > 0
            got = fisher_power(n_in, n_out, r_in, r_out, alpha=alpha, alternative=alternative)
            assert got == pytest.approx(expected, rel=1e-12)


def test_fisher_power_with_a_zero_risk_gives_no_warning():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert fisher_power(8, 27, 0.25, 0.0) == pytest.approx(1 - 0.75**8 - 8 * 0.25 * 0.75**7, rel=1e-12)
        assert fisher_power(8, 27, 0.0, 0.25, alternative="less") > 0
