"""Map look-alike code points that PDF text extraction yields back to plain ideographs.

Fonts often share one glyph between an ideograph and its radical form, and a PDF's
ToUnicode table may then name the radical: ``⼈⼯智能`` (Kangxi radicals) instead of
``人工智能``, ``部⻔`` instead of ``部门``. The Kangxi block maps back by Unicode
compatibility decomposition; the simplified radicals have no decomposition and are
mapped from a table. Latin ligatures (ﬁ, ﬂ) are split back into letters.
"""

from __future__ import annotations

import re
import unicodedata

_DECOMPOSABLE_RE = re.compile("[\u2f00-\u2fdf\ufb00-\ufb06]")
SIMPLIFIED_RADICALS = str.maketrans(
    {
        "\u2ea0": "民", "\u2eb0": "纟", "\u2ec1": "虎", "\u2ec4": "西", "\u2ec5": "见",
        "\u2ec6": "角", "\u2ec8": "讠", "\u2ec9": "贝", "\u2ecb": "车", "\u2ed0": "钅",
        "\u2ed3": "长", "\u2ed4": "门", "\u2ed8": "青", "\u2ed9": "韦", "\u2eda": "页",
        "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食", "\u2ee0": "饣", "\u2ee2": "马",
        "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟", "\u2ee7": "卤",
        "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾", "\u2eec": "齐", "\u2eee": "齿",
        "\u2ef0": "龙", "\u2ef3": "龟",
    }
)  # fmt: skip


def fix_glyphs(text: str) -> str:
    """Radicals and ligatures back to the characters a reader sees."""
    text = _DECOMPOSABLE_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    return text.translate(SIMPLIFIED_RADICALS)
