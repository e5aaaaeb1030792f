"""Figures of notebook 02 (Mahler et al. 2026): each function returns a Figure for ``plots.show``.

Figures of assumed or reconstructed data carry a label on every panel
(``style.ILLUSTRATIVE_LABEL`` or a reconstruction label); an interval back-calculated
under an assumption is drawn differently and labelled on the figure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np

from analysis.plots import style
from analysis.studies import mahler2026 as study

_COLOURS = ["#2b6a99", "#b5651d", "#4d8a3a", "#7a7a7a", "#8a1c1c"]


def arr_bars(values: Mapping):
    """The three adjusted ARRs with their rounding intervals (the CIs were not reported)."""
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    names = list(study.CLASSES.values())
    heights = np.array([values[f"arr_adjusted_{c}"].value for c in study.CLASSES])
    bounds = np.array([study.printed(values, f"arr_adjusted_{c}") for c in study.CLASSES])
    ax.bar(names, heights, color=["#2b6a99", "#b5651d", "#7a7a7a"], width=0.55)
    ax.errorbar(names, heights, yerr=[heights - bounds[:, 0], bounds[:, 1] - heights], fmt="none", ecolor="black",
                capsize=4, lw=1)
    for x, h in zip(names, heights):
        ax.text(x, h + 0.03, f"{h:.2f}", ha="center", va="bottom")
    ax.set_ylabel("adjusted ARR (relapses per patient-year)")
    ax.set_ylim(0, 1.3)
    ax.set_title("Estimated adjusted ARR by treatment class (Mahler 2026, S1)")
    ax.text(0.02, 0.97, "error bars: rounding interval only\n95 % CIs were not reported", transform=ax.transAxes,
            ha="left", va="top", fontsize=8)
    return fig


def ci_width_sensitivity(widths: study.Widths, ratio: float, *, level: float, comparisons: int):
    """ILLUSTRATIVE: exact Poisson CI bounds and widths for ``ratio`` under assumed relapse counts."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
    for (exposure, frame), colour in zip(widths.curves.items(), _COLOURS):
        left.plot(frame.total_events, frame.low, color=colour, lw=1.4,
                  label=f"NSIS exposure = {exposure:g} x anti-CD20")
        left.plot(frame.total_events, frame.high, color=colour, lw=1.4)
        right.plot(frame.total_events, frame.width_ratio, color=colour, lw=1.4, label=f"exposure ratio {exposure:g}")
    left.axhline(ratio, color="black", lw=0.8, ls=":")
    left.axhline(1, color="grey", lw=0.8)
    left.set_yscale("log")
    style.plain_log_labels(left.yaxis)
    left.set_xlabel("assumed relapses, both arms together")
    left.set_ylabel(f"exact {level:.0%} CI of anti-CD20 / NSIS rate ratio")
    left.set_title("CI bounds (dotted: ratio 0.17 / 0.76)", pad=20)
    left.legend(fontsize=7.5, loc="upper right")
    right.axhspan(*widths.implied_width, color="#8a1c1c", alpha=0.15)
    right.axhline(widths.implied_width[0], color="#8a1c1c", ls="--", lw=0.8)
    right.axhline(widths.implied_width[1], color="#8a1c1c", ls="--", lw=0.8,
                  label=f"width implied by Bonferroni p\n(Wald test, {comparisons} comparisons assumed)")
    right.set_xscale("log")
    right.set_yscale("log")
    style.plain_log_labels(right.xaxis)
    style.plain_log_labels(right.yaxis)
    right.set_xlabel("assumed relapses, both arms together")
    right.set_ylabel("CI width, upper / lower bound")
    right.set_title("CI width", pad=20)
    right.legend(fontsize=7.5, loc="upper right")
    for ax in (left, right):
        style.label(ax, style.ILLUSTRATIVE_LABEL)
    fig.suptitle("ILLUSTRATIVE: exact Poisson CIs for 0.17 / 0.76 under assumed relapse counts", y=1.04, fontsize=10)
    return fig


def forest(values: Mapping, aza: study.Azathioprine, *, level: float):
    """Two panels: the within-patient IRRs, and the HRs between treatments (azathioprine's CI implied by p)."""
    irr_rows = [(label, values[q].value, values[q].ci_low, values[q].ci_high, False)
                for q, (label, _) in study.WITH_CI.items() if q.startswith("irr_")]
    hr_rows = [(label, values[q].value, values[q].ci_low, values[q].ci_high, False)
               for q, (label, _) in study.WITH_CI.items() if q.startswith("hr_")]
    hr_rows.append(("Cox HR azathioprine vs rituximab", values["hr_azathioprine_vs_rituximab"].value, *aza.ci, True))
    p_hr = values["p_hr_azathioprine_vs_rituximab"].value
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8.5, 5.2), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2], "hspace": 0.55})
    for ax, group in [(top, irr_rows), (bottom, hr_rows)]:
        for i, (_, est, low, high, implied) in enumerate(reversed(group)):
            colour = "#8a1c1c" if implied else "#2b6a99"
            ax.plot([low, high], [i, i], color=colour, lw=1.6, ls="--" if implied else "-")
            ax.plot(est, i, "o", mfc="white" if implied else colour, mec=colour, ms=6)
            ax.text(1.02, i, f"{est:.2f} ({low:.2f}-{high:.2f})", transform=ax.get_yaxis_transform(),
                    va="center", fontsize=8)
            if implied:
                ax.text(1.2, i - 0.3, f"{level:.0%} CI implied by p = {p_hr:.5f} (not reported)",
                        ha="left", va="top", fontsize=7.5, color=colour)  # starts right of the line at 1
        ax.axvline(1, color="grey", lw=0.8)
        ax.set_yticks(range(len(group)))
        ax.set_yticklabels([g[0] for g in reversed(group)])
        ax.set_ylim(-0.8, len(group) - 0.4)
    top.set_xscale("log")
    style.plain_log_labels(top.xaxis)
    top.set_xlim(0.005, 50)
    top.set_title("Within-patient IRRs: each class vs the patients' own pretreatment period", fontsize=10)
    top.text(0.98, 0.5, "if the pretreatment period starts at onset\n(possible explanation, not reported),\n"
             "its rate is high (section 6) and regression\nto the mean makes these reductions\n"
             "look larger than the drug effect", transform=top.transAxes, ha="right", va="center", fontsize=7.5,
             style="italic", color="#444444")
    bottom.set_title("Hazard ratios between two treatments (Cox, time to relapse)", fontsize=10)
    bottom.set_xlabel("ratio (log scale); < 1 means fewer relapses on the first-named treatment")
    return fig


def feasible_counts(values: Mapping, tables: study.Tables, *, n_max: int):
    """RECONSTRUCTION: p of every GRIM-consistent 3 x 2 table, a zoom on the printed band, the feasible denominators."""
    everything, feasible = tables.everything, tables.tables
    low_p, high_p = study.printed(values, "p_chisq_relapse_free_three_drugs")
    patients = values["patients"].count
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(14.5, 4.8),
                                              gridspec_kw={"width_ratios": [1.15, 1, 1.1], "wspace": 0.35})
    # Left: every candidate table; p cannot exceed 1, and the axis stops one decade below the smallest p.
    left.scatter(everything.total_n, everything.p, s=6, color="#b0b0b0",
                 label=f"GRIM-consistent table (n <= {n_max} per drug), p not in the band")
    left.scatter(feasible.total_n, feasible.p, s=22, color="#8a1c1c", label="feasible table: p prints as 0.00012")
    left.axhspan(low_p, high_p, color="#8a1c1c", alpha=0.25, label="band of p that prints as 0.00012")
    left.axvline(patients, color="black", lw=0.8, ls=":", label=f"{patients} patients in the cohort")
    left.set_yscale("log")
    style.plain_log_labels(left.yaxis)
    p_floor = 10.0 ** math.floor(math.log10(everything.p.min()))
    left.set_ylim(p_floor, 1)
    left.text(patients, p_floor * 1.5, f" {patients} patients", fontsize=7.5, va="bottom")
    left.set_xlabel("total denominator, three drugs together")
    left.set_ylabel("chi-squared p (2 df)")
    left.set_title("p of every candidate table", pad=20)
    fig.legend(*left.get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=4,
               fontsize=8)
    # Middle: zoom on the band of p values that print as 0.00012.
    zoom = (0.9 * low_p, 1.1 * high_p)
    near = everything[(everything.p >= zoom[0]) & (everything.p <= zoom[1])]
    middle.scatter(near.total_n, 1e4 * near.p, s=10, color="#b0b0b0")
    middle.scatter(feasible.total_n, 1e4 * feasible.p, s=26, color="#8a1c1c")
    middle.axhspan(1e4 * low_p, 1e4 * high_p, color="#8a1c1c", alpha=0.2)
    middle.axvline(patients, color="black", lw=0.8, ls=":")
    middle.set_ylim(1e4 * zoom[0], 1e4 * zoom[1])
    middle.set_xlim(left.get_xlim())
    middle.set_xlabel("total denominator, three drugs together")
    middle.set_ylabel("chi-squared p (x 1e-4, linear)")
    middle.set_title("zoom on the shaded band", pad=20)
    # Right: the denominators of each feasible table.
    for row in feasible.itertuples(index=False):
        right.plot(range(3), [row.n_rituximab, row.n_mycophenolate, row.n_azathioprine], "-o", color="#8a1c1c",
                   alpha=0.6, ms=4, lw=1)
    right.set_xticks(range(3))
    right.set_xticklabels([f"{d}\n{values[f'relapse_free_{d}_pct'].value:g} %" for d in study.DRUGS])
    right.set_ylabel("denominator n")
    right.set_xlim(-0.5, 2.5)
    right.set_title("denominators of the feasible tables", pad=20)
    for ax in (left, middle, right):
        style.label(ax, "RECONSTRUCTION: feasible counts, not study data")
    return fig
