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
* ``MANIFEST.json``: per file, a digest of the parsed content, the row count and the
  rows by key (see :mod:`analysis.data.manifest`).

Files are read as UTF-8 with or without a byte-order mark, with any line endings: the
parsed content, not the bytes, is what is validated and recorded.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.schemas import COUNT_UNITS, MEASURE_UNITS, STATUSES, UNITS  # noqa: F401  (re-exported)


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


@dataclass(frozen=True)
class TextTable:
    """A CSV file as parsed text: its header and its rows of cells (all strings).

    Line endings inside cells are ``\\n`` whatever the file used, and a byte-order mark is
    not part of the first column's name, so a file checked out with CRLF endings or saved
    with a BOM parses to the same table.
    """

    header: list[str]
    rows: list[list[str]]

    def frame(self) -> pd.DataFrame:
        """The table as text columns; empty cells are missing values (not reported / not applicable)."""
        frame = pd.DataFrame(self.rows, columns=self.header, dtype=object) if self.rows else \
            pd.DataFrame({column: pd.Series([], dtype=object) for column in self.header})
        return frame.replace("", None)


def read_text_table(path: Path, raw: bytes | None = None) -> TextTable:
    """``path`` (or its bytes ``raw``) parsed as CSV text.

    Raises :class:`DataError` with one line when the file cannot be read, is not UTF-8, is
    empty, or has rows with more fields than its header (all such rows in one line).
    """
    name = _display(path)
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DataError([f"{name}: cannot be read: {exc.strerror}"]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError([f"{name}: cannot be read as CSV: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    try:
        records = [[cell.replace("\r\n", "\n").replace("\r", "\n") for cell in record]
                   for record in csv.reader(io.StringIO(text, newline=""), strict=True) if record]
    except csv.Error as exc:
        raise DataError([f"{name}: cannot be read as CSV: {exc}"]) from None
    if not records:
        raise DataError([f"{name}: empty (no header, no rows)"])
    header = records[0]
    # A row with fewer fields than the header has its last cells empty (as pandas reads it: a
    # row written before the last columns existed stays valid); one with more is an error.
    rows = [row + [""] * (len(header) - len(row)) for row in records[1:]]
    ragged = [(i, len(row)) for i, row in enumerate(rows, start=1) if len(row) != len(header)]
    if ragged:
        if len(ragged) == len(rows) and len({n for _, n in ragged}) == 1:
            raise DataError([f"{name}, header: {len(header)} columns, but every row has {ragged[0][1]} fields "
                             "(a column name missing from the header, or a column dropped from the header only)"])
        shown = ", ".join(f"row {i} (line {i + 1}) has {n}" for i, n in ragged[:5])
        more = f", and {len(ragged) - 5} more rows" if len(ragged) > 5 else ""
        raise DataError([f"{name}: cannot be read as CSV: the header has {len(header)} fields, "
                         f"but {shown}{more}"])
    return TextTable(header, rows)


def _read_text_table(path: Path, raw: bytes) -> pd.DataFrame:
    """The file's bytes ``raw`` (read once, so that they are what its digest names) as text columns."""
    return read_text_table(path, raw).frame()


def header_problems(path: Path, header: list[str], kind: str, study: str | None = None) -> list[str]:
    """The header's own defects against the schema of ``kind``: missing, unexpected or repeated columns."""
    from analysis.data.schemas import schema as schema_of

    name = _display(path)
    columns = schema_of(kind, study).columns
    expected = list(columns)
    problems = [f"{name}, header, column '{c}': appears {header.count(c)} times"
                for c in dict.fromkeys(header) if header.count(c) > 1]
    # An optional column (``required=False``, such as ``ci_decimals``) may be left out of the header.
    problems += [f"{name}, header, column '{c}': missing column" for c in expected
                 if c not in header and columns[c].required]
    problems += [f"{name}, header, column '{c}': unexpected column" for c in dict.fromkeys(header)
                 if c not in expected]
    return problems


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
    return [text for text, _, _ in located_problems(path, err)]


def located_problems(path: Path, err) -> list[tuple[str, int | None, str | None]]:
    """pandera's failure cases as ``(line of the report, row, column)``, each problem once."""
    name = _display(path)
    problems: list[tuple[str, int | None, str | None]] = []
    seen: set[tuple] = set()
    for case in err.failure_cases.itertuples(index=False):
        check = str(case.check)
        mapped_column, message = _describe_check(check)
        row, column = None, None
        if check == "column_in_dataframe":
            key = ("column", case.failure_case)
            text = f"{name}, header, column '{case.failure_case}': missing column"
        elif case.index is None or (isinstance(case.index, float) and math.isnan(case.index)):
            key = ("file", case.column, check)
            column = case.column
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
            problems.append((text, row, column))
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
    return validate_bytes(path, raw, kind, study)


def validate_bytes(path: Path, raw: bytes, kind: str, study: str | None = None) -> pd.DataFrame:
    """The bytes ``raw`` of ``path`` validated as :func:`_validate` does (for a caller that bounds its reads)."""
    key = (str(path.resolve()), f"{kind}:{study or ''}", hashlib.sha256(raw).hexdigest())
    if key not in _VALIDATED:
        _VALIDATED[key] = _validate_uncached(path, raw, kind, study)
    return _VALIDATED[key].copy()


def _validate_uncached(path: Path, raw: bytes, kind: str, study: str | None) -> pd.DataFrame:
    table = read_text_table(path, raw)
    problems = header_problems(path, table.header, kind, study)
    if problems:
        raise DataError(problems)
    frame, located = validate_frame(path, table.frame(), kind, study)
    if located:
        raise DataError([text for text, _, _ in located])
    return frame


def validate_frame(path: Path, frame: pd.DataFrame, kind: str, study: str | None = None
                   ) -> tuple[pd.DataFrame | None, list[tuple[str, int | None, str | None]]]:
    """``frame`` (text columns, a header without defects) validated against the schema of ``kind``:
    ``(validated frame, [])``, or ``(None, problems located by row and column)``."""
    from pandera.errors import SchemaErrors

    from analysis.data.schemas import schema as schema_of

    try:
        return schema_of(kind, study).validate(frame, lazy=True), []
    except SchemaErrors as err:
        # A parse failure makes every later check on that column meaningless: report it alone.
        cases = err.failure_cases
        parse = cases["check"].astype(str).str.match(r"^(coerce_dtype|dtype|column_in_dataframe)")
        if parse.any():
            err.failure_cases = cases[parse]
        return None, located_problems(path, err)


def source_ids(cell: str) -> list[str]:
    """The bibliography ids in a ``source`` cell: ``"A1;A2"`` gives ``["A1", "A2"]``.

    Data files separate ids with ``;`` (their schema insists); ledger rows written by
    hand in a notebook may use commas or spaces, which are read the same way.
    """
    return [part for part in re.split(r"[;,\s]+", str(cell)) if part]


def unknown_sources(path: Path, frame: pd.DataFrame, column: str, known: set[str]) -> list[tuple[str, int, str]]:
    """``(line of the report, row, column)`` for every source id in ``frame[column]`` not in ``known``."""
    return [
        (f"{_display(path)}, row {i + 1} (line {i + 2}), column '{column}': unknown source id '{sid}'", i + 1, column)
        for i, cell in enumerate(frame[column])
        for sid in source_ids(cell or "")
        if sid not in known
    ]


def _check_sources(path: Path, frame: pd.DataFrame, column: str, known: set[str]) -> None:
    problems = [text for text, _, _ in unknown_sources(path, frame, column, known)]
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
    """The reported numbers of one study as ``{quantity: Reported}``.

    A p printed as NS has ``value`` nan, ``decimals`` 0 and ``comparator`` ``NS``."""
    frame = load_values(study, data_dir)
    return {
        row.quantity: Reported(
            quantity=row.quantity, value=float(row.value), decimals=0 if pd.isna(row.decimals) else int(row.decimals),
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
