"""No computed number is typed into a notebook's prose, where it could drift from its computation.

The rule, over the markdown cells of every notebook in ``notebooks/``:

- every number written with a decimal point (``0.0954``) and every percentage (``78 %``, ``78%``,
  ``22.5 %``) must be a number *printed* in the study's ``data/values/<study>.csv``: its ``value``,
  ``ci_low`` or ``ci_high``, character for character as transcribed (``20.0`` is printed, ``20`` is not);
  the overview, which reads every study, may use a number printed in any values file;
- or it is in :data:`ALLOWED`, a short list of conventions, each with its reason;
- **whole numbers without a % sign are not checked**: counts, years, section and exercise numbers,
  page and volume numbers, group sizes and days cannot be told apart from a computed whole number by
  looking at the text, so they are left to the reader (and to the computed prose cells);
- links, DOIs, file names and inline code are skipped: ``10.1016`` in a DOI is no number.

A computed result belongs in a ``prose.say`` code cell instead (:mod:`analysis.findings.prose`): its
Markdown output is built from the values at execution, so nbval compares it with the committed output.
A number that breaks the rule is reported with the notebook, the cell index and the number.
"""

import json
import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
VALUES = ROOT / "data" / "values"

# Numbers any notebook may write, each a convention rather than a result: why it is allowed.
ALLOWED = {
    "0.05": "the usual significance threshold (p < 0.05)",
    "1.96": "the standard normal quantile of a two-sided 95 % interval, a constant of the Wald method",
    "95 %": "the usual confidence level, the default of every notebook's `level` and the printed CIs' level",
    "95%": "the same, written without a space",
}

_SKIPPED = [
    re.compile(r"`[^`]*`"),  # inline code: names, file names, commands
    re.compile(r"\]\([^)]*\)"),  # a link's target
    re.compile(r"<[^>]+>"),  # HTML tags and autolinks
    re.compile(r"https?://\S+"),
    re.compile(r"\b10\.\d{4,}/\S+"),  # DOIs
]
# A decimal number, or any number followed by a percent sign; signs and thousands separators play no part.
_NUMBER = re.compile(r"(?<![\w.])(\d+\.\d+|\d+)(\s?%)?(?![\w]|\.\d)")


def numbers_in(text: str) -> list[str]:
    """The checked numbers of a markdown text, as written: decimals, and percentages with their sign."""
    for pattern in _SKIPPED:
        text = pattern.sub(" ", text)
    found = []
    for match in _NUMBER.finditer(text):
        number, percent = match.groups()
        if percent:
            found.append(f"{number}{percent}")
        elif "." in number:
            found.append(number)
    return found


def printed_numbers(studies: list[str]) -> set[str]:
    """Every ``value``, ``ci_low`` and ``ci_high`` of the studies' values files, as transcribed."""
    printed = set()
    for study in studies:
        path = VALUES / f"{study}.csv"
        if path.exists():
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            printed |= {cell for column in ("value", "ci_low", "ci_high") for cell in table[column] if cell}
    return printed


def _studies(notebook: dict) -> list[str]:
    meta = notebook.get("metadata", {}).get("analysis", {})
    if meta.get("synthesis"):
        return sorted(path.stem for path in VALUES.glob("*.csv"))
    return [meta["study"]] if "study" in meta else []


def stray_numbers(path: Path) -> list[str]:
    """``"notebook, cell N: number"`` for every number of a markdown cell that breaks the rule."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    printed = printed_numbers(_studies(notebook))
    stray = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        for number in numbers_in("".join(cell["source"])):
            bare = number.rstrip("%").strip()
            if number not in ALLOWED and bare not in printed:
                stray.append(f"{path.name}, cell {index}: {number}")
    return stray


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_prose_states_no_computed_number_by_hand(path):
    stray = stray_numbers(path)
    assert not stray, ("numbers typed into markdown that are neither printed in data/values nor allowed; "
                       "state them through prose.say:\n" + "\n".join(stray))


def test_a_stale_number_in_prose_is_named_by_notebook_cell_and_number(tmp_path):
    cell = {"cell_type": "markdown", "metadata": {}, "source": ["The ratio is 0.0957 (21.3 % lower); ", "n = 40."]}
    notebook = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Title"}, cell],
                "metadata": {"analysis": {"study": "bringeland2020"}}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "99_planted.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert stray_numbers(path) == ["99_planted.ipynb, cell 1: 0.0957", "99_planted.ipynb, cell 1: 21.3 %"]


def test_printed_numbers_allowed_links_and_whole_numbers_pass():
    # 22.5 and 57.5 are printed in data/values/bringeland2020.csv; 40 is a whole number; the DOI is skipped.
    text = ("Of 40 patients, 9 (22.5 %) and 23 (57.5%) at p < 0.05, 95 % CI; "
            "doi:[10.1016/j.jns.2020.116880](https://doi.org/10.1016/j.jns.2020.116880), `values[0.5]`.")
    assert numbers_in(text) == ["22.5 %", "57.5%", "0.05", "95 %"]
    printed = printed_numbers(["bringeland2020"])
    assert {"22.5", "57.5", "20.0"} <= printed and "20" not in printed
