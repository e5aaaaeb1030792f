"""The reproducibility scorecard over the whole ledger, and rows looked up by key.

Everything here reads the findings ledger collected from the executed study
notebooks (:func:`analysis.findings.collect`), so the overview shows exactly what the
study notebooks computed and recomputes nothing itself. Studies appear in ledger
order (the notebooks' file-name order), never from a hand-kept list.
"""

from __future__ import annotations

import pandas as pd

from analysis.findings.ledger import DISAGREED, NOT_COUNTED, PASSED, RULED_OUT, STATUSES

# The scorecard's four groups, each a set of statuses; every status is in exactly one.
GROUPS = {
    "passed": PASSED,
    "disagreements": DISAGREED,
    "ruled_out": RULED_OUT,
    "not_counted": NOT_COUNTED,
}
GROUP_MEANING = {
    "passed": "checks that could have failed and passed (match, consistent)",
    "disagreements": "printed numbers that disagree with each other (mismatch, inconsistent)",
    "ruled_out": "an assumed reading of the printed numbers that no data fit (infeasible): a statement about the "
                 "reading, not a failure of the paper",
    "not_counted": "no check: new numbers (derived), relations that hold by how the data were transcribed or that "
                   "repeat another counted check (by_construction), and what the summaries cannot answer "
                   "(not_recomputable)",
}


def studies(table: pd.DataFrame) -> list[str]:
    """The studies of the ledger, in the order their rows appear."""
    return list(dict.fromkeys(table["study"]))


def scorecard(table: pd.DataFrame) -> pd.DataFrame:
    """Ledger rows counted by study (rows) in four groups, then by status, with totals.

    The groups (:data:`GROUPS`, meanings in :data:`GROUP_MEANING`): ``passed`` (checks that
    could have failed and did not), ``disagreements`` (``mismatch``, ``inconsistent``),
    ``ruled_out`` (``infeasible``: an assumed reading no data fit) and ``not_counted``
    (``derived``, ``by_construction``, ``not_recomputable``). ``checks`` counts the first
    three: a ``by_construction`` row, including one that repeats another check, is shown but
    is no check, so a relation tested twice counts once. Every status appears as a column,
    zero where no row has it, so the table's shape does not depend on which statuses occur.
    """
    order = studies(table)
    counts = pd.crosstab(pd.Categorical(table["study"], categories=order),
                         pd.Categorical(table["status"], categories=STATUSES), dropna=False)
    counts.index.name, counts.columns.name = "study", None
    for group, statuses in GROUPS.items():
        counts[group] = counts[list(statuses)].sum(axis=1)
    counts["checks"] = counts[["passed", "disagreements", "ruled_out"]].sum(axis=1)
    counts["total"] = counts[STATUSES].sum(axis=1)
    counts.loc["all studies"] = counts.sum(axis=0)
    return counts[[*GROUPS, "checks", "total", *STATUSES]].astype(int)


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
