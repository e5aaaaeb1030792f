"""The reviewer-facing report: a static, offline HTML site built from executed notebooks.

:func:`build` renders every committed notebook (outputs as they are; nothing is
executed) with nbconvert's ``lab`` template, and writes an index page holding the
reproducibility scorecard: every ledger row, counts by study and status, filters,
and for each row links to its source(s) and to the notebook section that produced it.

The site loads nothing from the network: the template's require.js, MathJax, mermaid
and widget scripts are left out; LaTeX in markdown is typeset here with matplotlib's
mathtext into embedded SVG images (alt text: the TeX source; anything mathtext cannot
parse stays as TeX source); figures are embedded as base64 images; the index uses a
few lines of inline JavaScript and CSS of its own. The output depends only on the
inputs (no dates, no random ids, sorted iteration), so building twice gives
identical bytes.
"""

from __future__ import annotations

import hashlib
import math
import pickle
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from html import escape, unescape
from pathlib import Path

import nbformat
import pandas as pd

from analysis import data
from analysis.findings import ledger
from analysis.pipeline import paths

TITLE = "Re-creating the findings of five natalizumab, NMOSD and MS studies"
INTRO = (
    "Each notebook takes the summary numbers a paper published (abstract-level or from a "
    "third-party summary, as data/bibliography.csv records) and recomputes, checks or "
    "derives its quantitative findings with documented statistical methods. The pages "
    "below are the committed, executed notebooks rendered as they are; the scorecard "
    "collects every finding the notebooks recorded in their ledgers."
)
STATUS_MEANING = {
    "match": "the published number is recovered, to the decimals the paper printed",
    "mismatch": "recomputing from the other published numbers gives a different value",
    "derived": "a number the paper did not state, computed from what it did state",
    "consistent": "published numbers agree with each other (or some dataset fits them)",
    "inconsistent": "published numbers cannot all be true as printed",
    "not_recomputable": "the summary data cannot recompute it (the finding says why)",
}
DOI_RESOLVER = "https://doi.org/"

# nbconvert's lab template minus everything it would fetch from a CDN, plus a link home.
# JavaScript outputs are dropped: they would need require.js, and nbconvert gives them
# random element ids (uuid4), which would make the pages differ from build to build.
# Code input is pygments' (escaped) HTML as is: the template's extra bleach pass over it
# changes nothing there and took most of the rendering time.
_PAGE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<link rel="icon" href="data:,">
<style type="text/css">
img.math { display: inline; margin: 0; }
span.math-display { display: block; text-align: center; margin: 0.6em 0; }
nav.report-nav { padding: 8px 16px; font-family: var(--jp-ui-font-family); font-size: var(--jp-ui-font-size1); }
</style>
{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}
<nav class="report-nav"><a href="index.html">&larr; Report index and reproducibility scorecard</a></nav>
{%- endblock body_header -%}
{%- block input -%}
<div class="jp-CodeMirrorEditor jp-Editor jp-InputArea-editor" data-type="inline">
<div class="cm-editor cm-s-jupyter">
{{ cell.source | highlight_code(metadata=cell.metadata) }}
</div>
</div>
{%- endblock input -%}
{%- block data_javascript scoped -%}{%- endblock data_javascript -%}
{%- block data_widget_view scoped -%}{%- endblock data_widget_view -%}
"""
_PAGE_TEMPLATE_NAME = "analysis-offline.html.j2"

_INDEX_CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1d1d1f; margin: 0; line-height: 1.45; }
main { max-width: 1400px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 1.7em; margin-bottom: 0.3em; }
h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #d0d0d0; padding: 3px 7px; vertical-align: top; }
th { background: #f2f2f2; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
#counts td, #counts th { text-align: right; }
#counts th:first-child, #counts td:first-child { text-align: left; }
#counts tfoot td { font-weight: bold; }
.status { font-weight: 600; white-space: nowrap; }
.status-match, .status-consistent { color: #1a6b2a; }
.status-mismatch, .status-inconsistent { color: #a31515; }
.status-derived { color: #1f4e8c; }
.status-not_recomputable { color: #6b6b6b; }
.filters { margin: 12px 0; display: flex; gap: 18px; align-items: center; flex-wrap: wrap; }
.filters select { font-size: 14px; }
dl.statuses dt { font-weight: 600; float: left; clear: left; width: 11em; }
dl.statuses dd { margin-left: 11.5em; }
ul.notebooks li { margin: 0.3em 0; }
.muted { color: #6b6b6b; }
"""

_INDEX_JS = """
(function () {
  "use strict";
  var study = document.getElementById("filter-study");
  var status = document.getElementById("filter-status");
  var shown = document.getElementById("shown-count");
  var rows = document.querySelectorAll("#findings tbody tr");
  function apply() {
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var keep = (!study.value || row.getAttribute("data-study") === study.value) &&
                 (!status.value || row.getAttribute("data-status") === status.value);
      row.hidden = !keep;
      if (keep) { n += 1; }
    }
    shown.textContent = String(n);
  }
  study.addEventListener("change", apply);
  status.addEventListener("change", apply);
  var links = document.querySelectorAll("a[data-filter]");
  for (var j = 0; j < links.length; j++) {
    links[j].addEventListener("click", function () {
      study.value = this.getAttribute("data-study") || "";
      status.value = this.getAttribute("data-status") || "";
      apply();
    });
  }
  apply();
})();
"""


@dataclass(frozen=True)
class Page:
    """One rendered notebook."""

    notebook: Path
    filename: str
    title: str
    study: str
    html: str
    # normalised heading text -> (element id, heading text as shown), first heading of that text
    anchors: dict[str, tuple[str, str]] = field(default_factory=dict)
    findings: tuple[tuple[str, str], ...] = ()  # (study, finding) of the ledger rows it recorded

    def heading(self, section: str) -> tuple[str, str] | None:
        """``(id, text)`` of the heading titled ``section`` (as markdown or as plain text)."""
        if not section:
            return None
        return self.anchors.get(_normalise(section)) or self.anchors.get(_normalise(_plain(section)))


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=None)
def _plain(markdown: str) -> str:
    """Inline markdown as the plain text a heading shows (``*a* `b` `` -> ``a b``)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    found = headings(markdown2html_mistune("# " + " ".join(markdown.split())))
    return found[0][1] if found else " ".join(markdown.split())


_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ANCHOR_LINK = re.compile(r"<a\b[^>]*\bclass=\"anchor-link\"[^>]*>.*?</a\s*>", re.S)
_TAG = re.compile(r"<[^>]+>")
_MATH_IMAGE = re.compile(r'<img\b[^>]*\bclass="math"[^>]*\balt="([^"]*)"[^>]*>')


def headings(html: str) -> list[tuple[str, str]]:
    """``(id, text)`` of every h1-h6 in ``html`` in document order (id ``""`` when it has none).

    The text leaves out the anchor link nbconvert appends to markdown headings, and
    gives typeset math back as its TeX source (``$...$``), as the heading was written.
    """
    found = []
    for match in _HEADING.finditer(html):
        ident = _ID.search(match.group(2))
        inner = _MATH_IMAGE.sub(r"$\1$", _ANCHOR_LINK.sub("", match.group(3)))
        text = unescape(_TAG.sub("", inner))
        found.append((unescape(next(g for g in ident.groups() if g is not None)) if ident else "",
                      " ".join(text.split())))
    return found


MATH_POINTS = 12  # size of typeset math: Computer Modern looks small beside the notebook's 14 px sans


def _math_cache_file(tex: str, display: bool) -> Path:
    import matplotlib

    key = f"{matplotlib.__version__}|{MATH_POINTS}|{display}|{tex}"
    return paths.build_dir() / "cache" / "math" / f"{hashlib.sha256(key.encode()).hexdigest()}.html"


@lru_cache(maxsize=None)
def math_image(tex: str, display: bool = False) -> str | None:
    """:func:`typeset_math`, remembered on disk under ``build/cache/math``.

    Typesetting is most of the report's cost and its output depends only on the
    expression and the matplotlib version, both in the cache key; a rerun reads
    the same bytes back. A failure to read or write the cache only costs time.
    """
    cached = _math_cache_file(tex, display)
    try:
        text = cached.read_text(encoding="utf-8")
        return text or None  # an empty file records "mathtext cannot parse this"
    except OSError:
        pass
    image = typeset_math(tex, display)
    try:
        paths.atomic_write_text(cached, image or "")
    except OSError:
        pass
    return image


def typeset_math(tex: str, display: bool = False) -> str | None:
    """``tex`` typeset by matplotlib's mathtext as an ``<img>`` holding an SVG, or ``None``
    when mathtext cannot parse it.

    The method is :func:`matplotlib.mathtext.math_to_image`'s (measure with the path
    parser, draw the expression on a figure of exactly that size), saved with fixed
    SVG metadata and id salt so that the bytes depend only on ``tex``. The image is
    lowered by the expression's depth so its baseline sits on the text's.
    """
    import base64
    import io

    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import MathTextParser

    source = "$" + " ".join(tex.split()) + "$"
    settings = {"svg.hashsalt": "analysis-report", "svg.fonttype": "path", "mathtext.fontset": "cm",
                "text.usetex": False, "text.color": "black"}
    try:
        with matplotlib.rc_context(settings):
            prop = FontProperties(size=MATH_POINTS * (1.15 if display else 1.0))
            width, height, depth, _, _ = MathTextParser("path").parse(source, dpi=72, prop=prop)
            figure = Figure(figsize=(width / 72, height / 72))
            figure.text(0, depth / height, source, fontproperties=prop)
            buffer = io.BytesIO()
            figure.savefig(buffer, dpi=72, format="svg", transparent=True, metadata={"Date": None, "Creator": None})
    except Exception:  # mathtext's parse errors are ValueErrors; any failure keeps the TeX source
        return None
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    image = (f'<img class="math" alt="{escape(tex, quote=True)}" style="vertical-align: {-depth:.2f}pt" '
             f'src="data:image/svg+xml;base64,{data}" />')
    return f'<span class="math-display">{image}</span>' if display else image


_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)")
_OUTPUT_DIV = re.compile(r'(<div class="[^"]*\bjp-OutputArea-output\b[^"]*")(?![^>]*\btabindex=)')
_INPUT_WRAPPER = re.compile(r'(<div class="jp-Cell-inputWrapper")(?![^>]*\btabindex=)')


def make_exporter():
    """nbconvert's HTMLExporter, lab template, offline, without its BeautifulSoup pass.

    ``HTMLExporter.from_notebook_node`` ends by parsing the whole page (about 0.5 MB
    with the inlined CSS) with BeautifulSoup only to add ``alt`` to images and
    ``tabindex`` to cell areas; that took half of the rendering time. The subclass
    does the same three edits with regular expressions on the known markup instead.
    The rest copies nbconvert 7's method (pinned in requirements.lock).
    """
    from jinja2 import DictLoader, pass_context
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class MathRenderer(IPythonRenderer):
        """nbconvert's markdown renderer, with math typeset instead of left for MathJax."""

        def inline_math(self, body: str) -> str:
            return math_image(body) or super().inline_math(body)

        def block_math(self, body: str) -> str:
            return math_image(body, display=True) or super().block_math(body)

    class OfflineHTMLExporter(HTMLExporter):
        @pass_context
        def markdown2html(self, context, source):
            # HTMLExporter.markdown2html with MathRenderer in place of IPythonRenderer.
            cell = context.get("cell", {})
            renderer = MathRenderer(escape=False, attachments=cell.get("attachments", {}),
                                    embed_images=self.embed_images,
                                    path=context.get("resources", {}).get("metadata", {}).get("path", ""),
                                    anchor_link_text=self.anchor_link_text,
                                    exclude_anchor_links=self.exclude_anchor_links, **self.lexer_options)
            return MarkdownWithMath(renderer=renderer).render(source)

        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                     resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            html = _IMG_WITHOUT_ALT.sub('<img alt="Figure: see the text and code above it"', html)
            html = _OUTPUT_DIV.sub(r'\1 tabindex="0"', html)
            html = _INPUT_WRAPPER.sub(r'\1 tabindex="0"', html)
            return html, resources

    return OfflineHTMLExporter(template_name="lab", template_file=_PAGE_TEMPLATE_NAME,
                               extra_loaders=[DictLoader({_PAGE_TEMPLATE_NAME: _PAGE_TEMPLATE})],
                               embed_images=True, sanitize_html=False)


def render(path: Path, exporter=None) -> Page:
    """Render one executed notebook to a :class:`Page` (no execution).

    The page is titled with the notebook's first heading, as the page shows it.
    """
    notebook = nbformat.read(path, as_version=4)
    meta = notebook.metadata.get("analysis", {})
    study = "synthesis" if meta.get("synthesis") else str(meta.get("study", ""))
    exporter = exporter or make_exporter()
    placeholder = f"analysis-report-title-{path.stem}"
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": placeholder}})
    found = [(ident, text) for ident, text in headings(body[body.find("<body"):]) if text]  # <head> has none
    title = found[0][1] if found else path.stem
    body = body.replace(f"<title>{placeholder}</title>", f"<title>{escape(title)}</title>", 1)
    anchors: dict[str, tuple[str, str]] = {}
    for ident, text in found:
        if ident:
            anchors.setdefault(_normalise(text), (ident, text))
    findings = tuple((str(row.get("study")), str(row.get("finding")))
                     for cell in notebook.cells for output in cell.get("outputs", [])
                     for row in output.get("data", {}).get(ledger.MIME, []))
    return Page(path, f"{path.stem}.html", title, study, body, anchors, findings)


def _number(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return ""
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return escape(str(value))


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def source_link(source_id: str, bibliography: dict[str, dict]) -> str:
    """``source_id`` as a link to its URL, else to its DOI, else as plain text."""
    entry = bibliography.get(source_id)
    if entry is None:
        return f'<span title="not in data/bibliography.csv">{escape(source_id)}</span>'
    title = escape(_text(entry.get("paper")), quote=True)
    if _text(entry.get("url")):
        return f'<a href="{escape(entry["url"], quote=True)}" title="{title}">{escape(source_id)}</a>'
    if _text(entry.get("doi")):
        href = DOI_RESOLVER + entry["doi"]
        return f'<a href="{escape(href, quote=True)}" title="{title}">{escape(source_id)}</a>'
    return f'<span title="{title}">{escape(source_id)}</span>'


def _bibliography(frame: pd.DataFrame | None) -> dict[str, dict]:
    if frame is None:
        from analysis import data

        frame = data.load_bibliography()
    return {str(row["source_id"]): {k: _text(v) for k, v in row.items()}
            for row in frame.to_dict("records")}


def _row_pages(pages: list[Page]) -> dict[tuple[str, str], Page]:
    """Which page each (study, finding) was recorded in."""
    where: dict[tuple[str, str], Page] = {}
    for page in pages:
        for key in page.findings:
            where.setdefault(key, page)
    return where


def section_links(table: pd.DataFrame, pages: list[Page]) -> list[tuple[dict, Page | None, tuple[str, str] | None]]:
    """For every ledger row: its page, and ``(id, text)`` of its section heading (``None`` if not found)."""
    where = _row_pages(pages)
    out = []
    for row in table.to_dict("records"):
        page = where.get((str(row.get("study")), str(row.get("finding"))))
        out.append((row, page, page.heading(_text(row.get("section"))) if page else None))
    return out


def _options(values: list[str], label_all: str) -> str:
    items = [f'<option value="">{escape(label_all)}</option>']
    items += [f'<option value="{escape(v, quote=True)}">{escape(v)}</option>' for v in values]
    return "".join(items)


def _counts_table(table: pd.DataFrame, studies: list[str]) -> str:
    statuses = list(ledger.STATUSES)
    lines = ['<table id="counts">', "<thead><tr><th>Study</th>"]
    lines += [f'<th class="status status-{s}">{escape(s)}</th>' for s in statuses]
    lines.append("<th>total</th></tr></thead><tbody>")

    def cell(study: str, status: str, n: int) -> str:
        if not n:
            return '<td class="muted">0</td>'
        return (f'<td><a href="#findings" data-filter="1" data-study="{escape(study, quote=True)}" '
                f'data-status="{escape(status, quote=True)}">{n}</a></td>')

    for study in studies:
        sub = table[table["study"].astype(str) == study]
        lines.append(f"<tr><td>{escape(study)}</td>")
        lines += [cell(study, s, int((sub["status"] == s).sum())) for s in statuses]
        lines.append(f"{cell(study, '', len(sub))}</tr>")
    lines.append("</tbody><tfoot><tr><td>all studies</td>")
    lines += [cell("", s, int((table["status"] == s).sum())) for s in statuses]
    lines.append(f"{cell('', '', len(table))}</tr></tfoot></table>")
    return "\n".join(lines)


def _findings_table(links, bibliography: dict[str, dict]) -> str:
    head = ["Study", "Finding", "Kind", "Reported", "Recomputed", "Low", "High", "Status", "Source",
            "Notebook section"]
    lines = ['<table id="findings">', "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>",
             "<tbody>"]
    for row, page, heading in links:
        study, status = _text(row.get("study")), _text(row.get("status"))
        section = _text(row.get("section"))
        sources = ", ".join(source_link(s, bibliography) for s in data.source_ids(row.get("source")))
        if page is None:
            where = escape(section)
        elif heading is None:
            where = f'<a href="{escape(page.filename, quote=True)}">{escape(section or page.title)}</a>'
        else:
            href = f"{page.filename}#{heading[0]}"
            where = f'<a href="{escape(href, quote=True)}">{escape(heading[1])}</a>'
        cells = [
            f"<td>{escape(study)}</td>",
            f"<td>{escape(_text(row.get('finding')))}</td>",
            f"<td>{escape(_text(row.get('kind')))}</td>",
            *(f'<td class="num">{_number(row.get(c))}</td>' for c in ("reported", "recomputed", "low", "high")),
            f'<td class="status status-{escape(status, quote=True)}">{escape(status)}</td>',
            f"<td>{sources}</td>",
            f"<td>{where}</td>",
        ]
        lines.append(f'<tr data-study="{escape(study, quote=True)}" data-status="{escape(status, quote=True)}">'
                     + "".join(cells) + "</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _sources_list(table: pd.DataFrame, bibliography: dict[str, dict]) -> str:
    cited = sorted({s for value in table["source"] for s in data.source_ids(value)})
    if not cited:
        return '<p class="muted">No sources cited.</p>'
    items = []
    for sid in cited:
        entry = bibliography.get(sid)
        if entry is None:
            items.append(f"<li>{escape(sid)}: not in data/bibliography.csv</li>")
            continue
        read = escape(", ".join(x for x in (entry.get("read_at"), entry.get("what_was_read"), entry.get("status")) if x))
        items.append(f"<li>{source_link(sid, bibliography)}: {escape(entry.get('paper', ''))} "
                     f'<span class="muted">({read})</span></li>')
    return '<ul class="sources">\n' + "\n".join(items) + "\n</ul>"


def index_html(pages: list[Page], table: pd.DataFrame, bibliography: dict[str, dict]) -> str:
    """The index page: notebooks and the reproducibility scorecard."""
    table = table.reset_index(drop=True)
    studies = sorted({_text(s) for s in table["study"]})
    present = [s for s in ledger.STATUSES if (table["status"] == s).any()]
    present += sorted({_text(s) for s in table["status"]} - set(present))
    per_page = {p.filename: 0 for p in pages}
    links = section_links(table, pages)
    for _, page, _ in links:
        if page is not None:
            per_page[page.filename] += 1
    def describe(page: Page) -> str:
        n = per_page[page.filename]
        if page.study == "synthesis" and not n:
            return f"{page.notebook.name}; reads the other notebooks' ledgers"
        return f"{page.notebook.name}; study {page.study or '-'}; {n} ledger row{'s' * (n != 1)}"

    notebook_items = "\n".join(
        f'<li><a href="{escape(p.filename, quote=True)}">{escape(p.title)}</a> '
        f'<span class="muted">({escape(describe(p))})</span></li>' for p in pages)
    statuses = "\n".join(f"<dt class=\"status status-{s}\">{s}</dt><dd>{escape(m)}</dd>"
                         for s, m in STATUS_MEANING.items())
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{escape(TITLE)}</title>
<link rel="icon" href="data:,">
<style>{_INDEX_CSS}</style>
</head>
<body>
<main>
<h1>{escape(TITLE)}</h1>
<p>{escape(INTRO)}</p>
<h2 id="notebooks">Notebooks</h2>
<ul class="notebooks">
{notebook_items}
</ul>
<h2 id="scorecard">Reproducibility scorecard</h2>
<p>Every row of the findings ledger ({len(table)} rows), as the executed notebooks recorded it.
<em>Reported</em> is the number as the source printed it, <em>recomputed</em> what the notebook
computed, <em>low</em>/<em>high</em> an interval or bounds where the finding has one.
In a row of kind <em>consistency</em> the two columns hold the two numbers the check compares, in
the order the finding names them: "followed (35) does not exceed the cohort (40)" shows 35 and 40,
and <em>consistent</em> means the relation stated holds, not that the numbers are equal.</p>
<dl class="statuses">
{statuses}
</dl>
<h3 id="counts-by-study">Findings by study and status</h3>
{_counts_table(table, studies)}
<h3 id="all-findings">All findings</h3>
<div class="filters">
<label>Study <select id="filter-study">{_options(studies, "all studies")}</select></label>
<label>Status <select id="filter-status">{_options(present, "all statuses")}</select></label>
<span>showing <span id="shown-count">{len(table)}</span> of {len(table)} findings</span>
</div>
{_findings_table(links, bibliography)}
<h2 id="sources">Sources cited</h2>
{_sources_list(table, bibliography)}
</main>
<script>{_INDEX_JS}</script>
</body>
</html>
"""


# --- pages kept from the last successful run ----------------------------------------------

# The libraries a page's bytes depend on (besides this module and the notebook itself).
RENDERING_LIBRARIES = ("nbconvert", "nbformat", "jinja2", "markupsafe", "mistune", "pygments", "bleach",
                       "beautifulsoup4", "jupyterlab_pygments", "matplotlib")


@lru_cache(maxsize=None)
def _rendering_code() -> str:
    """Digest of what a page depends on besides its notebook: this module (templates
    included), the ledger's (its MIME type), Python, and the versions of the libraries
    that render (whose templates and style sheets come with them). Templates a user
    adds under a Jupyter data folder are not covered: delete ``build/cache/`` then."""
    here = Path(__file__).parent
    return paths.code_digest([here / "report.py", here.parent / "findings" / "ledger.py"], RENDERING_LIBRARIES)


def page_cache() -> Path:
    """Where the pages of the last successful run are kept: ``build/cache/pages/<digest of
    the rendering code>``. Only :func:`keep_pages` writes there."""
    return paths.build_dir() / "cache" / "pages" / _rendering_code()


def _kept_page_file(notebook: Path) -> Path:
    key = hashlib.sha256(notebook.name.encode() + b"\0" + notebook.read_bytes()).hexdigest()
    return page_cache() / f"{key}.pkl"


def kept_page(notebook: Path) -> Page | None:
    """The page :func:`render` would make of ``notebook``, if the last successful run kept
    one for a notebook of the same name and bytes (rendering is a function of those and
    of the rendering code); ``None`` otherwise, or if it cannot be read."""
    try:
        with open(_kept_page_file(notebook), "rb") as handle:
            page = pickle.load(handle)
    except Exception:  # absent, truncated, or not a pickle at all: render it
        return None
    return replace(page, notebook=notebook) if isinstance(page, Page) else None


def keep_pages(pages: list[Page]) -> None:
    """Keep ``pages`` (their notebooks still in place) for later runs, in place of what was
    kept before (best effort: only time depends on it)."""
    def fill(folder: Path) -> None:
        for page in pages:
            with open(folder / _kept_page_file(page.notebook).name, "wb") as handle:
                pickle.dump(page, handle)

    paths.replace_cache(page_cache(), fill)


def render_all(notebooks_dir: Path) -> list[Page]:
    """Every notebook in ``notebooks_dir``, rendered, in file-name order."""
    exporter = make_exporter()
    return [render(path, exporter) for path in sorted(Path(notebooks_dir).glob("*.ipynb"))]


def build(notebooks_dir: Path, table: pd.DataFrame, target: Path, *,
          bibliography: pd.DataFrame | None = None, pages: list[Page] | None = None) -> Path:
    """Write the static report for the executed notebooks in ``notebooks_dir`` to ``target``.

    ``table`` is the ledger (:func:`analysis.ledger.collect` of the same folder);
    ``bibliography`` defaults to ``data/bibliography.csv``; ``pages`` are the notebooks
    already rendered by :func:`render_all` / :func:`render` (rendered here when ``None``).
    HTML pages in ``target`` that no notebook produces any more are removed; nothing
    else there is touched. Returns ``target``.
    """
    target = Path(target)
    pages = render_all(notebooks_dir) if pages is None else sorted(pages, key=lambda p: p.filename)
    if "index.html" in {p.filename for p in pages}:
        raise ValueError("a notebook named index.ipynb would overwrite the report index")
    index = index_html(pages, table, _bibliography(bibliography))
    target.mkdir(parents=True, exist_ok=True)
    produced = {"index.html"} | {p.filename for p in pages}
    for page in pages:
        paths.atomic_write_text(target / page.filename, page.html)
    paths.atomic_write_text(target / "index.html", index)
    for stale in sorted(target.glob("*.html")):
        if stale.name not in produced:
            stale.unlink()
    return target
