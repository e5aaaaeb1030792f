"""Kimura et al. 2016: the published group sizes, what a rank test could reach, and the extraction template,
through the study module behind notebook 04 (``analysis.studies.kimura2016``)."""

import math
import re
import shutil

import pytest
from scipy import stats

from analysis import data
from analysis.findings import Ledger
from analysis.stats import power
from analysis.studies import kimura2016
from analysis.studies import kimura2016 as extraction

STUDY = "kimura2016"


@pytest.fixture(scope="module")
def values():
    return data.reported(STUDY)


def test_published_group_sizes(values):
    # Abstract (K1): 27 natalizumab-naive MS, 8 treated MS, 7 NMO/NMOSD, 8 healthy controls; 2 of 8 exacerbated.
    sizes = {q: values[q].count for q in ["natalizumab_naive_ms", "natalizumab_treated_ms", "nmo_nmosd",
                                          "healthy_controls", "treated_with_exacerbation"]}
    assert sizes == {"natalizumab_naive_ms": 27, "natalizumab_treated_ms": 8, "nmo_nmosd": 7,
                     "healthy_controls": 8, "treated_with_exacerbation": 2}
    assert values["alpha4_bound_min_pct"].value == 60 and values["alpha4_bound_max_pct"].value == 100


@pytest.mark.parametrize("n1, n2, arrangements", [(8, 27, 23535820), (8, 8, 12870), (8, 7, 6435), (2, 6, 28)])
def test_minimum_two_sided_rank_p_of_each_comparison(n1, n2, arrangements):
    assert math.comb(n1 + n2, n1) == arrangements
    assert power.min_rank_test_p(n1, n2) == pytest.approx(2 / arrangements, rel=1e-12)


def test_exacerbation_comparison_cannot_be_two_sided_significant_against_the_other_treated(values):
    exacerbation = values["treated_with_exacerbation"].count
    others = values["natalizumab_treated_ms"].count - exacerbation
    p = power.min_rank_test_p(exacerbation, others)
    assert round(p, 4) == 0.0714 and p > 0.05


@pytest.mark.parametrize("group, n, two_sided, reaches", [
    ("natalizumab_naive_ms", 27, 2 / 406, True),    # C(29, 2) = 406
    ("healthy_controls", 8, 2 / 45, True),          # C(10, 2) = 45: 0.044, just below 0.05
    ("nmo_nmosd", 7, 2 / 36, False),                # C(9, 2) = 36: 0.056
])
def test_exacerbation_floor_depends_on_the_comparison_group(values, group, n, two_sided, reaches):
    assert values[group].count == n
    p = power.min_rank_test_p(values["treated_with_exacerbation"].count, n)
    assert p == pytest.approx(two_sided, rel=1e-12)
    assert (p <= 0.05) is reaches


# --- extraction template ---------------------------------------------------------------

def test_template_has_the_values_file_columns(repo):
    header = (repo / "data" / "values" / f"{STUDY}.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    template = extraction.needed_quantities(STUDY)
    assert list(template.columns) == header == extraction.COLUMNS
    assert template["value"].isna().all()
    assert (template["study"] == STUDY).all()


def test_template_quantities_are_new_valid_ids(values):
    template = extraction.needed_quantities(STUDY)
    assert template["quantity"].is_unique
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", q) for q in template["quantity"])
    assert not set(template["quantity"]) & set(values)
    assert set(template["unit"]) <= set(data.UNITS)
    assert {"cd49d_pct_treg_treated_mean", "ratio_th1_treg_treated_median",
            "p_ratio_th1_treg_treated_vs_naive", "p_ratio_th17_treg_exacerbation_vs_other",
            "p_ratio_th1_treg_exacerbation_vs_naive", "p_ratio_th1_treg_exacerbation_vs_healthy"} \
        <= set(template["quantity"])
    # 3 cells x 4 groups x (mean, SD) + 2 ratios x 6 groups + 2 ratios x (3 + 4) p values + 5 mRNA folds
    assert len(template) == 24 + 12 + 14 + 5


def test_ratio_rows_state_the_abstracts_definition():
    template = extraction.needed_quantities(STUDY)
    notes = template.loc[template["unit"] == "ratio", "note"]
    ratio_notes = notes[template["quantity"].str.startswith("ratio_")]
    assert len(ratio_notes) == 12
    for quantity, note in zip(template.loc[ratio_notes.index, "quantity"], ratio_notes):
        cell = "Th17" if quantity.startswith("ratio_th17") else "Th1"
        assert f"% CD49d+ among {cell} cells over % CD49d+ among Treg cells" in note, quantity
        assert "confirm in the full text" in note


def test_summary_covers_the_template_once(values):
    template = extraction.needed_quantities(STUDY)
    summary = extraction.missing_summary(STUDY, values)
    assert list(summary.columns) == ["quantity", "unit", "missing", "note"]
    counts = summary["missing"].str.extract(r"^(\d+) of (\d+)$").astype(int)
    assert (counts[0] == counts[1]).all() and counts[1].sum() == len(template)
    assert len(summary) < len(template) / 5
    # Each pattern expands (brace alternatives, Cartesian product) to exactly its template ids.
    expanded = set()
    for pattern, unit in zip(summary["quantity"], summary["unit"]):
        parts = re.split(r"\{([^}]*)\}", pattern)
        ids = [""]
        for i, part in enumerate(parts):
            options = part.split(", ") if i % 2 else [part]
            ids = [prefix + option for prefix in ids for option in options]
        assert set(template.loc[template["quantity"].isin(ids), "unit"]) == {unit}
        expanded |= set(ids)
    assert expanded == set(template["quantity"])


def test_summary_counts_what_is_still_missing(values):
    partly = _with(values, cd49d_pct_th1_naive_mean=(40.0, 1, "=", "percent"))
    summary = extraction.missing_summary(STUDY, partly)
    assert summary.loc[summary["quantity"].str.endswith("_mean"), "missing"].tolist() == ["11 of 12"]
    everything = _with(values, **{q: (1.0, 1, "=", u) for q, u in
                                  extraction.needed_quantities(STUDY)[["quantity", "unit"]].itertuples(index=False)})
    assert extraction.missing_summary(STUDY, everything).empty


def test_filled_template_passes_data_validation(repo, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(repo / "data", root)
    filled = extraction.needed_quantities(STUDY).assign(
        value=lambda f: f["unit"].map({"percent": 40.0, "ratio": 1.5, "p": 0.04}), decimals=2,
        source="K1", location="full text", status="ABSTRACT")
    path = root / "values" / f"{STUDY}.csv"
    assert path.read_text(encoding="utf-8").endswith("\n")
    filled.to_csv(path, mode="a", header=False, index=False, lineterminator="\n")  # empty cells stay empty
    loaded = data.reported(STUDY, root)
    assert set(extraction.extracted(STUDY, loaded)) == set(filled["quantity"])
    assert extraction.missing(STUDY, loaded).empty


def test_unknown_study_has_no_template():
    with pytest.raises(ValueError):
        extraction.needed_quantities("no_such_study")


def test_published_data_hold_none_of_the_needed_quantities(values):
    assert extraction.extracted(STUDY, values) == []
    assert len(extraction.missing(STUDY, values)) == len(extraction.needed_quantities(STUDY))
    assert extraction.kimura_checks(values).empty


# --- the branch that runs once values are extracted (HYPOTHETICAL numbers, for testing only) ------

def _with(values, **extra):
    merged = dict(values)
    for quantity, (value, decimals, comparator, unit) in extra.items():
        merged[quantity] = data.Reported(quantity, value, decimals, comparator, unit, None, None, "K1", "ABSTRACT")
    return merged


def _row(checks, text):
    rows = checks[checks["finding"].str.contains(text, regex=False)]
    assert len(rows) == 1, text
    return rows.iloc[0]


@pytest.mark.parametrize("printed, decimals, comparator, agrees", [
    (0.03, 2, "=", False),    # below 2/28 = 0.0714 even at the top of its rounding interval
    (0.06, 2, "=", False),    # prints for [0.055, 0.065]: still below 0.0714
    (0.07, 2, "=", True),     # prints for [0.065, 0.075]: contains 0.0714
    (0.05, 2, "<", False),    # "p < 0.05" is impossible with 2 vs 6
    (0.1, 1, ">", True),
])
def test_exacerbation_p_against_the_attainable_minimum(values, printed, decimals, comparator, agrees):
    checks = extraction.kimura_checks(_with(values, p_ratio_th1_treg_exacerbation_vs_other=(printed, decimals,
                                                                                             comparator, "p")))
    row = _row(checks, "exacerbation vs other: printed p reachable by a two-sided")
    assert row["kind"] == "consistency" and bool(row["agrees"]) is agrees
    assert row["value"] == pytest.approx(2 / 28)


@pytest.mark.parametrize("printed, agrees", [
    (0.03, False),  # [0.025, 0.035) lies wholly below 1/28 = 0.0357
    (0.04, True),   # [0.035, 0.045) contains 1/28: only the most extreme arrangement, one-sided
    (0.02, False),
])
def test_exacerbation_p_against_the_one_sided_minimum(values, printed, agrees):
    checks = extraction.kimura_checks(_with(values, p_ratio_th1_treg_exacerbation_vs_other=(printed, 2, "=", "p")))
    row = _row(checks, "exacerbation vs other: printed p reachable by a one-sided")
    assert bool(row["agrees"]) is agrees and row["value"] == pytest.approx(1 / 28)


@pytest.mark.parametrize("other, n, agrees_two_sided", [("naive", 27, True), ("healthy", 8, False), ("nmo", 7, False)])
def test_exacerbation_p_against_other_comparison_groups(values, other, n, agrees_two_sided):
    # p = 0.03 against the naive group (floor 2/406) is possible, against 8 healthy (2/45 = 0.044) it is not.
    quantity = f"p_ratio_th1_treg_exacerbation_vs_{other}"
    checks = extraction.kimura_checks(_with(values, **{quantity: (0.03, 2, "=", "p")}))
    row = _row(checks, f"exacerbation vs {other}: printed p reachable by a two-sided")
    assert row["value"] == pytest.approx(2 / math.comb(n + 2, 2))
    assert bool(row["agrees"]) is agrees_two_sided


def test_p_reachable_reads_the_rounding_interval():
    def printed(value, decimals, comparator="="):
        return data.Reported("p", value, decimals, comparator, "p", None, None, "K1", "ABSTRACT")
    assert extraction.p_reachable(printed(0.07, 2), 2 / 28)       # 0.065 <= 0.0714 < 0.075
    assert not extraction.p_reachable(printed(0.06, 2), 2 / 28)   # top of [0.055, 0.065) is below
    assert extraction.p_reachable(printed(0.1, 1, "<"), 2 / 28)
    assert not extraction.p_reachable(printed(0.05, 2, "<"), 2 / 28)


def test_treated_vs_naive_p_is_reachable(values):
    checks = extraction.kimura_checks(_with(values, p_ratio_th17_treg_treated_vs_naive=(0.001, 3, "=", "p")))
    row = _row(checks, "treated vs naive: printed p reachable by a two-sided")
    assert bool(row["agrees"]) and row["value"] == pytest.approx(2 / math.comb(35, 8))
    # The floor 2 / C(35, 8) rests on the two group sizes (8 treated, 27 naive) beside the printed p.
    assert row["inputs"] == "p_ratio_th17_treg_treated_vs_naive;natalizumab_treated_ms;natalizumab_naive_ms"


def test_direction_of_medians(values):
    up = extraction.kimura_checks(_with(values, ratio_th1_treg_treated_median=(3.0, 1, "=", "ratio"),
                                        ratio_th1_treg_naive_median=(1.5, 1, "=", "ratio")))
    assert bool(_row(up, "median higher in treated than in naive")["agrees"])
    down = extraction.kimura_checks(_with(values, ratio_th1_treg_treated_median=(1.0, 1, "=", "ratio"),
                                          ratio_th1_treg_naive_median=(1.5, 1, "=", "ratio")))
    assert not bool(_row(down, "median higher in treated than in naive")["agrees"])


def test_ratio_of_means_and_welch_p(values):
    checks = extraction.kimura_checks(_with(
        values,
        cd49d_pct_th1_treated_mean=(30.0, 1, "=", "percent"), cd49d_pct_th1_treated_sd=(6.0, 1, "=", "percent"),
        cd49d_pct_th1_naive_mean=(40.0, 1, "=", "percent"), cd49d_pct_th1_naive_sd=(8.0, 1, "=", "percent"),
        cd49d_pct_treg_treated_mean=(10.0, 1, "=", "percent")))
    assert _row(checks, "Th1 to mean % CD49d+ Treg, treated")["value"] == pytest.approx(3.0)
    # Welch's t test by hand: t = (30 - 40) / sqrt(36/8 + 64/27), Welch-Satterthwaite df.
    a, b = 36 / 8, 64 / 27
    t = -10 / math.sqrt(a + b)
    df = (a + b) ** 2 / (a**2 / 7 + b**2 / 26)
    assert _row(checks, "% CD49d+ Th1, treated vs naive")["value"] == pytest.approx(2 * stats.t.sf(abs(t), df))
    assert (checks["source"] == "K1").all()
    assert _row(checks, "Th1 to mean % CD49d+ Treg, treated")["inputs"] == ("cd49d_pct_th1_treated_mean;"
                                                                          "cd49d_pct_treg_treated_mean")


# --- the notebook's sections, through the study module --------------------------------------------

PARAMETERS = {"level": 0.95, "alpha": 0.05, "power_target": 0.80, "effect_sizes": [0.0, 1.0, 2.0], "n_sim": 200,
              "seed": 2016, "receptors_per_cell": 10_000}


@pytest.fixture()
def findings():
    return Ledger(STUDY)


def test_design_sizes_and_the_subset_row_is_by_construction(values, findings):
    design = kimura2016.design(values, findings)
    assert design.sizes == {"naive": 27, "treated": 8, "nmo": 7, "healthy": 8, "exacerbation": 2, "other": 6}
    assert design.total_if_disjoint == 27 + 8 + 7 + 8 == 50
    assert design.groups["value"].tolist() == [27, 8, 7, 8, 2]
    assert set(design.claims["claim_id"]) == {"ratios_higher", "exacerbation_ratios", "sorted_cells", "readout"}
    row = findings["exacerbation_within_treated"]
    assert (row.status, row.kind, row.reported, row.high, row.interval) == ("by_construction", "consistency", 2, 8,
                                                                             "bounds")
    assert "holds by transcription" in row.finding
    assert findings["total_if_disjoint"].status == "not_recomputable"
    assert {r.section for r in findings.rows} == {"design"}


def test_rank_test_floors_through_the_study_module(values, findings):
    floors = kimura2016.rank_test_floors(values, findings, alpha=0.05)
    # 2 / C(n1 + n2, n1): C(35, 8) = 23535820, C(16, 8) = 12870, C(15, 8) = 6435, C(8, 2) = 28.
    assert floors.main["arrangements"].tolist() == [23535820, 12870, 6435, 28]
    assert floors.main["min_p_two_sided"].tolist() == pytest.approx([2 / 23535820, 2 / 12870, 2 / 6435, 2 / 28])
    assert floors.main["two_sided_reaches_alpha"].tolist() == [True, True, True, False]
    # The 2 with exacerbation vs other treated (6), naive (27), healthy (8), NMO (7): C(n + 2, 2) = 28, 406, 45, 36.
    assert floors.exacerbation["arrangements"].tolist() == [28, 406, 45, 36]
    assert floors.exacerbation["two_sided_reaches_alpha"].tolist() == [False, True, True, False]
    assert floors.exacerbation["one_sided_reaches_alpha"].all()
    assert findings["min_p_treated_vs_naive"].recomputed == pytest.approx(2 / 23535820, rel=1e-5)
    assert findings["min_p_exacerbation_vs_healthy"].recomputed == pytest.approx(2 / 45, rel=1e-5)
    assert findings["min_p_one_sided_exacerbation_vs_other"].recomputed == pytest.approx(1 / 28, rel=1e-5)
    assert {r.status for r in findings.rows} == {"derived"} and len(findings.rows) == 8
    assert all("not reported" in r.finding for r in findings.rows)  # the test used is an assumption


def _mde_by_hand(n1, n2, alpha=0.05, target=0.80):
    """Cohen's d at which the two-sided pooled t test reaches ``target`` power: noncentral t, solved with brentq."""
    df = n1 + n2 - 2
    crit = stats.t.ppf(1 - alpha / 2, df)

    def shortfall(d):
        nc = d * math.sqrt(n1 * n2 / (n1 + n2))
        return stats.nct.sf(crit, df, nc) + stats.nct.cdf(-crit, df, nc) - target
    from scipy.optimize import brentq
    return brentq(shortfall, 0.1, 3.5)  # every d sought lies below 3.5


def test_power_analysis_minimum_detectable_effects(values, findings):
    result = kimura2016.power_analysis(values, findings, **{k: PARAMETERS[k] for k in
                                       ("alpha", "power_target", "effect_sizes", "n_sim", "seed", "level")})
    expected = [_mde_by_hand(8, 27), _mde_by_hand(8, 8), _mde_by_hand(8, 7), _mde_by_hand(2, 6)]
    assert result.mde["mde_d_t_test"].tolist() == pytest.approx(expected, rel=1e-4)
    assert [round(d, 2) for d in expected] == [1.16, 1.51, 1.57, 2.75]  # as the notebook's text reads them
    # 2 vs 6 cannot reach p <= 0.05 two-sided (floor 2/28): rank-test power 0 at every d.
    assert (result.rank_power["exacerbation_vs_other"] == 0).all()
    assert result.at_d == 1.0 and result.at_effect["rank_test_power"].iloc[3] == 0
    row = findings["mde_treated_vs_naive"]
    assert row.status == "derived" and "assuming normal data" in row.finding and "assumed alpha" in row.finding


def test_binding_rows_are_context_from_earlier_studies(values, findings):
    table = data.load_values(STUDY)
    binding = table[table["quantity"].str.startswith("alpha4_bound")]
    assert (binding["role"] == "context").all() and (binding["source"] == "K2").all()
    assert binding["note"].str.contains("earlier studies").all()
    example = kimura2016.binding_example(values, findings, receptors_per_cell=10_000)
    assert example["unblocked_fraction"].tolist() == pytest.approx([0.4, 0.3, 0.2, 0.1, 0.0])
    assert example["free_alpha4_per_cell_ILLUSTRATIVE"].tolist() == pytest.approx([4000, 3000, 2000, 1000, 0])
    assert findings["unblocked_at_min_binding"].recomputed == pytest.approx(0.4)
    assert findings["unblocked_at_max_binding"].recomputed == 0
    assert all("earlier studies" in r.finding for r in findings.rows)


def test_extraction_section_adds_no_rows_until_values_exist(values, findings):
    section = kimura2016.extraction(values, findings)
    assert section.needed == 55 and section.present == [] and section.checks.empty
    assert len(section.todo) == 55 and len(section.summary) == 6
    assert findings.rows == []
    filled = _with(values, p_ratio_th1_treg_exacerbation_vs_other=(0.03, 2, "=", "p"))
    kimura2016.extraction(filled, findings)
    row = findings["p_ratio_th1_treg_exacerbation_vs_other_reachable_two_sided"]
    assert row.status == "inconsistent" and "assumes the paper used an exact rank test" in row.finding


def test_not_recomputable_rows(values, findings):
    table = kimura2016.not_recomputable(values, findings)
    assert len(table) == 2
    assert [r.key for r in findings.rows] == ["cd49d_percentages", "ratio_th1_treg_higher", "ratio_th17_treg_higher",
                                              "exacerbation_ratios_higher", "sorted_cells_mrna",
                                              "sorted_cells_secretion"]
    assert {r.status for r in findings.rows} == {"not_recomputable"}
    assert "0.071 vs treated MS without exacerbation" in findings["exacerbation_ratios_higher"].finding


def test_every_section_together_gives_unique_keys(values, findings):
    kimura2016.design(values, findings)
    kimura2016.rank_test_floors(values, findings, alpha=0.05)
    kimura2016.power_analysis(values, findings, alpha=0.05, power_target=0.8, effect_sizes=[1.0], n_sim=50, seed=1,
                              level=0.95)
    kimura2016.binding_example(values, findings, receptors_per_cell=10)
    kimura2016.extraction(values, findings)
    kimura2016.not_recomputable(values, findings)
    keys = [r.key for r in findings.rows]
    assert len(keys) == len(set(keys)) == 22
    # Issue 24: the rows name the group sizes they rest on; "other treated" is 8 treated minus 2 with exacerbation.
    assert findings["min_p_treated_vs_naive"].inputs == "natalizumab_treated_ms;natalizumab_naive_ms"
    assert findings["mde_exacerbation_vs_other"].inputs == "treated_with_exacerbation;natalizumab_treated_ms"
    assert findings["unblocked_at_max_binding"].inputs == "alpha4_bound_max_pct"
    claims_without_numbers = {"cd49d_percentages", "ratio_th1_treg_higher", "ratio_th17_treg_higher",
                              "sorted_cells_mrna", "sorted_cells_secretion"}
    assert {r.key for r in findings.rows if not r.inputs} == claims_without_numbers
    assert {name for r in findings.rows for name in r.inputs.split(";") if name} <= set(values)
    statuses = [r.status for r in findings.rows]
    assert statuses.count("by_construction") == 1 and statuses.count("consistent") == 0
    assert statuses.count("not_recomputable") == 7 and statuses.count("derived") == 14


def test_printed_p_exercise(values):
    exercise = kimura2016.printed_p_exercise(values, printed=0.03, decimals=2)
    assert not exercise.checks["agrees"].astype(bool).any() and len(exercise.checks) == 2
    exact_two = exercise.can_print.loc["exact, two-sided"].tolist()
    assert exact_two == [False, True, False, False]  # only against the 27 naive patients
    # One-sided normal approximation with continuity correction at U = 12: z = 5.5 / 3, p = 0.0334 prints as 0.03.
    assert exercise.can_print.loc["normal approximation, one-sided"].iloc[0]
    assert exercise.smallest.loc["exact, two-sided"].tolist() == pytest.approx([2 / 28, 4 / 28])
    assert exercise.smallest.loc["normal approximation, one-sided", "smallest"] == pytest.approx(stats.norm.sf(5.5 / 3))


@pytest.mark.parametrize("name, bad, allowed", [
    ("level", 1.5, "strictly between 0 and 1"), ("alpha", "abc", "alpha"), ("power_target", 0.01, "exceed alpha"),
    ("effect_sizes", [], "non-empty list"), ("effect_sizes", [1.0, -0.5], ">= 0"), ("n_sim", 0, "positive integer"),
    ("seed", -1, "seed"), ("receptors_per_cell", 0, "positive"),
])
def test_check_parameters_names_the_bad_parameter(name, bad, allowed):
    kimura2016.check_parameters(**PARAMETERS)
    with pytest.raises(ValueError, match=name) as error:
        kimura2016.check_parameters(**{**PARAMETERS, name: bad})
    assert allowed in str(error.value)


def test_the_simulation_bound_follows_the_largest_comparison_and_the_power_bound():
    # rank_test_power refuses more than 5,000,000 values tested (effect sizes x n_sim x (n1 + n2)); the parameters
    # must refuse first, before a kernel starts: the largest comparison is 8 treated + 27 naive = 35 patients.
    sizes = kimura2016.group_sizes(data.reported(kimura2016.STUDY))
    largest = max(sizes[a] + sizes[b] for a, b in kimura2016.COMPARISONS.values())
    assert largest == kimura2016.LARGEST_COMPARISON == 35
    assert kimura2016.MAX_SIMULATED_DATA_SETS == 5_000_000 // 35
    kimura2016.check_parameters(effect_sizes=[0.5], n_sim=20_000)  # 700,000 values: allowed
    with pytest.raises(ValueError, match=r"^n_sim must be at most 10989 with 13 effect sizes"):
        kimura2016.check_parameters(n_sim=10_990)


def test_reading_rank_test_floors_states_each_floor(values, findings):
    text = str(kimura2016.reading_rank_test_floors(kimura2016.rank_test_floors(values, findings, alpha=0.05)))
    # 2 / C(n + 2, 2) against the other 6 treated, the 7 NMO, the 8 healthy, the 27 naive; 1/28 one-sided;
    # 2 / C(35, 8) for 8 vs 27.
    for stated in (f"2/28 = {2 / 28:.3f};", f"2/36 = {2 / 36:.3f};", f"2/45 = {2 / 45:.3f},",
                   f"2/406 = {2 / 406:.4f}.", f"1/28 = {1 / 28:.3f},", f"p = {2 / math.comb(35, 8):.1e}."):
        assert stated in text


def test_reading_power_states_the_minimum_detectable_effects(values, findings):
    result = kimura2016.power_analysis(values, findings, **{k: PARAMETERS[k] for k in
                                       ("alpha", "power_target", "effect_sizes", "n_sim", "seed", "level")})
    text = str(kimura2016.reading_power(result, power_target=0.80))
    assert f"has 80%\npower only for effects larger than about one standard deviation (d of about " \
           f"{_mde_by_hand(8, 27):.2f})" in text
    assert f"with 8 vs 8 the threshold\nis about {_mde_by_hand(8, 8):.1f} SD" in text
    assert f"with 2 vs 6 it is about {_mde_by_hand(2, 6):.1f} SD" in text


def test_answer_printed_p_states_the_smallest_p_of_each_test(values, findings):
    floors = kimura2016.rank_test_floors(values, findings, alpha=0.05)
    text = str(kimura2016.answer_printed_p(kimura2016.printed_p_exercise(values, printed=0.03, decimals=2), floors))
    # Exact floors 2/28 and 1/28; one-sided normal approximation with continuity correction at U = 12: z = 5.5 / 3.
    assert f"2/28 = {2 / 28:.4f}, and" in text and f"its floor is 1/28 = {1 / 28:.4f}, which prints as 0.04." in text
    assert f"gives {stats.norm.sf(5.5 / 3):.4f}, which\n  prints as 0.03" in text
    assert f"(1/36 = {1 / 36:.3f})" in text and f"(two-sided floor {2 / 45:.3f};" in text
