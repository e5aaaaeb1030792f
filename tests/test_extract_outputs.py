"""What ``extract_file`` refuses to overwrite and how it reports a draft that its own extraction got wrong.

A file is this command's own only if its first line is exactly the header it writes: a header with one more
character, even a space, is someone else's file.
"""

from __future__ import annotations

import pytest

from analysis.extract import VALUES_COLUMNS, ExtractError, Extraction, extract_file

TEXT = "Relapses: 9 of 14 (64.3%)."


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.mark.parametrize("ending", ["X\n", " \n"])
def test_a_header_that_is_not_exactly_ours_is_someone_elses_file(tmp_path, source, ending):
    draft = tmp_path / "a.csv"
    draft.write_text(",".join(VALUES_COLUMNS) + ending + "mine\n", encoding="utf-8")
    with pytest.raises(ExtractError, match=r"a\.csv: exists and was not written by analysis extract; choose another"):
        extract_file(source, draft)
    assert draft.read_text(encoding="utf-8").endswith("mine\n")


def test_our_own_draft_is_replaced(tmp_path, source):
    draft = tmp_path / "a.csv"
    draft.write_text(",".join(VALUES_COLUMNS) + "\n", encoding="utf-8")
    extract_file(source, draft)
    assert draft.read_text(encoding="utf-8").count("\n") == 4  # the header and three rows, \\n-terminated


def test_the_output_may_not_be_the_input(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(ExtractError) as refused:
        extract_file(path, tmp_path / "." / "a.csv")
    assert str(refused.value) == f"--out {tmp_path / '.' / 'a.csv'} is the input file"


def test_a_draft_that_fails_the_schema_is_reported_as_a_defect_and_nothing_is_written(tmp_path, source, monkeypatch):
    values = Extraction.values

    def broken(self):
        frame = values(self)
        frame.loc[2, "value"] = "164.3"  # a percent the extraction would never write
        return frame

    monkeypatch.setattr(Extraction, "values", broken)
    with pytest.raises(ExtractError) as refused:
        extract_file(source, tmp_path / "a.csv")
    assert str(refused.value) == (f"{source}: the draft fails the values schema ({tmp_path / 'a.csv'}, row 3 (line 4), "
                                  "column 'value': a percentage must lie between 0 and 100); this is a defect of "
                                  "analysis extract")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
