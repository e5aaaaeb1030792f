"""The pandera schemas of the files in ``data/``: what each file must look like.

Kept apart from :mod:`analysis.data.load`, which imports pandera only when it validates. The column
dictionary is ``data/README.md``; messages name the column a row check reports against
as ``column|message``, which :mod:`analysis.data` turns into one line per problem.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pandera.pandas as pa

# FULL_TEXT is for numbers a contributor later reads in a paper's full text; none is yet.
STATUSES = ["ABSTRACT", "SECONDARY", "FULL_TEXT"]
COUNT_UNITS = ["patients", "participants", "mice", "relapses", "infusions", "countries", "centers", "episodes"]
MEASURE_UNITS = ["days", "weeks", "months", "years", "patient_years"]
# ``statistic``: the unit of a test statistic (t, F, chi2, z, r), which has none.
UNITS = COUNT_UNITS + MEASURE_UNITS + ["percent", "p", "ratio", "per_patient_year", "statistic"]

# What a printed number is (the ``statistic`` column; data/README.md says what ``of``,
# ``denominator`` and ``df`` mean for each). ``value``: anything else (design facts,
# exposures, ages).
SUMMARY_STATISTICS = ["mean", "sd", "median", "min", "max", "q1", "q3"]
TEST_STATISTICS = ["t", "F", "chi2", "z", "r"]
STATISTICS = ["count", "percent", *SUMMARY_STATISTICS, "rate", "ratio", "difference", "p", *TEST_STATISTICS,
              "value"]
# Statistics whose ``of`` names another row of the file (a summary statistic's ``of`` names a variable).
OF_IS_QUANTITY = ["percent", "p", "rate", "ratio", *TEST_STATISTICS]
# What the row named by ``of`` must be, where that is fixed.
OF_STATISTICS = {
    "percent": ["count"],
    "rate": ["count"],
    "p": ["ratio", "difference", *TEST_STATISTICS],
}
# Units a statistic may be printed in, where that is fixed.
UNITS_OF_STATISTIC = {
    "count": COUNT_UNITS,
    "percent": ["percent"],
    "p": ["p"],
    "rate": ["per_patient_year"],
    **{test: ["statistic"] for test in TEST_STATISTICS},
}
_NUMBER = r"(\d+(\.\d+)?)"
_DF = {"F": rf"^{_NUMBER};{_NUMBER}$", "t": rf"^{_NUMBER}$", "chi2": rf"^{_NUMBER}$", "r": rf"^{_NUMBER}$"}

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


def _statistic_of(frame: pd.DataFrame) -> pd.Series:
    """The ``statistic`` of the row each row's ``of`` names (missing where there is none)."""
    by_quantity = frame.set_index("quantity")["statistic"]
    by_quantity = by_quantity[~by_quantity.index.duplicated()]
    return frame["of"].map(by_quantity)


def _df_ok(frame: pd.DataFrame) -> pd.Series:
    """``df`` is a positive number for t, chi2 and r, ``d1;d2`` for F, and empty otherwise."""
    def ok(statistic, df) -> bool:
        if statistic not in _DF:
            return pd.isna(df)
        if pd.isna(df) or not re.match(_DF[statistic], str(df)):
            return False
        return all(float(part) > 0 for part in str(df).split(";"))
    return pd.Series([ok(s, d) for s, d in zip(frame["statistic"], frame["df"])], index=frame.index)


def values_schema(study: str) -> pa.DataFrameSchema:
    is_count = lambda f: f["unit"].isin(COUNT_UNITS)  # noqa: E731
    refers = lambda f: f["statistic"].isin(OF_IS_QUANTITY) & f["of"].notna()  # noqa: E731
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
            # Empty reads as ``value`` (no typed check applies), so an extraction template may leave it.
            "statistic": pa.Column(str, _in(STATISTICS), nullable=True),
            "of": pa.Column(str, pa.Check.str_matches(_ID), nullable=True),
            "df": pa.Column(str, nullable=True),
        },
        checks=[
            _row_check("value", "a count must be a whole number of at least 0",
                       lambda f: ~is_count(f) | (f["statistic"] != "count")
                       | ((f["value"] >= 0) & (f["value"] % 1 == 0))),
            _row_check("value", "a summary of counts must be at least 0",
                       lambda f: ~is_count(f) | (f["value"] >= 0) | (f["statistic"] == "difference")),
            _row_check("value", "a percentage must lie between 0 and 100",
                       lambda f: (f["unit"] != "percent") | f["value"].between(0, 100)),
            _row_check("value", "a p-value must lie between 0 and 1",
                       lambda f: (f["unit"] != "p") | f["value"].between(0, 1)),
            _row_check("value", "a ratio, rate or duration must be positive",
                       lambda f: ~f["unit"].isin(["ratio", "per_patient_year", *MEASURE_UNITS])
                       | (f["statistic"] == "difference") | (f["value"] > 0)),
            _row_check("ci_low", "CI lower bound is above the upper bound",
                       lambda f: f["ci_low"].isna() | f["ci_high"].isna() | (f["ci_low"] <= f["ci_high"])),
            _row_check("ci_high", "CI needs both bounds or neither",
                       lambda f: f["ci_low"].isna() == f["ci_high"].isna()),
            _row_check("denominator", "names no quantity in this file",
                       lambda f: f["denominator"].isna() | f["denominator"].isin(f["quantity"])),
            _row_check("value", "count is above its denominator (successes above total)",
                       lambda f: f["denominator"].isna() | (f["statistic"] != "count")
                       | ~(f["value"] > _denominator_values(f))),
            _row_check("value", "a percentage must lie between 0 and 100",
                       lambda f: (f["statistic"] != "percent") | f["value"].between(0, 100)),
            _row_check("value", "a p-value must lie between 0 and 1",
                       lambda f: (f["statistic"] != "p") | f["value"].between(0, 1)),
            _row_check("value", "an F or chi2 statistic must be 0 or more, an r between -1 and 1",
                       lambda f: (~f["statistic"].isin(["F", "chi2"]) | (f["value"] >= 0))
                       & ((f["statistic"] != "r") | f["value"].between(-1, 1))),
            _row_check("unit", "does not fit the statistic (count: a count unit; percent: percent; p: p; "
                       "rate: per_patient_year; t, F, chi2, z, r: statistic)",
                       lambda f: pd.Series([s not in UNITS_OF_STATISTIC or u not in UNITS or u in UNITS_OF_STATISTIC[s]
                                            for s, u in zip(f["statistic"], f["unit"])], index=f.index)),
            _row_check("of", "names no quantity in this file",
                       lambda f: ~refers(f) | f["of"].isin(f["quantity"])),
            _row_check("of", "names a row of the wrong statistic (a percent or rate is of a count; a p is of a "
                       "ratio, difference or test statistic)",
                       lambda f: ~refers(f) | ~f["of"].isin(f["quantity"])
                       | pd.Series([s not in OF_STATISTICS or o in OF_STATISTICS[s]
                                    for s, o in zip(f["statistic"], _statistic_of(f))], index=f.index)),
            _row_check("of", "names itself",
                       lambda f: f["of"].isna() | (f["of"] != f["quantity"])),
            _row_check("of", "is empty: a mean, sd, median, min, max, q1 or q3 names the variable it summarises",
                       lambda f: ~f["statistic"].isin(SUMMARY_STATISTICS) | f["of"].notna()),
            _row_check("df", "degrees of freedom: a positive number for t, chi2 and r, 'd1;d2' for F, "
                       "empty for every other statistic",
                       _df_ok),
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
