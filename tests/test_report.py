"""The static report: unit tests on a synthetic notebook, and a headless-Chromium test of
the report built from the committed notebooks."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.findings import ledger
from analysis.pipeline import paths, report

REPO = Path(__file__).resolve().parents[1]
# A 1x1 PNG, so the test can find it again in the page.
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")

BIBLIOGRAPHY = pd.DataFrame([
    {"source_id": "U1", "paper": "Paper one", "doi": "10.1000/one", "pmid": None, "read_at": "journal page",
     "url": "https://example.org/one", "what_was_read": "abstract", "status": "ABSTRACT"},
    {"source_id": "D1", "paper": "Paper two", "doi": "10.1000/two", "pmid": None, "read_at": "abstract",
     "url": None, "what_was_read": "abstract", "status": "ABSTRACT"},
    {"source_id": "N1", "paper": "Paper three", "doi": None, "pmid": None, "read_at": "abstract",
     "url": None, "what_was_read": "abstract", "status": "SECONDARY"},
])


def _row(study, finding, kind, status, source, section, reported=None, recomputed=None, low=None, high=None):
    return {"study": study, "finding": finding, "kind": kind, "reported": reported, "recomputed": recomputed,
            "low": low, "high": high, "status": status, "source": source, "section": section}


ROWS_A = [
    _row("alpha", "relapse rate", "reported", "match", "U1", "Relapse *rate*: 95% CI (A/B)",
         reported=0.52, recomputed=0.5213, low=0.31, high=0.8),
    _row("alpha", "rate ratio", "reported", "mismatch", "U1;D1", "Relapse *rate*: 95% CI (A/B)",
         reported=2.1, recomputed=1.7),
    _row("alpha", "median time (no values)", "reported", "not_recomputable", "N1", "What cannot be recomputed"),
    _row("alpha", "rate per year", "derived", "derived", "U1", "Rate $\\lambda$ per year", recomputed=0.25),
]
ROWS_B = [
    _row("beta", "sample size", "consistency", "consistent", "D1, N1", "1. Cohort size", reported=46.0),
    _row("beta", "events bound", "reconstruction", "derived", "D1", "1. Cohort size", recomputed=3.0),
]


def _notebook(title: str, study: str, sections: list[str], rows: list[dict], png: bool):
    nb = new_notebook(metadata={"analysis": {"study": study},
                                "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                               "language": "python"}})
    cells = [new_markdown_cell(f"# {title}\n\nA synthetic notebook for the report tests, with math "
                               "$\\hat p \\pm z\\sqrt{n}$ inline,\n\n$$\\frac{a}{b} < 1$$\n\n"
                               "and TeX that mathtext cannot parse: $\\notacommand{x}$.")]
    for section in sections:
        cells.append(new_markdown_cell(f"## {section}\n\nSome text."))
        cells.append(new_code_cell("print(1)", outputs=[new_output("stream", name="stdout", text="1\n")]))
    if png:
        cells.append(new_code_cell("figure", outputs=[
            new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})]))
    cells.append(new_markdown_cell("## Findings ledger"))
    cells.append(new_code_cell("findings.show()", outputs=[new_output("display_data", data={
        "text/plain": "ledger", ledger.MIME: rows})]))
    nb.cells = cells
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index}"
    return nb


@pytest.fixture
def notebooks(tmp_path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(_notebook("Study *alpha*: a title", "alpha",
                             ["Relapse *rate*: 95% CI (A/B)", "What cannot be recomputed", "Rate $\\lambda$ per year"],
                             ROWS_A, png=True),
                   folder / "01_alpha_rates.ipynb")
    nbformat.write(_notebook("Beta & friends", "beta", ["1. Cohort size"], ROWS_B, png=False),
                   folder / "02_beta_cohort.ipynb")
    return folder


@pytest.fixture
def built(notebooks, tmp_path) -> tuple[Path, pd.DataFrame]:
    table = ledger.collect(notebooks)
    return report.build(notebooks, table, tmp_path / "report", bibliography=BIBLIOGRAPHY), table


class _Doc(HTMLParser):
    """Element ids, links, resource references, table rows and the title of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[tuple[str, str]] = []  # (tag, url) of things the browser would load
        self.rows: list[dict[str, str]] = []
        self.title = ""
        self._in_title = False
        self._row: dict | None = None
        self._cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in {"script", "img", "iframe", "source", "video", "audio", "embed", "input"} and attrs.get("src"):
            self.resources.append((tag, attrs["src"]))
        if tag == "link" and attrs.get("href"):
            self.resources.append((tag, attrs["href"]))
        if tag == "title":
            self._in_title = True
        if tag == "tr" and "data-status" in attrs:
            self._row, self._cells = attrs, []
        if tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "td" and self._cell is not None:
            self._cells.append("".join(self._cell))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append({**self._row, "cells": self._cells})
            self._row = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._cell is not None:
            self._cell.append(data)


def _parse(path: Path) -> _Doc:
    doc = _Doc()
    doc.feed(path.read_text(encoding="utf-8"))
    return doc


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _section_targets(site: Path) -> list[tuple[str, str]]:
    """(page, fragment) of every link from the index into a notebook page."""
    targets = []
    for href in _parse(site / "index.html").links:
        if re.match(r"^[\w.-]+\.html#", href):
            page, fragment = href.split("#", 1)
            targets.append((page, fragment))
    return targets


def _assert_targets_exist(site: Path) -> None:
    ids: dict[str, set[str]] = {}
    for page, fragment in _section_targets(site):
        if page not in ids:
            ids[page] = _parse(site / page).ids
        assert fragment in ids[page] or unquote(fragment) in ids[page], f"{page}#{fragment} has no target"


# --- unit tests on the synthetic notebooks --------------------------------------------

def test_site_has_index_and_one_page_per_notebook(built):
    site, _ = built
    assert sorted(p.name for p in site.iterdir()) == ["01_alpha_rates.html", "02_beta_cohort.html", "index.html"]
    index = _parse(site / "index.html")
    assert "01_alpha_rates.html" in index.links and "02_beta_cohort.html" in index.links


def test_index_lists_every_ledger_row_with_its_values(built):
    site, table = built
    rows = _parse(site / "index.html").rows
    assert len(rows) == len(table) == len(ROWS_A) + len(ROWS_B)
    for shown, expected in zip(rows, ROWS_A + ROWS_B):
        study, finding, kind, reported, recomputed, low, high, status, _source, _section = shown["cells"]
        assert (shown["data-study"], shown["data-status"]) == (expected["study"], expected["status"])
        assert (study, finding, kind, status) == (expected["study"], expected["finding"], expected["kind"],
                                                  expected["status"])
        for text, value in [(reported, expected["reported"]), (recomputed, expected["recomputed"]),
                            (low, expected["low"]), (high, expected["high"])]:
            assert text == ("" if value is None else f"{value:g}")


def test_counts_by_study_and_status(built):
    site, _ = built
    html = (site / "index.html").read_text(encoding="utf-8")
    counts = re.search(r'<table id="counts">(.*?)</table>', html, re.S).group(1)
    header = re.findall(r"<th[^>]*>([^<]*)</th>", counts.split("</thead>")[0])
    assert header == ["Study", *ledger.STATUSES, "total"]
    body = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", counts.split("</thead>")[1], re.S):
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        body[cells[0]] = dict(zip(header[1:], map(int, cells[1:])))
    assert body["alpha"] == {"match": 1, "mismatch": 1, "derived": 1, "consistent": 0, "inconsistent": 0,
                             "not_recomputable": 1, "total": 4}
    assert body["beta"]["consistent"] == 1 and body["beta"]["derived"] == 1 and body["beta"]["total"] == 2
    assert body["all studies"]["total"] == 6 and body["all studies"]["derived"] == 2


def test_every_section_link_targets_an_existing_anchor(built):
    site, table = built
    targets = _section_targets(site)
    # Every row links to its section (both notebooks' headings are found, including ones
    # with markdown emphasis, math, '%', '/', ':' and a leading '1.').
    assert len(targets) == len(table)
    _assert_targets_exist(site)
    # The link goes to the section the row names, not just to some heading.
    assert ("01_alpha_rates.html", "What-cannot-be-recomputed") in targets
    assert ("02_beta_cohort.html", "1.-Cohort-size") in targets


def test_unknown_section_links_to_the_page_without_a_fragment(notebooks, tmp_path):
    rows = [_row("gamma", "lonely", "derived", "derived", "U1", "No such heading", recomputed=1.0)]
    nbformat.write(_notebook("Gamma", "gamma", ["A heading"], rows, png=False), notebooks / "03_gamma.ipynb")
    site = report.build(notebooks, ledger.collect(notebooks), tmp_path / "site", bibliography=BIBLIOGRAPHY)
    index = _parse(site / "index.html")
    assert "03_gamma.html" in index.links
    assert not any(link.startswith("03_gamma.html#") for link in index.links)


def test_sources_link_to_url_else_doi_else_plain_text(built):
    site, _ = built
    html = (site / "index.html").read_text(encoding="utf-8")
    source_cell = {}
    for row in re.findall(r"<tr data-study.*?</tr>", html, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        source_cell[cells[1]] = cells[8]
    assert re.fullmatch(r'<a href="https://example.org/one"[^>]*>U1</a>', source_cell["relapse rate"])
    assert 'href="https://example.org/one"' in source_cell["rate ratio"]
    assert 'href="https://doi.org/10.1000/two"' in source_cell["rate ratio"]  # D1 has a DOI, no URL
    assert "<a" not in source_cell["median time (no values)"] and "N1" in source_cell["median time (no values)"]
    assert 'href="https://doi.org/10.1000/two"' in source_cell["sample size"] and "N1" in source_cell["sample size"]


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


def test_figures_are_embedded_images(built):
    site, _ = built
    doc = _parse(site / "01_alpha_rates.html")
    assert ("img", f"data:image/png;base64,{PNG}") in doc.resources
    assert base64.b64decode(PNG).startswith(b"\x89PNG")


def test_math_is_typeset_offline_and_unparseable_tex_is_kept(built):
    site, _ = built
    html = (site / "01_alpha_rates.html").read_text(encoding="utf-8")
    images = re.findall(r'<img class="math" alt="([^"]*)"[^>]*src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert sorted(alt for alt, _ in images) == [r"\frac{a}{b} &lt; 1", r"\hat p \pm z\sqrt{n}", r"\lambda"]
    for _, data in images:
        svg = base64.b64decode(data)
        assert svg.startswith(b"<?xml") and b"<svg" in svg and b"<path" in svg
    assert "$\\hat p" not in html
    assert r"$\notacommand{x}$" in html


def test_build_is_deterministic(notebooks, tmp_path):
    table = ledger.collect(notebooks)
    first = report.build(notebooks, table, tmp_path / "one", bibliography=BIBLIOGRAPHY)
    # Typeset the math again rather than reuse the first images, in memory or on disk.
    report.math_image.cache_clear()
    shutil.rmtree(paths.build_dir() / "cache" / "math", ignore_errors=True)
    second = report.build(notebooks, table, tmp_path / "two", bibliography=BIBLIOGRAPHY)
    again = _hashes(first)
    report.build(notebooks, table, first, bibliography=BIBLIOGRAPHY)
    assert _hashes(first) == _hashes(second) == again
    assert len(again) == 3


def test_math_read_back_from_the_disk_cache_is_what_typesetting_gives():
    tex = r"\hat p = k / n \pm z_{0.975}"
    report.math_image.cache_clear()
    first = report.math_image(tex)
    report.math_image.cache_clear()  # the next call reads the disk cache
    assert report.math_image(tex) == first == report.typeset_math(tex)
    assert report.math_image(r"\notacommand{x}") is None and report.math_image(r"\notacommand{x}") is None


# --- pages kept by a successful run for the next one ---------------------------------

@pytest.fixture
def page_cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ANALYSIS_BUILD_DIR", str(tmp_path / "build"))
    return report.page_cache()


def test_a_kept_page_is_the_page_rendering_gives(notebooks, page_cache):
    notebook = notebooks / "01_alpha_rates.ipynb"
    assert report.kept_page(notebook) is None  # nothing kept yet
    rendered = report.render(notebook)
    report.keep_pages([rendered])
    assert report.kept_page(notebook) == rendered


def test_a_notebook_changed_since_its_page_was_kept_is_rendered_again(notebooks, page_cache):
    notebook = notebooks / "01_alpha_rates.ipynb"
    report.keep_pages([report.render(notebook)])
    executed = nbformat.read(notebook, as_version=4)
    executed.cells[0].source += " Edited."
    nbformat.write(executed, notebook)
    assert report.kept_page(notebook) is None


def test_a_page_kept_for_another_notebook_name_is_not_used(notebooks, page_cache):
    notebook = notebooks / "01_alpha_rates.ipynb"
    report.keep_pages([report.render(notebook)])
    renamed = notebook.rename(notebooks / "03_alpha_renamed.ipynb")  # its page file name differs
    assert report.kept_page(renamed) is None


def test_pages_kept_by_other_rendering_code_are_not_used(notebooks, page_cache, monkeypatch):
    notebook = notebooks / "01_alpha_rates.ipynb"
    report.keep_pages([report.render(notebook)])
    monkeypatch.setattr(report, "_rendering_code", lambda: "templates-edited-since")
    assert report.kept_page(notebook) is None


def test_a_damaged_kept_page_means_rendering_again(notebooks, page_cache):
    notebook = notebooks / "01_alpha_rates.ipynb"
    report.keep_pages([report.render(notebook)])
    for kept in page_cache.iterdir():
        kept.write_bytes(b"not a pickle")
    assert report.kept_page(notebook) is None


def test_the_rendering_code_digest_follows_the_libraries_and_their_versions(digest_follows):
    shorter = report.RENDERING_LIBRARIES[:-1]
    assert digest_follows(report._rendering_code, lambda patch: patch.setattr(report, "RENDERING_LIBRARIES", shorter))
    assert digest_follows(report._rendering_code, library="pygments")


def test_keeping_pages_replaces_what_was_kept_before(notebooks, page_cache):
    alpha, beta = notebooks / "01_alpha_rates.ipynb", notebooks / "02_beta_cohort.ipynb"
    report.keep_pages([report.render(alpha)])
    report.keep_pages([report.render(beta)])
    assert [p.name for p in page_cache.parent.iterdir()] == [page_cache.name]  # no leftovers
    assert report.kept_page(alpha) is None and report.kept_page(beta) is not None


def test_stale_pages_are_removed_and_other_files_kept(notebooks, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "99_removed.html").write_text("old")
    (site / "notes.txt").write_text("keep")
    report.build(notebooks, ledger.collect(notebooks), site, bibliography=BIBLIOGRAPHY)
    assert not (site / "99_removed.html").exists()
    assert (site / "notes.txt").read_text() == "keep"


def test_empty_notebook_folder_gives_an_index(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    site = report.build(folder, ledger.collect(folder), tmp_path / "site", bibliography=BIBLIOGRAPHY)
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert _parse(site / "index.html").rows == []


# --- the committed notebooks -----------------------------------------------------------

COMMITTED = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def committed(tmp_path_factory) -> tuple[Path, pd.DataFrame, list[report.Page]]:
    """The report built from the committed notebooks (never from build/)."""
    if not COMMITTED:
        if os.environ.get("ANALYSIS_REQUIRE_BROWSER") == "1":
            pytest.fail("no committed notebooks in notebooks/ to build the report from")
        pytest.skip("no committed notebooks yet")
    folder = REPO / "notebooks"
    table = ledger.collect(folder)
    pages = report.render_all(folder)
    return report.build(folder, table, tmp_path_factory.mktemp("report"), pages=pages), table, pages


def test_committed_rows_link_to_an_existing_section(committed):
    """Each ledger row's ``section`` names a heading of the notebook that recorded it."""
    site, table, pages = committed
    unresolved = [f"{row['study']}: {row['finding']!r} (section {row.get('section')!r})"
                  for row, page, heading in report.section_links(table, pages) if heading is None]
    assert not unresolved, "ledger rows whose section is not a heading of their notebook:\n  " + \
        "\n  ".join(unresolved)
    _assert_targets_exist(site)


CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
LOCAL = ("file:", "data:", "about:", "blob:", "chrome:", "chrome-untrusted:")  # requests that stay on the machine
SKIP_REASON = "Chromium not installed (apt-get install chromium chromium-driver); CI installs it"


@pytest.fixture
def browser(tmp_path):
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
                 "--no-first-run", "--window-size=1400,1000", f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # An explicit chromedriver path: Selenium Manager never downloads anything.
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        # Any attempt to reach the network fails (and shows up as a console error).
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        driver.get_log("performance")  # drop the start-up page's requests
        yield driver
    finally:
        driver.quit()


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
        "return Array.prototype.filter.call(document.querySelectorAll('#findings tbody tr'),"
        " function (r) { return r.offsetParent !== null; }).length;")


@pytest.mark.browser
def test_report_in_headless_chromium(committed, browser, tmp_path):
    from selenium.webdriver.support.ui import Select

    site, table, _ = committed
    pages = sorted(site.glob("*.html"))
    targets: dict[str, list[str]] = {}
    for page, fragment in _section_targets(site):
        targets.setdefault(page, []).append(fragment)
    for page in pages:
        browser.get(page.as_uri())
        severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert not severe, f"{page.name}: console errors {severe}"
        remote = [u for u in _requests(browser) if not u.startswith(LOCAL)]
        assert not remote, f"{page.name} requested {remote}"
        # Follow each section link the index has into this page: the browser must find its target.
        for fragment in sorted(set(targets.get(page.name, []))):
            browser.get(f"{page.as_uri()}#{fragment}")
            assert browser.execute_script("var t = document.querySelector(':target');"
                                          " return t !== null && /^H[1-6]$/.test(t.tagName);"), \
                f"{page.name}#{fragment}: no heading is the link's target"

    browser.get((site / "index.html").as_uri())
    assert browser.execute_script("return document.querySelectorAll('#findings tbody tr').length;") == len(table)
    assert _visible_rows(browser) == len(table)
    status, study = Select(browser.find_element("id", "filter-status")), Select(browser.find_element("id", "filter-study"))
    counts = table["status"].value_counts()
    chosen = counts.index[-1]  # the rarest status: filtering must hide rows unless there is only one status
    status.select_by_value(chosen)
    assert _visible_rows(browser) == counts[chosen]
    assert browser.find_element("id", "shown-count").text == str(counts[chosen])
    first_study = sorted(table["study"].unique())[0]
    study.select_by_value(first_study)
    expected = int(((table["status"] == chosen) & (table["study"] == first_study)).sum())
    assert _visible_rows(browser) == expected
    status.select_by_value("")
    study.select_by_value("")
    assert _visible_rows(browser) == len(table)
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]

    shot = tmp_path / "report-screenshot.png"
    assert browser.save_screenshot(str(shot))
    # Kept for people in the repository's build/ (ignored by git), not the test session's scratch build dir.
    build = Path(__file__).resolve().parents[1] / "build"
    build.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, build / "report-screenshot.png")
