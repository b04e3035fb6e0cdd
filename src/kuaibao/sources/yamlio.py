"""Read and write the YAML form of the source registry.

The file is a mapping with one key, ``sources``, holding a list of entries in the
shape :func:`~kuaibao.sources.registry.source_to_dict` writes. Only ``yaml.safe_load``
is used, so tags such as ``!!python/object`` are refused rather than executed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import yaml

from kuaibao.domain import Source
from kuaibao.errors import SourceError
from kuaibao.sources.fields import describe
from kuaibao.sources.registry import LoadResult, source_to_dict, sources_from_dicts

MAX_YAML_CHARS = 5_000_000
_HEADER = (
    "# kuaibao source registry: one entry per watched feed, sitemap or listing page.\n"
    "# tier: 1 primary official, 2 reputable secondary, 3 aggregator/other.\n"
)


def _parse(text: str) -> object:
    if len(text) > MAX_YAML_CHARS:
        raise SourceError(
            f"registry file is larger than {MAX_YAML_CHARS} characters; split it into several files"
        )
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SourceError(
            f"registry file is not valid plain YAML{where}: {problem}. Only "
            "plain mappings, lists and scalars are accepted (no custom tags)"
        ) from exc


def load_yaml(text: str) -> LoadResult:
    """Parse a registry file; bad entries are reported in the result, not raised."""
    doc = _parse(text)
    if doc is None:
        return LoadResult()
    if not isinstance(doc, Mapping) or "sources" not in doc:
        raise SourceError(
            "registry file must be a mapping with a 'sources' list at the top "
            f"level, each entry starting with '- name: …'; got {describe(doc)}"
        )
    extra = sorted(str(k) for k in doc if k != "sources")
    if extra:
        raise SourceError(
            f"registry file has unknown top-level keys {', '.join(extra)}; "
            "only 'sources' is allowed"
        )
    entries = doc["sources"]
    if entries is None:
        return LoadResult()
    if not isinstance(entries, list):
        raise SourceError(f"'sources' must be a list of entries, got {describe(entries)}")
    return sources_from_dicts(entries)


def dump_yaml(sources: Iterable[Source]) -> str:
    """Write sources as a registry file that load_yaml reads back unchanged."""
    doc = {"sources": [source_to_dict(s) for s in sources]}
    body = yaml.safe_dump(
        doc, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    return _HEADER + body
