"""Statistics by topic, re-exported flat like ``scipy.stats``: ``from analysis.stats import exact_ci``.

Each function's docstring states the method and cites it; the topic modules are

* :mod:`~analysis.stats.proportions`: exact (Clopper-Pearson) intervals, bounds under missing outcomes;
* :mod:`~analysis.stats.rates`: Poisson rates, rate ratios, CI <-> SE <-> p on the log scale;
* :mod:`~analysis.stats.survival`: Kaplan-Meier tables and median (with its CI), the log-rank test (lifelines);
* :mod:`~analysis.stats.consistency`: rounding-aware comparison of printed numbers, GRIM for percentages;
* :mod:`~analysis.stats.reported_ratios`: ranges of ratios, CIs and p values over printed rounding;
* :mod:`~analysis.stats.feasible_counts`: group counts that reproduce printed percentages and p values;
* :mod:`~analysis.stats.association`: Fisher's test over every completion of a table with lost patients;
* :mod:`~analysis.stats.power`: attainable p values and power of small two-group comparisons;
* :mod:`~analysis.stats.order_statistics`: data sets with a printed median and range, exactly;
* :mod:`~analysis.stats.reconstruction`: per-patient data sets consistent with a case series' summary;
* :mod:`~analysis.stats.summary_estimates`: mean and SD from a median with range or quartiles, exact mean bounds;
* :mod:`~analysis.stats.granularity`: GRIM for means, GRIMMER and DEBIT on printed strings;
* :mod:`~analysis.stats.printed_statistics`: the p values a printed t, F, chi2, z or r statistic allows;
* :mod:`~analysis.stats.differences`: CI <-> p on the difference scale;
* :mod:`~analysis.stats.joint_readings`: the Wald readings of a printed ratio (or difference) with its CI, p and SE
  at once;
* :mod:`~analysis.stats.baseline`: baseline tables of randomised trials (Carlisle): per-variable p, Stouffer.

``SIZE_BOUNDS`` lists every size a function bounds before it starts (the argument, the
largest value and why); a call past a bound raises ``ValueError`` naming the argument. ``at_most`` is that
check, for a caller that bounds a size before it starts work that ends in such a function.
"""

from analysis.stats._validate import SIZE_BOUNDS, at_most
from analysis.stats.association import (
    feasible_followed,
    fisher_on_completions,
    fisher_on_every_split,
    fisher_power,
    zero_event_upper_bounds,
)
from analysis.stats.baseline import (
    anova_from_stats,
    baseline_p,
    baseline_p_range,
    stouffer_combined_p,
)
from analysis.stats.consistency import (
    grim_counts,
    grim_numerators,
    grim_pair_count,
    grim_totals,
    p_value_consistent,
    printed_interval,
    rounding_interval,
    rounds_to,
)
from analysis.stats.differences import ci_from_difference_p, p_from_difference_ci, se_from_difference_ci
from analysis.stats.feasible_counts import all_tables, chi2_rx2, feasible_from_percents, feasible_tables
from analysis.stats.granularity import debit, grim_mean, grimmer
from analysis.stats.joint_readings import difference_wald_readings, events_log_ratio_se, wald_readings
from analysis.stats.order_statistics import (
    count_sorted_tuples,
    enumerate_sorted_tuples,
    first_event_total_envelope,
    forced_steps,
    median_range_envelope,
    median_range_feasible,
    pinned_envelope,
    sample_sorted,
)
from analysis.stats.power import (
    attainable_rank_test_p,
    min_rank_test_p,
    minimum_detectable_effect,
    rank_test_power,
    t_test_power,
)
from analysis.stats.printed_statistics import p_from_statistic
from analysis.stats.proportions import (
    exact_ci,
    missing_data_bounds,
    one_sided_lower,
    one_sided_upper,
    rule_of_three,
)
from analysis.stats.rates import (
    bucher_indirect,
    ci_from_p,
    events_from_log_hr_se,
    p_from_ci,
    poisson_ci,
    rate_ratio,
    rounding_aware_p_range,
    se_from_ci,
    se_from_p,
    z_value,
)
from analysis.stats.reported_ratios import (
    bonferroni_raw_p,
    centre_ratio_range,
    ci_from_p_range,
    illustrative_rate_ratio_cis,
    is_log_symmetric,
    overlap,
    percent_reduction,
    ratio_ci_check,
    ratio_range,
)
from analysis.stats.summary_estimates import mean_bounds, mean_sd_from_quantiles
from analysis.stats.survival import km_median_ci, km_table, logrank

__all__ = [
    "SIZE_BOUNDS", "all_tables", "anova_from_stats", "at_most", "attainable_rank_test_p", "baseline_p",
    "baseline_p_range", "bonferroni_raw_p", "bucher_indirect", "centre_ratio_range", "chi2_rx2", "ci_from_difference_p",
    "ci_from_p", "ci_from_p_range", "count_sorted_tuples", "debit", "difference_wald_readings",
    "enumerate_sorted_tuples", "events_from_log_hr_se", "events_log_ratio_se", "exact_ci", "feasible_followed",
    "feasible_from_percents", "feasible_tables",
    "first_event_total_envelope", "fisher_on_completions", "fisher_on_every_split", "fisher_power", "forced_steps",
    "grim_counts", "grim_mean", "grim_numerators", "grim_pair_count", "grim_totals", "grimmer",
    "illustrative_rate_ratio_cis",
    "is_log_symmetric", "km_median_ci", "km_table", "logrank", "mean_bounds", "mean_sd_from_quantiles",
    "median_range_envelope", "median_range_feasible", "min_rank_test_p", "minimum_detectable_effect",
    "missing_data_bounds", "one_sided_lower", "one_sided_upper", "overlap", "p_from_ci", "p_from_difference_ci",
    "p_from_statistic", "p_value_consistent", "percent_reduction", "pinned_envelope", "poisson_ci", "printed_interval",
    "rank_test_power", "rate_ratio", "ratio_ci_check", "ratio_range", "rounding_aware_p_range", "rounding_interval",
    "rounds_to", "rule_of_three", "sample_sorted", "se_from_ci", "se_from_difference_ci", "se_from_p",
    "stouffer_combined_p", "t_test_power", "wald_readings", "z_value", "zero_event_upper_bounds",
]
