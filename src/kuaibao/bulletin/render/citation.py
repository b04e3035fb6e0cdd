"""GB/T 7714-2015 references for an item's sources, in the electronic-resource form.

Form: ``[n] 责任者. 题名[EB/OL]. (发表日期)[引用日期]. URL.`` The responsible party is
the organisation behind the URL's host when we know it, else the host itself; the
publication date is the item's ``event_date`` only when that is a full date.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from kuaibao.bulletin.render.layout import single_line
from kuaibao.domain import Bulletin, Item

ANONYMOUS = "佚名"

KNOWN_HOSTS: dict[str, str] = {
    "gov.uk": "UK Government",
    "ukri.org": "UK Research and Innovation",
    "parliament.uk": "UK Parliament",
    "whitehouse.gov": "The White House",
    "darpa.mil": "DARPA",
    "defense.gov": "U.S. Department of Defense",
    "energy.gov": "U.S. Department of Energy",
    "nasa.gov": "NASA",
    "nsf.gov": "U.S. National Science Foundation",
    "nih.gov": "U.S. National Institutes of Health",
    "nist.gov": "NIST",
    "congress.gov": "U.S. Congress",
    "gao.gov": "U.S. Government Accountability Office",
    "commerce.gov": "U.S. Department of Commerce",
    "ec.europa.eu": "European Commission",
    "esa.int": "European Space Agency",
    "oecd.org": "OECD",
    "iea.org": "International Energy Agency",
    "bmbf.de": "German Federal Ministry of Education and Research",
    "mext.go.jp": "MEXT (Japan)",
    "meti.go.jp": "METI (Japan)",
    "nature.com": "Nature",
    "science.org": "Science",
    "cell.com": "Cell Press",
    "pnas.org": "PNAS",
    "arxiv.org": "arXiv",
    "ieee.org": "IEEE",
    "csis.org": "Center for Strategic and International Studies",
    "rand.org": "RAND Corporation",
    "brookings.edu": "Brookings Institution",
    "itif.org": "Information Technology and Innovation Foundation",
    "cset.georgetown.edu": "Center for Security and Emerging Technology",
}


def responsible_party(url: str) -> str:
    """The organisation behind a URL: a known host (or its subdomain), else the host."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        host = ""
    if not host:
        return ANONYMOUS
    bare = host.removeprefix("www.")
    labels = bare.split(".")
    for start in range(len(labels) - 1):
        name = KNOWN_HOSTS.get(".".join(labels[start:]))
        if name:
            return name
    return host


def publication_date(event_date: str | None) -> date | None:
    """Only a full ``YYYY-MM-DD`` event date is a citable publication date."""
    if not event_date or len(event_date) != 10:
        return None
    try:
        return date.fromisoformat(event_date)
    except ValueError:
        return None


def _sentence(text: str) -> str:
    """End a reference element with exactly one full stop."""
    return text if text.endswith(".") else text + "."


def gbt7714(item: Item, *, accessed: date) -> list[str]:
    """One GB/T 7714-2015 [EB/OL] reference per source URL, numbered from 1."""
    title = single_line(item.original_title or "") or single_line(item.title)
    published = publication_date(item.event_date)
    dates = f"({published.isoformat()})" if published else ""
    dates += f"[{accessed.isoformat()}]"
    refs = []
    urls = [u for u in (single_line(raw) for raw in item.source_urls) if u]
    for number, url in enumerate(urls, start=1):
        party = _sentence(responsible_party(url))
        refs.append(f"[{number}] {party} {title}[EB/OL]. {dates}. {_sentence(url)}")
    return refs


def citations_for(bulletin: Bulletin, accessed: date | None = None) -> dict[int, list[str]]:
    """References per item position (1-based), accessed on the issue date unless given."""
    when = accessed or bulletin.date or date.today()
    return {n: gbt7714(item, accessed=when) for n, item in enumerate(bulletin.items, start=1)}
