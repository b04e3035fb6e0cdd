"""An organisation whose Chinese name holds an ordinal (第三代…) is still checked."""

from __future__ import annotations

from kuaibao.facts import check_draft


def test_an_organisation_with_an_ordinal_in_its_name_is_checked() -> None:
    draft = "第三代合作伙伴计划（3GPP）宣布将投入1180亿美元。"
    wrong = check_draft("Hewlett Packard Enterprise will invest $118 billion.", draft)
    assert [(u.text, u.kind) for u in wrong.unsupported] == [
        ("第三代合作伙伴计划（3GPP）", "organisation")
    ]
    right = "The 3rd Generation Partnership Project will invest $118 billion."
    assert check_draft(right, draft).ok


def test_ordinals_alone_are_still_not_facts() -> None:
    assert check_draft("The agency opened a call.", "该机构启动第三轮征集。").ok
