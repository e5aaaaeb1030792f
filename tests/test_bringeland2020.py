"""Bringeland et al. 2020 (B1, B2; companion C1; context VK2019, RA2014): published numbers recomputed.

Each test recomputes a printed number from other printed numbers (or a bound from a closed form)
through the package, with a tolerance set by the rounding the paper printed: a value printed with
d decimals stands for anything within 0.5 * 10**-d of it. The classes at the end go through
``analysis.studies.bringeland2020``, the functions the notebook calls, with a fresh ledger.
"""

import math
import re

import numpy as np
import pytest
from scipy import stats

from analysis import audit, data
from analysis.findings import Ledger
from analysis.stats import association, consistency, proportions
from analysis.studies import bringeland2020 as study

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
        current, ever = values["vankempen2019_wearing_off_current_pct"], values["vankempen2019_wearing_off_ever_pct"]
        assert current.value <= ever.value


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


# --- through the study module, as the notebook runs it ---------------------------------------

PARAMETERS = {"level": 0.95, "lost_to_follow_up_outcome": "both", "contrasts": ("regular", "any")}


@pytest.fixture(scope="module", name="run")
def run_fixture():
    """Every section of the notebook with its default parameters, on a fresh ledger."""
    values, findings = data.reported(STUDY), Ledger(STUDY)
    p = PARAMETERS
    study.check_parameters(**p)
    return {
        "neda": study.neda_followed(values, findings, level=p["level"]),
        "missing": study.missing_five(values, findings, level=p["level"],
                                      lost_to_follow_up_outcome=p["lost_to_follow_up_outcome"]),
        "wearing": study.wearing_off(values, findings, level=p["level"]),
        "others": study.other_cohorts(values, findings, level=p["level"]),
        "splits": study.no_association(values, findings, contrasts=p["contrasts"]),
        "bounds": study.group_bounds(values, findings, level=p["level"], contrasts=p["contrasts"]),
        "completions": study.lost_completions(values, findings, contrasts=p["contrasts"],
                                              lost_to_follow_up_outcome=p["lost_to_follow_up_outcome"]),
        "gaps": study.not_recomputable(values, findings),
        "ledger": findings,
    }


class TestParameters:
    @staticmethod
    @pytest.mark.parametrize(
        ("changed", "name"),
        [({"level": "abc"}, "level"), ({"level": 1}, "level"), ({"level": True}, "level"),
         ({"lost_to_follow_up_outcome": "worse"}, "lost_to_follow_up_outcome"),
         ({"contrasts": "regular"}, "contrasts"), ({"contrasts": ()}, "contrasts"),
         ({"contrasts": ("regular", "regular")}, "contrasts"), ({"contrasts": ("sometimes",)}, "contrasts")],
    )
    def test_bad_parameter_is_named_with_the_value(changed, name):
        with pytest.raises(ValueError, match=f"^{name} must") as raised:
            study.check_parameters(**(PARAMETERS | changed))
        assert str(raised.value).endswith(f"got {changed[name]!r}")

    @staticmethod
    @pytest.mark.parametrize("outcome", ["worst", "best"])
    def test_single_case_adds_only_its_row(outcome):
        findings = Ledger(STUDY)
        missing = study.missing_five(data.reported(STUDY), findings, level=0.95, lost_to_follow_up_outcome=outcome)
        assert list(missing.cases["case"]) == [outcome]
        keys = [row.key for row in findings.rows]
        assert f"neda_{outcome}_case" in keys
        assert f"neda_{'best' if outcome == 'worst' else 'worst'}_case" not in keys


class TestInputsAndLevel:
    """Issue 24: each row names the printed numbers it used; a CI row its level; a one-sided bound says its level."""

    @staticmethod
    def test_rows_name_the_counts_they_used(run, values):
        ledger = run["ledger"]
        # 35 of 35 followed: the exact one-sided bound uses the NEDA count and the number followed.
        assert ledger["neda_one_sided_lower"].inputs == "neda_1y;followed_up_1y"
        # 35 + 5 of 40 (best case) adds the cohort.
        assert ledger["neda_best_case"].inputs == "neda_1y;followed_up_1y;cohort_patients"
        # Regular or sometimes, 8 + 10 of 40: the two printed counts and the cohort.
        assert ledger["wearing_off_any_ci"].inputs == "wearing_off_regular;wearing_off_sometimes;cohort_patients"
        # Ratchford ever = current 57 % + previous 10 % of the 100 surveyed.
        assert ledger["ratchford_ever_ci"].inputs.split(";") == [
            "ratchford2014_wearing_off_current_pct", "ratchford2014_wearing_off_previous_pct", "ratchford2014_surveyed"]
        unused = {"fatigue_cognition", "receptor_occupancy", "bmi_sick_leave"}  # claims printed without numbers
        assert {row.key for row in ledger.rows if not row.inputs} == unused
        assert {name for row in ledger.rows for name in row.inputs.split(";") if name} <= set(values)

    @staticmethod
    @pytest.mark.parametrize(("level", "said"), [(0.95, "95%"), (0.9, "90%"), (0.975, "97.5%")])
    def test_ci_rows_carry_the_level_and_one_sided_bounds_say_it(level, said):
        values, findings = data.reported(STUDY), Ledger(STUDY)
        study.neda_followed(values, findings, level=level)
        study.group_bounds(values, findings, level=level, contrasts=("regular",))
        assert findings["neda_wald_width"].level == level
        one_sided = [row for row in findings.rows if "one-sided" in row.finding]
        assert [row.key for row in one_sided] == ["neda_one_sided_lower", "bound_regular_in", "bound_regular_out"]
        assert all(f"one-sided {said} " in row.finding for row in one_sided)


class TestThroughTheStudyModule:
    @staticmethod
    def test_neda_intervals(run):
        intervals = run["neda"].intervals.set_index(["method", "kind"])
        # 0.025^(1/35) = 0.89997 and 0.05^(1/35) = 0.91797 (closed forms); Wald collapses to [1, 1].
        assert intervals.loc[("Clopper-Pearson (exact)", "two-sided"), "low"] == pytest.approx(0.89997, abs=5e-6)
        assert intervals.loc[("Clopper-Pearson (exact)", "one-sided lower"), "low"] == pytest.approx(0.91797,
                                                                                                    abs=5e-6)
        assert tuple(intervals.loc[("Wald (normal approximation)", "two-sided"), ["low", "high"]]) == (1.0, 1.0)
        assert tuple(run["neda"].counts.iloc[0]) == (40, 35, 35, 5)

    @staticmethod
    def test_missing_five(run):
        scenarios = run["missing"].scenarios
        assert list(scenarios["neda"]) == [35, 36, 37, 38, 39, 40]
        assert scenarios["low"].min() == pytest.approx(stats.beta.ppf(0.025, 35, 6), rel=1e-9)  # CP lower, 35/40
        best = run["missing"].cases.set_index("case").loc["best"]
        assert best["low"] == pytest.approx(0.025 ** (1 / 40), rel=1e-12)

    @staticmethod
    def test_printed_percentages(run):
        checks = run["wearing"].checks
        assert checks["rounds to printed"].all()
        assert list(checks["recomputed %"]) == [20.0, 22.5, 57.5]  # 8/40, 9/40, 23/40
        prevalence = run["wearing"].prevalence.set_index("group")
        assert prevalence.loc["any", "count"] == 17
        low, high = prevalence.loc["regular", ["low", "high"]]
        assert stats.binom.sf(7, 40, low) == pytest.approx(0.025, rel=1e-8)
        assert stats.binom.cdf(8, 40, high) == pytest.approx(0.025, rel=1e-8)

    @staticmethod
    def test_other_cohorts_counts(run):
        comparison = run["others"].comparison.set_index(["study", "category"])["count"]
        # 50/93 = 53.8 %, 30/93 = 32.3 %; over 100 each count is its percentage; 57 + 10 = 67.
        assert comparison[("van Kempen 2019", "ever")] == 50
        assert comparison[("van Kempen 2019", "current")] == 30
        assert comparison[("Ratchford 2014", "ever (current or previous)")] == 67
        assert (run["others"].grim["pinned"] == "yes").all()

    @staticmethod
    def test_no_association_and_completions(run):
        assert (run["splits"]["p_value"] == 1.0).all()
        assert (run["splits"]["odds_ratio"] == "undefined (0/0)").all()
        extremes = run["completions"].extremes.set_index(["contrast", "activity"])["smallest_p"]
        assert extremes[("regular", "more in group")] == pytest.approx(math.comb(8, 5) / math.comb(40, 5), rel=1e-9)

    @staticmethod
    def test_group_bounds(run):
        bounds = run["bounds"].bounds
        for n, bound in zip(bounds["in_group"], bounds["bound_in"]):
            assert (1 - bound) ** n == pytest.approx(0.05, rel=1e-10)
        rule = run["bounds"].rule_of_three.set_index("n")
        # n = 16: 3/16 = 0.1875 <= 1.1 * (1 - 0.05^(1/16)) = 0.1879; n = 15: 0.2 > 1.1 * 0.1810 = 0.1991.
        assert 16 in rule.index and rule.loc[16, "within_10pct"] and not rule.loc[3, "within_10pct"]

    @staticmethod
    def test_not_reported_lists_the_missing_tests(run):
        items = " ".join(run["gaps"]["item"])
        assert "p value" in items and "regular" in items


class TestNamedResultsForTheProse:
    """The numbers notebook 01 states in its text come from the section functions' named results."""

    @staticmethod
    def test_neda_bounds_are_the_closed_forms(run):
        neda = run["neda"]
        # 35 of 35: (0.025)^(1/35), 0.05^(1/35) and 1 - 3/35.
        assert neda.exact_low == pytest.approx(0.025 ** (1 / 35), rel=1e-12)
        assert neda.one_sided_low == pytest.approx(0.05 ** (1 / 35), rel=1e-12)
        assert neda.rule_of_three_low == pytest.approx(32 / 35, rel=1e-12)

    @staticmethod
    def test_lowest_bound_is_the_worst_case_exact_lower_end(run):
        # Clopper-Pearson lower end of 35 of 40 is the 2.5 % quantile of Beta(35, 6).
        assert run["missing"].lowest_bound == pytest.approx(stats.beta.ppf(0.025, 35, 6), rel=1e-9)


class TestLedger:
    STATUS = {
        "followed_within_cohort": "by_construction",  # the schema refuses a count above its denominator
        "neda_equals_followed": "by_construction",  # 35 transcribed from "all"
        "neda_range_over_cohort": "derived",
        "wearing_off_groups_sum": "consistent",
        "wearing_off_pct_sum": "by_construction",  # implied by the three percent checks and the counts' sum
        "vankempen_ever_grim": "consistent",  # with n = 93 a whole percentage can fit no count
        "vankempen_current_grim": "consistent",
        "ratchford_current_grim": "by_construction",  # with n = 100 it cannot fail
        "ratchford_previous_grim": "by_construction",
        "ratchford_never_grim": "by_construction",
        "ratchford_pct_sum": "consistent",
        "vankempen_current_within_ever": "consistent",
        "ratchford_counts_sum": "by_construction",
        "followed_in_regular_group": "derived",
        "followed_in_any_group": "derived",
        "association_not_testable": "not_recomputable",
    }

    @staticmethod
    @pytest.mark.parametrize(("key", "status"), STATUS.items())
    def test_status(run, key, status):
        assert run["ledger"][key].status == status

    @staticmethod
    def test_ranges_say_what_they_hold(run):
        assert run["ledger"]["neda_range_over_cohort"].interval == "feasible"
        assert (run["ledger"]["neda_range_over_cohort"].low, run["ledger"]["neda_range_over_cohort"].high) == (
            35 / 40, 1.0)
        assert (run["ledger"]["followed_in_regular_group"].low, run["ledger"]["followed_in_regular_group"].high) == (
            3, 8)
        assert all(row.interval for row in run["ledger"].rows if row.low is not None or row.high is not None)

    @staticmethod
    def test_assumed_denominators_are_named(run):
        for row in run["ledger"].rows:
            if row.key.startswith(("vankempen_", "ratchford_")) and row.key.endswith(("_grim", "_ci")):
                assert "assumed" in row.finding, row.key

    @staticmethod
    def test_no_consistent_row_is_hard_coded(run):
        # The old notebook set feasible=True by hand on the range row and compared NEDA with followed.
        consistent = {row.key for row in run["ledger"].rows if row.status == "consistent"}
        assert not consistent & {"neda_equals_followed", "neda_range_over_cohort", "followed_in_regular_group",
                                 "followed_in_any_group", "ratchford_counts_sum"}


@pytest.fixture(scope="module", name="audited")
def audited_fixture():
    findings = Ledger(STUDY)
    audit.section(data.load_values(STUDY), findings, level=0.95)
    return {row.key: row for row in findings.rows}


class TestAutomaticChecks:
    """The generic checks of the printed numbers come from the audit, once (not also from the study module)."""

    @staticmethod
    @pytest.mark.parametrize("group", ["regular", "sometimes", "never"])
    def test_each_printed_percentage_is_recomputed_from_its_count(audited, group):
        # 8/40 = 20.0 %, 9/40 = 22.5 %, 23/40 = 57.5 %: each as printed at one decimal.
        assert audited[f"auto_percent_recompute__wearing_off_{group}_pct"].status == "match"

    @staticmethod
    def test_neda_exact_interval_is_the_closed_form(audited):
        row = audited["auto_count_ci__neda_1y"]
        # 35 of 35: the exact lower end solves p^35 = 0.025, so (0.025)^(1/35) = 0.89997.
        assert row.recomputed == 1 and row.low == pytest.approx(0.025 ** (1 / 35), abs=1e-6) and row.high == 1

    @staticmethod
    def test_no_row_is_recorded_twice(run):
        findings = Ledger(STUDY)
        values = data.reported(STUDY)
        study.neda_followed(values, findings, level=0.95)
        study.wearing_off(values, findings, level=0.95)
        audit.section(data.load_values(STUDY), findings, level=0.95)
        keys = [row.key for row in findings.rows]
        assert len(keys) == len(set(keys))
        assert not any(key.startswith("wearing_off_") and key.endswith(("_pct", "_regular_ci")) for key in keys)

    @staticmethod
    def test_a_repeated_relation_names_the_counted_checks_it_repeats():
        findings = Ledger(STUDY)
        values = data.reported(STUDY)
        study.wearing_off(values, findings, level=0.95)
        audit.section(data.load_values(STUDY), findings, level=0.95)
        repeat = findings["wearing_off_pct_sum"]
        named = re.findall(r"\b(?:auto_\w+|wearing_off_groups_sum)\b", repeat.finding)
        assert len(named) == 4  # the three percentages recomputed from their counts, and the counts' sum
        assert all(findings[key].status in ("match", "consistent") for key in named)


class TestTheNotebookText:
    """The paragraphs notebook 01 displays put the computed numbers into their text (expected values from
    closed forms and scipy, not from the study module)."""

    @staticmethod
    def test_reading_neda_states_the_closed_form_bounds(run):
        text = str(study.reading_neda(run["neda"], level=0.95))
        # 0.025^(1/35) = 0.89997, 0.05^(1/35) = 0.91797, 1 - 3/35 = 0.914.
        assert "At the 95% level" in text and "as low as\n0.90 (two-sided) or 0.92 (one-sided)" in text
        assert "rule of three (0.914)" in text and "one-sided bound (0.918)" in text

    @staticmethod
    def test_reading_missing_five_states_the_worst_case_lower_end(run):
        text = str(study.reading_missing_five(run["neda"], run["missing"]))
        assert f"as low as about\n{stats.beta.ppf(0.025, 35, 6):.2f}." in text  # Clopper-Pearson, 35 of 40

    @staticmethod
    def test_reading_categories_states_the_shares(run, values):
        text = str(study.reading_categories(values, run["others"]))
        ever = values["vankempen2019_wearing_off_ever_pct"].value
        assert f"(van Kempen {ever:.0f} %)" in text
        # 57 + 10 of 100 ever (Ratchford); 17 and 8 of 40 (Bringeland).
        assert "current + previous (67%)" in text and "(42.5%)" in text and "*regular* (20.0%)" in text

    @staticmethod
    def test_reading_other_cohorts_states_the_exact_interval_of_17_of_40(run):
        text = str(study.reading_other_cohorts(run["others"]))
        low, high = stats.beta.ppf(0.025, 17, 24), stats.beta.ppf(0.975, 18, 23)  # Clopper-Pearson, 17 of 40
        assert f"(17/40: {low:.2f} to\n{high:.2f})" in text and "(30/93: " in text

    @staticmethod
    def test_followed_in_groups_says_one_sentence_per_contrast():
        values, findings = data.reported(STUDY), Ledger(STUDY)
        study.no_association(values, findings, contrasts=("any",))
        # 17 of 40 had any wearing-off and 5 were not followed: 12 to 17 of the 35.
        assert [str(text) for text in study.followed_in_groups(findings, contrasts=("any",))] == [
            "Between 12 and 17 of the 35 followed had any wearing-off."]

    @staticmethod
    def test_reading_group_bounds_states_the_exact_bounds_of_0_of_3_and_0_of_8(run):
        text = str(study.reading_group_bounds(run["bounds"]))
        exact_3, exact_8 = 1 - 0.05 ** (1 / 3), 1 - 0.05 ** (1 / 8)  # 0.632 and 0.312
        assert f"above about {exact_3:.0%}" in text and f"up to about {exact_8:.0%}" in text
        assert f"gives 1 at n = 3 (no information at all) against the exact {exact_3:.2f}" in text
        assert f"0.375 against {exact_8:.2f} at n = 8" in text  # 3/8

    @staticmethod
    def test_reading_completions_states_the_smallest_p_per_contrast(run):
        texts = [str(text) for text in study.reading_completions(run["completions"], contrasts=("regular", "any"))]
        assert len(texts) == 5  # opening, one per contrast, the conclusion, the closing paragraph
        # All 5 events among the 8 regular and none among the 32 others: Fisher's p = C(8, 5) / C(40, 5).
        assert f"gives p = {math.comb(8, 5) / math.comb(40, 5):.5f}" in texts[1]
        assert texts[-1].startswith("Among the 35 followed there was nothing to associate.")

    @staticmethod
    def test_reading_completions_in_the_best_case_says_nothing_can_move():
        values, findings = data.reported(STUDY), Ledger(STUDY)
        lost = study.lost_completions(values, findings, contrasts=("regular",), lost_to_follow_up_outcome="best")
        texts = [str(text) for text in study.reading_completions(lost, contrasts=("regular",))]
        assert len(texts) == 2 and "gives p = 1 whichever group the 5 were in" in texts[0]

    @staticmethod
    def test_answer_patients_needed_states_the_closed_forms():
        text = str(study.answer_patients_needed(study.patients_needed(target=0.95, level=0.95)))
        # n of n: 0.025^(1/n) >= 0.95 from n = 72, 0.05^(1/n) >= 0.95 from n = 59, 3/n <= 0.05 from n = 60.
        assert text.startswith("About 72 event-free patients for the two-sided bound, 59 for the one-sided one")
        assert "says 60 (3/60 is one in twenty)" in text

    @staticmethod
    def test_answer_power_states_the_brute_force_power():
        text = str(study.answer_power(study.power_table(n_in_group=8, n_outside=27)))
        # Power at 25 % vs 0: every count e of 8 weighted by its binomial probability, significant when
        # Fisher's two-sided p of e/8 against 0/27 is below 0.05 (scipy.stats.fisher_exact).
        power = sum(stats.binom.pmf(e, 8, 0.25) for e in range(9)
                    if stats.fisher_exact([[e, 8 - e], [0, 27]]).pvalue < 0.05)
        assert f"were 25% and 0 in\nthe others, 8 patients show a significant table with probability about " \
               f"{power:.2f}" in text
