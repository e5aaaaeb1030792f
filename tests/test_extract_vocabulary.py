"""The words the extraction knows, one by one: the noun that gives a count its unit, the label of a test
statistic, the name of a ratio, the filler words left out of a summary's variable, and the neighbours that say
why a number is unread. Each expected value is read by hand from the sentence."""

from __future__ import annotations

import pytest

from analysis.extract import extract


def rows(text: str) -> list[dict]:
    return extract(text, "demo").values().to_dict("records")


@pytest.mark.parametrize(("text", "unit"), [
    ("Twelve patients.", "patients"), ("Twelve Patients.", "patients"), ("One patient.", "patients"),
    ("Twelve participants.", "participants"), ("One participant.", "participants"),
    ("Twelve relapses.", "relapses"), ("One relapse.", "relapses"), ("Twelve infusions.", "infusions"),
    ("Twelve centers.", "centers"), ("Twelve centres.", "centers"), ("One centre.", "centers"),
    ("One center.", "centers"), ("Twelve countries.", "countries"), ("One country.", "countries"),
    ("Twelve episodes.", "episodes"), ("One episode.", "episodes"), ("Twelve mice.", "mice"),
])
def test_the_noun_after_a_count_is_its_unit(text, unit):
    [row] = rows(text)
    assert (row["statistic"], row["unit"]) == ("count", unit)


@pytest.mark.parametrize(("label", "statistic", "df"), [
    ("t(38)", "t", "38"), ("F(2, 57)", "F", "2;57"), ("z", "z", ""), ("r(48)", "r", "48"), ("χ2(1)", "chi2", "1"),
    ("χ²(1)", "chi2", "1"), ("chi2(1)", "chi2", "1"), ("chi-square(1)", "chi2", "1"), ("chi-squared(1)", "chi2", "1"),
    ("X2(1)", "chi2", "1"),
])
def test_each_label_of_a_test_statistic(label, statistic, df):
    statistic_row, p_row = rows(f"The groups differed ({label} = .50, p = .04).")
    assert (statistic_row["statistic"], statistic_row["quantity"], statistic_row["df"]) == (
        statistic, f"{statistic.lower()}_1", df)
    assert (p_row["statistic"], p_row["of"]) == ("p", statistic_row["quantity"])


@pytest.mark.parametrize(("name", "quantity"), [
    ("HR", "hr_1"), ("HRs", "hr_1"), ("aHR", "hr_1"), ("aOR", "or_1"), ("ORs", "or_1"), ("aIRR", "irr_1"),
    ("RR", "rr_1"), ("hazard ratio", "hr_1"), ("adjusted hazard ratio", "hr_1"), ("odds ratio", "or_1"),
    ("rate ratio", "rr_1"), ("risk ratio", "rr_1"), ("incidence rate ratio", "irr_1"), ("relative risk", "rr_1"),
])
def test_each_name_of_a_ratio(name, quantity):
    [row] = rows(f"The {name} was 0.50 (95% CI 0.20-0.90).")
    assert (row["quantity"], row["statistic"], row["value"], row["ci_low"], row["ci_high"]) == (
        quantity, "ratio", "0.50", "0.20", "0.90")


@pytest.mark.parametrize(("text", "quantities"), [
    ("It was 0.21 relapses per patient-year.", ["rate_1"]), ("ARR 0.17 vs 0.76.", ["arr_1", "arr_2"]),
])
def test_a_rate_is_named_by_how_it_is_printed(text, quantities):
    assert [(r["quantity"], r["statistic"]) for r in rows(text)] == [(q, "rate") for q in quantities]


@pytest.mark.parametrize(("text", "variable"), [
    ("The median age was 34 years (range 18-60).", "age"),
    ("Median age is 34 years (range 18-60).", "age"),
    ("The medians of the ages were 34 years (range 18-60).", None),  # "medians" is not the word median
    ("Median overall survival at onset was 34 months (range 18-60).", "survival_onset"),
    ("A median of an age of 34 years (range 18-60).", "age"),
    ("Median delays are 34 days (range 18-60).", "delays"),
    ("The median was 34 days (range 18-60).", "days"),
])
def test_the_variable_of_a_median_leaves_out_the_filler_words(text, variable):
    found = rows(text)
    if variable is None:
        assert found == []
    else:
        assert [(r["statistic"], r["of"]) for r in found] == [("median", variable), ("min", variable),
                                                              ("max", variable)]
        assert [r["quantity"] for r in found] == [f"{variable}_median", f"{variable}_min", f"{variable}_max"]


def test_a_second_summary_of_the_same_variable_is_numbered():
    found = rows("Median age was 34 years (range 18-60). Median age was 36 years (range 20-61).")
    assert [r["of"] for r in found] == ["age"] * 3 + ["age_2"] * 3


@pytest.mark.parametrize(("text", "reasons"), [
    ("Randomised 2:1 to drug.", ["an allocation ratio (a design fact)"] * 2),
    ("Dosed at 5 mg/kg.", ["a dose"]), ("Dosed at 5 IU.", ["a dose"]), ("Dosed at 5 mcg/day.", ["a dose"]),
    ("Enrolled from Sept. 12, 2019.", ["a date", "a date"]),
    ("Seen at week 12.", ["a design fact or label (a phase, time point, grade or name)"]),
    ("Anti-MOG 3 titres.", ["a design fact or label (a phase, time point, grade or name)"]),
    ("Aged 3-5 years.", ["no pattern of the grammar reads it",
                         "a duration outside a summary (a design fact such as follow-up or an age)"]),
    ("Scores fell by 2021.", ["a date"]),
    ("In total 1999 were seen.", ["a date"]),
    ("In total 2100 were seen.", ["no pattern of the grammar reads it"]),
])
def test_why_a_number_is_unread(text, reasons):
    assert [u.reason for u in extract(text, "demo").unread] == reasons
