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

Prints figures and asserts nothing; nothing is written.

    .venv/bin/python benchmarks/extract_speed.py
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis import audit
from analysis.data.load import read_text_table, validate_frame
from analysis.extract import extract

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "fixtures" / "abstracts" / "text"
PASSES = 5


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


def main() -> int:
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
