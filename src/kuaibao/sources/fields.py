"""Parsers for the individual fields of a source definition.

Each parser takes the loosely typed value found in a YAML or OPML file, returns the
canonical value kept in :class:`~kuaibao.domain.Source`, or raises :class:`FieldValueError`
saying what was expected. The registry adds which entry and field the problem is in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from cssselect import GenericTranslator, SelectorError

from kuaibao import phrases
from kuaibao.domain import ListingSelectors, OrgType, SourceKind
from kuaibao.errors import SourceError
from kuaibao.fetch.zones import check_timezone
from kuaibao.text.scripts import HAN

MIN_POLL_MINUTES = 5
MAX_POLL_MINUTES = 30 * 24 * 60
MAX_NAME_CHARS = 200
MAX_URL_CHARS = 2000  # what the store's URL columns hold
MAX_TAG_CHARS = 60
MAX_TAGS = 20

# Officially assigned ISO 3166-1 alpha-2 codes (249).
_ISO_ALPHA2 = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ
    DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP
    GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
    KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML
    MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE
    PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL
    SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM
    US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
ISO_COUNTRIES = frozenset(_ISO_ALPHA2.split())
# Publishers that belong to no single country.
REGION_CODES = {"EU": "European Union", "INT": "international organisation"}
COUNTRY_ALIASES = {"UK": "GB"}

KIND_ALIASES: dict[str, SourceKind] = {
    "rss": SourceKind.RSS,
    "rss2": SourceKind.RSS,
    "rss 2": SourceKind.RSS,
    "rss 2.0": SourceKind.RSS,
    "rss1": SourceKind.RSS,
    "rdf": SourceKind.RSS,
    "atom": SourceKind.ATOM,
    "jsonfeed": SourceKind.JSON_FEED,
    "json": SourceKind.JSON_FEED,
    "json feed": SourceKind.JSON_FEED,
    "sitemap": SourceKind.SITEMAP,
    "sitemap.xml": SourceKind.SITEMAP,
    "html": SourceKind.HTML,
    "listing": SourceKind.HTML,
    "html listing": SourceKind.HTML,
    "listing page": SourceKind.HTML,
    "web page": SourceKind.HTML,
}

ORG_ALIASES: dict[str, OrgType] = {
    **{org.value.replace("_", " "): org for org in OrgType},
    "gov": OrgType.GOVERNMENT,
    "govt": OrgType.GOVERNMENT,
    "ministry": OrgType.GOVERNMENT,
    "thinktank": OrgType.THINK_TANK,
    "funding agency": OrgType.AGENCY,
    "legislature": OrgType.PARLIAMENT,
    "congress": OrgType.PARLIAMENT,
    "laboratory": OrgType.LAB,
    "national lab": OrgType.LAB,
    "academia": OrgType.UNIVERSITY,
    "industry": OrgType.COMPANY,
    "news": OrgType.MEDIA,
}

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}
_DURATION = re.compile(r"^(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?$")
_LANGUAGE = re.compile(r"^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Chinese place names, the last ending in an administrative unit: 云岚省, 广东省深圳市.
_REGION = re.compile(rf"[{HAN}·]+(?:省|自治区|特别行政区|市|州|盟|地区|县|区)")
_CSS = GenericTranslator()


class FieldValueError(SourceError, ValueError):
    """One field's value is not acceptable; the message says what is expected."""


def describe(value: object) -> str:
    """Show a bad value briefly: scalars quoted and cut short, containers by type only."""
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    return f"a {type(value).__name__}"


def _text(value: object, expected: str) -> str:
    """The stripped text, or the parser's full expectation when the value is not text."""
    if not isinstance(value, str):
        raise FieldValueError(expected)
    return value.strip()


def _norm(value: str) -> str:
    return " ".join(value.lower().replace("_", " ").replace("-", " ").split())


def parse_name(value: object) -> str:
    """A display name: non-empty text on one line, so lists and logs stay readable."""
    name = _text(value, phrases.TEXT_EXPECTED(value=describe(value)))
    if not name:
        raise FieldValueError(phrases.TEXT_EMPTY())
    if len(name) > MAX_NAME_CHARS:
        raise FieldValueError(phrases.TEXT_TOO_LONG(limit=MAX_NAME_CHARS, length=len(name)))
    if _CONTROL.search(name):
        raise FieldValueError(phrases.ONE_LINE())
    return name


def parse_url(value: object) -> str:
    """An absolute http(s) URL; other schemes and embedded credentials are refused."""
    expected = phrases.URL_EXPECTED(value=describe(value))
    url = _text(value, expected)
    if not url or len(url) > MAX_URL_CHARS or _CONTROL.search(url) or " " in url:
        raise FieldValueError(expected)
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as exc:
        raise FieldValueError(expected) from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FieldValueError(expected)
    if parts.username is not None or parts.password is not None:
        raise FieldValueError(phrases.NO_CREDENTIALS())
    return url


def parse_kind(value: object) -> SourceKind:
    """How the source is read; common spellings such as 'rss2' or 'json feed' are accepted."""
    if isinstance(value, SourceKind):
        return value
    choices = ", ".join(k.value for k in SourceKind)
    expected = f"must be one of {choices}, got {describe(value)}"
    kind = KIND_ALIASES.get(_norm(_text(value, expected)))
    if kind is None:
        raise FieldValueError(expected)
    return kind


def parse_org_type(value: object) -> OrgType:
    """What kind of organisation publishes; 'think tank' and similar spellings are accepted."""
    if isinstance(value, OrgType):
        return value
    choices = ", ".join(o.value for o in OrgType)
    expected = f"must be one of {choices}, got {describe(value)}"
    org = ORG_ALIASES.get(_norm(_text(value, expected)))
    if org is None:
        raise FieldValueError(expected)
    return org


def parse_tier(value: object) -> int:
    """1 = primary official source, 2 = reputable secondary, 3 = aggregator or other."""
    expected = phrases.TIER_EXPECTED(value=describe(value))
    if isinstance(value, str) and value.strip() in ("1", "2", "3"):
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value not in (1, 2, 3):
        raise FieldValueError(expected)
    return value


def _minutes(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if text.isdigit():
        return int(text)
    match = _DURATION.match(text)
    if not text or not match:
        return None
    days, hours, mins = (int(g) if g else 0 for g in match.groups())
    return days * 1440 + hours * 60 + mins


def parse_interval(value: object) -> int:
    """Minutes between polls, from a number of minutes or a duration like '30m', '2h', '1d'."""
    minutes = _minutes(value)
    if minutes is None:
        raise FieldValueError(
            phrases.INTERVAL_EXPECTED(least=MIN_POLL_MINUTES, value=describe(value))
        )
    if not MIN_POLL_MINUTES <= minutes <= MAX_POLL_MINUTES:
        raise FieldValueError(phrases.INTERVAL_RANGE(least=MIN_POLL_MINUTES, minutes=minutes))
    return minutes


def parse_country(value: object) -> str:
    """An ISO 3166-1 alpha-2 code (upper-cased) or a region code such as 'EU' or 'INT'."""
    if value is False:
        raise FieldValueError(
            'got false: YAML reads an unquoted NO as false; quote the code, e.g. country: "NO"'
        )
    regions = ", ".join(f"{k} ({v})" for k, v in REGION_CODES.items())
    expected = phrases.COUNTRY_EXPECTED(regions=regions, value=describe(value))
    code = _text(value, expected).upper()
    code = COUNTRY_ALIASES.get(code, code)
    if code not in ISO_COUNTRIES and code not in REGION_CODES:
        raise FieldValueError(expected)
    return code


def parse_language(value: object) -> str:
    """A BCP 47 style tag ('en', 'zh', 'zh-Hans', 'pt-BR'), normalised in case and separator."""
    if value is False:
        raise FieldValueError('got false: YAML reads an unquoted no as false; quote it: "no"')
    expected = phrases.LANGUAGE_EXPECTED(value=describe(value))
    match = _LANGUAGE.match(_text(value, expected).replace("_", "-").lower())
    if not match:
        raise FieldValueError(expected)
    lang, script, region = match.groups()
    tag = lang
    if script:
        tag += "-" + script.title()
    if region:
        tag += "-" + region.upper()
    return tag


def parse_timezone(value: object) -> str:
    """An IANA time zone name ('Asia/Shanghai'), in its canonical spelling.

    The zone a source's times are in when it writes none (see :mod:`kuaibao.fetch.zones`);
    abbreviations are refused because they are ambiguous (CST is Beijing or Chicago).
    """
    name = _text(value, phrases.TIMEZONE_EXPECTED(value=describe(value)))
    try:
        return check_timezone(name)
    except ValueError as exc:
        wrong = (
            phrases.TIMEZONE_ABBREVIATION if name.strip().isalpha() else phrases.TIMEZONE_UNKNOWN
        )
        raise FieldValueError(wrong(value=describe(value))) from exc


MAX_REGION_CHARS = 64


def parse_region(value: object) -> str:
    """The province and/or city a regional source serves, in Chinese (``云岚省``,
    ``广东省深圳市``): drafts of its reports put it where the text says 我省 or 本市."""
    expected = phrases.REGION_EXPECTED(value=describe(value))
    region = _text(value, expected)
    if len(region) > MAX_REGION_CHARS:
        raise FieldValueError(phrases.TEXT_TOO_LONG(limit=MAX_REGION_CHARS, length=len(region)))
    if _CONTROL.search(region) or not _REGION.fullmatch(region):
        raise FieldValueError(expected)
    return region


def parse_bool(value: object) -> bool:
    """A yes/no flag; OPML attributes carry these as text, so 'true'/'false' are accepted."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise FieldValueError(phrases.BOOL_EXPECTED(value=describe(value)))


def _css(value: object, key: str) -> str:
    text = _text(value, f"{key!r} must be a CSS selector, got {describe(value)}")
    if not text:
        raise FieldValueError(f"{key!r} must be a non-empty CSS selector")
    try:
        _CSS.css_to_xpath(text)
    except SelectorError as exc:
        raise FieldValueError(
            f"{key!r} is not a valid CSS selector ({exc}): {describe(text)}"
        ) from exc
    return text


def parse_selectors(value: object) -> ListingSelectors:
    """CSS selectors for a listing page: a mapping with 'item' (required) and optional
    'link', 'title', 'date'; a bare string is taken as 'item'."""
    if isinstance(value, ListingSelectors):
        return value
    if isinstance(value, str):
        return ListingSelectors(item=_css(value, "item"))
    if not isinstance(value, Mapping):
        raise FieldValueError(
            f"must be a mapping with keys item, link, title, date, got {describe(value)}"
        )
    unknown = sorted(str(k) for k in value if k not in ("item", "link", "title", "date"))
    if unknown:
        raise FieldValueError(
            f"has unknown keys {', '.join(unknown)}; allowed: item, link, title, date"
        )
    if value.get("item") is None:
        raise FieldValueError("needs an 'item' selector that matches one element per article")
    optional = {k: _css(value[k], k) for k in ("title", "date") if value.get(k) is not None}
    link = _css(value["link"], "link") if value.get("link") is not None else "a[href]"
    return ListingSelectors(item=_css(value["item"], "item"), link=link, **optional)


def parse_tag(value: object) -> str:
    """One tag (a reader's folder name, say): short one-line text, inner spaces collapsed."""
    tag = " ".join(_text(value, f"must be a text, got {describe(value)}").split())
    if not tag:
        raise FieldValueError("must be a non-empty text")
    if len(tag) > MAX_TAG_CHARS:
        raise FieldValueError(f"must be at most {MAX_TAG_CHARS} characters, got {len(tag)}")
    if _CONTROL.search(tag) or "," in tag:
        raise FieldValueError(f"must be one line of text without commas, got {describe(tag)}")
    return tag


def parse_tags(value: object) -> tuple[str, ...]:
    """A list of tags (one text is one tag); repeats are dropped, the first spelling kept.

    Tags compare case-insensitively, as folder names in feed readers do, so "AI" and "ai"
    from two folders are one tag.
    """
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise FieldValueError(f"must be a list of texts, got {describe(value)}")
    tags: dict[str, str] = {}
    for raw in items:
        try:
            tag = parse_tag(raw)
        except FieldValueError as exc:
            raise FieldValueError(f"has a bad tag: {exc}") from exc
        tags.setdefault(tag.casefold(), tag)
    if len(tags) > MAX_TAGS:
        raise FieldValueError(f"must hold at most {MAX_TAGS} tags, got {len(tags)}")
    return tuple(tags.values())
