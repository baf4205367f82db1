"""The arrows between the generator's modules run one way: the build's modules form no
import loop (lazy imports inside functions count), and a stage does not know how it is
run: only the build picks an engine and hands the stages an `executor.Executor`."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
#: the modules that know the engines: the build (which picks one) and the engines
ENGINE_MODULES = {"workers", "dask_executor"}
RUNNERS = {"build", "cli", "mkdocs_hook", "evaluate", "__main__"} | ENGINE_MODULES


def imports() -> dict[str, set[str]]:
    """Each generator module -> the generator modules it imports, anywhere in it."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.glob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.level == 1:
                    found.add(node.module.split(".")[0])
                elif node.module.startswith("generator."):
                    found.add(node.module.split(".")[1])
        graph[path.stem] = found
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name not in seen and name in graph:
            seen.add(name)
            todo += graph[name]
    return seen


def test_the_build_imports_no_loop() -> None:
    graph = imports()
    build_modules = reachable(graph, "build")
    loops = sorted(
        (name, other)
        for name in build_modules
        for other in graph[name]
        if other != name and name in reachable(graph, other)
    )
    assert loops == []


def test_the_data_model_imports_no_stage() -> None:
    assert imports()["model"] == set()


def test_no_stage_starts_processes() -> None:
    graph = imports()
    knowing = sorted(
        name for name, found in graph.items() if name not in RUNNERS and found & ENGINE_MODULES
    )
    assert knowing == []
