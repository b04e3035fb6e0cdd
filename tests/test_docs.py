"""The docs stay honest: every command and every setting is documented."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import typer.main

from kuaibao.cli import app
from kuaibao.config import FetchSettings, LLMSettings, WebSettings

ROOT = Path(__file__).resolve().parents[1]


def _docs() -> str:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in pages)


def _commands() -> list[str]:
    group = typer.main.get_group(app)
    names = []
    for name, command in group.commands.items():
        subs = getattr(command, "commands", None)
        if subs:
            names.extend(f"{name} {sub}" for sub in subs)
        else:
            names.append(name)
    return names


def test_every_command_is_in_the_docs() -> None:
    text = _docs()
    missing = [c for c in _commands() if f"kuaibao {c}" not in text]
    assert missing == [], f"document these commands in docs/: {missing}"


def test_every_fetch_setting_is_in_the_docs() -> None:
    text = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    missing = [f.name for f in fields(FetchSettings) if f.name not in text]
    assert missing == [], f"document these settings in docs/install.md: {missing}"


def test_every_llm_setting_is_in_the_docs() -> None:
    text = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    missing = [f.name for f in fields(LLMSettings) if f"`{f.name}`" not in text]
    assert missing == [], f"document these settings in docs/install.md: {missing}"


def test_every_web_setting_is_in_the_docs() -> None:
    text = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    missing = [f.name for f in fields(WebSettings) if f"`{f.name}`" not in text]
    assert missing == [], f"document these settings in docs/install.md: {missing}"
