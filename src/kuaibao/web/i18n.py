"""Interface text in Chinese (the default) and English, from one YAML catalog per language.

Keys are dotted (``nav.dashboard``); the catalogs in ``web/locales/`` (``zh.yaml`` plus
``zh/<group>.yaml`` per page group, and the same for ``en``) must hold the same keys (a
test checks). The ``lang`` cookie, set by ``/lang/{code}``, picks the language.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from starlette.requests import HTTPConnection

LANGUAGES = ("zh", "en")
LANG_COOKIE = "lang"
HTML_LANG = {"zh": "zh-CN", "en": "en"}


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every message of one language, by dotted key: ``locales/<lang>.yaml`` plus one file
    per page group in ``locales/<lang>/`` (so page groups never edit a shared file)."""
    root = resources.files("kuaibao.web") / "locales"
    texts = [(root / f"{lang}.yaml").read_text("utf-8")]
    folder = root / lang
    if folder.is_dir():
        parts = sorted((e for e in folder.iterdir() if e.name.endswith(".yaml")), key=str)
        texts.extend(part.read_text("utf-8") for part in parts)
    merged: dict[str, str] = {}
    for text in texts:
        merged.update(_flatten(yaml.safe_load(text) or {}))
    return merged


class Translator:
    """``t("key", n=3)``: the message in this language, ``str.format``-ed with the values.

    A missing key shows as the key itself, so a gap is visible but never breaks a page.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else LANGUAGES[0]
        self._messages = catalog(self.lang)

    @property
    def html_lang(self) -> str:
        return HTML_LANG[self.lang]

    def __call__(self, key: str, **values: Any) -> str:
        message = self._messages.get(key, key)
        return message.format(**values) if values else message


def language(connection: HTTPConnection, default: str) -> str:
    """The language the user chose (cookie), else the configured default."""
    chosen = connection.cookies.get(LANG_COOKIE, "")
    return chosen if chosen in LANGUAGES else default
