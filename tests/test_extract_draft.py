"""The draft that ``analysis.extract.extract`` makes of a text, on sentences written for these tests: each
unread number with the reason a reader is given, and the cells of the values and unread tables."""

from __future__ import annotations

import pytest

from analysis.extract import extract


def unread_reasons(text: str) -> list[tuple[str, str]]:
    return [(u.printed.text, u.reason) for u in extract(text, "demo").unread]


@pytest.mark.parametrize(("text", "expected"), [
    ("Randomised 2:1 to drug 40 mg daily in March 2019.",
     [("2", "an allocation ratio (a design fact)"), ("1", "an allocation ratio (a design fact)"),
      ("40", "a dose"), ("2019", "a date")]),
    ("Phase 3 trial; follow-up 48 weeks.",
     [("3", "a design fact or label (a phase, time point, grade or name)"),
      ("48", "a duration outside a summary (a design fact such as follow-up or an age)")]),
])
def test_numbers_no_pattern_reads_are_listed_with_the_reason_their_neighbours_give(text, expected):
    assert unread_reasons(text) == expected
