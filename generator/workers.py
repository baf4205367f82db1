"""Process pools for the build's parallel work, forked so that they share the build's
objects, and a thread for the work whose result only the cache keeps.

A worker started by fork inherits everything the build holds at that moment:
handing it the page makers to run or the compiled topic rules that way costs
nothing (page makers, closures, cannot be pickled at all). It is not free to
read much of what it inherits, though: touching an object writes its reference
count, and the kernel copies each memory page written, so a worker that read
all the articles held a copy of them. Where the platform cannot fork, the
shared object is pickled once per worker instead.
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


def start_pool(workers: int, shared: object = None) -> ProcessPoolExecutor:
    """A pool of `workers` processes, in which `shared_object()` gives `shared`."""
    context = multiprocessing.get_context("fork") if CAN_FORK else None
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(shared,))


def in_shares(
    work: Callable[[Any, list[T]], R], shared: object, items: list[T], workers: int
) -> list[R]:
    """`work(shared, share)` for each of `workers` shares of `items` (dealt out in turn,
    so that costly and cheap items spread evenly): the first share in this process,
    the others at the same time in forked workers, which share `shared`. `work`
    must be a module-level function (it is sent to the workers by name)."""
    shares = [items[k::workers] for k in range(workers)]
    with start_pool(workers - 1, shared) as pool:
        others = [pool.submit(_work_on_share, work, share) for share in shares[1:]]
        return [work(shared, shares[0])] + [other.result() for other in others]


def _work_on_share(work: Callable[[Any, list[T]], R], share: list[T]) -> R:
    return work(_shared, share)


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
    """`work(receive)` running in a thread while the build goes on.

    For work whose result only the cache keeps (the build never reads it
    back). `receive()` gives the one value the build `send`s when it has it
    (None if it sends none): the work can start before everything it needs
    is known. `start` it, and `wait` for it to end. A process forked while
    the thread runs would inherit whatever locks it holds at that moment:
    start it once the build has forked what it forks meanwhile.

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

    def start(self) -> None:
        """Start the work (once; a later call does nothing)."""
        if self._thread.ident is None:
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
        """Wait for the work to end (starting it if it was not); False if it failed (its
        traceback went to stderr)."""
        self.start()
        self.send(None)
        self._thread.join()
        return not self.failed
