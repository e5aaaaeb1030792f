"""``analysis.extract``: a difference named a few words before its estimate and tied to it, a difference or a
mean change named before a time point, signed changes from baseline with their CIs, and the next estimate of a
series of differences. Each text is a short sentence written for the test; the expected rows and reasons are worked
out by hand from the sentence."""

from __future__ import annotations

import pytest

from analysis import audit
from analysis.extract import extract

UNTIED = ("a number a few words after a statistic's name, not tied to it (by was, of, from, an equals sign, a colon "
          "or a comma)")
SIGNED = "a signed number (a change or a difference) that the pattern would read without its sign"


def rows(text: str) -> list[tuple[str, ...]]:
    """(quantity, statistic, value, ci_low, ci_high, of) of each row."""
    columns = ["quantity", "statistic", "value", "ci_low", "ci_high", "of"]
    return [tuple(r[c] for c in columns) for r in extract(text, "demo").values().to_dict("records")]


def unread(text: str) -> dict[str, str]:
    return {u.printed.text: u.reason for u in extract(text, "demo").unread}


def verdicts(text: str) -> dict[str, str]:
    return {f.key: f.status for f in audit.run(extract(text, "demo").values().replace("", None), "demo")}


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
