"""Notebook 07's parameters, declared once. Its text is no published study: the project wrote it, in the style of
the field's abstracts, to teach the audit from text (``tests/fixtures/abstracts/text/natalizumab_wearing_off.txt``);
the notebook is a teaching notebook (metadata ``"teaching": true``), whose rows neither the ledger nor the scorecard
count (:func:`analysis.findings.ledger.is_teaching`)."""

from __future__ import annotations

from pydantic import Field

from analysis.studies import parameters
from analysis.studies.parameters import Real, StudyParameters, Whole

STUDY = "natalizumab_wearing_off"


class Parameters(StudyParameters):
    """Notebook 07's parameters cell: types, bounds and defaults (checked by ``analysis run`` before a kernel
    starts and by :func:`check_parameters` in the notebook)."""

    level: Real = Field(0.95, gt=0, lt=1, description="a number strictly between 0 and 1")
    corrected_total: Whole = Field(46, ge=1, le=100_000, description="a whole number from 1 to 100000")


def check_parameters(**values) -> None:
    """Refuse a parameter of notebook 07 outside :class:`Parameters`: ``ValueError`` naming the parameter, what is
    allowed and the value it got."""
    parameters.check(Parameters, values)
