"""Organisation names the gazetteer does not know, kept in their source spelling.

Most companies and institutes in the news are too small or too new for the gazetteer, yet
a bulletin item must say who acted. The draft keeps such a name as the source spells it
(``Verity Bio公司``, ``Nordic Space Office``): an unknown name is not a fact the checker
can disprove, so a name is taken only where the text itself marks it as an organisation —
a company or institution word in the name (Labs, Semiconductor, Institute, Office …) or an
apposition that says what it is ("Orbitra, a satellite broadband start-up, …"; "the
start-up Atomwerk Quantum"). A later bare mention of a found name's first word ("Caldera
said") is the same organisation. "The government" and "Parliament" with no country are
generic bodies (政府, 议会): true, if unnamed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kuaibao.draft.offline.actions import ACTIONS, KINDS
from kuaibao.draft.offline.tables import default_nouns, default_verbs
from kuaibao.facts.model import OrgFact


def _words(text: str) -> frozenset[str]:
    """A set of words from one space-separated string (keeps the tables readable)."""
    return frozenset(text.split())


COMPANY, INSTITUTION, GENERIC = "named_company", "named_institution", "generic_body"
_TOKEN = r"[A-Z][A-Za-z0-9]*(?:[-&][A-Za-z0-9]+)*"
_WORDS = rf"{_TOKEN}(?:[ \t]+{_TOKEN})*"
# "Department for Research, Innovation and Technology": a list only after of/for.
_NAME_RE = re.compile(
    rf"(?<![A-Za-z0-9'’(-])({_WORDS}(?:[ \t]+(?:of|for|on)[ \t]+(?:the[ \t]+)?{_WORDS}"
    rf"(?:(?:,[ \t]+{_WORDS})+,?[ \t]+(?:and|&)[ \t]+{_WORDS})?)?)(?![A-Za-z0-9)-])"
)
_NOUNS = default_nouns()  # nouns.yaml
_COMPANY_ENDINGS = _NOUNS.company_endings
_INSTITUTION_WORDS = _NOUNS.institution_words
_STOP_WORDS = _words(
    "The A An This That These Those Its Their Our New Since From Under In On At For "
    "By With And Or But If As After Before When While Option"
)
_ORG_NOUNS = "|".join(re.escape(noun) for noun in _NOUNS.organisation_nouns)
_LINKS = "of|that|which|to|for|meant|who|in|with|by|and|or|as"
_APPOSITION_AFTER_RE = re.compile(
    rf"^,[ \t]+(?:a|an|the)[ \t]+(?:(?!(?:{_LINKS})\b)[\w&.-]+[ \t]+){{0,4}}(?:{_ORG_NOUNS})s?\b"
    r"(?![ \t]+(?:and|said|says|announced|added|told|reported|expects|estimates|confirmed)\b)"
)
_APPOSITION_BEFORE_RE = re.compile(
    rf"(?i)\b(?:the|a|an|its)[ \t]+(?:[\w-]+[ \t]+){{0,2}}(?:{_ORG_NOUNS})[ \t]+$"
)
_BASED_RE = re.compile(r"-(?:based|listed|headquartered)$")
_GENERIC_RE = re.compile(r"(?m)(?:(?<![A-Za-z'’-])the|^The|(?<=[.!?] )The)[ \t]+(government)\b")
_PARLIAMENT_RE = re.compile(r"(?<![A-Za-z'’-])(Parliament)\b")
# "the Network and Information Systems framework": a name used as a modifier names a rule.
_MODIFIER_RE = re.compile(
    r"^[ \t]+(?:framework|regulations?|rules?|act|bill|programme|program|scheme|strategy|"
    r"directive|standard|fund|mission|missions)\b"
)
_GENERIC_ZH = {"government": "政府", "parliament": "议会"}
_HEADLINE_VERBS = default_verbs(KINDS).headline  # verbs.yaml
_TITLE_LINKS = _words("In To For With At By From On Into Over As")  # title-case "In Zurich"


@dataclass(frozen=True)
class NamedOrg:
    """One unknown organisation: its span, source spelling and company or institution."""

    start: int
    end: int
    name: str
    company: bool

    @property
    def zh(self) -> str:
        return f"{self.name}公司" if self.company else self.name

    def fact(self) -> OrgFact:
        """The name as an organisation fact, so clauses treat it like a gazetteer one."""
        kind = COMPANY if self.company else INSTITUTION
        return OrgFact(self.name, self.zh, self.name, kind, self.start, self.end)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Drop a leading article or "Gothenburg-based" (which says it is a company)."""
    based = False
    while True:
        match = re.match(rf"{_TOKEN}[ \t]+", text[start:end])
        if match is None:
            return start, end, based
        word = match.group(0).strip()
        if word in _STOP_WORDS:
            start += match.end()
        elif _BASED_RE.search(word):
            start, based = start + match.end(), True
        else:
            return start, end, based


def _kind(name: str, text: str, start: int, end: int, based: bool) -> bool | None:
    """True for a company, False for an institution, None when not marked as a name."""
    words = name.split()
    core = [w for w in words if w not in ("of", "for", "on", "the", "and", "&")]
    plain = [w for w in core if w.rstrip(",") not in _COMPANY_ENDINGS | _INSTITUTION_WORDS]
    if not plain or _MODIFIER_RE.match(text[end : end + 20]):
        return None
    if any(w.rstrip(",") in _INSTITUTION_WORDS for w in core):
        return False
    if len(core) > 1 and core[-1] in _COMPANY_ENDINGS:
        return True
    marked = (
        based
        or _APPOSITION_AFTER_RE.match(text[end : end + 120]) is not None
        or _APPOSITION_BEFORE_RE.search(text[max(0, start - 40) : start]) is not None
    )
    return True if marked else None


def _after_person(text: str, start: int, end: int) -> int:
    """ "Joris van Dijk of Rijnland University": the organisation starts after "of"."""
    match = re.search(r"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?", text[start:end])
    if match is None:
        return start
    head, tail = text[start : start + match.start()].split(), text[start + match.end() : end]
    marks = _COMPANY_ENDINGS | _INSTITUTION_WORDS
    if any(w in marks for w in head) or not any(w.rstrip(",") in marks for w in tail.split()):
        return start
    return start + match.end()


@lru_cache(maxsize=1)
def _verb_words() -> frozenset[str]:
    """Words that end a name in a title-case headline ("IBM Research Opens New Lab")."""
    forms = {f for action in ACTIONS for f in action.en if " " not in f}
    return frozenset(forms | _HEADLINE_VERBS)


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A capitalised run cut at the verbs a title-case headline capitalises too."""
    verbs = _verb_words()
    segments: list[tuple[int, int]] = []
    begin = start
    for word in re.finditer(r"\S+", text[start:end]):
        bare = word.group(0).rstrip(",")
        if bare.lower() in verbs or bare in _TITLE_LINKS:
            segments.append((begin, start + word.start()))
            begin = start + word.end()
    segments.append((begin, end))
    spans = [(len(text[:s]) + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in segments]
    return [(s, len(text[:e].rstrip())) for s, e in spans if text[s:e].strip()]


def find_names(text: str) -> list[NamedOrg]:
    """Every marked organisation name in an English ``text``, and later mentions of it."""
    found: list[NamedOrg] = []
    spans = [seg for m in _NAME_RE.finditer(text) for seg in _segments(text, *m.span(1))]
    for span_start, span_end in spans:
        start, end, based = _trimmed(text, span_start, span_end)
        start = _after_person(text, start, end)
        name = text[start:end]
        if start >= end or (name.isupper() and " " in name):  # headings: "INTERNAL DRAFT"
            continue
        company = _kind(name, text, start, end, based)
        if company is not None:
            found.append(NamedOrg(start, end, name, company))
    found += _later_mentions(text, found)
    found += _generic_bodies(text)
    return _without_overlaps(found)


def _later_mentions(text: str, found: list[NamedOrg]) -> list[NamedOrg]:
    """ "Caldera said …" with "Caldera Semiconductor": the first word stands for the name."""
    firsts: dict[str, NamedOrg] = {}
    for org in found:
        first = org.name.split()[0]
        if org.company and first not in _STOP_WORDS and len(first) >= 4:
            firsts.setdefault(first, org)
    more: list[NamedOrg] = []
    for first, org in firsts.items():
        for match in re.finditer(rf"(?<![A-Za-z-]){re.escape(first)}(?![A-Za-z-])", text):
            if not org.start <= match.start() < org.end:  # headlines name it first
                more.append(NamedOrg(match.start(), match.end(), org.name, org.company))
    return more


def _generic_bodies(text: str) -> list[NamedOrg]:
    """ "the government", "Parliament" with no country before them."""
    more: list[NamedOrg] = []
    for pattern in (_GENERIC_RE, _PARLIAMENT_RE):
        for match in pattern.finditer(text):
            more.append(NamedOrg(match.start(1), match.end(1), match.group(1).lower(), False))
    return more


def _without_overlaps(found: list[NamedOrg]) -> list[NamedOrg]:
    kept: list[NamedOrg] = []
    for org in sorted(found, key=lambda o: (o.start, -(o.end - o.start))):
        if kept and org.start < kept[-1].end:
            continue
        kept.append(org)
    return kept


def generic_zh(name: str) -> str | None:
    """政府 / 议会 for a generic body, else None."""
    return _GENERIC_ZH.get(name)


def name_facts(text: str) -> list[OrgFact]:
    """The names of ``text`` as organisation facts, generic bodies in Chinese."""
    facts: list[OrgFact] = []
    for org in find_names(text):
        generic = generic_zh(org.name)
        if generic is not None:
            facts.append(OrgFact(org.name, generic, org.name, GENERIC, org.start, org.end))
        else:
            facts.append(org.fact())
    return facts
