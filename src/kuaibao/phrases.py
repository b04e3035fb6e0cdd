"""English sentences the pipeline stores and analysts read, each with a stable msgid.

Item history notes ("approved; fact check passed"), the check's notes on a draft
("[check] ok: …"), the classifier's reasons, a source's last crawl error and discovery's
refusals are written once, in English, into the store or an exception, and read later by
the CLI (English) and the web app (Chinese or English). Writing them through a ``Phrase``
keeps the stored text exactly as before, so rows written by older versions still read, and
lets the web app parse any stored sentence back into its msgid and values
(``match``) and translate it at render time (``kuaibao.web.core.stored_text``). Text that no
phrase matches (a note an analyst typed, a reason given for an override) is shown as
written.

Values are shown as they were stored (URLs, names, figures, matched words: data), unless
the phrase says otherwise: a ``labels`` value is one of a closed set and is translated as
``<prefix><value>`` (kept as is when the catalogue has no such msgid), and a ``nested``
value is itself a phrase (the fetch error inside "cannot fetch …").
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from kuaibao.i18n import N_


@dataclass(frozen=True)
class Phrase:
    """One stored sentence: ``msgid`` in the catalogues, ``english`` a ``str.format``
    template (what is stored), and how its values are shown."""

    msgid: str
    english: str
    labels: Mapping[str, str] = field(default_factory=dict)
    nested: frozenset[str] = frozenset()
    # A value's own expression where "any text" would make the phrase match free text.
    patterns: Mapping[str, str] = field(default_factory=dict)
    # Whether the phrase counts only when its nested values are phrases too.
    strict: bool = False

    def __call__(self, **values: object) -> str:
        """The English sentence with these values (what the store keeps)."""
        return self.english.format(**values)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f for _, f, _, _ in string.Formatter().parse(self.english) if f)

    def regex(self, group: str) -> str:
        """A pattern matching this phrase's sentences; values in groups ``<group>_<name>``."""
        out = []
        for literal, name, _spec, _conv in string.Formatter().parse(self.english):
            out.append(re.escape(literal))
            if name:
                body = self.patterns.get(name, ".*?" if name in self.nested else ".+?")
                out.append(f"(?P<{group}_{name}>{body})")
        return "".join(out)


# Item history: the note of each revision.
CREATED = Phrase(N_("phrase.item.created"), "created")
EDITED = Phrase(N_("phrase.item.edited"), "edited")
EDITED_AFTER_APPROVAL = Phrase(
    N_("phrase.item.edited_after_approval"), "edited after approval; needs approval again"
)
FILED = Phrase(N_("phrase.item.filed"), "filed")
SUBMITTED = Phrase(N_("phrase.item.submitted"), "submitted")
APPROVED_UNCHECKED = Phrase(
    N_("phrase.item.approved_unchecked"), "approved; no source documents to check against"
)
APPROVED = Phrase(N_("phrase.item.approved"), "approved; fact check passed")
APPROVED_OVERRIDE = Phrase(
    N_("phrase.item.approved_override"),
    "approved over a failing fact check ({facts}): {reason}",
)
REDRAFTED = Phrase(
    N_("phrase.item.redrafted"),
    "redrafted by the {writer} writer",
    labels={"writer": "phrase.writer."},
)

# The writer's and the check's notes on a draft.
WRITER = Phrase(N_("phrase.note.writer"), "[{writer}]", labels={"writer": "phrase.writer."})
LLM_FAILED = Phrase(
    N_("phrase.note.llm_failed"), "LLM writer failed ({detail}); offline draft instead"
)
LLM_REPAIRED = Phrase(
    N_("phrase.note.llm_repaired"),
    "LLM repair: {rounds} round(s); the check passes",
)
LLM_REPAIR_FAILED = Phrase(
    N_("phrase.note.llm_repair_failed"),
    "LLM repair: {rounds} round(s); still unsupported: {facts}",
)
OFFLINE_ORGS = Phrase(
    N_("phrase.note.offline_orgs"), "other organisations the sources name: {names}"
)
OFFLINE_TITLE_ONLY = Phrase(
    N_("phrase.note.offline_title_only"),
    "offline writer: no sentence of the lead report could be said in full; only the title "
    "is drafted, write the lead from the key sentences",
)
STYLE_FAULTS = Phrase(N_("phrase.note.style_faults"), "house style still to fix by hand: {faults}")
CHECK_NO_SOURCES = Phrase(N_("phrase.check.no_sources"), "[check] no source documents")
CHECK_OK = Phrase(N_("phrase.check.ok"), "[check] ok: every fact is found in the sources")
CHECK_UNSUPPORTED = Phrase(
    N_("phrase.check.unsupported"),
    "[check] unsupported {kind} 「{text}」 at {start}-{end}",
    labels={"kind": "items.kinds."},
)

# The classifier's reasons for a story's labels.
RELEVANCE_RULES = Phrase(N_("phrase.classify.relevance_rules"), "relevance {value} from rules")
RELEVANCE_BLEND = Phrase(
    N_("phrase.classify.relevance_blend"), "relevance {value} (rules {rules}, model {model})"
)
RULES_FIRED = Phrase(
    N_("phrase.classify.rules"),
    "{kind} rules: {label} {score} — {fired}",
    labels={"kind": "phrase.kind."},
)
NO_RULE = Phrase(
    N_("phrase.classify.no_rule"),
    "{kind}: no rule fired and no model; {label} by default",
    labels={"kind": "phrase.kind."},
)
MODEL = Phrase(
    N_("phrase.classify.model"),
    "{kind} model: {label} {probability} (weight {weight})",
    labels={"kind": "phrase.kind."},
)
ACTOR_ACT = Phrase(N_("phrase.classify.actor_act"), "section by actor and act: {label} — {reading}")
ACTOR_ACT_UNDECIDED = Phrase(
    N_("phrase.classify.actor_act_undecided"), "actor and act undecided — {reading}"
)

# Fetching: what a crawl stores as a source's last error, and discovery shows.
HTTP_STATUS = Phrase(N_("phrase.fetch.http_status"), "HTTP {status}")
HTTP_STATUS_AT = Phrase(N_("phrase.fetch.http_status_at"), "{url} answered HTTP {status}")
HTTP_STATUS_REDIRECTED = Phrase(
    N_("phrase.fetch.http_status_redirected"),
    "{url} (redirected from {origin}) answered HTTP {status}",
)
INVALID_URL = Phrase(N_("phrase.fetch.invalid_url"), "{url} is not a valid URL: {detail}")
BAD_LOCATION = Phrase(
    N_("phrase.fetch.bad_location"), "{url} redirects to an invalid Location {location}"
)
REDIRECT_LOOP = Phrase(
    N_("phrase.fetch.redirect_loop"),
    "redirect loop: {url} sends back to {target}, already visited",
)
TOO_MANY_REDIRECTS = Phrase(
    N_("phrase.fetch.too_many_redirects"),
    "{url} redirected more than max_redirects={limit} times (last hop: {last})",
)
TOTAL_TIMEOUT = Phrase(
    N_("phrase.fetch.total_timeout"), "{url} took longer than total_timeout={seconds}s"
)
TOO_LARGE_DECLARED = Phrase(
    N_("phrase.fetch.too_large_declared"),
    "{url} announces {size} bytes, more than max_body_bytes={limit}; raise max_body_bytes"
    " if this document is wanted",
)
TOO_LARGE = Phrase(
    N_("phrase.fetch.too_large"),
    "{url} sent more than max_body_bytes={limit} bytes (after decompression); raise"
    " max_body_bytes if this document is wanted",
)
TOO_LARGE_ENCODED = Phrase(
    N_("phrase.fetch.too_large_encoded"),
    "{url} sent more than max_body_bytes={limit} bytes (after decompression of {encoding});"
    " raise max_body_bytes if this document is wanted",
)
CONNECT_TIMEOUT = Phrase(N_("phrase.fetch.connect_timeout"), "connecting to {url} timed out")
READ_TIMEOUT = Phrase(N_("phrase.fetch.read_timeout"), "{url} stopped sending data ({detail})")
CONNECT_FAILED = Phrase(N_("phrase.fetch.connect_failed"), "cannot connect to {url}: {detail}")
DECODE_FAILED = Phrase(
    N_("phrase.fetch.decode_failed"), "{url} sent a body that does not decompress: {detail}"
)
DECODE_FAILED_ENCODED = Phrase(
    N_("phrase.fetch.decode_failed_encoded"),
    "{url} sent a body that does not decompress ({encoding}): {detail}",
)
NETWORK = Phrase(N_("phrase.fetch.network"), "network error fetching {url}: {detail}")
RESOLVE_FAILED = Phrase(
    N_("phrase.fetch.resolve_failed"),
    "cannot resolve host {host} ({detail}); check the URL's spelling or DNS",
)
RESOLVE_TIMEOUT = Phrase(N_("phrase.fetch.resolve_timeout"), "resolving {host} timed out")
NOT_HTTP = Phrase(
    N_("phrase.fetch.not_http"),
    "refusing {url}: only http and https URLs are fetched, not {scheme} scheme",
)
CREDENTIALS = Phrase(
    N_("phrase.fetch.credentials"),
    "refusing {url}: URLs with embedded credentials are not fetched; remove the"
    " user:password@ part",
)
NO_HOST = Phrase(N_("phrase.fetch.no_host"), "refusing {url}: the URL has no host")
_PRIVATE_HINT = "if the source really lives on a private network, mark the source allow_private"
BLOCKED = Phrase(
    N_("phrase.fetch.blocked"),
    "refusing {url}: {host} is a {reason} address; " + _PRIVATE_HINT,
    labels={"reason": "phrase.address."},
)
BLOCKED_RESOLVED = Phrase(
    N_("phrase.fetch.blocked_resolved"),
    "refusing {url}: {host} resolves to {address}, which is a {reason} address; " + _PRIVATE_HINT,
    labels={"reason": "phrase.address."},
)

# Reading what was fetched: feeds, sitemaps, listing pages.
FEED_EMPTY = Phrase(
    N_("phrase.feed.empty"),
    "the feed at {url} is empty; check that the URL still serves a feed",
)
NOT_A_FEED = Phrase(
    N_("phrase.feed.not_a_feed"),
    "{url} is not an RSS, Atom or JSON feed: it looks like {looks}; check the feed URL, or"
    " add the site as an HTML listing source",
)
JSON_FEED_INVALID = Phrase(
    N_("phrase.feed.json_invalid"),
    "the JSON feed at {url} is not valid JSON ({detail}); check the feed URL",
)
JSON_FEED_NO_ITEMS = Phrase(
    N_("phrase.feed.json_no_items"),
    "the JSON document at {url} is not a JSON Feed: it has no 'items' list",
)
FEED_MALFORMED = Phrase(
    N_("phrase.feed.malformed"), "the feed at {url} is malformed and gave no entry: {detail}"
)
FEED_UNPARSABLE = Phrase(
    N_("phrase.feed.unparsable"), "the feed at {url} could not be parsed: {detail}"
)
SITEMAP_TOO_LARGE = Phrase(
    N_("phrase.sitemap.too_large"),
    "the sitemap at {url} is larger than {limit} bytes; refusing it",
)
SITEMAP_EMPTY = Phrase(
    N_("phrase.sitemap.empty"),
    "the sitemap at {url} is empty; check that the URL still serves one",
)
NOT_A_SITEMAP = Phrase(
    N_("phrase.sitemap.wrong_root"),
    "{url} is not a sitemap: its root element is <{tag}>, not <urlset> or <sitemapindex>;"
    " check the sitemap URL",
)
NOT_A_SITEMAP_TEXT = Phrase(
    N_("phrase.sitemap.not_text"),
    "{url} is not a sitemap: it is neither XML nor a list of URLs, one per line",
)
SITEMAP_CORRUPT = Phrase(
    N_("phrase.sitemap.corrupt"), "the gzipped sitemap at {url} is corrupt: {detail}"
)
SITEMAP_BOMB = Phrase(
    N_("phrase.sitemap.bomb"),
    "the gzipped sitemap at {url} inflates to more than {limit} bytes; refusing it (a"
    " compression bomb or an oversized sitemap)",
)
SITEMAP_NOT_XML = Phrase(
    N_("phrase.sitemap.not_xml"), "the sitemap at {url} is not readable XML: {detail}"
)
SITEMAP_NO_ELEMENT = Phrase(
    N_("phrase.sitemap.no_element"), "the sitemap at {url} holds no XML element"
)
LISTING_SELECTOR = Phrase(
    N_("phrase.listing.selector"),
    "invalid CSS selector {css} for the listing {role}: {detail}; fix the source's selectors",
)
LISTING_NO_SELECTORS = Phrase(
    N_("phrase.listing.no_selectors"),
    "{url}: no CSS selectors set and none could be guessed; set them with `kuaibao sources"
    " import` (fields item/link/title/date)",
)
LISTING_EMPTY = Phrase(N_("phrase.listing.empty"), "the listing page at {url} is empty")
LISTING_UNPARSABLE = Phrase(
    N_("phrase.listing.unparsable"), "the listing page at {url} could not be parsed: {detail}"
)

# A poll that stopped short: what the crawl stores as the source's last error.
SOURCE_DEADLINE = Phrase(
    N_("phrase.crawl.deadline"),
    "stopped at the per-source deadline of {seconds} s (fetch.source_deadline); what was"
    " stored is kept, the rest resumes next pass",
)
POLL_BROKE = Phrase(N_("phrase.crawl.internal"), "internal error while polling {url}: {detail}")

# Discovery (``sources add``, the web app's add form).
CANNOT_FETCH = Phrase(
    N_("phrase.discover.cannot_fetch"), "cannot fetch {url}: {detail}", nested=frozenset({"detail"})
)
NOTHING_FOUND = Phrase(
    N_("phrase.discover.nothing"),
    "no feed, sitemap or listing found at {url}; pass the feed URL itself, or --kind html"
    " with selectors in a registry file",
)
NOTHING_OF_KIND = Phrase(
    N_("phrase.discover.nothing_of_kind"),
    "no feed, sitemap or listing of kind {kind} found at {url}; pass the feed URL itself,"
    " or --kind html with selectors in a registry file",
)

# A source's fields as the registry parsers check them (the add and edit forms, registry
# files): "{field} {problem}", the problem one of the expectations below.
FIELD_PROBLEM = Phrase(
    N_("phrase.field.problem"),
    "{field} {problem}",
    labels={"field": "phrase.fieldname."},
    nested=frozenset({"problem"}),
    patterns={"field": "[a-z_]+"},
    strict=True,
)
FIELD_FIXED = Phrase(N_("phrase.field.fixed"), "field {field} cannot be changed here")
URL_EXPECTED = Phrase(
    N_("phrase.field.url"), "must be an absolute http:// or https:// URL, got {value}"
)
UNUSABLE_URL = Phrase(N_("phrase.field.unusable_url"), "is not a usable web address ({detail})")
NO_CREDENTIALS = Phrase(
    N_("phrase.field.credentials"),
    "must not contain a user name or password; credentials do not belong in a source registry",
)
TEXT_EMPTY = Phrase(N_("phrase.field.empty"), "must be a non-empty text")
TEXT_EXPECTED = Phrase(N_("phrase.field.text"), "must be a non-empty text, got {value}")
TEXT_TOO_LONG = Phrase(
    N_("phrase.field.too_long"), "must be at most {limit} characters, got {length}"
)
ONE_LINE = Phrase(
    N_("phrase.field.one_line"), "must be one line of text without control characters"
)
TIER_EXPECTED = Phrase(
    N_("phrase.field.tier"),
    "must be 1 (primary official source), 2 (reputable secondary) or 3 (aggregator/other),"
    " got {value}",
)
INTERVAL_EXPECTED = Phrase(
    N_("phrase.field.interval"),
    "must be a number of minutes (at least {least}) or a duration like '30m', '2h' or '1d',"
    " got {value}",
)
INTERVAL_RANGE = Phrase(
    N_("phrase.field.interval_range"),
    "must be between {least} minutes and 30 days (be polite to publishers), got {minutes} minutes",
)
COUNTRY_EXPECTED = Phrase(
    N_("phrase.field.country"),
    "must be an ISO 3166-1 alpha-2 country code such as US, GB or CN, or a region code:"
    " {regions}; got {value}",
)
LANGUAGE_EXPECTED = Phrase(
    N_("phrase.field.language"),
    "must be a language tag such as en, zh, zh-Hans or pt-BR, got {value}",
)
REGION_EXPECTED = Phrase(
    N_("phrase.field.region"),
    "must name a province and/or city in Chinese, such as 云岚省 or 广东省深圳市, got {value}",
)
TIMEZONE_EXPECTED = Phrase(
    N_("phrase.field.timezone"),
    "must be an IANA time zone name such as Asia/Shanghai, got {value}",
)
TIMEZONE_UNKNOWN = Phrase(
    N_("phrase.field.timezone_unknown"),
    "must be an IANA time zone name such as Asia/Shanghai, Europe/Berlin or"
    " America/New_York; {value} is not one",
)
TIMEZONE_ABBREVIATION = Phrase(
    N_("phrase.field.timezone_abbreviation"),
    "must be an IANA time zone name such as Asia/Shanghai; {value} is not one (an"
    " abbreviation such as CST is ambiguous; name the zone)",
)
BOOL_EXPECTED = Phrase(N_("phrase.field.bool"), "must be true or false, got {value}")

# Items: why the editor, review or a redraft refused (shown on the item's page).
# The workflow's refusals (``workflow.transitions``): "item 3 is draft; cannot approve it: …",
# the hint one of the phrases after it.
WORKFLOW_REFUSED = Phrase(
    N_("phrase.workflow.refused"),
    "item {id} is {state}; cannot {action} it: {hint}",
    labels={"state": "items.states.", "action": "phrase.action."},
    nested=frozenset({"hint"}),
    patterns={"id": "[^ ]+", "state": "[a-z_]+", "action": "[a-z_]+"},
)
HINT_NOT_SUBMITTED = Phrase(
    N_("phrase.workflow.not_submitted"),
    "it has not been submitted for review; submit it first (`kuaibao items submit {id}`, or"
    " Submit on its page)",
)
HINT_APPROVED_ALREADY = Phrase(N_("phrase.workflow.approved_already"), "it is approved already")
HINT_IN_REVIEW_ALREADY = Phrase(N_("phrase.workflow.in_review_already"), "it is in review already")
HINT_PUBLISHED = Phrase(
    N_("phrase.workflow.published"),
    "a published item never changes; correct its bulletin instead",
)
HINT_SUBMIT_AND_APPROVE = Phrase(
    N_("phrase.workflow.submit_and_approve"), "submit it and have an editor approve it first"
)
HINT_APPROVE_FIRST = Phrase(N_("phrase.workflow.approve_first"), "an editor must approve it first")
HINT_NEEDS_STATE = Phrase(
    N_("phrase.workflow.needs_state"),
    "{action} needs an item that is {allowed}",
    labels={"action": "phrase.action."},
    patterns={"action": "[a-z_]+"},
)
CANNOT_APPROVE = Phrase(
    N_("phrase.refused.cannot_approve"),
    "item {id} cannot be approved: {count} fact(s) in the draft are not in its sources; fix"
    " them, or override with a reason",
)
CHANGED_MEANWHILE = Phrase(
    N_("phrase.refused.changed"),
    "item {id} was changed by someone else (now version {current}, you saw version {seen});"
    " read it again before submitting",
)
CHANGED_UNDER_EDIT = Phrase(
    N_("phrase.refused.changed_under_edit"),
    "item {id} was changed by someone else (now version {current}, your edit is based on"
    " version {seen}); reload it and apply your change again",
)
EVENT_DATE_FORM = Phrase(
    N_("phrase.refused.event_date_form"),
    "event date {value}: write it as YYYY, YYYY-MM or YYYY-MM-DD",
)
EVENT_DATE_UNREAL = Phrase(
    N_("phrase.refused.event_date_unreal"), "event date {value} is not a real date"
)
NOT_ONE_LINE = Phrase(
    N_("phrase.refused.not_one_line"),
    "{what} must be one line of text",
    labels={"what": "phrase.itemfield."},
    patterns={"what": "the title|the domain|the section|a contributor|a source URL|the original"
              " title"},
)  # fmt: skip
LINE_TOO_LONG = Phrase(
    N_("phrase.refused.line_too_long"),
    "{what} is longer than {limit} characters",
    labels={"what": "phrase.itemfield."},
    patterns={"what": NOT_ONE_LINE.patterns["what"]},
)
TITLE_EMPTY = Phrase(
    N_("phrase.refused.title_empty"), "the title is empty; an item needs a Chinese title"
)
BODY_CONTROL = Phrase(
    N_("phrase.refused.body_control"),
    "the body holds control characters; retype or paste it as text",
)
BODY_TOO_LONG = Phrase(
    N_("phrase.refused.body_too_long"), "the body is longer than {limit} characters"
)
UNKNOWN_DOMAIN = Phrase(
    N_("phrase.refused.unknown_domain"), "unknown domain {value}; pick one from the list"
)
UNKNOWN_SECTION = Phrase(
    N_("phrase.refused.unknown_section"), "unknown section {value}; pick one from the list"
)
TOO_MANY_LINES = Phrase(
    N_("phrase.refused.too_many"),
    "at most {contributors} contributors and {urls} source URLs",
)
BAD_SOURCE_URL = Phrase(
    N_("phrase.refused.bad_source_url"),
    "source URLs must start with http:// or https://: {value}",
)
LLM_NOT_CONFIGURED = Phrase(
    N_("phrase.refused.llm_not_configured"),
    "the LLM writer is not configured: set [llm] base_url and model in kuaibao.toml (see"
    " docs/triage.md), or draft without --llm",
)
STORY_NO_DOCUMENTS = Phrase(
    N_("phrase.refused.story_no_documents"),
    "story {id} has no stored documents left to draft from",
)
ITEM_NO_DOCUMENTS = Phrase(
    N_("phrase.refused.item_no_documents"),
    "item {id} has no stored source documents to draft from; edit it by hand",
)

# Publishing a bulletin: why it was refused (the web app's error page shows them).
BULLETIN_PUBLISHED_ALREADY = Phrase(
    N_("phrase.publish.published_already"), "bulletin {id} is already published"
)
BULLETIN_EMPTY = Phrase(
    N_("phrase.publish.empty"), "bulletin {id} has no items; add some before publishing"
)
ITEMS_UNFINISHED = Phrase(
    N_("phrase.publish.unfinished"), "items {ids} have no title or no body; finish them first"
)
ITEMS_UNSIGNED = Phrase(
    N_("phrase.publish.unsigned"),
    "no contributor (供稿) on {items}; name the analyst who wrote each (the item's"
    " contributors) before publishing",
)
ITEMS_UNAPPROVED = Phrase(
    N_("phrase.publish.unapproved"),
    "items {ids} are no longer approved; approve or remove them",
)

# User accounts: the checks of the users page's forms.
DISPLAY_NAME_ONE_LINE = Phrase(
    N_("phrase.account.display_name_one_line"), "the display name must be one line of text"
)
DISPLAY_NAME_TOO_LONG = Phrase(
    N_("phrase.account.display_name_too_long"),
    "the display name must have at most {limit} characters",
)

# The writing desk: rewriting one paragraph with the model, and accepting the rewrite.
NO_SUCH_PARAGRAPH = Phrase(N_("phrase.refused.no_such_paragraph"), "item {id} has no paragraph {n}")
PARAGRAPH_CHANGED = Phrase(
    N_("phrase.refused.paragraph_changed"),
    "paragraph {n} has changed since the rewrite was asked for; rewrite it again",
)
REWRITE_NOT_FOR_ITEM = Phrase(
    N_("phrase.refused.rewrite_not_for_item"), "job {job} is not a rewrite of item {id}"
)
REWRITE_NOT_DONE = Phrase(
    N_("phrase.refused.rewrite_not_done"), "the rewrite (job {job}) has not finished"
)
REWRITE_ACCEPTED = Phrase(
    N_("phrase.item.rewrite_accepted"), "paragraph {n} rewritten from the sources ({writer})"
)


PHRASES: tuple[Phrase, ...] = tuple(v for v in list(globals().values()) if isinstance(v, Phrase))

# Values that are labels (a closed set), listed so extraction keeps their msgids.
LABELS = (
    N_("phrase.writer.offline"),
    N_("phrase.kind.domain"),
    N_("phrase.kind.section"),
    N_("phrase.kind.off-topic"),
    *(
        N_("phrase.itemfield.the title"),
        N_("phrase.itemfield.the domain"),
        N_("phrase.itemfield.the section"),
        N_("phrase.itemfield.a contributor"),
        N_("phrase.itemfield.a source URL"),
        N_("phrase.itemfield.the original title"),
    ),
    *(
        N_("phrase.action.submit"),
        N_("phrase.action.approve"),
        N_("phrase.action.edit"),
        N_("phrase.action.redraft"),
        N_("phrase.action.publish"),
    ),
    *(
        N_("phrase.fieldname.name"),
        N_("phrase.fieldname.homepage"),
        N_("phrase.fieldname.tier"),
        N_("phrase.fieldname.country"),
        N_("phrase.fieldname.language"),
        N_("phrase.fieldname.poll_interval_minutes"),
        N_("phrase.fieldname.enabled"),
        N_("phrase.fieldname.timezone"),
        N_("phrase.fieldname.tags"),
    ),
    *(
        N_("phrase.address.loopback"),
        N_("phrase.address.link-local"),
        N_("phrase.address.multicast"),
        N_("phrase.address.unspecified"),
        N_("phrase.address.carrier-grade NAT"),
        N_("phrase.address.site-local"),
        N_("phrase.address.reserved"),
        N_("phrase.address.private"),
        N_("phrase.address.non-global"),
    ),
)


def _literals(phrase: Phrase) -> tuple[str, str, str]:
    """The literal text before the first value, after the last one, and the longest."""
    parts = list(string.Formatter().parse(phrase.english))
    lead = parts[0][0] if parts else ""
    trail = "" if parts[-1][1] is not None else parts[-1][0]
    longest = max((literal for literal, *_ in parts), key=len, default="")
    return lead, trail, longest


@cache
def _compiled() -> tuple[tuple[str, str, str, re.Pattern[str], Phrase], ...]:
    # Longer templates first: "{url} answered HTTP {status}" before "HTTP {status}", and
    # the catch-all "[{writer}]" last.
    ordered = sorted(PHRASES, key=lambda p: -len(p.english))
    return tuple((*_literals(p), re.compile(p.regex("v"), re.S), p) for p in ordered)


def match(text: str) -> tuple[Phrase, dict[str, str]] | None:
    """The phrase a stored sentence was written with, and its values; None for free text.

    A phrase's expression runs only on text that starts and ends with its literal ends and
    holds its longest literal, so a sentence costs string comparisons and about one match.
    """
    for lead, trail, longest, pattern, phrase in _compiled():
        if not (text.startswith(lead) and text.endswith(trail) and longest in text):
            continue
        found = pattern.fullmatch(text)
        if found is None:
            continue
        values = {name: found.group(f"v_{name}") for name in phrase.fields}
        if phrase.strict and any(match(values[name]) is None for name in phrase.nested):
            continue
        return phrase, values
    return None
