"""``analysis.extract`` (the package): every numeric token of a text in one place, the numbers inside labels
and the number words glued to a heading listed unread with their reason. Each text is written for the test;
the expected offsets are counted from its characters (shown in the comments)."""

from __future__ import annotations

import pytest

from analysis.extract import extract, numeric_tokens
from analysis.extract.reading import Printed


def _unread(text: str) -> list[list[str]]:
    return extract(text, "s").unread_table()[["start", "end", "text", "reason"]].values.tolist()


def test_a_number_word_glued_to_a_heading_is_listed_unread_at_its_own_characters():
    text = "ResultsEighty-two patients were seen."
    # "Results" is characters 0-7, "Eighty-two" 7-17
    table = extract(text, "s").unread_table()
    assert table[["start", "end", "text"]].values.tolist() == [["7", "17", "Eighty-two"]]
    assert table["reason"].iloc[0].startswith("a number in words glued to the word before it")


@pytest.mark.parametrize(("text", "printed"), [
    # "Results" is 0-7; eighty-two is 82 and twenty 20, whole numbers
    ("ResultsEighty-two patients", Printed("Eighty-two", "82", 0, 7, 17)),
    ("MethodsTwenty patients", Printed("Twenty", "20", 0, 7, 13)),
    # the part after the hyphen capitalised as in a title: still twenty-two
    ("ResultsTwenty-Two patients died.", Printed("Twenty-Two", "22", 0, 7, 17)),
])
def test_the_inventory_holds_a_number_word_glued_to_a_heading_with_its_value(text, printed):
    assert numeric_tokens(text) == [printed]


def test_a_number_word_glued_to_a_heading_capitalised_after_its_hyphen_is_listed_not_dropped():
    # "ResultsTwenty-Two" is one word to the lexer: 22 is neither read nor, before the fix, listed at all
    assert _unread("ResultsTwenty-Two patients died.") == [
        ["7", "17", "Twenty-Two", 'a number in words glued to the word before it ("ResultsEighty-two": a heading '
                                  'run into its text); check it by hand']]


def test_a_word_that_merely_ends_in_a_number_word_holds_no_number():
    # "someone", "often", "weight": a small letter before "one", "ten", "eight" is part of the word
    assert numeric_tokens("Someone often gained weight.") == []


def test_each_digit_group_inside_a_name_is_its_own_number_at_its_own_characters():
    text = "H1N1 and IL-6 rose."
    # "H1N1": "1" at 1-2 and at 3-4; "IL-6" starts at 9, its "6" is 12-13
    assert numeric_tokens(text) == [Printed("1", "1", 0, 1, 2), Printed("1", "1", 0, 3, 4),
                                    Printed("6", "6", 0, 12, 13)]
    name = "a part of a name (AQP4, aquaporin-4, IL-6, beta-1a)"
    assert _unread(text) == [["1", "2", "1", name], ["3", "4", "1", name], ["12", "13", "6", name]]


def test_the_numbers_of_labels_and_a_decimal_comma_are_listed_with_their_reasons():
    text = "Rates were 7,88 and 1·5 per 100 patient-years (95% CI)."
    # "7,88" is 11-15, "1·5" 20-23 (read: a rate per 100 patient-years), "100" 28-31, "95" 47-49
    assert numeric_tokens(text) == [Printed("7,88", "7,88", 0, 11, 15), Printed("1·5", "1.5", 1, 20, 23),
                                    Printed("100", "100", 0, 28, 31), Printed("95", "95", 0, 47, 49)]
    assert _unread(text) == [
        ["11", "15", "7,88", "a decimal comma (7,88): the extraction reads a decimal point or a middle dot only; "
                             "check it by hand"],
        ["28", "31", "100", "the scale of a rate per 100 or 1000 patient-years"],
        ["47", "49", "95", "the confidence level of an interval"]]
