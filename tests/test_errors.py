"""Every exception class kuaibao defines sits in the tree that ``errors.py`` draws.

Callers catch ``KuaibaoError`` (the CLI's friendly errors, the web app's error pages), so a
class outside the tree escapes them as a traceback; and a tree that is drawn but not
checked drifts. The drawing is parsed and compared with the classes found by importing
every module.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import kuaibao
from kuaibao import errors
from kuaibao.errors import KuaibaoError

_NODE = re.compile(r"^(?P<lead>[ │├└─]*)(?P<name>[A-Za-z_]\w*(?:Error|Exception))\b")


def drawn_tree() -> dict[str, str | None]:
    """Class name → the name of its parent in the docstring's drawing (None for the root)."""
    doc = errors.__doc__ or ""
    drawing = doc.split("::", 1)[1].split("\n\n", 2)[1]
    parents: dict[str, str | None] = {}
    stack: list[tuple[int, str]] = []
    for line in drawing.splitlines():
        match = _NODE.match(line.removeprefix("    "))
        if match is None:
            continue
        depth = len(match["lead"]) // 4
        del stack[depth:]
        parents[match["name"]] = stack[-1][1] if stack else None
        stack.append((depth, match["name"]))
    return parents


def defined_exceptions() -> dict[str, type[BaseException]]:
    """Every exception class defined in a kuaibao module, by name."""
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(kuaibao.__path__, "kuaibao."):
        if info.name.endswith("__main__") or info.name.startswith("kuaibao.store.migrations."):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and value.__module__ == info.name
            ):
                found[value.__name__] = value
    return found


def test_the_drawing_is_read_as_a_tree() -> None:
    tree = drawn_tree()
    assert tree["KuaibaoError"] is None
    assert tree["ConfigError"] == "KuaibaoError"
    assert tree["LastAdminError"] == "ConflictError"
    assert tree["ConflictError"] == "StoreError"


def test_every_exception_class_derives_from_the_class_drawn_above_it() -> None:
    tree = drawn_tree()
    classes = defined_exceptions()
    missing = sorted(set(classes) - set(tree))
    assert not missing, f"exception classes not drawn in errors.py: {missing}"
    gone = sorted(set(tree) - set(classes))
    assert not gone, f"drawn in errors.py but not defined: {gone}"
    for name, cls in classes.items():
        assert issubclass(cls, KuaibaoError), f"{cls.__module__}.{name} is outside the tree"
        parent = tree[name]
        if parent is not None:
            assert parent in {b.__name__ for b in cls.__bases__}, (
                f"{name} should derive from {parent}"
            )
