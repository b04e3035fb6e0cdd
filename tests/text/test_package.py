"""kuaibao.text is the bottom of the package: it imports nothing of kuaibao but itself,
and nothing outside it spells a Han range again."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "kuaibao"


def _kuaibao_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(n for n in names if n == "kuaibao" or n.startswith("kuaibao."))
    return found


def test_text_imports_only_itself() -> None:
    modules = sorted((SOURCE / "text").glob("*.py"))
    assert len(modules) >= 4
    for path in modules:
        outside = {m for m in _kuaibao_imports(path) if not m.startswith("kuaibao.text")}
        assert not outside, f"{path.name} imports {outside}"


def test_no_other_module_spells_the_han_range() -> None:
    spelled = re.compile(r"\\u4e00|\\u3400|0x4E00|0x3400", re.IGNORECASE)
    offenders = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if path.parent.name != "text" and spelled.search(path.read_text("utf-8"))
    ]
    assert offenders == []
