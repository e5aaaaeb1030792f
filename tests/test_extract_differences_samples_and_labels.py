"""``analysis.extract``: differences in percentage points read with their CI, shares of the sample a bracket
describes, relative changes that go on from one named before them, bounds that hold for a list, score categories
and name parts that are no values, and MEDLINE's spelling of a comparator. Each text is a short sentence written
for the test; the expected rows and reasons are worked out by hand from the sentence."""

from __future__ import annotations

import extract_readings as readings
import pytest

CHANGE = "a difference or change printed in percent (\"risk difference 4.9%\"): not a share of a total"
BOUND = "a bound (at least, more than, <, ...), not a value"
LABEL = "a design fact or label (a phase, time point, grade or name)"


def rows(text: str) -> list[tuple[str, ...]]:
    """(quantity, statistic, value, ci_low, ci_high, denominator, of, comparator) of each row."""
    return readings.rows(text, ["quantity", "statistic", "value", "ci_low", "ci_high", "denominator", "of",
                                "comparator"])


unread, verdicts = readings.unread, readings.verdicts


# --- differences in percentage points ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # the CI label in a bracket between the name and the estimate; the p outside the estimate's bracket stays alone
    ("Clear skin: 41.0% vs. 30.5% [difference (95% confidence interval): 10.5% (1.5-19.5); P = 0.02].",
     ("md_1", "difference", "10.5", "1.5", "19.5")),
    # a Greek delta names the difference; bounds printed with percent signs
    ("Remission 48.2% vs 20.0% (Δ28.2%; 95% confidence interval, 15.1%-41.3%; P < 0.001).",
     ("md_1", "difference", "28.2", "15.1", "41.3")),
    # an en dash after a colon is the estimate's minus, as it is for both bounds
    ("The mean treatment difference: –0.31% [95% CI –0.55 to –0.07, p = 0.012].",
     ("md_1", "difference", "-0.31", "-0.55", "-0.07")),
])
def test_a_difference_named_before_its_percent_is_a_difference_row_with_its_ci(text, expected):
    assert expected in [row[:5] for row in rows(text)]
    assert all(row[1] != "percent" or row[2] != expected[2].lstrip("-") for row in rows(text))


def test_the_p_inside_a_differences_bracket_is_tied_to_it_and_agrees():
    # 28.2 with CI 15.1 to 41.3: half-width 13.1 = 1.96 SE, SE 6.68, z 4.22, Wald p 2.4e-5 < 0.001
    text = "Remission 48.2% vs 20.0% (Δ28.2%; 95% confidence interval, 15.1%-41.3%; P < 0.001)."
    assert ("p_1", "p", "0.001", "", "", "", "md_1", "<") in rows(text)
    assert verdicts(text)["difference_p_wald__p_1"] == "consistent"


def test_an_en_dash_minus_before_a_difference_gives_no_false_alarm():
    # -0.31 lies inside -0.55 to -0.07; read without its sign it would lie outside and be flagged
    text = "The mean treatment difference: –0.31% [95% CI –0.55 to –0.07, p = 0.012]."
    statuses = verdicts(text)
    assert statuses["estimate_in_ci__md_1"] == "consistent"
    assert "inconsistent" not in statuses.values()


def test_a_relative_difference_or_a_reduction_with_a_ratios_ci_stays_unread():
    # 0.36 to 0.62 is the CI of the hazard ratio 0.47, not of the 53% it reduces by
    assert unread("Treatment reduced the hazard by 53% (95% CI 0.36-0.62).")["53"] == CHANGE
    assert unread("The slope was halved (relative difference 50%, 95% CI 42-58%).")["50"] == CHANGE


# --- shares of the sample a bracket describes --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "In total, 150 patients were enrolled (61.3% female, 40.0% treatment naive).",
    "We enrolled 150 patients (61.3% female).",
    "A total of 150 patients (61.3% female) were studied.",
])
def test_a_percent_describing_the_counted_sample_is_a_share_of_it(text):
    assert ("pct_1", "percent", "61.3", "", "", "n_1", "", "=") in rows(text)


def test_a_share_no_count_of_the_sample_gives_is_flagged():
    # 92/150 = 61.33% and 93/150 = 62.00%: no whole count of 150 prints as 61.5%
    text = "We enrolled 150 patients (61.5% female)."
    assert verdicts(text)["percent_grim__pct_1"] == "inconsistent"


@pytest.mark.parametrize("text", [
    # of the 20 men or of all 78 people, the text does not say
    "We studied 58 women and 20 men (45% with relapsing disease).",
    # the percent names its own total
    "We enrolled 150 patients (60% of those screened).",
    # two groups compared, not a kind of the sample
    "We enrolled 150 patients (45.3% vs 40.0%).",
])
def test_a_percent_of_another_or_an_unclear_total_stays_unlinked(text):
    assert all(row[5] == "" for row in rows(text) if row[1] == "percent")


# --- relative changes -----------------------------------------------------------------------------------------------

def test_percents_compared_with_a_relative_change_are_changes_too():
    text = ("In younger patients the drug reduced relapses and new lesions by 80.1% and 51.2%, respectively (both "
            "p<0.001), compared with 75.3% and 49.9% in all patients.")
    assert [row[1] for row in rows(text)] == ["p"]
    assert {n: unread(text)[n] for n in ("51.2", "75.3", "49.9")} == {"51.2": CHANGE, "75.3": CHANGE, "49.9": CHANGE}


@pytest.mark.parametrize(("text", "changes"), [
    # the name of the reduction before "were", its words starting with a digit or held in a bracket
    ("Risk reductions in 3M-CDP and 6M-CDP were 70.4% (p=0.01) and 72.9% (p=0.03), respectively.", ["70.4", "72.9"]),
    ("Modelled ARR reductions in children (under 12 years) were 88.0%.", ["88.0"]),
    # a verb of change and its object, then the percent opening each bracket
    ("The drug reduced the yearly rate of new T2 lesions (48.5%, p<0.001) and Gd+ lesions per scan (61.0%, "
     "p<0.001) versus placebo.", ["48.5", "61.0"]),
])
def test_a_named_or_verbed_relative_change_is_no_share(text, changes):
    assert [row for row in rows(text) if row[1] == "percent"] == []
    assert {n: unread(text)[n] for n in changes} == {n: CHANGE for n in changes}


@pytest.mark.parametrize("text", [
    # the proportion of patients is a share: the verb changes it, the bracket prints each arm's share
    "The drug increased the proportion of patients free of activity (9.4% vs 29.9%).",
    # a change named before a bracket that prints the two arms' shares
    "There was a 40% improvement in confirmed recovery (12% vs 7%; HR 1.8).",
    # an adjective, not a verb of change
    "Patients with increased disability (45%) were older.",
])
def test_shares_beside_a_change_stay_shares(text):
    assert [row[1] for row in rows(text)].count("percent") >= 1


def test_a_percent_per_year_is_a_rate_of_change_not_a_share():
    text = "Brain atrophy was slower with the drug (0.301% per year [SD 0.52]) than with placebo (0.590% per year)."
    reason = "a percent per unit of time (\"0.29% per year\"), a rate of change: not a share of a total"
    assert [row for row in rows(text) if row[1] == "percent"] == []
    assert unread(text)["0.301"] == reason and unread(text)["0.590"] == reason


# --- bounds, labels and names -------------------------------------------------------------------------------------

def test_a_bound_holds_for_every_percent_of_its_list():
    text = "Secondary end points were weight losses of at least 5%, 10%, 15%, and 20%."
    assert rows(text) == []
    assert {n: unread(text)[n] for n in ("5", "10", "15", "20")} == dict.fromkeys(("5", "10", "15", "20"), BOUND)


def test_a_bound_before_each_share_labels_only_its_own():
    text = "More patients responded than with placebo (≥50%, 41.2%; ≥75%, 30.1%)."
    assert [row[2] for row in rows(text) if row[1] == "percent"] == ["41.2", "30.1"]
    assert unread(text)["50"] == BOUND and unread(text)["75"] == BOUND


def test_response_levels_named_after_a_list_are_no_shares():
    text = "We counted patients with maintenance of 30, 50, 75, and 100% response over six months."
    assert rows(text) == []
    assert unread(text)["100"] == BOUND


@pytest.mark.parametrize(("text", "labels"), [
    ("This was a phase 2/3, double-blind trial.", ["2", "3"]),
    ("Responders reached a global assessment (IGA) score of 0/1 at week 16.", ["0", "1"]),
    ("More treated patients reached IGA 0/1 than with placebo.", ["0", "1"]),
    ("Few reached the Expanded Disability Status Scale (EDSS) 6, and 69% were stable.", ["6", "69"]),
])
def test_a_category_of_a_scale_or_a_phase_is_no_count_or_share(text, labels):
    assert [row for row in rows(text) if row[1] in ("count", "percent")] == []
    assert {n: unread(text)[n] for n in labels} == dict.fromkeys(labels, LABEL)


def test_a_number_hyphened_to_a_word_is_part_of_a_name_not_a_median():
    text = "Supplements raised median serum 25-hydroxy vitamin D to 118 nmol/L."
    assert [row for row in rows(text) if row[1] == "median"] == []
    assert unread(text)["25"] == ("a part of a name (\"25-hydroxy vitamin D\", \"9-hole peg test\"), not the value "
                                  "of the summary")


@pytest.mark.parametrize(("text", "number"), [
    ("Early use may shorten median survival by 1.7 months (41.0 to 39.3 months).", "1.7"),
    ("The drug gave a longer median time to relapse by 900 days (95% CI 300 to 1500).", "900"),
])
def test_a_summary_changed_by_a_number_is_no_value_of_it(text, number):
    assert [row for row in rows(text) if row[1] == "median"] == []
    assert unread(text)[number] == ("a change of a summary (\"reduced median survival by 1.9 months\"), not its "
                                    "value")


def test_a_summary_reached_by_a_time_is_no_change():
    # "by 12 months" is when, not how much: the median's variable is what the clause does not name
    assert unread("The median was not reached by 12 months (95% CI 8-20).")["12"] == (
        "a summary whose variable the clause does not name clearly")


def test_medlines_spelling_of_a_comparator_is_read():
    assert ("p_1", "p", "0.05", "", "", "", "", "<") in rows("Relapses were fewer (p <or= 0.05).")
    text = "Of 20 patients, 15% with a baseline score < 4.0 reached a score >or= 4.0 later."
    assert unread(text)["4.0"] == BOUND


def test_a_count_in_words_of_a_total_with_words_before_its_noun_is_read_whole():
    # 24/58 = 41.4%, printed 41%
    text = "Twenty-four of 58 treated patients (41%) had active disease."
    assert rows(text) == [("total_1", "count", "58", "", "", "", "", "="),
                          ("n_1", "count", "24", "", "", "total_1", "", "="),
                          ("pct_1", "percent", "41", "", "", "total_1", "n_1", "=")]


# --- differences named as such, on any scale ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("No gain in relapse rate (absolute difference 0.12, 95% CI -0.05 to 0.29; p = 0.17).",
     [("md_1", "difference", "0.12", "-0.05", "0.29", "", "", "="), ("p_1", "p", "0.17", "", "", "", "md_1", "=")]),
    ("The score fell further on the drug (difference: −2.40 [−3.60, −1.20]).",
     [("md_1", "difference", "-2.40", "-3.60", "-1.20", "", "", "=")]),
    ("Pain fell by −2.10 on drug and −1.60 on placebo (difference = −0.50 [−0.81, −0.19]).",
     [("md_1", "difference", "-0.50", "-0.81", "-0.19", "", "", "=")]),
])
def test_a_difference_named_as_one_is_read_with_its_ci(text, expected):
    assert [row for row in rows(text) if row[1] in ("difference", "p")] == expected


def test_a_difference_without_its_ci_checks_nothing_and_stays_unread():
    text = "The difference was 3.2 points (p=0.01)."
    assert [row[1] for row in rows(text)] == ["p"]
    assert unread(text)["3.2"] == "no pattern of the grammar reads it"


def test_a_difference_whose_p_contradicts_its_ci_is_flagged():
    # -0.50 with CI -0.81 to -0.19: half-width 0.31 = 1.96 SE, SE 0.158, z 3.16, Wald p 0.0016; the CI excludes 0
    # but the printed p is 0.30: a decision inconsistency
    text = "Pain fell more on drug (treatment difference −0.50, 95% CI −0.81 to −0.19; p = 0.30)."
    assert verdicts(text)["difference_p_wald__p_1"] == "inconsistent"


# --- other spellings of what is read -----------------------------------------------------------------------------

def test_ratios_after_a_label_bracket_of_the_pair_are_read_with_their_ci_and_p():
    text = "Risks did not differ [HR (95% CI) 0.97 (0.50-1.88), p = 0.93 and 0.84 (0.44-1.60), p = 0.59, respectively]."
    assert [row for row in rows(text) if row[1] == "ratio"] == [
        ("hr_1", "ratio", "0.97", "0.50", "1.88", "", "", "="), ("hr_2", "ratio", "0.84", "0.44", "1.60", "", "", "=")]
    assert ("p_1", "p", "0.93", "", "", "", "hr_1", "=") in rows(text)
    text = "Relief was more likely (odds ratio\n[95% CI] 2.75 [2.40–3.15]; p < 0.001)."
    assert rows(text)[0] == ("or_1", "ratio", "2.75", "2.40", "3.15", "", "", "=")


def test_a_ci_label_with_its_abbreviation_in_braces_is_read():
    text = "Loss was likelier (odds ratio [OR] 1.62 [95% confidence interval {CI} 1.05–2.50])."
    assert rows(text) == [("or_1", "ratio", "1.62", "1.05", "2.50", "", "", "=")]


def test_an_iqr_named_then_abbreviated_is_read_with_its_median():
    text = "The median number of attacks was 3 (interquartile range [IQR]: 2–4)."
    assert [row[1:3] for row in rows(text)] == [("median", "3"), ("q1", "2"), ("q3", "4")]


def test_the_n_of_a_share_of_a_total_named_first_is_its_count():
    # 480/700 = 68.57%, printed 68.6%: the n is the count of the 700, not the share's total
    text = "Of 700 patients, 68.6% (n=480) had controlled disease."
    assert rows(text) == [("total_1", "count", "700", "", "", "", "", "="),
                          ("n_1", "count", "480", "", "", "total_1", "", "="),
                          ("pct_1", "percent", "68.6", "", "", "total_1", "n_1", "=")]
    # 480/700 is no 69.4%: the link makes the check, and the check flags it
    assert verdicts("Of 700 patients, 69.4% (n=480) had controlled disease.")["percent_recompute__pct_1"] == "mismatch"


def test_a_share_after_an_equals_sign_is_tied_to_its_count_and_total():
    # 70/120 = 58.33%, printed 58.33%; 150/310 = 48.39%, printed 48.3%: no rounding of 48.387 gives 48.3
    text = "Recovery was seen in 70/120 = 58.33% of early and 150/310 = 48.3% of late patients."
    assert [row[:3] + row[5:7] for row in rows(text) if row[1] == "percent"] == [
        ("pct_1", "percent", "58.33", "total_1", "n_1"), ("pct_2", "percent", "48.3", "total_2", "n_2")]
    statuses = verdicts(text)
    assert statuses["percent_recompute__pct_1"] == "match"
    assert statuses["percent_recompute__pct_2"] == "mismatch"


def test_an_ascii_bound_is_a_bound_and_a_share_reached_by_people_stays_a_share():
    text = "An improvement of >= 20% was reached by 45% of patients."
    assert unread(text)["20"] == BOUND
    assert [row[1:3] for row in rows(text)] == [("percent", "45")]


@pytest.mark.parametrize("text", ["Statistical significance was set at p-value < 0.05.",
                                  "The significance level was p < 0.05 for all tests."])
def test_the_significance_level_a_study_set_is_no_p_value(text):
    assert rows(text) == []
    assert unread(text)["0.05"] == ("the significance level the study set (\"significance was set at p < 0.05\"), "
                                    "not a result")


def test_a_pair_over_a_total_of_one_is_a_category_not_a_count():
    text = "Most scans showed 0/1 new lesions."
    assert rows(text) == []
    assert unread(text)["1"] == "a pair over a total of one (\"0/1 lesions\"): a category, not a count of a total"


@pytest.mark.parametrize(("text", "counts"), [
    # a space parts thousands before a noun of people after a word or two, or before a group opening with 0
    ("Among 20 512 PLATO patients, 12 061 (59%) were treated medically.", ["20512", "12061"]),
    ("Of the cohort, 11 080 (59%) were women.", ["11080"]),
])
def test_thousands_parted_by_a_space_are_one_number(text, counts):
    assert [row[2] for row in rows(text) if row[1] == "count"] == counts


def test_standardised_ratios_are_ratios_with_their_ci():
    text = "The SMR fell from 4.20 (95% CI 3.80 to 4.64) to 1.75 (95% CI 1.58 to 1.94)."
    assert [row[:5] for row in rows(text) if row[1] == "ratio"] == [("smr_1", "ratio", "4.20", "3.80", "4.64"),
                                                                  ("smr_2", "ratio", "1.75", "1.58", "1.94")]
    assert rows("The standardised incidence ratio was 1.4 (1.1-1.8).")[0][:5] == ("sir_1", "ratio", "1.4", "1.1", "1.8")


def test_a_count_and_its_share_parted_by_a_semicolon_are_read_together():
    assert [row[1:3] + row[6:7] for row in rows("Lesions grew in more patients (36; 30%).")] == [
        ("count", "36", ""), ("percent", "30", "n_1")]


def test_a_p_printed_with_an_equals_sign_and_a_comparator_is_read_as_a_bound():
    assert rows("Risk was higher (HR 2.0, 95% CI 1.1-3.6; P = <0.01).")[1] == ("p_1", "p", "0.01", "", "", "", "hr_1",
                                                                          "<")
