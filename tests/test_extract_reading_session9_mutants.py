"""``analysis.extract.reading``: the reading of a mean (``_read_mean_sd``) and the rules the second re-read of
session 9 added (name parts and changes of a summary, differences in percentage points, shares of a sample a
bracket describes, lists of bounds, thresholds of significance, ...), at the edges their mutants showed untested.
Each text is a short sentence written for the test; the expected rows and reasons are worked out by hand from it."""

from __future__ import annotations

import pytest

from analysis.extract import extract
from analysis.extract.text_audit import audit_text, verdict_table

CHANGE = "a difference or change printed in percent (\"risk difference 4.9%\"): not a share of a total"
NAME_PART = "a part of a name (\"25-hydroxy vitamin D\", \"9-hole peg test\"), not the value of the summary"
SIGNED = "a signed number (a change or a difference) that the pattern would read without its sign"
CHANGE_OF_SUMMARY = "a change of a summary (\"reduced median survival by 1.9 months\"), not its value"


def rows(text: str) -> list[tuple[str, ...]]:
    """(quantity, statistic, value, unit, ci_low, ci_high, of) of each row."""
    columns = ["quantity", "statistic", "value", "unit", "ci_low", "ci_high", "of"]
    return [tuple(r[c] for c in columns) for r in extract(text, "demo").values().to_dict("records")]


def unread(text: str) -> dict[str, str]:
    return {u.printed.text: u.reason for u in extract(text, "demo").unread}


# --- _read_mean_sd ---------------------------------------------------------------------------------------------

def test_a_number_hyphened_to_a_word_is_part_of_a_mean_s_name():
    text = "Mean serum 25-hydroxy vitamin D was 20.1 ng/ml (SD 5.2)."
    assert rows(text) == []
    assert unread(text)["25"] == NAME_PART


def test_a_mean_changed_by_a_number_is_no_value_of_it():
    # both numbers of the match, the change and its SD, are refused with the reason
    text = "The drug reduced mean EDSS by 1.2 points (SD 0.4)."
    assert rows(text) == []
    assert unread(text) == {"1.2": CHANGE_OF_SUMMARY, "0.4": CHANGE_OF_SUMMARY}


def test_a_mean_s_relative_change_is_unread_and_its_p_read_alone():
    text = "Mean ALC declined 28.7% (p=0.01)."
    assert rows(text) == [("p_1", "p", "0.01", "p", "", "", "")]
    assert unread(text) == {"28.7": CHANGE}


def test_a_number_inside_a_mean_s_name_is_unread_with_its_ci_and_the_p_beside_it_read_alone():
    # "over the 12 months": the mean's value is not printed here; its bracket's p is still a p
    text = "Mean change over the 12 months (95% CI 0.3-0.9; p=0.01) was small."
    assert rows(text) == [("p_1", "p", "0.01", "p", "", "", "")]
    inside = "a number inside the name of a mean (\"over the 4 cycles\"), whose value follows"
    assert unread(text) == {"12": inside, "95": "the confidence level of an interval", "0.3": inside, "0.9": inside}


def test_a_difference_between_groups_without_its_ci_leaves_its_p_alone():
    text = "Mean survival was 2.1 months longer (p=0.04)."
    assert rows(text) == [("p_1", "p", "0.04", "p", "", "", "")]
    assert unread(text)["2.1"] == "a difference between groups (\"1.5 points lower\"), not the mean named before it"


def test_a_mean_of_zero_is_a_value_not_a_signed_change():
    # 0.0 carries no sign: a mean and its SD, and with a CI and a p a mean with its CI
    assert rows("The mean change was 0.0 (SD 1.2).") == [
        ("change_mean", "mean", "0.0", "measure", "", "", "change"),
        ("change_sd", "sd", "1.2", "measure", "", "", "change")]
    assert rows("The mean change was 0.0 (95% CI -0.3 to 0.3; p=0.9).") == [
        ("change_mean", "mean", "0.0", "measure", "-0.3", "0.3", "change"), ("p_1", "p", "0.9", "p", "", "", "")]


def test_a_mean_whose_ci_crosses_zero_is_read_with_its_ci():
    # only the estimate's sign makes a mean a change: a negative lower bound does not
    assert rows("The mean change was 0.3 (95% CI -0.1 to 0.7; p=0.2).") == [
        ("change_mean", "mean", "0.3", "measure", "-0.1", "0.7", "change"), ("p_1", "p", "0.2", "p", "", "", "")]


def test_a_mean_with_its_ci_and_a_p_keeps_its_unit():
    assert rows("Mean age was 41.2 years (95% CI 39.8-42.6; p=0.01).")[0] == (
        "age_mean", "mean", "41.2", "years", "39.8", "42.6", "age")


def test_means_listed_with_respectively_keep_their_unit():
    assert rows("Mean ages were 41.2 and 39.8 years, respectively.") == [
        ("ages_mean", "mean", "41.2", "years", "", "", "ages"),
        ("ages_2_mean", "mean", "39.8", "years", "", "", "ages_2")]


# --- _read_k_over_n ----------------------------------------------------------------------------------------------

def test_a_pair_over_a_total_of_two_is_a_count_of_that_total():
    # only a total of one (or none) makes a pair a category; 1 of 2 is a count and its total
    assert rows("Relapses occurred in 1/2 siblings.") == [
        ("total_1", "count", "2", "patients", "", "", ""), ("n_1", "count", "1", "patients", "", "", "")]


# --- a number in words that goes on past 999 ---------------------------------------------------------------------

LARGER = ("a part of a number in words past nine hundred and ninety-nine: the extraction reads one to 999 in words; "
          "check it by hand")


@pytest.mark.parametrize(("text", "expected"), [
    # "Eight thousand patients" are 8000: the count's noun after "thousand" does not make "Eight" a count of 8
    ("Eight thousand patients were enrolled.", {"Eight": LARGER}),
    ("We enrolled seven and eight thousand MS patients.", {"seven": "a number in words outside a count",
                                                           "eight": LARGER}),
])
def test_a_count_in_words_that_goes_on_past_999_is_no_count(text, expected):
    assert rows(text) == []
    assert unread(text) == expected


def test_a_count_in_words_below_a_hundred_is_still_read():
    assert rows("Eight patients were enrolled.") == [("n_1", "count", "8", "patients", "", "", "")]


def test_the_end_of_a_number_in_words_comes_before_a_bound():
    # "five of one thousand": the total is 1000, which the extraction does not read in words; that it goes on past
    # 999 is said first, before "at least" makes the count a bound
    assert unread("At least five of one thousand died.") == {"five": LARGER, "one": LARGER}
    assert unread("Five of one thousand died.") == {"Five": LARGER, "one": LARGER}


def test_a_total_that_goes_on_in_words_with_a_noun_is_unread_and_nothing_read():
    # "Five of one thousand patients": no percent follows, so nothing is left to read
    text = "Five of one thousand patients died."
    assert rows(text) == []
    assert unread(text) == {"Five": LARGER, "one": LARGER}


def test_a_word_after_a_closed_bracket_does_not_make_its_digits_a_larger_number():
    # "thousand-bed" names the hospitals: 90 of 200 (45%) are read as printed
    assert rows("Ninety of 200 (45%) thousand-bed hospitals took part.") == [
        ("total_1", "count", "200", "patients", "", "", ""), ("n_1", "count", "90", "patients", "", "", ""),
        ("pct_1", "percent", "45", "percent", "", "", "n_1")]


# --- differences in percentage points with a sign (_read, _percent_difference) -----------------------------------

def test_a_signed_difference_in_points_named_by_its_abbreviation_is_read_negative_with_its_ci():
    text = "Relapses fell (RD –4.1%; 95% CI –7.0 to –1.2)."
    values = extract(text, "demo").values()
    # the row starts at the sign (character 18, "–") and ends after "4.1" (character 22); one decimal as printed
    assert values[["quantity", "statistic", "value", "decimals", "ci_low", "ci_high", "location"]].values.tolist() == [
        ["md_1", "difference", "-4.1", "1", "-7.0", "-1.2", "chars 18-22"]]
    # the page shows the digits as printed, without the sign; the CI's midpoint (-7.0 - 1.2) / 2 = -4.1
    table = verdict_table(audit_text(text, "demo"))
    assert table[["start", "printed", "quantity", "verdict"]].values.tolist()[0] == [18, "4.1", "md_1", "passed"]


def test_a_plus_sign_keeps_a_difference_in_points_positive():
    assert rows("Relapses rose (RD +4.1%; 95% CI 1.2 to 7.0).") == [
        ("md_1", "difference", "4.1", "measure", "1.2", "7.0", "")]


def test_a_signed_percent_opening_a_bracket_after_a_difference_s_name_is_not_tied_to_it():
    # only "of", "was", "is", "=", ":" or "," between the name and the sign tie them; "(" does not
    text = "The risk difference (–4.1%; 95% CI –7.0 to –1.2) favoured the drug."
    assert rows(text) == []
    assert unread(text)["4.1"] == SIGNED


def test_a_signed_estimate_after_a_difference_s_abbreviation_that_is_no_percent_stays_unread():
    # the abbreviation names a difference in percentage points only before a percent with its CI
    text = "Relapses fell (RD –4.1 (95% CI –7.0 to –1.2))."
    assert rows(text) == []
    assert unread(text)["4.1"] == SIGNED


def test_a_difference_without_its_ci_is_unread_and_its_p_read_alone():
    text = "Relapses fell more with the drug (absolute difference 0.10, p = 0.25)."
    assert rows(text) == [("p_1", "p", "0.25", "p", "", "", "")]
    assert unread(text) == {"0.10": "a difference between groups without its CI (it checks nothing)"}


# --- relative changes (_no_share, _goes_on_from_change) ----------------------------------------------------------

def test_two_shares_compared_in_the_bracket_after_a_verb_of_change_and_its_object_are_read():
    assert rows("The drug reduced the new lesions (52.6% vs 30.1%).") == [
        ("pct_1", "percent", "52.6", "percent", "", "", ""), ("pct_2", "percent", "30.1", "percent", "", "", "")]


@pytest.mark.parametrize("text", [
    "The relative reduction was 40%; 30% of patients were relapse-free, compared with 20%.",
    "Relapses were 40% lower; 30% of patients were relapse-free, compared with 20% with placebo.",
])
def test_a_share_read_after_a_relative_change_stops_the_comparison_going_on_from_it(text):
    # "compared with 20%" goes on from the share of patients (30%), not from the change (40%)
    assert [row[1:3] for row in rows(text)] == [("percent", "30"), ("percent", "20")]
    assert unread(text) == {"40": CHANGE}


# --- shares of the sample a bracket describes (_read_pct_alone, _sample_before_bracket) ---------------------------

def sample_shares(text: str) -> list[tuple[str, str, str]]:
    """(quantity, value, denominator) of each percent row."""
    values = extract(text, "demo").values()
    return [tuple(r) for r in values.loc[values["statistic"] == "percent", ["quantity", "value", "denominator"]]
            .values.tolist()]


@pytest.mark.parametrize(("text", "expected"), [
    # the ends of 0 to 100 are shares of the sample too
    ("A total of 212 patients (0% female).", [("pct_1", "0", "n_1")]),
    ("A total of 212 patients (100% female).", [("pct_1", "100", "n_1")]),
    # participants are a sample as patients are
    ("A total of 212 participants (69.1% female).", [("pct_1", "69.1", "n_1")]),
    # the count opens the sentence
    ("212 patients were enrolled (69.1% female).", [("pct_1", "69.1", "n_1")]),
])
def test_a_percent_opening_the_bracket_after_a_sample_is_its_share(text, expected):
    assert sample_shares(text) == expected


@pytest.mark.parametrize("text", [
    # a count of relapses is no sample of people, though patients are named after it
    "We counted 12 relapses in patients (45% treated with steroids).",
    # the count is one of a list: of the 20 women or of all 50, the text does not say
    "Of those enrolled, 30 men and 20 women (45% treatment naive) were seen.",
    # words between the sample's noun and the bracket that are no verb taking them in
    "A total of 212 patients were enrolled at 12 sites (69.1% female).",
])
def test_a_percent_opening_a_bracket_is_no_share_of_a_count_it_does_not_describe(text):
    assert [denominator for _, _, denominator in sample_shares(text)] == [""]


# --- _loosely_named ----------------------------------------------------------------------------------------------

UNTIED = ("a number a few words after a statistic's name, not tied to it (by was, of, from, an equals sign, a colon or "
          "a comma)")


def test_to_counts_among_the_words_between_a_rate_s_name_and_its_number():
    # after, switching, from, placebo, to, drug, was: seven words, one more than the six that may tie them
    text = "The ARR (95% CI) after switching from placebo to drug was 0.11."
    assert rows(text) == []
    assert unread(text)["0.11"] == UNTIED
