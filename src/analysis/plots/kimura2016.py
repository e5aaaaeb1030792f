"""Figures of notebook 04 (Kimura et al. 2016): power of the study's comparisons for assumed effects."""

from __future__ import annotations

import matplotlib.pyplot as plt

from analysis.plots.style import ILLUSTRATIVE_LABEL, label
from analysis.stats import power as power_stats

# The comparisons drawn, keys of analysis.studies.kimura2016.COMPARISONS.
PLOTTED = ("treated_vs_naive", "treated_vs_healthy", "exacerbation_vs_other")


def power_curves(result, *, alpha: float, power_target: float, n_sim: int, plotted=PLOTTED):
    """Power against the ASSUMED true effect (Cohen's d), one panel per comparison in ``plotted``.

    ``result`` is :func:`analysis.studies.kimura2016.power_analysis`'s return value: the
    t-test curve (noncentral t, normal data with equal SDs) and the Monte Carlo points of
    the exact rank test. Lines mark ``power_target`` and ``alpha``; a panel whose
    comparison cannot reach ``alpha`` two-sided by any rank arrangement
    (:func:`analysis.stats.power.min_rank_test_p`) says so. Every panel carries the
    ILLUSTRATIVE label: the effects are assumed, not measured. Returns the Figure.
    """
    fig, axes = plt.subplots(1, len(plotted), figsize=(12, 4.4), sharey=True, squeeze=False)
    axes = axes[0]
    top = float(result.effect_sizes.max())
    for ax, key in zip(axes, plotted):
        n1, n2 = result.sizes[key]
        ax.plot(result.grid, result.t_power[key], color="#2f5d8a", lw=2, label="t test (noncentral t)")
        ax.plot(result.effect_sizes, result.rank_power[key], "o", color="#e07b00", ms=5,
                label=f"exact rank test (Monte Carlo, {n_sim} data sets)")
        ax.axhline(power_target, color="grey", lw=0.8, ls="--")
        ax.axhline(alpha, color="grey", lw=0.8, ls=":")
        ax.text(0.0, power_target + 0.02, f"power {power_target:.0%}", ha="left", va="bottom", fontsize=8,
                color="grey")
        ax.text(top, alpha + 0.02, f"alpha {alpha}", ha="right", va="bottom", fontsize=8, color="grey")
        ax.set_title(f"{result.labels[key]}\n({n1} vs {n2})", pad=20)
        ax.set_xlabel("assumed true effect (Cohen's d)")
        ax.set_ylim(-0.02, 1.02)
        label(ax, ILLUSTRATIVE_LABEL)
        floor = power_stats.min_rank_test_p(n1, n2)
        if floor > alpha:
            ax.text(top * 0.35, 0.62, f"no arrangement of {n1} vs {n2} reaches\np <= {alpha} two-sided (min p "
                    f"{floor:.3f}):\nrank-test power is 0 for every d", ha="center", va="center", fontsize=8.5,
                    color="#a35400")
    axes[0].set_ylabel("power: probability of p <= alpha")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, fontsize=9)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig
