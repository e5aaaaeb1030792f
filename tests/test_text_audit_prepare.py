"""``text_audit.prepare``, the step of ``analysis audit`` that finds, extracts and audits every abstract before
anything is written: its defaults, and that a problem with one abstract never stops the abstracts after it.
Each text is a short sentence written for the test; each expected value is worked out by hand from it."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from scipy.stats import beta
from test_text_audit_edges import _InlinePool

from analysis.extract import text_audit


def _texts(folder, texts: dict[str, str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in texts]


def test_by_default_the_counts_exact_interval_is_at_95_percent(tmp_path):
    # 9 of 14: the exact (Clopper-Pearson) 95 % CI is the 2.5 % quantile of Beta(9, 6) to the 97.5 % one of
    # Beta(10, 5)
    done, problems = text_audit.prepare(_texts(tmp_path, {"a.txt": "Relapses: 9 of 14."}), tmp_path / "out")
    assert problems == []
    findings = pd.read_csv(io.StringIO(done[0].files["findings.csv"])).set_index("key")
    assert findings.loc["count_ci__n_1", ["low", "high"]].tolist() == pytest.approx(
        [beta.ppf(0.025, 9, 6), beta.ppf(0.975, 10, 5)], abs=1e-6)


def test_by_default_the_work_is_done_in_this_process_even_with_cpus_and_chunks_to_spare(tmp_path, monkeypatch):
    monkeypatch.setattr(text_audit, "ProcessPoolExecutor", _InlinePool)
    monkeypatch.setattr(_InlinePool, "asked", [])
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    monkeypatch.setattr(text_audit, "CHUNK", 1)  # two chunks that two processes could share
    done, problems = text_audit.prepare(_texts(tmp_path, {"a.txt": "Seven patients.", "b.txt": "None."}),
                                        tmp_path / "out")
    assert problems == [] and [item.study for item in done] == ["a", "b"]
    assert _InlinePool.asked == []


class _RecordedBar:
    """Stands in for tqdm: records how each bar was asked for, and each step it was moved by."""

    made: list[dict] = []

    def __init__(self, **options):
        self.made.append({**options, "steps": []})

    def update(self, count):
        self.made[-1]["steps"].append(count)

    def close(self):
        pass


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_the_bar_is_hidden_by_default_even_on_a_terminal_and_counts_the_abstracts_done(tmp_path, monkeypatch):
    import tqdm

    monkeypatch.setattr(tqdm, "tqdm", _RecordedBar)
    monkeypatch.setattr(_RecordedBar, "made", [])
    monkeypatch.setattr("sys.stderr", _Terminal())
    monkeypatch.setattr(text_audit, "CHUNK", 2)  # three abstracts: a chunk of two, then one
    names = _texts(tmp_path, {"a.txt": "Seven patients.", "b.txt": "None.", "c.txt": "Nine patients."})
    text_audit.prepare(names, tmp_path / "out")
    text_audit.prepare(names, tmp_path / "out", progress=True)
    # one bar per run over the three abstracts, moved on by each chunk's abstracts as it is done: hidden by default,
    # shown when asked on a terminal
    assert [(bar["total"], bar["disable"], bar["steps"]) for bar in _RecordedBar.made] == [
        (3, True, [2, 1]), (3, False, [2, 1])]


def test_an_abstract_with_the_study_id_of_an_earlier_one_is_named_and_the_abstracts_after_it_are_audited(tmp_path):
    first = _texts(tmp_path / "one", {"x.txt": "Seven patients."})
    second = _texts(tmp_path / "two", {"x.txt": "Nine patients."})
    last = _texts(tmp_path, {"z.txt": "None."})
    done, problems = text_audit.prepare(first + second + last, tmp_path / "out")
    assert [(item.study, str(item.path)) for item in done] == [("x", first[0]), ("z", last[0])]
    assert problems == [f"{second[0]}: same study id 'x' as {first[0]}; rename one of them"]


def test_an_abstract_whose_folder_is_someone_elses_is_named_and_the_abstracts_after_it_are_audited(tmp_path):
    out = tmp_path / "out"
    (out / "b").mkdir(parents=True)
    (out / "b" / "mine.txt").write_text("kept", encoding="utf-8")  # a folder analysis did not write
    names = _texts(tmp_path / "in", {"a.txt": "Seven patients.", "b.txt": "Nine patients.", "c.txt": "None."})
    done, problems = text_audit.prepare(names, out)
    assert [item.study for item in done] == ["a", "c"]
    assert problems == [f"{out / 'b'} exists and was not written by analysis (it has no .analysis-output file): "
                        "refusing to replace or empty it; remove it yourself or choose another output folder"]
    assert (out / "b" / "mine.txt").read_text(encoding="utf-8") == "kept"


def test_a_run_with_a_scheduler_hands_the_cluster_its_address_the_work_each_chunk_and_the_level(tmp_path,
                                                                                                  monkeypatch):
    # Dask itself is not started here: a LocalCluster's threads do not survive the fork of each mutmut run, so its
    # tests (tests/test_extract_cluster*.py) call cluster.run directly. This stand-in records what prepare hands it
    # and works each chunk as a worker would.
    from analysis.extract import cluster

    handed = []

    def run(address, work, chunks, level):
        handed.append((address, [[study for _, study, _ in chunk] for chunk in chunks], level))
        return [work(chunk, level) for chunk in chunks]

    monkeypatch.setattr(cluster, "run", run)
    monkeypatch.setattr(text_audit, "CHUNK", 2)  # three abstracts: two chunks
    names = _texts(tmp_path, {"a.txt": "Relapses: 9 of 14.", "b.txt": "Seven patients.", "c.txt": "None."})
    done, problems = text_audit.prepare(names, tmp_path / "out", level=0.9, scheduler="tcp://10.0.0.5:8786")
    assert handed == [("tcp://10.0.0.5:8786", [["a", "b"], ["c"]], 0.9)]
    assert problems == [] and [(item.study, item.read) for item in done] == [("a", 2), ("b", 1), ("c", 0)]
    # the work handed over is the audit itself: 9 of 14 at 90 %, Beta(9, 6) at 5 % to Beta(10, 5) at 95 %
    findings = pd.read_csv(io.StringIO(done[0].files["findings.csv"])).set_index("key")
    assert findings.loc["count_ci__n_1", ["low", "high"]].tolist() == pytest.approx(
        [beta.ppf(0.05, 9, 6), beta.ppf(0.95, 10, 5)], abs=1e-6)


def test_a_lone_draft_failing_the_schema_is_validated_once_and_named(monkeypatch):
    # A chunk of one abstract has no table of drafts to validate together: its draft is validated alone, once
    # (about 0.1 s a call), and its own message names its row and column.
    from analysis.data import load
    from analysis.extract import Extraction

    values, validate, calls = Extraction.values, load.validate_frame, []

    def broken(extraction):  # "Seven patients." drafts one row, its decimals spoiled here
        draft = values(extraction)
        draft.loc[0, "decimals"] = "two"
        return draft

    def counted(path, frame, *args):
        calls.append(len(frame))
        return validate(path, frame, *args)

    monkeypatch.setattr(Extraction, "values", broken)
    monkeypatch.setattr(load, "validate_frame", counted)
    [said] = text_audit.audit_chunk([(Path("in/lone.txt"), "lone", "Seven patients.")], 0.95)
    assert calls == [1]
    assert said.startswith("in/lone.txt: the draft fails the values schema (in/lone.txt, row 1 (line 2), column "
                           "'decimals'")
