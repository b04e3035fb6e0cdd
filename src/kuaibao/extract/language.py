"""Language identification: scripts for CJK, English words for English, py3langid for the rest.

Scripts settle Chinese, Japanese and Korean outright (kana is Japanese, hangul Korean,
Han alone Chinese), and English is recognised by words only English uses as function
words; both cost a fraction of a model call, and a crawl of Chinese and English sources
never loads the model (about 100 MB and a second per process). Every other text goes
to py3langid, a maintained Naive Bayes model of 97 languages over byte n-grams that
ships inside its package (nothing is downloaded). The function-word tables this module
used to carry labelled Dutch as Spanish, Polish as Portuguese and Catalan as Spanish:
six languages cannot name the rest. When the evidence is thin — few letters, or a
model that is not confident — the answer is ``None``, never a guess.
``python -m benchmarks language_id`` measures it on held-out text.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Protocol

from kuaibao.text.scripts import HAN, HANGUL, KANA

# Scripts settle within a few paragraphs and the model within a few sentences (its
# byte-level walk is pure Python, about 1 ms per 1,000 bytes); more text only costs time.
SAMPLE_CHARS = 2_000
MODEL_CHARS = 800
MIN_LETTERS = 20
# The model's probability (normalised over its languages) below which it is not trusted.
MIN_CONFIDENCE = 0.6
# English fast path: words no other language written in Latin letters uses as function
# words (so not "of", "was", "to", "is": Dutch, German and Polish have those). Running
# English text has about one in six of its words among these; other languages, almost none.
ENGLISH_ONLY = frozenset(
    {"the", "and", "that", "with", "which", "this", "from", "have", "were", "been", "their",
     "would", "its", "are", "has", "they", "there", "said", "also", "than", "these", "those",
     "into", "about"}
)  # fmt: skip
MIN_ENGLISH_SHARE = 0.10
MIN_THE_SHARE = 0.05
MIN_ENGLISH_WORDS = 12
# Text this much in kana, CJK ideographs (and the symbols between them) or hangul is CJK.
CJK_SHARE = 0.3
_CJK_SAMPLE_CHARS = 400
_CJK = re.compile(f"[{KANA}{HAN}{HANGUL}]")
_ASCII_WORD = re.compile(r"[a-z]+")

# Letters of each counted writing system, as regex character classes.
_SCRIPTS = {
    "latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "han": HAN,
    "kana": "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff",
    "hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "cyrillic": "\u0400-\u04ff",
    "greek": "\u0370-\u03ff",
    "hebrew": "\u05d0-\u05ea",
    "arabic": "\u0620-\u064a\u066e-\u06d3",
    "thai": "\u0e01-\u0e30\u0e40-\u0e46",
}
# py3langid labels that differ from the ISO 639-1 codes the rest of kuaibao uses.
_CODES = {"zh-tw": "zh", "zh-cn": "zh", "iw": "he", "jw": "jv"}
_SCRIPT_RUNS = {name: re.compile(f"[{chars}]+") for name, chars in _SCRIPTS.items()}
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


class _Identifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


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
    if counts["latin"] >= 0.97 * letters and _reads_as_english(sample):
        return "en"
    code, confidence = _identifier().classify(sample[:MODEL_CHARS])
    if confidence < MIN_CONFIDENCE:
        return None
    return _CODES.get(code, code)


def _reads_as_english(sample: str) -> bool:
    """English by its own function words, without the model (which costs 100 MB to load).

    Deliberately strict: a text it lets through is English on the held-out benchmark
    paragraphs without exception; everything else still goes to the model.
    """
    words = _ASCII_WORD.findall(sample[:MODEL_CHARS].lower())
    if len(words) < MIN_ENGLISH_WORDS:
        return False
    english = sum(1 for word in words if word in ENGLISH_ONLY)
    articles = words.count("the")  # the commonest English word, alone, is evidence too
    if articles >= 3 and articles >= MIN_THE_SHARE * len(words):
        return True
    return english >= MIN_ENGLISH_SHARE * len(words) and articles >= 2


@functools.cache
def _identifier() -> _Identifier:
    """py3langid's model, loaded on first use (a few seconds), then kept for the process."""
    from py3langid.langid import (  # type: ignore[import-untyped]  # ships no stubs
        MODEL_FILE,
        LanguageIdentifier,
    )

    identifier: _Identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return identifier


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
