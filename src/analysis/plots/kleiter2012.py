"""Figures of notebook 03 (Kleiter et al. 2012): each function returns a matplotlib Figure.

Figures of reconstructed or assumed data carry a label on the figure (:func:`analysis.plots.label`).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, NullLocator

from analysis.plots.style import label, plain_log_labels
from analysis.stats import order_statistics

_BLUE, _BROWN, _PURPLE = "#2b6a99", "#b5651d", "#7a4f9a"


def draw_swimmer(ax, frame: pd.DataFrame, rules) -> None:
    """Swimmer plot of one per-patient table on ``ax``: treatment bar, infusions, relapses, rule window.

    One lane per patient: a bar from day 0 to the last infusion, ticks at infusions, a
    thin line for the window after the last infusion in which a relapse still counts
    under ``rules.margin_days`` (an :class:`analysis.stats.reconstruction.Rules`), and a
    marker per relapse.
    """
    per_patient = frame.groupby("patient", sort=False)["infusions"].first()
    labelled: set[str] = set()

    def once(text: str) -> str | None:
        if text in labelled:
            return None
        labelled.add(text)
        return text

    for lane, (patient, infusions) in enumerate(per_patient.items()):
        last = (infusions - 1) * rules.dosing_interval_days
        ax.barh(lane, max(last, 1), left=0, height=0.45, color="#9ecae1", edgecolor="#3182bd",
                label=once("on natalizumab (first to last infusion)"))
        ax.plot([last, last + rules.margin_days], [lane, lane], color="#3182bd", linewidth=1.0, linestyle=":",
                label=once(f"to {rules.margin_days} days after the last infusion: relapses still counted"))
        ticks = np.arange(infusions) * rules.dosing_interval_days
        ax.plot(ticks, np.full(ticks.shape, lane), linestyle="none", marker="|", markersize=9, color="#08519c",
                label=once("infusion"))
        days = frame.loc[frame["patient"] == patient, "relapse_day"].dropna().astype(int).to_numpy()
        if days.size:
            ax.plot(days, np.full(days.shape, lane), linestyle="none", marker="v", markersize=7,
                    color="#cb181d", label=once("relapse"))
    ax.set_yticks(range(len(per_patient)))
    ax.set_yticklabels([f"{p} ({n} inf.)" for p, n in per_patient.items()])
    ax.invert_yaxis()
    ax.set_xlabel("days since first infusion")


def _band(ax, env, total, color, invert=False):
    low, high = env["lower"].to_numpy() / total, env["upper"].to_numpy() / total
    if invert:
        low, high = 1 - high, 1 - low
    ax.fill_between(env.index, low, high, step="post", color=color, alpha=0.3, linewidth=0)
    ax.step(env.index, low, where="post", color=color, linestyle="--", linewidth=1)
    ax.step(env.index, high, where="post", color=color, linestyle="--", linewidth=1)
    for r in order_statistics.forced_steps(env).itertuples():
        ends = np.array([r.before_at_most, r.on_day_at_least]) / total
        ax.plot([r.day, r.day], 1 - ends if invert else ends, color="black", linewidth=3.2, solid_capstyle="butt")


def relapse_envelope(envelope, summary, *, margin_days: int):
    """Exact envelopes of the relapse curves (three panels: all-relapses reading; first-relapse
    reading, patients; first-relapse reading, all 9 relapses under the rules)."""
    fig, axes = plt.subplots(1, 3, figsize=(13.5, 4.2), sharex=True)
    panels = [(envelope.all_relapses, summary.relapses, _BLUE, False, "proportion of the 9 relapses occurred by day t",
               "Median over all 9 relapses"),
              (envelope.first_relapse, summary.patients, _BROWN, True, "proportion of patients still relapse-free",
               "Median over first relapses: patients"),
              (envelope.first_total, summary.relapses, _PURPLE, False, "proportion of the 9 relapses occurred by day t",
               "Median over first relapses: all 9 relapses")]
    for ax, (env, total, color, invert, ylabel, title) in zip(axes, panels):
        _band(ax, env, total, color, invert)
        ax.set_ylabel(ylabel)
        ax.set_title(title, pad=18)
        for day in (summary.relapse_min, summary.relapse_median, summary.relapse_max):
            ax.axvline(day, color="black", linewidth=0.6, alpha=0.4)
        ax.set_xlim(0, envelope.right_end)
        ax.set_xticks([0, summary.relapse_min, summary.relapse_median, summary.relapse_max, 300, envelope.right_end])
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel("days since the first natalizumab infusion")
    ax = axes[2]
    ax.axvline(envelope.latest_day, color="grey", linestyle=":", linewidth=1)
    ax.text(envelope.latest_day - 4, 0.03, f"latest allowed\nday {envelope.latest_day}", ha="right", va="bottom",
            fontsize=8)
    label(ax, f"ASSUMED rules: each patient's relapses to {margin_days} d after own last infusion")
    items = [Patch(facecolor="#9a9a9a", alpha=0.35, edgecolor="#555555", linestyle="--",
                   label="every consistent curve lies in the shaded band (dashed: the extreme curves)"),
             Line2D([], [], color="black", linewidth=3.2,
                    label="forced step: at least one relapse on exactly this day"),
             Line2D([], [], color="black", linewidth=0.6, alpha=0.4, label="reported minimum, median, maximum"),
             Line2D([], [], color="grey", linestyle=":", linewidth=1, label="latest day a relapse may count (rules)")]
    fig.legend(handles=items, loc="lower center", ncol=4, fontsize=8, frameon=False)
    fig.suptitle("Exact envelope of the relapse curves consistent with the Kleiter 2012 abstract (9 relapses; "
                 "median 120 days, range 45 to 230)", fontsize=10.5, fontweight="bold")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def relapse_rate(rates, *, level: float, margin_days: int, dosing_interval_days: int, exposure_convention: str):
    """Relapse rates on natalizumab under each exposure convention beside NEMOS (context).

    ``rates`` is the :class:`analysis.studies.kleiter2012.RelapseRates` of section 5; every
    label names the counting margin and the exposure convention.
    """
    names = {"through_margin": f"to last infusion + {margin_days} d",
             "through_interval": f"to last infusion + {dosing_interval_days} d",
             "to_last_infusion": "to last infusion"}
    colors = {"headline": _BLUE, "sensitivity": "#c07a3a", "context": "#7a7a7a"}
    table = rates.rate_table
    chosen = rates.scenarios[exposure_convention]
    fig, ax = plt.subplots(figsize=(8.6, 5.1))
    labels = []
    for i, row in enumerate(table.itertuples(index=False)):
        ax.errorbar(row.rate, i, xerr=[[row.rate - row.ci_low], [row.ci_high - row.rate]], fmt="o",
                    color=colors[row.role], capsize=3)
        ax.text(row.ci_high * 1.08, i, f"{row.rate:.2f} ({row.ci_low:.2f} to {row.ci_high:.2f})", va="center",
                fontsize=8)
        labels.append("NEMOS 2017, all treatments (probably incl. these 5)" if row.role == "context"
                      else f"exposure {names[row.exposure]}: {row.multiset}")
    ax.axvspan(chosen["rate"].min(), chosen["rate"].max(), color=colors["headline"], alpha=0.12, linewidth=0)
    ax.set_xscale("log")
    ax.set_xlim(0.18, 20)
    ax.xaxis.set_major_locator(FixedLocator([0.2, 0.5, 1, 2, 5, 10]))
    ax.xaxis.set_minor_locator(NullLocator())
    plain_log_labels(ax.xaxis)
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(f"relapses per patient-year (exact Poisson {100 * level:.0f} % CI, log scale)")
    ax.set_title(f"Kleiter 2012: 9 relapses counted to {margin_days} d after the last infusion,\nover the exposure "
                 "the infusion summary allows (three exposure conventions)", pad=16, fontsize=10)
    label(ax, f"ASSUMED {dosing_interval_days}-day dosing and {margin_days}-day counting margin: not reported")
    handles = [Line2D([], [], color=colors["headline"], marker="o",
                      label=f"headline exposure ({names[exposure_convention]})"),
               Line2D([], [], color=colors["sensitivity"], marker="o",
                      label="other exposure conventions (sensitivity)"),
               Line2D([], [], color=colors["context"], marker="o", label="NEMOS, all treatments (context)"),
               Patch(color=colors["headline"], alpha=0.12, label="headline rates over all 28 multisets")]
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False, bbox_to_anchor=(0.5, 0.05))
    fig.text(0.5, 0.01, "Poisson intervals assume independent relapses; relapses cluster in patients, "
             "so the intervals are too narrow.", ha="center", fontsize=7.5, style="italic")
    fig.tight_layout(rect=(0, 0.14, 1, 1))
    return fig


def swimmer_reconstructions(worlds, rules, summary, *, n_shown: int, reading_label: str):
    """Swimmer plots of the first ``n_shown`` reconstructed datasets (labelled: not study data)."""
    fig, axes = plt.subplots(1, n_shown, figsize=(4.6 * n_shown, 3.9), sharex=True)
    axes = np.atleast_1d(axes)
    for k, ax in enumerate(axes):
        draw_swimmer(ax, worlds.frame(k), rules)
        ax.set_title(f"Reconstruction {k + 1} (not study data)", pad=18)
        ax.set_xlim(-10, (summary.infusions_max - 1) * rules.dosing_interval_days + rules.margin_days + 10)
        label(ax, "RECONSTRUCTION: consistent with the abstract, not study data")
    fig.suptitle(f"{n_shown} of the datasets consistent with every number in the Kleiter 2012 abstract "
                 f"(median over {reading_label})", fontsize=10.5, fontweight="bold")
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    handles, names = axes[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", ncol=len(names), fontsize=8)
    return fig


def relapses_before_4th_infusion(possible, *, n_worlds: int, reading_labels: dict):
    """Exact range of relapses before the 4th infusion is due, beside the sampled reconstructions' shares."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), sharey=True)
    share = possible.before_due
    for ax, (reading, color) in zip(axes, [("all_relapses", _BLUE), ("first_relapse", _PURPLE)]):
        low, high = possible.due_bounds[reading]
        ax.axvspan(low - 0.5, high + 0.5, color="#dddddd", label="exact range the abstract allows")
        ax.bar(share.index, share[reading], color=color, width=0.7, label="share of sampled reconstructions")
        ax.set_xticks(range(len(share.index)))
        ax.set_xlabel(f"relapses before day {possible.due_day} (4th infusion due)")
        ax.set_title(f"Median over {reading_labels[reading]}", pad=18)
        label(ax, "RECONSTRUCTIONS: depends on the sampling prior, not study data")
    axes[0].set_ylabel(f"% of {n_worlds} sampled datasets")
    axes[0].legend(loc="upper right", fontsize=7.5)
    fig.tight_layout()
    return fig
