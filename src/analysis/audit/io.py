"""Audit values files: validate them, run every check, write ``findings.csv`` and ``index.html``.

``audit_files(paths, out_dir)`` is what ``analysis audit FILE... [--out DIR]`` runs. Each file is
validated against the typed values schema (``data/README.md``) but its source ids need not be in
``data/bibliography.csv``, so any abstract can be audited. A file's study id is its ``study``
column (one id per file, ``^[a-z][a-z0-9_]*\\Z`` as in ``data/``); its file name may differ. Input is
refused, naming file, row and column and writing nothing, when a file is not a regular file, is
larger than :data:`MAX_INPUT_BYTES`, is invalid, or shares its study id with another file of the
call; or when ``out_dir`` lies in the repository's ``data/``, ``notebooks/``, ``src/`` or
``figures/``. Otherwise each ``out_dir/<study>/`` is replaced as a whole through
:mod:`analysis.outputs` (a folder there without the project's marker is never replaced) by:

* ``findings.csv``: the ledger columns, then ``key``, ``interval``, ``quantity``, ``check``;
* ``index.html``: flags first, each with the printed numbers, the recomputed value and the reason
  in words, then every other row; deterministic (no dates, no absolute paths).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pandas as pd

from analysis import audit, outputs, paths
from analysis.data import DataError
from analysis.findings.ledger import CSV_COLUMNS, FAILED, PASSED, Finding

TEMPLATES = Path(__file__).parent / "templates"
DEFAULT_OUT = Path("build") / "audit"
MAX_INPUT_BYTES = 64 * 2**20  # 200,000 rows of about 170 bytes (the project's files) take about 34 MB
STUDY_ID = re.compile(r"^[a-z][a-z0-9_]*\Z")
PROTECTED = ("data", "notebooks", "src", "figures")  # the repository's own folders: never an audit's output


def read_bytes_bounded(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``path``, refused (:class:`DataError`, one line) unless it is a regular file of at
    most ``limit`` bytes: a device such as ``/dev/zero``, a pipe or a folder is never read."""
    not_regular = DataError([f"{path}: not a regular file (a folder, device or pipe): cannot be audited"])
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # before opening: opening a pipe waits for a writer
            raise not_regular
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):  # replaced since
                raise not_regular
            if info.st_size > limit:
                raise DataError([f"{path}: {info.st_size} bytes, more than the limit of {limit} bytes "
                                 "(analysis.audit.io.MAX_INPUT_BYTES)"])
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise DataError([f"{path}: cannot be read: {exc.strerror}"]) from None
    if len(raw) > limit:  # the file grew while being read
        raise DataError([f"{path}: more than the limit of {limit} bytes (analysis.audit.io.MAX_INPUT_BYTES)"])
    return raw


def study_in(path: Path, raw: bytes) -> str:
    """The one study id of the values file ``path`` (its bytes ``raw``), from its ``study`` column."""
    from analysis.data.load import read_text_table

    table = read_text_table(path, raw)
    if "study" not in table.header:
        raise DataError([f"{path}, header, column 'study': missing column"])
    column = table.header.index("study")
    ids = [(row[column], number) for number, row in enumerate(table.rows, start=1)]
    if not ids:
        raise DataError([f"{path}: no rows (nothing to audit, and no study id)"])
    for study, number in ids:
        if not STUDY_ID.match(study):
            raise DataError([f"{path}, row {number} (line {number + 1}), column 'study': {study!r} is not a "
                             "study id (lower-case letters, digits and _, starting with a letter)"])
    first = ids[0][0]
    for study, number in ids:
        if study != first:
            raise DataError([f"{path}, row {number} (line {number + 1}), column 'study': {study!r}, but row 1 "
                             f"has {first!r} (one study per file)"])
    return first


def read_values(path: Path, study: str | None = None) -> pd.DataFrame:
    """``path`` validated against the values schema (no bibliography check); its study id is ``study``,
    by default the one of its ``study`` column (:func:`study_in`)."""
    from analysis.data.load import validate_bytes

    path = Path(path)
    raw = read_bytes_bounded(path)
    return validate_bytes(path, raw, "values", study or study_in(path, raw))


def check_out_dir(out_dir: Path) -> None:
    """Refuse (:class:`analysis.outputs.OutputRefused`) an output folder inside the repository's
    ``data/``, ``notebooks/``, ``src/`` or ``figures/`` (or the folders the environment puts there)."""
    resolved = Path(os.path.abspath(out_dir)).resolve()
    protected = [paths.REPO / name for name in PROTECTED]
    protected += [paths.data_dir(), paths.notebooks_dir(), paths.figures_dir()]
    for folder in protected:
        folder = folder.resolve()
        if resolved == folder or folder in resolved.parents:
            raise outputs.OutputRefused(f"--out {out_dir} is inside {folder}, which holds the project's own "
                                        "files: choose a folder outside it")


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    frame = pd.DataFrame([{c: getattr(row, c) for c in CSV_COLUMNS} for row in findings], columns=CSV_COLUMNS)
    return frame.astype({c: float for c in ("reported", "recomputed", "low", "high")})


def _number(value: float | None) -> str:
    # A Finding holds None, never NaN, for a missing number (the ledger cleans NaN away).
    return "" if value is None else f"{value:.6g}"


def render_html(study: str, source_name: str, findings: list[Finding]) -> str:
    from jinja2 import Environment, FileSystemLoader

    # One template, HTML: everything it prints is escaped. Its block tags start their lines, so trim_blocks alone
    # keeps their lines out of the page.
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True,
                      trim_blocks=True)
    env.filters["number"] = _number
    flagged = [row for row in findings if row.status in FAILED]
    others = [row for row in findings if row.status not in FAILED]
    counts = {status: sum(row.status == status for row in findings) for status in
              sorted({row.status for row in findings})}
    return env.get_template("audit.html.j2").render(
        study=study, source_name=source_name, flags=flagged, others=others, counts=counts, checks=audit.CHECKS,
        n_checks=sum(row.status in (*PASSED, *FAILED) for row in findings))


def summary(study: str, findings: list[Finding], target: Path) -> str:
    checks = sum(row.status in (*PASSED, *FAILED) for row in findings)
    flagged = sum(row.status in FAILED for row in findings)
    derived = sum(row.status == "derived" for row in findings)
    return (f"{study}: {checks} check{'s' * (checks != 1)}, {flagged} flag{'s' * (flagged != 1)}, "
            f"{derived} derived -> {target}")


def audit_files(files: list[Path], out_dir: Path | str = DEFAULT_OUT, level: float = 0.95,
                taken: dict[str, object] | None = None) -> list[str]:
    """Audit each values file of ``files`` into ``out_dir/<study>/``; return one summary line per file.
    ``taken`` maps study ids other inputs of the same call write (abstracts' texts) to those inputs.

    Everything is checked before anything is written: every file (:class:`DataError` with every
    problem, by file, row and column), that no two files hold one study id (:class:`DataError`),
    ``out_dir`` (:func:`check_out_dir`) and each target folder
    (:func:`analysis.outputs.check_replaceable`, :class:`analysis.outputs.OutputRefused`).
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (exclusive), got {level!r}")
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    problems, studies = [], {}
    taken = taken or {}
    for path in map(Path, files):
        try:
            raw = read_bytes_bounded(path)
            study = study_in(path, raw)
            read_values(path, study)
        except DataError as err:
            problems.extend(err.problems)
            continue
        if study in taken:
            problems.append(f"{path}: study '{study}' is also the study of {taken[study]}; each study is "
                            "written to its own folder, so audit these in separate calls with different --out")
        elif study in studies:
            problems.append(f"{path}: study '{study}' is also the study of {studies[study]}; each study is "
                            "written to its own folder, so audit these in separate calls with different --out")
        else:
            studies[study] = path
    if problems:
        raise DataError(problems)
    for study in studies:
        outputs.check_replaceable(out_dir / study)
    lines = []
    with outputs.staging(out_dir, "audit") as stage:
        for study, path in studies.items():
            findings = audit.run(read_values(path, study), study, level)
            folder = stage / "new" / study
            folder.mkdir(parents=True)
            (folder / "findings.csv").write_bytes(findings_frame(findings).to_csv(
                index=False, lineterminator="\n").encode("utf-8"))
            (folder / "index.html").write_bytes(render_html(study, path.name, findings).encode("utf-8"))
            for name in ("findings.csv", "index.html"):
                os.chmod(folder / name, 0o644)
            lines.append(summary(study, findings, out_dir / study))
        for study in studies:
            outputs.swap_in(stage / "new" / study, out_dir / study, "audit", stage)
    return lines


def audit_file(path: Path | str, out_dir: Path | str = DEFAULT_OUT, level: float = 0.95) -> str:
    """Audit the values file ``path`` into ``out_dir/<study>/`` (:func:`audit_files` of one file);
    return the one-line summary."""
    return audit_files([Path(path)], out_dir, level)[0]
