"""Charset detection on real sentences in many codecs, with headers that lie."""

from __future__ import annotations

import codecs
import gzip
import random
import re
from pathlib import Path

import pytest

from kuaibao.fetch import decode_body
from kuaibao.fetch.charset import declared_encodings, widen
from kuaibao.fetch.plausibility import plausibility

SIMPLIFIED = "国家科技部今天发布了关于人工智能发展的新政策，强调加强基础研究和人才培养。"
TRADITIONAL = "國家科學技術委員會今日公布新的半導體產業政策，強調加強基礎研究與人才培育。"
JAPANESE = "政府は本日、人工知能の研究開発に関する新しい方針を発表しました。"
KOREAN = "정부는 오늘 인공지능 연구 개발에 관한 새로운 정책을 발표했습니다."
FRENCH = "Le ministère a publié une stratégie détaillée pour la recherche française et européenne."
GERMAN = "Die Bundesregierung fördert Künstliche Intelligenz mit größeren Mitteln für Forschung."

# (text, codec the body is written in, the codec we expect to be reported)
CASES = [
    (SIMPLIFIED, "gb2312", "gb18030"),
    (SIMPLIFIED, "gbk", "gb18030"),
    (SIMPLIFIED, "gb18030", "gb18030"),
    (TRADITIONAL, "big5", "big5hkscs"),
    (TRADITIONAL, "gb18030", "gb18030"),
    (JAPANESE, "shift_jis", "cp932"),
    (JAPANESE, "euc_jp", "euc_jp"),
    (JAPANESE, "iso2022_jp", "iso2022_jp"),
    (KOREAN, "euc_kr", "cp949"),
    (FRENCH, "cp1252", "cp1252"),
    (GERMAN, "cp1252", "cp1252"),
    (SIMPLIFIED, "utf-8", "utf-8"),
    (KOREAN, "utf-8", "utf-8"),
]
# What a header can claim: nothing, the truth's usual label, or one of the common lies.
HEADERS = [None, "utf-8", "iso-8859-1", "windows-1252", "gbk", "big5", "shift_jis", "euc-kr"]


def page(text: str, meta: str | None = None) -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<html><head>{head}<title>{text[:6]}</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(("text", "codec", "reported"), CASES)
@pytest.mark.parametrize("header", HEADERS)
def test_sentences_survive_any_header(
    text: str, codec: str, reported: str, header: str | None
) -> None:
    for body in (text, page(text)):
        decoded, encoding = decode_body(body.encode(codec), header)
        assert decoded == body
        assert encoding == reported


@pytest.mark.parametrize(("text", "codec", "reported"), CASES)
def test_lying_meta_tag_is_overruled(text: str, codec: str, reported: str) -> None:
    liar = "utf-8" if codec != "utf-8" else "gbk"
    body = page(text, meta=liar)
    assert decode_body(body.encode(codec), None) == (body, reported)


def test_truthful_meta_beats_lying_header() -> None:
    body = page(TRADITIONAL, meta="big5")
    assert decode_body(body.encode("big5"), "gbk") == (body, "big5hkscs")


def test_xml_declaration_is_read() -> None:
    feed = f'<?xml version="1.0" encoding="big5"?><rss><title>{TRADITIONAL}</title></rss>'
    assert decode_body(feed.encode("big5"), "utf-8", "application/rss+xml")[0] == feed


@pytest.mark.parametrize(
    ("text", "codec", "header"),
    [
        ("人工智能", "gbk", None),
        ("量子计算研究进展", "gb2312", "iso-8859-1"),
        ("半導體產業", "big5", "utf-8"),
        ("研究開発の方針", "shift_jis", "euc-kr"),
        ("東京大学の新しい研究", "euc_jp", "big5"),
        ("인공지능 연구", "euc_kr", "gbk"),
        ("Réseau européen", "cp1252", None),
        ("été", "cp1252", "utf-8"),
        ("中文", "gbk", "iso-8859-1"),
        ("한국어", "euc_kr", None),
    ],
)
def test_short_texts(text: str, codec: str, header: str | None) -> None:
    assert decode_body(text.encode(codec), header)[0] == text


def test_header_gbk_but_body_utf8() -> None:
    assert decode_body(SIMPLIFIED.encode("utf-8"), "gbk") == (SIMPLIFIED, "utf-8")


def test_boms_win() -> None:
    assert decode_body(codecs.BOM_UTF8 + SIMPLIFIED.encode(), "gbk") == (SIMPLIFIED, "utf-8")
    utf16 = codecs.BOM_UTF16_LE + JAPANESE.encode("utf-16-le")
    assert decode_body(utf16, "shift_jis") == (JAPANESE, "utf-16-le")


def test_ascii_and_empty() -> None:
    assert decode_body(b"plain text", "gbk") == ("plain text", "ascii")
    assert decode_body(b"", None) == ("", "utf-8")


def test_other_declared_single_byte_codecs_are_honoured() -> None:
    russian = "Правительство объявило о новой программе развития науки."
    assert decode_body(russian.encode("cp1251"), "windows-1251") == (russian, "cp1251")
    assert decode_body(russian.encode("koi8-r"), "koi8-r") == (russian, "koi8-r")


def test_smart_punctuation_in_windows_1252() -> None:
    text = "The report said “quantum advantage” — again… for €5 million."
    assert decode_body(text.encode("cp1252"), None) == (text, "cp1252")


def test_garbage_never_raises_and_says_lossy() -> None:
    rng = random.Random(42)
    for size in (1, 7, 300, 5000):
        junk = bytes(rng.randrange(256) for _ in range(size))
        text, encoding = decode_body(junk, "utf-8")
        assert isinstance(text, str)
        assert encoding.endswith("(lossy)") or encoding != "utf-8"
    assert decode_body(b"\x00\xff\xfe\x81" * 200, None)[1] == "utf-8 (lossy)"


def test_bad_bytes_late_in_a_good_document_mark_it_lossy() -> None:
    body = (SIMPLIFIED * 3).encode("gb18030") + b"\xff"
    text, encoding = decode_body(body, "gbk")
    assert text.startswith(SIMPLIFIED)
    assert encoding == "gb18030 (lossy)"


def test_large_document_with_late_non_ascii() -> None:
    body = "<!-- padding -->\n" * 30_000 + f"<p>{SIMPLIFIED}</p>"
    assert decode_body(body.encode("gb18030"), "iso-8859-1") == (body, "gb18030")


def test_labels_widen_to_supersets() -> None:
    assert widen("GB2312") == ("gb18030",)
    assert widen("x-sjis") == ("cp932", "shift_jis_2004")
    assert widen("ISO-8859-1") == ("cp1252",)
    assert widen("ks_c_5601-1987") == ("cp949",)
    assert widen("no-such-charset") == ()


def test_declared_encodings_reads_meta_and_header_in_order() -> None:
    head = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5">'
    assert declared_encodings(head, "gbk") == ["big5hkscs", "cp950", "gb18030"]


def test_plausibility_separates_text_from_mojibake() -> None:
    assert plausibility(SIMPLIFIED) > 0.85
    assert plausibility(JAPANESE) > 0.85
    assert plausibility(KOREAN) > 0.85
    assert plausibility(FRENCH) > 0.85
    assert plausibility(SIMPLIFIED.encode("gb18030").decode("cp1252", "replace")) < 0
    assert plausibility(FRENCH.encode("utf-8").decode("cp1252")) < 0.5
    assert plausibility(TRADITIONAL.encode("big5").decode("gb18030", "replace")) < 0.75


# A Chinese article long enough to look like a real page, in the codecs Chinese sites use.
SENTENCES = [
    f"{n}. {sentence}"
    for n in range(6)
    for sentence in (
        "中国科学院今天宣布，新一代超导量子计算原型机完成了关键测试。",
        "专家认为，这项进展标志着我国在量子技术领域的基础研究能力持续提升。",
        "与此同时，多家企业正在加快布局量子通信和量子测量，相关产业链逐步成形。",
    )
]
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _damage(body: bytes, count: int, seed: int) -> bytes:
    """Overwrite ``count`` high bytes with 0xFF, as truncations and bad pastes do."""
    rng = random.Random(seed)
    damaged = bytearray(body)
    high = [i for i, byte in enumerate(damaged) if byte >= 0x80]
    for index in rng.sample(high, count):
        damaged[index] = 0xFF
    return bytes(damaged)


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "big5", "utf-8"])
@pytest.mark.parametrize("meta", [True, False])
@pytest.mark.parametrize("header", [None, "iso-8859-1", "utf-8", "declared"])
@pytest.mark.parametrize("broken", [1, 4, 12])
def test_a_few_broken_bytes_decode_like_a_browser(
    codec: str, meta: bool, header: str | None, broken: int
) -> None:
    """Only the sentences hit are lost (as in a browser); the codec, and the rest, stand."""
    sentences = SENTENCES if codec != "big5" else [f"{n} {TRADITIONAL}" for n in range(18)]
    label = codec if header == "declared" else header
    body = page("\n".join(sentences), meta=codec if meta else None).encode(codec)
    for seed in range(3):
        decoded, encoding = decode_body(_damage(body, broken, seed), label)
        assert encoding == decode_body(body, codec)[1] + " (lossy)"
        intact = [sentence for sentence in sentences if sentence in decoded]
        assert len(intact) >= len(sentences) - broken
        assert decoded.count("\ufffd") <= 3 * broken  # UTF-8: one per orphaned byte


BENCH = Path(__file__).parents[3] / "shared" / "bench" / "chinese-extraction-benchmark" / "html"


@pytest.mark.skipif(not BENCH.is_dir(), reason="../shared/bench is not beside the checkout")
def test_real_chinese_pages_with_broken_bytes_keep_their_codec() -> None:
    for path in sorted(BENCH.glob("*.html.gz"))[::3]:  # a third is plenty, and quick
        raw = gzip.decompress(path.read_bytes())
        clean, codec = decode_body(raw, None)
        undeclared = re.sub(rb"charset\s*=\s*[\"']?[\w-]+", b"", raw)
        for body in (raw, undeclared):
            decoded, encoding = decode_body(_damage(body, 6, len(raw)), None)
            assert encoding == f"{codec.split()[0]} (lossy)", path.name
            assert len(CYRILLIC.findall(decoded)) <= len(CYRILLIC.findall(clean)) + 50


def test_undeclared_cyrillic_is_still_recognised() -> None:
    text = "Правительство объявило о новой программе развития науки и техники. " * 20
    assert decode_body(text.encode("cp1251"), None) == (text, "cp1251")


def test_utf32_byte_order_marks() -> None:
    for codec, bom in (("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE)):
        assert decode_body(bom + SIMPLIFIED.encode(codec), "gbk") == (SIMPLIFIED, codec)


def test_supplementary_plane_ideographs_count_as_rare_han_and_zero_as_everyday() -> None:
    """One Han range (kuaibao.text.scripts) reaches planes 2 and 3: ideographs there are
    rare, which is what misread bytes produce, so they no longer score as ordinary letters
    (they did: 1.0, as high as everyday characters). 〇 is Han but an everyday numeral,
    and keeps the full score it had as a CJK symbol."""
    assert plausibility("研究人员表示进展" * 5) == 1.0
    assert plausibility("研究𠀀𠀁𠀂𠀃𠀄𠀅" * 5) < 0.5
    assert plausibility("二〇二四年" * 8) == 1.0
