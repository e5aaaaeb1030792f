"""The draft that ``analysis.extract`` makes of a text, on sentences written for these tests: each
unread number with the reason a reader is given, and the cells of the values and unread tables."""

from __future__ import annotations

import pytest

from analysis.extract import ExtractError, Extraction, extract, extract_file, numeric_tokens, study_id
from analysis.extract.reading import Printed


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


def test_each_unread_number_is_listed_with_its_place_and_the_sentence_it_stands_in():
    # A year at the very start of the text, a phase number in the second sentence (cut at ". P").
    text = "2019 was calm. Phase 3 began."
    assert extract(text, "demo").unread_table().to_dict("records") == [
        {"start": "0", "end": "4", "text": "2019", "reason": "a date", "sentence": "2019 was calm."},
        {"start": "21", "end": "22", "text": "3",
         "reason": "a design fact or label (a phase, time point, grade or name)", "sentence": "Phase 3 began."}]


def test_the_number_of_a_list_item_stands_in_its_item_not_in_the_line_before():
    # "12. " opens a Markdown list item: the item is its own sentence, from the first character of its line (11).
    text = "Intro text\n12. Twelve patients.\n"
    table = extract(text, "demo").unread_table()
    assert table[["start", "text", "sentence"]].values.tolist() == [["11", "12", "12."]]


@pytest.mark.parametrize(("name", "study"), [
    ("(Kim 2021).txt", "kim_2021"),  # the brackets become "_" at both ends, which are cut
    ("A1 study.md", "a1_study"),  # a letter first is enough, whatever comes second
    ("1 study.md", "s_1_study"),
])
def test_the_study_id_is_the_stem_in_snake_case_without_edge_underscores_and_starting_with_a_letter(name, study):
    assert study_id(name) == study


def test_a_text_whose_every_number_is_read_still_writes_the_header_of_its_unread_list(tmp_path):
    source = tmp_path / "seven.txt"
    source.write_text("Seven sites enrolled patients.", encoding="utf-8")
    _, _, unread = extract_file(source, tmp_path / "draft.csv")
    assert unread == tmp_path / "draft.unread.csv"
    assert unread.read_text(encoding="utf-8") == "start,end,text,reason,sentence\n"


@pytest.mark.parametrize(("text", "reason"), [
    # the label "Phase" ends 35 spaces before the number: its first letter is the 40th character before it
    ("Phase" + " " * 35 + "3", "a design fact or label (a phase, time point, grade or name)"),
    # one space more and the 40 characters before the number hold "hase", no label
    ("Phase" + " " * 36 + "3", "no pattern of the grammar reads it"),
    # "mg" as the 19th and 20th characters after the number, then one space further
    ("Given 3" + " " * 18 + "mg", "a dose"),
    ("Given 3" + " " * 19 + "mg", "no pattern of the grammar reads it"),
])
def test_the_reason_reads_40_characters_before_a_number_and_20_after_it(text, reason):
    assert unread_reasons(text) == [("3", reason)]


def test_a_folder_given_as_the_text_is_refused_as_not_a_file_and_nothing_is_written(tmp_path):
    folder = tmp_path / "abstract.txt"
    folder.mkdir()
    with pytest.raises(ExtractError) as refused:
        extract_file(folder, tmp_path / "draft.csv")
    assert str(refused.value) == f"{folder}: not a file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abstract.txt"]


def test_an_extraction_whose_names_do_not_match_its_rows_one_to_one_is_refused_not_cut_short():
    # "9 of 14 (64.3%)" makes three rows; with a name missing, no row may silently drop out of the draft
    whole = extract("Relapses: 9 of 14 (64.3%).", "demo")
    short = Extraction(whole.text, whole.study, whole.rows, whole.quantities[:-1], whole.unread, whole.sentences)
    with pytest.raises(ValueError, match="zip"):
        short.values()
    # nor a name be left over
    fewer = Extraction(whole.text, whole.study, whole.rows[:2], whole.quantities, whole.unread, whole.sentences)
    with pytest.raises(ValueError, match="zip"):
        fewer.values()


def test_the_digits_inside_a_label_are_numbers_of_the_text_as_printed_with_their_places():
    # "Rate " puts 0.2 at 5-8, " per " puts 100 at 13-16, " patient-years (" (16 characters) puts 95 at 32-34,
    # "% CI " puts 0.1 at 39-42 and "-" puts 0.4 at 43-46
    text = "Rate 0.2 per 100 patient-years (95% CI 0.1-0.4)."
    assert numeric_tokens(text) == [Printed("0.2", "0.2", 1, 5, 8), Printed("100", "100", 0, 13, 16),
                                    Printed("95", "95", 0, 32, 34), Printed("0.1", "0.1", 1, 39, 42),
                                    Printed("0.4", "0.4", 1, 43, 46)]
