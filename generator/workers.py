"""Process pools for the build's parallel work, and a thread for the work whose result
only the cache keeps.

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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

CAN_FORK = "fork" in multiprocessing.get_all_start_methods()

T = TypeVar("T")
R = TypeVar("R")

_shared: object = None


def start_pool(workers: int, shared: object = None, inherit: bool = True) -> ProcessPoolExecutor:
    """A pool of `workers` processes, in which `shared_object()` gives `shared`.

    With `inherit` False they are new interpreters (`shared` is pickled to
    them), which hold only what their work needs: classify's two workers,
    forked from a 50k-scrape build, held 810 MB each, and 20 MB started afresh.
    Starting one costs about 0.2 s (its imports).
    """
    fork = CAN_FORK and inherit
    context = multiprocessing.get_context("fork" if fork else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(shared,))


def shared_object() -> object:
    """In a worker of `start_pool`: the object the pool was made to share."""
    return _shared


def in_order(
    pool: ProcessPoolExecutor, work: Callable[[T], R], tasks: Iterable[T], ahead: int
) -> Iterator[R]:
    """`pool.map(work, tasks)`, taking a task from `tasks` only when fewer than `ahead`
    are waiting: `map` makes and holds every task at once, and tasks made from
    the build's articles would hold a copy of all their text."""
    waiting: deque[Future[R]] = deque()
    for task in tasks:
        waiting.append(pool.submit(work, task))
        if len(waiting) >= ahead:
            yield waiting.popleft().result()
    while waiting:
        yield waiting.popleft().result()


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
