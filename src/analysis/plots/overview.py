"""Figures of the overview notebook: estimates from several studies side by side, and the scorecard."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from analysis.findings.scorecard import GROUPS
from analysis.plots.style import label
from analysis.studies.overview import ORIGINS, Estimate, Stories

_MARKERS = {"data": "o", "scenario": "s", "reconstruction": "D", "no_interval": "o"}
NATALIZUMAB, ANTI_CD20, OTHER = "#7b3294", "#1b7837", "#888888"
# Ruled-out readings are amber, not red: no data fit an assumed reading, which is no failure of the paper.
GROUP_COLOURS = {"passed": "#1b7837", "disagreements": "#b2182b", "ruled_out": "#e6a532", "not_counted": "#d0d0d0"}
GROUP_LABELS = {"passed": "checks passed", "disagreements": "printed numbers disagree",
                "ruled_out": "assumed reading ruled out", "not_counted": "not counted (no check)"}


def draw_estimates(ax, estimates: list[Estimate], colors: list[str], xlabel: str) -> None:
    """Horizontal point-and-interval chart, first estimate on top.

    The marker says where a point came from (see :data:`ORIGINS`); a point without
    an interval is drawn hollow, with its note saying why.
    """
    y = np.arange(len(estimates))[::-1]
    for yi, est, color in zip(y, estimates, colors):
        marker = _MARKERS[est.origin]
        if est.origin == "no_interval":
            ax.plot(est.value, yi, marker, mfc="white", mec=color, mew=2, ms=7)
        else:
            ax.plot([est.low, est.high], [yi, yi], color=color, lw=2.4, solid_capstyle="butt",
                    ls="-" if est.origin == "data" else (0, (4, 1.5)))
            ax.plot(est.value, yi, marker, color=color, ms=7)
        ax.annotate(est.note, (1.02, yi), xycoords=("axes fraction", "data"), va="center",
                    fontsize=7.5, color="#444444")
    ax.set_yticks(y, [e.label for e in estimates])
    ax.set_xlabel(xlabel)
    ax.set_ylim(-0.6, len(estimates) - 0.4)


def origin_legend(ax, origins: list[str], **kwargs) -> None:
    """A legend explaining the markers of the origins shown."""
    handles = [Line2D([], [], color="#555555", marker=_MARKERS[o], ls="-" if o == "data" else (0, (4, 1.5)),
                      mfc="white" if o == "no_interval" else "#555555", lw=0 if o == "no_interval" else 2,
                      label=ORIGINS[o]) for o in origins]
    ax.legend(handles=handles, **kwargs)


def three_stories(stories: Stories):
    """Two panels: the share free of disease activity or relapse, and relapse rates on treatment."""
    fig, (left, right) = plt.subplots(2, 1, figsize=(9.5, 8.0),
                                      gridspec_kw={"height_ratios": [6, 5], "hspace": 0.55})
    draw_estimates(left, stories.free, [NATALIZUMAB] * 3 + [ANTI_CD20, OTHER, OTHER],
                   "share of patients free of disease activity or relapse")
    left.set_xlim(0, 1.02)
    left.set_title("Free of disease activity or relapse (different endpoints and follow-up)")
    draw_estimates(right, stories.rates, [ANTI_CD20, OTHER, OTHER, NATALIZUMAB, NATALIZUMAB],
                   "relapses per patient-year on treatment (log scale)")
    right.set_xscale("log")
    right.set_xticks([0.1, 0.2, 0.5, 1, 2, 5, 10], ["0.1", "0.2", "0.5", "1", "2", "5", "10"])
    right.minorticks_off()
    right.set_title("Relapse rate on treatment", pad=20)
    label(right, "Kleiter rates: RECONSTRUCTION over feasible infusion counts (4-weekly dosing, 90-day margin assumed)")
    origin_legend(right, list(ORIGINS), loc="upper center", bbox_to_anchor=(0.45, -0.22), ncols=2, fontsize=7.5,
                  title_fontsize=7.5, title="colour: purple natalizumab, green anti-CD20, grey other treatments")
    return fig


def scorecard(card: pd.DataFrame):
    """Stacked bars: every ledger row by study in the scorecard's four groups
    (:data:`analysis.findings.scorecard.GROUPS`), each group labelled with its meaning."""
    shown = card.drop(index="all studies")[list(GROUPS)]
    fig, ax = plt.subplots(figsize=(8.5, 3.6))
    left_edge = pd.Series(0, index=shown.index)
    for group in GROUPS:
        ax.barh(shown.index, shown[group], left=left_edge, color=GROUP_COLOURS[group], label=GROUP_LABELS[group])
        left_edge += shown[group]
    ax.invert_yaxis()
    ax.set_xlabel("ledger rows")
    ax.legend(ncols=2, loc="lower right", fontsize=8)
    ax.set_title("Every finding, by study: checks passed, disagreements, readings ruled out, not counted")
    fig.tight_layout()
    return fig
