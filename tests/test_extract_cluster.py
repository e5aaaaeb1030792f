"""``analysis audit --scheduler ADDRESS``: the same audit on a Dask distributed cluster (a LocalCluster here)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.extract import cluster, text_audit
from analysis.pipeline import cli

CORPUS = Path(__file__).parent / "fixtures" / "abstracts" / "text"


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _cluster(processes: bool):
    from distributed import Client, LocalCluster

    local = LocalCluster(n_workers=2, threads_per_worker=1, processes=processes, protocol="tcp://",
                         dashboard_address=":0")  # any free port: never 8787, which another cluster may hold
    with Client(local) as client:
        client.wait_for_workers(2)  # the cluster says when its workers are ready
    return local


@pytest.fixture
def process_cluster():
    """Two worker processes: the work and its results cross process boundaries as on a real cluster. One test
    uses it: closed after that test, its idle workers do not run on through the module's other tests."""
    with _cluster(processes=True) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def thread_cluster():
    """Two workers in this process, reached over TCP: the same submit path, and this test's monkeypatches apply."""
    with _cluster(processes=False) as local:
        yield local.scheduler_address


def test_a_cluster_writes_byte_for_byte_what_one_process_writes(tmp_path, capsys, monkeypatch, process_cluster):
    monkeypatch.setattr(text_audit, "CHUNK", 4)  # several tasks, taken back in order
    assert cli.main(["audit", str(CORPUS), "--out", str(tmp_path / "one"), "--jobs", "1"]) == 0
    one = capsys.readouterr()
    assert cli.main(["audit", str(CORPUS), "--out", str(tmp_path / "dask"), "--scheduler", process_cluster]) == 0
    dask = capsys.readouterr()
    assert dask.out.replace(str(tmp_path / "dask"), "OUT") == one.out.replace(str(tmp_path / "one"), "OUT")
    assert one.err == dask.err == ""
    written = _tree(tmp_path / "one")
    assert len(written) == 5 * len([p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md")]) + 2
    assert _tree(tmp_path / "dask") == written


def test_scheduler_with_jobs_is_refused_in_one_line(tmp_path, capsys):
    arguments = ["audit", str(CORPUS), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:8786"]
    assert cli.main([*arguments, "--jobs", "1"]) == 1
    assert capsys.readouterr().err == ("error: --scheduler and --jobs exclude each other: --jobs runs local "
                                       "processes, --scheduler the cluster's workers (nothing was written)\n")
    assert not (tmp_path / "out").exists()


def test_an_address_that_does_not_answer_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    with socket.socket() as free:  # a port nothing listens on once this socket is closed
        free.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{free.getsockname()[1]}"
    assert cli.main(["audit", str(CORPUS), "--out", str(tmp_path / "out"), "--scheduler", address]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: --scheduler {address}: no Dask scheduler answered within 1 s (")
    assert error.endswith(") (nothing was written)\n") and error.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_an_address_dask_cannot_read_is_one_line(tmp_path, capsys):
    assert cli.main(["audit", str(CORPUS), "--out", str(tmp_path / "out"), "--scheduler", "nowhere"]) == 1
    assert capsys.readouterr().err == ("error: --scheduler nowhere: not an address Dask can read (missing port "
                                       "number in address 'nowhere'); e.g. tcp://10.0.0.5:8786 (nothing was written)\n")


def test_a_worker_error_names_the_abstract(tmp_path, capsys, extraction_fails_on_truncated, thread_cluster):
    assert cli.main(["audit", str(CORPUS), "--out", str(tmp_path / "out"), "--scheduler", thread_cluster]) == 1
    assert capsys.readouterr().err == (
        f"error: {CORPUS / 'truncated.txt'}: the audit of this abstract failed (ZeroDivisionError: division by zero); "
        "this is a defect of analysis audit, please report it (nothing was written)\n")
    assert not (tmp_path / "out").exists()


class _Interrupting:
    """A progress bar that is interrupted (as by Ctrl-C) when the first chunk's results arrive."""

    def update(self, count):
        raise KeyboardInterrupt

    def close(self):
        pass


def test_ctrl_c_on_a_cluster_run_leaves_no_staging_folder(tmp_path, capsys, monkeypatch, thread_cluster):
    monkeypatch.setattr(text_audit, "CHUNK", 4)
    monkeypatch.setattr(text_audit, "_progress_bar", lambda total, progress: _Interrupting())
    out = tmp_path / "out"
    assert cli.main(["audit", str(CORPUS), "--out", str(out), "--scheduler", thread_cluster]) == 130
    assert capsys.readouterr().err == "interrupted: analysis audit stopped; nothing was written\n"
    assert list(tmp_path.iterdir()) == []  # no output, no .analysis-staging-* folder


def test_a_plain_audit_does_not_import_dask(tmp_path):
    arguments = ["audit", str(CORPUS / "glued_table.md"), "--out", str(tmp_path / "out")]
    script = ("import sys\nfrom analysis.pipeline import cli\n"
              f"assert cli.main({arguments!r}) == 0\n"
              "print(sorted(name for name in sys.modules if name.split('.')[0] in ('dask', 'distributed')))\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines()[-1] == "[]"
