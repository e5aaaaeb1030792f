"""What a full-text extraction would have to add to ``data/values``, and what follows once it has.

Some studies are known only from their abstract. For those, :func:`needed_quantities`
lists the numbers a reader of the full text should transcribe, as rows in the schema
of ``data/values/<study>.csv`` with the value left empty (a to-do list that can be
filled in and appended to the file); :func:`missing` is the part of it the data do not
hold yet, and :func:`missing_summary` the same to-do list shortened to one line per
family of quantities (for display). :func:`extracted` says which of them the loaded
data already hold, and :func:`kimura_checks` turns those that exist into checks and
derived numbers, so a notebook picks new rows up without being edited.

Only Kimura et al. 2016 (``kimura2016``) has a template so far.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from scipy import stats

from analysis.stats import power
from analysis.stats.consistency import printed_interval

# Columns of data/values/<study>.csv, in order (see data/README.md).
COLUMNS = ["study", "quantity", "value", "decimals", "comparator", "unit", "ci_low", "ci_high",
           "denominator", "role", "source", "location", "status", "note"]

# Kimura 2016: groups as named in quantity ids -> the data quantity holding the group size.
KIMURA_GROUPS = {
    "naive": "natalizumab_naive_ms",
    "treated": "natalizumab_treated_ms",
    "nmo": "nmo_nmosd",
    "healthy": "healthy_controls",
}
KIMURA_GROUP_LABELS = {
    "naive": "natalizumab-naive MS",
    "treated": "natalizumab-treated MS",
    "nmo": "NMO/NMOSD",
    "healthy": "healthy controls",
    "exacerbation": "treated MS with exacerbation",
    "other": "treated MS without exacerbation",
}
KIMURA_CELLS = {"th1": "Th1", "th17": "Th17", "treg": "Treg"}
KIMURA_RATIOS = ("th1", "th17")  # numerators of the CD49d+ ratios over CD49d+ Treg
KIMURA_MRNA = ("tbx21", "rorc", "ifng", "il17a", "foxp3")
# The abstract does not say what the 2 patients with exacerbations were compared with:
# the other treated patients, or one of the other groups. Each is a plausible reading.
KIMURA_EXACERBATION_COMPARATORS = ("other", "naive", "healthy", "nmo")
_EXACERBATION = "treated_with_exacerbation"
# The ratio as K1 (the abstract) describes its readout: the percentage of CD49d+ cells
# within each subset, and the ratios CD49d+Th1/CD49d+Treg and CD49d+Th17/CD49d+Treg.
RATIO_DEFINITION = ("as K1 describes it, % CD49d+ among {cell} cells over % CD49d+ among Treg cells; "
                    "confirm in the full text (per-patient ratio of percentages, or of CD49d+ cell counts?)")


def _row(study: str, quantity: str, unit: str, note: str) -> dict:
    return {"study": study, "quantity": quantity, "value": None, "decimals": None, "comparator": "=",
            "unit": unit, "ci_low": None, "ci_high": None, "denominator": None, "role": "primary",
            "source": None, "location": None, "status": None, "note": note}


def _kimura_families() -> list[tuple[str, str, list[dict]]]:
    """The Kimura template as families: (quantity pattern, what the family holds, its rows)."""
    study = "kimura2016"
    groups = ", ".join(KIMURA_GROUPS)
    cells = ", ".join(KIMURA_CELLS)
    ratios = ", ".join(KIMURA_RATIOS)
    families: list[tuple[str, str, list[dict]]] = []
    for stat, what in (("mean", "group mean (say so if a median)"), ("sd", "SD (say so if SEM or IQR)")):
        rows = [_row(study, f"cd49d_pct_{cell}_{group}_{stat}", "percent",
                     f"% CD49d+ among {cell_label} cells, {KIMURA_GROUP_LABELS[group]}: {what}")
                for cell, cell_label in KIMURA_CELLS.items() for group in KIMURA_GROUPS]
        families.append((f"cd49d_pct_{{{cells}}}_{{{groups}}}_{stat}",
                         f"% CD49d+ within each subset: {what}", rows))
    ratio_groups = (*KIMURA_GROUPS, "exacerbation", "other")
    rows = [_row(study, f"ratio_{ratio}_treg_{group}_median", "ratio",
                 f"CD49d+{KIMURA_CELLS[ratio]}/CD49d+Treg ratio, {KIMURA_GROUP_LABELS[group]}: group median "
                 f"(say so if a mean); {RATIO_DEFINITION.format(cell=KIMURA_CELLS[ratio])}")
            for ratio in KIMURA_RATIOS for group in ratio_groups]
    families.append((f"ratio_{{{ratios}}}_treg_{{{', '.join(ratio_groups)}}}_median",
                     "CD49d+Th1 (Th17) / CD49d+Treg ratio: group median (say so if a mean); "
                     "per K1 a ratio of the two % CD49d+, definition to confirm", rows))
    others = ("naive", "healthy", "nmo")
    rows = [_row(study, f"p_ratio_{ratio}_treg_treated_vs_{other}", "p",
                 f"CD49d+{KIMURA_CELLS[ratio]}/CD49d+Treg ratio, treated vs {KIMURA_GROUP_LABELS[other]}: "
                 "p value; name the test")
            for ratio in KIMURA_RATIOS for other in others]
    families.append((f"p_ratio_{{{ratios}}}_treg_treated_vs_{{{', '.join(others)}}}",
                     "p of each ratio, treated vs each group; name the test", rows))
    rows = [_row(study, f"p_ratio_{ratio}_treg_exacerbation_vs_{other}", "p",
                 f"CD49d+{KIMURA_CELLS[ratio]}/CD49d+Treg ratio, the 2 with exacerbation vs "
                 f"{KIMURA_GROUP_LABELS[other]}: p value, if tested; name the test and the comparison group")
            for ratio in KIMURA_RATIOS for other in KIMURA_EXACERBATION_COMPARATORS]
    families.append((f"p_ratio_{{{ratios}}}_treg_exacerbation_vs_{{{', '.join(KIMURA_EXACERBATION_COMPARATORS)}}}",
                     "p of each ratio, the 2 with exacerbation vs the comparison group "
                     "(not stated in the abstract), if tested; name the test", rows))
    rows = [_row(study, f"fold_{gene}_mrna_treated_vs_naive", "ratio",
                 f"{gene.upper()} mRNA in sorted CD49d+ memory CD4 T cells, fold change under natalizumab; "
                 "confirm the comparison group")
            for gene in KIMURA_MRNA]
    families.append((f"fold_{{{', '.join(KIMURA_MRNA)}}}_mrna_treated_vs_naive",
                     "mRNA fold change, sorted CD49d+ memory CD4 T cells; confirm the comparison", rows))
    return families


# One registry: each study's template is its families' rows, in order (see needed_quantities).
_FAMILIES = {"kimura2016": _kimura_families}


def _families(study: str) -> list[tuple[str, str, list[dict]]]:
    if study not in _FAMILIES:
        raise ValueError(f"study must be one of {sorted(_FAMILIES)}, got {study!r}")
    return _FAMILIES[study]()


def needed_quantities(study: str) -> pd.DataFrame:
    """The quantities a full-text extraction of ``study`` should add, as empty ``data/values`` rows.

    Columns are exactly those of ``data/values/<study>.csv``. ``value``, ``decimals``,
    the CI, ``source``, ``location`` and ``status`` are empty: they are filled on
    extraction (with a bibliography row for the full text). Raises ``ValueError`` for a
    study without a template.
    """
    rows = [row for _, _, family in _families(study) for row in family]
    return pd.DataFrame(rows, columns=COLUMNS)


def missing_summary(study: str, values: Mapping) -> pd.DataFrame:
    """The to-do list of :func:`missing`, one line per family of quantities (for display).

    Columns: ``quantity`` (the family's id pattern, alternatives in braces, e.g.
    ``cd49d_pct_{th1, th17, treg}_{naive, ...}_mean``), ``unit``, ``missing`` (how many
    of the family's quantities ``values`` lacks, as "k of n") and ``note``. Families
    that are complete are left out. The full rows, in the ``data/values`` schema, come
    from :func:`missing` (or :func:`needed_quantities`).
    """
    lines = []
    for pattern, what, rows in _families(study):
        lacking = [r for r in rows if r["quantity"] not in values]
        if lacking:
            lines.append({"quantity": pattern, "unit": rows[0]["unit"],
                          "missing": f"{len(lacking)} of {len(rows)}", "note": what})
    return pd.DataFrame(lines, columns=["quantity", "unit", "missing", "note"])


def extracted(study: str, values: Mapping) -> list[str]:
    """The needed quantities of ``study`` that ``values`` (``data.reported(study)``) already holds."""
    return [q for q in needed_quantities(study)["quantity"] if q in values]


def missing(study: str, values: Mapping) -> pd.DataFrame:
    """The template rows of ``study`` that ``values`` does not hold yet (the to-do list)."""
    template = needed_quantities(study)
    return template[~template["quantity"].isin(list(values))].reset_index(drop=True)


def p_reachable(p, min_p: float) -> bool:
    """Whether some true p value behind the printed ``p`` (a ``data.Reported``) is at or above ``min_p``.

    ``"= x"`` stands for the closed interval of true values that can print as x at its
    decimals, ``[x - h, x + h]`` with ``h = 0.5 * 10**-decimals``, whatever the rounding
    rule (:func:`consistency.printed_interval`); ``"< x"`` for any p below x; ``"> x"`` for
    any p above x. A test whose smallest attainable p is ``min_p`` can have produced the
    printed value only if this is True.
    """
    if p.comparator == "<":
        return min_p < p.value
    if p.comparator == ">":
        return p.value < 1
    _, high = printed_interval(p.value, p.decimals)
    return high >= min_p


def kimura_checks(values: Mapping) -> pd.DataFrame:
    """Checks and derived numbers for the Kimura 2016 quantities present in ``values``.

    ``values`` is ``data.reported("kimura2016")``: group sizes plus whatever of
    :func:`needed_quantities` has been transcribed. One row per check, columns
    ``finding, kind, agrees, value, source``: ``kind`` is ``consistency`` (``agrees``
    True/False) or ``derived`` (``agrees`` empty, ``value`` the number). Checks:

    * each p value of a ratio comparison against the smallest two-sided and the
      smallest one-sided p an exact rank test can reach with those group sizes
      (:func:`power.min_rank_test_p`; a printed p, widened by its rounding, below that
      bound cannot come from such a test). For the 2 patients with exacerbations the
      comparison group is not stated in the abstract, so there is one quantity per
      plausible group (:data:`KIMURA_EXACERBATION_COMPARATORS`);
    * the direction the abstract states (ratios higher under natalizumab, and higher
      in the 2 patients with exacerbations) against the transcribed medians;
    * derived: the ratio of group-mean percentages (a different estimator from the
      median of per-patient ratios, so not a recomputation of it), and a Welch t test
      of each percentage, treated vs each other group, from mean, SD and n
      (``scipy.stats.ttest_ind_from_stats``; Welch BL, Biometrika 1947;34:28-35).
    """
    sizes = {g: values[q].count for g, q in KIMURA_GROUPS.items()}
    sizes["exacerbation"] = values[_EXACERBATION].count
    sizes["other"] = sizes["treated"] - sizes["exacerbation"]
    rows: list[dict] = []

    def src(*quantities: str) -> str:
        ids: list[str] = []
        for q in quantities:
            for sid in values[q].source.split(";"):
                if sid not in ids:
                    ids.append(sid)
        return ";".join(ids)

    def add(finding: str, kind: str, agrees, value, *quantities: str) -> None:
        rows.append({"finding": finding, "kind": kind, "agrees": agrees, "value": value,
                     "source": src(*quantities)})

    comparisons = ([("treated", other) for other in ("naive", "healthy", "nmo")]
                   + [("exacerbation", other) for other in KIMURA_EXACERBATION_COMPARATORS])
    for ratio in KIMURA_RATIOS:
        name = f"CD49d+{KIMURA_CELLS[ratio]}/CD49d+Treg"
        for first, second in comparisons:
            p_name = f"p_ratio_{ratio}_treg_{first}_vs_{second}"
            if p_name in values:
                for sides, alternative in (("two-sided", "two-sided"), ("one-sided", "greater")):
                    min_p = power.min_rank_test_p(sizes[first], sizes[second], alternative)
                    add(f"{name}, {first} vs {second}: printed p reachable by a {sides} exact rank test "
                        f"with {sizes[first]} vs {sizes[second]} (min p {min_p:.3g})",
                        "consistency", p_reachable(values[p_name], min_p), min_p, p_name)
            medians = [f"ratio_{ratio}_treg_{first}_median", f"ratio_{ratio}_treg_{second}_median"]
            if all(m in values for m in medians):
                add(f"{name}: median higher in {first} than in {second}, as the abstract states",
                    "consistency", values[medians[0]].value > values[medians[1]].value,
                    values[medians[0]].value / values[medians[1]].value, *medians)
    for group in KIMURA_GROUPS:
        treg = f"cd49d_pct_treg_{group}_mean"
        for ratio in KIMURA_RATIOS:
            numerator = f"cd49d_pct_{ratio}_{group}_mean"
            if numerator in values and treg in values and values[treg].value > 0:
                add(f"ratio of mean % CD49d+ {KIMURA_CELLS[ratio]} to mean % CD49d+ Treg, {group} "
                    "(not the median of per-patient ratios)", "derived", None,
                    values[numerator].value / values[treg].value, numerator, treg)
    for cell in KIMURA_CELLS:
        for other in ("naive", "healthy", "nmo"):
            needed = [f"cd49d_pct_{cell}_{g}_{s}" for g in ("treated", other) for s in ("mean", "sd")]
            if all(q in values for q in needed):
                m1, s1, m2, s2 = (values[q].value for q in needed)
                result = stats.ttest_ind_from_stats(m1, s1, sizes["treated"], m2, s2, sizes[other],
                                                    equal_var=False)
                add(f"% CD49d+ {KIMURA_CELLS[cell]}, treated vs {other}: Welch t test p from mean, SD, n",
                    "derived", None, float(result.pvalue), *needed, KIMURA_GROUPS["treated"], KIMURA_GROUPS[other])
    return pd.DataFrame(rows, columns=["finding", "kind", "agrees", "value", "source"])
