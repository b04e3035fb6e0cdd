"""Optional modules that are not installed, remembered so that importing them fails fast.

httpcore asks ``import sniffio`` on every request to learn which async library runs it;
sniffio is optional (anyio 4 no longer needs it) and, when it is missing, each of those
failed imports walks every ``sys.path`` entry again: a dozen walks per fetch, a few
hundred milliseconds over a thousand-feed crawl. A ``None`` in ``sys.modules`` is
Python's own marker for "known to be absent": the import then fails at once, with the
same ImportError, and changes nothing else.
"""

from __future__ import annotations

import importlib.util
import sys

PROBED_EVERY_REQUEST = ("sniffio",)


def remember_absent(names: tuple[str, ...] = PROBED_EVERY_REQUEST) -> list[str]:
    """Mark the modules among ``names`` that cannot be imported; returns those marked."""
    marked = []
    for name in names:
        if name in sys.modules:
            continue
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            sys.modules[name] = None  # type: ignore[assignment]
            marked.append(name)
    return marked
