"""``analysis audit`` on texts at its edges: limits met exactly, rare inputs, and what the user reads about them.
Each text is a short sentence written for the test; expected rows, verdicts and page elements are worked out by
hand from its characters."""

from __future__ import annotations

import re
from pathlib import Path

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
