"""Audit one values file: validate it, run every check, write ``findings.csv`` and ``index.html``.

``audit_file(path, out_dir)`` is what ``analysis audit FILE... [--out DIR]`` runs for each file.
The file is validated against the typed values schema (``data/README.md``; the study is the file
name) but its source ids need not be in ``data/bibliography.csv``, so any abstract can be
audited. Invalid input raises :class:`analysis.data.DataError`, naming file, row and column, and
writes nothing. Otherwise ``out_dir/<study>/`` is replaced as a whole (written beside it, then
renamed into place) by:

* ``findings.csv``: the ledger columns, then ``key``, ``interval``, ``quantity``, ``check``;
* ``index.html``: flags first, each with the printed numbers, the recomputed value and the reason
  in words, then every other row; deterministic (no dates, no absolute paths).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from analysis import audit
from analysis.findings.ledger import CSV_COLUMNS, FAILED, PASSED, Finding

TEMPLATES = Path(__file__).parent / "templates"
DEFAULT_OUT = Path("build") / "audit"


def read_values(path: Path) -> pd.DataFrame:
    """``path`` validated against the values schema of the study its file name names (no bibliography check)."""
    from analysis.data.load import _validate

    return _validate(Path(path), "values", Path(path).stem)


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    frame = pd.DataFrame([{c: getattr(row, c) for c in CSV_COLUMNS} for row in findings], columns=CSV_COLUMNS)
    return frame.astype({c: float for c in ("reported", "recomputed", "low", "high")})


def _number(value) -> str:
    return "" if value is None or pd.isna(value) else f"{value:.6g}"


def render_html(study: str, source_name: str, findings: list[Finding]) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
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


def audit_file(path: Path | str, out_dir: Path | str = DEFAULT_OUT, level: float = 0.95) -> str:
    """Audit the values file ``path`` into ``out_dir/<study>/``; return the one-line summary.

    Raises ``analysis.data.DataError`` (file, row, column) on invalid input, writing nothing.
    """
    path, out_dir = Path(path), Path(out_dir)
    values = read_values(path)
    study = path.stem
    findings = audit.run(values, study, level)
    csv_text = findings_frame(findings).to_csv(index=False, lineterminator="\n")
    html = render_html(study, path.name, findings)
    target = out_dir / study
    _replace_folder(target, {"findings.csv": csv_text, "index.html": html})
    return summary(study, findings, target)


def _replace_folder(target: Path, files: dict[str, str]) -> None:
    """Make ``target`` hold exactly ``files``: written into a hidden folder beside it, then swapped in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for name, text in files.items():
            (incoming / name).write_bytes(text.encode("utf-8"))
            os.chmod(incoming / name, 0o644)
        os.chmod(incoming, 0o755)
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            target.replace(retired / target.name)
            incoming.replace(target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            incoming.replace(target)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
