"""Grow the gazetteer from the glossary: organisation, programme and law names that past
bulletins paired with an original title.

The glossary holds whole titles (``National Science Foundation (NSF) invests …`` ↔
``美国国家科学基金会（NSF）投入…``), so a name is learned only when both sides point at it
clearly, and otherwise skipped: a wrong entry would make the fact check accept or reject
the wrong organisation, a missing one only leaves a name unchecked. Three kinds of evidence
count:

* a Chinese name followed by an abbreviation in brackets (``英国研究与创新署（UKRI）``) whose
  abbreviation stands as a word in the original; the English name is the run of words
  whose initials spell it, when there is exactly one;
* a Chinese name in 《》 (a law, strategy or programme) and exactly one English name of the
  same kind in the original, quoted or capitalised in a sentence-case title;
* exactly one Chinese organisation name on each side whose heads agree (``基金会`` and
  ``Foundation``), the English one capitalised in a sentence-case title.

Names the gazetteer already knows are skipped, and so are names two glossary pairs
explain differently.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from kuaibao.errors import ConfigError
from kuaibao.facts.gazetteer import Gazetteer, GazetteerEntry
from kuaibao.facts.glossary_words import renderings
from kuaibao.facts.places import default_places


def _listed(words: str) -> tuple[str, ...]:
    return tuple(words.split())


# Chinese name endings: (ending, kind, English head words that may translate it). Longer
# endings come first so that 管理局 wins over 局.
_ORG_HEADS: tuple[tuple[str, str, frozenset[str]], ...] = tuple(
    (ending, kind, frozenset(heads.split()))
    for ending, kind, heads in (
        ("基金会", "funder", "foundation fund"),
        ("委员会", "agency", "commission committee council board"),
        ("理事会", "research_council", "council board"),
        ("管理局", "agency", "administration authority agency"),
        ("办公室", "agency", "office"),
        ("实验室", "lab", "laboratory laboratories lab labs"),
        ("研究中心", "lab", "center centre centers centres"),
        ("研究所", "lab", "institute institutes"),
        ("研究院", "lab", "institute institutes academy"),
        ("科学院", "association", "academy academies"),
        ("中心", "lab", "center centre centers centres"),
        ("学会", "association", "society institution institute"),
        ("协会", "association", "association federation"),
        ("联盟", "association", "alliance consortium coalition"),
        ("分校", "university", "university campus"),
        ("大学", "university", "university"),
        ("学院", "university", "college school institute academy"),
        ("组织", "international", "organisation organization"),
        ("公司", "company", "company corporation inc corp ltd limited plc group"),
        ("集团", "company", "group holdings"),
        ("局", "agency", "agency administration bureau office authority service survey"),
        ("署", "agency", "agency administration office authority service"),
        ("部", "ministry", "department ministry"),
    )
)
_TITLE_HEADS: tuple[tuple[str, str, frozenset[str]], ...] = tuple(
    (ending, kind, frozenset(heads.split()))
    for ending, kind, heads in (
        ("法案", "law", "act bill"),
        ("条例", "law", "regulation regulations ordinance act"),
        ("法规", "law", "regulation regulations"),
        ("指令", "law", "directive order"),
        ("法", "law", "act law code"),
        ("路线图", "strategy", "roadmap"),
        ("战略", "strategy", "strategy"),
        ("规划", "strategy", "plan roadmap strategy"),
        ("框架", "strategy", "framework"),
        ("计划", "programme", "programme program plan initiative mission"),
        ("倡议", "programme", "initiative"),
        ("项目", "programme", "programme program project"),
        ("任务", "programme", "mission"),
    )
)
_ORG_LAST = frozenset(ending[-1] for ending, _, _ in _ORG_HEADS)
_ORG_WORDS = frozenset().union(*(heads for _, _, heads in _ORG_HEADS))
_TITLE_WORDS = frozenset().union(*(heads for _, _, heads in _TITLE_HEADS))

# What may follow a name in the same Han run (美国能源部宣布…): anything else may continue
# it (伊利诺伊大学厄巴纳-香槟分校) or make the ending part of a word (部署, 布局).
_AFTER_NAME = _listed(
    "宣布 发布 公布 投入 投资 启动 推出 资助 支持 提出 成立 设立 批准 更新 牵头 联合 携手 "
    "拨款 计划 拟 将 称 已 正 与 和 及 等 在 向 对 为 首次 再次 开展 发起 授予 选定 表示 "
    "发表 预测 警告 呼吁 获 开发 研发 研制 建设 建立 签署 制定 出台 启用 完成 实现 揭示 "
    "发现 推动 加快 加强 寻求 征集 评估 举办 召开 任命 遴选 入选 展示 演示 测试 通过 考虑 "
    "探索 研究 提供 领导 主导 组建 参与 加入 合作 扩大 削减 增加 被 正式 日前 近日 的 也 "
    "还 再 今年 首批 新 旗下 下属 联手 报告 指出 认为 敦促 要求 确认 证实 重组 选择 公开 "
    "上线 推进 成为 暂停 收到 赢得 荣获 同 跟"
)
# Words that do not occur in these names but do around them: a candidate holding one has
# taken in part of the sentence.
_SENTENCE_WORDS = _listed(
    "宣布 发布 公布 通过 表示 称 的 了 将 由 向 对 在 为 把 被 已 拟 推出 启动 投资 投入 资助 "
    "支持 提出 成立 设立 牵头 携手 显示 指出 呼吁 获得 批准 发起 更新 签署 授予 拨款 "
    "据报道 报道 据悉 指定 任命 委托 要求 消息 报告"
)
# Measure words, determiners and the like, which start a phrase but not a name (个新研究中心).
_BAD_FIRST = frozenset("个家项名位座批款首该其这此各年月日")
_COUNTRY_RE = re.compile(
    "美国|英国|欧盟|欧洲|日本|德国|法国|韩国|加拿大|澳大利亚|印度|新加坡|荷兰|瑞士|以色列|"
    "俄罗斯|中国|意大利|西班牙|瑞典|芬兰|比利时|丹麦|挪威|奥地利|爱尔兰|国际|联合国"
)
_HAN = "\u4e00-\u9fff"
_RUN = f"[{_HAN}·]+"  # a Han run; the middle dot joins transliterated names (艾伦·图灵)
# A run right after these continues a longer name (科学、创新和技术部, 美国SLAC国家…).
_GLUE = "、-－–—/"
_JOINED_RE = re.compile("(?:" + "|".join(e for e, _, _ in _ORG_HEADS) + ")[和与及、]")
_ABBR_ZH_RE = re.compile(rf"({_RUN})[（(]([A-Z][A-Za-z0-9&-]{{1,11}})[）)]")
_BOOK_RE = re.compile(r"《([^《》]{2,30})》")
_BOOK_COUNTRY_RE = re.compile(r"(?:美国|英国|欧盟|欧洲|日本|德国|法国|韩国|加拿大|澳大利亚|印度)$")
_QUOTED_RE = re.compile(r"[“\"‘']([A-Z][^“”\"‘’']{3,80}?)[”\"’']")
_WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9&.\-]*(?:['’]s)?")
_CONNECTORS = frozenset({"of", "and", "for", "on", "the", "in", "to", "&", "de", "du", "des"})
_LEADING = frozenset({"The", "A", "An", "New"})
_COMPLEMENT = frozenset({"of", "for", "on"})
# A comma and a capitalised word after a name: a list inside the name (Department for
# Science, Innovation and Technology; University of California, Berkeley).
_LIST_GOES_ON_RE = re.compile(r",\s*[A-Z]")
_ARTICLES = frozenset({"the", "a", "an"})
# Words a sentence-case title may open with that are not part of the name after them.
_STARTERS = frozenset(
    _listed(
        "How Why What When Where Who Which Inside Meet Report Exclusive Opinion Analysis "
        "Explainer Watch Here Breaking Update Interview Can Does Do Is Are Will Should After "
        "Before As With From For In At On By Under Over Amid Following Today Now Why"
    )
)
_MIN_ZH, _MAX_ZH = 3, 24
_MIN_SHARE, _MAX_SHARE = 1.0, 4.5  # Chinese characters per English content word


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    possessive: bool = False


def _words(text: str) -> list[_Word]:
    """Latin words with their spans; a possessive ``'s`` or a final full stop is left out
    of the word (and so breaks a name there)."""
    found = []
    for match in _WORD_RE.finditer(text):
        word = match.group()
        possessive = word.endswith(("'s", "’s"))
        if possessive:
            word = word[:-2]
        elif word.endswith((".", "-")) and word[:-1].count(".") == 0:
            word = word[:-1]
        if word:
            start = match.start()
            found.append(_Word(word, start, start + len(word), possessive))
    return found


def _content_words(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() not in _CONNECTORS]


def _is_capital(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def _headline_case(words: list[_Word]) -> bool:
    """Most words after the first capitalised: a headline, whose names have no clear ends."""
    rest = [w.text for w in words[1:] if w.text.lower() not in _CONNECTORS]
    if len(rest) < 3:
        return True  # too short to tell: treat as unreadable
    return sum(_is_capital(w) for w in rest) >= 0.75 * len(rest)


def _runs(title: str, words: list[_Word]) -> list[list[_Word]]:
    """Maximal runs of capitalised words (with connectors inside), broken by punctuation,
    lower-case words, possessives and an article after a word (How the Office …)."""
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    for index, word in enumerate(words):
        gap = title[words[index - 1].end : word.start] if index else ""
        lower = word.text.lower()
        article = word.text in _ARTICLES and bool(current)
        if current and (gap.strip() or (article and current[-1].text.lower() not in _CONNECTORS)):
            runs.append(current)
            current = []
        if _is_capital(word.text) or (current and lower in _CONNECTORS):
            current.append(word)
            if word.possessive:
                runs.append(current)
                current = []
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    trimmed = []
    for run in runs:
        if run[0] is words[0] and run[0].text in _STARTERS:
            run = run[1:]
        while run and run[-1].text.lower() in _CONNECTORS:
            run = run[:-1]
        while run and (run[0].text in _LEADING or run[0].text.lower() in _CONNECTORS):
            run = run[1:]
        if len(run) >= 2:
            trimmed.append(run)
    return trimmed


def _phrase(title: str, run: list[_Word]) -> str:
    return " ".join(title[run[0].start : run[-1].end].split())


def _head_ends(words: list[str], heads: frozenset[str]) -> bool:
    """A head word ends the name or is followed by its complement (Department of Energy,
    Strategy on …); National Science Foundation Act is a law, not a foundation."""
    lowered = [w.lower() for w in words]
    positions = [i for i, w in enumerate(lowered) if w in heads]
    if not positions:
        return False
    after = lowered[positions[-1] + 1 :]
    return not after or after[0] in _COMPLEMENT


def _spells(words: list[str], letters: str) -> bool:
    """Do the words' initials (a whole capitalised word like UK counts as its letters) spell
    ``letters``? Connectors may give their initial or nothing (DOE, NASA)."""
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    options = [word.upper()] if word.isupper() and len(word) > 1 else []
    options.append(word[0].upper())
    if any(letters.startswith(o) and _spells(rest, letters[len(o) :]) for o in options):
        return True
    return word.lower() in _CONNECTORS and _spells(rest, letters)


def _spelled_names(title: str, abbr: str) -> set[str]:
    """Every run of capitalised words in ``title`` whose initials spell ``abbr``."""
    letters = "".join(c for c in abbr.upper() if c.isalnum())
    words = _words(title)
    found: set[str] = set()
    for i, first in enumerate(words):
        if not first.text[0].isupper() or first.text.lower() in _CONNECTORS:
            continue
        for j in range(i, min(len(words), i + len(letters) + 4)):
            window = words[i : j + 1]
            last = window[-1].text
            if j > i and title[words[j - 1].end : words[j].start].strip():
                break  # punctuation ends the name
            if not all(_is_capital(w.text) or w.text.lower() in _CONNECTORS for w in window):
                break
            if window[-1].text == abbr:
                break  # the abbreviation spells itself
            closed = len(window) >= 2 and last.lower() not in _CONNECTORS and _is_capital(last)
            if closed and _spells([w.text for w in window], letters):
                found.add(" ".join(title[first.start : window[-1].end].split()))
            if window[-1].possessive:
                break
    return found


@dataclass(frozen=True)
class _ZhName:
    name: str
    zh: str  # as the gazetteer prints it: 英国《国家量子战略》 for the name 国家量子战略
    kind: str
    heads: frozenset[str]
    abbr: str | None = None
    book: bool = False  # written in 《》


def _ending(
    name: str, table: tuple[tuple[str, str, frozenset[str]], ...]
) -> tuple[str, str, frozenset[str]] | None:
    return next((row for row in table if name.endswith(row[0])), None)


def _trim_start(run: str, *, glued: bool = False) -> str | None:
    """The name at the end of a Han run: from the last country name in it that leaves no
    sentence words and no two names joined (能源部和…), else from the run's start (unless
    the run is ``glued`` to what comes before it); None if neither works. A country right
    after another belongs to it (美国国际开发署); 国际 starts a name only at the run's start.
    """
    countries = [m for m in _COUNTRY_RE.finditer(run) if m.group() != "国际" or not m.start()]
    ends = {m.end() for m in countries}
    starts = [m.start() for m in reversed(countries) if m.start() not in ends]
    if glued:
        starts = [start for start in starts if start > 0]
    elif 0 not in starts:
        starts.append(0)
    for start in starts:
        name = run[start:]
        if name[:1] in _BAD_FIRST:
            continue
        if not any(word in name for word in _SENTENCE_WORDS) and not _JOINED_RE.search(name):
            return name
    return None


def _glued(text: str, start: int) -> bool:
    before = text[start - 1] if start else ""
    return bool(before) and (before in _GLUE or (before.isascii() and before.isalnum()))


def _plausible_zh(name: str) -> bool:
    bare = _COUNTRY_RE.sub("", name, count=1) if _COUNTRY_RE.match(name) else name
    return len(bare) >= _MIN_ZH and len(name) <= _MAX_ZH


def _abbreviated_zh(title: str) -> list[_ZhName]:
    """``英国研究与创新署（UKRI）``: the name before a bracketed abbreviation."""
    found = []
    for match in _ABBR_ZH_RE.finditer(title):
        abbr = match.group(2)
        if sum(c.isupper() for c in abbr) < 2:
            continue
        name = _trim_start(match.group(1), glued=_glued(title, match.start()))
        row = _ending(name, _ORG_HEADS) if name else None
        if name and row and _plausible_zh(name):
            found.append(_ZhName(name, name, row[1], row[2], abbr))
    return found


def _plain_zh(title: str, taken: set[str]) -> list[_ZhName] | None:
    """Organisation names without an abbreviation, found by their ending (outside 《》);
    None when some ending's name is unclear, since then the title's names cannot be
    counted."""
    found: dict[str, _ZhName] = {}
    blanked = _BOOK_RE.sub(" ", title)
    for match in re.finditer(_RUN, blanked):
        run = match.group()
        follows = blanked[match.end() : match.end() + 1]
        for end in range(len(run), 0, -1):
            if run[end - 1] not in _ORG_LAST:
                continue
            row = _ending(run[:end], _ORG_HEADS)
            after = run[end:]
            if row is None or (after and not after.startswith(_AFTER_NAME)):
                continue
            if not after and follows and follows in _GLUE:
                return None  # the name goes on after the run
            name = _trim_start(run[:end], glued=_glued(blanked, match.start()))
            if name is None:
                return None
            if _plausible_zh(name) and not any(name in t for t in taken):
                found.setdefault(name, _ZhName(name, name, row[1], row[2]))
            break  # the last ending in a run is the name's; earlier ones sit inside it
    return list(found.values())


def _book_zh(title: str) -> list[_ZhName]:
    """``《人工智能法案》``: a law, strategy or programme by its ending."""
    found = []
    for match in _BOOK_RE.finditer(title):
        name = match.group(1).strip()
        row = _ending(name, _TITLE_HEADS)
        if row and _MIN_ZH <= len(name) <= _MAX_ZH:
            country = _BOOK_COUNTRY_RE.search(title, 0, match.start())
            zh = f"{country.group() if country else ''}《{name}》"
            found.append(_ZhName(name, zh, row[1], row[2], book=True))
    return found


def _english_names(original: str, heads: frozenset[str]) -> dict[str, bool]:
    """Quoted names, and capitalised runs in a sentence-case title, that end in a head word
    (or in a head word and its complement); each with whether it was quoted."""
    names = {" ".join(m.group(1).split()): True for m in _QUOTED_RE.finditer(original)}
    words = _words(original)
    if not _headline_case(words):
        for run in _runs(original, words):
            if not _LIST_GOES_ON_RE.match(original, run[-1].end):
                names.setdefault(_phrase(original, run), False)
    return {n: q for n, q in names.items() if _head_ends([w.text for w in _words(n)], heads)}


def _share_ok(zh: str, en: str) -> bool:
    bare = _COUNTRY_RE.sub("", zh, count=1) if _COUNTRY_RE.match(zh) else zh
    content = len(_content_words(en.split()))
    return content > 0 and _MIN_SHARE <= len(bare) / content <= _MAX_SHARE


def _agrees(name: _ZhName, en: str, need: int = 1) -> bool:
    """The head words agree, and the English words with a known rendering show up in the
    Chinese name (at most one in four may be missing, and at least ``need`` found)."""
    words = [w.lower() for w in en.split()]
    if not name.heads & set(words):
        return False
    found = missing = 0
    for word in _content_words(words):
        options = () if word in name.heads else renderings(word)
        if options:
            if any(option in name.zh for option in options):
                found += 1
            else:
                missing += 1
    return found >= need and missing <= found // 3


@lru_cache(maxsize=1)
def _country_forms() -> tuple[tuple[str, str], ...]:
    """(Chinese country name, ISO code), longest names first."""
    forms = [
        (form, place.code)
        for place in default_places()
        if len(place.code) == 2
        for form in (place.zh, *place.zh_aliases)
    ]
    return tuple(sorted(forms, key=lambda f: -len(f[0])))


def _country(zh: str) -> str | None:
    bare = zh.lstrip("《“")
    return next((code for form, code in _country_forms() if bare.startswith(form)), None)


def _entry(name: _ZhName, en: str | None) -> GazetteerEntry:
    """The entry as the gazetteer writes it, with the abbreviation in （）."""
    return GazetteerEntry(
        zh=f"{name.zh}（{name.abbr}）" if name.abbr else name.zh,
        kind=name.kind,
        en=(en,) if en else (),
        abbr=name.abbr,
        country=_country(name.zh),
    )


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", text) is not None


def _from_pair(original: str, chinese: str) -> list[GazetteerEntry]:
    """The entries one (original, Chinese) title pair shows clearly."""
    entries: list[GazetteerEntry] = []
    abbreviated = _abbreviated_zh(chinese)
    for name in abbreviated:
        assert name.abbr is not None
        if not _has_word(original, name.abbr):
            continue
        spelled = _spelled_names(original, name.abbr)
        en = spelled.pop() if len(spelled) == 1 else None
        if en is None and len(name.abbr) < 3:
            continue  # two letters alone are too ambiguous to learn
        entries.append(_entry(name, en))
    for zh_names, heads in (
        (_book_zh(chinese), _TITLE_WORDS),
        (_plain_zh(chinese, {n.name for n in abbreviated}), _ORG_WORDS),
    ):
        if zh_names is None or len(zh_names) != 1:
            continue
        (name,) = zh_names
        english = _english_names(original, heads)
        if len(english) != 1:
            continue
        ((en, quoted),) = english.items()
        # A quoted name against one in 《》 is marked as a name on both sides, so proper
        # names alone (“Genesis Mission”) will do; elsewhere a known word must match.
        if _agrees(name, en, need=0 if quoted and name.book else 1) and _share_ok(name.name, en):
            entries.append(_entry(name, en))
    return entries


def _known(entry: GazetteerEntry, gazetteer: Gazetteer) -> bool:
    names = [entry.zh, *entry.names(), *entry.en, *([entry.abbr] if entry.abbr else [])]
    return any(gazetteer.lookup(n) is not None for n in names)


def _same_name(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """No English name on one side, or one name holding the other (Fund, FWF Fund)."""
    if not one or not other:
        return True
    a, b = one[0].casefold(), other[0].casefold()
    return a in b or b in a


def _merge(found: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """One entry per Chinese name (English names joined); names explained two ways drop."""
    by_zh: dict[str, GazetteerEntry] = {}
    conflicted: set[str] = set()
    for entry in found:
        key = entry.zh if entry.abbr is None else entry.zh.rsplit("（", 1)[0]
        other = by_zh.get(key)
        if other is None:
            by_zh[key] = entry
        elif (other.abbr and entry.abbr and other.abbr != entry.abbr) or not _same_name(
            other.en, entry.en
        ):
            conflicted.add(key)
        else:
            abbr = other.abbr or entry.abbr
            zh = other.zh if other.abbr else entry.zh
            en = tuple(dict.fromkeys((*other.en, *entry.en)))
            by_zh[key] = replace(other, zh=zh, abbr=abbr, en=en)
    owners: dict[str, set[str]] = defaultdict(set)
    for key, entry in by_zh.items():
        for name in (*entry.en, *([entry.abbr] if entry.abbr else [])):
            owners[name.casefold()].add(key)
    conflicted |= {key for keys in owners.values() if len(keys) > 1 for key in keys}
    return [entry for key, entry in by_zh.items() if key not in conflicted]


def learn_entries(pairs: Iterable[tuple[str, str]], gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """Gazetteer entries the (original title, Chinese title) pairs show, in first-seen order,
    leaving out every name ``gazetteer`` already has."""
    found: list[GazetteerEntry] = []
    for original, chinese in pairs:
        if original and chinese:
            found.extend(_from_pair(original, chinese))
    return [entry for entry in _merge(found) if not _known(entry, gazetteer)]


def gazetteer_with_glossary(gazetteer: Gazetteer, pairs: Iterable[tuple[str, str]]) -> Gazetteer:
    """A new gazetteer: ``gazetteer``'s entries plus those learned from the glossary pairs.

    ``gazetteer`` itself is left as it is (the packaged one is shared). A learned entry
    that still clashes with a name of another (e.g. through a derived spelling) is left out.
    """
    grown = Gazetteer(gazetteer.entries)
    for entry in learn_entries(pairs, gazetteer):
        try:
            grown.add(entry)
        except ConfigError:
            continue
    return grown
