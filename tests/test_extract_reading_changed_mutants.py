"""``analysis.extract.reading``: the rules added in the eighth round (relative changes named by a bracket,
percents that are no share, mean differences, 'respectively' lists, rate lists), at the edges their mutants
showed untested. Each text is written for the test; the expected values and reasons are its own characters and
the reasons the extraction gives a reader."""

from __future__ import annotations

import pytest

from analysis.extract import extract

CHANGE = "a difference or change printed in percent (\"risk difference 4.9%\"): not a share of a total"


def _rows(text: str) -> list[list[str]]:
    values = extract(text, "s").values()
    return values[["statistic", "value", "ci_low", "ci_high"]].values.tolist()


def _unread(text: str) -> dict[str, str]:
    table = extract(text, "s").unread_table()
    return dict(zip(table["text"], table["reason"], strict=True))


def test_a_mean_difference_with_its_ci_is_one_difference_row():
    assert _rows("The mean difference was 1.86 (95% CI 0.30-3.43).") == [["difference", "1.86", "0.30", "3.43"]]


@pytest.mark.parametrize("text", [
    # the bracket opens the sentence: its "(" or "[" is the sentence's first character
    "(Percent reduction: month 12, 61.4%; month 24, 40.2%.)",
    "[Percent reduction: month 12, 61.4%; month 24, 40.2%.]",
    # an open bracket inside another: the innermost one still open names the change
    "Outcomes differed (both arms (percent reduction: year 1, 61.4%; year 2, 40.2%)).",
    "Outcomes differed [both arms [percent reduction: year 1, 61.4%; year 2, 40.2%]].",
    "Outcomes differed [both arms (percent reduction: year 1, 61.4%; year 2, 40.2%)].",
    "Outcomes differed (both arms [percent reduction: year 1, 61.4%; year 2, 40.2%]).",
])
def test_a_percent_after_a_semicolon_inside_a_bracket_opened_by_a_change_s_name_is_a_change(text):
    # "40.2%" follows the semicolon: only the bracket's opening words name it a relative change
    assert _rows(text) == []
    assert _unread(text)["40.2"] == CHANGE


def test_a_percent_inside_a_bracket_opened_by_other_words_is_a_share():
    assert _rows("Outcomes differed (both arms; year 2, 40.2%).") == [["percent", "40.2", "", ""]]


def _read_and_unread(text: str) -> tuple[list[list[str]], dict[str, str]]:
    values = extract(text, "s").values()
    return values[["statistic", "value", "of"]].values.tolist(), _unread(text)


def test_a_percent_after_to_and_a_number_without_one_is_the_second_end_of_a_range():
    rows, unread = _read_and_unread("Adults with HbA1c 6.5 to 10.0% were eligible.")
    assert rows == []
    assert unread["10.0"] == "the second end of a range, not one number"


def test_both_bounds_in_percent_of_a_ci_whose_estimate_is_unread_are_no_shares():
    # "13.5% lower" is a change; "6.7%" follows the CI's label, "19.8%" its first bound and "to"
    rows, unread = _read_and_unread("Risk was 13.5% lower (95% CI 6.7% to 19.8%).")
    assert rows == []
    bound = "a bound of a CI whose estimate is not read with it"
    assert (unread["13.5"], unread["6.7"], unread["19.8"]) == (CHANGE, bound, bound)


def test_an_sd_in_percent_is_unread_and_its_mean_read():
    rows, unread = _read_and_unread("Mean adherence was 88.6% (SD 9.2%).")
    assert rows == [["mean", "88.6", "adherence"]]
    assert unread == {"9.2": "an SD or SE printed in percent, whose mean is not read with it"}


@pytest.mark.parametrize("text", [
    "The relative risk reduction was 4.9% (95% CI 1.2-8.6; p=0.01).",  # named a relative change before it
    "The relapse rate fell 4.9% (95% CI 1.2-8.6; p=0.01).",  # a verb of change just before it
])
def test_a_change_in_percent_with_its_ci_is_unread_and_its_p_read_alone(text):
    rows, unread = _read_and_unread(text)
    assert rows == [["p", "0.01", ""]]  # read, tied to no row: no row holds the change it tests
    assert unread == {"4.9": CHANGE, "95": "the confidence level of an interval", "1.2": CHANGE, "8.6": CHANGE}


@pytest.mark.parametrize("text", [
    "Median percent reductions in seizure frequency were 34.8%.",  # a relative change named before, no verb
    "The drug reduced relapses by 34.8%.",  # a verb of change and "by"
    "There was a 34.8% risk reduction.",  # the change named after the percent
])
def test_a_percent_named_a_change_by_one_rule_alone_is_no_share(text):
    assert _read_and_unread(text) == ([], {"34.8": CHANGE})


@pytest.mark.parametrize("text", [
    "The percent reduction was 46%; 47% of patients responded.",
    "In all; the percent reduction was 46%; 47% of patients responded.",
])
def test_a_semicolon_ends_the_clause_a_relative_change_s_name_labels(text):
    # the name labels "46%", but "47%" is in the next clause: a share of the patients
    assert _read_and_unread(text) == ([["percent", "47", ""]], {"46": CHANGE})


NO_CI = "a mean difference between groups without its CI (it checks no mean)"


def _difference_rows(text: str) -> list[list[str]]:
    values = extract(text, "s").values()
    return values[["quantity", "statistic", "value", "unit", "ci_low", "ci_high", "of"]].values.tolist()


@pytest.mark.parametrize(("text", "unit"), [
    ("The mean difference was 2.5 days (95% CI 1.0-4.0).", "days"),
    ("The mean difference was 2.5 (95% CI 1.0-4.0).", "measure"),  # no unit printed: the schema's "measure"
])
def test_a_mean_difference_with_its_ci_is_a_row_md_in_its_unit(text, unit):
    assert _difference_rows(text) == [["md_1", "difference", "2.5", unit, "1.0", "4.0", ""]]


def test_a_mean_difference_without_its_ci_is_unread_and_its_p_read_alone():
    text = "The mean difference was 1.5 (p = 0.03)."
    assert _difference_rows(text) == [["p_1", "p", "0.03", "p", "", "", ""]]
    assert _unread(text) == {"1.5": NO_CI}


@pytest.mark.parametrize("text", [
    "The mean difference was 1.5 (SD 0.4).",
    "The mean difference was 1.5 ± 0.4 (95% CI 0.7-2.3).",  # an SD, then a CI no pattern reads with it
])
def test_a_mean_difference_with_an_sd_is_unread(text):
    assert _difference_rows(text) == []
    unread = _unread(text)
    assert (unread["1.5"], unread["0.4"]) == (NO_CI, NO_CI)


def test_a_mean_difference_in_percent_is_a_change_and_its_p_read_alone():
    text = "The mean difference was 2.5% (95% CI 1.0-4.0; p=0.01)."
    assert _difference_rows(text) == [["p_1", "p", "0.01", "p", "", "", ""]]
    assert _unread(text)["2.5"] == CHANGE


def test_values_closed_by_respectively_keep_the_unit_printed_after_the_last():
    # "years" after 4.2 is the unit of both medians; each value is a variable of its own (the groups are unnamed)
    values = extract("Median follow-up was 3.8 and 4.2 years, respectively.", "s").values()
    assert values[["quantity", "statistic", "value", "unit"]].values.tolist() == [
        ["follow_up_median", "median", "3.8", "years"], ["follow_up_2_median", "median", "4.2", "years"]]


WITH_A_CI = ("statistic printed with a CI: the schema holds a CI for a correlation printed without degrees of freedom "
             "only")


@pytest.mark.parametrize(("text", "value", "name"), [
    ("The effect held (z = 0.50, 95% CI 0.10-0.90).", "0.50", "z"),  # a z within -1 to 1 is still no correlation
    ("They correlated (r = 1.50, 95% CI 0.90-1.00).", "1.50", "r"),  # an r above 1 is no correlation
])
def test_a_test_statistic_with_a_ci_that_is_no_correlation_is_unread(text, value, name):
    rows, unread = _read_and_unread(text)
    assert rows == []
    assert unread[value] == f"a {name} {WITH_A_CI}"


def test_a_correlation_of_1_with_its_ci_is_read():
    # |r| = 1 is a correlation's bound, not past it
    assert _rows("They correlated (r = 1.00, 95% CI 0.90-1.00).") == [["r", "1.00", "0.90", "1.00"]]


@pytest.mark.parametrize(("text", "p"), [
    ("The effect held (t = 2.10, 95% CI 0.4-3.1, p = 0.04).", "0.04"),  # a t with a CI: unread
    ("They correlated (r = 0.50, 95% CI 0.70-0.30, p = 0.01).", "0.01"),  # bounds in reverse order: unread
])
def test_the_p_of_a_statistic_left_unread_is_read_alone(text, p):
    rows, _ = _read_and_unread(text)
    assert rows == [["p", p, ""]]
