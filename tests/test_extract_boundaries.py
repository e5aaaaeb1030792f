"""Where the extraction stops reading a number as a row, on both sides of each line it draws: a percent of
0 to 100, a p of 0 to 1, a count up to its total, a month of 1 to 12, a ratio or rate above 0, a statistic in its
range, CI bounds and ranges in order, a variable named in at most eight words. Expected rows are read by hand."""

from __future__ import annotations

import pytest

from analysis.extract import extract


def read(text: str) -> list[tuple[str, str]]:
    return [(r["statistic"], r["value"]) for r in extract(text, "demo").values().to_dict("records")]


def unread(text: str) -> list[tuple[str, str]]:
    return [(u.printed.text, u.reason.split(":")[0]) for u in extract(text, "demo").unread]


@pytest.mark.parametrize(("text", "expected"), [
    ("All 12 (100%) relapsed.", [("count", "12"), ("percent", "100")]),
    ("All 12 (100.0%) relapsed.", [("count", "12"), ("percent", "100.0")]),
    ("None, 0 (0%), relapsed.", [("count", "0"), ("percent", "0")]),
    ("Relapses: 12/12 (100%).", [("count", "12"), ("count", "12"), ("percent", "100")]),
    ("Relapses: 13/2019.", [("count", "2019"), ("count", "13")]),
])
def test_numbers_on_the_edge_of_what_the_schema_holds_are_read(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("All 12 (100.1%) relapsed.", [("12", "a percent outside 0 to 100"), ("100.1", "a percent outside 0 to 100")]),
    ("Relapses: 13/12 (100%).", [("13", "a count above its total")] + [("12", "a count above its total"),
                                                                       ("100", "a count above its total")]),
    ("Relapses: 12/2019.", [("12", "a date (month/year)"), ("2019", "a date (month/year)")]),
    ("Relapses: 1/2019.", [("1", "a date (month/year)"), ("2019", "a date (month/year)")]),
    ("Relapses: 2.5/20 (12.5%).", [("2.5", "a count or total printed with decimals"),
                                   ("20", "a count or total printed with decimals"),
                                   ("12.5", "a count or total printed with decimals")]),
    ("Relapses: 5/20.0.", [("5", "a count or total printed with decimals"),
                           ("20.0", "a count or total printed with decimals")]),
    ("Among them, 3 (18%) relapsed.", [(n, "ambiguous link") for n in ("3", "18")]),
    ("Then 3 (18%) of those relapsed.", [(n, "ambiguous link") for n in ("3", "18")]),
    ("More than 12 patients relapsed.", [("12", "a bound (at least, more than, <, ...), not a value")]),
    ("Up to 12 patients relapsed.", [("12", "a bound (at least, more than, <, ...), not a value")]),
    ("≥ 12 patients relapsed.", [("12", "a bound (at least, more than, <, ...), not a value")]),
])
def test_numbers_past_the_edge_are_unread_with_the_reason(text, expected):
    assert read(text) == []
    assert unread(text) == expected


def test_a_count_after_a_carried_over_phrase_in_another_clause_is_still_read():
    # "of those" ends the clause before the count: not carried over into it
    assert read("Of those seen, 3 (18%) relapsed.") == [("count", "3"), ("percent", "18")]


@pytest.mark.parametrize(("p", "comparator"), [("p ≤ 0.05", "<"), ("p <= 0.05", "<"), ("p ≥ 0.05", ">"),
                                               ("p >= 0.05", ">"), ("p < 0.05", "<"), ("p > 0.05", ">"),
                                               ("p = 1.0", "="), ("p = 0.0", "=")])
def test_p_comparators_are_read_as_the_schema_writes_them(p, comparator):
    [row] = extract(f"It differed ({p}).", "demo").values().to_dict("records")
    assert (row["statistic"], row["comparator"]) == ("p", comparator)


def test_a_p_above_1_is_unread():
    assert read("It differed (p = 1.2).") == []
    assert unread("It differed (p = 1.2).") == [("1.2", "a p outside 0 to 1")]


@pytest.mark.parametrize(("text", "expected", "left"), [
    ("HR 0.50 (95% CI 0.50-0.50)", [("ratio", "0.50", "0.50", "0.50")], []),
    ("HR 0.5 (95% CI 0.20-0.90)", [("ratio", "0.5", "0.20", "0.90")], []),
    ("HR 0.50 (95% CI 0.90-0.20)", [("ratio", "0.50", "", "")], [("0.90", "CI bounds in reverse order"),
                                                         ("0.20", "CI bounds in reverse order")]),
    # bounds with different decimals are read at the coarser, unless the finer one is halfway there
    ("HR 0.50 (95% CI 0.2-0.90)", [("ratio", "0.50", "0.2", "0.90")], []),
    ("HR 0.50 (95% CI 0.20-0.9)", [("ratio", "0.50", "0.20", "0.9")], []),
    ("HR 0.50 (95% CI 0.25-0.9)", [("ratio", "0.50", "", "")],
     [("0.25", "CI bounds printed with different decimals from each other, the finer one halfway at the coarser "
               "decimals"),
      ("0.9", "CI bounds printed with different decimals from each other, the finer one halfway at the coarser "
              "decimals")]),
    ("HR 0.00 (95% CI 0.00-0.90)", [], [("0.00", "a ratio of 0 or less"), ("0.00", "a ratio of 0 or less"),
                                         ("0.90", "a ratio of 0 or less")]),
    ("HR 0.01 (95% CI 0.00-0.90)", [("ratio", "0.01", "0.00", "0.90")], []),
])
def test_a_ratio_and_its_ci_in_and_out_of_order(text, expected, left):
    values = extract(text, "demo").values().to_dict("records")
    assert [(r["statistic"], r["value"], r["ci_low"], r["ci_high"]) for r in values] == expected
    assert [u for u in unread(text) if u[0] != "95"] == left


def test_a_rate_of_zero_is_read_as_printed_and_a_negative_one_is_unread():
    # 0.00: no relapse in the group, a valid rate (the schema takes rates from 0); below 0: no count gives it
    assert read("ARR 0.00 vs 0.01.") == [("rate", "0.00"), ("rate", "0.01")]
    assert unread("ARR 0.00 vs 0.01.") == []
    assert unread("ARR -0.01 vs 0.01.") == [("0.01", "a negative rate")]


@pytest.mark.parametrize(("text", "expected"), [
    ("(r(48) = 1.00, p = .04)", [("r", "1.00"), ("p", ".04")]),
    ("(r(48) = -1.00, p = .04)", [("r", "-1.00"), ("p", ".04")]),
    ("(χ2(1) = 0.00, p = .99)", [("chi2", "0.00"), ("p", ".99")]),
    ("(F(1, 9) = 0.00, p = .99)", [("F", "0.00"), ("p", ".99")]),
    ("(t(9) = -2.10, p = .04)", [("t", "-2.10"), ("p", ".04")]),
])
def test_statistics_at_the_ends_of_their_range_are_read(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(("text", "value", "why"), [
    ("(r(48) = 1.01, p = .04)", "1.01", "a r statistic out of its range"),
    ("(r(48) = -1.01, p = .04)", "-1.01", "a r statistic out of its range"),
    ("(χ2(1) = -0.01, p = .99)", "-0.01", "a chi2 statistic out of its range"),
    ("(F(1, 9) = -0.01, p = .99)", "-0.01", "a F statistic out of its range"),
    ("(F(9) = 2.00, p = .04)", "2.00", "a F statistic printed with 1 degrees of freedom where the schema needs 2"),
    ("(z(9) = 2.00, p = .04)", "2.00", "a z statistic printed with 1 degrees of freedom where the schema needs 0"),
    ("(t = 2.00, p = .04)", "2.00", "a t statistic printed with 0 degrees of freedom where the schema needs 1"),
])
def test_statistics_outside_their_range_or_df_are_unread_and_their_p_kept_alone(text, value, why):
    values = extract(text, "demo").values().to_dict("records")
    assert [(r["statistic"], r["of"]) for r in values] == [("p", "")]
    assert [u.reason.split(":")[0] for u in extract(text, "demo").unread if u.printed.value == value] == [why]


@pytest.mark.parametrize(("text", "expected"), [
    ("Median delay was 5 days (range 5-5).", [("median", "5"), ("min", "5"), ("max", "5")]),
    ("Median delay was 5 days (range 6-4).", []),
    ("Mean delay was 5.0 ± 0.0 days.", [("mean", "5.0"), ("sd", "0.0")]),
    ("Mean delay was 5.0 ± -1.0 days.", []),
])
def test_ranges_in_order_and_sds_of_zero_or_more_are_read(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(("words", "read_it"), [(8, True), (9, False)])
def test_a_summary_variable_of_more_than_eight_words_is_not_named(words, read_it):
    filler = " ".join(["delay"] * words)
    found = read(f"Median {filler}: 5 days (range 2-9).")
    assert (found == [("median", "5"), ("min", "2"), ("max", "9")]) is read_it


def test_a_summary_whose_clause_says_not_is_not_named():
    assert read("Median delay not known was 5 days (range 2-9).") == []
