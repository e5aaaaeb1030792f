"""The static report: unit tests on small fixture notebooks (ledger rows with key, section
and interval) and the real data/ folder; the maths of the committed notebooks; and a
headless-Chromium test of the built site."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.findings import ledger
from analysis.pipeline import report

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
# The notebooks as they were before the study modules moved out, with all their maths.
MATHS_COMMIT = "a44bb6f"
# A 1x1 PNG, so the test can find it again in the page.
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
# A backslash command or a $ left in visible text is TeX that was not rendered.
RAW_TEX = re.compile(r"\\[A-Za-z]+|\$")

BIBLIOGRAPHY = pd.DataFrame([
    {"source_id": "U1", "paper": "Alpha A. Paper one. J Test. 2020;1:1.", "doi": "10.1000/one", "pmid": "123",
     "read_at": "journal page", "url": "https://example.org/one", "what_was_read": "abstract", "status": "ABSTRACT"},
    {"source_id": "D1", "paper": "Beta B. Paper two. J Test. 2021;2:2.", "doi": "10.1000/two", "pmid": None,
     "read_at": "abstract", "url": None, "what_was_read": "abstract", "status": "ABSTRACT"},
    {"source_id": "N1", "paper": "Gamma C. Paper three. J Test. 2022;3:3.", "doi": None, "pmid": None,
     "read_at": "summary page", "url": None, "what_was_read": "summary", "status": "SECONDARY"},
])
VALUES_HEADER = ["study", "quantity", "value", "decimals", "comparator", "unit", "ci_low", "ci_high", "denominator",
                 "role", "source", "location", "status", "note", "statistic", "of", "df"]
VALUES = {
    "alpha": [
        ["alpha", "rate", "0.17", "2", "=", "per_patient_year", "0.10", "0.29", "", "primary", "U1", "abstract",
         "ABSTRACT", "adjusted rate", "rate", "", ""],
        ["alpha", "rate_crude", "0.175", "3", "=", "per_patient_year", "", "", "", "primary", "U1", "table 2",
         "ABSTRACT", "crude rate", "rate", "", ""],
        ["alpha", "ratio", "2.1", "1", "=", "ratio", "", "", "", "primary", "D1", "abstract", "ABSTRACT", "", "ratio",
         "", ""],
        ["alpha", "p_value", "0.001", "3", "<", "p", "", "", "", "primary", "U1;D1", "results", "ABSTRACT", "", "p",
         "ratio", ""],
        ["alpha", "elsewhere", "12", "0", "=", "patients", "", "", "", "context", "N1", "summary", "SECONDARY", "",
         "count", "", ""],
    ],
    "beta": [
        ["beta", "cohort", "46", "0", "=", "patients", "", "", "", "primary", "D1", "abstract", "ABSTRACT", "", "count",
         "", ""],
    ],
}
AUDIT_PAGES = ["audit-alpha.html", "audit-beta.html"]


def _row(study, key, finding, kind, status, source, section, reported=None, recomputed=None, low=None, high=None,
         interval="", inputs="", level=None):
    return {"study": study, "finding": finding, "kind": kind, "reported": reported, "recomputed": recomputed,
            "low": low, "high": high, "status": status, "source": source, "key": key, "interval": interval,
            "inputs": inputs, "level": level, "section": section}


ROWS_A = [
    _row("alpha", "rate_ci", "relapse rate", "reported", "match", "U1", "rate",
         reported=0.17, recomputed=0.1713, low=0.1, high=0.29, interval="ci", inputs="rate", level=0.9),
    _row("alpha", "ratio_check", "RR of the two arms", "reported", "mismatch", "U1;D1", "rate", reported=2.1,
         recomputed=1.7, inputs="ratio;p_value"),
    _row("alpha", "median_time", "median time (no values)", "reported", "not_recomputable", "N1", "not_recomputable"),
    _row("alpha", "rate_per_year", "rate per year", "derived", "derived", "U1", "lambda", recomputed=0.25,
         low=0.2, high=0.3, interval="rounding", inputs="rate_crude"),
    _row("alpha", "rate_gap", "the annualised relapse rate less the crude one", "derived", "derived", "U1", "lambda",
         recomputed=-0.005, inputs="rate;rate_crude"),
    _row("alpha", "split_sums", "split sums to the cohort by construction", "consistency", "by_construction", "D1",
         "lambda"),
]
ROWS_B = [
    _row("beta", "sample_size", "sample size", "consistency", "consistent", "D1, N1", "cohort", reported=46.0,
         inputs="cohort"),
    _row("beta", "events_bound", "events bound", "reconstruction", "infeasible", "D1", "cohort", recomputed=3.0,
         inputs="cohort;untranscribed"),
    _row("beta", "lost_row", "a row whose section has no heading", "derived", "derived", "D1", "nowhere",
         recomputed=1.0),
]
SECTIONS_A = [("rate", "Relapse *rate*: 95% CI (A/B)"), ("not_recomputable", "What cannot be recomputed"),
              ("lambda", r"Rate $\lambda$ per year")]
SECTIONS_B = [("cohort", "1. Cohort size")]
LONG_LINE = "x = " + " + ".join(f"value_{i}" for i in range(60))


def _notebook(title: str, study: str, sections: list[tuple[str, str]], rows: list[dict], png: bool):
    nb = new_notebook(metadata={"analysis": {"study": study},
                                "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                               "language": "python"}})
    cells = [new_markdown_cell(f"# {title}\n\nA fixture notebook with maths $\\hat p \\pm z\\sqrt{{n}}$, "
                               "$a \\le b$, $\\tfrac{1}{2}$ and $\\chi^2$ inline,\n\n$$\\frac{a}{b} < 1$$\n"),
             new_code_cell(f"level = 0.95\n{LONG_LINE}", metadata={"tags": ["parameters"]})]
    for ident, heading in sections:
        cells.append(new_markdown_cell(f'## {heading} <a id="{ident}"></a>\n\nSome text.'))
        cells.append(new_code_cell("print(1)", outputs=[new_output("stream", name="stdout", text=LONG_LINE + "\n")]))
    if png:
        figure = new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"},
                            metadata={"image/png": {"width": 640}})
        cells.append(new_code_cell("figure", outputs=[figure]))
    cells.append(new_markdown_cell("## Findings ledger"))
    cells.append(new_code_cell("findings.show()", outputs=[new_output("display_data", data={
        "text/plain": "ledger", "text/html": "<table><tr><td>ledger</td></tr></table>", ledger.MIME: rows})]))
    nb.cells = cells
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index}"
    return nb


def _write_fixture_notebooks(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(_notebook("Study *alpha*: a title", "alpha", SECTIONS_A, ROWS_A, png=True),
                   folder / "01_alpha_rates.ipynb")
    nbformat.write(_notebook("Beta & friends", "beta", SECTIONS_B, ROWS_B, png=False), folder / "02_beta_cohort.ipynb")
    return folder


def _write_fixture_data(folder: Path) -> Path:
    (folder / "values").mkdir(parents=True, exist_ok=True)
    BIBLIOGRAPHY.to_csv(folder / "bibliography.csv", index=False)
    for study, rows in VALUES.items():
        with open(folder / "values" / f"{study}.csv", "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows([VALUES_HEADER, *rows])
    (folder / "claims.csv").write_text("study,claim_id,claim,source,location,status\n"
                                       "alpha,direction,Alpha lowers the rate.,U1,abstract,ABSTRACT\n")
    (folder / "not_reported.csv").write_text("study,item,looked_in,consequence\n"
                                             "beta,per-patient data,D1;N1,nothing per patient\n")
    return folder


@pytest.fixture
def notebooks(tmp_path) -> Path:
    return _write_fixture_notebooks(tmp_path / "notebooks")


@pytest.fixture
def fixture_data(tmp_path) -> Path:
    return _write_fixture_data(tmp_path / "data")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """The report of the fixture notebooks, built once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("built")
    notebooks = _write_fixture_notebooks(folder / "notebooks")
    table = ledger.collect(notebooks)
    return report.build(notebooks, table, folder / "report", data_dir=_write_fixture_data(folder / "data")), table


class _Doc(HTMLParser):
    """Element ids, links, resources, findings rows (cells as text) and the title of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.resources: list[tuple[str, str]] = []  # (tag, url) of things the browser would load
        self.images: list[dict] = []
        self.rows: list[dict] = []
        self.title = ""
        self._in_title = False
        self._stack: list[dict] = []  # open findings rows / cells, nesting included

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs)
        if tag in {"script", "img", "iframe", "source", "video", "audio", "embed", "input"} and attrs.get("src"):
            self.resources.append((tag, attrs["src"]))
        if tag == "link" and attrs.get("href"):
            self.resources.append((tag, attrs["href"]))
        if tag == "title":
            self._in_title = True
        if tag in {"tr", "td"}:
            self._stack.append({"tag": tag, "attrs": attrs, "cells": [], "text": [], "html": []})

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in {"tr", "td"} and self._stack and self._stack[-1]["tag"] == tag:
            item = self._stack.pop()
            if tag == "td" and self._stack and self._stack[-1]["tag"] == "tr":
                self._stack[-1]["cells"].append(" ".join("".join(item["text"]).split()))
            if tag == "tr" and "data-status" in item["attrs"]:
                self.rows.append({**item["attrs"], "cells": item["cells"]})

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        for item in self._stack:
            item["text"].append(data)


def _parse(path: Path) -> _Doc:
    doc = _Doc()
    doc.feed(path.read_text(encoding="utf-8"))
    return doc


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _section_targets(site: Path) -> list[tuple[str, str]]:
    """(page, fragment) of every link from the index into a notebook page."""
    return [tuple(href.split("#", 1)) for href in _parse(site / "index.html").links
            if re.match(r"^[\w.-]+\.html#", href) and not href.startswith(("index.html", "values.html"))]


def _findings_by_key(site: Path) -> dict[str, dict]:
    return {row["cells"][1]: row for row in _parse(site / "index.html").rows}


# --- the index -----------------------------------------------------------------------------

def test_site_has_index_values_page_and_one_page_per_notebook(built):
    site, _ = built
    assert sorted(p.name for p in site.iterdir()) == ["01_alpha_rates.html", "02_beta_cohort.html", *AUDIT_PAGES,
                                                      "code", "index.html", "values.html"]
    links = _parse(site / "index.html").links
    assert {"01_alpha_rates.html", "02_beta_cohort.html", "values.html", *AUDIT_PAGES} <= set(links)


def test_each_values_file_has_its_audit_page_flags_first(built):
    site, _ = built
    # alpha's p < 0.001 of a ratio 2.1 printed without a CI: the audit derives the CI that p implies.
    page = (site / "audit-alpha.html").read_text(encoding="utf-8")
    assert "Audit of <code>alpha.csv</code>" in page and page.index('id="flags"') < page.index("ratio_ci_from_p")


def test_every_ledger_row_with_key_numbers_status_and_interval(built):
    site, table = built
    shown = _parse(site / "index.html").rows
    assert len(shown) == len(table) == len(ROWS_A) + len(ROWS_B)
    for row, expected in zip(shown, ROWS_A + ROWS_B):
        study, key, finding, kind, status, reported, recomputed, low, high, interval = row["cells"][:10]
        assert (row["data-study"], row["data-status"]) == (expected["study"], expected["status"])
        assert (study, key, finding, kind, status) == tuple(expected[c] for c in
                                                            ("study", "key", "finding", "kind", "status"))
        for text, value in [(reported, expected["reported"]), (recomputed, expected["recomputed"]),
                            (low, expected["low"]), (high, expected["high"])]:
            assert text == ("" if value is None else f"{value:g}")
        if expected["interval"]:
            assert interval == f"{expected['interval']}: {ledger.INTERVALS[expected['interval']]}"
        else:
            assert interval == ""


def test_scorecard_counts_by_study_and_status_and_says_by_construction_is_no_check(built):
    site, _ = built
    html = (site / "index.html").read_text(encoding="utf-8")
    counts = re.search(r'<table id="counts">(.*?)</table>', html, re.S).group(1)
    header = re.findall(r"<th[^>]*>([^<]*)</th>", counts.split("</thead>")[0])
    assert header == ["study", *ledger.STATUSES, "total", "checks", "passed", "disagreements", "ruled_out",
                      "not_counted"]
    body = {}
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", counts.split("</thead>")[1], re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        body[cells[0]] = dict(zip(header[1:], map(int, cells[1:])))
    assert body["alpha"] == {"match": 1, "mismatch": 1, "consistent": 0, "inconsistent": 0, "infeasible": 0,
                             "derived": 2, "by_construction": 1, "not_recomputable": 1, "total": 6, "checks": 2,
                             "passed": 1, "disagreements": 1, "ruled_out": 0, "not_counted": 4}
    assert body["beta"] | {} == {**{s: 0 for s in ledger.STATUSES}, "consistent": 1, "infeasible": 1, "derived": 1,
                                 "total": 3, "checks": 2, "passed": 1, "disagreements": 0, "ruled_out": 1,
                                 "not_counted": 1}
    assert body["all studies"]["total"] == 9 and body["all studies"]["checks"] == 4
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert "Rows with status by_construction are not checks" in text


def test_rows_link_to_their_section_by_id(built):
    site, table = built
    targets = _section_targets(site)
    # Every row whose section id is an anchor of its notebook links to it; the other one to the page alone.
    assert len(targets) == len(table) - 1
    for page, fragment in targets:
        assert fragment in _parse(site / page).ids, f"{page}#{fragment} has no target"
    rows = _findings_by_key(site)
    assert rows["rate_ci"]["cells"][-1] == "Relapse *rate*: 95% CI (A/B)"
    assert ("01_alpha_rates.html", "rate") in targets and ("02_beta_cohort.html", "cohort") in targets
    assert "02_beta_cohort.html" in _parse(site / "index.html").links  # lost_row: the page, no fragment
    assert "section nowhere not found" in rows["lost_row"]["cells"][-1]


def test_each_source_id_links_to_its_full_citation_listed_once(built):
    site, _ = built
    html = (site / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="finding-alpha-ratio_check".*?</tr>', html, re.S).group(0)
    sources = re.search(r'<td class="sources">(.*?)</td>', row, re.S).group(1)
    assert re.findall(r'href="#source-(\w+)"', sources) == ["U1", "D1"]
    assert "Paper one" not in row  # the citation is at the end, once
    listed = re.search(r'<h2 id="sources">.*?</ul>', html, re.S).group(0)
    u1 = re.search(r'<li id="source-U1">(.*?)</li>', listed, re.S).group(1)
    assert "Alpha A. Paper one. J Test. 2020;1:1." in u1 and 'href="https://doi.org/10.1000/one"' in u1
    assert 'href="https://example.org/one"' in u1 and "PMID 123" in u1
    assert "Beta B. Paper two. J Test. 2021;2:2." in listed and "Gamma C. Paper three." in listed
    assert html.count("Alpha A. Paper one.") == 1


def _inputs(html: str, study: str, key: str) -> list[str]:
    """The inputs cell of a finding, one text per input."""
    row = re.search(rf'<tr id="finding-{study}-{key}".*?</tr>', html, re.S).group(0)
    cell = re.search(r'<td class="inputs">(.*?)</td>', row, re.S).group(1)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", item)).split())
            for item in re.findall(r'<div class="input">(.*?)</div>', cell, re.S)] or [re.sub(r"<[^>]+>", "", cell)]


def test_each_finding_shows_the_values_it_used_as_printed_with_source_and_location(built):
    site, _ = built
    html = (site / "index.html").read_text(encoding="utf-8")
    # as data/values/alpha.csv prints them (0.17 with its CI; p < 0.001), and only those
    assert _inputs(html, "alpha", "rate_ci") == ["rate 0.17 (0.10 to 0.29) U1, abstract"]
    assert _inputs(html, "alpha", "ratio_check") == ["ratio 2.1 D1, abstract", "p_value < 0.001 U1;D1, results"]
    assert _inputs(html, "alpha", "rate_per_year") == ["rate_crude 0.175 U1, table 2"]
    assert _inputs(html, "alpha", "median_time") == ["no transcribed value"]
    assert _inputs(html, "beta", "events_bound") == ["cohort 46 D1, abstract",
                                                     "untranscribed not in data/values/beta.csv"]
    row = re.search(r'<tr id="finding-alpha-rate_ci".*?</tr>', html, re.S).group(0)
    assert 'href="values.html#value-alpha-rate"' in row and "elsewhere" not in row


def test_level_is_shown_for_a_ci_row_only(built):
    site, _ = built
    rows = _findings_by_key(site)
    assert rows["rate_ci"]["cells"][10] == "0.9"
    assert all(row["cells"][10] == "" for key, row in rows.items() if key != "rate_ci")


def _words(site: Path, key: str) -> list[str]:
    return _findings_by_key(site)[key]["data-search"].split(" ")


def test_search_words_hold_printed_values_names_keys_and_source_ids(built):
    site, _ = built
    rate_ci, ratio_check = _words(site, "rate_ci"), _words(site, "ratio_check")
    for word in ("rate_ci", "rate", "ci", "relapse", "match", "u1", "0.17", "0.10", "0.29", "abstract", "0.9"):
        assert word in rate_ci
    for word in ("ratio_check", "ratio", "check", "mismatch", "u1", "d1", "p_value", "2.1", "0.001", "results"):
        assert word in ratio_check
    assert "0.17" not in _words(site, "rate_per_year") and "0.175" in _words(site, "rate_per_year")
    assert "0.17" in _words(site, "rate_gap") and "0.175" in _words(site, "rate_gap")
    assert all(word == word.lower() for word in rate_ci) and len(set(rate_ci)) == len(rate_ci)


@pytest.mark.parametrize(("texts", "names", "present"), [
    (["RR of the two arms"], [], ["rr", "rate", "ratio", "risk"]),  # the abbreviation in capitals
    (["a Hazard Ratio"], [], ["hr"]),  # the words, in any case
    (["the annualised relapse rate"], [], ["arr", "annualized", "annualised"]),  # either spelling
    (["ARR 0.17"], [], ["annualized", "annualised", "relapse", "rate", "0.17"]),
    ([], ["hr_adjusted"], ["hr", "hazard", "ratio", "hr_adjusted", "adjusted"]),  # a part of a name
    (["95% CI"], [], ["confidence", "interval", "95"]),
    (["SD and IQR"], [], ["standard", "deviation", "interquartile", "range"]),
    (["NEDA at one year"], [], ["no", "evidence", "of", "disease", "activity"]),
])
def test_search_words_add_the_synonyms_both_ways(texts, names, present):
    words = report.search_text(texts, names).split(" ")
    assert set(present) <= set(words)


@pytest.mark.parametrize(("texts", "names", "absent"), [
    (["one or two"], [], ["odds"]),  # the word "or" is no OR
    (["rates are given as hr per year"], [], ["hazard"]),  # a lower-case word in prose is no abbreviation
    (["arms"], ["rrr"], ["rate"]),  # inside a longer word
    (["a ratio"], [], ["hr", "rr", "or"]),
])
def test_search_words_add_no_synonym_for_a_look_alike(texts, names, absent):
    assert not set(absent) & set(report.search_text(texts, names).split(" "))


def test_synonyms_table_has_one_abbreviation_and_one_expansion_per_row():
    groups = report.synonyms()
    assert dict(groups)["ARR"] == ("annualized relapse rate", "annualised relapse rate")
    assert {"HR", "CI", "RR", "OR", "SD", "IQR", "NEDA"} <= set(dict(groups))
    for abbreviation, expansions in groups:
        assert re.fullmatch(r"[A-Z]{2,6}", abbreviation) and all(e and e == e.lower() for e in expansions)


def test_search_words_keep_numbers_and_names_whole():
    assert report.search_words("p<0.001, 95% CI 0.10-0.29; anti-CD20 rate_ci.") == [
        "p", "0.001", "95", "ci", "0.10-0.29", "anti-cd20", "rate_ci"]


def test_each_value_links_to_the_findings_that_used_it_and_back(built):
    site, _ = built
    html = (site / "values.html").read_text(encoding="utf-8")

    def used_by(study: str, quantity: str) -> list[str]:
        row = re.search(rf'<tr id="value-{study}-{quantity}" class="value-row">(.*?)</tr>', html, re.S).group(1)
        cell = re.search(r'<td class="used-by">(.*?)</td>', row, re.S).group(1)
        return re.findall(r'href="index.html#(finding-[\w-]+)"', cell)

    assert used_by("alpha", "rate") == ["finding-alpha-rate_ci", "finding-alpha-rate_gap"]
    assert used_by("alpha", "rate_crude") == ["finding-alpha-rate_per_year", "finding-alpha-rate_gap"]
    assert used_by("alpha", "p_value") == ["finding-alpha-ratio_check"]
    assert used_by("alpha", "elsewhere") == []
    assert used_by("beta", "cohort") == ["finding-beta-sample_size", "finding-beta-events_bound"]
    index = _parse(site / "index.html")
    values = set(_parse(site / "values.html").ids)
    links = re.findall(r'href="index.html#(finding-[\w-]+)"', html)
    assert links and set(links) <= set(index.ids)  # every link lands on a finding
    back = [link.split("#", 1)[1] for link in index.links if link.startswith("values.html#value-")]
    assert "value-alpha-rate" in back and set(back) - values == {"value-beta-untranscribed"}


# --- the values page -----------------------------------------------------------------------

def _csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_values_page_lists_every_row_of_the_real_data_folder(site):
    # The site's data folder is the real data/ with the fixture's values files and sources added.
    site, _ = site
    html = (site / "values.html").read_text(encoding="utf-8")
    doc = _parse(site / "values.html")
    bibliography = {row["source_id"]: row for row in _csv_rows(DATA / "bibliography.csv")}
    files = sorted((DATA / "values").glob("*.csv"))
    assert files
    for path in files:
        table = re.search(rf'<table class="values" data-file="values/{path.name}">(.*?)</table>', html, re.S).group(1)
        shown = re.findall(r'<tr id="value-([^"]+)" class="value-row">(.*?)</tr>', table, re.S)
        rows = _csv_rows(path)
        assert [ident for ident, _ in shown] == [f"{r['study']}-{r['quantity']}" for r in rows]
        for (_, cells), row in zip(shown, rows):
            text = [" ".join(re.sub(r"<[^>]+>", "", c).split())
                    for c in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)]
            assert text[1] == row["value"] and text[2] == row["decimals"]  # as printed
            assert text[9] == row["location"] and text[10] == row["status"]
            for sid in row["source"].split(";"):
                assert f"{sid}: {' '.join(bibliography[sid]['paper'].split())}" in text[8]
    claims = _csv_rows(DATA / "claims.csv")
    assert len(re.findall(r'class="claim-row"', html)) == len(claims)
    assert all(f"claim-{c['study']}-{c['claim_id']}" in doc.ids for c in claims)
    assert len(re.findall(r'class="not-reported-row"', html)) == len(_csv_rows(DATA / "not_reported.csv"))
    assert {f"source-{sid}" for sid in bibliography} <= set(doc.ids)
    assert len(doc.ids) == len(set(doc.ids))


# --- notebook pages ------------------------------------------------------------------------

def test_pages_are_titled_with_the_first_heading(built):
    site, _ = built
    assert _parse(site / "01_alpha_rates.html").title == "Study alpha: a title"
    assert _parse(site / "02_beta_cohort.html").title == "Beta & friends"
    assert _parse(site / "index.html").title == report.TITLE


def test_offline_no_external_scripts_styles_or_fonts(built):
    site, _ = built
    for page in sorted(site.glob("*.html")):
        doc = _parse(page)
        external = [(tag, url) for tag, url in doc.resources if re.match(r"^(https?:)?//", url)]
        assert not external, f"{page.name} loads {external}"
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""(@import|url\()\s*['"]?(https?:)?//""", text), f"{page.name} imports remote CSS"
        for script in re.findall(r"<script[^>]*>(.*?)</script>", text, re.S | re.I):
            assert not re.search(r"https?://", script), f"{page.name}: a script refers to the network"


def test_figures_are_embedded_at_their_recorded_width(built):
    site, _ = built
    images = _parse(site / "01_alpha_rates.html").images
    assert [(i["src"], i.get("width")) for i in images] == [(f"data:image/png;base64,{PNG}", "640")]


def test_code_and_outputs_wrap(built):
    site, _ = built
    html = (site / "01_alpha_rates.html").read_text(encoding="utf-8")
    style = (report.TEMPLATES / "page.css").read_text(encoding="utf-8")
    assert style in html
    rule = re.search(r"\.jp-InputArea-editor \.highlight pre,\s*\.jp-OutputArea-output pre \{([^}]*)\}", style)
    assert rule and "white-space: pre-wrap" in rule.group(1)


def test_maths_is_mathml(built):
    site, _ = built
    html = (site / "01_alpha_rates.html").read_text(encoding="utf-8")
    alts = re.findall(r'<math alttext="([^"]*)"', html)
    assert r"\hat p \pm z\sqrt{n}" in alts and r"a \le b" in alts and r"\lambda" in alts
    assert '<math alttext="\\frac{a}{b} &lt; 1" display="block">' in html
    assert "tex-unrendered" not in html.split("</style>")[-1]


def test_tex_that_cannot_be_converted_is_marked_not_passed_off_as_maths():
    assert report.tex_to_mathml(r"\frac{a}{") is None  # a parse error
    assert report.tex_to_mathml(r"x \notacommand{y}") is None  # latex2mathml would show it as <mi>\notacommand</mi>
    assert report.tex_to_mathml(r"a \le \tfrac{1}{2} \chi^2") is not None
    html = report.make_exporter().markdown2html({"cell": {}, "resources": {}}, r"see $x \notacommand{y}$ and $a$")
    assert '<code class="tex-unrendered">$x \\notacommand{y}$</code>' in html
    assert '<math alttext="a" display="inline">' in html


def _markdown_maths(source: str) -> list[str]:
    """The $...$ and $$...$$ of a markdown text (code spans and blocks left out)."""
    text = re.sub(r"```.*?```|`[^`\n]*`", "", source, flags=re.S)
    return re.findall(r"\$\$.+?\$\$|(?<![\\$])\$[^$\n]+?\$", text, re.S)


def _committed_notebooks() -> list[tuple[str, dict]]:
    """The notebooks of the working tree and of MATHS_COMMIT (when git can show it)."""
    found = [(f"notebooks/{p.name}", json.loads(p.read_text(encoding="utf-8")))
             for p in sorted((REPO / "notebooks").glob("*.ipynb"))]
    try:
        names = subprocess.run(["git", "ls-tree", "--name-only", MATHS_COMMIT, "notebooks/"], cwd=REPO, check=True,
                               capture_output=True, text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return found
    for name in (n for n in names if n.endswith(".ipynb")):
        shown = subprocess.run(["git", "show", f"{MATHS_COMMIT}:{name}"], cwd=REPO, check=True, capture_output=True)
        found.append((f"{MATHS_COMMIT}:{name}", json.loads(shown.stdout)))
    return found


def _visible_text(html: str) -> str:
    html = re.sub(r"<(style|script)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)  # attributes (alttext) are not shown


def test_every_maths_in_the_committed_notebooks_renders():
    """Every $...$ and $$...$$ in the markdown of the committed notebooks becomes MathML, and
    no TeX is left in the text the pages show."""
    notebooks = _committed_notebooks()
    if not notebooks:
        pytest.skip("no committed notebooks")
    exporter = report.make_exporter()
    total, problems = 0, []
    for name, content in notebooks:
        for index, cell in enumerate(content["cells"]):
            if cell["cell_type"] != "markdown":
                continue
            source = "".join(cell["source"])
            maths = _markdown_maths(source)
            total += len(maths)
            for tex in maths:
                display = tex.startswith("$$")
                if report.tex_to_mathml(tex.strip("$"), display=display) is None:
                    problems.append(f"{name} cell {index}: latex2mathml cannot convert {tex}")
            html = exporter.markdown2html({"cell": cell, "resources": {}}, source)
            if maths and html.count("<math ") < len(maths):
                problems.append(f"{name} cell {index}: {len(maths)} maths, {html.count('<math ')} rendered")
            raw = RAW_TEX.findall(_visible_text(html))
            if raw:
                problems.append(f"{name} cell {index}: raw TeX {sorted(set(raw))} in {source[:80]!r}")
    assert total > 0
    assert not problems, "\n".join(problems)


# --- the build -----------------------------------------------------------------------------

def test_build_is_deterministic(notebooks, fixture_data, tmp_path):
    table = ledger.collect(notebooks)
    first = report.build(notebooks, table, tmp_path / "one", data_dir=fixture_data)
    second = report.build(notebooks, table, tmp_path / "two", data_dir=fixture_data)
    again = _hashes(first)
    report.build(notebooks, table, first, data_dir=fixture_data)
    assert _hashes(first) == _hashes(second) == again
    assert len(again) == 4 + len(AUDIT_PAGES) + len(report.code_pages.module_files()) + 1  # code/: modules, index


def test_bibliography_argument_replaces_the_data_folders(notebooks, fixture_data, tmp_path):
    other = BIBLIOGRAPHY.assign(paper=BIBLIOGRAPHY["paper"] + " (other)")
    site = report.build(notebooks, ledger.collect(notebooks), tmp_path / "site", data_dir=fixture_data,
                        bibliography=other)
    assert "Paper one. J Test. 2020;1:1. (other)" in (site / "index.html").read_text(encoding="utf-8")


def test_stale_pages_are_removed_and_other_files_kept(notebooks, fixture_data, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "99_removed.html").write_text("old")
    (site / "notes.txt").write_text("keep")
    report.build(notebooks, ledger.collect(notebooks), site, data_dir=fixture_data)
    assert not (site / "99_removed.html").exists()
    assert (site / "notes.txt").read_text() == "keep"


def test_empty_notebook_folder_gives_an_index(fixture_data, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    site = report.build(folder, ledger.collect(folder), tmp_path / "site", data_dir=fixture_data)
    assert sorted(p.name for p in site.iterdir()) == [*AUDIT_PAGES, "code", "index.html", "values.html"]
    assert _parse(site / "index.html").rows == []


def test_templates_ship_with_the_package():
    """The templates are package data (pyproject's [tool.setuptools.package-data])."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["analysis.pipeline"]
    shipped = {p.relative_to(report.TEMPLATES.parent).as_posix() for pattern in patterns
               for p in report.TEMPLATES.parent.glob(pattern)}
    assert {f"templates/{p.name}" for p in report.TEMPLATES.iterdir()} <= shipped
    assert not re.search(r"<(div|table|tr|td|ul|li|p|h\d|span|script|style)\b",
                         (Path(report.__file__)).read_text(encoding="utf-8").split('"""', 2)[2])


# --- in a browser --------------------------------------------------------------------------

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
LOCAL = ("file:", "data:", "about:", "blob:", "chrome:", "chrome-untrusted:")  # requests that stay on the machine
SKIP_REASON = "Chromium not installed (apt-get install chromium chromium-driver); CI installs it"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """The report of the fixture notebooks and the committed ones, over the real data/ folder
    with the fixture's sources and values added."""
    folder = _write_fixture_notebooks(tmp_path_factory.mktemp("notebooks"))
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, data)
    fixture = _write_fixture_data(tmp_path_factory.mktemp("fixture-data"))
    for path in sorted((fixture / "values").glob("*.csv")):
        shutil.copyfile(path, data / "values" / path.name)
    with open(data / "bibliography.csv", "a", encoding="utf-8") as handle:
        handle.write(BIBLIOGRAPHY.to_csv(index=False, header=False, lineterminator="\n"))
    committed = sorted((REPO / "notebooks").glob("*.ipynb"))
    for path in committed:
        shutil.copyfile(path, folder / path.name)
    # Rows of committed notebooks written before ledger rows had keys cannot be collected; their pages are rendered.
    rows = [row for path in sorted(folder.glob("*.ipynb")) for row in ledger.rows_in_notebook(path) if row.get("key")]
    table = pd.DataFrame(rows, columns=[*ledger.CSV_COLUMNS, "section"])
    target = tmp_path_factory.mktemp("report")
    return report.build(folder, table, target, data_dir=data), table


def test_the_real_reports_index_lists_every_finding_in_at_most_800_kb(site):
    """The report of the committed notebooks over the real data/ (with the fixture's rows and values added, so
    a bound on it bounds the real one): every finding on index.html, and index.html at most 800 kB."""
    site, table = site
    assert len(_parse(site / "index.html").rows) == len(table) > 200
    assert (site / "index.html").stat().st_size <= 800_000


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    """One headless Chromium for the module's browser tests (each starts with its logs drained)."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        if os.environ.get("ANALYSIS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"ANALYSIS_REQUIRE_BROWSER=1 but {', '.join(missing)} missing: "
                        "apt-get install chromium chromium-driver")
        pytest.skip(SKIP_REASON)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # An explicit chromedriver path: Selenium Manager never downloads anything.
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        # Any attempt to reach the network fails (and shows up as a console error).
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(chromium):
    for log in ("browser", "performance"):  # drop what earlier pages logged and requested
        chromium.get_log(log)
    return chromium


def _requests(driver) -> list[str]:
    """URLs the page asked for since the last call (from Chromium's performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _visible_rows(driver) -> int:
    return driver.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll('#findings > tbody > tr'),"
        " function (r) { return r.offsetParent !== null; }).length;")


# How long a condition may take to become true before the test fails: a bound for a hung browser on a
# loaded machine, never a pause (each wait returns as soon as its condition holds).
PATIENCE = 120
_LOADED = "return document.readyState === 'complete';"
# index.js marks the findings table once its filters are wired and applied.
_FINDINGS_READY = ("var t = document.getElementById('findings'); return document.readyState === 'complete'"
                   " && t !== null && t.getAttribute('data-ready') === 'true';")
_IS_TARGET = "var t = document.querySelector(':target'); return t !== null && t.id === arguments[0];"
_MISSING_TARGETS = ("return arguments[0].filter(function (fragment) { location.hash = fragment;"
                    " var t = document.querySelector(':target'); return t === null || t.id !== fragment; });")


def _until(driver, condition, failure) -> None:
    """Wait until ``condition(driver)`` holds (what the page signals); after PATIENCE s fail with ``failure``
    (a message, or a function giving one)."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(driver, PATIENCE).until(condition)
    except TimeoutException:
        pytest.fail(f"{failure() if callable(failure) else failure} (waited {PATIENCE} s)")


def _open(driver, url: str, ready: str = _LOADED) -> None:
    """Load ``url`` as a new document and wait until it says it is ready.

    ``driver.get`` may return while the previous document is still current, or while the new one (2.5 MB
    for index.html) is still being parsed: wait for the old document's root to go stale, then for the
    new page's own signal (the script ``ready``)."""
    from selenium.webdriver.support import expected_conditions

    old_root = driver.find_element("tag name", "html")
    driver.get(url)
    _until(driver, expected_conditions.staleness_of(old_root), f"{url}: the previous page stayed")
    _until(driver, lambda d: d.execute_script(ready), f"{url}: the page never said it was ready")


def _is_target(fragment: str):
    """The condition that the element named by the URL's fragment is the page's ``:target``."""
    return lambda driver: driver.execute_script(_IS_TARGET, fragment)


def _shows_rows(driver, expected: int) -> None:
    """Wait until the findings table shows ``expected`` rows (the filters apply on each event)."""
    seen = []

    def shows(d) -> bool:
        seen.append(_visible_rows(d))
        return seen[-1] == expected

    _until(driver, shows, lambda: f"expected {expected} visible rows, saw {seen[-1]}")


# Whether the page is wider than the window, and each figure's recorded, shown and column width.
_OVERFLOW = """
var width = document.documentElement.clientWidth, wide = [];
if (document.documentElement.scrollWidth > width) { wide.push('page ' + document.documentElement.scrollWidth); }
return wide;
"""
_FIGURES = """
return Array.prototype.map.call(document.querySelectorAll('.jp-OutputArea-output img'), function (img) {
  return [img.getAttribute('width'), img.getBoundingClientRect().width, img.parentElement.clientWidth];
});
"""


# The checks of one page that need no interaction, made once per page for every test below that reads them.
_MARKDOWN_TEXT = ("return Array.prototype.map.call(document.querySelectorAll('.jp-RenderedMarkdown'),"
                  " function (e) { return e.innerText; }).join('\\n');")
_OPEN_DETAILS = "document.querySelectorAll('details').forEach(function (d) { d.open = true; });"
# Pages whose words must never be wrapped inside themselves (the index, values and audit pages).
_WORDS_CHECKED = re.compile(r"^(index|values|audit-.*)\.html$")


def _together(**scripts: str) -> str:
    """One script that runs each of ``scripts`` (bodies ending in ``return``) in turn and returns their results by
    name: one round trip to the browser instead of one per check (a page's checks took a third of the fixture)."""
    return "return {" + ", ".join(f"{name}: (function () {{ {body} }})()" for name, body in scripts.items()) + "};"


@pytest.fixture(scope="module")
def seen(site, chromium) -> dict[Path, dict]:
    """Every page of the site opened once in Chromium (the top-level pages, then the code pages), with what the
    browser tests check on it: console errors, requests, sideways scrolling with the answer blocks closed and
    opened, raw TeX, figure widths, link targets, words wrapped inside themselves and cut cells. Loading a page
    takes the browser about as long as all these checks, and index.html alone is 2.5 MB."""
    site, _ = site
    targets: dict[str, list[str]] = {}
    for page, fragment in _section_targets(site):
        targets.setdefault(page, []).append(fragment)
    for log in ("browser", "performance"):  # drop what the browser logged before
        chromium.get_log(log)
    closed = _together(overflow=_OVERFLOW, markdown=_MARKDOWN_TEXT, figures=_FIGURES)
    closed_with_words = _together(overflow=_OVERFLOW, markdown=_MARKDOWN_TEXT, figures=_FIGURES, broken=_BROKEN_WORDS)
    # Reading the layout after opening the blocks makes the browser lay the page out again, in the same script.
    opened = _OPEN_DETAILS + _together(width="return window.innerWidth;", overflow_open=_OVERFLOW, cut=_CELL_CUT)
    found: dict[Path, dict] = {}
    for page in sorted(site.glob("*.html")) + sorted((site / "code").glob("*.html")):
        top = page.parent == site
        _open(chromium, page.as_uri(), _FINDINGS_READY if top and page.name == "index.html" else _LOADED)
        checks = {"severe": [e for e in chromium.get_log("browser") if e["level"] == "SEVERE"],
                  "remote": [u for u in _requests(chromium) if not u.startswith(LOCAL)],
                  "broken": []}
        checks.update(chromium.execute_script(closed_with_words if top and _WORDS_CHECKED.match(page.name)
                                              else closed))
        # Each section's fragment navigated to in the same document (a fragment navigation updates :target at
        # once), all in one script: the fragments no element answers as the page's :target.
        fragments = sorted(set(targets.get(page.name, []))) if top else []
        checks["missing_targets"] = chromium.execute_script(_MISSING_TARGETS, fragments) if fragments else []
        checks.update(chromium.execute_script(opened))
        found[page] = checks
    return found


@pytest.mark.browser
def test_report_in_headless_chromium(site, seen, browser):
    from selenium.webdriver.support.ui import Select

    site, table = site
    for page in sorted(site.glob("*.html")):
        checks = seen[page]
        assert not checks["severe"], f"{page.name}: console errors {checks['severe']}"
        assert not checks["remote"], f"{page.name} requested {checks['remote']}"
        assert not checks["overflow"], f"{page.name} scrolls sideways"
        if page.name not in {"index.html", "values.html"}:
            # Code cells may hold $ or backslashes of their own: only the markdown must be free of TeX.
            raw = sorted(set(RAW_TEX.findall(checks["markdown"])))
            assert not raw, f"{page.name} shows raw TeX {raw}"
            for width, shown, column in checks["figures"]:
                natural = float(width) if width else None
                if natural:  # at its recorded width, or as wide as the column when that is narrower
                    assert abs(shown - min(natural, column)) <= 1, f"{page.name}: figure {natural} px shown {shown}"
        assert not checks["missing_targets"], f"{page.name}: no element has the id of {checks['missing_targets']}"

    _open(browser, (site / "values.html").as_uri())
    rows = [f"value-{row['study']}-{row['quantity']}" for path in sorted((DATA / "values").glob("*.csv"))
            for row in _csv_rows(path)]
    assert len(rows) > 50
    # Every row's element asked for in one script: one round trip, not one per row.
    hidden = browser.execute_script("return arguments[0].filter(function (id) { var r = document.getElementById(id);"
                                    " return r === null || r.offsetParent === null; });", rows)
    assert not hidden, f"values.html lacks or hides {hidden}"

    _open(browser, (site / "index.html").as_uri(), _FINDINGS_READY)
    assert browser.execute_script("return document.querySelectorAll('#findings > tbody > tr').length;") == len(table)
    _shows_rows(browser, len(table))
    status = Select(browser.find_element("id", "filter-status"))
    study = Select(browser.find_element("id", "filter-study"))
    search = browser.find_element("id", "search")
    counts = table["status"].value_counts()
    chosen = counts.index[-1]  # the rarest status: filtering must hide rows unless there is only one status
    status.select_by_value(chosen)
    _shows_rows(browser, counts[chosen])
    assert browser.find_element("id", "shown-count").text == str(counts[chosen])
    first_study = table["study"].iloc[0]
    study.select_by_value(first_study)
    _shows_rows(browser, int(((table["status"] == chosen) & (table["study"] == first_study)).sum()))
    status.select_by_value("")
    study.select_by_value("")
    _shows_rows(browser, len(table))
    search.send_keys("ratio_check")  # one key: one row
    _shows_rows(browser, 1)
    search.clear()
    search.send_keys("D1 INFEASIBLE")  # every word must match, in any case
    _shows_rows(browser, int(((table["status"] == "infeasible") & table["source"].str.contains("D1")).sum()))
    search.clear()
    search.send_keys(" ")
    _shows_rows(browser, len(table))
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


# --- code pages, full cell text, no sideways scrolling (issue 24) ----------------------------------------------

_CELL_CUT = """
return Array.prototype.filter.call(document.querySelectorAll('td, th'), function (cell) {
  var text = cell.textContent.trim();
  return text.endsWith('...') || text.endsWith('\\u2026');
}).map(function (cell) { return cell.textContent.trim().slice(-60); });
"""


@pytest.mark.browser
def test_a_findings_code_link_lands_on_the_function_that_recorded_it(site, browser):
    site, table = site
    source = (REPO / "src" / "analysis" / "studies" / "mahler2026.py").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(source, 1) if text.startswith("def arr_ratios("))
    _open(browser, (site / "index.html").as_uri(), _FINDINGS_READY)
    link = browser.find_element("css selector", "#finding-mahler2026-arr_ratio_anticd20_nsis .code-link a")
    assert link.text == "arr_ratios"
    old_root = browser.find_element("tag name", "html")
    link.click()
    from selenium.webdriver.support import expected_conditions

    _until(browser, expected_conditions.staleness_of(old_root), "the code link did not open a page")
    _until(browser, _is_target("arr_ratios"), "the code page has no anchor arr_ratios")
    assert browser.current_url.endswith("/code/analysis.studies.mahler2026.html#arr_ratios")
    # the anchor sits right before the function's first line, and lists the analysis.stats functions it calls
    assert browser.execute_script("return document.getElementById('arr_ratios').nextElementSibling.id;") \
        == f"line-{line}"
    calls = browser.find_element("css selector", "#arr_ratios .stats-calls a")
    assert calls.text == "analysis.stats.reported_ratios.ratio_range"
    calls.click()
    _until(browser, _is_target("ratio_range"), "the stats call does not land on its function")
    assert browser.current_url.endswith("/code/analysis.stats.reported_ratios.html#ratio_range")


# Every word of the page's text that the browser wrapped inside itself (drawn on two lines). A word ends at
# white space, a hyphen or a slash, and at an element boundary (a <wbr> after an underscore splits a name).
_BROKEN_WORDS = """
var broken = [], range = document.createRange(), piece = /[^\\s\\-\\u2010-\\u2014\\/]+/g, node;
var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while ((node = walker.nextNode())) {
  if (node.parentElement.closest('script, style')) { continue; }
  piece.lastIndex = 0;
  for (var match = piece.exec(node.data); match !== null; match = piece.exec(node.data)) {
    range.setStart(node, match.index);
    range.setEnd(node, match.index + match[0].length);
    var lines = {};
    Array.prototype.forEach.call(range.getClientRects(), function (r) {
      if (r.width > 0) { lines[Math.round(r.bottom)] = true; }
    });
    if (Object.keys(lines).length > 1) { broken.push(match[0]); }
  }
}
return broken;
"""


@pytest.mark.browser
def test_no_word_is_wrapped_inside_itself_on_the_index_values_and_audit_pages(site, seen, browser):
    site, _ = site
    # The check itself: a word in a cell too narrow for it, made to break anywhere, is found.
    probe = site.parent / "probe.html"
    probe.write_text('<table style="width: 60px"><tr><td style="overflow-wrap: anywhere">interquartile_range'
                     '</td></tr></table>', encoding="utf-8")
    _open(browser, probe.as_uri())
    assert browser.execute_script(_BROKEN_WORDS) == ["interquartile_range"]
    # and the page `analysis audit` writes for an abstract's text (the check, value and CI columns were narrow)
    from analysis.extract import text_audit

    abstract = REPO / "tests" / "fixtures" / "abstracts" / "text" / "inebilizumab_safety.md"
    text_page = site.parent / "text-audit.html"
    text_page.write_text(text_audit.render(text_audit.audit_text(abstract.read_text(encoding="utf-8"), "inebilizumab")),
                         encoding="utf-8")
    _open(browser, text_page.as_uri())
    assert browser.execute_script("return window.innerWidth;") == 1400
    broken = browser.execute_script(_BROKEN_WORDS)
    assert not broken, f"{text_page.name}: words wrapped inside themselves: {broken[:10]}"
    pages = [site / "index.html", site / "values.html", *sorted(site.glob("audit-*.html"))]
    assert all(_WORDS_CHECKED.match(page.name) for page in pages)
    for page in pages:
        assert seen[page]["width"] == 1400
        assert not seen[page]["broken"], f"{page.name}: words wrapped inside themselves: {seen[page]['broken'][:10]}"


def _shown_ids(driver) -> set[str]:
    return set(driver.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll('#findings > tbody > tr'),"
        " function (r) { return r.offsetParent !== null; }).map(function (r) { return r.id; });"))


def _row_texts(driver, ids) -> dict[str, str]:
    return driver.execute_script(
        "var out = {}; arguments[0].forEach(function (id) { out[id] = document.getElementById(id).innerText; });"
        " return out;", sorted(ids))


@pytest.mark.browser
def test_a_printed_number_typed_in_the_search_box_finds_the_findings_built_on_it(site, browser):
    site, table = site
    printed = {(row["study"], row["quantity"]) for path in sorted((DATA / "values").glob("*.csv"))
               for row in _csv_rows(path) if row["value"] == "0.17"}
    printed |= {(study, row[1]) for study, rows in VALUES.items() for row in rows if row[2] == "0.17"}
    users = {f"finding-{row['study']}-{row['key']}" for row in table.to_dict("records")
             if {(row["study"], q) for q in [*str(row["inputs"] or "").split(";"), str(row["quantity"] or "")]}
             & printed}
    # Mahler's adjusted ARR of the anti-CD20 group, printed 0.17, feeds the ratio of the ARRs
    assert {"finding-alpha-rate_ci", "finding-alpha-rate_gap", "finding-mahler2026-arr_ratio_anticd20_nsis"} <= users
    _open(browser, (site / "index.html").as_uri(), _FINDINGS_READY)
    search = browser.find_element("id", "search")
    search.send_keys("0.17")
    # every finding that used a value printed 0.17; not the one built on 0.175 alone
    _until(browser, lambda d: users <= _shown_ids(d) and "finding-alpha-rate_per_year" not in _shown_ids(d),
           lambda: f"0.17 shows {sorted(_shown_ids(browser))}, expected at least {sorted(users)}")
    shown = _shown_ids(browser)
    assert len(shown) < len(table)
    for ident, text in _row_texts(browser, shown).items():  # each one shows the number it was found by
        assert re.search(r"(?<![\d.])0\.17(?![\d])", text), f"{ident} was found by 0.17 but does not show it"
    # an abbreviation's words find the rows that use the abbreviation, and the other way round
    for query, pattern in [("hazard ratio", r"\bHR\b"), ("annualised relapse", r"\bARR\b"), ("RR", r"\bRR\b")]:
        expected = {f"finding-{r['study']}-{r['key']}" for r in table.to_dict("records")
                    if re.search(pattern, r["finding"])}
        assert expected, f"no finding says {pattern}"
        search.clear()
        search.send_keys(query)
        _until(browser, lambda d, expected=expected: expected <= _shown_ids(d) and len(_shown_ids(d)) < len(table),
               f"{query!r} does not show every row of {sorted(expected)}, or shows every row")


@pytest.mark.browser
def test_a_value_links_to_the_findings_that_used_it_and_back(site, browser):
    from selenium.webdriver.support import expected_conditions

    site, _ = site
    _open(browser, (site / "values.html").as_uri())
    links = browser.find_elements("css selector", "#value-alpha-rate td.used-by a")
    assert [a.text for a in links] == ["rate_ci", "rate_gap"]
    old_root = browser.find_element("tag name", "html")
    links[1].click()
    _until(browser, expected_conditions.staleness_of(old_root), "the finding link did not open the index")
    _until(browser, lambda d: d.execute_script(_FINDINGS_READY), "the index never said it was ready")
    _until(browser, _is_target("finding-alpha-rate_gap"), "the link does not land on the finding")
    back = browser.find_elements("css selector", "#finding-alpha-rate_gap td.inputs a.quantity")
    assert [a.text for a in back] == ["rate", "rate_crude"]
    old_root = browser.find_element("tag name", "html")
    back[1].click()
    _until(browser, expected_conditions.staleness_of(old_root), "the input link did not open the values page")
    _until(browser, _is_target("value-alpha-rate_crude"), "the input link does not land on its value")
    assert [a.text for a in browser.find_elements("css selector", "#value-alpha-rate_crude td.used-by a")] == [
        "rate_per_year", "rate_gap"]


@pytest.mark.browser
def test_no_cell_is_cut_and_no_page_scrolls_sideways_at_1400_px(site, seen):
    site, _ = site
    pages = sorted(site.glob("*.html")) + sorted((site / "code").glob("*.html"))
    assert len(pages) > len(list(site.glob("*.html")))  # the code pages are there
    for page in pages:  # with every answer block opened
        assert seen[page]["width"] == 1400
        assert not seen[page]["overflow_open"], f"{page.relative_to(site)} scrolls sideways"
        assert not seen[page]["cut"], f"{page.relative_to(site)}: cells cut with '...'"
