"""Archive search, the pure half: tokens, query syntax, index entries and snippets.

The SQL lives in ``kuaibao.store.search``; everything here works without a database, so
both backends get exactly the same tokens and the same parsed query.
"""

from __future__ import annotations

from kuaibao.search.entries import KINDS, IndexEntry, entry_for_document, entry_for_item
from kuaibao.search.query import ParsedQuery, parse_query, to_fts5, tsquery_parts
from kuaibao.search.snippets import Matcher, Snippet, make_snippet
from kuaibao.search.tokens import index_tokens, query_terms

__all__ = [
    "KINDS",
    "IndexEntry",
    "Matcher",
    "ParsedQuery",
    "Snippet",
    "entry_for_document",
    "entry_for_item",
    "index_tokens",
    "make_snippet",
    "parse_query",
    "query_terms",
    "to_fts5",
    "tsquery_parts",
]
