"""Decoding HTML bytes to text when the fetcher did not, through the project's one decoder.

The extractor is sometimes handed raw bytes (a body sniffed as HTML under a generic
Content-Type, the extraction benchmark). Those bytes get exactly the treatment fetched
pages get — :func:`kuaibao.fetch.charset.decode_body`, which distrusts labels that read
badly and decodes a few broken bytes as a browser does — so a page never reads one way
when crawled and another when re-extracted.
"""

from __future__ import annotations

import re

from kuaibao.fetch.charset import decode_body

SNIFF_BYTES = 4096

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Turn a page's bytes into text; ``content_type`` is the full header, charset and all."""
    media = (content_type or "text/html").split(";", 1)[0].strip().lower()
    return decode_body(body, header_charset(content_type), media)[0]


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def meta_charset(body: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(body[:SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None
