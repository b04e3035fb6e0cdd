"""The Chinese UI is Chinese throughout: stored English sentences (history notes, check
notes, classifier reasons, crawl and discovery errors) are shown translated."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from lxml import html as lxml_html
from markupsafe import Markup

from kuaibao import phrases
from kuaibao.bulletin.house import HouseStyle
from kuaibao.domain import Item, ItemState, Source, SourceKind
from kuaibao.facts.check import CheckResult, Unsupported
from kuaibao.pipeline.drafting import check_notes
from kuaibao.web.core.i18n import Translator
from kuaibao.web.core.state import AppState, utcnow
from kuaibao.web.core.stored_text import render
from kuaibao.workflow.bulletins import add_items, new_bulletin
from tests.support.server import LocalServer, Reply
from tests.support.untranslated import english_words
from tests.web.conftest import SignedIn, WebApp, only_sqlite
from tests.web.triage_corpus import Clustered, Seeded, clustered, seed

__all__ = ["clustered"]  # the session's clustered corpus, a fixture

LABEL_VALUES = {
    "items.kinds.": "money",
    "phrase.kind.": "domain",
    "phrase.writer.": "offline",
    "phrase.address.": "private",
    "phrase.fieldname.": "homepage",
    "phrase.itemfield.": "the title",
    "items.states.": "approved",
    "phrase.action.": "approve",
}


def sample(phrase: phrases.Phrase) -> dict[str, str]:
    values = {}
    for name in phrase.fields:
        if name in phrase.labels:
            values[name] = LABEL_VALUES[phrase.labels[name]]
        elif name in phrase.nested and phrase.strict:
            values[name] = phrases.URL_EXPECTED(value="'ftp://a.example/'")
        elif name in phrase.nested:
            values[name] = phrases.HTTP_STATUS_AT(url="https://a.example/", status=404)
        else:
            values[name] = "https://a.example/x"
    return values


def page_of(fragment: Markup) -> str:
    return f"<html><body><p>{fragment}</p></body></html>"


@pytest.mark.parametrize("phrase", phrases.PHRASES, ids=lambda p: p.msgid)
def test_every_phrase_reads_in_chinese(phrase: phrases.Phrase) -> None:
    shown = render(phrase(**sample(phrase)), Translator("zh"))
    assert english_words(page_of(shown)) == [], shown


@pytest.mark.parametrize("phrase", phrases.PHRASES, ids=lambda p: p.msgid)
def test_english_shows_the_stored_sentence(phrase: phrases.Phrase) -> None:
    """The English catalogue says what the store says (the CLI's wording)."""
    values = sample(phrase)
    english = Translator("en")
    shown = render(phrase(**values), english)
    labelled = {  # labels read as the English UI names them ("Sum" for money)
        name: english.gettext(phrase.labels[name] + value) if name in phrase.labels else value
        for name, value in values.items()
    }
    assert lxml_html.fragment_fromstring(page_of(shown)).text_content() == phrase(**labelled)


def test_unknown_text_is_shown_as_written_and_escaped() -> None:
    assert render("<b>请核对</b>", Translator("zh")) == "&lt;b&gt;请核对&lt;/b&gt;"
    assert render(None, Translator("zh")) == ""


def test_labels_outside_the_catalogue_stay_as_data() -> None:
    shown = render(phrases.REDRAFTED(writer="llm:qwen2.5"), Translator("zh"))
    assert '<span translate="no">llm:qwen2.5</span>' in shown


def test_the_item_editor_shows_history_and_notes_in_chinese(web: WebApp, analyst: SignedIn) -> None:
    store, now = web.store, utcnow()
    failing = CheckResult(
        ok=False, unsupported=[Unsupported(kind="money", text="11亿英镑", start=3, end=9)]
    )
    notes = [
        phrases.WRITER(writer="offline"),
        phrases.LLM_FAILED(detail="HTTP 502"),
        "请补充原始公告",
        *check_notes(failing),
        *check_notes(None),
    ]
    item = store.items.add(
        Item(
            title="英国政府宣布投资11亿英镑建设量子计算中心",
            body=["英国科学、创新和技术部宣布，将投资11亿英镑。"],
            domain="量子技术",
            section="科技政策与科研计划",
            source_urls=["https://www.gov.uk/government/news/quantum"],
            state=ItemState.DRAFT,
            notes=notes,
        ),
        now=now,
        editor="王五",
    )
    assert item.id is not None
    for note in (
        phrases.EDITED(),
        phrases.REDRAFTED(writer="offline"),
        phrases.SUBMITTED(),
        phrases.APPROVED_OVERRIDE(facts="11亿英镑", reason="原文附件中有此数字"),
        phrases.EDITED_AFTER_APPROVAL(),
        phrases.FILED(),
    ):
        item = store.items.update(item, now=now + timedelta(minutes=1), editor="王五", note=note)
    page = analyst.http.get(f"/items/{item.id}")
    assert page.status_code == 200
    assert "事实核查未通过但已批准" in page.text and "［核查］通过" not in page.text
    assert english_words(page.text, data=(analyst.name,)) == []
    english = web.client(cookies={"lang": "en"})
    english.cookies.update(analyst.http.cookies)
    assert "approved over a failing fact check" in english.get(f"/items/{item.id}").text


@pytest.fixture
def seeded(web: WebApp, clustered: Clustered) -> Seeded:
    return seed(web.store, clustered)


def test_classifier_reasons_read_in_chinese(web: WebApp, seeded: Seeded, analyst: SignedIn) -> None:
    page = analyst.http.get(f"/stories/{seeded.chip}")
    root = lxml_html.document_fromstring(page.text)
    (reasons,) = root.xpath('//details[@class="classifier"]')
    shown = lxml_html.tostring(reasons, encoding="unicode")
    assert "规则" in shown
    assert english_words(page_of(Markup(shown))) == []


@only_sqlite
def test_crawl_and_discovery_errors_read_in_chinese(
    web: WebApp, analyst: SignedIn, admin: SignedIn, server: LocalServer
) -> None:
    state: AppState = web.app.state.kuaibao  # discovery without politeness pauses
    fetch = replace(state.settings.fetch, per_host_rate=1000.0, retries=0, respect_robots=False)
    state.settings = replace(state.settings, fetch=fetch)
    store, now = web.store, utcnow()
    errors = [
        phrases.HTTP_STATUS_AT(url="https://a.example/feed", status=503),
        phrases.CONNECT_TIMEOUT(url="https://b.example/feed"),
        phrases.NOT_A_FEED(url="https://c.example/feed", looks="an HTML page"),
    ]
    for n, error in enumerate(errors):
        source = store.sources.add(
            Source(
                name=f"科技部{n}",
                homepage=f"https://s{n}.example/",
                kind=SourceKind.RSS,
                feed_url=f"https://s{n}.example/feed",
            ),
            now=now,
        )
        assert source.id is not None
        store.sources.record_poll(source.id, at=now, error=error, items_seen=None)
    listing = analyst.http.get("/sources")
    assert "返回 HTTP 状态码" in listing.text and "连接" in listing.text
    one = analyst.http.get(f"/sources/{source.id}")
    assert "不是 RSS、Atom 或 JSON 订阅源" in one.text

    server.route("/", Reply(body="<html><head><title>空</title></head><body>空</body></html>"))
    form = {"homepage": server.url("/"), "allow_private": "true", "csrf_token": admin.csrf}
    refused = admin.http.post("/sources", data=form)
    assert refused.status_code == 400 and "未找到订阅源" in refused.text
    form = {"homepage": "ftp://x.example/", "csrf_token": admin.csrf}
    invalid = admin.http.post("/sources", data=form)
    assert invalid.status_code == 400 and "首页地址须为以 http:// 或 https:// 开头" in invalid.text
    for page in (listing.text, one.text, refused.text, invalid.text):
        assert english_words(page, data=(analyst.name, admin.name)) == []


# /settings is left out: its tables are configuration names and values as kuaibao.toml
# spells them. /sources as an admin has the add form (it used to fail to render).
@pytest.mark.parametrize(
    "path",
    ["/", "/triage", "/items", "/bulletins", "/sources", "/search?q=量子", "/users", "/tokens"],
)
@only_sqlite
def test_every_page_is_chinese_on_an_empty_store(web: WebApp, admin: SignedIn, path: str) -> None:
    page = admin.http.get(path)
    assert page.status_code == 200
    assert english_words(page.text, data=(admin.name,)) == []


@only_sqlite
def test_the_login_page_is_chinese(web: WebApp) -> None:
    assert english_words(web.client().get("/login").text) == []


@only_sqlite
def test_workflow_and_publish_refusals_read_in_chinese(web: WebApp, editor: SignedIn) -> None:
    """The refusals people meet on the pages (approving a draft nobody submitted, publishing
    an item credited to nobody) are stored English sentences shown in Chinese."""
    now = utcnow()
    draft, unsigned = web.store.items.add_many(
        [
            Item(title="草稿", body=["正文。"], contributors=["张娟"]),
            Item(title="无署名", body=["正文。"], section="产业动态", state=ItemState.APPROVED),
        ],
        now=now,
    )
    refused = editor.http.post(
        f"/items/{draft.id}/approve", data={"csrf_token": editor.csrf, "version": "1"}
    )
    assert refused.status_code == 400 and "尚未提交审核" in refused.text, refused.text
    assert english_words(refused.text, data=(editor.name,)) == []

    bulletin = new_bulletin(web.store, HouseStyle())
    assert bulletin.id is not None and unsigned.id is not None
    add_items(web.store, bulletin.id, [unsigned.id])
    refused = editor.http.post(
        f"/bulletins/{bulletin.id}/publish", data={"csrf_token": editor.csrf}
    )
    assert refused.status_code == 409 and "没有供稿人" in refused.text, refused.text
    assert english_words(refused.text, data=(editor.name,)) == []
