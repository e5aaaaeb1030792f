"""``analysis.extract``: relative changes and differences that are no shares or means, bounds and spreads printed
in percent beside an estimate that is not read, counts and SDs in other bracket forms, other spellings of a CI
label and of a comparator, and numbers glued to the word before them. Each text is a short sentence written for
the test; the expected rows and reasons are worked out by hand from the sentence."""

from __future__ import annotations

import pytest

from analysis import audit
from analysis.extract import extract

CHANGE = "a difference or change printed in percent (\"risk difference 4.9%\"): not a share of a total"
SECOND_END = "the second end of a range, not one number"
LABEL = "a design fact or label (a phase, time point, grade or name)"


def rows(text: str) -> list[tuple[str, ...]]:
    """(statistic, value, ci_low, ci_high, comparator) of each row."""
    columns = ["statistic", "value", "ci_low", "ci_high", "comparator"]
    return [tuple(r[c] for c in columns) for r in extract(text, "demo").values().to_dict("records")]


def unread(text: str) -> dict[str, str]:
    return {u.printed.text: u.reason for u in extract(text, "demo").unread}


@pytest.mark.parametrize(("text", "changes"), [
    # the noun of the change after a word naming what changed
    ("Against the comparator this meant a 21% risk reduction (P = 0.41).", ["21"]),
    ("Over six years there was a 47% relative risk reduction.", ["47"]),
    # a change with its own CI, named by "dip" after the bracket
    ("Filtration showed an early 7% (4-9%) dip over two months.", ["7", "4", "9"]),
    # a verb of change before the mean's name: the percents change the mean, they are not its value
    ("The drug reduced the mean number of new lesions by 75% and 78% (p<0.001).", ["75", "78"]),
])
def test_a_relative_change_is_no_share_and_no_mean(text, changes):
    assert [row for row in rows(text) if row[0] in ("percent", "mean")] == []
    assert {number: unread(text)[number] for number in changes} == {number: CHANGE for number in changes}


def test_the_ci_of_a_change_left_unread_is_no_pair_of_shares():
    # 12.5% lower is a relative change; its bounds, printed with percent signs and an em dash, go with it
    text = "Deaths were 12.5% lower in treated villages (95% CI 5.1%—18.7%, P<0.001)."
    assert rows(text) == [("p", "0.001", "", "", "<")]
    assert unread(text)["5.1"] == "a bound of a CI whose estimate is not read with it"
    assert unread(text)["18.7"] == SECOND_END


def test_a_signed_lower_bound_after_a_bare_ci_label_is_no_share():
    text = "Deaths were 4.2% lower in the north (CI - 8.3%—16.1%, P=0.52)."
    assert rows(text) == [("p", "0.52", "", "", "=")]
    assert unread(text)["8.3"] == "a bound of a CI whose estimate is not read with it"


def test_an_sd_printed_in_percent_is_no_share():
    text = "Mean adherence across visits was 88.6% (SD 9.2%)."
    assert ("percent", "9.2", "", "", "=") not in rows(text)
    assert unread(text)["9.2"] == "an SD or SE printed in percent, whose mean is not read with it"


@pytest.mark.parametrize(("text", "number"), [
    ("Mean uptake over the 3 annual rounds was 71.0%.", "3"),
    ("The average number of relapses in the 12 months before entry was 1.4.", "12"),
])
def test_a_number_after_a_determiner_inside_a_mean_s_name_is_not_its_value(text, number):
    assert [row for row in rows(text) if row[0] == "mean"] == []
    assert unread(text)[number].startswith("a number inside the name of a mean")


def test_a_difference_printed_as_points_lower_is_no_mean():
    text = "After adjustment, the mean disability score of treated patients was 1.23 points lower than in controls."
    assert [row for row in rows(text) if row[0] == "mean"] == []
    assert unread(text)["1.23"].startswith("a difference between groups")


def test_a_percent_after_to_and_a_bare_number_is_a_range_s_end():
    # "6.5 to 10.0%": an inclusion range; "from 20 to 45%" prints two values and keeps its percent
    assert unread("Adults with HbA1c 6.5 to 10.0% were eligible.")["10.0"] == SECOND_END
    assert rows("Response rose from 20 to 45% by the end.") == [("percent", "45", "", "", "=")]


def test_a_count_and_its_percent_in_one_bracket_parted_by_a_comma():
    # (27, 48.2%): 27 patients, 48.2% of an unprinted total; the percent is linked to its count
    text = "At two years patients stayed stable (27, 48.2%) or improved (14, 25.0%)."
    assert rows(text) == [("count", "27", "", "", "="), ("percent", "48.2", "", "", "="),
                          ("count", "14", "", "", "="), ("percent", "25.0", "", "", "=")]
    values = extract(text, "demo").values()
    assert values.loc[values["value"] == "48.2", "of"].tolist() == ["n_1"]


def test_an_sd_after_a_plus_minus_and_its_label():
    text = "The mean number of infections per patient was 2.4 (±SD: 1.9) in the first year."
    assert rows(text) == [("mean", "2.4", "", "", "="), ("sd", "1.9", "", "", "=")]


def test_a_ci_labelled_ic_is_read_with_its_ratio():
    text = "Relapse came sooner (HR: 1.84, IC 1.10- 3.07; p = 0.02)."
    assert rows(text) == [("ratio", "1.84", "1.10", "3.07", "="), ("p", "0.02", "", "", "=")]


def test_a_confidence_interval_glued_to_its_level_is_a_level_not_a_percent():
    text = "The rate was 70%(35/50)[95%confidenceinterval (CI):55–82%]"
    assert "95" not in [row[1] for row in rows(text)]
    assert unread(text)["95"] == "the confidence level of an interval"


@pytest.mark.parametrize("sign", ["⩾", "⩽", "≧", "≦"])
def test_a_slanted_comparator_makes_a_bound(sign):
    text = f"In each arm {sign}42.5% of patients met the criteria."
    assert rows(text) == []
    assert unread(text)["42.5"] == "a bound (at least, more than, <, ...), not a value"


def test_a_p_after_a_slanted_comparator_is_a_bound():
    assert rows("The difference held (p ⩽ 0.05).") == [("p", "0.05", "", "", "<")]


def test_a_number_hyphened_to_a_word_opens_no_pattern():
    # "year-2, and 81.3% (26/32)": the 2 is a time point; the percent after it is still read with its count
    text = "In all, 70% were free of relapse in year-2, and 81.3% (26/32) in year-3."
    assert ("percent", "2", "", "", "=") not in rows(text)
    assert ("percent", "81.3", "", "", "=") in rows(text) and ("count", "26", "", "", "=") in rows(text)
    assert unread(text)["2"] == LABEL and unread(text)["3"] == LABEL


def test_zero_in_words_is_a_number():
    text = "Four of 9 treated patients responded against zero of 7 patients on placebo."
    assert ("count", "0", "", "", "=") in rows(text) and ("count", "7", "", "", "=") in rows(text)


def test_a_number_in_words_glued_to_a_heading_is_listed_unread():
    text = "ResultsFifty-one patients entered the study."
    assert unread(text) == {"Fifty-one": "a number in words glued to the word before it (\"ResultsEighty-two\": a "
                                         "heading run into its text); check it by hand"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The median time to treatment was 9 and 4 days, respectively.",
     [("median", "9", "", "", "="), ("median", "4", "", "", "=")]),
    ("Median follow-up was 3.8, 4.2 and 5.0 years, respectively.",
     [("median", "3.8", "", "", "="), ("median", "4.2", "", "", "="), ("median", "5.0", "", "", "=")]),
    # a word after the last value is the list's unit
    ("Mean gains on the scales were 10.2, 15.5, and 11.9 points, respectively.",
     [("mean", "10.2", "", "", "="), ("mean", "15.5", "", "", "="), ("mean", "11.9", "", "", "=")]),
])
def test_values_of_one_summary_closed_by_respectively_are_one_row_each(text, expected):
    assert rows(text) == expected


def test_values_after_a_summary_s_name_not_closed_by_respectively_are_no_list():
    # "scores 3.0 and 6.0 were ...": the words between the numbers are not "and" alone, so no list; the first
    # number names a score inside the median's name
    text = "Median ages at scores 2.0 and 5.0 were 48.5 and 60.0, respectively."
    assert ("median", "2.0", "", "", "=") not in rows(text)
    assert unread(text)["2.0"].startswith("a number inside the name of a median")



def test_a_correlation_with_its_ci_and_no_df_is_read_and_one_outside_its_ci_flagged():
    # r = 0.04 with CI 0.31 to 0.70: the estimate is at most 0.045, the lower bound at least 0.305, so below it in
    # every rounding (a lost digit: the bounds centre on about 0.54 on Fisher's z scale). r = 0.47 (0.25 to 0.65)
    # lies inside. Neither prints n, so the p beside the second cannot be recomputed.
    text = ("Serum levels tracked disability (r=0.04, 95% CI 0.31-0.70) and lesion load "
            "(r = 0.47, 95% CI 0.25-0.65; p < 0.001).")
    assert rows(text) == [("r", "0.04", "0.31", "0.70", "="), ("r", "0.47", "0.25", "0.65", "="),
                          ("p", "0.001", "", "", "<")]
    findings = {f.key: f for f in audit.run(extract(text, "demo").values().replace("", None), "demo")}
    assert findings["estimate_in_ci__r_1"].status == "inconsistent"
    assert findings["estimate_in_ci__r_2"].status == "consistent"
    assert findings["statistic_p__p_1"].status == "not_recomputable"
    assert "without its degrees of freedom" in findings["statistic_p__p_1"].finding


def test_another_test_statistic_with_a_ci_is_unread():
    text = "The effect held (t = 2.10, 95% CI 0.4-3.1)."
    assert rows(text) == []
    assert unread(text)["2.10"].startswith("a t statistic printed with a CI")


@pytest.mark.parametrize(("text", "expected"), [
    ("The adjusted mean difference was 2.40 (95% CI, 0.80-4.00, p=0.004).",
     [("difference", "2.40", "0.80", "4.00", "="), ("p", "0.004", "", "", "=")]),
    ("Scores improved (between-arm mean difference, −0.9; 95% CI, −1.40 to −0.40; P < .001).",
     [("difference", "-0.9", "-1.40", "-0.40", "="), ("p", ".001", "", "", "<")]),
    # "points lower" with its CI: the difference between the groups, not the mean the clause names
    ("The mean score of treated patients was 1.20 points lower (95% CI, 0.30-2.10, p=0.01).",
     [("difference", "1.20", "0.30", "2.10", "="), ("p", "0.01", "", "", "=")]),
])
def test_a_mean_difference_with_its_ci_is_a_difference_and_its_p_is_tied_to_it(text, expected):
    assert rows(text) == expected
    values = extract(text, "demo").values()
    assert values.loc[values["statistic"] == "p", "of"].tolist() == ["md_1"]


def test_a_mean_with_its_ci_and_a_p_keeps_the_p_alone_and_a_signed_mean_is_a_change_or_unread():
    assert rows("Mean change was 0.62 (95% CI 0.50-0.74; p<0.001).") == [
        ("mean", "0.62", "0.50", "0.74", "="), ("p", "0.001", "", "", "<")]
    # A signed mean named a change is a difference from baseline with its CI; its p may compare the arms' changes,
    # so it stays unlinked.
    assert rows("The mean change was −0.62 (95% CI −0.74 to −0.50; p<0.001).") == [
        ("difference", "-0.62", "-0.74", "-0.50", "="), ("p", "0.001", "", "", "<")]
    values = extract("The mean change was −0.62 (95% CI −0.74 to −0.50; p<0.001).", "demo").values()
    assert values["of"].fillna("").tolist() == ["", ""]
    assert unread("The mean z-score was −0.62 (95% CI −0.74 to −0.50).")["0.62"] == (
        "a signed mean that the text does not name a change or a difference")


def test_a_mean_difference_beside_a_p_on_the_other_side_of_0_05_is_flagged():
    # 1.50 (0.40 to 2.60): Wald SE = 2.2 / 3.92 = 0.561, z = 2.67, p = 0.0075; the CI excludes 0 while p = 0.09 is
    # not below 0.05: a decision inconsistency. 2.40 (0.80 to 4.00) beside p = 0.003: z = 2.40 / 0.816 = 2.94,
    # p = 0.0033 (0.0031 to 0.0035 over the rounding), which 0.003 (0.0025 to 0.0035) allows.
    text = ("The mean difference was 1.50 (95% CI, 0.40-2.60, p=0.09) at one year and the adjusted mean difference "
            "was 2.40 (95% CI, 0.80-4.00, p=0.003) at two.")
    found = {f.key: f for f in audit.run(extract(text, "demo").values().replace("", None), "demo")}
    assert found["difference_p_wald__p_1"].status == "inconsistent"
    assert "decision inconsistency" in found["difference_p_wald__p_1"].finding
    assert found["difference_p_wald__p_2"].status == "consistent"


@pytest.mark.parametrize(("text", "counts"), [
    ("Of those screened, 240 entered the run-in and 180 remained to the end.", ["240", "180"]),
    ("In all, 61 treated with drug A and 59 allocated to placebo were followed.", ["61", "59"]),
    ("After review, 412 were analysed (37 excluded for missing scans).", ["37"]),
])
def test_a_number_before_a_verb_said_of_patients_is_a_count_of_them(text, counts):
    assert [row[1] for row in rows(text) if row[0] == "count"] == counts


@pytest.mark.parametrize(("text", "expected"), [
    ("The relapse-free share at two years was 88.4% (95% CI: 80.2–93.5%; Figure).",
     [("percent", "88.4", "80.2", "93.5", "=")]),
    ("The adjudicated ARR was 0.031 (95% CI: 0.017–0.056; Table 2).", [("rate", "0.031", "0.017", "0.056", "=")]),
])
def test_a_figure_or_table_named_inside_a_ci_s_bracket_leaves_the_ci_tied(text, expected):
    assert rows(text) == expected
    assert all(reason != "no pattern of the grammar reads it" for reason in unread(text).values())


@pytest.mark.parametrize(("text", "expected"), [
    ("ARRs (95% CI) were 0.14 (0.09-0.21) and 0.26 (0.19-0.35), respectively.",
     [("rate", "0.14", "0.09", "0.21", "="), ("rate", "0.26", "0.19", "0.35", "=")]),
    ("The annualized relapse rates [ARR; 95% CI] were 0.121 (0.090, 0.163) and 0.185 (0.140, 0.244) in the arms.",
     [("rate", "0.121", "0.090", "0.163", "="), ("rate", "0.185", "0.140", "0.244", "=")]),
    # a count after the rate's CI is no second rate: only "and" opens one
    ("The ARR (95% CI) was 0.14 (0.09, 0.21) in 40 patients.",
     [("rate", "0.14", "0.09", "0.21", "="), ("count", "40", "", "", "=")]),
])
def test_rates_listed_with_their_cis_after_one_label(text, expected):
    assert rows(text) == expected


def test_a_negative_mean_difference_in_days_is_kept_though_a_duration_is_never_negative():
    # the safety net takes back a negative duration, but a difference of durations may be negative
    assert rows("The mean difference was −2.5 days (95% CI −4.0 to −1.0; p=0.001).") == [
        ("difference", "-2.5", "-4.0", "-1.0", "="), ("p", "0.001", "", "", "=")]


def test_a_mean_difference_in_percent_is_a_change_not_a_difference_row():
    text = "The mean difference was 4.9% (95% CI 1.2% to 8.6%)."
    assert rows(text) == []
    assert unread(text)["4.9"] == CHANGE


def test_every_percent_of_a_bracket_opened_by_a_relative_change_s_name_is_a_change():
    text = ("Loss slowed against placebo [percent reduction: year 1, 52.0% (GM; p = 0.03) and 21.5% (WM; p = 0.04); "
            "year 2, 33.3% (GM; p = 0.02) and 38.1% (WM; p < 0.001)].")
    assert [row for row in rows(text) if row[0] == "percent"] == []
    assert [unread(text)[n] for n in ("52.0", "21.5", "33.3", "38.1")] == [CHANGE] * 4


def test_a_correlation_whose_ci_cannot_be_read_is_not_read_either():
    # reversed bounds are refused; an r without df and without its CI is no row the schema holds
    text = "Levels tracked disability (r=0.45, 95% CI 0.67-0.29)."
    assert rows(text) == []
    assert unread(text)["0.45"] == "a correlation printed without degrees of freedom whose CI cannot be read"
