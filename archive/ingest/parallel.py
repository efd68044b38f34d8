"""An order-keeping parallel map with a bounded number of tasks in flight (memory stays flat)."""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import select
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def _run_chunk(function: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [function(item) for item in chunk]


def _exit_with(parent: int) -> None:
    """End this worker as soon as the ``parent`` process is gone (a daemon thread runs this).

    Killed on its own (``kill PID``, the OOM killer), the parent would leave its workers blocked on
    a result pipe nobody reads, and they hold the forkserver open too: hundreds of MB, forever.
    """
    try:
        handle = os.pidfd_open(parent)  # Linux 5.3+
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])  # a pidfd turns readable when its process exits
        os._exit(1)
    while True:  # no pidfd: look every second
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except (ProcessLookupError, PermissionError):  # gone (or the pid is someone else's now)
            os._exit(1)


def _worker_init(initializer: Callable[[], None] | None, preload: Sequence[str], parent: int) -> None:
    # Ctrl-C is the parent's to handle: it stops feeding work and commits what it has; workers
    # that also caught SIGINT would die mid-task and print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), name="parent-watch", daemon=True).start()
    # Already imported by the forkserver, unless it was started earlier in this process with other
    # modules to preload (only the first start counts): then each worker imports its own copy.
    for module in preload:
        importlib.import_module(module)
    if initializer:
        initializer()


@contextlib.contextmanager
def _ctrl_c_deferred() -> Iterator[None]:
    """Hold a Ctrl-C until the block is done, then raise it.

    While the pool starts, Ctrl-C reaches the whole process group. The forkserver (importing the
    normalizer's data for a second or two) and each worker before its initializer ran would die
    with a KeyboardInterrupt traceback each, and a parent interrupted between starting a worker and
    recording it would leave that worker to crash on its queues once the parent is gone. So the
    forkserver starts with SIGINT ignored (it stays ignored across ``exec``, and in every worker
    forked from it), and the parent takes a Ctrl-C only once the workers are started and known.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _start_forkserver_deaf_to_ctrl_c() -> None:
    from multiprocessing import forkserver

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited by the forkserver's exec
    forkserver.ensure_running()


def bounded_map(
    function: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    chunk_size: int = 16,
    initializer: Callable[[], None] | None = None,
    ahead: int | None = None,
    preload: Sequence[str] = (),
) -> Iterator[R]:
    """``map(function, items)`` over ``workers`` processes, in order, at most ``ahead`` chunks queued.

    ``ahead`` (default ``max(4 × workers, 16)`` chunks) bounds memory while keeping the workers
    busy when the consumer pauses: the ingest writer commits a batch of hundreds of articles at a
    time, and with only a couple of chunks queued the workers would sit idle through every commit.
    With ``workers <= 1`` it runs in this process (no start-up cost for small jobs).

    The workers fork from a forkserver that has imported the ``preload`` modules: they share what
    those modules built, and none of the caller's memory (its caches, its imports). The forkserver
    is started once per process, by the first call.
    """
    iterator = iter(items)
    if workers <= 1:
        if initializer:
            initializer()
        for item in iterator:
            yield function(item)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    pending: deque[Future[list[R]]] = deque()

    def submit_next() -> bool:
        chunk = list(islice(iterator, chunk_size))
        if chunk:
            pending.append(pool.submit(_run_chunk, function, chunk))
        return bool(chunk)

    with _ctrl_c_deferred():
        _start_forkserver_deaf_to_ctrl_c()
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init, initargs=(initializer, tuple(preload), os.getpid()))
    try:
        with _ctrl_c_deferred():  # the first submissions start the workers
            for _ in range(ahead or max(4 * workers, 16)):
                if not submit_next():
                    break
        while pending:
            results = pending.popleft().result()
            submit_next()
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
