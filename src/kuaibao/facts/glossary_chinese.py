"""The Chinese side of a glossary title pair: the organisation, law and programme names
it holds, found by their endings (基金会, 管理局, 法案, 计划 …).

A name counts only when its ends are clear: it stops before a word that may follow a name
(宣布, 的), and it starts at a country name or at the start of a Han run. When a plain
organisation name (one without a bracketed abbreviation) runs on or cannot be cut from
its sentence, the title yields no plain names at all, since its names can then no longer
be counted against the original's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kuaibao.text.scripts import HAN


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
ORG_WORDS = frozenset().union(*(heads for _, _, heads in _ORG_HEADS))
TITLE_WORDS = frozenset().union(*(heads for _, _, heads in _TITLE_HEADS))
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
_RUN = f"[{HAN}·]+"  # a Han run; the middle dot joins transliterated names (艾伦·图灵)
# A run right after these continues a longer name (科学、创新和技术部, 美国SLAC国家…).
_GLUE = "、-－–—/"
_JOINED_RE = re.compile("(?:" + "|".join(e for e, _, _ in _ORG_HEADS) + ")[和与及、]")
# Starts only where a Han run starts, so a long run without an abbreviation after it is
# scanned once, not once per character.
_ABBR_ZH_RE = re.compile(rf"(?<![{HAN}·])({_RUN})[（(]([A-Z][A-Za-z0-9&-]{{1,11}})[）)]")
_BOOK_RE = re.compile(r"《([^《》]{2,30})》")
_BOOK_COUNTRY_RE = re.compile(r"(?:美国|英国|欧盟|欧洲|日本|德国|法国|韩国|加拿大|澳大利亚|印度)$")
_MIN_ZH, _MAX_ZH = 3, 24


@dataclass(frozen=True)
class ZhName:
    """A Chinese name found in a title, with what the English side must agree with."""

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


def without_country(name: str) -> str:
    """The name without the country it starts with (美国国家科学基金会 → 国家科学基金会), so
    length checks weigh the name itself."""
    return _COUNTRY_RE.sub("", name, count=1) if _COUNTRY_RE.match(name) else name


def _plausible_zh(name: str) -> bool:
    bare = without_country(name)
    return len(bare) >= _MIN_ZH and len(name) <= _MAX_ZH


def abbreviated_zh(title: str) -> list[ZhName]:
    """``英国研究与创新署（UKRI）``: the name before a bracketed abbreviation."""
    found = []
    for match in _ABBR_ZH_RE.finditer(title):
        abbr = match.group(2)
        if sum(c.isupper() for c in abbr) < 2:
            continue
        name = _trim_start(match.group(1), glued=_glued(title, match.start()))
        row = _ending(name, _ORG_HEADS) if name else None
        if name and row and _plausible_zh(name):
            found.append(ZhName(name, name, row[1], row[2], abbr))
    return found


def plain_zh(title: str, taken: set[str]) -> list[ZhName] | None:
    """Organisation names without an abbreviation, found by their ending (outside 《》);
    None when some ending's name is unclear, since then the title's names cannot be
    counted."""
    found: dict[str, ZhName] = {}
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
                found.setdefault(name, ZhName(name, name, row[1], row[2]))
            break  # the last ending in a run is the name's; earlier ones sit inside it
    return list(found.values())


def book_zh(title: str) -> list[ZhName]:
    """``《人工智能法案》``: a law, strategy or programme by its ending."""
    found = []
    for match in _BOOK_RE.finditer(title):
        name = match.group(1).strip()
        row = _ending(name, _TITLE_HEADS)
        if row and _MIN_ZH <= len(name) <= _MAX_ZH:
            country = _BOOK_COUNTRY_RE.search(title, 0, match.start())
            zh = f"{country.group() if country else ''}《{name}》"
            found.append(ZhName(name, zh, row[1], row[2], book=True))
    return found
