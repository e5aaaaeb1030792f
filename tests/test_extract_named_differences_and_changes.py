"""``analysis.extract``, from the eleventh blind set's lists: differences named a few words before their estimate or
a time point, signed changes from baseline, estimates a verb changed something by; totals after "of the" and "out
of" and the parts of a total named first; numbers that are no shares, summaries or counts (changes, thresholds,
time points, doses); numbers in words of hundreds, response rates, means compared by "vs". Each text is a short
sentence written for the test; the expected rows and reasons are worked out by hand from the sentence."""

from __future__ import annotations

import extract_readings as readings
import pytest

from analysis.extract import extract

UNTIED = ("a number a few words after a statistic's name, not tied to it (by was, of, from, an equals sign, a colon "
          "or a comma)")
SIGNED = "a signed number (a change or a difference) that the pattern would read without its sign"


def rows(text: str) -> list[tuple[str, ...]]:
    """(quantity, statistic, value, ci_low, ci_high, of) of each row."""
    return readings.rows(text, ["quantity", "statistic", "value", "ci_low", "ci_high", "of"])


unread, verdicts = readings.unread, readings.verdicts


@pytest.mark.parametrize(("text", "expected"), [
    # "was" ties the name to its estimate; the p inside the CI's bracket tests the difference
    ("The treatment difference was −1.5 (95% CI, −2.0 to −1.0; P<0.001).",
     [("md_1", "difference", "-1.5", "-2.0", "-1.0", ""), ("p_1", "p", "0.001", "", "", "md_1")]),
    ("The adjusted difference between groups was 0.40 (95% CI 0.10 to 0.70; p = 0.01).",
     [("md_1", "difference", "0.40", "0.10", "0.70", ""), ("p_1", "p", "0.01", "", "", "md_1")]),
    # a time point between the name and its estimate ("at week 52"): the estimate keeps its sign
    ("The between-group difference in change from baseline at week 52 was −2.1 (95% CI −3.0 to −1.2; P<0.001).",
     [("md_1", "difference", "-2.1", "-3.0", "-1.2", ""), ("p_1", "p", "0.001", "", "", "md_1")]),
    ("The adjusted difference in EDSS at 12 months was 0.5 (95% CI 0.1 to 0.9).",
     [("md_1", "difference", "0.5", "0.1", "0.9", "")]),
    # a plus sign is no minus
    ("The difference was +2.0 (95% CI 1.0 to 3.0).", [("md_1", "difference", "2.0", "1.0", "3.0", "")]),
])
def test_a_difference_named_before_its_tie_is_read_with_its_ci_and_p(text, expected):
    assert rows(text) == expected


def test_a_time_point_between_the_name_and_the_estimate_stays_unread_as_a_label():
    reasons = unread("The between-group difference at week 52 was −2.1 (95% CI −3.0 to −1.2).")
    assert reasons["52"] == "a design fact or label (a phase, time point, grade or name)"


@pytest.mark.parametrize(("text", "number", "reason"), [
    # words that do not end in a tie: the number may be anything the words name
    ("The difference favoured drug in subgroup A −1.5 (95% CI −2.0 to −1.0).", "1.5", UNTIED),
    # a count between the name and the number: the estimate's name would be a guess
    ("The difference in 3 patients was −1.5 (95% CI −2.0 to −1.0).", "1.5", SIGNED),
])
def test_a_difference_not_tied_to_its_name_stays_unread(text, number, reason):
    assert unread(text)[number] == reason
    assert not [r for r in rows(text) if r[1] == "difference"]


@pytest.mark.parametrize(("text", "expected"), [
    # a mean named a change, signed: a difference from baseline with its CI; the p after the series compares arms
    ("The least-squares mean change was −2.5 (95% CI −3.1 to −1.9) versus −1.0 (95% CI −1.6 to −0.4) with "
     "placebo (P<0.001).",
     [("md_1", "difference", "-2.5", "-3.1", "-1.9", ""), ("md_2", "difference", "-1.0", "-1.6", "-0.4", ""),
      ("p_1", "p", "0.001", "", "", "")]),
    # a time point inside the name of the mean change
    ("Mean change from baseline at week 12 was -8.00 (95% CI: -11.00, -5.00) with drug.",
     [("md_1", "difference", "-8.00", "-11.00", "-5.00", "")]),
    ("The mean reduction in weight at month 6 was -4.2 (95% CI -5.3 to -3.1).",
     [("md_1", "difference", "-4.2", "-5.3", "-3.1", "")]),
])
def test_a_signed_mean_named_a_change_is_a_difference_from_baseline(text, expected):
    assert rows(text) == expected


def test_a_mean_not_named_a_change_after_a_time_point_stays_unread():
    # "mean EDSS at month 12": the mean of a score, not a change; its statistic after the time point is a guess
    reasons = unread("The mean EDSS at month 12 was 2.5 (95% CI 2.0 to 3.0).")
    assert reasons["2.5"] == "an estimate with a CI whose statistic the clause does not name"


def test_a_named_difference_whose_p_contradicts_its_ci_is_flagged():
    # -1.5 (-2.0 to -1.0): Wald SE = 1.0 / 3.92 = 0.255, z = 5.88, p about 4e-9; P = 0.20 says not significant
    # while the CI excludes 0: inconsistent over every rounding of the printed numbers.
    found = verdicts("The treatment difference at week 24 was −1.5 (95% CI, −2.0 to −1.0; P=0.20).")
    assert found["difference_p_wald__p_1"] == "inconsistent"
    # -1.5 (-2.0 to -1.0) with P<0.001 agrees: the same numbers with a p the CI gives
    found = verdicts("The treatment difference at week 24 was −1.5 (95% CI, −2.0 to −1.0; P<0.001).")
    assert found["difference_p_wald__p_1"] == "consistent"


def test_the_p_beside_a_change_from_baseline_is_not_checked_against_it():
    # The p may compare the arms' changes, not the change with 0: left unlinked, so no Wald check is made of it.
    found = verdicts("The mean change was −0.62 (95% CI −0.74 to −0.50; p=0.30).")
    assert found["difference_symmetry__md_1"] == "consistent"
    assert not [key for key in found if key.startswith("difference_p_wald")]


# --- shares of a total named before their parts, and totals after "of the" or "out of" ---------------------------

def links(text: str) -> list[tuple[str, ...]]:
    """(statistic, value, denominator's value) of each count and percent row."""
    values = extract(text, "demo").values()
    by_quantity = dict(zip(values["quantity"], values["value"]))
    return [(r["statistic"], r["value"], by_quantity.get(r["denominator"], ""))
            for r in values.to_dict("records") if r["statistic"] in ("count", "percent")]


@pytest.mark.parametrize(("text", "expected"), [
    # the parts of one total named first, joined by a few words: each share is of the 120
    ("Of the 120 patients, 70 (58%) were women and 50 (42%) were men.",
     [("count", "120", ""), ("count", "70", "120"), ("percent", "58", "120"), ("count", "50", "120"),
      ("percent", "42", "120")]),
    ("Of 120 patients, 70 (58%) were women, 30 (25%) had relapses, and 10 (8%) died.",
     [("count", "120", ""), ("count", "70", "120"), ("percent", "58", "120"), ("count", "30", "120"),
      ("percent", "25", "120"), ("count", "10", "120"), ("percent", "8", "120")]),
    # a share of another group named after the count, or after "while" or a semicolon: not of the 120
    ("Of 120 patients, 70 (58%) were women and 20 (29%) of the women relapsed.",
     [("count", "120", ""), ("count", "70", "120"), ("percent", "58", "120"), ("count", "20", ""),
      ("percent", "29", "")]),
    ("Of 120 patients, 70 (58%) received A, while 20 (29%) relapsed.",
     [("count", "120", ""), ("count", "70", "120"), ("percent", "58", "120"), ("count", "20", ""),
      ("percent", "29", "")]),
    ("Of 120 patients, 70 (58%) received A; 20 (29%) relapsed.",
     [("count", "120", ""), ("count", "70", "120"), ("percent", "58", "120"), ("count", "20", ""),
      ("percent", "29", "")]),
    # a determiner between "of" and the total; "out of" with or without a noun
    ("Five (4.0%) of the 125 patients relapsed.", [("count", "125", ""), ("count", "5", "125"),
                                                    ("percent", "4.0", "125")]),
    ("60 (75.0%) out of 80 improved.", [("count", "80", ""), ("count", "60", "80"), ("percent", "75.0", "80")]),
])
def test_a_total_named_before_its_parts_or_after_a_determiner_is_their_total(text, expected):
    assert links(text) == expected


def test_a_total_after_a_word_that_qualifies_it_is_not_read():
    text = "Five (4.0%) of about 125 patients relapsed."
    assert links(text) == [("count", "5", ""), ("percent", "4.0", "")]
    assert unread(text)["125"] == "a total after a word that qualifies it (\"of about 125\"): not read as the total"


# --- numbers that are no shares, no summaries and no counts -----------------------------------------------------

CHANGE = "a difference or change printed in percent (\"risk difference 4.9%\"): not a share of a total"
TIME_POINT = "a time point (\"6-month\", \"24-week\"), not the value of the statistic named before it"


@pytest.mark.parametrize(("text", "number", "reason"), [
    ("Response was higher in trial B (16.3% difference; see the pooled report).", "16.3", CHANGE),
    ("Remission showed a 14.2% difference (95% CI 5.6-22.8, P=0.001).", "14.2", CHANGE),
    # the next of a list of differences, after the label of the one before
    ("Response [difference 15.3%, trial A; 16.9%, trial B].", "16.9", CHANGE),
    ("There was a 39% increased likelihood of relapse.", "39", CHANGE),
    ("Half of them achieved a 50% seizure reduction.", "50", CHANGE),
    # time points and counts of people inside a summary's name
    ("Group A had higher median disability scores at 3 months than group B.", "3", TIME_POINT),
    ("The mean score changes from baseline at weeks 4, 8, and 12 were large.", "4", TIME_POINT),
    ("The median age of the 45 patients in this series was 36 years.", "45",
     "a count of people inside the name of a summary (\"the median age of the 45 patients\")"),
    # a significance level named after the p
    ("Groups were compared (p<0.05 considered statistically significant).", "0.05",
     "the significance level the study set (\"significance was set at p < 0.05\"), not a result"),
    # a range of percents, and a CI's level where the page cuts the text
    ("The test had high specificity (90%-100%).", "90", "the first end of a range, not one number"),
    # doses over a slash
    ("The dose was titrated (min/max, 50/400 mg/day).", "50", "two doses (\"50/400 mg/day\"), not a count of a total"),
])
def test_a_number_that_is_no_share_summary_or_count_is_unread_with_why(text, number, reason):
    assert unread(text)[number] == reason
    assert not [r for r in rows(text) if r[2] == number]


def test_a_share_beside_a_change_of_one_noun_keeps_its_reading():
    # "20% showed improvement": a verb after the percent, so the 20% is a share of patients
    assert [r[1:3] for r in rows("Overall, 20% showed improvement.")] == [("percent", "20")]


@pytest.mark.parametrize(("text", "expected"), [
    # a number in words hyphened by an en dash, or of hundreds; flares counted as relapses, their share tied
    ("Thirty–two children were treated.", [("n_1", "count", "32", "", "", "")]),
    ("One hundred patients received the drug.", [("n_1", "count", "100", "", "", "")]),
    ("Thirty-three flares (92%) occurred.", [("n_1", "count", "33", "", "", ""),
                                             ("pct_1", "percent", "92", "", "", "n_1")]),
    # an annual rate of relapses named in words, and the next of its series
    ("The annual rate of documented relapses was 0.19 (95% CI 0.13 to 0.28) with drug and 0.14 (95% CI 0.09 to "
     "0.23) with placebo.", [("arr_1", "rate", "0.19", "0.13", "0.28", ""), ("arr_2", "rate", "0.14", "0.09", "0.23",
                                                                            "")]),
])
def test_number_words_flares_and_annual_rates_named_in_words_are_read(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a response rate printed with decimals is the rate; a whole percent before "response rate" stays a threshold
    ("Drug achieved a 59.4% response rate vs 43.9% for placebo.", [("pct_1", "percent", "59.4", "", "", ""),
                                                                  ("pct_2", "percent", "43.9", "", "", "")]),
    ("By then, 47.7% maintained a 50% response rate.", [("pct_1", "percent", "47.7", "", "", "")]),
    # a label names the number before "was", not the percent after it
    ("Remission through week 52 was 56.2% vs 34.0%.", [("pct_1", "percent", "56.2", "", "", ""),
                                                       ("pct_2", "percent", "34.0", "", "", "")]),
    # two means after one name, parted by "vs" (glued to the second), the p comparing them left alone
    ("(mean change from baseline 0.41 vs.0.90, P≤0.001)",
     [("change_from_baseline_mean", "mean", "0.41", "", "", "change_from_baseline"),
      ("change_from_baseline_2_mean", "mean", "0.90", "", "", "change_from_baseline_2"),
      ("p_1", "p", "0.001", "", "", "")]),
])
def test_response_rates_percents_after_a_labelled_time_and_means_compared_by_vs(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # what a verb of change or a comparison changed something by, with its labelled CI: a difference, its p tied
    ("Disability was greater in ever-smokers, by 0.68 (95% confidence interval: 0.36–1.01).",
     [("md_1", "difference", "0.68", "0.36", "1.01", "")]),
    ("Treatment reduced the score by 1.7 (95% CI 0.5 to 2.9; p=0.005).",
     [("md_1", "difference", "1.7", "0.5", "2.9", ""), ("p_1", "p", "0.005", "", "", "md_1")]),
])
def test_an_estimate_a_verb_changed_something_by_is_a_difference(text, expected):
    assert rows(text) == expected


def test_an_estimate_after_by_with_a_number_between_stays_unread():
    # "in group 2 by 0.3": a number between the comparison and the estimate, which may then name anything
    text = "The rate was lower in group 2 by 0.3 (95% CI 0.1-0.5)."
    assert unread(text)["0.3"] == "an estimate with a CI whose statistic the clause does not name"


# --- from the twelfth blind set's wrong rows ---------------------------------------------------------------------

def test_a_responder_rate_label_is_no_ratio_and_a_p_in_markdown_italics_is_a_p():
    # "RR50": the share of patients whose seizures halved, a label, not a rate ratio of 50
    text = "RR50 was achieved by 14.9% of placebo and 54.5% of drug (*p*<0.001)."
    assert [r[1:3] for r in rows(text)] == [("percent", "14.9"), ("percent", "54.5"), ("p", "0.001")]
    assert unread(text)["50"] == "a part of a name (AQP4, aquaporin-4, IL-6, beta-1a)"


@pytest.mark.parametrize(("text", "number", "reason"), [
    # a Snellen acuity after a summary's name: a fraction, no median of 20 and no count of 20 of 100
    ("The median BCVA was 20/100 at 3 months.", "20",
     "a fraction (a Snellen acuity \"20/100\", a score out of its maximum), not the median's value"),
    # a CI whose label and estimate the page emptied, and one the page cut: the level is no share
    ("Mortality was higher (35.7%) (, , 95% -5.44).", "95",
     "a confidence level whose interval the text lost (cut off or emptied): not a share"),
    ("Relapses were fewer (odds ratio 0.42, 95% ", "95",
     "a confidence level whose interval the text lost (cut off or emptied): not a share"),
])
def test_fractions_and_lost_intervals_are_no_summaries_or_shares(text, number, reason):
    assert unread(text)[number] == reason
    assert [r for r in rows(text) if r[1] != "percent" and r[1] != "ratio"] == []


SLASHED = "a list of values parted by slashes (\"3/4/6\", \"25%/50%/75%\"): which is which, the text pairs by position"


@pytest.mark.parametrize(("text", "number", "reason"), [
    # values parted by slashes: no count of a total, no share
    ("Outcomes were compared by baseline EDSS step (3/4/6).", "3", SLASHED),
    ("The EDSS quartiles (25%/50%/75%) were 1.5, 2.0 and 2.5.", "50", SLASHED),
    # relative reductions of a rate, each after the label of the one before
    ("The ARR fell by 64.6% in the first year of treatment, 79.7% in the second year and 82.3% in the third year.",
     "82.3", CHANGE),
])
def test_slashed_lists_and_labelled_lists_of_changes_are_unread(text, number, reason):
    assert unread(text)[number] == reason


@pytest.mark.parametrize(("text", "expected"), [
    # a share whose item opens with an article is no change going on ("12.5% [had] a worsening")
    ("Scores were stable in 25.0%, 12.5% a worsening and 62.5% an improvement.",
     [("pct_1", "percent", "25.0", "", "", ""), ("pct_2", "percent", "12.5", "", "", ""),
      ("pct_3", "percent", "62.5", "", "", "")]),
    # a share after a change's list that names its people
    ("Relapses fell by 30% in year one, 45% of patients were relapse-free.", [("pct_1", "percent", "45", "", "", "")]),
    # a hyphen inside a number in words of hundreds, and a figure dash (U+2012) between a CI's bounds
    ("Two-hundred and seventy-five participants were enrolled.", [("n_1", "count", "275", "", "", "")]),
    ("The HR was 0.50 (95% CI, 0.31‒0.81).", [("hr_1", "ratio", "0.50", "0.31", "0.81", "")]),
])
def test_shares_after_objects_hundreds_with_hyphens_and_figure_dashes_are_read(text, expected):
    assert rows(text) == expected


def test_a_rate_of_events_glued_to_its_scale_by_a_slash_is_a_rate_per_100_patient_years():
    # "27.69 events/100 person-years": the events' noun glued to the slash, as "events per 100 person-years" is read
    assert [r[1:3] for r in rows("The event rate was 27.69 events/100 person-years.")] == [("rate", "27.69")]
    assert readings.rows("The event rate was 27.69 events/100 person-years.", ["unit"]) == [("per_100_patient_years",)]
