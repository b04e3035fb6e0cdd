"""The source registry: validated Source definitions from YAML, OPML and the bundled defaults."""

from kuaibao.sources.defaults import default_sources
from kuaibao.sources.fields import parse_interval, parse_kind, parse_org_type
from kuaibao.sources.opml import dump_opml, load_opml
from kuaibao.sources.registry import (
    LoadResult,
    SourceEntryError,
    source_from_dict,
    source_to_dict,
    sources_from_dicts,
)
from kuaibao.sources.yamlio import dump_yaml, load_yaml

__all__ = [
    "LoadResult",
    "SourceEntryError",
    "default_sources",
    "dump_opml",
    "dump_yaml",
    "load_opml",
    "load_yaml",
    "parse_interval",
    "parse_kind",
    "parse_org_type",
    "source_from_dict",
    "source_to_dict",
    "sources_from_dicts",
]
