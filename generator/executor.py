"""How the build runs a stage's independent tasks: the one interface its engines share.

A stage that has many tasks of its own (the pages to read, the articles to
classify, the pages to make and stage) does not start processes itself: the
build hands it an `Executor`, and the stage opens a `Pool` from it, submits
plain module-level functions with picklable arguments, and reads the results
back. Two engines implement it: `workers.LocalExecutor`, this machine's
process pools, and `dask_executor.DaskExecutor`, a `dask.distributed`
cluster. A stage gives the same output on either.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class EngineError(Exception):
    """The engine cannot run the build (a scheduler out of reach, workers running other
    code): said in one line, nothing written."""


class Task(Protocol[R_co]):
    """A submitted task (a `concurrent.futures.Future`, or a Dask future wrapped as one)."""

    def result(self) -> R_co:
        """The task's value, once it has run; raises what the task raised."""
        ...

    def cancel(self) -> bool:
        """Let the task go; True only if it was sure not to run (and will not)."""
        ...


class Pool(ABC):
    """Workers that run one stage's tasks, opened by `Executor.pool`."""

    @abstractmethod
    def submit(self, work: Callable[..., R], *args: Any) -> Task[R]:
        """Run `work(*args)` in a worker; `work(shared, *args)` when the pool shares an object."""

    def map(self, work: Callable[..., R], tasks: Iterable[T], ahead: int) -> Iterator[R]:
        """`work(task)` for each of `tasks`, in order, taking a task from `tasks` only when
        fewer than `ahead` are waiting: tasks made from the build's articles would hold a
        copy of all their text if they were all made at once."""
        waiting: deque[Task[R]] = deque()
        try:
            for task in tasks:
                waiting.append(self.submit(work, task))
                if len(waiting) >= ahead:
                    yield waiting.popleft().result()
            while waiting:
                yield waiting.popleft().result()
        finally:
            for left in waiting:  # (the caller stopped early, or a task failed)
                left.cancel()


class Executor(ABC):
    """Where the build's parallel stages run."""

    @property
    @abstractmethod
    def workers(self) -> int:
        """How many tasks run at once (1: no pool is worth opening)."""

    @abstractmethod
    def pool(self, shared: object = None, inherit: bool = False) -> AbstractContextManager[Pool]:
        """A pool for one stage; its tasks are let go when it closes.

        `shared` is sent to each worker once (not with every task) and passed to
        every task as its first argument. `inherit` asks for workers that share
        what this process holds now (forked), where the engine can: right only
        before the build holds much (see `workers`).
        """

    @abstractmethod
    def close(self) -> None:
        """Let the engine's resources go (a cluster the executor started)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def batched(items: list[T], size: int) -> list[list[T]]:
    """`items` in lists of `size` (the last one shorter): one task each."""
    return [items[start : start + size] for start in range(0, len(items), size)]
