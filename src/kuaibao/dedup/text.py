"""Tokens for similarity: words for alphabetic scripts, character bigrams for Chinese.

Character bigrams need no dictionary and match across word-boundary choices (新型储能 and
储能项目 share 储能), which is what paraphrase matching wants; jieba would add a
dictionary load and segmentation choices without making matches more reliable.
"""

from __future__ import annotations

import re

from kuaibao.text.normalise import nfkc
from kuaibao.text.scripts import HAN, han_share

TOKEN = re.compile(rf"(?P<han>[{HAN}]+)|(?P<word>[^\W_{HAN}]+)")


def words(text: str) -> frozenset[str]:
    """A set of words from one space-separated string (keeps word tables readable)."""
    return frozenset(text.split())


ENGLISH_STOP = words(
    """a about after all also an and any are as at be been before but by can could did do
    does for from had has have he her his how i if in into is it its last more most new no
    not now of on one only or other our out over said says she so some such than that the
    their them then there these they this those through to two up us was we were what when
    which while who will with would year years"""
)
CHINESE_STOP_CHARS = frozenset("的了和与及是在对也将而并等之其或被把从向于以为这该")


def stem(word: str) -> str:
    """Light plural stemming, enough for 'grants'/'grant' to meet."""
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def han_bigrams(run: str) -> list[str]:
    """Overlapping character pairs of a Chinese run; a lone character stands for itself."""
    chars = [c for c in run if c not in CHINESE_STOP_CHARS]
    if len(chars) < 2:
        return chars
    return [chars[i] + chars[i + 1] for i in range(len(chars) - 1)]


def terms(text: str) -> list[str]:
    """Similarity terms in text order: stemmed words without stop words, Han bigrams."""
    out: list[str] = []
    for match in TOKEN.finditer(nfkc(text).casefold()):
        han = match.group("han")
        if han:
            out.extend(han_bigrams(han))
            continue
        word = match.group("word")
        if word not in ENGLISH_STOP and (len(word) > 1 or word.isdigit()):
            out.append(stem(word))
    return out


def shingle_tokens(text: str) -> list[str]:
    """Tokens for near-duplicate shingles: every word and every Chinese character, in order."""
    out: list[str] = []
    for match in TOKEN.finditer(nfkc(text).casefold()):
        han = match.group("han")
        if han:
            out.extend(han)
        else:
            out.append(match.group("word"))
    return out


def script(title: str, text: str) -> str:
    """``han`` or ``latin``: texts in different scripts cannot be compared word by word."""
    return "han" if han_share(f"{title} {text[:200]}"[:400]) >= 0.3 else "latin"


def lead(title: str, text: str, chars: int, kind: str | None = None) -> str:
    """Title (counted twice: it names the event) plus the opening of the text.

    Chinese packs about 2.5 times as much meaning per character as English, so a Chinese
    lead is cut shorter to cover the same facts. ``kind`` is the script, if known.
    """
    kind = kind or script(title, text)
    limit = chars if kind == "latin" else max(1, int(chars / 2.5))
    opening = text[:limit]
    if len(text) > limit:
        cut = max(opening.rfind(" "), opening.rfind("。"), opening.rfind("，"))
        if cut > limit // 2:
            opening = opening[:cut]
    return f"{title}\n{title}\n{opening}"
