"""``analysis.extract.cluster.run`` hands the cluster's client the same connection timeout it gave the scheduler to
answer (``CONNECT_TIMEOUT``), not Dask's configured default: checked by recording what ``distributed.Client`` is
given, on a one-worker LocalCluster in this process (the fixture of test_extract_cluster_run)."""

from __future__ import annotations

import pytest

from analysis.extract import cluster


@pytest.fixture(scope="module")
def scheduler_address():
    """One worker thread in this process, reached over TCP: its scheduler's address."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                      dashboard_address=":0") as local:  # any free port: never 8787, which another cluster may hold
        yield local.scheduler_address


def _levels(chunk, level):
    return [level for _ in chunk]


def test_the_client_waits_for_the_scheduler_as_long_as_the_run_says(monkeypatch, scheduler_address):
    import distributed

    made = []

    class RecordingClient(distributed.Client):
        def __init__(self, *args, **kwargs):
            made.append(kwargs)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(distributed, "Client", RecordingClient)
    # 7 s, not the module's 10 nor Dask's default connect timeout (30 s): a value only the run can have passed on
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 7)
    assert list(cluster.run(scheduler_address, _levels, [[("a.txt", "a", "text a")]], 0.9)) == [[0.9]]
    assert len(made) == 1
    assert made[0]["timeout"] == 7
