"""The astrocyte / VCAM1 mouse-model study: qualitative claims only.

The study module behind ``notebooks/05_astrocyte_vcam1_mouse.ipynb``. The paper could not
be identified; a lay news summary (source M1, status SECONDARY) is all there is, and it
gives six claims and no numbers. Nothing can be recomputed, so the functions here
tabulate the source, the claims and what is missing, record each claim in the ledger as
``not_recomputable`` (saying what would be needed), and gather the clinical numbers of
the other studies the mechanism is compared with. One function per notebook section:

1. :func:`source` (section ``source``);
2. :func:`claims` (section ``claims``): the claims, what was not reported, one ledger row per claim;
3. the mechanism diagram (section ``mechanism``) is :func:`analysis.plots.astrocyte_vcam1_mouse.mechanism`;
4. :func:`clinical_anchors` (section ``clinical_links``).

:func:`check_parameters` checks the notebook's only parameter; :func:`reported_values` loads
the study's numbers (none so far).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from pydantic import Field

from analysis import data, paths
from analysis.findings import Ledger
from analysis.studies import parameters
from analysis.studies.parameters import Real, StudyParameters

STUDY = "astrocyte_vcam1_mouse"
SOURCE = "M1"

# Why each claim of data/claims.csv cannot be recomputed: the ledger text, by claim_id (= the ledger key).
WHY_NOT = {
    "model": "mouse model combining MS-like immune attack and NMOSD-like astrocyte damage: "
             "no model details or numbers reported (strain, induction, mice per group)",
    "ms_like_benefit": "natalizumab reduced the MS-like immune attack: no numbers reported "
                       "(mice per group, clinical scores, infiltrating cells, p-values)",
    "nmosd_like_harm": "natalizumab worsened astrocyte damage: no numbers reported "
                       "(mice per group, scores, lesion areas, p-values)",
    "vcam1_survival_signal": "VCAM1 from vessel cells supports astrocyte survival and repair through integrin "
                             "alpha4: no numbers reported (measurements, replicates, p-values)",
    "alpha4_knockout": "astrocytes lacking integrin alpha4 suffer worse damage: no numbers reported "
                       "(mice per group, lesion areas, p-values)",
    "rescue": "drugs boosting astrocyte activity reversed natalizumab's harm and reduced myelin damage: "
              "drugs, doses and numbers not reported",
}


class Parameters(StudyParameters):
    """Notebook 05's only parameter, declared once (checked by ``analysis run`` before a kernel starts and by
    :func:`check_parameters` in the notebook). ``level`` is unused: the study reports no numbers; it is kept so
    that every notebook has the same interface."""

    level: Real = Field(0.95, gt=0, lt=1, description="a number strictly between 0 and 1")


def check_parameters(**values) -> None:
    """Refuse a parameter of notebook 05 outside :class:`Parameters`: ``ValueError`` naming it, what is allowed
    and the value it got."""
    parameters.check(Parameters, values)


def reported_values(data_dir=None) -> dict:
    """``data.reported(STUDY)`` if ``data/values/astrocyte_vcam1_mouse.csv`` exists, else ``{}``: the study
    reports no numbers, so there is no such file until an extraction adds one."""
    root = data_dir or paths.data_dir()
    return data.reported(STUDY, root) if (root / "values" / f"{STUDY}.csv").exists() else {}


def source(findings: Ledger, *, data_dir=None) -> pd.DataFrame:
    """The bibliography row of M1, the only source (its ``doi`` and ``pmid`` are empty: not identified)."""
    findings.section("source")
    table = data.load_bibliography(data_dir)
    columns = ["source_id", "paper", "doi", "read_at", "url", "status"]
    return table[table["source_id"] == SOURCE][columns].fillna("").reset_index(drop=True)


@dataclass(frozen=True)
class Claims:
    """Section 2: the study's ``claims`` (data/claims.csv) and what was ``not_reported``."""

    claims: pd.DataFrame
    not_reported: pd.DataFrame


def claims(findings: Ledger, *, data_dir=None) -> Claims:
    """The claims, what was looked for and not found, and one ``not_recomputable`` row per claim.

    Method: none to compute. Each claim of ``data/claims.csv`` gets the ledger row
    :data:`WHY_NOT` gives for its ``claim_id`` (the row's key), saying which numbers are
    missing. Raises ``ValueError`` naming the claims that have no such text, so a claim
    added to the data cannot silently miss the ledger.
    """
    findings.section("claims")
    table = data.load_claims(data_dir)
    table = table[table["study"] == STUDY][["claim_id", "claim", "source", "status"]].reset_index(drop=True)
    unexplained = sorted(set(table["claim_id"]) - set(WHY_NOT))
    if unexplained:
        raise ValueError(f"claims of {STUDY} without a ledger text in WHY_NOT: {unexplained}")
    for claim in table.itertuples(index=False):
        findings.not_recomputable(claim.claim_id, WHY_NOT[claim.claim_id], source=claim.source)
    missing = data.load_not_reported(data_dir)
    missing = missing[missing["study"] == STUDY][["item", "looked_in", "consequence"]].reset_index(drop=True)
    return Claims(table, missing)


def clinical_anchors(findings: Ledger, *, data_dir=None) -> pd.DataFrame:
    """The clinical numbers the mechanism is compared with, read from the other studies' data.

    One row each for Bringeland 2020 (NEDA at one year on natalizumab, MS), Kleiter 2012
    (relapses on natalizumab, AQP4+ NMO) and Mahler 2026 (adjusted annualised relapse rates,
    double-seronegative NMOSD), with each design's limit. No ledger rows: these numbers
    belong to the other notebooks' ledgers.
    """
    findings.section("clinical_links")
    bringeland, kleiter, mahler = (data.reported(s, data_dir) for s in ("bringeland2020", "kleiter2012", "mahler2026"))
    arr = " vs ".join(f"{mahler[q].value:.2f}" for q in ("arr_adjusted_anticd20", "arr_adjusted_nsis",
                                                          "arr_adjusted_msdmt"))
    return pd.DataFrame([
        {"nb": "01", "study": "bringeland2020", "therapy": "natalizumab", "disease": "MS",
         "finding": f"{bringeland['neda_1y'].count} of {bringeland['followed_up_1y'].count} followed "
                    f"({bringeland['cohort_patients'].count} enrolled) met NEDA at 1 year",
         "design": "single arm, no comparison group", "status": bringeland["neda_1y"].status},
        {"nb": "03", "study": "kleiter2012", "therapy": "natalizumab", "disease": "AQP4+ NMO",
         "finding": f"{kleiter['relapses'].count} relapses in {kleiter['patients'].count} patients",
         "design": "case series, no pre-treatment rate", "status": kleiter["relapses"].status},
        {"nb": "02", "study": "mahler2026", "therapy": "anti-CD20 vs NSIS vs MS DMT",
         "disease": "double-seronegative NMOSD", "finding": f"adjusted ARR {arr}",
         "design": "retrospective chart review, not randomised", "status": mahler["arr_adjusted_anticd20"].status},
    ])
