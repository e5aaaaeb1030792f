"""``analysis.extract.grammar``: the edges of the scan that its mutants showed untested. Each text is a short
sentence written for the test; the expected matches are its own characters."""

from __future__ import annotations

from analysis.extract import grammar


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.pattern, text[m.start:m.end]) for m in grammar.scan(text)]


def test_a_number_hyphened_to_the_word_before_it_opens_no_pattern_but_the_next_one_does():
    # "year-3" is a time point: the scan starts no pattern at "-" or "3", and finds "12 of 20" after it
    assert _found("In year-3, 12 of 20 relapsed.") == [("k_of_n", "12 of 20")]


def test_two_values_joined_by_or_before_respectively_are_no_list():
    # "3.8 or 4.2": "or" is no "and", so the parse up to "respectively" is refused and the shorter median is kept
    text = "Median follow-up was 3.8 or 4.2 years, respectively."
    assert _found(text) == [("median", "Median follow-up was 3.8")]


def test_conflicts_leaves_lark_s_logger_as_it_found_it():
    # the check hooks a handler on lark's logger and lowers its level while it builds the tables, then undoes both
    from lark import logger

    handlers, level = list(logger.handlers), logger.level
    assert grammar.conflicts("start: \"a\"") == []
    assert (list(logger.handlers), logger.level) == (handlers, level)


def test_the_dash_of_a_number_hyphened_to_a_week_opens_no_signed_value_either():
    # "week-12": the dash is a hyphen, not a minus, so "-12 ± 2 days" is no mean and its SD
    assert _found("Scores at week-12 ± 2 days fell.") == []


def test_a_bracket_glued_to_the_word_before_it_still_opens_its_pattern():
    # only a dash glued to a word and a number makes a name: "stable(33, 54.1%)" is a count and its percent
    assert _found("Disease was stable(33, 54.1%) in most.") == [("count_pct", "(33, 54.1%)")]


def test_a_text_cut_off_after_a_dash_is_scanned_to_its_end():
    # the last token of the sentence is a dash with nothing after it
    assert _found("The text stops here -") == []


def test_a_number_hyphened_to_the_first_word_of_a_sentence_opens_no_pattern():
    # "Week-12" opens the sentence: the word is its first token, the dash its second
    assert _found("Week-12 ± 2 days was the window.") == []


def test_a_number_hyphened_to_a_one_letter_word_opens_no_pattern():
    # "p-0.04": the letter's last character is a letter, so the dash is a hyphen and "-0.04 ± 2 days" no mean
    assert _found("Rates (p-0.04 ± 2 days).") == []
