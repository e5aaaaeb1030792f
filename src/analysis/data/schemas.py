"""The pandera schemas of the files in ``data/``: what each file must look like.

Kept apart from :mod:`analysis.data.load`, which imports pandera only when it validates. The column
dictionary is ``data/README.md``; messages name the column a row check reports against
as ``column|message``, which :mod:`analysis.data` turns into one line per problem.
"""

from __future__ import annotations

import math

import pandas as pd
import pandera.pandas as pa

# FULL_TEXT is for numbers a contributor later reads in a paper's full text; none is yet.
STATUSES = ["ABSTRACT", "SECONDARY", "FULL_TEXT"]
COUNT_UNITS = ["patients", "participants", "mice", "relapses", "infusions", "countries", "centers", "episodes"]
MEASURE_UNITS = ["days", "weeks", "months", "years", "patient_years"]
UNITS = COUNT_UNITS + MEASURE_UNITS + ["percent", "p", "ratio", "per_patient_year"]

_ID = r"^[a-z][a-z0-9_]*$"
_SOURCE_LIST = r"^[A-Z][A-Z0-9]*(;[A-Z][A-Z0-9]*)*$"


def _text(**kwargs) -> pa.Column:
    return pa.Column(str, pa.Check.str_length(min_value=1), **kwargs)


def _optional(dtype) -> pa.Column:
    return pa.Column(dtype, nullable=True, coerce=True)


def _in(values: list[str]) -> pa.Check:
    return pa.Check.isin(values, error=f"must be one of {', '.join(values)}")


def _row_check(column: str, message: str, fn) -> pa.Check:
    """A check over whole rows, reported against ``column``."""
    return pa.Check(fn, name=f"{column}|{message}")


def _finite(series: pd.Series) -> pd.Series:
    return series.isna() | series.map(lambda x: math.isfinite(x) if pd.notna(x) else True)


def _denominator_values(frame: pd.DataFrame) -> pd.Series:
    by_quantity = frame.set_index("quantity")["value"]
    by_quantity = by_quantity[~by_quantity.index.duplicated()]
    return frame["denominator"].map(by_quantity)


def values_schema(study: str) -> pa.DataFrameSchema:
    is_count = lambda f: f["unit"].isin(COUNT_UNITS)  # noqa: E731
    return pa.DataFrameSchema(
        {
            "study": pa.Column(str, _in([study])),
            "quantity": pa.Column(str, [pa.Check.str_matches(_ID)], unique=True),
            "value": pa.Column(float, pa.Check(_finite, error="must be a finite number"), coerce=True),
            "decimals": pa.Column(int, pa.Check.in_range(0, 10), coerce=True),
            "comparator": pa.Column(str, _in(["=", "<", ">"])),
            "unit": pa.Column(str, _in(UNITS)),
            "ci_low": _optional(float),
            "ci_high": _optional(float),
            "denominator": pa.Column(str, nullable=True),
            "role": pa.Column(str, _in(["primary", "context"])),
            "source": pa.Column(str, pa.Check.str_matches(_SOURCE_LIST)),
            "location": _text(),
            "status": pa.Column(str, _in(STATUSES)),
            "note": pa.Column(str, nullable=True),
        },
        checks=[
            _row_check("value", "a count must be a whole number of at least 0",
                       lambda f: ~is_count(f) | ((f["value"] >= 0) & (f["value"] % 1 == 0))),
            _row_check("value", "a percentage must lie between 0 and 100",
                       lambda f: (f["unit"] != "percent") | f["value"].between(0, 100)),
            _row_check("value", "a p-value must lie between 0 and 1",
                       lambda f: (f["unit"] != "p") | f["value"].between(0, 1)),
            _row_check("value", "a ratio, rate or duration must be positive",
                       lambda f: ~f["unit"].isin(["ratio", "per_patient_year", *MEASURE_UNITS]) | (f["value"] > 0)),
            _row_check("ci_low", "CI lower bound is above the upper bound",
                       lambda f: f["ci_low"].isna() | f["ci_high"].isna() | (f["ci_low"] <= f["ci_high"])),
            _row_check("ci_high", "CI needs both bounds or neither",
                       lambda f: f["ci_low"].isna() == f["ci_high"].isna()),
            _row_check("denominator", "names no quantity in this file",
                       lambda f: f["denominator"].isna() | f["denominator"].isin(f["quantity"])),
            _row_check("value", "count is above its denominator (successes above total)",
                       lambda f: f["denominator"].isna() | ~(f["value"] > _denominator_values(f))),
        ],
    )


BIBLIOGRAPHY_SCHEMA = pa.DataFrameSchema(
    {
        "source_id": pa.Column(str, pa.Check.str_matches(r"^[A-Z][A-Z0-9]*$"), unique=True),
        "paper": _text(),
        "doi": pa.Column(str, pa.Check.str_matches(r"^10\.\d{4,}/\S+$"), nullable=True),
        "pmid": pa.Column(str, pa.Check.str_matches(r"^\d+$"), nullable=True),
        "read_at": _text(),
        "url": pa.Column(str, pa.Check.str_matches(r"^https://\S+$"), nullable=True),
        "what_was_read": _text(),
        "status": pa.Column(str, _in(STATUSES)),
    }
)

CLAIMS_SCHEMA = pa.DataFrameSchema(
    {
        "study": pa.Column(str, pa.Check.str_matches(_ID)),
        "claim_id": pa.Column(str, pa.Check.str_matches(_ID)),
        "claim": _text(),
        "source": pa.Column(str, pa.Check.str_matches(_SOURCE_LIST)),
        "location": _text(),
        "status": pa.Column(str, _in(STATUSES)),
    },
    unique=["study", "claim_id"],
)

NOT_REPORTED_SCHEMA = pa.DataFrameSchema(
    {
        "study": pa.Column(str, pa.Check.str_matches(_ID)),
        "item": _text(),
        "looked_in": pa.Column(str, pa.Check.str_matches(_SOURCE_LIST)),
        "consequence": pa.Column(str, nullable=True),
    }
)


def patients_schema(study: str) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "study": pa.Column(str, _in([study])),
            "patient": pa.Column(str, pa.Check.str_length(min_value=1)),
            "infusions": pa.Column(int, pa.Check.ge(1, error="a patient has at least one infusion"), coerce=True),
            "relapse_day": pa.Column("Int64", pa.Check.ge(0, error="a relapse day is 0 or later"),
                                     nullable=True, coerce=True),
            "source": pa.Column(str, pa.Check.str_matches(_SOURCE_LIST)),
            "location": _text(),
            "status": pa.Column(str, _in(STATUSES)),
        },
        checks=[
            _row_check("infusions", "differs between rows of the same patient",
                       lambda f: f.groupby("patient")["infusions"].transform("nunique") == 1),
        ],
    )


def schema(kind: str, study: str | None = None) -> pa.DataFrameSchema:
    """The schema of a file kind: ``bibliography``, ``claims``, ``not_reported``, ``values`` or ``patients``."""
    fixed = {"bibliography": BIBLIOGRAPHY_SCHEMA, "claims": CLAIMS_SCHEMA, "not_reported": NOT_REPORTED_SCHEMA}
    if kind in fixed:
        return fixed[kind]
    return {"values": values_schema, "patients": patients_schema}[kind](study)
