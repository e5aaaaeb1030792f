"""Figures of the overview notebook: estimates from several studies side by side."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


# How a point on the comparison figure was obtained; drives its marker.
ORIGINS = {
    "data": "study data, exact interval",
    "scenario": "assumed scenario (illustrative), exact interval",
    "reconstruction": "reconstruction range end, exact interval",
    "no_interval": "published number, no interval computable",
}
_MARKERS = {"data": "o", "scenario": "s", "reconstruction": "D", "no_interval": "o"}


@dataclass(frozen=True)
class Estimate:
    """One point on the comparison figure: an estimate, an optional interval, and its origin."""

    label: str
    value: float
    low: float | None
    high: float | None
    note: str
    origin: str = "data"

    def __post_init__(self):
        if self.origin not in ORIGINS:
            raise ValueError(f"origin must be one of {list(ORIGINS)}, got {self.origin!r}")
        if (self.low is None) != (self.origin == "no_interval"):
            raise ValueError(f"{self.label}: only a 'no_interval' estimate may lack an interval")


def from_row(row: pd.Series, label: str, note: str, origin: str = "data") -> Estimate:
    """An :class:`Estimate` taken from a ledger row (interval from ``low``/``high``)."""
    def number(x):
        return None if pd.isna(x) else float(x)

    return Estimate(label, float(row["recomputed"]), number(row["low"]), number(row["high"]), note, origin)


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
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color="#555555", marker=_MARKERS[o], ls="-" if o == "data" else (0, (4, 1.5)),
                      mfc="white" if o == "no_interval" else "#555555", lw=0 if o == "no_interval" else 2,
                      label=ORIGINS[o]) for o in origins]
    ax.legend(handles=handles, **kwargs)
