"""The message catalogues: gettext ``.po`` files, compiled to ``.mo`` on first use.

Every text an analyst reads in the web app, and every stored English phrase shown to them
(``kuaibao.phrases``), has a msgid here. The msgids are stable dotted keys
(``nav.dashboard``, ``triage.sources_n``) rather than English sentences: English is a
translation like Chinese (``locales/en``), so rewording the English never orphans the
Chinese. Plural messages are ``ngettext(key, key, n)`` with ``msgstr[0]``/``msgstr[1]`` in
English and the single form Chinese has; placeholders are ``%(name)s`` (``%(num)d`` for the
count of a plural).

The ``.po`` files are the source (``src/kuaibao/locales/<lang>/LC_MESSAGES/kuaibao.po``).
An editable install runs no build step, so the ``.mo`` beside each is made here whenever it
is missing or older than its ``.po``, and written back when the package directory is
writable; a read-only install compiles in memory instead (about 13 ms a language, plus
importing babel). A fresh ``.mo`` loads with the standard library alone (under 2 ms).
``scripts/messages.sh`` extracts msgids from code and templates and updates the
catalogues (docs/webapp.md).
"""

from __future__ import annotations

import gettext
import io
import os
import tempfile
from functools import cache
from pathlib import Path

LANGUAGES = ("zh", "en")
DOMAIN = "kuaibao"
LOCALES = Path(__file__).parent / "locales"


def N_(msgid: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark a msgid that is looked up later (a table of keys): extraction finds it here."""
    return msgid


def po_path(lang: str) -> Path:
    """The catalogue source of one language."""
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes for a ``.po`` file (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=po.parent.parent.name, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _fresh(mo: Path, po: Path) -> bool:
    try:
        return mo.stat().st_mtime >= po.stat().st_mtime
    except OSError:
        return False


def _store(mo: Path, data: bytes) -> None:
    """Write the compiled catalogue atomically beside its source; a read-only package
    directory is fine (the next process compiles again)."""
    try:
        fd, tmp = tempfile.mkstemp(dir=mo.parent, prefix=".kuaibao-", suffix=".mo")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, mo)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


@cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of one language (``LANGUAGES``); raises for any other."""
    if lang not in LANGUAGES:
        raise ValueError(f"no message catalogue for language {lang!r}")
    po = po_path(lang)
    mo = po.with_suffix(".mo")
    if _fresh(mo, po):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    data = compile_po(po)
    _store(mo, data)
    return gettext.GNUTranslations(io.BytesIO(data))
