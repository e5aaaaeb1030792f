"""``analysis.extract.reading``: the reading of a mean (``_read_mean_sd``) and the rules the second re-read of
session 9 added (name parts and changes of a summary, differences in percentage points, shares of a sample a
bracket describes, lists of bounds, thresholds of significance, ...), at the edges their mutants showed untested.
Each text is a short sentence written for the test; the expected rows and reasons are worked out by hand from it."""

from __future__ import annotations

import pytest

from analysis.extract import extract

CHANGE = "a difference or change printed in percent (\"risk difference 4.9%\"): not a share of a total"
NAME_PART = "a part of a name (\"25-hydroxy vitamin D\", \"9-hole peg test\"), not the value of the summary"
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


def test_a_number_inside_a_mean_s_name_is_unread_and_the_p_after_it_read_alone():
    text = "Mean scores over the 4 cycles were 2.5 (p=0.03)."
    assert rows(text) == [("p_1", "p", "0.03", "p", "", "", "")]
    assert unread(text)["4"] == "a number inside the name of a mean (\"over the 4 cycles\"), whose value follows"


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


# --- a number in words that goes on past ninety-nine ----------------------------------------------------------------

LARGER = ("the end of a number in words above ninety-nine: the extraction reads one to ninety-nine in words; check it "
          "by hand")


@pytest.mark.parametrize(("text", "expected"), [
    # "Eight hundred patients" are 800: the count's noun after "hundred" does not make "Eight" a count of 8
    ("Eight hundred patients were enrolled.", {"Eight": LARGER}),
    ("We enrolled seven and eight hundred MS patients.", {"seven": "a number in words outside a count",
                                                          "eight": LARGER}),
])
def test_a_count_in_words_that_goes_on_past_ninety_nine_is_no_count(text, expected):
    assert rows(text) == []
    assert unread(text) == expected


def test_a_count_in_words_below_a_hundred_is_still_read():
    assert rows("Eight patients were enrolled.") == [("n_1", "count", "8", "patients", "", "", "")]
