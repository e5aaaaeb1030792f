"""The grammar of printed numbers, pattern by pattern: what each reads, what it links, what it leaves unread.

Expected rows are written by hand from the sentence (the numbers as printed, the links the clause makes).
"""

from __future__ import annotations

import pytest

from analysis.extract import extract, numeric_tokens, study_id
from analysis.extract.grammar import PATTERNS, parser, scan, sentences


def read(text: str) -> list[tuple]:
    """Rows as (statistic, value, decimals, comparator, unit, ci, of, denominator, df); links by printed value."""
    extraction = extract(text, "demo")
    table = extraction.values()
    by_quantity = table.set_index("quantity")["value"]
    rows = []
    for _, row in table.iterrows():
        of = by_quantity.get(row["of"], row["of"])
        rows.append((row["statistic"], row["value"], int(row["decimals"]), row["comparator"], row["unit"],
                     (row["ci_low"], row["ci_high"]) if row["ci_low"] else None, of,
                     by_quantity.get(row["denominator"], ""), row["df"]))
    return rows


def unread(text: str) -> list[tuple[str, str]]:
    return [(u.printed.text, u.reason.split(":")[0]) for u in extract(text, "demo").unread]


def patterns(text: str) -> list[tuple[str, str]]:
    return [(m.pattern, text[m.start:m.end]) for m in scan(text)]


C, P = "count", "percent"


@pytest.mark.parametrize(("text", "expected"), [
    ("Relapse-free: 49/103 (46.6%).",
     [(C, "103", 0, "=", "patients", None, "", "", ""), (C, "49", 0, "=", "patients", None, "", "103", ""),
      (P, "46.6", 1, "=", "percent", None, "49", "103", "")]),
    ("Relapse-free: 46.6% (49/103).",
     [(C, "103", 0, "=", "patients", None, "", "", ""), (C, "49", 0, "=", "patients", None, "", "103", ""),
      (P, "46.6", 1, "=", "percent", None, "49", "103", "")]),
    ("Relapses occurred in 20 of 47 (42.6%).",
     [(C, "47", 0, "=", "patients", None, "", "", ""), (C, "20", 0, "=", "patients", None, "", "47", ""),
      (P, "42.6", 1, "=", "percent", None, "20", "47", "")]),
    ("Relapses occurred in 12 (40.0%) of 30 patients.",
     [(C, "30", 0, "=", "patients", None, "", "", ""), (C, "12", 0, "=", "patients", None, "", "30", ""),
      (P, "40.0", 1, "=", "percent", None, "12", "30", "")]),
    ("Relapses occurred in 12 (40.0%) of 30 days.",  # a duration, not a total: the count keeps its percent only
     [(C, "12", 0, "=", "patients", None, "", "", ""), (P, "40.0", 1, "=", "percent", None, "12", "", "")]),
    ("Of 143 patients enrolled, 52 (36.4%) were Asian.",
     [(C, "143", 0, "=", "patients", None, "", "", ""), (C, "52", 0, "=", "patients", None, "", "143", ""),
      (P, "36.4", 1, "=", "percent", None, "52", "143", "")]),
    ("NEDA was reached by 87.5% (N = 40).",
     [(C, "40", 0, "=", "patients", None, "", "", ""), (P, "87.5", 1, "=", "percent", None, "", "40", "")]),
    ("It was 46.6% of 103 patients.",
     [(C, "103", 0, "=", "patients", None, "", "", ""), (P, "46.6", 1, "=", "percent", None, "", "103", "")]),
    ("Seventy-one patients had relapses.", [(C, "71", 0, "=", "patients", None, "", "", "")]),
    ("Twelve of 40 patients (30.0%) relapsed.",
     [(C, "40", 0, "=", "patients", None, "", "", ""), (C, "12", 0, "=", "patients", None, "", "40", ""),
      (P, "30.0", 1, "=", "percent", None, "12", "40", "")]),
    ("They had 1,225 infusions.", [(C, "1225", 0, "=", "infusions", None, "", "", "")]),
    ("Eight relapses (12%) were severe.",
     [(C, "8", 0, "=", "relapses", None, "", "", ""), (P, "12", 0, "=", "percent", None, "8", "", "")]),
])
def test_counts_and_percents_are_linked_only_inside_their_clause(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    "HR 0.05 (95% CI 0.01-0.35; p = 0.0002)", "HR 0.05 (95% CI, 0.01 to 0.35; p = 0.0002)",
    "HR 0.05 [95% CI 0.01–0.35], p = 0.0002", "HR 0.05 (0.01 - 0.35, p = 0.0002)",
    "HR 0.05, 95% CI 0.01, 0.35, p = 0.0002", "HR 0·05 (95% CI 0·01–0·35; p=0·0002)",
    "hazard ratio of 0.05 (95% confidence interval: 0.01 to 0.35; P = 0.0002)",
    "HR = 0.05; 95% CI [0.01, 0.35]; p = 0.0002",
])
def test_ratio_ci_and_p_in_any_bracket_and_separator_style(text):
    assert read(text) == [("ratio", "0.05", 2, "=", "ratio", ("0.01", "0.35"), "", "", ""),
                          ("p", "0.0002", 4, "=", "p", None, "0.05", "", "")]


@pytest.mark.parametrize(("text", "name"), [("OR 2.10 (1.20-3.60)", "or_1"), ("IRR 2.10 (1.20-3.60)", "irr_1"),
                                            ("RR 2.10 (1.20-3.60)", "rr_1"), ("aHR 2.10 (1.20-3.60)", "hr_1")])
def test_ratio_names(text, name):
    assert extract(text, "demo").values()["quantity"].tolist() == [name]


@pytest.mark.parametrize(("text", "comparator", "value"), [
    ("p<.001", "<", ".001"), ("P = .02", "=", ".02"), ("p ≤ 0.05", "<", "0.05"), ("p>0.2", ">", "0.2"),
    ("P-value = 0.031", "=", "0.031"),
])
def test_p_values_as_printed(text, comparator, value):
    assert read(f"The difference was significant ({text}).") == [("p", value, len(value.split(".")[1]),
                                                                  comparator, "p", None, "", "", "")]


def test_a_p_printed_ns_is_read_as_not_significant_with_no_decimals():
    text = "HR 1.10 (95% CI 0.80-1.50; p = NS)."
    values = extract(text, "demo").values()
    assert values[["quantity", "statistic", "value", "decimals", "comparator", "of"]].values.tolist() == [
        ["hr_1", "ratio", "1.10", "2", "=", ""], ["p_1", "p", "NS", "", "=", "hr_1"]]
    assert unread(text) == [("95", "the confidence level of an interval")]


def test_unicode_minus_and_negative_bounds():
    assert read("The difference was t(20) = −2.31, p = .03.") == [
        ("t", "-2.31", 2, "=", "statistic", None, "", "", "20"), ("p", ".03", 2, "=", "p", None, "-2.31", "", "")]


@pytest.mark.parametrize(("text", "expected"), [
    ("t(38) = 2.10, p = .04", ("t", "2.10", "38")), ("F(2, 57) = 3.51, p = .04", ("F", "3.51", "2;57")),
    ("χ2(1) = 4.20, p = .04", ("chi2", "4.20", "1")), ("r(48) = .29, p = .04", ("r", ".29", "48")),
    ("z = 2.05, p = .04", ("z", "2.05", "")),
])
def test_test_statistics_with_df_and_p(text, expected):
    statistic, value, df = expected
    rows = read(text)
    assert [(r[0], r[1], r[8]) for r in rows] == [(statistic, value, df), ("p", ".04", "")]
    assert rows[1][6] == value  # the p is of the statistic


def test_a_test_statistic_without_its_df_is_unread_and_its_p_unlinked():
    assert read("r = .29, p = .04") == [("p", ".04", 2, "=", "p", None, "", "", "")]
    assert unread("r = .29, p = .04") == [(".29", "a r statistic printed with 0 degrees of freedom where the "
                                                  "schema needs 1")]


def test_annualised_relapse_rates_and_rates_per_patient_year():
    assert read("ARR 0.17 vs 0.76 (95% CI 0.50-1.10).") == [
        ("rate", "0.17", 2, "=", "per_patient_year", None, "", "", ""),
        ("rate", "0.76", 2, "=", "per_patient_year", ("0.50", "1.10"), "", "", "")]
    assert read("It was 0.21 relapses per patient-year.") == [
        ("rate", "0.21", 2, "=", "per_patient_year", None, "", "", "")]


def test_a_rate_per_100_or_1000_patient_years_is_read_in_its_unit():
    assert read("The rate was 4.2 per 100 patient-years.") == [
        ("rate", "4.2", 1, "=", "per_100_patient_years", None, "", "", "")]
    assert read("Infections: 31.5 events per 1,000 person-years (95% CI 20.1-45.0).") == [
        ("rate", "31.5", 1, "=", "per_1000_patient_years", ("20.1", "45.0"), "", "", "")]
    assert unread("The rate was 4.2 per 100 patient-years.") == [
        ("100", "the scale of a rate per 100 or 1000 patient-years")]
    assert unread("The rate was 4.2 per 10000 patient-years.")[0] == (
        "4.2", "a rate per 10000 patient-years")


@pytest.mark.parametrize(("text", "expected", "variable", "unit"), [
    ("Median time to relapse was 120 days (range 45-230).",
     [("median", "120"), ("min", "45"), ("max", "230")], "time_to_relapse", "days"),
    ("The median follow-up was 6 years (IQR 3.5–8.0).",
     [("median", "6"), ("q1", "3.5"), ("q3", "8.0")], "follow_up", "years"),
    ("Median (IQR) follow-up 24 months (12-36).",
     [("median", "24"), ("q1", "12"), ("q3", "36")], "follow_up", "months"),
    ("Patients received a median of 8 infusions (range, 2 to 11).",
     [("median", "8"), ("min", "2"), ("max", "11")], "infusions", "infusions"),
    ("Mean age was 41.2 ± 9.8 years.", [("mean", "41.2"), ("sd", "9.8")], "age", "years"),
    ("Mean disease duration 7.5 years (SD 4.1).", [("mean", "7.5"), ("sd", "4.1")], "disease_duration", "years"),
    ("Mean (SD) age, 38.0 (11.2) years.", [("mean", "38.0"), ("sd", "11.2")], "age", "years"),
])
def test_summaries_share_their_variable(text, expected, variable, unit):
    rows = read(text)
    assert [(r[0], r[1]) for r in rows] == expected
    assert {r[6] for r in rows} == {variable} and {r[4] for r in rows} == {unit}


def test_a_mean_beside_an_unnamed_bracket_is_not_read_as_mean_and_sd():
    assert read("Mean age was 41.2 (9.8) years.") == []
    assert unread("Mean EDSS was 3.5 ± 1.2.") == []


def test_meaning_carried_over_from_an_earlier_sentence_is_never_linked():
    text = "Forty patients were treated. Of these, 3 (18%) relapsed. Two (5%) of whom died."
    assert read(text) == [(C, "40", 0, "=", "patients", None, "", "", "")]
    assert [reason for _, reason in unread(text)] == ["ambiguous link"] * 4


@pytest.mark.parametrize(("text", "bounds", "reason"), [
    ("HR 0.45 (95% CI 0.2-0.85)", ["0.2", "0.85"], "CI bounds printed with different decimals from each other, "
                                                   "the finer one halfway at the coarser decimals"),
    ("HR 0.45 (95% CI 0.90-0.20)", ["0.90", "0.20"], "CI bounds in reverse order"),
])
def test_a_ci_the_schema_cannot_hold_leaves_the_estimate_read_without_it(text, bounds, reason):
    assert read(text) == [("ratio", "0.45", 2, "=", "ratio", None, "", "", "")]
    assert unread(text)[1:] == [(bound, reason) for bound in bounds]


def test_an_estimate_outside_its_ci_is_read_as_printed():
    assert read("HR 0.30 (95% CI 0.02-0.24)") == [("ratio", "0.30", 2, "=", "ratio", ("0.02", "0.24"), "", "", "")]


@pytest.mark.parametrize(("text", "reason"), [
    ("Patients received 300 mg.", "a dose"), ("It began in March 2015.", "a date"), ("It ran until 2019.", "a date"),
    ("A phase 3 trial.", "a design fact or label (a phase, time point, grade or name)"),
    ("Followed for 12 months.", "a duration outside a summary (a design fact such as follow-up or an age)"),
    ("One of the reasons was cost.", "a number in words outside a count"),
    ("At least one relapse.", "a bound (at least, more than, <, ...), not a value"),
    ("Under-represented, < 12%, in trials.", "a bound (at least, more than, <, ...), not a value"),
    ("More than 30% (12/40) relapsed.", "a bound (at least, more than, <, ...), not a value"),
    ("Nearly 50% (19/40) relapsed.", "an approximate value (about, nearly, ~, ...)"),
    ("In ~25% of patients.", "an approximate value (about, nearly, ~, ...)"),
    ("AQP4-IgG titres rose.", "a part of a name (AQP4, aquaporin-4, IL-6, beta-1a)"),
    ("Scores of 7 and 9.", "no pattern of the grammar reads it"),
])
def test_unread_numbers_say_why(text, reason):
    assert {r for _, r in unread(text)} == {reason}


def test_glued_table_cells_are_read_cell_by_cell():
    text = "| Relapse-free | 12/20(60.0%)8/15(53.3%) |"
    assert [(r[0], r[1], r[6], r[7]) for r in read(text)] == [
        (C, "20", "", ""), (C, "12", "", "20"), (P, "60.0", "12", "20"),
        (C, "15", "", ""), (C, "8", "", "15"), (P, "53.3", "8", "15")]


def test_truncated_text_reads_what_is_complete():
    text = "The relapse rate fell (HR 0.45 (95% CI 0.2"
    assert read(text) == [("ratio", "0.45", 2, "=", "ratio", None, "", "", "")]
    assert unread(text) == [("95", "the confidence level of an interval"),
                            ("0.2", "no pattern of the grammar reads it")]


def test_thousands_separators_are_one_number_and_ci_commas_are_separators():
    # three digits after a comma part thousands; one or two make a decimal comma, one number the extraction lists
    # unread as it is printed rather than cut into 12 and 5 (or 7 and 88)
    assert [t.value for t in numeric_tokens("1,225 days; HR 0.5 (0.2,0.9); 12,5")] == [
        "1225", "0.5", "0.2", "0.9", "12,5"]
    unread = extract("Mean duration was 7,88 ± 6,62 years; 12,5 % of them relapsed.", "demo").unread
    assert [(u.printed.text, u.reason) for u in unread] == [
        (printed, "a decimal comma (7,88): the extraction reads a decimal point or a middle dot only; check it by "
                  "hand") for printed in ("7,88", "6,62", "12,5")]
    assert extract("Mean duration was 7,88 ± 6,62 years; 12,5 % of them relapsed.", "demo").rows == []


def test_every_location_holds_its_number():
    text = "Of 143 patients enrolled, 52 (36.4%) were included; HR 0·05 (95% CI 0·01–0·35; p = 0·0002)."
    extraction = extract(text, "demo")
    for row in extraction.rows:
        assert text[row.printed.start:row.printed.end] == row.printed.text
    for location, value in zip(extraction.values()["location"], extraction.values()["value"], strict=True):
        start, end = map(int, location.removeprefix("chars ").split("-"))
        assert text[start:end].replace("·", ".") == value


def test_every_pattern_of_the_grammar_is_named():
    rules = {rule.origin.name for rule in parser().rules}
    assert set(PATTERNS) <= rules
    finding = {rule.expansion[0].name for rule in parser().rules if rule.origin.name == "finding"}
    assert finding == set(PATTERNS)


def test_sentences_split_at_ends_not_at_decimal_points():
    text = "It was p = .02. Then 0.45 rose.\n\n## Results\nAll."
    assert [text[a:b].strip() for a, b in sentences(text)] == ["It was p = .02.", "Then 0.45 rose.", "## Results",
                                                               "All."]


def test_study_id_is_the_stem_in_snake_case():
    assert study_id("Kim 2021-PREVENT.txt") == "kim_2021_prevent"
    assert study_id("2021_kim.md") == "s_2021_kim"


def test_the_scan_names_each_match_by_its_pattern_and_skips_prose():
    assert patterns("No numbers here. Then HR 0.5 and 20 of 47 (42.6%).") == [
        ("estimate", "HR 0.5"), ("k_of_n", "20 of 47 (42.6%)")]


def test_the_grammar_is_lalr_without_conflicts(caplog):
    import logging

    from lark import Lark, logger

    from analysis.extract.grammar import GRAMMAR

    logger.setLevel(logging.DEBUG)
    with caplog.at_level(logging.DEBUG, logger="lark"):
        Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr", lexer="basic", debug=True)
    logger.setLevel(logging.WARNING)
    assert [r.message for r in caplog.records if "conflict" in r.message.lower()] == []


@pytest.mark.parametrize("text", [
    "Time to attack: HR 1.15;(95% CI:0.67–1.91; P=0.58).",
    "The HR (95% CI) of time to attack was 1.15 (0.67–1.91); P=0.58.",
    "Risk fell (hazard ratio [HR]: 1.15; 95% CI: 0.67–1.91; p = 0.58).",
    "Risk fell; HR, 1.15; 95% confidence interval (CI), 0.67 to 1.91; P=0.58.",
])
def test_ratio_label_styles_seen_in_trial_abstracts(text):
    assert read(text) == [("ratio", "1.15", 2, "=", "ratio", ("0.67", "1.91"), "", "", ""),
                          ("p", "0.58", 2, "=", "p", None, "1.15", "", "")]


def test_a_percent_beside_its_count_alone_and_a_percent_with_its_own_ci():
    assert read("Adverse events: 4.3% (4).") == [(C, "4", 0, "=", "patients", None, "", "", ""),
                                                 (P, "4.3", 1, "=", "percent", None, "4", "", "")]
    assert read("Attack-free at 4 years: 77% (95% CI 71, 83).") == [
        (P, "77", 0, "=", "percent", ("71", "83"), "", "", "")]
    assert unread("Attack-free: 77% (95% CI 71, 83).") == [("95", "the confidence level of an interval")]
    approximate = [pair for pair in unread("Attack-free: about 77% (95% CI 71, 83).") if pair[0] != "95"]
    assert approximate == [(number, "an approximate value (about, nearly, ~, ...)") for number in ("77", "71", "83")]


def test_ci_bounds_with_other_decimals_than_the_estimate_say_so_in_ci_decimals():
    values = extract("HR 0.45 (95% CI 0.2-0.9) and HR 0.5 (95% CI 0.25-0.81).", "demo").values()
    assert values[["value", "decimals", "ci_low", "ci_high", "ci_decimals"]].values.tolist() == [
        ["0.45", "2", "0.2", "0.9", "1"], ["0.5", "1", "0.25", "0.81", "2"]]


@pytest.mark.parametrize(("text", "ci", "coarser", "column"), [
    # the column is empty where the coarser decimals are the estimate's (the schema's default)
    ("The odds ratio was 0.3 (95% CI 0.18 to 0.7).", ("0.18", "0.7"), 1, ""),
    ("Relapse risk fell (HR: 0.4 [0.5 – 0.91]; p = 0.03).", ("0.5", "0.91"), 1, ""),
    ("An HR of 0.42 (95% CI 0.09 to 0.8).", ("0.09", "0.8"), 1, "1"),
    ("Its IRR was 2.4 (95% CI 1.3-12).", ("1.3", "12"), 0, "0"),
    ("HR 0.45 (95% CI 0.2-0.90)", ("0.2", "0.90"), 1, "1"),
])
def test_ci_bounds_printed_with_different_decimals_are_both_read_at_the_coarser(text, ci, coarser, column):
    # A finer bound read at fewer decimals stands for a wider rounding interval holding its own: the checks
    # get more lenient, never stricter; the note says why the CI's decimals are not the printed ones.
    values = extract(text, "demo").values()
    assert values[["statistic", "ci_low", "ci_high", "ci_decimals"]].values.tolist()[0] == ["ratio", *ci, column]
    assert values["note"][0].endswith(f"[CI bounds printed with different decimals ({ci[0]}, {ci[1]}): both read at "
                                      f"{coarser}, the coarser, so the checks are more lenient, never stricter]")


@pytest.mark.parametrize(("text", "bounds"), [
    ("HR 0.45 (95% CI 0.2-0.85)", ["0.2", "0.85"]),
    ("OR 1.9 (95% CI 1.25 to 2.7)", ["1.25", "2.7"]),
    ("RR 3 (95% CI 1.50-6)", ["1.50", "6"]),
])
def test_a_finer_bound_halfway_at_the_coarser_decimals_keeps_the_ci_unread(text, bounds):
    # "1.25" rounds to 1.2 or 1.3 at one decimal: either reading misses half of its own rounding interval.
    assert [row[5] for row in read(text)] == [None]
    assert [number for number, _ in unread(text) if number in bounds] == bounds


def test_an_estimate_below_a_ci_printed_with_mixed_decimals_is_flagged_from_the_text():
    from analysis.extract.text_audit import audit_text
    findings = {f.check: f.status for f in audit_text("Its HR was 0.1 (95% CI 0.3 to 0.72).", "demo").findings}
    assert findings["estimate_in_ci"] == "inconsistent"


def test_an_estimate_whose_statistic_is_not_named_is_unread():
    assert read("The others were 0.15 (95% CI 0.10, 0.21; P<0.001).") == []
    assert {reason for _, reason in unread("The others were 0.15 (95% CI 0.10, 0.21; P<0.001).")} == {
        "the confidence level of an interval", "an estimate with a CI whose statistic the clause does not name"}


def test_an_estimate_takes_the_ratio_or_rate_named_earlier_in_its_sentence_where_the_grammar_ties_them():
    R = "ratio"
    series = "The hazard ratios of relapse for drug A and drug B versus drug C were 0.41 (95% CI 0.22-0.77; " \
             "p=0.005) and 0.63 (95% CI 0.35-1.12; p=0.12)."
    assert read(series) == [(R, "0.41", 2, "=", R, ("0.22", "0.77"), "", "", ""),
                            ("p", "0.005", 3, "=", "p", None, "0.41", "", ""),
                            (R, "0.63", 2, "=", R, ("0.35", "1.12"), "", "", ""),
                            ("p", "0.12", 2, "=", "p", None, "0.63", "", "")]
    assert extract(series, "demo").values()["quantity"].tolist() == ["hr_1", "p_1", "hr_2", "p_2"]
    rates = "The ARR went from 1.20 (95% CI 0.95-1.51) before the switch to 0.31 (95% CI 0.20-0.47) after it."
    per_year = "per_patient_year"
    assert read(rates) == [("rate", "1.20", 2, "=", per_year, ("0.95", "1.51"), "", "", ""),
                           ("rate", "0.31", 2, "=", per_year, ("0.20", "0.47"), "", "", "")]
    defined = "The annualized relapse rate (ARR) was 0.08 (95% CI 0.04-0.15) in the treated arm versus " \
              "0.27 (95% CI 0.18-0.40) in the control arm."
    assert [row[1] for row in read(defined)] == ["0.08", "0.27"]


@pytest.mark.parametrize("text", [
    # a verb of its own: a new clause about something else
    "The ARR was 0.21 (95% CI 0.12-0.35) and the share free of relapse was 0.85 (95% CI 0.80-0.90).",
    # a number of another statistic between them
    "The HR was 0.52 (95% CI 0.31-0.87), 40% relapsed, and 0.85 (95% CI 0.80-0.90).",
    # the name too far before, or not tied to the number
    "The hazard ratio was computed for every one of the many subgroups that the protocol defined before the "
    "trial began and were 0.85 (95% CI 0.80-0.90).",
    "The HRs (shown in the figure) in the two groups 0.85 (95% CI 0.80-0.90).",
])
def test_an_estimate_is_left_unread_where_the_sentence_does_not_tie_it_to_the_statistic_named_earlier(text):
    assert "0.85" not in [row[1] for row in read(text)]
    assert ("0.85", "an estimate with a CI whose statistic the clause does not name") in unread(text)


def test_an_unlabelled_pair_after_a_ratio_inside_its_bracket_is_its_ci_when_it_holds_the_estimate():
    R = "ratio"
    assert read("Relapses were fewer than on drug B (HR 0.34, 0.20–0.58).") == [
        (R, "0.34", 2, "=", R, ("0.20", "0.58"), "", "", "")]
    assert read("The risk did not differ (HR 1.12, 0.81 to 1.55; p=0.49).") == [
        (R, "1.12", 2, "=", R, ("0.81", "1.55"), "", "", ""), ("p", "0.49", 2, "=", "p", None, "1.12", "", "")]
    outside = "The risk did not differ (HR 1.12, 1.31-1.55)."
    assert read(outside) == [(R, "1.12", 2, "=", R, None, "", "", "")]
    assert unread(outside) == [(bound, "an unlabelled pair after an estimate that does not hold it") for bound in
                               ("1.31", "1.55")]
    # joined by a comma, the numbers after a ratio are a list of ratios, not a CI
    assert [row[5] for row in read("The subgroups differed (HRs 0.34, 0.58, 0.91).")] == [None]


def test_a_ratio_of_relapse_rates_is_a_ratio_and_an_annual_relapse_rate_is_a_rate():
    R = "ratio"
    assert read("Both drugs did alike (ARR ratio 1.1; 95% CI: 0.6-2.0).") == [
        (R, "1.1", 1, "=", R, ("0.6", "2.0"), "", "", "")]
    assert extract("The annualised relapse rate ratio was 0.52 (95% CI 0.31-0.87).", "demo").values()[
        ["quantity", "statistic", "ci_low"]].values.tolist() == [["rr_1", R, "0.31"]]
    assert read("In all, 87 attacks occurred on treatment (annual relapse rate=0.45).") == [
        (C, "87", 0, "=", "relapses", None, "", "", ""), ("rate", "0.45", 2, "=", "per_patient_year", None, "", "", "")]


def test_a_rate_in_100_person_years_and_patient_years_with_any_hyphen():
    text = "Infections occurred at 12.4 in 100 PY on drug A and 9.9 per 100 patient\u2010years on drug B."
    assert read(text) == [("rate", "12.4", 1, "=", "per_100_patient_years", None, "", "", ""),
                          ("rate", "9.9", 1, "=", "per_100_patient_years", None, "", "", "")]
    assert unread(text) == [("100", "the scale of a rate per 100 or 1000 patient-years")] * 2
    assert read("It was 0.31 per patient\u2011year.") == [
        ("rate", "0.31", 2, "=", "per_patient_year", None, "", "", "")]


def test_a_count_with_one_or_two_words_before_its_noun():
    assert read("We followed 212 seropositive patients.") == [(C, "212", 0, "=", "patients", None, "", "", "")]
    assert read("They came from 17 university hospital centres.") == [(C, "17", 0, "=", "centers", None, "", "", "")]
    assert read("In all, 98 treatment episodes were analysed.") == [(C, "98", 0, "=", "episodes", None, "", "", "")]
    assert read("Only one severe relapse occurred.") == [(C, "1", 0, "=", "relapses", None, "", "", "")]


@pytest.mark.parametrize(("text", "number", "reason"), [
    ("Those with 2 or more relapses were included.", "2", "a number whose words before its noun make it no count"),
    ("Those with 3 more relapses left.", "3", "a number whose words before its noun make it no count"),
    ("Data start at the 24th natalizumab infusion.", "24", "an ordinal (24th, 3rd, ...), not a count"),
    ("Data start at the 3rd infusion.", "3", "an ordinal (24th, 3rd, ...), not a count"),
    # a unit of dose between the number and its noun: how much of a drug, not how many infusions
    ("Each arm got 600 mg intravenous infusions.", "600", "a dose"),
    ("Doses of 1 g rituximab infusions were given.", "1", "a dose"),
])
def test_a_number_before_words_and_a_noun_that_is_no_count_of_them_is_unread(text, number, reason):
    assert read(text) == []
    assert unread(text) == [(number, reason)]


def test_annualised_relapse_rates_listed_after_the_clause_that_names_them_are_read_alone():
    per_year = [("rate", value, 2, "=", "per_patient_year", None, "", "", "") for value in
                ("0.35", "0.12", "0.09", "0.06")]
    assert read("On drug A the ARR went from 0.35 before it to 0.12, 0.09 and 0.06 in years 1, 2 and 3.") == per_year
    bracket = "The ARR stayed low during the 3 years of the extension (0.35, 0.12, 0.09 and 0.06)."
    assert read(bracket) == per_year
    pair = read("The ARR was lower on A than on B in study 2 (0.12 vs. 0.35; p=0.01).")
    assert [(row[0], row[1], row[6]) for row in pair] == [("p", "0.01", ""), ("rate", "0.12", ""),
                                                          ("rate", "0.35", "")]


@pytest.mark.parametrize(("text", "other"), [
    ("The ARR and the EDSS were 0.21 and 3.50 at the end.", "3.50"),  # two names, one verb
    ("The ARR was 0.21 and the mean EDSS was 3.50 at the end.", "3.50"),  # a verb of its own
    ("The ARR was 0.21 (p = 0.02) while the EDSS changed by 0.35 in a year.", "0.35"),  # words, no list
    ("The ARR was 0.21; the EDSS changed (0.35 vs 0.50).", "0.35"),  # another clause
])
def test_a_decimal_after_an_arr_that_the_sentence_does_not_list_as_one_is_not_read_as_an_arr(text, other):
    rates = [row[1] for row in read(text) if row[0] == "rate"]
    assert rates == ["0.21"]
    means = [row[1] for row in read(text) if row[0] == "mean"]  # "the mean EDSS was 3.50": the mean it names
    assert other in [number for number, _ in unread(text)] + means


def test_a_list_of_p_values_after_one_label_is_read_one_p_each():
    assert read("None of the three differed between arms (p = 0.41, 0.07, and 0.66).") == [
        ("p", value, 2, "=", "p", None, "", "", "") for value in ("0.41", "0.07", "0.66")]
    # a count after a p is no p: the p is read, the count unread with why
    assert read("It differed (p = 0.03, and 12 patients relapsed).") == [("p", "0.03", 2, "=", "p", None, "", "", "")]
    assert unread("It differed (p = 0.03, and 12 patients relapsed).") == [
        ("12", "a number after a p value that the text does not print as another p")]


def test_counts_listed_before_one_noun_are_read_one_count_each_but_not_a_range_or_a_guess():
    assert read("The two trials enrolled 402 and 398 patients.") == [
        (C, "402", 0, "=", "patients", None, "", "", ""), (C, "398", 0, "=", "patients", None, "", "", "")]
    assert read("Sites enrolled 12, 15 and 9 patients.") == [
        (C, value, 0, "=", "patients", None, "", "", "") for value in ("12", "15", "9")]
    for vague in ("Between 10 and 20 patients were expected.", "Each site saw 2 or 3 patients."):
        assert read(vague) == []
        assert {reason for _, reason in unread(vague)} == {"counts joined by a word that makes them no list of counts"}


def test_a_count_and_the_verb_that_makes_the_percent_after_it_its_share():
    assert read("Of the sera tested, 41 were positive (9.3%).") == [(C, "41", 0, "=", "patients", None, "", "", ""),
                                                                    (P, "9.3", 1, "=", "percent", None, "41", "", "")]
    dose = "Patients took 20 mg daily (35%)."
    assert read(dose) == [(P, "35", 0, "=", "percent", None, "", "", "")]
    assert unread(dose) == [("20", "a dose")]


def test_a_number_alone_before_a_verb_whose_subject_is_patients_is_a_count():
    assert read("Of the cohort, 312 discontinued the drug and 40 died.") == [
        (C, "312", 0, "=", "patients", None, "", "", ""), (C, "40", 0, "=", "patients", None, "", "", "")]
    assert read("In all, 88 randomized to the drug finished.") == [(C, "88", 0, "=", "patients", None, "", "", "")]


@pytest.mark.parametrize(("text", "number", "reason"), [
    ("They took 300 mg daily.", "300", "a dose"),
    ("In 2019 enrolled centres grew.", "2019", "a date"),
    ("The score 3.5 remained stable.", "3.5", "no pattern of the grammar reads it"),
    # after "EDSS" a number names a step of the scale ("progression to EDSS 4 among 30 cases"), never a count
    ("The EDSS 4 remained stable.", "4", "a design fact or label (a phase, time point, grade or name)"),
    ("They formed 4 groups.", "4", "no pattern of the grammar reads it"),
])
def test_a_number_before_a_word_that_is_no_verb_of_patients_keeps_the_reason_it_has_alone(text, number, reason):
    assert read(text) == []
    assert unread(text) == [(number, reason)]


def test_a_mean_printed_per_arm_after_one_label_is_one_mean_per_arm_and_the_p_stays_unlinked():
    values = extract("Disability rose less (mean EDSS change: drug=0.35; placebo=-0.12; P=0.03).", "demo").values()
    assert values[["quantity", "statistic", "value", "of"]].values.tolist() == [
        ["edss_change_drug_mean", "mean", "0.35", "edss_change_drug"],
        ["edss_change_placebo_mean", "mean", "-0.12", "edss_change_placebo"],
        ["p_1", "p", "0.03", ""]]


def test_a_name_ties_an_estimate_with_its_ci_across_fifteen_words_and_one_without_across_six():
    fifteen = "The hazard ratio of relapse for the patients on the drug in the first year of trial was 0.52 " \
              "(95% CI 0.31-0.87)."
    assert read(fifteen) == [("ratio", "0.52", 2, "=", "ratio", ("0.31", "0.87"), "", "", "")]
    sixteen = fifteen.replace("the first year", "the first full year")
    assert read(sixteen) == [] and unread(sixteen)[0][1].startswith("a number a few words after a statistic's name")
    six = "The ARR in first year on drug was 0.31."
    assert read(six) == [("rate", "0.31", 2, "=", "per_patient_year", None, "", "", "")]
    assert read(six.replace("first", "very first")) == []
    series = "The ARR was 0.21 (95% CI 0.12-0.35) in group given drug A and 0.85 (95% CI 0.80-0.90)."
    assert [row[1] for row in read(series)] == ["0.21", "0.85"]
    assert [row[1] for row in read(series.replace("given", "that was given"))] == ["0.21"]
    assert [row[1] for row in read(series.replace("given drug A", "given the drug A"))] == ["0.21"]


def test_an_unlabelled_pair_holds_its_estimate_on_its_bounds():
    assert [row[5] for row in read("Risk fell (HR 0.80, 0.80-0.95).")] == [("0.80", "0.95")]
    assert [row[5] for row in read("Risk fell (HR 0.95, 0.80-0.95).")] == [("0.80", "0.95")]
    assert [row[5] for row in read("Risk fell (HR 0.79, 0.80-0.95).")] == [None]


@pytest.mark.parametrize(("text", "rates"), [
    ("The ARR (0.12 vs 0.20).", ["0.12", "0.20"]),  # opens a bracket after the name
    ("The ARR was low: 0.12 vs 0.20.", ["0.12", "0.20"]),  # after a tie
    ("The ARR was 0.40 and 0.12 at once.", ["0.40", "0.12"]),
    ("The ARR was 0.40 and 0.12% later.", ["0.40"]),  # a percent
    ("The ARR was 0.40 and 0.12 days later.", ["0.40"]),  # a duration
    ("The ARR was 0.40 and 0.12 per year.", ["0.40"]),  # words after it that no list has
    ("The ARR was 0.40 and p 0.12 later.", ["0.40"]),  # a p
    ("The ARR was 0.40 vs ±0.12 later.", ["0.40"]),  # a sign
    # fifteen words between the name and the bracket, then sixteen
    ("The ARR over many of the long years of this very extended trial and its open extension (0.12 vs 0.20).",
     ["0.12", "0.20"]),
    ("The ARR over many of the long years of this very extended trial and its open label extension (0.12 vs 0.20).",
     []),
])
def test_where_a_bare_list_after_an_arr_starts_and_stops(text, rates):
    assert [row[1] for row in read(text) if row[0] == "rate"] == rates


def test_a_p_list_is_of_p_values_only_and_a_mean_per_arm_needs_a_variable():
    assert [row[1] for row in read("It was p = 0.04, 0.12 or 0.30.")] == ["0.04", "0.12", "0.30"]
    assert [row[1] for row in read("It was p = 0.04, 0.12 and 1.30.")] == ["0.04"]
    text = "Scores differed (mean score not known: A=0.5; B=0.6)."
    assert read(text) == []
    assert unread(text) == [(value, "a summary whose variable the clause does not name clearly")
                            for value in ("0.5", "0.6")]


def test_a_percent_with_its_ci_in_square_brackets_holds_the_ci_not_three_percents():
    assert read("Most were free of relapse (91.5% [95% confidence interval, 80.2% to 99.0%]).") == [
        (P, "91.5", 1, "=", "percent", ("80.2", "99.0"), "", "", "")]
    assert read("Free of relapse: 77% [95% CI 71, 83; p=0.01].") == [
        (P, "77", 0, "=", "percent", ("71", "83"), "", "", ""), ("p", "0.01", 2, "=", "p", None, "", "", "")]


def test_ci_95_percent_written_after_ci_is_a_label_not_a_percent():
    assert read("HR 0.45 (CI 95% 0.20-0.90)") == [("ratio", "0.45", 2, "=", "ratio", ("0.20", "0.90"), "", "", "")]


def test_a_month_and_year_is_not_a_count_of_a_total():
    assert read("Enrolment closed in 03/2019.") == []
    assert unread("Enrolment closed in 03/2019.") == [("03", "a date (month/year)"), ("2019", "a date (month/year)")]
    assert read("It was 3/12 patients.")[1][1] == "3"


def test_the_first_end_of_a_range_of_estimates_is_not_an_estimate():
    text = "The effect held in every subgroup (HRs: 0.213–0.503)."
    assert read(text) == []
    assert unread(text) == [("0.213", "the first end of a range, not one number"),
                            ("0.503", "no pattern of the grammar reads it")]


def test_a_number_in_words_with_a_unicode_hyphen_is_one_number():
    assert read("Sixty‐seven patients (23.2%) relapsed.") == [(C, "67", 0, "=", "patients", None, "", "", ""),
                                                          (P, "23.2", 1, "=", "percent", None, "67", "", "")]


def test_ci_bounds_printed_as_percents_are_bounds_not_percents():
    text = "The estimate was 3.7% (95% CI 0.8% to 6.6%; p=0.014)."
    assert read(text) == [(P, "3.7", 1, "=", "percent", ("0.8", "6.6"), "", "", ""),
                          ("p", "0.014", 3, "=", "p", None, "", "", "")]
    assert unread(text) == [("95", "the confidence level of an interval")]


def test_a_p_after_a_comma_belongs_to_its_ratio():
    assert read("Risk was higher (HR 2.70, p<0.001).") == [("ratio", "2.70", 2, "=", "ratio", None, "", "", ""),
                                                          ("p", "0.001", 3, "<", "p", None, "2.70", "", "")]


@pytest.mark.parametrize(("text", "count", "total"), [
    # 9 of 50 is 18 %; no whole count of 9 patients prints as 18 %: n is the count.
    ("Relapses occurred in 18% (n = 9) of the rituximab group.", "9", ""),
    # 35 of 40 is 87.5 %: N is the total.
    ("NEDA was kept by 87.5% (N = 40).", "", "40"),
    # 22 of 30 is 73.3 % and 23 of 30 is 76.7 %, but 30 of 40 is 75 %: n is the count.
    ("Female sex: 75% (n = 30).", "30", ""),
    # No count of 40 prints as 86.5 % and 40 is the count of no total either (40/46 is 87.0 %, 40/47 85.1 %):
    # linked as the total, so the audit flags the percent.
    ("NEDA was kept by 86.5% (N = 40).", "", "40"),
])
def test_n_after_a_percent_is_its_total_unless_only_the_count_reading_fits(text, count, total):
    values = extract(text, "demo").values().set_index("quantity")
    percent = values[values["statistic"] == "percent"].iloc[0]
    assert (values.loc[percent["of"], "value"] if percent["of"] else "") == count
    assert (values.loc[percent["denominator"], "value"] if percent["denominator"] else "") == total


@pytest.mark.parametrize("label", ["90% CI", "99% CI", "95% CrI", "95% credible interval"])
def test_bounds_of_an_interval_other_than_a_95_percent_confidence_interval_are_unread(label):
    text = f"The hazard ratio was 0.62 ({label} 0.41-0.93; p = 0.06)."
    assert read(text) == [("ratio", "0.62", 2, "=", "ratio", None, "", "", ""),
                          ("p", "0.06", 2, "=", "p", None, "0.62", "", "")]
    assert [reason for number, reason in unread(text) if number in ("0.41", "0.93")] == [
        f'bounds of a "{label}"'] * 2


def test_a_mean_and_sd_without_a_unit_are_a_measure():
    assert read("Mean EDSS was 3.5 (SD 1.2).") == [("mean", "3.5", 1, "=", "measure", None, "edss", "", ""),
                                                  ("sd", "1.2", 1, "=", "measure", None, "edss", "", "")]


@pytest.mark.parametrize(("text", "value"), [
    ("The rate ratio for relapse was 0.44 (95% CI 0.36-0.54).", "0.44"),
    ("The hazard ratio of relapse on rituximab was 0.25 (95% CI 0.10-0.63).", "0.25"),
    ("HR, 0.5 (95% CI 0.3-0.8).", "0.5"),
])
def test_a_ratio_a_few_words_after_its_name_is_read_when_was_of_or_a_sign_ties_them(text, value):
    assert [row[1] for row in read(text)] == [value]


@pytest.mark.parametrize(("text", "ci", "p"), [
    ("Relapses fell (hazard ratio [HR] 0.31, 95% CI 0.12-0.80).", ("0.12", "0.80"), None),
    ("Relapses fell (odds ratio [OR] 0.31; 95% confidence interval [CI] 0.12-0.80; p = .016).", ("0.12", "0.80"),
     ".016"),
    ("Relapses fell (rate ratio (RR) = 0.31; 95% CI = 0.12, 0.80).", ("0.12", "0.80"), None),
])
def test_a_ratio_s_abbreviation_in_brackets_belongs_to_its_name(text, ci, p):
    rows = read(text)
    assert rows[0][:2] == ("ratio", "0.31") and rows[0][5] == ci
    assert [(row[0], row[1], row[6]) for row in rows[1:]] == ([("p", p, "0.31")] if p else [])


@pytest.mark.parametrize("text", ["HR in 12 patients: 0.5.", "The ARR on rituximab 0.17 vs 0.76.",
                                  "The hazard ratio for relapse in the rituximab group of the trial was 0.44.",
                                  "The odds ratio [OR] for relapse 0.31 was not given.",
                                  "The odds ratio (OR) in 12 patients: 0.5."])
def test_a_number_a_few_words_after_a_statistic_s_name_but_not_tied_to_it_is_unread(text):
    assert read(text) == []
    assert unread(text)[0][1] == ("a number a few words after a statistic's name, not tied to it (by was, of, from, an "
                                  "equals sign, a colon or a comma)")


@pytest.mark.parametrize(("text", "count"), [
    ("Two hundred and twelve patients were followed.", "212"), ("One hundred twenty patients were followed.", "120"),
    ("Nine hundred ninety-nine patients were followed.", "999"), ("One-hundred patients were followed.", "100"),
])
def test_a_number_in_words_of_hundreds_is_read_whole(text, count):
    assert [row["value"] for row in extract(text, "t").values().to_dict("records")] == [count]


def test_the_end_of_a_number_in_words_past_999_is_unread_not_misread():
    # "forty" in "one thousand and forty" is not 40 patients: no row, and the words say why.
    text = "Of the cohort, one thousand and forty patients were followed."
    assert read(text) == []
    assert unread(text)[-1][1].startswith("a part of a number in words past nine hundred and ninety-nine")


def test_ci_bounds_of_a_percent_printed_as_proportions_are_unread_and_the_percent_kept():
    # 0.52-0.64 beside 58% is 52% to 64% on another scale: read as printed, 58 would lie outside its CI.
    text = "Relapse-free survival at two years was 58% (95% CI 0.52-0.64)."
    assert read(text) == [(P, "58", 0, "=", "percent", None, "", "", "")]
    assert [reason for number, reason in unread(text) if number in ("0.52", "0.64")] == [
        "CI bounds of a percent printed as proportions (0 to 1)"] * 2
    # Bounds printed as percents, or a percent under 1 with its bounds, keep their CI.
    assert read("It was 0.8% (95% CI 0.2-1.0).")[0][5] == ("0.2", "1.0")


@pytest.mark.parametrize("text", [
    "Relapses were seen on the new drug (n=12/40 [30%]) and on placebo.",
    "On the new drug, 30% of patients (12 of 40 patients) relapsed.",
    "Scores improved in 12 of 40 patients (30%, p = .03).",
])
def test_a_count_its_total_and_its_percent_in_more_bracket_styles(text):
    rows = read(text)
    assert rows[:3] == [(C, "40", 0, "=", "patients", None, "", "", ""),
                        (C, "12", 0, "=", "patients", None, "", "40", ""),
                        (P, "30", 0, "=", "percent", None, "12", "40", "")]
    # A p beside the share compares it with something the clause does not print: read, linked to nothing.
    assert rows[3:] == ([("p", ".03", 2, "=", "p", None, "", "", "")] if "p =" in text else [])


@pytest.mark.parametrize("text", [
    "The hazard ratio was 0.62; 95% confidence interval [CI], 0.41 to 0.93; P=0.02.",
    "The hazard ratio was 0.62 (95% confidence interval [CI], 0.41 to 0.93; P=0.02).",
])
def test_a_ci_label_with_its_abbreviation_in_square_brackets(text):
    assert read(text) == [("ratio", "0.62", 2, "=", "ratio", ("0.41", "0.93"), "", "", ""),
                          ("p", "0.02", 2, "=", "p", None, "0.62", "", "")]


def test_a_median_with_its_range_in_brackets_after_median_range_with_units_inside():
    rows = read("Follow-up lasted a median (range) of 60.5 weeks (4.0-130.0 weeks).")
    assert [(r[0], r[1], r[4]) for r in rows] == [("median", "60.5", "weeks"), ("min", "4.0", "weeks"),
                                                  ("max", "130.0", "weeks")]


@pytest.mark.parametrize(("text", "value"), [
    ("In total, 512 individuals were screened.", "512"), ("The cohort held 14 children.", "14"),
    ("Of 60 subjects, 9 (15%) relapsed.", "60"), ("We saw 23 adults and no others.", "23"),
])
def test_people_named_individuals_subjects_adults_children_or_cases_are_counted_as_participants(text, value):
    rows = read(text)
    assert (rows[0][0], rows[0][1], rows[0][4]) == (C, value, "participants")


def test_a_mean_and_sd_in_square_brackets_after_mean_sd_in_square_brackets():
    rows = read("Of 80 patients (mean [SD] age; 39.5 [9.91] years), 12 relapsed.")
    assert [(r[0], r[1], r[4], r[6]) for r in rows if r[0] in ("mean", "sd")] == [
        ("mean", "39.5", "years", "age"), ("sd", "9.91", "years", "age")]


def test_a_medline_export_whose_first_field_is_indented_is_refused_naming_line_and_column(tmp_path, capsys):
    from analysis.extract import ExtractError
    from analysis.extract.text_audit import sources
    from analysis.pipeline import cli

    export = tmp_path / "export.txt"
    export.write_text("\n   PMID- 31\n   TI  - A title.\n   AB  - Relapses: 4 of 9.\n", encoding="utf-8")
    with pytest.raises(ExtractError, match=r"^.*export\.txt, line 2, column 4: the MEDLINE field PMID- is indented; "):
        sources(str(export))
    out = tmp_path / "out"
    assert cli.main(["audit", str(export), "--out", str(out)]) == 1
    assert "line 2, column 4: the MEDLINE field PMID- is indented" in capsys.readouterr().err
    assert not out.exists()



@pytest.mark.parametrize("text", [
    "Visual acuity in the worse eye stayed unchanged (Snellen equivalent of 20/20).",
    "At nadir, best corrected vision was 6/60 in the affected eye.",
    "The final acuity was 20/25 or better.",
])
def test_a_snellen_fraction_after_a_word_of_vision_is_no_count_of_a_total(text):
    assert read(text) == []
    assert {reason for _, reason in unread(text)} == {"a Snellen fraction (visual acuity), not a count of a total"}


@pytest.mark.parametrize(("text", "count", "total"), [
    ("Vision recovered in 20/25 patients.", "20", "25"),
    ("Among 50 with visual loss, 20/35 (57%) recovered.", "20", "35"),
    ("Visual acuity was 20/40 in 20/31 eyes.", "20", "31"),
    ("Relapse-free at week 48: 20/20 in the active arm.", "20", "20"),
    ("After optic neuritis, 12/20 regained vision.", "12", "20"),
    ("Visual acuity improved in 20 of 30.", "20", "30"),
])
def test_a_slash_pair_with_a_noun_a_percent_or_no_word_of_vision_before_it_stays_a_count(text, count, total):
    assert any(row[0] == C and row[1] == count and row[7] == total for row in read(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("The cohort had a mean (standard deviation [SD]) disease duration of 4.3 (2.15) years.",
     [("mean", "4.3", "years", "disease_duration"), ("sd", "2.15", "years", "disease_duration")]),
    ("Mean (standard deviation) weight, 71.5 (12.0) kg.",
     [("mean", "71.5", "measure", "weight"), ("sd", "12.0", "measure", "weight")]),
    ("They had been treated before (mean time 38 months [SD17]).",
     [("mean", "38", "months", "time"), ("sd", "17", "months", "time")]),
    ("The mean age at onset was 33 years [SD: 11].",
     [("mean", "33", "years", "age_onset"), ("sd", "11", "years", "age_onset")]),
])
def test_a_mean_and_sd_in_nested_or_glued_brackets(text, expected):
    values = extract(text, "demo").values()
    assert values[["statistic", "value", "unit", "of"]].values.tolist() == [list(row) for row in expected]


@pytest.mark.parametrize("text", [
    "The mean age was 44 years [range 19-70].",
    "The mean score was 3.1 [2.4].",
])
def test_a_square_bracket_after_a_mean_is_an_sd_only_where_it_says_so(text):
    assert [row[0] for row in read(text)] == ["mean"]  # the mean alone; the bracket unread


@pytest.mark.parametrize(("text", "expected"), [
    ("Most were women (61 women [64%]).", [(C, "61", 0, "=", "patients", None, "", "", ""),
                                           (P, "64", 0, "=", "percent", None, "61", "", "")]),
    ("At baseline, 212 male [35.3%] and 389 female.", [(C, "212", 0, "=", "patients", None, "", "", ""),
                                                        (P, "35.3", 1, "=", "percent", None, "212", "", "")]),
    ("In the cohort, 18 patients [45%] relapsed.", [(C, "18", 0, "=", "patients", None, "", "", ""),
                                               (P, "45", 0, "=", "percent", None, "18", "", "")]),
])
def test_a_count_and_its_percent_in_square_brackets(text, expected):
    assert read(text)[:2] == expected


def test_a_percent_in_square_brackets_after_a_dose_is_no_share_of_it():
    assert read("They took 20 mg daily [40%].") == [(P, "40", 0, "=", "percent", None, "", "", "")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The median [range] age was 29 [4-71] years.",
     [("median", "29", "years"), ("min", "4", "years"), ("max", "71", "years")]),
    ("Median [IQR] EDSS at last visit, 1.5 [1.0-3.0].",
     [("median", "1.5", "measure"), ("q1", "1.0", "measure"), ("q3", "3.0", "measure")]),
])
def test_a_median_and_its_range_or_iqr_after_median_range_in_square_brackets(text, expected):
    assert [(row[0], row[1], row[4]) for row in read(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Half had relapsed by then (median time to relapse 9.4 months; 95% CI 6.1 to 15.0).",
     ("median", "9.4", "months", ("6.1", "15.0"), "time_to_relapse")),
    ("The median survival was 31 months (95% CI 22-40).", ("median", "31", "months", ("22", "40"), "survival")),
    ("Median time to first attack, 4.5 years [95% CI, 3.2-6.8].",
     ("median", "4.5", "years", ("3.2", "6.8"), "time_to_first_attack")),
])
def test_a_median_with_its_ci_is_one_row_holding_the_bounds(text, expected):
    statistic, value, unit, ci, variable = expected
    assert read(text) == [(statistic, value, len(value.partition(".")[2]), "=", unit, ci, variable, "", "")]


def test_a_median_with_a_ci_of_another_level_keeps_the_median_and_leaves_the_bounds_unread():
    assert [row[5] for row in read("The median was 6 weeks (90% CI 4-9).")] == [None]
    assert [number for number, _ in unread("The median was 6 weeks (90% CI 4-9).")] == ["90", "4", "9"]


def test_a_median_outside_its_ci_is_flagged_from_the_text():
    from analysis.extract.text_audit import audit_text
    findings = {f.check: f.status for f in audit_text("The median survival was 24 months (95% CI 11-19).",
                                                      "demo").findings}
    assert findings == {"estimate_in_ci": "inconsistent"}


def test_a_median_with_a_ci_whose_variable_the_clause_does_not_name_is_unread():
    text = "The median was not reached by 12 months (95% CI 8-20)."
    assert read(text) == []
    assert unread(text) == [("12", "a summary whose variable the clause does not name clearly"),
                            ("95", "the confidence level of an interval"),
                            ("8", "a summary whose variable the clause does not name clearly"),
                            ("20", "a summary whose variable the clause does not name clearly")]


@pytest.mark.parametrize(("text", "ci"), [
    ("By week 96, 88% of the treated patients had no relapse (Kaplan-Meier estimate; 95% CI, 71.2-95.6).",
     ("71.2", "95.6")),
    ("Overall, 64% remained free of attacks (life-table analysis; 95% confidence interval 50-76).", ("50", "76")),
])
def test_a_ci_after_a_clause_is_the_percent_s_where_words_alone_lie_between_and_it_holds_the_percent(text, ci):
    assert [row[5] for row in read(text) if row[0] == P] == [ci]


@pytest.mark.parametrize("text", [
    "Overall, 64% remained free of attacks (life-table analysis; 95% CI 20-41).",
    "Overall, 64% remained free of attacks, 12 worsened (life-table analysis; 95% CI 50-76).",
    "Overall, 64% of 50 patients remained free of attacks (life-table analysis; 95% CI 50-76).",
    "Attack-free survival improved (life-table analysis; 95% CI 50-76).",
    "Overall, 64% (95% CI 55-72) remained free of attacks (life-table analysis; 95% CI 50-76).",
    "In all, 64% of those who stayed on the drug for the whole of the second and third years remained free "
    "(life-table analysis; 95% CI 50-76).",
])
def test_a_ci_after_a_clause_is_never_tied_to_a_percent_it_does_not_hold_or_across_numbers(text):
    bounds = text[text.rindex("CI") + 3:].rstrip(").").split("-")
    reason = "a CI after a clause, not tied to a percent before it (none holds it across words alone)"
    assert [pair for pair in unread(text) if pair[0] in bounds] == [(bound, reason) for bound in bounds]
    assert all(row[5] != tuple(bounds) for row in read(text))


def test_a_bracket_naming_a_ratio_after_a_percent_gives_its_ci_to_the_ratio():
    assert read("Overall, 64% remained free of attacks (hazard ratio 0.5; 95% CI 0.3-0.8).") == [
        (P, "64", 0, "=", "percent", None, "", "", ""), ("ratio", "0.5", 1, "=", "ratio", ("0.3", "0.8"), "", "", "")]


def test_an_unlabelled_pair_is_a_ci_only_in_a_series_after_an_estimate_with_its_ci_that_it_holds():
    series = "Against drug A, the rate ratio (95% CI) was 0.58 (0.41 to 0.82) for drug B and 1.75 (1.10 to 2.79) for C."
    assert read(series) == [("ratio", "0.58", 2, "=", "ratio", ("0.41", "0.82"), "", "", ""),
                            ("ratio", "1.75", 2, "=", "ratio", ("1.10", "2.79"), "", "", "")]


@pytest.mark.parametrize(("text", "left"), [
    ("The HR was 0.6 and 1.75 (1.10 to 2.79) for drug C.", ["1.75", "1.10", "2.79"]),  # no CI before it
    ("The HR was 0.6 (0.4-0.9) and 1.75 (1.80 to 2.79) for drug C.", ["1.75", "1.80", "2.79"]),  # not held
    ("Patients aged 45 (30-60) years were included.", ["45", "30", "60"]),  # no series
    # in a series, but a count, a time or a rate by what follows, or a whole number
    ("The HR for relapse was 0.45 (0.30-0.68) and 1.8 (1.2-2.5) patients relapsed.", ["1.8", "1.2", "2.5"]),
    ("The HR was 0.45 (0.30-0.68) and 1.8 (1.2-2.5) years passed.", ["1.8", "1.2", "2.5"]),
    ("The HR was 0.45 (0.30-0.68), and 2.5 (1.5-3.5) relapses per patient occurred.", ["2.5", "1.5", "3.5"]),
    ("The HR was 0.45 (0.30-0.68) and 18 (12-25) for drug C.", ["18", "12", "25"]),
])
def test_an_unlabelled_pair_outside_a_series_with_cis_or_not_holding_its_estimate_is_unread(text, left):
    assert [row[1] for row in read(text) if row[1] in left] == []
    assert [(number, reason) for number, reason in unread(text) if number in left] == [
        (number, "no pattern of the grammar reads it") for number in left]


def test_arr_values_of_a_subject_shared_with_another_name_are_unread_even_across_a_label():
    text = "The ARR and the EDSS at 2 years were 0.21 and 3.50, respectively."
    assert read(text) == []
    assert [number for number, _ in unread(text)] == ["2", "0.21", "3.50"]


@pytest.mark.parametrize("text", [
    "Drug B lowered the risk by 40% (hazard ratio (HR; 95% CI): 0.60 (0.38, 0.95); p = 0.03).",
    "Drug B lowered the risk (HR (0.60; 95% CI 0.38-0.95); p = 0.03).",
])
def test_a_ratio_whose_name_brackets_its_abbreviation_and_ci_label_or_its_estimate(text):
    ratio = [row for row in read(text) if row[0] == "ratio"]
    assert ratio == [("ratio", "0.60", 2, "=", "ratio", ("0.38", "0.95"), "", "", "")]


def test_an_arr_printed_inside_the_bracket_after_its_name_with_its_ci():
    text = "Drug B came with a lower ARR (0.004; 95% confidence interval (CI) = 0.002, 0.011) than drug A."
    assert read(text) == [("rate", "0.004", 3, "=", "per_patient_year", ("0.002", "0.011"), "", "", "")]


@pytest.mark.parametrize(("text", "comparator", "value"), [
    ("Deaths were fewer (120 [1.5%] vs 160 [2.0%]; 2p = 0.02).", "=", "0.02"),  # the Lancet's two-sided p
    ("Strokes did not differ (2p > 0.1).", ">", "0.1"),
])
def test_a_two_sided_p_printed_2p_is_a_p(text, comparator, value):
    assert [(row[3], row[1]) for row in read(text) if row[0] == "p"] == [(comparator, value)]
    assert "2" not in [number for number, _ in unread(text)]


@pytest.mark.parametrize(("text", "rates"), [
    # one subject with values per arm, "respectively" mapping them to the arms
    ("In this group the ARR was 0.152 and 0.481 for drug B (n=90) and drug A (n=85), respectively.",
     ["0.152", "0.481"]),
    # the size of the arm in brackets between two values of a series
    ("The annualized relapse rate was 0.092 for drug B (n = 310) versus 0.201 for drug A (n = 305) (p < 0.001).",
     ["0.092", "0.201"]),
    # the last value of the list ends the sentence: the full stop after it is no unit
    ("In the three arms the annualized relapse rates were 0.18, 0.74 and 1.05.", ["0.18", "0.74", "1.05"]),
])
def test_a_list_of_arrs_reads_each_arm_value_across_respectively_and_an_arm_size(text, rates):
    assert [row[1] for row in read(text) if row[0] == "rate"] == rates


def test_the_bracket_after_a_relative_change_is_not_its_count():
    # "a 15% (5) reduction": the article makes the percent a relative change; the 5 is its SD or SE
    assert read("Drug B gave a 15% (5) proportional reduction in deaths.") == [
        (P, "15", 0, "=", "percent", None, "", "", "")]
    assert unread("Drug B gave a 15% (5) proportional reduction in deaths.") == [
        ("5", 'a number in brackets after a relative change ("a 12% reduction")')]
    # without the article the bracket is the count the percent is a share of
    assert read("Deaths occurred in 15% (6) on drug B.") == [
        (C, "6", 0, "=", "patients", None, "", "", ""), (P, "15", 0, "=", "percent", None, "6", "", "")]


@pytest.mark.parametrize(("text", "value"), [
    ("The annualized relapse rate (ARR) before drug B was 1.4.", "1.4"),
    ("The annualised relapse rate [ARR] on drug B was 0.21 (95% CI 0.15-0.30).", "0.21"),
])
def test_an_arr_whose_abbreviation_follows_its_name_in_brackets(text, value):
    assert [row[1] for row in read(text) if row[0] == "rate"] == [value]


def test_an_arr_abbreviated_in_brackets_stays_untied_from_a_count_after_other_words():
    assert read("The annualized relapse rate [ARR] in 12 patients rose.") == []
    assert unread("The annualized relapse rate [ARR] in 12 patients rose.") == [
        ("12", "a number a few words after a statistic's name, not tied to it (by was, of, from, an equals sign, a "
               "colon or a comma)")]


@pytest.mark.parametrize(("text", "count"), [
    ("We enrolled 42 aquaporin-4 antibody-positive patients.", "42"),
    ("Levels of IL-6 rose in 15 patients.", "15"),
    ("All 27 AQP4-IgG-positive participants had relapsed on interferon beta-1a.", "27"),
])
def test_digits_of_a_name_are_part_of_the_name_never_a_count(text, count):
    assert [row[1] for row in read(text)] == [count]
    assert {reason for _, reason in unread(text)} == {"a part of a name (AQP4, aquaporin-4, IL-6, beta-1a)"}


def test_a_total_before_a_name_and_its_noun_links_the_count_and_percent_after_it():
    assert read("Of 35 AQP4-positive patients, 14 (40.0%) relapsed.") == [
        (C, "35", 0, "=", "patients", None, "", "", ""), (C, "14", 0, "=", "patients", None, "", "35", ""),
        (P, "40.0", 1, "=", "percent", None, "14", "35", "")]


@pytest.mark.parametrize(("text", "numbers"), [
    ("The score changed by −12.5% (−20.1%, −4.9%) on drug B.", ["12.5", "20.1", "4.9"]),
    ("Relapses fell (-40.2% vs baseline).", ["40.2"]),
    ("Relapses rose (+25.5% vs baseline).", ["25.5"]),
])
def test_a_signed_percent_is_a_change_never_read_without_its_sign(text, numbers):
    assert read(text) == []
    assert unread(text) == [(number, "a signed number (a change or a difference) that the pattern would read "
                                     "without its sign") for number in numbers]


def test_a_dash_after_a_number_is_a_range_not_a_sign():
    # "10 -12": the dash follows a number, so 12 is the end of a range, not minus twelve
    assert ("12", "a signed number (a change or a difference) that the pattern would read without its sign") \
        not in unread("Between 10 -12 patients relapsed.")


@pytest.mark.parametrize("text", [
    "Risk rose (OR = 2.10 95% CI (1.40-3.15) P = 0.001).",  # no separator before the CI label or the p
    "It was linked (OR [95% CI]: 2.10 [1.40–3.15], p = 0.001).",  # the CI label in the name's bracket
    "The odds ratio was 2.10 (95 percent CI, 1.40 to 3.15; P = 0.001).",  # "percent" in words
])
def test_ci_labels_without_a_separator_in_the_names_bracket_or_in_words(text):
    assert read(text) == [("ratio", "2.10", 2, "=", "ratio", ("1.40", "3.15"), "", "", ""),
                          ("p", "0.001", 3, "=", "p", None, "2.10", "", "")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The relapse rate was 38.5/100 patient-years (PY) on drug A.",
     [("rate", "38.5", 1, "=", "per_100_patient_years", None, "", "", "")]),
    ("The annualized attack rate was 0.080 on drug B.",
     [("rate", "0.080", 3, "=", "per_patient_year", None, "", "", "")]),
    ("Of 40 patients, 12 (30 percent) relapsed.",
     [(C, "40", 0, "=", "patients", None, "", "", ""), (C, "12", 0, "=", "patients", None, "", "40", ""),
      (P, "30", 0, "=", "percent", None, "12", "40", "")]),
])
def test_a_rate_over_100_patient_years_an_attack_rate_and_percent_in_words(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(("text", "label"), [
    ("The median time to EDSS 6 was 18 years (IQR 12-24).", "6"),
    ("The median age at EDSS score 4.0 was 49.5 (48.0-51.0) years.", "4.0"),
    ("Median ages at EDSS scores 3.0 and 6.0 were 50.5 and 62.0, respectively.", "3.0"),
])
def test_a_number_in_the_name_of_a_median_is_never_the_median(text, label):
    assert [row for row in read(text) if row[0] == "median"] == []
    assert (label, "a number inside the name of a median (a score or time point), whose value follows") in unread(text)


@pytest.mark.parametrize("text", [
    "The median ARR was 0.4 on drug B.",
    "Median ARR 0.4 (range 0-2.5) on drug B.",
    "On drug B the median ARR was 0.4, 0.3 and 0.2 in years 1, 2 and 3.",
])
def test_a_median_arr_is_no_rate(text):
    # a median of the patients' own rates is not events over exposure: no rate row, its value listed unread
    assert [row for row in read(text) if row[0] == "rate"] == []
    assert "0.4" in [number for number, _ in unread(text)]


@pytest.mark.parametrize(("text", "number"), [
    ("The relative risk reduction was 28% (95% CI 12 to 41).", "28"),
    ("The odds ratio reduction was 28%.", "28"),
    ("The ARR reduction on drug B was 52% (p < 0.001).", "52"),
])
def test_a_percent_after_a_ratios_or_rates_name_is_neither(text, number):
    # a relative change printed as a percent: typed as the ratio or rate 28, every check of it would be wrong
    assert [row for row in read(text) if row[0] in ("ratio", "rate")] == []
    assert number in [n for n, _ in unread(text)]


def test_the_bullet_operator_is_a_decimal_point_as_the_middle_dot_is():
    # some copies of Lancet abstracts print U+2219 where the journal prints U+00B7
    text = "Events were fewer (risk ratio 0\u221994, 95% CI 0\u221988\u20131\u221901; p=0\u221910)."
    assert read(text) == [("ratio", "0.94", 2, "=", "ratio", ("0.88", "1.01"), "", "", ""),
                          ("p", "0.10", 2, "=", "p", None, "0.94", "", "")]
    found = extract(text, "demo")
    assert found.text == text  # the draft's notes and the page quote the text as printed
    assert text[found.rows[0].printed.start:found.rows[0].printed.end] == "0\u221994"


@pytest.mark.parametrize(("text", "expected"), [
    # a bare "CI" or "confidence interval" just before its bounds: a clinical abstract's 95% CI
    ("Risk was lower on drug B (hazard ratio (HR) 0.81 (CI 0.72-0.92)).",
     [("ratio", "0.81", 2, "=", "ratio", ("0.72", "0.92"), "", "", "")]),
    ("Risk was higher (p = 0.03, HR 2.95, CI 1.10-7.90).",
     [("p", "0.03", 2, "=", "p", None, "", "", ""), ("ratio", "2.95", 2, "=", "ratio", ("1.10", "7.90"), "", "", "")]),
    ("Response was more likely (OR 2.4 (confidence interval 1.3-4.4)).",
     [("ratio", "2.4", 1, "=", "ratio", ("1.3", "4.4"), "", "", "")]),
    # "CI" that names no interval (a cumulative incidence) stays a word
    ("The CI of relapse was 21% on drug B.", [(P, "21", 0, "=", "percent", None, "", "", "")]),
])
def test_a_bare_ci_label_before_its_bounds_is_a_95_percent_ci(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    "Remission was reached by more (61%, 95% confidence interval (CI) 48%-73%) on drug B.",
    "Remission was reached by more (61%, CI 48%-73%) on drug B.",
    "Remission was reached by 61%, 95% CI 48 to 73, on drug B.",
])
def test_a_percent_and_its_labelled_ci_after_a_comma(text):
    assert read(text) == [(P, "61", 0, "=", "percent", ("48", "73"), "", "", "")]


@pytest.mark.parametrize(("text", "number"), [
    ("There was an absolute risk reduction of 5.1% (95% confidence interval 0.9% to 9.3%).", "5.1"),
    ("The change in the relapse-free share was 11% on drug B.", "11"),
    # a relative reduction, with its CI in square brackets
    ("The risk fell (risk reduction, 91.5% [95% confidence interval, 80.2% to 99.0%]).", "91.5"),
    # with an unlabelled CI, whose bounds are no shares either
    ("The relative risk reduction was 44.1% (8.2% to 66.9%).", "44.1"),
])
def test_a_difference_printed_in_percent_is_no_share(text, number):
    # a difference of two shares typed as a percent would have its CI checked as a binomial CI of a count
    assert [row for row in read(text) if row[0] in (P, "ratio")] == []
    assert number in [n for n, _ in unread(text)]


def test_a_difference_in_percent_named_as_one_is_read_with_its_ci_and_its_p():
    # a difference of two shares in percentage points: a difference row (symmetry and Wald checks), not a share
    text = "Scores improved more on drug B (difference 17.2%; 95% CI 6.1, 28.3; p = 0.002)."
    assert [row[:3] + row[5:6] for row in read(text)] == [("difference", "17.2", 1, ("6.1", "28.3")),
                                                        ("p", "0.002", 3, None)]
    assert [row[:3] for row in read("Drug B lowered the risk difference 18.5% (95% CI 7.2 to 29.8).")] == [
        ("difference", "18.5", 1)]


@pytest.mark.parametrize("text", [
    "Outcomes were the annualized relapse rate (ARR), 6-month confirmed progression and MRI activity.",
    "Outcomes were the ARR, 12\u2010week confirmed progression and new lesions.",
])
def test_a_number_hyphened_to_its_unit_of_time_is_no_value(text):
    assert read(text) == []
    assert [reason.startswith("a time point") for _, reason in unread(text)] == [True]


def test_a_number_where_the_text_stops_inside_an_open_bracket_is_not_read():
    # a page that cuts the text off: "HR 1." may have been "HR 1.42"
    assert read("Disability worsening was less frequent (HR 1.") == []
    assert unread("Disability worsening was less frequent (HR 1.") == [
        ("1", "a number where the text stops inside an open bracket (cut off)")]
    # closed, the same number is read
    assert read("Disability worsening was as frequent (HR 1).") == [
        ("ratio", "1", 0, "=", "ratio", None, "", "", "")]


def test_a_p_printed_without_a_sign_before_its_decimal():
    text = "Remission was likelier (odds ratio 2.61, CI 1.20-5.70, p 0.02)."
    assert read(text) == [("ratio", "2.61", 2, "=", "ratio", ("1.20", "5.70"), "", "", ""),
                          ("p", "0.02", 2, "=", "p", None, "2.61", "", "")]
    # a whole number after the letter is a label, not a p
    assert read("Stage p 2 disease was rare.") == []


def test_a_percent_before_its_noun_and_its_count_over_total():
    assert read("From the first trial 88% patients (146/166) entered the extension.") == [
        (C, "166", 0, "=", "patients", None, "", "", ""), (C, "146", 0, "=", "patients", None, "", "166", ""),
        (P, "88", 0, "=", "percent", None, "146", "166", "")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The mean follow-up was 38.5 months.", [("mean", "38.5", 1, "=", "months", None, "follow_up", "", "")]),
    ("They had an average follow-up of 38.5 months.", [("mean", "38.5", 1, "=", "months", None, "follow_up", "",
                                                        "")]),
    ("The mean change was 0.62 (95% CI 0.41 to 0.83).", [("mean", "0.62", 2, "=", "measure", ("0.41", "0.83"),
                                                          "change", "", "")]),
    # another statistic named before it: the mean is its own, never the ARR's
    ("The ARR was 0.21 (95% CI 0.12-0.35) and the mean change was 0.85 (95% CI 0.80-0.90).",
     [("rate", "0.21", 2, "=", "per_patient_year", ("0.12", "0.35"), "", "", ""),
      ("mean", "0.85", 2, "=", "measure", ("0.80", "0.90"), "change", "", "")]),
    ("Mean age at onset was 33 (\u00b1 12) years.", [("mean", "33", 0, "=", "years", None, "age_onset", "", ""),
                                                    ("sd", "12", 0, "=", "years", None, "age_onset", "", "")]),
    # a spread after the mean in a form not read: the mean is not read alone either
    ("The average was 0.41 (SE 0.02) mmol/L lower.", []),
])
def test_a_mean_alone_with_its_ci_or_with_a_plus_minus_sd_in_brackets(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    "The mean blood pressure was 141.2/83.5 mm Hg.",  # a pair of values
    "The mean age of onset was 9 years and 4 months.",  # the rest of the value
    "The mean score was 2.6 (SE 0.3).",  # a spread that is no SD
])
def test_a_mean_with_more_after_it_than_the_grammar_reads_is_not_read_alone(text):
    assert read(text) == []


def test_a_mean_with_its_sd_spelled_out_and_abbreviated():
    assert read("Mean age was 51 years (standard deviation (SD): 12).") == [
        ("mean", "51", 0, "=", "years", None, "age", "", ""), ("sd", "12", 0, "=", "years", None, "age", "", "")]


@pytest.mark.parametrize(("text", "value"), [
    ("The trial enrolled 11 052 men and women.", "11052"),  # a space before a noun of people
    ("Overall, 8 206 subjects were identified.", "8206"),
    ("Overall, 8\u202f206 subjects were identified.", "8206"),  # a narrow no-break space anywhere
])
def test_thousands_separated_by_a_space(text, value):
    rows = read(text)
    assert [(row[0], row[1]) for row in rows] == [(C, value)]
    found = extract(text, "demo")
    start, end = found.rows[0].printed.start, found.rows[0].printed.end
    assert text[start:end].replace("\u202f", " ") == value[:-3] + " " + value[-3:]


def test_a_space_between_two_numbers_before_no_noun_of_people_parts_them():
    assert [number for number, _ in unread("In arm 2 120 days passed.")] == ["2", "120"]


@pytest.mark.parametrize(("text", "percents"), [
    ("Yearly shares of a further course were 3.9, 5.2, 11.0, and 4.4%, respectively.", ["3.9", "5.2", "11.0", "4.4"]),
    ("In the two arms, 14 and 38% relapsed.", ["14", "38"]),
    ("Relapses fell between 4 and 5% a year.", []),  # a range
    ("Relapses fell by reductions of 30 and 40%.", []),  # changes, not shares
])
def test_a_list_of_numbers_ending_in_a_percent_sign_is_a_list_of_percents(text, percents):
    assert [row[1] for row in read(text) if row[0] == P] == percents


def test_an_arr_whose_ci_label_is_bracketed_after_its_name_and_whose_value_comes_later():
    text = ("The annualized relapse rate (95% confidence interval [CI]) for those with prior AZA/MMF was 0.12 "
            "(0.08, 0.18), against 0.09 (0.05, 0.15) for the others.")
    # the second value's bracket is an unlabelled comma pair after no name: left unread, as every such pair
    assert read(text) == [("rate", "0.12", 2, "=", "per_patient_year", ("0.08", "0.18"), "", "", "")]


def test_an_estimate_after_and_and_a_verb_with_no_subject_of_their_own_takes_the_statistic_before():
    text = ("The HR for relapse on drug B was 0.16 (95% CI, 0.06-0.43) and was 0.09 (95% CI, 0.03-0.27) in a model "
            "adjusted for age.")
    assert read(text) == [("ratio", "0.16", 2, "=", "ratio", ("0.06", "0.43"), "", "", ""),
                          ("ratio", "0.09", 2, "=", "ratio", ("0.03", "0.27"), "", "", "")]


def test_a_count_after_while_opens_a_clause_of_its_own_with_its_share():
    text = "No relapses occurred in arm 1 while five patients (31.3%) relapsed on drug B."
    assert read(text) == [(C, "5", 0, "=", "patients", None, "", "", ""), (P, "31.3", 1, "=", "percent", None, "5", "",
                                                                            "")]
    # joined by "or", the counts are a vague figure; the share after them is read alone
    assert read("In 2 or 3 patients (5%).") == [(P, "5", 0, "=", "percent", None, "", "", "")]


def test_an_arr_list_from_before_to_after_a_treatment():
    text = "The ARR fell from 1.24 before drug B to 0.17 throughout years 1 to 5."
    assert [row[1] for row in read(text) if row[0] == "rate"] == ["1.24", "0.17"]
