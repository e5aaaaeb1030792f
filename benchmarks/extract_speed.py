"""How well and how fast ``analysis.extract`` reads the project's corpus of abstract-like texts.

On every text of ``tests/fixtures/abstracts/text/`` against its hand-made ``<name>.gold.csv``:

* recall: gold rows read with the same statistic, value and CI (matched as a multiset, wherever printed);
* links right / links made: a percent's count and total, a p's estimate (``of`` and ``denominator`` naming a
  row), right when the gold row at the same place links the row at the same place;
* flags from the text vs flags from the gold file: the audit's failed checks on the extracted draft and on the
  gold file, and how many of them are the same check at the same place;
* throughput: abstracts extracted per second of this process's CPU time (one core; CPU time, not wall time, so
  that other work on a shared machine does not count), after one untimed pass (imports, building the parser);
  the median of five timed passes over the corpus (goal >= 50/s), and over texts of abstract length.

Then end to end: a PubMed export in MEDLINE text format of 10,000 abstracts (``--export-abstracts``; the corpus
texts in turn, each under a synthetic PMID from 90000001, with its title line and its text wrapped as PubMed wraps)
audited by ``analysis audit EXPORT --jobs 1``, ``--jobs 2`` and ``--scheduler`` (a Dask LocalCluster of two
worker processes, started before the clock) in a fresh process each: wall time, CPU time (the command and its
worker processes; a cluster's workers are not the command's), peak resident memory (of the largest of those
processes), abstracts per wall second, and whether each run wrote the bytes of ``--jobs 1``. The export is
synthetic (the project's own corpus repeated under invented PMIDs), labelled so in each record's title.

Prints figures and asserts nothing; writes only to a temporary folder, removed at the end.

    .venv/bin/python benchmarks/extract_speed.py [--export-abstracts N]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

import pandas as pd

from analysis import audit
from analysis.data.load import read_text_table, validate_frame
from analysis.extract import extract

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "fixtures" / "abstracts" / "text"
PASSES = 5
FIRST_PMID = 90_000_001


def _key(row) -> tuple:
    ci = (float(row["ci_low"]), float(row["ci_high"])) if pd.notna(row["ci_low"]) else None
    return row["statistic"], float(row["value"]), ci


def _links(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    """(place of the row, column, place of the row it names) for every link to another row."""
    place = dict(zip(frame["quantity"], frame["location"], strict=True))
    return {(row["location"], column, place[row[column]]) for _, row in frame.iterrows()
            for column in ("of", "denominator") if pd.notna(row[column]) and row[column] in place}


def _flags(frame: pd.DataFrame, study: str) -> set[tuple[str, str]]:
    place = dict(zip(frame["quantity"], frame["location"], strict=True))
    return {(f.check, place[f.quantity]) for f in audit.flags(audit.run(frame, study))}


def _medline_export(path: Path, corpus: list[tuple[str, str]], count: int) -> None:
    """``count`` MEDLINE records cycling through ``corpus`` ((name, text) pairs), synthetic PMIDs from FIRST_PMID."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            name, text = corpus[i % len(corpus)]
            body = textwrap.wrap(" ".join(text.split()), width=82, break_long_words=False, break_on_hyphens=False)
            handle.write(f"PMID- {FIRST_PMID + i}\nTI  - Synthetic record {i + 1}: the corpus text {name}.\n"
                         f"AB  - {body[0]}\n" + "".join(f"      {line}\n" for line in body[1:]) + "\n")


def _digest(folder: Path) -> str:
    """One SHA-256 over every file's relative path and bytes, in path order."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _audit_export(export: Path, out: Path, *options: str) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak MB of the largest process, exit status) of ``analysis audit`` on ``export``."""
    command = [str(Path(sys.executable).parent / "analysis"), "audit", str(export), "--out", str(out), *options]
    start = time.perf_counter()
    with open(out.parent / f"stderr_{out.name}.txt", "wb") as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)  # the rusage of the command and the workers it waited for
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def end_to_end(corpus: list[tuple[str, str]], count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="extract_speed_") as folder:
        export = Path(folder) / "pubmed_export.txt"
        _medline_export(export, corpus, count)
        size = export.stat().st_size / 1e6
        print(f"extract    a PubMed export (MEDLINE text) of {count:,} abstracts, {size:.1f} MB, audited end to end "
              "by analysis audit:")
        digests = {}
        for name, options in (("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"]), ("--scheduler", [])):
            cluster = _local_cluster() if name == "--scheduler" else nullcontext()
            with cluster:
                if name == "--scheduler":
                    options = ["--scheduler", cluster.scheduler_address]
                out = Path(folder) / f"out_{len(digests)}"
                wall, cpu, peak, status = _audit_export(export, out, *options)
            if status != 0:
                errors = (out.parent / f"stderr_{out.name}.txt").read_text(encoding="utf-8", errors="replace")
                print(f"extract      {name}: FAILED (exit {status}): {errors.strip()[:300]}")
                continue
            digests[name] = _digest(out)
            where = ("the command only; the cluster's 2 worker processes not counted" if name == "--scheduler"
                     else "the command and its worker processes; peak of the largest")
            print(f"extract      {name:11}: wall {wall:7.1f} s, CPU {cpu:7.1f} s, peak memory {peak:6.0f} MB "
                  f"({where}), {count / wall:6.1f} abstracts per wall second")
        same = {name: digest == digests.get("--jobs 1") for name, digest in digests.items() if name != "--jobs 1"}
        if "--jobs 1" in digests:
            print("extract      outputs beside --jobs 1: " + ", ".join(
                f"{name} {'byte-identical' if equal else 'DIFFERENT'}" for name, equal in same.items()))


def _local_cluster():
    """A Dask LocalCluster of 2 single-threaded worker processes, ready (its workers started) when returned."""
    from distributed import Client, LocalCluster

    local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    with Client(local) as client:
        client.wait_for_workers(2)
    return local


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export-abstracts", type=int, default=10_000,
                        help="abstracts in the end-to-end PubMed export (0 skips it; at most 10,000)")
    args = parser.parse_args(argv)
    if not 0 <= args.export_abstracts <= 10_000:
        parser.error("--export-abstracts must be from 0 to 10,000 (analysis audit's bound)")
    texts = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))
    gold_rows = read = links_made = links_right = 0
    text_flags = gold_flags = same_flags = 0
    for path in texts:
        study = path.stem
        gold_path = CORPUS / f"{study}.gold.csv"
        gold, _ = validate_frame(gold_path, read_text_table(gold_path).frame(), "values", study)
        draft, _ = validate_frame(path, extract(path.read_text(encoding="utf-8"), study).values().replace("", None),
                                  "values", study)
        wanted, got = Counter(map(_key, (r for _, r in gold.iterrows()))), Counter(map(_key, (r for _, r in
                                                                                              draft.iterrows())))
        gold_rows += sum(wanted.values())
        read += sum((wanted & got).values())
        made, right = _links(draft), _links(gold)
        links_made += len(made)
        links_right += len(made & right)
        from_text, from_gold = _flags(draft, study), _flags(gold, study)
        text_flags, gold_flags, same_flags = (text_flags + len(from_text), gold_flags + len(from_gold),
                                              same_flags + len(from_text & from_gold))
    print(f"extract    recall {read}/{gold_rows} = {read / gold_rows:.1%} of the gold numbers (same statistic, value "
          f"and CI) on {len(texts)} texts")
    print(f"extract    links right / links made: {links_right}/{links_made}")
    print(f"extract    flags from the text {text_flags}, from the gold files {gold_flags}, the same check at the same "
          f"place {same_flags}")
    corpus = [p.read_text(encoding="utf-8") for p in texts]
    for text in corpus:  # untimed: imports and the parser
        extract(text, "warm_up")
    seconds = []
    for _ in range(PASSES):
        start = time.process_time()
        for text in corpus:
            extract(text, "benchmark")
        seconds.append(time.process_time() - start)
    rate = len(corpus) / statistics.median(seconds)
    mean_chars = sum(map(len, corpus)) / len(corpus)
    print(f"extract    {rate:7.1f} abstracts per CPU second after start-up, median of {PASSES} passes over the corpus "
          f"(mean {mean_chars:.0f} characters; goal >= 50/s)")
    # Real abstracts run to 1,500-2,500 characters: each text of the corpus is joined with the next three.
    long = ["\n\n".join(corpus[(i + k) % len(corpus)] for k in range(4)) for i in range(len(corpus))]
    seconds = []
    for _ in range(PASSES):
        start = time.process_time()
        for text in long:
            extract(text, "benchmark")
        seconds.append(time.process_time() - start)
    print(f"extract    {len(long) / statistics.median(seconds):7.1f} abstracts per CPU second at abstract length (mean "
          f"{sum(map(len, long)) / len(long):.0f} characters: four texts of the corpus joined)")
    if args.export_abstracts:
        end_to_end([(p.stem, text) for p, text in zip(texts, corpus, strict=True)], args.export_abstracts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
