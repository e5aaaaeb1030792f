"""The findings ledger: one row per finding a notebook produces.

A study module adds rows to its notebook's :class:`Ledger` (one function per notebook
section, each starting with :meth:`Ledger.section`); the notebook ends with
:meth:`Ledger.show`, which displays the rows and embeds them in the notebook output
under the MIME type :data:`MIME`. ``build/findings.csv`` is collected from the
executed notebooks by :func:`collect` (never written by hand), so the ledger always
says what the committed notebooks say.

Columns: the nine fixed ones, :data:`COLUMNS` (``study, finding, kind, reported,
recomputed, low, high, status, source``), then ``key`` (short snake_case id of the
row, unique within its study and stable when the wording of ``finding`` changes),
``interval`` (what ``low``/``high`` hold, one of :data:`INTERVALS`), and, for rows
written by :mod:`analysis.audit`, ``quantity`` (the row of ``data/values`` whose printed
number the row tests) and ``check`` (the audit's fixed name of the kind of check);
both are empty for rows written by hand. Then ``inputs``: the quantities of the study's values
file (``data/values/<study>.csv``) whose printed numbers the row used, separated by ``;``
(empty only for a row that uses none), and ``level``: the confidence level of a ``ci`` row
(required there; empty for every other row).

Every row also carries the id of the notebook section that produced it (not a CSV
column): the notebook's heading for that section holds an HTML anchor with that id,
``## 1. NEDA at one year <a id="neda"></a>``, so the report links a row to its
section by id, never by heading text (:func:`sections_in_notebook`).
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from analysis import paths

COLUMNS = ["study", "finding", "kind", "reported", "recomputed", "low", "high", "status", "source"]
CSV_COLUMNS = [*COLUMNS, "key", "interval", "quantity", "check", "inputs", "level"]
MIME = "application/vnd.analysis.findings+json"

# Which statuses each kind of finding may carry.
STATUSES_BY_KIND = {
    "reported": ("match", "mismatch", "not_recomputable"),
    "derived": ("derived", "not_recomputable"),
    "consistency": ("consistent", "inconsistent", "by_construction", "not_recomputable"),
    "reconstruction": ("consistent", "infeasible", "derived", "by_construction", "not_recomputable"),
}
KINDS = list(STATUSES_BY_KIND)
STATUSES = ["match", "mismatch", "consistent", "inconsistent", "infeasible", "derived", "by_construction",
            "not_recomputable"]
# A check that could have failed and did not / did. ``by_construction`` rows are neither:
# they hold by how the data were transcribed or the parameters set, or repeat another counted
# check (the finding names its key), so they count as no check.
PASSED = ("match", "consistent")
FAILED = ("mismatch", "inconsistent", "infeasible")
# FAILED splits in two: printed numbers that disagree with each other, and an assumed reading of
# them that no data fit (a statement about the reading, never a failure of the paper).
DISAGREED = ("mismatch", "inconsistent")
RULED_OUT = ("infeasible",)
NOT_COUNTED = ("derived", "by_construction", "not_recomputable")

# What ``low`` and ``high`` hold.
INTERVALS = {
    "ci": "a confidence interval at the notebook's level",
    "rounding": "the range of values that round to a printed number",
    "feasible": "the range over every data set consistent with the printed numbers",
    "bounds": "lower and upper bounds (one may be open)",
    "common": "the range common to several intervals",
}

_KEY = re.compile(r"^[a-z][a-z0-9_]*\Z")
_ANCHOR = re.compile(r"<a\s+id=[\"']([a-z][a-z0-9_]*)[\"']\s*>\s*</a>")
_SIGNIFICANT = 6  # digits kept in the ledger: enough to compare, stable across runs
_TEXT_WIDTH = 116  # the plain-text display stays within 120 characters


def _clean(value: float | None) -> float | None:
    if value is None or pd.isna(value):
        return None
    value = float(value)
    return float(f"{value:.{_SIGNIFICANT}g}")


def _number(value: float | None) -> str:
    return "" if value is None or pd.isna(value) else f"{value:.{_SIGNIFICANT}g}"


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
    key: str
    interval: str = ""
    quantity: str = ""  # the values row whose printed number is tested (audit rows)
    check: str = ""  # the audit's name of the kind of check (audit rows)
    inputs: str = ""  # the values quantities the row used, separated by ";"
    level: float | None = None  # the confidence level of a "ci" row
    section: str = ""  # id of the notebook section the row belongs to; for links, not a CSV column


@dataclass
class Ledger:
    """Collects the findings of one study's notebook.

    Keys and finding texts are indexed as rows are added, so adding a row and looking one up
    by key take constant time however long the ledger is (the audit adds one per check).
    """

    study: str
    rows: list[Finding] = field(default_factory=list)
    _section: str = ""
    _by_key: dict[str, Finding] = field(default_factory=dict, init=False, repr=False, compare=False)
    _findings: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for row in self.rows:
            self._by_key.setdefault(row.key, row)
            self._findings.add(row.finding)

    def section(self, section_id: str) -> None:
        """Attribute the following rows to the notebook section whose heading holds
        the anchor ``<a id="section_id"></a>``."""
        if not isinstance(section_id, str) or not _KEY.match(section_id):
            raise ValueError(f"section_id must be snake_case (like 'neda_followed'), got {section_id!r}")
        self._section = section_id

    def add(self, key: str, finding: str, kind: str, status: str, *, source: str,
            reported: float | None = None, recomputed: float | None = None,
            low: float | None = None, high: float | None = None, interval: str | None = None,
            quantity: str = "", check: str = "", inputs: str | Sequence[str] = "",
            level: float | None = None) -> Finding:
        """Add one row; ``kind`` and ``status`` must be a permitted pair, ``key`` new and
        snake_case, and ``interval`` must say what ``low``/``high`` hold whenever one is given.
        ``quantity`` and ``check`` are for rows of :mod:`analysis.audit` (empty otherwise).
        ``inputs`` names the values quantities the row used (snake_case, a sequence or one
        ``;``-separated string); ``level`` is the confidence level of a ``ci`` row, in (0, 1),
        required for it and refused for any other row."""
        if not isinstance(key, str) or not _KEY.match(key):
            raise ValueError(f"key must be snake_case (like 'neda_exact_ci'), got {key!r}")
        if kind not in STATUSES_BY_KIND:
            raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
        if status not in STATUSES_BY_KIND[kind]:
            raise ValueError(f"status {status!r} is not allowed for kind {kind!r}")
        if key in self._by_key:
            raise ValueError(f"key {key!r} is already in the {self.study} ledger")
        if finding in self._findings:
            raise ValueError(f"finding {finding!r} is already in the {self.study} ledger")
        if not source:
            raise ValueError("source must name the source id(s) the finding rests on")
        low, high = _clean(low), _clean(high)
        has_interval = low is not None or high is not None
        if has_interval and interval not in INTERVALS:
            raise ValueError(f"{key}: interval must say what low/high hold, one of {list(INTERVALS)}, "
                             f"got {interval!r}")
        if not has_interval and interval:
            raise ValueError(f"{key}: interval {interval!r} given without low or high")
        names = inputs.split(";") if isinstance(inputs, str) else list(inputs)
        names = [name for name in names if name]
        for name in names:
            if not isinstance(name, str) or not _KEY.match(name):
                raise ValueError(f"{key}: inputs must be values quantities (snake_case), got {name!r}")
        if interval == "ci" and level is None:
            raise ValueError(f"{key}: level must be given for a 'ci' row (the confidence level of low/high)")
        if level is not None:
            if interval != "ci":
                raise ValueError(f"{key}: level {level!r} given for a row whose interval is not 'ci'")
            if not 0 < level < 1:
                raise ValueError(f"{key}: level must be in (0, 1), got {level!r}")
        row = Finding(self.study, finding, kind, _clean(reported), _clean(recomputed), low, high, status,
                      source, key, interval or "", quantity=quantity, check=check, inputs=";".join(names),
                      level=_clean(level), section=self._section)
        self.rows.append(row)
        self._by_key[key] = row
        self._findings.add(finding)
        return row

    def reported(self, key: str, finding: str, reported: float, recomputed: float, decimals: int, *,
                 source: str, low: float | None = None, high: float | None = None,
                 interval: str | None = None, inputs: str | Sequence[str] = "",
                 level: float | None = None) -> Finding:
        """A published number recomputed from other published numbers.

        ``match`` when the recomputed value, rounded to the ``decimals`` the paper
        printed, gives the printed value (under either rounding rule).
        """
        from analysis.stats.consistency import rounds_to

        status = "match" if rounds_to(recomputed, reported, decimals) else "mismatch"
        return self.add(key, finding, "reported", status, source=source, reported=reported,
                        recomputed=recomputed, low=low, high=high, interval=interval, inputs=inputs, level=level)

    def derived(self, key: str, finding: str, value: float, *, source: str, low: float | None = None,
                high: float | None = None, interval: str | None = None, inputs: str | Sequence[str] = "",
                level: float | None = None) -> Finding:
        """A number the paper did not state, computed from what it did state."""
        return self.add(key, finding, "derived", "derived", source=source, recomputed=value, low=low, high=high,
                        interval=interval, inputs=inputs, level=level)

    def consistency(self, key: str, finding: str, agrees: bool, *, source: str, reported: float | None = None,
                    recomputed: float | None = None, low: float | None = None, high: float | None = None,
                    interval: str | None = None, inputs: str | Sequence[str] = "",
                    level: float | None = None) -> Finding:
        """A check that published numbers agree with each other, and one that could fail."""
        return self.add(key, finding, "consistency", "consistent" if agrees else "inconsistent", source=source,
                        reported=reported, recomputed=recomputed, low=low, high=high, interval=interval,
                        inputs=inputs, level=level)

    def by_construction(self, key: str, finding: str, *, source: str, kind: str = "consistency",
                        reported: float | None = None, recomputed: float | None = None,
                        low: float | None = None, high: float | None = None,
                        interval: str | None = None, inputs: str | Sequence[str] = "",
                        level: float | None = None) -> Finding:
        """A relation that holds by how the data were transcribed or the parameters set.

        Shown so that a reader sees it, never counted as a passed check: it could not
        have failed. Say in ``finding`` why it holds.
        """
        return self.add(key, finding, kind, "by_construction", source=source, reported=reported,
                        recomputed=recomputed, low=low, high=high, interval=interval, inputs=inputs, level=level)

    def reconstruction(self, key: str, finding: str, value: float | None = None, *, source: str,
                       low: float | None = None, high: float | None = None, interval: str | None = None,
                       feasible: bool | None = None, inputs: str | Sequence[str] = "",
                       level: float | None = None) -> Finding:
        """A property of the set of data sets consistent with the summary.

        ``feasible`` says whether any data set fits a stated reading (``consistent``)
        or none does (``infeasible``); leave it ``None`` for a derived property such as
        a count or a bound. A reading that is assumed, not printed, is named in ``finding``.
        """
        status = "derived" if feasible is None else ("consistent" if feasible else "infeasible")
        return self.add(key, finding, "reconstruction", status, source=source, recomputed=value, low=low,
                        high=high, interval=interval, inputs=inputs, level=level)

    def not_recomputable(self, key: str, finding: str, *, source: str, kind: str = "reported",
                         reported: float | None = None, inputs: str | Sequence[str] = "") -> Finding:
        """Something the paper reports (or implies) that summary data cannot recompute.

        Say why in ``finding`` itself, e.g. ``"... (no values reported)"``.
        """
        return self.add(key, finding, kind, "not_recomputable", source=source, reported=reported, inputs=inputs)

    def __getitem__(self, key: str) -> Finding:
        if key in self._by_key:
            return self._by_key[key]
        raise KeyError(f"{self.study}: no ledger row with key {key!r}")

    def frame(self) -> pd.DataFrame:
        """The rows as a table with the ledger's CSV columns."""
        table = pd.DataFrame([asdict(r) for r in self.rows], columns=[*CSV_COLUMNS, "section"])[CSV_COLUMNS]
        return table.astype({c: float for c in ("reported", "recomputed", "low", "high", "level")})

    def text(self) -> str:
        """The rows as plain text, no line longer than 120 characters: per row, a line of
        key, status and numbers, then the finding in words."""
        lines = []
        for row in self.rows:
            numbers = [f"{name} {_number(getattr(row, name))}" for name in ("reported", "recomputed")
                       if getattr(row, name) is not None]
            if row.low is not None or row.high is not None:
                numbers.append(f"{row.interval} [{_number(row.low)}, {_number(row.high)}]")
            head = f"{row.key}: {row.status} ({row.kind})" + (f"; {', '.join(numbers)}" if numbers else "")
            lines += textwrap.wrap(f"{head}; source {row.source}", _TEXT_WIDTH, subsequent_indent="    ")
            lines += textwrap.wrap(row.finding, _TEXT_WIDTH, initial_indent="    ", subsequent_indent="    ")
        return "\n".join(lines)

    def _repr_mimebundle_(self, include=None, exclude=None):
        shown = self.frame().drop(columns="study")
        # The audit's columns only where an audit row fills them: hand-written ledgers display as before.
        unused = [c for c in ("quantity", "check", "inputs") if not shown[c].astype(bool).any()]
        shown = shown.drop(columns=unused + ([] if shown["level"].notna().any() else ["level"]))
        # Six significant digits, as stored: pandas' default would print 1.9e-28 as 0.0.
        number = f"{{:.{_SIGNIFICANT}g}}".format
        return {
            "text/plain": self.text(),
            "text/html": shown.to_html(index=False, na_rep="", float_format=number, classes="findings"),
            MIME: [asdict(r) for r in self.rows],
        }

    def show(self):
        """Display the rows; the displayed output is what :func:`collect` reads."""
        from IPython.display import display

        display(self)


def _notebook_json(path: Path) -> dict:
    # Plain JSON: only the cells' sources and outputs are needed, not nbformat's validation.
    return json.loads(path.read_text(encoding="utf-8"))


def rows_in_notebook(path: Path) -> list[dict]:
    """Ledger rows embedded in an executed notebook's outputs."""
    notebook = _notebook_json(path)
    return [row for cell in notebook.get("cells", []) for output in cell.get("outputs", [])
            for row in output.get("data", {}).get(MIME, [])]


def sections_in_notebook(path: Path) -> dict[str, str]:
    """``{section id: heading text}`` for every markdown heading of ``path`` that holds an
    anchor ``<a id="..."></a>``, in notebook order."""
    sections = {}
    for cell in _notebook_json(path).get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for line in "".join(cell.get("source", "")).splitlines():
            anchor = _ANCHOR.search(line)
            if line.startswith("#") and anchor:
                sections[anchor.group(1)] = _ANCHOR.sub("", line).lstrip("#").strip()
    return sections


def is_teaching(path: Path) -> bool:
    """Whether the notebook works on a text the project wrote for teaching (its metadata says
    ``"teaching": true``): its rows are shown in the notebook, but they are findings about no
    published study, so neither the ledger nor the scorecard counts them."""
    return bool(_notebook_json(path).get("metadata", {}).get("analysis", {}).get("teaching", False))


def collect(notebooks: Path | None = None) -> pd.DataFrame:
    """The whole ledger, read from every executed notebook in ``notebooks`` but the teaching ones
    (:func:`is_teaching`).

    Rows keep their order within a notebook; notebooks are taken in file-name order.
    Raises ``ValueError`` naming the rows when two rows of a study share a key.
    """
    folder = notebooks or paths.notebooks_dir()
    rows = [row for path in sorted(folder.glob("*.ipynb")) if not is_teaching(path) for row in rows_in_notebook(path)]
    table = pd.DataFrame(rows, columns=[*CSV_COLUMNS, "section"])
    # Rows recorded before the audit columns existed carry neither: empty, like a hand-written row.
    table[["quantity", "check", "inputs"]] = table[["quantity", "check", "inputs"]].fillna("")
    duplicated = table.duplicated(["study", "key"], keep=False)
    if duplicated.any():
        twice = sorted(set(zip(table.loc[duplicated, "study"], table.loc[duplicated, "key"])))
        raise ValueError("ledger keys recorded twice: " + ", ".join(f"{s}/{k}" for s, k in twice))
    return table


def write(table: pd.DataFrame, target: Path) -> Path:
    """Write the ledger CSV (fixed columns, then ``key``, ``interval``, ``quantity``, ``check``, ``inputs``,
    ``level``) atomically."""
    return paths.atomic_write(target, lambda tmp: table[CSV_COLUMNS].to_csv(tmp, index=False, lineterminator="\n"))
