"""The one exception tree of kuaibao.

::

    KuaibaoError                 base; every error kuaibao raises on purpose
    ├── ConfigError              a setting is missing or invalid
    │   ├── RuleError            a taxonomy rule is malformed (classify.rules)
    │   └── CorpusError          a folder is not a benchmark corpus (extract.benchmark)
    ├── StoreError               the database refused or is unreachable
    │   ├── ConflictError        someone else changed the record since it was read
    │   │   ├── LastAdminError   the change would leave no enabled admin (store.users)
    │   │   └── RewriteNotReadyError  no finished rewrite to accept (web.items.rewrite_changes)
    │   └── NotFoundError        no record with that id
    ├── SourceError              a source definition or registry file is invalid
    │   ├── SourceEntryError     one registry entry, with where and which field (sources.registry)
    │   ├── FieldValueError      one field's value (sources.fields)
    │   └── DiscoveryError       a site cannot be fetched or offers nothing (web.sources.changes)
    ├── FetchError               one URL could not be fetched (carries ``kind`` and ``url``)
    │   └── BlockedURLError      refused before any request (SSRF guard, robots.txt, scheme)
    ├── ContentDecodingError     a body is not valid in its Content-Encoding (fetch.decoding;
    │                            becomes a FetchError of kind ``decode``)
    ├── FeedError                a feed, sitemap or listing page could not be parsed
    │   └── _NotPlainError       the fast reader hands the feed to feedparser (fetch.plainfeed)
    ├── ExtractionError          a fetched page yields no usable document
    ├── RecordError              one clustering input record is invalid (dedup.records)
    ├── ImportFailedError        a past bulletin (text, PDF, DOCX, JSON) cannot be read
    │   ├── TooLargeError        the file exceeds a limit (bulletin.importers.limits)
    │   └── NotABulletinError    read, but not a bulletin (bulletin.importers.acceptance)
    ├── BulletinFormatError      a JSON file is not a bulletin export (bulletin.jsonio)
    ├── CompileError             a bulletin operation that makes no sense (bulletin.compile)
    ├── RenderError              a bulletin cannot be rendered in that form (bulletin.render)
    ├── DraftError               a draft writer (e.g. the LLM endpoint) gave no usable draft
    ├── ReviewError              an item cannot be approved (failed fact check, wrong state)
    ├── EditRejectedError        an item edit cannot be saved as typed (web.items.editing)
    ├── AccountError             a user name or password is not acceptable (web.core.auth.accounts)
    └── LoginRequiredError       no valid session or token (web.core.auth.roles)

The classes without a module named are defined below; the others beside the code that
raises them, each deriving from the class drawn above it (``tests/test_errors.py`` checks
both). ``RuleError``, ``CorpusError``, ``FieldValueError``, ``ContentDecodingError`` and
``RecordError`` are also ``ValueError`` subclasses, as callers parsing values expect.

Lower-level exceptions (httpx, SQLAlchemy, lxml, …) are translated at the boundary with
``raise … from exc``, so callers only need to know this tree. Messages say what happened
and, where there is one, what to do about it.
"""

from __future__ import annotations


class KuaibaoError(Exception):
    """Base class for every error kuaibao raises on purpose."""


class ConfigError(KuaibaoError):
    """A setting is missing or invalid."""


class StoreError(KuaibaoError):
    """The database refused an operation or cannot be reached."""


class ConflictError(StoreError):
    """An update was based on an old version: someone else saved first (re-read, re-apply)."""


class NotFoundError(StoreError):
    """No record with that id."""


class SourceError(KuaibaoError):
    """A source definition or a registry file is invalid."""


class FetchError(KuaibaoError):
    """One URL could not be fetched.

    ``kind`` is a short machine-readable reason (``timeout``, ``http_status``,
    ``too_large``, ``redirect_loop``, ``too_many_redirects``, ``connect``, ``decode``,
    ``content_type``, ``blocked``, ``robots``) so that fetch logs can be grouped by cause.
    """

    def __init__(self, message: str, *, url: str, kind: str, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.kind = kind
        self.status = status


class BlockedURLError(FetchError):
    """A URL was refused before any request was sent (SSRF guard, robots.txt, scheme)."""


class FeedError(KuaibaoError):
    """A feed, sitemap or listing page could not be parsed."""


class ExtractionError(KuaibaoError):
    """A fetched page yields no usable document.

    ``reason`` is short and groupable (``no_text``, ``empty``, ``too_short``,
    ``content_type``, ``corrupt``, ``too_deep``, ``extract_failed``) and becomes the stored
    rejection's reason.
    """

    def __init__(self, message: str, *, reason: str = "no_text") -> None:
        super().__init__(message)
        self.reason = reason


class ImportFailedError(KuaibaoError):
    """A past bulletin file cannot be read: unknown type, damaged file or missing tool."""


class DraftError(KuaibaoError):
    """A draft writer gave no usable draft: endpoint unreachable or refusing, bad reply.

    ``kind`` is short and groupable (``timeout``, ``connect``, ``http_status``,
    ``invalid_reply``) so that usage logs and reports can count failures by cause.
    """

    def __init__(
        self, message: str, *, kind: str = "invalid_reply", status: int | None = None
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


class ReviewError(KuaibaoError):
    """An item cannot move on in review: its fact check fails, or its state forbids it.

    ``unsupported`` lists the check's findings (text, start, end, kind) when that is why.
    """

    def __init__(self, message: str, *, unsupported: list[dict[str, object]] | None = None) -> None:
        super().__init__(message)
        self.unsupported = unsupported or []
