"""The Dask engine: the same plan on a `dask.distributed` cluster gives the same `docs/`.

A small corpus (the seeds and a few dozen synthetic pages), with every stage's
pool forced on (the thresholds that keep pools for large builds set to 1):
read + segment + clean, classification and page making all run as tasks on a
`LocalCluster` of two worker processes.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import distributed
import pytest

from bench.corpus import make_corpus
from generator import build as build_module
from generator import dask_executor
from generator import output as output_module
from generator.build import BuildOptions, build
from generator.cli import main
from generator.executor import EngineError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "seeds"
    make_corpus(folder, 30, seed=5)
    (folder / "manifest.json").unlink()
    shutil.copytree(ROOT / "seeds", folder / "repo")
    return folder


@pytest.fixture
def every_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every stage that can run in a pool does, however small the build."""
    monkeypatch.setattr(build_module, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(build_module, "CLASSIFY_POOL_MIN_ARTICLES", 1)
    monkeypatch.setattr(output_module, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(output_module, "PLAN_CHUNK", 8)


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    """A running cluster of two worker processes, as `--scheduler ADDRESS` finds one."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as running:
        yield running


def options(folder: Path, corpus: Path, **engine: object) -> BuildOptions:
    return BuildOptions(
        seeds=corpus,
        topics=ROOT / "topics",
        docs=folder / "docs",
        cache_dir=folder / "cache",
        workers=2,
        **engine,  # type: ignore[arg-type]
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def local_docs(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The corpus built by the local engine's pools."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "POOL_MIN_FILES", 1)
        patch.setattr(build_module, "CLASSIFY_POOL_MIN_ARTICLES", 1)
        patch.setattr(output_module, "PARALLEL_MIN_FILES", 1)
        local = options(tmp_path_factory.mktemp("local"), corpus)
        build(local)
    return tree(local.docs)


def count_pools(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """One entry a pool the Dask engine opens (True when it shares an object)."""
    opened: list[bool] = []
    original = dask_executor.DaskExecutor.pool

    def pool(self, shared: object = None, inherit: bool = False):  # type: ignore[no-untyped-def]
        opened.append(shared is not None)
        return original(self, shared, inherit)

    monkeypatch.setattr(dask_executor.DaskExecutor, "pool", pool)
    return opened


def test_a_local_cluster_builds_what_the_local_engine_builds(
    tmp_path: Path,
    corpus: Path,
    local_docs: dict[str, bytes],
    every_pool: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened = count_pools(monkeypatch)
    dask = options(tmp_path, corpus, engine="dask")  # (no scheduler: a LocalCluster of 2)
    build(dask)
    assert opened == [False, True, False]  # pages read, articles classified, pages made
    assert tree(dask.docs) == local_docs
    shutil.rmtree(dask.docs)
    build(dask)  # every page from the cache the workers filled
    assert tree(dask.docs) == local_docs


def test_a_running_cluster_builds_the_same_and_survives_a_killed_worker(
    tmp_path: Path,
    corpus: Path,
    local_docs: dict[str, bytes],
    every_pool: None,
    cluster: distributed.LocalCluster,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker killed while the pages are read: Dask runs its tasks again elsewhere."""
    with distributed.Client(cluster, set_as_default=False) as client:
        victim = next(iter(client.run(os.getpid).values()))
    submitted: list[int] = []
    original = dask_executor._DaskPool.submit

    def submit(self, work, *args):  # type: ignore[no-untyped-def]
        submitted.append(1)
        if len(submitted) == 3:
            os.kill(victim, signal.SIGKILL)
        return original(self, work, *args)

    monkeypatch.setattr(dask_executor._DaskPool, "submit", submit)
    dask = options(tmp_path, corpus, engine="dask", scheduler=cluster.scheduler_address)
    build(replace(dask, use_cache=False))
    assert len(submitted) > 3
    assert tree(dask.docs) == local_docs
    with distributed.Client(cluster, set_as_default=False) as client:
        assert victim not in client.run(os.getpid).values()  # (its nanny started another)


def test_workers_running_other_code_are_refused(
    cluster: distributed.LocalCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dask_executor, "OUTPUT_VERSION", "another version")
    with (
        dask_executor.DaskExecutor(cluster.scheduler_address) as executor,
        pytest.raises(EngineError, match="2 of 2 Dask workers .* run other ev-digest code"),
    ):
        assert executor.workers


def test_a_scheduler_out_of_reach_is_one_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dask_executor, "CONNECT_TIMEOUT", 1)
    monkeypatch.setattr(build_module, "POOL_MIN_FILES", 1)
    docs = tmp_path / "docs"
    args = ["build", "--seeds", str(ROOT / "seeds"), "--docs", str(docs), "--ledger", ""]
    args += ["--no-cache", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"]
    assert main(args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(
        "ev-digest: cannot reach the Dask scheduler at tcp://127.0.0.1:9: "
    )
    assert not docs.exists()


def test_a_scheduler_without_the_dask_engine_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["build", "--seeds", str(ROOT / "seeds"), "--docs", str(tmp_path / "docs")]
    assert main([*args, "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert capsys.readouterr().err == (
        "ev-digest: --scheduler is the address of a Dask cluster: add --engine dask\n"
    )
