"""The local engine: process pools for the build's parallel work (`LocalExecutor`), and a
thread for the work whose result only the cache keeps.

A pool's workers are forked or new interpreters. Forked, they inherit
everything the build holds at that moment for nothing: right for the page
readers, started before the build holds much. Later in a build forking is
costly: touching an object writes its reference count, the kernel copies
each memory page either process writes, and a forked planner that made half
the pages made the build hold a second copy of nearly all its articles (1.45
GB at 50k scrapes). The work after reading pages is therefore done by new
interpreters (`inherit` False), sent what they need, pickled. Like any
multiprocessing spawn, they import the main module again: a script that
calls `build` must guard its top level with `if __name__ == "__main__":`.
"""

from __future__ import annotations

import gc
import multiprocessing
import queue
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from .executor import Executor, Pool

CAN_FORK = "fork" in multiprocessing.get_all_start_methods()

R = TypeVar("R")

_shared: object = None


class LocalExecutor(Executor):
    """This machine's cores: a pool of `workers` processes for each stage that opens one."""

    def __init__(self, workers: int):
        self._workers = workers

    @property
    def workers(self) -> int:
        return self._workers

    @contextmanager
    def pool(self, shared: object = None, inherit: bool = False) -> Iterator[Pool]:
        pool = start_pool(self._workers, shared, inherit)
        try:
            yield _LocalPool(pool, shared is not None)
        finally:
            pool.shutdown(cancel_futures=True)  # (after an error, the tasks not begun go)

    def close(self) -> None:
        pass  # (each pool ends with its stage)


class _LocalPool(Pool):
    def __init__(self, pool: ProcessPoolExecutor, shared: bool):
        self._pool = pool
        self._shared = shared

    def submit(self, work: Callable[..., R], *args: Any) -> Future[R]:
        if self._shared:
            return self._pool.submit(_with_shared, work, *args)
        return self._pool.submit(work, *args)


def start_pool(workers: int, shared: object = None, inherit: bool = True) -> ProcessPoolExecutor:
    """A pool of `workers` processes, each holding `shared` (see `_with_shared`).

    With `inherit` False they are new interpreters (`shared` is pickled to
    them), which hold only what their work needs: classify's two workers,
    forked from a 50k-scrape build, held 810 MB each, and 20 MB started afresh.
    Starting one costs about 0.2 s (its imports).
    """
    fork = CAN_FORK and inherit
    context = multiprocessing.get_context("fork" if fork else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(shared,))


def _with_shared(work: Callable[..., R], *args: Any) -> R:
    """In a worker of `start_pool`: `work` given the object the pool was made to share."""
    return work(_shared, *args)


def _start(shared: object) -> None:
    """Take the shared object, and turn the garbage collector on for what the worker makes.

    The build holds the collector (`cache.no_collection`), but workers parse HTML
    into trees full of cycles (BeautifulSoup links parents and children). What
    they inherit is frozen first: a collection would otherwise walk the whole
    build's objects, copying every page of them, in each worker (classifying the
    articles of 50k scrapes took 18.0 s before, 10.7-13.8 s after).
    """
    global _shared
    _shared = shared
    gc.freeze()
    gc.enable()


#: the name of `Background`'s thread
BACKGROUND_THREAD = "ev-digest background"


class Background:
    """`work(receive)` running in a thread, from now on, while the build goes on.

    For work whose result only the cache keeps (the build never reads it
    back). `receive()` gives the one value the build `send`s when it has it
    (None if it sends none): the work can start before everything it needs
    is known. `wait` for it to end. A process forked while the thread runs
    would inherit whatever locks it holds at that moment: the build forks
    nothing in between (a pool that does not `inherit` may run meanwhile:
    its workers are new interpreters).

    A thread, not a forked process, because the work reads much of the
    build's memory: a forked process pickling the collected state copied
    every page of it, 1.4 GB at 50k scrapes. The thread shares the cores with
    the build's pools instead of having one to itself when the main process
    works alone: a 50k build took 6 s less, a 10k build 0.6 s more.
    """

    def __init__(self, work: Callable[[Callable[[], Any]], None]):
        self._value: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._sent = False
        self.failed = False
        self._thread = threading.Thread(
            target=self._run, args=(work,), name=BACKGROUND_THREAD, daemon=True
        )
        self._thread.start()

    def _run(self, work: Callable[[Callable[[], Any]], None]) -> None:
        try:
            work(self._value.get)
        except Exception:
            traceback.print_exc()
            sys.stderr.flush()
            self.failed = True

    def send(self, value: Any) -> None:
        """Hand the work its value (once; a later call does nothing)."""
        if not self._sent:
            self._sent = True
            self._value.put(value)

    def wait(self) -> bool:
        """Wait for the work to end; False if it failed (its traceback went to stderr)."""
        self.send(None)
        self._thread.join()
        return not self.failed
