"""The synthesis notebook (``00_overview``): what each study printed, the three clinical
stories side by side, and the scorecard of the whole ledger.

Nothing here recomputes a study's statistics: every number is either transcribed
(``data/``) or a row of a study notebook's ledger, looked up by study and key
(:func:`analysis.findings.scorecard.row`), so rewording a finding breaks nothing and a
renamed key fails loudly. The study list comes from the notebooks' metadata and the
ledger, never from a hand-kept constant.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import data, paths
from analysis.findings import ledger, scorecard
from analysis.findings.ledger import DISAGREED, RULED_OUT

# The printed numbers the overview's first table shows: (study, quantity, what it is).
HEADLINES = [
    ("bringeland2020", "cohort_patients", "patients on natalizumab (relapsing-remitting MS)"),
    ("bringeland2020", "followed_up_1y", "followed up at 1 year"),
    ("bringeland2020", "neda_1y", "no evidence of disease activity at 1 year"),
    ("mahler2026", "patients", "patients with double-seronegative NMOSD"),
    ("mahler2026", "arr_adjusted_anticd20", "adjusted annualized relapse rate, anti-CD20"),
    ("mahler2026", "arr_adjusted_nsis", "adjusted annualized relapse rate, nonspecific immunosuppressants"),
    ("mahler2026", "arr_adjusted_msdmt", "adjusted annualized relapse rate, MS disease-modifying therapies"),
    ("mahler2026", "hr_anticd20_vs_msdmt", "hazard ratio of relapse, anti-CD20 vs MS therapies"),
    ("kleiter2012", "patients", "AQP4-positive patients given natalizumab"),
    ("kleiter2012", "relapses", "relapses on natalizumab"),
    ("kleiter2012", "relapse_days_median", "median days from first infusion to relapse"),
    ("kleiter2012", "infusions_median", "median natalizumab infusions"),
    ("kimura2016", "natalizumab_treated_ms", "natalizumab-treated MS patients"),
    ("kimura2016", "treated_with_exacerbation", "of them, with an exacerbation"),
]

# How a point on the comparison figure was obtained; drives its marker and legend.
ORIGINS = {
    "data": "study data, exact interval",
    "scenario": "assumed scenario (illustrative), exact interval",
    "reconstruction": "reconstruction range end, exact interval",
    "no_interval": "published number, no interval computable",
}


@dataclass(frozen=True)
class Estimate:
    """One point on the comparison figure: an estimate, an optional interval, and its origin."""

    label: str
    value: float
    low: float | None
    high: float | None
    note: str
    origin: str = "data"

    def __post_init__(self):
        if self.origin not in ORIGINS:
            raise ValueError(f"origin must be one of {list(ORIGINS)}, got {self.origin!r}")
        if (self.low is None) != (self.origin == "no_interval"):
            raise ValueError(f"{self.label}: only a 'no_interval' estimate may lack an interval")


def from_row(row: pd.Series, label: str, note: str, origin: str = "data") -> Estimate:
    """An :class:`Estimate` taken from a ledger row (interval from ``low``/``high``)."""
    def number(x):
        return None if pd.isna(x) else float(x)

    return Estimate(label, float(row["recomputed"]), number(row["low"]), number(row["high"]), note, origin)


def _printed(value: data.Reported) -> str:
    text = f"{value.value:.{value.decimals}f}"
    if value.comparator != "=":
        text = f"{value.comparator} {text}"
    if value.ci_low is not None:
        text += f" ({value.ci_low:.{value.decimals}f} to {value.ci_high:.{value.decimals}f})"
    return text


def notebooks(folder: Path | None = None) -> pd.DataFrame:
    """The study notebooks in reading order, from their metadata: notebook, study (a teaching notebook,
    whose text the project wrote, is no study: :func:`analysis.findings.ledger.is_teaching`)."""
    rows = []
    for path in sorted((folder or paths.notebooks_dir()).glob("*.ipynb")):
        # Plain JSON: only the metadata is needed, and nbformat's validation would import jsonschema into the kernel.
        study = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("analysis", {}).get("study")
        if study and not ledger.is_teaching(path):
            rows.append({"notebook": path.name, "study": study})
    return pd.DataFrame(rows, columns=["notebook", "study"])


def headline_numbers() -> pd.DataFrame:
    """The headline numbers as printed (trailing zeros kept), with source ids and status."""
    rows = []
    for study, quantity, meaning in HEADLINES:
        value = data.reported(study)[quantity]
        rows.append({"study": study, "what": meaning, "printed": _printed(value), "source": value.source,
                     "status": value.status})
    return pd.DataFrame(rows)


def claims(study: str) -> pd.DataFrame:
    """The qualitative claims of ``study`` as transcribed, with source and status."""
    table = data.load_claims()
    return table.loc[table["study"] == study, ["claim", "source", "status"]].reset_index(drop=True)


@dataclass(frozen=True)
class Stories:
    """The estimates of the two panels of the comparison figure."""

    free: list[Estimate]
    rates: list[Estimate]

    def table(self) -> pd.DataFrame:
        rows = [vars(e) for e in self.free + self.rates]
        frame = pd.DataFrame(rows).rename(columns={"value": "estimate"})
        return frame[["label", "estimate", "low", "high", "origin", "note"]]


def three_stories(table: pd.DataFrame) -> Stories:
    """Natalizumab in MS, natalizumab in AQP4+ NMO and anti-CD20 in double-seronegative NMOSD,
    as the study notebooks' ledgers and the transcribed data give them (not an effectiveness
    comparison: populations, endpoints and follow-up differ)."""
    def row(study, key):
        return scorecard.row(table, study, key)

    mahler = data.reported("mahler2026")
    free = [
        from_row(row("bringeland2020", "auto_count_ci__neda_1y"), "natalizumab, MS: NEDA, 35 of 35 followed",
                 "Bringeland 2020, 1 year"),
        from_row(row("bringeland2020", "neda_worst_case"), "natalizumab, MS: NEDA, worst case 35 of 40",
                 "ILLUSTRATIVE: if all 5 lost had activity", origin="scenario"),
        from_row(row("kleiter2012", "free_of_activity_ci"), "natalizumab, AQP4+ NMO: free of activity, 0 of 5",
                 "Kleiter 2012"),
        *[Estimate(f"{drug}, DS-NMOSD: relapse-free", mahler[f"relapse_free_{drug}_pct"].value / 100, None, None,
                   "Mahler 2026 (SECONDARY); n not reported", origin="no_interval")
          for drug in ("rituximab", "mycophenolate", "azathioprine")],
    ]
    rates = [
        Estimate("anti-CD20, DS-NMOSD (adjusted)", mahler["arr_adjusted_anticd20"].value, None, None,
                 "Mahler 2026 (SECONDARY); no CI reported", origin="no_interval"),
        Estimate("NSIS, DS-NMOSD (adjusted)", mahler["arr_adjusted_nsis"].value, None, None, "no CI reported",
                 origin="no_interval"),
        Estimate("MS DMT, DS-NMOSD (adjusted)", mahler["arr_adjusted_msdmt"].value, None, None, "no CI reported",
                 origin="no_interval"),
        from_row(row("kleiter2012", "rate_most_exposure"), "natalizumab, AQP4+ NMO: most exposure",
                 "Kleiter 2012, reconstruction (90-day margin assumed)", origin="reconstruction"),
        from_row(row("kleiter2012", "rate_least_exposure"), "natalizumab, AQP4+ NMO: least exposure",
                 "Kleiter 2012, reconstruction (90-day margin assumed)", origin="reconstruction"),
    ]
    return Stories(free, rates)


def flagged(table: pd.DataFrame) -> pd.DataFrame:
    """What a reviewer reads first: rows where printed numbers disagree (group ``disagreement``),
    then rows where an assumed reading fits no data (group ``reading ruled out``, which says
    nothing against the paper), with study, key, status, section id and finding."""
    group = table["status"].map({**dict.fromkeys(DISAGREED, "disagreement"),
                                 **dict.fromkeys(RULED_OUT, "reading ruled out")})
    rows = table.assign(group=group).dropna(subset=["group"])
    rows = rows.sort_values("group", kind="stable")  # "disagreement" before "reading ruled out"
    return rows[["group", "study", "key", "status", "section", "finding"]].reset_index(drop=True)


def not_recomputable_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Per study (ledger order): rows that summary data cannot recompute, and their share."""
    order = scorecard.studies(table)
    missing = (table["status"] == "not_recomputable").groupby(table["study"])
    counts = pd.DataFrame({"not_recomputable": missing.sum(), "share": missing.mean().round(2)})
    return counts.reindex(order).astype({"not_recomputable": int})
