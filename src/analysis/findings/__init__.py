"""The findings ledger (:mod:`~analysis.findings.ledger`) and the scorecard over it
(:mod:`~analysis.findings.scorecard`)."""

from analysis.findings.ledger import COLUMNS, KINDS, MIME, STATUSES, Finding, Ledger, collect, rows_in_notebook, write

__all__ = ["COLUMNS", "KINDS", "MIME", "STATUSES", "Finding", "Ledger", "collect", "rows_in_notebook", "write"]
