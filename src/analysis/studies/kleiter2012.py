"""Kleiter et al. 2012 (natalizumab in five AQP4-positive NMO patients): the sections of notebook 03.

Kleiter I, Hellwig K, Berthele A, et al. Failure of natalizumab to prevent relapses in
neuromyelitis optica. Arch Neurol. 2012;69(2):239-245. doi:10.1001/archneurol.2011.216.

Only the abstract's summary numbers are known (5 patients, 9 relapses at median 120 days,
range 45 to 230; median 8 infusions, range 2 to 11). Each function below is one section of
the notebook: it takes the loaded values (``data.reported(STUDY)``), the study's
:class:`~analysis.findings.Ledger` and the notebook's parameters, starts its section
(:meth:`Ledger.section`), adds that section's ledger rows and returns its tables. The
statistics live in :mod:`analysis.stats` (order statistics, the reconstruction sampler,
Poisson rates, mean/SD from quantiles); nothing here prints or draws.
The ``reading_*`` functions (``answer_*`` for worked answers) return the notebook's paragraph about a
section's results as Markdown with the computed numbers in it (:func:`analysis.findings.prose.say`).

Every row whose result rests on an assumption names it: the reading of the median
(``median_reading``), ``every_patient_relapsed``, the dosing interval, the 90-day (by
default) counting margin after the last infusion and the exposure convention.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field, ValidationInfo, field_validator

from analysis import data
from analysis.findings import prose
from analysis.findings.prose import Prose
from analysis.stats import _validate, order_statistics, proportions, rates, reconstruction, summary_estimates
from analysis.studies import parameters
from analysis.studies.parameters import Flag, Real, StudyParameters, Whole
from analysis.studies.shared import cited

STUDY = "kleiter2012"
PAPER = "A1;A2;A4;A5"
READING_LABELS = {"all_relapses": "all relapses", "first_relapse": "first relapses"}
CONVENTIONS = reconstruction.EXPOSURE_CONVENTIONS
KEY_DAYS = (44, 45, 84, 119, 120, 229, 230, 340)  # the envelope table also shows the latest allowed day
LEDGER_DAYS = (45, 119, 120, 229)
CHECK_DAYS = (45, 60, 84, 100, 119, 120, 150, 200, 229)
ROUGH = "rough: n is small and the range skewed"
# The quantities of data/values/kleiter2012.csv behind each field of reconstruction.Summary (a row's inputs).
SUMMARY_QUANTITIES = {"patients": "patients", "relapses": "relapses", "relapse_median": "relapse_days_median",
                      "relapse_min": "relapse_days_min", "relapse_max": "relapse_days_max",
                      "infusions_median": "infusions_median", "infusions_min": "infusions_min",
                      "infusions_max": "infusions_max"}
RELAPSE_DAYS = ("relapse_days_median", "relapse_days_min", "relapse_days_max")
INFUSIONS = ("patients", "infusions_median", "infusions_min", "infusions_max")
# All 9 relapses under the first-relapse reading: each patient's latest day comes from the infusion summary.
FIRST_READING_TOTAL = ("patients", "relapses", *RELAPSE_DAYS, "infusions_median", "infusions_min", "infusions_max")


# --- parameters -------------------------------------------------------------------------------------

class Parameters(StudyParameters):
    """Notebook 03's parameters cell, declared once: types, bounds and defaults (checked by ``analysis run``
    before a kernel starts and by :func:`check_parameters` in the notebook).

    The sampler's size (``n_worlds``, ``n_shown``), the figures' day grid (``horizon_days``) and the day ranges
    it enumerates (``dosing_interval_days``, ``margin_days``, ``min_gap_days``) are bounded so that the notebook
    runs in seconds and within 1 GB at the bounds.
    """

    level: Real = Field(0.95, gt=0, lt=1, description="a number strictly between 0 and 1 (e.g. 0.95)")
    seed: Whole = Field(2012, ge=0, le=2**32 - 1, description="a whole number from 0 to 2**32 - 1")
    median_reading: Literal[reconstruction.READINGS] = Field(
        "all_relapses", description=f"one of {list(reconstruction.READINGS)}")
    every_patient_relapsed: Flag = Field(True, description="True or False")
    dosing_interval_days: Whole = Field(28, ge=1, le=90, description="a whole number of days from 1 to 90")
    exposure_convention: Literal[CONVENTIONS] = Field("through_margin", description=f"one of {list(CONVENTIONS)}")
    margin_days: Whole = Field(90, ge=0, le=365, description="a whole number of days from 0 to 365")
    # Two relapses of one patient both lie in the printed range (45 to 230 days): a gap above 185 days fits none.
    min_gap_days: Whole = Field(30, ge=1, le=185, description="a whole number of days from 1 to 185")
    days_per_year: Real = Field(365.25, gt=0, le=366, description="a number of days above 0 and at most 366")
    n_worlds: Whole = Field(5000, ge=1, le=20_000, description="a whole number from 1 to 20000")
    n_shown: Whole = Field(3, ge=1, le=10, description="a whole number from 1 to 10, at most n_worlds")
    horizon_days: Whole = Field(400, ge=1, le=1000, description="a whole number of days from 1 to 1000")

    @field_validator("n_shown")
    @classmethod
    def _shown_among_drawn(cls, n_shown: int, info: ValidationInfo) -> int:
        n_worlds = info.data.get("n_worlds")
        if n_worlds is not None and n_shown > n_worlds:
            raise ValueError(f"at most n_worlds ({n_worlds})")
        return n_shown


def check_parameters(**values) -> None:
    """Refuse a parameter of notebook 03 outside :class:`Parameters`: ``ValueError`` naming the parameter,
    what is allowed and the value it got."""
    parameters.check(Parameters, values)


def summary(values) -> reconstruction.Summary:
    """The printed summary numbers (:class:`analysis.stats.reconstruction.Summary`)."""
    return reconstruction.Summary.from_reported(values)


def rules(*, median_reading="all_relapses", every_patient_relapsed=True, dosing_interval_days=28, margin_days=90,
          min_gap_days=30) -> reconstruction.Rules:
    """The assumed plausibility rules (:class:`analysis.stats.reconstruction.Rules`); none is reported."""
    return reconstruction.Rules(median_reading=median_reading, every_patient_relapsed=every_patient_relapsed,
                                dosing_interval_days=dosing_interval_days, margin_days=margin_days,
                                min_gap_days=min_gap_days)


def margin_text(margin_days: int, convention: str, dosing_interval_days: int) -> str:
    """How a rate's numerator and denominator were counted, for row texts, titles and labels."""
    tail = {"through_margin": f"to last infusion + {margin_days} d",
            "through_interval": f"to last infusion + {dosing_interval_days} d",
            "to_last_infusion": "to last infusion"}[convention]
    return f"relapses counted to {margin_days} d after the last infusion; exposure {tail} ({convention})"


# --- 1. what the abstract reports --------------------------------------------------------------------

@dataclass(frozen=True)
class SummaryChecks:
    values: pd.DataFrame  # the primary values as transcribed
    checks: pd.DataFrame  # check, reported, low, high, holds
    free: pd.DataFrame  # patients free of disease activity with its exact CI
    male: int  # DERIVED, not printed: patients - female


def summary_checks(values, findings, *, level: float, every_patient_relapsed: bool) -> SummaryChecks:
    """Section 1: the transcribed values and the checks that need nothing but them.

    The number of men is derived (patients - female; the abstract does not print it), so the
    sexes add up by construction; 9 relapses allow one per patient (the reading
    ``every_patient_relapsed``); each median lies in its range; and 0 of 5 patients free of
    disease activity with its exact Clopper-Pearson interval
    (:func:`analysis.stats.exact_ci`; Clopper & Pearson, Biometrika 1934;26:404-413).
    """
    findings.section("summary_checks")
    s = summary(values)
    table = data.load_values(STUDY)
    shown = table.loc[table["role"] == "primary", ["quantity", "value", "unit", "note"]].fillna("")
    shown = shown.assign(value=shown["value"].map("{:g}".format)).reset_index(drop=True)
    # The abstract prints "5 patients (4 female)": male = 5 - 4 is derived here, not data, so the sexes add up
    # by construction and count as no check.
    male = s.patients - values["female"].count
    findings.by_construction("sexes_add_up", f"male = patients - female = {s.patients} - {values['female'].count} = "
                             f"{male} is derived (the abstract prints only the {values['female'].count} female), so "
                             "female + male = patients holds by construction", **cited(values, "patients", "female"),
                             reported=s.patients,
                             recomputed=values["female"].count + male)
    findings.consistency("relapses_cover_patients",
                         "9 relapses allow at least one relapse in each of the 5 patients (needed if "
                         f"every_patient_relapsed, here {every_patient_relapsed})",
                         s.relapses >= s.patients, **cited(values, "relapses", "patients"), reported=s.relapses,
                         recomputed=s.patients)
    rows = [("relapses >= patients", s.relapses, s.patients, None, s.relapses >= s.patients)]
    for name, (med, low, high) in (("relapse days", (s.relapse_median, s.relapse_min, s.relapse_max)),
                                   ("infusions", (s.infusions_median, s.infusions_min, s.infusions_max))):
        inside = bool(low <= med <= high)  # recorded by the automatic check median_in_range
        rows.append((f"median of {name} in range", med, low, high, inside))
    active = values["patients_with_disease_activity"].count
    free_low, free_high = proportions.exact_ci(s.patients - active, s.patients, level)
    findings.derived("free_of_activity_ci", f"patients free of disease activity on natalizumab: {s.patients - active} "
                     f"of {s.patients}, exact CI (valid only for a random sample; a series possibly selected for "
                     "failure is not one)", (s.patients - active) / s.patients,
                     **cited(values, "patients_with_disease_activity", "patients"), low=free_low, high=free_high,
                     interval="ci", level=level)
    checks = pd.DataFrame(rows, columns=["check", "reported", "low", "high", "holds"])
    free = pd.DataFrame({"free": [s.patients - active], "of": [s.patients],
                         "share": [(s.patients - active) / s.patients], "ci_low": [free_low], "ci_high": [free_high]})
    return SummaryChecks(values=shown, checks=checks, free=free, male=male)


def reading_free(checks: SummaryChecks) -> Prose:
    """Section 1's reading of 0 of 5 free of disease activity: the exact upper bound of ``checks.free``."""
    return prose.say(
        "**0 of 5 free of disease activity.** The exact (Clopper-Pearson) interval for 0 of 5 runs from 0 to\n"
        "about {free[ci_high]:.2f}: five patients cannot exclude that up to half of such patients would stay "
        "free of activity on\n"
        "natalizumab. Even that wide interval rests on an assumption the series does not meet: it treats the "
        "five as a\n"
        "*random sample* of AQP4-positive patients given natalizumab, each with the same chance of staying "
        "free. A case\n"
        "series published under the title \"failure of natalizumab\" may have been assembled *because* the "
        "treatment failed\n"
        "(patients who did well are less likely to be noticed, referred or reported), so the interval "
        "describes what five\n"
        "randomly chosen patients could show, not the proportion of AQP4-positive patients who would benefit.",
        free=checks.free.iloc[0])


# --- 2. order statistics --------------------------------------------------------------------------------

def _feasibility(findings, key: str, text: str, n: int, feasible: bool, cites: dict, **numbers) -> None:
    """Whether whole-number data of size ``n`` can have the printed median and range.

    For odd ``n`` a median within its range always admits a sample (every free order statistic
    equal to the median), so the row follows from the counted automatic check ``median_in_range``
    and is ``by_construction``; for even ``n`` only the sum of the two middle values is pinned, and
    the row is a check of its own. ``cites`` is the row's source and inputs (:func:`analysis.studies.shared.cited`).
    """
    if n % 2:
        findings.by_construction(key, f"{text}; for odd n and whole numbers, a median within its range always admits "
                                 "a sample: implied by the automatic check median_in_range", **cites, **numbers)
    else:
        findings.consistency(key, text, feasible, **cites, **numbers)


def order_statistic_counts(values, findings) -> pd.DataFrame:
    """Section 2: is each summary feasible, and how many sorted integer samples have it.

    Feasibility and counts from the pinned order statistics (stars and bars;
    :func:`analysis.stats.median_range_feasible`, :func:`analysis.stats.count_sorted_tuples`;
    David & Nagaraja, Order Statistics 2003; Feller 1968, II.5).
    """
    findings.section("order_statistics")
    s = summary(values)
    cases = [("relapse days, all 9 relapses", "all_relapses", s.relapses, s.relapse_median, s.relapse_min,
              s.relapse_max),
             ("first-relapse days, 5 patients", "first_relapse", s.patients, s.relapse_median, s.relapse_min,
              s.relapse_max),
             ("infusion counts, 5 patients", "infusions", s.patients, s.infusions_median, s.infusions_min,
              s.infusions_max)]
    rows = []
    for name, _tag, n, med, low, high in cases:
        feasible = order_statistics.median_range_feasible(n, med, low, high)
        count = order_statistics.count_sorted_tuples(n, med, low, high)
        rows.append((name, n, feasible, count))
    by = {tag: row for (_, tag, *_), row in zip(cases, rows)}
    _feasibility(findings, "feasible_all_relapses", f"relapse-day summary feasible for {s.relapses} relapse days "
                 "(reading: median over all relapses)", *by["all_relapses"][1:3],
                 cited(values, "relapses", *RELAPSE_DAYS))
    _feasibility(findings, "feasible_first_relapse", f"relapse-day summary feasible for {s.patients} first-relapse "
                 "days (reading: median over first relapses, every_patient_relapsed)", *by["first_relapse"][1:3],
                 cited(values, "patients", *RELAPSE_DAYS))
    findings.reconstruction("samples_all_relapses", "sorted relapse-day samples consistent with the summary "
                            "(reading: all 9 relapses)", by["all_relapses"][3],
                            **cited(values, "relapses", *RELAPSE_DAYS))
    findings.reconstruction("samples_first_relapse", "sorted first-relapse-day samples consistent with the summary "
                            "(reading: first relapses of 5 patients)", by["first_relapse"][3],
                            **cited(values, "patients", *RELAPSE_DAYS))
    _feasibility(findings, "infusion_summary_feasible", "infusion summary is feasible: number of consistent infusion "
                 "multisets > 0", *by["infusions"][1:3], cited(values, *INFUSIONS), recomputed=by["infusions"][3])
    return pd.DataFrame(rows, columns=["sample", "n", "feasible", "sorted_samples"])


def reading_sorted_samples(counts: pd.DataFrame) -> Prose:
    """Section 2's reading: the sorted samples the all-relapses reading allows, in billions (first row of
    :func:`order_statistic_counts`)."""
    return prose.say(
        "Nearly {billions:.0f} billion sorted relapse-day samples fit the all-relapses reading, before anyone asks\n"
        "which patient had which relapse. The summary is feasible under both readings, so the abstract does "
        "not settle which\n"
        "one the authors meant.",
        billions=counts.loc[0, "sorted_samples"] / 1e9)


# --- 3. mean and SD from the median and range --------------------------------------------------------------

# Samples whose typed rows (statistic median/min/max with an n) the automatic checks already estimate from.
AUDITED_SAMPLES = ("relapse_days_all", "infusions")


def mean_sd(values, findings) -> pd.DataFrame:
    """Section 3: mean and SD of days to relapse and of infusions from median and range, with exact bounds.

    Estimates by :func:`analysis.stats.mean_sd_from_quantiles`: the default (Luo et al.,
    Stat Methods Med Res 2018;27:1785-1805 for the mean; Wan et al., BMC Med Res Methodol
    2014;14:135 for the SD) and ``method="hozo"`` (Hozo et al., BMC Med Res Methodol 2005;5:13).
    Both assume roughly normal (Luo/Wan) or at least not strongly skewed data; with n = 5 or 9
    and a range skewed around its median they are rough. The exact smallest and largest mean
    of integer data with the printed median and range (:func:`analysis.stats.mean_bounds`)
    need no assumption beyond the reading of the median.
    """
    findings.section("mean_sd")
    s = summary(values)
    cases = [("relapse days", "all 9 relapses", "relapse_days_all", s.relapses, s.relapse_median, s.relapse_min,
              s.relapse_max),
             ("relapse days", "first relapse of 5", "relapse_days_first", s.patients, s.relapse_median,
              s.relapse_min, s.relapse_max),
             ("infusions", "5 patients", "infusions", s.patients, s.infusions_median, s.infusions_min,
              s.infusions_max)]
    rows = []
    used = {"relapse_days_all": ("relapses", *RELAPSE_DAYS), "relapse_days_first": ("patients", *RELAPSE_DAYS),
            "infusions": INFUSIONS}
    for what, reading, key, n, med, low, high in cases:
        cites = cited(values, *used[key])
        luo_mean, wan_sd = summary_estimates.mean_sd_from_quantiles(n, median=med, minimum=low, maximum=high)
        hozo_mean, hozo_sd = summary_estimates.mean_sd_from_quantiles(n, median=med, minimum=low, maximum=high,
                                                                      method="hozo")
        bound_low, bound_high = summary_estimates.mean_bounds(n, median=med, minimum=low, maximum=high)
        label = f"{what} ({reading}; median {med:g}, range {low} to {high})"
        # The typed data give the audit these two samples (relapse days over n = 9, infusions over n = 5): their
        # Luo/Wan estimates and exact mean bounds are the automatic checks mean_sd_estimate and mean_bounds.
        if key not in AUDITED_SAMPLES:
            findings.derived(f"{key}_mean_luo", f"mean of {label}, Luo 2018 ({ROUGH})", luo_mean, **cites)
            findings.derived(f"{key}_sd_wan", f"SD of {label}, Wan 2014 ({ROUGH})", wan_sd, **cites)
            findings.derived(f"{key}_mean_bounds", f"exact bounds of the mean of {label} over all integer data",
                             None, **cites, low=bound_low, high=bound_high, interval="bounds")
        findings.derived(f"{key}_mean_hozo", f"mean of {label}, Hozo 2005 ({ROUGH})", hozo_mean, **cites)
        findings.derived(f"{key}_sd_hozo", f"SD of {label}, Hozo 2005 ({ROUGH})", hozo_sd, **cites)
        rows.append((what, reading, n, luo_mean, wan_sd, hozo_mean, hozo_sd, bound_low, bound_high))
    return pd.DataFrame(rows, columns=["quantity", "reading", "n", "mean_luo", "sd_wan", "mean_hozo", "sd_hozo",
                                       "mean_min", "mean_max"])


def reading_mean_sd(estimates: pd.DataFrame) -> Prose:
    """Section 3's reading: the width of the exact bounds on each mean (``mean_max - mean_min`` of :func:`mean_sd`)."""
    return prose.say(
        "Both estimators stay inside the exact bounds, but those bounds are {width[0]:.0f} days wide for the 9\n"
        "relapses and {width[1]:.0f} days wide for the 5 first relapses: a pooled analysis that enters one "
        "of these means with\n"
        "a small SD claims more than the abstract knows. Every row of the ledger for this section says *rough*.",
        width=estimates["mean_max"] - estimates["mean_min"])


# --- 4. the exact envelope ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Envelopes:
    all_relapses: pd.DataFrame  # day-indexed lower/upper: relapses by day t, median over all 9
    first_relapse: pd.DataFrame  # first relapses by day t (of 5), median over first relapses
    first_total: pd.DataFrame  # all 9 relapses by day t under the first-relapse reading and the rules
    table: pd.DataFrame  # key days side by side
    forced: pd.DataFrame  # reading, day, before_at_most, on_day_at_least, forced
    latest_day: int  # latest day any relapse may count (11 infusions + margin)
    right_end: int  # right end of the figures' time axis


def envelopes(values, findings, *, dosing_interval_days: int, margin_days: int, min_gap_days: int,
              horizon_days: int) -> Envelopes:
    """Section 4: exact envelope of every relapse curve the abstract allows, under both readings.

    Closed-form order-statistic bounds (:func:`analysis.stats.median_range_envelope`) for the
    all-relapses reading and for first relapses; for all 9 relapses under the first-relapse
    reading, :func:`analysis.stats.first_event_total_envelope` with each patient's own latest
    day (``28 (k - 1) + margin`` for ``k`` infusions, over every infusion multiset with the
    printed median and range) and ``min_gap_days`` between relapses of a patient. Forced steps
    by :func:`analysis.stats.forced_steps`. David & Nagaraja, Order Statistics 2003, ch. 1-2.
    """
    findings.section("envelope")
    s = summary(values)
    r = rules(dosing_interval_days=dosing_interval_days, margin_days=margin_days, min_gap_days=min_gap_days)
    latest = int(r.last_relapse_day(s.infusions_max))
    right_end = max(horizon_days, latest + 30)
    grid = np.arange(0, right_end + 1)
    caps = r.last_relapse_day(order_statistics.enumerate_sorted_tuples(
        s.patients, s.infusions_median, s.infusions_min, s.infusions_max))
    env_all = order_statistics.median_range_envelope(s.relapses, s.relapse_median, s.relapse_min, s.relapse_max,
                                                     grid).set_index("day")
    env_first = order_statistics.median_range_envelope(s.patients, s.relapse_median, s.relapse_min, s.relapse_max,
                                                       grid).set_index("day")
    env_total = order_statistics.first_event_total_envelope(
        s.patients, s.relapses, s.relapse_median, s.relapse_min, s.relapse_max, grid, min_gap=min_gap_days,
        cap=caps).set_index("day")
    days = [*KEY_DAYS, latest]
    span = "{} to {}".format
    table = pd.DataFrame({
        "day": days,
        "all: relapses (of 9)": [span(env_all.loc[d, "lower"], env_all.loc[d, "upper"]) for d in days],
        "first: relapse-free (of 5)": [span(s.patients - env_first.loc[d, "upper"],
                                            s.patients - env_first.loc[d, "lower"]) for d in days],
        "first: relapses (of 9)": [span(env_total.loc[d, "lower"], env_total.loc[d, "upper"]) for d in days],
    })
    rule_text = (f"every_patient_relapsed, {min_gap_days}-day gaps, each patient's relapses up to {margin_days} d "
                 f"after the last {dosing_interval_days}-day infusion")
    all_reading, first_reading = cited(values, "relapses", *RELAPSE_DAYS), cited(values, "patients", *RELAPSE_DAYS)
    first_total = cited(values, *FIRST_READING_TOTAL)
    for d in LEDGER_DAYS:
        findings.reconstruction(f"relapses_by_day_{d}_all", f"relapses on or before day {d}, of 9 (reading: median "
                                "over all relapses)", **all_reading, low=env_all.loc[d, "lower"],
                                high=env_all.loc[d, "upper"], interval="feasible")
        findings.reconstruction(f"relapse_free_day_{d}_first", f"patients relapse-free on day {d}, of 5 (reading: "
                                "median over first relapses, every_patient_relapsed)", **first_reading,
                                low=s.patients - env_first.loc[d, "upper"], high=s.patients - env_first.loc[d, "lower"],
                                interval="feasible")
        findings.reconstruction(f"relapses_by_day_{d}_first", f"relapses on or before day {d}, of 9 (reading: median "
                                f"over first relapses; rules: {rule_text})", **first_total,
                                low=env_total.loc[d, "lower"], high=env_total.loc[d, "upper"], interval="feasible")
    late = env_total.loc[latest - 30:latest - 1]
    findings.reconstruction("relapses_late_window_first", f"relapses by day t on days {latest - 30} to {latest - 1}, "
                            f"of 9: at least {int(late['lower'].min())} on every one of these days (reading: median "
                            f"over first relapses; rules: {rule_text}; only patients with 10 or 11 infusions may "
                            "still relapse)", **first_total, low=int(late["lower"].min()),
                            high=int(late["upper"].max()), interval="feasible")
    forced = []
    for name, env in (("all relapses", env_all), ("first relapses", env_first),
                      ("first-relapse reading, all 9", env_total)):
        steps = order_statistics.forced_steps(env)
        forced.append(steps.assign(curve=name))
    forced = pd.concat(forced, ignore_index=True)[["curve", "day", "before_at_most", "on_day_at_least", "forced"]]
    for row in forced[forced["curve"] == "all relapses"].itertuples():
        findings.reconstruction(f"forced_day_{row.day}", f"relapses on exactly day {row.day}, at least (reading: "
                                "median over all relapses)", row.forced, **all_reading)
    return Envelopes(env_all, env_first, env_total, table, forced, latest, right_end)


def reading_envelope(envelope: Envelopes, summary: reconstruction.Summary, *, dosing_interval_days: int,
                     margin_days: int) -> Prose:
    """Section 4's reading of the envelope figure: the counts each reading fixes or bounds on the key days, and the
    lower edge of the curve of all 9 relapses in the last 30 days of the window (the ledger's
    ``relapses_late_window_first``)."""
    all9, first5, total9 = envelope.all_relapses, envelope.first_relapse, envelope.first_total
    late = total9.loc[envelope.latest_day - 30:envelope.latest_day - 1]
    patients = summary.patients
    return prose.say(
        "**Reading the figure.** Under the all-relapses reading (left) the printed summary fixes the count only\n"
        "before day 45 ({before_45:.0f} relapses) and from day 230 (all {from_230:.0f}). In between it "
        "confines the curve to two\n"
        "boxes: from day 45 to 119 anything from {all_45[lower]:.0f} to {all_45[upper]:.0f} relapses may "
        "have happened, from day\n"
        "120 to 229 anything from {all_120[lower]:.0f} to {all_120[upper]:.0f}. What the reported days add "
        "is a forced step:\n"
        "whatever the free values, at least one relapse fell on day 45, one on day 120 and one on day 230. Under the\n"
        "first-relapse reading (middle) the patient curve behaves the same way with 5 patients: at least one "
        "first relapse on\n"
        "each of the three days, {free_45_low:.0f} to {free_45_high:.0f} patients still relapse-free from "
        "day 45 to 119,\n"
        "{free_120_low:.0f} to {free_120_high:.0f} from day 120 to 229. The curve of all 9 relapses (right) "
        "is barely\n"
        "constrained: only the step on day 45 is forced, up to {total_119:.0f} relapses may have occurred "
        "before day 120 and up\n"
        "to {after_230:.0f} may come after day 230, until day {latest}, the latest the rules allow. Late in "
        "that window each\n"
        "patient's own latest day binds (a patient with $k$ infusions may relapse up to day "
        "{interval}$(k-1)$ + {margin}): at\n"
        "least {late_low:.0f} of the 9 relapses have happened on every day from {late_from} to {late_to} "
        "(the lower edge).",
        before_45=all9.loc[44, "upper"], from_230=all9.loc[230, "lower"], all_45=all9.loc[45], all_120=all9.loc[120],
        free_45_low=patients - first5.loc[45, "upper"], free_45_high=patients - first5.loc[45, "lower"],
        free_120_low=patients - first5.loc[120, "upper"], free_120_high=patients - first5.loc[120, "lower"],
        total_119=total9.loc[119, "upper"], after_230=summary.relapses - total9.loc[230, "lower"],
        latest=envelope.latest_day, interval=dosing_interval_days, margin=margin_days, late_from=late.index[0],
        late_to=late.index[-1], late_low=late["lower"].min())


# --- 5. infusions, exposure and the relapse rate --------------------------------------------------------

@dataclass(frozen=True)
class RelapseRates:
    scenarios: dict  # convention -> every infusion multiset with exposure and rate
    by_total: pd.DataFrame  # headline convention, grouped by total infusions
    windows: pd.DataFrame  # convention, ends_on_day, holds_earliest_relapse (2-infusion patient)
    conventions: pd.DataFrame  # the conventions side by side (least and most exposure, range of rates)
    rate_table: pd.DataFrame  # rows of the rate figure, NEMOS last
    nemos: tuple  # (rate, low, high) of NEMOS overall on treatment


def relapse_rates(values, findings, *, level: float, dosing_interval_days: int, exposure_convention: str,
                  margin_days: int, days_per_year: float) -> RelapseRates:
    """Section 5: infusion multisets, exposure and the relapse rate on natalizumab under each convention.

    Every multiset of infusion counts with the printed median and range
    (:func:`analysis.stats.reconstruction.infusion_scenarios`); exposure per patient by
    :func:`analysis.stats.reconstruction.exposure_days` (Rothman, Greenland & Lash, Modern
    Epidemiology 2008, ch. 4: events and person-time must cover the same period); 9 relapses over
    it with the exact Poisson (Garwood 1936) interval from :func:`analysis.stats.poisson_ci`. The
    rate depends on the assumed counting margin (``margin_days``) and dosing interval as much as on
    the data, so every row names both. NEMOS (Stellmann 2017) is context, never a comparator.
    """
    findings.section("relapse_rate")
    s = summary(values)
    weeks = float(data.reported("bringeland2020")["dosing_interval"])
    findings.by_construction("dosing_interval_as_b1", f"assumed dosing interval ({dosing_interval_days} d, the "
                             "standard 4-weekly natalizumab schedule) beside the 4 weeks stated in the Bringeland "
                             "abstract: the assumption was chosen to agree with it, so the agreement is no check",
                             source="B1", reported=7 * weeks, recomputed=dosing_interval_days)
    scenarios = {conv: reconstruction.infusion_scenarios(s, dosing_interval_days, conv, days_per_year, level,
                                                         margin_days=margin_days) for conv in CONVENTIONS}
    chosen = scenarios[exposure_convention]
    by_total = (chosen.groupby("total_infusions")
                .agg(multisets=("infusions", "size"), example=("infusions", "first"),
                     years=("exposure_years", "first"), rate=("rate", "first"), ci_low=("ci_low", "first"),
                     ci_high=("ci_high", "first"))
                .reset_index().rename(columns={"total_infusions": "infusions"}))
    windows = pd.DataFrame({"convention": list(CONVENTIONS),
                            "ends_on_day": [int(reconstruction.exposure_days(s.infusions_min, dosing_interval_days,
                                                                              c, margin_days)) for c in CONVENTIONS]})
    windows["holds_day_45"] = windows["ends_on_day"] >= s.relapse_min
    least, most = chosen.loc[chosen["exposure_days"].idxmin()], chosen.loc[chosen["exposure_days"].idxmax()]
    how = margin_text(margin_days, exposure_convention, dosing_interval_days)
    # B1 (Bringeland) is cited for the dosing interval assumed: a number of another study's values, so no input.
    exposure = {"source": PAPER + ";B1", "inputs": INFUSIONS}
    rate = {"source": PAPER + ";B1", "inputs": (*INFUSIONS, "relapses")}
    findings.reconstruction("infusion_multisets", "infusion multisets consistent with median 8, range 2 to 11 "
                            "(5 patients)", len(chosen), **cited(values, *INFUSIONS))
    findings.reconstruction("total_infusions", "total natalizumab infusions, range over consistent multisets",
                            **cited(values, *INFUSIONS), low=chosen["total_infusions"].min(),
                            high=chosen["total_infusions"].max(), interval="feasible")
    findings.reconstruction("exposure_years", f"total exposure in patient-years ({dosing_interval_days}-day dosing; "
                            f"{how})", **exposure, low=least["exposure_years"], high=most["exposure_years"],
                            interval="feasible")
    findings.reconstruction("rate_range", f"relapses per patient-year on natalizumab, range over consistent multisets "
                            f"({dosing_interval_days}-day dosing; {how})", **rate, low=most["rate"],
                            high=least["rate"], interval="feasible")
    findings.derived("rate_least_exposure", f"relapse rate at the least exposure ({least['infusions']} infusions), per "
                     f"patient-year, exact Poisson CI ({dosing_interval_days}-day dosing; {how})", least["rate"],
                     low=least["ci_low"], high=least["ci_high"], interval="ci", level=level, **rate)
    findings.derived("rate_most_exposure", f"relapse rate at the most exposure ({most['infusions']} infusions), per "
                     f"patient-year, exact Poisson CI ({dosing_interval_days}-day dosing; {how})", most["rate"],
                     low=most["ci_low"], high=most["ci_high"], interval="ci", level=level, **rate)
    side = []
    for conv, frame in scenarios.items():
        role = "headline" if conv == exposure_convention else "sensitivity"
        low_row, high_row = frame.loc[frame["exposure_days"].idxmax()], frame.loc[frame["exposure_days"].idxmin()]
        side.append((conv, role, int(reconstruction.exposure_days(1, dosing_interval_days, conv, margin_days)),
                     margin_days, low_row["rate"], high_row["rate"], low_row["ci_low"], high_row["ci_high"]))
        if conv != exposure_convention:
            findings.reconstruction(f"rate_range_{conv}", "sensitivity: relapses per patient-year over consistent "
                                    f"multisets ({dosing_interval_days}-day dosing; "
                                    f"{margin_text(margin_days, conv, dosing_interval_days)})",
                                    **rate, low=frame["rate"].min(), high=frame["rate"].max(),
                                    interval="feasible")
    conventions = pd.DataFrame(side, columns=["exposure", "role", "days_after_last", "margin", "rate_min",
                                              "rate_max", "ci_min", "ci_max"])
    nemos_events = values["stellmann2017_attacks_on_treatment"].count
    nemos_years = float(values["stellmann2017_treatment_years"])
    nemos = rates.poisson_ci(nemos_events, nemos_years, level)
    # 191 / 321 recomputed and its exact Poisson CI are the automatic checks rate_recompute and rate_exact_ci
    # (context; the cohort probably includes Kleiter's 5 patients, so it is never a comparator).
    rows = []
    for conv, frame in scenarios.items():
        role = "headline" if conv == exposure_convention else "sensitivity"
        for label, row in (("least", frame.loc[frame["exposure_days"].idxmin()]),
                           ("most", frame.loc[frame["exposure_days"].idxmax()])):
            rows.append((conv, role, f"{label} ({row['infusions']})", row["exposure_years"], row["rate"],
                         row["ci_low"], row["ci_high"]))
    rows.append(("NEMOS 2017", "context", f"{nemos_events} / {nemos_years:.0f} y", nemos_years, *nemos))
    rate_table = pd.DataFrame(rows, columns=["exposure", "role", "multiset", "years", "rate", "ci_low", "ci_high"])
    return RelapseRates(scenarios, by_total, windows, conventions, rate_table, nemos)


def reading_relapse_rates(result: RelapseRates, *, margin_days: int) -> Prose:
    """Section 5's reading: the headline convention's range of rates and exact Poisson intervals, beside NEMOS."""
    return prose.say(
        "With exposure running over the same window in which relapses are counted, and relapses counted to\n"
        "{margin_days} days after the last infusion, the 5 patients relapsed {head[rate_min]:.2f} to "
        "{head[rate_max]:.2f} times\n"
        "per patient-year on natalizumab (the lower rate at the most exposure, 2-8-8-11-11 infusions; the "
        "higher at the least,\n"
        "2-2-8-8-11), with exact Poisson intervals that together run from about {head[ci_min]:.2f} to "
        "{head[ci_max]:.1f}. Those\n"
        "intervals are too narrow: they treat the 9 relapses as independent, while relapses cluster in "
        "patients. The two\n"
        "shorter exposure conventions give higher rates (the table above), because they divide relapses "
        "counted over the\n"
        "{margin_days}-day window by less person-time; they show how much the choice matters, not equally "
        "good alternatives.\n"
        "Only the *range* across multisets is determined by the abstract; which point in it is true is not. "
        "The NEMOS\n"
        "cohort's overall 0.60 on treatment (recomputed as 191 / 321 = {nemos:.3f}) is lower, but it "
        "describes a different,\n"
        "mixed group of treatments and patients. It gives a sense of scale for relapse rates in treated "
        "NMOSD; it is not a\n"
        "comparator (it probably contains these five patients), so no ratio or test is computed.",
        margin_days=margin_days, head=result.conventions.set_index("role").loc["headline"],
        nemos=result.nemos[0])


# --- 6. possible worlds ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PossibleWorlds:
    worlds: dict  # reading -> reconstruction.Worlds
    rechecked: dict  # reading -> bool
    band: pd.DataFrame  # exact vs sampled band, all-relapses reading
    before_due: pd.DataFrame  # share (%) of sampled worlds by relapses before the 4th infusion, per reading
    due_bounds: dict  # reading -> (low, high) exact
    due_day: int


def possible_worlds(values, findings, envelope: Envelopes, *, seed: int, n_worlds: int, every_patient_relapsed: bool,
                    dosing_interval_days: int, margin_days: int, min_gap_days: int) -> PossibleWorlds:
    """Section 6: reconstructed datasets (not study data) and what they do and do not show.

    :func:`analysis.stats.reconstruction.sample_worlds` under each reading (rejection sampling
    of a stated prior conditioned on the rules; von Neumann 1951); the first 200 of each batch
    are re-checked as tables (:meth:`Worlds.rechecked`). The sampled band is compared with the
    exact envelope of section 4, and the exact range of relapses before the 4th infusion is due
    (day ``3 x dosing_interval_days``) is set beside its sampled distribution.
    """
    findings.section("possible_worlds")
    s = summary(values)
    worlds, rechecked = {}, {}
    for reading in reconstruction.READINGS:
        r = rules(median_reading=reading, every_patient_relapsed=every_patient_relapsed,
                  dosing_interval_days=dosing_interval_days, margin_days=margin_days, min_gap_days=min_gap_days)
        worlds[reading] = reconstruction.sample_worlds(s, r, n_worlds, seed=seed)
        rechecked[reading] = worlds[reading].rechecked(s, r, 200)
        findings.reconstruction(f"worlds_exist_{reading}", "datasets reproducing every printed number exist (reading: "
                                f"median over {READING_LABELS[reading]}; rules: every_patient_relapsed "
                                f"{every_patient_relapsed}, {dosing_interval_days}-day dosing, relapses to "
                                f"{margin_days} d after the last infusion, {min_gap_days}-day gaps)",
                                feasible=len(worlds[reading]) > 0 and rechecked[reading],
                                **cited(values, *SUMMARY_QUANTITIES.values()))
    days = list(CHECK_DAYS)
    sampled = worlds["all_relapses"].counts_by_day(days)
    exact = envelope.all_relapses
    band = pd.DataFrame({"day": days, "exact_low": exact.loc[days, "lower"].to_numpy(),
                         "sampled_low": sampled.min(axis=0), "sampled_high": sampled.max(axis=0),
                         "exact_high": exact.loc[days, "upper"].to_numpy(),
                         "at_exact_high_pct": 100 * (sampled == exact.loc[days, "upper"].to_numpy()).mean(axis=0)})
    due = 3 * dosing_interval_days
    due_bounds = {"all_relapses": (int(exact.loc[due - 1, "lower"]), int(exact.loc[due - 1, "upper"])),
                  "first_relapse": (int(envelope.first_total.loc[due - 1, "lower"]),
                                    int(envelope.first_total.loc[due - 1, "upper"]))}
    share = {}
    for reading, w in worlds.items():
        share[reading] = (pd.Series(w.relapses_before(due)).value_counts(normalize=True)
                          .reindex(range(s.relapses + 1), fill_value=0) * 100)
        extra = "" if reading == "all_relapses" else f"; rules: {min_gap_days}-day gaps, {margin_days}-d margin"
        findings.reconstruction(f"before_4th_infusion_{reading}", f"relapses before day {due} (4th infusion due with "
                                f"{dosing_interval_days}-day dosing), of 9, exact bounds (reading: median over "
                                f"{READING_LABELS[reading]}{extra})", low=due_bounds[reading][0],
                                **cited(values, *(("relapses", *RELAPSE_DAYS) if reading == "all_relapses"
                                                  else FIRST_READING_TOTAL)),
                                high=due_bounds[reading][1], interval="feasible")
    before = pd.DataFrame(share)
    before.index.name = f"before day {due}"
    return PossibleWorlds(worlds, rechecked, band, before, due_bounds, due)


def reading_band(possible: PossibleWorlds) -> Prose:
    """Section 6's comparison of the sampled band with the exact one on days 45 and 120 (``possible.band``)."""
    band = possible.band.set_index("day")
    return prose.say(
        "The simulated band is inside the exact one, as it must be. The abstract allows up to {band[exact_high][45]}\n"
        "relapses by day 45 and up to {band[exact_high][120]} by day 120; the most among the draws were\n"
        "{band[sampled_high][45]} and {band[sampled_high][120]}. A sampler drawing days at random between "
        "the pins rarely puts\n"
        "several of them on the pins themselves, so the sampled band tends to be narrower at the informative "
        "days. Adding more\n"
        "draws narrows such a gap slowly and never certifies that it has closed; the closed-form bound does, for free.",
        band=band)


def reading_before_due(possible: PossibleWorlds, *, min_gap_days: int) -> Prose:
    """Section 6's reading of the relapses before the 4th infusion was due: the exact bounds of each reading."""
    return prose.say(
        "Under the rules of the parameters cell, the abstract guarantees at least {every[0]} and at most {every[1]}\n"
        "relapses before the 4th infusion was due (day {due}) under the all-relapses reading, and {first[0]} "
        "to {first[1]} under\n"
        "the first-relapse reading, whose upper end counts the first relapses that may fall before that day "
        "together with the\n"
        "later relapses of the same patients, each at least {gap} days (`min_gap_days`) after the one before "
        "and still before\n"
        "that day. That range is a finding. The bars inside it are not: they are shaped by the sampler's assumptions\n"
        "(uniform days between the pins, random assignment to patients) and must not be quoted as "
        "probabilities about the five\n"
        "patients.",
        every=possible.due_bounds["all_relapses"], first=possible.due_bounds["first_relapse"], due=possible.due_day,
        gap=min_gap_days)


# --- 7. a per-patient table -----------------------------------------------------------------------------

def add_table_findings(findings, check: reconstruction.TableCheck, reading: str, source: str, *,
                       level: float) -> None:
    """Add the ledger rows of a per-patient table check to ``findings`` (a :class:`~analysis.findings.Ledger`).

    One ``reported`` row per summary number (the value the table gives under ``reading``
    against the printed one, which the abstract printed as whole numbers), a
    ``consistency`` row for the plausibility rules, and a ``derived`` row for the
    Kaplan-Meier median time to first relapse with its CI (lifelines; Kaplan & Meier,
    J Am Stat Assoc 1958;53:457-481) at ``level``. Each ``reported`` row's input is the summary quantity it
    recomputes.
    """
    _validate.choice("reading", reading, reconstruction.READINGS)
    for row in check.comparison.itertuples(index=False):
        value = getattr(row, reading)
        name = f"{row.quantity} recomputed from the per-patient table ({reading})"
        key = f"table_{row.quantity}"
        if value is None or pd.isna(value):
            findings.not_recomputable(key, f"{name}: the table has no relapses", source=source, reported=row.reported,
                                      inputs=SUMMARY_QUANTITIES[row.quantity])
        else:
            findings.reported(key, name, row.reported, value, 1 if float(row.reported) % 1 else 0, source=source,
                              inputs=SUMMARY_QUANTITIES[row.quantity])
    findings.consistency("table_follows_rules", "per-patient table follows the plausibility rules", check.follows_rules,
                         source=source)
    high = check.median_high if np.isfinite(check.median_high) else None
    # The rules and the Kaplan-Meier median use the per-patient table only (data/patients), no printed number.
    findings.derived("table_km_median", "median days to first relapse, Kaplan-Meier on the per-patient table",
                     check.median_first_relapse, low=check.median_low, high=high, interval="ci", level=level,
                     source=source)


def patient_table(values, findings, table: pd.DataFrame | None, *, level: float, median_reading: str,
                  every_patient_relapsed: bool, dosing_interval_days: int, margin_days: int,
                  min_gap_days: int) -> reconstruction.TableCheck | None:
    """Section 7: the per-patient table, if ``data/patients/kleiter2012.csv`` exists (``table``).

    Checked against the summary under both readings and against the rules
    (:func:`analysis.stats.reconstruction.check_table_against_summary`), with a Kaplan-Meier
    estimate of the time to first relapse. Returns ``None`` (and a ``not_recomputable`` row)
    when there is no table.
    """
    findings.section("patient_table")
    if table is None:
        findings.not_recomputable("patient_table", "per-patient table (infusions and relapse days per patient): not "
                                  "published in a reachable source, replaced by the set of consistent datasets",
                                  source=PAPER)
        return None
    r = rules(median_reading=median_reading, every_patient_relapsed=every_patient_relapsed,
              dosing_interval_days=dosing_interval_days, margin_days=margin_days, min_gap_days=min_gap_days)
    check = reconstruction.check_table_against_summary(table, summary(values), r, level=level)
    add_table_findings(findings, check, median_reading, source=PAPER, level=level)
    return check


# --- 8. what cannot be recomputed ---------------------------------------------------------------------

def not_recomputable(values, findings) -> pd.DataFrame:
    """Section 8: what the abstract reports (or implies) that its numbers cannot check."""
    findings.section("not_recomputable")
    s = summary(values)
    # key, text, reported, kind, the quantities the row is about (none: nothing printed to use)
    rows = [
        ("median_reading", "which relapses the median of 120 days runs over (all 9 or first per patient): not stated; "
         "both readings carried through", s.relapse_median, "reported", ("relapse_days_median",)),
        ("disability", "disability accumulation in 4 of 5 patients: no EDSS values before or after reported",
         values["patients_with_disability_accumulation"].count, "reported",
         ("patients_with_disability_accumulation", "patients")),
        ("death_cause", "one death two months after stopping natalizumab: cause not reported",
         values["deaths"].count, "reported", ("deaths",)),
        ("rate_before", "relapse rate before natalizumab: not reported, so no before/after comparison", None,
         "derived", ()),
        ("nemos_natalizumab_arr", "NEMOS natalizumab-specific ARR: the natalizumab row of Stellmann 2017 was not "
         "reachable (and NEMOS probably includes these 5 patients)", None, "derived", ()),
    ]
    for key, text, reported, kind, used in rows:
        cites = cited(values, *used) if used else {"source": "ST2017" if key.startswith("nemos") else PAPER}
        findings.not_recomputable(key, text, kind=kind, reported=reported, **cites)
    return pd.DataFrame([(k, t) for k, t, *_ in rows], columns=["key", "why"])
