"""Decoding HTML bytes to text when the fetcher did not: header, BOM, meta, then guessing.

Order of trust: a byte-order mark (it cannot lie), the Content-Type charset, a
``<meta charset>`` in the first bytes, strict UTF-8, and only then charset-normalizer's
statistical guess. Decoding never fails: the last resort replaces undecodable bytes.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

SNIFF_BYTES = 4096
GUESS_BYTES = 200_000

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# Browsers read these labels as a superset encoding; so do we.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252", "latin1": "cp1252",
            "ascii": "cp1252", "us-ascii": "cp1252", "x-sjis": "shift_jis"}  # fmt: skip


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Turn a page's bytes into text using the most trustworthy charset available."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    for label in (header_charset(content_type), meta_charset(body)):
        decoded = _try_decode(body, label)
        if decoded is not None:
            return decoded
    decoded = _try_decode(body, "utf-8")
    if decoded is not None:
        return decoded
    guess = from_bytes(body[:GUESS_BYTES]).best()
    encoding = guess.encoding if guess is not None else "utf-8"
    return body.decode(encoding, errors="replace")


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def meta_charset(body: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(body[:SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def _try_decode(body: bytes, label: str | None) -> str | None:
    """Decode strictly with ``label``; ``None`` when unknown or when bytes do not fit."""
    if not label:
        return None
    name = _ALIASES.get(label.lower(), label)
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    try:
        return body.decode(name)
    except UnicodeDecodeError:
        return None
