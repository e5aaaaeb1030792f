"""``analysis.extract.reading``: one short sentence per behaviour, written for the test, with the exact rows or
unread reasons worked out by hand from the sentence (the mutants of the reading rules that other tests left
alive). Rows are (quantity, statistic, value, decimals, unit, ci_low, ci_high, denominator, of, comparator)."""

from __future__ import annotations

import pytest

from analysis.extract import extract

COLUMNS = ["quantity", "statistic", "value", "decimals", "unit", "ci_low", "ci_high", "denominator", "of",
           "comparator"]


def rows(text: str) -> list[tuple]:
    return [tuple(str(r[c]) for c in COLUMNS) for r in extract(text, "demo").values().to_dict("records")]


def unread(text: str) -> list[tuple[str, str]]:
    return [(u.printed.text, u.reason) for u in extract(text, "demo").unread]


def ratio(value: str, decimals: str, low: str = "", high: str = "", quantity: str = "hr_1") -> tuple:
    return (quantity, "ratio", value, decimals, "ratio", low, high, "", "", "=")


OTHER_LEVEL = "\": the audit's checks read 95% confidence intervals only"


@pytest.mark.parametrize(("label", "printed"), [("90% CI", "90% CI"), ("99·5% CI", "99·5% CI"),
                                                ("95% CrI", "95% CrI")])
def test_a_ci_at_another_level_or_a_credible_interval_is_left_unread_naming_its_label(label, printed):
    text = f"HR 0.50 ({label} 0.30-0.80)."
    assert rows(text) == [ratio("0.50", "2")]
    assert [reason for _, reason in unread(text) if reason.startswith("bounds")] == [
        f"bounds of a \"{printed}{OTHER_LEVEL}"] * 2


def test_a_bare_ci_label_is_a_95_percent_ci():
    assert rows("HR 0.50 (CI 0.30-0.80).") == [ratio("0.50", "2", "0.30", "0.80")]


# --- an estimate with an unlabelled pair after a series item ("... and 0.60 (0.40-0.90)")
SERIES = "HRs were 0.50 (95% CI 0.30-0.80) for A and 0.60 (0.40-0.90)"
FIRST_HR = ratio("0.50", "2", "0.30", "0.80")
SECOND_HR = ratio("0.60", "2", "0.40", "0.90", "hr_2")


@pytest.mark.parametrize("after", [
    "",  # the text ends with the pair: nothing follows it
    ".", ", and relapses were rare.", "; relapses were rare.", " vs 0.70 for C.", " for B.", " in B.", " with B.",
    " among B.", " or B.", " at B.", " on B.", " versus C.", " respectively.", " compared with C."])
def test_an_unlabelled_pair_ending_an_item_of_a_series_is_the_ci_of_its_ratio(after):
    assert rows(SERIES + after)[:2] == [FIRST_HR, SECOND_HR]


@pytest.mark.parametrize(("before", "after"), [("(", ")"), ("[", "]")])
def test_a_series_closed_by_its_bracket_ends_its_last_item(before, after):
    assert rows(f"{before}{SERIES}{after}.") == [FIRST_HR, SECOND_HR]


@pytest.mark.parametrize("after", [" patients", " patients relapsed.", " days later.", " overall.",
                                   ";relapses were rare."])
def test_an_unlabelled_pair_before_a_noun_is_no_ci(after):
    # "0.60 (0.40-0.90) patients": a word after the pair that ends no item; and glued to the pair, a semicolon
    # ends the item even with no space, so the guard reads the token right after the pair, not the next one.
    expected = [FIRST_HR] if after != ";relapses were rare." else [FIRST_HR, SECOND_HR]
    assert rows(SERIES + after) == expected


def test_a_noun_right_after_a_semicolon_does_not_end_the_item():
    # the token right after the pair is the semicolon (an end); the word after it is not consulted
    assert rows(SERIES + "; patients relapsed.") == [FIRST_HR, SECOND_HR]


# --- lists of percents ("4.6, 4.8 and 4.9%")
LIST_REASON = "numbers before a percent that the text does not print as a list of percents"


def percent(value: str, decimals: str, quantity: str) -> tuple:
    return (quantity, "percent", value, decimals, "percent", "", "", "", "", "=")


def test_a_list_joined_by_or_is_a_vague_figure_left_unread():
    text = "Rates were 4.6, 4.8 or 4.9%."
    assert rows(text) == []
    assert unread(text) == [("4.6", LIST_REASON), ("4.8", LIST_REASON), ("4.9", LIST_REASON)]


def test_a_list_holding_a_number_in_words_is_no_list_of_percents():
    text = "Rates were five and 4.9%."
    assert rows(text) == []
    assert unread(text) == [("five", LIST_REASON), ("4.9", LIST_REASON)]


@pytest.mark.parametrize("opening", ["Between", "From"])
def test_a_range_opened_by_between_or_from_at_the_sentence_start_is_no_list(opening):
    text = f"{opening} 4 and 5% relapsed."
    assert rows(text) == []
    assert unread(text) == [("4", LIST_REASON), ("5", LIST_REASON)]


def test_a_list_of_percents_keeps_0_and_100():
    assert rows("Rates were 0, 4.8 and 100%.") == [percent("0", "0", "pct_1"), percent("4.8", "1", "pct_2"),
                                                   percent("100", "0", "pct_3")]


def test_a_list_of_percents_with_one_above_100_is_left_unread():
    text = "Rates were 4.8 and 100.5%."
    assert rows(text) == []
    assert unread(text) == [("4.8", LIST_REASON), ("100.5", LIST_REASON)]


def test_numbers_before_a_percent_after_a_verb_leave_the_percent_alone():
    # "48, 60 were 45.3%": no list; the percent is read alone, the weeks keep their own reasons
    assert rows("By weeks 48, 60 were 45.3%.") == [percent("45.3", "1", "pct_1")]


# --- lists of counts ("821 and 835 patients"), relative changes, p lists
LARGER = ("a part of a number in words past nine hundred and ninety-nine: the extraction reads one to 999 in words; "
          "check it by hand")


def test_a_count_in_words_past_999_is_left_unread():
    text = "One thousand twenty patients were seen."
    assert rows(text) == []
    assert unread(text) == [("One", LARGER), ("twenty", LARGER)]


def test_the_count_of_a_clause_after_while_is_the_last_of_the_list():
    # "3, 5 while 4 patients (28.6%)": the clause after "while" counts 4 patients, 28.6% of them
    assert rows("3, 5 while 4 patients (28.6%) relapsed.") == [
        ("n_1", "count", "4", "0", "patients", "", "", "", "", "="),
        ("pct_1", "percent", "28.6", "1", "percent", "", "", "", "n_1", "=")]


def test_the_bracket_after_a_relative_change_is_its_spread_not_a_count():
    assert unread("A 12% (6) reduction was seen.") == [
        ("6", "a number in brackets after a relative change (\"a 12% reduction\"): its SD or SE, not a count")]


def test_a_p_list_may_end_at_1():
    assert rows("p = 0.64 and 1.00") == [("p_1", "p", "0.64", "2", "p", "", "", "", "", "="),
                                         ("p_2", "p", "1.00", "2", "p", "", "", "", "", "=")]


def test_a_ratio_of_0_before_an_unlabelled_pair_is_refused_whole():
    # the estimate 0 is outside (0.5, 1.2), but a ratio of 0 is refused before the pair is judged
    reason = "a ratio of 0 or less: the schema refuses it; check it by hand"
    text = "(HR, 0, 0.5-1.2)"
    assert rows(text) == []
    assert unread(text) == [("0", reason), ("0.5", reason), ("1.2", reason)]


# --- a percent's CI: on the percent's scale or as proportions
PROPORTIONS = ("CI bounds of a percent printed as proportions (0 to 1): another scale than the percent's; check them "
               "by hand")


def test_equal_bounds_below_1_beside_a_larger_percent_are_proportions():
    text = "Relapse-free 45% (95% CI 0.45-0.45)."
    assert rows(text) == [percent("45", "0", "pct_1")]
    assert unread(text)[1:] == [("0.45", PROPORTIONS)] * 2


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Relapse-free 45% (95% CI 0.41-1.5).", "0.41", "1.5"),  # an upper bound above 1 is no proportion
    ("Relapse-free 1% (95% CI 0.6-1.0).", "0.6", "1.0"),  # a percent of 1 is not above the bounds' scale
    ("Relapse-free 1.5% (95% CI 0.2%-0.9%).", "0.2", "0.9"),  # bounds with their % sign are percents
])
def test_bounds_that_are_percents_are_the_percents_ci(text, low, high):
    value = text.split()[1].removesuffix("%")
    assert rows(text) == [("pct_1", "percent", value, str(len(value.partition(".")[2])), "percent", low, high, "", "",
                           "=")]


# --- a CI after a clause, tied to the percent before it across words alone
KM = "(Kaplan-Meier analysis; 95% CI 90-{high})."
LOOSE_CI = "a CI after a clause, not tied to a percent before it (none holds it across words alone)"


@pytest.mark.parametrize("text", [
    "96% were free of relapse " + KM.format(high=99),  # the percent opens the sentence
    "Overall, 96 % of the patients were free of relapse " + KM.format(high=99),  # a space before the % sign
    "Overall, 96% of the patients were free of relapse " + KM.format(high=96),  # the percent is the upper bound
])
def test_a_clause_ci_is_the_ci_of_the_percent_before_it(text):
    high = text[-4:-2]
    assert rows(text) == [("pct_1", "percent", "96", "0", "percent", "90", high, "", "", "=")]


@pytest.mark.parametrize("text", [
    "In all, 12 patients stayed free of relapse " + KM.format(high=14),  # a count, not a percent
    "Overall, 96% were free of relapse\n\nMost stayed stable " + KM.format(high=99),  # another paragraph's percent
])
def test_a_clause_ci_with_no_percent_of_its_sentence_before_it_is_left_unread(text):
    assert [row[:3] for row in rows(text)] in ([("n_1", "count", "12")], [("pct_1", "percent", "96")])
    assert unread(text)[-2:] == [("90", LOOSE_CI), ("14" if "12 patients" in text else "99", LOOSE_CI)]


# --- means and medians: the name of what they summarise
def test_a_mean_with_its_ci_and_no_name_takes_its_unit_as_its_name():
    assert rows("The mean was 5.2 (95% CI 4.1-6.3).")[0][:6] == ("measure_mean", "mean", "5.2", "1", "measure",
                                                                  "4.1")
    assert rows("The mean was 5.2 days (95% CI 4.1-6.3).")[0][:6] == ("days_mean", "mean", "5.2", "1", "days", "4.1")


def arm(quantity: str, value: str) -> tuple:
    return (f"{quantity}_mean", "mean", value, "2", "measure", "", "", "", quantity, "=")


def test_an_arms_name_is_made_snake_case_without_a_trailing_underscore():
    # "IFNβ": the β is no ASCII letter, replaced by "_" and then stripped; "natalizumab-treated" gets "_" for "-"
    assert rows("Mean increase: IFNβ=0.77; natalizumab-treated=1.09.") == [
        arm("increase_ifn", "0.77"), arm("increase_natalizumab_treated", "1.09")]


def test_each_arm_is_a_variable_of_its_own_and_the_shared_name_stays_free():
    # the arms take "increase_2_a" and "increase_2_b"; "increase_2" itself names no row, so the third mean takes it
    text = "Mean increase 0.5 ± 0.1; mean increase: A=0.77; B=1.09. Mean increase was 0.6 ± 0.1."
    assert [row[0] for row in rows(text)] == ["increase_mean", "increase_sd", "increase_2_a_mean", "increase_2_b_mean",
                                              "increase_2_mean", "increase_2_sd"]


def test_a_later_mean_named_as_an_arm_gets_a_name_of_its_own():
    # "increase B" names "increase_b", taken by the arm B: the later mean is "increase_b_2", so no quantity repeats
    text = "Mean increase: A=0.77; B=1.09. Mean increase B was 0.5 ± 0.1."
    assert [row[0] for row in rows(text)] == ["increase_a_mean", "increase_b_mean", "increase_b_2_mean",
                                              "increase_b_2_sd"]


# --- "Of the 52 patients, 19 were early": a number before "were" or "had" counts people after a count of people
NO_PATTERN = "no pattern of the grammar reads it"


def count(quantity: str, value: str, unit: str = "patients") -> tuple:
    return (quantity, "count", value, "0", unit, "", "", "", "", "=")


@pytest.mark.parametrize(("text", "expected"), [
    ("Of the 52 patients, 19 were early and 33 were late.",
     [count("n_1", "52"), count("n_2", "19"), count("n_3", "33")]),
    ("Of the 52 participants, 19 had early onset.", [count("n_1", "52", "participants"), count("n_2", "19")]),
    # the count of people opens the sentence
    ("52 patients were seen; 19 were early.", [count("n_1", "52"), count("n_2", "19")]),
])
def test_a_number_opening_a_clause_after_a_count_of_people_is_a_count(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize(("text", "counted"), [
    ("Overall, 19 were early.", []),  # no count of people before it
    ("52 relapses were seen; 19 were early.", [count("n_1", "52", "relapses")]),  # a count, but not of people
    ("We saw 52 patients. 19 were early.", [count("n_1", "52")]),  # people counted in another sentence
    ("Of the 52 patients 19 were early.", [count("n_1", "52")]),  # no comma, "and" or "while": no clause opens
])
def test_a_number_before_were_with_no_count_of_people_in_its_clause_is_left_unread(text, counted):
    assert rows(text) == counted
    assert ("19", NO_PATTERN) in unread(text)


# --- an unlabelled pair after a series item: the estimate may sit on either bound
@pytest.mark.parametrize("second", ["0.40 (0.40-0.90)", "0.90 (0.40-0.90)"])
def test_an_unlabelled_pair_holding_its_estimate_on_a_bound_is_its_ci(second):
    value = second.split()[0]
    assert rows(f"HRs were 0.50 (95% CI 0.30-0.80) for A and {second}.")[1] == ratio(value, "2", "0.40", "0.90",
                                                                                       "hr_2")


def test_a_rate_of_0_in_a_series_is_read_with_its_ci():
    # no relapse at all gives a rate of 0.00, a valid value
    text = "The ARR fell from 0.20 (95% CI 0.10-0.30) to 0.00 (0.00-0.10)."
    assert rows(text) == [("arr_1", "rate", "0.20", "2", "per_patient_year", "0.10", "0.30", "", "", "="),
                          ("arr_2", "rate", "0.00", "2", "per_patient_year", "0.00", "0.10", "", "", "=")]
    assert unread(text)[1:] == []


# --- an estimate whose name comes from earlier in its sentence ("HRs adjusted to age were 0.29 (95% CI ...)")
UNNAMED = "an estimate with a CI whose statistic the clause does not name"
ADJUSTED = " adjusted to age {words}were 0.29 (95% CI 0.17-0.42)."  # "to" keeps the estimate pattern from spanning it


@pytest.mark.parametrize(("name", "expected"), [
    ("HRs", ratio("0.29", "2", "0.17", "0.42")),
    ("ARR", ("arr_1", "rate", "0.29", "2", "per_patient_year", "0.17", "0.42", "", "", "=")),
])
def test_an_estimate_takes_the_name_opening_its_sentence(name, expected):
    assert rows(name + ADJUSTED.format(words="")) == [expected]


def test_an_estimate_takes_a_name_at_most_fifteen_words_before_it():
    # adjusted to age (3) + in the first and the second and the third study (10) + year were (2) = 15 words
    fifteen = "in the first and the second and the third study year "
    assert rows("HRs" + ADJUSTED.format(words=fifteen)) == [ratio("0.29", "2", "0.17", "0.42")]
    text = "HRs" + ADJUSTED.format(words=fifteen + "then ")  # 16 words
    assert rows(text) == []
    assert unread(text)[0] == ("0.29", UNNAMED)


@pytest.mark.parametrize("text", [
    "In both groups the rates were 0.29 (95% CI 0.17-0.42).",  # words alone before it: no name
    "HRs adjusted to age were,0.29 (95% CI 0.17-0.42).",  # a comma is no tie between a name and its first estimate
])
def test_an_estimate_with_no_name_tied_before_it_is_left_unread(text):
    assert rows(text) == []
    assert unread(text) == [("0.29", UNNAMED), ("95", "the confidence level of an interval"), ("0.17", UNNAMED),
                            ("0.42", UNNAMED)]


def test_a_second_estimate_after_and_were_shares_the_subject_of_the_first():
    text = "HRs were 0.50 (95% CI 0.30-0.80) and were 0.40 (95% CI 0.20-0.70)."
    assert rows(text) == [ratio("0.50", "2", "0.30", "0.80"), ratio("0.40", "2", "0.20", "0.70", "hr_2")]


def test_a_comma_before_and_keeps_the_series_going():
    text = "HRs were 0.50 (95% CI 0.30-0.80), and 0.40 (95% CI 0.20-0.70)."
    assert rows(text) == [ratio("0.50", "2", "0.30", "0.80"), ratio("0.40", "2", "0.20", "0.70", "hr_2")]


def test_a_clause_with_a_verb_of_its_own_ends_the_series():
    # "which was lower": a tie inside the gap, so 0.40 may be the value of something else
    text = "HRs were 0.50 (95% CI 0.30-0.80), which was lower, and 0.40 (95% CI 0.20-0.70)."
    assert rows(text) == [ratio("0.50", "2", "0.30", "0.80")]
    assert unread(text)[1] == ("0.40", UNNAMED)


def test_a_number_in_the_name_of_a_mean_is_left_unread_with_its_reason():
    assert unread("The mean time to EDSS 6 was 20 years.")[0] == (
        "6", "a number inside the name of a mean (a score or time point), whose value follows")


# --- test statistics: their degrees of freedom and their range
def statistic_rows(text: str) -> list[tuple]:
    """(quantity, statistic, value, df, of) of each row."""
    frame = extract(text, "demo").values()
    return [tuple(str(r[c]) for c in ("quantity", "statistic", "value", "df", "of")) for r in frame.to_dict("records")]


@pytest.mark.parametrize(("text", "expected"), [
    ("F(2, 40) = 3.21, p = 0.05.", [("f_1", "F", "3.21", "2;40", ""), ("p_1", "p", "0.05", "", "f_1")]),
    ("t(20) = 2.10, p = 0.048.", [("t_1", "t", "2.10", "20", ""), ("p_1", "p", "0.048", "", "t_1")]),
    ("z = 1.96, p = 0.05.", [("z_1", "z", "1.96", "", ""), ("p_1", "p", "0.05", "", "z_1")]),
    ("chi-square(2) = 6.1, p = 0.047.", [("chi2_1", "chi2", "6.1", "2", ""), ("p_1", "p", "0.047", "", "chi2_1")]),
    ("r(30) = -1.00, p = 0.01.", [("r_1", "r", "-1.00", "30", ""), ("p_1", "p", "0.01", "", "r_1")]),  # r's bound
])
def test_a_test_statistic_with_its_degrees_of_freedom_and_its_p(text, expected):
    assert statistic_rows(text) == expected
    assert unread(text) == []  # the degrees of freedom are held by the statistic's row


def test_a_total_printed_as_n_equals_is_a_total():
    assert rows("In all (N = 40), relapses were rare.") == [count("total_1", "40")]


DEGREES = "a {} statistic printed with {} degrees of freedom where the schema needs {}"
RANGE = "a {} statistic out of its range: the schema refuses it; check it by hand"


@pytest.mark.parametrize(("text", "numbers", "reason"), [
    ("F(2) = 3.21, p = 0.05.", ["2", "3.21"], DEGREES.format("F", 1, 2)),
    ("t = 2.10, p = 0.048.", ["2.10"], DEGREES.format("t", 0, 1)),
    ("z(3) = 1.96, p = 0.05.", ["3", "1.96"], DEGREES.format("z", 1, 0)),
    ("r(30) = 1.20, p = 0.01.", ["30", "1.20"], RANGE.format("r")),
    ("χ2(1) = -3.2, p = 0.07.", ["1", "3.2"], RANGE.format("chi2")),
    ("F(1, 20) = -3.2, p = 0.07.", ["1", "20", "3.2"], RANGE.format("F")),
])
def test_a_test_statistic_the_schema_cannot_hold_is_left_unread_and_its_p_kept_unlinked(text, numbers, reason):
    p = text.split("p = ")[1].rstrip(".")
    assert statistic_rows(text) == [("p_1", "p", p, "", "")]
    assert unread(text) == [(number, reason) for number in numbers]


# --- means and medians the schema cannot hold as printed
SPREAD = ("a mean whose SD, second value or rest follows in a form the grammar does not read (± -1.0, (SE 0.4), "
          "138/82, 8 years and 9 months)")


@pytest.mark.parametrize(("text", "expected"), [
    ("Mean age was 41.2 (SE 0.4) years.", [("41.2", SPREAD), ("0.4", NO_PATTERN)]),
    ("Mean blood pressure was 138.1/81.9 mm Hg.", [("138.1", SPREAD), ("81.9", NO_PATTERN)]),
    ("Mean age 41.2 (12.1) years.", [("41.2", "a number in brackets after a mean that the text does not name an SD"),
                                     ("12.1", "a number in brackets after a mean that the text does not name an SD")]),
    ("Median age 34 years (range 41-28).", [(n, "a range or IQR in reverse order: check it by hand")
                                            for n in ("34", "41", "28")]),
])
def test_a_summary_printed_in_a_form_the_schema_cannot_hold_is_left_unread(text, expected):
    assert rows(text) == []
    assert unread(text) == expected


def summary(quantity: str, statistic: str, value: str, low: str = "", high: str = "") -> tuple:
    return (quantity, statistic, value, "0", "years", low, high, "", "age", "=")


@pytest.mark.parametrize(("spread", "expected"), [
    ("(IQR 28-41)", [summary("age_median", "median", "34"), summary("age_q1", "q1", "28"),
                     summary("age_q3", "q3", "41")]),
    ("(range 28-41)", [summary("age_median", "median", "34"), summary("age_min", "min", "28"),
                       summary("age_max", "max", "41")]),
    ("(95% CI 28-41)", [summary("age_median", "median", "34", "28", "41")]),
])
def test_a_median_with_its_iqr_range_or_ci(spread, expected):
    assert rows(f"Median age 34 years {spread}.") == expected


# --- "18% (n = 9)": n is the percent's count where no whole count of n prints as the percent, but n of some total does
@pytest.mark.parametrize(("text", "expected"), [
    # 1 of 8 is 12.5%: no share of 1 patient prints as 12.5%, so 1 is the count
    ("Relapses: 12.5% (n = 1).", [count("n_1", "1"), ("pct_1", "percent", "12.5", "1", "percent", "", "", "", "n_1",
                                                      "=")]),
    # 1 of 8 is 12.5%, the upper end of what prints as 12% (closed: either rounding rule): 8 is the total
    ("Relapses: 12% (n = 8).", [count("total_1", "8"), ("pct_1", "percent", "12", "0", "percent", "", "", "total_1",
                                                        "", "=")]),
    # 1 of 8 is 12.5%, the lower end of what prints as 13%: 8 is the total
    ("Relapses: 13% (n = 8).", [count("total_1", "8"), ("pct_1", "percent", "13", "0", "percent", "", "", "total_1",
                                                        "", "=")]),
    # 0 of any total prints as 0%: the n of 0% is its count
    ("Relapses: 0% (n = 0).", [count("n_1", "0"), ("pct_1", "percent", "0", "0", "percent", "", "", "", "n_1", "=")]),
    # 0 patients: no share of 0 and no total for a count of 0 prints as 18%: n stays the total, for the audit to judge
    ("Relapses: 18% (n = 0).", [count("total_1", "0"), ("pct_1", "percent", "18", "0", "percent", "", "", "total_1",
                                                        "", "=")]),
    # 9 of 50 is 18% exactly: a share of 50 prints as 18%, so 50 is the total
    ("Relapses: 18% (n = 50).", [count("total_1", "50"), ("pct_1", "percent", "18", "0", "percent", "", "", "total_1",
                                                          "", "=")]),
    # 1 of 16 is 6.25%, the lower end of what prints as 6.3% (one decimal: half-width 0.05): 16 is the total
    ("Relapses: 6.3% (n = 16).", [count("total_1", "16"), ("pct_1", "percent", "6.3", "1", "percent", "", "",
                                                          "total_1", "", "=")]),
    # 1 of 1 is 100%: 1 is the total (a count of 1 would need a total of at least 1 too)
    ("Relapses: 100% (n = 1).", [count("total_1", "1"), ("pct_1", "percent", "100", "0", "percent", "", "", "total_1",
                                                         "", "=")]),
    # shares of 9 are 11.1% and 22.2%, none 11.2%; 9 of 80 is 11.25%, the upper end of 11.2%: 9 is the count
    ("Relapses: 11.2% (n = 9).", [count("n_1", "9"), ("pct_1", "percent", "11.2", "1", "percent", "", "", "", "n_1",
                                                      "=")]),
    # no share of 5 prints as 0.4%; 5 of 1112 to 5 of 1428 does (0.35% to 0.45%): 5 is the count
    ("Relapses: 0.4% (n = 5).", [count("n_1", "5"), ("pct_1", "percent", "0.4", "1", "percent", "", "", "", "n_1",
                                                     "=")]),
    # 1 of 8 is 12.5%, the lower end of 13%; no share of 1 prints as 13%: 1 is the count
    ("Relapses: 13% (n = 1).", [count("n_1", "1"), ("pct_1", "percent", "13", "0", "percent", "", "", "", "n_1", "=")]),
    # 0 patients: no total and no count of 0 prints as 0.4% (0 of any total is 0%): n stays the total
    ("Relapses: 0.4% (n = 0).", [count("total_1", "0"), ("pct_1", "percent", "0.4", "1", "percent", "", "", "total_1",
                                                         "", "=")]),
])
def test_the_n_after_a_percent_is_its_count_only_where_no_share_of_it_prints_as_the_percent(text, expected):
    assert rows(text) == expected


# --- a bare list of ARRs after the clause that names them
ARR_1 = ("arr_1", "rate", "0.20", "2", "per_patient_year", "", "", "", "", "=")


@pytest.mark.parametrize(("text", "expected"), [
    ("The ARR was 0.20 in A, and 0.10 in B", [ARR_1, ("arr_2", "rate", "0.10", "2", "per_patient_year", "", "", "",
                                                      "", "=")]),
    ("The ARR was 0.20 in A, and 0.10", [ARR_1, ("arr_2", "rate", "0.10", "2", "per_patient_year", "", "", "", "",
                                                 "=")]),
    # a word after the last number that is no preposition: it may be the number's unit, so the number stays unread
    ("The ARR was 0.20 in A, and 0.10 overall", [ARR_1]),
])
def test_a_decimal_after_an_arr_is_read_as_another_arr_only_where_nothing_follows_it_but_a_preposition(text, expected):
    assert rows(text) == expected


def test_a_number_after_one_word_alone_takes_no_name():
    text = "Overall 0.29 (95% CI 0.17-0.42)."
    assert rows(text) == []
    assert unread(text)[0] == ("0.29", UNNAMED)


def test_only_the_minus_before_a_number_is_its_sign_not_the_dash_of_a_range():
    # "(HR, -0.5, 0.3-0.9)": the dash between 0.3 and 0.9 is a range's; 0.9 keeps its own characters, 15 to 18
    text = "(HR, -0.5, 0.3-0.9)"
    assert [(u.printed.value, u.printed.start, u.printed.end) for u in extract(text, "demo").unread] == [
        ("-0.5", 5, 9), ("0.3", 11, 14), ("0.9", 15, 18)]


@pytest.mark.parametrize(("text", "unit", "variable"), [
    ("Median 2 attacks (range 1-4).", "relapses", "relapses"),  # a count noun takes its count unit
    ("Median follow-up 12 month (range 6-18).", "months", "follow_up"),  # a duration in the plural
])
def test_a_medians_unit_is_named_as_the_schema_names_units(text, unit, variable):
    assert [(row[0], row[4]) for row in rows(text)] == [(f"{variable}_{name}", unit) for name in ("median", "min",
                                                                                                  "max")]


# --- a text cut off inside an open bracket
CUT_OFF = "a number where the text stops inside an open bracket (cut off): its last digits may be missing"


@pytest.mark.parametrize("text", ["Relapses were rare (HR 0.5", "Relapses were rare (HR 0.5,",
                                  "Relapses were rare (HR 0.5;", "Relapses were rare [HR 0.5."])
def test_a_number_where_the_text_stops_inside_an_open_bracket_is_left_unread(text):
    assert rows(text) == []
    assert unread(text) == [("0.5", CUT_OFF)]


def test_a_number_before_its_closing_bracket_at_the_texts_end_is_read():
    assert rows("Relapses were rare (HR 0.5)") == [ratio("0.5", "1")]


def test_a_variable_named_with_a_greek_letter_loses_the_underscore_it_leaves():
    # "ΔEDSS": Δ is no a-z letter, so it becomes "_", which the name drops: "edss", not "v__edss"
    assert [row[0] for row in rows("Median ΔEDSS was 1.5 (range 0.5-3.0).")] == ["edss_median", "edss_min",
                                                                               "edss_max"]


# --- ratios and rates the schema cannot hold, each with its reason
RATIO_0 = "a ratio of 0 or less: the schema refuses it; check it by hand"
RATE_BELOW_0 = "a negative rate: no count of events over time gives it; check it by hand"
LEVEL = ("95", "the confidence level of an interval")


@pytest.mark.parametrize(("text", "expected"), [
    ("HR 0 (95% CI 0-1).", [("0", RATIO_0), LEVEL, ("0", RATIO_0), ("1", RATIO_0)]),
    ("ARR -0.10 (95% CI 0.00-0.10).", [("0.10", RATE_BELOW_0), LEVEL, ("0.00", RATE_BELOW_0), ("0.10", RATE_BELOW_0)]),
    ("ARR 12% lower.", [("12", "a percent after a ratio's or a rate's name (a relative change, \"RR reduction 35%\"), "
                               "not the ratio or the rate itself")]),
    ("Median ARR 0.3.", [("0.3", "a median of the patients' own ARRs (\"median ARR 0.3\"): not events over exposure, "
                                 "so no rate check applies, and the schema has no row for it")]),
    ("EDSS and ARR were 3.5 and 0.2.", [("3.5", "an ARR joined by \"and\" to a subject before it (\"EDSS and ARR were "
                                                "3.5 and 0.2\"): which number is its value would be a guess"),
                                        ("0.2", NO_PATTERN)]),
])
def test_a_ratio_or_rate_the_schema_cannot_hold_is_left_unread_with_its_reason(text, expected):
    assert rows(text) == []
    assert unread(text) == expected


def test_a_time_point_after_an_arrs_name_is_no_value():
    text = "The ARR 24-week was 0.3."
    assert rows(text) == [("arr_1", "rate", "0.3", "1", "per_patient_year", "", "", "", "", "=")]
    assert unread(text) == [("24", "a time point (\"6-month\", \"24-week\"), not the value of the statistic named "
                                   "before it")]


@pytest.mark.parametrize(("text", "variable"), [
    ("Mean: A=0.77; B=1.09.", "variable_a"),  # no words name the means and the arms have no unit: "variable"
    ("Median β2-microglobulin 2.1 (range 1.5-3.0).", "v_2_microglobulin"),  # "2_..." opens with a digit: "v_" first
    ("Median T2 lesion count 3 (range 1-5).", "t2_lesion_count"),  # a letter first: no "v_", whatever follows it
])
def test_the_name_of_a_summarys_variable_is_a_snake_case_name_starting_with_a_letter(text, variable):
    assert rows(text)[0][8] == variable


@pytest.mark.parametrize(("text", "expected"), [
    ("The HR was 35% lower.", [("35", "a percent after a ratio's or a rate's name (a relative change, \"RR reduction "
                                      "35%\"), not the ratio or the rate itself")]),
    ("The HR 12-month was 0.50.", [("12", "a time point (\"6-month\", \"24-week\"), not the value of the statistic "
                                          "named before it"), ("0.50", NO_PATTERN)]),
])
def test_a_percent_or_a_time_point_after_a_ratios_name_is_no_ratio(text, expected):
    assert rows(text) == []
    assert unread(text) == expected


def test_summaries_of_one_variable_are_numbered_in_order():
    text = ("Median age 30 years (range 20-40). Median age 31 years (range 21-41). "
            "Median age 32 years (range 22-42).")
    assert [row[0] for row in rows(text)][::3] == ["age_median", "age_2_median", "age_3_median"]


@pytest.mark.parametrize("text", ["The hazard ratio [HR] 0.23.", "The HR [hazard ratio] 0.23"])
def test_an_abbreviation_in_brackets_belongs_to_the_name_before_a_bare_estimate(text):
    assert rows(text) == [ratio("0.23", "2")]
