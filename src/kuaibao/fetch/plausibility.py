"""How much a decoded string reads like real text: the judge behind charset detection.

A wrong codec rarely fails outright: windows-1252 accepts almost any byte, and GBK, Big5,
EUC-JP and EUC-KR share byte ranges, so one script's bytes decode as another's characters.
What gives a misreading away is *which* characters come out: replacement and control
characters, runs of accented capitals and symbols (``ÖÐÎÄ``), rare ideographs instead of
the few thousand in daily use, kanji without the kana Japanese always has, hangul without
the spaces Korean always has. Common-character sets come from the codecs' own level-1 and
level-2 tables (GB2312, Big5, JIS X 0208), so no word lists are shipped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kuaibao.text.scripts import HAN, is_han_char

BAD = -3.0  # a character real text never contains
SCORED_CHARS = 4_000  # non-ASCII characters looked at; plenty to judge, cheap to compute

# Ideographs that make up most of everyday Chinese prose, simplified then traditional forms;
# a misreading lands on these only by chance.
_FREQUENT_HAN = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后"
    "作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因"
    "只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应"
    "战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿"
    "原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太"
    "量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界"
    "达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今"
    "切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎存未"
    "远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火"
    "断精满支视消越器容照须九增研写称企八功包片史委乎查轻易早曾除农找装广显阿李标谈吃图念六引历首医局"
    "突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴"
    "派孩验责营星够章音跟志底站严例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗"
    "双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球"
    "般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置"
    "居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村策演简卡罪判担州静退既衣宗"
    "积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善刘读超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优"
    "這個們來為國說時會對發過後裡麼經當現從動兩間問還進實種與關點業將長機開應體軍義學樣頭見讓無變話員"
    "總電數報寫書東給條幾車邊親極導運飛風規覺術領確傳師觀識帶爭筆聯組濟辦議證轉準遠單歷響雖勢參眾構節"
    "護興驗責營範紀採舉殺攻蘇訴細願錢網熱屬職樂剛狀彈創錯權區隊處論鄉團價華離況亞請際約複病線斷滿視須"
    "級質農廣顯圖標談專費號較語僅隨選據統許設計產氣題類則調資達戰認難環研究展科技"
)
# Hangul syllables that make up most of everyday Korean prose.
_FREQUENT_HANGUL = frozenset(
    "이다는의에가을하고서지한로기사도를으자리어정대나아시일인적과수보제부있장국전주해상여게면요라만것"
    "우원들성구방연그동문공세내소생위화업회실발경중관개신치계통체무선결조합비진심양분행명물력미학산당"
    "점차법교역반유마오본단후간모외습음년월했니까저거좀더없또및등새안번금말날때못려야와않집곳알재임민"
    "목표준영설료출품질근래형태운특감확립현된될됩던써며든받할록움직었예술강약용향책늘능련투협획추글벌"
    "데터배너환변항바네트워크플랫폼스"
)

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACED_HAN = re.compile(f"[{HAN}] (?=[{HAN}])")
_SPACED_HANGUL = re.compile(r"[\uac00-\ud7a3] (?=[\uac00-\ud7a3])")


def plausibility(text: str) -> float:
    """Score decoded text from about -3 (garbage) to 1.0 (reads like real text)."""
    runs = _runs(text)
    chars = "".join(runs)
    controls = len(_CONTROLS.findall(text))
    if not chars and not controls:
        return 1.0
    profile = _profile(chars)
    total = BAD * controls
    for run in runs:
        total += sum(_run_weights(run, profile))
    score = total / (len(chars) + controls)
    return score - _spacing_penalty(text, chars, profile)


def _runs(text: str) -> list[str]:
    """Maximal runs of non-ASCII characters, up to the scoring budget."""
    runs: list[str] = []
    budget = SCORED_CHARS
    for match in _NON_ASCII.finditer(text):
        runs.append(match.group()[:budget])
        budget -= len(runs[-1])
        if budget <= 0:
            break
    return runs


def _profile(chars: str) -> str:
    """Which CJK language the characters look like: ``ja``, ``ko``, ``zh`` or ``other``."""
    kana = sum(1 for c in chars if "\u3040" <= c <= "\u30ff")
    hangul = sum(1 for c in chars if "\uac00" <= c <= "\ud7a3")
    han = sum(1 for c in chars if is_han_char(c))
    letters = kana + hangul + han
    if letters == 0 or letters < len(chars) * 0.3:
        return "other"
    if hangul >= letters * 0.3:
        return "ko"
    if kana >= letters * 0.1:
        return "ja"
    return "zh"


def _run_weights(run: str, profile: str) -> list[float]:
    """Per-character weights; accented-Latin runs typical of mojibake are marked down."""
    weights = [_weight(c, profile) for c in run]
    start = 0
    while start < len(run):
        end = start
        while end < len(run) and _is_latinish(run[end]):
            end += 1
        if end - start >= 2 and _looks_like_mojibake(run[start:end]):
            weights[start:end] = [-1.0] * (end - start)
        start = end + 1
    return weights


def _looks_like_mojibake(latin: str) -> bool:
    """Two or more adjacent accented characters with a capital or a symbol among them."""
    if len(latin) >= 4:
        return True
    return any(not (c.isalpha() and c.islower()) for c in latin)


def _is_latinish(char: str) -> bool:
    """Characters windows-1252 produces from high bytes: Latin-1, Latin Extended, ˆ and ˜."""
    return "\u00a0" <= char <= "\u024f" or char in "\u02c6\u02dc"


def _weight(char: str, profile: str) -> float:
    """How typical one non-ASCII character is of real text in the given profile."""
    code = ord(char)
    if char == "\ufffd" or 0x80 <= code <= 0x9F:
        return BAD
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E or 0xFFE0 <= code <= 0xFFE6:
        return 1.0  # before the Han test: 〇 (U+3007) is a Han numeral but an everyday one
    if is_han_char(char):
        return _han_weight(char, profile)
    if 0x3040 <= code <= 0x30FF:
        return {"ja": 1.0, "zh": 0.3, "ko": 0.3}.get(profile, 0.5)
    if 0xAC00 <= code <= 0xD7A3:
        return 1.0 if char in _FREQUENT_HANGUL else 0.7 if char in _hangul_common() else 0.3
    if 0x3130 <= code <= 0x318F or 0xFF61 <= code <= 0xFF9F:
        return 0.0  # stray jamo, half-width katakana: what misread EUC/SJIS bytes become
    category = unicodedata.category(char)
    if category in ("Co", "Cn", "Cs", "Cc"):
        return BAD
    if category[0] == "L":
        return 0.5 if profile in ("zh", "ja", "ko") and code < 0x2000 else 1.0
    if category[0] in "PZ" or category == "Sc":
        return 1.0
    if category[0] == "N":
        return 0.8
    return 0.5


def _han_weight(char: str, profile: str) -> float:
    """Ideographs in daily use score high; rare ones are what misread bytes produce."""
    zh_common, zh_rare, jis_1, jis_2 = _han_sets()
    if profile == "ja":
        return 1.0 if char in jis_1 else 0.6 if char in jis_2 else 0.2
    if profile == "ko":
        return 0.4
    if char in _FREQUENT_HAN:
        return 1.0
    return 0.75 if char in zh_common else 0.45 if char in zh_rare else 0.15


def _spacing_penalty(text: str, chars: str, profile: str) -> float:
    """Chinese and Japanese do not put spaces between words; Korean always does."""
    if profile in ("zh", "ja"):
        han = sum(1 for c in chars if is_han_char(c))
        ratio = len(_SPACED_HAN.findall(text)) / max(han, 1)
        return max(0.0, min(0.4, 2 * (ratio - 0.02)))
    if profile == "ko":
        hangul = sum(1 for c in chars if "\uac00" <= c <= "\ud7a3")
        if hangul >= 12 and len(_SPACED_HANGUL.findall(text)) < hangul * 0.05:
            return 0.2
    return 0.0


@cache
def _han_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(common Chinese, rarer Chinese, JIS level 1, JIS level 2) read off the codec tables."""
    euc_trails = range(0xA1, 0xFF)
    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    zh_common = _table("gb2312", range(0xB0, 0xD8), euc_trails) | _table(
        "big5", range(0xA4, 0xC7), big5_trails
    )
    zh_rare = _table("gb2312", range(0xD8, 0xF8), euc_trails) | _table(
        "big5", range(0xC9, 0xFA), big5_trails
    )
    jis_1 = _table("euc_jp", range(0xB0, 0xD0), euc_trails)
    jis_2 = _table("euc_jp", range(0xD0, 0xF5), euc_trails)
    return zh_common, zh_rare - zh_common, jis_1, jis_2


@cache
def _hangul_common() -> frozenset[str]:
    """The 2,350 syllables of KS X 1001, which cover nearly all real Korean text."""
    found: set[str] = set()
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            found.add(bytes((lead, trail)).decode("euc_kr", "replace"))
    return frozenset(found - {"\ufffd"})


def _table(codec: str, leads: range, trails: range | list[int]) -> frozenset[str]:
    """Every character a two-byte codec maps from the given lead and trail bytes."""
    found: set[str] = set()
    for lead in leads:
        for trail in trails:
            try:
                found.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                continue
    return frozenset(char for char in found if is_han_char(char))
