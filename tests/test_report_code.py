"""The report's code pages (analysis.pipeline.code_pages): which function recorded a ledger row, the
analysis.stats functions it calls, and the pages with line numbers and function anchors."""

from __future__ import annotations

import re
import textwrap

import pandas as pd
import pytest

from analysis.pipeline import code_pages
from analysis.plots import style

STUDY = '''\
from analysis.stats import reported_ratios
from analysis.stats.rates import ci_from_p as from_p

SECTION = "kept_in_a_constant"


def first(values, findings):
    findings.section("shared")
    for name in ("a", "b"):
        findings.derived(f"ratio_{name}", "words", 1.0, source="S1")
    return reported_ratios.ratio_range((1, 2), (3, 4))


def second(values, findings):
    findings.section("shared")
    findings.derived("tables_total", "words", 2.0, source="S1")
    return from_p(1.0, 0.05)


def third(findings):
    findings.section(SECTION)
    len("not a stats call")


class Holder:
    def method(self, ctx):
        ctx.add("my_check", None, [], "words", "reported", "match")
'''


@pytest.fixture
def package(tmp_path):
    for folder in code_pages.SUBPACKAGES:
        (tmp_path / folder).mkdir()
    (tmp_path / "studies" / "toy.py").write_text(STUDY, encoding="utf-8")
    (tmp_path / "audit" / "checks_toy.py").write_text(textwrap.dedent('''\
        def toy_checks(ctx):
            ctx.add("toy_recompute", None, [], "words", "reported", "match")
        '''), encoding="utf-8")
    return tmp_path


def test_rows_link_to_the_function_that_starts_their_section_or_adds_their_check(package):
    modules = code_pages.read_modules(package)
    assert [m.name for m in modules] == ["analysis.studies.toy", "analysis.audit.checks_toy"]

    def where(section, key, check=""):
        link = code_pages.code_link(modules, "toy", section, key, check)
        return link and link["href"]

    # two functions start "shared": the key decides, as a literal or by an f-string's literal start
    assert where("shared", "tables_total") == "code/analysis.studies.toy.html#second"
    assert where("shared", "ratio_a") == "code/analysis.studies.toy.html#first"
    assert where("shared", "something_else") == "code/analysis.studies.toy.html#first"  # the first of equals
    assert where("kept_in_a_constant", "x") == "code/analysis.studies.toy.html#third"  # section id in a constant
    assert where("automatic_checks", "auto_x", "toy_recompute") == "code/analysis.audit.checks_toy.html#toy_checks"
    assert where("nowhere", "x") is None
    assert code_pages.code_link(modules, "other_study", "shared", "x", "") is None


def test_stats_calls_are_resolved_to_the_module_defining_them(package):
    toy = code_pages.read_modules(package)[0]
    assert toy.function("first").stats_calls == [("analysis.stats.reported_ratios", "ratio_range")]
    assert toy.function("second").stats_calls == [("analysis.stats.rates", "ci_from_p")]
    assert toy.function("third").stats_calls == []
    assert toy.function("Holder.method").line == 26


def test_real_modules_link_rows_read_in_their_source():
    modules = code_pages.read_modules()
    # read in src/analysis/studies/mahler2026.py: both functions start "relapse_free"
    assert code_pages.code_link(modules, "mahler2026", "relapse_free", "grim_pairs_rituximab", "")["function"] \
        == "grim_pairs"
    assert code_pages.code_link(modules, "mahler2026", "relapse_free", "tables_exist", "")["function"] \
        == "relapse_free_tables"
    # read in src/analysis/audit/checks_proportions.py: percent_checks adds "percent_recompute" first
    link = code_pages.code_link(modules, "bringeland2020", "automatic_checks", "auto_percent_recompute__x",
                                "percent_recompute")
    assert link["href"] == "code/analysis.audit.checks_proportions.html#percent_checks"
    arr_ratios = next(m for m in modules if m.name == "analysis.studies.mahler2026").function("arr_ratios")
    assert ("analysis.stats.reported_ratios", "ratio_range") in arr_ratios.stats_calls


def test_a_code_page_has_line_numbers_function_anchors_and_linked_stats_calls(package):
    modules = code_pages.read_modules(package)
    pages = code_pages.pages(modules, "Title")
    assert set(pages) == {"code/index.html", "code/analysis.studies.toy.html", "code/analysis.audit.checks_toy.html"}
    page = pages["code/analysis.studies.toy.html"]
    assert page.count('<span class="linenos">') == len(STUDY.splitlines())
    assert '<a href="#line-7"><span class="linenos"> 7</span></a>' in page
    # the anchor of a function sits just before its first line
    assert re.search(r'id="second" class="function-anchor">.*?</span>\s*</span><a id="line-14"', page, re.S)
    # the stats functions it calls link to their anchors, in the stats pages next to it
    assert 'href="analysis.stats.rates.html#ci_from_p"' not in page  # the toy package has no stats pages
    assert "analysis.stats.rates.ci_from_p" in page
    assert 'href="../index.html"' in page  # the report's pages, one folder up


def test_stats_calls_link_to_the_stats_page_anchor_in_the_real_package():
    modules = code_pages.read_modules()
    page = code_pages.pages(modules, "Title")["code/analysis.studies.mahler2026.html"]
    assert 'href="analysis.stats.reported_ratios.html#ratio_range"' in page
    stats_page = code_pages.pages(modules, "Title")["code/analysis.stats.reported_ratios.html"]
    assert 'id="ratio_range" class="function-anchor"' in stats_page


def test_too_many_modules_are_refused_before_any_is_read(package, monkeypatch):
    monkeypatch.setattr(code_pages, "MAX_MODULES", 1)
    with pytest.raises(ValueError, match="root must hold at most 1 modules"):
        code_pages.read_modules(package)


def test_a_huge_module_is_refused(package, monkeypatch):
    monkeypatch.setattr(code_pages, "MAX_MODULE_BYTES", 10)
    with pytest.raises(ValueError, match="larger than 10 bytes"):
        code_pages.module_files(package)


def test_html_tables_hold_the_full_text_of_every_cell():
    long_text = "word " * 40
    frame = pd.DataFrame({"finding": [long_text]})
    with pd.option_context("display.max_colwidth", 100):
        assert "..." not in style.frame_html(frame)
        assert long_text.strip() in style.frame_html(frame)
        assert "..." in repr(frame)  # the plain text keeps its width



def test_notebook_table_cells_wrap_after_underscores_only(tmp_path):
    import nbformat

    from analysis.pipeline import report

    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("frame")
    cell.outputs = [nbformat.v4.new_output("execute_result", data={
        "text/html": "<table><tr><th>quantity_name</th><td class='x'>auto_count_ci__relapses</td></tr></table>",
        "text/plain": "frame"}, execution_count=1)]
    notebook.cells = [nbformat.v4.new_markdown_cell("# Title"), cell]
    nbformat.write(notebook, tmp_path / "page.ipynb")
    html = report.render(tmp_path / "page.ipynb").html
    assert "<th>quantity_<wbr>name</th>" in html
    assert '<td class="x">auto_<wbr>count_<wbr>ci_<wbr>_<wbr>relapses</td>' in html
