"""The shape docs/ARCHITECTURE.md describes: no import circle, small modules, low data types."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "assistant"
MAX_LINES = 400
STAGES = ("question", "evidence", "llm", "over_time")


def _module(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Each module of the package → the package's modules it imports at module level or in
    functions (TYPE_CHECKING blocks included: a circle there is still a circle of meaning)."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            found |= {t for t in targets if t in modules and t != name}
        graph[name] = found
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in order:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], order[nxt])
        if low[node] == order[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return groups


def _without_packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    # `from assistant.answering.x import y` runs assistant/answering/__init__.py first; that is
    # Python's loading order, not a dependency of x on the chain, so package inits are left out.
    packages = {name for name in graph if (REPO / name.replace(".", "/") / "__init__.py").exists()}
    return {n: deps - packages for n, deps in graph.items() if n not in packages}


def test_no_module_imports_itself_back_through_others() -> None:
    assert _cycles(_without_packages(_imports())) == []


def test_the_answer_types_import_no_stage_of_answering() -> None:
    stages = {
        d for d in _imports()["assistant.answering.types"] if d.startswith("assistant.answering")
    }
    assert stages == set()


def test_stages_import_no_answerer_above_them() -> None:
    graph = _imports()
    top = {"assistant.answering.chain", "assistant.answering.factory"}
    for name, deps in graph.items():
        if any(name.startswith(f"assistant.answering.{stage}") for stage in STAGES):
            assert not deps & top, name


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(REPO)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_benchmark_and_training_script_imports() -> None:
    """A module moved in a restructure must not leave a benchmark that cannot start
    (bench/squad_open.py and bench/latency.py imported names that had moved)."""
    import importlib

    for folder in ("bench", "training"):
        for path in sorted((REPO / folder).glob("*.py")):
            importlib.import_module(f"{folder}.{path.stem}")
