"""Translation between table rows and domain objects, kept in one place."""

from __future__ import annotations

import zlib

from kuaibao.domain import (
    Bulletin,
    BulletinState,
    Document,
    FetchLogEntry,
    Item,
    ItemState,
    ListingSelectors,
    OrgType,
    Rejected,
    Source,
    SourceHealth,
    SourceKind,
)
from kuaibao.errors import SourceError
from kuaibao.store.models import (
    BulletinRow,
    DocumentRow,
    FetchLogRow,
    ItemRow,
    RejectionRow,
    SourceRow,
)
from kuaibao.store.values import MAX_URL_CHARS, url_too_long


def compress(raw: bytes | None) -> bytes | None:
    """Raw pages are kept for re-extraction; zlib level 6 shrinks HTML about 5×."""
    return zlib.compress(raw, 6) if raw else None


def decompress(blob: bytes | None) -> bytes | None:
    return zlib.decompress(blob) if blob else None


def selectors_to_json(selectors: ListingSelectors | None) -> dict[str, str] | None:
    if selectors is None:
        return None
    data = {"item": selectors.item, "link": selectors.link}
    if selectors.title:
        data["title"] = selectors.title
    if selectors.date:
        data["date"] = selectors.date
    return data


def selectors_from_json(data: dict[str, str] | None) -> ListingSelectors | None:
    if not data:
        return None
    return ListingSelectors(
        item=data["item"],
        link=data.get("link", "a[href]"),
        title=data.get("title"),
        date=data.get("date"),
    )


def source_from_row(row: SourceRow) -> Source:
    return Source(
        id=row.id,
        name=row.name,
        homepage=row.homepage or None,
        kind=SourceKind(row.kind),
        feed_url=row.feed_url,
        selectors=selectors_from_json(row.selectors),
        country=row.country,
        org_type=OrgType(row.org_type) if row.org_type else None,
        tier=row.tier,
        language=row.language,
        poll_interval_minutes=row.poll_interval_minutes,
        enabled=row.enabled,
        allow_private=row.allow_private,
        fetch_articles=row.fetch_articles,
        timezone=row.timezone,
        tags=tuple(row.tags or ()),
        region=row.region,
        health=SourceHealth(
            last_attempt=row.last_attempt,
            last_success=row.last_success,
            consecutive_failures=row.consecutive_failures,
            last_error=row.last_error,
            items_last_poll=row.items_last_poll,
            items_previous_poll=row.items_previous_poll,
            empty_extractions=row.empty_extractions,
        ),
    )


def apply_source(row: SourceRow, source: Source) -> None:
    """Copy the editable fields of a source onto its row (health is the crawler's).

    A source whose URLs do not fit the store is refused here, for every way in (add,
    import, edit): a cut feed URL would be polled as a different address.
    """
    for label, url in (("feed URL", source.feed_url), ("homepage", source.homepage or "")):
        if url_too_long(url):
            raise SourceError(
                f"the {label} of source {source.name!r} has {len(url)} characters;"
                f" at most {MAX_URL_CHARS} are kept"
            )
    row.name = source.name
    row.homepage = source.homepage or ""  # the column predates sources without one
    row.kind = source.kind.value
    row.feed_url = source.feed_url
    row.selectors = selectors_to_json(source.selectors)
    row.country = source.country
    row.org_type = source.org_type.value if source.org_type else None
    row.tier = source.tier
    row.language = source.language
    row.poll_interval_minutes = source.poll_interval_minutes
    row.enabled = source.enabled
    row.allow_private = source.allow_private
    row.fetch_articles = source.fetch_articles
    row.timezone = source.timezone
    row.tags = list(source.tags) or None
    row.region = source.region


def document_from_row(row: DocumentRow, *, with_raw: bool = False) -> Document:
    return Document(
        id=row.id,
        source_id=row.source_id,
        url=row.url,
        canonical_url=row.canonical_url,
        title=row.title,
        text=row.text,
        language=row.language,
        published_at=row.published_at,
        fetched_at=row.fetched_at,
        author=row.author,
        content_type=row.content_type,
        content_hash=row.content_hash,
        raw=decompress(row.raw_compressed) if with_raw else None,
    )


def document_to_row(doc: Document) -> DocumentRow:
    return DocumentRow(
        source_id=doc.source_id,
        url=doc.url,
        canonical_url=doc.canonical_url,
        title=doc.title,
        text=doc.text,
        language=doc.language,
        published_at=doc.published_at,
        fetched_at=doc.fetched_at,
        author=doc.author,
        content_type=doc.content_type,
        content_hash=doc.content_hash,
        raw_compressed=compress(doc.raw),
    )


def log_to_row(entry: FetchLogEntry) -> FetchLogRow:
    return FetchLogRow(
        source_id=entry.source_id,
        url=entry.url,
        started_at=entry.started_at,
        duration_ms=entry.duration_ms,
        status=entry.status,
        bytes=entry.bytes,
        error=entry.error,
        error_kind=entry.error_kind,
        not_modified=entry.not_modified,
    )


def log_from_row(row: FetchLogRow) -> FetchLogEntry:
    return FetchLogEntry(
        url=row.url,
        started_at=row.started_at,
        duration_ms=row.duration_ms,
        status=row.status,
        bytes=row.bytes,
        error=row.error,
        error_kind=row.error_kind,
        source_id=row.source_id,
        not_modified=row.not_modified,
    )


def rejection_from_row(row: RejectionRow) -> Rejected:
    return Rejected(
        url=row.url, reason=row.reason, detail=row.detail, source_id=row.source_id, at=row.at
    )


def item_snapshot(item: Item) -> dict[str, object]:
    """The editable fields of an item, as stored in its history."""
    return {
        "title": item.title,
        "body": list(item.body),
        "domain": item.domain,
        "section": item.section,
        "contributors": list(item.contributors),
        "source_urls": list(item.source_urls),
        "original_title": item.original_title,
        "event_date": item.event_date,
        "state": item.state.value,
        "notes": list(item.notes),
    }


def apply_item(row: ItemRow, item: Item) -> None:
    row.title = item.title
    row.body = list(item.body)
    row.domain = item.domain
    row.section = item.section
    row.contributors = list(item.contributors)
    row.source_urls = list(item.source_urls)
    row.original_title = item.original_title
    row.event_date = item.event_date
    row.state = item.state.value
    row.notes = list(item.notes)


def item_from_row(row: ItemRow, document_ids: list[int] | None = None) -> Item:
    return Item(
        id=row.id,
        title=row.title,
        body=list(row.body or []),
        domain=row.domain,
        section=row.section,
        contributors=list(row.contributors or []),
        source_urls=list(row.source_urls or []),
        original_title=row.original_title,
        event_date=row.event_date,
        state=ItemState(row.state),
        document_ids=document_ids or [],
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
        notes=list(row.notes or []),
    )


def bulletin_from_row(row: BulletinRow, items: list[Item]) -> Bulletin:
    return Bulletin(
        id=row.id,
        series=row.series,
        year=row.year,
        number=row.number,
        running_number=row.running_number,
        date=row.date,
        editor=row.editor,
        issuing_unit=row.issuing_unit,
        sections=list(row.sections or []),
        items=items,
        state=BulletinState(row.state),
        revision=row.revision,
        supersedes_id=row.supersedes_id,
        published_at=row.published_at,
    )
