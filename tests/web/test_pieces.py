"""The web app's pure parts: URL filter, throttle window, message catalogs, local paths."""

from __future__ import annotations

import pytest

from kuaibao.web.core.auth.throttle import LoginThrottle
from kuaibao.web.core.i18n import LANGUAGES, Translator
from kuaibao.web.core.templating import is_http_url, safe_url, select_options
from kuaibao.web.users.login import local_path


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "/relative/path",
        "https://",
        "http://exa\nmple.org/",
        None,
        42,
    ],
)
def test_only_http_urls_become_links(url: object) -> None:
    assert not is_http_url(url)
    rendered = str(safe_url(url, "标题"))
    assert "<a" not in rendered and rendered.startswith('<span class="inert-url">')


def test_http_links_are_escaped_and_isolated() -> None:
    rendered = str(safe_url('https://x.example/?q="><script>', "<b>t</b>"))
    assert rendered == (
        '<a href="https://x.example/?q=&#34;&gt;&lt;script&gt;" '
        'rel="noopener noreferrer nofollow" target="_blank">&lt;b&gt;t&lt;/b&gt;</a>'
    )
    assert str(safe_url("javascript:x()")) == '<span class="inert-url">javascript:x()</span>'


def test_menu_options_are_escaped_and_mark_the_choice() -> None:
    choices = [("1", "Nature"), ("2", '<script>"x"</script>'), ('3"', "a&b")]
    assert str(select_options(choices, 2)) == (
        '<option value="1">Nature</option>'
        '<option value="2" selected>&lt;script&gt;&#34;x&#34;&lt;/script&gt;</option>'
        '<option value="3&#34;">a&amp;b</option>'
    )
    assert "selected" not in str(select_options(choices, None))
    assert str(select_options([], "1")) == ""


def test_throttle_window_slides() -> None:
    now = [1000.0]
    throttle = LoginThrottle(max_failures=3, window=60, clock=lambda: now[0])
    key = throttle.key(" Wang ", "10.0.0.1")
    assert key == throttle.key("wang", "10.0.0.1")
    for step in (0, 10, 20):
        now[0] = 1000.0 + step
        assert throttle.retry_after(key) == 0
        throttle.failed(key)
    assert throttle.retry_after(key) == 40  # the first failure leaves the window at 1060
    assert throttle.retry_after(throttle.key("wang", "10.0.0.2")) == 0
    now[0] = 1060.0
    assert throttle.retry_after(key) == 0
    throttle.failed(key)
    assert throttle.retry_after(key) == 10
    throttle.succeeded(key)
    assert throttle.retry_after(key) == 0


def test_translator_picks_the_language_and_formats() -> None:
    assert LANGUAGES == ("zh", "en")
    assert Translator("zh")("nav.dashboard") == "仪表盘"
    assert Translator("en").ngettext("login.throttled", "login.throttled", 5).endswith("5 seconds.")
    assert Translator("en").ngettext("login.throttled", "login.throttled", 1).endswith("1 second.")
    assert Translator("xx").lang == "zh"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/items?state=draft", "/items?state=draft"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/ok\r\nSet-Cookie: x", "/"),
        ("", "/"),
    ],
)
def test_redirect_targets_stay_on_site(target: str, expected: str) -> None:
    assert local_path(target) == expected
