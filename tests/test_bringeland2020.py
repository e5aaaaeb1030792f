"""Bringeland et al. 2020 (B1, B2; companion C1; context VK2019, RA2014): published numbers recomputed.

Each test recomputes a printed number from other printed numbers (or a bound from a closed form)
through the package, with a tolerance set by the rounding the paper printed: a value printed with
d decimals stands for anything within 0.5 * 10**-d of it.
"""

import math

import numpy as np
import pytest
from scipy import stats

from analysis import data
from analysis.stats import association, consistency, proportions

STUDY = "bringeland2020"


@pytest.fixture(scope="module", name="values")
def values_fixture():
    return data.reported(STUDY)


def half_unit(decimals: int) -> float:
    """Half a unit in the last printed place: the rounding tolerance."""
    return 0.5 * 10.0**-decimals


class TestCohortAndFollowUp:
    @staticmethod
    def test_followed_within_cohort(values):
        assert values["followed_up_1y"].count <= values["cohort_patients"].count == 40

    @staticmethod
    def test_all_followed_met_neda(values):
        assert values["neda_1y"].count == values["followed_up_1y"].count == 35

    @staticmethod
    def test_lost_to_follow_up_is_five(values):
        assert values["cohort_patients"].count - values["followed_up_1y"].count == 5


class TestNedaBounds:
    @staticmethod
    @pytest.mark.parametrize("level", [0.90, 0.95, 0.99])
    def test_exact_two_sided_lower_is_closed_form(level):
        # P(X = 35 | p) = p^35 = alpha/2  =>  p = (alpha/2)^(1/35)
        low, high = proportions.exact_ci(35, 35, level)
        np.testing.assert_allclose(low, ((1 - level) / 2) ** (1 / 35), rtol=1e-12)
        assert high == 1.0

    @staticmethod
    def test_exact_two_sided_value_at_95():
        # 0.025^(1/35) = exp(ln 0.025 / 35) = exp(-0.105398) = 0.89997
        assert proportions.exact_ci(35, 35)[0] == pytest.approx(0.89997, abs=5e-6)

    @staticmethod
    def test_one_sided_lower_is_closed_form():
        np.testing.assert_allclose(proportions.one_sided_lower(35, 35), 0.05 ** (1 / 35), rtol=1e-12)
        assert proportions.one_sided_lower(35, 35) == pytest.approx(0.91797, abs=5e-6)

    @staticmethod
    def test_rule_of_three_is_close_to_the_exact_one_sided_bound():
        # 1 - 3/35 = 0.914286; exact 0.917968: within 0.005 because -ln(0.05) = 2.996 ~ 3.
        rule = 1 - proportions.rule_of_three(35)
        assert rule == pytest.approx(32 / 35, rel=1e-12)
        assert 0 < proportions.one_sided_lower(35, 35) - rule < 0.005

    @staticmethod
    def test_wald_interval_collapses_at_35_of_35():
        from statsmodels.stats.proportion import proportion_confint

        low, high = proportion_confint(35, 35, alpha=0.05, method="normal")
        assert low == high == 1.0
        # statsmodels' "beta" is Clopper-Pearson: an independent implementation agrees.
        assert proportion_confint(35, 35, alpha=0.05, method="beta")[0] == pytest.approx(
            proportions.exact_ci(35, 35)[0], rel=1e-9)


class TestMissingFive:
    @staticmethod
    def test_worst_and_best_case_estimates():
        bounds = proportions.missing_data_bounds(35, 35, 40)
        assert bounds.worst.estimate == 35 / 40 == 0.875
        assert bounds.best.estimate == 1.0

    @staticmethod
    def test_worst_case_interval_satisfies_the_binomial_tails():
        # Clopper-Pearson ends: P(X >= 35 | low) = 0.025 and P(X <= 35 | high) = 0.025, n = 40.
        worst = proportions.missing_data_bounds(35, 35, 40).worst
        assert stats.binom.sf(34, 40, worst.low) == pytest.approx(0.025, rel=1e-8)
        assert stats.binom.cdf(35, 40, worst.high) == pytest.approx(0.025, rel=1e-8)

    @staticmethod
    def test_best_case_lower_is_closed_form():
        best = proportions.missing_data_bounds(35, 35, 40).best
        assert best.low == pytest.approx(0.025 ** (1 / 40), rel=1e-12)
        assert best.high == 1.0


class TestWearingOffPercentages:
    @staticmethod
    @pytest.mark.parametrize("group", ["regular", "sometimes", "never"])
    def test_printed_percentage_recomputed_from_count(values, group):
        count, printed = values[f"wearing_off_{group}"], values[f"wearing_off_{group}_pct"]
        recomputed = 100 * count.count / values["cohort_patients"].count
        assert abs(recomputed - printed.value) <= half_unit(printed.decimals)
        assert consistency.rounds_to(recomputed, printed.value, printed.decimals)

    @staticmethod
    def test_groups_sum_to_cohort(values):
        groups = [values[f"wearing_off_{g}"].count for g in ("regular", "sometimes", "never")]
        assert sum(groups) == values["cohort_patients"].count

    @staticmethod
    def test_percentages_sum_to_100(values):
        total = sum(values[f"wearing_off_{g}_pct"].value for g in ("regular", "sometimes", "never"))
        assert abs(total - 100) <= 3 * half_unit(1)

    @staticmethod
    def test_regular_interval_satisfies_the_binomial_tails():
        low, high = proportions.exact_ci(8, 40)
        assert stats.binom.sf(7, 40, low) == pytest.approx(0.025, rel=1e-8)
        assert stats.binom.cdf(8, 40, high) == pytest.approx(0.025, rel=1e-8)


class TestContextCohorts:
    @staticmethod
    @pytest.mark.parametrize(
        ("pct_key", "n_key", "count"),
        [
            ("vankempen2019_wearing_off_ever_pct", "vankempen2019_patients", 50),  # 50/93 = 53.76 %
            ("vankempen2019_wearing_off_current_pct", "vankempen2019_patients", 30),  # 30/93 = 32.26 %
            ("ratchford2014_wearing_off_current_pct", "ratchford2014_surveyed", 57),
            ("ratchford2014_wearing_off_previous_pct", "ratchford2014_surveyed", 10),
            ("ratchford2014_wearing_off_never_pct", "ratchford2014_surveyed", 33),
        ],
    )
    def test_rounded_percentage_pins_one_count(values, pct_key, n_key, count):
        printed, n = values[pct_key], values[n_key].count
        assert consistency.grim_numerators(printed.value, printed.decimals, n) == [count]
        # Neighbouring counts fall outside the rounding interval.
        assert abs(100 * count / n - printed.value) <= half_unit(printed.decimals)
        for k in (count - 1, count + 1):
            assert abs(100 * k / n - printed.value) > half_unit(printed.decimals)

    @staticmethod
    def test_ratchford_categories_sum_to_100(values):
        total = sum(values[f"ratchford2014_wearing_off_{c}_pct"].value for c in ("current", "previous", "never"))
        assert total == 100 == values["ratchford2014_surveyed"].count

    @staticmethod
    def test_vankempen_current_not_above_ever(values):
        assert values["vankempen2019_wearing_off_current_pct"].value <= values["vankempen2019_wearing_off_ever_pct"].value


class TestNoAssociationTest:
    @staticmethod
    @pytest.mark.parametrize(("group_size", "sizes"), [(8, range(3, 9)), (17, range(12, 18))])
    def test_feasible_group_sizes(group_size, sizes):
        assert association.feasible_followed(group_size, 40, 35) == sizes

    @staticmethod
    @pytest.mark.parametrize("group_size", [8, 17])
    def test_fisher_gives_one_and_no_odds_ratio_on_every_split(values, group_size):
        events = values["followed_up_1y"].count - values["neda_1y"].count
        splits = association.fisher_on_every_split(group_size, 40, 35, events)
        assert events == 0
        assert (splits["p_value"] == 1.0).all()
        assert splits["odds_ratio"].isna().all()

    @staticmethod
    @pytest.mark.parametrize("n", range(3, 9))
    def test_regular_group_upper_bound(n):
        bound = association.zero_event_upper_bounds([n])["upper_bound"].iloc[0]
        assert (1 - bound) ** n == pytest.approx(0.05, rel=1e-10)

    @staticmethod
    def test_worst_completion_gives_a_strong_association():
        # All 5 lost had disease activity and all were regular: 5 of 8 vs 0 of 32.
        worst = association.fisher_on_completions(8, 40, 35, lost_events=5)
        extreme = worst[worst["events_in_group"] == 5]["p_value"].iloc[0]
        hand = math.comb(8, 5) / math.comb(40, 5)  # the only table at least this extreme has prob C(8,5)/C(40,5)
        assert extreme == pytest.approx(hand, rel=1e-9)
        assert extreme < 1e-3
