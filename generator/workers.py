"""Process pools for the build's parallel work, forked so that they share the build's objects.

A worker started by fork inherits everything the build holds at that moment:
handing it the articles to classify or the page makers to run that way costs
nothing, where pickling them cost the main process most of a second per 10k
scrapes (and page makers, closures, cannot be pickled at all). Where the
platform cannot fork, the shared object is pickled once per worker instead.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
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
