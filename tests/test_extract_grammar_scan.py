"""``analysis.extract.grammar``: where a text's sentences begin and end, and which named pattern the scan finds
where. Each text is a short sentence written for the test; the expected offsets are counted from its characters
(shown in the comments) and the pattern names are those of ``grammar.lark``'s rules for the text's shape."""

from __future__ import annotations

import pytest

from analysis.extract import grammar


def _spans(text: str) -> list[str]:
    return [text[a:b] for a, b in grammar.sentences(text)]


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.pattern, text[m.start:m.end]) for m in grammar.scan(text)]


def test_sentences_end_at_a_stop_before_a_capital_and_keep_their_offsets():
    text = "Relapses fell. Deaths rose."
    # "Relapses fell." is characters 0-14, one space, "Deaths rose." 15-27
    assert grammar.sentences(text) == [(0, 14), (15, 27)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Did it work? (Yes, in 12). It did!", ["Did it work?", "(Yes, in 12).", "It did!"]),
    ("Why? [Unknown.]", ["Why?", "[Unknown.]"]),
    ("P was .02. Then 3 died.", ["P was .02.", "Then 3 died."]),  # a stop after a decimal still ends a sentence
    ("It fell, e.g. in 3 of them. so on", ["It fell, e.g. in 3 of them. so on"]),  # no capital: no end
    ("First part\n\nSecond part", ["First part", "Second part"]),
    ("First part\nsecond line", ["First part\nsecond line"]),  # one line break is no end
    ("One.  \n\n  Two.", ["One.", "Two."]),
])
def test_sentence_ends(text, expected):
    assert _spans(text) == expected


def test_markdown_headings_list_items_and_table_rows_are_sentences_of_their_own():
    text = "# Results\n- 12 of 20\n* 3 of 9\n2. four\n+ one\n| a | 5 |"
    assert _spans(text) == ["# Results", "- 12 of 20", "* 3 of 9", "2. four", "+ one", "| a | 5 |"]
    # "# Results" 0-9, "\n", "- 12 of 20" 10-20, "\n", "* 3 of 9" 21-29
    assert grammar.sentences(text)[:3] == [(0, 9), (10, 20), (21, 29)]


def test_a_text_of_whitespace_has_no_sentences_and_leading_whitespace_is_left_out():
    assert grammar.sentences("  \n\n ") == []
    assert grammar.sentences("") == []
    assert grammar.sentences("\n\nRelapses fell.") == [(2, 16)]


def test_a_dash_or_number_inside_a_line_is_no_list_item():
    assert _spans("Risk -5 and 2. more") == ["Risk -5 and 2. more"]


def test_tokens_leave_whitespace_out_and_keep_every_other_character():
    found = [(t.type, str(t)) for t in grammar.tokens("12 of  20 (60%) ~")]
    assert found == [("NUMBER", "12"), ("OF", "of"), ("NUMBER", "20"), ("LPAR", "("), ("NUMBER", "60"),
                     ("PCT", "%"), ("RPAR", ")"), ("OTHER", "~")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Relapses: 12/20 (60%).", [("count_total_pct", "12/20 (60%)")]),
    ("We saw 12 of 20 patients (60%).", [("k_of_n", "12 of 20 patients (60%)")]),
    ("Relapses: 12/20 and more.", [("k_over_n", "12/20")]),
    ("Risk was 60% (12/20).", [("pct_count_total", "60% (12/20)")]),
    ("It was 60% here.", [("pct_alone", "60%")]),
    ("HR 0.50 (95% CI 0.30-0.90; p = 0.01) here.", [("estimate", "HR 0.50 (95% CI 0.30-0.90; p = 0.01)")]),
    ("So p = 0.04 in all.", [("p_alone", "p = 0.04")]),
    ("Median age was 41 years (range 20-60).", [("median", "Median age was 41 years (range 20-60)")]),
    ("Mean age 41.2 ± 9.8 years.", [("mean_sd_list", "Mean age 41.2 ± 9.8 years")]),
    ("So t(38) = 2.10, p = .04 here.", [("test_stat", "t(38) = 2.10, p = .04")]),
])
def test_the_scan_finds_the_longest_pattern_from_its_first_token(text, expected):
    assert _found(text) == expected


def test_the_scan_reports_each_matchs_characters_and_resumes_after_it():
    text = "Of them 3/9 and 60% and p = 0.2."
    # "3/9" is characters 8-11, "60%" 16-19, "p = 0.2" 24-31
    assert [(m.pattern, m.start, m.end) for m in grammar.scan(text)] == [
        ("k_over_n", 8, 11), ("pct_alone", 16, 19), ("p_alone", 24, 31)]


def test_a_pattern_never_crosses_a_sentence_end():
    # "12/20" ends its sentence: the bracket of the next one is no percent of it
    assert _found("Relapses were 12/20. (60%) were women.") == [("k_over_n", "12/20"), ("pct_alone", "60%")]


def test_the_scan_reads_only_the_sentences_it_is_given():
    text = "Relapses 3/9. Deaths 4/8."
    # the second sentence, "Deaths 4/8.", is characters 14-25
    assert [(m.pattern, text[m.start:m.end]) for m in grammar.scan(text, [(14, 25)])] == [("k_over_n", "4/8")]


def test_every_named_pattern_is_an_alternative_of_a_finding_and_none_other():
    rules = {str(rule.origin.name) for rule in grammar.parser().rules}
    assert set(grammar.PATTERNS) <= rules
    finding = [str(rule.expansion[0].name) for rule in grammar.parser().rules if str(rule.origin.name) == "finding"]
    assert sorted(finding) == sorted(grammar.PATTERNS)


def test_a_span_past_the_last_token_finds_nothing_there():
    text = "Relapses 3/9.   "
    # "Relapses 3/9." is characters 0-13; 13-16 holds spaces only
    assert [(m.pattern, m.start, m.end) for m in grammar.scan(text, [(0, 13), (13, 16)])] == [("k_over_n", 9, 12)]


def test_a_span_that_skips_tokens_starts_at_its_own_first_token():
    text = "A b. 4/8 died."
    # the tokens before the span are "A", "b" and "."; the span (5-14) opens with "4"
    assert [(m.pattern, text[m.start:m.end]) for m in grammar.scan(text, [(5, 14)])] == [("k_over_n", "4/8")]


def test_the_grammar_has_no_conflict_that_lark_would_resolve_silently():
    # a shift/reduce conflict resolved as a shift can stop a pattern from matching at all: a bare "a ± b" with a
    # unit allowed before its ± made "53 patients were included" unreadable
    assert grammar.conflicts() == []
    clashing = grammar.GRAMMAR.read_text(encoding="utf-8").replace(
        "bare_pair: (NUMBER | negative) PM", "bare_pair: (NUMBER | negative) unit? PM")
    assert grammar.conflicts(clashing) == ["Shift/Reduce conflict for terminal COUNT_NOUN: (resolving as shift)"]
