"""``analysis.extract``: means printed as "a ± b" without the word mean. Each text is a short sentence written for
the test; the expected rows and unread reasons are worked out by hand from the sentence."""

from __future__ import annotations

import pytest

from analysis.extract import extract

SE_OR_OPEN = ("a spread after ± that the text names a standard error, or leaves open between an SD and an SE: the "
              "schema holds SDs only")
SIGNED = ("a signed mean or a difference with its spread (a change from baseline, a difference between groups): check "
          "it by hand")


def rows(text: str) -> list[tuple[str, ...]]:
    """(quantity, statistic, value, unit, of) of each row."""
    columns = ["quantity", "statistic", "value", "unit", "of"]
    return [tuple(r[c] for c in columns) for r in extract(text, "demo").values().to_dict("records")]


def unread(text: str) -> list[tuple[str, str]]:
    return [(u.printed.text, u.reason) for u in extract(text, "demo").unread]


def test_a_mean_and_sd_after_its_variable_s_name_are_read_with_the_unit_after_them():
    assert rows("Forty patients (age 46.6±11.8 years; 75% women) took part.") == [
        ("n_1", "count", "40", "patients", ""), ("age_mean", "mean", "46.6", "years", "age"),
        ("age_sd", "sd", "11.8", "years", "age"), ("pct_1", "percent", "75", "percent", "")]


def test_means_of_two_groups_in_one_bracket_are_two_variables_and_their_p_stays_unlinked():
    text = "Relapses were fewer on drug A than on drug B (0.12 ± 0.39 versus 0.41 ± 0.71, p = 0.026)."
    assert rows(text) == [
        ("measure_mean", "mean", "0.12", "measure", "measure"), ("measure_sd", "sd", "0.39", "measure", "measure"),
        ("measure_2_mean", "mean", "0.41", "measure", "measure_2"),
        ("measure_2_sd", "sd", "0.71", "measure", "measure_2"), ("p_1", "p", "0.026", "p", "")]


def test_an_arr_before_its_means_names_them_and_a_later_clause_names_its_own():
    text = "The ARR fell from 1.97 ± 1.93 to 0.12 ± 0.32, and the EDSS score fell from 3.43 ± 1.49 to 3.10 ± 1.88."
    assert [(q, v) for q, _, v, _, _ in rows(text)] == [
        ("arr_mean", "1.97"), ("arr_sd", "1.93"), ("arr_2_mean", "0.12"), ("arr_2_sd", "0.32"),
        ("edss_score_mean", "3.43"), ("edss_score_sd", "1.49"), ("edss_score_2_mean", "3.10"),
        ("edss_score_2_sd", "1.88")]


@pytest.mark.parametrize("text", [
    "The mean (±SE) rate was lower (0.30±0.02 vs. 0.39±0.03, P = 0.002).",  # the sentence names an SE
    "Data are means ± SEM. The rate was lower (0.30±0.02 vs. 0.39±0.03).",  # the text does, and this sentence not
])
def test_a_spread_named_a_standard_error_or_left_open_leaves_only_the_means_read(text):
    assert [(statistic, value) for _, statistic, value, _, _ in rows(text) if statistic != "p"] == [
        ("mean", "0.30"), ("mean", "0.39")]
    assert [u for u in unread(text) if u[0] in ("0.02", "0.03")] == [("0.02", SE_OR_OPEN), ("0.03", SE_OR_OPEN)]


def test_an_sd_named_in_the_sentence_is_an_sd_though_the_text_names_an_se_elsewhere():
    text = "Lesions are given as mean ± SEM. Age was 41.0 ± 9.5 years (SD)."
    assert [(statistic, value) for _, statistic, value, _, _ in rows(text)] == [("mean", "41.0"), ("sd", "9.5")]


@pytest.mark.parametrize(("text", "numbers"), [
    ("The change was −1.2 ± 0.5 points.", ["1.2", "0.5"]),
    ("The difference was 2.3 ± 1.1 points.", ["2.3", "1.1"]),
])
def test_a_signed_mean_or_a_difference_with_its_spread_is_left_to_the_reader(text, numbers):
    assert rows(text) == []
    assert unread(text) == [(number, SIGNED) for number in numbers]


def test_a_count_and_its_noun_stay_a_count_before_a_bare_mean():
    # the grammar allows no unit between a bare mean and its ±, so "53 patients" still opens a count
    assert rows("A total of 53 patients were included; age was 40.1 ± 9.0 years.")[0] == (
        "n_1", "count", "53", "patients", "")
