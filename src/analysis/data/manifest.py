"""The manifest of ``data/`` and the check of every data file (``analysis check``).

``data/MANIFEST.json`` records, per data file, what its *parsed* content was when a reviewed
edit was last recorded (``analysis manifest``):

* ``sha256``: a digest of the parsed table (header and cells, as JSON), so that line endings
  and a UTF-8 byte-order mark never count as a change (a clone with ``core.autocrlf=true``
  passes);
* ``rows``: the row count, ``key``: the columns naming a row (``quantity`` in a values file),
  ``columns``: the header;
* ``records``: each row's cells by its key, a cell longer than 40 characters as the start of
  its own sha256, so that a deleted or added row is named by its key and a changed value by
  key and column ("arr_adjusted_anticd20: value 0.17 -> 0.71 since the manifest was written").

:func:`check_all` reports root causes first: every file's own defects (unreadable, empty,
header only, missing or unexpected columns), then each file's rows against its schema, then
what one file says about another (unknown source ids, skipped when the bibliography itself is
broken), then the differences from the manifest (skipped for a file with its own defect), except
that the bibliography's come before the unknown source ids (a deleted row is named first). Each
distinct problem is reported once, and every stage runs in one call.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths
from analysis.data.load import (
    DataError,
    TextTable,
    _display,
    header_problems,
    read_text_table,
    unknown_sources,
    validate_frame,
)

MANIFEST = "MANIFEST.json"
OLD_MANIFEST = "MANIFEST.sha256"  # the byte-checksum format before MANIFEST.json; `analysis manifest` removes it
FORMAT = 2
LONG_CELL = 40  # cells longer than this are recorded as the start of their sha256

# The columns naming a row, per file kind; rows of a file of no known kind are named by number.
KEYS = {
    "bibliography": ["source_id"],
    "values": ["quantity"],
    "claims": ["study", "claim_id"],
    "not_reported": ["study", "item"],
    "patients": ["patient", "relapse_day"],
}
# The column of source ids, per file kind.
SOURCE_COLUMNS = {"values": "source", "claims": "source", "not_reported": "looked_in", "patients": "source"}


def data_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix == ".csv")


def kind_of(relative: str) -> tuple[str | None, str | None]:
    """``(kind, study)`` of a data file from its path relative to ``data/``; kind ``None`` if unknown."""
    parts = relative.split("/")
    if len(parts) == 1 and parts[0].removesuffix(".csv") in ("bibliography", "claims", "not_reported"):
        return parts[0].removesuffix(".csv"), None
    if len(parts) == 2 and parts[0] in ("values", "patients"):
        return parts[0], parts[1].removesuffix(".csv")
    return None, None


def _order(relative: str) -> tuple[int, str]:
    """Files in check order: the bibliography (everything cites it), claims, not_reported, values, patients."""
    kind, _ = kind_of(relative)
    rank = ["bibliography", "claims", "not_reported", "values", "patients"]
    return (rank.index(kind) if kind in rank else len(rank), relative)


# --- fingerprints -------------------------------------------------------------------

def _digest(table: TextTable) -> str:
    return hashlib.sha256(json.dumps([table.header, table.rows], ensure_ascii=False).encode("utf-8")).hexdigest()


def _cell(text: str) -> str:
    if len(text) <= LONG_CELL and "\n" not in text:
        return text
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _keys(table: TextTable, kind: str | None) -> list[str]:
    """One key per row: the values of the key columns (``/``-joined), made unique with ``#2``, ``#3``."""
    columns = KEYS.get(kind, [])
    positions = [table.header.index(c) for c in columns if c in table.header]
    keys, seen = [], {}
    for number, row in enumerate(table.rows, start=1):
        key = "/".join(row[i] for i in positions) if positions and len(positions) == len(columns) else f"row {number}"
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key} #{seen[key]}")
    return keys


def fingerprint(table: TextTable, kind: str | None) -> dict:
    """What the manifest records of one parsed file."""
    return {
        "sha256": _digest(table),
        "rows": len(table.rows),
        "key": KEYS.get(kind, []),
        "columns": list(table.header),
        "records": {key: [_cell(c) for c in row] for key, row in zip(_keys(table, kind), table.rows)},
    }


def _manifest_text(files: dict[str, dict]) -> str:
    """The manifest as JSON, one record per line (so that a reviewed edit is a small diff)."""
    dump = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    lines = ["{", f'  "format": {FORMAT},', '  "files": {']
    for n, (name, entry) in enumerate(files.items()):
        lines += [f"    {dump(name)}: {{", f'      "sha256": {dump(entry["sha256"])},',
                  f'      "rows": {entry["rows"]},', f'      "key": {dump(entry["key"])},',
                  f'      "columns": {dump(entry["columns"])},',
                  '      "records": {']
        records = list(entry["records"].items())
        lines += [f"        {dump(key)}: {dump(cells)}{',' * (i < len(records) - 1)}"
                  for i, (key, cells) in enumerate(records)]
        lines += ["      }", "    }" + "," * (n < len(files) - 1)]
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"


def write_manifest(data_dir: Path | None = None) -> Path:
    """Record the parsed content of every data file (run after an intentional, reviewed edit)."""
    root = data_dir or paths.data_dir()
    files = {}
    for path in sorted(data_files(root), key=lambda p: _order(p.relative_to(root).as_posix())):
        relative = path.relative_to(root).as_posix()
        files[relative] = fingerprint(read_text_table(path), kind_of(relative)[0])
    target = paths.atomic_write_text(root / MANIFEST, _manifest_text(files))
    (root / OLD_MANIFEST).unlink(missing_ok=True)
    return target


def _shown(cell: str) -> str:
    if cell == "":
        return "(empty)"
    return "(a text with sha256 " + cell.removeprefix("sha256:") + "...)" if cell.startswith("sha256:") else cell


def _differences(name: str, recorded: dict, actual: dict) -> list[str]:
    """What changed in one file since the manifest was written, by row key and column."""
    if recorded.get("sha256") == actual["sha256"]:
        return []
    since = "since the manifest was written"
    problems = []
    old_columns, new_columns = recorded.get("columns", []), actual["columns"]
    problems += [f"{name}, header, column '{c}': removed {since}" for c in old_columns if c not in new_columns]
    problems += [f"{name}, header, column '{c}': added {since}" for c in new_columns if c not in old_columns]
    old, new = recorded.get("records", {}), actual["records"]
    problems += [f"{name}: {key}: row deleted {since}" for key in old if key not in new]
    problems += [f"{name}: {key}: row added {since}" for key in new if key not in old]
    for key in (k for k in new if k in old):
        before = dict(zip(old_columns, old[key]))
        after = dict(zip(new_columns, new[key]))
        for column in (c for c in new_columns if c in before):
            if before[column] != after[column]:
                problems.append(f"{name}: {key}: {column} {_shown(before[column])} -> {_shown(after[column])} {since}")
    if not problems:
        same_rows = [k for k in new if k in old]
        problems.append(f"{name}: rows reordered {since}" if list(old) != list(new) and sorted(old) == sorted(same_rows)
                        else f"{name}: content changed {since}")
    return problems


def _read_manifest(root: Path) -> tuple[dict | None, list[str]]:
    manifest = root / MANIFEST
    if not manifest.exists():
        hint = f" ({OLD_MANIFEST} is the old format)" if (root / OLD_MANIFEST).exists() else ""
        return None, [f"{_display(manifest)}: missing{hint}; run 'analysis manifest' after reviewing the data"]
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8-sig"))
        files = recorded["files"]
        if recorded.get("format") != FORMAT or not isinstance(files, dict):
            raise ValueError
    except (ValueError, KeyError, TypeError):
        return None, [f"{_display(manifest)}: not a manifest of format {FORMAT}; "
                      "run 'analysis manifest' after reviewing the data"]
    return files, []


def verify_manifest(data_dir: Path | None = None, skip: set[str] = frozenset()) -> list[str]:
    """Problems found comparing ``data/`` with its manifest (empty when clean).

    ``skip``: files (relative to ``data/``) whose own defect is reported elsewhere: only
    whether they are listed is checked, not their content.
    """
    root = data_dir or paths.data_dir()
    recorded, problems = _read_manifest(root)
    if recorded is None:
        return problems
    actual = {p.relative_to(root).as_posix(): p for p in data_files(root)}
    for name in sorted(actual, key=_order):
        if name not in recorded:
            problems.append(f"{_display(root / name)}: not in the manifest")
        elif name not in skip:
            try:
                table = read_text_table(actual[name])
            except DataError:
                continue  # its own defect, reported by check_all
            problems += _differences(_display(root / name), recorded[name],
                                     fingerprint(table, kind_of(name)[0]))
    problems += [f"{_display(root / n)}: listed in the manifest but missing" for n in sorted(recorded, key=_order)
                 if n not in actual]
    return problems


# --- the whole check ------------------------------------------------------------------

@dataclass
class _Report:
    own: list[str] = field(default_factory=list)  # a file's own defects
    rows: list[str] = field(default_factory=list)  # rows against the file's schema
    cross: list[str] = field(default_factory=list)  # what a file says about another
    located: set[tuple[str, int | None, str | None]] = field(default_factory=set)  # (file, row, column) reported

    def lines(self, manifest: list[str], bibliography: str) -> list[str]:
        # A bibliography changed since the manifest (a deleted row) is the root cause of the unknown
        # source ids that follow from it: its differences come before them.
        changed = [line for line in manifest if line.startswith(f"{bibliography}:")]
        rest = [line for line in manifest if line not in changed]
        return list(dict.fromkeys(self.own + self.rows + changed + self.cross + rest))


def check_all(data_dir: Path | None = None, manifest: bool = True) -> list[str]:
    """Validate every data file, what the files say about each other, and (if ``manifest``) the
    manifest; one line per distinct problem, root causes first (see the module docstring)."""
    root = data_dir or paths.data_dir()
    report = _Report()
    broken: set[str] = set()
    parsed: dict[str, tuple[str, object]] = {}  # relative name -> (kind, text frame)
    for path in sorted(data_files(root), key=lambda p: _order(p.relative_to(root).as_posix())):
        relative = path.relative_to(root).as_posix()
        kind, study = kind_of(relative)
        if kind is None:
            continue  # no schema; the manifest still records it
        try:
            table = read_text_table(path)
        except DataError as err:
            report.own += err.problems
            broken.add(relative)
            continue
        header = header_problems(path, table.header, kind, study)
        if header:
            report.own += header
            broken.add(relative)
            continue
        if not table.rows:
            report.own.append(f"{_display(path)}: has a header but no rows")
            broken.add(relative)
            continue
        frame = table.frame()
        parsed[relative] = (kind, frame)
        _, located = validate_frame(path, frame, kind, study)
        for text, row, column in located:
            report.rows.append(text)
            report.located.add((relative, row, column))
    # Source ids: only against a bibliography that could be read; else its own defect says it all.
    if "bibliography.csv" in parsed:
        known = {cell for cell in parsed["bibliography.csv"][1]["source_id"] if cell}
        for relative, (kind, frame) in parsed.items():
            if kind in SOURCE_COLUMNS:
                for text, row, column in unknown_sources(root / relative, frame, SOURCE_COLUMNS[kind], known):
                    if (relative, row, column) not in report.located:  # the cell's own problem is said already
                        report.cross.append(text)
    elif (root / "bibliography.csv") not in data_files(root):
        report.own.insert(0, f"{_display(root / 'bibliography.csv')}: missing (every other file cites it)")
    return report.lines(verify_manifest(root, skip=broken) if manifest else [], _display(root / "bibliography.csv"))
