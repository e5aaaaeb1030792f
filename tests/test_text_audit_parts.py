"""The parts of ``analysis audit FILE.txt`` between the extraction and the page, each on inputs whose answer is
known by hand: which names are texts, how many processes run, when an index page is someone else's, the verdict
of each number from its checks' statuses, and the one-line summary of an abstract."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from scipy.stats import beta

from analysis.extract import ExtractError, Extraction, extract, text_audit
from analysis.findings.ledger import Finding


def finding(quantity: str, status: str) -> Finding:
    return Finding(study="demo", finding=f"{quantity} {status}", kind="consistency", reported=None, recomputed=None,
                   low=None, high=None, status=status, source="TEXT", key=f"k__{quantity}__{status}",
                   quantity=quantity, check="k")


def test_texts_are_named_by_suffix_in_any_case_and_folders_are_texts(tmp_path):
    (tmp_path / "folder").mkdir()
    names = ["a.TXT", "b.md", "c.Xml", "d.csv", "e.txt.csv", str(tmp_path / "folder")]
    assert text_audit.split(names) == (["a.TXT", "b.md", "c.Xml", str(tmp_path / "folder")], ["d.csv", "e.txt.csv"])


def test_the_processes_are_at_least_one_and_at_most_64(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: None)  # unknown: one process
    assert text_audit.workers(4, 10) == 1
    monkeypatch.setattr("os.cpu_count", lambda: 128)
    assert text_audit.workers(64, 100) == 64
    assert text_audit.workers(1, 100) == 1
    for jobs in (65, 0, 2.0):
        with pytest.raises(ValueError, match=rf"^jobs must be a whole number from 1 to 64, got {jobs!r}$"):
            text_audit.workers(jobs, 100)


def test_an_index_page_someone_else_wrote_stops_only_a_run_that_would_write_one(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_bytes(b"<html>\xff mine</html>\n")  # not UTF-8: not ours either
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("None.", encoding="utf-8")
    prepared, problems = text_audit.prepare([str(tmp_path / "a.txt")], out)
    assert problems == [] and len(prepared) == 1  # one abstract writes no index page
    prepared, problems = text_audit.prepare([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], out)
    assert problems == [f"{out / 'index.html'}: exists and was not written by analysis audit; choose another --out"]
    (out / "index.html").write_text(text_audit.INDEX_MARK + "\n<p>ours</p>\n", encoding="utf-8")
    assert text_audit.prepare([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], out)[1] == []


def test_a_number_is_flagged_if_any_check_of_it_failed_else_passed_derived_or_unchecked():
    extraction = extract("Relapses: 9 of 14 (64.3%). Twelve patients.", "demo")
    assert extraction.quantities == ["total_1", "n_1", "pct_1", "n_2"]
    findings = [finding("pct_1", "match"), finding("pct_1", "inconsistent"), finding("n_1", "derived"),
                finding("n_1", "consistent"), finding("total_1", "derived"), finding("total_1", "not_recomputable")]
    prepared = text_audit.Prepared(Path("demo.txt"), extraction, findings)
    assert text_audit.verdicts(prepared) == {"total_1": "derived", "n_1": "passed", "pct_1": "flag",
                                             "n_2": "unchecked"}
    for status in ("mismatch", "infeasible"):
        flagged = text_audit.Prepared(Path("demo.txt"), extraction, [finding("n_2", "match"), finding("n_2", status)])
        assert text_audit.verdicts(flagged)["n_2"] == "flag"
    table = text_audit.verdict_table(prepared)
    assert table[["printed", "verdict"]].values.tolist() == [["64.3", "flag"], ["9", "passed"], ["14", "derived"],
                                                             ["Twelve", "unchecked"]]


def test_the_verdict_table_has_every_column_for_read_and_unread_numbers():
    text = "Relapses: 9 of 14 (64.3%) at week 12."
    prepared = text_audit.Prepared(Path("demo.txt"), extract(text, "demo"), [finding("pct_1", "mismatch")])
    assert text_audit.verdict_table(prepared).to_dict("records") == [
        {"start": 19, "printed": "64.3", "quantity": "pct_1", "statistic": "percent", "verdict": "flag", "why": ""},
        {"start": 10, "printed": "9", "quantity": "n_1", "statistic": "count", "verdict": "unchecked", "why": ""},
        {"start": 15, "printed": "14", "quantity": "total_1", "statistic": "count", "verdict": "unchecked",
         "why": ""},
        {"start": 34, "printed": "12", "quantity": "", "statistic": "", "verdict": "unread",
         "why": "a design fact or label (a phase, time point, grade or name)"}]


def test_a_text_without_numbers_has_an_empty_verdict_table_with_every_column():
    table = text_audit.verdict_table(text_audit.Prepared(Path("demo.txt"), extract("None.", "demo"), []))
    assert table.empty and list(table.columns) == ["start", "printed", "quantity", "statistic", "verdict", "why"]


def test_a_corrected_draft_is_audited_under_its_study_at_the_level_asked():
    values = extract("Relapses: 9 of 14.", "demo").values()
    by_key = {f.key: f for f in text_audit.audit_values(values, "demo")}
    ci = by_key["count_ci__n_1"]
    # Clopper-Pearson: the 2.5 % quantile of Beta(9, 6) and the 97.5 % quantile of Beta(10, 5)
    assert (ci.study, ci.status) == ("demo", "derived")
    assert (ci.low, ci.high) == pytest.approx((beta.ppf(0.025, 9, 6), beta.ppf(0.975, 10, 5)), abs=1e-6)
    ci90 = {f.key: f for f in text_audit.audit_values(values, "demo", level=0.90)}["count_ci__n_1"]
    assert (ci90.low, ci90.high) == pytest.approx((beta.ppf(0.05, 9, 6), beta.ppf(0.95, 10, 5)), abs=1e-6)


def test_a_pasted_text_is_audited_as_the_file_of_its_study_at_the_level_asked(monkeypatch):
    prepared = text_audit.audit_text("Relapses: 9 of 14.", "demo")
    ci = {f.key: f for f in prepared.findings}["count_ci__n_1"]
    assert prepared.path == Path("demo.txt")
    assert (ci.low, ci.high) == pytest.approx((beta.ppf(0.025, 9, 6), beta.ppf(0.975, 10, 5)), abs=1e-6)
    ci90 = {f.key: f for f in text_audit.audit_text("Relapses: 9 of 14.", "demo", 0.9).findings}["count_ci__n_1"]
    assert (ci90.low, ci90.high) == pytest.approx((beta.ppf(0.05, 9, 6), beta.ppf(0.95, 10, 5)), abs=1e-6)
    values = Extraction.values
    monkeypatch.setattr(Extraction, "values", lambda self: values(self).replace({"value": {"64.3": "164.3"}}))
    with pytest.raises(ExtractError) as refused:
        text_audit.audit_text("Relapses: 9 of 14 (64.3%).", "demo")
    assert str(refused.value) == ("demo.txt: the draft fails the values schema (demo.txt, row 3 (line 4), column "
                                  "'value': a percentage must lie between 0 and 100); this is a defect of analysis "
                                  "extract")


def test_a_draft_corrected_into_an_invalid_one_names_its_row_and_column():
    values = extract("Relapses: 9 of 14 (64.3%).", "demo").values()
    values.loc[2, "value"] = "164.3"
    with pytest.raises(ExtractError) as refused:
        text_audit.draft_frame(values, "demo")
    assert str(refused.value).startswith("the draft fails the values schema: demo.csv, row 3 (line 4), column 'value'")


@pytest.mark.parametrize(("statuses", "words"), [
    ([], "0 checks, 0 flags"), (["match"], "1 check, 0 flags"), (["mismatch"], "1 check, 1 flag"),
    (["consistent", "inconsistent", "derived", "not_recomputable"], "2 checks, 1 flag"),
    (["infeasible", "mismatch", "match"], "3 checks, 2 flags"),
])
def test_the_summary_line_counts_checks_and_flags_in_words(tmp_path, statuses, words):
    extraction = extract("Relapses: 9 of 14 (64.3%).", "demo")
    prepared = text_audit.Prepared(Path("demo.txt"), extraction, [finding("pct_1", s) for s in statuses])
    (tmp_path / "stage").mkdir()
    line = text_audit.write(text_audit.audited(prepared), tmp_path / "out", tmp_path / "stage")
    assert line == f"demo: 3 numbers read, 0 unread, {words} -> {tmp_path / 'out' / 'demo'}"


def test_the_index_page_lists_each_abstract_with_its_counts_most_flags_first_and_escaped():
    quiet = text_audit.Prepared(Path("in/a&b <1>.txt"), extract("Twelve patients at week 3.", "alpha"),
                                [finding("n_1", "match"), finding("n_1", "derived")])
    loud = text_audit.Prepared(Path("in/z.txt"), extract("Relapses: 9 of 14 (64.3%).", "zeta"),
                               [finding("pct_1", "mismatch"), finding("n_1", "consistent"),
                                finding("n_1", "not_recomputable")])
    page = text_audit.render_index([text_audit.audited(quiet), text_audit.audited(loud)])
    cells = re.findall(r'<tr(?: class="flagged")?><td><a href="(\w+)/index.html">\w+</a></td>\n<td>(.*?)</td>'
                       r'<td class="number">(\d+)</td><td class="number">(\d+)</td>\n<td class="number">(\d+)</td>'
                       r'<td class="number">(\d+)</td></tr>', page)
    # study, source (escaped), flags, checks, numbers read, unread
    assert cells == [("zeta", "in/z.txt", "1", "2", "3", "0"),
                     ("alpha", "in/a&amp;b &lt;1&gt;.txt", "0", "1", "1", "1")]
    assert page.startswith(text_audit.INDEX_MARK + "\n") and page.endswith("</html>\n")
    assert page.count('class="flagged"') == 1
