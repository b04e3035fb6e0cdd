from __future__ import annotations

import pytest

from kuaibao.bulletin.jsonio import bulletin_from_json
from kuaibao.bulletin.render import EXTENSIONS, FORMATS, MEDIA_TYPES, RenderError, render
from kuaibao.errors import KuaibaoError
from tests.bulletin.render_samples import STYLE, sample


def test_every_format_has_a_media_type_and_extension() -> None:
    assert FORMATS == ("html", "pdf", "docx", "md", "json", "feed")
    assert set(MEDIA_TYPES) == set(EXTENSIONS) == set(FORMATS)


def test_unknown_format_is_a_kuaibao_error_listing_the_formats() -> None:
    with pytest.raises(RenderError, match="html, pdf, docx, md, json, feed") as info:
        render(sample(), "rtf", STYLE)
    assert isinstance(info.value, KuaibaoError)


def test_format_names_are_case_insensitive() -> None:
    assert render(sample(), "HTML", STYLE).decode().startswith("<!DOCTYPE html>")
    assert render(sample(), ".md", STYLE).decode().startswith("# 科技快报")


def test_json_is_the_lossless_export() -> None:
    original = sample()
    back = bulletin_from_json(render(original, "json", STYLE).decode("utf-8"))
    assert back.items == original.items
    assert (back.series, back.year, back.number, back.running_number, back.date) == (
        original.series,
        original.year,
        original.number,
        original.running_number,
        original.date,
    )
