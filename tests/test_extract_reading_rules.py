"""``analysis.extract.reading``: the rules that turn a pattern found in a sentence into typed rows or unread
numbers. Each text is one short sentence written for the test; the expected rows (quantity, statistic, value,
unit, CI, links) and unread reasons are worked out by hand from the sentence and the rule the test names."""

from __future__ import annotations

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
