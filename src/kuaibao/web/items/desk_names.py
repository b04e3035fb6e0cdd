"""Organisation names on the writing desk: the standard Chinese name and how the centre's
own archive rendered the name before.

The gazetteer gives one standard form (美国国家科学基金会), but an analyst writing an item
also wants to know what the bulletin has printed before: a shorter alias, a form with the
abbreviation in brackets, or a rendering nobody put in the gazetteer. The published and
imported items answer that. An item speaks of the organisation when it uses one of the
gazetteer's Chinese forms, or when the organisation's English name or abbreviation stands
in its original title or in brackets in its text; the Chinese names found there beside the
English one (``X（NSF）``, or a name with the same head word in a title whose original
names the organisation) are its past renderings.

``renderings_in`` is pure; ``archive_items`` asks the search index for at most
``ARCHIVE_HITS`` items per query and three queries per organisation, whatever the
archive's size, and the app keeps each answer a minute (``AppState.name_archive``).
Counts are over the items read, not the whole archive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kuaibao.domain import Item, ItemState
from kuaibao.facts.gazetteer import GazetteerEntry
from kuaibao.facts.glossary_chinese import abbreviated_zh, plain_zh, without_country
from kuaibao.store import Store

ARCHIVE_HITS = 40  # items read per query: the best matches
MORE_ROUNDS = 2  # further queries for renderings the first did not reach
SHOWN = 4  # renderings listed per organisation
MAX_FORMS = 8  # names searched per organisation (the query parser keeps 16 groups)


@dataclass(frozen=True)
class Rendering:
    """A Chinese form of the name as the archive printed it, in how many items, and the
    newest of them."""

    zh: str
    items: int
    latest_item: int
    latest_title: str
    standard: bool  # the gazetteer's own form


_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")


def chinese_forms(entry: GazetteerEntry) -> list[str]:
    """The gazetteer's Chinese forms of the name, the standard one first, each also
    without its bracketed abbreviation (英国研究与创新署（UKRI） → 英国研究与创新署)."""
    forms: list[str] = []
    for form in (entry.zh, *entry.zh_aliases):
        forms += [form, _BRACKETS.sub("", form).strip()]
    return list(dict.fromkeys(f for f in forms if f))


def english_forms(entry: GazetteerEntry) -> list[str]:
    """The English names and the abbreviation, as reports spell them."""
    return list(dict.fromkeys(f for f in (*entry.en, entry.abbr or "") if f))


def _mentions(text: str, name: str) -> bool:
    """``name`` as a whole word of ``text`` (case kept for abbreviations: NSF, not nsf)."""
    flags = 0 if name.isupper() else re.IGNORECASE
    pattern = r"(?<![A-Za-z0-9])" + re.escape(name) + r"(?![A-Za-z0-9])"
    return re.search(pattern, text, flags) is not None


def _head(name: str) -> str:
    """The last two characters of the name without its country (基金会 → 金会): names
    ending alike are the same kind of body."""
    return without_country(name)[-2:]


def forms_in(entry: GazetteerEntry, item: Item) -> list[str]:
    """The Chinese forms of ``entry`` one archive item uses, in the order found."""
    text = "\n".join([item.title, *item.body])
    found = [form for form in chinese_forms(entry) if form in text]
    english = english_forms(entry)
    if entry.abbr:
        found += [n.name for n in abbreviated_zh(text) if n.abbr == entry.abbr]
    original = item.original_title or ""
    if any(_mentions(original, name) for name in english):
        heads = {_head(form) for form in chinese_forms(entry)}
        found += [n.name for n in plain_zh(item.title, set(found)) or [] if _head(n.name) in heads]
    # A longer form found holds the shorter ones inside it (美国国家科学基金会 ⊃ 国家科学基金会).
    unique = list(dict.fromkeys(found))
    return [f for f in unique if not any(f != g and f in g for g in unique)]


def renderings_in(entry: GazetteerEntry, items: Iterable[Item]) -> list[Rendering]:
    """How the archive ``items`` rendered the name: most used first, then newest.

    Each item counts once per form; ``latest`` is the item with the highest id (ids grow
    with time). The standard form is marked so the page can tell it from the others.
    """
    counts: dict[str, int] = {}
    latest: dict[str, Item] = {}
    for item in items:
        for form in forms_in(entry, item):
            counts[form] = counts.get(form, 0) + 1
            if form not in latest or (item.id or 0) > (latest[form].id or 0):
                latest[form] = item
    ordered = sorted(counts, key=lambda f: (-counts[f], -(latest[f].id or 0), f))
    return [
        Rendering(
            zh=form,
            items=counts[form],
            latest_item=latest[form].id or 0,
            latest_title=latest[form].title,
            standard=form == entry.zh,
        )
        for form in ordered
    ]


def _phrases(forms: Iterable[str]) -> list[str]:
    return [f'"{f.replace(chr(34), " ")}"' for f in forms]


def archive_query(entry: GazetteerEntry, found: Iterable[str] = ()) -> str:
    """The search for items that may name the organisation: any of its forms, as phrases;
    with renderings already ``found``, only its English forms, and none of those
    renderings (to reach the items that rendered it otherwise)."""
    seen = list(found)
    if not seen:
        return " OR ".join(_phrases([*chinese_forms(entry), *english_forms(entry)][:MAX_FORMS]))
    english = " OR ".join(_phrases(english_forms(entry)[:3]))
    return english + " " + " ".join("-" + p for p in _phrases(seen[: MAX_FORMS * 2 - 4]))


def archive_items(store: Store, entry: GazetteerEntry, *, limit: int = ARCHIVE_HITS) -> list[Item]:
    """Published and imported items that may name the organisation.

    Search ranks the items using the standard form first (they match most of the query),
    so the first query alone would hide a rare rendering in a big archive; up to
    ``MORE_ROUNDS`` further queries look for items beside the English name that use none
    of the renderings found so far. At most ``1 + MORE_ROUNDS`` indexed queries."""
    read: dict[int, Item] = {}
    query = archive_query(entry)
    for round_ in range(1 + MORE_ROUNDS):
        hits = store.search.search(query, kinds=["item"], exact=True, limit=limit)
        fresh = [h.id for h in hits if h.id not in read]
        if not fresh:
            break
        read.update((i.id or 0, i) for i in store.items.get_many(fresh))
        if not english_forms(entry) or round_ == MORE_ROUNDS:
            break
        found = [r.zh for r in renderings_in(entry, read.values())]
        query = archive_query(entry, found)
    return [i for i in read.values() if i.state is ItemState.PUBLISHED]


def past_renderings(store: Store, entry: GazetteerEntry, *, exclude: int | None) -> list[Rendering]:
    """The organisation's ``SHOWN`` most used renderings in the archive; the item being
    edited (``exclude``) does not count as the archive."""
    items = [i for i in archive_items(store, entry) if i.id != exclude]
    return renderings_in(entry, items)[:SHOWN]
