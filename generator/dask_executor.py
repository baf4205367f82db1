"""The Dask engine: the build's parallel stages on a `dask.distributed` cluster.

`ev-digest build --engine dask` runs the stages that have many tasks of
their own (reading the pages, classifying the articles, making and staging
the pages) on the workers of a Dask cluster: the one whose scheduler
`--scheduler ADDRESS` names, or, with no address, a `LocalCluster` of worker
processes started for the build on this machine and stopped after it. The
tasks are the stages' own functions, as the local engine runs them, so the
output is the same to the byte.

The scheduler and every worker need the same ev-digest (the code and the
libraries, with the `dask` extra: the scheduler unpickles the tasks, the
workers run them): the executor compares their code version with its own on
connecting, and refuses a cluster that runs other code. The workers read
the seed files, store the pages they read in the cache folder's packs and
stage the pages they make in the docs folder: the three must be visible to
every worker at the same absolute paths (one machine, or a shared file
system). A cluster started here needs `dask[distributed]` only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .cache import OUTPUT_VERSION
from .executor import EngineError, Executor, Pool

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

R = TypeVar("R")

#: seconds to wait for the scheduler of `--scheduler` to answer
CONNECT_TIMEOUT = 10
#: the settings of the cluster the build starts itself: no statistical profiler (its
#: thread takes the GIL from the task every 10 ms: reading 2,000 pages took 16.5 and
#: 15.3 s with it, 9.7 and 12.5 s without, and 9.5 and 14.0 s in the local engine's pool)
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False}


class DaskExecutor(Executor):
    """A Dask cluster: the scheduler at `scheduler`, or, when None, a `LocalCluster` of
    `workers` processes of one thread each, started when a stage first opens a pool."""

    def __init__(self, scheduler: str | None = None, workers: int = 2):
        self._scheduler = scheduler
        self._local_workers = workers
        self._client: Client | None = None
        self._cluster: LocalCluster | None = None

    @property
    def client(self) -> Client:
        if self._client is None:
            self._client = self._connect()
            check_workers(self._client)
        return self._client

    def _connect(self) -> Client:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as error:
            raise EngineError(
                f"the dask engine needs dask.distributed ({error}): pip install 'ev-digest[dask]'"
            ) from error
        if self._scheduler is not None:
            try:
                return Client(self._scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
            except (OSError, ValueError) as error:
                raise EngineError(
                    f"cannot reach the Dask scheduler at {self._scheduler}: {error}"
                ) from error
        with dask.config.set(LOCAL_CONFIG):
            self._cluster = LocalCluster(
                n_workers=self._local_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
        return Client(self._cluster, set_as_default=False)

    @property
    def workers(self) -> int:
        return sum(self.client.nthreads().values())

    @contextmanager
    def pool(self, shared: object = None, inherit: bool = False) -> Iterator[Pool]:
        client = self.client
        held = client.scatter(shared, broadcast=True, hash=False) if shared is not None else None
        pool = _DaskPool(client, held)
        try:
            yield pool
        finally:
            pool.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def check_workers(client: Client) -> None:
    """Refuse a cluster whose scheduler or workers run other generator code (or none): the
    scheduler unpickles the tasks, the workers run them, and their pages would not be this
    build's."""
    try:
        scheduler = client.run_on_scheduler(code_version)
    except Exception as error:  # (a scheduler that cannot import the generator)
        raise EngineError(f"the Dask scheduler cannot run ev-digest: {error}") from error
    if scheduler != OUTPUT_VERSION:
        raise EngineError(
            "the Dask scheduler runs other ev-digest code or libraries than this build: "
            "install the same version on it"
        )
    try:
        versions = client.run(code_version)
    except Exception as error:  # (a worker that cannot import the generator)
        raise EngineError(f"the Dask workers cannot run ev-digest: {error}") from error
    if not versions:
        raise EngineError("the Dask cluster has no worker")
    other = sorted(worker for worker, version in versions.items() if version != OUTPUT_VERSION)
    if other:
        raise EngineError(
            f"{len(other)} of {len(versions)} Dask workers ({', '.join(other[:3])}) run other "
            "ev-digest code or libraries than this build: install the same version on them"
        )


def code_version() -> str:
    """In a worker: the version of its generator code and libraries (`cache.OUTPUT_VERSION`)."""
    return OUTPUT_VERSION


class _DaskPool(Pool):
    def __init__(self, client: Client, shared: Future | None):
        self._client = client
        self._shared = shared
        self._pending: set[Future] = set()

    def submit(self, work: Callable[..., R], *args: Any) -> _Task[R]:
        if self._shared is not None:
            args = (self._shared, *args)
        future = self._client.submit(work, *args, pure=False)
        self._pending.add(future)
        return _Task(future, self._pending)

    def close(self) -> None:
        """Let go of the tasks not read back (after an error), and of the shared object."""
        if self._pending:
            self._client.cancel(list(self._pending))
            self._pending.clear()
        if self._shared is not None:
            self._shared.release()
            self._shared = None


class _Task(Generic[R]):
    """A Dask future as `executor.Task`: its result is let go on the cluster once read (a
    future held keeps its value in a worker's memory)."""

    def __init__(self, future: Future, pending: set[Future]):
        self._future = future
        self._pending = pending

    def result(self) -> R:
        value: R = self._future.result()
        self._pending.discard(self._future)
        self._future.release()
        return value

    def cancel(self) -> bool:
        return False  # (it may have begun on a worker: it is waited for)
