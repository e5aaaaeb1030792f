"""The findings ledger: one row per finding a notebook produces.

A notebook creates one :class:`Ledger` for its study, adds rows as it goes, and ends
with :meth:`Ledger.show`, which displays the rows as a table and embeds them in the
notebook output under the MIME type :data:`MIME`. ``build/findings.csv`` is then
collected from the executed notebooks by :func:`collect` (never written by hand), so
the ledger always says what the committed notebooks say.

Columns (fixed): ``study, finding, kind, reported, recomputed, low, high, status, source``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from analysis.pipeline import paths

COLUMNS = ["study", "finding", "kind", "reported", "recomputed", "low", "high", "status", "source"]
MIME = "application/vnd.analysis.findings+json"

# Which statuses each kind of finding may carry.
STATUSES_BY_KIND = {
    "reported": {"match", "mismatch", "not_recomputable"},
    "derived": {"derived", "not_recomputable"},
    "consistency": {"consistent", "inconsistent", "not_recomputable"},
    "reconstruction": {"consistent", "inconsistent", "derived", "not_recomputable"},
}
KINDS = list(STATUSES_BY_KIND)
STATUSES = ["match", "mismatch", "derived", "consistent", "inconsistent", "not_recomputable"]
_SIGNIFICANT = 6  # digits kept in the ledger: enough to compare, stable across runs


def _clean(value: float | None) -> float | None:
    if value is None or pd.isna(value):
        return None
    value = float(value)
    return float(f"{value:.{_SIGNIFICANT}g}")


@dataclass(frozen=True)
class Finding:
    study: str
    finding: str
    kind: str
    reported: float | None
    recomputed: float | None
    low: float | None
    high: float | None
    status: str
    source: str
    section: str = ""  # notebook heading the row belongs to; for links, not part of the CSV


@dataclass
class Ledger:
    """Collects the findings of one study's notebook."""

    study: str
    rows: list[Finding] = field(default_factory=list)
    _section: str = ""

    def section(self, heading: str) -> None:
        """Attribute the following rows to the notebook section titled ``heading``."""
        self._section = heading

    def add(self, finding: str, kind: str, status: str, *, source: str,
            reported: float | None = None, recomputed: float | None = None,
            low: float | None = None, high: float | None = None) -> Finding:
        """Add one row; ``kind`` and ``status`` must be a permitted pair."""
        if kind not in STATUSES_BY_KIND:
            raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
        if status not in STATUSES_BY_KIND[kind]:
            raise ValueError(f"status {status!r} is not allowed for kind {kind!r}")
        if any(row.finding == finding for row in self.rows):
            raise ValueError(f"finding {finding!r} is already in the ledger")
        if not source:
            raise ValueError("source must name the source id(s) the finding rests on")
        row = Finding(self.study, finding, kind, _clean(reported), _clean(recomputed),
                      _clean(low), _clean(high), status, source, self._section)
        self.rows.append(row)
        return row

    def reported(self, finding: str, reported: float, recomputed: float, decimals: int, *,
                 source: str, low: float | None = None, high: float | None = None) -> Finding:
        """A published number recomputed from other published numbers.

        ``match`` when the recomputed value, rounded to the ``decimals`` the paper
        printed, gives the printed value (under either rounding rule).
        """
        from analysis.stats.consistency import rounds_to

        status = "match" if rounds_to(recomputed, reported, decimals) else "mismatch"
        return self.add(finding, "reported", status, source=source, reported=reported,
                        recomputed=recomputed, low=low, high=high)

    def derived(self, finding: str, value: float, *, source: str,
                low: float | None = None, high: float | None = None) -> Finding:
        """A number the paper did not state, computed from what it did state."""
        return self.add(finding, "derived", "derived", source=source, recomputed=value, low=low, high=high)

    def consistency(self, finding: str, agrees: bool, *, source: str, reported: float | None = None,
                    recomputed: float | None = None, low: float | None = None,
                    high: float | None = None) -> Finding:
        """A check that published numbers agree with each other."""
        return self.add(finding, "consistency", "consistent" if agrees else "inconsistent", source=source,
                        reported=reported, recomputed=recomputed, low=low, high=high)

    def reconstruction(self, finding: str, value: float | None = None, *, source: str,
                       low: float | None = None, high: float | None = None,
                       feasible: bool | None = None) -> Finding:
        """A property of the set of datasets consistent with the summary.

        ``feasible`` says whether any dataset fits (``consistent``/``inconsistent``);
        leave it ``None`` for a derived property such as a count or a bound.
        """
        status = "derived" if feasible is None else ("consistent" if feasible else "inconsistent")
        return self.add(finding, "reconstruction", status, source=source, recomputed=value, low=low, high=high)

    def not_recomputable(self, finding: str, *, source: str, kind: str = "reported",
                         reported: float | None = None) -> Finding:
        """Something the paper reports (or implies) that summary data cannot recompute.

        Say why in ``finding`` itself, e.g. ``"... (no values reported)"``.
        """
        return self.add(finding, kind, "not_recomputable", source=source, reported=reported)

    def frame(self) -> pd.DataFrame:
        """The rows as a table with the ledger's columns."""
        table = pd.DataFrame([asdict(r) for r in self.rows], columns=[*COLUMNS, "section"])[COLUMNS]
        return table.astype({c: float for c in ("reported", "recomputed", "low", "high")})

    def _repr_mimebundle_(self, include=None, exclude=None):
        table = self.frame()
        shown = table.drop(columns="study")
        # Six significant digits, as stored: pandas' default would print 1.9e-28 as 0.0.
        number = f"{{:.{_SIGNIFICANT}g}}".format
        return {
            "text/plain": shown.to_string(index=False, na_rep="", float_format=number),
            "text/html": shown.to_html(index=False, na_rep="", float_format=number, classes="findings"),
            MIME: [asdict(r) for r in self.rows],
        }

    def show(self):
        """Display the rows; the displayed output is what :func:`collect` reads."""
        from IPython.display import display

        display(self)


def rows_in_notebook(path: Path) -> list[dict]:
    """Ledger rows embedded in an executed notebook's outputs.

    Read as plain JSON: nbformat's import alone (its schema validator) costs a
    kernel about a second, and only the outputs' data are needed here.
    """
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [row for cell in notebook.get("cells", []) for output in cell.get("outputs", [])
            for row in output.get("data", {}).get(MIME, [])]


def collect(notebooks: Path | None = None) -> pd.DataFrame:
    """The whole ledger, read from every executed notebook in ``notebooks``.

    Rows keep their order within a notebook; notebooks are taken in file-name order.
    """
    folder = notebooks or paths.notebooks_dir()
    rows = [row for path in sorted(folder.glob("*.ipynb")) for row in rows_in_notebook(path)]
    table = pd.DataFrame(rows, columns=[*COLUMNS, "section"])
    duplicated = table.duplicated(["study", "finding"], keep=False)
    if duplicated.any():
        raise ValueError(f"findings recorded twice: {table.loc[duplicated, 'finding'].tolist()}")
    return table


def write(table: pd.DataFrame, target: Path) -> Path:
    """Write the ledger CSV (fixed columns) atomically."""
    return paths.atomic_write(target, lambda tmp: table[COLUMNS].to_csv(tmp, index=False, lineterminator="\n"))
