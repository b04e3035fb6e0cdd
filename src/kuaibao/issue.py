"""How an issue is named wherever it appears: ``2024年第12期``, or without 第N期 when unnumbered.

An imported issue whose text printed no number keeps none: inventing one would collide
with, or shift, the series' real numbering. Every label, file name, feed id and sort
key goes through this module, so no page, file or message ever shows ``第None期``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from kuaibao.domain import Bulletin


def issue_number_text(bulletin: Bulletin) -> str:
    """``2024年第12期``; an unnumbered issue is named by its date, else by its year."""
    if bulletin.number is not None:
        return f"{bulletin.year}年第{bulletin.number}期"
    if bulletin.date is not None:
        d = bulletin.date
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{bulletin.year}年"


def issue_label(bulletin: Bulletin) -> str:
    """``科技快报 2024年第12期``: the series (when it has one) and the issue."""
    text = issue_number_text(bulletin)
    return f"{bulletin.series} {text}" if bulletin.series else text


def issue_slug(bulletin: Bulletin) -> str:
    """ASCII part of file names and feed ids: ``2024-12``, else ``2024-03-15``, else the id.

    The stored id keeps two unnumbered issues of one year without a date apart.
    """
    if bulletin.number is not None:
        return f"{bulletin.year}-{bulletin.number:02d}"
    if bulletin.date is not None:
        return bulletin.date.isoformat()
    return f"{bulletin.year}-id{bulletin.id or 0}"


def issue_order(bulletin: Bulletin) -> tuple[int, int, date]:
    """Sort key, oldest first: year, then number (unnumbered before numbered), then date."""
    return (bulletin.year, bulletin.number or 0, bulletin.date or date.min)


def issue_key(
    bulletin: Bulletin, others: Iterable[Bulletin]
) -> tuple[str, int, int | None, int | None]:
    """What the revisions of one issue share: series, year and number; for an unnumbered
    issue, the id of its first revision (followed through ``supersedes_id`` in ``others``)."""
    if bulletin.number is not None:
        return (bulletin.series, bulletin.year, bulletin.number, None)
    by_id = {b.id: b for b in others}
    first, seen = bulletin, set()
    while first.supersedes_id in by_id and first.supersedes_id not in seen:
        seen.add(first.supersedes_id)
        first = by_id[first.supersedes_id]
    return (bulletin.series, bulletin.year, None, first.id)
