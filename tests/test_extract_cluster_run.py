"""``analysis.extract.cluster.run``: the chunks of an audit run by a Dask cluster's workers, called directly with
small work functions on a one-worker LocalCluster in this process (the same submit path as a real cluster), and the
one-line messages for an address that is not a scheduler's."""

from __future__ import annotations

import socket

import pytest

from analysis.extract import ExtractError, cluster


@pytest.fixture(scope="module")
def local_cluster():
    """One worker thread in this process, reached over TCP: its scheduler's and its worker's addresses."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                      dashboard_address=":0") as local:  # any free port: never 8787, which another cluster may hold
        yield local.scheduler_address, next(iter(local.scheduler_info["workers"]))


def _echo(chunk, level):
    return [(study, level) for _, study, _ in chunk]


def _failing(chunk, level):
    raise RuntimeError("\n  the first line of the cause\nthe second line\n")


def _silent_failure(chunk, level):
    raise RuntimeError()


def _typed_failure(chunk, level):
    raise ExtractError(f"{chunk[0][0]}: the text is not UTF-8")


CHUNKS = [[("a.txt", "a", "text a"), ("b.txt", "b", "text b"), ("c.txt", "c", "text c")],
          [("d.txt", "d", "text d")]]


def test_results_come_back_in_the_order_of_the_chunks_with_the_level_passed_on(local_cluster):
    scheduler, _ = local_cluster
    assert list(cluster.run(scheduler, _echo, CHUNKS, 0.9)) == [[("a", 0.9), ("b", 0.9), ("c", 0.9)], [("d", 0.9)]]


# The studies _counting was called with: the worker is a thread of this process, and a function of an importable
# module is sent by reference, so it appends to this very list.
COUNTED: list[str] = []


def _counting(chunk, level):
    COUNTED.append(chunk[0][1])
    return chunk[0][1]


def test_each_chunk_is_worked_even_when_two_chunks_are_alike(local_cluster):
    scheduler, _ = local_cluster
    COUNTED.clear()
    alike = [[("a.txt", "a", "text a")], [("a.txt", "a", "text a")]]
    assert list(cluster.run(scheduler, _counting, alike, 0.95)) == ["a", "a"]
    assert COUNTED == ["a", "a"]  # two tasks, not one result shared by equal chunks


def test_the_run_does_not_become_the_sessions_default_client(local_cluster):
    from distributed import default_client

    scheduler, _ = local_cluster
    results = cluster.run(scheduler, _echo, CHUNKS, 0.95)
    next(results)  # inside the run: its client is open
    with pytest.raises(ValueError, match="^No clients found"):
        default_client()
    results.close()


def test_a_failing_worker_names_the_first_and_last_abstract_of_its_chunk_and_the_first_line_of_the_cause(
        local_cluster):
    scheduler, _ = local_cluster
    with pytest.raises(ExtractError) as raised:
        list(cluster.run(scheduler, _failing, CHUNKS, 0.95))
    assert str(raised.value) == ("a.txt to c.txt: a Dask worker failed on these abstracts (RuntimeError: the first "
                                 "line of the cause)")


def test_a_failure_without_a_message_is_named_by_its_type_alone(local_cluster):
    scheduler, _ = local_cluster
    with pytest.raises(ExtractError) as raised:
        list(cluster.run(scheduler, _silent_failure, CHUNKS[1:], 0.95))
    assert str(raised.value) == "d.txt to d.txt: a Dask worker failed on these abstracts (RuntimeError: )"


def test_an_extraction_error_of_the_work_passes_through_unchanged(local_cluster):
    scheduler, _ = local_cluster
    with pytest.raises(ExtractError) as raised:
        list(cluster.run(scheduler, _typed_failure, CHUNKS, 0.95))
    assert str(raised.value) == "a.txt: the text is not UTF-8"


def test_a_workers_address_is_refused_as_no_scheduler(local_cluster):
    _, worker = local_cluster
    with pytest.raises(ExtractError) as raised:
        list(cluster.run(worker, _echo, CHUNKS, 0.95))
    assert str(raised.value) == (f"--scheduler {worker}: no Dask scheduler answered within 10 s ({worker} answers "
                                 "as a Dask Worker, not a scheduler)")


def test_an_address_dask_cannot_read_is_refused_with_an_example():
    with pytest.raises(ExtractError) as raised:
        list(cluster.run("nowhere", _echo, CHUNKS, 0.95))
    assert str(raised.value) == ("--scheduler nowhere: not an address Dask can read (missing port number in address "
                                 "'nowhere'); e.g. tcp://10.0.0.5:8786")


def test_a_listener_that_never_answers_is_given_up_after_the_timeout(monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    with socket.socket() as silent:  # accepts connections (the kernel's backlog) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        with pytest.raises(ExtractError) as raised:
            list(cluster.run(address, _echo, CHUNKS, 0.95))
    assert str(raised.value).startswith(f"--scheduler {address}: no Dask scheduler answered within 1 s (")


@pytest.fixture
def mute_server():
    """A Dask server (in a thread of its own) that accepts Dask's handshake and never answers who it is."""
    import asyncio
    import threading

    from distributed.core import Server

    ready, address = threading.Event(), []

    async def serve(stop: asyncio.Event):
        async def never_answer():
            await stop.wait()

        server = Server({"identity": never_answer})
        await server.listen("tcp://127.0.0.1:0")
        address.append(server.address)
        ready.set()
        await stop.wait()
        server.stop()

    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    thread = threading.Thread(target=loop.run_until_complete, args=(serve(stop),), daemon=True)
    thread.start()
    ready.wait()
    yield address[0]
    loop.call_soon_threadsafe(stop.set)
    thread.join()


def test_a_server_that_never_says_who_it_is_is_given_up_after_the_timeout(monkeypatch, mute_server):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    with pytest.raises(ExtractError) as raised:
        list(cluster.run(mute_server, _echo, CHUNKS, 0.95))
    assert str(raised.value) == f"--scheduler {mute_server}: no Dask scheduler answered within 1 s ()"
