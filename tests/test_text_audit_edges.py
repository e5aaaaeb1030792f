"""``analysis audit`` on texts at its edges: limits met exactly, rare inputs, and what the user reads about them.
Each text is a short sentence written for the test; expected rows, verdicts and page elements are worked out by
hand from its characters."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from scipy.stats import beta

from analysis.extract import extract, text_audit
from analysis.findings.ledger import Finding


def _export(path, pmids):
    path.write_text("".join(f"PMID- {pmid}\nTI  - None.\n\n" for pmid in pmids), encoding="utf-8")
    return path


def test_an_export_of_exactly_the_most_records_allowed_is_audited_and_one_more_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(text_audit, "MAX_FILES", 3)
    prepared, problems = text_audit.prepare([str(_export(tmp_path / "three.txt", [1, 2, 3]))], tmp_path / "out")
    assert problems == [] and [item.study for item in prepared] == ["pmid_1", "pmid_2", "pmid_3"]
    four = _export(tmp_path / "four.txt", [1, 2, 3, 4])
    prepared, problems = text_audit.prepare([str(four)], tmp_path / "out")
    assert prepared == [] and problems == [f"{four}: 4 records; audit at most 3 at once"]


def test_a_medline_field_given_twice_in_a_record_is_two_paragraphs_never_glued(tmp_path):
    # Glued, "12" and "3" would read as 123 deaths; each field is its own paragraph, as XML parts are.
    export = tmp_path / "export.txt"
    export.write_text("PMID- 8\nTI  - Eight.\nAB  - Of 20 patients, 12\nAB  - 3 died.\n", encoding="utf-8")
    assert [(study, text) for _, study, text in text_audit.sources(str(export))] == [
        ("pmid_8", "Eight.\n\nOf 20 patients, 12\n\n3 died.")]


def test_a_pasted_texts_findings_carry_the_study_it_is_audited_as():
    prepared = text_audit.audit_text("Relapses: 9 of 14.", "trial_b")
    assert prepared.findings and {finding.study for finding in prepared.findings} == {"trial_b"}


def test_the_page_says_one_number_and_one_check_in_the_singular():
    # "Seven patients." reads one count (n_1) and leaves nothing unread; one check of it passed
    findings = [Finding(study="demo", finding="n_1 fits", kind="consistency", reported=None, recomputed=None, low=None,
                        high=None, status="consistent", source="TEXT", key="k__n_1", quantity="n_1", check="k")]
    page = text_audit.render(text_audit.Prepared(Path("demo.txt"), extract("Seven patients.", "demo"), findings))
    summary = " ".join(re.search(r"<p>(.*?)\.\n", page, re.S).group(1).split())
    assert summary == ("1 number read into the draft <code>values.csv</code>, 0 left unread (<code>unread.csv</code>); "
                       "1 check, 0 flags")


class _InlinePool:
    """Stands in for ProcessPoolExecutor: records how many processes were asked for and maps in this process."""

    asked: list[int] = []

    def __init__(self, processes):
        self.asked.append(processes)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map(self, function, *iterables):
        return map(function, *iterables)


def test_jobs_above_one_start_that_many_processes_each_given_the_level_and_one_job_starts_none(tmp_path, monkeypatch):
    monkeypatch.setattr(text_audit, "ProcessPoolExecutor", _InlinePool)
    monkeypatch.setattr(_InlinePool, "asked", [])
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    monkeypatch.setattr(text_audit, "CHUNK", 1)  # three chunks for the pool to map
    names = []
    for study in ("a", "b", "c"):
        (tmp_path / f"{study}.txt").write_text("Relapses: 9 of 14.", encoding="utf-8")
        names.append(str(tmp_path / f"{study}.txt"))
    done, problems = text_audit.prepare(names, tmp_path / "out", level=0.9, jobs=2)
    assert problems == [] and _InlinePool.asked == [2] and [item.study for item in done] == ["a", "b", "c"]
    # each abstract's 9 of 14 audited at 90 %: its count's Clopper-Pearson interval is Beta(9, 6) at 5 % to
    # Beta(10, 5) at 95 %, found in findings.csv
    for item in done:
        findings = pd.read_csv(io.StringIO(item.files["findings.csv"])).set_index("key")
        ci = findings.loc["count_ci__n_1", ["low", "high"]].tolist()
        assert ci == pytest.approx([beta.ppf(0.05, 9, 6), beta.ppf(0.95, 10, 5)], abs=1e-6)
    text_audit.prepare(names, tmp_path / "out", jobs=1)
    assert _InlinePool.asked == [2]  # one job: the work is done in this process


def _audited(study: str, text: str) -> text_audit.Audited:
    return text_audit.audited(text_audit.Prepared(Path(f"{study}.txt"), extract(text, study), []))


def test_the_folders_audit_writes_say_they_were_written_by_analysis_audit(tmp_path):
    out = tmp_path / "new" / "out"  # neither folder exists yet
    lines = list(text_audit.write_all([_audited("a", "Seven patients."), _audited("b", "None.")], out))
    assert lines[-1] == f"index of 2 abstracts, most flags first -> {out / 'index.html'}"
    said = "written by `analysis audit`; the next run may replace this folder\n"
    for folder in (tmp_path / "new", out, out / "a", out / "b"):
        assert (folder / ".analysis-output").read_text(encoding="utf-8") == said


def test_a_folder_replaced_by_a_second_run_is_removed_with_the_staging_folder(tmp_path, monkeypatch):
    system_temp = tmp_path / "system_temp"
    system_temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(system_temp))  # where a misplaced replaced folder would go
    out = tmp_path / "out"
    list(text_audit.write_all([_audited("a", "Seven patients.")], out))
    list(text_audit.write_all([_audited("a", "Nine patients.")], out))
    assert sorted(p.name for p in out.iterdir()) == [".analysis-output", "a"]
    assert "Nine" in (out / "a" / "index.html").read_text(encoding="utf-8")
    assert list(system_temp.iterdir()) == []


def test_the_drafts_of_a_chunk_are_validated_in_one_call_and_each_keeps_its_own_names_and_links(monkeypatch):
    # Two drafts with the same quantity names (n_1, total_1, pct_1, linked by of and denominator): validated as one
    # table only if each draft's names are kept apart; otherwise the table fails and each draft is validated again
    # alone, one call per draft (about 0.1 s each), with the same findings.
    from analysis.data import load

    calls = []

    def counted(path, frame, *args):
        calls.append(len(frame))
        return validate(path, frame, *args)

    validate = load.validate_frame
    monkeypatch.setattr(load, "validate_frame", counted)
    chunk = [(Path("a.txt"), "a", "Relapses: 9 of 14 (64.3%)."), (Path("b.txt"), "b", "Deaths: 2 of 7 (28.6%).")]
    results = text_audit.audit_chunk(chunk, 0.95)
    assert calls == [6]  # one table of 3 + 3 rows
    assert [(item.study, item.read, item.flags) for item in results] == [("a", 3, 0), ("b", 3, 0)]
    for item, (n, total) in zip(results, [(9, 14), (2, 7)], strict=True):
        values = pd.read_csv(io.StringIO(item.files["values.csv"]), dtype=str).set_index("quantity")
        assert values.loc["pct_1", ["of", "denominator"]].tolist() == ["n_1", "total_1"]
        findings = pd.read_csv(io.StringIO(item.files["findings.csv"])).set_index("key")
        # the count's exact interval is that of its own draft: Beta(n, total - n + 1) at 2.5 %
        assert findings.loc["count_ci__n_1", "low"] == pytest.approx(beta.ppf(0.025, n, total - n + 1), abs=1e-6)



@pytest.mark.parametrize(("column", "name"), [("of", "n_9"), ("denominator", "total_9")])
def test_a_link_to_no_quantity_of_its_own_draft_is_refused_also_when_drafts_are_validated_together(monkeypatch,
                                                                                                   column, name):
    # Each draft links pct_1 to n_1 (of) and total_1 (denominator). Broken by hand here in b alone: one link names a
    # quantity of no draft. The table of the three must fail on it, so that each draft is validated alone and b is
    # named for its row 3 (pct_1, the third row) and that column; a and c are audited.
    from analysis.extract import Extraction

    values = Extraction.values

    def broken(self):
        table = values(self)
        if self.study == "b":
            table.loc[table["quantity"] == "pct_1", column] = name
        return table

    monkeypatch.setattr(Extraction, "values", broken)
    chunk = [(Path("a.txt"), "a", "Relapses: 9 of 14 (64.3%)."), (Path("b.txt"), "b", "Deaths: 2 of 7 (28.6%)."),
             (Path("c.txt"), "c", "Falls: 3 of 5 (60%).")]
    first, said, third = text_audit.audit_chunk(chunk, 0.95)
    assert said.startswith(f"b.txt: the draft fails the values schema (b.txt, row 3 (line 4), column '{column}': ")
    assert said.endswith("; this is a defect of analysis extract")
    assert [(item.study, item.read) for item in (first, third)] == [("a", 3), ("c", 3)]


def test_an_export_whose_first_field_is_indented_is_refused_naming_its_line_column_and_the_rule(tmp_path):
    export = tmp_path / "export.txt"
    export.write_text("\n  PMID- 5\nTI  - Five.\n", encoding="utf-8")
    # the first line is blank; "PMID-" opens line 2 after two spaces, at column 3
    assert text_audit.prepare([str(export)], tmp_path / "out") == ([], [
        f"{export}, line 2, column 3: the MEDLINE field PMID- is indented; an export starts each field at the first "
        "character of its line (only continuation lines are indented)"])
