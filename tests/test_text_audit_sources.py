"""What ``analysis audit`` does with the abstracts it is given (``analysis.extract.text_audit``): which it finds in a
name (a text file, each record of a PubMed export, the text files of a folder), that each is audited once and in
order whatever the size of the chunks, that a failure names its abstract, the files staged for each, and when a
progress bar shows. Each expected value is written by hand from the files and texts of the test."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pytest
from scipy.stats import beta

from analysis import audit
from analysis.extract import ExtractError, Extraction, extract, text_audit
from analysis.findings.ledger import CSV_COLUMNS


def test_a_folder_holds_its_txt_and_md_files_in_any_case_sorted_and_not_its_subfolders(tmp_path):
    folder = tmp_path / "texts"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "inner.txt").write_text("Inner.", encoding="utf-8")
    (folder / "b.md").write_text("Bee.", encoding="utf-8")
    (folder / "A.TXT").write_text("Ay.", encoding="utf-8")
    (folder / "c.csv").write_text("x,y\n", encoding="utf-8")
    assert text_audit.sources(str(folder)) == [(folder / "A.TXT", "a", "Ay."), (folder / "b.md", "b", "Bee.")]


@pytest.mark.parametrize("chunk", [1, 2, 3, 64])
def test_each_abstract_is_audited_once_and_in_order_whatever_the_chunk_size(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(text_audit, "CHUNK", chunk)
    # "Seven patients." reads one count; "9 of 14" a count and its total; "None." nothing
    texts = {"c": "Seven patients.", "a": "Relapses: 9 of 14.", "b": "None."}
    for study, text in texts.items():
        (tmp_path / f"{study}.txt").write_text(text, encoding="utf-8")
    done, problems = text_audit.prepare([str(tmp_path / f"{study}.txt") for study in texts], tmp_path / "out")
    assert problems == []
    assert [(item.study, item.read) for item in done] == [("c", 1), ("a", 2), ("b", 0)]


@pytest.mark.parametrize(("error", "said"), [
    (ValueError("first line\nsecond line"), "ValueError: first line"),
    (RuntimeError(), "RuntimeError: "),  # no message at all
])
def test_a_failure_in_the_work_on_an_abstract_names_it_and_the_first_line_of_the_error(monkeypatch, error, said):
    def failing(text, study):
        if study == "bad":
            raise error
        return extract(text, study)

    monkeypatch.setattr(text_audit, "extract", failing)
    chunk = [(Path("in/good.txt"), "good", "None."), (Path("in/bad.txt"), "bad", "None.")]
    with pytest.raises(ExtractError) as refused:
        text_audit.audit_chunk(chunk, 0.95)
    assert str(refused.value) == (f"in/bad.txt: the audit of this abstract failed ({said}); this is a defect of "
                                  "analysis audit, please report it")


def test_the_four_files_of_an_abstract_are_staged_readable_by_everyone_whatever_the_umask(tmp_path):
    audited = text_audit.audit_chunk([(Path("in/demo.txt"), "demo", "Relapses: 9 of 14.")], 0.95)[0]
    (tmp_path / "stage").mkdir()
    previous = os.umask(0o077)
    try:
        text_audit.write(audited, tmp_path / "out", tmp_path / "stage")
    finally:
        os.umask(previous)
    folder = tmp_path / "stage" / "new" / "demo"
    assert sorted(p.name for p in folder.iterdir()) == ["findings.csv", "index.html", "unread.csv", "values.csv"]
    for name in ("findings.csv", "index.html", "unread.csv", "values.csv"):
        assert (folder / name).stat().st_mode & 0o777 == 0o644
        assert (folder / name).read_bytes() == audited.files[name].encode("utf-8")
    # the draft as extract_file writes it: one row per number, the count 9 linked to its total 14
    assert audited.files["values.csv"].splitlines()[0] == (
        "study,quantity,value,decimals,comparator,unit,ci_low,ci_high,denominator,role,source,location,status,note,"
        "statistic,of,df,ci_decimals")
    assert [line.split(",")[1:4] for line in audited.files["values.csv"].splitlines()[1:]] == [
        ["total_1", "14", "0"], ["n_1", "9", "0"]]
    assert audited.files["unread.csv"] == "start,end,text,reason,sentence\n"


class Terminal:
    """A stream that says it is a terminal and keeps what is written to it."""

    def __init__(self, tty: bool):
        self.tty, self.written = tty, ""

    def isatty(self):
        return self.tty

    def write(self, text):
        self.written += text

    def flush(self):
        pass


@pytest.mark.parametrize(("progress", "tty", "shown"), [(True, True, True), (True, False, False),
                                                         (False, True, False)])
def test_a_progress_bar_is_shown_only_when_asked_and_stderr_is_a_terminal(monkeypatch, progress, tty, shown):
    monkeypatch.setattr("sys.stderr", Terminal(tty))
    bar = text_audit._progress_bar(12, progress)
    assert bool(bar.disable) is not shown  # tqdm leaves disable None (shown) on a terminal by default
    if shown:  # counts abstracts out of the total, after a delay of 2 seconds so that a short run shows nothing
        assert (bar.total, bar.desc, bar.unit, bar.delay) == (12, "extract and audit", "abstract", 2)
        bar.update(12)
        bar.close()


def test_a_draft_failing_the_schema_is_named_and_the_abstracts_after_it_in_its_chunk_are_still_audited(monkeypatch):
    values = Extraction.values

    def broken(extraction):  # a defect of the extraction, in the abstract "bad" only
        draft = values(extraction)
        if extraction.study == "bad":
            draft.loc[0, "decimals"] = "two"
        return draft

    monkeypatch.setattr(Extraction, "values", broken)
    chunk = [(Path(f"in/{study}.txt"), study, "Seven patients.") for study in ("first", "bad", "last")]
    results = text_audit.audit_chunk(chunk, 0.95)
    assert [item.study for item in results if not isinstance(item, str)] == ["first", "last"]
    assert isinstance(results[1], str)
    assert results[1].startswith("in/bad.txt: the draft fails the values schema (in/bad.txt, row 1 (line 2), column "
                                 "'decimals'")
    assert results[1].endswith("); this is a defect of analysis extract")


def test_a_failure_in_the_audit_of_a_draft_names_its_abstract(monkeypatch):
    run = audit.run

    def failing(values, study, level=0.95):
        if study == "bad":
            raise ZeroDivisionError("division by zero")
        return run(values, study, level)

    monkeypatch.setattr(audit, "run", failing)
    chunk = [(Path("in/good.txt"), "good", "Seven patients."), (Path("in/bad.txt"), "bad", "Seven patients.")]
    with pytest.raises(ExtractError) as refused:
        text_audit.audit_chunk(chunk, 0.95)
    assert str(refused.value) == ("in/bad.txt: the audit of this abstract failed (ZeroDivisionError: division by "
                                  "zero); this is a defect of analysis audit, please report it")


def test_the_findings_of_an_abstract_carry_its_study_and_the_level_asked():
    # 9 of 14: the exact (Clopper-Pearson) 90 % CI is the 5 % quantile of Beta(9, 6) to the 95 % one of Beta(10, 5)
    audited = text_audit.audit_chunk([(Path("in/demo.txt"), "demo", "Relapses: 9 of 14.")], 0.90)[0]
    findings = pd.read_csv(io.StringIO(audited.files["findings.csv"]), dtype={"study": str})
    assert set(findings["study"]) == {"demo"}
    count_ci = findings.set_index("key").loc["count_ci__n_1"]
    assert (count_ci["low"], count_ci["high"]) == pytest.approx((beta.ppf(0.05, 9, 6), beta.ppf(0.95, 10, 5)),
                                                                abs=1e-4)
    assert count_ci["level"] == 0.9


@pytest.mark.parametrize("extra", [" ", "\t", "X"])
def test_an_index_page_whose_first_line_only_starts_with_the_mark_is_someone_elses(tmp_path, extra):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text(text_audit.INDEX_MARK + extra + "\n<p>edited</p>\n", encoding="utf-8")
    names = []
    for study in ("a", "b"):
        (tmp_path / f"{study}.txt").write_text("None.", encoding="utf-8")
        names.append(str(tmp_path / f"{study}.txt"))
    assert text_audit.prepare(names, out)[1] == [
        f"{out / 'index.html'}: exists and was not written by analysis audit; choose another --out"]


@pytest.mark.parametrize(("text", "rows"), [("None.", 0), ("Relapses: 9 of 14.", 1)])
def test_findings_csv_has_the_ledger_columns_and_no_index_even_when_empty(text, rows):
    audited = text_audit.audit_chunk([(Path("in/demo.txt"), "demo", text)], 0.95)[0]
    lines = audited.files["findings.csv"].splitlines()
    assert lines[0] == ",".join(CSV_COLUMNS) and lines[0].startswith("study,")
    # each row starts with its study, not a row number; "9 of 14" gives at least its count's CI
    assert all(line.startswith("demo,") for line in lines[1:]) and (len(lines) > 1) == bool(rows)


@pytest.mark.parametrize(("blank", "studies"), [(59, ["pmid_1"]), (60, ["export"])])
def test_an_export_is_known_by_pmid_within_its_first_64_bytes(tmp_path, blank, studies):
    # 59 newlines and "PMID-" are 64 bytes; with 60, the first 64 bytes end in "PMID": a plain text
    export = tmp_path / "export.txt"
    export.write_text("\n" * blank + "PMID- 1\nTI  - One.\n", encoding="utf-8")
    assert [study for _, study, _ in text_audit.sources(str(export))] == studies


def test_a_medline_line_whose_tag_is_not_padded_to_four_characters_is_not_a_field(tmp_path):
    export = tmp_path / "export.txt"
    export.write_text("PMID- 1\nTI  - One.\nTI - Not a field.\n", encoding="utf-8")
    assert text_audit.sources(str(export)) == [(Path(f"{export}#1"), "pmid_1", "One.")]
