"""Finding English left in a page meant to be Chinese.

Visible text (and the attributes people read: ``title``, ``aria-label``, ``placeholder``)
is searched for Latin-script words. Skipped: elements marked ``translate="no"`` (data
shown as stored: URLs, names, matched words), ``<code>``, ``<kbd>``, scripts and styles,
URLs and host names anywhere, and a short list of terms Chinese UIs keep in Latin letters
(HTTP, RSS, the names of settings an operator types).
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

ALLOWED = frozenset(
    {
        "HTTP", "HTTPS", "http", "https", "URL", "DNS", "CSS", "XML", "HTML", "html", "RSS",
        "Atom", "JSON", "API", "UTC", "NAT", "gzip", "PDF", "DOCX", "Markdown", "OPML", "ID",
        "IPv4", "IPv6", "Bearer", "Authorization", "Enter", "Esc", "kuaibao", "English",
        "allow_private", "max_redirects", "max_body_bytes", "total_timeout", "urlset",
        "sitemapindex", "kind", "crawl", "triage", "serve", "users", "add", "NAME", "role",
        "admin", "toml", "KUAIBAO_", "US", "CN", "EU", "INT", "en", "zh", "OR",
        # values people type into the forms, quoted in the messages that ask for them
        "ISO", "GB", "zh-Hans", "pt-BR", "true", "false",
        # IANA time zone names (Asia/Shanghai) and the abbreviation a message warns about
        "IANA", "Asia", "Shanghai", "Europe", "Berlin", "America", "New_York", "CST",
        # configuration an operator edits, named as the file spells it
        "llm", "base_url", "model", "docs",
    }
)  # fmt: skip
_SKIPPED = ("script", "style", "code", "kbd")
_URL = re.compile(r"(?:https?|ftp|javascript)://\S*|\b[\w-]+(?:\.[\w-]+)+\b(?:/\S*)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z_'-]*[A-Za-z_]|[A-Za-z]")


def english_words(page: str, data: tuple[str, ...] = ()) -> list[str]:
    """Latin-script words a reader of the Chinese page would see, in page order; ``data``
    are strings the test itself stored (a user name) and are not looked at."""
    for value in data:
        page = page.replace(value, " ")
    root = lxml_html.document_fromstring(page)
    for hidden in root.xpath('//*[@translate="no"]|' + "|".join(f"//{t}" for t in _SKIPPED)):
        hidden.drop_tree()
    texts = [t for t in root.xpath("//body//text()")]
    for attribute in ("title", "aria-label", "placeholder"):
        texts.extend(root.xpath(f"//body//@{attribute}"))
    found: list[str] = []
    for text in texts:
        for word in _WORD.findall(_URL.sub(" ", str(text))):
            if word not in ALLOWED and len(word) > 1:
                found.append(word)
    return found
