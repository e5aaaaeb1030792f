"""Command line: ``analysis check | manifest | reproduce | run | student | report | audit | extract | new-study``."""

from __future__ import annotations

import argparse
import os
import re
import sys
import threading
from pathlib import Path

from analysis import outputs, paths


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def cmd_check(args) -> int:
    from analysis import data

    problems = data.check_all(Path(args.data_dir) if args.data_dir else None)
    if problems:
        print(f"error: data validation failed ({len(problems)} problem{'s' * (len(problems) > 1)}):",
              file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    root = Path(args.data_dir) if args.data_dir else paths.data_dir()
    print(f"data OK: {len(data.data_files(root))} files valid, manifest matches")
    return 0


def cmd_manifest(args) -> int:
    from analysis import data

    root = Path(args.data_dir) if args.data_dir else None
    problems = data.check_all(root, manifest=False)
    if problems:
        return _fail("fix these before recording checksums:\n  " + "\n  ".join(problems))
    print(f"wrote {data.write_manifest(root)}")
    return 0


_PRINTING = threading.Lock()


def _started_line(name: str) -> str:
    return f"  started  {name}"


def _say_line(line: str) -> None:
    """Print ``line`` and its newline in one write: the kernels' threads report at once, and print() writes the
    newline apart, so two lines could join into one ("started A  started B")."""
    with _PRINTING:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def _say_started(name: str) -> None:
    _say_line(_started_line(name))


class _Progress:
    """One line per executed notebook; on a terminal, below a progress bar (tqdm)."""

    def __init__(self, total: int):
        self.bar = None
        if sys.stdout.isatty():  # a log gets the lines only, and is spared importing tqdm
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="notebooks", unit="nb", file=sys.stdout, dynamic_ncols=True)

    def __call__(self, name: str, seconds: float) -> None:
        self._say(f"  executed {name:<45} {seconds:6.1f} s")
        if self.bar is not None:
            self.bar.update(1)

    def started(self, name: str) -> None:
        self._say(_started_line(name))

    def _say(self, line: str) -> None:
        if self.bar is None:
            _say_line(line)
        else:
            self.bar.write(line)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def cmd_reproduce(args) -> int:
    from analysis.pipeline import run as runner

    try:
        selected = runner.select(runner.notebooks(), args.notebook)
    except runner.NotebookFailed as exc:
        return _fail(str(exc))
    progress = _Progress(len(selected))
    try:
        timings = runner.reproduce(args.notebook, args.jobs, progress, build_report=not args.no_report)
    except runner.DataInvalid as exc:
        progress.close()  # before the message, so that a terminal shows it below the bar
        return _fail("data validation failed; no notebook was executed:\n  " + "\n  ".join(exc.problems))
    except runner.NotebookFailed as exc:
        progress.close()
        return _fail(f"{exc}\nNothing was written: notebooks/, figures/ and build/ are as they were.")
    progress.close()
    total = sum(t.seconds for t in timings)
    print(f"executed {len(timings)} notebooks ({total:.1f} s of kernel time)")
    print(f"ledger: {paths.build_dir() / 'findings.csv'}")
    if not args.no_report:
        print(f"report: {paths.build_dir() / 'report' / 'index.html'}")
    return 0


def cmd_student(args) -> int:
    from analysis.pipeline import run as runner

    progress = _Progress(len(runner.notebooks()))
    try:
        timings = runner.student(jobs=args.jobs, progress=progress)
    except runner.NotebookFailed as exc:
        progress.close()
        return _fail(f"{exc}\n(student copy) nothing was written: build/student/ is as it was.")
    progress.close()
    print(f"executed {len(timings)} student notebooks (worked answers removed)")
    print(f"wrote {paths.build_dir() / 'student'} (figures in {paths.build_dir() / 'student' / 'figures'})")
    return 0


def _find_notebook(name: str, notebooks: list[Path]) -> Path:
    """A notebook by path, by the start of its file name, or by a unique part of it."""
    if not name.strip():
        raise ValueError("NOTEBOOK is empty: give a path or part of a notebook's file name")
    path = Path(name)
    if os.path.lexists(path):
        if path.is_file() and path.suffix == ".ipynb":
            return path
        raise ValueError(f"{name!r} is not a notebook file (.ipynb)")
    for matches in ([p for p in notebooks if p.name.startswith(name)], [p for p in notebooks if name in p.name]):
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValueError(f"{name!r} matches {len(matches)} notebooks: {', '.join(p.name for p in matches)}")
    raise ValueError(f"{name!r}: no such notebook in notebooks/")


MAX_RUN_NAME = 120  # characters of a run's folder name; longer ones end in a digest of the whole


def run_folder_name(stem: str, parameters: dict) -> str:
    """The folder of ``analysis run`` for notebook ``stem`` with ``parameters``: only letters, digits and
    ``_.-``, never ``.`` or ``..``, at most :data:`MAX_RUN_NAME` characters."""
    import hashlib

    tag = "_".join(f"{k}-{v}" for k, v in parameters.items()) or "defaults"
    name = re.sub(r"[^A-Za-z0-9_.-]+", "", f"{stem}__{tag}")
    if len(name) > MAX_RUN_NAME:
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
        name = f"{name[:MAX_RUN_NAME - 18]}__{digest}"
    return name


def cmd_run(args) -> int:
    import tempfile

    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from analysis.pipeline import parameters as typed
    from analysis.pipeline import run as runner

    try:
        source = _find_notebook(args.notebook, runner.notebooks())
        notebook = load_notebook_node(str(source))  # as papermill reads it: every cell has a tags list
    except ValueError as exc:
        return _fail(str(exc))
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.tags]
    # Every value is read as the type of its default before any cell runs.
    try:
        parameters = typed.read_all(tagged[0].source if tagged else "", args.parameter, source.name)
        typed.check_study(notebook.metadata, parameters, source.name)  # the study's declared bounds, no kernel yet
    except typed.ParameterError as exc:
        return _fail(f"{exc} (nothing was run or written)")
    runs = paths.build_dir() / "runs"
    final = runs / run_folder_name(source.stem, parameters)
    outputs.check_replaceable(final)  # refused before a kernel starts
    # Run in a staging folder and move it into place only if the notebook ran through.
    with outputs.staging(runs, "run") as stage:
        result = stage / "result"
        try:
            # papermill's injection: a cell tagged injected-parameters after the parameters cell.
            # Tuples become lists: papermill would write a tuple into the notebook as a string.
            injected = {k: list(v) if isinstance(v, tuple) else v for k, v in parameters.items()}
            with tempfile.TemporaryDirectory() as scratch:
                parameterized = Path(scratch) / source.name
                nbformat.write(parameterize_notebook(notebook, injected), parameterized)
                # committed figures stay untouched
                env = dict(os.environ, **runner.KERNEL_SETTINGS, ANALYSIS_FIGURES_DIR=str(result / "figures"))
                runner.execute(parameterized, result / source.name, env, source.parent, started=_say_started)
        except runner.NotebookFailed as exc:
            if exc.refused_parameter is not None:  # the study's check_parameters said what is allowed
                return _fail(f"{source.name}: {exc.refused_parameter} (nothing was written)")
            return _fail(f"{exc}\n(nothing was written; the committed {source.name} is untouched)")
        count, changes = runner.write_run_results(result / source.name, source, result)
        outputs.swap_in(result, final, "run", stage)
    print(f"wrote {final / source.name}")
    print(f"figures in {final / 'figures'}")
    print(f"findings: {final / 'findings.csv'} ({count} ledger rows)")
    changed = len({(c['study'], c['key']) for c in changes})
    print(f"changes: {final / 'changes.csv'} ({changed} of the rows differ from the committed {source.name}, "
          f"{len(changes)} values)")
    return 0


def cmd_report(args) -> int:
    from analysis.findings import ledger
    from analysis.pipeline import report

    folder = paths.notebooks_dir()
    target = paths.build_dir() / "report"
    outputs.check_replaceable(target)
    with outputs.staging(target.parent, "report") as stage:
        report.build(folder, ledger.collect(folder), stage / "report")
        outputs.swap_in(stage / "report", target, "report", stage)
    print(f"wrote {target / 'index.html'}")
    return 0


def cmd_audit(args) -> int:
    from analysis.audit import io
    from analysis.data import DataError
    from analysis.extract import ExtractError, text_audit

    if not 0 < args.level < 1:  # also refuses nan
        return _fail(f"--level must be between 0 and 1 (exclusive), got {args.level:g} (nothing was written)")
    if args.out is None:
        out = outputs.ensure_folder(paths.build_dir(), "audit") / "audit"
    else:
        out = Path(args.out)
        _check_out(out)
    io.check_out_dir(out)
    texts, files = text_audit.split(args.files)  # an abstract's text (.txt, .md) is extracted first
    if args.scheduler is not None and args.jobs is not None:
        return _fail("--scheduler and --jobs exclude each other: --jobs runs local processes, --scheduler the "
                     "cluster's workers (nothing was written)")
    jobs = 1 if args.jobs is None else args.jobs
    try:
        text_audit.workers(jobs, 1)
    except ValueError as exc:
        return _fail(f"--{exc}")
    try:
        prepared, problems = text_audit.prepare(texts, out, args.level, jobs, progress=True,
                                                scheduler=args.scheduler)
    except ExtractError as exc:  # the work on one abstract failed: a defect, named by the abstract
        return _fail(f"{exc} (nothing was written)")
    if problems:
        return _fail("invalid input; nothing was written:\n  " + "\n  ".join(problems))
    text_studies = {item.study: item.path for item in prepared}
    try:
        written = io.audit_files([Path(name) for name in files], out, level=args.level,
                                 taken=text_studies) if files else []
    except DataError as err:
        if len(err.problems) == 1:
            return _fail(f"{err.problems[0]} (nothing was written)")
        return _fail("invalid input; nothing was written:\n  " + "\n  ".join(err.problems))
    try:
        written = [*text_audit.write_all(prepared, out), *written]  # the texts' lines first, as given
    except ExtractError as exc:
        return _fail(str(exc))
    for line in written:
        print(line)
    return 0


def _check_out(out: Path) -> None:
    """Refuse an ``--out`` that is not a folder, whose parent is missing, or that cannot be written."""
    if os.path.lexists(out) and not out.is_dir():
        raise outputs.OutputRefused(f"--out {out} is a file, not a folder")
    if not out.exists() and not out.absolute().parent.is_dir():
        raise outputs.OutputRefused(f"--out {out}: its parent folder {out.absolute().parent} does not exist")
    writable = out if out.exists() else out.absolute().parent
    if not os.access(writable, os.W_OK | os.X_OK):
        raise outputs.OutputRefused(f"--out {out}: {writable} is not writable")


def cmd_extract(args) -> int:
    from analysis import extract

    try:
        extraction, values, unread = extract.extract_file(Path(args.file), Path(args.out), args.study)
    except extract.ExtractError as exc:
        return _fail(f"{exc} (nothing was written)")
    print(f"{extraction.study}: {len(extraction.rows)} rows read -> {values}; "
          f"{len(extraction.unread)} numbers unread -> {unread}")
    return 0


def cmd_new_study(args) -> int:
    from analysis.pipeline import new_study

    try:
        written = new_study.create(args.study)
    except ValueError as exc:
        return _fail(str(exc))
    for path in written:
        print(f"wrote {path.relative_to(paths.REPO)}")
    print("next: fill in the values file and the sections (CONTRIBUTING.md, 'Adding a study')")
    return 0


def _at_least_one(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {number}")
    return number


def main(argv: list[str] | None = None) -> int:
    # pandera imports hypothesis (installed for the tests), which then loads every installed
    # plugin (trio's imports pytest): 0.3 s here and in each kernel, for nothing we use.
    os.environ.setdefault("HYPOTHESIS_NO_PLUGINS", "1")
    parser = argparse.ArgumentParser(prog="analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate every data file and the checksum manifest")
    check.add_argument("--data-dir", help="validate this folder instead of data/")
    check.set_defaults(func=cmd_check)

    manifest = sub.add_parser("manifest", help="record checksums of data/ after an intentional edit")
    manifest.add_argument("--data-dir", help="this folder instead of data/")
    manifest.set_defaults(func=cmd_manifest)

    reproduce = sub.add_parser("reproduce", help="execute every notebook; regenerate figures, ledger and report")
    reproduce.add_argument("--notebook", action="append",
                           help="only notebooks whose name contains this (repeatable)")
    reproduce.add_argument("--jobs", type=_at_least_one, help="study notebooks run at once (default: number of cores); "
                           "a synthesis starts its kernel beside them")
    reproduce.add_argument("--no-report", action="store_true", help="skip building build/report")
    reproduce.set_defaults(func=cmd_reproduce)

    run = sub.add_parser(
        "run", help="execute a copy of one notebook with other parameters into build/runs/",
        description="Execute a copy of one notebook with other parameters into build/runs/; the committed "
                    "notebook and figures/ are untouched.",
        epilog="VALUE is read as the type of the parameter's default in the notebook's parameters cell, and "
               "checked before any cell runs: a number (-p level 0.9), a whole number (-p seed 7), True or "
               "False, a text as typed (-p median_reading first_relapse), or for a list default a "
               "comma-separated list (-p contrasts regular,any; -p contrasts regular is a one-element list) "
               "or a Python literal (-p effect_sizes '[0.5, 1.0]'). An unknown NAME lists the known ones; "
               "the allowed values are documented beside each parameter in the notebook and checked by the "
               "study module's check_parameters.")
    run.add_argument("notebook", help="path, or part of a notebook's file name")
    run.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                     help="parameter to set (repeatable), e.g. -p level 0.9; VALUE is read as the type "
                          "of the default (lists comma-separated)")
    run.set_defaults(func=cmd_run)

    student = sub.add_parser("student", help="write student copies of every notebook (worked answers removed, "
                                            "executed afresh) to build/student/")
    student.add_argument("--jobs", type=_at_least_one, help="study notebooks run at once (default: number of cores); "
                         "a synthesis starts its kernel beside them")
    student.set_defaults(func=cmd_student)

    report = sub.add_parser("report", help="render the committed notebooks into build/report (no execution)")
    report.set_defaults(func=cmd_report)

    audit = sub.add_parser("audit", help="run every automatic check on values files (any abstract, typed schema)")
    audit.add_argument("files", nargs="+", metavar="FILE", help="a values CSV in the schema of data/README.md, "
                                                                "or to extract first: an abstract's text (.txt, .md), "
                                                                "a folder of them, a PubMed export (MEDLINE, .xml)")
    audit.add_argument("--out", help="output folder, created if its parent exists (default: build/audit)")
    audit.add_argument("--level", type=float, default=0.95, help="confidence level of derived intervals")
    audit.add_argument("--jobs", type=int, help="processes extracting and auditing abstracts at once "
                                                "(default 1; at most 64, and no more than the CPUs)")
    audit.add_argument("--scheduler", metavar="ADDRESS", help="extract and audit abstracts on the workers of a Dask "
                                                              "distributed cluster, e.g. tcp://10.0.0.5:8786 "
                                                              "(instead of --jobs)")
    audit.set_defaults(func=cmd_audit)

    extract = sub.add_parser("extract", help="read the printed numbers of an abstract's text into a draft values file")
    extract.add_argument("file", metavar="FILE", help="the abstract as plain text or Markdown (UTF-8)")
    extract.add_argument("--out", required=True, metavar="VALUES.csv",
                         help="the draft values file; <stem>.unread.csv is written beside it")
    extract.add_argument("--study", help="the study id (default: the file's stem in snake_case)")
    extract.set_defaults(func=cmd_extract)

    new = sub.add_parser("new-study", help="write the data header, study module, test and notebook of a new study")
    new.add_argument("study", help="the study id, snake_case, e.g. smith2024")
    new.set_defaults(func=cmd_new_study)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except outputs.OutputRefused as exc:
        return _fail(f"{exc} (nothing was written)")
    except KeyboardInterrupt:
        print(f"interrupted: analysis {args.command} stopped; nothing was written", file=sys.stderr)
        return 130
    except outputs.Terminated:
        print(f"terminated: analysis {args.command} stopped; nothing was written", file=sys.stderr)
        return 143
    except Exception as exc:  # the last resort: one line, never a traceback
        first = (str(exc).strip().splitlines() or [""])[0]
        return _fail(f"unexpected {type(exc).__name__}: {first} (analysis {args.command} stopped; please report this)")


def run() -> None:
    """The ``analysis`` command: :func:`main`, then exit with its status."""
    sys.exit(main())


if __name__ == "__main__":
    run()
