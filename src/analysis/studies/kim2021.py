"""Kim et al. 2021: auditing one abstract, the PREVENT trial's Asian subgroup, step by step.

Citation: Kim HJ, Nakashima I, Viswanathan S, Wang KC, Shang S, Miller L, Yountz M, Wingerchuk DM,
Pittock SJ, Levy M, Berthele A, Totolyan N, Palace J, Barnett MH, Fujihara K; PREVENT Study Group.
Eculizumab in Asian patients with anti-aquaporin-IgG-positive neuromyelitis optica spectrum
disorder: A subgroup analysis from the randomized phase 3 PREVENT trial and its open-label
extension. 2021 May. Sources KIM1, KIM2 (two stored copies of the abstract; the pages read give no
journal, DOI or PMID), transcribed in ``data/values/kim2021.csv``.

One function per section of ``notebooks/06_audit_an_abstract.ipynb``. Each takes the transcribed
values (``data.reported(STUDY)``), the notebook's ledger and the notebook's parameters, adds its
section's ledger rows (after ``findings.section(<id>)``, the id of the section's heading anchor)
and returns the section's table. :func:`audit_transcription` serves the exercises and adds no
ledger rows. ``tests/test_kim2021.py`` asserts the printed numbers through the same functions.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated

import pandas as pd
from pydantic import Field, field_validator
from scipy import stats as scipy_stats

from analysis import audit
from analysis.audit.io import read_values
from analysis.findings import Ledger
from analysis.stats import (
    exact_ci,
    grim_numerators,
    p_from_ci,
    printed_interval,
    rounding_aware_p_range,
    rounds_to,
    se_from_ci,
)
from analysis.stats.joint_readings import wald_readings
from analysis.studies import parameters, shared
from analysis.studies.parameters import Real, StudyParameters, Whole

STUDY = "kim2021"
PRINTED_LEVEL = 0.95  # the abstract's CI is a 95% CI whatever the notebook's level
ENROLLED_TOTAL = 143  # the largest total a share of Asian patients could be of (all of PREVENT)
# (count quantity, total quantity, the reading the count rests on)
SHARES = (
    ("asian_patients", "enrolled_patients", "Asian patients of all enrolled"),
    ("relapses_eculizumab", "asian_eculizumab", "read as patients with a relapse, eculizumab arm"),
    ("relapses_placebo", "asian_placebo", "read as patients with a first relapse, placebo arm"),
)


class Parameters(StudyParameters):
    """Notebook 06's parameters cell, declared once: types, bounds and defaults (checked by ``analysis run``
    before a kernel starts and by :func:`check_parameters` in the notebook). ``ist_totals`` is bounded by
    :data:`ENROLLED_TOTAL`: at most 143 distinct totals."""

    level: Real = Field(0.95, gt=0, lt=1, description="a number strictly between 0 and 1 (e.g. 0.95)")
    ist_totals: tuple[Annotated[Whole, Field(ge=1, le=ENROLLED_TOTAL)], ...] = Field(
        (52, 37, 45, 15), min_length=1, max_length=ENROLLED_TOTAL,
        description=f"a non-empty tuple of distinct whole numbers from 1 to {ENROLLED_TOTAL} (e.g. (52, 37, 45, 15))")

    @field_validator("ist_totals")
    @classmethod
    def _distinct(cls, totals: tuple[int, ...]) -> tuple[int, ...]:
        if len(set(totals)) != len(totals):
            raise ValueError(f"a non-empty tuple of distinct whole numbers from 1 to {ENROLLED_TOTAL}")
        return totals


def check_parameters(**values) -> None:
    """Refuse a parameter of notebook 06 outside :class:`Parameters`: ``ValueError`` naming the parameter,
    what is allowed and the value it got."""
    parameters.check(Parameters, values)


def transcribed() -> pd.DataFrame:
    """Every number transcribed for the study, with its source and location."""
    return shared.transcribed(STUDY)


def percent_rounding(values: Mapping, findings: Ledger) -> pd.DataFrame:
    """36.4% of 143: the rounding interval of the printed percent and the whole counts it allows,
    beside the counts the same share printed without a decimal would allow.

    Adds no ledger row: that 100 x 52 / 143 rounds to the printed 36.4 is counted once, by the
    automatic check ``percent_recompute`` (section 7 of the notebook)."""
    findings.section("percent_rounding")
    k, n = values["asian_patients"].count, values["enrolled_patients"].count
    rows = []
    for decimals in (1, 0):
        printed = f"{round(100 * k / n, decimals):.{decimals}f}"
        low, high = printed_interval(printed, decimals)
        counts = [j for j in range(n + 1) if rounds_to(100 * j / n, printed, decimals)]
        rows.append({"printed_percent": printed, "decimals": decimals, "true_percent_low": low,
                     "true_percent_high": high, "count_low": n * low / 100, "count_high": n * high / 100,
                     "whole_counts_of_143": ", ".join(map(str, counts))})
    return pd.DataFrame(rows)


def grim(values: Mapping, findings: Ledger, *, ist_totals: Sequence[int]) -> pd.DataFrame:
    """86.5% printed without its count: the whole counts of each candidate total that print as 86.5%."""
    findings.section("grim")
    pct = values["concomitant_ist_pct"]
    printed = f"{pct.value:.{pct.decimals}f}"
    counts_52 = grim_numerators(printed, pct.decimals, values["asian_patients"].count)
    findings.reconstruction("ist_count_of_52", "86.5% on concomitant immunosuppressive therapy, read as a share of "
                            f"the 52 Asian patients (the abstract names no total): the only whole count is "
                            f"{', '.join(map(str, counts_52))}", counts_52[0] if len(counts_52) == 1 else None,
                            **shared.cited(values, "concomitant_ist_pct", "asian_patients"))
    rows = []
    for n in ist_totals:
        counts = grim_numerators(printed, pct.decimals, n)
        rows.append({"total": n, "counts_printing_86_5": ", ".join(map(str, counts)) or "none",
                     "percent": 100 * counts[0] / n if counts else math.nan, "possible": bool(counts)})
    return pd.DataFrame(rows)


def exact_cis(values: Mapping, findings: Ledger, *, level: float) -> pd.DataFrame:
    """Exact (Clopper-Pearson) CI of each printed count of its total, beside the Wald CI."""
    findings.section("exact_ci")
    z = scipy_stats.norm.isf((1 - level) / 2)
    rows = []
    for count_q, total_q, reading in SHARES:
        k, n = values[count_q].count, values[total_q].count
        low, high = exact_ci(k, n, level)
        half = z * math.sqrt(k / n * (1 - k / n) / n)
        rows.append({"count": count_q, "k": k, "n": n, "proportion": k / n, "exact_low": low, "exact_high": high,
                     "wald_low": k / n - half, "wald_high": k / n + half, "reading": reading})
        if count_q != "asian_patients":
            findings.derived(f"{count_q}_share_exact_ci", f"{k} of {n} ({reading}): proportion {k / n:.3f}, exact "
                             f"(Clopper-Pearson) {100 * level:g}% CI {low:.3f} to {high:.3f}", k / n,
                             **shared.cited(values, count_q, total_q), low=low, high=high, interval="ci", level=level)
    return pd.DataFrame(rows)


def _printed(row) -> tuple[str, str, str]:
    d = row.decimals
    return f"{row.value:.{d}f}", f"{row.ci_low:.{d}f}", f"{row.ci_high:.{d}f}"


def hazard_ratio_ci(values: Mapping, findings: Ledger) -> pd.DataFrame:
    """HR 0.05 (0.01-0.35): rounding intervals, the geometric centre, the implied SE of ln HR, and the
    SE that 1 and 6 relapses would give, sqrt(1/1 + 1/6)."""
    findings.section("hazard_ratio_ci")
    hr = values["hr_relapse"]
    e, lo, hi = _printed(hr)
    (e_lo, e_hi), (l_lo, l_hi), (u_lo, u_hi) = (printed_interval(x, hr.decimals) for x in (e, lo, hi))
    bounds = rounding_aware_p_range(hr.value, hr.ci_low, hr.ci_high, hr.decimals, PRINTED_LEVEL)
    se = se_from_ci(hr.ci_low, hr.ci_high, PRINTED_LEVEL)
    d1, d2 = values["relapses_eculizumab"].count, values["relapses_placebo"].count
    se_events = math.sqrt(1 / d1 + 1 / d2)
    findings.derived("hr_log_se", f"HR 0.05 (95% CI 0.01 to 0.35): SE of ln HR implied by the CI, assuming a Wald CI, "
                     f"(ln U - ln L) / (2 x 1.96) = {se:.3f} (over the rounding of the bounds {bounds.se_min:.3f} "
                     f"to {bounds.se_max:.3f})", se, **shared.cited(values, "hr_relapse"), low=bounds.se_min,
                     high=bounds.se_max, interval="rounding")
    # The counts' SE must hold in the same reading as the CI: a Wald reading keeps E at sqrt(L U).
    wald = wald_readings(hr.value, hr.ci_low, hr.ci_high, hr.decimals, level=PRINTED_LEVEL)
    agrees = wald_readings(hr.value, hr.ci_low, hr.ci_high, hr.decimals, se=(se_events, se_events),
                           level=PRINTED_LEVEL).exists
    # Not a counted check: sqrt(1/d1 + 1/d2) is the log-rank (delta-method) approximation, whose error with one
    # event exceeds the few per cent by which it can miss the Wald readings' SE; a miss is no evidence of an error.
    findings.derived("hr_se_fits_relapse_counts", f"the SE of ln HR that 1 and 6 relapses give, sqrt(1/1 + 1/6) = "
                     f"{se_events:.3f}, {'lies' if agrees else 'lies outside'} the SE of the readings where the "
                     f"printed CI is a Wald CI ({wald.se_min:.3f} to {wald.se_max:.3f}, the estimate at the geometric "
                     "centre of its bounds); reads the relapses as the events of the Cox model. Shown, not counted: "
                     "the approximation's error with one event is larger than this gap", se_events,
                     **shared.cited(values, "hr_relapse", "relapses_eculizumab", "relapses_placebo"),
                     low=wald.se_min, high=wald.se_max, interval="rounding")
    rows = [
        ("hazard ratio E", hr.value, e_lo, e_hi),
        ("lower bound L", hr.ci_low, l_lo, l_hi),
        ("upper bound U", hr.ci_high, u_lo, u_hi),
        ("geometric centre sqrt(L U)", math.sqrt(hr.ci_low * hr.ci_high), math.sqrt(l_lo * u_lo),
         math.sqrt(l_hi * u_hi)),
        ("E / sqrt(L U)", hr.value / math.sqrt(hr.ci_low * hr.ci_high), e_lo / math.sqrt(l_hi * u_hi),
         e_hi / math.sqrt(l_lo * u_lo)),
        ("SE of ln HR from the CI", se, bounds.se_min, bounds.se_max),
        ("SE of ln HR, Wald readings", math.nan, wald.se_min, wald.se_max),
        ("SE from 1 and 6 relapses", se_events, se_events, se_events),
    ]
    return pd.DataFrame(rows, columns=["quantity", "at_printed", "low", "high"])


def wald_p(values: Mapping, findings: Ledger) -> pd.DataFrame:
    """p = 0.0002 beside HR 0.05 (0.01-0.35): the Wald p at the printed numbers, over their rounding taken
    independently, and over the roundings that keep the estimate at the CI's geometric centre (the Wald
    readings, as the automatic check reads them)."""
    findings.section("wald_p")
    hr, p = values["hr_relapse"], values["p_relapse"]
    at = p_from_ci(hr.value, hr.ci_low, hr.ci_high, PRINTED_LEVEL)
    box = rounding_aware_p_range(hr.value, hr.ci_low, hr.ci_high, hr.decimals, PRINTED_LEVEL)
    wald = wald_readings(hr.value, hr.ci_low, hr.ci_high, hr.decimals, level=PRINTED_LEVEL)
    strict_low, strict_high = wald.p_min, wald.p_max
    p_lo, p_hi = printed_interval(f"{p.value:.{p.decimals}f}", p.decimals)
    agrees = strict_low <= p_hi and p_lo <= strict_high
    finding = (f"p = 0.0002 beside HR 0.05 (0.01 to 0.35): over every rounding that keeps the estimate at the "
               f"geometric centre of its CI (a Wald CI), the Wald p runs from {strict_low:.2g} to {strict_high:.2g}, "
               "so the printed p (0.00015 to 0.00025) "
               + ("can be that Wald p" if agrees else "is not that Wald p; both are below 0.05, so the CI and the p "
                  "agree on significance and another test would explain it (not named; a log-rank or score test "
                  "with 1 vs 6 relapses can be much smaller), which these numbers cannot recompute"))
    findings.add("p_is_wald_of_symmetric_ci", finding, "consistency", "consistent" if agrees else "not_recomputable",
                 **shared.cited(values, "p_relapse", "hr_relapse"), reported=p.value, recomputed=at, low=strict_low,
                 high=strict_high,
                 interval="rounding")
    rows = [
        ("Wald p at the printed numbers", at, at, at),
        ("Wald p, E, L, U rounded independently", at, box.p_min, box.p_max),
        ("Wald p, E at the geometric centre of (L, U)", at, strict_low, strict_high),
        ("printed p = 0.0002", p.value, p_lo, p_hi),
    ]
    return pd.DataFrame(rows, columns=["reading", "at_printed", "low", "high"])


def not_recomputable(findings: Ledger) -> pd.DataFrame:
    """What the sources do not report: one ``not_recomputable`` row each."""
    findings.section("not_recomputable")
    return shared.not_reported(STUDY, findings)


def audit_transcription(csv_text: str, study: str, level: float = 0.95) -> pd.DataFrame:
    """Exercises: validate a student's values CSV (text in the values schema; any source ids) as
    ``analysis audit`` would, run every automatic check, and return the display table (no ledger rows)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{study}.csv"
        path.write_text(csv_text, encoding="utf-8")
        frame = read_values(path)
    return audit.table(audit.run(frame, study, level))
