"""Turn fetched bytes into text even when the server, or the page, lies about the charset.

Chinese, Japanese and Korean sites often send ``charset=utf-8`` or ``iso-8859-1`` in the
header while the body is GB18030 or Big5 (or the reverse), so no single declaration is
trusted. The order of evidence is:

1. a byte-order mark (authoritative);
2. strict UTF-8: valid multi-byte UTF-8 almost never happens by accident;
3. the page's own ``<meta charset>`` / XML declaration, then the HTTP header charset —
   each accepted only if it decodes strictly *and* reads as plausible text (see
   :mod:`kuaibao.fetch.plausibility`) and no other common encoding reads clearly better;
4. the best-scoring of the common encodings, with charset-normalizer breaking ties;
5. the common encoding that leaves the fewest undecodable bytes, else UTF-8, with
   replacement and reported as ``"… (lossy)"``. Nothing here raises on garbage.

A few invalid bytes do not disqualify a reading (real pages carry truncated characters
and pasted snippets): like a browser, the chosen codec replaces them with U+FFFD, and the
characters a broken byte knocks out of step are not held against the reading. And
charset-normalizer is asked for a free guess only when the high bytes do not pair up in
any CJK codec: its statistics pick Cyrillic and Greek single-byte code pages for
damaged Chinese pages.

This is the project's one decoder: pages (:meth:`FetchResult.text`), bodies the
extractor is handed raw (:func:`kuaibao.extract.encoding.decode_html`) and feeds
(:func:`kuaibao.fetch.feeds.parse_feed`) all come through :func:`decode_body`.

Pure-ASCII bodies are reported as ``"ascii"``; a reading that needed replacement
characters anywhere in the body gets a ``" (lossy)"`` suffix.

Labels are widened to the superset codec actually used on the web: GB2312/GBK → GB18030,
Big5 → Big5-HKSCS (then CP950), Shift_JIS → CP932, EUC-KR → CP949 and ISO-8859-1/ASCII →
windows-1252 (as browsers do). The returned encoding is the Python codec name used.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from kuaibao.fetch.plausibility import plausibility

# Labels Python does not know, or knows under a narrower codec than browsers use.
_LABELS = {
    "x-gbk": "gbk",
    "gb_2312-80": "gb2312",
    "cn-big5": "big5",
    "x-x-big5": "big5",
    "x-sjis": "shift_jis",
    "windows-31j": "cp932",
    "x-euc-jp": "euc_jp",
    "unicode-1-1-utf-8": "utf-8",
    "windows-874": "cp874",
    "x-mac-roman": "mac_roman",
}
# Canonical Python codec name → the codecs to try, superset first.
_WIDEN: dict[str, tuple[str, ...]] = {
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "big5": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
    "big5hkscs": ("big5hkscs", "cp950"),
    "shift_jis": ("cp932", "shift_jis_2004"),
    "cp932": ("cp932", "shift_jis_2004"),
    "euc_jp": ("euc_jp", "euc_jis_2004"),
    "euc_kr": ("cp949",),
    "ascii": ("cp1252",),
    "iso8859-1": ("cp1252",),
    "iso8859-9": ("cp1254",),
    "tis-620": ("cp874",),
}
# Tried, in this order, when no declaration holds up; order breaks exact ties.
_COMMON = ("gb18030", "big5hkscs", "cp950", "cp932", "euc_jp", "cp949", "cp1252")
_SINGLE_BYTE = frozenset({"cp1252"})
_WEAK_DECLARATIONS = frozenset({"cp1252"})  # what servers send when nobody configured them
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# A broken byte in a multi-byte codec misreads the rest of its run of non-ASCII characters.
_BROKEN_RUN = re.compile(r"\ufffd[^\x00-\x7f]*")
_ERRORS = re.compile(r"\ufffd+")  # one broken sequence can leave several in a row
_META = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)

SAMPLE_BYTES = 256 * 1024  # enough to judge; decoding the whole body happens once, at the end
SCORED_TEXT = 16_000  # characters of a reading whose plausibility is scored (errors: all)
PLAUSIBLE = 0.75  # minimum plausibility for a reading to be believed
MARGIN = 0.12  # a declaration loses only to a reading this much more plausible
UTF8_PLAUSIBLE = 0.3  # valid UTF-8 needs little extra evidence
STRAY_BYTE_RATIO = 25  # one broken sequence tolerated per this many non-ASCII characters
ARBITRATION_BYTES = 64  # below this many high bytes charset-normalizer guesses no better


@dataclass(frozen=True)
class _Reading:
    encoding: str
    score: float


def decode_body(
    body: bytes, declared: str | None, content_type: str = "text/html"
) -> tuple[str, str]:
    """Decode a body to ``(text, encoding)``, distrusting declarations that read badly."""
    if not body:
        return "", "utf-8"
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return _finish(body[len(bom) :], encoding)
    if body.isascii() and not re.search(rb"[\x00\x1b]", body):
        return body.decode("ascii"), "ascii"
    sample = _sample(body)
    utf8 = _read(sample, "utf-8")
    if utf8 is not None and utf8.score >= UTF8_PLAUSIBLE:
        return _finish(body, "utf-8")
    chosen = _choose(sample, declared_encodings(body[:4096], declared, content_type))
    chosen = chosen or ("utf-8" if utf8 is not None else None)  # valid UTF-8, odd content
    if chosen is None:
        chosen = _least_broken(sample, declared_encodings(body[:4096], declared, content_type))
    return _finish(body, chosen)


def declared_encodings(head: bytes, header: str | None, content_type: str = "") -> list[str]:
    """Codecs the document's head and the header claim, document first, widened, de-duplicated."""
    labels: list[str] = []
    xml = _XML_DECL.search(head[:1024])
    if xml:
        labels.append(xml.group(1).decode("ascii"))
    if "xml" not in content_type or not xml:
        meta = _META.search(head[:4096])
        if meta:
            labels.append(meta.group(1).decode("ascii"))
    if header:
        labels.append(header)
    result: list[str] = []
    for label in labels:
        for codec in widen(label):
            if codec not in result:
                result.append(codec)
    return result


def widen(label: str) -> tuple[str, ...]:
    """The codecs to try for a charset label, superset first; empty if the label is unknown."""
    cleaned = label.strip().strip("\"'").lower()
    cleaned = _LABELS.get(cleaned, cleaned)
    try:
        name = codecs.lookup(cleaned).name
    except LookupError:
        return ()
    return _WIDEN.get(name, (name,))


def _choose(sample: bytes, declared: list[str]) -> str | None:
    """Pick the codec: a declaration that holds up, else the most plausible common one.

    A multi-byte codec that decodes strictly *and* reads well is strong evidence, so when
    one exists single-byte readings (which decode anything) are left out of the contest,
    and a windows-1252/ISO-8859-1 declaration — the classic server default — cannot win.
    """
    extra = ("iso2022_jp",) if b"\x1b$" in sample else ()
    others = [r for r in (_read(sample, c) for c in (*_COMMON, *extra)) if r is not None]
    plausible = [r for r in others if r.score >= PLAUSIBLE]
    multi = [r for r in plausible if r.encoding not in _SINGLE_BYTE]
    pool = multi or plausible
    best = max((r.score for r in pool), default=0.0)
    for reading in (r for r in (_read(sample, c) for c in declared) if r is not None):
        weak = reading.encoding in _WEAK_DECLARATIONS and bool(multi)
        if not weak and reading.score >= PLAUSIBLE and reading.score >= best - MARGIN:
            return reading.encoding
    contenders = [r.encoding for r in pool if r.score >= best - MARGIN]
    if len(contenders) > 1 and len(re.findall(rb"[\x80-\xff]", sample)) >= ARBITRATION_BYTES:
        return _arbitrate(sample, contenders) or contenders[0]
    if contenders:
        return contenders[0]
    if any(r.encoding not in _SINGLE_BYTE for r in others):
        return None  # the high bytes pair up as CJK: a damaged CJK page, not a code page
    guess = _arbitrate(sample, None)
    verdict = _read(sample, guess) if guess is not None else None
    return guess if verdict is not None and verdict.score >= PLAUSIBLE else None


def _arbitrate(sample: bytes, among: list[str] | None) -> str | None:
    """Ask charset-normalizer (language models, not just byte validity) to break a tie."""
    try:
        match = from_bytes(sample, cp_isolation=among).best()
    except (LookupError, ValueError, RuntimeError):
        return None
    if match is None:
        return None
    name = codecs.lookup(match.encoding).name
    if among is None:
        return name
    return next((c for c in among if codecs.lookup(c).name == name), None)


def _least_broken(sample: bytes, declared: list[str]) -> str:
    """The declared or common multi-byte codec with the fewest undecodable bytes, else UTF-8.

    The last resort for a damaged document: a reading with replacement characters in
    the right script beats any reading that decodes "cleanly" into another one. When
    even the best leaves a quarter of its characters undecodable, the body is not text
    in any of them, and UTF-8 (the web's default) is as good as any.
    """
    candidates = [c for c in (*declared, *_COMMON) if c not in _SINGLE_BYTE]
    best, fewest = "utf-8", len(sample)
    for codec in dict.fromkeys(candidates):
        text = sample.decode(codec, "replace")
        errors = len(_ERRORS.findall(text))
        if errors < fewest and errors * 4 <= len(_NON_ASCII.findall(text)):
            best, fewest = codec, errors
    return best


def _read(sample: bytes, encoding: str) -> _Reading | None:
    """Decode and score; ``None`` when the bytes are (more than stray-byte) invalid.

    Real pages carry the odd broken byte (a truncated character, a pasted snippet), so
    a few invalid sequences are tolerated; a wrong codec produces far more. The run a
    broken byte garbles is left out of the score (a browser shows it garbled too, but it
    says nothing about the codec); each error still costs a little plausibility.
    """
    try:
        text = sample.decode(encoding)
    except LookupError:
        return None
    except UnicodeDecodeError:
        text = sample.decode(encoding, "replace")
        errors = len(_ERRORS.findall(text))
        non_ascii = len(_NON_ASCII.findall(text))
        kept = _BROKEN_RUN.sub("", text)
        if errors > non_ascii // STRAY_BYTE_RATIO or len(_NON_ASCII.findall(kept)) * 2 < non_ascii:
            return None
        return _Reading(encoding, plausibility(kept[:SCORED_TEXT]) - errors / max(non_ascii, 1))
    return _Reading(encoding, plausibility(text[:SCORED_TEXT]))


def _sample(body: bytes) -> bytes:
    """A window of the body, starting where non-ASCII bytes do, cut at a newline or ``<``.

    Those two bytes never occur inside a multi-byte character of any codec tried here, so
    cutting there splits nothing.
    """
    found = re.search(rb"[\x80-\xff]", body)
    first = found.start() if found else 0
    start = max(body.rfind(b"\n", 0, first), body.rfind(b"<", 0, first), 0)
    if len(body) - start <= SAMPLE_BYTES:
        return body[start:]
    window = body[start : start + SAMPLE_BYTES]
    cut = max(window.rfind(b"\n"), window.rfind(b"<"))
    return window[:cut] if cut > 0 else window


def _finish(body: bytes, encoding: str) -> tuple[str, str]:
    """Decode the whole body; mark the result lossy if anything had to be replaced."""
    try:
        return body.decode(encoding), encoding
    except UnicodeDecodeError:
        return body.decode(encoding, "replace"), f"{encoding} (lossy)"
