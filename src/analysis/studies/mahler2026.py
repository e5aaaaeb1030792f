"""Mahler et al. 2026, double-seronegative NMOSD: what the printed ratios, intervals and percentages still tell.

One function per section of ``notebooks/02_mahler2026_ds_nmosd.ipynb``. Each takes the
loaded values (``data.reported(STUDY)``), the notebook's :class:`~analysis.findings.Ledger`
and the notebook's parameters as keyword arguments, starts with ``findings.section(...)``,
adds that section's ledger rows and returns its table(s). Nothing here prints or draws
(figures: :mod:`analysis.plots.mahler2026`).
The ``reading_*`` functions (``answer_*`` for worked answers) return the notebook's paragraph about a
section's results as Markdown with the computed numbers in it (:func:`analysis.findings.prose.say`).

The sources are secondary summaries (S1, S2): no per-patient table, no relapse counts, no
patient-years. So nothing refits the authors' models; every result is a range over the
rounding of the printed digits (``consistency.printed_interval``; Brown & Heathers, Soc
Psychol Personal Sci 2017;8:363-369), and every assumption (the number of Bonferroni
comparisons, a Wald test, Bucher's independence, what a denominator counts) is named in
the text of the ledger row that rests on it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated

import pandas as pd
from pydantic import Field, ValidationInfo, field_validator

from analysis.data import Reported
from analysis.findings import Ledger, prose
from analysis.findings.prose import Prose
from analysis.stats import feasible_counts, rates, reported_ratios
from analysis.stats.consistency import grim_counts, printed_interval
from analysis.stats.reported_ratios import CIRange, ratio_ci_check
from analysis.stats.summary_estimates import mean_sd_from_quantiles
from analysis.studies import parameters
from analysis.studies.parameters import Real, StudyParameters, Whole
from analysis.studies.shared import cited

STUDY = "mahler2026"
CLASSES = {"anticd20": "anti-CD20", "nsis": "NSIS", "msdmt": "MS DMT"}
DRUGS = ("rituximab", "mycophenolate", "azathioprine")
# Every printed ratio with a printed CI, with its label and the quantity of its printed p (None: no p printed).
WITH_CI = {
    "irr_anticd20_vs_pretreatment": ("IRR anti-CD20 vs pretreatment", None),
    "irr_nsis_vs_pretreatment": ("IRR NSIS vs pretreatment", None),
    "irr_msdmt_vs_pretreatment": ("IRR MS DMT vs pretreatment", None),
    "hr_anticd20_vs_msdmt": ("Cox HR anti-CD20 vs MS DMT", "p_hr_anticd20_vs_msdmt"),
}


def _arr(c: str) -> str:
    return f"arr_adjusted_{c}"


def printed(values: Mapping, quantity: str) -> tuple[float, float]:
    """The interval of true values a printed number stands for: 0.02 at 2 decimals -> [0.015, 0.025]."""
    r = values[quantity]
    return printed_interval(r.value, r.decimals)


class Parameters(StudyParameters):
    """Notebook 02's parameters cell, declared once: types, bounds and defaults (checked by ``analysis run``
    before a kernel starts and by :func:`check_parameters` in the notebook).

    ``n_max`` and ``n_max_episodes`` bound the denominators enumerated per drug; at most 300 each keeps the
    feasible tables within seconds and 1 GB. The illustrative CIs are one exact interval per assumed relapse
    count and exposure ratio: at most 200 counts and 10 ratios keep them within seconds.
    """

    level: Real = Field(0.95, gt=0, lt=1, description="a number strictly between 0 and 1")
    reported_level: Real = Field(0.95, gt=0, lt=1, description="a number strictly between 0 and 1")
    bonferroni_comparisons: Whole = Field(3, ge=2, le=1000, description="a whole number from 2 to 1000")
    bonferroni_alternatives: list[Annotated[Whole, Field(ge=2, le=1000)]] = Field(
        [2, 6], min_length=1, max_length=10,
        description="a list of 1 to 10 distinct whole numbers from 2 to 1000, other than bonferroni_comparisons")
    n_max: Whole = Field(103, ge=13, le=300, description="a whole number from 13 to 300")
    n_max_episodes: Whole = Field(150, ge=13, le=300, description="a whole number from 13 to 300 (memory)")
    assumed_anticd20_relapses: list[Annotated[Whole, Field(ge=1, le=10_000)]] = Field(
        list(range(1, 61)), min_length=1, max_length=200,
        description="a list of 1 to 200 whole numbers from 1 to 10000")
    assumed_exposure_ratios: list[Annotated[Real, Field(gt=0, le=100)]] = Field(
        [0.5, 1.0, 2.0], min_length=1, max_length=10, description="a list of 1 to 10 numbers above 0, at most 100")

    @field_validator("bonferroni_alternatives")
    @classmethod
    def _alternatives_differ(cls, alternatives: list[int], info: ValidationInfo) -> list[int]:
        main = info.data.get("bonferroni_comparisons")
        if main in alternatives or len(set(alternatives)) < len(alternatives):
            raise ValueError(f"distinct values other than bonferroni_comparisons ({main})")
        return alternatives


def check_parameters(**values) -> None:
    """Refuse a parameter of notebook 02 outside :class:`Parameters`: ``ValueError`` naming the parameter,
    what is allowed and the value it got."""
    parameters.check(Parameters, values)


# --- 1. Ratios between the adjusted ARRs ------------------------------------------------------------------


def arr_ratios(values: Mapping, findings: Ledger) -> pd.DataFrame:
    """Ratios (and percent reductions) between the three adjusted ARRs, as ranges over rounding.

    ``a / b`` over printed intervals by interval arithmetic (``reported_ratios.ratio_range``;
    Moore RE, Interval Analysis, 1966); percent lower ``100 (1 - a / b)``. Also records
    that no CI of an ARR or of a ratio of ARRs can be formed (no counts, exposure or SEs).
    """
    findings.section("arr_ratios")
    rows = []
    pairs = [("anticd20", "nsis"), ("anticd20", "msdmt"), ("nsis", "msdmt")]
    for a, b in pairs:
        point = values[_arr(a)].value / values[_arr(b)].value
        low, high = reported_ratios.ratio_range(printed(values, _arr(a)), printed(values, _arr(b)))
        red_low, red_high = reported_ratios.percent_reduction((low, high))
        src = cited(values, _arr(a), _arr(b))
        findings.derived(f"arr_ratio_{a}_{b}", f"adjusted ARRs, {CLASSES[a]} / {CLASSES[b]}: ratio of the printed "
                         "ARRs (low-high: range over rounding)", point, low=low, high=high, interval="rounding",
                         **src)
        findings.derived(f"arr_reduction_{a}_{b}", f"adjusted ARRs, {CLASSES[a]} vs {CLASSES[b]}: percent lower, "
                         "100 (1 - ratio) (low-high: range over rounding)", 100 * (1 - point), low=red_low,
                         high=red_high, interval="rounding", **src)
        rows.append((f"{CLASSES[a]} / {CLASSES[b]}", values[_arr(a)].value, values[_arr(b)].value, point, low, high,
                     100 * (1 - point), red_low, red_high))
    for c in CLASSES:
        findings.not_recomputable(f"arr_ci_{c}", f"95% CI of the adjusted ARR, {CLASSES[c]} (not reported; no "
                                  "counts, exposure or model SEs)", kind="derived", **cited(values, _arr(c)))
    findings.not_recomputable("arr_ratio_ci_exposure", "exposure-based CI of any ratio of adjusted ARRs (no relapse "
                              "counts or patient-years reported)", kind="derived",
                              **cited(values, *(_arr(c) for c in CLASSES)))
    return pd.DataFrame(rows, columns=["ratio", "ARR a", "ARR b", "a / b", "low", "high", "% lower",
                                       "% lower, low", "% lower, high"])


def reading_arr_ratios(arr_ratios: pd.DataFrame) -> Prose:
    """Section 1's reading: how much lower each adjusted ARR is, from the ``% lower`` column of :func:`arr_ratios`."""
    return prose.say(
        "Anti-CD20's adjusted ARR is about {lower[0]:.0f} % lower than NSIS and {lower[1]:.0f} % lower than MS DMT;\n"
        "NSIS is about {lower[2]:.0f} % lower than MS DMT. Rounding moves these by about one percentage "
        "point, much less than\n"
        "any sampling uncertainty would. The bars below show the three ARRs with their rounding intervals, "
        "which are almost\n"
        "invisible: the error bars that *would* matter, the confidence intervals, were not reported.",
        lower=arr_ratios["% lower"])


# --- 2. Bonferroni-corrected p values ---------------------------------------------------------------------


@dataclass(frozen=True)
class Bonferroni:
    """Section 2: the implied-CI table, the implied ranges per ``(m, class)``, and the cross-checks."""

    table: pd.DataFrame
    implied: dict  # (m, "nsis" | "msdmt") -> CIRange over rounding
    ordering: pd.DataFrame
    bucher: pd.DataFrame


def _bucher_range(values: Mapping, other: str, reported_level: float) -> tuple[tuple, tuple, rates.Indirect]:
    """Bucher's indirect anti-CD20 / other through the pretreatment reference: ratio and SE ranges over rounding."""
    a, b = values["irr_anticd20_vs_pretreatment"], values[f"irr_{other}_vs_pretreatment"]
    se_a = rates.rounding_aware_p_range(a.value, a.ci_low, a.ci_high, a.decimals, reported_level)
    se_b = rates.rounding_aware_p_range(b.value, b.ci_low, b.ci_high, b.decimals, reported_level)
    ratio = reported_ratios.ratio_range(printed(values, "irr_anticd20_vs_pretreatment"),
                                        printed(values, f"irr_{other}_vs_pretreatment"))
    se = (math.hypot(se_a.se_min, se_b.se_min), math.hypot(se_a.se_max, se_b.se_max))
    point = rates.bucher_indirect(a.value, rates.se_from_ci(a.ci_low, a.ci_high, reported_level), b.value,
                                  rates.se_from_ci(b.ci_low, b.ci_high, reported_level), reported_level)
    return ratio, se, point


def bonferroni(values: Mapping, findings: Ledger, *, level: float, reported_level: float,
               bonferroni_comparisons: int, bonferroni_alternatives: Sequence[int]) -> Bonferroni:
    """Raw p, implied SE and implied CI of the anti-CD20 ARR contrasts under each assumed number of comparisons.

    Bonferroni: ``p_adj = min(1, m p)``, so ``p = p_adj / m`` (Dunn OJ, J Am Stat Assoc
    1961;56:52-64; ``reported_ratios.bonferroni_raw_p``). Assuming a Wald z test of the log
    ratio, ``SE = |ln R| / Phi^-1(1 - p/2)`` and ``CI = R exp(-/+ z SE)`` (Altman DG, Bland JM,
    BMJ 2011;343:d2090; ``reported_ratios.ci_from_p_range`` over rounding). Two cross-checks:
    the class with the larger implied SE also has the wider IRR CI; and Bucher's adjusted
    indirect comparison through the shared pretreatment reference (Bucher HC et al., J Clin
    Epidemiol 1997;50:683-691; ``rates.bucher_indirect``) gives an SE from the IRR CIs alone.
    """
    findings.section("bonferroni")
    m_values = [bonferroni_comparisons, *bonferroni_alternatives]
    implied, rows = {}, []
    for m in m_values:
        for other in ("nsis", "msdmt"):
            q = f"p_arr_anticd20_vs_{other}"
            raw = reported_ratios.bonferroni_raw_p(printed(values, q), m)
            estimate = reported_ratios.ratio_range(printed(values, _arr("anticd20")), printed(values, _arr(other)))
            point = values[_arr("anticd20")].value / values[_arr(other)].value
            raw_point = values[q].value / m
            implied[m, other] = ci = reported_ratios.ci_from_p_range(estimate, raw, level)
            low_c, high_c = rates.ci_from_p(point, raw_point, level)
            label = f"adjusted ARR anti-CD20 vs {CLASSES[other]} ({m} comparisons assumed)"
            src = cited(values, q, _arr("anticd20"), _arr(other))
            wald = "(Wald z assumed; low-high: range over rounding)"
            findings.add(f"raw_p_{other}_m{m}", f"{label}: raw p = printed Bonferroni p / {m} (reported: the "
                         "Bonferroni p; low-high: range over rounding)", "derived", "derived", **cited(values, q),
                         reported=values[q].value, recomputed=raw_point, low=raw[0], high=raw[1], interval="rounding")
            findings.derived(f"se_{other}_m{m}", f"{label}: SE of log ARR ratio implied by the raw p {wald}",
                             rates.se_from_p(point, raw_point), low=ci.se_min, high=ci.se_max,
                             interval="rounding", **src)
            findings.derived(f"ci_low_{other}_m{m}", f"{label}: lower {100 * level:g}% CI bound of ARR ratio implied "
                             f"by the raw p {wald}", low_c, low=ci.low_min, high=ci.low_max, interval="rounding",
                             **src)
            findings.derived(f"ci_high_{other}_m{m}", f"{label}: upper {100 * level:g}% CI bound of ARR ratio implied "
                             f"by the raw p {wald}", high_c, low=ci.high_min, high=ci.high_max, interval="rounding",
                             **src)
            rows.append((f"vs {CLASSES[other]}", m, values[q].value, raw_point, raw[0], raw[1], point, ci.se_min,
                         ci.se_max, low_c, high_c, ci.low_min, ci.low_max, ci.high_min, ci.high_max))
    table = pd.DataFrame(rows, columns=["anti-CD20", "m", "p adj", "raw p", "raw min", "raw max", "ratio",
                                        "SE min", "SE max", "CI low", "CI high", "low min", "low max", "high min",
                                        "high max"])
    # Cross-check 1: MS DMT carries the larger SE, in the implied contrasts and in the IRR CIs.
    irr = {c: rates.rounding_aware_p_range(values[f"irr_{c}_vs_pretreatment"].value,
                                           values[f"irr_{c}_vs_pretreatment"].ci_low,
                                           values[f"irr_{c}_vs_pretreatment"].ci_high,
                                           values[f"irr_{c}_vs_pretreatment"].decimals, reported_level)
           for c in ("nsis", "msdmt")}
    ordering = pd.DataFrame(
        [(f"ARR contrast, m = {m}", implied[m, "nsis"].se_min, implied[m, "nsis"].se_max,
          implied[m, "msdmt"].se_min, implied[m, "msdmt"].se_max) for m in m_values]
        + [("IRR CI", irr["nsis"].se_min, irr["nsis"].se_max, irr["msdmt"].se_min, irr["msdmt"].se_max)],
        columns=["SE of", "NSIS min", "NSIS max", "MS DMT min", "MS DMT max"])
    same_order = bool((ordering["MS DMT min"] > ordering["NSIS max"]).all())
    findings.consistency("se_order_msdmt_larger", "MS DMT has the larger SE both in the Bonferroni-implied ARR "
                         f"contrast ({' or '.join(map(str, m_values))} comparisons assumed, Wald z assumed) and in "
                         "the IRR CI, under every reading of the rounding", same_order,
                         **cited(values, "p_arr_anticd20_vs_nsis", "p_arr_anticd20_vs_msdmt",
                                 *(_arr(c) for c in CLASSES), "irr_nsis_vs_pretreatment", "irr_msdmt_vs_pretreatment"))
    findings.not_recomputable("p_nsis_vs_msdmt", "p value for adjusted ARR, NSIS vs MS DMT (not reported; needs "
                              "the model's SEs)", kind="derived", **cited(values, _arr("nsis"), _arr("msdmt")))
    # Cross-check 2: Bucher's indirect comparison through the shared pretreatment reference.
    bucher_rows = []
    for other in ("nsis", "msdmt"):
        ratio, se, point = _bucher_range(values, other, reported_level)
        src = cited(values, "irr_anticd20_vs_pretreatment", f"irr_{other}_vs_pretreatment")
        assumed = ("Bucher's method assumes the two IRRs independent, but they share the patients' pretreatment "
                   "reference")
        findings.derived(f"bucher_ratio_{other}", f"indirect anti-CD20 vs {CLASSES[other]} through the pretreatment "
                         f"reference, IRR / IRR (Bucher; low-high: range over rounding)", point.ratio, low=ratio[0],
                         high=ratio[1], interval="rounding", **src)
        findings.derived(f"bucher_se_{other}", f"indirect anti-CD20 vs {CLASSES[other]}: SE of the log ratio, "
                         f"sqrt(SE1^2 + SE2^2) from the IRR CIs ({assumed}; low-high: range over rounding)", point.se,
                         low=se[0], high=se[1], interval="rounding", **src)
        for m in m_values:
            wald = implied[m, other]
            meets = se[0] <= wald.se_max and wald.se_min <= se[1]
            bucher_rows.append((f"vs {CLASSES[other]}", m, point.ratio, ratio[0], ratio[1], se[0], se[1],
                                wald.se_min, wald.se_max, meets))
        main = implied[bonferroni_comparisons, other]
        findings.consistency(f"bucher_se_{other}_meets_wald", f"anti-CD20 vs {CLASSES[other]}: the Bucher SE from the "
                             f"IRR CIs meets the SE implied by the Bonferroni p ({bonferroni_comparisons} comparisons "
                             f"and Wald z assumed; {assumed}; low-high: the Bucher SE range)",
                             se[0] <= main.se_max and main.se_min <= se[1], low=se[0], high=se[1],
                             interval="rounding", **cited(values, f"p_arr_anticd20_vs_{other}", _arr("anticd20"),
                                                          _arr(other), "irr_anticd20_vs_pretreatment",
                                                          f"irr_{other}_vs_pretreatment"))
    bucher = pd.DataFrame(bucher_rows, columns=["anti-CD20", "m", "Bucher ratio", "ratio min", "ratio max",
                                                "Bucher SE min", "Bucher SE max", "Wald SE min", "Wald SE max",
                                                "meet"])
    return Bonferroni(table, implied, ordering, bucher)


def reading_bonferroni(bonf: Bonferroni, *, bonferroni_comparisons: int) -> Prose:
    """Section 2's reading: the CIs implied under the main number of comparisons, from ``bonf.table``."""
    main = bonf.table.set_index(["m", "anti-CD20"]).loc[bonferroni_comparisons]
    return prose.say(
        "With $m = {m}$ (the main reading) the CI for anti-CD20 / NSIS runs from about {nsis[CI low]:.2f} to\n"
        "{nsis[CI high]:.2f}, and for anti-CD20 / MS DMT from about {msdmt[CI low]:.2f} to "
        "{msdmt[CI high]:.2f}. A larger $m$\n"
        "makes each raw p smaller, the implied SE a little smaller and the intervals slightly narrower; a "
        "smaller $m$ does the\n"
        "opposite (the other rows of the table). The choice of $m$ barely matters here because p enters "
        "through the normal\n"
        "quantile of $1 - p/2$, which changes slowly this far in the tail. Under each reading both CIs "
        "exclude 1, as the p\n"
        "values say they must, and both are wide: the data are compatible with anti-CD20 rates from about "
        "half of the\n"
        "comparator's down to about a tenth of it.",
        m=bonferroni_comparisons, nsis=main.loc["vs NSIS"], msdmt=main.loc["vs MS DMT"])


def reading_bucher(bonf: Bonferroni, arr_ratios: pd.DataFrame, *, bonferroni_comparisons: int) -> Prose:
    """Section 2's Bucher cross-check in words: the indirect ratios and their SE ranges (``bonf.bucher``) beside
    the ARR ratios of :func:`arr_ratios`."""
    bucher = bonf.bucher.set_index(["m", "anti-CD20"]).loc[bonferroni_comparisons]
    return prose.say(
        "The indirect ratios, 0.02 / 0.09 = {nsis[Bucher ratio]:.2f} and 0.02 / 0.13 =\n"
        "{msdmt[Bucher ratio]:.2f}, sit next to the ARR ratios {arr[0]:.3f} and {arr[1]:.3f}, and the SE "
        "ranges meet under\n"
        "every $m$: two different routes through the printed numbers give standard errors of the same size, "
        "which supports\n"
        "the Wald reading of the Bonferroni p values. It is a weak check, not a proof: the anti-CD20 IRR was "
        "printed as 0.02\n"
        "(0.01 to 0.04), so its SE is known only within a wide range (section 4), and the Bucher SE ranges "
        "are wide (about\n"
        "{nsis[Bucher SE min]:.2f} to {nsis[Bucher SE max]:.2f} against NSIS, {msdmt[Bucher SE min]:.2f} to\n"
        "{msdmt[Bucher SE max]:.2f} against MS DMT); any implied SE in those ranges would have met them. It "
        "could have\n"
        "failed: an SE outside them would not.",
        nsis=bucher.loc["vs NSIS"], msdmt=bucher.loc["vs MS DMT"], arr=arr_ratios["a / b"])


# --- 3. How wide could a CI be (ILLUSTRATIVE), and the follow-up -------------------------------------------


@dataclass(frozen=True)
class Widths:
    """Section 3 (ILLUSTRATIVE): exact Poisson CIs under assumed counts, and the width the Bonferroni p implies."""

    curves: dict  # exposure ratio -> DataFrame (reported_ratios.ILLUSTRATIVE_COLUMNS)
    implied_width: tuple[float, float]
    equal_exposure_totals: list[int]  # total relapses whose equal-exposure CI is as wide as the implied one
    ends: pd.DataFrame


def ci_widths(values: Mapping, *, level: float, implied: CIRange, assumed_anticd20_relapses: Sequence[int],
              assumed_exposure_ratios: Sequence[float]) -> Widths:
    """ILLUSTRATIVE exact conditional CIs for 0.17 / 0.76 under assumed relapse counts (no ledger rows).

    For each assumed count the CI is the Clopper-Pearson interval of the binomial share mapped to
    the rate ratio (Breslow NE, Day NE, Statistical Methods in Cancer Research II, IARC 1987,
    section 2.3; ``reported_ratios.illustrative_rate_ratio_cis``). The implied width is
    ``exp(2 z SE)`` over the SE range ``implied`` (section 2, Wald and m assumed).
    """
    z = rates.z_value(level)
    width = (math.exp(2 * z * implied.se_min), math.exp(2 * z * implied.se_max))
    curves = {r: reported_ratios.illustrative_rate_ratio_cis(values[_arr("anticd20")].value,
                                                             values[_arr("nsis")].value,
                                                             list(assumed_anticd20_relapses), r, level)
              for r in assumed_exposure_ratios}
    equal = curves[1.0] if 1.0 in curves else next(iter(curves.values()))
    within = equal[(equal.width_ratio >= width[0]) & (equal.width_ratio <= width[1])]
    ends = pd.DataFrame([(r, int(f.iloc[-1].total_events), f.iloc[-1].low, f.iloc[-1].high)
                         for r, f in curves.items()], columns=["exposure ratio", "relapses", "CI low", "CI high"])
    return Widths(curves, width, sorted({int(t) for t in within.total_events}), ends)


def followup(values: Mapping, findings: Ledger) -> pd.DataFrame:
    """Mean and SD of follow-up from the printed median and IQR, and the patient-years each product gives.

    Luo D et al., Stat Methods Med Res 2018;27:1785-1805 (mean) and Wan X et al., BMC Med
    Res Methodol 2014;14:135 (SD from the IQR), via ``stats.mean_sd_from_quantiles``; both
    assume a roughly symmetric (normal) distribution. The total follow-up is then about
    ``n x mean``; ``n x median`` (what an earlier version used) is not an estimate of it.
    """
    findings.section("ci_width")
    n = values["patients"].count
    median, q1, q3 = (values[f"followup_{q}_years"].value for q in ("median", "q1", "q3"))
    mean, sd = mean_sd_from_quantiles(n, median=median, q1=q1, q3=q3)
    skew = (f"the IQR is lopsided ({median - q1:.1f} below the median, {q3 - median:.1f} above), so follow-up is "
            "right-skewed and the estimate only approximate")
    # The mean and SD themselves are the automatic check mean_sd_estimate of the typed follow-up rows.
    findings.derived("patient_years_median", f"total follow-up, patient-years: {n} x median (a rough product, "
                     "not an estimate of the total; includes untreated time)", n * median,
                     **cited(values, "patients", "followup_median_years"))
    findings.derived("patient_years_mean", f"total follow-up, patient-years: {n} x estimated mean (Luo 2018; "
                     f"assumes a roughly symmetric distribution; {skew}; includes untreated time)", n * mean,
                     **cited(values, "patients", "followup_median_years", "followup_q1_years", "followup_q3_years"))
    return pd.DataFrame([("median (printed)", median, n * median), ("mean (Luo 2018, estimated)", mean, n * mean),
                         ("SD (Wan 2014, estimated)", sd, math.nan)],
                        columns=["follow-up", "years", f"x {n} patients"])


def reading_ci_widths(follow: pd.DataFrame) -> Prose:
    """Section 3's reading of the ILLUSTRATIVE width figure, with the total follow-up of :func:`followup`."""
    return prose.say(
        "**Reading the figure (ILLUSTRATIVE).** With a handful of relapses the exact interval spans more than an\n"
        "order of magnitude and can include 1; with a few hundred it narrows to the ends in the table above. "
        "The width falls\n"
        "on the log scale roughly like $1/\\sqrt{{\\text{{relapses}}}}$, and it depends on how the exposure is "
        "split between the\n"
        "arms (the arm with fewer relapses dominates). The width implied by the Bonferroni p value "
        "corresponds to a Poisson\n"
        "dataset with only a few dozen relapses. The cohort's total follow-up is several hundred "
        "patient-years (about\n"
        "{total[1]:.0f} from the estimated mean, {total[0]:.0f} from the rough 103 x median; both include "
        "untreated time and\n"
        "rest on the estimate's symmetry assumption, see the table above), and at rates of 0.17 to 1.07 per "
        "year the classes\n"
        "probably had more relapses than that. If so, the reported p reflects more uncertainty than a "
        "Poisson model would\n"
        "give, as expected from a model that lets patients differ. That is a plausibility remark, not a "
        "result: none of the\n"
        "counts on the x-axis are data.",
        total=follow["x 103 patients"])


# --- 4. Reported ratios with CIs ----------------------------------------------------------------------------


def ratio_cis(values: Mapping, findings: Ledger, *, reported_level: float) -> pd.DataFrame:
    """Implied SE, Wald p and log symmetry of every printed ratio with a CI (``reported_ratios.ratio_ci_check``).

    Altman DG, Bland JM, BMJ 2011;343:d2304: ``SE = (ln U - ln L) / (2 z)``, ``p = 2 (1 - Phi(|ln E| / SE))``,
    and the estimate at the geometric centre of its bounds, all over rounding. A check that
    cannot fail is recorded as ``by_construction``: a printed CI excluding 1 gives a Wald
    p < 1 - level by the way that p is computed, and a symmetry verdict that every estimate
    printed between the same bounds would also pass is no evidence.
    """
    findings.section("ratio_cis")
    rows = []
    for q, (label, p_q) in WITH_CI.items():
        r = values[q]
        p_kw = {} if p_q is None else {"p_value": values[p_q].value, "p_decimals": values[p_q].decimals,
                                      "p_comparator": values[p_q].comparator}
        check = ratio_ci_check(r.value, r.ci_low, r.ci_high, r.decimals, level=reported_level, **p_kw)
        src = cited(values, q)  # the p implied by the CI uses the ratio and its CI only
        text = f"{label} {r.value:.2f} ({r.ci_low:.2f}-{r.ci_high:.2f})"
        # The implied SE, the log symmetry and (where a p is printed) the Wald p check are automatic checks
        # (ratio_se, ratio_log_symmetry, ratio_p_wald); the table below shows them with the readings behind them.
        findings.derived(f"{q}_p", f"{text}: p implied by the CI (Wald assumed; low-high: range over rounding)",
                         check.p, low=check.p_min, high=check.p_max, interval="rounding", **src)
        if p_q is None:
            findings.by_construction(f"{q}_p_below_005", f"{text}: the Wald p implied by a "
                                     f"{100 * reported_level:g}% CI that excludes 1 is below "
                                     f"{1 - reported_level:.2g} under every reading of the rounding; this holds by "
                                     "how that p is computed from the CI (no p printed)", recomputed=check.p,
                                     low=check.p_min, high=check.p_max, interval="rounding", **src)
        rows.append((label.replace(" vs pretreatment", ""), f"{r.value:.2f} ({r.ci_low:.2f}-{r.ci_high:.2f})",
                     check.se, check.se_min, check.se_max, check.p, check.p_min, check.p_max,
                     check.p_reported or f"< {1 - reported_level:.2g}", check.p_agrees_some, check.p_agrees_every,
                     check.centre, check.centre_min, check.centre_max, check.log_symmetric, check.symmetry_can_fail))
    return pd.DataFrame(rows, columns=["ratio", "printed", "SE", "SE min", "SE max", "p", "p min", "p max",
                                       "p printed", "some", "every", "E/sqrt(LU)", "min", "max", "symmetric",
                                       "can fail"])


def reading_ratio_cis(checks: pd.DataFrame) -> Prose:
    """Section 4's reading of :func:`ratio_cis`: the Cox HR's least significant p, the anti-CD20 IRR's SE range."""
    ratio = checks.set_index("ratio")
    return prose.say(
        "**What the table says.** Every CI implies a p value far below its threshold under *every* reading of the\n"
        "rounded digits, so nothing is inconsistent there; for the Cox HR the least significant reading gives\n"
        "p ≈ {cox[p max]:.5f}, still below 0.001. Every estimate can sit at the geometric centre of its CI "
        "once rounding is\n"
        "allowed for, so all four intervals are compatible with log-scale (Wald-type) intervals (for the "
        "anti-CD20 IRR this\n"
        "could not have failed, so it adds no evidence there), and the Altman-Bland back-calculation is not "
        "contradicted for\n"
        "them. Note how wide the SE range is for the anti-CD20 IRR: printed to two decimals, 0.02 (0.01 to "
        "0.04) has a lower\n"
        "bound anywhere that rounds to 0.01, a factor of three, so its SE is known only to lie between "
        "{irr[SE min]:.2f} and\n"
        "{irr[SE max]:.2f}. Rounding a small ratio to two decimals throws away most of its information.",
        cox=ratio.loc["Cox HR anti-CD20 vs MS DMT"], irr=ratio.loc["IRR anti-CD20"])


# --- 5. HR azathioprine vs rituximab, and the events behind the HRs ---------------------------------------


@dataclass(frozen=True)
class Azathioprine:
    """Section 5: the Wald CI implied by HR 4.95, p = 0.00016, and the approximate events behind each HR."""

    se: float
    ci: tuple[float, float]
    over_rounding: CIRange
    events: pd.DataFrame


def azathioprine_hr(values: Mapping, findings: Ledger, *, level: float, reported_level: float) -> Azathioprine:
    """CI of HR azathioprine vs rituximab implied by its p, and events behind both printed HRs.

    ``SE = ln HR / Phi^-1(1 - p/2)``, ``CI = HR exp(-/+ z SE)`` (Altman DG, Bland JM, BMJ
    2011;343:d2090; Wald test of the Cox coefficient assumed), over rounding
    (``reported_ratios.ci_from_p_range``). Events: ``d ~ 4 / SE^2`` (Tierney JF et al., Trials
    2007;8:16; ``rates.events_from_log_hr_se``), approximate, assuming 1:1 allocation, and a
    lower bound when allocation was unequal.
    """
    findings.section("azathioprine_hr")
    hr, p_hr = values["hr_azathioprine_vs_rituximab"], values["p_hr_azathioprine_vs_rituximab"]
    ci = rates.ci_from_p(hr.value, p_hr.value, level)
    over = reported_ratios.ci_from_p_range(printed(values, "hr_azathioprine_vs_rituximab"),
                                           printed(values, "p_hr_azathioprine_vs_rituximab"), level)
    src = cited(values, "hr_azathioprine_vs_rituximab", "p_hr_azathioprine_vs_rituximab")
    se = rates.se_from_p(hr.value, p_hr.value)
    label = f"Cox HR azathioprine vs rituximab {hr.value:.2f}, p = {p_hr.value:.5f}"
    wald = "(Wald test of the Cox coefficient assumed; low-high: range over rounding)"
    findings.derived("aza_hr_se", f"{label}: SE of log HR implied by p {wald}", se, low=over.se_min,
                     high=over.se_max, interval="rounding", **src)
    # The CI implied by the printed p is the automatic check ratio_ci_from_p; the table shows its rounding range.
    cox = values["hr_anticd20_vs_msdmt"]
    cox_range = rates.rounding_aware_p_range(cox.value, cox.ci_low, cox.ci_high, cox.decimals, reported_level)
    rows = []
    for key, text, se_point, se_low, se_high, quantities in (
            ("events_hr_anticd20_msdmt", f"Cox HR anti-CD20 vs MS DMT {cox.value:.2f} ({cox.ci_low:.2f}-"
             f"{cox.ci_high:.2f}), SE from the CI", rates.se_from_ci(cox.ci_low, cox.ci_high, reported_level),
             cox_range.se_min, cox_range.se_max, ("hr_anticd20_vs_msdmt",)),
            ("events_hr_aza_rtx", f"{label}, SE from p (Wald assumed)", se, over.se_min, over.se_max,
             ("hr_azathioprine_vs_rituximab", "p_hr_azathioprine_vs_rituximab"))):
        d = rates.events_from_log_hr_se(se_point)
        d_low, d_high = rates.events_from_log_hr_se(se_high), rates.events_from_log_hr_se(se_low)
        findings.derived(key, f"{text}: APPROXIMATE number of relapses behind it, 4 / SE^2 (Tierney 2007; assumes "
                         "1:1 allocation, a lower bound otherwise; low-high: range over rounding)", d, low=d_low,
                         high=d_high, interval="rounding", **cited(values, *quantities))
        rows.append((text.split(",")[0].split(" (")[0], se_point, d, d_low, d_high))
    events = pd.DataFrame(rows, columns=["hazard ratio", "SE", "events (approx.)", "min", "max"])
    return Azathioprine(se, ci, over, events)


def reading_azathioprine(aza: Azathioprine) -> Prose:
    """Section 5's reading: the CI implied by the p value and the approximate events behind each HR."""
    return prose.say(
        "Roughly {ci[0]:.1f} to {ci[1]:.1f}: azathioprine's hazard of relapse was about {ci[0]:.0f} to\n"
        "{ci[1]:.0f} times rituximab's. The width is typical of a comparison with few events: about "
        "{events[1]:.0f} relapses\n"
        "on rituximab and azathioprine together (at least that many, approximately), and about "
        "{events[0]:.0f} behind the\n"
        "anti-CD20 vs MS DMT HR of 0.06.",
        ci=aza.ci, events=aza.events["events (approx.)"])


# --- 6. The pretreatment rate implied by each class ---------------------------------------------------------


@dataclass(frozen=True)
class Pretreatment:
    table: pd.DataFrame
    common: tuple[float, float] | None


def pretreatment_rates(values: Mapping, findings: Ledger) -> Pretreatment:
    """Pretreatment ARR implied by each class, adjusted ARR / IRR, over rounding, and their common range.

    Interval arithmetic (``reported_ratios.ratio_range``) and the intersection of the three
    ranges (``reported_ratios.overlap``). Reading the IRR as ARR / pretreatment ARR is an assumption.
    """
    findings.section("pretreatment_rate")
    ranges, rows = [], []
    for c in CLASSES:
        irr = f"irr_{c}_vs_pretreatment"
        point = values[_arr(c)].value / values[irr].value
        low, high = reported_ratios.ratio_range(printed(values, _arr(c)), printed(values, irr))
        ranges.append((low, high))
        findings.derived(f"pretreatment_arr_{c}", f"{CLASSES[c]}: pretreatment ARR implied by adjusted ARR / IRR, "
                         "relapses per patient-year (IRR = ARR / pretreatment ARR assumed; low-high: range over "
                         "rounding)", point, low=low, high=high, interval="rounding",
                         **cited(values, _arr(c), irr))
        rows.append((CLASSES[c], values[_arr(c)].value, values[irr].value, point, low, high))
    common = reported_ratios.overlap(ranges)
    findings.consistency("pretreatment_arr_common", "the three implied pretreatment ARRs share a common value "
                         "(IRR = ARR / pretreatment ARR assumed; the agreement would hold by construction if the IRRs "
                         "came from the same model as the ARRs, which the summaries do not say; low-high: the common "
                         "range, relapses per patient-year)", common is not None,
                         **cited(values, *(_arr(c) for c in CLASSES), *(f"irr_{c}_vs_pretreatment" for c in CLASSES)),
                         low=common[0] if common else None, high=common[1] if common else None,
                         interval="common" if common else None)
    return Pretreatment(pd.DataFrame(rows, columns=["class", "adjusted ARR", "IRR", "ARR / IRR", "low", "high"]),
                        common)


def reading_pretreatment(pre: Pretreatment) -> Prose:
    """Section 6's reading: the range of pretreatment rates common to the three classes (``pre.common``)."""
    return prose.say(
        "**What the overlap does and does not mean.** The three intervals overlap (about {common[0]:.1f} to\n"
        "{common[1]:.1f}), so the printed numbers are *compatible* with one common pretreatment rate. But "
        "they did not have to\n"
        "be: the IRR is a **within-patient** comparison (each patient's treated period against their own "
        "pretreatment\n"
        "period), while the adjusted ARRs are **model-based marginal means** averaged over the covariates of "
        "the whole cohort.\n"
        "They need not share a denominator, and each class was given to different patients, whose "
        "pretreatment rates can\n"
        "differ. Two readings fit the agreement: the IRRs may have been computed from the same model as the "
        "ARRs against one\n"
        "modelled pretreatment rate (then the agreement is by construction), or the patients were similar "
        "before treatment.\n"
        "The summaries do not say which.",
        common=pre.common)


# --- 7. Per-drug relapse-free shares ------------------------------------------------------------------------


def grim_pairs(values: Mapping, findings: Ledger, *, n_max: int) -> pd.DataFrame:
    """Every ``(k, n)`` with ``n <= n_max`` whose ``100 k / n`` prints as each drug's share (GRIM).

    ``consistency.grim_counts`` (Brown NJL, Heathers JAJ, Soc Psychol Personal Sci 2017;8:363-369).
    """
    findings.section("relapse_free")
    rows = []
    for d in DRUGS:
        r = values[f"relapse_free_{d}_pct"]
        pairs = grim_counts(r.value, r.decimals, n_max)
        src = cited(values, f"relapse_free_{d}_pct")
        findings.reconstruction(f"grim_pairs_{d}", f"relapse-free {d} {r.value:g}%: number of (k, n) with n <= "
                                f"{n_max} (n_max assumed: each patient counted at most once per drug)", len(pairs),
                                **src)
        findings.reconstruction(f"grim_smallest_n_{d}", f"relapse-free {d} {r.value:g}%: smallest denominator n",
                                pairs[0][1], **src)
        rows.append((d, r.value, len(pairs), ", ".join(f"{k}/{n}" for k, n in pairs[:6])))
    return pd.DataFrame(rows, columns=["drug", "% printed", f"pairs, n <= {n_max}", "first pairs"])


def feasible(values: Mapping, n_max: int, *, correction: bool = False) -> pd.DataFrame:
    """3 x 2 tables whose shares print as the three percentages and whose Pearson chi-squared p prints as 0.00012.

    ``feasible_counts.feasible_from_percents`` with at most ``n_max`` per drug (GRIM, Brown &
    Heathers 2017; Pearson chi-squared, 2 df, Agresti, Categorical Data Analysis, 3rd ed., 2013).
    A set of possibilities, never the data.
    """
    pct = [values[f"relapse_free_{d}_pct"] for d in DRUGS]
    p = values["p_chisq_relapse_free_three_drugs"]
    return feasible_counts.feasible_from_percents([r.value for r in pct], [r.decimals for r in pct], n_max,
                                                  p.value, p.decimals, list(DRUGS), correction=correction)


@dataclass(frozen=True)
class Tables:
    """Section 7: feasible tables under each bound, every candidate table, and a display copy."""

    tables: pd.DataFrame
    tables_episodes: pd.DataFrame
    everything: pd.DataFrame
    shown: pd.DataFrame


def relapse_free_tables(values: Mapping, findings: Ledger, *, n_max: int, n_max_episodes: int) -> Tables:
    """Feasible 3 x 2 tables (:func:`feasible`) under ``n_max`` and ``n_max_episodes``, and what they imply.

    The reading "one patient, one drug" (denominators adding to at most the cohort size) is
    an assumption; if no feasible table fits it, the row is ``infeasible`` and names it.
    """
    findings.section("relapse_free")
    tables, tables_episodes = feasible(values, n_max), feasible(values, n_max_episodes)
    pct = [values[f"relapse_free_{d}_pct"] for d in DRUGS]
    everything = feasible_counts.all_tables([grim_counts(r.value, r.decimals, n_max) for r in pct], list(DRUGS))
    quantities = [*(f"relapse_free_{d}_pct" for d in DRUGS), "p_chisq_relapse_free_three_drugs"]
    src = cited(values, *quantities)
    pearson = "(plain Pearson chi-squared, no continuity correction, independent units assumed)"
    findings.reconstruction("tables_n_max", f"3x2 tables reproducing the three percentages and chi-squared p = "
                            f"0.00012 (n <= {n_max} per drug assumed; {pearson[1:-1]}): number of tables",
                            len(tables), **src)
    # Could this have failed? Of the p values 1 to 100 units of the last printed decimal, how many no table prints as.
    step = 10.0 ** -values["p_chisq_relapse_free_three_drugs"].decimals
    candidates_p = everything.p.dropna().to_numpy()
    empty = sum(not ((candidates_p >= (j - 0.5) * step) & (candidates_p <= (j + 0.5) * step)).any()
                for j in range(1, 101))
    findings.reconstruction("tables_exist", f"at least one such table exists with n <= {n_max} per drug {pearson}; "
                            f"this could have failed: {empty} of the 100 p values {step:.5f} to {100 * step:.5f} "
                            "would have had no feasible table", **src, feasible=len(tables) > 0)
    if len(tables):
        findings.reconstruction("tables_total_n", f"feasible tables (n <= {n_max} per drug assumed; {pearson[1:-1]}): "
                                "smallest total denominator (low-high: smallest to largest total)",
                                int(tables.total_n.min()), low=int(tables.total_n.min()),
                                high=int(tables.total_n.max()), interval="feasible", **src)
    patients = values["patients"].count
    fits = bool((tables.total_n <= patients).any())
    verdict = "a feasible table fits it" if fits else (
        "no feasible table fits it, so if the other assumptions hold the denominators are not one per patient "
        "(episodes, or patients counted under more than one drug?)")
    findings.reconstruction("one_patient_one_drug", f"ASSUMED reading 'one patient, one drug' (the three "
                            f"denominators add to at most the {patients} patients), each share ASSUMED a crude k / n "
                            "of whole counts (a Kaplan-Meier or model-based share would void the GRIM step) "
                            f"{pearson}: {verdict}", **cited(values, *quantities, "patients"), feasible=fits)
    findings.reconstruction("tables_n_max_episodes", f"3x2 tables reproducing the printed values with n <= "
                            f"{n_max_episodes} per drug (arbitrary looser bound; {pearson[1:-1]}): number of tables",
                            len(tables_episodes), **src)
    shown = tables.rename(columns={**{f"{c}_{d}": f"{d[:4]} {c}" for d in DRUGS for c in "kn"},
                                   "total_k": "k total", "total_n": "n total", "statistic": "X2"})
    return Tables(tables, tables_episodes, everything, shown)


def reading_relapse_free(values: Mapping, tables: Tables) -> Prose:
    """Section 7's reading of the feasible set: the smallest feasible table (fewest denominators together)
    against the cohort size."""
    smallest = tables.tables.loc[tables.tables["total_n"].idxmin()]
    return prose.say(
        "**What the feasible set says.** A handful of tables reproduce every printed number (the middle panel\n"
        "shows them inside the band of p values that print as 0.00012), and every one of them has at least\n"
        "{smallest[total_n]:.0f} in its denominators together, more than the {patients} patients: no "
        "feasible table fits if\n"
        "each patient is counted under one drug only. The ledger records that *assumed reading* as "
        "`infeasible`, naming the\n"
        "other assumptions it rests on (each share a crude k / n of whole counts, a plain Pearson test): it "
        "is the reading\n"
        "that fails, not the published numbers, and this is not a sign of an error in the paper; it says "
        "something about\n"
        "what the denominators are. If the test was a plain Pearson chi-squared on these three shares, the "
        "denominators\n"
        "must count some patients more than once, e.g. as treatment episodes, or include patients who "
        "switched between\n"
        "these drugs (and then, as explained above, the independence the test assumes does not hold, so the "
        "conclusion is a\n"
        "rough one). That agrees with the unresolved note in `data/not_reported.csv` and is the most useful "
        "thing the\n"
        "reconstruction teaches: the printed percentages and p value together are informative about a number "
        "the summary\n"
        "never gave. Any single feasible table, including the smallest under the default bound (rituximab\n"
        "{smallest[k_rituximab]:.0f}/{smallest[n_rituximab]:.0f}, mycophenolate\n"
        "{smallest[k_mycophenolate]:.0f}/{smallest[n_mycophenolate]:.0f}, azathioprine\n"
        "{smallest[k_azathioprine]:.0f}/{smallest[n_azathioprine]:.0f}), is one possibility among several "
        "and must not be\n"
        "quoted as the study's counts.",
        smallest=smallest, patients=values["patients"].count)


def bound_comparison(values: Mapping, limits: Sequence[int]) -> pd.DataFrame:
    """Per drug: how many ``(k, n)`` each bound on ``n`` leaves, and the smallest ``k / n`` (GRIM, as above)."""
    rows = []
    for d in DRUGS:
        r = values[f"relapse_free_{d}_pct"]
        pairs = {limit: grim_counts(r.value, r.decimals, limit) for limit in limits}
        k, n = pairs[min(limits)][0]
        rows.append((d, r.value, *(len(pairs[limit]) for limit in limits), f"{k}/{n}",
                     len({pairs[limit][0] for limit in limits}) == 1))
    return pd.DataFrame(rows, columns=["drug", "%", *(f"n <= {limit}" for limit in limits), "smallest",
                                       "same smallest"])


def answer_altman_bland(irr: Reported) -> Prose:
    """Worked answer 1 in words, for a ratio printed with its 95 % CI (the NSIS IRR): the Altman-Bland SE by hand,
    (ln upper - ln lower) / (2 x 1.96), its z = |ln ratio| / SE, and the geometric centre sqrt(lower x upper) of the
    printed bounds (Altman & Bland, BMJ 2011;343:d2090, doi:10.1136/bmj.d2090)."""
    se = (math.log(irr.ci_high) - math.log(irr.ci_low)) / (2 * 1.96)
    return prose.say(
        "The SE is about {se:.3f} and $z$ is about {z:.0f}, so $p$ is astronomically small: the Wald formula stops\n"
        "meaning much this far in the tail, but the conclusion \"p < 0.001\" is safe. The geometric centre of the "
        "printed bounds\n"
        "is {centre:.4f}, which prints as {centre:.2f}, so the printed digits alone look asymmetric; but the true "
        "bounds could be\n"
        "a little below 0.07 and a little below 0.13 (both still rounding to the printed bounds), and their "
        "geometric centre\n"
        "then rounds to 0.09. Rounding to two decimals is coarse next to numbers this small.",
        se=se, z=abs(math.log(irr.value)) / se, centre=math.sqrt(irr.ci_low * irr.ci_high))


def answer_proportional_hazards(values: Mapping) -> Prose:
    """Worked answer 2 in words: azathioprine's relapse-free share predicted from rituximab's and the HR,
    S_aza = S_rtx ** HR, which holds only under proportional hazards and equal follow-up (ASSUMED)."""
    predicted = (values["relapse_free_rituximab_pct"].value / 100) ** values["hr_azathioprine_vs_rituximab"].value
    return prose.say(
        "About {predicted:.0%}, close to the reported 46 %. The closeness is not evidence: the identity needs\n"
        "both groups to have been followed for the same time (time on each drug was not reported, so this cannot be "
        "checked;\n"
        "the cohort's overall follow-up varied widely, median 6 years, IQR 4.1 to 10.9, which does not tell us time "
        "per\n"
        "drug), the relapse-free share is not a survival probability at one time point, and the HR comes from a Cox "
        "model\n"
        "(possibly adjusted) on time to relapse while the shares are crude. Many different datasets could produce "
        "both\n"
        "numbers, with or without this coincidence.",
        predicted=predicted)


def answer_tighter_bound(values: Mapping, tight: pd.DataFrame, bounds: pd.DataFrame, *, n_max: int) -> Prose:
    """Worked answer 3 in words: the feasible tables under a bound of 60 (``tight``, from :func:`feasible`) and
    the smallest denominators and pair counts under each bound (``bounds``, from :func:`bound_comparison`)."""
    return prose.say(
        "Only {count} table survives the bound of 60 (rituximab {t[k_rituximab]:.0f}/{t[n_rituximab]:.0f},\n"
        "mycophenolate {t[k_mycophenolate]:.0f}/{t[n_mycophenolate]:.0f}, azathioprine\n"
        "{t[k_azathioprine]:.0f}/{t[n_azathioprine]:.0f}), and it still adds up to {t[total_n]:.0f}, more "
        "than {patients}.\n"
        "The bound does **not** change the smallest denominators ({first[0]} for 84.6 %, {first[1]} for 74.1 "
        "% and {first[2]}\n"
        "for 46 %): a smallest denominator depends only on the printed percentage, and any bound at or above "
        "it leaves it in\n"
        "place. What the bound changes is how many pairs remain: {tight_pairs[0]}, {tight_pairs[1]} and "
        "{tight_pairs[2]} with\n"
        "$n \\le 60$, against {loose_pairs[0]}, {loose_pairs[1]} and {loose_pairs[2]} with $n \\le {n_max}$. "
        "The pair counts\n"
        "also show what the extra decimal buys: with one decimal, 84.6 % and 74.1 % allow only {loose_pairs[0]} and\n"
        "{loose_pairs[1]} pairs up to {n_max}, while 46 % without a decimal allows {loose_pairs[2]}. The smallest\n"
        "denominators do not show this; the number of candidates does. None of these counts is the data.",
        count=len(tight), t=tight.iloc[0], patients=values["patients"].count, first=bounds["smallest"],
        tight_pairs=bounds.iloc[:, 2], loose_pairs=bounds.iloc[:, 3], n_max=n_max)


# --- 8. What cannot be recomputed ---------------------------------------------------------------------------


def not_recomputable(values: Mapping, findings: Ledger) -> int:
    """Rows for what the paper reports (or would need) that the summaries cannot recompute; returns their count."""
    findings.section("not_recomputable")
    for c in CLASSES:
        findings.not_recomputable(f"arr_{c}_model", f"adjusted ARR {CLASSES[c]} (negative binomial mixed model; no "
                                  "per-patient data)", reported=values[_arr(c)].value, **cited(values, _arr(c)))
    for c in CLASSES:
        q = f"irr_{c}_vs_pretreatment"
        findings.not_recomputable(f"irr_{c}_model", f"IRR {CLASSES[c]} vs pretreatment (no relapse counts or "
                                  "exposure)", reported=values[q].value, **cited(values, q))
    findings.not_recomputable("hr_anticd20_msdmt_model", "Cox HR anti-CD20 vs MS DMT (no per-patient times)",
                              reported=values["hr_anticd20_vs_msdmt"].value,
                              **cited(values, "hr_anticd20_vs_msdmt"))
    findings.not_recomputable("hr_aza_rtx_model", "Cox HR azathioprine vs rituximab (no per-patient times)",
                              reported=values["hr_azathioprine_vs_rituximab"].value,
                              **cited(values, "hr_azathioprine_vs_rituximab"))
    findings.not_recomputable("logrank_anticd20_nsis", "log-rank p anti-CD20 vs NSIS (no Kaplan-Meier data; no HR "
                              "reported for this pair)", reported=values["p_logrank_anticd20_vs_nsis"].value,
                              **cited(values, "p_logrank_anticd20_vs_nsis"))
    for d in DRUGS:
        findings.not_recomputable(f"relapse_free_{d}", f"relapse-free share {d} (no counts; only feasible sets, "
                                  "section 7)", reported=values[f"relapse_free_{d}_pct"].value,
                                  **cited(values, f"relapse_free_{d}_pct"))
    findings.not_recomputable("chi2_three_drugs", "chi-squared p across the three drugs (no counts; only feasible "
                              "sets, section 7)", reported=values["p_chisq_relapse_free_three_drugs"].value,
                              **cited(values, "p_chisq_relapse_free_three_drugs"))
    findings.not_recomputable("crude_arrs", "crude ARRs per class (no relapse counts or patient-years reported)",
                              kind="derived", source="S1;S2")
    findings.not_recomputable("km_curves", "Kaplan-Meier curves, numbers at risk and median times to relapse (not "
                              "reported)", kind="derived", source="S1;S2")
    findings.not_recomputable("hr_anticd20_nsis", "Cox HR anti-CD20 vs NSIS (not reported)", kind="derived",
                              source="S1;S2")
    findings.not_recomputable("time_to_next_relapse", "longer time to next relapse on anti-CD20 (qualitative claim, "
                              "data/claims.csv; no times or medians reported)", kind="derived", source="S1")
    findings.not_recomputable("adjusted_model", "the adjusted model itself (covariates and random effects not "
                              "reported)", kind="derived", source="S1;S2")
    return sum(r.status == "not_recomputable" for r in findings.rows)
