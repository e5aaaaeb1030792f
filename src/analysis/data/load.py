"""Load and validate the transcribed summary data in ``data/``.

Every file has a pandera schema. A file is read as text, parsed column by column
(so a wrong type is reported at its row), then checked value by value and row by
row. All problems are collected into one :class:`DataError` whose message names
file, row and column; nothing is returned from a file that fails.

File kinds (see ``data/README.md`` for the column dictionary):

* ``bibliography.csv``: one row per source a value was read in.
* ``values/<study>.csv``: one row per reported number, long form.
* ``claims.csv``: qualitative statements, one per row.
* ``not_reported.csv``: what was looked for and not found.
* ``patients/<study>.csv`` (optional): a per-patient table, once one is extracted
  from a full text. One row per relapse (or one row with an empty relapse day for
  a patient without relapse).
* ``MANIFEST.sha256``: checksums of all of the above.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.data.schemas import COUNT_UNITS, MEASURE_UNITS, STATUSES, UNITS  # noqa: F401  (re-exported)
from analysis.pipeline import paths


class DataError(Exception):
    """Raised when a data file fails validation; ``str()`` is the full report."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Reported:
    """One reported number with the precision and relation it was printed with."""

    quantity: str
    value: float
    decimals: int
    comparator: str
    unit: str
    ci_low: float | None
    ci_high: float | None
    source: str
    status: str

    @property
    def count(self) -> int:
        """The value as an integer, for counts."""
        if self.unit not in COUNT_UNITS:
            raise TypeError(f"{self.quantity} is in {self.unit}, not a count")
        return int(self.value)

    def __float__(self) -> float:
        return float(self.value)


# --- reading and reporting ------------------------------------------------------

def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.REPO))
    except ValueError:
        return str(path)


def _read_text_table(path: Path, raw: bytes) -> pd.DataFrame:
    """The file's bytes ``raw`` (read once, so that they are what its digest names) as text columns."""
    try:
        frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise DataError([f"{_display(path)}: cannot be read as CSV: {exc}"]) from None
    # Empty cells mean "not reported / not applicable"; pandera sees them as missing.
    return frame.replace("", None)


def _describe_check(check: str) -> tuple[str | None, str]:
    """Split our ``column|message`` row-check names; translate pandera's own."""
    if "|" in check:
        column, message = check.split("|", 1)
        return column, message
    if check.startswith("coerce_dtype") or check.startswith("dtype"):
        return None, f"wrong type, expected {check.split('(', 1)[1].rstrip(')').strip(chr(39))}"
    if check in ("field_uniqueness", "multiple_fields_uniqueness") or check.startswith("unique"):
        return None, "duplicate value (must be unique)"
    if check == "not_nullable":
        return None, "is empty but required"
    if check == "column_in_dataframe":
        return None, "missing column"
    return None, check


def _problems(path: Path, err) -> list[str]:
    name = _display(path)
    problems: list[str] = []
    seen: set[tuple] = set()
    for case in err.failure_cases.itertuples(index=False):
        check = str(case.check)
        mapped_column, message = _describe_check(check)
        if check == "column_in_dataframe":
            key = ("column", case.failure_case)
            text = f"{name}, header, column '{case.failure_case}': missing column"
        elif case.index is None or (isinstance(case.index, float) and math.isnan(case.index)):
            key = ("file", case.column, check)
            text = f"{name}, column '{case.column}': {message}"
        else:
            row = int(case.index) + 1
            column = mapped_column or case.column
            key = (row, column, message)
            text = (f"{name}, row {row} (line {row + 1}), column '{column}': {message} "
                    f"(found {case.failure_case!r})" if mapped_column is None else
                    f"{name}, row {row} (line {row + 1}), column '{column}': {message}")
        if key not in seen:
            seen.add(key)
            problems.append(text)
    return problems


# Validated tables by (file, schema, content digest): notebooks read the same files many
# times, and validation costs far more than reading. A changed file has a new digest.
_VALIDATED: dict[tuple[str, str, str], pd.DataFrame] = {}


def _validate(path: Path, kind: str, study: str | None = None) -> pd.DataFrame:
    """``path`` read and validated against the schema of ``kind`` (see :func:`schemas.schema`),
    remembered in this process by file, schema and content digest."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError([f"{_display(path)}: cannot be read: {exc.strerror}"]) from None
    key = (str(path.resolve()), f"{kind}:{study or ''}", hashlib.sha256(raw).hexdigest())
    if key not in _VALIDATED:
        _VALIDATED[key] = _validate_uncached(path, raw, kind, study)
    return _VALIDATED[key].copy()


def _validate_uncached(path: Path, raw: bytes, kind: str, study: str | None) -> pd.DataFrame:
    from pandera.errors import SchemaErrors

    from analysis.data.schemas import schema as schema_of

    schema = schema_of(kind, study)
    frame = _read_text_table(path, raw)
    unexpected = [c for c in frame.columns if c not in schema.columns]
    if unexpected:
        raise DataError([f"{_display(path)}, header, column '{c}': unexpected column" for c in unexpected])
    try:
        return schema.validate(frame, lazy=True)
    except SchemaErrors as err:
        # A parse failure makes every later check on that column meaningless: report it alone.
        cases = err.failure_cases
        parse = cases["check"].astype(str).str.match(r"^(coerce_dtype|dtype|column_in_dataframe)")
        if parse.any():
            err.failure_cases = cases[parse]
        raise DataError(_problems(path, err)) from None


def source_ids(cell: str) -> list[str]:
    """The bibliography ids in a ``source`` cell: ``"A1;A2"`` gives ``["A1", "A2"]``.

    Data files separate ids with ``;`` (their schema insists); ledger rows written by
    hand in a notebook may use commas or spaces, which are read the same way.
    """
    return [part for part in re.split(r"[;,\s]+", str(cell)) if part]


def _check_sources(path: Path, frame: pd.DataFrame, column: str, known: set[str]) -> None:
    problems = [
        f"{_display(path)}, row {i + 1} (line {i + 2}), column '{column}': unknown source id '{sid}'"
        for i, cell in enumerate(frame[column])
        for sid in source_ids(cell)
        if sid not in known
    ]
    if problems:
        raise DataError(problems)


# --- public loaders ---------------------------------------------------------------

def load_bibliography(data_dir: Path | None = None) -> pd.DataFrame:
    """The sources every value cites, validated."""
    return _validate((data_dir or paths.data_dir()) / "bibliography.csv", "bibliography")


def _known_sources(data_dir: Path | None) -> set[str]:
    return set(load_bibliography(data_dir)["source_id"])


def studies(data_dir: Path | None = None) -> list[str]:
    """Every study named anywhere in ``data/``."""
    root = data_dir or paths.data_dir()
    names = {p.stem for p in (root / "values").glob("*.csv")}
    names |= set(load_claims(root)["study"]) | set(load_not_reported(root)["study"])
    return sorted(names)


def load_values(study: str, data_dir: Path | None = None) -> pd.DataFrame:
    """The reported numbers of one study, validated, one row per quantity."""
    root = data_dir or paths.data_dir()
    path = root / "values" / f"{study}.csv"
    if not path.exists():
        raise DataError([f"{_display(path)}: no such file (study '{study}' has no reported values)"])
    return _load_cited(path, root, "values", study)


def reported(study: str, data_dir: Path | None = None) -> dict[str, Reported]:
    """The reported numbers of one study as ``{quantity: Reported}``."""
    frame = load_values(study, data_dir)
    return {
        row.quantity: Reported(
            quantity=row.quantity, value=float(row.value), decimals=int(row.decimals),
            comparator=row.comparator, unit=row.unit,
            ci_low=None if pd.isna(row.ci_low) else float(row.ci_low),
            ci_high=None if pd.isna(row.ci_high) else float(row.ci_high),
            source=row.source, status=row.status,
        )
        for row in frame.itertuples(index=False)
    }


def _load_cited(path: Path, root: Path, kind: str, study: str | None = None,
                source_column: str = "source") -> pd.DataFrame:
    """Validate ``path`` against the schema of ``kind`` and its source ids against the bibliography."""
    frame = _validate(path, kind, study)
    _check_sources(path, frame, source_column, _known_sources(root))
    return frame


def load_claims(data_dir: Path | None = None) -> pd.DataFrame:
    """Qualitative statements, validated."""
    root = data_dir or paths.data_dir()
    return _load_cited(root / "claims.csv", root, "claims")


def load_not_reported(data_dir: Path | None = None) -> pd.DataFrame:
    """What was looked for in the sources and not found, validated."""
    root = data_dir or paths.data_dir()
    return _load_cited(root / "not_reported.csv", root, "not_reported", source_column="looked_in")


def load_patients(study: str, data_dir: Path | None = None, path: Path | None = None) -> pd.DataFrame | None:
    """A per-patient table for ``study`` if one has been extracted, else ``None``.

    ``path`` reads a table from elsewhere (the tests use a synthetic one).
    """
    root = data_dir or paths.data_dir()
    path = path or root / "patients" / f"{study}.csv"
    if not path.exists():
        return None
    return _load_cited(path, root, "patients", study)
