"""Kimura et al. 2016: CD49d on regulatory and inflammatory T cells under natalizumab.

The study module behind ``notebooks/04_kimura2016_treg_cd49d.ipynb``. The paper is known
only from its abstract (K1), which gives group sizes and directions but no percentage,
ratio, spread, test or p value. One function per notebook section, each starting with
:meth:`Ledger.section` and returning that section's table(s):

1. :func:`design`: group sizes and claims (``design``);
2. :func:`rank_test_floors`: the smallest p a rank test can reach (``rank_test_floors``);
3. :func:`power_analysis`: what comparisons of this size could detect (``power``);
4. :func:`binding_example`: what 60 to 100 % alpha4 binding leaves unblocked (``binding_example``);
5. :func:`extraction`: what a full-text extraction would add, and the checks it then
   runs (``extraction``), built on the template functions below;
6. :func:`not_recomputable`: what cannot be recomputed (``not_recomputable``);

plus :func:`printed_p_exercise` for the worked answer of exercise 3, and
:func:`check_parameters` for the notebook's parameters.
The ``reading_*`` functions (``answer_*`` for worked answers) return the notebook's paragraph about a
section's results as Markdown with the computed numbers in it (:func:`analysis.findings.prose.say`).

The extraction template: :func:`needed_quantities` lists the numbers a reader of the
full text should transcribe, as rows in the schema of ``data/values/kimura2016.csv``
with the value left empty; :func:`missing` is the part of it the data do not hold yet,
and :func:`missing_summary` the same to-do list shortened to one line per family of
quantities (for display). :func:`extracted` says which of them the loaded data already
hold, and :func:`kimura_checks` turns those that exist into checks and derived numbers,
so the notebook picks new rows up without being edited.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

import numpy as np
import pandas as pd
from pydantic import Field, ValidationInfo, field_validator
from scipy import stats

from analysis import data
from analysis.data.schemas import values_schema
from analysis.findings import Ledger, prose
from analysis.findings.prose import Prose
from analysis.stats import SIZE_BOUNDS, power, proportions
from analysis.stats.consistency import printed_interval, rounds_to
from analysis.studies import parameters
from analysis.studies.parameters import Real, StudyParameters, Whole
from analysis.studies.shared import cited

STUDY = "kimura2016"

# Columns of data/values/<study>.csv, in order (see data/README.md): the schema's.
# The columns of a values file as the project writes them: the optional ones (ci_decimals) only where used.
COLUMNS = [name for name, column in values_schema(STUDY).columns.items() if column.required]

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
    ``finding, kind, agrees, value, source, key, inputs``: ``kind`` is ``consistency``
    (``agrees`` True/False; each could fail) or ``derived`` (``agrees`` empty, ``value``
    the number); ``key`` is the ledger key of the row; ``inputs`` the quantities it used. Checks:

    * each p value of a ratio comparison against the smallest two-sided and the
      smallest one-sided p an exact rank test can reach with those group sizes
      (:func:`power.min_rank_test_p`; a printed p, widened by its rounding, below that
      bound cannot come from such a test). For the 2 patients with exacerbations the
      comparison group is not stated in the abstract, so there is one quantity per
      plausible group (:data:`KIMURA_EXACERBATION_COMPARATORS`). This rests on the
      assumption that the paper used an exact rank test, which the text says;
    * the direction the abstract states (ratios higher under natalizumab, and higher
      in the 2 patients with exacerbations) against the transcribed medians;
    * derived: the ratio of group-mean percentages (a different estimator from the
      median of per-patient ratios, so not a recomputation of it), and a Welch t test
      of each percentage, treated vs each other group, from mean, SD and n
      (``scipy.stats.ttest_ind_from_stats``; Welch BL, Biometrika 1947;34:28-35), which
      assumes normal data (the text says so).
    """
    sizes = group_sizes(values)
    rows: list[dict] = []

    def src(*quantities: str) -> str:
        ids: list[str] = []
        for q in quantities:
            for sid in values[q].source.split(";"):
                if sid not in ids:
                    ids.append(sid)
        return ";".join(ids)

    def add(key: str, finding: str, kind: str, agrees, value, *quantities: str) -> None:
        rows.append({"finding": finding, "kind": kind, "agrees": agrees, "value": value,
                     "source": src(*quantities), "key": key, "inputs": ";".join(dict.fromkeys(quantities))})

    comparisons = ([("treated", other) for other in ("naive", "healthy", "nmo")]
                   + [("exacerbation", other) for other in KIMURA_EXACERBATION_COMPARATORS])
    for ratio in KIMURA_RATIOS:
        name = f"CD49d+{KIMURA_CELLS[ratio]}/CD49d+Treg"
        for first, second in comparisons:
            p_name = f"p_ratio_{ratio}_treg_{first}_vs_{second}"
            if p_name in values:
                for sides, alternative in (("two-sided", "two-sided"), ("one-sided", "greater")):
                    min_p = power.min_rank_test_p(sizes[first], sizes[second], alternative)
                    add(f"{p_name}_reachable_{sides.replace('-', '_')}",
                        f"{name}, {first} vs {second}: printed p reachable by a {sides} exact rank test "
                        f"with {sizes[first]} vs {sizes[second]} (min p {min_p:.3g}; assumes the paper used "
                        "an exact rank test, not reported)",
                        "consistency", p_reachable(values[p_name], min_p), min_p, p_name,
                        *size_quantities(first, second))
            medians = [f"ratio_{ratio}_treg_{first}_median", f"ratio_{ratio}_treg_{second}_median"]
            if all(m in values for m in medians):
                add(f"ratio_{ratio}_treg_{first}_above_{second}",
                    f"{name}: median higher in {first} than in {second}, as the abstract states",
                    "consistency", values[medians[0]].value > values[medians[1]].value,
                    values[medians[0]].value / values[medians[1]].value, *medians)
    for group in KIMURA_GROUPS:
        treg = f"cd49d_pct_treg_{group}_mean"
        for ratio in KIMURA_RATIOS:
            numerator = f"cd49d_pct_{ratio}_{group}_mean"
            if numerator in values and treg in values and values[treg].value > 0:
                add(f"ratio_of_means_{ratio}_treg_{group}",
                    f"ratio of mean % CD49d+ {KIMURA_CELLS[ratio]} to mean % CD49d+ Treg, {group} "
                    "(not the median of per-patient ratios)", "derived", None,
                    values[numerator].value / values[treg].value, numerator, treg)
    for cell in KIMURA_CELLS:
        for other in ("naive", "healthy", "nmo"):
            needed = [f"cd49d_pct_{cell}_{g}_{s}" for g in ("treated", other) for s in ("mean", "sd")]
            if all(q in values for q in needed):
                m1, s1, m2, s2 = (values[q].value for q in needed)
                result = stats.ttest_ind_from_stats(m1, s1, sizes["treated"], m2, s2, sizes[other],
                                                    equal_var=False)
                add(f"welch_p_{cell}_treated_vs_{other}",
                    f"% CD49d+ {KIMURA_CELLS[cell]}, treated vs {other}: Welch t test p from mean, SD, n "
                    "(assumes normal data)",
                    "derived", None, float(result.pvalue), *needed, KIMURA_GROUPS["treated"], KIMURA_GROUPS[other])
    return pd.DataFrame(rows, columns=["finding", "kind", "agrees", "value", "source", "key", "inputs"])


# --- the notebook's parameters --------------------------------------------------------------

# rank_test_power tests at most SIZE_BOUNDS["rank_test_power.tests"] values: effect sizes x n_sim x (n1 + n2),
# and the largest comparison here has n1 + n2 = 35 (8 treated vs 27 naive MS), so effect sizes x n_sim is bounded.
LARGEST_COMPARISON = 35
MAX_SIMULATED_DATA_SETS = SIZE_BOUNDS["rank_test_power.tests"].limit // LARGEST_COMPARISON


class Parameters(StudyParameters):
    """Notebook 04's parameters cell, declared once: types, bounds and defaults (checked by ``analysis run``
    before a kernel starts and by :func:`check_parameters` in the notebook).

    The Monte Carlo work is ``n_sim`` data sets per effect size for each comparison: at most 20000 data sets,
    35 effect sizes and :data:`MAX_SIMULATED_DATA_SETS` (effect sizes x ``n_sim``, the bound of
    :func:`analysis.stats.power.rank_test_power` over the largest comparison) keep the notebook within seconds
    and 1 GB.
    """

    level: Real = Field(0.95, gt=0, lt=1, description="a number strictly between 0 and 1")
    alpha: Real = Field(0.05, gt=0, lt=1, description="a number strictly between 0 and 1")
    power_target: Real = Field(0.80, gt=0, lt=1, description="a number strictly between 0 and 1 that must exceed alpha")
    effect_sizes: list[Annotated[Real, Field(ge=0, le=10)]] = Field(
        [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0], min_length=1, max_length=35,
        description="a non-empty list of at most 35 numbers >= 0 and <= 10 (Cohen's d)")
    n_sim: Whole = Field(4000, ge=1, le=20_000, description="a positive integer, at most 20000")
    seed: Whole = Field(2016, ge=0, le=2**32 - 1, description="a whole number from 0 to 2**32 - 1")
    receptors_per_cell: Real = Field(10_000, gt=0, le=1e9, description="a positive number, at most 1e9")

    @field_validator("n_sim")
    @classmethod
    def _simulations_within_the_power_bound(cls, n_sim: int, info: ValidationInfo) -> int:
        effect_sizes = info.data.get("effect_sizes")
        if effect_sizes is not None and len(effect_sizes) * n_sim > MAX_SIMULATED_DATA_SETS:
            raise ValueError(f"at most {MAX_SIMULATED_DATA_SETS // len(effect_sizes)} with {len(effect_sizes)} effect "
                             f"sizes (effect sizes x n_sim at most {MAX_SIMULATED_DATA_SETS})")
        return n_sim

    @field_validator("power_target")
    @classmethod
    def _above_alpha(cls, power_target: float, info: ValidationInfo) -> float:
        alpha = info.data.get("alpha")
        if alpha is not None and power_target <= alpha:
            raise ValueError(f"a number below 1 that must exceed alpha ({alpha})")
        return power_target


def check_parameters(**values) -> None:
    """Refuse a parameter of notebook 04 outside :class:`Parameters`: ``ValueError`` naming the parameter,
    what is allowed and the value it got."""
    parameters.check(Parameters, values)


def size_quantities(*groups: str) -> tuple[str, ...]:
    """The count quantities behind the sizes of ``groups`` (names of :func:`group_sizes`): ``other`` is treated
    minus exacerbation, so it rests on both counts. For a ledger row's ``inputs``."""
    quantities = []
    for group in groups:
        if group in KIMURA_GROUPS:
            quantities.append(KIMURA_GROUPS[group])
        else:
            quantities += [KIMURA_GROUPS["treated"], _EXACERBATION] if group == "other" else [_EXACERBATION]
    return tuple(dict.fromkeys(quantities))


def group_sizes(values: Mapping) -> dict[str, int]:
    """Group sizes by the names of :data:`KIMURA_GROUP_LABELS`; ``other`` = treated minus exacerbation."""
    sizes = {g: values[q].count for g, q in KIMURA_GROUPS.items()}
    sizes["exacerbation"] = values[_EXACERBATION].count
    sizes["other"] = sizes["treated"] - sizes["exacerbation"]
    return sizes


# The four comparisons of sections 2 and 3: (first group, second group).
COMPARISONS = {"treated_vs_naive": ("treated", "naive"), "treated_vs_healthy": ("treated", "healthy"),
               "treated_vs_nmo": ("treated", "nmo"), "exacerbation_vs_other": ("exacerbation", "other")}
_SHORT = {"naive": "naive MS", "treated": "treated", "nmo": "NMO/NMOSD", "healthy": "healthy controls",
          "exacerbation": "2 with exacerbation", "other": "other treated"}


def _label(first: str, second: str) -> str:
    return f"{_SHORT[first]} vs {_SHORT[second]}"


# --- 1. the design ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Design:
    """Section 1: ``groups`` (the count rows of the values file), ``claims`` (the study's rows
    of data/claims.csv), ``sizes`` (:func:`group_sizes`) and ``total_if_disjoint``."""

    groups: pd.DataFrame
    claims: pd.DataFrame
    sizes: dict
    total_if_disjoint: int


def design(values: Mapping, findings: Ledger, *, data_dir=None) -> Design:
    """The design as transcribed: group sizes (``data/values/kimura2016.csv``) and claims.

    Method: read from the data files; the participant total is the sum of the four
    groups, which is the number of people only if no one is in two groups (not reported).
    Source: Kimura et al., Neurol Neuroimmunol Neuroinflamm 2016;3(2):e210 (K1, abstract).
    """
    findings.section("design")
    table = data.load_values(STUDY, data_dir)
    groups = table[table["unit"].isin(data.COUNT_UNITS)][["quantity", "value", "unit", "denominator", "source",
                                                         "status", "note"]]
    groups = groups.assign(value=groups["value"].astype(int)).fillna("").reset_index(drop=True)
    claims = data.load_claims(data_dir)
    claims = claims[claims["study"] == STUDY][["claim_id", "claim"]].reset_index(drop=True)
    sizes = group_sizes(values)
    total = sum(sizes[g] for g in KIMURA_GROUPS)
    findings.by_construction(
        "exacerbation_within_treated",
        f"the {sizes['exacerbation']} treated patients with an exacerbation are part of the {sizes['treated']} "
        "treated: holds by transcription (the abstract gives them as a subset, and data validation refuses "
        "a count above its denominator), so it is no check",
        **cited(values, *size_quantities("exacerbation", "treated")), reported=sizes["exacerbation"],
        high=sizes["treated"], interval="bounds")
    findings.not_recomputable(
        "total_if_disjoint",
        f"total participants: {' + '.join(str(sizes[g]) for g in KIMURA_GROUPS)} = {total} only if no one is "
        "in two groups (overlap not reported)", kind="consistency", **cited(values, *size_quantities(*KIMURA_GROUPS)))
    return Design(groups, claims, sizes, total)


# --- 2. the smallest p a rank test can reach ----------------------------------------------------

@dataclass(frozen=True)
class Floors:
    """Section 2: ``main`` (the four comparisons) and ``exacerbation`` (the 2 patients with
    an exacerbation against each plausible comparison group)."""

    main: pd.DataFrame
    exacerbation: pd.DataFrame


def _floor_row(n1: int, n2: int, alpha: float) -> dict:
    two, one = power.min_rank_test_p(n1, n2), power.min_rank_test_p(n1, n2, "greater")
    return {"n1": n1, "n2": n2, "arrangements": math.comb(n1 + n2, n1), "min_p_two_sided": two,
            "min_p_one_sided": one, "two_sided_reaches_alpha": two <= alpha, "one_sided_reaches_alpha": one <= alpha}


def rank_test_floors(values: Mapping, findings: Ledger, *, alpha: float) -> Floors:
    """The smallest p value an exact Mann-Whitney (rank-sum) test can give for each comparison.

    Method: :func:`analysis.stats.power.min_rank_test_p` (scipy's exact test on the most
    extreme arrangement): ``2 / C(n1 + n2, n1)`` two-sided, half that one-sided, whatever
    the data (no ties). ``alpha`` is the assumed significance level the floors are set
    against. Mann & Whitney, Ann Math Stat 1947;18:50-60.
    """
    findings.section("rank_test_floors")
    sizes = group_sizes(values)
    main = pd.DataFrame([{"comparison": _label(*pair), **_floor_row(sizes[pair[0]], sizes[pair[1]], alpha)}
                         for pair in COMPARISONS.values()])
    for key, (first, second) in COMPARISONS.items():
        if first == "treated":  # the exacerbation comparisons get their rows below
            n1, n2 = sizes[first], sizes[second]
            findings.derived(f"min_p_{key}", f"smallest two-sided exact rank-test p, {_label(first, second)} "
                             f"({n1} vs {n2}); the paper's test is not reported", power.min_rank_test_p(n1, n2),
                             **cited(values, *size_quantities(first, second)))
    exacerbation = pd.DataFrame([{"compared_with": KIMURA_GROUP_LABELS[g],
                                  **_floor_row(sizes["exacerbation"], sizes[g], alpha)}
                                 for g in KIMURA_EXACERBATION_COMPARATORS]).drop(columns="n1")
    n1 = sizes["exacerbation"]
    for group in KIMURA_EXACERBATION_COMPARATORS:
        findings.derived(f"min_p_exacerbation_vs_{group}",
                         f"smallest two-sided exact rank-test p, 2 with exacerbation vs {KIMURA_GROUP_LABELS[group]} "
                         f"({n1} vs {sizes[group]}); comparison group and test are not reported",
                         power.min_rank_test_p(n1, sizes[group]),
                         **cited(values, *size_quantities("exacerbation", group)))
    findings.derived("min_p_one_sided_exacerbation_vs_other",
                     f"smallest one-sided exact rank-test p, 2 with exacerbation vs {KIMURA_GROUP_LABELS['other']} "
                     f"({n1} vs {sizes['other']}); comparison group and test are not reported",
                     power.min_rank_test_p(n1, sizes["other"], "greater"),
                     **cited(values, *size_quantities("exacerbation", "other")))
    return Floors(main, exacerbation)


def reading_rank_test_floors(floors: Floors) -> Prose:
    """Section 2's reading: the smallest rank-test p of the 2 patients with exacerbations against each possible
    comparison group (``floors.exacerbation``), and of the main comparison (``floors.main``)."""
    exacerbation = floors.exacerbation.set_index("compared_with")
    other, nmo = exacerbation.loc["treated MS without exacerbation"], exacerbation.loc["NMO/NMOSD"]
    healthy, naive = exacerbation.loc["healthy controls"], exacerbation.loc["natalizumab-naive MS"]
    return prose.say(
        "**What this means.**\n"
        "\n"
        "- The abstract does not say **what the 2 patients with exacerbations were compared with**, nor that\n"
        "  any test was done; \"remarkably higher\" is descriptive. Whether a significant rank-test result was\n"
        "  possible at all depends on the comparison group:\n"
        "  - **if they were compared with the other 6 treated patients**, it was not: even if those 2 had the\n"
        "    2 highest ratios of all 8, the two-sided p would be 2/28 = {other[min_p_two_sided]:.3f};\n"
        "  - against the 7 NMO/NMOSD patients it was not either: 2/36 = {nmo[min_p_two_sided]:.3f};\n"
        "  - against the 8 healthy controls it was just possible: 2/45 = {healthy[min_p_two_sided]:.3f}, but "
        "only if the 2\n"
        "    held the 2 highest values of all 10 (the next most extreme arrangement already gives twice that);\n"
        "  - against the 27 natalizumab-naive patients it was easily possible: 2/406 = {naive[min_p_two_sided]:.4f}.\n"
        "- A *one-sided* rank test against the other 6 treated could reach 1/28 = "
        "{other[min_p_one_sided]:.3f}, but only if\n"
        "  the 2 patients held exactly the 2 highest ratios, and only with the direction fixed before "
        "looking at the data.\n"
        "- A t test is not bound by these floors (it uses the values, not only their ranks), but with 2\n"
        "  patients in one group it rests entirely on the assumption of normal data, which 2 values cannot check.\n"
        "- The main comparisons are not limited by this floor at all: 8 vs 27 could reach p = {main:.1e}.\n"
        "  What limits them is the size of the effect relative to the spread between patients (section 3).",
        other=other, nmo=nmo, healthy=healthy, naive=naive, main=floors.main.loc[0, "min_p_two_sided"])


# --- 3. power ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Power:
    """Section 3: per comparison (keys of :data:`COMPARISONS`) the sizes, the Monte Carlo power
    of the exact rank test at ``effect_sizes`` and the t-test power on ``grid``; the minimum
    detectable effects (``mde``) and both powers at the effect nearest d = 1 (``at_d``, ``at_effect``)."""

    sizes: dict
    labels: dict
    effect_sizes: np.ndarray
    rank_power: dict
    grid: np.ndarray
    t_power: dict
    mde: pd.DataFrame
    at_d: float
    at_effect: pd.DataFrame


def power_analysis(values: Mapping, findings: Ledger, *, alpha: float, power_target: float, effect_sizes,
                   n_sim: int, seed: int, level: float) -> Power:
    """What the comparisons of this size could detect, for ASSUMED true effects (Cohen's d).

    Method: t-test power and minimum detectable effect from the noncentral t distribution
    (statsmodels ``TTestIndPower``; :func:`power.t_test_power`,
    :func:`power.minimum_detectable_effect`), which assume normal data with equal SDs;
    exact rank-test power by seeded Monte Carlo under a normal location shift
    (:func:`power.rank_test_power`, ``n_sim`` data sets, same draws for every d), with a
    Clopper-Pearson interval at ``level`` for its simulation error
    (:func:`proportions.exact_ci`). Cohen J, Statistical Power Analysis, 2nd ed. 1988, ch. 2;
    Hollander, Wolfe & Chicken, Nonparametric Statistical Methods, 3rd ed. 2014, sec. 4.1.
    """
    findings.section("power")
    sizes = {key: (group_sizes(values)[a], group_sizes(values)[b]) for key, (a, b) in COMPARISONS.items()}
    labels = {key: _label(*pair) for key, pair in COMPARISONS.items()}
    effects = np.asarray(effect_sizes, dtype=float)
    rank_power = {key: power.rank_test_power(effects, n1, n2, alpha=alpha, n_sim=n_sim, seed=seed)
                  for key, (n1, n2) in sizes.items()}
    grid = np.linspace(0.0, effects.max(), 121)
    t_power = {key: np.array([power.t_test_power(d, n1, n2, alpha) for d in grid]) for key, (n1, n2) in sizes.items()}
    mde = pd.DataFrame([{"comparison": labels[key], "n1": n1, "n2": n2,
                         "mde_d_t_test": power.minimum_detectable_effect(n1, n2, alpha=alpha, power=power_target)}
                        for key, (n1, n2) in sizes.items()])
    for key, row in zip(sizes, mde.itertuples(index=False)):
        findings.derived(f"mde_{key}", f"minimum detectable effect (Cohen's d) at {power_target:.0%} power, "
                         f"two-sided t test at an assumed alpha {alpha}, assuming normal data with equal SDs: "
                         f"{row.comparison} ({row.n1} vs {row.n2})", row.mde_d_t_test,
                         **cited(values, *size_quantities(*COMPARISONS[key])))
    index = int(np.argmin(np.abs(effects - 1.0)))  # read the curves at d = 1 (a large effect)
    rows = []
    for key, (n1, n2) in sizes.items():
        hits = int(round(rank_power[key][index] * n_sim))
        low, high = proportions.exact_ci(hits, n_sim, level)
        rows.append({"comparison": labels[key], "t_test_power": power.t_test_power(effects[index], n1, n2, alpha),
                     "rank_test_power": hits / n_sim, "rank_ci_low": low, "rank_ci_high": high})
    return Power(sizes, labels, effects, rank_power, grid, t_power, mde, float(effects[index]), pd.DataFrame(rows))


def reading_power(power_result: Power, *, power_target: float) -> Prose:
    """Section 3's reading: the smallest t-test effect (Cohen's d) each design detects with ``power_target``
    power (``power_result.mde``)."""
    mde = power_result.mde["mde_d_t_test"]
    return prose.say(
        "**Reading the numbers.** With 8 treated against 27 naive patients, a two-sided t test has {target:.0%}\n"
        "power only for effects larger than about one standard deviation (d of about {mde[0]:.2f}); with 8 "
        "vs 8 the threshold\n"
        "is about {mde[1]:.1f} SD; with 2 vs 6 it is about {mde[3]:.1f} SD, and (at the default parameters) "
        "the rank test has no\n"
        "power at all. The intervals in the second table are Clopper-Pearson intervals for the Monte Carlo "
        "estimate (its\n"
        "simulation error), not for anything in the study. Whether the study's effects were that large "
        "cannot be told: no\n"
        "values were reported. Natalizumab acts directly on the molecule being measured (section 4), so very large\n"
        "differences in measured CD49d between treated and untreated patients are plausible, but this is an "
        "expectation,\n"
        "not a finding.",
        target=power_target, mde=mde)


# --- 4. binding ---------------------------------------------------------------------------------

def binding_example(values: Mapping, findings: Ledger, *, receptors_per_cell: float) -> pd.DataFrame:
    """What a bound fraction b of alpha4 leaves unblocked: 1 - b, at five b from 60 to 100 %.

    The 60 to 100 % range is context: a background statement of a news article about the
    paper (K2), reporting earlier studies' results, not a measurement in Kimura's cohort.
    ``free_alpha4_per_cell_ILLUSTRATIVE`` multiplies 1 - b by ``receptors_per_cell``, an
    assumed count, not data. Method: arithmetic (a linear grid of b).
    """
    findings.section("binding_example")
    low, high = values["alpha4_bound_min_pct"].value / 100, values["alpha4_bound_max_pct"].value / 100
    table = pd.DataFrame({"bound_fraction": np.linspace(low, high, 5)})
    table["unblocked_fraction"] = 1 - table["bound_fraction"]
    table["free_alpha4_per_cell_ILLUSTRATIVE"] = receptors_per_cell * table["unblocked_fraction"]
    for key, b, end, quantity in (("unblocked_at_min_binding", low, "lowest", "alpha4_bound_min_pct"),
                                  ("unblocked_at_max_binding", high, "highest", "alpha4_bound_max_pct")):
        findings.derived(key, f"unblocked alpha4 fraction 1 - b at the {end} binding (b = {b:.2f}) of the range "
                         "that K2 reports from earlier studies (context, not measured in this cohort)", 1 - b,
                         **cited(values, quantity))
    return table


# --- 5. extraction ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Extraction:
    """Section 5: how many quantities are ``needed``, which are ``present``, the ``checks`` run on
    them (:func:`kimura_checks`), the compact to-do list (``summary``) and its full rows (``todo``)."""

    needed: int
    present: list
    checks: pd.DataFrame
    summary: pd.DataFrame
    todo: pd.DataFrame


def extraction(values: Mapping, findings: Ledger) -> Extraction:
    """The full-text extraction to-do list, and the checks of whatever has been extracted.

    Method: :func:`needed_quantities`, :func:`extracted`, :func:`missing`,
    :func:`missing_summary`; each row of :func:`kimura_checks` becomes a ledger row
    (``consistency`` rows could fail; ``derived`` rows are numbers), so the notebook picks
    up newly transcribed values without an edit.
    """
    findings.section("extraction")
    present = extracted(STUDY, values)
    checks = kimura_checks(values)
    for row in checks.itertuples(index=False):
        if row.kind == "consistency":
            findings.consistency(row.key, row.finding, bool(row.agrees), source=row.source, recomputed=row.value,
                                 inputs=row.inputs)
        else:
            findings.derived(row.key, row.finding, row.value, source=row.source, inputs=row.inputs)
    return Extraction(len(needed_quantities(STUDY)), present, checks, missing_summary(STUDY, values),
                      missing(STUDY, values))


# --- 6. what cannot be recomputed -------------------------------------------------------------------

def not_recomputable(values: Mapping, findings: Ledger, *, data_dir=None) -> pd.DataFrame:
    """One ``not_recomputable`` row per finding the abstract states without a number; returns
    the study's rows of ``data/not_reported.csv``.

    The row on the 2 patients with exacerbations quotes the two-sided exact rank-test
    floor against each plausible comparison group (:func:`power.min_rank_test_p`).
    """
    findings.section("not_recomputable")
    sizes = group_sizes(values)
    floors = ", ".join(f"{power.min_rank_test_p(sizes['exacerbation'], sizes[g]):.2g} vs {KIMURA_GROUP_LABELS[g]}"
                       for g in KIMURA_EXACERBATION_COMPARATORS)
    rows = {
        "cd49d_percentages": "% CD49d+ among Th1, Th17 and Treg cells in each group: no percentages or spreads "
                             "reported",
        "ratio_th1_treg_higher": "CD49d+Th1/CD49d+Treg ratio higher under natalizumab: no ratio values, spread, "
                                 "test or p value reported",
        "ratio_th17_treg_higher": "CD49d+Th17/CD49d+Treg ratio higher under natalizumab: no ratio values, spread, "
                                  "test or p value reported",
        "exacerbation_ratios_higher": "ratios remarkably higher in the 2 patients with exacerbations: no values, "
                                      f"comparison group or test reported (two-sided exact rank-test floor {floors})",
        "sorted_cells_mrna": "sorted CD49d+ memory CD4 T cells: more TBX21, RORC, IFN-gamma and IL-17A mRNA, less "
                             "FOXP3: no fold changes, n or p values reported",
        "sorted_cells_secretion": "sorted CD49d+ memory CD4 T cells secreted more IFN-gamma and IL-17A: no "
                                  "concentrations or tests reported",
    }
    # Only the floors quote printed numbers (the group sizes); the other rows are claims printed without numbers.
    floors_from = size_quantities("exacerbation", *KIMURA_EXACERBATION_COMPARATORS)
    for key, text in rows.items():
        findings.not_recomputable(key, text, source="K1",
                                  inputs=floors_from if key == "exacerbation_ratios_higher" else ())
    table = data.load_not_reported(data_dir)
    return table[table["study"] == STUDY][["item", "looked_in", "consequence"]].fillna("").reset_index(drop=True)


# --- worked answer to exercise 3 --------------------------------------------------------------------

# The rank tests whose attainable p values exercise 3 compares: (alternative, method, use_continuity).
RANK_TESTS = {
    "exact, two-sided": ("two-sided", "exact", True),
    "exact, one-sided": ("greater", "exact", True),
    "normal approximation, two-sided": ("two-sided", "asymptotic", True),
    "normal approximation, one-sided": ("greater", "asymptotic", True),
    "normal approx., no continuity corr., two-sided": ("two-sided", "asymptotic", False),
    "normal approx., no continuity corr., one-sided": ("greater", "asymptotic", False),
}


@dataclass(frozen=True)
class PrintedP:
    """Exercise 3: ``checks`` (:func:`kimura_checks` on the hypothetical value), ``can_print``
    (test x comparison group: can some attainable p print as the value?) and ``smallest``
    (the two smallest attainable p of each test, 2 vs the other treated)."""

    checks: pd.DataFrame
    can_print: pd.DataFrame
    smallest: pd.DataFrame


def printed_p_exercise(values: Mapping, *, printed: float = 0.03, decimals: int = 2) -> PrintedP:
    """Which rank tests could print a HYPOTHETICAL p of ``printed`` for the 2 patients with exacerbations.

    The value is hypothetical (for the exercise; not in the paper or in ``data/``). Method:
    :func:`kimura_checks` on the values plus that p (against the other treated); every
    attainable p of each test in :data:`RANK_TESTS` (:func:`power.attainable_rank_test_p`,
    no ties) checked with ``rounds_to`` against the printed value. Mann & Whitney 1947.
    """
    quantity = "p_ratio_th1_treg_exacerbation_vs_other"
    hypothetical = {**values, quantity: data.Reported(quantity, printed, decimals, "=", "p", None, None, "K1",
                                                      "ABSTRACT")}
    sizes = group_sizes(values)
    n1 = sizes["exacerbation"]
    can_print = pd.DataFrame(
        {f"vs {g} ({n1} vs {sizes[g]})": [any(rounds_to(p, printed, decimals)
                                              for p in power.attainable_rank_test_p(n1, sizes[g], *args))
                                          for args in RANK_TESTS.values()]
         for g in KIMURA_EXACERBATION_COMPARATORS},
        index=pd.Index(list(RANK_TESTS), name=f"attainable p prints as {printed}?"))
    smallest = pd.DataFrame([power.attainable_rank_test_p(n1, sizes["other"], *args)[:2]
                             for args in RANK_TESTS.values()],
                            index=pd.Index(list(RANK_TESTS), name=f"{n1} vs {sizes['other']}: attainable p"),
                            columns=["smallest", "next"])
    return PrintedP(kimura_checks(hypothetical), can_print, smallest)


def answer_printed_p(exercise: PrintedP, floors: Floors) -> Prose:
    """Worked answer 3 in words: which tests could print the exercise's p, from the smallest p of each test
    (``exercise.smallest``) and the rank-test floors against the NMO/NMOSD and healthy groups (``floors``)."""
    smallest = exercise.smallest["smallest"]
    exacerbation = floors.exacerbation.set_index("compared_with")
    nmo, healthy = exacerbation.loc["NMO/NMOSD"], exacerbation.loc["healthy controls"]
    return prose.say(
        "Both checks fail (`agrees` is False; `kimura2016.printed_p_exercise` runs them). A printed p stands for\n"
        "any true p that rounds to it. With 2 vs 6 a two-sided exact rank test cannot go below\n"
        "2/28 = {smallest[exact, two-sided]:.4f}, and a **one-sided** exact rank test cannot reach the "
        "printed value either:\n"
        "its floor is 1/28 = {smallest[exact, one-sided]:.4f}, which prints as "
        "{smallest[exact, one-sided]:.2f}. So, against the\n"
        "other 6 treated patients, no exact rank test gives that p. What could:\n"
        "\n"
        "- a **normal approximation** to the rank test (as some software uses by default): one-sided with\n"
        "  continuity correction, the most extreme arrangement gives "
        "{smallest[normal approximation, one-sided]:.4f}, which\n"
        "  prints as {smallest[normal approximation, one-sided]:.2f} (the table shows that the other "
        "variants skip it);\n"
        "- a **t test**, whose p depends on the values and can take any value; with 2 patients it depends\n"
        "  entirely on an unverifiable normality assumption;\n"
        "- **another comparison group**: against the 27 naive patients an exact test can give it; against\n"
        "  the 7 NMO/NMOSD patients a one-sided exact test can (1/36 = {nmo[min_p_one_sided]:.3f}); against "
        "the 8 healthy\n"
        "  controls no exact rank test can (two-sided floor {healthy[min_p_two_sided]:.3f}; one-sided values\n"
        "  {healthy[min_p_one_sided]:.3f}, then {healthy[min_p_two_sided]:.3f}), only a normal approximation.\n"
        "\n"
        "Questions for the authors: which test was used (exact or approximate, one- or two-sided, rank or t\n"
        "test), and which group were the 2 patients compared with?",
        smallest=smallest, nmo=nmo, healthy=healthy)
