"""``analysis.extract``: confidence labels in their other spellings, and numbers that name a label, a year, a
scale, a range's end or a decimal comma rather than a value. Each text is a short sentence written for the test;
the expected rows and unread reasons are worked out by hand from the sentence."""

from __future__ import annotations

import pytest

from analysis.extract import extract

LEVEL = "the confidence level of an interval"
LABEL = "a design fact or label (a phase, time point, grade or name)"
SCALE = ("a rate per a power of ten people or person-years (\"10/100 000 persons\"), which the schema has no unit "
         "for: not a count")
SECOND_END = "the second end of a range, not one number"
NO_PATTERN = "no pattern of the grammar reads it"


def rows(text: str) -> list[tuple[str, ...]]:
    """(quantity, statistic, value, ci_low, ci_high, of) of each row."""
    columns = ["quantity", "statistic", "value", "ci_low", "ci_high", "of"]
    return [tuple(r[c] for c in columns) for r in extract(text, "demo").values().to_dict("records")]


def unread(text: str) -> list[tuple[str, str]]:
    return [(u.printed.text, u.reason) for u in extract(text, "demo").unread]


@pytest.mark.parametrize(("text", "expected"), [
    # "95% CLs:" with its bounds parted by a semicolon, as some SAS output prints confidence limits
    ("Lesions fell (rate ratio [RR]: 0.44, 95% CLs: 0.36;0.54).", [("rr_1", "ratio", "0.44", "0.36", "0.54", "")]),
    ("Lesions fell (rate ratio 0.44, 95% confidence limits 0.36-0.54).",
     [("rr_1", "ratio", "0.44", "0.36", "0.54", "")]),
    # "95%" with no word for the interval, right before its two bounds
    ("Worsening rose (adjusted hazard ratio: aHR 1.17, 95% 1.06, 1.30).",
     [("hr_1", "ratio", "1.17", "1.06", "1.30", "")]),
])
def test_a_ci_labelled_in_another_spelling_is_the_ratio_s_ci_and_its_level_no_percent(text, expected):
    assert rows(text) == expected
    assert unread(text) == [("95", LEVEL)]


def test_a_ci_label_with_dots_is_a_level_and_the_ci_s_upper_bound_no_percent():
    # "95 % C. I., 2.9-8.1 %": the 95 is the level, 8.1 the second end of a range, neither a share
    text = "Losses were 5.05 % (16 of 316 births; 95 % C. I., 2.9–8.1 %)."
    assert [row for row in rows(text) if row[1] == "percent"] == [("pct_1", "percent", "5.05", "", "", "")]
    assert ("95", LEVEL) in unread(text) and ("8.1", SECOND_END) in unread(text)


@pytest.mark.parametrize(("text", "number"), [
    ("We followed progression to EDSS 4 among all cases.", "4"),
    ("Those with onset prior to age 40 relapsed more.", "40"),
    ("Relapses after gw 30 decreased.", "30"),
    ("At week 24 (45%) had no activity.", "24"),
])
def test_a_number_after_a_scale_step_an_age_or_a_week_is_a_label_not_a_count(text, number):
    assert [row for row in rows(text) if row[1] == "count"] == []
    assert unread(text)[0] == (number, LABEL)


def test_a_year_after_another_year_and_and_is_a_date_though_a_verb_follows():
    # the sentence counts 85 patients first, so "2011 were" would otherwise read as a clause counting 2011 of them
    text = "Of 85 patients, those seen between 1989 and 2011 were reviewed."
    assert rows(text) == [("n_1", "count", "85", "", "", "")]
    assert unread(text) == [("1989", "a date"), ("2011", "a date")]


def test_a_number_of_trials_is_no_count_of_patients():
    assert rows("Pooled data from 3 randomized clinical trials were analysed.") == []
    assert rows("In all, 120 randomized were treated.") == [("n_1", "count", "120", "", "", "")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The prevalence (per 100,000 persons) was pooled.", [("100,000", SCALE)]),
    ("Prevalence was 10/100 000 persons overall.", [("10", SCALE), ("100 000", SCALE)]),
    ("PML struck 3 per 1000 patients.", [("3", SCALE), ("1000", SCALE)]),
])
def test_a_rate_per_a_power_of_ten_is_no_count(text, expected):
    assert rows(text) == []
    assert unread(text) == expected


def test_a_count_of_a_hundred_after_a_slash_is_still_a_total():
    # "49/100": a hundred patients is a total like any other; only "per 100" or "/1,000" and more name a scale
    assert rows("Free of relapse: 49/100 (49%) patients.") == [
        ("total_1", "count", "100", "", "", ""), ("n_1", "count", "49", "", "", ""),
        ("pct_1", "percent", "49", "", "", "n_1")]


def test_a_range_s_second_end_is_no_value_of_its_own():
    assert rows("Doses were set for 1–1.5% of cells.") == []
    assert unread("Doses were set for 1–1.5% of cells.") == [("1", NO_PATTERN), ("1.5", SECOND_END)]


CHANGE = "a difference or change printed in percent (\"risk difference 4.9%\"): not a share of a total"
BOUND = "a bound (at least, more than, <, ...), not a value"


@pytest.mark.parametrize(("text", "numbers"), [
    # the change is named at the head of the sentence, far before its percents
    ("Median percent reductions in attack frequency were 34.8% vs 49.8% in both arms.", ["34.8", "49.8"]),
])
def test_a_difference_or_relative_change_in_percent_is_no_share(text, numbers):
    assert rows(text) == []
    assert [(printed, reason) for printed, reason in unread(text) if reason != LEVEL] == [
        (number, CHANGE) for number in numbers]


@pytest.mark.parametrize(("text", "numbers"), [
    ("We assessed 50% and 75% responder rates.", ["50", "75"]),
    ("The count rose above 1% of cells.", ["1"]),
])
def test_a_threshold_is_a_bound_not_a_share(text, numbers):
    assert rows(text) == []
    assert unread(text) == [(number, BOUND) for number in numbers]


def test_a_ratio_of_means_is_a_ratio_with_its_ci_and_p():
    assert rows("Levels were higher (ratio of means: 2.64 [1.51–4.60]; p = 0.0006).") == [
        ("mean_ratio_1", "ratio", "2.64", "1.51", "4.60", ""), ("p_1", "p", "0.0006", "", "", "mean_ratio_1")]


def test_a_duration_in_two_units_is_not_read_by_its_first_part():
    # 15 years 4 months is 15.33 years: reading 15 alone would misstate it
    assert rows("The mean age was 15 years 4 months.") == []
    assert unread("The mean age was 15 years 4 months.")[0][0] == "15"


def test_a_relative_change_named_in_an_earlier_clause_leaves_a_later_share_read():
    # the semicolon outside brackets ends the clause that names the percent reduction; 10% is a share of responders
    text = "Drug A did better: percent reduction in attacks (46 vs. 12%); responders (47 vs. 10%, p = 0.001)."
    assert [row for row in rows(text) if row[1] == "percent"] == [("pct_1", "percent", "47", "", "", ""),
                                                                  ("pct_2", "percent", "10", "", "", "")]
    assert ("12", CHANGE) in unread(text)


CARRIED = ("ambiguous link: the total this count and percent refer to is carried over from an earlier sentence, or "
           "is one of several groups counted before it")


def test_of_them_names_the_group_its_sentence_has_just_counted():
    # 14 of the 17 is 82.35%, which prints as 82.4: the row links 14 and 82.3 to the 17 so the audit can say so
    assert rows("There were 17 patients in arm A, 14 (82.3%) of them stayed free.") == [
        ("n_1", "count", "17", "", "", ""), ("n_2", "count", "14", "", "", ""),
        ("pct_1", "percent", "82.3", "", "", "n_2")]
    assert extract("There were 17 patients in arm A, 14 (82.3%) of them stayed free.", "demo").values()[
        "denominator"].tolist() == ["", "n_1", "n_1"]
    # the group's own total and percent, and a decimal, may stand between it and "of these"
    assert rows("Overall, 344 of 542 (63.5%) patients reached EDSS 6.0; of these, 220 (64.0%) were active.")[-2:] == [
        ("n_2", "count", "220", "", "", ""), ("pct_2", "percent", "64.0", "", "", "n_2")]


@pytest.mark.parametrize(("text", "count", "percent"), [
    ("Of these, 3 (18%) relapsed.", "3", "18"),  # the group is an earlier sentence's
    ("In all, 120 patients were treated, 40 in arm A and 80 in arm B; of these, 20 (17%) relapsed.", "20", "17"),
    # two counts of people before it: "them" may be either or both (the full stop glued to "Among" hides the
    # sentence's end)
    ("We enrolled 23 men (14.3%) and 138 women (85.7%).Among them, 85 patients (53.1%) relapsed.", "85", "53.1"),
])
def test_of_these_without_a_group_just_counted_stays_unlinked(text, count, percent):
    assert percent not in [row[2] for row in rows(text) if row[1] == "percent"]
    assert unread(text)[-2:] == [(count, CARRIED), (percent, CARRIED)]


def test_a_full_stop_glued_to_the_next_word_still_ends_the_sentence():
    # "patients.There": no space after the full stop, yet two sentences; the second counts one group, 17
    text = "The study included 53 patients.There were 17 patients in arm A,14(82.3%)of them stayed free."
    found = extract(text, "demo")
    assert [found.sentence(span) for span in found.sentences] == [
        "The study included 53 patients.", "There were 17 patients in arm A,14(82.3%)of them stayed free."]
    assert found.values()[["quantity", "value", "denominator"]].values.tolist() == [
        ["n_1", "53", ""], ["n_2", "17", ""], ["n_3", "14", "n_2"], ["pct_1", "82.3", "n_2"]]
    # a decimal's point and an abbreviation's in capitals are no sentence ends
    assert len(extract("The p was .02 in the U.S.A. trial, 0.5.", "demo").sentences) == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("Lesions were many (mean: 23.67, SD: 18.58).", [("measure_mean", "mean", "23.67", "", "", "measure"),
                                                    ("measure_sd", "sd", "18.58", "", "", "measure")]),
    ("The average worsening was 3.25 points (SD: 2.33).", [("worsening_mean", "mean", "3.25", "", "", "worsening"),
                                                           ("worsening_sd", "sd", "2.33", "", "", "worsening")]),
])
def test_an_sd_named_after_a_comma_or_after_a_word_of_unit_is_the_mean_s_sd(text, expected):
    assert rows(text) == expected


def test_counts_of_arms_and_of_people_after_three_words_are_counts():
    assert rows("We enrolled 168 patients (85 in the EVT group versus 83 in the medical management group).") == [
        ("n_1", "count", "168", "", "", ""), ("n_2", "count", "85", "", "", ""), ("n_3", "count", "83", "", "", "")]
    assert rows("Four JC virus positive patients were included.") == [("n_1", "count", "4", "", "", "")]
    assert rows("Relapses: 12 in 2019.") == []


def test_a_share_of_one_kind_inside_a_total_s_bracket_is_a_percent_of_that_total():
    # "339 (female 72.5%) people": 72.5% of 339 would be 245.8 women, which no whole count gives (245 is 72.27%,
    # 246 is 72.57%): the link lets the audit say so
    found = extract("Samples of 339 (female 72.5%) people were studied.", "demo").values()
    assert found[["quantity", "statistic", "value", "denominator"]].values.tolist() == [
        ["total_1", "count", "339", ""], ["pct_1", "percent", "72.5", "total_1"]]


def test_two_numbers_joined_by_vs_before_one_percent_sign_are_two_percents():
    # "(47 vs. 10%)": the sign of the second stands for both, as in "4.6 and 4.9%"
    assert rows("Responders were more frequent (47 vs. 10%, p = 0.001).") == [
        ("pct_1", "percent", "47", "", "", ""), ("pct_2", "percent", "10", "", "", ""),
        ("p_1", "p", "0.001", "", "", "")]
    # three numbers before "vs" and a percent are no pair: the two before stay unread
    assert [value for _, _, value, _, _, _ in rows("Rates were 12, 15 vs 20%.")] == ["20"]


def test_a_bound_governs_the_alternative_after_or_and_a_matching_ratio_is_a_design_fact():
    text = "Rebound meant at least two relapses within 1 year or three relapses within 2 years."
    assert rows(text) == []
    assert [u for u in unread(text) if u[0] in ("two", "three")] == [("two", BOUND), ("three", BOUND)]
    assert rows("Each patient was matched with 10 individuals without MS.") == []
    assert unread("Each patient was matched with 10 individuals without MS.") == [
        ("10", "a matching ratio (controls per patient): a design fact")]
    # without "each", the number counts the matched group
    assert rows("In all, 297 patients on drug A were matched with 811 patients on drug B.")[-1] == (
        "n_2", "count", "811", "", "", "")


def test_controls_and_volunteers_are_people_counted():
    assert rows("We studied 30 patients and 35 healthy controls.") == [
        ("n_1", "count", "30", "", "", ""), ("n_2", "count", "35", "", "", "")]
    assert extract("We studied 35 healthy controls.", "demo").values()["unit"].tolist() == ["participants"]


def test_a_median_per_arm_each_named_in_brackets_is_one_median_per_arm():
    text = "Baseline median attack frequency was 2.5 (placebo), 2.5 (drug 800mg), and 2.4 (drug 1200mg)."
    assert [(q, s, v) for q, s, v, _, _, _ in rows(text)] == [
        ("attack_frequency_median", "median", "2.5"), ("attack_frequency_2_median", "median", "2.5"),
        ("attack_frequency_3_median", "median", "2.4")]
    assert unread(text) == [(dose, "a number inside an arm's label (a dose or a group's name)")
                            for dose in ("800", "1200")]


@pytest.mark.parametrize(("text", "expected"), [
    # a list that does not go on as p values, its first number no p either ("p = 0007": its "0." left out)
    ("Scores did not differ (p = 100, 100, and 0.82, respectively).",
     [("100", "a p outside 0 to 1: the schema refuses it; check it by hand"),
      ("100", "a number after a p value that the text does not print as another p"),
      ("0.82", "a number after a p value that the text does not print as another p")]),
    ("Scores rose (paired t(0.00) = 5.0; p < 0.0001).",
     [("0.00", "a t statistic with degrees of freedom of 0 or less: the schema refuses them; check it by hand"),
      ("5.0", "a t statistic with degrees of freedom of 0 or less: the schema refuses them; check it by hand")]),
    ("Overall, 20 patients had EDSS 6.0; of these, 22 (100%) were active.",
     [("6.0", NO_PATTERN),
      ("22", "a count above the group \"of these\" names: the schema refuses it; check it by hand"),
      ("100", "a count above the group \"of these\" names: the schema refuses it; check it by hand")]),
])
def test_numbers_the_schema_would_refuse_are_listed_unread_not_written(text, expected):
    assert unread(text) == expected


def test_a_match_whose_row_no_reading_can_hold_is_taken_back_whole():
    # a follow-up range from -1 month: the median and both ends go unread together, none left half-linked
    text = "The median follow-up was 19 months (range, -1–32)."
    assert rows(text) == []
    assert unread(text) == [(number, "a negative duration, rate or count (a change or a difference): check it by hand")
                            for number in ("19", "1", "32")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Independence was higher (risk difference [RD] 30.3%, 95% CI 15.0% to 52.3%).", ("30.3", "15.0", "52.3")),
    ("Deaths did not differ (RD 3.1%, 95% CI 0.3% to 9.8%).", ("3.1", "0.3", "9.8")),
])
def test_a_risk_difference_with_its_ci_is_a_difference_row_not_a_share(text, expected):
    assert [row[1:5] for row in rows(text)] == [("difference", *expected)]
