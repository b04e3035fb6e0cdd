"""Convert sources to and from plain dicts, validating every field on the way in.

A registry file (YAML or OPML) is a list of entries. Each entry becomes one
:class:`~kuaibao.domain.Source` or one :class:`SourceEntryError` naming the entry
(its 1-based position in the file and its name), the field, and what was expected, so
one bad entry never hides the good ones.

Decisions worth knowing:

* ``selectors`` are optional for ``kind: html``: without them the listing-page reader
  guesses the article links. They are refused for other kinds, where they would be
  silently ignored.
* ``id`` and health are run-time state of the store and are neither read nor written.
* Unknown keys are refused, so a typo (``feed_ur``) does not silently drop a setting.
* ``homepage`` is optional: a feed imported from another reader often has none, and
  guessing the site root would invent one (``feeds.feedburner.com/``). ``tags`` are
  free labels (a reader's folders) that ``sources list --tag`` filters on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from kuaibao.domain import OrgType, Source, SourceKind
from kuaibao.errors import SourceError
from kuaibao.sources.fields import (
    FieldValueError,
    describe,
    parse_bool,
    parse_country,
    parse_interval,
    parse_kind,
    parse_language,
    parse_name,
    parse_org_type,
    parse_region,
    parse_selectors,
    parse_tags,
    parse_tier,
    parse_timezone,
    parse_url,
)

# Canonical key -> accepted spellings, in the order entries are written and checked.
KEY_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "feed_url": ("feed_url", "feed", "url"),
    "homepage": ("homepage", "site"),
    "kind": ("kind",),
    "country": ("country",),
    "timezone": ("timezone", "time_zone", "tz"),
    "region": ("region", "province"),
    "org_type": ("org_type", "org"),
    "tier": ("tier",),
    "language": ("language", "lang"),
    "poll_interval_minutes": ("poll_interval_minutes", "poll_interval", "interval"),
    "selectors": ("selectors",),
    "enabled": ("enabled",),
    "allow_private": ("allow_private",),
    "fetch_articles": ("fetch_articles",),
    "tags": ("tags", "tag", "folders"),
}
REQUIRED = ("name", "feed_url", "kind")
FIELD_PARSERS: dict[str, Callable[[object], Any]] = {
    "name": parse_name,
    "feed_url": parse_url,
    "homepage": parse_url,
    "kind": parse_kind,
    "country": parse_country,
    "timezone": parse_timezone,
    "region": parse_region,
    "org_type": parse_org_type,
    "tier": parse_tier,
    "language": parse_language,
    "poll_interval_minutes": parse_interval,
    "selectors": parse_selectors,
    "enabled": parse_bool,
    "allow_private": parse_bool,
    "fetch_articles": parse_bool,
    "tags": parse_tags,
}
_ALIAS_TO_KEY = {alias: key for key, aliases in KEY_ALIASES.items() for alias in aliases}


class SourceEntryError(SourceError):
    """One registry entry is invalid; carries where (index, name) and which field."""

    def __init__(
        self, problem: str, *, index: int | None, name: str | None, field: str | None
    ) -> None:
        self.index = index
        self.name = name
        self.field = field
        self.problem = problem
        where = entry_label(index, name)
        what = f"field {field!r} {problem}" if field else problem
        super().__init__(f"{where}: {what}")


def entry_label(index: int | None, name: str | None) -> str:
    """How messages point at an entry: 'source #3 ("Nature")', position 1-based."""
    label = f"source #{index}" if index is not None else "source"
    if name:
        label += f" ({name!r})"
    return label


@dataclass(frozen=True)
class LoadResult:
    """What a registry file yielded: the valid sources and one error per bad entry.

    ``warnings`` name what was repaired or skipped in the file itself (a bare ``&`` in an
    OPML title, say) without costing a source.
    """

    sources: list[Source] = field(default_factory=list)
    errors: list[SourceEntryError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every entry was valid."""
        return not self.errors

    def sources_or_raise(self) -> list[Source]:
        """The sources, or one SourceError listing every bad entry (for all-or-nothing use)."""
        if self.errors:
            lines = "\n".join(f"  - {e}" for e in self.errors)
            raise SourceError(
                f"{len(self.errors)} invalid source entr"
                f"{'y' if len(self.errors) == 1 else 'ies'}; fix them and "
                f"load again:\n{lines}"
            )
        return self.sources


def _entry_name(data: Mapping[Any, Any]) -> str | None:
    raw = data.get("name")
    return raw.strip()[:80] if isinstance(raw, str) and raw.strip() else None


_Fail = Callable[[str, str | None], SourceEntryError]


def _canonical_keys(data: Mapping[Any, Any], fail: _Fail) -> dict[str, object]:
    values: dict[str, object] = {}
    seen: dict[str, str] = {}
    for raw_key, value in data.items():
        if not isinstance(raw_key, str):
            raise fail(f"has a key that is not text: {describe(raw_key)}", None)
        key = _ALIAS_TO_KEY.get(raw_key.strip().lower())
        if key is None:
            allowed = ", ".join(KEY_ALIASES)
            raise fail(f"has unknown key {raw_key!r}; allowed keys: {allowed}", None)
        if key in seen:
            raise fail(f"is given twice (as {seen[key]!r} and {raw_key!r})", key)
        seen[key] = raw_key
        values[key] = value
    return values


def source_from_dict(data: object, *, index: int | None = None) -> Source:
    """Build a validated Source from one registry entry; ``index`` is its 1-based position."""
    if not isinstance(data, Mapping):
        raise SourceEntryError(
            f"must be a mapping of fields, got {describe(data)}", index=index, name=None, field=None
        )
    name = _entry_name(data)

    def fail(problem: str, key: str | None) -> SourceEntryError:
        return SourceEntryError(problem, index=index, name=name, field=key)

    values = _canonical_keys(data, fail)
    parsed: dict[str, Any] = {}
    for key in KEY_ALIASES:
        raw = values.get(key)
        if key == "homepage" and isinstance(raw, str) and not raw.strip():
            raw = None  # an empty homepage is no homepage (feed readers write htmlUrl="")
        if raw is None:
            if key in REQUIRED:
                raise fail("is required", key)
            continue
        try:
            parsed[key] = FIELD_PARSERS[key](raw)
        except FieldValueError as exc:
            raise fail(str(exc), key) from exc
    if "selectors" in parsed and parsed["kind"] is not SourceKind.HTML:
        raise fail(
            f"only applies to kind 'html' (this source is {parsed['kind'].value!r}); "
            "remove the selectors or set kind: html",
            "selectors",
        )
    parsed.setdefault("homepage", None)
    return Source(**parsed)


def source_to_dict(source: Source) -> dict[str, Any]:
    """The plain-dict form of a Source, in a stable key order, without run-time state."""
    out: dict[str, Any] = {
        "name": source.name,
        "feed_url": source.feed_url,
    }
    if source.homepage:
        out["homepage"] = source.homepage
    out["kind"] = SourceKind(source.kind).value
    if source.country is not None:
        out["country"] = source.country
    if source.timezone is not None:
        out["timezone"] = source.timezone
    if source.region is not None:
        out["region"] = source.region
    if source.org_type is not None:
        out["org_type"] = OrgType(source.org_type).value
    out["tier"] = source.tier
    if source.language is not None:
        out["language"] = source.language
    out["poll_interval_minutes"] = source.poll_interval_minutes
    if source.selectors is not None:
        sel = source.selectors
        out["selectors"] = {
            k: v
            for k, v in (
                ("item", sel.item),
                ("link", sel.link),
                ("title", sel.title),
                ("date", sel.date),
            )
            if v is not None
        }
    out["enabled"] = source.enabled
    out["allow_private"] = source.allow_private
    out["fetch_articles"] = source.fetch_articles
    if source.tags:
        out["tags"] = list(source.tags)
    return out


def url_key(url: str) -> str:
    """A comparison key under which two spellings of the same feed URL are equal."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def sources_from_dicts(entries: Iterable[object], *, first_index: int = 1) -> LoadResult:
    """Validate many entries, collecting one error per bad entry and refusing repeated feeds."""
    result = LoadResult()
    first_seen: dict[str, tuple[int, str]] = {}
    for index, entry in enumerate(entries, start=first_index):
        try:
            source = source_from_dict(entry, index=index)
        except SourceEntryError as exc:
            result.errors.append(exc)
            continue
        key = url_key(source.feed_url)
        if key in first_seen:
            label = entry_label(*first_seen[key])
            result.errors.append(
                SourceEntryError(
                    f"repeats the feed of {label}; each feed URL may appear once",
                    index=index,
                    name=source.name,
                    field="feed_url",
                )
            )
            continue
        first_seen[key] = (index, source.name)
        result.sources.append(source)
    return result
