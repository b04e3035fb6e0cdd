"""The search box syntax, parsed once and written out for FTS5 and for PostgreSQL.

Syntax: words (all must match), ``"quoted phrases"`` (also “…”), ``-word`` or
``-"phrase"`` to exclude, and ``OR`` (upper case) between two words or phrases.
``a b OR c`` means a AND (b OR c). Everything else (``*``, ``:``, ``^``, brackets,
quotes left open, SQL quotes) is ordinary punctuation: the database only ever receives
our own tokens, each quoted, so no query can raise a syntax error.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kuaibao.search.entries import pair
from kuaibao.search.tokens import index_tokens, query_terms
from kuaibao.text.normalise import nfkc

_PIECE = re.compile(
    r"""(?P<neg>-+)?["“”](?P<phrase>[^"“”]*)["“”]?   # a quoted phrase, maybe negated
      | (?P<word>[^\s"“”]+)                        # anything else up to a space or quote
    """,
    re.VERBOSE,
)

MAX_QUERY_CHARS = 500
MAX_QUERY_GROUPS = 16

Term = tuple[str, ...]
"""One token, or a phrase: tokens that must be adjacent and in this order."""


@dataclass(frozen=True)
class Group:
    """Terms that must all match: what one word or phrase of the query stands for."""

    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Clause:
    """At least one of these groups must match (groups joined by ``OR``)."""

    options: tuple[Group, ...]


@dataclass(frozen=True)
class ParsedQuery:
    """Required clauses (all must match) and excluded groups (none may match)."""

    required: tuple[Clause, ...] = ()
    excluded: tuple[Group, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Nothing positive to look for (blank, only stop words, or only exclusions)."""
        return not self.required

    @classmethod
    def of(cls, term: Term) -> ParsedQuery:
        """A query for one token or phrase."""
        return cls((Clause((Group((term,)),)),))

    def tokens(self) -> list[str]:
        """Every token a hit may contain, for highlighting, without duplicates."""
        seen = [t for c in self.required for g in c.options for term in g.terms for t in term]
        return list(dict.fromkeys(seen))


def _pieces(text: str) -> list[tuple[str, bool, Group | None]]:
    """(kind, negated, group) per piece; kind is "or" for the operator, else "group"."""
    out: list[tuple[str, bool, Group | None]] = []
    for match in _PIECE.finditer(nfkc(text)):
        word = match.group("word")
        if word == "OR":
            out.append(("or", False, None))
            continue
        if word is not None:
            negated = word.startswith("-")
            terms = query_terms(word.lstrip("-"))
        else:
            negated = bool(match.group("neg"))
            tokens = tuple(index_tokens(match.group("phrase")))
            terms = [tokens] if tokens else []
        if terms:
            out.append(("group", negated, Group(tuple(terms))))
    return out


def parse_query(text: str) -> ParsedQuery:
    """Parse what a person typed; words without any indexable token are dropped.

    A pasted page is cut to its first ``MAX_QUERY_CHARS`` characters and
    ``MAX_QUERY_GROUPS`` words or phrases, which keeps the SQL (one ranking term per
    phrase on PostgreSQL) small.
    """
    required: list[list[Group]] = []
    excluded: list[Group] = []
    pending_or = False
    for kind, negated, group in _pieces(text[:MAX_QUERY_CHARS])[: MAX_QUERY_GROUPS * 2]:
        if kind == "or":
            pending_or = bool(required)
            continue
        assert group is not None
        if negated:
            excluded.append(group)
        elif pending_or:
            required[-1].append(group)
        else:
            required.append([group])
        pending_or = False
    groups = 0
    for options in required:
        options[:] = options[: max(0, MAX_QUERY_GROUPS - groups)]
        groups += len(options)
    clauses = tuple(Clause(tuple(dict.fromkeys(o))) for o in required if o)
    return ParsedQuery(tuple(dict.fromkeys(clauses)), tuple(dict.fromkeys(excluded)))


def _quote_fts(term: Term) -> str:
    return '"' + " ".join(term).replace('"', '""') + '"'


def _join(parts: list[str], operator: str) -> str:
    return parts[0] if len(parts) == 1 else "(" + f" {operator} ".join(parts) + ")"


def to_fts5(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression; a phrase is one quoted string of space-separated tokens."""

    def group(g: Group) -> str:
        return _join([_quote_fts(t) for t in g.terms], "AND")

    clauses = [_join([group(g) for g in c.options], "OR") for c in query.required]
    expression = _join(clauses, "AND")
    for g in query.excluded:
        expression = f"({expression} NOT {group(g)})"
    return expression


def _quote_ts(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def term_to_tsquery(term: Term) -> str:
    """One token or phrase as a tsquery literal; a phrase uses ``<->``."""
    return _join([_quote_ts(token) for token in term], "<->")


def tsquery_parts(terms: Iterable[Term]) -> tuple[str | None, str | None]:
    """Two tsquery literals that together match all ``terms``: one over the token
    tsvector, one over the token-pair tsvector (None when a side has nothing).

    Words go to the tokens. A two-token phrase is exactly its pair lexeme, which GIN
    finds without reading positions; a longer phrase needs all its pairs, then its
    positions checked in the (few) rows that hold them.
    """
    words: list[str] = []
    pairs: list[str] = []
    for term in terms:
        if len(term) == 1:
            words.append(_quote_ts(term[0]))
            continue
        pairs.extend(_quote_ts(pair(a, b)) for a, b in itertools.pairwise(term))
        if len(term) > 2:
            words.append(term_to_tsquery(term))
    return (
        _join(list(dict.fromkeys(words)), "&") if words else None,
        _join(list(dict.fromkeys(pairs)), "&") if pairs else None,
    )
