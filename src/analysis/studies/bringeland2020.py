"""Bringeland et al. 2020: NEDA at one year, wearing-off, and an association that cannot be tested.

Sources: B1, B2 (J Neurol Sci 2020;415:116880, abstract), B3 (its abstract and highlights), C1 (the companion
paper on the same 40 patients, Neurol Neuroimmunol Neuroinflamm 2020;7:e678, abstract), and
the comparison cohorts VK2019 (van Kempen, Neurology 2019;93:e1579) and RA2014 (Ratchford,
Int J MS Care 2014), all transcribed in ``data/values/bringeland2020.csv``.

One function per section of ``notebooks/01_bringeland2020_neda.ipynb``. Each takes the
loaded values (``data.reported(STUDY)``), the notebook's :class:`~analysis.findings.Ledger`
and the notebook's parameters as keyword arguments, starts the section with
:meth:`Ledger.section`, adds that section's ledger rows and returns its tables.
:func:`check_parameters` validates the parameters first. The functions after
:func:`not_recomputable` answer the notebook's exercises and add no ledger rows.
The ``reading_*`` functions (``answer_*`` for worked answers) return the notebook's paragraph about a
section's results as Markdown with the computed numbers in it (:func:`analysis.findings.prose.say`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from pydantic import Field, field_validator
from statsmodels.stats.proportion import proportion_confint

from analysis import data
from analysis.findings import Ledger, prose
from analysis.findings.prose import Prose
from analysis.stats import association, consistency, proportions
from analysis.studies import parameters
from analysis.studies.parameters import Real, StudyParameters
from analysis.studies.shared import cited

STUDY = "bringeland2020"
OUTCOMES = ("worst", "best", "both")  # lost_to_follow_up_outcome
# contrast key -> (what is compared, the C1 groups that make up the "group")
CONTRASTS = {
    "regular": ("regular vs sometimes or never", ("regular",)),
    "any": ("regular or sometimes vs never", ("regular", "sometimes")),
}
GROUPS = ("regular", "sometimes", "never")
# The comparison cohorts: (study, source, category, percentage quantity, denominator quantity).
# Their abstracts give no denominator for the percentages other than the cohort size,
# so the percentages are ASSUMED to be of all 93 (van Kempen) and all 100 (Ratchford).
OTHER_COHORTS = (
    ("van Kempen 2019", "VK2019", "ever", "vankempen2019_wearing_off_ever_pct", "vankempen2019_patients"),
    ("van Kempen 2019", "VK2019", "current", "vankempen2019_wearing_off_current_pct", "vankempen2019_patients"),
    ("Ratchford 2014", "RA2014", "current", "ratchford2014_wearing_off_current_pct", "ratchford2014_surveyed"),
    ("Ratchford 2014", "RA2014", "previous", "ratchford2014_wearing_off_previous_pct", "ratchford2014_surveyed"),
    ("Ratchford 2014", "RA2014", "never", "ratchford2014_wearing_off_never_pct", "ratchford2014_surveyed"),
)
_KEY_PART = {"van Kempen 2019": "vankempen", "Ratchford 2014": "ratchford"}


class Parameters(StudyParameters):
    """Notebook 01's parameters cell, declared once: types, bounds and defaults (checked by ``analysis run``
    before a kernel starts and by :func:`check_parameters` in the notebook). No parameter sets a size: the
    contrasts are at most the keys of :data:`CONTRASTS`."""

    level: Real = Field(0.95, gt=0, lt=1, description="a number strictly between 0 and 1 (e.g. 0.95)")
    lost_to_follow_up_outcome: Literal[OUTCOMES] = Field("both", description=f"one of {list(OUTCOMES)}")
    contrasts: tuple[Literal[tuple(CONTRASTS)], ...] = Field(
        ("regular", "any"), min_length=1, max_length=len(CONTRASTS),
        description=f"a non-empty tuple of distinct names from {list(CONTRASTS)} (e.g. ('regular',) or "
                    "('regular', 'any'))")

    @field_validator("contrasts")
    @classmethod
    def _distinct(cls, contrasts: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(contrasts)) != len(contrasts):
            raise ValueError(f"a non-empty tuple of distinct names from {list(CONTRASTS)}")
        return contrasts


def check_parameters(**values) -> None:
    """Refuse a parameter of notebook 01 outside :class:`Parameters`: ``ValueError`` naming the parameter,
    what is allowed and the value it got."""
    parameters.check(Parameters, values)


def _counts(values: Mapping) -> tuple[int, int, int, int]:
    """Cohort, followed, NEDA and lost (cohort - followed), as printed in B1/B2."""
    cohort, followed = values["cohort_patients"].count, values["followed_up_1y"].count
    return cohort, followed, values["neda_1y"].count, cohort - followed


def _group_counts(values: Mapping) -> dict[str, int]:
    return {name: values[f"wearing_off_{name}"].count for name in GROUPS}


def _contrast_size(values: Mapping, contrast: str) -> int:
    groups = _group_counts(values)
    return sum(groups[g] for g in CONTRASTS[contrast][1])


def _contrast_inputs(contrast: str) -> tuple[str, ...]:
    """The quantities a contrast's group sizes and splits rest on: the cohort, the followed, the NEDA count (0 events
    among the followed) and the wearing-off counts that make up the group."""
    return ("cohort_patients", "followed_up_1y", "neda_1y", *(f"wearing_off_{g}" for g in CONTRASTS[contrast][1]))


def _shown_or(series: pd.Series) -> pd.Series:
    """Odds ratios as text, with 0/0 spelled out (for display)."""
    return series.map(lambda v: "undefined (0/0)" if pd.isna(v) else f"{v:.3g}")


# --- 1. NEDA among the followed -------------------------------------------------------------------------------

@dataclass(frozen=True)
class NedaFollowed:
    counts: pd.DataFrame  # cohort, followed, NEDA, not followed
    intervals: pd.DataFrame  # one row per interval method
    closed_forms: pd.DataFrame  # the exact bounds' closed forms at 35 of 35
    exact_low: float  # lower end of the exact two-sided interval (for the notebook's prose)
    one_sided_low: float  # exact one-sided lower bound
    rule_of_three_low: float  # 1 - 3/n


def neda_followed(values: Mapping, findings: Ledger, *, level: float) -> NedaFollowed:
    """NEDA among the 35 followed: Wald, Wilson, exact (Clopper-Pearson) two- and one-sided, rule of three.

    Clopper-Pearson (Clopper & Pearson, Biometrika 1934;26:404-413) by
    :func:`analysis.stats.proportions.exact_ci` and :func:`~analysis.stats.proportions.one_sided_lower`;
    at ``k = n`` its lower end is ``(alpha/2)**(1/n)`` (one-sided ``alpha**(1/n)``). Wald and Wilson
    (Wilson, JASA 1927;22:209-212) by ``statsmodels.stats.proportion.proportion_confint``; rule of three
    (Hanley & Lippman-Hand, JAMA 1983;249:1743-1745), a 95 % rule whatever ``level`` is.
    """
    findings.section("neda_followed")
    cohort, followed, neda, lost = _counts(values)
    findings.by_construction("followed_within_cohort", f"followed at 1 year ({followed}) does not exceed the cohort "
                             f"({cohort}): the data schema refuses a count above its denominator, so this cannot "
                             "fail; not a check", **cited(values, "followed_up_1y", "cohort_patients"),
                             reported=followed, recomputed=cohort)
    findings.by_construction("neda_equals_followed", f"NEDA count equals the number followed ({neda} = {followed}): "
                             "the abstract says 'all' followed met NEDA, so the NEDA count was transcribed as the "
                             "number followed; not a check", **cited(values, "neda_1y", "followed_up_1y"),
                             reported=neda, recomputed=followed)
    findings.derived("lost_to_follow_up", f"patients not followed at 1 year ({cohort} - {followed})", lost,
                     **cited(values, "cohort_patients", "followed_up_1y"))
    alpha = 1 - level
    exact = proportions.exact_ci(neda, followed, level)
    one_sided = proportions.one_sided_lower(neda, followed, level)
    rule3 = 1 - proportions.rule_of_three(followed)
    wald = proportion_confint(neda, followed, alpha=alpha, method="normal")
    wilson = proportion_confint(neda, followed, alpha=alpha, method="wilson")
    estimate = neda / followed
    intervals = pd.DataFrame(
        [("Wald (normal approximation)", "two-sided", estimate, *wald),
         ("Wilson score", "two-sided", estimate, *wilson),
         ("Clopper-Pearson (exact)", "two-sided", estimate, *exact),
         ("Clopper-Pearson (exact)", "one-sided lower", estimate, one_sided, 1.0),
         (f"rule of three, 1 - 3/{followed} (95 % only)", "one-sided lower", estimate, rule3, 1.0)],
        columns=["method", "kind", "estimate", "low", "high"])
    closed_forms = pd.DataFrame(
        [(f"(alpha/2)^(1/{followed})", "exact two-sided lower end", (alpha / 2) ** (1 / followed)),
         (f"alpha^(1/{followed})", "exact one-sided lower bound", alpha ** (1 / followed))],
        columns=["closed form", "is", "value"])
    # The exact two-sided CI of 35/35 is the automatic check count_ci of neda_1y (section "Automatic checks").
    proportion = cited(values, "neda_1y", "followed_up_1y")
    findings.derived("neda_one_sided_lower", f"NEDA among the followed, exact one-sided {100 * level:g}% lower bound",
                     one_sided, **proportion)
    findings.derived("neda_rule_of_three", f"NEDA among the followed, rule of three lower bound (1 - 3/{followed}, "
                     "95 %)", rule3, **proportion)
    findings.derived("neda_wald_width", f"NEDA among the followed, Wald CI width (0: the method fails at "
                     f"{neda}/{followed})", wald[1] - wald[0], **proportion, low=wald[0], high=wald[1],
                     interval="ci", level=level)
    counts = pd.DataFrame([(cohort, followed, neda, lost)], columns=["cohort", "followed", "neda", "not_followed"])
    return NedaFollowed(counts, intervals, closed_forms, exact[0], one_sided, rule3)


def reading_neda(neda: NedaFollowed, *, level: float) -> Prose:
    """Section 1's reading of 35 of 35: the exact two- and one-sided lower bounds beside the rule of three."""
    return prose.say(
        "**Reading it.** At the {level:.0%} level, 35 of 35 is compatible with a true NEDA proportion as low as\n"
        "{exact_low:.2f} (two-sided) or {one_sided_low:.2f} (one-sided): a cohort of this size could show no disease\n"
        "activity in a year by chance even if some patients in the population it comes from would have had some.\n"
        "The rule of three ({rule3:.3f}) lands close to the exact one-sided bound ({one_sided_low:.3f}) "
        "because 35 is\n"
        "large enough for its approximation. Wald's zero-width interval is not a finding but a failure of the method.",
        level=level, exact_low=neda.exact_low, one_sided_low=neda.one_sided_low, rule3=neda.rule_of_three_low)


# --- 2. The five not followed ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class MissingFive:
    scenarios: pd.DataFrame  # NEDA over the cohort for every number of the lost with disease activity
    cases: pd.DataFrame  # the worst and/or best case the parameter asks for
    lowest_bound: float  # the lowest exact lower end over every completion (the worst case's)


def missing_five(values: Mapping, findings: Ledger, *, level: float, lost_to_follow_up_outcome: str) -> MissingFive:
    """NEDA over the whole cohort of 40 for every possible outcome of the 5 not followed (bounding analysis).

    Worst case: every lost patient had disease activity; best case: none did; each completion
    with its exact Clopper-Pearson interval over 40 (:func:`analysis.stats.proportions.missing_data_bounds`,
    :func:`~analysis.stats.proportions.exact_ci`; worst/best-case analysis for missing binary outcomes:
    Higgins JPT, White IR, Wood AM. Clin Trials 2008;5:225-239). No assumption about why they were lost.
    """
    findings.section("missing_five")
    cohort, followed, neda, lost = _counts(values)
    bounds = proportions.missing_data_bounds(neda, followed, cohort, level)
    counts = cited(values, "neda_1y", "followed_up_1y", "cohort_patients")
    scenarios = pd.DataFrame(
        [(k, neda + lost - k, cohort, (neda + lost - k) / cohort, *proportions.exact_ci(neda + lost - k, cohort, level))
         for k in range(lost, -1, -1)],
        columns=["lost_with_activity", "neda", "n", "proportion", "low", "high"])
    cases = []
    if lost_to_follow_up_outcome in ("worst", "both"):
        findings.reconstruction("neda_worst_case", f"NEDA over {cohort}, worst case (assumed: all {lost} not followed "
                                "had disease activity), exact CI", bounds.worst.estimate, **counts,
                                low=bounds.worst.low, high=bounds.worst.high, interval="ci", level=level)
        cases.append(("worst", f"{neda}/{cohort}", bounds.worst.estimate, bounds.worst.low, bounds.worst.high))
    if lost_to_follow_up_outcome in ("best", "both"):
        findings.reconstruction("neda_best_case", f"NEDA over {cohort}, best case (assumed: none of the {lost} not "
                                "followed had disease activity), exact CI", bounds.best.estimate, **counts,
                                low=bounds.best.low, high=bounds.best.high, interval="ci", level=level)
        cases.append(("best", f"{neda + lost}/{cohort}", bounds.best.estimate, bounds.best.low, bounds.best.high))
    findings.reconstruction("neda_range_over_cohort", f"NEDA proportion over {cohort}: range over every outcome of "
                            f"the {lost} not followed ({neda}/{cohort} to {neda + lost}/{cohort}); a derived range, "
                            "not a check", **counts, low=scenarios["proportion"].min(),
                            high=scenarios["proportion"].max(), interval="feasible")
    lowest_bound = scenarios["low"].min()
    findings.reconstruction("neda_lowest_bound", f"lowest NEDA over {cohort} any completion allows (worst-case exact "
                            "lower bound)", lowest_bound, **counts)
    return MissingFive(scenarios, pd.DataFrame(cases, columns=["case", "neda", "estimate", "low", "high"]),
                       lowest_bound)


def reading_missing_five(neda: NedaFollowed, missing: MissingFive) -> Prose:
    """Section 2's reading: the lower bound among the 35 followed against the worst case over all 40."""
    return prose.say(
        "**What the 5 could change.** Among the followed, the data exclude a NEDA proportion below about\n"
        "{exact_low:.2f}. Over the whole cohort, the worst case (35/40) is compatible with NEDA as low as about\n"
        "{worst_low:.2f}. \"All patients met NEDA\" is a statement about the 35, not the 40, and the gap between\n"
        "these two lower bounds is the price of not knowing what happened to 5 patients.",
        exact_low=neda.exact_low, worst_low=missing.lowest_bound)


# --- 3. Wearing-off in this cohort ----------------------------------------------------------------------------

@dataclass(frozen=True)
class WearingOff:
    checks: pd.DataFrame  # printed percentages recomputed from the printed counts
    sums: pd.DataFrame  # counts and percentages summed
    prevalence: pd.DataFrame  # each group (and regular or sometimes) with its exact CI


def wearing_off(values: Mapping, findings: Ledger, *, level: float) -> WearingOff:
    """C1's wearing-off groups: printed percentages recomputed from printed counts, and exact CIs.

    A printed percentage with d decimals stands for every value within half a unit of its last place
    (:func:`analysis.stats.consistency.rounds_to`, either rounding rule). Intervals are Clopper-Pearson
    (:func:`analysis.stats.proportions.exact_ci`).
    """
    findings.section("wearing_off")
    cohort = values["cohort_patients"].count
    groups = _group_counts(values)
    rows = []
    for name, k in groups.items():
        printed = values[f"wearing_off_{name}_pct"]
        recomputed = 100 * k / cohort
        rows.append((name, k, printed.value, recomputed,
                     consistency.rounds_to(recomputed, printed.value, printed.decimals)))
    checks = pd.DataFrame(rows, columns=["group", "count", "printed %", "recomputed %", "rounds to printed"])
    total = sum(groups.values())
    findings.consistency("wearing_off_groups_sum", f"wearing-off groups add up to the cohort "
                         f"({' + '.join(map(str, groups.values()))} = {cohort}; counts and cohort printed separately)",
                         total == cohort, reported=cohort,
                         **cited(values, *(f"wearing_off_{name}" for name in groups), "cohort_patients"),
                         recomputed=total)
    pct_total = sum(values[f"wearing_off_{name}_pct"].value for name in groups)
    # Each k/40 is a multiple of 2.5 %, exact at one decimal: once every printed percentage rounds from its count
    # (the automatic checks) and the counts add up to 40 (wearing_off_groups_sum), the percentages add up to 100.0.
    repeated = ", ".join([*(f"auto_percent_recompute__wearing_off_{name}_pct" for name in groups),
                          "wearing_off_groups_sum"])
    findings.by_construction("wearing_off_pct_sum", "wearing-off percentages add up to 100.0: implied by the counted "
                             f"checks {repeated} (each k/{cohort} is exact at one decimal), so it repeats them and is "
                             "not counted again", **cited(values, *(f"wearing_off_{name}_pct" for name in groups)),
                             reported=100.0, recomputed=pct_total)
    sums = pd.DataFrame([("counts", total, cohort), ("percentages", pct_total, 100.0)],
                        columns=["summed", "total", "expected"])
    with_any = dict(groups, any=groups["regular"] + groups["sometimes"])
    prevalence = pd.DataFrame(
        [(name, k, cohort, k / cohort, *proportions.exact_ci(k, cohort, level)) for name, k in with_any.items()],
        columns=["group", "count", "n", "proportion", "low", "high"])
    # Each printed group's percentage and exact CI are automatic checks (percent_recompute, count_ci);
    # the "any" group is the sum of two printed groups, so its CI is recorded here.
    any_row = prevalence.iloc[-1]
    findings.derived("wearing_off_any_ci", f"any wearing-off (regular or sometimes): {any_row['count']}/{cohort}, "
                     "exact CI", any_row["proportion"],
                     **cited(values, "wearing_off_regular", "wearing_off_sometimes", "cohort_patients"),
                     low=any_row["low"], high=any_row["high"], interval="ci", level=level)
    return WearingOff(checks, sums, prevalence)


# --- 4. Beside two other cohorts -------------------------------------------------------------------------------

@dataclass(frozen=True)
class OtherCohorts:
    grim: pd.DataFrame  # counts consistent with each rounded percentage over the assumed denominator
    relations: pd.DataFrame  # the checks between the printed percentages
    comparison: pd.DataFrame  # every cohort's categories with exact CIs


def other_cohorts(values: Mapping, findings: Ledger, *, level: float) -> OtherCohorts:
    """Counts behind van Kempen's and Ratchford's rounded percentages (GRIM), and exact CIs beside Bringeland's.

    A count ``k`` of ``n`` fits a printed percentage when ``100k/n`` rounds to it (GRIM: Brown NJL, Heathers JAJ.
    Soc Psychol Personal Sci 2017;8:363-369), by :func:`analysis.stats.consistency.grim_numerators`. ASSUMED:
    the percentages are of the whole cohorts (93 and 100), the only denominators the abstracts give. With
    n = 100 every whole percentage P is the count P, so those GRIM rows cannot fail (``by_construction``);
    with n = 93 some whole percentages fit no count, so those rows are checks. Intervals: Clopper-Pearson.
    """
    findings.section("other_cohorts")
    rows, pinned = [], {}
    for study, _, category, pct_key, n_key in OTHER_COHORTS:
        printed, n = values[pct_key], values[n_key].count
        counts = consistency.grim_numerators(printed.value, printed.decimals, n)
        key = f"{_KEY_PART[study]}_{category}_grim"
        text = (f"{study} {category} {printed.value:.0f} % of {n}: counts consistent with the rounding "
                f"(denominator {n} assumed)")
        low, high = min(counts, default=None), max(counts, default=None)
        value = counts[0] if len(counts) == 1 else None
        can_fail = not (n == 100 and printed.decimals == 0)
        if not can_fail:
            findings.by_construction(key, text + "; with n = 100 a whole percentage P is the count P, so this cannot "
                                     "fail", **cited(values, pct_key, n_key), kind="reconstruction",
                                     recomputed=value, low=low, high=high, interval="feasible")
        else:
            findings.reconstruction(key, text, value, **cited(values, pct_key, n_key), low=low, high=high,
                                    interval="feasible" if counts else None, feasible=bool(counts))
        rows.append((study, category, printed.value, n, ", ".join(map(str, counts)), "yes" if value else "no",
                     "check" if can_fail else "by construction"))
        if value is not None:
            pinned[(study, category)] = value
    grim = pd.DataFrame(rows, columns=["study", "category", "printed %", "n", "consistent counts", "pinned", "row"])

    pct = {c: values[f"ratchford2014_wearing_off_{c}_pct"].value for c in ("current", "previous", "never")}
    findings.consistency("ratchford_pct_sum", "Ratchford categories add up to 100 % (57 + 10 + 33; current, previous "
                         "and never assumed exhaustive and of the same respondents)", sum(pct.values()) == 100,
                         **cited(values, *(f"ratchford2014_wearing_off_{c}_pct" for c in pct)), reported=100,
                         recomputed=sum(pct.values()))
    ever = values["vankempen2019_wearing_off_ever_pct"].value
    current = values["vankempen2019_wearing_off_current_pct"].value
    findings.consistency("vankempen_current_within_ever", f"van Kempen current ({current:.0f} %) does not exceed "
                         f"ever ({ever:.0f} %), both assumed of the same 93", current <= ever,
                         **cited(values, "vankempen2019_wearing_off_current_pct", "vankempen2019_wearing_off_ever_pct"),
                         reported=current, recomputed=ever)
    n_ra = values["ratchford2014_surveyed"].count
    ra = {c: pinned[("Ratchford 2014", c)] for c in ("current", "previous", "never")}
    findings.by_construction("ratchford_counts_sum", f"Ratchford reconstructed counts add up to the {n_ra} surveyed: "
                             "over 100 each count equals its percentage, so this repeats ratchford_pct_sum",
                             **cited(values, *(f"ratchford2014_wearing_off_{c}_pct" for c in ra),
                                     "ratchford2014_surveyed"), reported=n_ra, recomputed=sum(ra.values()))
    relations = pd.DataFrame(
        [("Ratchford 57 + 10 + 33 (%)", sum(pct.values()), 100, sum(pct.values()) == 100),
         ("van Kempen current vs ever (%)", current, ever, current <= ever)],
        columns=["relation", "value", "against", "holds"])

    cohort = values["cohort_patients"].count
    groups = _group_counts(values)
    n_vk = values["vankempen2019_patients"].count
    entries = [
        ("Bringeland 2020", "C1", "regular", groups["regular"], cohort, False),
        ("Bringeland 2020", "C1", "regular or sometimes", groups["regular"] + groups["sometimes"], cohort, False),
        ("Bringeland 2020", "C1", "never", groups["never"], cohort, False),
        ("van Kempen 2019", "VK2019", "ever", pinned[("van Kempen 2019", "ever")], n_vk, True),
        ("van Kempen 2019", "VK2019", "current", pinned[("van Kempen 2019", "current")], n_vk, True),
        ("Ratchford 2014", "RA2014", "ever (current or previous)", ra["current"] + ra["previous"], n_ra, True),
        ("Ratchford 2014", "RA2014", "current", ra["current"], n_ra, True),
        ("Ratchford 2014", "RA2014", "previous", ra["previous"], n_ra, True),
        ("Ratchford 2014", "RA2014", "never", ra["never"], n_ra, True),
    ]
    comparison = pd.DataFrame(
        [(study, source, what, k, n, k / n, *proportions.exact_ci(k, n, level), rebuilt)
         for study, source, what, k, n, rebuilt in entries],
        columns=["study", "source", "category", "count", "n", "proportion", "low", "high", "rebuilt"])
    # The printed percentages and the denominator each reconstructed count rests on.
    rebuilt_from = {("van Kempen 2019", c): (f"vankempen2019_wearing_off_{c}_pct", "vankempen2019_patients")
                    for c in ("ever", "current")}
    rebuilt_from |= {("Ratchford 2014", c): (f"ratchford2014_wearing_off_{c}_pct", "ratchford2014_surveyed")
                     for c in ("current", "previous", "never")}
    rebuilt_from["Ratchford 2014", "ever (current or previous)"] = (
        "ratchford2014_wearing_off_current_pct", "ratchford2014_wearing_off_previous_pct", "ratchford2014_surveyed")
    for row in comparison[comparison["rebuilt"]].itertuples():
        category = row.category.split(" ")[0]
        disjoint = ", current and previous assumed disjoint" if "or" in row.category else ""
        findings.derived(f"{_KEY_PART[row.study]}_{category}_ci", f"{row.study} {row.category}: {row.count}/{row.n} "
                         f"(count reconstructed from the rounded %, denominator {row.n} assumed{disjoint}), exact CI",
                         row.proportion, **cited(values, *rebuilt_from[row.study, row.category]), low=row.low,
                         high=row.high, interval="ci", level=level)
    return OtherCohorts(grim, relations, comparison)


def reading_categories(values: Mapping, others: OtherCohorts) -> Prose:
    """Section 4's comparison of the wearing-off categories: the printed percentages of the other cohorts
    beside the shares of ``others.comparison``."""
    share = others.comparison.set_index(["study", "category"])["proportion"]
    return prose.say(
        "- *Ever* (van Kempen {vk_ever:.0f} %) is the widest net: anyone who has had it at some point. Its nearest\n"
        "match here is Ratchford's current + previous ({ra_ever:.0%}), not Bringeland's \"regular or sometimes\"\n"
        "({br_any:.1%}), which asks about the present pattern.\n"
        "- *Current* differs between the two other cohorts: van Kempen's {vk_current:.0f} % sits between "
        "Bringeland's\n"
        "*regular* ({br_regular:.1%}) and *regular or sometimes* ({br_any:.1%}), while Ratchford's\n"
        "{ra_current:.0f} % is above both, higher than even Bringeland's broadest present-tense category.",
        vk_ever=values["vankempen2019_wearing_off_ever_pct"].value,
        vk_current=values["vankempen2019_wearing_off_current_pct"].value,
        ra_current=values["ratchford2014_wearing_off_current_pct"].value,
        ra_ever=share["Ratchford 2014", "ever (current or previous)"],
        br_any=share["Bringeland 2020", "regular or sometimes"], br_regular=share["Bringeland 2020", "regular"])


def reading_other_cohorts(others: OtherCohorts) -> Prose:
    """Section 4's reading of the figure: the count, n and exact interval of the three current-wearing-off
    categories compared, from ``others.comparison``."""
    ci = others.comparison.set_index(["study", "category"])
    return prose.say(
        "**Reading it.** Every reconstructed count is pinned uniquely (a whole percentage of 93 or 100 leaves one\n"
        "count), so the open markers are as good as printed counts *if* the percentages are of the whole cohort\n"
        "(assumed: the abstracts give no other denominator). The intervals for 40 patients are wider than for 93 or\n"
        "100. With that width, the interval for Bringeland's \"regular or sometimes\" ({br_k}/{br_n}: "
        "{br_low:.2f} to\n"
        "{br_high:.2f}) overlaps both van Kempen's \"current\" ({vk_k}/{vk_n}: {vk_low:.2f} to {vk_high:.2f}), which\n"
        "lies lower, and Ratchford's \"current\" ({ra_k}/{ra_n}: {ra_low:.2f} to {ra_high:.2f}), which lies higher.\n"
        "The three cohorts differ in how wearing-off was defined and in design (a survey of responders against a\n"
        "clinic cohort), and these differences alone could produce such a spread; none of these comparisons "
        "is a test,\n"
        "so they cannot say whether the populations differ.",
        br_k=ci.loc[("Bringeland 2020", "regular or sometimes"), "count"],
        br_n=ci.loc[("Bringeland 2020", "regular or sometimes"), "n"],
        br_low=ci.loc[("Bringeland 2020", "regular or sometimes"), "low"],
        br_high=ci.loc[("Bringeland 2020", "regular or sometimes"), "high"],
        vk_k=ci.loc[("van Kempen 2019", "current"), "count"], vk_n=ci.loc[("van Kempen 2019", "current"), "n"],
        vk_low=ci.loc[("van Kempen 2019", "current"), "low"], vk_high=ci.loc[("van Kempen 2019", "current"), "high"],
        ra_k=ci.loc[("Ratchford 2014", "current"), "count"], ra_n=ci.loc[("Ratchford 2014", "current"), "n"],
        ra_low=ci.loc[("Ratchford 2014", "current"), "low"], ra_high=ci.loc[("Ratchford 2014", "current"), "high"])


# --- 5. No association test -------------------------------------------------------------------------------------

def no_association(values: Mapping, findings: Ledger, *, contrasts: Sequence[str]) -> pd.DataFrame:
    """Fisher's exact test on every split of the 35 followed the margins allow (every one has 0 events).

    Feasible numbers followed in a group: :func:`analysis.stats.association.feasible_followed` (the support of a
    hypergeometric distribution); tests: :func:`~analysis.stats.association.fisher_on_every_split`
    (``scipy.stats.fisher_exact``; Fisher 1934). With no events the only table with the margins has conditional
    probability 1, so p = 1 and the odds ratio is 0/0 on every split: nothing to compare.
    Returns one row per contrast and split (odds ratio as text).
    """
    findings.section("no_association")
    cohort, followed, neda, lost = _counts(values)
    events = followed - neda  # 0: every followed patient met NEDA
    tables = []
    for contrast in contrasts:
        name, _ = CONTRASTS[contrast]
        size = _contrast_size(values, contrast)
        feasible = association.feasible_followed(size, cohort, followed)
        findings.reconstruction(f"followed_in_{contrast}_group", f"followed in the {contrast} wearing-off group "
                                f"({size} of {cohort}, {lost} lost): {len(feasible)} possible sizes; a derived range "
                                "(the margins always allow one), not a check", len(feasible),
                                **cited(values, *_contrast_inputs(contrast)),
                                low=feasible.start, high=feasible.stop - 1, interval="feasible")
        splits = association.fisher_on_every_split(size, cohort, followed, events)
        findings.reconstruction(f"fisher_splits_{contrast}", f"Fisher p on every feasible split, {name}, {events} "
                                "events among the followed (p = 1 is a property of the empty table)",
                                **cited(values, *_contrast_inputs(contrast)), low=splits["p_value"].min(),
                                high=splits["p_value"].max(),
                                interval="feasible")
        tables.append(splits.assign(contrast=contrast, odds_ratio=_shown_or(splits["odds_ratio"])))
    findings.not_recomputable("association_not_testable", "association of wearing-off with disease activity: stated "
                              "without a test or p value, and none is possible: all followed met NEDA (zero events; "
                              "split of the 35 by group not reported)", **cited(values, "neda_1y", "followed_up_1y"))
    table = pd.concat(tables, ignore_index=True)
    return table[["contrast", "followed_in_group", "followed_outside", "events_in_group", "events_outside",
                  "odds_ratio", "p_value"]].rename(columns={"followed_in_group": "in_group", "followed_outside":
                                                             "outside", "events_in_group": "events_in",
                                                             "events_outside": "events_out"})


def followed_in_groups(findings: Ledger, *, contrasts: Sequence[str]) -> list[Prose]:
    """One sentence per contrast asked for: the fewest and most of the 35 followed who can have been in its group,
    read from the ledger rows ``followed_in_<contrast>_group`` that :func:`no_association` adds."""
    group_names = {"regular": "were in the regular group", "any": "had any wearing-off"}
    sentences = []
    for contrast in contrasts:
        rows = findings[f"followed_in_{contrast}_group"]
        sentences.append(prose.say("Between {low:.0f} and {high:.0f} of the 35 followed {group}.",
                                   low=rows.low, high=rows.high, group=group_names[contrast]))
    return sentences


@dataclass(frozen=True)
class GroupBounds:
    bounds: pd.DataFrame  # per contrast and split: exact one-sided upper bound in and outside the group
    rule_of_three: pd.DataFrame  # the rule of three against the exact 95 % bound


def group_bounds(values: Mapping, findings: Ledger, *, level: float, contrasts: Sequence[str]) -> GroupBounds:
    """What each wearing-off group can still claim: with 0 of n events the risk is at most ``1 - (1-level)**(1/n)``.

    Exact one-sided Clopper-Pearson upper bound (:func:`analysis.stats.association.zero_event_upper_bounds`)
    for every feasible group size, beside the rule of three 3/n (Hanley & Lippman-Hand, JAMA
    1983;249:1743-1745), and the smallest n from which the rule stays within 10 % of the exact 95 % bound.
    """
    findings.section("group_bounds")
    cohort, followed, _, _ = _counts(values)
    tables = []
    for contrast in contrasts:
        size = _contrast_size(values, contrast)
        inside = list(association.feasible_followed(size, cohort, followed))
        outside = [followed - a for a in inside]
        bound_in = association.zero_event_upper_bounds(inside, level)["upper_bound"].to_numpy()
        bound_out = association.zero_event_upper_bounds(outside, level)["upper_bound"].to_numpy()
        table = pd.DataFrame({"contrast": contrast, "in_group": inside, "outside": outside, "bound_in": bound_in,
                              "bound_out": bound_out, "rule3_in": [proportions.rule_of_three(n) for n in inside]})
        group = "regular" if contrast == "regular" else "any wearing-off"
        rest = "sometimes or never" if contrast == "regular" else "never"
        for where, label, sizes, bound in (("in", group, inside, bound_in), ("out", rest, outside, bound_out)):
            findings.derived(f"bound_{contrast}_{where}", f"{label} group, 0 events in {min(sizes)} to {max(sizes)} "
                             f"followed: exact one-sided {100 * level:g}% upper bound on disease-activity risk "
                             "(high = smallest group)", bound.min(), **cited(values, *_contrast_inputs(contrast)),
                             low=bound.min(), high=bound.max(), interval="feasible")
        tables.append(table)
    exact95 = {n: proportions.one_sided_upper(0, n, 0.95) for n in range(1, 201)}
    close_from = min(n for n in exact95 if all(proportions.rule_of_three(m) <= 1.1 * exact95[m] for m in range(n, 201)))
    rule = pd.DataFrame([(n, proportions.rule_of_three(n), exact95[n]) for n in (3, 8, close_from, followed)],
                        columns=["n", "rule_of_three", "exact_95"])
    rule["within_10pct"] = rule["rule_of_three"] <= 1.1 * rule["exact_95"]
    return GroupBounds(pd.concat(tables, ignore_index=True), rule)


def reading_group_bounds(bounds: GroupBounds) -> Prose:
    """The exact one-sided 95 % upper bounds of 0 of 3 and 0 of 8 beside the rule of three, from
    ``bounds.rule_of_three``."""
    rule = bounds.rule_of_three.set_index("n")
    return prose.say(
        "At 95 %, 0 of 3 rules out only risks above about {exact_3:.0%}; even 0 of 8 leaves up to about "
        "{exact_8:.0%}.\n"
        "A difference between two groups that each bound the risk this loosely cannot be excluded either. "
        "The rule of\n"
        "three gives {rule_3:.0f} at n = 3 (no information at all) against the exact {exact_3:.2f}, and\n"
        "{rule_8:.3f} against {exact_8:.2f} at n = 8.",
        exact_3=rule.loc[3, "exact_95"], exact_8=rule.loc[8, "exact_95"], rule_3=rule.loc[3, "rule_of_three"],
        rule_8=rule.loc[8, "rule_of_three"])


@dataclass(frozen=True)
class LostCompletions:
    completions: pd.DataFrame  # Fisher's test on every complete table over the 40
    extremes: pd.DataFrame  # per contrast and direction, the completion with the smallest p


def lost_completions(values: Mapping, findings: Ledger, *, contrasts: Sequence[str],
                     lost_to_follow_up_outcome: str) -> LostCompletions:
    """Fisher's exact test on every complete 2x2 table over the 40 when the lost are ASSUMED to have had events.

    All 5 lost with disease activity under ``"worst"`` or ``"both"``, none under ``"best"``;
    :func:`analysis.stats.association.fisher_on_completions` (Fisher 1934; worst/best case for missing
    binary outcomes: Higgins, White & Wood, Clin Trials 2008;5:225-239).
    """
    findings.section("lost_completions")
    cohort, followed, _, lost = _counts(values)
    lost_events = lost if lost_to_follow_up_outcome in ("worst", "both") else 0
    tables, extremes = [], []
    for contrast in contrasts:
        name, _ = CONTRASTS[contrast]
        completed = association.fisher_on_completions(_contrast_size(values, contrast), cohort, followed, lost_events)
        findings.reconstruction(f"fisher_completions_{contrast}", f"Fisher p over all {cohort} if {lost_events} of the "
                                f"{lost} lost had disease activity (assumed), {name}",
                                **cited(values, *_contrast_inputs(contrast)), low=completed["p_value"].min(),
                                high=completed["p_value"].max(), interval="feasible")
        risk_in = completed["events_in_group"] / completed["n_in_group"]
        risk_out = completed["events_outside"] / completed["n_outside"]
        for direction, rows in (("more", completed[risk_in > risk_out]), ("less", completed[risk_in < risk_out])):
            if len(rows):
                best = rows.loc[rows["p_value"].idxmin()]
                extremes.append((contrast, f"{direction} in group", f"{best.events_in_group}/{best.n_in_group} vs "
                                 f"{best.events_outside}/{best.n_outside}", best.p_value))
        tables.append(completed.assign(contrast=contrast, odds_ratio=_shown_or(completed["odds_ratio"])))
    columns = {"followed_in_group": "followed_in", "events_in_group": "events_in", "n_in_group": "n_in",
               "events_outside": "events_out", "n_outside": "n_out"}
    table = pd.concat(tables, ignore_index=True).rename(columns=columns)
    table = table[["contrast", "followed_in", "lost_in_group", "lost_outside", "events_in", "n_in", "events_out",
                   "n_out", "odds_ratio", "p_value"]].rename(columns={"lost_in_group": "lost_in",
                                                                     "lost_outside": "lost_out"})
    return LostCompletions(table, pd.DataFrame(extremes, columns=["contrast", "activity", "table", "smallest_p"]))


def reading_completions(lost: LostCompletions, *, contrasts: Sequence[str]) -> list[Prose]:
    """The reading of the complete tables over the 40, one text per paragraph, the last being the closing one:
    for each contrast asked for, the smallest p with all 5 lost patients' events in the group and with all outside
    it (``lost.extremes``); when the lost patients are assumed to have had no events, why nothing can move."""
    extreme = lost.extremes.set_index(["contrast", "activity"])
    names = {"regular": "*regular* wearing-off", "any": "*any* wearing-off (regular or sometimes, against never)"}
    if extreme.empty:  # lost_to_follow_up_outcome = "best": no events anywhere, so nothing to spread
        texts = [prose.say(
            "**Reading it.** In the best case none of the 5 lost patients had disease activity, so every complete\n"
            "table over the 40 has no events at all and gives p = 1 whichever group the 5 were in. Rerun with\n"
            "`lost_to_follow_up_outcome` set to \"worst\" or \"both\" to see how far 5 events could move the "
            "answer.")]
    else:
        texts = [prose.say("**Reading it.** Suppose the 5 lost patients all had disease activity. Where they were "
                           "decides the answer:")]
        for contrast in contrasts:
            texts.append(prose.say(
                "- For {name}:\n"
                "  all 5 in the group ({more}) gives p = {p_more:.5f}, an association with *more* disease activity "
                "in the\n"
                "  group; all 5 outside it ({less}) gives p = {p_less:.3f}, in the **opposite** direction "
                "(wearing-off\n"
                "  going with *less* disease activity).",
                name=names[contrast], more=extreme.loc[(contrast, "more in group"), "table"],
                p_more=extreme.loc[(contrast, "more in group"), "smallest_p"],
                less=extreme.loc[(contrast, "less in group"), "table"],
                p_less=extreme.loc[(contrast, "less in group"), "smallest_p"]))
        texts.append(prose.say(
            "So the 5 missing outcomes decide how strong an association the complete table shows, and in which\n"
            "direction: the conclusion \"no association\" rests entirely on the 35 who were followed."))
    texts.append(prose.say(
        "Among the 35 followed there was nothing to associate. What the data *do* support is narrower: in one "
        "year,\n"
        "none of the 35 followed patients, in any wearing-off group, had disease activity, and the risk in each "
        "group\n"
        "is bounded above by the numbers of the previous table."))
    return texts


# --- 6. What cannot be recomputed -----------------------------------------------------------------------------

def not_recomputable(values: Mapping, findings: Ledger) -> pd.DataFrame:
    """Findings the abstracts state without numbers to check, as ``not_recomputable`` rows (reason in the text);
    returns what ``data/not_reported.csv`` lists as looked for and not found for this study."""
    findings.section("not_recomputable")
    findings.not_recomputable("neda_definition", "NEDA definition (NEDA-3 likely but not stated): components cannot "
                              "be separated", **cited(values, "neda_1y"))
    findings.not_recomputable("fatigue_cognition", "worse fatigue and cognition scores with wearing-off (scales and "
                              "values not reported)", source="B3")
    findings.not_recomputable("receptor_occupancy", "lower natalizumab receptor occupancy in the regular wearing-off "
                              "group (no values, spread or tests)", source="C1")
    findings.not_recomputable("bmi_sick_leave", "higher BMI and more sick leave in the regular group; high BMI with "
                              "low occupancy (no values)", source="C1")
    onset = values["ratchford2014_onset_day_median"]
    findings.not_recomputable("ratchford_onset_day", f"median onset of wearing-off on day {onset.value:.0f} of the "
                              "interval (no per-patient days)", **cited(values, "ratchford2014_onset_day_median"),
                              reported=onset.value)
    gaps = data.load_not_reported()
    return gaps.loc[gaps["study"] == STUDY, ["item", "looked_in"]].reset_index(drop=True)


# --- Exercises (no ledger rows) -------------------------------------------------------------------------------

def patients_needed(target: float = 0.95, level: float = 0.95, n_max: int = 500) -> pd.DataFrame:
    """Smallest n with n of n events-free patients whose lower bound reaches ``target``: exact two-sided
    (``(alpha/2)**(1/n)``), exact one-sided (``alpha**(1/n)``) and the rule of three (``1 - 3/n``)."""
    rules = {"exact two-sided": lambda n: proportions.exact_ci(n, n, level)[0],
             "exact one-sided": lambda n: proportions.one_sided_lower(n, n, level),
             "rule of three": lambda n: 1 - proportions.rule_of_three(n)}
    return pd.DataFrame([(name, next(n for n in range(1, n_max + 1) if bound(n) >= target))
                         for name, bound in rules.items()], columns=["bound", "patients"])


def answer_patients_needed(needed: pd.DataFrame) -> Prose:
    """Worked answer 1 in words: the patients each bound of :func:`patients_needed` needs."""
    needing = needed.set_index("bound")["patients"]
    return prose.say(
        "About {two_sided} event-free patients for the two-sided bound, {one_sided} for the one-sided one, "
        "and the rule\n"
        "of three says {rule3} (3/{rule3} is one in twenty). The 35 in this study are about half of what \"at\n"
        "least 95 % NEDA\" would need.",
        two_sided=needing["exact two-sided"], one_sided=needing["exact one-sided"], rule3=needing["rule of three"])


def p_all_in_group(group_size: int = 8, followed: int = 35, max_events: int = 8) -> pd.DataFrame:
    """Fisher's two-sided p when ``e`` events all fall in a group of ``group_size`` of ``followed`` (nobody lost),
    for ``e = 0 .. max_events`` (:func:`analysis.stats.association.fisher_on_every_split`)."""
    rows = []
    for e in range(max_events + 1):
        splits = association.fisher_on_every_split(group_size, followed, followed, events=e)
        rows.append((e, splits.loc[splits["events_in_group"] == e, "p_value"].iloc[0]))
    return pd.DataFrame(rows, columns=["events_in_group", "p_value"])


def power_table(n_in_group: int = 8, n_outside: int = 27, risks: Sequence[tuple[float, float]] = (
        (0.125, 0.0), (0.25, 0.0), (0.5, 0.0), (0.25, 0.05)), alpha: float = 0.05) -> pd.DataFrame:
    """Exact power of Fisher's test for each (risk in group, risk outside) pair
    (:func:`analysis.stats.association.fisher_power`)."""
    return pd.DataFrame([(r_in, r_out, association.fisher_power(n_in_group, n_outside, r_in, r_out, alpha))
                         for r_in, r_out in risks], columns=["risk_in_group", "risk_outside", "power"])


def answer_power(power: pd.DataFrame) -> Prose:
    """Worked answer 2 in words, from the four rows of the default :func:`power_table`."""
    one_in_eight, one_in_four, _, with_background = power.itertuples(index=False)
    return prose.say(
        "Two events in the regular group against none outside already give p < 0.05 (one event does not). That is a\n"
        "statement about one *observed* table, not about what the study could detect. Power asks how often a real\n"
        "difference would produce a significant table: if the true risk in the regular group were {risk:.0%} "
        "and 0 in\n"
        "the others, 8 patients show a significant table with probability about {power_25:.2f}, so even a difference\n"
        "that large would be missed about one time in three; at a true risk of {risk_low:.1%} the power is "
        "only about\n"
        "{power_12:.2f}. That is with all 35 followed and no disease activity at all outside the group; a "
        "{outside:.0%}\n"
        "background risk outside lowers the power further (last line). The wide upper bounds in section 5 say the\n"
        "same thing from the other side.",
        risk=one_in_four.risk_in_group, power_25=one_in_four.power, risk_low=one_in_eight.risk_in_group,
        power_12=one_in_eight.power, outside=with_background.risk_outside)


def other_denominator(values: Mapping, n: int = 90, level: float = 0.95) -> pd.DataFrame:
    """Ratchford's percentages over another denominator ``n``: the counts GRIM allows for each, and the exact CI
    of the first, beside the counts over the printed 100; the last rows sum the first count of each category."""
    rows, first = [], {}
    for category in ("current", "previous", "never"):
        printed = values[f"ratchford2014_wearing_off_{category}_pct"]
        for denominator in (n, values["ratchford2014_surveyed"].count):
            counts = consistency.grim_numerators(printed.value, printed.decimals, denominator)
            low, high = proportions.exact_ci(counts[0], denominator, level) if counts else (None, None)
            rows.append((category, denominator, ", ".join(map(str, counts)), low, high))
            first[denominator] = first.get(denominator, 0) + (counts[0] if counts else 0)
    rows += [("sum of first counts", denominator, str(total), None, None) for denominator, total in first.items()]
    return pd.DataFrame(rows, columns=["category", "n", "counts", "low", "high"])


def most_counts(n: int, decimals: int = 0) -> int:
    """The most counts ``k`` of ``n`` that any percentage printed with ``decimals`` decimals fits (GRIM,
    :func:`analysis.stats.consistency.grim_numerators`)."""
    printed = [round(i / 10**decimals, decimals) for i in range(100 * 10**decimals + 1)]
    return max(len(consistency.grim_numerators(v, decimals, n)) for v in printed)


def grim_resolution() -> pd.DataFrame:
    """When a printed percentage can fit more than one count, and how few whole percentages 40 patients allow."""
    first_two = next(n for n in range(1, 300) if most_counts(n) >= 2)
    return pd.DataFrame([
        ("largest n where a whole % fits at most one count", first_two - 1),
        ("counts fitting 20 % of 200", ", ".join(map(str, consistency.grim_numerators(20, 0, 200)))),
        ("counts fitting 21 % of 200", ", ".join(map(str, consistency.grim_numerators(21, 0, 200)))),
        ("whole % (of 101) possible with n = 40", sum(bool(consistency.grim_numerators(v, 0, 40)) for v in range(101))),
        ("most counts for a 1-decimal %, n = 1000", most_counts(1000, 1)),
        ("most counts for a 1-decimal %, n = 1001", most_counts(1001, 1)),
    ], columns=["question", "answer"])
