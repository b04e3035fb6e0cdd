"""Stored English sentences shown in the reader's language (``{{ note|stored }}``).

History notes, check notes, classifier reasons and crawl or discovery errors are stored in
English (``kuaibao.phrases``). Here each is parsed back into its phrase and values and
rendered from the catalogue. Values that are data (URLs, names, matched words, a server's
own error text) are shown as stored inside ``<span translate="no">``, the HTML way of
saying "not to be translated" (the page tests skip such spans when they look for English
left in the Chinese UI). A sentence no phrase matches is text someone typed, and is shown
as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from kuaibao import phrases
from kuaibao.web.core.i18n import Translator

_FIRED = re.compile(r"[^\[]* \[(?P<matched>[^\]]*)\] \+(?P<score>[\d.]+)(?:; |$)")


def _fired_rules(value: str, translator: Translator) -> Markup:
    """A classifier's fired rules (``desc [matched, words] +3; …``) as the words each
    matched and its score: the descriptions are taxonomy source, English or Chinese as
    the file's author wrote them, so outside English only the matched words are shown."""
    if translator.lang == "en":
        return data(value)
    parts = [
        f"{data('、'.join(m['matched'].split(', ')))} +{escape(m['score'])}"
        for m in _FIRED.finditer(value)
    ]
    return Markup("；".join(parts)) if parts else data(value)


# Values that need more than showing as data, by (phrase msgid, field).
_FORMATS: dict[tuple[str, str], Callable[[str, Translator], Markup]] = {
    (phrases.RULES_FIRED.msgid, "fired"): _fired_rules,
}


def data(value: str) -> Markup:
    """A value shown exactly as stored, marked as not to be translated."""
    return Markup(f'<span translate="no">{escape(value)}</span>')


def _value(phrase: phrases.Phrase, name: str, value: str, translator: Translator) -> Markup:
    special = _FORMATS.get((phrase.msgid, name))
    if special is not None:
        return special(value, translator)
    if name in phrase.nested:
        return render(value, translator, free=data)
    prefix = phrase.labels.get(name)
    if prefix is not None:
        msgid = prefix + value
        label = translator.catalogue.gettext(msgid)
        return Markup(escape(label)) if label != msgid else data(value)
    return data(value)


def render(
    text: str | None,
    translator: Translator,
    *,
    free: Callable[[str], Markup] = lambda s: Markup(escape(s)),
) -> Markup:
    """One stored sentence in ``translator``'s language; ``free`` shows unmatched text."""
    if not text:
        return Markup("")
    found = phrases.match(text)
    if found is None:
        return free(text)
    phrase, values = found
    shown = {name: _value(phrase, name, value, translator) for name, value in values.items()}
    # Plain ``%`` on escaped text: every value is already Markup (escaped or built here).
    template = str(escape(translator.catalogue.gettext(phrase.msgid)))
    return Markup(template % {name: str(value) for name, value in shown.items()})


@lru_cache(maxsize=8192)
def _rendered(text: str, lang: str) -> Markup:
    return render(text, Translator(lang))


@pass_context
def stored(context: Context, text: str | None) -> Markup:
    """The Jinja2 filter: ``{{ rev.note|stored }}`` in the page's language. The same
    sentences recur on every page (a source's last error, "created"), so each rendering
    is remembered (the catalogues do not change while the app runs)."""
    if not text:
        return Markup("")
    translator: Translator = context["translator"]
    return _rendered(text, translator.lang)
