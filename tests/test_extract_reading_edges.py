"""``analysis.extract.reading``: the edges of the reading rules added since the last mutation run (bare "a ± b"
means, the safety net of ``Reader.read``, rates per a power of ten, "of these", medians per arm, ...). Each text is
a short sentence written for the test; the rows and unread reasons expected are worked out by hand from it."""

from __future__ import annotations

import pytest

from analysis.extract import extract


def rows(text: str) -> list[tuple[str, ...]]:
    """(quantity, statistic, value, unit, of) of each row."""
    columns = ["quantity", "statistic", "value", "unit", "of"]
    return [tuple(str(r[c]) for c in columns) for r in extract(text, "demo").values().to_dict("records")]


def unread(text: str) -> list[tuple[str, str]]:
    return [(u.printed.text, u.reason) for u in extract(text, "demo").unread]


def test_a_bare_mean_is_named_by_the_last_three_of_the_four_words_before_it_ties_left_out():
    # the four words before "8.2" are "volume at the entry"; "at" and "the" are ties, so the name is "volume entry"
    # ("lesion", fifth from the end, is out of reach)
    assert rows("Brain lesion volume at the entry 8.2 ± 3.1 ml.") == [
        ("volume_entry_mean", "mean", "8.2", "measure", "volume_entry"),
        ("volume_entry_sd", "sd", "3.1", "measure", "volume_entry")]


def test_a_bare_mean_is_named_by_at_most_three_words():
    # four names before "8.2", no tie among them: the last three name it
    assert [q for q, *_ in rows("Total brain lesion volume 8.2 ± 3.1.")] == [
        "brain_lesion_volume_mean", "brain_lesion_volume_sd"]


def test_a_bare_mean_s_name_ends_in_a_letter_or_digit_though_a_greek_letter_closes_it():
    # "light chains κ": κ is no letter of a-z, so it goes, and with it the underscore it would leave
    assert rows("Serum free light chains κ 12.1 ± 3.4.") == [
        ("light_chains_mean", "mean", "12.1", "measure", "light_chains"),
        ("light_chains_sd", "sd", "3.4", "measure", "light_chains")]


def test_a_mean_of_zero_with_its_spread_is_a_mean_not_a_signed_value():
    assert rows("Gadolinium lesions 0.0 ± 0.2.") == [
        ("gadolinium_lesions_mean", "mean", "0.0", "measure", "gadolinium_lesions"),
        ("gadolinium_lesions_sd", "sd", "0.2", "measure", "gadolinium_lesions")]


def test_a_difference_named_in_an_earlier_clause_leaves_a_later_bare_mean_read():
    # the semicolon closes the clause that names the difference: "age 41.2 ± 9.1" is a mean of age
    assert rows("The difference was small; age 41.2 ± 9.1.") == [
        ("age_mean", "mean", "41.2", "measure", "age"), ("age_sd", "sd", "9.1", "measure", "age")]


SIGNED = ("a signed mean or a difference with its spread (a change from baseline, a difference between groups): check "
          "it by hand")


def test_a_signed_pair_inside_a_list_of_bare_means_leaves_the_pairs_after_it_read():
    text = "Scores were 12.1 ± 3.0, −1.2 ± 0.5 and 8.4 ± 2.2."
    assert [(q, v) for q, _, v, _, _ in rows(text)] == [
        ("scores_mean", "12.1"), ("scores_sd", "3.0"), ("scores_2_mean", "8.4"), ("scores_2_sd", "2.2")]
    assert unread(text) == [("1.2", SIGNED), ("0.5", SIGNED)]


def test_six_words_without_a_verb_between_two_bare_means_keep_the_first_mean_s_name():
    # "in the active drug arm versus": six words, no verb, so the second pair is age again (at seven or with a verb
    # the words between would name it)
    assert [q for q, *_ in rows("Age was 41.2 ± 9.1 in the active drug arm versus 39.8 ± 8.7.")] == [
        "age_mean", "age_sd", "age_2_mean", "age_2_sd"]


# --- "of these": the group that the sentence has just counted
CARRIED_OVER = ("ambiguous link: the total this count and percent refer to is carried over from an earlier sentence, "
                "or is one of several groups counted before it")


def test_of_these_after_participants_counted_at_the_sentence_s_start_is_that_group():
    # 5 of the 20 participants: 5 / 20 = 25%, the percent printed
    text = "Twenty participants were enrolled; of these, 5 (25%) relapsed."
    assert [(q, s, v, of) for q, s, v, _, of in rows(text)] == [
        ("n_1", "count", "20", ""), ("n_2", "count", "5", ""), ("pct_1", "percent", "25", "n_2")]
    assert extract(text, "demo").values()["denominator"].tolist() == ["", "n_1", "n_1"]


def test_of_these_after_a_percent_in_words_of_the_group_is_still_that_group():
    # "50 percent" is the group's own percent (20 of 40), no other number between the group and "of these"
    text = "20 of 40 patients (50 percent) relapsed; of these, 5 (25 percent) were severe."
    assert [(q, v) for q, _, v, _, _ in rows(text)] == [
        ("total_1", "40"), ("n_1", "20"), ("pct_1", "50"), ("n_2", "5"), ("pct_2", "25")]
    assert extract(text, "demo").values()["denominator"].tolist() == ["", "total_1", "total_1", "n_1", "n_1"]


def test_of_these_after_another_group_s_percent_is_left_unlinked():
    # "30 percent had new lesions" counts another group after the 20: which one "of these" names, the text leaves open
    text = "20 of 40 patients relapsed, and 30 percent had new lesions; of these, 5 (25%) were severe."
    assert [v for _, _, v, _, _ in rows(text)] == ["40", "20", "30"]
    assert unread(text) == [("5", CARRIED_OVER), ("25", CARRIED_OVER)]


# --- a list after "p =" that does not go on as p values: its first number is a p where it lies in [0, 1]
AFTER_P = "a number after a p value that the text does not print as another p"


@pytest.mark.parametrize("p", ["0.000", "1.00"])
def test_a_p_of_zero_or_one_opening_a_list_that_stops_being_p_values_is_read(p):
    text = f"Scores did not differ (p = {p}, 0.20, and 3)."
    assert rows(text) == [("p_1", "p", p, "p", "")]
    assert unread(text) == [("0.20", AFTER_P), ("3", AFTER_P)]


def test_a_p_above_one_opening_such_a_list_is_refused():
    assert unread("Scores did not differ (p = 1.5, 0.20, and 3).") == [
        ("1.5", "a p outside 0 to 1: the schema refuses it; check it by hand"), ("0.20", AFTER_P), ("3", AFTER_P)]


LATER_CLAUSE = ("a mean and SD after a clause of its own in a list of means: which mean it is, the text does not say "
                "plainly")


def test_six_words_before_a_mean_and_its_unit_keep_it_in_the_list_and_nine_do_not():
    # "in the active drug arm and": six words, the unit "years" after 39.1 not among them
    kept = "Mean (SD) age was 41.2 (9.8) in the active drug arm and 39.1 years (8.0)."
    assert [(q, v) for q, _, v, _, _ in rows(kept)] == [
        ("age_mean", "41.2"), ("age_sd", "9.8"), ("age_2_mean", "39.1"), ("age_2_sd", "8.0")]
    # "in the active drug arm of the trial and": nine words
    cut = "Mean (SD) age was 41.2 (9.8) in the active drug arm of the trial and 39.1 years (8.0)."
    assert [(q, v) for q, _, v, _, _ in rows(cut)] == [("age_mean", "41.2"), ("age_sd", "9.8")]
    assert unread(cut) == [("39.1", LATER_CLAUSE), ("8.0", LATER_CLAUSE)]


# --- medians
TIME_POINT = "a time point (\"6-month\", \"24-week\"), not the value of the statistic named before it"


def test_a_time_point_after_median_is_no_median():
    assert unread("The median 24-week EDSS score was 2.5.")[0] == ("24", TIME_POINT)


def test_medians_of_two_groups_joined_by_vs_keep_their_unit():
    assert rows("Median time to onset: 19 days vs 20 days.") == [
        ("time_to_onset_median", "median", "19", "days", "time_to_onset"),
        ("time_to_onset_2_median", "median", "20", "days", "time_to_onset_2")]


# --- a number before a verb of patients or before "in the ... group": a count, unless it is a year
@pytest.mark.parametrize(("text", "count"), [("Data from 40 randomized patients were analysed.", "40"),
                                             ("Follow-up ended after 12 withdrew.", "12")])
def test_a_count_after_a_preposition_of_time_is_still_a_count_when_it_is_no_year(text, count):
    assert rows(text) == [("n_1", "count", count, "patients", "")]


def test_a_year_before_in_the_placebo_group_is_no_count_of_that_arm():
    assert rows("The trial began 2019 in the placebo group.") == []
    assert rows("There were 85 in the EVT group.") == [("n_1", "count", "85", "patients", "")]


# --- a rate per a power of ten: "per" and 100 or more, or a slash and 1,000 or more
SCALE = ("a rate per a power of ten people or person-years (\"10/100 000 persons\"), which the schema has no unit for: "
         "not a count")


@pytest.mark.parametrize(("text", "numbers"), [
    ("Per 1000 patients, 3 had PML.", ["1000"]),  # "Per" opens the text
    ("PML struck 3/1000 patients.", ["3", "1000"]),  # a slash and exactly 1,000
    ("PML struck 3/ 1000 patients.", ["3", "1000"]),  # a space after the slash
])
def test_a_scale_of_a_thousand_after_per_or_a_slash_is_no_count(text, numbers):
    assert [number for number, reason in unread(text) if reason == SCALE] == numbers
    assert [v for _, s, v, _, _ in rows(text) if s == "count"] == []


@pytest.mark.parametrize("text", ["A total of 1000 patients were enrolled.", "Staffing was one nurse per 12 patients."])
def test_a_thousand_with_no_per_or_slash_or_a_number_after_per_that_is_no_power_of_ten_is_no_scale(text):
    assert [number for number, reason in unread(text) if reason == SCALE] == []


# --- the safety net of Reader.read: a match with a row no reading can hold goes unread whole, and only that match
NEGATIVE = "a negative duration, rate or count (a change or a difference): check it by hand"


def test_a_match_taken_back_leaves_the_rows_of_the_matches_before_it():
    text = "Forty patients took part; the median follow-up was 19 months (range, -1–32)."
    assert rows(text) == [("n_1", "count", "40", "patients", "")]
    assert unread(text) == [("19", NEGATIVE), ("1", NEGATIVE), ("32", NEGATIVE)]


@pytest.mark.parametrize(("text", "expected"), [
    ("PML occurred in 0 of 120 patients.", [("total_1", "count", "120", "patients", ""),
                                            ("n_1", "count", "0", "patients", "")]),
    ("The ARR was 0.00 (95% CI 0.00-0.12).", [("arr_1", "rate", "0.00", "per_patient_year", "")]),
])
def test_a_count_or_rate_of_zero_is_no_negative_value_and_stays_read(text, expected):
    assert rows(text) == expected


def test_of_these_all_of_the_group_is_a_count_equal_to_it_not_above_it():
    # 20 of the 20: 100%, the most a count "of these" can be
    text = "Twenty patients relapsed; of these, 20 (100%) were treated."
    assert [(q, v) for q, _, v, _, _ in rows(text)] == [("n_1", "20"), ("n_2", "20"), ("pct_1", "100")]
    assert extract(text, "demo").values()["denominator"].tolist() == ["", "n_1", "n_1"]


def test_a_relative_change_named_two_clauses_before_a_percent_leaves_the_last_clause_s_share_read():
    # the semicolon before "responders" closes the clause that names the percent change
    assert rows("Scans were read centrally; the percent change was small; responders were 45%.") == [
        ("pct_1", "percent", "45", "percent", "")]


def test_a_median_per_arm_keeps_the_unit_printed_after_it():
    text = "Median time to relapse was 12 months (placebo) and 18 months (drug 800 mg)."
    assert rows(text) == [("time_to_relapse_median", "median", "12", "months", "time_to_relapse"),
                          ("time_to_relapse_2_median", "median", "18", "months", "time_to_relapse_2")]
    assert unread(text) == [("800", "a number inside an arm's label (a dose or a group's name)")]


def test_a_bracket_between_a_verb_of_change_and_its_percent_leaves_the_percent_a_change():
    # the bracket is left out whole, so "reduced" stands just before 30%: a relative change, not a share
    assert unread("Relapses were reduced (drug vs placebo) 30%.") == [
        ("30", "a difference or change printed in percent (\"risk difference 4.9%\"): not a share of a total")]
