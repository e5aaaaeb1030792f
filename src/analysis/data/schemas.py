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
# Event rates: per patient-year, or per 100 or 1000 patient-years (checked after scaling to per patient-year).
RATE_UNITS = {"per_patient_year": 1, "per_100_patient_years": 100, "per_1000_patient_years": 1000}
# ``statistic``: the unit of a test statistic (t, F, chi2, z, r), which has none. ``measure``: a continuous value
# in a unit the row's ``note`` names (no granularity check); ``score``: whole-number points per participant.
UNITS = COUNT_UNITS + MEASURE_UNITS + ["percent", "p", "ratio", *RATE_UNITS, "statistic", "measure", "score"]
# A p printed as "NS" or "n.s." (any case): not significant at 0.05, with no number. Validation reads its value as
# missing and its comparator as ``NOT_SIGNIFICANT``.
NOT_SIGNIFICANT = "NS"
_NS_SPELLINGS = {"ns", "n.s."}

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
    "rate": list(RATE_UNITS),
    **{test: ["statistic"] for test in TEST_STATISTICS},
}
_NUMBER = r"(\d+(\.\d+)?)"
_DF = {"F": rf"^{_NUMBER};{_NUMBER}$", "t": rf"^{_NUMBER}$", "chi2": rf"^{_NUMBER}$", "r": rf"^{_NUMBER}$"}

_ID = r"^[a-z][a-z0-9_]*\Z"
_OF = r"^[a-z][a-z0-9_]*(;[a-z][a-z0-9_]*)?\Z"
# What the two quantities a p compares (``of`` = ``a;b``) may be: both of one of these statistics.
COMPARED_STATISTICS = ["mean", "count", "percent"]
_SOURCE_LIST = r"^[A-Z][A-Z0-9]*(;[A-Z][A-Z0-9]*)*\Z"
# ``role``: the study's own number, another cohort's, or a baseline characteristic of one arm of a randomised trial
# (a ``mean`` or ``sd`` whose ``of`` names the variable, shared by the arms, and whose ``denominator`` names the arm's
# n, a ``count`` row; the arm's n itself may also be a ``baseline`` row).
ROLES = ["primary", "context", "baseline"]
BASELINE_STATISTICS = ["mean", "sd", "count"]


def _text(**kwargs) -> pa.Column:
    return pa.Column(str, pa.Check.str_length(min_value=1), **kwargs)


def _optional(dtype) -> pa.Column:
    return pa.Column(dtype, nullable=True, coerce=True)


def _in(values: list[str]) -> pa.Check:
    return pa.Check.isin(values, error=f"must be one of {', '.join(values)}")


def _row_check(column: str, message: str, fn) -> pa.Check:
    """A check over whole rows, reported against ``column``. A row whose every cell is empty passes it, as
    pandera's ``ignore_na`` has it; asked here of the failing rows only, where pandera would test every cell
    of the table once per check (most of the validation's time on a large file)."""
    def check(frame: pd.DataFrame) -> pd.Series:
        passed = fn(frame)
        failed = ~passed
        if failed.any():
            passed = passed | frame[failed].isna().all(axis="columns").reindex(frame.index, fill_value=False)
        return passed

    return pa.Check(check, name=f"{column}|{message}", ignore_na=False)


def _read_not_significant(frame: pd.DataFrame) -> pd.DataFrame:
    """Parser run before the columns are typed: a ``value`` printed as NS (``NS``, ``n.s.``, any case) with
    comparator ``=`` becomes a missing value with comparator ``NS``. A comparator ``NS`` typed in the file is
    kept apart (``NS (typed)``), so that the comparator check refuses it."""
    frame = frame.copy()
    typed = frame["comparator"].astype(str).str.strip() == NOT_SIGNIFICANT
    frame.loc[typed, "comparator"] = f"{NOT_SIGNIFICANT} (typed)"
    ns = frame["value"].map(lambda cell: isinstance(cell, str) and cell.strip().lower() in _NS_SPELLINGS)
    ns &= frame["comparator"] == "="
    frame.loc[ns, "value"] = None
    frame.loc[ns, "comparator"] = NOT_SIGNIFICANT
    return frame


def _finite(series: pd.Series) -> pd.Series:
    return series.isna() | series.map(lambda x: math.isfinite(x) if pd.notna(x) else True)


def _denominator_values(frame: pd.DataFrame) -> pd.Series:
    by_quantity = frame.set_index("quantity")["value"]
    by_quantity = by_quantity[~by_quantity.index.duplicated()]
    return frame["denominator"].map(by_quantity)


def _compared_ok(frame: pd.DataFrame) -> pd.Series:
    """An ``of`` naming two quantities (``a;b``) is a p's, and both are means, both counts or both percents."""
    by_quantity = frame.set_index("quantity")["statistic"]
    by_quantity = by_quantity[~by_quantity.index.duplicated()]

    def ok(statistic, of) -> bool:
        if not isinstance(of, str) or ";" not in of:
            return True
        kinds = {by_quantity.get(part) for part in of.split(";")}
        if len(kinds) != 1 or not kinds <= set(COMPARED_STATISTICS):
            return False
        return statistic == "p" or (statistic == "t" and kinds == {"mean"}) or \
            (statistic == "chi2" and kinds <= {"count", "percent"})
    return pd.Series([ok(s, o) for s, o in zip(frame["statistic"], frame["of"])], index=frame.index)


def _statistic_of(frame: pd.DataFrame) -> pd.Series:
    """The ``statistic`` of the row each row's ``of`` names (missing where there is none)."""
    by_quantity = frame.set_index("quantity")["statistic"]
    by_quantity = by_quantity[~by_quantity.index.duplicated()]
    return frame["of"].map(by_quantity)


def _statistic_of_denominator(frame: pd.DataFrame) -> pd.Series:
    """The ``statistic`` of the row each row's ``denominator`` names (missing where there is none)."""
    by_quantity = frame.set_index("quantity")["statistic"]
    by_quantity = by_quantity[~by_quantity.index.duplicated()]
    return frame["denominator"].map(by_quantity)


def _df_ok(frame: pd.DataFrame) -> pd.Series:
    """``df`` is a positive number for t, chi2 and r, ``d1;d2`` for F, and empty otherwise; an r printed with its
    CI and no degrees of freedom ("r = 0.52, 95% CI 0.31 to 0.68") may leave it empty."""
    def ok(statistic, df, with_ci) -> bool:
        if statistic not in _DF:
            return pd.isna(df)
        if pd.isna(df):
            return statistic == "r" and with_ci
        if not re.match(_DF[statistic], str(df)):
            return False
        return all(float(part) > 0 for part in str(df).split(";"))
    with_ci = frame["ci_low"].notna() & frame["ci_high"].notna()
    return pd.Series([ok(s, d, c) for s, d, c in zip(frame["statistic"], frame["df"], with_ci)], index=frame.index)


def _of_names_quantities(frame: pd.DataFrame) -> pd.Series:
    """Every quantity an ``of`` names (``a`` or ``a;b``) is a row of the file (one set of names, built once:
    a set per row made validation quadratic in the rows)."""
    quantities = set(frame["quantity"])
    refers = frame["statistic"].isin(OF_IS_QUANTITY) & frame["of"].notna()
    return ~refers | frame["of"].map(lambda of: all(part in quantities for part in str(of).split(";")))


def _ci_decimals_ok(frame: pd.DataFrame) -> pd.Series:
    """``ci_decimals`` (an optional column) is empty, or given for a row with a CI."""
    if "ci_decimals" not in frame:
        return pd.Series(True, index=frame.index)
    return frame["ci_decimals"].isna() | (frame["ci_low"].notna() & frame["ci_high"].notna())


def _baseline_arms(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """For the baseline ``mean`` and ``sd`` rows: whether their arm (their ``of`` and ``denominator``) has exactly
    one mean and one sd, and whether their variable (``of``) has at least two arms (two denominators)."""
    summary = (frame["role"] == "baseline") & frame["statistic"].isin(["mean", "sd"])
    rows = frame.loc[summary, ["of", "denominator", "statistic"]].fillna("")
    arm = rows.groupby(["of", "denominator"])["statistic"]
    per_arm = (arm.transform("size") == 2) & rows["statistic"].eq("mean").groupby([rows["of"], rows["denominator"]]) \
        .transform("sum").eq(1)
    arms = rows.groupby("of")["denominator"].transform("nunique")
    one_each = pd.Series(True, index=frame.index)
    one_each[per_arm.index] = per_arm.astype(bool)
    two_arms = pd.Series(True, index=frame.index)
    two_arms[arms.index] = arms >= 2
    return one_each, two_arms


def values_schema(study: str) -> pa.DataFrameSchema:
    is_count = lambda f: f["unit"].isin(COUNT_UNITS)  # noqa: E731
    refers = lambda f: f["statistic"].isin(OF_IS_QUANTITY) & f["of"].notna()  # noqa: E731
    ns = lambda f: f["comparator"] == NOT_SIGNIFICANT  # noqa: E731
    return pa.DataFrameSchema(
        {
            "study": pa.Column(str, _in([study])),
            "quantity": pa.Column(str, [pa.Check.str_matches(_ID)], unique=True),
            # Missing only for a p printed as NS (row checks below; ``_read_not_significant``).
            "value": pa.Column(float, pa.Check(_finite, error="must be a finite number"), nullable=True, coerce=True),
            "decimals": pa.Column("Int64", pa.Check.in_range(0, 10), nullable=True, coerce=True),
            "comparator": pa.Column(str, pa.Check.isin(["=", "<", ">", NOT_SIGNIFICANT],
                                                       error="must be one of =, <, > (a p printed as NS has value "
                                                             "NS and comparator =)")),
            "unit": pa.Column(str, _in(UNITS)),
            "ci_low": _optional(float),
            "ci_high": _optional(float),
            "denominator": pa.Column(str, nullable=True),
            "role": pa.Column(str, _in(ROLES)),
            "source": pa.Column(str, pa.Check.str_matches(_SOURCE_LIST)),
            "location": _text(),
            "status": pa.Column(str, _in(STATUSES)),
            "note": pa.Column(str, nullable=True),
            # Empty reads as ``value`` (no typed check applies), so an extraction template may leave it.
            "statistic": pa.Column(str, _in(STATISTICS), nullable=True),
            # A p, t or chi2 may compare two quantities: ``a;b`` (two means, two counts or two percents).
            "of": pa.Column(str, pa.Check.str_matches(_OF), nullable=True),
            "df": pa.Column(str, nullable=True),
            # Optional, the last column: the decimals of the CI bounds where they differ from the estimate's.
            "ci_decimals": pa.Column("Int64", pa.Check.in_range(0, 10), nullable=True, coerce=True, required=False),
        },
        parsers=pa.Parser(_read_not_significant),
        checks=[
            # A missing value (empty, or a p printed as NS) passes every check of a number below: the first check
            # names an empty one as the root cause.
            _row_check("value", "is empty but required (a p printed as NS has value NS and comparator =)",
                       lambda f: f["value"].notna() | ns(f)),
            _row_check("value", "NS (not significant) is a p value's: only in a row whose statistic is p",
                       lambda f: ~ns(f) | (f["statistic"] == "p")),
            _row_check("decimals", "is empty but required (only a p printed as NS has none)",
                       lambda f: f["decimals"].notna() | ns(f)),
            _row_check("decimals", "must be empty for a p printed as NS",
                       lambda f: ~ns(f) | f["decimals"].isna()),
            _row_check("ci_decimals", "is given for a row without a CI", _ci_decimals_ok),
            _row_check("note", "is empty: a measure names its unit in note",
                       lambda f: (f["unit"] != "measure") | f["note"].notna()),
            _row_check("value", "a count must be a whole number of at least 0",
                       lambda f: ~is_count(f) | (f["statistic"] != "count") | f["value"].isna()
                       | ((f["value"] >= 0) & (f["value"] % 1 == 0))),
            _row_check("value", "a summary of counts must be at least 0",
                       lambda f: ~is_count(f) | ~(f["value"] < 0) | (f["statistic"] == "difference")),
            _row_check("value", "a percentage must lie between 0 and 100",
                       lambda f: (f["unit"] != "percent") | f["value"].isna() | f["value"].between(0, 100)),
            _row_check("value", "a p-value must lie between 0 and 1",
                       lambda f: (f["unit"] != "p") | f["value"].isna() | f["value"].between(0, 1)),
            _row_check("value", "a ratio must be positive",
                       lambda f: (f["unit"] != "ratio") | (f["statistic"] == "difference") | ~(f["value"] <= 0)),
            # a median stay of 0 days, a range from 0 months, a rate of 0.00 when no one relapsed
            _row_check("value", "a rate or duration must be at least 0",
                       lambda f: ~f["unit"].isin([*RATE_UNITS, *MEASURE_UNITS])
                       | (f["statistic"] == "difference") | ~(f["value"] < 0)),
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
                       lambda f: (f["statistic"] != "percent") | f["value"].isna() | f["value"].between(0, 100)),
            _row_check("value", "a p-value must lie between 0 and 1",
                       lambda f: (f["statistic"] != "p") | f["value"].isna() | f["value"].between(0, 1)),
            _row_check("value", "an F or chi2 statistic must be 0 or more, an r between -1 and 1",
                       lambda f: (~f["statistic"].isin(["F", "chi2"]) | ~(f["value"] < 0))
                       & ((f["statistic"] != "r") | f["value"].isna() | f["value"].between(-1, 1))),
            _row_check("unit", "does not fit the statistic (count: a count unit; percent: percent; p: p; "
                       "rate: per_patient_year, per_100_patient_years or per_1000_patient_years; t, F, chi2, z, r: "
                       "statistic)",
                       lambda f: pd.Series([s not in UNITS_OF_STATISTIC or u not in UNITS or u in UNITS_OF_STATISTIC[s]
                                            for s, u in zip(f["statistic"], f["unit"])], index=f.index)),
            _row_check("of", "names no quantity in this file", _of_names_quantities),
            _row_check("of", "two quantities (a;b) are compared only by a p (two means, two counts or two "
                       "percents), a t (two means) or a chi2 (two counts or two percents)", _compared_ok),
            _row_check("of", "names a row of the wrong statistic (a percent or rate is of a count; a p is of a "
                       "ratio, difference or test statistic)",
                       lambda f: ~refers(f) | ~f["of"].isin(f["quantity"]) | f["of"].str.contains(";", na=False)
                       | pd.Series([s not in OF_STATISTICS or o in OF_STATISTICS[s]
                                    for s, o in zip(f["statistic"], _statistic_of(f))], index=f.index)),
            _row_check("of", "names itself",
                       lambda f: pd.Series([not isinstance(o, str) or q not in o.split(";")
                                            for q, o in zip(f["quantity"], f["of"])], index=f.index)),
            _row_check("of", "is empty: a mean, sd, median, min, max, q1 or q3 names the variable it summarises",
                       lambda f: ~f["statistic"].isin(SUMMARY_STATISTICS) | f["of"].notna()),
            _row_check("role", "baseline is for one arm's mean, sd or count (n) of a randomised trial",
                       lambda f: (f["role"] != "baseline") | f["statistic"].isin(BASELINE_STATISTICS)),
            _row_check("comparator", "a baseline mean, sd or count is printed with =",
                       lambda f: (f["role"] != "baseline") | (f["comparator"] == "=")),
            _row_check("denominator", "a baseline mean or sd names its arm's n, a count row, in denominator",
                       lambda f: (f["role"] != "baseline") | ~f["statistic"].isin(["mean", "sd"])
                       | (_statistic_of_denominator(f) == "count")),
            _row_check("of", "a baseline variable needs exactly one mean and one sd in each arm (the rows with this "
                       "of and this denominator)", lambda f: _baseline_arms(f)[0]),
            _row_check("of", "a baseline variable needs a mean and an sd in at least two arms (two denominators)",
                       lambda f: _baseline_arms(f)[1]),
            _row_check("df", "degrees of freedom: a positive number for t, chi2 and r (an r with its CI may "
                       "leave it empty), 'd1;d2' for F, empty for every other statistic",
                       _df_ok),
        ],
    )


BIBLIOGRAPHY_SCHEMA = pa.DataFrameSchema(
    {
        "source_id": pa.Column(str, pa.Check.str_matches(r"^[A-Z][A-Z0-9]*\Z"), unique=True),
        "paper": _text(),
        "doi": pa.Column(str, pa.Check.str_matches(r"^10\.\d{4,}/\S+\Z"), nullable=True),
        "pmid": pa.Column(str, pa.Check.str_matches(r"^\d+\Z"), nullable=True),
        "read_at": _text(),
        "url": pa.Column(str, pa.Check.str_matches(r"^https://\S+\Z"), nullable=True),
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
