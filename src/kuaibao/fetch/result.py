"""What a successful fetch returns, and reading a Content-Type header."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kuaibao.fetch.charset import decode_body

_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.I)


@dataclass(frozen=True)
class FetchResult:
    """A successful fetch (2xx, or 304 when validators were sent)."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]  # lower-case keys; repeated headers joined with ", "
    body: bytes  # decompressed; empty for 304
    content_type: str  # mime type without parameters, lower-case ('' if none)
    declared_charset: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool
    elapsed_ms: int
    attempts: int

    def text(self) -> str:
        """The body as text, charset detected even when the server declares it wrongly."""
        return decode_body(self.body, self.declared_charset, self.content_type)[0]


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``'Text/HTML; charset="GBK"'`` → ``('text/html', 'gbk')``."""
    if not value:
        return "", None
    mime = value.split(";", 1)[0].strip().lower()
    match = _CHARSET.search(value)
    return mime, match.group(1).lower() if match else None
