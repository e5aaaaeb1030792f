"""The reproducibility scorecard over the whole ledger, and rows looked up by key.

Everything here reads the findings ledger collected from the executed study
notebooks (:func:`analysis.findings.collect`), so the overview shows exactly what the
study notebooks computed and recomputes nothing itself. Studies appear in ledger
order (the notebooks' file-name order), never from a hand-kept list.
"""

from __future__ import annotations

import pandas as pd

from analysis.findings.ledger import FAILED, PASSED, STATUSES


def studies(table: pd.DataFrame) -> list[str]:
    """The studies of the ledger, in the order their rows appear."""
    return list(dict.fromkeys(table["study"]))


def scorecard(table: pd.DataFrame) -> pd.DataFrame:
    """Ledger rows counted by study (rows) and status (columns), with totals.

    Every status appears as a column, zero where no row has it, so the table's shape
    does not depend on which statuses occur. ``checks`` counts the rows that could
    have failed (``match``, ``mismatch``, ``consistent``, ``inconsistent``,
    ``infeasible``): ``by_construction`` rows are shown but are no check.
    """
    order = studies(table)
    counts = pd.crosstab(pd.Categorical(table["study"], categories=order),
                         pd.Categorical(table["status"], categories=STATUSES), dropna=False)
    counts.index.name, counts.columns.name = "study", None
    counts["total"] = counts.sum(axis=1)
    counts["checks"] = counts[[*PASSED, *FAILED]].sum(axis=1)
    counts["passed"] = counts[list(PASSED)].sum(axis=1)
    counts.loc["all studies"] = counts.sum(axis=0)
    return counts.astype(int)


def kinds_by_status(table: pd.DataFrame) -> pd.DataFrame:
    """Ledger rows counted by kind (rows) and status (columns)."""
    counts = pd.crosstab(table["kind"], pd.Categorical(table["status"], categories=STATUSES), dropna=False)
    counts.columns.name = None
    return counts.astype(int)


def row(table: pd.DataFrame, study: str, key: str) -> pd.Series:
    """The one ledger row of ``study`` with ``key``.

    Raises ``KeyError`` naming the study and key if the notebook no longer records
    it, so the overview fails loudly instead of showing stale numbers.
    """
    rows = table[(table["study"] == study) & (table["key"] == key)]
    if len(rows) != 1:
        raise KeyError(f"{study}: no ledger row with key {key!r} (run 'analysis reproduce' after renaming a key)")
    return rows.iloc[0]
