"""Sections every study notebook can use as they are: what was transcribed, and what the
sources do not report (so cannot be recomputed)."""

from __future__ import annotations

import pandas as pd

from analysis import data
from analysis.findings import Ledger

TRANSCRIBED_COLUMNS = ["quantity", "value", "decimals", "comparator", "unit", "ci_low", "ci_high", "role", "source",
                       "location", "status"]


def transcribed(study: str, data_dir=None) -> pd.DataFrame:
    """The study's rows of ``data/values/<study>.csv`` (validated), as transcribed: a reader
    sees every printed number a notebook starts from, with its source and location."""
    return data.load_values(study, data_dir)[TRANSCRIBED_COLUMNS].reset_index(drop=True)


def not_reported(study: str, findings: Ledger, data_dir=None) -> pd.DataFrame:
    """One ``not_recomputable`` ledger row per item of ``data/not_reported.csv`` for ``study``
    (key ``not_reported_<n>``, in file order), and those items as a table."""
    items = data.load_not_reported(data_dir)
    items = items[items["study"] == study].reset_index(drop=True)
    for number, item in enumerate(items.itertuples(index=False), start=1):
        consequence = f": {item.consequence}" if isinstance(item.consequence, str) else ""
        findings.not_recomputable(f"not_reported_{number}", f"not reported: {item.item}{consequence}",
                                  source=item.looked_in)
    return items[["item", "looked_in", "consequence"]]
