from __future__ import annotations

from kuaibao.bulletin.render.fitting import MEASURE_PT, SMALLEST_PT, fit_css, fit_text, fit_url


def width_pt(text: str, points: float) -> float:
    return len(text) * 0.5 * points  # URLs here are ASCII: 0.5 em each in the mono face


def test_short_url_keeps_the_largest_size() -> None:
    fitted = fit_url("https://example.org/a")
    assert fitted.lines == ["https://example.org/a"]
    assert fitted.css_class == "fit-90"


def test_medium_url_shrinks_to_fit_one_line() -> None:
    url = "https://www.example.org/" + "x" * 110
    fitted = fit_url(url)
    points = int(fitted.css_class.split("-")[1]) / 10
    assert fitted.lines == [url]
    assert SMALLEST_PT <= points < 9.0
    assert width_pt(url, points) <= MEASURE_PT < width_pt(url, points + 0.5)


def test_long_url_is_cut_never_after_a_hyphen_nor_before_http() -> None:
    url = "https://www.example.org/" + "-".join(["abcdefghi"] * 40) + "?next=http://b.example/"
    fitted = fit_url(url)
    assert fitted.css_class == "fit-60"
    assert "".join(fitted.lines) == url
    assert len(fitted.lines) >= 3
    assert not [line for line in fitted.lines if line.endswith("-")]
    assert not [line for line in fitted.lines[1:] if line.lower().startswith("http")]
    assert all(width_pt(line, SMALLEST_PT) <= MEASURE_PT for line in fitted.lines)


def test_wide_characters_count_double() -> None:
    url = "https://example.org/" + "中" * 80
    assert fit_url(url).css_class != fit_url("https://example.org/" + "a" * 80).css_class


def test_text_sizes_shrink_with_length_and_reserve() -> None:
    assert fit_text("短标题", 12.5, 10.0) == "fit-125"
    assert fit_text("很" * 40, 12.5, 10.0) == "fit-115"
    assert fit_text("很" * 80, 12.5, 10.0) == "fit-100"  # never below the smallest
    assert fit_text("很" * 40, 10.5, 8.0, reserve_em=6) == "fit-100"


def test_css_defines_every_size_for_print_only() -> None:
    css = fit_css()
    assert css.startswith("@media print {")
    for name, size in (("fit-140", "14pt"), ("fit-105", "10.5pt"), ("fit-60", "6pt")):
        assert f".{name} {{ font-size: {size}; }}" in css
