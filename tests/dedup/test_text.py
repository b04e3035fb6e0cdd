from __future__ import annotations

from kuaibao.dedup.text import han_bigrams, lead, script, shingle_tokens, stem, terms


def test_terms_drop_stop_words_and_fold_plurals() -> None:
    assert terms("The grants were awarded to the companies") == ["grant", "awarded", "company"]


def test_terms_cut_chinese_into_bigrams_without_function_characters() -> None:
    assert terms("新型储能的项目") == ["新型", "型储", "储能", "能项", "项目"]


def test_full_width_digits_and_letters_are_folded() -> None:
    assert terms("ＡＩ ２０２６") == ["ai", "2026"]


def test_stem_leaves_short_and_non_plural_words() -> None:
    assert [stem(w) for w in ("bus", "gas", "analysis", "batteries", "chips")] == [
        "bus", "gas", "analysis", "battery", "chip",
    ]  # fmt: skip


def test_han_bigrams_of_a_single_character_is_that_character() -> None:
    assert han_bigrams("芯") == ["芯"]


def test_shingle_tokens_keep_every_word_and_character() -> None:
    assert shingle_tokens("The 芯片 fab") == ["the", "芯", "片", "fab"]


def test_script_follows_the_majority_of_letters() -> None:
    assert script("英国政府拨款2.4亿英镑", "用于建设工厂") == "han"
    assert script("Caldera wins grant", "The 芯片 plant in Newport") == "latin"


def test_lead_repeats_the_title_and_cuts_chinese_shorter() -> None:
    english = lead("Title", "word " * 400, 600)
    chinese = lead("标题", "字" * 1000, 600)
    assert english.startswith("Title\nTitle\n")
    assert len(english) < 620
    assert len(chinese) == len("标题\n标题\n") + 240


def test_zero_and_rare_ideographs_are_han_like_every_other() -> None:
    """The one Han range (kuaibao.text.scripts) includes 〇 and planes 2 and 3; with the
    old, narrower range 二〇二四年 broke into 二 / 二四年 and rare-character text read as Latin."""
    assert terms("二〇二四年 𠀀𠀁研究") == ["二〇", "〇二", "二四", "四年", "𠀀𠀁", "𠀁研", "研究"]
    assert script("𠀀𠀁𠀂𠀃 研究", "") == "han"
