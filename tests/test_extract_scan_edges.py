"""``analysis.extract.grammar`` at its edges: a pattern cut short by the end of its text, and the other rare paths
of the scan. Each text is a short sentence written for the test; the expected matches are read off its characters
and the shapes of ``grammar.lark``'s rules."""

from __future__ import annotations

from analysis.extract import grammar


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.pattern, text[m.start:m.end]) for m in grammar.scan(text)]


def test_a_pattern_cut_short_by_the_end_of_the_text_keeps_its_longest_complete_part():
    # The parser accepts "HR 0.31 (95% CI 0.1" token by token, but no bracket closes it: the longest part the
    # grammar completes is the estimate without its CI.
    assert _found("Death: HR 0.31 (95% CI 0.1") == [("estimate", "HR 0.31")]
    # "range 14" needs its upper end: the median stops at its unit
    assert _found("Follow-up median 2.8 years, range 14") == [("median", "median 2.8 years")]
    assert _found("Follow-up median 2.8 years, range 14 to 20.") == [("median", "median 2.8 years, range 14 to 20")]
