"""kuaibao's own JSON form of a bulletin: the lossless export that import reads back.

Shape (``format`` and ``version`` let later versions read older files)::

    {"format": "kuaibao-bulletin", "version": 1,
     "series": "科技快报", "year": 2024, "number": 12, "running_number": 128,
     "date": "2024-03-20", "editor": "…", "issuing_unit": "…", "state": "published",
     "revision": 1, "sections": ["重点关注", …],
     "items": [{"section", "domain", "title", "body": [paragraph, …], "contributors": […],
                "source_urls": […], "original_title", "event_date", "state"}]}
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from kuaibao.domain import Bulletin, BulletinState, Item, ItemState
from kuaibao.errors import KuaibaoError

FORMAT = "kuaibao-bulletin"
VERSION = 1


class BulletinFormatError(KuaibaoError):
    """A JSON file is not a kuaibao bulletin export (or is damaged)."""


def item_to_dict(item: Item) -> dict[str, Any]:
    return {
        "section": item.section,
        "domain": item.domain,
        "title": item.title,
        "body": list(item.body),
        "contributors": list(item.contributors),
        "source_urls": list(item.source_urls),
        "original_title": item.original_title,
        "event_date": item.event_date,
        "state": item.state.value,
    }


def bulletin_to_dict(bulletin: Bulletin) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "series": bulletin.series,
        "year": bulletin.year,
        "number": bulletin.number,
        "running_number": bulletin.running_number,
        "date": bulletin.date.isoformat() if bulletin.date else None,
        "editor": bulletin.editor,
        "issuing_unit": bulletin.issuing_unit,
        "state": bulletin.state.value,
        "revision": bulletin.revision,
        "sections": bulletin.ordered_sections(),
        "items": [item_to_dict(i) for i in bulletin.items],
    }


def bulletin_to_json(bulletin: Bulletin) -> str:
    """Pretty, UTF-8 JSON (Chinese kept readable)."""
    return json.dumps(bulletin_to_dict(bulletin), ensure_ascii=False, indent=2) + "\n"


def _str_list(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BulletinFormatError(f"{where} must be a list of strings")
    return list(value)


def _opt_str(value: Any, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise BulletinFormatError(f"{where} must be a string or null")


def item_from_dict(data: Any, where: str = "item") -> Item:
    if not isinstance(data, dict):
        raise BulletinFormatError(f"{where} must be an object")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise BulletinFormatError(f"{where} has no title")
    try:
        state = ItemState(data.get("state") or ItemState.DRAFT.value)
    except ValueError as exc:
        raise BulletinFormatError(f"{where}: unknown state {data.get('state')!r}") from exc
    return Item(
        title=title,
        body=_str_list(data.get("body"), f"{where}.body"),
        domain=_opt_str(data.get("domain"), f"{where}.domain"),
        section=_opt_str(data.get("section"), f"{where}.section"),
        contributors=_str_list(data.get("contributors"), f"{where}.contributors"),
        source_urls=_str_list(data.get("source_urls"), f"{where}.source_urls"),
        original_title=_opt_str(data.get("original_title"), f"{where}.original_title"),
        event_date=_opt_str(data.get("event_date"), f"{where}.event_date"),
        state=state,
    )


def _int(value: Any, where: str, *, required: bool) -> int | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BulletinFormatError(f"{where} must be a whole number")
    return value


def bulletin_from_dict(data: Any) -> Bulletin:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BulletinFormatError(f"not a kuaibao bulletin export (expected format {FORMAT!r})")
    if _int(data.get("version"), "version", required=True) != VERSION:
        raise BulletinFormatError(f"unsupported export version {data.get('version')!r}")
    items = data.get("items")
    if not isinstance(items, list):
        raise BulletinFormatError("items must be a list")
    try:
        when = date.fromisoformat(data["date"]) if data.get("date") else None
        state = BulletinState(data.get("state") or BulletinState.OPEN.value)
    except (ValueError, TypeError) as exc:
        raise BulletinFormatError(f"bad date or state: {exc}") from exc
    series = data.get("series")
    if not isinstance(series, str) or not series:
        raise BulletinFormatError("series must be a non-empty string")
    return Bulletin(
        series=series,
        year=_int(data.get("year"), "year", required=True) or 0,
        number=_int(data.get("number"), "number", required=False),
        running_number=_int(data.get("running_number"), "running_number", required=False),
        date=when,
        editor=_opt_str(data.get("editor"), "editor"),
        issuing_unit=_opt_str(data.get("issuing_unit"), "issuing_unit"),
        sections=_str_list(data.get("sections"), "sections"),
        items=[item_from_dict(it, f"items[{i}]") for i, it in enumerate(items)],
        state=state,
        revision=_int(data.get("revision"), "revision", required=False) or 1,
    )


def bulletin_from_json(text: str) -> Bulletin:
    """Parse an export; every problem is a BulletinFormatError naming the field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BulletinFormatError(f"not valid JSON: {exc}") from exc
    return bulletin_from_dict(data)
