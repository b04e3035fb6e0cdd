"""The sample web's articles and sites, loaded from the YAML files next to this module.

The content is plain data so that it can be read and edited like prose; this module only
turns it into typed, validated objects. Everything else (HTML, feeds, the server) is
derived from these objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from kuaibao.domain import OrgType, SourceKind
from kuaibao.errors import SourceError

DOMAINS = ("semiconductors", "ai", "quantum", "cybersecurity", "energy", "biotech", "space")
CATEGORIES = ("policy", "research", "industry")
DRAFTS_PREFIX = "/drafts/"


@dataclass(frozen=True)
class ArticleContent:
    """One article as written: where it lives, what it says, and its ground-truth labels."""

    slug: str
    path: str
    title: str
    published: datetime
    author: str
    section: str
    domain: str
    category: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...] = ()
    updated: datetime | None = None
    tracking: bool = False
    draft: bool = False
    story: str | None = None

    @property
    def summary(self) -> str:
        """Feeds carry the first paragraph as the teaser, as most CMSs do."""
        return self.paragraphs[0]

    @property
    def modified(self) -> datetime:
        """The last time the page changed; drives Last-Modified and sitemap lastmod."""
        return self.updated or self.published


@dataclass(frozen=True)
class ReportContent:
    """A long-form report served as a PDF rather than an HTML page."""

    slug: str
    path: str
    title: str
    published: datetime
    author: str
    domain: str
    category: str
    summary: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class SiteContent:
    """One fictional site: identity, the way it announces articles, and its chrome."""

    key: str
    name: str
    kind: SourceKind
    feed_path: str
    country: str
    org_type: OrgType
    tier: int
    language: str
    tagline: str
    nav: tuple[str, ...]
    footer: str
    sidebar_title: str
    sidebar_links: tuple[str, ...]
    related_title: str
    articles: tuple[ArticleContent, ...]
    encoding: str = "utf-8"
    header_charset: str | None = None
    robots_disallow: tuple[str, ...] = ()
    report: ReportContent | None = None
    notes: str = ""
    region: str | None = None  # a regional publisher's province/city, in Chinese


def _need(raw: dict[str, Any], key: str, where: str) -> Any:
    """Fetch a required key so that a broken content file names what is missing."""
    if key not in raw or raw[key] in (None, ""):
        raise SourceError(f"{where}: missing {key!r}; add it to the demo content file")
    return raw[key]


def _when(value: Any, where: str) -> datetime:
    """Parse an ISO date-time that must carry a timezone, so no page is ambiguous."""
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise SourceError(f"{where}: {value!r} is not an ISO 8601 date-time") from exc
    if parsed.tzinfo is None:
        raise SourceError(f"{where}: {value!r} has no timezone; add Z or +08:00")
    return parsed


def _labels(raw: dict[str, Any], where: str) -> tuple[str, str]:
    """Check the ground-truth domain and category that later stages are tested against."""
    domain, category = _need(raw, "domain", where), _need(raw, "category", where)
    if domain not in DOMAINS:
        raise SourceError(f"{where}: domain {domain!r} is not one of {', '.join(DOMAINS)}")
    if category not in CATEGORIES:
        raise SourceError(f"{where}: category {category!r} is not one of {', '.join(CATEGORIES)}")
    return str(domain), str(category)


def _article(raw: dict[str, Any], prefix: str, where: str) -> ArticleContent:
    """Build one article; drafts live under the robots-disallowed drafts folder."""
    slug = str(_need(raw, "slug", where))
    where = f"{where} article {slug!r}"
    domain, category = _labels(raw, where)
    draft = bool(raw.get("draft", False))
    path = f"{DRAFTS_PREFIX}{slug}" if draft else f"{prefix}{slug}"
    return ArticleContent(
        slug=slug,
        path=str(raw.get("path") or path),
        title=str(_need(raw, "title", where)).strip(),
        published=_when(_need(raw, "published", where), where),
        author=str(_need(raw, "author", where)),
        section=str(_need(raw, "section", where)),
        domain=domain,
        category=category,
        paragraphs=tuple(str(p).strip() for p in _need(raw, "paragraphs", where)),
        tags=tuple(str(t) for t in raw.get("tags", ())),
        updated=_when(raw["updated"], where) if raw.get("updated") else None,
        tracking=bool(raw.get("tracking", False)),
        draft=draft,
        story=str(raw["story"]) if raw.get("story") else None,
    )


def _report(raw: dict[str, Any], where: str) -> ReportContent:
    """Build the PDF report; its text must stay ASCII because the PDF uses Helvetica."""
    slug = str(_need(raw, "slug", where))
    domain, category = _labels(raw, f"{where} report")
    paragraphs = tuple(str(p).strip() for p in _need(raw, "paragraphs", where))
    if not all(p.isascii() for p in paragraphs):
        raise SourceError(f"{where}: report text must be ASCII (the PDF uses a base font)")
    return ReportContent(
        slug=slug,
        path=f"/reports/{slug}.pdf",
        title=str(_need(raw, "title", where)),
        published=_when(_need(raw, "published", where), where),
        author=str(_need(raw, "author", where)),
        domain=domain,
        category=category,
        summary=str(_need(raw, "summary", where)).strip(),
        paragraphs=paragraphs,
    )


def parse_site(raw: dict[str, Any], where: str) -> SiteContent:
    """Turn one site's YAML mapping into a validated ``SiteContent``."""
    key = str(_need(raw, "key", where))
    prefix = str(raw.get("article_prefix", "/news/"))
    chrome = _need(raw, "chrome", where)
    articles = tuple(_article(a, prefix, f"{where} ({key})") for a in _need(raw, "articles", where))
    paths = [a.path for a in articles]
    if len(set(paths)) != len(paths):
        raise SourceError(f"{where}: two articles share a path; give each a unique slug")
    try:
        kind, org_type = SourceKind(raw["kind"]), OrgType(raw["org_type"])
    except (KeyError, ValueError) as exc:
        raise SourceError(f"{where}: invalid or missing kind/org_type: {exc}") from exc
    return SiteContent(
        key=key,
        name=str(_need(raw, "name", where)),
        kind=kind,
        feed_path=str(_need(raw, "feed_path", where)),
        country=str(_need(raw, "country", where)),
        org_type=org_type,
        tier=int(raw.get("tier", 2)),
        language=str(_need(raw, "language", where)),
        tagline=str(_need(chrome, "tagline", where)),
        nav=tuple(str(n) for n in _need(chrome, "nav", where)),
        footer=str(_need(chrome, "footer", where)).strip(),
        sidebar_title=str(_need(chrome, "sidebar_title", where)),
        sidebar_links=tuple(str(s) for s in _need(chrome, "sidebar_links", where)),
        related_title=str(_need(chrome, "related_title", where)),
        articles=articles,
        encoding=str(raw.get("encoding", "utf-8")),
        header_charset=str(raw["header_charset"]) if raw.get("header_charset") else None,
        robots_disallow=tuple(str(p) for p in raw.get("robots_disallow", ())),
        report=_report(raw["report"], where) if raw.get("report") else None,
        notes=str(raw.get("notes", "")).strip(),
        region=str(raw["region"]) if raw.get("region") else None,
    )


def _name(item: Traversable) -> str:
    return item.name


def load_sites(directory: Path | None = None) -> list[SiteContent]:
    """Load every ``*.yaml`` site file, sorted by file name so site order is stable."""
    if directory is None:
        root = resources.files("kuaibao.demo").joinpath("content")
        files = sorted((f for f in root.iterdir() if f.name.endswith(".yaml")), key=_name)
        texts = [(f.name, f.read_text(encoding="utf-8")) for f in files]
    else:
        texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.yaml"))]
    sites = []
    for name, text in texts:
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise SourceError(f"demo content {name} is not valid YAML: {exc}") from exc
        sites.append(parse_site(raw, name))
    keys = [s.key for s in sites]
    if len(set(keys)) != len(keys):
        raise SourceError(f"demo content: duplicate site keys in {keys}")
    return sites
