"""``analysis audit --scheduler ADDRESS``: the audit's chunks of abstracts run by the workers of a Dask cluster.

The work is the same function local processes run (:func:`analysis.extract.text_audit.audit_chunk`), submitted
through :class:`distributed.Client` (Dask's own scheduler: nothing here schedules), each chunk's results taken
back in the order of the chunks, so that the output is byte for byte what ``--jobs 1`` writes. ``distributed`` is
imported here only, when a scheduler is given: a notebook or a plain audit does not pay for importing it.

The workers need this package at the client's version (``analysis`` installed from the same ``uv.lock``); Dask
itself warns when their versions of its own packages differ.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator

from analysis.extract import ExtractError

# Seconds to wait for the scheduler to answer before giving up (Dask retries the connection until then).
CONNECT_TIMEOUT = 10


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0]


async def _identify(address: str) -> None:
    """Ask ``address`` who it is, within :data:`CONNECT_TIMEOUT` seconds; raise OSError unless a Dask scheduler
    answers. (A :class:`distributed.Client` that fails to connect spends twice its timeout again closing itself
    when it is collected, and prints a traceback: it is only made once the scheduler has answered.)"""
    from distributed.core import rpc

    async with rpc(address) as scheduler:  # it connects on the first call, which wait_for bounds
        identity = await asyncio.wait_for(scheduler.identity(), CONNECT_TIMEOUT)
    if identity.get("type") != "Scheduler":
        raise OSError(f"{address} answers as a Dask {identity.get('type')}, not a scheduler")


def run(address: str, work: Callable, chunks: list[list], level: float) -> Iterator[list]:
    """``work(chunk, level)`` of each chunk on the cluster whose scheduler is at ``address``, its results yielded
    in the order of ``chunks``. The futures are released (the cluster drops what is left) when the run ends,
    fails or is interrupted.

    Raises ExtractError (one line): an address Dask cannot read, a scheduler that does not answer within
    :data:`CONNECT_TIMEOUT` seconds, or a worker lost or failing outside the work on one abstract (naming the chunk's
    first and last abstract); an ExtractError of the work itself (naming its abstract) passes through.
    """
    from distributed import Client

    try:
        asyncio.run(_identify(address))
    except (ValueError, TypeError) as exc:
        raise ExtractError(f"--scheduler {address}: not an address Dask can read ({_first_line(exc)}); "
                           "e.g. tcp://10.0.0.5:8786") from None
    except (OSError, TimeoutError) as exc:
        raise ExtractError(f"--scheduler {address}: no Dask scheduler answered within {CONNECT_TIMEOUT} s "
                           f"({_first_line(exc)})") from None
    with Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False) as client:
        futures = client.map(work, chunks, level=level, pure=False)
        for chunk, future in zip(chunks, futures):  # client.map gives one future per chunk
            try:
                yield future.result()
            except ExtractError:
                raise
            except Exception as exc:  # e.g. distributed.KilledWorker: a worker died on this chunk
                raise ExtractError(f"{chunk[0][0]} to {chunk[-1][0]}: a Dask worker failed on these abstracts "
                                   f"({type(exc).__name__}: {_first_line(exc)})") from None
