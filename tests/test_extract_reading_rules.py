"""``analysis.extract.reading``: the rules that turn a pattern found in a sentence into typed rows or unread
numbers. Each text is one short sentence written for the test; the expected rows (quantity, statistic, value,
unit, CI, links) and unread reasons are worked out by hand from the sentence and the rule the test names."""

from __future__ import annotations

import pytest

from analysis.extract import extract


def rows(text: str) -> list[tuple[str, ...]]:
    """(quantity, statistic, value, unit, ci_low, ci_high, denominator, of, comparator) of each row."""
    columns = ["quantity", "statistic", "value", "unit", "ci_low", "ci_high", "denominator", "of", "comparator"]
    return [tuple(r[c] for c in columns) for r in extract(text, "demo").values().to_dict("records")]


def unread(text: str) -> list[tuple[str, str]]:
    return [(u.printed.text, u.reason) for u in extract(text, "demo").unread]


def test_a_count_its_total_and_its_percent_are_linked():
    assert rows("Relapses: 12/20 (60%).") == [
        ("total_1", "count", "20", "patients", "", "", "", "", "="),
        ("n_1", "count", "12", "patients", "", "", "total_1", "", "="),
        ("pct_1", "percent", "60", "percent", "", "", "total_1", "n_1", "=")]
    assert unread("Relapses: 12/20 (60%).") == []


def brief(text: str) -> list[tuple[str, ...]]:
    """(quantity, value, ci_low, ci_high, denominator, of) of each row."""
    return [(q, v, lo, hi, d, o) for q, _, v, _, lo, hi, d, o, _ in rows(text)]


NO_PATTERN = "no pattern of the grammar reads it"
LEVEL = "the confidence level of an interval"
APPROXIMATE = "an approximate value (about, nearly, ~, ...): its digits are not a rounding of the exact value"
CARRIED = ("ambiguous link: the total this count and percent refer to is carried over from an earlier sentence, or "
           "is one of several groups counted before it")
UNTIED = ("a number a few words after a statistic's name, not tied to it (by was, of, from, an equals sign, a colon "
          "or a comma)")
LARGER = ("the end of a number in words above ninety-nine: the extraction reads one to ninety-nine in words; check it "
          "by hand")
PROPORTIONS = ("CI bounds of a percent printed as proportions (0 to 1): another scale than the percent's; check them "
               "by hand")
LOOSE_CI = "a CI after a clause, not tied to a percent before it (none holds it across words alone)"


@pytest.mark.parametrize(("text", "expected"), [
    # 0.213 is followed by a dash and a number: the first end of a range; 0.503, after a number and a dash, its
    # second end
    ("HRs: 0.213-0.503 across trials.", [("0.213", "the first end of a range, not one number"),
                                         ("0.503", "the second end of a range, not one number")]),
    ("Doses for 1–1.5% of cells.", [("1", NO_PATTERN), ("1.5", "the second end of a range, not one number")]),
    ("About 30% relapsed.", [("30", APPROXIMATE)]),
    ("Nearly 12 of 40 patients relapsed.", [("12", APPROXIMATE), ("40", APPROXIMATE)]),
    ("Of these, 3 (18%) relapsed.", [("3", CARRIED), ("18", CARRIED)]),
    ("3 (18%) of whom relapsed.", [("3", CARRIED), ("18", CARRIED)]),
    # "Two" opens and "sixteen" ends "Two hundred and sixteen", a number the extraction does not read in words
    ("Two hundred and sixteen patients were seen.", [("Two", LARGER), ("sixteen", LARGER)]),
    ("Visual acuity was 20/40 in the worse eye.", [("20", "a Snellen fraction (visual acuity), not a count of a "
                                                          "total"),
                                                   ("40", "a Snellen fraction (visual acuity), not a count of a "
                                                          "total")]),
    ("Response was 120% (95% CI 110-130).", [("120", "a percent outside 0 to 100: the schema refuses it; check it "
                                                     "by hand"), ("95", LEVEL),
                                             ("110", "the CI of a percent left unread"),
                                             ("130", "the CI of a percent left unread")]),
])
def test_numbers_a_rule_leaves_unread_with_its_whole_reason(text, expected):
    assert brief(text) == []
    assert unread(text) == expected


def test_a_count_of_a_snellen_total_with_its_noun_after_is_a_count():
    # "20/35 patients": a noun after the fraction makes it 20 patients of 35
    assert brief("Visual acuity improved in 20/35 patients.") == [("total_1", "35", "", "", "", ""),
                                                                  ("n_1", "20", "", "", "total_1", "")]


def test_a_percent_after_a_dose_is_read_alone_and_the_dose_left_unread():
    assert brief("Dose 53 mg daily (30%).") == [("pct_1", "30", "", "", "", "")]
    assert unread("Dose 53 mg daily (30%).") == [("53", "a dose")]


def test_a_count_before_a_verb_of_a_count_is_the_count_of_its_percent():
    assert brief("Then 53 were positive (7.8%).") == [("n_1", "53", "", "", "", ""),
                                                      ("pct_1", "7.8", "", "", "", "n_1")]


@pytest.mark.parametrize(("text", "bounds"), [
    ("Response was 45% (95% CI 0.41-0.49).", ("0.41", "0.49")),
    ("Response was 45% (95% CI 0.90-1.00).", ("0.90", "1.00")),  # an upper bound of exactly 1 is a proportion
])
def test_ci_bounds_of_a_percent_printed_as_proportions_are_unread(text, bounds):
    assert brief(text) == [("pct_1", "45", "", "", "", "")]
    assert unread(text) == [("95", LEVEL), (bounds[0], PROPORTIONS), (bounds[1], PROPORTIONS)]


def test_a_percent_holds_its_ci_and_leaves_its_p_unlinked():
    text = "Response was 45% (95% CI 41-49; p = 0.03)."
    assert rows(text) == [("pct_1", "percent", "45", "percent", "41", "49", "", "", "="),
                          ("p_1", "p", "0.03", "p", "", "", "", "", "=")]


@pytest.mark.parametrize("low", ["90.1", "96.0"])  # 96.0: the percent on the CI's lower end is still inside it
def test_a_ci_after_a_clause_of_words_is_the_percent_before_its(low):
    text = f"Of all, 96% were free from relapses (Kaplan-Meier analysis; 95% CI, {low}-99.0)."
    assert brief(text) == [("pct_1", "96", low, "99.0", "", "")]
    assert unread(text) == [("95", LEVEL)]


@pytest.mark.parametrize("text", [
    "Of all, 96% were free (KM; 95% CI, 96.1-99.0).",  # the CI does not hold the percent
    "Of all, 96% were free (KM; 95% CI, 90.0-95.9).",
    # 13 words between the percent and the bracket: too far to be its CI
    "Of all, 96% were free of any new relapse or new lesion on the last scan at one year (KM; 95% CI, 90.1-99.0).",
    "Of all, 96% (48 of 50) were free (KM; 95% CI, 90.1-99.0).",  # a bracket and numbers between them
    "Of all, most were free (KM; 95% CI, 90.1-99.0).",  # no percent before it
])
def test_a_ci_after_a_clause_not_tied_to_a_percent_is_unread(text):
    low, high = text.rsplit(", ", 1)[1].rstrip(").").split("-")
    assert (low, LOOSE_CI) in unread(text) and (high, LOOSE_CI) in unread(text)
    assert all(row[2:4] == ("", "") for row in brief(text))


def test_twelve_words_between_a_percent_and_a_clause_ci_still_tie_them():
    # were free of any new relapse or new lesion on the scan: 12 words
    text = "Of all, 96% were free of any new relapse or new lesion on the scan (KM; 95% CI, 90.1-99.0)."
    assert brief(text) == [("pct_1", "96", "90.1", "99.0", "", "")]


def test_estimates_printed_without_their_name_take_the_ratio_named_before_them():
    text = "HRs for relapse in both groups were 0.29 (95% CI 0.17-0.42) and 0.15 (95% CI 0.08-0.30)."
    assert rows(text) == [("hr_1", "ratio", "0.29", "ratio", "0.17", "0.42", "", "", "="),
                          ("hr_2", "ratio", "0.15", "ratio", "0.08", "0.30", "", "", "=")]


def _statistic(text: str) -> list[tuple[str, str, str, str, str]]:
    """(quantity, statistic, value, df, of) of each row."""
    return [(r["quantity"], r["statistic"], r["value"], r["df"], r["of"])
            for r in extract(text, "demo").values().to_dict("records")]


@pytest.mark.parametrize(("text", "expected"), [
    ("So r(30) = 1.00 here.", [("r_1", "r", "1.00", "30", "")]),  # both ends of r's range are in it
    ("So r(30) = -1.00 here.", [("r_1", "r", "-1.00", "30", "")]),
    ("So F(2, 30) = 0 here.", [("f_1", "F", "0", "2;30", "")]),
    ("So chi2(1) = 0 here.", [("chi2_1", "chi2", "0", "1", "")]),
    ("So t(30) = -2.5, p = 0.02 here.", [("t_1", "t", "-2.5", "30", ""), ("p_1", "p", "0.02", "", "t_1")]),
    ("So z = 2.0, p = 0.05 here.", [("z_1", "z", "2.0", "", ""), ("p_1", "p", "0.05", "", "z_1")]),
])
def test_test_statistics_on_the_edges_of_their_range_are_read_with_their_df_and_p(text, expected):
    assert _statistic(text) == expected


def _out_of_range(statistic: str) -> str:
    return f"a {statistic} statistic out of its range: the schema refuses it; check it by hand"


def _degrees(statistic: str, printed: int, wanted: int) -> str:
    return f"a {statistic} statistic printed with {printed} degrees of freedom where the schema needs {wanted}"


@pytest.mark.parametrize(("text", "expected"), [
    ("So r(30) = 1.2, p = 0.04 here.", [("30", _out_of_range("r")), ("1.2", _out_of_range("r"))]),
    ("So r(30) = -1.01 here.", [("30", _out_of_range("r")), ("1.01", _out_of_range("r"))]),
    ("So F(2, 30) = -0.1 here.", [("2", _out_of_range("F")), ("30", _out_of_range("F")),
                                  ("0.1", _out_of_range("F"))]),
    ("So chi2(2) = -1.0 here.", [("2", _out_of_range("chi2")), ("1.0", _out_of_range("chi2"))]),
    ("So F = 3.2, p = 0.04 here.", [("3.2", _degrees("F", 0, 2))]),
    ("So r = 0.5, p = 0.04 here.", [("0.5", _degrees("r", 0, 1))]),
    ("So z(3) = 2.0 here.", [("3", _degrees("z", 1, 0)), ("2.0", _degrees("z", 1, 0))]),
    ("So p = 1.5 here.", [("1.5", "a p outside 0 to 1: the schema refuses it; check it by hand")]),
])
def test_test_statistics_and_ps_the_schema_cannot_hold_are_unread(text, expected):
    assert unread(text) == expected
    # a p printed beside a refused statistic is still read, unlinked
    assert _statistic(text) == ([("p_1", "p", "0.04", "", "")] if "p = 0.04" in text else [])


def test_a_p_printed_as_not_significant_has_no_digits():
    found = extract("So p = NS here.", "demo").values().to_dict("records")
    assert [(r["quantity"], r["value"], r["decimals"], r["location"]) for r in found] == [
        ("p_1", "NS", "", "chars 7-9")]  # "NS" is characters 7-9 of the text


def test_a_list_of_ps_joined_by_and_is_one_p_each():
    assert _statistic("So p = 0.64, 0.92, and 0.82 here.") == [
        ("p_1", "p", "0.64", "", ""), ("p_2", "p", "0.92", "", ""), ("p_3", "p", "0.82", "", "")]
    assert _statistic("So p = 0.64 or 0.92 here.") == [("p_1", "p", "0.64", "", ""), ("p_2", "p", "0.92", "", "")]


@pytest.mark.parametrize("text", ["So p = 0.02, 0.03 but 0.04 here.", "So p = 0.02, 0.5 and 12 here.",
                                  "So p = 0.02, 0.5 and 3 here."])
def test_numbers_after_a_p_that_do_not_go_on_as_ps_are_unread(text):
    assert _statistic(text) == [("p_1", "p", "0.02", "", "")]
    after = text.split("0.02, ")[1].replace(" here.", "").replace("but ", "").replace("and ", "").split()
    assert unread(text) == [(n, "a number after a p value that the text does not print as another p") for n in after]


HALFWAY = ("CI bounds printed with different decimals from each other, the finer one halfway at the coarser decimals: "
           "check them by hand")


@pytest.mark.parametrize(("interval", "reason"), [
    ("90% CI 0.30-0.80", "bounds of a \"90% CI\": the audit's checks read 95% confidence intervals only"),
    ("95% CrI 0.30-0.80", "bounds of a \"95% CrI\": the audit's checks read 95% confidence intervals only"),
    ("95% CI 0.80-0.30", "CI bounds in reverse order: the schema refuses them; check them by hand"),
    # 0.25 at one decimal is halfway between 0.2 and 0.3; so is 0.75, and 0.750, at one decimal
    ("95% CI 0.25-0.9", HALFWAY),
    ("95% CI 0.2-0.75", HALFWAY),
    ("95% CI 0.2-0.750", HALFWAY),
])
def test_a_ci_the_checks_cannot_read_as_printed_leaves_the_estimate_without_it(interval, reason):
    text = f"The HR was 0.50 ({interval})."
    assert brief(text) == [("hr_1", "0.50", "", "", "", "")]
    low, high = interval.split()[-1].split("-")
    assert unread(text) == [(interval[:2], LEVEL), (low, reason), (high, reason)]


@pytest.mark.parametrize(("low", "high"), [("0.26", "0.9"), ("0.2", "0.76"), ("0.2", "0.751")])
def test_ci_bounds_with_different_decimals_off_halfway_are_read(low, high):
    assert brief(f"The HR was 0.50 (95% CI {low}-{high}).") == [("hr_1", "0.50", low, high, "", "")]


@pytest.mark.parametrize(("text", "reason"), [
    ("The HR was -0.5 here.", "a ratio of 0 or less: the schema refuses it; check it by hand"),
    ("The HR was 0 here.", "a ratio of 0 or less: the schema refuses it; check it by hand"),
    ("The rate was -0.1 relapses per patient-year.", "a negative rate: no count of events over time gives it; check "
                                                     "it by hand"),
])
def test_ratios_of_zero_or_less_and_negative_rates_are_unread(text, reason):
    number = "0" if " 0 " in text else text.split("-")[1].split()[0]
    assert brief(text) == []
    assert unread(text) == [(number, reason)]


@pytest.mark.parametrize("estimate", ["0.40", "0.30", "0.50"])  # inside the pair, or on either end of it
def test_an_unlabelled_pair_holding_the_estimate_in_its_bracket_is_its_ci(estimate):
    assert brief(f"So (HR {estimate}, 0.30-0.50) here.") == [("hr_1", estimate, "0.30", "0.50", "", "")]


@pytest.mark.parametrize("estimate", ["0.29", "0.51"])
def test_an_unlabelled_pair_that_does_not_hold_the_estimate_is_unread_and_its_p_still_linked(estimate):
    text = f"So (HR {estimate}, 0.30-0.50; p = 0.01) here."
    assert brief(text) == [("hr_1", estimate, "", "", "", ""), ("p_1", "0.01", "", "", "", "hr_1")]
    reason = "an unlabelled pair after an estimate that does not hold it: not read as its CI"
    assert unread(text) == [("0.30", reason), ("0.50", reason)]


def test_rates_per_100_and_per_1000_patient_years_take_their_unit_and_ci_and_leave_the_p_unlinked():
    text = "The rate was 4.2 per 100 patient-years (95% CI 3.1-5.3; p = 0.02)."
    assert rows(text) == [("rate_1", "rate", "4.2", "per_100_patient_years", "3.1", "5.3", "", "", "="),
                          ("p_1", "p", "0.02", "p", "", "", "", "", "=")]
    assert rows("The rate was 4.2 per 1,000 patient-years.") == [
        ("rate_1", "rate", "4.2", "per_1000_patient_years", "", "", "", "", "=")]
    assert rows("The rate was 0.3 relapses per patient-year.") == [
        ("rate_1", "rate", "0.3", "per_patient_year", "", "", "", "", "=")]


def test_a_rate_per_10000_patient_years_is_unread_with_its_scale():
    assert unread("The rate was 4.2 per 10000 patient-years.") == [
        ("4.2", "a rate per 10000 patient-years: the schema holds rates per patient-year, per 100 and per 1000 only"),
        ("10000", "the scale of a rate per 100 or 1000 patient-years")]


SUMMARY_UNCLEAR = "a summary whose variable the clause does not name clearly"


def test_a_median_with_its_range_or_iqr_names_its_variable_from_the_words_before_it():
    assert brief("Median age was 41 years (IQR 30-50).") == [
        ("age_median", "41", "", "", "", "age"), ("age_q1", "30", "", "", "", "age"),
        ("age_q3", "50", "", "", "", "age")]
    # a range of one value is in order
    assert [r[:4] for r in rows("Median age was 41 years (range 41-41).")] == [
        ("age_median", "median", "41", "years"), ("age_min", "min", "41", "years"), ("age_max", "max", "41", "years")]


def test_a_range_in_reverse_order_is_unread():
    assert unread("Median age was 41 years (range 60-20).") == [
        (n, "a range or IQR in reverse order: check it by hand") for n in ("41", "60", "20")]


def test_a_median_with_its_ci_is_one_row_holding_both_bounds():
    assert rows("Median time to relapse was 13.7 months (95% CI 8.2-37.9).") == [
        ("time_to_relapse_median", "median", "13.7", "months", "8.2", "37.9", "", "time_to_relapse", "=")]


def test_a_second_median_of_the_same_words_gets_a_variable_of_its_own():
    assert [r[0] for r in rows("Median 12 months (range 8-37) and median 14 months (range 9-30).")] == [
        "months_median", "months_min", "months_max", "months_2_median", "months_2_min", "months_2_max"]


@pytest.mark.parametrize("text", [
    "Median time was not 13.7 months (range 8-37).",  # a negation in the words before the number
    # nine words between "Median" and the number: time to first relapse in the whole trial was
    "Median time to first relapse in the whole trial was 13.7 months (range 8-37).",
])
def test_a_median_whose_words_do_not_name_it_clearly_is_unread(text):
    assert brief(text) == []
    assert unread(text) == [(n, SUMMARY_UNCLEAR) for n in ("13.7", "8", "37")]


def test_eight_words_before_a_median_still_name_it():
    # time to first relapse in the trial was: 8 words, "the" and "was" left out of the name
    assert [r[0] for r in rows("Median time to first relapse in the trial was 13.7 months (range 8-37).")] == [
        "time_to_first_relapse_in_trial_median", "time_to_first_relapse_in_trial_min",
        "time_to_first_relapse_in_trial_max"]


def test_a_mean_with_its_sd_named_is_read_and_a_bare_bracket_is_not():
    assert brief("Mean age was 41.2 (SD 9.8) years.") == [("age_mean", "41.2", "", "", "", "age"),
                                                         ("age_sd", "9.8", "", "", "", "age")]
    assert unread("Mean age was 41.2 (9.8) years.") == [
        (n, "a number in brackets after a mean that the text does not name an SD") for n in ("41.2", "9.8")]


def test_a_mean_per_arm_is_one_variable_per_arm_and_the_p_is_left_unlinked():
    assert rows("Mean increase in EDSS: A=0.77; B=1.09; P=0.004.") == [
        ("increase_in_edss_a_mean", "mean", "0.77", "measure", "", "", "", "increase_in_edss_a", "="),
        ("increase_in_edss_b_mean", "mean", "1.09", "measure", "", "", "", "increase_in_edss_b", "="),
        ("p_1", "p", "0.004", "p", "", "", "", "", "=")]
    text = "Mean increase not in EDSS: A=0.77; B=1.09; P=0.004."
    assert brief(text) == [("p_1", "0.004", "", "", "", "")]
    assert unread(text) == [("0.77", SUMMARY_UNCLEAR), ("1.09", SUMMARY_UNCLEAR)]


@pytest.mark.parametrize(("text", "number", "reason"), [
    ("At the 24th infusion it ended.", "24", "an ordinal (24th, 3rd, ...), not a count"),
    ("We gave 450 mg intravenous infusion.", "450", "a dose"),
    ("In 2019 enrolled centres grew.", "2019", "a date"),
    ("We saw 3 or more relapses.", "3", "a number whose words before its noun make it no count"),
    ("Then 2019 randomized.", "2019", "a date"),
    ("Then 7.5 randomized.", "7.5", NO_PATTERN),  # a decimal is no count of patients
    ("Then 74 were seen.", "74", NO_PATTERN),  # "were" says too little to count patients
])
def test_a_number_before_a_noun_or_verb_that_is_no_count_is_unread(text, number, reason):
    assert brief(text) == []
    assert unread(text) == [(number, reason)]


@pytest.mark.parametrize(("text", "numbers"), [
    ("We saw 2 or 3 patients.", ("2", "3")),
    ("Between 10 and 20 patients came.", ("10", "20")),
])
def test_counts_joined_by_a_word_that_makes_them_no_list_are_unread(text, numbers):
    assert unread(text) == [(n, "counts joined by a word that makes them no list of counts") for n in numbers]


def test_counts_joined_by_and_are_one_count_each():
    assert brief("We saw 821 and 835 patients.") == [("n_1", "821", "", "", "", ""), ("n_2", "835", "", "", "", "")]


def test_a_number_in_words_after_hundred_is_unread():
    assert unread("One hundred twenty patients came.") == [("One", LARGER), ("twenty", LARGER)]


def test_a_verb_of_patients_makes_the_number_before_it_a_count_of_patients():
    assert rows("Then 74 randomized.") == [("n_1", "count", "74", "patients", "", "", "", "", "=")]


@pytest.mark.parametrize(("text", "unit"), [
    ("Seventy-one patients came.", "patients"), ("We saw 20 children.", "participants"),
    ("We saw 12 centres.", "centers"), ("We saw 3 countries.", "countries"), ("We saw 1 country.", "countries"),
    ("We saw 40 subjects.", "participants"), ("We saw 7 mice.", "mice"), ("We saw 9 episodes.", "episodes"),
    ("We saw 9 attacks.", "relapses"), ("We saw 9 infusions.", "infusions"), ("We saw 9 cases.", "participants"),
])
def test_a_count_takes_the_unit_its_noun_names(text, unit):
    value = "71" if text.startswith("Seventy") else text.split()[2]
    assert rows(text) == [("n_1", "count", value, unit, "", "", "", "", "=")]


@pytest.mark.parametrize(("text", "expected"), [
    # 18% of 9 patients is no whole count (1/9 = 11.1%, 2/9 = 22.2%), but 9 of 49 to 51 is 18%: n is the count
    ("So 18% (n = 9) relapsed.", [("n_1", "9", "", "", "", ""), ("pct_1", "18", "", "", "", "n_1")]),
    # 35/40 = 87.5%: n is the total
    ("So 87.5% (N = 40) relapsed.", [("total_1", "40", "", "", "", ""), ("pct_1", "87.5", "", "", "total_1", "")]),
    # 1/8 = 12.5%, on the edge of what prints as 12%: still a share of 8
    ("So 12% (N = 8) relapsed.", [("total_1", "8", "", "", "", ""), ("pct_1", "12", "", "", "total_1", "")]),
    # 0 of any total is 0%: n = 0 is the count
    ("So 0% (n = 0) relapsed.", [("n_1", "0", "", "", "", ""), ("pct_1", "0", "", "", "", "n_1")]),
    # no share of 3 prints as 43% (1/3 = 33.3%, 2/3 = 66.7%), but 3 of 7 does (42.86%): n is the count
    ("So 43% (n = 3) relapsed.", [("n_1", "3", "", "", "", ""), ("pct_1", "43", "", "", "", "n_1")]),
    # 99% of 5 is no share (4/5 = 80%), and 5 of N is 99% for no N (5/5 = 100%, 5/6 = 83%): read as the total
    ("So 99% (n = 5) relapsed.", [("total_1", "5", "", "", "", ""), ("pct_1", "99", "", "", "total_1", "")]),
])
def test_n_beside_a_percent_is_its_total_where_a_share_of_it_prints_as_the_percent_else_its_count(text, expected):
    assert brief(text) == expected


@pytest.mark.parametrize(("name", "prefix"), [
    ("hazard ratio", "hr"), ("odds ratio", "or"), ("aHR", "hr"), ("ORs", "or"), ("incidence rate ratio", "irr"),
    ("relative risk", "rr"), ("risk ratio", "rr"), ("rate ratio", "rr"), ("ARR ratio", "rr"), ("IRR", "irr"),
])
def test_a_ratio_takes_the_prefix_of_its_name(name, prefix):
    assert brief(f"The {name} was 0.4 (95% CI 0.2-0.8).") == [(f"{prefix}_1", "0.4", "0.2", "0.8", "", "")]


@pytest.mark.parametrize("text", ["The hazard ratio [HR] 0.23 (95% CI 0.1-0.5) was low.",
                                  "The hazard ratio (HR) = 0.23 (95% CI 0.1-0.5) was low."])
def test_an_abbreviation_in_brackets_after_a_ratio_is_part_of_its_name(text):
    assert brief(text) == [("hr_1", "0.23", "0.1", "0.5", "", "")]


@pytest.mark.parametrize(("text", "read"), [
    ("The HR for relapse in this trial was 0.44.", True),  # six words, the last a tie: its value
    ("The HR for relapse in this whole trial was 0.44.", False),  # seven words
    ("The HR for relapse in this trial near 0.44.", False),  # six words that do not end in a tie
    # with a CI, up to fifteen words
    ("The HR for a first relapse in the whole of this cohort of newly treated patients was 0.44 (95% CI 0.2-0.9).",
     True),
    ("The HR for a first relapse in the whole of this small cohort of newly treated patients was 0.44 "
     "(95% CI 0.2-0.9).", False),
])
def test_a_number_a_few_words_after_a_ratios_name_is_its_value_only_where_the_words_tie_them(text, read):
    if read:
        assert [row[:2] for row in brief(text)] == [("hr_1", "0.44")]
    else:
        assert brief(text) == []
        assert ("0.44", UNTIED) in unread(text)


def _rates(text: str) -> list[str]:
    return [row[2] for row in rows(text) if row[1] == "rate"]


@pytest.mark.parametrize(("text", "expected"), [
    # 0.20 follows "to" and, across "in year 1 and fell", the rate 0.40; 0.10 and 0.05 go on from it
    ("The ARR was 0.40 in year 1 and fell to 0.20, 0.10 and 0.05 in year 4.", ["0.40", "0.20", "0.10", "0.05"]),
    # a bracket opens the list after the clause that names the ARR
    ("The ARR of the group treated was (0.16 vs. 0.29 in year 1).", ["0.16", "0.29"]),
    ("The ARR was 0.40 and 0.30, 0.20 and 0.10 at end.", ["0.40", "0.30", "0.20", "0.10"]),
    # six words, ending in a comma, join the next rate to the one before
    ("The ARR was 0.40 and in the newly treated group, 0.30 at end.", ["0.40", "0.30"]),
    # seven words are too many
    ("The ARR was 0.40 and in the newly treated drug group, 0.30 at end.", ["0.40"]),
    ("The ARR was 0.40 and was 0.30 at end.", ["0.40"]),  # a verb of its own: another statistic's value
    # one subject: "respectively" maps its values to the arms, "with" joins no series
    ("The ARR was 0.40 and 0.30, respectively, with 0.20 at end.", ["0.40", "0.30"]),
    ("The ARR and the EDSS were 0.2 and 3.5 at baseline.", ["0.2"]),  # 3.5 is the EDSS
    ("The ARR was 0.40 and 0.30, with 0.20 at end.", ["0.40", "0.30"]),  # "with" joins no series
])
def test_a_bare_list_of_rates_after_the_clause_that_names_the_arr(text, expected):
    assert _rates(text) == expected


def test_rates_read_from_a_list_have_the_arr_unit_and_no_ci_or_link():
    assert rows("The ARR was 0.40 and 0.30 at end.") == [
        ("arr_1", "rate", "0.40", "per_patient_year", "", "", "", "", "="),
        ("arr_2", "rate", "0.30", "per_patient_year", "", "", "", "", "=")]


def test_an_estimate_after_a_bracket_takes_the_arr_named_before_it():
    assert rows("The ARR (in both arms) was 0.29 (95% CI 0.17-0.42).") == [
        ("arr_1", "rate", "0.29", "per_patient_year", "0.17", "0.42", "", "", "=")]


UNNAMED = "an estimate with a CI whose statistic the clause does not name"


@pytest.mark.parametrize("text", [
    "The ARR (in both arms) near 0.29 (95% CI 0.17-0.42).",  # no tie before the number
    "Rates were 0.29 (95% CI 0.17-0.42).",  # no statistic's name at all
])
def test_an_estimate_whose_name_the_sentence_does_not_tie_to_it_is_unread(text):
    assert brief(text) == []
    assert unread(text) == [("0.29", UNNAMED), ("95", LEVEL), ("0.17", UNNAMED), ("0.42", UNNAMED)]


@pytest.mark.parametrize("joint", ["and it was", "and in the newly treated group"])  # a subject of their own
def test_the_next_estimate_of_a_series_is_unread_where_the_words_between_do_not_join_them(joint):
    text = f"HRs were 0.29 (95% CI 0.17-0.42) {joint} 0.15 (95% CI 0.08-0.30)."
    assert brief(text) == [("hr_1", "0.29", "0.17", "0.42", "", "")]
    assert unread(text) == [("95", LEVEL), ("0.15", UNNAMED), ("95", LEVEL), ("0.08", UNNAMED), ("0.30", UNNAMED)]


@pytest.mark.parametrize(("text", "unit"), [
    ("Median stay was 1 day (range 1-3 days).", "days"),  # a singular duration, made plural
    ("Median 12 patients (range 8-37).", "patients"),
])
def test_a_summary_takes_the_unit_its_words_name(text, unit):
    assert {row[3] for row in rows(text)} == {unit}


@pytest.mark.parametrize(("text", "value", "location"), [
    ("Twenty patients came.", "20", "chars 0-6"),
    ("Twelve mice came.", "12", "chars 0-6"),
    ("Forty\u2010two patients came.", "42", "chars 0-9"),  # joined by a hyphen of another kind
])
def test_a_count_in_words_is_read_as_its_number(text, value, location):
    found = extract(text, "demo").values().to_dict("records")
    assert [(r["value"], r["decimals"], r["location"]) for r in found] == [(value, "0", location)]


@pytest.mark.parametrize("minus", ["\u2212", "-"])
def test_a_minus_sign_of_either_kind_belongs_to_its_number(minus):
    found = extract(f"So t(30) = {minus}2.5 here.", "demo").values().to_dict("records")
    # the minus is character 11, "2.5" characters 12-15
    assert [(r["value"], r["location"]) for r in found] == [("-2.5", "chars 11-15")]
    assert brief(f"The HR was 0.5 (95% CI {minus}0.2 to 0.9).") == [("hr_1", "0.5", "-0.2", "0.9", "", "")]


@pytest.mark.parametrize("joint", ["to", "–", "-", "—"])
def test_an_estimate_followed_by_another_end_of_a_range_is_no_estimate(joint):
    text = f"HR 0.21 {joint} 0.50 across trials."
    assert brief(text) == []
    second = NO_PATTERN if joint == "to" else "the second end of a range, not one number"  # a dash just before
    assert unread(text) == [("0.21", "the first end of a range, not one number"), ("0.50", second)]


@pytest.mark.parametrize("verb", ["was", "were", "is", "are"])
def test_a_list_after_an_arr_joined_to_another_subject_is_not_read_as_rates(verb):
    # "The ARR and the EDSS <verb> 0.2 and 3.5": 0.2 is the ARR (its clause ties it), 3.5 the EDSS
    assert _rates(f"The ARR and the EDSS {verb} 0.2 and 3.5 at baseline.") == ["0.2"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The ARR was 0\u00b740 and 0\u00b730 at end.", ["0.40", "0.30"]),  # a middle dot for the decimal point
    # "to" ties the rate to the ARR across the label "year 1" of another number
    ("The ARR in year 1 fell to 0.20 at end.", ["0.20"]),
    # fifteen words between the name and the first rate of the list: in both arms over the whole of the entire
    # long period of follow up was
    ("The ARR (in both arms) over the whole of the entire long period of follow up was 0.30 at end.", ["0.30"]),
    # sixteen
    ("The ARR (in both arms) over the whole of the entire long period of their follow up was 0.30 at end.", []),
    ("The ARR was 0.40 0.30 at end.", ["0.40"]),  # nothing joins 0.30 to the rate before it
    ("The ARR (in 12 patients) was 0.30 at end.", []),  # a count between the name and the number
    ("The ARR (in 1.5 years) was 0.30 at end.", []),  # a decimal between them
    ("The ARR (A - B) was 0.30 at end.", ["0.30"]),  # a dash between words keeps them words
    ("The ARR (A = B) was 0.30 at end.", []),  # an equals sign between them: another value's
])
def test_the_first_rate_of_a_bare_list_takes_the_arr_only_across_words(text, expected):
    assert _rates(text) == expected


@pytest.mark.parametrize("after", [", end.", "; end.", " vs end.", " and end.", " at end.", " in end.", " with end.",
                                   " on end.", " for end.", ""])
def test_a_rate_of_a_bare_list_stands_alone_before_a_separator_or_a_joining_word(after):
    assert _rates(f"The ARR was 0.40 and 0.30{after}") == ["0.40", "0.30"]


def test_a_rate_of_a_bare_list_may_close_a_bracket():
    assert _rates("The ARR was (0.40 and 0.30) at end.") == ["0.40", "0.30"]


@pytest.mark.parametrize("after", ["%.", " mg.", " years.", " to end.", " by end.", " relapses."])
def test_a_decimal_with_a_unit_or_a_word_of_its_own_after_it_is_no_rate_of_a_list(after):
    assert _rates(f"The ARR was 0.40 and 0.30{after}") == ["0.40"]


def test_the_next_estimate_of_a_series_takes_the_statistic_of_the_one_before_across_its_p():
    text = "HRs were 0.50 (95% CI 0.30-0.80; p = 0.01) and 0.29 (95% CI 0.10-0.50)."
    assert brief(text) == [("hr_1", "0.50", "0.30", "0.80", "", ""), ("p_1", "0.01", "", "", "", "hr_1"),
                           ("hr_2", "0.29", "0.10", "0.50", "", "")]


def test_the_next_estimate_after_an_annualised_rate_is_a_rate_with_its_ci():
    assert rows("ARR was 0.50 (95% CI 0.30-0.80) and 0.29 (95% CI 0.10-0.50).") == [
        ("arr_1", "rate", "0.50", "per_patient_year", "0.30", "0.80", "", "", "="),
        ("arr_2", "rate", "0.29", "per_patient_year", "0.10", "0.50", "", "", "=")]


@pytest.mark.parametrize("text", [
    "So p = 0.02 vs 0.29 (95% CI 0.10-0.50) here.",  # a p alone before it: no estimate to take a name from
    "HRs were 0.50 (95% CI 0.30-0.80) in 12 patients and 0.29 (95% CI 0.10-0.50).",  # a count before it
])
def test_an_estimate_after_a_number_of_no_estimate_is_unread(text):
    assert ("0.29", UNNAMED) in unread(text)
    assert all(row[1] != "0.29" for row in brief(text))


@pytest.mark.parametrize("before", ["\u2212", "-", "= ", "< ", "\u00b1 ", "p ", "/"])
def test_a_decimal_after_a_sign_a_comparison_or_a_p_is_no_rate_of_a_list(before):
    assert _rates(f"The ARR was 0.40 and {before}0.30 at end.") == ["0.40"]
    assert _rates(f"The ARR (in both arms) was {before}0.30 at end.") == []


def test_an_and_before_the_arr_does_not_make_its_subject_compound():
    # "A and B" name the trials, not a second subject of "were": the list goes on from the ARR's 0.40
    assert _rates("In trials A and B the ARR were 0.40 and 0.30 at end.") == ["0.40", "0.30"]


LATER_SUBJECT = ("an ARR joined by \"and\" to a subject before it (\"EDSS and ARR were 3.5 and 0.2\"): which number is "
                 "its value would be a guess")


@pytest.mark.parametrize("text", ["EDSS and ARR were 3.5 and 0.2, respectively.",
                                  "The EDSS and the ARR are 3.5 and 0.2 at baseline."])
def test_an_arr_named_after_another_subject_of_a_plural_verb_is_not_given_the_first_number(text):
    # 3.5 is the EDSS, the first subject's value: before this rule it was read as the ARR
    assert brief(text) == []
    assert unread(text) == [("3.5", LATER_SUBJECT), ("0.2", NO_PATTERN)]


def test_an_arr_after_and_with_a_verb_of_its_own_is_read():
    assert _rates("Relapses fell and the ARR was 0.2 at end.") == ["0.2"]


@pytest.mark.parametrize(("text", "expected"), [
    # the words after the ARR stop at its first number: a later "and ... were" is another clause's
    ("The ARR was 0.40 and 0.30, and relapses were fewer.", ["0.40", "0.30"]),
    # "and" with no verb after it before the number: no second subject
    ("The ARR in A and B (0.40 and 0.30) at end.", ["0.40", "0.30"]),
])
def test_an_and_after_the_arr_makes_no_compound_subject_without_a_verb_before_the_number(text, expected):
    assert _rates(text) == expected


@pytest.mark.parametrize(("label", "statistic"), [("t", "t"), ("z", "z"), ("χ2", "chi2"), ("χ²", "chi2"),
                                                  ("chi2", "chi2"), ("chi-square", "chi2"), ("chi-squared", "chi2"),
                                                  ("X2", "chi2")])
def test_each_label_of_a_test_names_its_statistic(label, statistic):
    degrees = "" if statistic == "z" else "(1)"
    found = extract(f"So {label}{degrees} = 4.2 here.", "demo").values().to_dict("records")
    assert [(r["statistic"], r["value"]) for r in found] == [(statistic, "4.2")]


@pytest.mark.parametrize("text", ["Thirteen out of 26 patients (50%) relapsed.",
                                  "Thirteen of twenty-six (50%) relapsed.",
                                  "In this cohort 13 out of 26 (50%) relapsed."])
def test_a_count_out_of_its_total_in_digits_or_words_is_linked_to_its_percent(text):
    # 13 / 26 = 50 %: the count is the first number, the total the second, whether "out of" or "of" joins them.
    assert [r[1:3] + r[6:8] for r in rows(text)] == [
        ("count", "26", "", ""), ("count", "13", "total_1", ""), ("percent", "50", "total_1", "n_1")]
    assert unread(text) == []


def test_a_total_that_goes_on_in_words_past_ninety_nine_is_left_unread():
    # "four of one hundred": the total is 100, which the extraction does not read in words.
    assert rows("Four of one hundred patients (4%) died.") == [
        ("pct_1", "percent", "4", "percent", "", "", "", "", "=")]
    assert [reason for _, reason in unread("Four of one hundred patients (4%) died.")] == [
        "the end of a number in words above ninety-nine: the extraction reads one to ninety-nine in words; check it "
        "by hand"] * 2


CHANGE = 'a difference or change printed in percent ("risk difference 4.9%"): not a share of a total'


@pytest.mark.parametrize(("text", "changes"), [
    ("Drug B cut the risk of a first attack by 40% over two years.", ["40"]),
    ("Drug B lowered the ARR by 35.5%/38.1% in the two trials.", ["38.1"]),
    ("The two doses gave 18% and 27% reductions in new lesions.", ["18", "27"]),
    ("Exposure reached 900 patient-years [12.5% increase].", ["12.5"]),
    ("Mean lymphocyte count declined 21.4% by week 48.", ["21.4"]),
    ("A 30% lower hazard was seen with drug B.", ["30"]),
])
def test_a_relative_change_in_percent_is_no_share_and_is_left_unread(text, changes):
    # Each percent is the size of a change (a verb of change before it, or a noun or comparative of change after
    # it), not the share of a total: typed a percent, the audit would check it as k of n.
    assert [r for r in rows(text) if r[1] in ("percent", "mean")] == []
    assert [number for number, reason in unread(text) if reason == CHANGE] == changes


@pytest.mark.parametrize("text", ["The share rose from 20% to 45% of patients.",
                                  "Relapse-free survival improved to 81% (95% CI 70-89)."])
def test_a_percent_after_to_or_from_is_a_level_and_is_read(text):
    # "rose from 20% to 45%", "improved to 81%": the levels before and after a change are shares.
    assert [r[1] for r in rows(text)] == ["percent"] * (2 if "20%" in text else 1)


def test_a_count_over_its_total_then_its_percent_in_one_bracket_are_linked():
    # 26 / 121 = 21.5 %, printed 22 %: linked, so the audit can say the percent is no rounding of the share.
    assert [r[1:3] + r[6:8] for r in rows("Response was rarer with drug A (n=26/121, 22%).")] == [
        ("count", "121", "", ""), ("count", "26", "total_1", ""), ("percent", "22", "total_1", "n_1")]


def test_thousands_parted_by_a_space_before_a_closing_bracket_are_one_number():
    assert [r[2] for r in rows("Users (n=12 418) and non-users (n=30 007) were compared.")] == ["12418", "30007"]


@pytest.mark.parametrize("text", ["Vision recovered to 20/40 or better VA in most eyes.",
                                  "A final acuity of 20/200 was seen in two eyes."])
def test_a_snellen_fraction_named_before_or_after_is_no_count_of_a_total(text):
    assert [r for r in rows(text) if r[2] in ("20", "40", "200")] == []
    assert ("20", "a Snellen fraction (visual acuity), not a count of a total") in unread(text)


LABEL = "a design fact or label (a phase, time point, grade or name)"


@pytest.mark.parametrize(("text", "label"), [("This phase 2 study enrolled 60 patients.", "2"),
                                             ("Cohort 2 participants were older.", "2"),
                                             ("Grade 4 events were rare.", "4")])
def test_a_number_naming_a_phase_cohort_or_grade_is_no_count(text, label):
    assert (label, LABEL) in unread(text)
    assert label not in [r[2] for r in rows(text)]


def test_a_cohort_after_a_determiner_is_the_subject_before_a_count():
    # "in this cohort 9 of 30": the cohort is named, 9 is its count.
    assert [r[2] for r in rows("In this cohort 9 of 30 patients (30%) relapsed.")] == ["30", "9", "30"]


def test_a_time_point_after_a_mean_or_median_is_no_value_of_it():
    reason = "a time point (\"6-month\", \"24-week\"), not the value of the statistic named before it"
    assert unread("Mean scores changed from baseline to 12-weeks follow-up.") == [("12", reason)]
    assert rows("Mean scores changed from baseline to 12-weeks follow-up.") == []


@pytest.mark.parametrize("text", ["Four patient-reported scales were used.",
                                  "In all, 31 attacks occurred in 19 patient-years."])
def test_a_hyphened_compound_of_patient_is_no_noun_of_people(text):
    # "patient-reported" and "patient-years" are not patients: 4 scales, and 19 patient-years of exposure.
    assert [r for r in rows(text) if r[3] == "patients"] == []


def means(text: str) -> list[tuple[str, str, str]]:
    """(quantity, statistic, value) of each mean and SD row."""
    return [(r[0], r[1], r[2]) for r in rows(text) if r[1] in ("mean", "sd")]


def test_several_means_with_their_sds_after_one_label_are_one_variable_each():
    # Three signed means after "mean (SD)", each with its SD in brackets, joined by commas and "and".
    text = "The mean (SD) change in the fatigue score was −4.2 (6.1), −5.0 (5.5) and −0.7 (6.3), respectively."
    assert means(text) == [
        ("change_in_fatigue_score_mean", "mean", "-4.2"), ("change_in_fatigue_score_sd", "sd", "6.1"),
        ("change_in_fatigue_score_2_mean", "mean", "-5.0"), ("change_in_fatigue_score_2_sd", "sd", "5.5"),
        ("change_in_fatigue_score_3_mean", "mean", "-0.7"), ("change_in_fatigue_score_3_sd", "sd", "6.3")]
    assert unread(text) == []


def test_means_plus_minus_sds_named_by_their_groups_between_them_are_read():
    text = "The mean (±SD) lesion count was 2.10±3.30 in the placebo group and 0.40±0.90 in the treated group."
    assert [r[1:3] for r in means(text)] == [("mean", "2.10"), ("sd", "3.30"), ("mean", "0.40"), ("sd", "0.90")]


def test_a_mean_labelled_plus_minus_sd_before_its_name_is_read():
    assert means("The mean ± SD age was 9±2.5 years.") == [("age_mean", "mean", "9"), ("age_sd", "sd", "2.5")]


def test_a_mean_and_sd_after_a_clause_of_its_own_is_not_taken_for_the_next_item_of_the_list():
    # "and the disease duration was": a verb opens a new clause; the second pair's variable is not the first's.
    text = "Mean age 38 ± 8 years and the disease duration was 6.5 ± 4.0 years."
    assert [r[1:3] for r in means(text)] == [("mean", "38"), ("sd", "8")]
    assert [number for number, _ in unread(text)] == ["6.5", "4.0"]


@pytest.mark.parametrize(("text", "q1", "q3"), [("Onset came at a median age=31 years, IQR=24-40.", "24", "40"),
                                               ("Recovery took a median of 5.2 weeks (IQR=3.1-8.8).", "3.1", "8.8")])
def test_an_iqr_given_with_an_equals_sign_is_the_medians_spread(text, q1, q3):
    assert [(r[1], r[2]) for r in rows(text) if r[1] in ("q1", "q3")] == [("q1", q1), ("q3", q3)]


@pytest.mark.parametrize(("text", "quantity"), [("Risk rose (Hazard Ratio [HR] 1.45, CI 1.10-1.91).", "hr_1"),
                                                ("Falls were rarer (hazards ratio=0.40, 95% CI 0.20-0.80).", "hr_1"),
                                                ("Odds Ratio 1.8 (95% CI 1.1-2.9).", "or_1")])
def test_a_ratio_named_in_words_with_capitals_or_a_plural_hazards_is_read(text, quantity):
    assert [r[:2] for r in rows(text) if r[1] == "ratio"] == [(quantity, "ratio")]


def test_or_in_lower_case_is_a_word_not_an_odds_ratio():
    assert [r[1] for r in rows("Patients (n=52) with or without relapse were compared.")] == ["count"]


def test_the_p_of_a_named_test_is_a_p():
    assert [r[1:3] for r in rows("No subgroup differed (P value for interaction = .64).")] == [("p", ".64")]
    assert [r[1:3] for r in rows("Doses differed (p for trend < 0.01).")] == [("p", "0.01")]


def test_counts_of_female_and_male_in_the_singular_are_counts_of_people():
    assert [r[2:4] for r in rows("Of 41 patients, 29 female and 12 male were enrolled.")
            if r[2] in ("29", "12")] == [("29", "patients"), ("12", "patients")]


def test_a_series_of_estimates_with_their_p_inside_the_brackets_is_read_whole():
    # The CI label is given once after the name; each estimate prints its CI and its p in one bracket.
    text = "The HR (95% CI) was 0.50 (0.30–0.80; P=0.004) for A and 0.70 (0.45–1.10; P=0.12) for B."
    assert [r[1:3] + r[4:6] for r in rows(text)] == [
        ("ratio", "0.50", "0.30", "0.80"), ("p", "0.004", "", ""), ("ratio", "0.70", "0.45", "1.10"),
        ("p", "0.12", "", "")]
    assert [r[7] for r in rows(text) if r[1] == "p"] == ["hr_1", "hr_2"]


def test_a_rate_per_100_person_years_with_a_hyphen_is_read_with_its_scale():
    assert [r[1:6] for r in rows("The rate was 3.10 per 100-person-years (95% CI 2.4-3.9).")] == [
        ("rate", "3.10", "per_100_patient_years", "2.4", "3.9")]


def test_deaths_are_counted_as_people():
    assert [r[1:4] for r in rows("Of 845 deaths, most were early.")] == [("count", "845", "patients")]


@pytest.mark.parametrize("text", ["Onset was later (median: 14 days VS 30 days).",
                                  "Median follow-up was 14 vs 30 days."])
def test_two_medians_compared_after_one_name_are_one_variable_each(text):
    assert [r[1:4] for r in rows(text)] == [("median", "14", "days"), ("median", "30", "days")]


@pytest.mark.parametrize(("text", "count"), [("At 12 weeks 18 responded (45%).", "18"),
                                             ("Over the study 230 developed MS and 12 emigrated.", "230")])
def test_a_number_before_a_verb_of_patients_is_a_count_of_patients(text, count):
    assert (count, "patients") in [(r[2], r[3]) for r in rows(text) if r[1] == "count"]


@pytest.mark.parametrize(("text", "value"), [("Seventy-two percent of patients improved.", "72"),
                                             ("Thirty percent (12/40) relapsed.", "30")])
def test_a_percent_in_words_is_read(text, value):
    assert [r[2] for r in rows(text) if r[1] == "percent"] == [value]


def test_numbers_in_words_joined_by_of_with_no_noun_of_people_or_percent_count_nothing():
    assert rows("Patients were allocated to one of three arms.") == []
    assert [reason for _, reason in unread("Patients were allocated to one of three arms.")] == [
        "a number in words outside a count"] * 2


BOUND = "a bound (at least, more than, <, ...), not a value"


@pytest.mark.parametrize(("text", "bound"), [("Patients had an ejection fraction less than or equal to 35%.", "35"),
                                             ("Samples with a score of 1% or greater were positive.", "1"),
                                             ("In all, 20% or more of lesions enhanced.", "20")])
def test_a_threshold_in_words_before_or_after_a_percent_is_a_bound(text, bound):
    assert (bound, BOUND) in unread(text)
    assert [r for r in rows(text) if r[1] == "percent"] == []


def test_a_second_change_after_by_in_the_same_clause_as_its_verb_is_left_unread():
    text = "Drug C lowered relapse risk by 25% and disability risk by 18% over two years."
    assert [number for number, reason in unread(text) if reason == CHANGE] == ["25", "18"]


def test_a_mean_difference_between_groups_is_no_mean():
    # with its CI it is a difference (its own row); without one it checks nothing and stays unread
    text = "The pooled mean difference was 4.2 (95% CI 1.1 to 7.3)."
    assert [r[1] for r in rows(text)] == ["difference"]
    assert ("4.2", "a mean difference between groups without its CI (it checks no mean)") in \
        unread("The pooled mean difference was 4.2 (SD 1.1).")


def test_a_median_and_a_mean_named_together_are_left_unread():
    text = "Median/mean scores were 3 (IQR 2-4) and 10.5 (SD 3.1)."
    assert [r for r in rows(text) if r[1] in ("mean", "median")] == []


@pytest.mark.parametrize("text", [
    "Drug D lowered the risk of relapse by 30% (HR (95% CI): 0.70 (0.55-0.89)) and of progression by 21% (HR 0.79).",
    "Drug D lowered the ARR by 28.0%/33.1% (trials A/B; p<0.001) and progression by 24.5%/26.0% (p=0.03/p=0.04)."])
def test_a_change_after_by_is_unread_across_brackets_that_hold_a_semicolon_or_other_brackets(text):
    assert [r for r in rows(text) if r[1] == "percent"] == []


def test_a_percent_after_a_semicolon_is_not_tied_to_a_verb_of_change_before_it():
    # "; by design, 45% were women": the clause of "increased" ends at the semicolon.
    assert [r[1:3] for r in rows("Relapses increased in the cohort; by design, 45% were women.")] == [
        ("percent", "45")]


def test_a_time_window_between_two_estimates_of_a_series_keeps_the_series():
    # "for the first 3 years, and": a number with its unit of time names when, not another statistic.
    text = "The hazard ratios were 1.30 (0.90 – 1.88) for the first 3 years, and 0.91 (0.70 – 1.18) for the rest."
    assert [r[1:3] + r[4:6] for r in rows(text)] == [
        ("ratio", "1.30", "0.90", "1.88"), ("ratio", "0.91", "0.70", "1.18")]


def test_a_ratio_named_before_a_versus_and_its_bracketed_ci_label_is_read():
    text = "The hazard ratios (95% confidence intervals) for users versus non-users were 1.25 (1.02 – 1.53)."
    assert [r[1:3] + r[4:6] for r in rows(text)] == [("ratio", "1.25", "1.02", "1.53")]
