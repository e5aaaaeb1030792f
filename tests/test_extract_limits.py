"""The sizes and counts the extraction refuses at, on each side of the limit: an abstract's text at most
1,000,000 bytes and a PubMed export at most 100,000,000 (README, `analysis extract`; the module constants),
at most 10,000 abstracts in a run, and the message that names each limit.

Files past a limit are sparse (``truncate``): their size is what is refused, before a byte is read.
"""

from __future__ import annotations

import pytest

from analysis.extract import ExtractError, read_text, text_audit


def sized(path, size: int, head: bytes = b""):
    path.write_bytes(head)
    with path.open("r+b") as handle:
        handle.truncate(size)
    return path


def test_a_text_of_exactly_one_megabyte_is_read_and_one_byte_more_is_refused(tmp_path):
    assert read_text(sized(tmp_path / "full.txt", 1_000_000, b"HR 0.5")).startswith("HR 0.5\0")
    big = sized(tmp_path / "big.txt", 1_000_001)
    with pytest.raises(ExtractError) as refused:
        read_text(big)
    assert str(refused.value) == f"{big}: 1000001 bytes, more than the 1000000 an abstract's text may have"


def test_a_limit_passed_by_the_caller_is_inclusive_and_named_with_what_it_bounds(tmp_path):
    assert read_text(sized(tmp_path / "ten.txt", 10, b"0123456789"), 10, "a note") == "0123456789"
    eleven = sized(tmp_path / "eleven.txt", 11, b"0123456789x")
    with pytest.raises(ExtractError, match=r"eleven.txt: 11 bytes, more than the 10 a note may have$"):
        read_text(eleven, 10, "a note")


@pytest.mark.parametrize("name", ["export.txt", "export.xml"])
def test_an_export_past_100_megabytes_is_refused_unread(tmp_path, name):
    head = b"PMID- 1\n" if name.endswith(".txt") else b"<PubmedArticleSet>"
    export = sized(tmp_path / name, 100_000_001, head)
    prepared, problems = text_audit.prepare([str(export)], tmp_path / "out")
    assert prepared == []
    assert problems == [f"{export}: 100000001 bytes, more than the 100000000 a PubMed export may have"]


def test_an_export_of_more_than_10000_records_is_refused_by_its_count(tmp_path):
    export = tmp_path / "export.txt"
    export.write_text("".join(f"PMID- {pmid}\nTI  - T.\n\n" for pmid in range(1, 10_003)), encoding="utf-8")
    prepared, problems = text_audit.prepare([str(export)], tmp_path / "out")
    assert prepared == []
    assert problems == [f"{export}: 10002 records; audit at most 10000 at once"]


def test_a_folder_is_counted_before_it_is_read_and_its_limit_is_inclusive(tmp_path, monkeypatch):
    monkeypatch.setattr(text_audit, "MAX_FILES", 3)
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in ("a.txt", "b.md", "c.txt"):
        (folder / name).write_text("None.", encoding="utf-8")
    prepared, problems = text_audit.prepare([str(folder)], tmp_path / "out")
    assert problems == [] and [item.study for item in prepared] == ["a", "b", "c"]
    (folder / "d.csv").write_text("not a text", encoding="utf-8")  # an entry, though not a text
    prepared, problems = text_audit.prepare([str(folder)], tmp_path / "out")
    assert prepared == [] and problems == [f"{folder}: more than 3 entries; audit at most 3 files at once"]
