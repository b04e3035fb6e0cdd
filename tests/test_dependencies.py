"""Every third-party module kuaibao uses comes from a dependency pyproject.toml declares.

A fresh ``pip install -e '.[dev]'`` once lacked ``lxml_html_clean``, which trafilatura
imports at run time but no declared requirement pulled in. Two checks close the class:

* every module kuaibao's own code imports (found in the source, lazy imports included)
  belongs to a distribution declared directly, or through an extra we ask for;
* every module loaded by importing all of kuaibao in a fresh interpreter belongs to a
  distribution that some declared requirement pulls in (their own requirements followed).

Distributions are mapped to module names with ``importlib.metadata``.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, distribution, packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "kuaibao"
# Modules that are part of Python itself on some platforms but not in stdlib_module_names.
_ALWAYS_THERE = frozenset({"__future__", "_distutils_hack", "pkg_resources", "setuptools"})

_IMPORT_ALL = """
import importlib, json, pkgutil, sys
import kuaibao
failed = {}
for info in pkgutil.walk_packages(kuaibao.__path__, "kuaibao."):
    if info.name.rsplit(".", 1)[-1] == "__main__":
        continue  # running it would start the command line
    if info.name.startswith("kuaibao.store.migrations."):
        continue  # scripts alembic runs with its context set up
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        failed[info.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps({"loaded": sorted({m.split(".")[0] for m in sys.modules}), "failed": failed}))
"""


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return [Requirement(line) for line in project["dependencies"]]


def _requirements_of(name: str, extras: frozenset[str]) -> Iterator[Requirement]:
    """The requirements an installed distribution states, for the given extras."""
    try:
        stated = distribution(name).requires or []
    except PackageNotFoundError:
        return
    for line in stated:
        requirement = Requirement(line)
        marker = requirement.marker
        if marker is None or any(marker.evaluate({"extra": e}) for e in {"", *extras}):
            yield requirement


def _direct() -> set[str]:
    """Distributions pyproject.toml names, plus those its requested extras add."""
    names: set[str] = set()
    for requirement in _declared():
        names.add(canonicalize_name(requirement.name))
        if requirement.extras:
            extras = frozenset(requirement.extras)
            for sub in _requirements_of(requirement.name, extras):
                if sub.marker is not None and "extra" in str(sub.marker):
                    names.add(canonicalize_name(sub.name))
    return names


def _closure() -> set[str]:
    """Every distribution a fresh install of the declared requirements brings."""
    seen: set[tuple[str, frozenset[str]]] = set()
    names: set[str] = set()
    todo = [(r.name, frozenset(r.extras)) for r in _declared()]
    while todo:
        name, extras = todo.pop()
        key = canonicalize_name(name)
        if (key, extras) in seen:
            continue
        seen.add((key, extras))
        names.add(key)
        todo.extend((sub.name, frozenset(sub.extras)) for sub in _requirements_of(name, extras))
    return names


def _third_party(module: str) -> bool:
    return (
        module not in sys.stdlib_module_names
        and module not in _ALWAYS_THERE
        and module != "kuaibao"
        and not module.startswith("_")
    )


def _distributions_of(module: str) -> set[str]:
    return {canonicalize_name(d) for d in packages_distributions().get(module, [])}


def _imported_by_source() -> dict[str, set[str]]:
    """Top-level third-party module -> the source files importing it."""
    found: dict[str, set[str]] = {}
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if _third_party(top):
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_module_kuaibao_imports_is_declared() -> None:
    direct = _direct()
    undeclared = {
        f"{module} (from {', '.join(packages_distributions().get(module, ['?']))})": sorted(files)
        for module, files in _imported_by_source().items()
        if not _distributions_of(module) & direct
    }
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"


@pytest.fixture(scope="module")
def loaded_at_run_time() -> list[str]:
    """Top-level modules loaded by importing every kuaibao module in a fresh interpreter."""
    proc = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["failed"] == {}, report["failed"]
    return list(report["loaded"])


def test_every_module_loaded_at_run_time_comes_with_the_declared_requirements(
    loaded_at_run_time: list[str],
) -> None:
    closure = _closure()
    missing = {
        module: sorted(dists)
        for module in loaded_at_run_time
        if _third_party(module) and (dists := _distributions_of(module)) and not dists & closure
    }
    assert not missing, f"loaded at run time, but no declared requirement installs it: {missing}"


def test_the_check_sees_trafilaturas_cleaner(loaded_at_run_time: list[str]) -> None:
    """The module that was once missing is among those checked (the check is not empty)."""
    assert "lxml_html_clean" in loaded_at_run_time
    assert "lxml-html-clean" in _closure()
