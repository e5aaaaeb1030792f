"""The findings ledger (:mod:`~analysis.findings.ledger`) and the scorecard over it
(:mod:`~analysis.findings.scorecard`)."""

from analysis.findings.ledger import (
    COLUMNS,
    CSV_COLUMNS,
    FAILED,
    INTERVALS,
    KINDS,
    MIME,
    PASSED,
    STATUSES,
    STATUSES_BY_KIND,
    Finding,
    Ledger,
    collect,
    rows_in_notebook,
    sections_in_notebook,
    write,
)

__all__ = ["COLUMNS", "CSV_COLUMNS", "FAILED", "INTERVALS", "KINDS", "MIME", "PASSED", "STATUSES", "STATUSES_BY_KIND",
           "Finding", "Ledger", "collect", "rows_in_notebook", "sections_in_notebook", "write"]
