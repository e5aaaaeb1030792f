"""The reviewer-facing report: a static, offline HTML site built from executed notebooks.

:func:`build` writes to its target folder

* one page per notebook, rendered as it is (nothing is executed) by nbconvert's
  ``HTMLExporter`` with the stock ``lab`` template, extended by ``templates/page.html.j2``
  only to leave out what would load from the network (require.js, MathJax, mermaid,
  widgets) and to let code and outputs wrap;
* ``index.html``: the scorecard (counts by study and status) and every ledger row with
  its numbers, what its interval is, its confidence level, its inputs (the transcribed
  values it used, each as printed with its source and location), its source ids (each
  linked to its full citation, listed once at the end) and a link to the notebook
  section that produced it (by the section's id, see
  :func:`analysis.findings.sections_in_notebook`), with a search box (:func:`search_text`)
  and study and status filters;
* ``values.html``: every row of ``data/values/*.csv``, ``claims.csv`` and
  ``not_reported.csv`` with its source's citation and its location; each value links to
  every finding that used it;
* ``code/``: the study, statistics and audit modules with line numbers and an anchor per
  function (:mod:`analysis.pipeline.code_pages`); each finding on the index links to the
  function that recorded it.

All HTML is in the Jinja templates of ``templates/``. LaTeX in markdown cells is turned
into MathML by ``latex2mathml`` (pure Python, deterministic), which browsers draw
without any script or font download. Nothing in the output depends on the time, the
machine or the order files are listed in, so building twice gives identical bytes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

import nbformat
import pandas as pd

from analysis import paths
from analysis.findings import ledger, scorecard
from analysis.pipeline import code_pages

TEMPLATES = Path(__file__).parent / "templates"
PAGE_TEMPLATE = "page.html.j2"

TITLE = "Re-creating the findings of five natalizumab, NMOSD and MS studies"
INTRO = (
    "Each notebook takes the summary numbers a paper published (abstract-level or from a "
    "third-party summary, as data/bibliography.csv records) and recomputes, checks or "
    "derives its quantitative findings with documented statistical methods. The pages "
    "below are the committed, executed notebooks rendered as they are; the table of findings "
    "holds every row the notebooks recorded in their ledgers, each with the printed values it used "
    "(as printed, with their source and location), its sources, the notebook section that produced it and "
    "the function that recorded it. The search box finds a row by any printed number it used."
)
STATUS_MEANING = {
    "match": "the published number is recovered, to the decimals the paper printed",
    "mismatch": "recomputing from the other published numbers gives a different value",
    "consistent": "published numbers agree with each other (or some data set fits them)",
    "inconsistent": "published numbers cannot all be true as printed",
    "infeasible": "no data set fits the stated reading of the published numbers",
    "derived": "a number the paper did not state, computed from what it did state",
    "by_construction": "holds by how the data were transcribed or the parameters set: shown, not a check",
    "not_recomputable": "the summary data cannot recompute it (the finding says why)",
}


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                              keep_trailing_newline=True, trim_blocks=False)
    environment.filters["underscore_breaks"] = underscore_breaks
    return environment


def underscore_breaks(text) -> str:
    """``text`` escaped, with a line-break opportunity (``<wbr>``) after each underscore: a long
    snake_case name wraps between its parts, never inside one."""
    from markupsafe import Markup
    from markupsafe import escape as html_escape

    return Markup("_<wbr>").join(html_escape(part) for part in str(text).split("_"))


# --- maths --------------------------------------------------------------------------------

_TEX_IN_TEXT = re.compile(r">[^<]*\\[A-Za-z]")


def tex_to_mathml(tex: str, display: bool = False) -> str | None:
    """``tex`` as a MathML ``<math>`` element (the TeX kept in its ``alttext``), or ``None``
    when latex2mathml cannot convert it (or would show a command it does not know as text)."""
    from latex2mathml.converter import convert

    source = " ".join(tex.split())
    try:
        mathml = convert(source, display="block" if display else "inline")
    except Exception:  # latex2mathml raises several exception types for unsupported input
        return None
    if _TEX_IN_TEXT.search(mathml):  # an unknown command is passed through as text: <mi>\foo</mi>
        return None
    # HTML needs no namespace on <math>; without it nbconvert's heading anchors (an XML
    # round trip) keep the element as <math> instead of renaming it <ns0:math>.
    mathml = mathml.replace(' xmlns="http://www.w3.org/1998/Math/MathML"', "", 1)
    return mathml.replace("<math", f'<math alttext="{escape(source, quote=True)}"', 1)


def _unrendered(tex: str, delimiter: str) -> str:
    return _environment().get_template("tex_unrendered.html.j2").render(tex=tex, delimiter=delimiter).strip()


@lru_cache(maxsize=1)
def shared_exporter():
    """One :func:`make_exporter` per process: compiling the lab templates is most of the
    cost of a small notebook's page."""
    return make_exporter()


def make_exporter():
    """nbconvert's ``HTMLExporter`` (lab template, through ``templates/page.html.j2``),
    figures embedded, markdown maths as MathML."""
    from jinja2 import pass_context
    from nbconvert import HTMLExporter
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    class MathMLRenderer(IPythonRenderer):
        """nbconvert's markdown renderer, with maths as MathML instead of TeX left for MathJax."""

        def inline_math(self, body: str) -> str:
            return tex_to_mathml(body) or _unrendered(body, "$")

        def block_math(self, body: str) -> str:
            return tex_to_mathml(body, display=True) or _unrendered(body, "$$")

    class ReportExporter(HTMLExporter):
        @pass_context
        def markdown2html(self, context, source):
            # HTMLExporter.markdown2html with the renderer above.
            cell = context.get("cell", {})
            renderer = MathMLRenderer(
                escape=False, attachments=cell.get("attachments", {}), embed_images=self.embed_images,
                path=context.get("resources", {}).get("metadata", {}).get("path", ""),
                anchor_link_text=self.anchor_link_text, exclude_anchor_links=self.exclude_anchor_links,
                **self.lexer_options)
            return MarkdownWithMath(renderer=renderer).render(source)

    return ReportExporter(template_name="lab", template_file=PAGE_TEMPLATE, extra_template_paths=[str(TEMPLATES)],
                          embed_images=True, sanitize_html=False)


# --- notebook pages ----------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    """One rendered notebook."""

    notebook: Path
    filename: str
    title: str
    study: str
    html: str
    sections: dict[str, str]  # section id -> heading text, as sections_in_notebook gives
    rows: tuple[tuple[str, str], ...]  # (study, key) of the ledger rows it recorded


_MARKUP = re.compile(r"<[^>]+>|[*_`]")
# A table cell holding only text: its snake_case names may wrap after an underscore, so that a wide
# table of an output fits the page without wrapping any word inside itself.
_TABLE_CELL = re.compile(r"(<t[dh](?:\s[^>]*)?>)([^<]*)(</t[dh]>)")


def _title(notebook: nbformat.NotebookNode, default: str) -> str:
    """The notebook's first heading as plain text (markdown emphasis and HTML left out)."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                text = " ".join(_MARKUP.sub("", line.lstrip("#")).split())
                if text:
                    return text
    return default


def render(path: Path, exporter=None) -> Page:
    """Render one executed notebook to a :class:`Page` (no execution)."""
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    meta = notebook.metadata.get("analysis", {})
    study = "synthesis" if meta.get("synthesis") else str(meta.get("study", ""))
    title = _title(notebook, path.stem)
    html, _ = (exporter or shared_exporter()).from_notebook_node(notebook, resources={"metadata": {"name": title}})
    html = _TABLE_CELL.sub(lambda m: m.group(1) + m.group(2).replace("_", "_<wbr>") + m.group(3), html)
    rows = tuple((str(row.get("study", "")), str(row.get("key", ""))) for row in ledger.rows_in_notebook(path))
    return Page(path, f"{path.stem}.html", title, study, html, ledger.sections_in_notebook(path), rows)


def render_all(notebooks_dir: Path) -> list[Page]:
    """Every notebook in ``notebooks_dir``, rendered, in file-name order."""
    return [render(path) for path in sorted(Path(notebooks_dir).glob("*.ipynb"))]


# --- transcribed data --------------------------------------------------------------------

def _read_csv(path: Path) -> pd.DataFrame:
    """A data file as text, exactly as transcribed (``0.170`` stays ``0.170``)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a PubMed id read as a number
    return str(value)


def _source_ids(cell) -> list[str]:
    return [part for part in re.split(r"[;,\s]+", _text(cell)) if part]


def _records(frame: pd.DataFrame) -> list[dict[str, str]]:
    return [{str(k): _text(v) for k, v in row.items()} for row in frame.to_dict("records")]


@dataclass(frozen=True)
class Transcribed:
    """What ``data/`` holds, as text, with every source id resolved to its citation."""

    bibliography: dict[str, dict]
    values: dict[str, list[dict]]  # study -> its rows of data/values/<study>.csv, in file order
    claims: list[dict]
    not_reported: list[dict]

    def cite(self, cell) -> list[dict]:
        out = []
        for sid in _source_ids(cell):
            entry = self.bibliography.get(sid)
            out.append(entry or {"id": sid, "known": False})
        return out


def transcribed(data_dir: Path | None = None, bibliography: pd.DataFrame | None = None) -> Transcribed:
    """Read ``data_dir`` (default ``data/``); ``bibliography`` replaces its bibliography.csv."""
    root = Path(data_dir) if data_dir is not None else paths.data_dir()
    if bibliography is None:
        bib_file = root / "bibliography.csv"
        bibliography = _read_csv(bib_file) if bib_file.exists() else pd.DataFrame(columns=["source_id"])
    sources = {}
    for entry in _records(bibliography):
        sources[entry["source_id"]] = {"id": entry["source_id"], "known": True, **{k: entry.get(k, "") for k in (
            "paper", "doi", "pmid", "read_at", "url", "what_was_read", "status")}}

    def cited(path: Path, column: str) -> list[dict]:
        if not path.exists():
            return []
        return [{**row, "sources": [], "source_column": column} for row in _records(_read_csv(path))]

    data = Transcribed(sources, {}, cited(root / "claims.csv", "source"),
                       cited(root / "not_reported.csv", "looked_in"))
    for path in sorted((root / "values").glob("*.csv")):
        data.values[path.stem] = cited(path, "source")
    for row in [*data.claims, *data.not_reported, *(r for rows in data.values.values() for r in rows)]:
        row["sources"] = data.cite(row[row["source_column"]])
    return data


# --- the search box ----------------------------------------------------------------------

# Abbreviations and what they stand for: a row that says either gets the other's words too.
SYNONYMS = TEMPLATES / "synonyms.csv"
# A word as the search box reads it (index.js splits the query with the same pattern): letters and digits,
# joined by . _ ' or -, so that 0.17, rate_ci and anti-cd20 stay one word.
_WORD = re.compile(r"[^\W_]+(?:[._'-][^\W_]+)*")
_PART = re.compile(r"[_-]")
# A query word that is a number matches a whole word only: 0.17 is not found in 0.175.
_NUMBER = re.compile(r"\d+(?:\.\d+)?\Z")


def search_words(text: str) -> list[str]:
    """The words of ``text``, lower case, as the search box splits them."""
    return _WORD.findall(str(text).lower())


@lru_cache(maxsize=1)
def synonyms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``((abbreviation, (expansion, ...)), ...)`` from ``templates/synonyms.csv``, in file order."""
    groups: dict[str, list[str]] = {}
    for row in _records(_read_csv(SYNONYMS)):
        groups.setdefault(row["abbreviation"], []).append(row["expansion"])
    return tuple((abbreviation, tuple(expansions)) for abbreviation, expansions in groups.items())


def search_text(texts, names=()) -> str:
    """The words a row is found by, each once, space separated (its ``data-search``).

    ``texts`` are prose (the finding, its section's heading, printed values); ``names`` are snake_case
    names (key, quantities, source ids). A word joined by ``_`` or ``-`` is also split into its parts, so
    that a word of a key finds it. A row that mentions an abbreviation of :func:`synonyms` (in capitals
    in its prose, or as a part of one of its names) or one of its expansions (in any case) gets the words
    of all of them. index.js keeps a row when every word of the query begins one of these words; a
    query word that is a number must equal one of them.
    """
    words: list[str] = []
    for text in [*texts, *names]:
        for word in search_words(text):
            words.append(word)
            if _PART.search(word) and not _NUMBER.match(word):
                words.extend(part for part in _PART.split(word) if part)
    capitals = {word for text in texts for word in re.findall(r"[^\W_]+", str(text))}
    parts = {part for name in names for part in re.split(r"[^\w]+|_", str(name).lower()) if part}
    prose = " | ".join(" ".join(search_words(text)) for text in [*texts, *names])
    for abbreviation, expansions in synonyms():
        if (abbreviation in capitals or abbreviation.lower() in parts
                or any(f" {' '.join(search_words(e))} " in f" {prose} " for e in expansions)):
            words.extend([abbreviation.lower(), *(w for e in expansions for w in search_words(e))])
    return " ".join(dict.fromkeys(words))


# --- the index ---------------------------------------------------------------------------

def _number(value) -> str:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return str(value)


def input_names(row: dict) -> list[str]:
    """The values quantities a ledger row used: its ``inputs`` (``;``-separated), and the ``quantity``
    an automatic check tests when ``inputs`` leaves it out."""
    names = [name for name in _text(row.get("inputs")).split(";") if name]
    quantity = _text(row.get("quantity"))
    return names + [quantity] if quantity and quantity not in names else names


def findings(table: pd.DataFrame, pages: list[Page], data: Transcribed,
             modules: list[code_pages.Module] | None = None) -> list[dict]:
    """Every ledger row, ready for the index template, in ledger order; ``modules`` (default: the
    package's, :func:`analysis.pipeline.code_pages.read_modules`) give each row its code link."""
    modules = code_pages.read_modules() if modules is None else modules
    where = {}
    for page in pages:
        for key in page.rows:
            where.setdefault(key, page)
    printed = {(study, value["quantity"]): value for study, rows in data.values.items() for value in rows}
    out = []
    for row in table.to_dict("records"):
        study, key = _text(row.get("study")), _text(row.get("key"))
        ids = _source_ids(row.get("source"))
        page = where.get((study, key))
        section = _text(row.get("section"))
        found = page is not None and section in page.sections
        if found:
            section_title = page.sections[section]
        elif page is not None:
            section_title = f"{page.title} (section {section or 'not named'} not found)"
        else:
            section_title = f"section {section or 'not named'} (no notebook page records this row)"
        interval = _text(row.get("interval"))
        inputs = [{"quantity": name, "value": printed.get((study, name))} for name in input_names(row)]
        item = {
            "study": study, "key": key, "finding": _text(row.get("finding")), "kind": _text(row.get("kind")),
            "status": _text(row.get("status")),
            **{c: _number(row.get(c)) for c in ("reported", "recomputed", "low", "high", "level")},
            "interval": interval, "interval_meaning": ledger.INTERVALS.get(interval, ""),
            "source_ids": ids, "sources": data.cite(row.get("source")), "inputs": inputs,
            "page": page.filename if page else "", "section": section, "section_found": found,
            "section_title": section_title,
            "code": code_pages.code_link(modules, study, section, key, _text(row.get("check"))),
        }
        shown_values = [v["value"][c] for v in inputs if v["value"] for c in ("value", "ci_low", "ci_high", "location")]
        texts = [item["finding"], item["kind"], item["status"], interval, section_title, *shown_values,
                 *(item[c] for c in ("reported", "recomputed", "low", "high", "level"))]
        item["search"] = search_text(texts, [study, key, *ids, *(v["quantity"] for v in inputs)])
        out.append(item)
    return out


def used_by(rows: list[dict]) -> dict[tuple[str, str], list[dict]]:
    """``{(study, quantity): [finding, ...]}``: the rows of :func:`findings` that used each value, in ledger order."""
    uses: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        for value in row["inputs"]:
            uses.setdefault((row["study"], value["quantity"]), []).append(row)
    return uses


def _scorecard_rows(table: pd.DataFrame) -> list[dict]:
    if table.empty:
        return []
    counts = scorecard.scorecard(table)
    return [{"study": str(study), "all": study == "all studies",
             "counts": {s: int(counts.at[study, s]) for s in ledger.STATUSES},
             **{c: int(counts.at[study, c]) for c in ("total", "checks", *scorecard.GROUPS)}}
            for study in counts.index]


def index_html(pages: list[Page], table: pd.DataFrame, data: Transcribed, audits: list[str] = (),
               modules: list[code_pages.Module] | None = None, rows: list[dict] | None = None) -> str:
    """The index page: notebooks, audit pages (file names), scorecard, every finding and the sources' citations;
    ``rows`` are :func:`findings` of ``table`` when already made."""
    table = table.reset_index(drop=True)
    rows = findings(table, pages, data, modules) if rows is None else rows
    per_page = {p.filename: sum(1 for r in rows if r["page"] == p.filename) for p in pages}
    statuses = [_text(s) for s in table["status"]] if "status" in table else []
    present = [s for s in ledger.STATUSES if s in statuses] + sorted(set(statuses) - set(ledger.STATUSES))
    return _environment().get_template("findings.html.j2").render(
        title=TITLE, intro=INTRO,
        pages=[{"filename": p.filename, "title": p.title, "notebook": p.notebook.name, "study": p.study,
                "rows": per_page[p.filename]} for p in pages],
        scorecard=_scorecard_rows(table), statuses=ledger.STATUSES, groups=scorecard.GROUP_MEANING,
        status_meaning=STATUS_MEANING, intervals=ledger.INTERVALS,
        studies=scorecard.studies(table) if len(table) else [], present_statuses=present, findings=rows,
        bibliography=list(data.bibliography.values()),
        audits=[{"filename": name, "study": name.removeprefix("audit-").removesuffix(".html")} for name in audits])


def values_html(data: Transcribed, rows: list[dict] = ()) -> str:
    """The page listing every transcribed value, claim and item not reported, with its source; each value
    links to the findings of ``rows`` (:func:`findings`) that used it."""
    uses = used_by(list(rows))
    return _environment().get_template("values.html.j2").render(
        title=TITLE, values=[{"study": study, "rows": [{**value, "used_by": uses.get((study, value["quantity"]), [])}
                                                       for value in values]}
                             for study, values in data.values.items()],
        claims=data.claims, not_reported=data.not_reported, bibliography=list(data.bibliography.values()))


def audit_pages(data_dir: Path | None = None) -> dict[str, str]:
    """``{audit-<study>.html: page}``: the automatic checks of every ``data/values/<study>.csv``
    (:mod:`analysis.audit`), as ``analysis audit`` writes them, flags first."""
    from analysis import audit
    from analysis.audit import io

    root = Path(data_dir) if data_dir is not None else paths.data_dir()
    pages = {}
    for path in sorted((root / "values").glob("*.csv")):
        rows = audit.run(io.read_values(path, path.stem), path.stem)  # in data/, the file name is the study
        pages[f"audit-{path.stem}.html"] = io.render_html(path.stem, path.name, rows)
    return pages


@dataclass(frozen=True)
class NotebookFreeParts:
    """What the report takes from ``data/`` and from the package's source alone: no executed notebook
    changes it, so :func:`analysis.pipeline.run.reproduce` builds it while the notebooks run."""

    data: Transcribed
    audits: dict[str, str]  # audit-<study>.html -> page
    modules: list[code_pages.Module]
    code: dict[str, str]  # code/<module>.html -> page


def notebook_free_parts(data_dir: Path | None = None, bibliography: pd.DataFrame | None = None) -> NotebookFreeParts:
    """The transcribed data (as :func:`transcribed` reads them), the audit pages (:func:`audit_pages`) and the
    code pages (:func:`analysis.pipeline.code_pages.pages`) of one report."""
    modules = code_pages.read_modules()
    return NotebookFreeParts(transcribed(data_dir, bibliography), audit_pages(data_dir), modules,
                             code_pages.pages(modules, TITLE))


def build(notebooks_dir: Path, table: pd.DataFrame, target: Path, *, bibliography: pd.DataFrame | None = None,
          data_dir: Path | None = None, pages: list[Page] | None = None,
          parts: NotebookFreeParts | None = None) -> Path:
    """Write the static report for the executed notebooks in ``notebooks_dir`` to ``target``.

    ``table`` is the ledger (:func:`analysis.findings.collect` of the same folder, with its
    ``section`` column); ``data_dir`` defaults to ``data/`` and ``bibliography`` to its
    bibliography.csv; ``pages`` are the notebooks already rendered by :func:`render_all`
    (rendered here when ``None``); ``parts`` are :func:`notebook_free_parts` already built
    (built here from ``data_dir`` and ``bibliography`` when ``None``). HTML pages in ``target``
    that the report no longer produces are removed; nothing else there is touched. Returns ``target``.
    """
    target = Path(target)
    pages = render_all(notebooks_dir) if pages is None else sorted(pages, key=lambda p: p.filename)
    clash = {"index.html", "values.html"} & {p.filename for p in pages}
    if clash:
        raise ValueError(f"a notebook would overwrite the report's {', '.join(sorted(clash))}")
    parts = parts or notebook_free_parts(data_dir, bibliography)
    rows = findings(table.reset_index(drop=True), pages, parts.data, parts.modules)
    written = {"index.html": index_html(pages, table, parts.data, sorted(parts.audits), parts.modules, rows),
               "values.html": values_html(parts.data, rows),
               **parts.audits, **{p.filename: p.html for p in pages}, **parts.code}
    (target / code_pages.FOLDER).mkdir(parents=True, exist_ok=True)
    for name, html in sorted(written.items()):
        paths.atomic_write_text(target / name, html)
    for stale in sorted([*target.glob("*.html"), *(target / code_pages.FOLDER).glob("*.html")]):
        if stale.relative_to(target).as_posix() not in written:
            stale.unlink()
    return target
