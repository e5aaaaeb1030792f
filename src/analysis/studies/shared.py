"""Sections every study notebook can use as they are: what was transcribed, and what the
sources do not report (so cannot be recomputed)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis import data
from analysis.findings import Ledger

TRANSCRIBED_COLUMNS = ["quantity", "value", "decimals", "comparator", "unit", "ci_low", "ci_high", "role", "source",
                       "location", "status"]


def cited(values: Mapping, *quantities: str) -> dict[str, str]:
    """A ledger row's ``source`` and ``inputs`` from the quantities whose printed numbers it used, in one call so
    that the two cannot drift: ``findings.derived(key, text, value, **cited(values, "a", "b"))``.

    ``values`` is the study's ``data.reported(study)``; ``source`` is the sorted source ids the quantities rest on,
    ``inputs`` the quantities in the order given. A quantity not in ``values`` raises ``KeyError`` naming it.
    """
    if not quantities:
        raise ValueError("quantities must name at least one quantity of the values")
    missing = [quantity for quantity in quantities if quantity not in values]
    if missing:
        raise KeyError(f"quantities not in the values: {', '.join(missing)}")
    return {"source": ";".join(sorted({sid for q in quantities for sid in values[q].source.split(";") if sid})),
            "inputs": ";".join(dict.fromkeys(quantities))}


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
