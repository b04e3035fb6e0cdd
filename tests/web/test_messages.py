"""The message catalogues are complete: every msgid that code or a template uses has a
Chinese and an English translation, plurals have the English forms, placeholders agree,
and msgids built from data (``"items.states." ~ state``) are listed and cover that data."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

import kuaibao
from kuaibao import i18n
from kuaibao.domain import BulletinState, ItemState, Role, SourceKind
from kuaibao.web.core.message_keys import FAMILIES
from kuaibao.web.search.pages import SearchKind
from kuaibao.web.sources.views import SourceFilter
from kuaibao.web.triage.views import FactOut, StateFilter
from kuaibao.web.users.pages import Done

ROOT = Path(kuaibao.__file__).parents[2]
TEMPLATES = Path(kuaibao.__file__).parent / "web" / "templates"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def used_msgids() -> dict[str, bool]:
    """Every msgid that ``babel.cfg`` extraction finds, with whether it is a plural."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: dict[str, bool] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map
    ):
        if isinstance(message, tuple):
            found[str(message[0])] = True
        else:
            found.setdefault(str(message), False)
    return found


def catalogue(lang: str) -> Catalog:
    with i18n.po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def entry(cat: Catalog, msgid: str) -> Message | None:
    message = cat.get(msgid)
    return None if message is None or message.fuzzy else message


def forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


@pytest.fixture(scope="module")
def used() -> dict[str, bool]:
    return used_msgids()


def test_extraction_sees_templates_python_and_data_families(used: dict[str, bool]) -> None:
    assert "nav.dashboard" in used  # a template's _() and a Python N_()
    assert "login.expired" in used  # a route's t.gettext()
    assert used["triage.sources_n"]  # a template's ngettext()
    assert "items.states.in_review" in used  # a data family in web/core/message_keys.py


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_used_msgid_is_translated(lang: str, used: dict[str, bool]) -> None:
    cat = catalogue(lang)
    missing = [m for m in used if entry(cat, m) is None or not all(forms(entry(cat, m)))]  # type: ignore[arg-type]
    assert not missing, f"{lang}: no translation for {missing}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_plural_messages_have_every_form(lang: str, used: dict[str, bool]) -> None:
    """English needs a singular and a plural, Chinese its one form; a message used with
    ngettext must be a plural entry (else "1 independent sources")."""
    cat = catalogue(lang)
    wanted = 2 if lang == "en" else 1
    for msgid, plural in used.items():
        message = entry(cat, msgid)
        assert message is not None
        if plural:
            assert message.pluralizable, f"{lang}: {msgid} is used with ngettext"
            assert len(forms(message)) == wanted and all(forms(message)), (lang, msgid)
            if lang == "en":
                singular, many = forms(message)
                assert singular != many, f"en: {msgid} has the same singular and plural"
        else:
            assert not message.pluralizable, f"{lang}: {msgid} is used without a count"


def test_translations_take_the_same_values(used: dict[str, bool]) -> None:
    """A placeholder missing or misspelt in one language fails here, not on a page."""
    zh, en = catalogue("zh"), catalogue("en")
    for msgid in used:
        names = [
            {n for form in forms(m) for n in PLACEHOLDER.findall(form)}
            for m in (entry(zh, msgid), entry(en, msgid))
            if m is not None
        ]
        assert names[0] == names[1], f"{msgid}: zh {names[0]} ≠ en {names[1]}"


def test_no_catalogue_entry_is_dead(used: dict[str, bool]) -> None:
    for lang in i18n.LANGUAGES:
        ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalogue(lang) if m.id}
        assert ids - set(used) == set(), f"{lang}: entries no code uses"


def dynamic_prefixes() -> Iterator[tuple[str, str]]:
    for template in sorted(TEMPLATES.glob("*.html")):
        for prefix in re.findall(r"[\"']([a-z_.]+)[\"']\s*~", template.read_text("utf-8")):
            yield template.name, prefix


def test_every_msgid_built_from_data_has_its_family() -> None:
    found = list(dynamic_prefixes())
    assert ("items_editor.html", "items.states.") in found
    unlisted = [(name, prefix) for name, prefix in found if prefix not in FAMILIES]
    assert not unlisted, "list these in web/core/message_keys.py FAMILIES"
    for prefix, keys in FAMILIES.items():
        assert keys and all(k.startswith(prefix) for k in keys), prefix


def _values(*choices: object) -> set[str]:
    return {str(c) for c in choices}


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("items.states.", _values(*ItemState)),
        ("bulletins.item_states.", _values(*ItemState)),
        ("bulletins.states.", _values(*BulletinState)),
        ("roles.", _values(*Role)),
        ("triage.states.", _values(*get_args(StateFilter))),
        ("triage.fact.", _values(*get_args(FactOut.model_fields["kind"].annotation))),
        ("sources.filter_", _values(*get_args(SourceFilter))),
        ("sources.kinds.", _values(*SourceKind)),
        ("search.kind_", _values("all", *get_args(SearchKind))),
        ("users.done_", _values(*get_args(Done))),
    ],
)
def test_families_cover_their_data(prefix: str, values: set[str]) -> None:
    assert {k.removeprefix(prefix) for k in FAMILIES[prefix]} >= values


def test_a_stale_compiled_catalogue_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing a .po is enough: the .mo beside it is rebuilt when older (an editable
    install runs no build step), and written back for the next process."""
    po = tmp_path / "zh" / "LC_MESSAGES" / "kuaibao.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(i18n.po_path("zh").read_bytes())
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    i18n.translations.cache_clear()
    try:
        assert i18n.translations("zh").gettext("nav.dashboard") == "仪表盘"
        mo = po.with_suffix(".mo")
        assert mo.is_file()
        text = po.read_text("utf-8").replace('msgstr "仪表盘"', 'msgstr "总览"')
        po.write_text(text, "utf-8")
        stamp = mo.stat().st_mtime
        os.utime(po, (stamp + 10, stamp + 10))
        i18n.translations.cache_clear()
        assert i18n.translations("zh").gettext("nav.dashboard") == "总览"
    finally:
        i18n.translations.cache_clear()


def test_every_house_style_fault_kind_has_its_message() -> None:
    from kuaibao.draft.housestyle import FaultKind
    from kuaibao.web.core.message_keys import FAMILIES

    assert set(FAMILIES["desk.style."]) == {f"desk.style.{k.value}" for k in FaultKind}
