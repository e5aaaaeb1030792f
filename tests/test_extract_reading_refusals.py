"""``analysis.extract.reading``: the refusals and readings that the mutants of the reading rules showed no other
test reads. One short sentence per behaviour, written for the test; the expected rows and reasons are worked out
by hand from the sentence. Rows are (quantity, statistic, value, decimals, unit, ci_low, ci_high, denominator, of,
comparator)."""

from __future__ import annotations

import pytest

from analysis.extract import extract, text_audit

COLUMNS = ["quantity", "statistic", "value", "decimals", "unit", "ci_low", "ci_high", "denominator", "of",
           "comparator"]
NO_PATTERN = "no pattern of the grammar reads it"
RANGE = "the first end of a range, not one number"


def rows(text: str) -> list[tuple]:
    return [tuple(str(r[c]) for c in COLUMNS) for r in extract(text, "demo").values().to_dict("records")]


def unread(text: str) -> list[tuple[str, str]]:
    return [(u.printed.text, u.reason) for u in extract(text, "demo").unread]


def test_a_range_printed_with_to_is_no_estimate():
    # "0.213 to 0.503": the word "to" opens the range's other end as a dash does
    assert rows("HRs: 0.213 to 0.503 across trials.") == []
    assert unread("HRs: 0.213 to 0.503 across trials.") == [("0.213", RANGE), ("0.503", NO_PATTERN)]


# --- a bare list of ARRs after the clause that names them (Reader.read_rate_lists)
def arr(value: str, decimals: str, k: int) -> tuple:
    return (f"arr_{k}", "rate", value, decimals, "per_patient_year", "", "", "", "", "=")


def test_a_decimal_before_the_arr_it_would_belong_to_is_no_arr():
    # the sentence (the text's last, with no full stop) ends in the name: 0.41 comes before any ARR
    assert rows("From 0.41 in year one, the ARR") == []
    assert ("0.41", NO_PATTERN) in unread("From 0.41 in year one, the ARR")


def test_an_arr_opening_the_text_names_the_list_after_it():
    # the name is the sentence's first token: 0.16 follows "ARR ... (", 0.29 follows 0.16 across "vs."
    assert rows("ARR was lower with A than with B (0.16 vs. 0.29).") == [arr("0.16", "2", 1), arr("0.29", "2", 2)]


def test_an_arr_opening_a_text_that_ends_in_median_is_still_a_rate():
    # "median" after the value, at the text's end, makes no median of ARRs: only "median ARR" does
    assert rows("ARR fell to 0.16 in A, below the group median") == [arr("0.16", "2", 1)]


@pytest.mark.parametrize("text", ["In the trial, the ARR was 0.081 for A (n = 345) versus 0.188 for B.",
                                  "The ARR was 0.081 (n = 345) versus 0.188."])
def test_the_size_of_an_arm_between_two_arrs_of_a_list_is_passed_over(text):
    # "(n = 345)" is the size of the arm of 0.081, read as a total; 0.188 goes on the list after it
    assert rows(text) == [arr("0.081", "3", 1), ("total_1", "count", "345", "0", "patients", "", "", "", "", "="),
                          arr("0.188", "3", 2)]


@pytest.mark.parametrize("text", ["The median ARR was lower in A than in B (0.30 vs 0.10).",
                                  "Median ARR was lower in A than in B (0.30 vs 0.10)."])
def test_a_list_after_a_median_arr_is_no_list_of_rates(text):
    # a median of the patients' own ARRs is not events over exposure: neither decimal is read as a rate
    assert rows(text) == []
    assert unread(text) == [("0.30", NO_PATTERN), ("0.10", NO_PATTERN)]


def test_a_number_in_words_between_the_arr_and_its_list_is_a_label():
    # "year two" labels the time, as "year 2" would: the list still takes the ARR's name
    text = "The ARR in year two was lower in A (0.30 vs 0.10)."
    assert rows(text) == [arr("0.30", "2", 1), arr("0.10", "2", 2)]


def test_a_list_of_arrs_stops_at_a_clause_with_a_verb_of_its_own():
    # "which was lower" ties no value to a name: 0.10 after it is not a second ARR of the list ...
    assert rows("The ARR was 0.30 in A, which was lower, and 0.10 in B.") == [arr("0.30", "2", 1)]
    # ... which it is after "and" alone
    assert rows("The ARR was 0.30 in A, and 0.10 in B.") == [arr("0.30", "2", 1), arr("0.10", "2", 2)]


def test_a_p_printed_ns_is_listed_by_its_characters():
    text = "HR 0.50 (95% CI 0.30-0.80; p = NS)."
    assert rows(text)[1] == ("p_1", "p", "NS", "", "p", "", "", "", "hr_1", "=")
    table = text_audit.verdict_table(text_audit.audit_text(text, "demo"))
    assert table.set_index("start").loc[text.index("NS"), "printed"] == "NS"


# --- p values printed whole
def p_row(value: str, comparator: str = "=") -> tuple:
    return ("p_1", "p", value, "0", "p", "", "", "", "", comparator)


@pytest.mark.parametrize(("text", "expected"), [("Relapses were similar (p = 1).", p_row("1")),
                                                ("Relapses were similar (p < 1).", p_row("1", "<")),
                                                ("Relapses were similar, with a p of 1.", p_row("1"))])
def test_a_whole_number_tied_to_a_p_by_a_sign_or_of_is_a_p(text, expected):
    assert rows(text) == [expected]


def test_a_whole_number_after_a_p_with_no_sign_between_is_a_label():
    assert rows("Relapses were similar (p 2).") == []
    assert unread("Relapses were similar (p 2).") == [
        ("2", "a whole number after a p with no sign between (\"p 2\"): a label, not a p value")]


def test_a_count_in_words_that_opens_a_range_is_not_one_number():
    # "nine to 11": the total in words is the first end of a range, so "seven of nine" links no count to it
    text = "Relapses occurred in seven of nine to 11 centres."
    assert ("seven", RANGE) in unread(text) and ("nine", RANGE) in unread(text)
    assert not [row for row in rows(text) if row[2] in ("7", "9")]


def test_the_p_beside_a_difference_in_percent_is_tied_to_the_difference():
    text = "The risk difference was 4.9% (95% CI 1.0-8.8; p = 0.02)."
    assert rows(text) == [("md_1", "difference", "4.9", "1", "measure", "1.0", "8.8", "", "", "="),
                          ("p_1", "p", "0.02", "2", "p", "", "", "", "md_1", "=")]
    assert unread(text) == [("95", "the confidence level of an interval")]


@pytest.mark.parametrize("years", ["1 and 2", "one and two"])
def test_years_joined_by_and_do_not_make_the_arr_a_compound_subject(years):
    # "years 1 and 2": "and" joins two labels, not a second subject, so the list after "was lower" is the ARR's
    text = f"The ARR in years {years} of the trial was lower (0.30 vs 0.10)."
    assert [row for row in rows(text) if row[1] == "rate"] == [arr("0.30", "2", 1), arr("0.10", "2", 2)]


def test_a_compound_subject_after_an_arr_with_its_value_still_leaves_the_list_unread():
    # the first ARR has its value (0.30); the second shares "were" with the EDSS, so 0.10 could be either's
    text = "The ARR was 0.30 in A; the ARR and the EDSS were lower in B (0.10 and 3.5)."
    assert rows(text) == [arr("0.30", "2", 1)]
    assert unread(text) == [("0.10", NO_PATTERN), ("3.5", NO_PATTERN)]


def test_an_arr_named_in_an_earlier_sentence_names_no_list():
    text = "The ARR was reported for each arm. Relapses were fewer in A (0.30 vs 0.10)."
    assert rows(text) == []
    assert unread(text) == [("0.30", NO_PATTERN), ("0.10", NO_PATTERN)]


def test_a_sentence_with_a_compound_subject_leaves_the_lists_of_later_sentences_read():
    text = ("The ARR and the EDSS were lower in B (0.10 and 3.5). "
            "The ARR was lower in A than in B (0.16 vs. 0.29).")
    assert rows(text) == [arr("0.16", "2", 1), arr("0.29", "2", 2)]


# --- several means with their SDs after one label (Reader._read_mean_sd_list)
def summary(variable: str, statistic: str, value: str, decimals: str, unit: str) -> tuple:
    # a summary's row names its variable in the "of" column
    return (f"{variable}_{statistic}", statistic, value, decimals, unit, "", "", "", variable, "=")


def test_six_words_between_two_means_of_a_list_keep_the_second_and_seven_leave_it_unread():
    # "in the first placebo group and": six words (the most) name the next item; "... group of and" is seven
    kept = "The mean (SD) ages were 41.2 (9.8) years in the first placebo group and 39.5 (10.1) years in B."
    assert [row[:3] for row in rows(kept)] == [("ages_mean", "mean", "41.2"), ("ages_sd", "sd", "9.8"),
                                               ("ages_2_mean", "mean", "39.5"), ("ages_2_sd", "sd", "10.1")]
    unkept = "The mean (SD) ages were 41.2 (9.8) years in the first placebo group of and 39.5 (10.1) years in B."
    assert [row[:3] for row in rows(unkept)] == [("ages_mean", "mean", "41.2"), ("ages_sd", "sd", "9.8")]


LIST_CLAUSE = ("a mean and SD after a clause of its own in a list of means: which mean it is, the text does not say "
               "plainly")


def test_every_mean_after_a_clause_of_its_own_in_a_list_is_left_unread():
    # "and the rate was" opens a clause: the means after it, in B and in C, are not plainly the scores'
    text = "The mean (SD) scores were 3.1 (1.2) in A, and the rate was 0.2 (0.1) in B and 0.3 (0.1) in C."
    assert rows(text) == [summary("scores", "mean", "3.1", "1", "measure"),
                          summary("scores", "sd", "1.2", "1", "measure")]
    assert unread(text) == [("0.2", LIST_CLAUSE), ("0.1", LIST_CLAUSE), ("0.3", LIST_CLAUSE), ("0.1", LIST_CLAUSE)]


def test_each_mean_of_a_list_takes_its_own_unit_else_the_first_one_printed_in_the_list():
    # 4.2 (2.0) has no unit of its own: it takes "years", printed after the last item
    assert [row[4] for row in rows("The mean (SD) durations were 4.2 (2.0), 5.1 (2.2) and 6.3 (2.4) years.")] == [
        "years"] * 6
    # each item with its own unit keeps it
    assert [row[4] for row in rows("The mean (SD) durations were 4.2 (2.0) years in A and 50 (12) months in B.")] == [
        "years", "years", "months", "months"]


def test_a_mean_named_together_with_a_median_is_left_unread_with_why():
    text = "Median/mean mRS and CASE were 4 (IQR=3-5) and 12.7 (SD=7)."
    assert rows(text) == []
    assert unread(text)[0] == ("4", "a median and a mean named together (\"median/mean\"): which value is which, the "
                                    "text pairs by position; check it by hand")


def test_an_estimate_right_after_a_stray_number_stays_unnamed():
    # "for A 12 0.60 (...)": a number with no unit of time just before the estimate breaks the series
    text = "HRs were 0.50 (95% CI 0.30-0.80) for A 12 0.60 (95% CI 0.40-0.90) for B."
    unnamed = "an estimate with a CI whose statistic the clause does not name"
    assert rows(text) == [("hr_1", "ratio", "0.50", "2", "ratio", "0.30", "0.80", "", "", "=")]
    assert [(printed, why) for printed, why in unread(text) if printed in ("0.60", "0.40", "0.90")] == [
        ("0.60", unnamed), ("0.40", unnamed), ("0.90", unnamed)]
