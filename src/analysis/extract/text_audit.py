"""``analysis audit FILE.txt`` (or ``.md``): extract the abstract's numbers, audit the draft, show both on its text.

A text is a .txt or .md file, each record of a PubMed export in MEDLINE text format or PubMed XML (.xml; its
title and abstract, study ``pmid_<PMID>``), or every text file of a folder (at most :data:`MAX_FILES` abstracts
in a run). For each, ``DIR/<study>/`` (the study id is the file's stem in snake_case) is made to hold exactly:

* ``values.csv``: the draft values file (:func:`analysis.extract.extract`), the reviewable artefact: a user
  corrects it and audits it again as a values file;
* ``unread.csv``: every other number of the text and why it was not read;
* ``findings.csv``: the audit of the draft (the columns of ``analysis audit`` on a values file);
* ``index.html``: the text itself, each number marked by its verdict (flag, passed, derived, read but not
  checked, unread) and linked to its row; the rows, flags first, each linked back to its place in the text.

With more than one, ``DIR/index.html`` lists them, most flags first (sortable by any column), each linked to its
page. Every text is read, extracted and validated before anything is written (:func:`prepare`); a folder is
written beside its target and swapped in whole (:func:`write`); a folder holding anything else, or an
``index.html`` this command did not write, is never replaced.

Many abstracts: ``jobs`` local processes extract and audit them (:class:`concurrent.futures.ProcessPoolExecutor`;
at most :data:`MAX_JOBS`, and never more than the machine's CPUs or the abstracts), with results identical to one
process, in the same order; a progress bar on stderr when it is a terminal and the run lasts. Running on a Dask
cluster (the issue's ``--scheduler``) is not built.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import audit, outputs
from analysis.extract import MAX_EXPORT_BYTES, ExtractError, Extraction, extract, read_text, study_id
from analysis.findings.ledger import CSV_COLUMNS, FAILED, PASSED, Finding
from analysis.paths import atomic_write_text

TEXT_SUFFIXES = (".txt", ".md")
TEMPLATES = Path(__file__).parent / "templates"
# At most this many abstracts (files in a folder, records in an export) in one run.
MAX_FILES = 10_000
# At most this many processes (--jobs); fewer where the machine has fewer CPUs.
MAX_JOBS = 64
# Abstracts handed to a process at once: large enough that sending them costs little beside the work.
CHUNK = 16
# The first line of the index page across abstracts, which marks it as this command's own.
INDEX_MARK = "<!DOCTYPE html><!-- written by analysis audit: the index of audited abstracts -->"


@dataclass
class Prepared:
    """A text extracted and audited, ready to be written (``path``: its file, or ``file#PMID`` in an export)."""

    path: Path
    extraction: Extraction
    findings: list[Finding]


def split(names: list[str]) -> tuple[list[str], list[str]]:
    """``names`` as (texts, values files): a text ends in .txt, .md or .xml (a PubMed export), or is a folder."""
    texts = [name for name in names if Path(name).suffix.lower() in (*TEXT_SUFFIXES, ".xml") or Path(name).is_dir()]
    return texts, [name for name in names if name not in texts]


def _medline(text: str) -> list[tuple[str, str]]:
    """(PMID, title and abstract) of each record of a PubMed export in MEDLINE text format (fields ``TAG - value``
    with the tag padded to 4 characters, continuation lines indented by 6 spaces; a record starts at ``PMID-``)."""
    records, fields = [], None
    for line in text.splitlines():
        tag, _, value = line.partition("- ")
        if line.startswith("PMID-"):
            fields = {"PMID": value.strip()}
            records.append(fields)
        elif fields is not None and line.startswith("      "):  # a field's continuation line
            fields[fields["_last"]] += " " + line.strip()
        elif fields is not None and line[4:6] == "- ":  # a tag padded to 4 characters
            fields["_last"] = tag.strip()
            fields.setdefault(tag.strip(), "")
            fields[tag.strip()] += value.strip()
    return [(r["PMID"], "\n\n".join(r[k] for k in ("TI", "AB") if r.get(k))) for r in records]


def _pubmed_xml(path: Path) -> list[tuple[str, str]]:
    """(PMID, title and abstract) of each ``PubmedArticle`` of a PubMed XML export; an abstract's labelled
    parts (BACKGROUND, RESULTS, ...) are joined as "Label: text" paragraphs. Raises ExtractError."""
    import xml.etree.ElementTree as ElementTree  # expat refuses entity expansion attacks; no external entities

    try:
        root = ElementTree.fromstring(read_text(path, MAX_EXPORT_BYTES, "a PubMed export"))
    except ElementTree.ParseError as exc:
        raise ExtractError(f"{path}: not PubMed XML ({exc})") from None
    records = []
    for article in root.iter("PubmedArticle"):
        pmid = article.findtext("MedlineCitation/PMID", default="").strip()
        if not pmid.isdigit():
            raise ExtractError(f"{path}: a PubmedArticle without a numeric PMID (record {len(records) + 1})")
        title = "".join(article.find("MedlineCitation/Article/ArticleTitle").itertext()).strip() if article.find(
            "MedlineCitation/Article/ArticleTitle") is not None else ""
        parts = [((part.get("Label") + ": ") if part.get("Label") else "") + "".join(part.itertext()).strip()
                 for part in article.iterfind("MedlineCitation/Article/Abstract/AbstractText")]
        records.append((pmid, "\n\n".join(text for text in (title, *parts) if text)))
    if not records:
        raise ExtractError(f"{path}: no PubmedArticle in this file")
    return records


def _starts_as_export(path: Path) -> bool:
    """Whether the file begins as a MEDLINE export (its first field ``PMID-``), from its first bytes only."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError:
        return False  # read_text says why
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"PMID-")


def _sources(name: str) -> list[tuple[Path, str, str]]:
    """(path, study, text) of every abstract ``name`` holds: a text file, a PubMed export in MEDLINE text or XML
    (one per PMID, study ``pmid_<PMID>``), or a folder of text files (not its subfolders). Raises ExtractError."""
    path = Path(name)
    if path.is_dir():
        entries = 0
        for entries, _ in enumerate(path.iterdir(), start=1):  # counted before anything is read
            if entries > MAX_FILES:
                raise ExtractError(f"{path}: more than {MAX_FILES} entries; audit at most {MAX_FILES} files at once")
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        if not files:
            raise ExtractError(f"{path}: no .txt or .md file in this folder")
        return [source for file in files for source in _sources(str(file))]
    if path.suffix.lower() == ".xml":
        records = _pubmed_xml(path)
    elif not _starts_as_export(path):
        return [(path, study_id(path), read_text(path))]
    else:
        records = _medline(read_text(path, MAX_EXPORT_BYTES, "a PubMed export"))
    if len(records) > MAX_FILES:
        raise ExtractError(f"{path}: {len(records)} records; audit at most {MAX_FILES} at once")
    return [(Path(f"{path}#{pmid}"), f"pmid_{pmid}", abstract) for pmid, abstract in records]


def workers(jobs: int, abstracts: int) -> int:
    """The processes to run for ``jobs`` asked: ``jobs`` bounded by the CPU count and the number of abstracts.
    Raises ValueError naming ``jobs`` outside 1 to :data:`MAX_JOBS`."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
        raise ValueError(f"jobs must be a whole number from 1 to {MAX_JOBS}, got {jobs!r}")
    return max(1, min(jobs, os.cpu_count() or 1, abstracts))


def _prepare_one(path: Path, study: str, text: str, level: float) -> Prepared | str:
    """One text extracted, validated and audited, or the line saying why its draft fails the schema."""
    from analysis.data.load import validate_frame

    extraction = extract(text, study)
    values, located = validate_frame(path, extraction.values().replace("", None), "values", study)
    if located:
        return f"{path}: the draft fails the values schema ({located[0][0]}); this is a defect of analysis extract"
    return Prepared(path, extraction, audit.run(values, study, level))


def prepare(names: list[str], out_dir: Path, level: float = 0.95, jobs: int = 1,
            progress: bool = False) -> tuple[list[Prepared], list[str]]:
    """Extract and audit every text of ``names`` for ``out_dir``: (prepared texts, problems as one line each).

    ``jobs`` processes share the work (see :func:`workers`; ValueError outside 1 to :data:`MAX_JOBS`), the
    results in the order of the texts whatever the number; ``progress`` shows a bar on stderr (tqdm) for a run
    that lasts more than a second or two, when stderr is a terminal.
    """
    workers(jobs, 1)  # refused before any file is read
    prepared, problems, studies = [], [], {}
    sources, todo = [], []
    for name in names:
        try:
            sources.extend(_sources(name))
        except ExtractError as exc:
            problems.append(str(exc))
    if _foreign_index(Path(out_dir) / "index.html") and len(sources) > 1:
        problems.append(f"{Path(out_dir) / 'index.html'}: exists and was not written by analysis audit; "
                        "choose another --out")
    for path, study, text in sources:
        if study in studies:
            problems.append(f"{path}: same study id {study!r} as {studies[study]}; rename one of them")
            continue
        studies[study] = path
        try:
            outputs.check_replaceable(Path(out_dir) / study)
        except outputs.OutputRefused as exc:
            problems.append(str(exc))
            continue
        todo.append((path, study, text))
    processes = workers(jobs, len(todo))
    columns = [list(column) for column in zip(*todo, strict=True)] or [[], [], []]
    levels = [level] * len(todo)
    bar = _progress_bar(len(todo), progress)
    with ProcessPoolExecutor(processes) if processes > 1 else nullcontext() as pool:
        work = (_prepare_one, *columns, levels)
        results = pool.map(*work, chunksize=CHUNK) if pool else map(*work)
        for result in results:
            (problems if isinstance(result, str) else prepared).append(result)
            bar.update()
    bar.close()
    return prepared, problems


def _progress_bar(total: int, progress: bool):
    """A tqdm bar on stderr, shown only if ``progress``, stderr is a terminal and the run lasts past 2 seconds."""
    from tqdm import tqdm

    return tqdm(total=total, desc="extract and audit", unit="abstract", file=sys.stderr, delay=2,
                disable=not (progress and sys.stderr.isatty()))


def verdicts(prepared: Prepared) -> dict[str, str]:
    """Each quantity's verdict: ``flag`` if a check of it failed, else ``passed``, ``derived`` or ``unchecked``."""
    by_quantity: dict[str, set[str]] = {}
    for finding in prepared.findings:
        by_quantity.setdefault(finding.quantity, set()).add(finding.status)
    verdict = {}
    for quantity in prepared.extraction.quantities:
        statuses = by_quantity.get(quantity, set())
        verdict[quantity] = ("flag" if statuses & set(FAILED) else "passed" if statuses & set(PASSED)
                             else "derived" if "derived" in statuses else "unchecked")
    return verdict


def audit_text(text: str, study: str, level: float = 0.95) -> Prepared:
    """``text`` extracted and its draft audited, as ``analysis audit`` does for one file, with nothing written.
    Raises ExtractError if the draft fails the values schema (a defect of the extraction)."""
    result = _prepare_one(Path(f"{study}.txt"), study, text, level)
    if isinstance(result, str):
        raise ExtractError(result)
    return result


def draft_frame(values: pd.DataFrame, study: str) -> pd.DataFrame:
    """A draft values table (``Extraction.values()``, as extracted or corrected by hand; blanks as "") validated
    and typed as a values file is (what :func:`analysis.audit.run` takes). Raises ExtractError naming the first
    schema problem."""
    from analysis.data.load import validate_frame

    frame, located = validate_frame(Path(f"{study}.csv"), values.replace("", None), "values", study)
    if located:
        raise ExtractError(f"the draft fails the values schema: {located[0][0]}")
    return frame


def audit_values(values: pd.DataFrame, study: str, level: float = 0.95) -> list[Finding]:
    """A draft values table (see :func:`draft_frame`) audited, as ``analysis audit values.csv`` audits the file."""
    return audit.run(draft_frame(values, study), study, level)


def verdict_table(prepared: Prepared) -> pd.DataFrame:
    """Every number of the text with its verdict, as the page marks it, flags first, then in text order:
    ``start``, ``printed`` (the characters), ``quantity`` (blank for an unread number), ``statistic``,
    ``verdict`` (flag, passed, derived, unchecked or unread) and, for an unread number, ``why``."""
    verdict = verdicts(prepared)
    extraction = prepared.extraction
    rows = [{"start": number.start, "printed": number.text, "quantity": quantity, "statistic": row.statistic,
             "verdict": verdict[quantity], "why": ""}
            for row, quantity in zip(extraction.rows, extraction.quantities, strict=True) for number in row.held]
    rows += [{"start": item.printed.start, "printed": item.printed.text, "quantity": "", "statistic": "",
              "verdict": "unread", "why": item.reason} for item in extraction.unread]
    rows.sort(key=lambda row: (row["verdict"] != "flag", row["start"]))
    return pd.DataFrame(rows, columns=["start", "printed", "quantity", "statistic", "verdict", "why"])


def _pieces(prepared: Prepared, verdict: dict[str, str]) -> list[dict]:
    """The text cut into plain pieces and marked numbers, in order."""
    extraction = prepared.extraction
    marks = []
    for row, quantity in zip(extraction.rows, extraction.quantities, strict=True):
        for number in row.held:
            marks.append((number.start, number.end, verdict[quantity], f"q-{quantity}",
                          f"{quantity}: {verdict[quantity]}"))
    for item in extraction.unread:
        marks.append((item.printed.start, item.printed.end, "unread", f"u-{item.printed.start}",
                      f"unread: {item.reason}"))
    pieces, position = [], 0
    for start, end, mark, target, title in sorted(marks):
        pieces.append({"text": extraction.text[position:start], "mark": None})
        pieces.append({"text": extraction.text[start:end], "mark": mark, "start": start, "target": target,
                       "title": title})
        position = end
    pieces.append({"text": extraction.text[position:], "mark": None})
    return pieces


def render(prepared: Prepared) -> str:
    """The page of one text (deterministic: no dates, no absolute paths)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      keep_trailing_newline=True)
    verdict = verdicts(prepared)
    extraction = prepared.extraction
    table = extraction.values()
    rows = []
    for (_, row), draft in zip(table.iterrows(), extraction.rows, strict=True):
        rows.append({**row.to_dict(), "verdict": verdict[row["quantity"]], "start": draft.printed.start,
                     "end": draft.printed.end, "ci": f"{row['ci_low']} to {row['ci_high']}" if row["ci_low"] else "",
                     "findings": [f for f in prepared.findings if f.quantity == row["quantity"]]})
    rows.sort(key=lambda row: row["verdict"] != "flag")  # stable: flags first, then text order
    unread = [{"text": u.printed.text, "reason": u.reason, "start": u.printed.start, "end": u.printed.end}
              for u in extraction.unread]
    return env.get_template("text_audit.html.j2").render(
        source_name=prepared.path.name, study=extraction.study, rows=rows, unread=unread,
        pieces=_pieces(prepared, verdict), n_flags=sum(f.status in FAILED for f in prepared.findings),
        n_checks=sum(f.status in (*PASSED, *FAILED) for f in prepared.findings))


def _findings_csv(findings: list[Finding]) -> str:
    frame = pd.DataFrame([{c: getattr(row, c) for c in CSV_COLUMNS} for row in findings], columns=CSV_COLUMNS)
    return frame.to_csv(index=False, lineterminator="\n")


def write(prepared: Prepared, out_dir: Path, stage: Path) -> str:
    """Stage ``out_dir/<study>/`` for one prepared text in the open :func:`analysis.outputs.staging` folder
    ``stage`` (as ``stage/new/<study>``); return its one-line summary."""
    extraction = prepared.extraction
    target = Path(out_dir) / extraction.study
    files = {"values.csv": extraction.values().to_csv(index=False, lineterminator="\n"),
             "unread.csv": extraction.unread_table().to_csv(index=False, lineterminator="\n"),
             "findings.csv": _findings_csv(prepared.findings), "index.html": render(prepared)}
    folder = stage / "new" / extraction.study
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8"))
        os.chmod(folder / name, 0o644)
    checks = sum(f.status in (*PASSED, *FAILED) for f in prepared.findings)
    flags = sum(f.status in FAILED for f in prepared.findings)
    return (f"{extraction.study}: {len(extraction.rows)} numbers read, {len(extraction.unread)} unread, "
            f"{checks} check{'s' * (checks != 1)}, {flags} flag{'s' * (flags != 1)} -> {target}")


def write_all(prepared: list[Prepared], out_dir: Path):
    """Write every prepared text (yielding its summary line) and, for more than one, ``out_dir/index.html``."""
    if not prepared:
        return
    with outputs.staging(Path(out_dir), "audit") as stage:
        lines = [write(item, out_dir, stage) for item in prepared]  # all staged before any is swapped in
        for item in prepared:
            study = item.extraction.study
            outputs.swap_in(stage / "new" / study, Path(out_dir) / study, "audit", stage)
    yield from lines
    if len(prepared) > 1:
        target = atomic_write_text(Path(out_dir) / "index.html", render_index(prepared))
        yield f"index of {len(prepared)} abstracts, most flags first -> {target}"


def render_index(prepared: list[Prepared]) -> str:
    """The page across abstracts: one row each, most flags first, each linked to its page."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    rows = [{"study": item.extraction.study, "source": str(item.path), "read": len(item.extraction.rows),
             "unread": len(item.extraction.unread), "flags": sum(f.status in FAILED for f in item.findings),
             "checks": sum(f.status in (*PASSED, *FAILED) for f in item.findings)} for item in prepared]
    rows.sort(key=lambda row: (-row["flags"], row["study"]))
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      keep_trailing_newline=True)
    return INDEX_MARK + "\n" + env.get_template("text_audit_index.html.j2").render(rows=rows)


def _foreign_index(target: Path) -> bool:
    """Whether ``target`` exists and is not an index page this command wrote."""
    if not target.exists():
        return False
    try:
        with target.open(encoding="utf-8") as handle:
            return handle.readline().rstrip("\n") != INDEX_MARK
    except (OSError, UnicodeDecodeError):
        return True
