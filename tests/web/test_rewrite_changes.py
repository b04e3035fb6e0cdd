"""Where an accepted rewrite goes in the analyst's current text (pure)."""

from __future__ import annotations

import pytest

from kuaibao.web.items.editing import EditRejectedError
from kuaibao.web.items.rewrite_changes import with_rewrite


def test_the_paragraph_is_replaced_where_it_is_now() -> None:
    assert with_rewrite(["甲。", "乙。"], 1, "甲。", "新甲。") == ["新甲。", "乙。"]
    # The analyst added a paragraph above it: the same text is found one place lower.
    assert with_rewrite(["新开头。", "甲。", "乙。"], 1, "甲。", "新甲。") == [
        "新开头。",
        "新甲。",
        "乙。",
    ]


def test_a_changed_or_ambiguous_paragraph_is_refused() -> None:
    with pytest.raises(EditRejectedError, match="paragraph 1 has changed"):
        with_rewrite(["改过的甲。", "乙。"], 1, "甲。", "新甲。")
    with pytest.raises(EditRejectedError):
        with_rewrite(["丙。", "甲。", "甲。"], 1, "甲。", "新甲。")
