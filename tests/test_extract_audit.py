"""``analysis audit FILE.txt`` (or .md): extract, audit, and show the verdicts on the text itself."""

from __future__ import annotations

import contextlib
import csv
import io
import multiprocessing
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from analysis import audit
from analysis.extract import ExtractError, Extraction, text_audit
from analysis.pipeline import cli

CORPUS = Path(__file__).parent / "fixtures" / "abstracts" / "text"


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def glued(tmp_path) -> Path:
    return Path(shutil.copy(CORPUS / "glued_table.md", tmp_path / "glued_table.md"))


def test_a_text_is_extracted_audited_and_shown_with_its_verdicts(tmp_path, glued, capsys):
    out = tmp_path / "out"
    assert cli.main(["audit", str(glued), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"glued_table: 9 numbers read, 2 unread, 3 checks, 1 flag -> {out}/glued_table\n"
    folder = out / "glued_table"
    assert sorted(p.name for p in folder.iterdir()) == [".analysis-output", "findings.csv", "index.html",
                                                        "unread.csv", "values.csv"]
    flagged = [r for r in _rows(folder / "findings.csv") if r["status"] == "mismatch"]
    assert [(r["check"], r["quantity"]) for r in flagged] == [("percent_recompute", "pct_3")]  # 9/14 is 64.3 %
    page = (folder / "index.html").read_text(encoding="utf-8")
    text = glued.read_text(encoding="utf-8")
    # 71.4 is marked as the flag in the text and links to its row; the row links back.
    start = text.index("71.4")
    assert f'<a id="at-{start}" class="flag" href="#q-pct_3"' in page
    assert f'<a href="#at-{start}">chars {start}-{start + 4}</a>' in page
    # Flags first in the table of rows.
    assert re.findall(r'<tr id="q-(\w+)"><td><code>\w+</code></td><td class="verdict (\w+)">', page)[0] == (
        "pct_3", "flag")
    # Every number of the text is marked, each linked to a row or an unread entry that links back.
    marks = re.findall(r'<a id="at-(\d+)" class="(\w+)" href="#([\w-]+)"', page)
    assert len(marks) == 9 + 2  # 3 counts, 3 totals and 3 percents read; "96" and "one" unread
    for _, _, target in marks:
        assert f'id="{target}"' in page
    assert {kind for _, kind, _ in marks} == {"flag", "passed", "derived", "unchecked", "unread"}
    for start, _, target in marks:
        if target.startswith("u-"):
            assert f'<a href="#at-{start}">' in page


def test_a_text_and_a_values_file_are_audited_together(tmp_path, glued, capsys):
    values = Path(shutil.copy(Path(__file__).parents[1] / "data" / "values" / "kim2021.csv", tmp_path / "kim2021.csv"))
    assert cli.main(["audit", str(glued), str(values), "--out", str(tmp_path / "out")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["glued_table", "kim2021"]
    assert (tmp_path / "out" / "kim2021" / "findings.csv").exists()


def test_a_bad_text_writes_nothing_for_any_file(tmp_path, glued, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"HR 0.5 \xff")
    assert cli.main(["audit", str(glued), str(bad), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == (f"error: invalid input; nothing was written:\n  {bad}: not UTF-8 text "
                                       "(byte 7 cannot be decoded)\n")
    assert not (tmp_path / "out").exists()


def test_a_folder_holding_other_files_is_never_replaced(tmp_path, glued, capsys):
    mine = tmp_path / "out" / "glued_table"
    mine.mkdir(parents=True)
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli.main(["audit", str(glued), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == (f"error: invalid input; nothing was written:\n  {mine} exists and was not "
                                       "written by analysis (it has no .analysis-output file): refusing to replace "
                                       "or empty it; remove it yourself or choose another output folder\n")
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_a_second_run_replaces_what_the_first_wrote(tmp_path, glued, capsys):
    out = tmp_path / "out"
    assert cli.main(["audit", str(glued), "--out", str(out)]) == 0
    glued.write_text("Seventy-one patients.", encoding="utf-8")
    assert cli.main(["audit", str(glued), "--out", str(out)]) == 0
    assert [r["value"] for r in _rows(out / "glued_table" / "values.csv")] == ["71"]
    assert sorted(p.name for p in out.iterdir()) == [".analysis-output", "glued_table"]  # no staging folder left


def test_two_texts_with_one_study_id_are_refused(tmp_path, glued, capsys):
    twin = tmp_path / "Glued Table.txt"
    twin.write_text("Seventy-one patients.", encoding="utf-8")
    assert cli.main(["audit", str(glued), str(twin), "--out", str(tmp_path / "out")]) == 1
    assert f"{twin}: same study id 'glued_table' as {glued}; rename one of them" in capsys.readouterr().err


MEDLINE = """PMID- 11111111
TI  - Rituximab in a small NMOSD series.
AB  - Of 20 patients treated, 12 (60.0%) stayed relapse-free; the ARR was 0.14
      (95% CI 0.09-0.21).

PMID- 22222222
TI  - Natalizumab wearing-off.
AB  - Wearing-off was reported by 9 of 14 (71.4%) patients.
"""


def test_a_pubmed_medline_export_is_split_per_pmid_with_an_index(tmp_path, capsys):
    export = tmp_path / "pubmed.txt"
    export.write_text(MEDLINE, encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["audit", str(export), "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines[:2]] == ["pmid_11111111", "pmid_22222222"]
    assert lines[2] == f"index of 2 abstracts, most flags first -> {out}/index.html"
    draft = _rows(out / "pmid_11111111" / "values.csv")
    assert [(r["statistic"], r["value"], r["ci_low"]) for r in draft] == [
        ("count", "20", ""), ("count", "12", ""), ("percent", "60.0", ""), ("rate", "0.14", "0.09")]
    index = (out / "index.html").read_text(encoding="utf-8")
    # 9/14 is 64.3 %, so the second record has the flag and comes first.
    assert re.findall(r'<a href="(pmid_\d+)/index.html">', index) == ["pmid_22222222", "pmid_11111111"]


def test_a_folder_is_every_text_in_it(tmp_path, capsys):
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in ("glued_table.md", "truncated.txt"):
        shutil.copy(CORPUS / name, folder / name)
    (folder / "notes.csv").write_text("not an abstract\n", encoding="utf-8")
    assert cli.main(["audit", str(folder), "--out", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".analysis-output", "glued_table", "index.html",
                                                                         "truncated"]


def test_an_index_page_the_command_did_not_write_is_never_replaced(tmp_path, capsys):
    export = tmp_path / "pubmed.txt"
    export.write_text(MEDLINE, encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("<p>my page</p>\n", encoding="utf-8")
    assert cli.main(["audit", str(export), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == (f"error: invalid input; nothing was written:\n  {tmp_path}/out/index.html: "
                                       "exists and was not written by analysis audit; choose another --out\n")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["index.html"]


def test_a_folder_without_texts_is_one_line(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert cli.main(["audit", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == (f"error: invalid input; nothing was written:\n  {tmp_path}/empty: no .txt or "
                                       ".md file in this folder\n")


def test_an_export_may_be_larger_than_one_abstract_but_is_bounded(tmp_path, capsys, monkeypatch):
    from analysis.extract import text_audit

    export = tmp_path / "pubmed.txt"
    export.write_text(MEDLINE, encoding="utf-8")
    monkeypatch.setattr(text_audit, "MAX_EXPORT_BYTES", 100)
    assert cli.main(["audit", str(export), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == (f"error: invalid input; nothing was written:\n  {export}: {len(MEDLINE)} bytes, "
                                       "more than the 100 a PubMed export may have\n")


PUBMED_XML = """<?xml version="1.0" encoding="UTF-8"?>
<PubmedArticleSet>
<PubmedArticle><MedlineCitation><PMID Version="1">33333333</PMID><Article>
<ArticleTitle>An <i>invented</i> trial.</ArticleTitle>
<Abstract><AbstractText Label="RESULTS">Relapses: 9 of 14 (71.4%).</AbstractText>
<AbstractText Label="CONCLUSION">None.</AbstractText></Abstract>
</Article></MedlineCitation></PubmedArticle>
</PubmedArticleSet>
"""


def test_a_pubmed_xml_export_is_split_per_pmid(tmp_path, capsys):
    export = tmp_path / "pubmed.xml"
    export.write_text(PUBMED_XML, encoding="utf-8")
    assert cli.main(["audit", str(export), "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.startswith("pmid_33333333: 3 numbers read, 0 unread, 1 check, 1 flag -> ")
    page = (tmp_path / "out" / "pmid_33333333" / "index.html").read_text(encoding="utf-8")
    assert "An invented trial.\n\nRESULTS: Relapses: " in page


def test_xml_that_is_not_a_pubmed_export_is_one_line(tmp_path, capsys):
    export = tmp_path / "other.xml"
    export.write_text("<root><item/></root>", encoding="utf-8")
    assert cli.main(["audit", str(export), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == (f"error: invalid input; nothing was written:\n  {export}: no PubmedArticle "
                                       "in this file\n")


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _main_captured(argv: list[str]) -> tuple[int, str, str]:
    """``cli.main(argv)`` with what it prints: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def test_two_processes_write_byte_for_byte_what_one_writes(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)  # two processes even on a one-CPU machine
    # The one-process run is run in a process of its own (forked, so it sees the patched cpu_count): the extraction
    # then runs in this test's process in neither run, and mutation testing does not select this test for the
    # extraction's mutants, which act alike in both runs and so cannot fail it.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as other:
        code, one_out, one_err = other.submit(
            _main_captured, ["audit", str(CORPUS), "--out", str(tmp_path / "one"), "--jobs", "1"]).result()
    assert code == 0
    assert cli.main(["audit", str(CORPUS), "--out", str(tmp_path / "two"), "--jobs", "2"]) == 0
    two = capsys.readouterr()
    assert two.out.replace(str(tmp_path / "two"), "OUT") == one_out.replace(str(tmp_path / "one"), "OUT")
    assert one_err == two.err == ""  # no progress bar where stderr is not a terminal
    written = _tree(tmp_path / "one")
    # Per abstract its four files and the output marker; at the top the index page and the marker.
    assert len(written) == 5 * len([p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md")]) + 2
    assert _tree(tmp_path / "two") == written


@pytest.mark.parametrize("jobs", ["0", "65", "-2"])
def test_jobs_past_its_bounds_is_refused_by_name_before_anything_is_read(tmp_path, glued, capsys, jobs):
    assert cli.main(["audit", str(glued), "--out", str(tmp_path / "out"), "--jobs", jobs]) == 1
    assert capsys.readouterr().err == f"error: --jobs must be a whole number from 1 to 64, got {jobs}\n"
    assert not (tmp_path / "out").exists()


def test_the_processes_are_bounded_by_the_cpus_and_the_abstracts(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert text_audit.workers(8, 100) == 4
    assert text_audit.workers(8, 3) == 3
    assert text_audit.workers(2, 100) == 2
    assert text_audit.workers(1, 0) == 1
    with pytest.raises(ValueError, match="jobs must be"):
        text_audit.workers(True, 10)


def test_a_pasted_text_is_audited_and_its_numbers_listed_flags_first():
    text = (CORPUS / "natalizumab_wearing_off.txt").read_text(encoding="utf-8")
    prepared = text_audit.audit_text(text, "wearing_off")
    table = text_audit.verdict_table(prepared)
    # 41.3 % of 40: 16/40 is 40.0 %, 17/40 is 42.5 %, so the percent is the one flag; 10/35 is 28.6 %.
    assert table.iloc[0][["printed", "statistic", "verdict"]].tolist() == ["41.3", "percent", "flag"]
    assert table.set_index("printed").loc["28.6", "verdict"] == "passed"
    assert table.set_index("printed").loc["2019", ["verdict", "why"]].tolist() == ["unread", "a date"]
    ranged = text.index("1-10")
    every = [text.index(n) for n in ("2019", "28.6", "35", "41.3", "40", "5 days")] + [ranged, ranged + 2]
    assert sorted(table["start"]) == sorted(every)


def test_a_corrected_draft_is_audited_again():
    text = (CORPUS / "natalizumab_wearing_off.txt").read_text(encoding="utf-8")
    draft = text_audit.audit_text(text, "wearing_off").extraction.values()
    draft.loc[draft["value"] == "40", "value"] = "46"  # 19/46 is 41.30 %
    assert audit.flags(text_audit.audit_values(draft, "wearing_off")) == []
    draft.loc[draft["value"] == "46", "decimals"] = "one"
    with pytest.raises(ExtractError, match="fails the values schema"):
        text_audit.audit_values(draft, "wearing_off")


def test_texts_audited_together_write_byte_for_byte_what_each_writes_alone(tmp_path, capsys):
    # Together, the drafts of a run are validated as one table (text_audit.CHUNK at a time); alone, each by itself.
    texts = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))
    assert cli.main(["audit", str(CORPUS), "--out", str(tmp_path / "together")]) == 0
    together = _tree(tmp_path / "together")
    for text in texts:
        assert cli.main(["audit", str(text), "--out", str(tmp_path / "alone")]) == 0
    capsys.readouterr()
    alone = _tree(tmp_path / "alone")
    assert len(alone) == 5 * len(texts) + 1  # the four files and the marker of each, and the folder's marker
    assert {name: data for name, data in together.items() if "/" in name} == {
        name: data for name, data in alone.items() if "/" in name}


def test_a_draft_failing_the_schema_among_others_is_named_alone(tmp_path, capsys, monkeypatch):
    values = Extraction.values

    def broken(extraction):  # a defect of the extraction, in one text of the folder only
        draft = values(extraction)
        if extraction.study == "truncated":
            draft.loc[0, "decimals"] = "two"
        return draft

    monkeypatch.setattr(Extraction, "values", broken)
    assert cli.main(["audit", str(CORPUS), "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: invalid input; nothing was written:\n  {CORPUS / 'truncated.txt'}: the draft "
                            "fails the values schema (")
    assert "truncated.txt, row 1 (line 2), column 'decimals': wrong type" in error
    assert error.endswith("); this is a defect of analysis extract\n") and error.count("\n") == 2  # that text alone
    assert not (tmp_path / "out").exists()


def test_a_failure_in_the_work_on_an_abstract_names_it(tmp_path, capsys, extraction_fails_on_truncated):
    assert cli.main(["audit", str(CORPUS), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == (
        f"error: {CORPUS / 'truncated.txt'}: the audit of this abstract failed (ZeroDivisionError: division by zero); "
        "this is a defect of analysis audit, please report it (nothing was written)\n")
    assert not (tmp_path / "out").exists()
