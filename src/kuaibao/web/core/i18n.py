"""Interface text in Chinese (the default) and English, from the gettext catalogues.

Templates call Jinja2's i18n extension: ``{{ _("nav.dashboard") }}``,
``{{ _("items.version", n=3) }}`` and ``{{ ngettext("triage.sources_n",
"triage.sources_n", n) }}`` (the count is ``%(num)d`` in the message). Python code calls
the same through a ``Translator``. The msgids and catalogues are described in
``kuaibao.i18n``. The ``lang`` cookie, set by ``/lang/{code}``, picks the language; without
it the configured default applies.
"""

from __future__ import annotations

import gettext as _gettext
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from starlette.requests import HTTPConnection

from kuaibao.i18n import LANGUAGES, translations

__all__ = ["HTML_LANG", "LANGUAGES", "LANG_COOKIE", "Translator", "install", "language"]

LANG_COOKIE = "lang"
HTML_LANG = {"zh": "zh-CN", "en": "en"}


class Translator:
    """The messages of one language: ``t.gettext(key, **values)`` and
    ``t.ngettext(key, key, n, **values)``, ``%``-formatted with the values.

    A msgid missing from the catalogue shows as the key itself, so a gap is visible but
    never breaks a page (the catalogue tests fail on it first).
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else LANGUAGES[0]
        self.catalogue: _gettext.GNUTranslations = translations(self.lang)

    @property
    def html_lang(self) -> str:
        return HTML_LANG[self.lang]

    def gettext(self, msgid: str, **values: Any) -> str:
        message = self.catalogue.gettext(msgid)
        return message % values if values else message

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        values.setdefault("num", n)
        return self.catalogue.ngettext(singular, plural, n) % values

    __call__ = gettext


def language(connection: HTTPConnection, default: str) -> str:
    """The language the user chose (cookie), else the configured default."""
    chosen = connection.cookies.get(LANG_COOKIE, "")
    return chosen if chosen in LANGUAGES else default


@pass_context
def _context_gettext(context: Context, msgid: str) -> str:
    translator: Translator = context["translator"]
    return translator.catalogue.gettext(msgid)


@pass_context
def _context_ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    translator: Translator = context["translator"]
    return translator.catalogue.ngettext(singular, plural, n)


def install(env: Environment) -> None:
    """Give ``env`` Jinja2's i18n extension (``_``, ``gettext``, ``ngettext``,
    ``{% trans %}``), reading the language from each render's ``translator`` variable."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_context_gettext, ngettext=_context_ngettext, newstyle=True
    )
