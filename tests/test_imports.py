"""kuaibao's modules import each other without circles.

A circle between two modules means neither can be understood, tested or moved without the
other; Python only tolerates it while one side imports lazily (inside a function, or under
``TYPE_CHECKING``), which is how three circles once stayed hidden. The graph is read from
the source with ``ast`` (nothing is imported), so the test is fast and names each circle.

``imports(include_lazy=True)`` also follows imports inside functions and ``TYPE_CHECKING``
blocks; the second test uses it so that a circle cannot hide behind one again. Running this
file (``python tests/test_imports.py``) prints the circles and the function-level imports.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src"
PACKAGE = "kuaibao"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (migration scripts left out)."""
    found = {}
    for path in sorted((SOURCE / PACKAGE).rglob("*.py")):
        name = _module_name(path)
        if ".store.migrations.versions" not in name:
            found[name] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(body: list[ast.stmt], lazy: bool) -> Iterator[tuple[ast.stmt, bool]]:
    """Every statement, each flagged lazy when it runs only inside a function or when
    type-checking; ``if``/``try``/``with`` at module level run at import time."""
    for node in body:
        yield node, lazy
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            yield from _statements(node.body, True)
        elif isinstance(node, ast.If):
            yield from _statements(node.body, lazy or _is_type_checking(node.test))
            yield from _statements(node.orelse, lazy)
        elif isinstance(node, ast.ClassDef):
            yield from _statements(node.body, lazy)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _statements(block, lazy)
            for handler in node.handlers:
                yield from _statements(handler.body, lazy)
        elif isinstance(node, (ast.With, ast.AsyncWith, ast.For, ast.While)):
            yield from _statements(node.body, lazy)


def _targets(node: ast.stmt, module: str, known: dict[str, Path]) -> Iterator[str]:
    """The kuaibao modules one import statement loads."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name.split(".")[0] == PACKAGE:
                yield alias.name
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            package = module if known[module].name == "__init__.py" else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        if base.split(".")[0] != PACKAGE:
            return
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            yield sub if sub in known else base


def imports(*, include_lazy: bool = False) -> dict[str, set[str]]:
    """Module → the kuaibao modules it imports (at import time, or anywhere if asked)."""
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node, lazy in _statements(tree.body, False):
            if lazy and not include_lazy:
                continue
            graph[name].update(t for t in _targets(node, name, known) if t in known and t != name)
    return graph


def lazy_imports() -> list[tuple[str, int, str]]:
    """(module, line, imported module) for every import of kuaibao inside a function."""
    known = modules()
    found = set()
    for name, path in known.items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node, lazy in _statements(tree.body, False):
            if lazy and isinstance(node, (ast.Import, ast.ImportFrom)):
                found.update((name, node.lineno, t) for t in _targets(node, name, known))
    return sorted(found)


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return sorted(found)


def test_finder_sees_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert circles(graph) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_circle_among_top_level_imports() -> None:
    found = circles(imports())
    assert not found, "import circles: " + "; ".join(" ↔ ".join(c) for c in found)


def test_no_circle_hidden_by_a_lazy_import() -> None:
    found = circles(imports(include_lazy=True))
    assert not found, "circles behind lazy imports: " + "; ".join(" ↔ ".join(c) for c in found)


if __name__ == "__main__":
    for label, lazy in (("top-level", False), ("with lazy imports", True)):
        groups = circles(imports(include_lazy=lazy))
        print(f"circles ({label}): {len(groups)}")
        for group in groups:
            print("  " + " ↔ ".join(group))
    deferred = lazy_imports()
    print(f"function-level or TYPE_CHECKING imports of kuaibao: {len(deferred)}")
    for name, line, target in deferred:
        print(f"  {name}:{line} → {target}")
    sys.exit(0)
