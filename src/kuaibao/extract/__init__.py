"""Extraction stage: fetched HTML or PDF bytes -> Document (text, metadata, canonical URL)."""

from kuaibao.extract.document import BodyKind, build_document, content_hash, sniff_kind
from kuaibao.extract.encoding import decode_html
from kuaibao.extract.extracted import Extracted
from kuaibao.extract.html import extract_html
from kuaibao.extract.language import detect_language
from kuaibao.extract.pdf import extract_pdf
from kuaibao.extract.urls import canonicalize_url
from kuaibao.sites import same_site

__all__ = [
    "BodyKind",
    "Extracted",
    "build_document",
    "canonicalize_url",
    "content_hash",
    "decode_html",
    "detect_language",
    "extract_html",
    "extract_pdf",
    "same_site",
    "sniff_kind",
]
