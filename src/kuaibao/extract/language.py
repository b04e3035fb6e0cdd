"""Language detection without models: writing system first, then function words.

Scripts settle most cases (kana is Japanese, hangul is Korean, Han alone is Chinese,
Cyrillic is Russian or Ukrainian). Latin-script languages are told apart by counting
their most frequent function words, which is reliable on article-length text and needs
no download. When the evidence is thin the answer is ``None``, never a guess.
"""

from __future__ import annotations

import re
from collections import Counter

# Scripts settle within a few paragraphs, function words within a few sentences (about
# 170 words, 50 of them function words); more text only costs time.
SAMPLE_CHARS = 2_000
WORD_SAMPLE_CHARS = 1_000
MIN_LETTERS = 20
MIN_STOPWORD_HITS = 3
# Function words make up a third of running text; far fewer means another language.
MIN_STOPWORD_DENSITY = 0.05
# The winner must beat the runner-up (which shares some words with it) by this factor.
MIN_STOPWORD_MARGIN = 1.25
# Text this much in kana, CJK ideographs (and the symbols between them) or hangul is CJK.
CJK_SHARE = 0.3
_CJK_SAMPLE_CHARS = 400
_CJK = re.compile("[\u3040-\u9fff\uac00-\ud7af]")


def _words(text: str) -> frozenset[str]:
    """A set of words from one space-separated string (keeps the tables readable)."""
    return frozenset(text.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the of and to in is that for it was on with as are by this be from at have an "
        "which has not were or its their been they but would will can more also"
    ),
    "de": _words(
        "der die und das ist nicht ein eine zu den von mit sich des auf für dem im auch "
        "als wird sind noch bei einer nach aus wie über werden hat durch"
    ),
    "fr": _words(
        "le la les et des est un une du dans en que qui pour pas sur au par avec plus "
        "ce il sont aux ont cette elle été mais leur"
    ),
    "es": _words(
        "el la los las y de que en un una es por con para del se al lo como más pero "
        "sus su fue este ha son está también entre"
    ),
    "it": _words(
        "il di che e la per un una del della non sono le gli alla anche come nel più "
        "dei delle è ha questo stato essere tra"
    ),
    "pt": _words(
        "o a os as de que e do da em um uma para com não no na por mais dos das se foi "
        "ao pela pelo também é são está"
    ),
}

_ANY_STOPWORD = frozenset().union(*STOPWORDS.values())
_LANGUAGES_OF = {
    word: tuple(code for code, stop in STOPWORDS.items() if word in stop) for word in _ANY_STOPWORD
}
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_WORD = re.compile(r"[a-z]+")

# Letters of each counted writing system, as regex character classes.
_SCRIPTS = {
    "latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "kana": "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff",
    "hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "cyrillic": "\u0400-\u04ff",
    "greek": "\u0370-\u03ff",
    "hebrew": "\u05d0-\u05ea",
    "arabic": "\u0620-\u064a\u066e-\u06d3",
    "thai": "\u0e01-\u0e30\u0e40-\u0e46",
}
_SCRIPT_RUNS = {name: re.compile(f"[{chars}]+") for name, chars in _SCRIPTS.items()}
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
_PERSIAN_ONLY = frozenset("پچژگ")
_SINGLE_SCRIPT_LANGUAGE = {"greek": "el", "hebrew": "he", "thai": "th"}


def detect_language(text: str) -> str | None:
    """Return an ISO 639-1 code for ``text``, or ``None`` when the evidence is too thin."""
    sample = text[:SAMPLE_CHARS]
    counts = script_counts(sample)
    letters = sum(counts.values())
    if letters < MIN_LETTERS:
        return None
    cjk = counts["han"] + counts["kana"] + counts["hangul"]
    if cjk >= 0.3 * letters:
        return _cjk_language(counts)
    script, amount = max(counts.items(), key=lambda item: item[1])
    if amount < 0.5 * letters:
        return None
    if script == "latin":
        return _latin_language(sample[:WORD_SAMPLE_CHARS])
    if script == "cyrillic":
        return "uk" if _share(sample, _UKRAINIAN_ONLY, amount) > 0.01 else "ru"
    if script == "arabic":
        return "fa" if _share(sample, _PERSIAN_ONLY, amount) > 0.005 else "ar"
    return _SINGLE_SCRIPT_LANGUAGE.get(script)


def mostly_cjk(text: str) -> bool:
    """Tell whether ``text`` opens mostly in Chinese, Japanese or Korean script.

    Those scripts say in about 40 characters what English says in 100, so thresholds
    counted in characters (shortest text worth keeping, a short first pass) scale by it.
    """
    sample = text[:_CJK_SAMPLE_CHARS]
    if sample.isascii():
        return False
    cjk = len(sample) - len(_CJK.sub("", sample))
    return cjk >= CJK_SHARE * len(sample)


def script_counts(text: str) -> Counter[str]:
    """Count the letters of ``text`` per writing system (``latin``, ``han``, ``kana``, …)."""
    counts: Counter[str] = Counter()
    ascii_letters = len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    if ascii_letters:
        counts["latin"] = ascii_letters
    others = _ASCII_RUNS.sub("", text)  # every script but ASCII Latin lies out there
    if others:
        for name, runs in _SCRIPT_RUNS.items():
            total = sum(map(len, runs.findall(others)))
            if total:
                counts[name] += total
    return counts


def _cjk_language(counts: Counter[str]) -> str:
    """Choose between Chinese, Japanese and Korean from the mix of CJK scripts."""
    han, kana, hangul = counts["han"], counts["kana"], counts["hangul"]
    if hangul >= 0.3 * (han + kana + hangul):
        return "ko"
    if kana >= 0.05 * (han + kana):
        return "ja"
    return "zh"


def _latin_language(text: str) -> str | None:
    """Pick the Latin-script language whose function words occur most often."""
    lowered = text.lower()
    # Where every letter is ASCII, a plain [a-z] class finds the same words, twice as fast.
    ascii_words = _WORD.search(_ASCII_RUNS.sub("", lowered)) is None
    tokens = (_ASCII_WORD if ascii_words else _WORD).findall(lowered)
    words = Counter(tokens)
    hits = dict.fromkeys(STOPWORDS, 0)
    for word in words.keys() & _ANY_STOPWORD:
        for code in _LANGUAGES_OF[word]:
            hits[code] += words[word]
    ranked = sorted(hits, key=lambda code: hits[code], reverse=True)
    best, runner_up = hits[ranked[0]], hits[ranked[1]]
    if best < MIN_STOPWORD_HITS or best < MIN_STOPWORD_DENSITY * len(tokens):
        return None
    if best < MIN_STOPWORD_MARGIN * runner_up:
        return None
    return ranked[0]


def _share(text: str, alphabet: frozenset[str], letters: int) -> float:
    """The fraction of ``letters`` that come from ``alphabet``."""
    return sum(1 for char in text if char in alphabet) / max(letters, 1)
