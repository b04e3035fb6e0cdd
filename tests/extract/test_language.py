"""detect_language: scripts first, then function words; None when unsure."""

from __future__ import annotations

import pytest

from kuaibao.extract.language import detect_language, script_counts

SAMPLES = {
    "en": "The agency said that the new satellite was launched on Tuesday and that it "
    "will study the climate of the polar regions for at least five years.",
    "de": "Die Regierung hat am Dienstag ein neues Programm für die Forschung an "
    "Quantencomputern vorgestellt, das auch von der Industrie unterstützt wird.",
    "fr": "Le gouvernement a présenté mardi un nouveau programme pour la recherche sur "
    "les ordinateurs quantiques, qui sont au cœur de la stratégie nationale.",
    "es": "El gobierno presentó el martes un nuevo programa para la investigación de "
    "los ordenadores cuánticos, que son parte de la estrategia del país.",
    "it": "Il governo ha presentato martedì un nuovo programma per la ricerca sui "
    "computer quantistici, che sono anche al centro della strategia nazionale.",
    "pt": "O governo apresentou na terça-feira um novo programa para a pesquisa de "
    "computadores quânticos, que são parte da estratégia do país e das empresas.",
    "ru": "Правительство во вторник представило новую программу исследований в "
    "области квантовых вычислений, которая поддержана промышленностью.",
    "uk": "Уряд у вівторок представив нову програму досліджень квантових обчислень, "
    "яку підтримує промисловість і її партнери.",
    "zh": "国务院近日印发关于加快量子信息技术发展的指导意见，提出到二〇三〇年"
    "形成较为完善的产业体系，并加强基础研究和人才培养。",
    "ja": "政府は火曜日、量子コンピューターの研究に関する新しい計画を発表しました。"
    "産業界もこの計画を支援しています。",
    "ko": "정부는 화요일 양자 컴퓨터 연구를 위한 새로운 계획을 발표했으며 산업계도 "
    "이 계획을 지원하고 있다고 밝혔다.",
    "el": "Η κυβέρνηση παρουσίασε την Τρίτη ένα νέο πρόγραμμα για την έρευνα στους "
    "κβαντικούς υπολογιστές.",
}


@pytest.mark.parametrize(("expected", "text"), sorted(SAMPLES.items()))
def test_detects_language_of_article_sentences(expected: str, text: str) -> None:
    assert detect_language(text) == expected


def test_chinese_with_english_terms_is_still_chinese() -> None:
    text = "英伟达（NVIDIA）发布新一代GPU架构Blackwell，面向人工智能训练和推理，性能显著提升。"
    assert detect_language(text * 2) == "zh"


def test_japanese_needs_kana_not_just_han() -> None:
    han_only = "東京大学量子計算研究中心発表新型超伝導量子計算機" * 2
    assert detect_language(han_only) == "zh"
    assert detect_language(han_only + "を発表しました") == "ja"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12345 67890 !!! ???",
        "short",
        "Palm Bay 70 Rockledge 44 — 14 11 6 15; 22 9 18 21",  # a score table: no language
    ],
)
def test_thin_or_unknown_evidence_gives_none(text: str) -> None:
    assert detect_language(text) is None


# Languages the old function-word tables mislabelled (nl as es, pl as pt, ca as es) or
# could not name; the sentences are our own.
MORE_SAMPLES = {
    "nl": "De regering heeft dinsdag een nieuw programma voor onderzoek naar "
    "kwantumcomputers gepresenteerd, dat ook door de industrie wordt gesteund.",
    "pl": "Rząd przedstawił we wtorek nowy program badań nad komputerami kwantowymi, "
    "który jest wspierany także przez przemysł i uczelnie.",
    "ca": "El govern va presentar dimarts un nou programa per a la recerca en "
    "ordinadors quàntics, que també compta amb el suport de la indústria.",
    "sv": "Regeringen presenterade på tisdagen ett nytt program för forskning om "
    "kvantdatorer, som också stöds av industrin och universiteten.",
    "cs": "Vláda v úterý představila nový program výzkumu kvantových počítačů, "
    "který podporuje také průmysl a vysoké školy.",
    "tr": "Hükümet salı günü kuantum bilgisayarları üzerine araştırma için yeni bir "
    "program sundu ve sanayi de programı destekliyor.",
    "id": "Pemerintah pada hari Selasa memperkenalkan program baru untuk penelitian "
    "komputer kuantum yang juga didukung oleh industri dan universitas.",
    "vi": "Chính phủ hôm thứ Ba đã giới thiệu một chương trình mới về nghiên cứu "
    "máy tính lượng tử, được ngành công nghiệp ủng hộ.",
    "ar": "قدمت الحكومة يوم الثلاثاء برنامجا جديدا للبحث في الحواسيب الكمومية "
    "بدعم من الصناعة والجامعات.",
}


@pytest.mark.parametrize(("expected", "text"), sorted(MORE_SAMPLES.items()))
def test_languages_beyond_the_old_six(expected: str, text: str) -> None:
    assert detect_language(text) == expected


def test_script_counts_counts_letters_per_script() -> None:
    counts = script_counts("abc 中文 かな 한국 Ωμ")
    assert counts["latin"] == 3
    assert counts["han"] == 2
    assert counts["kana"] == 2
    assert counts["hangul"] == 2
    assert counts["greek"] == 2


def test_only_the_opening_of_a_long_text_is_read() -> None:
    english, german = SAMPLES["en"], SAMPLES["de"]
    assert detect_language(english * 20 + german * 200) == "en"
    assert detect_language(german * 20 + english * 200) == "de"


def test_english_and_cjk_never_load_the_model() -> None:
    """The fast paths keep a Chinese and English crawl free of the model's 100 MB."""
    from kuaibao.extract import language

    language._identifier.cache_clear()
    assert detect_language(SAMPLES["en"] * 3) == "en"
    assert detect_language(SAMPLES["zh"]) == "zh"
    assert language._identifier.cache_info().misses == 0
    assert detect_language(MORE_SAMPLES["nl"]) == "nl"
    assert language._identifier.cache_info().misses == 1
