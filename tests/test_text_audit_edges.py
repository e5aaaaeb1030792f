"""``analysis audit`` on texts at its edges: limits met exactly, rare inputs, and what the user reads about them.
Each text is a short sentence written for the test; expected rows, verdicts and page elements are worked out by
hand from its characters."""

from __future__ import annotations

from analysis.extract import text_audit


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
