"""``analysis extract FILE --out VALUES.csv [--study ID]``: the draft, its unread list, and refusals."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.audit import io
from analysis.extract import MAX_BYTES, UNREAD_COLUMNS, VALUES_COLUMNS
from analysis.pipeline import cli

ABSTRACT = ("Of 143 patients enrolled, 52 (36.4%) were included. The hazard ratio was 0.05 "
            "(95% CI 0.01 to 0.35; p = 0.0002). Patients received 900 mg weekly.\n")


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_extract_writes_a_valid_draft_and_its_unread_list(tmp_path, capsys):
    source = tmp_path / "Kim 2021.txt"
    source.write_text(ABSTRACT, encoding="utf-8")
    out = tmp_path / "kim_2021.csv"
    assert cli.main(["extract", str(source), "--out", str(out)]) == 0
    assert capsys.readouterr().out == (f"kim_2021: 5 rows read -> {out}; 2 numbers unread -> "
                                       f"{tmp_path}/kim_2021.unread.csv\n")
    rows = _rows(out)
    assert list(rows[0]) == VALUES_COLUMNS
    assert [(r["quantity"], r["value"], r["statistic"], r["of"], r["denominator"]) for r in rows] == [
        ("total_1", "143", "count", "", ""), ("n_1", "52", "count", "", "total_1"),
        ("pct_1", "36.4", "percent", "n_1", "total_1"), ("hr_1", "0.05", "ratio", "", ""),
        ("p_1", "0.0002", "p", "hr_1", "")]
    assert {r["study"] for r in rows} == {"kim_2021"} and {r["source"] for r in rows} == {"TEXT"}
    assert rows[3]["note"] == "The hazard ratio was 0.05 (95% CI 0.01 to 0.35; p = 0.0002)."
    assert rows[3]["location"] == "chars 73-77" and ABSTRACT[73:77] == "0.05"
    assert (rows[3]["ci_low"], rows[3]["ci_high"]) == ("0.01", "0.35")
    assert not io.read_values(out).empty  # the audit's own validation accepts the draft
    unread = _rows(tmp_path / "kim_2021.unread.csv")
    assert list(unread[0]) == UNREAD_COLUMNS
    assert [(r["start"], r["end"], r["text"], r["reason"]) for r in unread] == [
        ("79", "81", "95", "the confidence level of an interval"), ("131", "134", "900", "a dose")]


def test_study_option_names_the_study(tmp_path, capsys):
    source = tmp_path / "abstract.md"
    source.write_text(ABSTRACT, encoding="utf-8")
    assert cli.main(["extract", str(source), "--out", str(tmp_path / "kim2021.csv"), "--study", "kim2021"]) == 0
    assert {r["study"] for r in _rows(tmp_path / "kim2021.csv")} == {"kim2021"}


@pytest.mark.parametrize(("arguments", "message"), [
    (["--study", "Kim 2021"], "error: --study must be snake_case (a-z, 0-9, _; starting with a letter), got "
                              "'Kim 2021' (nothing was written)\n"),
    (["--out-name", "x.txt"], "error: --out must name a .csv file, got {tmp}/x.txt (nothing was written)\n"),
])
def test_bad_options_are_one_line_and_write_nothing(tmp_path, capsys, arguments, message):
    source = tmp_path / "a.txt"
    source.write_text(ABSTRACT, encoding="utf-8")
    out = str(tmp_path / "a.csv") if arguments[0] == "--study" else str(tmp_path / arguments[1])
    options = arguments if arguments[0] == "--study" else []
    assert cli.main(["extract", str(source), "--out", out, *options]) == 1
    assert capsys.readouterr().err == message.format(tmp=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_input_past_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys):
    source = tmp_path / "big.txt"
    source.write_bytes(b"1 " * (MAX_BYTES // 2 + 1))
    assert cli.main(["extract", str(source), "--out", str(tmp_path / "big.csv")]) == 1
    assert capsys.readouterr().err == (f"error: {source}: {MAX_BYTES + 2} bytes, more than the {MAX_BYTES} an "
                                       "abstract's text may have (nothing was written)\n")
    assert not (tmp_path / "big.csv").exists()


def test_text_that_is_not_utf8_names_the_byte(tmp_path, capsys):
    source = tmp_path / "latin.txt"
    source.write_bytes("HR 0.5 in Müller".encode("latin-1"))
    assert cli.main(["extract", str(source), "--out", str(tmp_path / "latin.csv")]) == 1
    assert capsys.readouterr().err == (f"error: {source}: not UTF-8 text (byte 11 cannot be decoded) "
                                       "(nothing was written)\n")


def test_a_missing_file_is_one_line(tmp_path, capsys):
    assert cli.main(["extract", str(tmp_path / "none.txt"), "--out", str(tmp_path / "none.csv")]) == 1
    assert capsys.readouterr().err == (f"error: {tmp_path}/none.txt: cannot be read: No such file or directory "
                                       "(nothing was written)\n")


@pytest.mark.parametrize("victim", ["a.csv", "a.unread.csv"])
def test_a_file_the_command_did_not_write_is_never_overwritten(tmp_path, capsys, victim):
    source = tmp_path / "a.txt"
    source.write_text(ABSTRACT, encoding="utf-8")
    (tmp_path / victim).write_text("someone's,own\n1,2\n", encoding="utf-8")
    assert cli.main(["extract", str(source), "--out", str(tmp_path / "a.csv")]) == 1
    assert capsys.readouterr().err == (f"error: {tmp_path / victim}: exists and was not written by analysis "
                                       "extract; choose another --out (nothing was written)\n")
    assert (tmp_path / victim).read_text(encoding="utf-8") == "someone's,own\n1,2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.txt", victim])


def test_a_draft_it_wrote_is_replaced_on_a_second_run(tmp_path, capsys):
    source = tmp_path / "a.txt"
    source.write_text(ABSTRACT, encoding="utf-8")
    assert cli.main(["extract", str(source), "--out", str(tmp_path / "a.csv")]) == 0
    source.write_text("Seventy-one patients.", encoding="utf-8")
    assert cli.main(["extract", str(source), "--out", str(tmp_path / "a.csv")]) == 0
    assert [r["value"] for r in _rows(tmp_path / "a.csv")] == ["71"]
    assert _rows(tmp_path / "a.unread.csv") == []


def test_a_byte_order_mark_is_not_counted_in_offsets(tmp_path, capsys):
    source = tmp_path / "bom.txt"
    source.write_bytes("\ufeffSeventy-one patients.".encode())
    assert cli.main(["extract", str(source), "--out", str(tmp_path / "bom.csv")]) == 0
    assert _rows(tmp_path / "bom.csv")[0]["location"] == "chars 0-11"
