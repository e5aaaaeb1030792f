"""Figures of the Bringeland 2020 notebook (``notebooks/01_bringeland2020_neda.ipynb``); each returns the Figure.

They draw the tables of :mod:`analysis.studies.bringeland2020`; save and display with
:func:`analysis.plots.show`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from analysis.plots.style import label

_COHORT_COLOURS = {"Bringeland 2020": "#1f4e79", "van Kempen 2019": "#b03a2e", "Ratchford 2014": "#1e8449"}


def neda_intervals(intervals: pd.DataFrame, scenarios: pd.DataFrame, *, level: float,
                   lost_to_follow_up_outcome: str = "both") -> Figure:
    """NEDA among the followed (exact two- and one-sided, rule of three, Wald) above NEDA over the whole cohort
    under each assumed outcome of the patients not followed (worst and best case as the parameter asks).

    ``intervals`` and ``scenarios`` are :func:`analysis.studies.bringeland2020.neda_followed`'s ``intervals``
    and :func:`~analysis.studies.bringeland2020.missing_five`'s ``scenarios``. Rows below the dotted line rest
    on assumed outcomes and are labelled so on the figure.
    """
    followed = intervals.set_index(["method", "kind"])
    estimate = float(intervals["estimate"].iloc[0])
    lost = int(scenarios["lost_with_activity"].max())
    n_cohort = int(scenarios["n"].iloc[0])
    n_followed = n_cohort - lost
    neda = round(estimate * n_followed)
    head = f"{neda}/{n_followed} followed"
    rule = intervals[intervals["method"].str.startswith("rule of three")].iloc[0]
    rows = [
        (f"{head}: exact two-sided", estimate, *followed.loc[("Clopper-Pearson (exact)", "two-sided"),
                                                             ["low", "high"]], "#1f4e79", "o"),
        (f"{head}: exact one-sided lower", estimate, *followed.loc[("Clopper-Pearson (exact)", "one-sided lower"),
                                                                   ["low", "high"]], "#1f4e79", ">"),
        (f"{head}: rule of three (95 %)", estimate, rule["low"], rule["high"], "#5b8db8", ">"),
        (f"{head}: Wald (zero width)", estimate, *followed.loc[("Wald (normal approximation)", "two-sided"),
                                                               ["low", "high"]], "#9e9e9e", "x"),
    ]
    show_worst = lost_to_follow_up_outcome in ("worst", "both")
    show_best = lost_to_follow_up_outcome in ("best", "both")
    for row in scenarios.itertuples():
        if row.lost_with_activity == lost and not show_worst or row.lost_with_activity == 0 and not show_best:
            continue
        case = {lost: "worst case", 0: "best case"}.get(row.lost_with_activity,
                                                         f"{row.lost_with_activity} of {lost} lost active")
        colour = {lost: "#b03a2e", 0: "#1e8449"}.get(row.lost_with_activity, "#c9a227")
        rows.append((f"{row.neda}/{n_cohort} ({case})", row.proportion, row.low, row.high, colour, "s"))

    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    for y, (_, est, low, high, colour, marker) in enumerate(reversed(rows)):
        ax.plot([low, high], [y, y], color=colour, lw=2.2, solid_capstyle="butt")
        ax.plot([est], [y], marker=marker if marker != ">" else "o", color=colour, ms=6)
        if marker == ">":
            ax.plot([low], [y], marker="|", color=colour, ms=12, mew=2)
    ax.axhline(len(rows) - 4.5, color="#555555", lw=0.8, ls=":")
    ax.set_yticks(range(len(rows)), [r[0] for r in reversed(rows)])
    ax.set_xlim(0.65, 1.01)
    ax.set_xlabel(f"proportion with no evidence of disease activity (NEDA), {level:.0%} intervals")
    ax.set_title(f"NEDA at 1 year: the {n_followed} followed, and the {n_cohort} under assumed outcomes for the "
                 f"{lost} lost", pad=22)
    label(ax, f"ILLUSTRATIVE below the dotted line: outcomes assumed for the {lost} not followed; "
              f"{neda}/{n_followed} is study data")
    fig.tight_layout()
    return fig


def wearing_off_prevalence(comparison: pd.DataFrame, *, level: float) -> Figure:
    """Wearing-off prevalence in the three cohorts with exact intervals; open markers for counts rebuilt from
    rounded percentages over assumed denominators (``comparison`` from
    :func:`analysis.studies.bringeland2020.other_cohorts`), labelled on the figure."""
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    labels = []
    for y, row in enumerate(comparison.iloc[::-1].itertuples()):
        colour = _COHORT_COLOURS[row.study]
        ax.plot([row.low, row.high], [y, y], color=colour, lw=2.2, solid_capstyle="butt")
        ax.plot([row.proportion], [y], "o", color=colour, ms=6, mfc="white" if row.rebuilt else colour, mew=1.8)
        labels.append(f"{row.study}: {row.category} ({row.count}/{row.n}{'*' if row.rebuilt else ''})")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"proportion of patients, {level:.0%} exact intervals (* and open marker: count rebuilt from a "
                  "rounded %)")
    ax.set_title("Wearing-off prevalence under three different definitions", pad=22)
    label(ax, "RECONSTRUCTION: van Kempen and Ratchford counts rebuilt from rounded %, denominators 93 and 100 assumed")
    fig.tight_layout()
    return fig
