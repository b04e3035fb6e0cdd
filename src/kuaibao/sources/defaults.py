"""The curated default registry shipped with kuaibao (``defaults.yaml`` in this package)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from kuaibao.domain import Source
from kuaibao.sources.yamlio import load_yaml

DEFAULTS_FILE = "defaults.yaml"


@cache
def default_registry_text() -> str:
    """The bundled file's text, read once; installs without the source tree still have it."""
    return resources.files("kuaibao.sources").joinpath(DEFAULTS_FILE).read_text(encoding="utf-8")


def default_sources() -> list[Source]:
    """Fresh Source objects for the default registry; a broken bundled file raises SourceError."""
    return load_yaml(default_registry_text()).sources_or_raise()
