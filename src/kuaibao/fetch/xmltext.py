"""XML documents (feeds, sitemaps) decoded by the project's one decoder, handed on as UTF-8.

feedparser and lxml each decode XML by their own rules: the byte-order mark, then the
XML declaration or the HTTP header, trusted as written. Feeds lie as often as pages do
(a GBK feed that declares ``iso-8859-1``, a UTF-32 one that lxml's quick path does not
expect), and trusting the label stores titles as mojibake. So every feed is decoded
first by :func:`kuaibao.fetch.charset.decode_body`, exactly as a page would be, and the
parsers get the same text re-encoded as UTF-8, its XML declaration saying so: there is
then nothing left for them to misread.
"""

from __future__ import annotations

import re

from kuaibao.fetch.charset import decode_body

_XML_DECL_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.I)
# Byte patterns of "<" at the start of a UTF-16 or UTF-32 document without a BOM.
_WIDE_STARTS = (b"<\x00\x00\x00", b"\x00\x00\x00<", b"<\x00?\x00", b"\x00<\x00?")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-32LE starts as UTF-16LE


def utf8_document(body: bytes, content_type: str = "") -> bytes:
    """``body`` as UTF-8 without BOM, declaring UTF-8 if it declares at all, however encoded.

    ``content_type`` is the full Content-Type header; its charset is weighed as any
    declaration is. Bodies already plain UTF-8 (or ASCII) that claim nothing else come
    back unchanged, without a copy.
    """
    header = _CHARSET.search(content_type)
    declared = header.group(1) if header else None
    if body.isascii() and not body.startswith(_WIDE_STARTS):  # same in any codec it names
        head = body[:200].decode("ascii")
        declaration = _XML_DECL_ENCODING.match(head)
        if declaration is None:
            return body
        return _XML_DECL_ENCODING.sub(r'\1 encoding="utf-8"', head, count=1).encode() + body[200:]
    text, _ = decode_body(_unwiden(body), declared, media_type(content_type) or "text/xml")
    text = _XML_DECL_ENCODING.sub(r'\1 encoding="utf-8"', text.lstrip("\ufeff"), count=1)
    return text.encode("utf-8")


def media_type(content_type: str) -> str:
    """``'Text/XML; charset=gbk'`` → ``'text/xml'``."""
    return content_type.split(";", 1)[0].strip().lower()


def ascii_view(body: bytes) -> bytes:
    """Bytes in which the markup of a UTF-16/32 document reads as ASCII, for sniffing tags.

    Only wide encodings need it (everything else the web uses keeps ASCII as ASCII);
    those are decoded, the rest returned as they are.
    """
    if body.startswith(_WIDE_BOMS) or body.startswith(_WIDE_STARTS):
        return utf8_document(body)
    return body


def _unwiden(body: bytes) -> bytes:
    """Give a UTF-16/32 document without a byte-order mark the one it forgot.

    XML allows leaving it out when the declaration says so; the decoder needs a BOM (or
    a declaration it can read, which in a wide encoding it cannot) to know.
    """
    boms = {
        b"<\x00\x00\x00": b"\xff\xfe\x00\x00",
        b"\x00\x00\x00<": b"\x00\x00\xfe\xff",
        b"<\x00?\x00": b"\xff\xfe",
        b"\x00<\x00?": b"\xfe\xff",
    }
    for start, bom in boms.items():
        if body.startswith(start):
            return bom + body
    return body
