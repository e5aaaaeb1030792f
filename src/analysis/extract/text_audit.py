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

Many abstracts: they are worked on in chunks of :data:`CHUNK` (:func:`audit_chunk`: extract, validate the drafts
as one table, audit, render the four files), by this process, by ``jobs`` local processes
(:class:`concurrent.futures.ProcessPoolExecutor`; at most :data:`MAX_JOBS`, and never more than the machine's CPUs
or the abstracts), or by the workers of a Dask cluster (``scheduler``, :mod:`.cluster`), with results identical
to one process, in the same order; a progress bar on stderr when it is a terminal and the run lasts.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
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
# Abstracts handed to a process or a Dask worker at once, their drafts validated as one table: large enough that
# sending them and pandera's cost per call (about 0.1 s) count little beside the work (2 ms a draft at 64).
CHUNK = 64
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
            # a repeated field is a paragraph of its own, as an XML export's parts are: never glued to the last
            fields[tag.strip()] = "\n\n".join(filter(None, (fields.get(tag.strip()), value.strip())))
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


def sources(name: str) -> list[tuple[Path, str, str]]:
    """(path, study, text) of every abstract ``name`` holds: a text file, a PubMed export in MEDLINE text or XML
    (one per PMID, study ``pmid_<PMID>``), or a folder of text files (not its subfolders). Raises ExtractError."""
    path = Path(name)
    if path.is_dir():
        for entries, _ in enumerate(path.iterdir(), start=1):  # counted before anything is read
            if entries > MAX_FILES:
                raise ExtractError(f"{path}: more than {MAX_FILES} entries; audit at most {MAX_FILES} files at once")
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        if not files:
            raise ExtractError(f"{path}: no .txt or .md file in this folder")
        return [source for file in files for source in sources(str(file))]
    if path.suffix.lower() == ".xml":
        records = _pubmed_xml(path)
    elif not _starts_as_export(path):
        return [(path, study_id(path), read_text(path))]
    else:
        text = read_text(path, MAX_EXPORT_BYTES, "a PubMed export")
        records = _medline(text)
        if not records:  # known as an export by its first field, which is indented: refused, never read as empty
            number, line = next((k, line) for k, line in enumerate(text.splitlines(), start=1) if line.strip())
            raise ExtractError(f"{path}, line {number}, column {len(line) - len(line.lstrip()) + 1}: the MEDLINE field "
                               "PMID- is indented; an export starts each field at the first character of its line "
                               "(only continuation lines are indented)")
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
        return _schema_defect(path, located)
    return Prepared(path, extraction, audit.run(values, study, level))


def _schema_defect(path: Path, located: list) -> str:
    return f"{path}: the draft fails the values schema ({located[0][0]}); this is a defect of analysis extract"


def _suffixed(draft: pd.DataFrame, k: int) -> pd.DataFrame:
    """``draft`` with every quantity name (in ``quantity``, ``of``, ``denominator``) ending in ``__k``: names stay
    valid exactly when they were (the schema's pattern reads the first character and the rest), and no name of
    one draft can equal a name of another."""
    def tag(names):
        return ";".join(f"{name}__{k}" for name in names.split(";")) if isinstance(names, str) else names

    return draft.assign(quantity=draft["quantity"].map(tag), of=draft["of"].map(tag),
                        denominator=draft["denominator"].map(tag))


def _validated(paths: list[Path], extractions: list[Extraction]) -> list[pd.DataFrame | str]:
    """Each extraction's draft validated against the values schema and typed, exactly as
    :func:`analysis.data.load.validate_frame` validates it alone, or the line saying why it fails.

    pandera's cost is mostly per call (about 0.1 s for a draft of ten rows, 2 ms a draft in a table of 64), so the
    drafts are validated as one table: each draft's names made distinct (:func:`_suffixed`), so that the checks
    within a file (unique quantities, links to rows of the file) stay within its rows, and its study column set to
    the first draft's study once each draft is seen to hold its own. If the table fails, each draft is validated
    alone, for its own message."""
    from analysis.data.load import validate_frame

    drafts = [extraction.values().replace("", None) for extraction in extractions]
    if len(drafts) > 1 and all((draft["study"] == e.study).all() for draft, e in zip(drafts, extractions,
                                                                                       strict=True)):
        study = extractions[0].study
        table = pd.concat([_suffixed(draft, k).assign(study=study) for k, draft in enumerate(drafts)],
                          ignore_index=True)
        typed, located = validate_frame(paths[0], table, "values", study)
        if not located:
            frames, start = [], 0
            for draft in drafts:
                frame = typed.iloc[start:start + len(draft)].reset_index(drop=True)
                start += len(draft)
                names = ["study", "quantity", "of", "denominator"]  # as given: the schema only checks them
                frame[names] = draft[names]
                frames.append(frame)
            return frames
    results = []
    for path, draft, extraction in zip(paths, drafts, extractions, strict=True):
        frame, located = validate_frame(path, draft, "values", extraction.study)
        results.append(_schema_defect(path, located) if located else frame)
    return results


@dataclass
class Audited:
    """A text's four files (rendered where it was audited) and its counts, all :func:`write_all` needs."""

    path: Path
    study: str
    files: dict[str, str]
    read: int
    unread: int
    checks: int
    flags: int


def audited(prepared: Prepared) -> Audited:
    """``prepared``'s four files rendered, and its counts: numbers read and unread, checks and flags."""
    extraction = prepared.extraction
    files = {"values.csv": extraction.values().to_csv(index=False, lineterminator="\n"),
             "unread.csv": extraction.unread_table().to_csv(index=False, lineterminator="\n"),
             "findings.csv": _findings_csv(prepared.findings), "index.html": render(prepared)}
    return Audited(prepared.path, extraction.study, files, len(extraction.rows), len(extraction.unread),
                   sum(f.status in (*PASSED, *FAILED) for f in prepared.findings),
                   sum(f.status in FAILED for f in prepared.findings))


def audit_chunk(chunk: list[tuple[Path, str, str]], level: float) -> list[Audited | str]:
    """Extract, validate, audit and render each (path, study, text) of ``chunk``: its :class:`Audited`, or the line
    saying why its draft fails the schema. The one task that local processes and Dask workers run.

    Raises ExtractError naming the abstract if its work fails otherwise (a defect, said as such)."""
    paths, extractions = [], []
    for path, study, text in chunk:
        with _naming(path):
            extractions.append(extract(text, study))
            paths.append(path)
    results = []
    for path, extraction, frame in zip(paths, extractions, _validated(paths, extractions), strict=True):
        if isinstance(frame, str):
            results.append(frame)
            continue
        with _naming(path):
            results.append(audited(Prepared(path, extraction, audit.run(frame, extraction.study, level))))
    return results


@contextmanager
def _naming(path: Path):
    """An exception of the work on one abstract raised again as an ExtractError that names it (one line)."""
    try:
        yield
    except Exception as exc:  # a defect of analysis; the user must know which abstract to report
        first = (str(exc).strip().splitlines() or [""])[0]
        raise ExtractError(f"{path}: the audit of this abstract failed ({type(exc).__name__}: {first}); "
                           "this is a defect of analysis audit, please report it") from None


def _chunks(todo: list[tuple[Path, str, str]]) -> list[list[tuple[Path, str, str]]]:
    return [todo[start:start + CHUNK] for start in range(0, len(todo), CHUNK)]


def prepare(names: list[str], out_dir: Path, level: float = 0.95, jobs: int = 1,
            progress: bool = False, scheduler: str | None = None) -> tuple[list[Audited], list[str]]:
    """Extract and audit every text of ``names`` for ``out_dir``: (audited texts, problems as one line each).

    ``jobs`` processes share the work (see :func:`workers`; ValueError outside 1 to :data:`MAX_JOBS`), or the
    workers of the Dask cluster whose scheduler is at ``scheduler`` (:mod:`.cluster`), the results in the order of
    the texts whatever the number; ``progress`` shows a bar on stderr (tqdm) for a run that lasts more than a
    second or two, when stderr is a terminal. Raises ExtractError naming the abstract whose work failed, or the
    scheduler that does not answer.
    """
    workers(jobs, 1)  # refused before any file is read
    problems, studies = [], {}
    found, todo = [], []
    for name in names:
        try:
            found.extend(sources(name))
        except ExtractError as exc:
            problems.append(str(exc))
    if _foreign_index(Path(out_dir) / "index.html") and len(found) > 1:
        problems.append(f"{Path(out_dir) / 'index.html'}: exists and was not written by analysis audit; "
                        "choose another --out")
    for path, study, text in found:
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
    chunks = _chunks(todo)
    bar = _progress_bar(len(todo), progress)
    if scheduler is not None:
        from analysis.extract import cluster

        results = cluster.run(scheduler, audit_chunk, chunks, level)
    else:
        results = _local(chunks, level, workers(jobs, len(todo)))
    done = []
    for chunk_results in results:
        for result in chunk_results:
            (problems if isinstance(result, str) else done).append(result)
        bar.update(len(chunk_results))
    bar.close()
    return done, problems


def _local(chunks: list, level: float, processes: int):
    """Each chunk's results, in order, from ``processes`` local processes (or this one)."""
    if processes == 1:
        yield from (audit_chunk(chunk, level) for chunk in chunks)
        return
    with ProcessPoolExecutor(processes) as pool:
        yield from pool.map(audit_chunk, chunks, [level] * len(chunks))


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


@cache
def _template(name: str):
    """The Jinja template ``name``, compiled once per process (compiling took most of a page's time)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      keep_trailing_newline=True)
    return env.get_template(name)


def render(prepared: Prepared) -> str:
    """The page of one text (deterministic: no dates, no absolute paths)."""
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
    return _template("text_audit.html.j2").render(
        source_name=prepared.path.name, study=extraction.study, rows=rows, unread=unread,
        pieces=_pieces(prepared, verdict), n_flags=sum(f.status in FAILED for f in prepared.findings),
        n_checks=sum(f.status in (*PASSED, *FAILED) for f in prepared.findings))


def _findings_csv(findings: list[Finding]) -> str:
    frame = pd.DataFrame([{c: getattr(row, c) for c in CSV_COLUMNS} for row in findings], columns=CSV_COLUMNS)
    return frame.to_csv(index=False, lineterminator="\n")


def write(audited: Audited, out_dir: Path, stage: Path) -> str:
    """Stage ``out_dir/<study>/`` for one audited text in the open :func:`analysis.outputs.staging` folder
    ``stage`` (as ``stage/new/<study>``); return its one-line summary."""
    target = Path(out_dir) / audited.study
    folder = stage / "new" / audited.study
    folder.mkdir(parents=True)
    for name, text in audited.files.items():
        (folder / name).write_bytes(text.encode("utf-8"))
        os.chmod(folder / name, 0o644)
    return (f"{audited.study}: {audited.read} numbers read, {audited.unread} unread, "
            f"{audited.checks} check{'s' * (audited.checks != 1)}, {audited.flags} flag{'s' * (audited.flags != 1)} "
            f"-> {target}")


def write_all(audited: list[Audited], out_dir: Path):
    """Write every audited text (yielding its summary line) and, for more than one, ``out_dir/index.html``."""
    if not audited:
        return
    with outputs.staging(Path(out_dir), "audit") as stage:
        lines = [write(item, out_dir, stage) for item in audited]  # all staged before any is swapped in
        for item in audited:
            outputs.swap_in(stage / "new" / item.study, Path(out_dir) / item.study, "audit", stage)
    yield from lines
    if len(audited) > 1:
        target = atomic_write_text(Path(out_dir) / "index.html", render_index(audited))
        yield f"index of {len(audited)} abstracts, most flags first -> {target}"


def render_index(audited: list[Audited]) -> str:
    """The page across abstracts: one row each, most flags first, each linked to its page."""
    rows = [{"study": item.study, "source": str(item.path), "read": item.read, "unread": item.unread,
             "flags": item.flags, "checks": item.checks} for item in audited]
    rows.sort(key=lambda row: (-row["flags"], row["study"]))
    return INDEX_MARK + "\n" + _template("text_audit_index.html.j2").render(rows=rows)


def _foreign_index(target: Path) -> bool:
    """Whether ``target`` exists and is not an index page this command wrote."""
    if not target.exists():
        return False
    try:
        with target.open(encoding="utf-8") as handle:
            return handle.readline().rstrip("\n") != INDEX_MARK
    except (OSError, UnicodeDecodeError):
        return True
